/*
 * test_yaml.c - unit tests for lib/yaml.c: the strict, bounded reader
 * (hc_yaml_parse), YAML 1.2 core-schema resolution (hc_yaml_resolve) and
 * the writers' quoting (hc_yaml_quote, hc_json_quote).
 *
 * Every refusal is checked for HC_EINVALID and the exact line:col (1-based,
 * columns counted in characters) a person would look at. Resolution and
 * quoting are checked against independent oracles: POSIX regular
 * expressions transcribed from the YAML 1.2 core schema and from PyYAML's
 * YAML 1.1 implicit resolvers, and a round trip through hc_yaml_parse.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostctl/yaml.h"

#define PATH "t.yaml"

/* ---- helpers ---------------------------------------------------------- */

struct parsed {
	struct hc_arena a;
	struct hc_node *root;
	struct hc_error err;
	int rc;
};

static void parse_n(struct parsed *p, const char *buf, size_t len,
		    const struct hc_yaml_limits *lim)
{
	hc_arena_init(&p->a);
	memset(&p->err, 0, sizeof(p->err));
	p->root = NULL;
	p->rc = hc_yaml_parse(buf, len, PATH, lim, &p->a, &p->root, &p->err);
}

static void done(struct parsed *p)
{
	hc_arena_release(&p->a);
}

static void show_refusal(const char *buf, size_t len, const struct hc_yaml_limits *lim,
			 int line, int col, const char *what)
{
	struct parsed p;
	char shown[80];
	size_t n = len < 60 ? len : 60;

	for (size_t i = 0; i < n; i++)
		shown[i] = (buf[i] >= 0x20 && buf[i] < 0x7f) ? buf[i] : '.';
	shown[n] = '\0';
	parse_n(&p, buf, len, lim);
	print_error("input \"%s\"%s: rc %d at %d:%d \"%s\"; want rc %d at %d:%d containing \"%s\"\n",
		    shown, len > 60 ? "..." : "", p.rc, p.err.line, p.err.col, p.err.msg,
		    HC_EINVALID, line, col, what);
	done(&p);
}

#define REFUSE_N(buf, len, lim, L, C, what)                                          \
	do {                                                                        \
		struct parsed p_;                                                   \
		parse_n(&p_, (buf), (len), (lim));                                  \
		bool ok_ = p_.rc == HC_EINVALID && p_.err.line == (L) &&            \
			   p_.err.col == (C) && strstr(p_.err.msg, (what)) != NULL &&   \
			   strcmp(p_.err.path, PATH) == 0 && p_.root == NULL;       \
		done(&p_);                                                          \
		if (!ok_) {                                                         \
			show_refusal((buf), (len), (lim), (L), (C), (what));        \
			fail();                                                     \
		}                                                                   \
	} while (0)
#define REFUSE(s, L, C, what) REFUSE_N((s), strlen(s), NULL, (L), (C), (what))

/* Parses s and asserts success; the caller releases with done(). */
static void accept(struct parsed *p, const char *s)
{
	parse_n(p, s, strlen(s), NULL);
	if (p->rc != HC_OK)
		fail_msg("input \"%s\": rc %d at %d:%d: %s", s, p->rc, p->err.line, p->err.col,
			 p->err.msg);
	assert_non_null(p->root);
}

/* A buffer of n copies of s followed by tail, malloc'ed. */
static char *repeat(const char *head, const char *s, size_t n, const char *tail, size_t *len)
{
	size_t hl = strlen(head), sl = strlen(s), tl = strlen(tail);
	char *b = malloc(hl + sl * n + tl + 1);

	assert_non_null(b);
	memcpy(b, head, hl);
	for (size_t i = 0; i < n; i++)
		memcpy(b + hl + i * sl, s, sl);
	memcpy(b + hl + n * sl, tail, tl + 1);
	*len = hl + sl * n + tl;
	return b;
}

/* ---- accepted documents ------------------------------------------------ */

static void test_parse_tree(void **state)
{
	struct parsed p;
	const struct hc_node *n;

	(void)state;
	accept(&p, "a: 1\nb: [x, 'y', \"z\"]\nc:\n  d: true\n  e: ~\nf: |\n  lit\n");
	assert_int_equal(p.root->type, HC_NODE_MAP);
	assert_int_equal(p.root->len, 4);
	assert_int_equal(p.root->line, 1);
	assert_int_equal(p.root->col, 1);
	assert_string_equal(p.root->u.pairs[0].key, "a");
	assert_int_equal(p.root->u.pairs[1].line, 2);
	assert_int_equal(p.root->u.pairs[1].col, 1);

	n = hc_yaml_get(p.root, "a");
	assert_non_null(n);
	assert_int_equal(n->type, HC_NODE_SCALAR);
	assert_int_equal(n->u.scalar.kind, HC_SCALAR_INT);
	assert_true(n->u.scalar.plain);
	assert_int_equal(n->line, 1);
	assert_int_equal(n->col, 4);
	assert_string_equal(hc_yaml_describe(n), "an integer");

	n = hc_yaml_get(p.root, "b");
	assert_int_equal(n->type, HC_NODE_SEQ);
	assert_int_equal(n->len, 3);
	assert_int_equal(n->col, 4);
	assert_string_equal(n->u.items[0].u.scalar.str, "x");
	assert_true(n->u.items[0].u.scalar.plain);
	assert_false(n->u.items[1].u.scalar.plain);
	assert_int_equal(n->u.items[1].u.scalar.kind, HC_SCALAR_STR);
	assert_int_equal(n->u.items[2].col, 13);
	assert_string_equal(hc_yaml_describe(n), "a list");

	n = hc_yaml_get(p.root, "c");
	assert_int_equal(n->type, HC_NODE_MAP);
	assert_string_equal(hc_yaml_describe(n), "a mapping");
	assert_int_equal(n->line, 4);
	assert_int_equal(n->col, 3);
	assert_int_equal(hc_yaml_get(n, "d")->u.scalar.kind, HC_SCALAR_BOOL);
	assert_string_equal(hc_yaml_describe(hc_yaml_get(n, "d")), "a boolean");
	assert_int_equal(hc_yaml_get(n, "e")->u.scalar.kind, HC_SCALAR_NULL);
	assert_string_equal(hc_yaml_describe(hc_yaml_get(n, "e")), "null");
	assert_null(hc_yaml_get(n, "a"));
	assert_null(hc_yaml_get(hc_yaml_get(p.root, "a"), "a"));
	assert_null(hc_yaml_get(NULL, "a"));

	/* A block scalar is a string whatever it says. */
	n = hc_yaml_get(p.root, "f");
	assert_string_equal(n->u.scalar.str, "lit\n");
	assert_int_equal(n->u.scalar.kind, HC_SCALAR_STR);
	assert_false(n->u.scalar.plain);
	done(&p);

	/* Quoted numbers stay strings; an empty value is null. */
	accept(&p, "a: '1'\nb:\nc: 1.5\n");
	assert_int_equal(hc_yaml_get(p.root, "a")->u.scalar.kind, HC_SCALAR_STR);
	assert_string_equal(hc_yaml_describe(hc_yaml_get(p.root, "a")), "a string");
	assert_int_equal(hc_yaml_get(p.root, "b")->u.scalar.kind, HC_SCALAR_NULL);
	assert_string_equal(hc_yaml_describe(hc_yaml_get(p.root, "c")), "a number");
	done(&p);

	/* Explicit document markers, one document. */
	accept(&p, "---\na: 1\n...\n");
	assert_int_equal(p.root->len, 1);
	done(&p);
	accept(&p, "%YAML 1.1\n---\na: 1\n");
	done(&p);
}

