/*
 * test_calendar.c - unit tests for lib/calendar.c.
 *
 * test_agrees_with_cabinet_office_csv compares the rule-based holidays with
 * the Cabinet Office's list in testdata/calendar/syukujitsu.csv for every
 * year that file covers; the other tests pin single cases.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostctl/calendar.h"

#define D(y, m, d) hc_day_make((y), (m), (d))

static struct hc_calendar default_calendar(void)
{
	struct hc_calendar cal;

	hc_calendar_init_default(&cal);
	return cal;
}

static void check_holiday(int y, int m, int d, const char *name, const char *name_en)
{
	const struct hc_holiday *h = hc_holiday_on(D(y, m, d));

	if (!h)
		fail_msg("%04d-%02d-%02d: no holiday, want %s", y, m, d, name);
	assert_int_equal(h->day, D(y, m, d));
	if (strcmp(h->name, name) != 0)
		fail_msg("%04d-%02d-%02d: \"%s\", want \"%s\"", y, m, d, h->name, name);
	if (name_en)
		assert_string_equal(h->name_en, name_en);
}

static void check_no_holiday(int y, int m, int d)
{
	const struct hc_holiday *h = hc_holiday_on(D(y, m, d));

	if (h)
		fail_msg("%04d-%02d-%02d: unexpected holiday %s", y, m, d, h->name);
}

static void test_supported_years(void **state)
{
	struct hc_holiday out[32];

	(void)state;
	assert_false(hc_holiday_year_supported(HC_HOLIDAY_FIRST_YEAR - 1));
	assert_true(hc_holiday_year_supported(HC_HOLIDAY_FIRST_YEAR));
	assert_true(hc_holiday_year_supported(HC_HOLIDAY_LAST_YEAR));
	assert_false(hc_holiday_year_supported(HC_HOLIDAY_LAST_YEAR + 1));
	assert_int_equal(HC_HOLIDAY_FIRST_YEAR, 1980);
	assert_int_equal(HC_HOLIDAY_LAST_YEAR, 2099);

	assert_int_equal(hc_holidays_of_year(2100, out, 32), 0);
	assert_int_equal(hc_holidays_of_year(1979, out, 32), 0);
	assert_int_not_equal(hc_holidays_of_year(1980, out, 32), 0);
	assert_int_not_equal(hc_holidays_of_year(2099, out, 32), 0);
	assert_null(hc_holiday_on(D(2100, 1, 1)));
	assert_null(hc_holiday_on(D(1979, 1, 1)));
	assert_non_null(hc_holiday_on(D(2099, 1, 1)));
	assert_null(hc_holiday_on(HC_DAY_NONE));
}

static void test_small_cap(void **state)
{
	struct hc_holiday all[32], few[4];

	(void)state;
	size_t n = hc_holidays_of_year(2026, all, 32);

	assert_true(n > 4 && n <= 32);
	memset(few, 0xa5, sizeof few);
	assert_int_equal(hc_holidays_of_year(2026, few, 3), n);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(few[i].day, all[i].day);
		assert_string_equal(few[i].name, all[i].name);
	}
	/* The fourth slot was left alone. */
	struct hc_holiday untouched;

	memset(&untouched, 0xa5, sizeof untouched);
	assert_memory_equal(&few[3], &untouched, sizeof untouched);
	assert_int_equal(hc_holidays_of_year(2026, NULL, 0), n);
}

