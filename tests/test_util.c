/*
 * test_util.c - the string set and map of util.h.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "hostctl/util.h"

/* Enough keys to grow the table several times; every one found with its
 * value, absent keys not found, a second put replaces. */
static void test_map_grows(void **state)
{
	static char keys[5000][16];
	struct hc_map m;

	(void)state;
	hc_map_init(&m);
	assert_int_equal(hc_map_get(&m, "x"), SIZE_MAX);
	for (size_t i = 0; i < 5000; i++) {
		snprintf(keys[i], sizeof(keys[i]), "customer-%zu", i);
		hc_map_put(&m, keys[i], i);
	}
	assert_int_equal(m.n, 5000);
	for (size_t i = 0; i < 5000; i++)
		assert_int_equal(hc_map_get(&m, keys[i]), i);
	assert_int_equal(hc_map_get(&m, "customer-5000"), SIZE_MAX);
	assert_int_equal(hc_map_get(&m, ""), SIZE_MAX);
	hc_map_put(&m, keys[7], 42);
	assert_int_equal(m.n, 5000);
	assert_int_equal(hc_map_get(&m, "customer-7"), 42);
	hc_map_release(&m);
	assert_int_equal(hc_map_get(&m, "customer-7"), SIZE_MAX);
}

static void test_set(void **state)
{
	struct hc_set s;

	(void)state;
	hc_set_init(&s);
	assert_false(hc_set_has(&s, "a"));
	assert_true(hc_set_add(&s, "a"));
	assert_false(hc_set_add(&s, "a"));
	assert_true(hc_set_has(&s, "a"));
	assert_false(hc_set_has(&s, "b"));
	hc_set_release(&s);
}

static void test_i64_text(void **state)
{
	static const int64_t v[] = { 0, 1, -1, 9, 10, 99, 100, 12345, -987654321, INT64_MAX, INT64_MIN };
	char buf[HC_I64_BUFSZ], want[32];

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		snprintf(want, sizeof(want), "%lld", (long long)v[i]);
		assert_string_equal(hc_i64_text(buf, v[i]), want);
	}
}

static void test_arena_reset(void **state)
{
	struct hc_arena a;
	char *first, *p;

	(void)state;
	hc_arena_init(&a);
	hc_arena_reset(&a);                      /* empty: nothing to keep */
	assert_null(a.head);
	first = hc_arena_strdup(&a, "x");
	for (int i = 0; i < 2000; i++)           /* several chunks, growing */
		memset(hc_arena_alloc(&a, 100), 'a', 100);
	p = hc_arena_alloc(&a, 3 * 1024 * 1024); /* a block of its own */
	memset(p, 'b', 3 * 1024 * 1024);
	assert_true(a.total >= 2000 * 100 + 3 * 1024 * 1024);
	hc_arena_reset(&a);
	assert_int_equal(a.total, 0);
	/* One chunk is kept, empty, and is where the next allocation goes. */
	assert_non_null(a.head);
	p = hc_arena_strdup(&a, "after reset");
	assert_string_equal(p, "after reset");
	for (int round = 0; round < 100; round++) {
		hc_arena_reset(&a);
		assert_ptr_equal(hc_arena_strdup(&a, "record field"), p);
		for (int i = 0; i < 50; i++)
			assert_non_null(hc_arena_strdup(&a, "record field"));
	}
	hc_arena_release(&a);
	assert_null(a.head);
	(void)first;
}

static void test_buf_reserve_commit(void **state)
{
	struct hc_buf b = HC_BUF_INIT;
	char *at;

	(void)state;
	hc_buf_adds(&b, "ab");
	at = hc_buf_reserve(&b, 100000);
	assert_ptr_equal(at, b.p + 2);
	assert_true(b.cap >= 2 + 100000 + 1);
	memset(at, 'c', 100000);
	hc_buf_commit(&b, 3);
	assert_int_equal(b.len, 5);
	assert_string_equal(b.p, "abccc");
	hc_buf_commit(&b, 0);
	assert_string_equal(b.p, "abccc");
	hc_buf_release(&b);
}

static void test_name_valid(void **state)
{
	static const char *const good[] = { "a", "Z", "0", "acme", "A.b_c-1", "x.y.z", "a-", "a.",
					    "_a", "6f1c1e2a-1111-4222-8333-444455556666" };
	static const char *const bad[] = { "", ".a", "-a", "..", "a..b", "a/b", "a b", "a\x01",
					   "caf\xc3\xa9", "a\\b", "a:b", "a@b", "a*", "~a" };
	char name[200];

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (!hc_name_valid(good[i]))
			fail_msg("'%s' refused", good[i]);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (hc_name_valid(bad[i]))
			fail_msg("'%s' accepted", bad[i]);
	memset(name, 'n', sizeof(name));
	name[128] = '\0';
	assert_true(hc_name_valid(name));          /* 128 bytes */
	name[128] = 'n';
	name[129] = '\0';
	assert_false(hc_name_valid(name));         /* 129 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_map_grows),
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_i64_text),
		cmocka_unit_test(test_arena_reset),
		cmocka_unit_test(test_name_valid),
		cmocka_unit_test(test_buf_reserve_commit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
