/*
 * test_time.c - unit tests for lib/time.c.
 *
 * The C library's timegm()/gmtime_r() serve as an independent oracle for
 * day numbers and instants.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hostctl/time.h"

#define JST 540

/* The instant of a UTC civil time, by the C library. */
static hc_time utc(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm = {
		.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
		.tm_hour = h, .tm_min = mi, .tm_sec = s,
	};

	return (hc_time)timegm(&tm);
}

static void test_day_known_values(void **state)
{
	(void)state;
	assert_int_equal(hc_day_make(1970, 1, 1), 0);
	assert_int_equal(hc_day_make(1969, 12, 31), -1);
	assert_int_equal(hc_day_make(2000, 1, 1), 10957);
	assert_int_equal(hc_day_make(2026, 12, 25), 20812);
	assert_int_equal(hc_day_make(1, 1, 1), -719162);
	assert_int_equal(hc_day_make(9999, 12, 31), 2932896);
	assert_int_equal(hc_day_make(2024, 2, 29) + 1, hc_day_make(2024, 3, 1));
	assert_int_equal(hc_day_make(2100, 2, 28) + 1, hc_day_make(2100, 3, 1));
}

static void test_day_round_trip(void **state)
{
	(void)state;
	/* Walk every date of years 1 ... 9999 by hand and compare. */
	hc_day expect = hc_day_make(1, 1, 1);

	for (int y = 1; y <= 9999; y++) {
		for (int m = 1; m <= 12; m++) {
			for (int d = 1; d <= hc_days_in_month(y, m); d++) {
				int yy, mm, dd;

				if (hc_day_make(y, m, d) != expect)
					fail_msg("%04d-%02d-%02d: %d, want %d", y, m, d,
					         (int)hc_day_make(y, m, d), (int)expect);
				hc_day_split(expect, &yy, &mm, &dd);
				if (yy != y || mm != m || dd != d)
					fail_msg("split(%d) = %04d-%02d-%02d, want %04d-%02d-%02d",
					         (int)expect, yy, mm, dd, y, m, d);
				expect++;
			}
		}
	}
	assert_int_equal(expect - 1, 2932896);
}

static void test_day_matches_libc(void **state)
{
	(void)state;
	for (hc_day day = -800000; day <= 3000000; day += 997) {
		time_t t = (time_t)day * 86400;
		struct tm tm;
		int y, m, d;

		assert_non_null(gmtime_r(&t, &tm));
		hc_day_split(day, &y, &m, &d);
		assert_int_equal(y, tm.tm_year + 1900);
		assert_int_equal(m, tm.tm_mon + 1);
		assert_int_equal(d, tm.tm_mday);
		assert_int_equal(hc_day_weekday(day), tm.tm_wday);
	}
}

static void test_weekday(void **state)
{
	(void)state;
	assert_int_equal(hc_day_weekday(hc_day_make(1970, 1, 1)), 4);
	assert_int_equal(hc_day_weekday(hc_day_make(1969, 12, 31)), 3);
	assert_int_equal(hc_day_weekday(hc_day_make(2000, 1, 1)), 6);
	assert_int_equal(hc_day_weekday(hc_day_make(2026, 11, 20)), 5);
	assert_int_equal(hc_day_weekday(hc_day_make(2026, 11, 22)), 0);
	assert_int_equal(hc_day_weekday(hc_day_make(1, 1, 1)), 1);
}

static void test_leap_and_month_length(void **state)
{
	(void)state;
	assert_true(hc_is_leap_year(2024));
	assert_true(hc_is_leap_year(2000));
	assert_false(hc_is_leap_year(1900));
	assert_false(hc_is_leap_year(2100));
	assert_false(hc_is_leap_year(2026));
	assert_int_equal(hc_days_in_month(2024, 2), 29);
	assert_int_equal(hc_days_in_month(2026, 2), 28);
	assert_int_equal(hc_days_in_month(2026, 4), 30);
	assert_int_equal(hc_days_in_month(2026, 12), 31);
}