static void test_every_year_consistent(void **state)
{
	(void)state;
	for (int y = HC_HOLIDAY_FIRST_YEAR; y <= HC_HOLIDAY_LAST_YEAR; y++) {
		struct hc_holiday out[32];
		size_t n = hc_holidays_of_year(y, out, 32), k = 0;

		assert_true(n >= 12 && n <= 32);
		for (size_t i = 0; i < n; i++) {
			int yy;

			hc_day_split(out[i].day, &yy, NULL, NULL);
			assert_int_equal(yy, y);
			if (i > 0)
				assert_true(out[i - 1].day < out[i].day);
			assert_non_null(out[i].name);
			assert_non_null(out[i].name_en);
		}
		/* hc_holiday_on() agrees on every day of the year. */
		for (hc_day d = D(y, 1, 1); d <= D(y, 12, 31); d++) {
			const struct hc_holiday *h = hc_holiday_on(d);

			if (k < n && out[k].day == d) {
				assert_non_null(h);
				assert_int_equal(h->day, d);
				assert_string_equal(h->name, out[k].name);
				assert_string_equal(h->name_en, out[k].name_en);
				assert_ptr_equal(h, hc_holiday_on(d));   /* static storage */
				k++;
			} else {
				assert_null(h);
			}
		}
		assert_int_equal(k, n);
	}
}

static void test_golden_week_2019(void **state)
{
	static const struct {
		int m, d, wday;
		enum hc_day_kind kind;
		const char *name, *name_en;
	} days[] = {
		{ 4, 26, 5, HC_DAY_BUSINESS, NULL, NULL },
		{ 4, 27, 6, HC_DAY_WEEKEND, NULL, NULL },
		{ 4, 28, 0, HC_DAY_WEEKEND, NULL, NULL },
		{ 4, 29, 1, HC_DAY_HOLIDAY, "昭和の日", "Showa Day" },
		{ 4, 30, 2, HC_DAY_HOLIDAY, "休日", "Citizen's holiday" },
		{ 5, 1, 3, HC_DAY_HOLIDAY, "休日（祝日扱い）", "Enthronement Day" },
		{ 5, 2, 4, HC_DAY_HOLIDAY, "休日", "Citizen's holiday" },
		{ 5, 3, 5, HC_DAY_HOLIDAY, "憲法記念日", "Constitution Memorial Day" },
		{ 5, 4, 6, HC_DAY_HOLIDAY, "みどりの日", "Greenery Day" },
		{ 5, 5, 0, HC_DAY_HOLIDAY, "こどもの日", "Children's Day" },
		{ 5, 6, 1, HC_DAY_HOLIDAY, "休日", "Substitute holiday" },
		{ 5, 7, 2, HC_DAY_BUSINESS, NULL, NULL },
	};
	struct hc_calendar cal = default_calendar();

	(void)state;
	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
		hc_day day = D(2019, days[i].m, days[i].d);

		assert_int_equal(hc_day_weekday(day), days[i].wday);
		if (hc_calendar_day_kind(&cal, day) != days[i].kind)
			fail_msg("2019-%02d-%02d: kind %d, want %d", days[i].m, days[i].d,
			         (int)hc_calendar_day_kind(&cal, day), (int)days[i].kind);
		if (days[i].name)
			check_holiday(2019, days[i].m, days[i].d, days[i].name, days[i].name_en);
		else
			check_no_holiday(2019, days[i].m, days[i].d);
	}
	/* Ten days off in a row: 4/26 + 1 business day = 5/7. */
	assert_int_equal(hc_calendar_add_business_days(&cal, D(2019, 4, 26), 1), D(2019, 5, 7));
	assert_int_equal(hc_calendar_business_days_between(&cal, D(2019, 4, 26), D(2019, 5, 7)), 1);

	/* The rest of 2019: the enthronement ceremony, no 天皇誕生日. */
	check_holiday(2019, 10, 22, "休日（祝日扱い）", "Enthronement Ceremony");
	check_holiday(2019, 10, 14, "体育の日（スポーツの日）", NULL);
	check_no_holiday(2019, 12, 23);
	check_no_holiday(2019, 2, 23);
}