static void test_columns_count_characters(void **state)
{
	struct parsed p;

	(void)state;
	accept(&p, "名前: 値\nb: あいう\n");
	assert_string_equal(p.root->u.pairs[0].key, "名前");
	assert_int_equal(p.root->u.pairs[0].value.col, 5);
	assert_int_equal(p.root->u.pairs[1].value.col, 4);
	done(&p);
	/* x(1) :(2) (3) {(4) あ(5) :(6) (7) 1(8) ,(9) (10) あ(11) */
	REFUSE("x: {あ: 1, あ: 2}\n", 1, 11, "duplicate key 'あ'");
	/* A UTF-8 byte order mark is accepted and skipped. */
	accept(&p, "\xef\xbb\xbf" "a: 1\n");
	assert_string_equal(p.root->u.pairs[0].key, "a");
	done(&p);
}

/* ---- anchors, aliases, tags -------------------------------------------- */

static void test_anchors(void **state)
{
	(void)state;
	REFUSE("a: &x 1\n", 1, 4, "anchors are not allowed");
	REFUSE("a: &x [1]\n", 1, 4, "anchors are not allowed");
	REFUSE("a: &x {b: 1}\n", 1, 4, "anchors are not allowed");
	REFUSE("a: 1\nb:\n  - c\n  - &x d\n", 4, 5, "anchors are not allowed");
	REFUSE("&x a: 1\n", 1, 1, "anchors are not allowed");
	REFUSE("&x\na: 1\n", 1, 1, "anchors are not allowed");
	REFUSE("a: &x\n  b: 1\n", 1, 4, "anchors are not allowed");
}

static void test_aliases(void **state)
{
	(void)state;
	REFUSE("a: *x\n", 1, 4, "aliases are not allowed");
	REFUSE("- a\n- *x\n", 2, 3, "aliases are not allowed");
	REFUSE("*x : 1\n", 1, 1, "aliases are not allowed");
	REFUSE("a: [b, *x]\n", 1, 8, "aliases are not allowed");
	/* The anchor is refused before its alias is reached. */
	REFUSE("a: &x 1\nb: *x\n", 1, 4, "anchors are not allowed");
}

static void test_tags(void **state)
{
	(void)state;
	REFUSE("a: !!str b\n", 1, 4, "tags are not allowed");
	REFUSE("a: !!int 1\n", 1, 4, "tags are not allowed");
	REFUSE("a: !custom b\n", 1, 4, "tags are not allowed");
	REFUSE("a: ! b\n", 1, 4, "tags are not allowed");
	REFUSE("a: !<tag:yaml.org,2002:str> b\n", 1, 4, "tags are not allowed");
	REFUSE("a: !!seq [1]\n", 1, 4, "tags are not allowed");
	REFUSE("a: !!map {b: 1}\n", 1, 4, "tags are not allowed");
	REFUSE("!!map\na: 1\n", 1, 1, "tags are not allowed");
	REFUSE("x: 1\ny: !!binary aGk=\n", 2, 4, "tags are not allowed");
	/* A %TAG directive is refused at the directive even when unused. */
	REFUSE("%TAG !e! tag:example.com,2000:\n---\na: 1\n", 1, 1, "tags are not allowed");
	REFUSE("%TAG ! tag:example.com,2000:\n--- \na: !foo 1\n", 1, 1, "tags are not allowed");
}

/* ---- duplicate keys ------------------------------------------------------ */

static void test_duplicate_keys_small(void **state)
{
	(void)state;
	REFUSE("a: 1\nb: 2\na: 3\n", 3, 1, "duplicate key 'a' (first at line 1)");
	REFUSE("a: 1\na: 2\n", 2, 1, "duplicate key 'a'");
	REFUSE("x:\n  a: 1\n  a: 2\n", 3, 3, "duplicate key 'a' (first at line 2)");
	REFUSE("{a: 1, b: 2, a: 3}\n", 1, 14, "duplicate key 'a'");
	/* Quoting does not make a different key. */
	REFUSE("a: 1\n\"a\": 2\n", 2, 1, "duplicate key 'a'");
	REFUSE("a: 1\n'a': 2\n", 2, 1, "duplicate key 'a'");
	/* In a list item's mapping. */
	REFUSE("l:\n  - k: 1\n    k: 2\n", 3, 5, "duplicate key 'k'");
	/* Exactly 8 keys, the last repeating the first. */
	REFUSE("k0: 0\nk1: 1\nk2: 2\nk3: 3\nk4: 4\nk5: 5\nk6: 6\nk0: 7\n", 8, 1,
	       "duplicate key 'k0' (first at line 1)");
	/* A repeated key is shown without its control characters. */
	REFUSE("\"a\\eb\": 1\n\"a\\eb\": 2\n", 2, 1, "duplicate key 'a\\x1Bb'");
	/* Two different repeated keys: the first repetition in the file. */
	REFUSE("b: 1\na: 1\nb: 2\na: 2\n", 3, 1, "duplicate key 'b'");
}

