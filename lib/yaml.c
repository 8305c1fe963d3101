/*
 * yaml.c - strict, bounded YAML documents on libyaml's event API, and the
 * scalar quoting rules of the writers.
 */
#include <assert.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "hostctl/yaml.h"

const struct hc_yaml_limits hc_yaml_default_limits = {
	.max_scalar = HC_YAML_MAX_SCALAR,
	.max_depth = HC_YAML_MAX_DEPTH,
	.max_nodes = HC_YAML_MAX_NODES,
};

/* ---- scalar resolution (YAML 1.2 core schema) ----------------------- */

static bool all_in(const char *s, size_t n, const char *set)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!strchr(set, s[i]) || s[i] == '\0')
			return false;
	return true;
}

static bool eq(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && memcmp(s, w, n) == 0;
}

static bool eq_any(const char *s, size_t n, const char *const *words)
{
	for (; *words; words++)
		if (eq(s, n, *words))
			return true;
	return false;
}

static const char *const null_words[] = { "~", "null", "Null", "NULL", NULL };
static const char *const bool_words[] = { "true", "True", "TRUE", "false", "False", "FALSE", NULL };
static const char *const inf_words[] = { ".inf", ".Inf", ".INF", NULL };
static const char *const nan_words[] = { ".nan", ".NaN", ".NAN", NULL };

#define DIGITS "0123456789"

/* [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? */
static bool is_core_float(const char *s, size_t n)
{
	size_t i = 0, d = 0;

	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++, d++;
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++, d++;
	}
	if (d == 0)
		return false;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		size_t e = 0;

		i++;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			i++;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++, e++;
		if (e == 0)
			return false;
	}
	return i == n;
}

static bool all_digits(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

enum hc_scalar_kind hc_yaml_resolve(const char *s, size_t n)
{
	size_t i = 0;

	if (n == 0)
		return HC_SCALAR_NULL;
	/* Performance fix (tests/bench): every null, bool, int and float form
	 * below starts with one of these characters; any other plain scalar
	 * (most keys, names, hostnames ...) is a string without the dozen
	 * word comparisons, which were 7 % of sla-report's instructions. */
	switch (s[0]) {
	case 'n': case 'N': case 't': case 'T': case 'f': case 'F': case '~':
		if (n <= 5 && eq_any(s, n, null_words))
			return HC_SCALAR_NULL;
		if (n <= 5 && eq_any(s, n, bool_words))
			return HC_SCALAR_BOOL;
		return HC_SCALAR_STR;     /* no number starts with these */
	case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
	case '8': case '9': case '+': case '-': case '.':
		break;
	default:
		return HC_SCALAR_STR;
	}
	if (n > 2 && s[0] == '0' && s[1] == 'o' && all_in(s + 2, n - 2, "01234567"))
		return HC_SCALAR_INT;
	if (n > 2 && s[0] == '0' && s[1] == 'x' && all_in(s + 2, n - 2, DIGITS "abcdefABCDEF"))
		return HC_SCALAR_INT;
	if (s[0] == '-' || s[0] == '+')
		i = 1;
	if (all_digits(s + i, n - i))
		return HC_SCALAR_INT;
	if (is_core_float(s, n))
		return HC_SCALAR_FLOAT;
	if (eq_any(s + i, n - i, inf_words) || eq_any(s, n, nan_words))
		return HC_SCALAR_FLOAT;
	return HC_SCALAR_STR;
}

/* YAML 1.1 timestamps (PyYAML: "2026-11-21", "2026-1-2T3:04:05Z" ...):
 * YYYY-M?M-D?D alone (two-digit month and day) or followed by 'T', 't', a
 * space or a tab and a digit. Errs on the side of quoting. */
static bool is_yaml11_timestamp(const char *s, size_t n)
{
	size_t i = 0, m = 0, d = 0;

	while (i < 4 && i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i != 4 || i >= n || s[i++] != '-')
		return false;
	while (m < 2 && i < n && s[i] >= '0' && s[i] <= '9')
		i++, m++;
	if (m == 0 || i >= n || s[i++] != '-')
		return false;
	while (d < 2 && i < n && s[i] >= '0' && s[i] <= '9')
		i++, d++;
	if (d == 0)
		return false;
	if (i == n)
		return m == 2 && d == 2;
	if (s[i] != 'T' && s[i] != 't' && s[i] != ' ' && s[i] != '\t')
		return false;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < n && (s[i] == 'T' || s[i] == 't'))
		i++;
	return i < n && s[i] >= '0' && s[i] <= '9';
}