static void test_olympic_moves(void **state)
{
	(void)state;
	/* 2020: the usual days would be 7/20, 10/12 and 8/11. */
	check_holiday(2020, 7, 23, "海の日", "Marine Day");
	check_holiday(2020, 7, 24, "スポーツの日", "Sports Day");
	check_holiday(2020, 8, 10, "山の日", "Mountain Day");
	assert_int_equal(hc_day_weekday(D(2020, 7, 20)), 1);
	check_no_holiday(2020, 7, 20);
	check_no_holiday(2020, 8, 11);
	check_no_holiday(2020, 10, 12);

	/* 2021: the usual days would be 7/19, 10/11 and 8/11; 8/8 is a Sunday. */
	check_holiday(2021, 7, 22, "海の日", "Marine Day");
	check_holiday(2021, 7, 23, "スポーツの日", "Sports Day");
	check_holiday(2021, 8, 8, "山の日", "Mountain Day");
	assert_int_equal(hc_day_weekday(D(2021, 8, 8)), 0);
	check_holiday(2021, 8, 9, "休日", "Substitute holiday");
	check_no_holiday(2021, 7, 19);
	check_no_holiday(2021, 8, 11);
	check_no_holiday(2021, 10, 11);

	/* And back to normal in 2022. */
	check_holiday(2022, 7, 18, "海の日", NULL);
	check_holiday(2022, 8, 11, "山の日", NULL);
	check_holiday(2022, 10, 10, "スポーツの日", NULL);
}

static void test_citizens_holidays(void **state)
{
	(void)state;
	check_holiday(2026, 9, 22, "休日", "Citizen's holiday");
	assert_int_equal(hc_day_weekday(D(2026, 9, 22)), 2);
	check_holiday(2026, 9, 21, "敬老の日", NULL);
	check_holiday(2026, 9, 23, "秋分の日", NULL);
	check_holiday(2015, 9, 22, "休日", "Citizen's holiday");
	check_holiday(2009, 9, 22, "休日", "Citizen's holiday");
	/* 5/4 between 憲法記念日 and こどもの日, 1988-2006, unless a Sunday. */
	check_holiday(1988, 5, 4, "休日", "Citizen's holiday");
	check_holiday(2006, 5, 4, "休日", "Citizen's holiday");
	check_holiday(1991, 5, 4, "休日", "Citizen's holiday");   /* a Saturday */
	assert_int_equal(hc_day_weekday(D(1997, 5, 4)), 0);
	check_no_holiday(1997, 5, 4);
	/* Before the 1985 amendment 5/4 was a working day. */
	assert_int_equal(hc_day_weekday(D(1983, 5, 4)), 3);
	check_no_holiday(1983, 5, 4);
	/* From 2007 it is みどりの日 itself. */
	check_holiday(2007, 5, 4, "みどりの日", NULL);
}

static void test_substitute_holidays(void **state)
{
	(void)state;
	assert_int_equal(hc_day_weekday(D(2023, 1, 1)), 0);
	check_holiday(2023, 1, 2, "休日", "Substitute holiday");
	assert_int_equal(hc_day_weekday(D(2024, 2, 11)), 0);
	check_holiday(2024, 2, 12, "休日", "Substitute holiday");
	/* From 2007: the next day that is not a national holiday. */
	assert_int_equal(hc_day_weekday(D(2008, 5, 4)), 0);
	check_holiday(2008, 5, 6, "休日", "Substitute holiday");
	assert_int_equal(hc_day_weekday(D(2009, 5, 3)), 0);
	check_holiday(2009, 5, 6, "休日", "Substitute holiday");
	/* Before 2007: only the next day; 1990-12-23 was a Sunday. */
	check_holiday(1990, 12, 24, "休日", "Substitute holiday");
	/* A Saturday holiday moves nothing. */
	assert_int_equal(hc_day_weekday(D(2026, 1, 3)), 6);
	check_no_holiday(2026, 1, 5);
}