static void test_duplicate_keys_large(void **state)
{
	char buf[1024];
	size_t n = 0;

	(void)state;
	/* 9 keys: the hashed path for records' maps. */
	REFUSE("k0: 0\nk1: 1\nk2: 2\nk3: 3\nk4: 4\nk5: 5\nk6: 6\nk7: 7\nk0: 8\n", 9, 1,
	       "duplicate key 'k0' (first at line 1)");
	/* 12 keys with a repeat in the middle. */
	for (int i = 0; i < 12; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "k%02d: %d\n", i, i);
	n += (size_t)snprintf(buf + n, sizeof(buf) - n, "k05: again\n");
	REFUSE(buf, 13, 1, "duplicate key 'k05' (first at line 6)");
	/* Three occurrences: the second one is reported, against the first. */
	REFUSE("a: 1\nb: 1\nc: 1\nd: 1\na: 2\ne: 1\nf: 1\ng: 1\na: 3\n", 5, 1,
	       "duplicate key 'a' (first at line 1)");
	/* Two different repeated keys in a large map: like the small path, the
	 * first repetition in the file order (line 10, 'z'), not the key that
	 * sorts first ('a', line 11). */
	REFUSE("a: 1\nb: 1\nc: 1\nd: 1\ne: 1\nf: 1\ng: 1\nh: 1\nz: 1\nz: 2\na: 2\n", 10, 1,
	       "duplicate key 'z' (first at line 9)");
	/* Over 64 keys (sorting instead of the table on the stack): the first
	 * repetition in file order, not the key that sorts first. */
	{
		static char big[4096];
		size_t m = 0;

		for (int i = 0; i < 80; i++)
			m += (size_t)snprintf(big + m, sizeof(big) - m, "k%02d: %d\n", i, i);
		m += (size_t)snprintf(big + m, sizeof(big) - m, "k70: again\nk05: again\n");
		REFUSE(big, 81, 1, "duplicate key 'k70' (first at line 71)");
	}
	/* Nested and in flow style, with columns. */
	REFUSE("top:\n  {k0: 0, k1: 1, k2: 2, k3: 3, k4: 4, k5: 5, k6: 6, k7: 7, k8: 8, k3: 9}\n",
	       2, 67, "duplicate key 'k3'");
	/* Many keys, no repeat: accepted. */
	{
		struct parsed p;
		size_t len;
		char *b = malloc(2000 * 16);

		len = 0;
		for (int i = 0; i < 2000; i++)
			len += (size_t)sprintf(b + len, "key%04d: %d\n", i, i);
		parse_n(&p, b, len, NULL);
		assert_int_equal(p.rc, HC_OK);
		assert_int_equal(p.root->len, 2000);
		assert_string_equal(p.root->u.pairs[1999].key, "key1999");
		done(&p);
		/* ... and one repeat at the end. */
		len += (size_t)sprintf(b + len, "key0000: x\n");
		REFUSE_N(b, len, NULL, 2001, 1, "duplicate key 'key0000' (first at line 1)");
		free(b);
	}
}

/* ---- nesting ------------------------------------------------------------- */

/* depth levels of block mappings, "k1:\n  k2:\n    ...: v\n". */
static char *block_maps(int depth, size_t *len)
{
	char *b = malloc((size_t)depth * ((size_t)depth * 2 + 16) + 16);
	size_t n = 0;

	assert_non_null(b);
	for (int i = 1; i <= depth; i++) {
		n += (size_t)sprintf(b + n, "%*sk%d:", 2 * (i - 1), "", i);
		n += (size_t)sprintf(b + n, i == depth ? " v\n" : "\n");
	}
	*len = n;
	return b;
}

static void test_nesting_limit(void **state)
{
	struct parsed p;
	size_t len;
	char *b;

	(void)state;
	assert_int_equal(hc_yaml_default_limits.max_depth, HC_YAML_MAX_DEPTH);
	assert_int_equal(HC_YAML_MAX_DEPTH, 16);

	/* Flow: 16 levels are fine, the 17th '[' is refused where it stands. */
	{
		char ok[64], bad[64];

		memset(ok, '[', 16);
		memset(ok + 16, ']', 16);
		ok[32] = '\0';
		parse_n(&p, ok, strlen(ok), NULL);
		assert_int_equal(p.rc, HC_OK);
		done(&p);
		memset(bad, '[', 17);
		memset(bad + 17, ']', 17);
		bad[34] = '\0';
		REFUSE(bad, 1, 17, "nesting deeper than 16 levels");
	}

	/* Block mappings: 16 levels fine; the 17th key starts line 17, col 33. */
	b = block_maps(16, &len);
	parse_n(&p, b, len, NULL);
	assert_int_equal(p.rc, HC_OK);
	done(&p);
	free(b);
	b = block_maps(17, &len);
	REFUSE_N(b, len, NULL, 17, 33, "nesting deeper than 16 levels");
	free(b);

	/* Block sequences on one line: "- - - ... x". */
	b = repeat("", "- ", 16, "x\n", &len);
	parse_n(&p, b, len, NULL);
	assert_int_equal(p.rc, HC_OK);
	done(&p);
	free(b);
	b = repeat("", "- ", 17, "x\n", &len);
	REFUSE_N(b, len, NULL, 1, 33, "nesting deeper than 16 levels");
	free(b);

	/* A caller's own limit. */
	{
		const struct hc_yaml_limits lim = { .max_scalar = 100, .max_depth = 2, .max_nodes = 100 };

		parse_n(&p, "a: [1]\n", 7, &lim);
		assert_int_equal(p.rc, HC_OK);
		done(&p);
		REFUSE_N("a: [[1]]\n", 9, &lim, 1, 5, "nesting deeper than 2 levels");
	}
}

static void test_deep_nesting_10000(void **state)
{
	size_t len;
	char *b;

	(void)state;
	b = repeat("", "[", 10000, "", &len);
	REFUSE_N(b, len, NULL, 1, 17, "nesting deeper than 16 levels");
	free(b);
	{
		/* '[' * 10000 then ']' * 10000: well-formed, still refused. */
		char *w = malloc(20001);

		memset(w, '[', 10000);
		memset(w + 10000, ']', 10000);
		w[20000] = '\0';
		REFUSE_N(w, 20000, NULL, 1, 17, "nesting deeper than 16 levels");
		free(w);
	}
	/* {a: {a: {a: ...: the 17th '{' is at column 1 + 4 * 16. */
	b = repeat("", "{a: ", 10000, "1", &len);
	REFUSE_N(b, len, NULL, 1, 65, "nesting deeper than 16 levels");
	free(b);
	/* Block nesting 10,000 deep. */
	b = repeat("", "- ", 10000, "x\n", &len);
	REFUSE_N(b, len, NULL, 1, 33, "nesting deeper than 16 levels");
	free(b);
	b = repeat("a:\n", "- ", 10000, "x\n", &len);
	REFUSE_N(b, len, NULL, 2, 31, "nesting deeper than 16 levels");
	free(b);
}