static void test_day_parse_format(void **state)
{
	hc_day day;
	char buf[HC_DAY_BUFSZ];

	(void)state;
	assert_int_equal(hc_day_parse("2026-11-21", &day), 0);
	assert_int_equal(day, hc_day_make(2026, 11, 21));
	assert_int_equal(hc_day_parse("2024-02-29", &day), 0);
	assert_int_equal(hc_day_parse("0001-01-01", &day), 0);
	assert_int_equal(day, -719162);
	assert_int_equal(hc_day_parse("9999-12-31", &day), 0);

	hc_day_format(hc_day_make(2026, 1, 5), buf);
	assert_string_equal(buf, "2026-01-05");
	hc_day_format(hc_day_make(1, 1, 1), buf);
	assert_string_equal(buf, "0001-01-01");

	for (hc_day d = -719162; d <= 2932896; d += 1009) {
		hc_day back;

		hc_day_format(d, buf);
		assert_int_equal(strlen(buf), HC_DAY_BUFSZ - 1);
		assert_int_equal(hc_day_parse(buf, &back), 0);
		assert_int_equal(back, d);
	}
}

static void test_day_parse_rejects(void **state)
{
	static const char *const bad[] = {
		"", "2026", "2026-11", "2026-11-2", "2026-1-21", "26-11-21",
		"2026-11-21 ", " 2026-11-21", "2026-11-21x", "2026-11-21T00:00:00Z",
		"2026/11/21", "2026-13-01", "2026-00-10", "2026-02-29", "2026-02-30",
		"2026-04-31", "2026-11-00", "2026-11-32", "0000-01-01", "+026-11-21",
		"2026-+1-21", "２026-11-21",
	};
	hc_day day = 12345;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (hc_day_parse(bad[i], &day) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
		assert_int_equal(day, 12345);
	}
}

static void test_time_parse_valid(void **state)
{
	hc_time t;
	int off = 99;

	(void)state;
	assert_int_equal(hc_time_parse("2026-11-21T20:32:14+09:00", &t, &off), 0);
	assert_int_equal(t, utc(2026, 11, 21, 11, 32, 14));
	assert_int_equal(off, 540);

	assert_int_equal(hc_time_parse("2026-11-21T11:32:14Z", &t, &off), 0);
	assert_int_equal(t, utc(2026, 11, 21, 11, 32, 14));
	assert_int_equal(off, 0);

	assert_int_equal(hc_time_parse("2026-11-21t11:32:14z", &t, NULL), 0);
	assert_int_equal(t, utc(2026, 11, 21, 11, 32, 14));
	assert_int_equal(hc_time_parse("2026-11-21 11:32:14Z", &t, NULL), 0);
	assert_int_equal(t, utc(2026, 11, 21, 11, 32, 14));

	assert_int_equal(hc_time_parse("2026-11-21T06:02:14-05:30", &t, &off), 0);
	assert_int_equal(t, utc(2026, 11, 21, 11, 32, 14));
	assert_int_equal(off, -330);

	assert_int_equal(hc_time_parse("2026-11-21T11:32:14-00:00", &t, &off), 0);
	assert_int_equal(off, 0);

	assert_int_equal(hc_time_parse("2026-11-21T23:59:59+23:59", &t, &off), 0);
	assert_int_equal(off, 23 * 60 + 59);
	assert_int_equal(t, utc(2026, 11, 21, 0, 0, 59));
	assert_int_equal(hc_time_parse("2026-11-21T00:00:00-23:59", &t, &off), 0);
	assert_int_equal(off, -(23 * 60 + 59));
	assert_int_equal(t, utc(2026, 11, 21, 23, 59, 0));

	/* Fractions are truncated, never rounded. */
	assert_int_equal(hc_time_parse("2026-11-21T11:32:14.999999999Z", &t, NULL), 0);
	assert_int_equal(t, utc(2026, 11, 21, 11, 32, 14));
	assert_int_equal(hc_time_parse("1969-12-31T23:59:59.5Z", &t, NULL), 0);
	assert_int_equal(t, -1);

	/* Leap day, the epoch, and the year range ends. */
	assert_int_equal(hc_time_parse("2024-02-29T12:00:00+09:00", &t, NULL), 0);
	assert_int_equal(t, utc(2024, 2, 29, 3, 0, 0));
	assert_int_equal(hc_time_parse("1970-01-01T09:00:00+09:00", &t, NULL), 0);
	assert_int_equal(t, 0);
	assert_int_equal(hc_time_parse("0001-01-01T00:00:00Z", &t, NULL), 0);
	assert_int_equal(t, (hc_time)-719162 * 86400);
	assert_int_equal(hc_time_parse("9999-12-31T23:59:59Z", &t, NULL), 0);
	assert_int_equal(t, utc(9999, 12, 31, 23, 59, 59));
}