static void test_rule_changes(void **state)
{
	(void)state;
	check_holiday(1988, 4, 29, "天皇誕生日", NULL);
	check_holiday(1989, 4, 29, "みどりの日", NULL);
	check_holiday(1989, 12, 23, "天皇誕生日", NULL);
	check_holiday(2018, 12, 23, "天皇誕生日", NULL);
	check_holiday(2020, 2, 23, "天皇誕生日", NULL);
	check_holiday(2007, 4, 29, "昭和の日", NULL);
	check_no_holiday(1995, 7, 20);
	check_holiday(1996, 7, 20, "海の日", NULL);
	check_holiday(2003, 7, 21, "海の日", NULL);
	check_no_holiday(2015, 8, 11);
	check_holiday(2016, 8, 11, "山の日", NULL);
	check_holiday(1999, 1, 15, "成人の日", NULL);
	check_holiday(2000, 1, 10, "成人の日", NULL);
	check_holiday(1999, 10, 10, "体育の日", NULL);
	check_holiday(2000, 10, 9, "体育の日", NULL);
	check_holiday(2002, 9, 15, "敬老の日", NULL);
	check_holiday(2003, 9, 15, "敬老の日", NULL);
	check_holiday(2004, 9, 20, "敬老の日", NULL);
	check_holiday(1989, 2, 24, "大喪の礼", NULL);
	check_holiday(1990, 11, 12, "即位礼正殿の儀", NULL);
	check_holiday(1993, 6, 9, "結婚の儀", NULL);
}

static void test_day_kinds(void **state)
{
	struct hc_calendar cal = default_calendar();

	(void)state;
	assert_int_equal(hc_calendar_day_kind(&cal, D(2026, 11, 24)), HC_DAY_BUSINESS);
	assert_int_equal(hc_calendar_day_kind(&cal, D(2026, 11, 23)), HC_DAY_HOLIDAY);
	assert_int_equal(hc_calendar_day_kind(&cal, D(2026, 11, 22)), HC_DAY_WEEKEND);
	assert_int_equal(hc_calendar_day_kind(&cal, D(2026, 12, 28)), HC_DAY_BUSINESS);
	assert_int_equal(hc_calendar_day_kind(&cal, D(2026, 12, 29)), HC_DAY_CLOSURE);
	assert_int_equal(hc_calendar_day_kind(&cal, D(2026, 12, 31)), HC_DAY_CLOSURE);
	assert_int_equal(hc_calendar_day_kind(&cal, D(2027, 1, 1)), HC_DAY_HOLIDAY);
	assert_int_equal(hc_calendar_day_kind(&cal, D(2027, 1, 2)), HC_DAY_WEEKEND);
	assert_int_equal(hc_calendar_day_kind(&cal, D(2027, 1, 3)), HC_DAY_WEEKEND);
	assert_int_equal(hc_calendar_day_kind(&cal, D(2027, 1, 4)), HC_DAY_BUSINESS);
	assert_int_equal(hc_calendar_day_kind(&cal, D(2030, 1, 2)), HC_DAY_CLOSURE);
	assert_int_equal(hc_calendar_day_kind(&cal, D(2030, 1, 3)), HC_DAY_CLOSURE);
	assert_int_equal(hc_calendar_day_kind(&cal, D(1979, 12, 31)), HC_DAY_UNSUPPORTED);
	assert_int_equal(hc_calendar_day_kind(&cal, D(2100, 1, 4)), HC_DAY_UNSUPPORTED);
	assert_false(hc_calendar_is_business_day(&cal, D(2100, 1, 4)));
	assert_true(hc_calendar_is_business_day(&cal, D(2026, 11, 24)));

	/* Without a closure, and with one inside the year. */
	cal.has_closure = false;
	assert_int_equal(hc_calendar_day_kind(&cal, D(2026, 12, 29)), HC_DAY_BUSINESS);
	cal.has_closure = true;
	cal.closure_from_month = 8;
	cal.closure_from_day = 13;
	cal.closure_to_month = 8;
	cal.closure_to_day = 16;
	assert_int_equal(hc_calendar_day_kind(&cal, D(2026, 8, 12)), HC_DAY_BUSINESS);
	assert_int_equal(hc_calendar_day_kind(&cal, D(2026, 8, 13)), HC_DAY_CLOSURE);
	assert_int_equal(hc_calendar_day_kind(&cal, D(2026, 8, 14)), HC_DAY_CLOSURE);
	assert_int_equal(hc_calendar_day_kind(&cal, D(2026, 8, 17)), HC_DAY_BUSINESS);
	assert_int_equal(hc_calendar_day_kind(&cal, D(2026, 12, 29)), HC_DAY_BUSINESS);
}