static void test_node_limit(void **state)
{
	const struct hc_yaml_limits lim = { .max_scalar = 100, .max_depth = 16, .max_nodes = 10 };
	struct parsed p;
	char buf[256];
	size_t n = 0;

	(void)state;
	/* A sequence and 9 items are 10 nodes. */
	for (int i = 0; i < 9; i++)
		n += (size_t)sprintf(buf + n, "- %d\n", i);
	parse_n(&p, buf, n, &lim);
	assert_int_equal(p.rc, HC_OK);
	done(&p);
	n += (size_t)sprintf(buf + n, "- 9\n");
	REFUSE_N(buf, n, &lim, 10, 3, "too many nodes");

	/* The default limit: 200,000 nodes. */
	{
		size_t len;
		char *b = repeat("[", "1,", HC_YAML_MAX_NODES, "1]", &len);

		REFUSE_N(b, len, NULL, 1, 2 * HC_YAML_MAX_NODES, "too many nodes");
		free(b);
		b = repeat("[", "1,", HC_YAML_MAX_NODES - 2, "1]", &len);
		parse_n(&p, b, len, NULL);
		assert_int_equal(p.rc, HC_OK);
		assert_int_equal(p.root->len, HC_YAML_MAX_NODES - 1);
		done(&p);
		free(b);
	}
}

/* ---- documents -------------------------------------------------------------- */

static void test_documents(void **state)
{
	(void)state;
	REFUSE("a: 1\n---\nb: 2\n", 2, 1, "more than one document");
	REFUSE("--- a\n--- b\n", 2, 1, "more than one document");
	REFUSE("a: 1\n...\n---\nb: 2\n", 3, 1, "more than one document");
	REFUSE("---\na: 1\n---\n", 3, 1, "more than one document");
	/* libyaml wants "---" before a second document after "...". */
	REFUSE("a: 1\n...\nb: 2\n", 3, 1, "invalid YAML");
}

static void test_empty(void **state)
{
	struct parsed p;

	(void)state;
	REFUSE_N("", 0, NULL, 1, 1, "empty document");
	REFUSE("# only\n# comments\n", 3, 1, "empty document");
	REFUSE("\n\n", 3, 1, "empty document");
	REFUSE("# no newline", 1, 13, "empty document");
	/* An explicit empty document is a null scalar, not a failure here
	 * (a record refuses it: it is not a mapping). */
	accept(&p, "---\n");
	assert_int_equal(p.root->type, HC_NODE_SCALAR);
	assert_int_equal(p.root->u.scalar.kind, HC_SCALAR_NULL);
	done(&p);
}

/* ---- text encoding ------------------------------------------------------------ */

static void test_invalid_utf8(void **state)
{
	(void)state;
	/* A lone 0xff. */
	REFUSE("a: \xff\n", 1, 4, "UTF-8");
	REFUSE("a: b\nc: \xff\n", 2, 4, "UTF-8");
	REFUSE("\xff: 1\n", 1, 1, "UTF-8");
	REFUSE("a: 1 # \xfe\n", 1, 8, "UTF-8");
	REFUSE("a: \x80\n", 1, 4, "UTF-8");
	/* Overlong encodings of '/' (2 and 3 bytes). */
	REFUSE("a: \xc0\xaf\n", 1, 4, "UTF-8");
	REFUSE("a: \xe0\x80\xaf\n", 1, 4, "UTF-8");
	REFUSE("a: あ\xc1\xbf\n", 1, 5, "UTF-8");
	/* Truncated sequences: at the end of the file and before a newline;
	 * both are reported where the broken character starts. */
	REFUSE("a: \xe3\x81", 1, 4, "UTF-8");
	REFUSE("a: \xe3\x81\n", 1, 4, "UTF-8");
	REFUSE("a: x\xe3\x81y\n", 1, 5, "UTF-8");
	/* UTF-16 surrogates encoded in UTF-8, and beyond U+10FFFF. */
	REFUSE("a: \xed\xa0\x80\n", 1, 4, "invalid");
	REFUSE("a: \xed\xbf\xbf\n", 1, 4, "invalid");
	REFUSE("a: \xf4\x90\x80\x80\n", 1, 4, "invalid");
	REFUSE("a: \xf8\x88\x80\x80\x80\n", 1, 4, "UTF-8");
	/* C0 and C1 control characters (valid UTF-8, but not YAML text). */
	REFUSE("a: b\x01\n", 1, 5, "invalid");
	REFUSE("a: \x1b[2J\n", 1, 4, "invalid");
	REFUSE("a: \xc2\x80\n", 1, 4, "invalid");
	/* Escapes cannot smuggle surrogates or code points past U+10FFFF in:
	 * record decoding relies on this (lib/record.c, check_string). */
	REFUSE("a: \"\\ud800\"\n", 1, 7, "invalid Unicode character escape");
	REFUSE("a: \"x\\udfff\"\n", 1, 8, "invalid Unicode character escape");
	REFUSE("a: \"\\U00110000\"\n", 1, 7, "invalid Unicode character escape");
}

static void test_nul_byte(void **state)
{
	(void)state;
	REFUSE_N("a: b\0c\n", 7, NULL, 1, 5, "NUL byte");
	REFUSE_N("a: b\nc: \0\n", 10, NULL, 2, 4, "NUL byte");
	REFUSE_N("\0", 1, NULL, 1, 1, "NUL byte");
	REFUSE_N("a: \xe3\x81\x82\0\n", 8, NULL, 1, 5, "NUL byte");
	/* A NUL after the end of the document proper still fails. */
	REFUSE_N("a: 1\n\0", 6, NULL, 2, 1, "NUL byte");
}

