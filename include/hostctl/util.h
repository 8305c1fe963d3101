/*
 * util.h - memory and string building blocks.
 *
 * Allocation failure aborts the process (hc_x* functions): every write to
 * the state is atomic, so an abort can lose nothing, and input sizes are
 * capped before anything is allocated from them (hostctl(7), LIMITS).
 */
#ifndef HOSTCTL_UTIL_H
#define HOSTCTL_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

void *hc_xmalloc(size_t n);
void *hc_xcalloc(size_t n, size_t size);
void *hc_xrealloc(void *p, size_t n);
char *hc_xstrdup(const char *s);
char *hc_xstrndup(const char *s, size_t n);

/* Grows array *p of elements of size `size` so that it holds at least
 * `need` elements; *cap is updated. */
void hc_grow(void **p, size_t *cap, size_t need, size_t size);
#define HC_GROW(p, cap, need) hc_grow((void **)&(p), &(cap), (need), sizeof(*(p)))

/*
 * Arena: many small allocations freed together. A record's strings and
 * lists live in the arena it was decoded into; hc_arena_release() frees
 * them all at once and invalidates every pointer handed out.
 */
struct hc_arena_chunk;
struct hc_arena {
	struct hc_arena_chunk *head;
	size_t total;                /* bytes handed out, for memory caps */
};
void hc_arena_init(struct hc_arena *a);
void hc_arena_release(struct hc_arena *a);
/* Empties the arena for reuse, as hc_arena_release() would, but keeps one
 * chunk so that a loop decoding record after record does not go back to
 * malloc for each. Invalidates every pointer handed out. */
void hc_arena_reset(struct hc_arena *a);
/* Memory aligned for any type; never NULL. */
void *hc_arena_alloc(struct hc_arena *a, size_t n);
void *hc_arena_calloc(struct hc_arena *a, size_t n, size_t size);
char *hc_arena_strdup(struct hc_arena *a, const char *s);
char *hc_arena_strndup(struct hc_arena *a, const char *s, size_t n);
char *hc_arena_printf(struct hc_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Growable byte buffer, always NUL-terminated (p is never NULL after
 * hc_buf_init). hc_buf_release() frees it; hc_buf_detach() hands the memory
 * to the caller, who frees it with free().
 */
struct hc_buf {
	char *p;
	size_t len, cap;
};
extern char hc_buf_empty[1];
#define HC_BUF_INIT { hc_buf_empty, 0, 0 }
void hc_buf_init(struct hc_buf *b);
void hc_buf_release(struct hc_buf *b);
char *hc_buf_detach(struct hc_buf *b, size_t *len);
void hc_buf_reset(struct hc_buf *b);
void hc_buf_add(struct hc_buf *b, const void *data, size_t n);
void hc_buf_adds(struct hc_buf *b, const char *s);
void hc_buf_addc(struct hc_buf *b, char c);
void hc_buf_addf(struct hc_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void hc_buf_truncate(struct hc_buf *b, size_t len);
/* Writing in place: hc_buf_reserve() makes room for extra more bytes and
 * returns where they go (p + len; p may move); hc_buf_commit() then adds
 * the n <= extra bytes written there to the buffer. */
char *hc_buf_reserve(struct hc_buf *b, size_t extra);
void hc_buf_commit(struct hc_buf *b, size_t n);

/* Whether s[0..n) is well-formed UTF-8 (no overlongs, surrogates or code
 * points above U+10FFFF). */
bool hc_utf8_valid(const char *s, size_t n);

/* Whether s is a safe single path component for a record id or a claim
 * value: 1..128 bytes of [A-Za-z0-9._-], not starting with '.' or '-',
 * no "..", no '/', NUL or control characters. */
bool hc_name_valid(const char *s);

bool hc_str_has_prefix(const char *s, const char *prefix);
bool hc_str_has_suffix(const char *s, const char *suffix);

/* v in decimal into buf (at least HC_I64_BUFSZ bytes); returns buf. As
 * "%lld" would, without printf's cost on hot output paths. */
#define HC_I64_BUFSZ 21
char *hc_i64_text(char *buf, int64_t v);

/* 64-bit FNV-1a, for hashing names (not for security). */
uint64_t hc_hash64(const void *data, size_t n, uint64_t seed);

/*
 * A set of strings (open addressing). hc_set_add copies nothing: the
 * strings must outlive the set (use an arena). hc_set_release frees the
 * table only.
 */
struct hc_set {
	const char **slot;
	size_t n, cap;
};
void hc_set_init(struct hc_set *s);
void hc_set_release(struct hc_set *s);
/* Returns false when s already held str. */
bool hc_set_add(struct hc_set *s, const char *str);
bool hc_set_has(const struct hc_set *s, const char *str);

/*
 * A map from strings to indexes (open addressing), for finding an entry
 * of an array by name. Keys are not copied: they must outlive the map.
 */
struct hc_map {
	const char **key;
	size_t *val;
	size_t n, cap;
};
void hc_map_init(struct hc_map *m);
void hc_map_release(struct hc_map *m);
/* The index stored for key, or SIZE_MAX. */
size_t hc_map_get(const struct hc_map *m, const char *key);
/* Stores val for key (replacing any). */
void hc_map_put(struct hc_map *m, const char *key, size_t val);

#endif
