/*
 * test_util.c - the string set and map of util.h.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_map_grows),
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_i64_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