static void test_utf16_and_bom(void **state)
{
	(void)state;
	/* A UTF-16 or UTF-32 byte order mark is named as such, at 1:1. */
	REFUSE_N("\xff\xfe" "a\0:\0 \0" "1\0\n\0", 12, NULL, 1, 1, "byte order mark");
	REFUSE_N("\xfe\xff\0a\0:\0 \0" "1\0\n", 12, NULL, 1, 1, "byte order mark");
	REFUSE("\xff\xfe" "a: 1\n", 1, 1, "byte order mark");
	REFUSE("\xfe\xff" "a: 1\n", 1, 1, "byte order mark");
	REFUSE_N("\xff\xfe\0\0a\0\0\0", 8, NULL, 1, 1, "byte order mark");
	/* UTF-16 without a byte order mark: its NULs give it away. */
	REFUSE_N("a\0:\0 \0" "1\0\n\0", 10, NULL, 1, 2, "NUL byte");
}

/* ---- limits on scalars ------------------------------------------------------- */

static void test_scalar_limit(void **state)
{
	struct parsed p;
	size_t len;
	char *b;

	(void)state;
	assert_int_equal(hc_yaml_default_limits.max_scalar, 64 * 1024);
	b = repeat("a: ", "x", HC_YAML_MAX_SCALAR, "\n", &len);
	parse_n(&p, b, len, NULL);
	assert_int_equal(p.rc, HC_OK);
	assert_int_equal(hc_yaml_get(p.root, "a")->len, HC_YAML_MAX_SCALAR);
	done(&p);
	free(b);
	b = repeat("a: ", "x", HC_YAML_MAX_SCALAR + 1, "\n", &len);
	REFUSE_N(b, len, NULL, 1, 4, "exceeds the limit of 65536");
	free(b);
	b = repeat("k: 1\na: \"", "x", HC_YAML_MAX_SCALAR + 1, "\"\n", &len);
	REFUSE_N(b, len, NULL, 2, 4, "exceeds the limit");
	free(b);
	/* Escapes expand after the limit is known: the decoded size counts. */
	b = repeat("a: \"", "\\u00e9", HC_YAML_MAX_SCALAR / 2 + 1, "\"\n", &len);
	REFUSE_N(b, len, NULL, 1, 4, "exceeds the limit");
	free(b);
	/* Block scalar. */
	b = repeat("a: |\n  ", "x", HC_YAML_MAX_SCALAR + 1, "\n", &len);
	REFUSE_N(b, len, NULL, 1, 4, "exceeds the limit");
	free(b);
	{
		const struct hc_yaml_limits lim = { .max_scalar = 3, .max_depth = 16, .max_nodes = 100 };

		REFUSE_N("a: abcd\n", 8, &lim, 1, 4, "scalar of 4 bytes exceeds the limit of 3");
		REFUSE_N("abcd: 1\n", 8, &lim, 1, 1, "exceeds the limit of 3");
		parse_n(&p, "abc: xyz\n", 9, &lim);
		assert_int_equal(p.rc, HC_OK);
		done(&p);
	}
}

/* ---- keys ------------------------------------------------------------------- */

static void test_non_scalar_keys(void **state)
{
	(void)state;
	/* Each refusal points at the key, where it starts. */
	REFUSE("[a]: b\n", 1, 1, "mapping key must be a plain or quoted scalar");
	REFUSE("? [a]\n: b\n", 1, 3, "mapping key must be a plain or quoted scalar");
	REFUSE("? [a]: b\n", 1, 3, "mapping key must be a plain or quoted scalar");
	REFUSE("{a: 1}: b\n", 1, 1, "mapping key must be a plain or quoted scalar");
	REFUSE("? - a\n  - b\n: c\n", 1, 3, "mapping key must be a plain or quoted scalar");
	REFUSE("x: 1\ny:\n  ? {k: v}\n  : z\n", 3, 5, "mapping key must be a plain or quoted scalar");
	REFUSE("{[a, b]: c}\n", 1, 2, "mapping key must be a plain or quoted scalar");
	/* A block scalar is neither plain nor quoted. */
	REFUSE("? |\n  a\n: b\n", 1, 3, "mapping key must be a plain or quoted scalar");
	REFUSE("? >\n  a\n: b\n", 1, 3, "mapping key must be a plain or quoted scalar");
}

static void test_quoted_and_plain_keys(void **state)
{
	struct parsed p;

	(void)state;
	accept(&p, "\"a b\": 1\n'c': 2\nd: 3\n? e\n: 4\n");
	assert_string_equal(p.root->u.pairs[0].key, "a b");
	assert_string_equal(p.root->u.pairs[1].key, "c");
	assert_string_equal(p.root->u.pairs[3].key, "e");
	assert_int_equal(p.root->u.pairs[3].line, 4);
	assert_int_equal(p.root->u.pairs[3].col, 3);
	done(&p);
}

/* ---- syntax errors ----------------------------------------------------------- */

static void test_syntax_errors(void **state)
{
	(void)state;
	REFUSE("a: [1, 2\n", 2, 1, "invalid YAML");
	REFUSE("a: b: c\n", 1, 5, "invalid YAML");
	REFUSE("a: 1\n b: 2\n", 2, 3, "invalid YAML");
	REFUSE("a: \"unterminated\n", 2, 1, "invalid YAML");
	REFUSE("a:\n\t- b\n", 2, 1, "invalid YAML");
	/* A key without its ':' is reported where the key starts, not where
	 * libyaml gave up looking (the next line, or past a long key). */
	REFUSE("a: 1\nb\nc: 2\n", 2, 1, "could not find expected ':'");
	{
		size_t len;
		char *b = repeat("a: 1\n\"", "k", 2000, "\": 1\n", &len);

		REFUSE_N(b, len, NULL, 2, 1, "could not find expected ':'");
		free(b);
	}
}

/* ---- resolution (YAML 1.2 core schema) ----------------------------------------- */

static enum hc_scalar_kind R(const char *s)
{
	return hc_yaml_resolve(s, strlen(s));
}