/* Plain scalars that YAML 1.1 readers (PyYAML, Ruby) take for something
 * other than a string although YAML 1.2 does not. */
static bool is_yaml11_special(const char *s, size_t n)
{
	static const char *const words11[] = {
		"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
		"on", "On", "ON", "off", "Off", "OFF", NULL
	};
	size_t i = 0, j;

	if (eq_any(s, n, words11))
		return true;
	if (is_yaml11_timestamp(s, n))
		return true;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	/* 1.1 binary and hex ints: 0b[01_]+, 0x[0-9a-fA-F_]+ (not "0b6a7d...") */
	if (i + 2 < n && s[i] == '0' && s[i + 1] == 'b' && all_in(s + i + 2, n - i - 2, "01_"))
		return true;
	if (i + 2 < n && s[i] == '0' && s[i + 1] == 'x' &&
	    all_in(s + i + 2, n - i - 2, DIGITS "abcdefABCDEF_"))
		return true;
	/* ints and sexagesimals with '_' and ':' ([0-9][0-9_]*(:[0-5]?[0-9])*) */
	j = i;
	while (j < n && ((s[j] >= '0' && s[j] <= '9') || s[j] == '_' || s[j] == ':'))
		j++;
	if (j > i && s[i] >= '0' && s[i] <= '9') {
		if (j == n)
			return true;
		/* floats: [0-9][0-9_:]*\.[0-9_]*([eE][-+][0-9]+)? */
		if (s[j] == '.') {
			j++;
			while (j < n && ((s[j] >= '0' && s[j] <= '9') || s[j] == '_'))
				j++;
			if (j == n)
				return true;
			if (s[j] == 'e' || s[j] == 'E')
				return true;
		}
		return false;
	}
	if (i < n && s[i] == '.' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9')
		return true;
	return false;
}

/* The YAML escape for a non-ASCII character a reader would not take back
 * as written: NEL and the line and paragraph separators are line breaks,
 * C1 controls and U+FFFE/U+FFFF are not printable (libyaml refuses them).
 * NULL when the UTF-8 sequence at p is fine as it is. */
static const char *unicode_escape(const unsigned char *p, char buf[8])
{
	static const char hex[] = "0123456789ABCDEF";

	if (p[0] == 0xc2 && p[1] == 0x85)
		return "\\N";
	if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
		buf[0] = '\\', buf[1] = 'x', buf[2] = hex[p[1] >> 4], buf[3] = hex[p[1] & 15];
		buf[4] = '\0';
		return buf;
	}
	if (p[0] == 0xe2 && p[1] == 0x80 && p[2] == 0xa8)
		return "\\L";
	if (p[0] == 0xe2 && p[1] == 0x80 && p[2] == 0xa9)
		return "\\P";
	if (p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf))
		return p[2] == 0xbe ? "\\uFFFE" : "\\uFFFF";
	return NULL;
}

static bool plain_char_ok(unsigned char c)
{
	if (c >= 0x80)
		return true;
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return true;
	return c != '\0' && strchr(" _./:@+()=~%,-", c) != NULL;
}