static void test_default_calendar(void **state)
{
	struct hc_calendar cal;

	(void)state;
	memset(&cal, 0x5a, sizeof cal);
	hc_calendar_init_default(&cal);
	assert_int_equal(cal.utc_offset_min, 540);
	assert_true(cal.has_closure);
	assert_int_equal(cal.closure_from_month, 12);
	assert_int_equal(cal.closure_from_day, 29);
	assert_int_equal(cal.closure_to_month, 1);
	assert_int_equal(cal.closure_to_day, 3);
}

static void test_add_business_days(void **state)
{
	struct hc_calendar cal = default_calendar();

	(void)state;
	/* Across the year-end closure: Friday 12-25, Monday 12-28 works, then
	 * 12-29 ... 01-03 closed and 01-04 is a Monday. */
	assert_int_equal(hc_day_weekday(D(2026, 12, 25)), 5);
	assert_int_equal(hc_day_weekday(D(2026, 12, 28)), 1);
	assert_int_equal(hc_day_weekday(D(2027, 1, 4)), 1);
	assert_int_equal(hc_calendar_add_business_days(&cal, D(2026, 12, 25), 1), D(2026, 12, 28));
	assert_int_equal(hc_calendar_add_business_days(&cal, D(2026, 12, 25), 2), D(2027, 1, 4));
	assert_int_equal(hc_calendar_add_business_days(&cal, D(2026, 12, 25), 3), D(2027, 1, 5));
	assert_int_equal(hc_calendar_add_business_days(&cal, D(2027, 1, 4), -1), D(2026, 12, 28));
	assert_int_equal(hc_calendar_add_business_days(&cal, D(2027, 1, 4), -2), D(2026, 12, 25));

	/* Friday over a holiday Monday. */
	assert_int_equal(hc_calendar_add_business_days(&cal, D(2026, 11, 20), 1), D(2026, 11, 24));
	assert_int_equal(hc_day_weekday(D(2026, 7, 17)), 5);
	assert_int_equal(hc_calendar_add_business_days(&cal, D(2026, 7, 17), 1), D(2026, 7, 21));
	assert_int_equal(hc_calendar_add_business_days(&cal, D(2026, 7, 17), 5), D(2026, 7, 27));
	assert_int_equal(hc_calendar_add_business_days(&cal, D(2026, 11, 24), -1), D(2026, 11, 20));
	assert_int_equal(hc_calendar_add_business_days(&cal, D(2026, 7, 21), -1), D(2026, 7, 17));

	/* The start day never counts, business day or not; n = 0 is a no-op. */
	assert_int_equal(hc_calendar_add_business_days(&cal, D(2026, 11, 23), 1), D(2026, 11, 24));
	assert_int_equal(hc_calendar_add_business_days(&cal, D(2026, 11, 23), -1), D(2026, 11, 20));
	assert_int_equal(hc_calendar_add_business_days(&cal, D(2026, 11, 23), 0), D(2026, 11, 23));
	assert_int_equal(hc_calendar_add_business_days(&cal, D(2026, 11, 24), 0), D(2026, 11, 24));
	assert_int_equal(hc_calendar_add_business_days(&cal, D(2150, 1, 1), 0), D(2150, 1, 1));

	/* On or after / after. */
	assert_int_equal(hc_calendar_business_day_on_or_after(&cal, D(2026, 11, 24)), D(2026, 11, 24));
	assert_int_equal(hc_calendar_business_day_on_or_after(&cal, D(2026, 11, 21)), D(2026, 11, 24));
	assert_int_equal(hc_calendar_business_day_after(&cal, D(2026, 11, 24)), D(2026, 11, 25));
	assert_int_equal(hc_calendar_business_day_after(&cal, D(2026, 12, 28)), D(2027, 1, 4));

	/* Leaving the supported years. */
	assert_int_equal(hc_calendar_business_day_after(&cal, D(2099, 12, 28)), HC_DAY_NONE);
	assert_int_equal(hc_calendar_business_day_on_or_after(&cal, D(2100, 1, 4)), HC_DAY_NONE);
	assert_int_equal(hc_calendar_add_business_days(&cal, D(2099, 12, 1), 30), HC_DAY_NONE);
	assert_int_equal(hc_calendar_add_business_days(&cal, D(1980, 1, 10), -30), HC_DAY_NONE);
	assert_int_equal(hc_calendar_add_business_days(&cal, D(1979, 12, 31), 1), D(1980, 1, 4));
}