static void test_resolve_table(void **state)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL", NULL };
	static const char *const bools[] = { "true", "True", "TRUE", "false", "False", "FALSE", NULL };
	static const char *const ints[] = {
		"0", "7", "-12", "+3", "0o17", "0o0", "0x1F", "0xff", "0x0", "007", "-0",
		"123456789012345678901234567890", NULL
	};
	static const char *const floats[] = {
		"1.5", ".5", "-.5", "+.5", "1.", "1e3", "1E3", "1e+3", "1e-3", "-1.5e10", "0.0",
		".inf", ".Inf", ".INF", "-.inf", "+.inf", ".nan", ".NaN", ".NAN", "+12.5E-1", NULL
	};
	static const char *const strs[] = {
		"yes", "Yes", "no", "on", "off", "y", "n", "10:00", "0b11", "1_000", "2026-11-21",
		".", "-", "+", "0x", "0o", "0o8", "0xg", "0X1F", "0O17", "+0x1F", "-0o17", "1e",
		"e3", ".e3", "1e3.5", "1.5.6", "+.nan", "-.nan", ".Nan", "nan", "inf", "-inf",
		"tRUE", "nULL", "NuLL", "true ", " 1", "1 ", "1,000", "0x1G", "abc", "2026-11-21T09:00:00+09:00",
		"192.0.2.1", "1.2.3.4/24", "--1", "+-1", "1-", "~~", "null!", "..5", "1..5", NULL
	};

	(void)state;
	for (const char *const *s = nulls; *s; s++)
		if (R(*s) != HC_SCALAR_NULL)
			fail_msg("'%s' resolved as %d, want null", *s, R(*s));
	for (const char *const *s = bools; *s; s++)
		if (R(*s) != HC_SCALAR_BOOL)
			fail_msg("'%s' resolved as %d, want bool", *s, R(*s));
	for (const char *const *s = ints; *s; s++)
		if (R(*s) != HC_SCALAR_INT)
			fail_msg("'%s' resolved as %d, want int", *s, R(*s));
	for (const char *const *s = floats; *s; s++)
		if (R(*s) != HC_SCALAR_FLOAT)
			fail_msg("'%s' resolved as %d, want float", *s, R(*s));
	for (const char *const *s = strs; *s; s++)
		if (R(*s) != HC_SCALAR_STR)
			fail_msg("'%s' resolved as %d, want string", *s, R(*s));
	/* Only n bytes count. */
	assert_int_equal(hc_yaml_resolve("12abc", 2), HC_SCALAR_INT);
	assert_int_equal(hc_yaml_resolve("nullx", 4), HC_SCALAR_NULL);
	/* Through the parser: plain scalars resolve, quoted ones do not. */
	{
		struct parsed p;

		accept(&p, "[~, null, true, FALSE, 0o17, 0x1F, -12, +3, 1.5, .5, 1e3, .inf, .NaN, "
			   "yes, on, '1', \"true\", 10:00]\n");
		static const enum hc_scalar_kind want[] = {
			HC_SCALAR_NULL, HC_SCALAR_NULL, HC_SCALAR_BOOL, HC_SCALAR_BOOL, HC_SCALAR_INT,
			HC_SCALAR_INT, HC_SCALAR_INT, HC_SCALAR_INT, HC_SCALAR_FLOAT, HC_SCALAR_FLOAT,
			HC_SCALAR_FLOAT, HC_SCALAR_FLOAT, HC_SCALAR_FLOAT, HC_SCALAR_STR, HC_SCALAR_STR,
			HC_SCALAR_STR, HC_SCALAR_STR, HC_SCALAR_STR
		};
		assert_int_equal(p.root->len, sizeof(want) / sizeof(want[0]));
		for (size_t i = 0; i < p.root->len; i++)
			if (p.root->u.items[i].u.scalar.kind != want[i])
				fail_msg("item %zu '%s': kind %d, want %d", i, p.root->u.items[i].u.scalar.str,
					 p.root->u.items[i].u.scalar.kind, want[i]);
		done(&p);
	}
}

/* Independent oracle: the YAML 1.2.2 core schema's regular expressions
 * (10.3.2, "Tag Resolution"). */
struct oracle {
	regex_t re[8];
	int n;
};

static void oracle_add(struct oracle *o, const char *re)
{
	int rc = regcomp(&o->re[o->n], re, REG_EXTENDED | REG_NOSUB);

	if (rc)
		fail_msg("regcomp '%s': %d", re, rc);
	o->n++;
}

static bool oracle_match(const regex_t *re, const char *s)
{
	return regexec(re, s, 0, NULL, 0) == 0;
}

static void oracle_free(struct oracle *o)
{
	for (int i = 0; i < o->n; i++)
		regfree(&o->re[i]);
	o->n = 0;
}

/* xorshift64*: a fixed-seed PRNG, so failures reproduce. */
static uint64_t rng_state;

static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * UINT64_C(2685821657736338717);
}

static size_t rnd_below(size_t n)
{
	return (size_t)(rnd() % n);
}

static void test_resolve_oracle(void **state)
{
	static const char alphabet[] = "0123456789+-.eExXoO_:abfinNtTrulsy~ ";
	struct oracle core = { .n = 0 };
	char s[16];

	(void)state;
	oracle_add(&core, "^(~|null|Null|NULL)$");
	oracle_add(&core, "^(true|True|TRUE|false|False|FALSE)$");
	oracle_add(&core, "^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$");
	oracle_add(&core, "^([-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|"
			  "[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN))$");
	rng_state = UINT64_C(0x9e3779b97f4a7c15);
	for (int iter = 0; iter < 200000; iter++) {
		size_t n = 1 + rnd_below(7);
		enum hc_scalar_kind want = HC_SCALAR_STR;

		for (size_t i = 0; i < n; i++)
			s[i] = alphabet[rnd_below(sizeof(alphabet) - 1)];
		s[n] = '\0';
		if (oracle_match(&core.re[0], s))
			want = HC_SCALAR_NULL;
		else if (oracle_match(&core.re[1], s))
			want = HC_SCALAR_BOOL;
		else if (oracle_match(&core.re[2], s))
			want = HC_SCALAR_INT;
		else if (oracle_match(&core.re[3], s))
			want = HC_SCALAR_FLOAT;
		if (R(s) != want)
			fail_msg("'%s' resolved as %d, the core schema says %d", s, R(s), want);
	}
	oracle_free(&core);
}

/* ---- quoting ---------------------------------------------------------------- */

static char *quoted(const char *s)
{
	static char out[512];
	struct hc_buf b = HC_BUF_INIT;

	hc_yaml_quote(&b, s);
	assert_true(b.len < sizeof(out));
	memcpy(out, b.p, b.len + 1);
	hc_buf_release(&b);
	return out;
}