static void test_time_parse_rejects(void **state)
{
	static const char *const bad[] = {
		"",
		"2026-11-21",
		"2026-11-21T20:32:14",            /* no offset */
		"2026-11-21T20:32+09:00",         /* no seconds */
		"2026-11-21T20:32:14+09:00 ",     /* trailing garbage */
		"2026-11-21T20:32:14+09:00x",
		"2026-11-21T20:32:14ZZ",
		"2026-11-21T20:32:14Z\n",
		" 2026-11-21T20:32:14Z",
		"2026-13-21T20:32:14Z",           /* month 13 */
		"2026-00-21T20:32:14Z",
		"2026-02-30T20:32:14Z",           /* Feb 30 */
		"2026-02-29T20:32:14Z",           /* not a leap year */
		"0000-01-01T00:00:00Z",
		"2026-11-21T24:00:00Z",           /* hour 24 */
		"2026-11-21T23:60:00Z",
		"2016-12-31T23:59:60Z",           /* leap second */
		"2026-11-21T20:32:60+09:00",
		"2026-11-21T20:32:14+24:00",      /* offsets beyond +-23:59 */
		"2026-11-21T20:32:14-24:00",
		"2026-11-21T20:32:14+23:60",
		"2026-11-21T20:32:14+99:00",
		"2026-11-21T20:32:14+0900",
		"2026-11-21T20:32:14+09",
		"2026-11-21T20:32:14+9:00",
		"2026-11-21T20:32:14 +09:00",
		"2026-11-21T20:32:14.Z",          /* fraction without digits */
		"2026-11-21T20:32:14,5Z",
		"2026-11-21X20:32:14Z",
		"2026-11-21T2:32:14Z",
		"2026-11-21T20:3:14Z",
		"2026-11-21T20:32:1Z",
		"2026-11-21TT20:32:14Z",
		"2026-11-21T20-32-14Z",
		"20261121T203214Z",
	};
	hc_time t = 42;
	int off = 42;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (hc_time_parse(bad[i], &t, &off) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
		assert_int_equal(t, 42);
		assert_int_equal(off, 42);
	}
}

static void test_time_format(void **state)
{
	char buf[HC_TIME_BUFSZ];

	(void)state;
	hc_time_format(utc(2026, 11, 21, 11, 32, 14), JST, buf);
	assert_string_equal(buf, "2026-11-21T20:32:14+09:00");
	hc_time_format(utc(2026, 11, 21, 11, 32, 14), 0, buf);
	assert_string_equal(buf, "2026-11-21T11:32:14+00:00");
	hc_time_format(utc(2026, 11, 21, 11, 32, 14), -330, buf);
	assert_string_equal(buf, "2026-11-21T06:02:14-05:30");
	hc_time_format(utc(2026, 12, 31, 15, 0, 0), JST, buf);
	assert_string_equal(buf, "2027-01-01T00:00:00+09:00");
	hc_time_format(-1, 0, buf);
	assert_string_equal(buf, "1969-12-31T23:59:59+00:00");
	hc_time_format(0, -1, buf);
	assert_string_equal(buf, "1969-12-31T23:59:00-00:01");
	hc_time_format(utc(2024, 2, 28, 15, 0, 0), JST, buf);
	assert_string_equal(buf, "2024-02-29T00:00:00+09:00");
}

