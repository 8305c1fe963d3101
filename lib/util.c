/*
 * util.c - allocation, arenas, byte buffers, UTF-8 and name checks.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostctl/util.h"

/* Under AddressSanitizer an arena's free space is poisoned: reading past
 * an allocation, or through a pointer kept across hc_arena_reset(), fails
 * the way it would with malloc'ed blocks. */
#if defined(__SANITIZE_ADDRESS__)
#define HC_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HC_ASAN 1
#endif
#endif
#ifdef HC_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

void *hc_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		abort();
	return p;
}

void *hc_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		abort();
	return p;
}

void *hc_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		abort();
	return q;
}

char *hc_xstrdup(const char *s)
{
	return hc_xstrndup(s, strlen(s));
}

char *hc_xstrndup(const char *s, size_t n)
{
	char *p = hc_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void hc_grow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap;

	if (need <= c)
		return;
	if (c < 8)
		c = 8;
	while (c < need) {
		if (c > SIZE_MAX / 2 / size)
			abort();
		c *= 2;
	}
	*p = hc_xrealloc(*p, c * size);
	*cap = c;
}

/* ---- arena ---------------------------------------------------------- */

struct hc_arena_chunk {
	struct hc_arena_chunk *next;
	size_t used, size;
	max_align_t data[];
};

/* Chunks double from ARENA_CHUNK up to ARENA_CHUNK_MAX: a per-record arena
 * stays one small chunk, a long-lived one reaches sizes that malloc maps
 * on their own, off the heap that the YAML parser churns through. */
#define ARENA_CHUNK (16 * 1024)
#define ARENA_CHUNK_MAX (1024 * 1024)

void hc_arena_init(struct hc_arena *a)
{
	a->head = NULL;
	a->total = 0;
}

void hc_arena_release(struct hc_arena *a)
{
	struct hc_arena_chunk *c = a->head, *next;

	for (; c; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
	a->total = 0;
}

void hc_arena_reset(struct hc_arena *a)
{
	struct hc_arena_chunk *keep = a->head, *c, *next;

	if (keep && keep->size > ARENA_CHUNK_MAX)
		keep = NULL;
	for (c = a->head; c; c = next) {
		next = c->next;
		if (c != keep)
			free(c);
	}
	if (keep) {
		keep->next = NULL;
		keep->used = 0;
		POISON(keep->data, keep->size);
	}
	a->head = keep;
	a->total = 0;
}

void *hc_arena_alloc(struct hc_arena *a, size_t n)
{
	const size_t align = sizeof(max_align_t);
	struct hc_arena_chunk *c = a->head;
	size_t asked = n;
	void *p;

	n = (n + align - 1) / align * align;
	if (n == 0)
		n = align;
	if (!c || c->size - c->used < n) {
		size_t std = !c ? ARENA_CHUNK : c->size >= ARENA_CHUNK_MAX / 2 ? ARENA_CHUNK_MAX
			     : c->size < ARENA_CHUNK ? ARENA_CHUNK : c->size * 2;
		bool big = n > std / 2;
		size_t size = big ? n : std;

		c = hc_xmalloc(sizeof(*c) + size);
		c->size = size;
		c->used = 0;
		POISON(c->data, size);
		if (big && a->head) {
			/* A big block goes behind the current chunk so the rest
			 * of that chunk stays usable. */
			c->next = a->head->next;
			a->head->next = c;
			c->used = n;
			a->total += n;
			UNPOISON(c->data, asked);
			return (char *)c->data;
		}
		c->next = a->head;
		a->head = c;
	}
	p = (char *)c->data + c->used;
	c->used += n;
	a->total += n;
	UNPOISON(p, asked);
	return p;
}

void *hc_arena_calloc(struct hc_arena *a, size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size)
		abort();
	p = hc_arena_alloc(a, n * size);
	memset(p, 0, n * size);
	return p;
}