static void test_yaml_quote_expectations(void **state)
{
	(void)state;
	assert_string_equal(quoted("abc"), "abc");
	assert_string_equal(quoted("web1.example.jp"), "web1.example.jp");
	assert_string_equal(quoted("a b"), "a b");
	assert_string_equal(quoted("/srv/www"), "/srv/www");
	assert_string_equal(quoted("日本語"), "日本語");
	assert_string_equal(quoted("192.0.2.1"), "192.0.2.1");
	assert_string_equal(quoted("cancel-pending"), "cancel-pending");
	assert_string_equal(quoted(""), "\"\"");
	assert_string_equal(quoted("yes"), "\"yes\"");
	assert_string_equal(quoted("No"), "\"No\"");
	assert_string_equal(quoted("on"), "\"on\"");
	assert_string_equal(quoted("off"), "\"off\"");
	assert_string_equal(quoted("y"), "\"y\"");
	assert_string_equal(quoted("true"), "\"true\"");
	assert_string_equal(quoted("null"), "\"null\"");
	assert_string_equal(quoted("~"), "\"~\"");
	assert_string_equal(quoted("10:00"), "\"10:00\"");
	assert_string_equal(quoted("190:20:30"), "\"190:20:30\"");
	assert_string_equal(quoted("1.5"), "\"1.5\"");
	assert_string_equal(quoted("1e3"), "\"1e3\"");
	assert_string_equal(quoted("12"), "\"12\"");
	assert_string_equal(quoted("0x1F"), "\"0x1F\"");
	assert_string_equal(quoted("0b11"), "\"0b11\"");
	assert_string_equal(quoted("1_000"), "\"1_000\"");
	assert_string_equal(quoted(".5"), "\".5\"");
	assert_string_equal(quoted(".inf"), "\".inf\"");
	assert_string_equal(quoted("2026-11-21"), "\"2026-11-21\"");
	assert_string_equal(quoted("2026-11-21 10:00:00"), "\"2026-11-21 10:00:00\"");
	assert_string_equal(quoted("- a"), "\"- a\"");
	assert_string_equal(quoted("-a"), "\"-a\"");
	assert_string_equal(quoted("a: b"), "\"a: b\"");
	assert_string_equal(quoted("a:"), "\"a:\"");
	assert_string_equal(quoted("a #b"), "\"a #b\"");
	assert_string_equal(quoted(" a"), "\" a\"");
	assert_string_equal(quoted("a "), "\"a \"");
	assert_string_equal(quoted("#a"), "\"#a\"");
	assert_string_equal(quoted("&a"), "\"&a\"");
	assert_string_equal(quoted("*a"), "\"*a\"");
	assert_string_equal(quoted("!a"), "\"!a\"");
	assert_string_equal(quoted("[a]"), "\"[a]\"");
	assert_string_equal(quoted("{a}"), "\"{a}\"");
	assert_string_equal(quoted("a, b"), "a, b");
	assert_string_equal(quoted("'a'"), "\"'a'\"");
	assert_string_equal(quoted("say \"hi\""), "\"say \\\"hi\\\"\"");
	assert_string_equal(quoted("back\\slash"), "\"back\\\\slash\"");
	assert_string_equal(quoted("two\nlines"), "\"two\\nlines\"");
	assert_string_equal(quoted("tab\there"), "\"tab\\there\"");
	assert_string_equal(quoted("cr\r"), "\"cr\\r\"");
	assert_string_equal(quoted("esc\x1b"), "\"esc\\x1B\"");
	assert_string_equal(quoted("del\x7f"), "\"del\\x7F\"");
	/* Unicode line and paragraph separators, NEL and C1 controls are line
	 * breaks or refused characters for a YAML reader: escaped. */
	assert_string_equal(quoted("a\xc2\x85" "b"), "\"a\\Nb\"");
	assert_string_equal(quoted("a\xe2\x80\xa8" "b"), "\"a\\Lb\"");
	assert_string_equal(quoted("a\xe2\x80\xa9" "b"), "\"a\\Pb\"");
	assert_string_equal(quoted("a\xc2\x80"), "\"a\\x80\"");
}

/* PyYAML's YAML 1.1 implicit resolvers (resolver.py), in POSIX ERE, plus
 * the spec's y/n booleans: a plain scalar must match none of them. */
static void yaml11_oracle(struct oracle *o)
{
	oracle_add(o, "^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|"
		      "on|On|ON|off|Off|OFF)$");
	oracle_add(o, "^([-+]?([0-9][0-9_]*)\\.[0-9_]*([eE][-+][0-9]+)?|"
		      "\\.[0-9][0-9_]*([eE][-+][0-9]+)?|"
		      "[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*|"
		      "[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN))$");
	oracle_add(o, "^([-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|"
		      "[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+)$");
	oracle_add(o, "^(<<|=|~|null|Null|NULL|)$");
	oracle_add(o, "^([0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|"
		      "[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?([Tt]|[ \t]+)"
		      "[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](\\.[0-9]*)?"
		      "([ \t]*(Z|[-+][0-9][0-9]?(:[0-9][0-9])?))?)$");
}

/* The pieces random strings are made of. */
static const char *const pieces[] = {
	"a", "b", "Z", "x", "0", "1", "9", "12", "1.5", "-", "+", ".", ":", ": ", " #", "#", " ",
	"  ", "\t", "\n", "\r", "'", "\"", "\\", "&", "*", "!", "%", "@", "`", "{", "}", "[", "]",
	",", "?", "|", ">", "<<", "=", "~", "_", "/", "(", ")", "yes", "no", "on", "Off", "y",
	"true", "null", "10:00", "0x1F", "0o17", "0b1", "1e3", ".inf", "2026-11-21", "T09:00:00",
	"- ", "-- ", "---", "...", "e", "E", "あ", "日本語", "テスト", "\xc2\xa0", "\xc2\x85",
	"\xe2\x80\xa8", "\xe2\x80\xa9", "\xc2\x80", "\xc2\x9f", "\xef\xbb\xbf", "\xef\xbf\xbd",
	"\xef\xbf\xbe", "\xef\xbf\xbf", "\xf0\x9f\x98\x80", "\x01", "\x1b", "\x7f", "é",
};