static void test_business_days_between(void **state)
{
	struct hc_calendar cal = default_calendar();

	(void)state;
	assert_int_equal(hc_calendar_business_days_between(&cal, D(2026, 12, 25), D(2027, 1, 4)), 2);
	assert_int_equal(hc_calendar_business_days_between(&cal, D(2027, 1, 4), D(2026, 12, 25)), -2);
	assert_int_equal(hc_calendar_business_days_between(&cal, D(2026, 11, 20), D(2026, 11, 24)), 1);
	assert_int_equal(hc_calendar_business_days_between(&cal, D(2026, 11, 20), D(2026, 11, 23)), 0);
	assert_int_equal(hc_calendar_business_days_between(&cal, D(2026, 11, 24), D(2026, 11, 24)), 0);
	assert_int_equal(hc_calendar_business_days_between(&cal, D(2026, 11, 23), D(2026, 11, 24)), 1);
	/* A plain week. */
	assert_int_equal(hc_calendar_business_days_between(&cal, D(2026, 6, 5), D(2026, 6, 12)), 5);
	/* Outside the supported years nothing counts. */
	assert_int_equal(hc_calendar_business_days_between(&cal, D(2100, 1, 1), D(2100, 12, 31)), 0);
	assert_int_equal(hc_calendar_business_days_between(&cal, D(1979, 12, 1), D(1980, 1, 7)), 2);

	/* Agrees with add_business_days from many starting days. */
	for (hc_day from = D(2018, 12, 1); from < D(2021, 2, 1); from += 3) {
		for (int n = 1; n <= 25; n += 6) {
			hc_day to = hc_calendar_add_business_days(&cal, from, n);
			hc_day back = hc_calendar_add_business_days(&cal, from, -n);

			assert_int_equal(hc_calendar_business_days_between(&cal, from, to), n);
			assert_int_equal(hc_calendar_business_days_between(&cal, to, from), -n);
			/* back is a business day itself, so (back, from] holds
			 * n - 1 of them plus from when from is one. */
			assert_true(hc_calendar_is_business_day(&cal, back));
			assert_int_equal(hc_calendar_business_days_between(&cal, back, from),
			                 n - 1 + hc_calendar_is_business_day(&cal, from));
		}
	}
}