static bool plain_ok(const char *s)
{
	size_t n = strlen(s);
	unsigned char first = (unsigned char)s[0];
	char esc[8];

	if (n == 0)
		return false;
	if (!(first >= 0x80 || (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') ||
	      (first >= '0' && first <= '9') || first == '_' || first == '.' || first == '/' ||
	      first == '('))
		return false;
	if (s[n - 1] == ' ' || s[n - 1] == ':')
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!plain_char_ok((unsigned char)s[i]))
			return false;
		if (s[i] == ':' && s[i + 1] == ' ')
			return false;
		if (unicode_escape((const unsigned char *)s + i, esc))
			return false;
	}
	if (hc_yaml_resolve(s, n) != HC_SCALAR_STR)
		return false;
	if (is_yaml11_special(s, n))
		return false;
	return hc_utf8_valid(s, n);
}

void hc_yaml_quote(struct hc_buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	if (plain_ok(s)) {
		hc_buf_adds(out, s);
		return;
	}
	hc_buf_addc(out, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		char ubuf[8];
		const char *u = *p >= 0x80 ? unicode_escape(p, ubuf) : NULL;

		if (u) {
			/* Skip the rest of the escaped UTF-8 sequence. */
			hc_buf_adds(out, u);
			p += *p == 0xc2 ? 1 : 2;
			continue;
		}
		switch (*p) {
		case '"': hc_buf_adds(out, "\\\""); break;
		case '\\': hc_buf_adds(out, "\\\\"); break;
		case '\n': hc_buf_adds(out, "\\n"); break;
		case '\t': hc_buf_adds(out, "\\t"); break;
		case '\r': hc_buf_adds(out, "\\r"); break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				char esc[5] = { '\\', 'x', hex[*p >> 4], hex[*p & 15], 0 };

				hc_buf_adds(out, esc);
			} else {
				hc_buf_addc(out, (char)*p);
			}
		}
	}
	hc_buf_addc(out, '"');
}

void hc_json_quote(struct hc_buf *out, const char *s)
{
	static const char hex[] = "0123456789abcdef";

	hc_buf_addc(out, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': hc_buf_adds(out, "\\\""); break;
		case '\\': hc_buf_adds(out, "\\\\"); break;
		case '\n': hc_buf_adds(out, "\\n"); break;
		case '\t': hc_buf_adds(out, "\\t"); break;
		case '\r': hc_buf_adds(out, "\\r"); break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				char esc[7] = { '\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15], 0 };

				hc_buf_adds(out, esc);
			} else {
				hc_buf_addc(out, (char)*p);
			}
		}
	}
	hc_buf_addc(out, '"');
}

/* ---- the tree builder ----------------------------------------------- */

struct frame {
	enum hc_node_type type;
	int line, col;
	size_t start;            /* first pending pair of this collection */
	bool have_key;
	const char *key;
	int kline, kcol;
};

struct builder {
	const char *buf;
	size_t len;
	const char *path;
	const struct hc_yaml_limits *lim;
	struct hc_arena *a;
	struct hc_error *err;

	struct frame *frames;
	size_t nframes, frames_cap;
	struct hc_pair *pend;    /* pending children of open collections */
	size_t npend, pend_cap;
	size_t nodes;
	struct hc_node *root;
	/* A record fits in these; deeper or wider documents move to the heap
	 * (stack_grow), so most parses never call malloc for the builder. */
	struct frame frames0[HC_YAML_MAX_DEPTH];
	struct hc_pair pend0[64];
};