static void random_string(char *s, size_t size)
{
	size_t n = 0, count = rnd_below(10);

	s[0] = '\0';
	for (size_t i = 0; i < count; i++) {
		const char *p = pieces[rnd_below(sizeof(pieces) / sizeof(pieces[0]))];
		size_t pl = strlen(p);

		if (n + pl + 1 > size)
			break;
		memcpy(s + n, p, pl + 1);
		n += pl;
	}
}

/* Emits s through hc_yaml_quote in each position the record writer uses
 * and asserts it reads back as the same string scalar. */
static void round_trip(const char *s, struct oracle *o11)
{
	static const char *const frames[][2] = {
		{ "k: ", "\n" }, { "- ", "\n" }, { "k:\n  - ", "\n" }, { "l:\n  - a: 1\n    k: ", "\n" },
	};
	struct hc_buf q = HC_BUF_INIT, doc = HC_BUF_INIT;

	hc_yaml_quote(&q, s);
	/* A plain scalar must read as a string under YAML 1.1 too. */
	if (q.p[0] != '"') {
		for (int i = 0; i < o11->n; i++)
			if (oracle_match(&o11->re[i], q.p))
				fail_msg("'%s' written plain, but YAML 1.1 (rule %d) does not read it as a "
					 "string", q.p, i);
	}
	for (size_t f = 0; f < sizeof(frames) / sizeof(frames[0]); f++) {
		struct parsed p;
		const struct hc_node *n;

		hc_buf_reset(&doc);
		hc_buf_adds(&doc, frames[f][0]);
		hc_buf_adds(&doc, q.p);
		hc_buf_adds(&doc, frames[f][1]);
		parse_n(&p, doc.p, doc.len, NULL);
		if (p.rc != HC_OK)
			fail_msg("quoted as [%s]: does not parse in frame %zu: %d:%d %s", q.p, f,
				 p.err.line, p.err.col, p.err.msg);
		n = p.root;
		if (f == 0)
			n = hc_yaml_get(n, "k");
		else if (f == 1)
			n = &n->u.items[0];
		else if (f == 2)
			n = &hc_yaml_get(n, "k")->u.items[0];
		else
			n = hc_yaml_get(&hc_yaml_get(n, "l")->u.items[0], "k");
		assert_non_null(n);
		if (n->type != HC_NODE_SCALAR || n->u.scalar.kind != HC_SCALAR_STR ||
		    n->len != strlen(s) || strcmp(n->u.scalar.str, s) != 0)
			fail_msg("quoted as [%s], read back as [%s] (kind %d, len %zu), want len %zu", q.p,
				 n->type == HC_NODE_SCALAR ? n->u.scalar.str : "(collection)",
				 n->type == HC_NODE_SCALAR ? (int)n->u.scalar.kind : -1, n->len, strlen(s));
		done(&p);
	}
	hc_buf_release(&q);
	hc_buf_release(&doc);
}

static void test_yaml_quote_round_trip(void **state)
{
	static const char *const fixed[] = {
		"", "abc", "yes", "10:00", "1.5", "- a", "a: b", "a #b", " lead", "trail ", "-",
		"?", ":", "0", "~", "null", "Null", "true", "2026-11-21", "あいう", "a\nb", "\"", "'",
		"\\", "%TAG", "@x", "`x", "a\xc2\x85" "b", "\xe2\x80\xa8", "\xc2\x80", "\xef\xbf\xbe",
		"\xef\xbb\xbf" "a", "a\x01", "x\ty", "---", "...", "- ", "-\t", "#", "a\r\nb",
	};
	struct oracle o11 = { .n = 0 };
	char s[256];

	(void)state;
	yaml11_oracle(&o11);
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		round_trip(fixed[i], &o11);
	rng_state = UINT64_C(20261121);
	for (int iter = 0; iter < 5000; iter++) {
		random_string(s, sizeof(s));
		round_trip(s, &o11);
	}
	oracle_free(&o11);
}

static void test_json_quote(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "", "\"\"" },
		{ "abc", "\"abc\"" },
		{ "say \"hi\"", "\"say \\\"hi\\\"\"" },
		{ "a\\b", "\"a\\\\b\"" },
		{ "a/b", "\"a/b\"" },
		{ "l1\nl2\r\tx", "\"l1\\nl2\\r\\tx\"" },
		{ "\x01\x1f\x1b", "\"\\u0001\\u001f\\u001b\"" },
		{ "\x7f", "\"\\u007f\"" },
		{ "\b\f", "\"\\u0008\\u000c\"" },
		{ "日本語 é", "\"日本語 é\"" },
		{ "\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\"" },
		{ "yes", "\"yes\"" },
	};
	struct hc_buf b = HC_BUF_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		hc_buf_reset(&b);
		hc_json_quote(&b, cases[i].in);
		assert_string_equal(b.p, cases[i].out);
	}
	/* Appends; does not reset. */
	hc_buf_reset(&b);
	hc_buf_adds(&b, "[");
	hc_json_quote(&b, "x");
	assert_string_equal(b.p, "[\"x\"");
	hc_buf_release(&b);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_parse_tree),
	cmocka_unit_test(test_columns_count_characters),
	cmocka_unit_test(test_anchors),
	cmocka_unit_test(test_aliases),
	cmocka_unit_test(test_tags),
	cmocka_unit_test(test_duplicate_keys_small),
	cmocka_unit_test(test_duplicate_keys_large),
	cmocka_unit_test(test_nesting_limit),
	cmocka_unit_test(test_deep_nesting_10000),
	cmocka_unit_test(test_node_limit),
	cmocka_unit_test(test_documents),
	cmocka_unit_test(test_empty),
	cmocka_unit_test(test_invalid_utf8),
	cmocka_unit_test(test_nul_byte),
	cmocka_unit_test(test_utf16_and_bom),
	cmocka_unit_test(test_scalar_limit),
	cmocka_unit_test(test_non_scalar_keys),
	cmocka_unit_test(test_quoted_and_plain_keys),
	cmocka_unit_test(test_syntax_errors),
	cmocka_unit_test(test_resolve_table),
	cmocka_unit_test(test_resolve_oracle),
	cmocka_unit_test(test_yaml_quote_expectations),
	cmocka_unit_test(test_yaml_quote_round_trip),
	cmocka_unit_test(test_json_quote),
};

int main(void)
{
	return cmocka_run_group_tests(tests, NULL, NULL);
}