static void test_within_hours(void **state)
{
	struct hc_calendar cal = default_calendar();
	struct hc_hours hours = { .count = 1 };
	hc_day work = D(2026, 11, 24), holiday = D(2026, 11, 23);

	(void)state;
	hours.span[0].from_min = 10 * 60;
	hours.span[0].to_min = 18 * 60;
	assert_false(hc_calendar_within_hours(&cal, &hours, hc_time_at(work, 9 * 60 + 59, 540)));
	assert_true(hc_calendar_within_hours(&cal, &hours, hc_time_at(work, 10 * 60, 540)));
	assert_true(hc_calendar_within_hours(&cal, &hours, hc_time_at(work, 17 * 60 + 59, 540)));
	assert_false(hc_calendar_within_hours(&cal, &hours, hc_time_at(work, 18 * 60, 540)));
	/* The last second before 18:00 is still inside. */
	assert_true(hc_calendar_within_hours(&cal, &hours, hc_time_at(work, 18 * 60, 540) - 1));

	assert_false(hc_calendar_within_hours(&cal, &hours, hc_time_at(holiday, 9 * 60 + 59, 540)));
	assert_false(hc_calendar_within_hours(&cal, &hours, hc_time_at(holiday, 10 * 60, 540)));
	assert_false(hc_calendar_within_hours(&cal, &hours, hc_time_at(holiday, 17 * 60 + 59, 540)));
	assert_false(hc_calendar_within_hours(&cal, &hours, hc_time_at(holiday, 18 * 60, 540)));

	/* The provider's zone decides: 01:00 UTC on the 24th is 10:00 JST, and
	 * 15:00 UTC on the 23rd (a holiday in UTC) is 00:00 JST on the 24th. */
	hc_time t;

	assert_int_equal(hc_time_parse("2026-11-24T01:00:00Z", &t, NULL), 0);
	assert_true(hc_calendar_within_hours(&cal, &hours, t));
	assert_int_equal(hc_time_parse("2026-11-23T01:00:00Z", &t, NULL), 0);
	assert_false(hc_calendar_within_hours(&cal, &hours, t));
	hours.span[0].from_min = 0;
	assert_int_equal(hc_time_parse("2026-11-23T15:00:00Z", &t, NULL), 0);
	assert_true(hc_calendar_within_hours(&cal, &hours, t));
	assert_int_equal(hc_time_parse("2026-11-23T14:59:59Z", &t, NULL), 0);
	assert_false(hc_calendar_within_hours(&cal, &hours, t));

	/* Two spans with a lunch break; no spans at all. */
	hours.count = 2;
	hours.span[0].from_min = 10 * 60;
	hours.span[0].to_min = 12 * 60;
	hours.span[1].from_min = 13 * 60;
	hours.span[1].to_min = 18 * 60;
	assert_true(hc_calendar_within_hours(&cal, &hours, hc_time_at(work, 11 * 60 + 59, 540)));
	assert_false(hc_calendar_within_hours(&cal, &hours, hc_time_at(work, 12 * 60, 540)));
	assert_false(hc_calendar_within_hours(&cal, &hours, hc_time_at(work, 12 * 60 + 59, 540)));
	assert_true(hc_calendar_within_hours(&cal, &hours, hc_time_at(work, 13 * 60, 540)));
	hours.count = 0;
	assert_false(hc_calendar_within_hours(&cal, &hours, hc_time_at(work, 11 * 60, 540)));
}

/* The Cabinet Office list: "YYYY/M/D,name" rows after a header row. */
struct csv_row {
	hc_day day;
	int year, month, mday;
	char name[64];
};

#define CSV_MAX 4096