/* HC_GROW for an array that starts in the builder itself. */
static void stack_grow(void **p, size_t *cap, size_t need, size_t size, void *first)
{
	size_t old = *cap;

	if (need <= old)
		return;
	if (*p != first) {
		hc_grow(p, cap, need, size);
		return;
	}
	*p = NULL;
	*cap = 0;
	hc_grow(p, cap, need, size);
	memcpy(*p, first, old * size);
}
#define STACK_GROW(b, arr, cap, need) \
	stack_grow((void **)&(b)->arr, &(b)->cap, (need), sizeof(*(b)->arr), (b)->arr##0)

/* Line and column (1-based, counted in characters) of a byte offset. */
static void offset_position(const char *buf, size_t len, size_t off, int *line, int *col)
{
	int l = 1, c = 1;

	if (off > len)
		off = len;
	for (size_t i = 0; i < off; i++) {
		if (buf[i] == '\n')
			l++, c = 1;
		else if (((unsigned char)buf[i] & 0xc0) != 0x80)
			c++;
	}
	*line = l;
	*col = c;
}

static __attribute__((cold)) int parser_error(struct builder *b, yaml_parser_t *p)
{
	int line, col;
	const char *what = p->problem ? p->problem : "malformed document";

	if (p->error == YAML_READER_ERROR) {
		size_t off = p->problem_offset;

		/* libyaml reports a bad trailing octet at that octet (often the
		 * newline after a truncated sequence); point at the character it
		 * breaks, which starts at the reader's offset. */
		if (p->offset < off && off - p->offset < 4)
			off = p->offset;
		offset_position(b->buf, b->len, off, &line, &col);
		if (p->problem_value != -1 && strstr(what, "UTF-8"))
			return hc_error_at(b->err, HC_EINVALID, b->path, line, col,
					   "invalid UTF-8 (%s)", what);
		return hc_error_at(b->err, HC_EINVALID, b->path, line, col, "invalid text: %s", what);
	}
	line = (int)p->problem_mark.line + 1;
	col = (int)p->problem_mark.column + 1;
	/* "could not find expected ':'" is found where libyaml gave up (the
	 * next line, or past an over-long key); the key itself is the
	 * context mark. */
	if (p->context && strcmp(p->context, "while scanning a simple key") == 0) {
		line = (int)p->context_mark.line + 1;
		col = (int)p->context_mark.column + 1;
	}
	if (p->context)
		return hc_error_at(b->err, HC_EINVALID, b->path, line, col,
				   "invalid YAML: %s %s", what, p->context);
	return hc_error_at(b->err, HC_EINVALID, b->path, line, col, "invalid YAML: %s", what);
}

static __attribute__((cold)) int at_event(struct builder *b, const yaml_event_t *ev,
					   const char *msg)
{
	return hc_error_at(b->err, HC_EINVALID, b->path, (int)ev->start_mark.line + 1,
			   (int)ev->start_mark.column + 1, "%s", msg);
}

static int cmp_pair_key(const void *x, const void *y)
{
	const struct hc_pair *const *a = x, *const *b = y;
	int c = strcmp((*a)->key, (*b)->key);

	if (c)
		return c;
	/* Equal keys: file order, so the later one is reported. */
	if ((*a)->line != (*b)->line)
		return (*a)->line < (*b)->line ? -1 : 1;
	return (*a)->col < (*b)->col ? -1 : (*a)->col > (*b)->col;
}

/* Text quoted from a file into a message is shown with \xHH for control
 * characters, so a hostile key or value cannot drive a terminal or forge a
 * line of output. */
static void escape_controls(char *msg, size_t size)
{
	char tmp[512];
	size_t o = 0;

	for (const unsigned char *p = (const unsigned char *)msg; *p && o + 5 < sizeof(tmp); p++) {
		if (*p < 0x20 || *p == 0x7f) {
			static const char hex[] = "0123456789ABCDEF";

			tmp[o++] = '\\', tmp[o++] = 'x', tmp[o++] = hex[*p >> 4], tmp[o++] = hex[*p & 15];
		} else {
			tmp[o++] = (char)*p;
		}
	}
	if (o >= size)
		o = size - 1;
	memcpy(msg, tmp, o);
	msg[o] = '\0';
}

static int check_duplicates(struct builder *b, struct hc_pair *pairs, size_t n)
{
	struct hc_pair **sorted, *dup = NULL, *first = NULL;
	int rc = HC_OK;

	if (n < 2)
		return HC_OK;
	if (n <= 64) {
		/* Records' maps: keys in file order into a hash table on the
		 * stack, so the first key repeating an earlier one is found
		 * without sorting or malloc. */
		unsigned char slot[128] = { 0 };     /* pair index + 1 */

		for (size_t i = 0; i < n; i++) {
			size_t j = hc_hash64(pairs[i].key, strlen(pairs[i].key), 0) & 127;

			while (slot[j] && strcmp(pairs[slot[j] - 1].key, pairs[i].key) != 0)
				j = (j + 1) & 127;
			if (!slot[j]) {
				slot[j] = (unsigned char)(i + 1);
				continue;
			}
			hc_error_at(b->err, HC_EINVALID, b->path, pairs[i].line, pairs[i].col,
				    "duplicate key '%s' (first at line %d)", pairs[i].key,
				    pairs[slot[j] - 1].line);
			if (b->err)
				escape_controls(b->err->msg, sizeof(b->err->msg));
			return HC_EINVALID;
		}
		return HC_OK;
	}
	sorted = hc_xmalloc(n * sizeof(*sorted));
	for (size_t i = 0; i < n; i++)
		sorted[i] = &pairs[i];
	qsort(sorted, n, sizeof(*sorted), cmp_pair_key);
	/* Report the repetition that comes first in the file, as the small-map
	 * path does, not the one whose key sorts first. */
	for (size_t i = 1; i < n; i++) {
		if (strcmp(sorted[i]->key, sorted[i - 1]->key) == 0 &&
		    (!dup || sorted[i]->line < dup->line ||
		     (sorted[i]->line == dup->line && sorted[i]->col < dup->col))) {
			dup = sorted[i];
			first = sorted[i - 1];
		}
	}
	if (dup) {
		rc = hc_error_at(b->err, HC_EINVALID, b->path, dup->line, dup->col,
				 "duplicate key '%s' (first at line %d)", dup->key, first->line);
		if (b->err)
			escape_controls(b->err->msg, sizeof(b->err->msg));
	}
	free(sorted);
	return rc;
}

/* A finished node goes to its parent, or becomes the root. */
static int attach(struct builder *b, const struct hc_node *node, const yaml_event_t *ev)
{
	struct frame *f;
	struct hc_pair *pr;

	if (b->nframes == 0) {
		b->root = hc_arena_alloc(b->a, sizeof(*b->root));
		*b->root = *node;
		return HC_OK;
	}
	f = &b->frames[b->nframes - 1];
	if (f->type == HC_NODE_MAP && !f->have_key) {
		/* At the key's start, not at the event that closed it. */
		if (node->type != HC_NODE_SCALAR)
			return hc_error_at(b->err, HC_EINVALID, b->path, node->line, node->col,
					   "a mapping key must be a plain or quoted scalar");
		f->have_key = true;
		f->key = node->u.scalar.str;
		f->kline = node->line;
		f->kcol = node->col;
		return HC_OK;
	}
	if (b->npend == b->pend_cap)
		STACK_GROW(b, pend, pend_cap, b->npend + 1);
	pr = &b->pend[b->npend++];
	pr->key = NULL;
	pr->line = node->line;
	pr->col = node->col;
	if (f->type == HC_NODE_MAP) {
		pr->key = f->key;
		pr->line = f->kline;
		pr->col = f->kcol;
		f->have_key = false;
	}
	pr->value = *node;
	return HC_OK;
}

static int count_node(struct builder *b, const yaml_event_t *ev)
{
	if (++b->nodes > b->lim->max_nodes)
		return at_event(b, ev, "too many nodes in one document");
	return HC_OK;
}

static int open_collection(struct builder *b, const yaml_event_t *ev, enum hc_node_type type)
{
	struct frame *f;

	if ((int)b->nframes >= b->lim->max_depth) {
		char msg[64];

		snprintf(msg, sizeof(msg), "nesting deeper than %d levels", b->lim->max_depth);
		return at_event(b, ev, msg);
	}
	if (count_node(b, ev))
		return HC_EINVALID;
	STACK_GROW(b, frames, frames_cap, b->nframes + 1);
	f = &b->frames[b->nframes++];
	memset(f, 0, sizeof(*f));
	f->type = type;
	f->line = (int)ev->start_mark.line + 1;
	f->col = (int)ev->start_mark.column + 1;
	f->start = b->npend;
	return HC_OK;
}

static int close_collection(struct builder *b, const yaml_event_t *ev)
{
	struct frame f = b->frames[--b->nframes];
	size_t n = b->npend - f.start;
	struct hc_node node;
	int rc;

	memset(&node, 0, sizeof(node));
	node.type = f.type;
	node.line = f.line;
	node.col = f.col;
	node.len = n;
	if (f.type == HC_NODE_SEQ) {
		node.u.items = hc_arena_alloc(b->a, (n ? n : 1) * sizeof(struct hc_node));
		for (size_t i = 0; i < n; i++)
			node.u.items[i] = b->pend[f.start + i].value;
	} else {
		node.u.pairs = hc_arena_alloc(b->a, (n ? n : 1) * sizeof(struct hc_pair));
		/* Fix (tests/fuzz): an empty mapping before any pair was pending
		 * did arithmetic on a null b->pend (UBSan). */
		if (n)
			memcpy(node.u.pairs, b->pend + f.start, n * sizeof(struct hc_pair));
		rc = check_duplicates(b, node.u.pairs, n);
		if (rc)
			return rc;
	}
	b->npend = f.start;
	return attach(b, &node, ev);
}

static int on_scalar(struct builder *b, const yaml_event_t *ev)
{
	struct hc_node node;
	size_t n = ev->data.scalar.length;
	const char *v = (const char *)ev->data.scalar.value;
	bool is_key;

	if (count_node(b, ev))
		return HC_EINVALID;
	if (n > b->lim->max_scalar) {
		char msg[80];

		snprintf(msg, sizeof(msg), "scalar of %zu bytes exceeds the limit of %zu", n,
			 b->lim->max_scalar);
		return at_event(b, ev, msg);
	}
	/* The file has no NUL byte (checked up front), so only an escape in
	 * a double-quoted scalar can make one. */
	if (ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE && memchr(v, '\0', n))
		return at_event(b, ev, "NUL character in a scalar");
	is_key = b->nframes && b->frames[b->nframes - 1].type == HC_NODE_MAP &&
		 !b->frames[b->nframes - 1].have_key;
	/* A literal or folded block scalar is not a plain or quoted key. */
	if (is_key && (ev->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
		       ev->data.scalar.style == YAML_FOLDED_SCALAR_STYLE))
		return at_event(b, ev, "a mapping key must be a plain or quoted scalar");
	memset(&node, 0, sizeof(node));
	node.type = HC_NODE_SCALAR;
	node.line = (int)ev->start_mark.line + 1;
	node.col = (int)ev->start_mark.column + 1;
	node.len = n;
	node.u.scalar.str = hc_arena_strndup(b->a, v, n);
	node.u.scalar.plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	/* A key is only ever its text: resolving it would be wasted. */
	node.u.scalar.kind = node.u.scalar.plain && !is_key ? hc_yaml_resolve(v, n) : HC_SCALAR_STR;
	return attach(b, &node, ev);
}

static int on_event(struct builder *b, const yaml_event_t *ev, int *docs)
{
	switch (ev->type) {
	case YAML_STREAM_START_EVENT:
	case YAML_STREAM_END_EVENT:
	case YAML_NO_EVENT:
		return HC_OK;
	case YAML_DOCUMENT_START_EVENT:
		if (++*docs > 1)
			return at_event(b, ev, "more than one document in a file");
		if (ev->data.document_start.tag_directives.start !=
		    ev->data.document_start.tag_directives.end)
			return at_event(b, ev, "tags are not allowed in state files");
		return HC_OK;
	case YAML_DOCUMENT_END_EVENT:
		return HC_OK;
	case YAML_ALIAS_EVENT:
		return at_event(b, ev, "aliases are not allowed in state files");
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.anchor)
			return at_event(b, ev, "anchors are not allowed in state files");
		if (ev->data.scalar.tag)
			return at_event(b, ev, "tags are not allowed in state files");
		return on_scalar(b, ev);
	case YAML_SEQUENCE_START_EVENT:
		if (ev->data.sequence_start.anchor)
			return at_event(b, ev, "anchors are not allowed in state files");
		if (ev->data.sequence_start.tag)
			return at_event(b, ev, "tags are not allowed in state files");
		return open_collection(b, ev, HC_NODE_SEQ);
	case YAML_MAPPING_START_EVENT:
		if (ev->data.mapping_start.anchor)
			return at_event(b, ev, "anchors are not allowed in state files");
		if (ev->data.mapping_start.tag)
			return at_event(b, ev, "tags are not allowed in state files");
		return open_collection(b, ev, HC_NODE_MAP);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return close_collection(b, ev);
	}
	return at_event(b, ev, "unexpected YAML event");
}