char *hc_arena_strndup(struct hc_arena *a, const char *s, size_t n)
{
	char *p = hc_arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *hc_arena_strdup(struct hc_arena *a, const char *s)
{
	return hc_arena_strndup(a, s, strlen(s));
}

char *hc_arena_printf(struct hc_arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	assert(n >= 0);
	p = hc_arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

/* ---- buffers -------------------------------------------------------- */

char hc_buf_empty[1];

void hc_buf_init(struct hc_buf *b)
{
	b->p = hc_buf_empty;
	b->len = 0;
	b->cap = 0;
}

void hc_buf_release(struct hc_buf *b)
{
	if (b->cap)
		free(b->p);
	hc_buf_init(b);
}

char *hc_buf_detach(struct hc_buf *b, size_t *len)
{
	char *p;

	if (!b->cap)
		hc_buf_add(b, "", 0);
	p = b->p;
	if (len)
		*len = b->len;
	hc_buf_init(b);
	return p;
}

void hc_buf_reset(struct hc_buf *b)
{
	hc_buf_truncate(b, 0);
}

static void buf_reserve(struct hc_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (!b->p)
		hc_buf_init(b);
	if (need <= b->cap)
		return;
	if (!b->cap) {
		size_t cap = need < 64 ? 64 : need;

		b->p = hc_xmalloc(cap);
		b->p[0] = '\0';
		b->cap = cap;
		return;
	}
	{
		char *p = b->p;

		hc_grow((void **)&p, &b->cap, need, 1);
		b->p = p;
	}
}

char *hc_buf_reserve(struct hc_buf *b, size_t extra)
{
	buf_reserve(b, extra);
	return b->p + b->len;
}

void hc_buf_commit(struct hc_buf *b, size_t n)
{
	assert(b->cap && b->len + n < b->cap);
	b->len += n;
	b->p[b->len] = '\0';
}

void hc_buf_add(struct hc_buf *b, const void *data, size_t n)
{
	buf_reserve(b, n);
	if (n)
		memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void hc_buf_adds(struct hc_buf *b, const char *s)
{
	hc_buf_add(b, s, strlen(s));
}

void hc_buf_addc(struct hc_buf *b, char c)
{
	hc_buf_add(b, &c, 1);
}

void hc_buf_addf(struct hc_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	assert(n >= 0);
	buf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void hc_buf_truncate(struct hc_buf *b, size_t len)
{
	assert(len <= b->len);
	if (!b->cap)
		return;
	b->len = len;
	b->p[len] = '\0';
}

/* ---- text checks ---------------------------------------------------- */

bool hc_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;

	while (p < end) {
		unsigned c = *p;
		size_t need;
		unsigned cp, min;

		if (c < 0x80) {
			p++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			need = 1, cp = c & 0x1f, min = 0x80;
		} else if ((c & 0xf0) == 0xe0) {
			need = 2, cp = c & 0x0f, min = 0x800;
		} else if ((c & 0xf8) == 0xf0) {
			need = 3, cp = c & 0x07, min = 0x10000;
		} else {
			return false;
		}
		if ((size_t)(end - p) <= need)
			return false;
		for (size_t i = 1; i <= need; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (p[i] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		p += need + 1;
	}
	return true;
}

/* 1: a name character; 2: '.', which may not follow another. */
#define NAME_CHARS(X) \
	X('0') X('1') X('2') X('3') X('4') X('5') X('6') X('7') X('8') X('9') \
	X('a') X('b') X('c') X('d') X('e') X('f') X('g') X('h') X('i') X('j') X('k') X('l') \
	X('m') X('n') X('o') X('p') X('q') X('r') X('s') X('t') X('u') X('v') X('w') X('x') \
	X('y') X('z') X('A') X('B') X('C') X('D') X('E') X('F') X('G') X('H') X('I') X('J') \
	X('K') X('L') X('M') X('N') X('O') X('P') X('Q') X('R') X('S') X('T') X('U') X('V') \
	X('W') X('X') X('Y') X('Z') X('_') X('-')
#define NAME_CHAR(c) [c] = 1,
static const unsigned char name_chars[256] = { NAME_CHARS(NAME_CHAR) ['.'] = 2 };

bool hc_name_valid(const char *s)
{
	size_t i;

	if (s[0] == '.' || s[0] == '-')
		return false;
	/* One pass: the character set, no "..", 1..128 bytes. */
	for (i = 0; s[i]; i++) {
		unsigned char k = name_chars[(unsigned char)s[i]];

		if (k == 1)
			continue;
		if (k == 0 || i == 128 || (i && s[i - 1] == '.'))
			return false;
	}
	return i > 0 && i <= 128;
}

bool hc_str_has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool hc_str_has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

uint64_t hc_hash64(const void *data, size_t n, uint64_t seed)
{
	const unsigned char *p = data;
	uint64_t h = 1469598103934665603ULL ^ seed;

	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* ---- string sets ------------------------------------------------------ */

void hc_set_init(struct hc_set *s)
{
	s->slot = NULL;
	s->n = s->cap = 0;
}

void hc_set_release(struct hc_set *s)
{
	free(s->slot);
	hc_set_init(s);
}

static size_t set_find(const char **slot, size_t cap, const char *str)
{
	size_t i = (size_t)hc_hash64(str, strlen(str), 0) & (cap - 1);

	while (slot[i] && strcmp(slot[i], str) != 0)
		i = (i + 1) & (cap - 1);
	return i;
}

bool hc_set_add(struct hc_set *s, const char *str)
{
	size_t i;

	if ((s->n + 1) * 4 >= s->cap * 3) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		const char **slot = hc_xcalloc(cap, sizeof(*slot));

		for (size_t k = 0; k < s->cap; k++)
			if (s->slot[k])
				slot[set_find(slot, cap, s->slot[k])] = s->slot[k];
		free(s->slot);
		s->slot = slot;
		s->cap = cap;
	}
	i = set_find(s->slot, s->cap, str);
	if (s->slot[i])
		return false;
	s->slot[i] = str;
	s->n++;
	return true;
}

bool hc_set_has(const struct hc_set *s, const char *str)
{
	return s->cap && s->slot[set_find(s->slot, s->cap, str)] != NULL;
}

void hc_map_init(struct hc_map *m)
{
	memset(m, 0, sizeof(*m));
}

void hc_map_release(struct hc_map *m)
{
	free(m->key);
	free(m->val);
	hc_map_init(m);
}

size_t hc_map_get(const struct hc_map *m, const char *key)
{
	size_t i;

	if (!m->cap)
		return SIZE_MAX;
	i = set_find(m->key, m->cap, key);
	return m->key[i] ? m->val[i] : SIZE_MAX;
}

void hc_map_put(struct hc_map *m, const char *key, size_t val)
{
	size_t i;

	if ((m->n + 1) * 4 >= m->cap * 3) {
		size_t cap = m->cap ? m->cap * 2 : 64;
		const char **k = hc_xcalloc(cap, sizeof(*k));
		size_t *v = hc_xcalloc(cap, sizeof(*v));

		for (size_t j = 0; j < m->cap; j++)
			if (m->key[j]) {
				i = set_find(k, cap, m->key[j]);
				k[i] = m->key[j];
				v[i] = m->val[j];
			}
		free(m->key);
		free(m->val);
		m->key = k;
		m->val = v;
		m->cap = cap;
	}
	i = set_find(m->key, m->cap, key);
	if (!m->key[i]) {
		m->key[i] = key;
		m->n++;
	}
	m->val[i] = val;
}

char *hc_i64_text(char *buf, int64_t v)
{
	char tmp[HC_I64_BUFSZ];
	/* Magnitude as unsigned: INT64_MIN has no positive counterpart. */
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	size_t n = 0, k = 0;

	do
		tmp[n++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		buf[k++] = '-';
	while (n)
		buf[k++] = tmp[--n];
	buf[k] = '\0';
	return buf;
}