static size_t read_csv(const char *path, struct csv_row *rows)
{
	FILE *f = fopen(path, "r");
	char line[256];
	size_t n = 0;
	int lineno = 0;

	if (!f)
		fail_msg("cannot open %s", path);
	while (fgets(line, sizeof line, f)) {
		char *p = line, name[64];
		int y, m, d, used = 0;

		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (lineno == 1) {
			if (strncmp(p, "\xEF\xBB\xBF", 3) == 0)
				p += 3;
			if (strcmp(p, "国民の祝日・休日月日,国民の祝日・休日名称") != 0)
				fail_msg("%s: unexpected header \"%s\"", path, p);
			continue;
		}
		if (line[0] == '\0')
			continue;
		if (sscanf(line, "%d/%d/%d,%n", &y, &m, &d, &used) != 3 || used == 0 ||
		    m < 1 || m > 12 || d < 1 || d > hc_days_in_month(y, m) ||
		    strlen(line + used) == 0 || strlen(line + used) >= sizeof name)
			fail_msg("%s:%d: bad row \"%s\"", path, lineno, line);
		assert_true(n < CSV_MAX);
		rows[n].day = D(y, m, d);
		rows[n].year = y;
		rows[n].month = m;
		rows[n].mday = d;
		strcpy(rows[n].name, line + used);
		if (n > 0 && rows[n - 1].day >= rows[n].day)
			fail_msg("%s:%d: rows out of order", path, lineno);
		n++;
	}
	fclose(f);
	return n;
}

static bool csv_has(const struct csv_row *rows, size_t n, int y, int m, int d)
{
	for (size_t i = 0; i < n; i++)
		if (rows[i].year == y && rows[i].month == m && rows[i].mday == d)
			return true;
	return false;
}

static void test_agrees_with_cabinet_office_csv(void **state)
{
	struct csv_row *rows = calloc(CSV_MAX, sizeof *rows);
	size_t n, i = 0;
	int years = 0;

	(void)state;
	assert_non_null(rows);
	n = read_csv(HOSTCTL_TESTDATA "/calendar/syukujitsu.csv", rows);
	assert_true(n > 0);

	for (int y = rows[0].year; y <= rows[n - 1].year; y++) {
		struct hc_holiday mine[32];
		size_t first = i, count, k;

		while (i < n && rows[i].year == y)
			i++;
		count = i - first;
		/* A year is fully covered when the file has its 元日 and its
		 * 勤労感謝の日, the year's last holiday since 2019. */
		if (!hc_holiday_year_supported(y) || !csv_has(rows + first, count, y, 1, 1) ||
		    !csv_has(rows + first, count, y, 11, 23))
			continue;

		size_t got = hc_holidays_of_year(y, mine, 32);

		for (k = 0; k < count || k < got; k++) {
			char want[80] = "(none)", have[80] = "(none)";

			if (k < count)
				snprintf(want, sizeof want, "%04d-%02d-%02d %s", rows[first + k].year,
				         rows[first + k].month, rows[first + k].mday, rows[first + k].name);
			if (k < got) {
				int yy, mm, dd;

				hc_day_split(mine[k].day, &yy, &mm, &dd);
				snprintf(have, sizeof have, "%04d-%02d-%02d %s", yy, mm, dd, mine[k].name);
			}
			if (strcmp(want, have) != 0)
				fail_msg("year %d, holiday #%zu: Cabinet Office has %s, rules have %s",
				         y, k + 1, want, have);
		}
		years++;
	}
	/* The file covers 1955-2027: every year from 1980 must have been seen. */
	assert_true(rows[0].year <= HC_HOLIDAY_FIRST_YEAR);
	assert_true(years >= 48);
	free(rows);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_supported_years),
	cmocka_unit_test(test_small_cap),
	cmocka_unit_test(test_every_year_consistent),
	cmocka_unit_test(test_golden_week_2019),
	cmocka_unit_test(test_olympic_moves),
	cmocka_unit_test(test_citizens_holidays),
	cmocka_unit_test(test_substitute_holidays),
	cmocka_unit_test(test_rule_changes),
	cmocka_unit_test(test_day_kinds),
	cmocka_unit_test(test_default_calendar),
	cmocka_unit_test(test_add_business_days),
	cmocka_unit_test(test_business_days_between),
	cmocka_unit_test(test_within_hours),
	cmocka_unit_test(test_agrees_with_cabinet_office_csv),
};

int main(void)
{
	return cmocka_run_group_tests(tests, NULL, NULL);
}