int hc_yaml_parse(const char *buf, size_t len, const char *path,
		  const struct hc_yaml_limits *limits, struct hc_arena *a,
		  struct hc_node **root, struct hc_error *err)
{
	struct builder b;
	yaml_parser_t parser;
	yaml_event_t ev;
	int rc = HC_OK, docs = 0;
	bool done = false;

	memset(&b, 0, offsetof(struct builder, frames0));
	b.frames = b.frames0;
	b.frames_cap = sizeof(b.frames0) / sizeof(b.frames0[0]);
	b.pend = b.pend0;
	b.pend_cap = sizeof(b.pend0) / sizeof(b.pend0[0]);
	b.buf = buf;
	b.len = len;
	b.path = path;
	b.lim = limits ? limits : &hc_yaml_default_limits;
	b.a = a;
	b.err = err;
	*root = NULL;

	if (len >= 2 && (((unsigned char)buf[0] == 0xff && (unsigned char)buf[1] == 0xfe) ||
			 ((unsigned char)buf[0] == 0xfe && (unsigned char)buf[1] == 0xff)))
		return hc_error_at(err, HC_EINVALID, path, 1, 1,
				   "file starts with a UTF-16 or UTF-32 byte order mark; state files are UTF-8");
	if (memchr(buf, '\0', len)) {
		int line, col;

		offset_position(buf, len, (size_t)((const char *)memchr(buf, '\0', len) - buf),
				&line, &col);
		return hc_error_at(err, HC_EINVALID, path, line, col, "NUL byte in file");
	}
	if (!yaml_parser_initialize(&parser))
		return hc_error_set(err, HC_EIO, "unable to initialise the YAML parser");
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);

	while (!done && rc == HC_OK) {
		if (!yaml_parser_parse(&parser, &ev)) {
			rc = parser_error(&b, &parser);
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		rc = on_event(&b, &ev, &docs);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	if (b.frames != b.frames0)
		free(b.frames);
	if (b.pend != b.pend0)
		free(b.pend);
	if (rc)
		return rc;
	if (!b.root) {
		int line, col;

		offset_position(buf, len, len, &line, &col);
		return hc_error_at(err, HC_EINVALID, path, line, col, "empty document");
	}
	*root = b.root;
	return HC_OK;
}

const struct hc_node *hc_yaml_get(const struct hc_node *map, const char *key)
{
	if (!map || map->type != HC_NODE_MAP)
		return NULL;
	for (size_t i = 0; i < map->len; i++)
		if (strcmp(map->u.pairs[i].key, key) == 0)
			return &map->u.pairs[i].value;
	return NULL;
}

const char *hc_yaml_describe(const struct hc_node *n)
{
	if (n->type == HC_NODE_SEQ)
		return "a list";
	if (n->type == HC_NODE_MAP)
		return "a mapping";
	switch (n->u.scalar.kind) {
	case HC_SCALAR_NULL: return "null";
	case HC_SCALAR_BOOL: return "a boolean";
	case HC_SCALAR_INT: return "an integer";
	case HC_SCALAR_FLOAT: return "a number";
	case HC_SCALAR_STR: break;
	}
	return "a string";
}