static void test_time_round_trip(void **state)
{
	static const int offsets[] = { 0, JST, -330, 23 * 60 + 59, -(23 * 60 + 59), 345 };
	uint64_t seed = 0x9e3779b97f4a7c15u;

	(void)state;
	for (int i = 0; i < 20000; i++) {
		char buf[HC_TIME_BUFSZ];
		hc_time t, back;
		int off = offsets[i % 6], back_off;

		seed = seed * 6364136223846793005u + 1442695040888963407u;
		/* Instants in 0002 ... 9998, so that any offset stays in range. */
		t = utc(2, 1, 1, 0, 0, 0) + (hc_time)((seed >> 11) % (uint64_t)(utc(9998, 12, 31, 0, 0, 0) - utc(2, 1, 1, 0, 0, 0)));
		hc_time_format(t, off, buf);
		assert_int_equal(strlen(buf), HC_TIME_BUFSZ - 1);
		if (hc_time_parse(buf, &back, &back_off) != 0 || back != t || back_off != off)
			fail_msg("%lld at %d -> \"%s\" did not come back", (long long)t, off, buf);

		/* The civil part agrees with the C library's. */
		time_t local = (time_t)(t + off * 60);
		struct tm tm;
		char want[80];

		assert_non_null(gmtime_r(&local, &tm));
		snprintf(want, sizeof want, "%04d-%02d-%02dT%02d:%02d:%02d",
		         tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
		assert_memory_equal(buf, want, 19);
	}
}

static void test_day_and_minute_around_midnight(void **state)
{
	/* 2026-11-21 00:00 JST is 2026-11-20 15:00 UTC. */
	hc_time midnight_jst = utc(2026, 11, 20, 15, 0, 0);

	(void)state;
	assert_int_equal(hc_time_day(midnight_jst, JST), hc_day_make(2026, 11, 21));
	assert_int_equal(hc_time_minute_of_day(midnight_jst, JST), 0);
	assert_int_equal(hc_time_day(midnight_jst, 0), hc_day_make(2026, 11, 20));
	assert_int_equal(hc_time_minute_of_day(midnight_jst, 0), 15 * 60);

	assert_int_equal(hc_time_day(midnight_jst - 1, JST), hc_day_make(2026, 11, 20));
	assert_int_equal(hc_time_minute_of_day(midnight_jst - 1, JST), 1439);
	assert_int_equal(hc_time_day(midnight_jst + 59, JST), hc_day_make(2026, 11, 21));
	assert_int_equal(hc_time_minute_of_day(midnight_jst + 59, JST), 0);
	assert_int_equal(hc_time_minute_of_day(midnight_jst + 60, JST), 1);

	/* UTC midnight is 09:00 JST the same day. */
	hc_time midnight_utc = utc(2026, 11, 21, 0, 0, 0);

	assert_int_equal(hc_time_day(midnight_utc, 0), hc_day_make(2026, 11, 21));
	assert_int_equal(hc_time_minute_of_day(midnight_utc, 0), 0);
	assert_int_equal(hc_time_day(midnight_utc - 1, 0), hc_day_make(2026, 11, 20));
	assert_int_equal(hc_time_minute_of_day(midnight_utc - 1, 0), 1439);
	assert_int_equal(hc_time_day(midnight_utc, JST), hc_day_make(2026, 11, 21));
	assert_int_equal(hc_time_minute_of_day(midnight_utc, JST), 9 * 60);
	assert_int_equal(hc_time_day(midnight_utc, -60), hc_day_make(2026, 11, 20));
	assert_int_equal(hc_time_minute_of_day(midnight_utc, -60), 23 * 60);

	/* Before the epoch. */
	assert_int_equal(hc_time_day(-1, 0), -1);
	assert_int_equal(hc_time_minute_of_day(-1, 0), 1439);
	assert_int_equal(hc_time_day(-86400, 0), -1);
	assert_int_equal(hc_time_minute_of_day(-86400, 0), 0);
	assert_int_equal(hc_time_day(-86401, 0), -2);
	assert_int_equal(hc_time_day(0, JST), 0);
	assert_int_equal(hc_time_minute_of_day(0, JST), 540);
	assert_int_equal(hc_time_day(-9 * 3600, JST), 0);
	assert_int_equal(hc_time_day(-9 * 3600 - 1, JST), -1);
}

static void test_time_at(void **state)
{
	hc_day day = hc_day_make(2026, 11, 21);

	(void)state;
	assert_int_equal(hc_time_at(day, 0, JST), utc(2026, 11, 20, 15, 0, 0));
	assert_int_equal(hc_time_at(day, 10 * 60, JST), utc(2026, 11, 21, 1, 0, 0));
	assert_int_equal(hc_time_at(day, 1440, JST), hc_time_at(day + 1, 0, JST));
	assert_int_equal(hc_time_at(day, 0, 0), utc(2026, 11, 21, 0, 0, 0));
	assert_int_equal(hc_time_at(day, 0, -330), utc(2026, 11, 21, 5, 30, 0));

	for (int m = 0; m < 1440; m += 7) {
		hc_time t = hc_time_at(day, m, JST);

		assert_int_equal(hc_time_day(t, JST), day);
		assert_int_equal(hc_time_minute_of_day(t, JST), m);
	}
}

static void test_hhmm(void **state)
{
	static const struct { const char *s; int min; } good[] = {
		{ "00:00", 0 }, { "09:05", 545 }, { "10:00", 600 },
		{ "23:59", 1439 }, { "24:00", 1440 }, { "12:30", 750 },
	};
	static const char *const bad[] = {
		"", "9:00", "09:0", "0900", "09:00 ", " 09:00", "09:00:00", "24:01",
		"24:30", "25:00", "99:00", "09:60", "09:99", "ab:cd", "-1:00",
		"+9:00", "09-00", "09:5x", "1:000",
	};
	char buf[6];
	int m;

	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		m = -1;
		assert_int_equal(hc_hhmm_parse(good[i].s, &m), 0);
		assert_int_equal(m, good[i].min);
		hc_hhmm_format(good[i].min, buf);
		assert_string_equal(buf, good[i].s);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		m = 7;
		if (hc_hhmm_parse(bad[i], &m) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
		assert_int_equal(m, 7);
	}
	for (int i = 0; i <= 1440; i++) {
		hc_hhmm_format(i, buf);
		assert_int_equal(hc_hhmm_parse(buf, &m), 0);
		assert_int_equal(m, i);
	}
}

static void test_now(void **state)
{
	hc_time t;

	(void)state;
	assert_int_equal(setenv("HOSTCTL_NOW", "2026-11-21T20:32:14+09:00", 1), 0);
	assert_int_equal(hc_time_now(&t), 0);
	assert_int_equal(t, utc(2026, 11, 21, 11, 32, 14));

	t = 42;
	assert_int_equal(setenv("HOSTCTL_NOW", "2026-11-21T20:32:14", 1), 0);
	assert_int_equal(hc_time_now(&t), -1);
	assert_int_equal(t, 42);
	assert_int_equal(setenv("HOSTCTL_NOW", "", 1), 0);
	assert_int_equal(hc_time_now(&t), -1);

	assert_int_equal(unsetenv("HOSTCTL_NOW"), 0);
	hc_time before = (hc_time)time(NULL);

	assert_int_equal(hc_time_now(&t), 0);
	assert_true(t >= before && t <= (hc_time)time(NULL));
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_day_known_values),
	cmocka_unit_test(test_day_round_trip),
	cmocka_unit_test(test_day_matches_libc),
	cmocka_unit_test(test_weekday),
	cmocka_unit_test(test_leap_and_month_length),
	cmocka_unit_test(test_day_parse_format),
	cmocka_unit_test(test_day_parse_rejects),
	cmocka_unit_test(test_time_parse_valid),
	cmocka_unit_test(test_time_parse_rejects),
	cmocka_unit_test(test_time_format),
	cmocka_unit_test(test_time_round_trip),
	cmocka_unit_test(test_day_and_minute_around_midnight),
	cmocka_unit_test(test_time_at),
	cmocka_unit_test(test_hhmm),
	cmocka_unit_test(test_now),
};

int main(void)
{
	return cmocka_run_group_tests(tests, NULL, NULL);
}
