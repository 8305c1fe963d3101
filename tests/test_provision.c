/*
 * test_provision.c - the provision rules and lifecycle (000 §4.2-1, §4.3;
 * 002 §2.2.4, §2.2.12, §3.1, §3.2; 004 §2.1.3): hand-over dates, the
 * cancellation cut-offs, orders on a fresh state, claims, domains, DNS
 * views, cancel and sweep.
 *
 * Every expected date below is counted by hand from the calendar, with
 * the count in a comment; none is computed by the code under test. The
 * catalog's own lead-time and cancellation entries are used (built-in
 * catalog), and the first test pins the numbers the counts assume.
 *
 * Calendar facts used (Cabinet Office list; the closure is 12-29 ... 01-03):
 *   2026: 11-03 Tue 文化の日, 11-23 Mon 勤労感謝の日;
 *         04-29 Wed 昭和の日, 05-03 Sun 憲法記念日, 05-04 Mon みどりの日,
 *         05-05 Tue こどもの日, 05-06 Wed 振替休日.
 *   2019: 04-27 Sat ... 05-06 Mon ten days off: 04-29 昭和の日, 04-30 休日,
 *         05-01 即位の日, 05-02 休日, 05-03 憲法記念日, 05-04 みどりの日,
 *         05-05 こどもの日, 05-06 振替休日.
 *   2027: 01-01 Fri 元日, 01-04 Mon first business day, 01-11 Mon 成人の日.
 *   2026-11-16 is a Monday, 2026-11-20 a Friday, 2026-12-28 a Monday.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hostctl/calendar.h"
#include "hostctl/catalog.h"
#include "hostctl/claim.h"
#include "hostctl/dns.h"
#include "hostctl/server.h"
#include "hostctl/store.h"
#include "hostctl/validate.h"

#include "testutil.h"

static struct hc_catalog cat;
static struct hc_calendar cal;

static int group_setup(void **state)
{
	struct hc_error err;

	(void)state;
	hc_catalog_init(&cat);
	if (hc_catalog_load_builtin(&cat, &err) != HC_OK) {
		report_error(&err);
		return -1;
	}
	hc_calendar_init_default(&cal);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	hc_catalog_release(&cat);
	return 0;
}

/* ---- helpers ----------------------------------------------------------------- */

static const struct hc_profile *profile(const char *name)
{
	const struct hc_profile *p = hc_catalog_profile(&cat, name);

	assert_non_null(p);
	return p;
}

static const struct hc_lead_time *lead(const char *prof, int kind)
{
	const struct hc_lead_time *lt = hc_profile_lead_time(profile(prof), kind);

	assert_non_null(lt);
	return lt;
}

/* ready_by of an order under a profile's lead time for plans of kind. */
static const char *ready(const char *prof, int kind, const char *accepted, const char *settings,
			 bool added, hc_time *ready_at)
{
	struct hc_error err;
	hc_day by;
	hc_time at;
	int rc = hc_lead_time_ready(&cal, lead(prof, kind), T(accepted),
				    settings ? T(settings) : HC_TIME_NONE, added, &by, &at, &err);

	if (rc)
		report_error(&err);
	assert_int_equal(rc, HC_OK);
	if (ready_at)
		*ready_at = at;
	else
		assert_int_equal(at, HC_TIME_NONE);
	return DS(by);
}

#define VIRT HC_PLAN_VIRTUAL
#define PHYS HC_PLAN_PHYSICAL
#define MANAGED "smartconnect-managed"
#define JP6 "clara-jp6"
#define WEBARENA "webarena"
#define JECC "jecc-waterpf"

/* ---- hc_lead_time_ready -------------------------------------------------------- */

/* The numbers every count below assumes, read from the catalog itself. */
static void test_lead_time_catalog_entries(void **state)
{
	const struct hc_lead_time *lt;

	(void)state;
	lt = lead(MANAGED, VIRT);           /* 002 §3.1: 初回 3 営業日, 追加 概ね 1 時間 */
	assert_int_equal(lt->business_days, 3);
	assert_int_equal(lt->added_minutes, 60);
	assert_false(lt->from_settings);
	assert_non_null(strstr(lt->source, "002 §3.1"));
	lt = lead(MANAGED, PHYS);           /* 002 §3.1: 初回 5 営業日, 追加 5 営業日以上 */
	assert_int_equal(lt->business_days, 5);
	assert_int_equal(lt->added_business_days, 5);
	assert_int_equal(lt->added_minutes, HC_INT_NONE);
	lt = lead(JP6, PHYS);               /* 000 §4.2-1: 3 営業日, 設定情報の翌営業日から */
	assert_int_equal(lt->business_days, 3);
	assert_true(lt->from_settings);
	assert_int_equal(lt->added_minutes, HC_INT_NONE);
	assert_int_equal(lt->added_business_days, HC_INT_NONE);
	assert_non_null(strstr(lt->source, "000 §4.2-1"));
	assert_int_equal(lead(WEBARENA, PHYS)->business_days, 5);   /* our choice (001 silent) */
	assert_int_equal(lead(JECC, VIRT)->business_days, 10);      /* our choice (004 silent) */
	/* No profile gives a lead time for a kind it does not sell. */
	assert_null(hc_profile_lead_time(profile(JP6), VIRT));
	assert_null(hc_profile_lead_time(profile(JECC), PHYS));
}

static void test_lead_time_order_on_a_monday(void **state)
{
	(void)state;
	/* Mon 11-16 is day 0: 17 Tue(1) 18 Wed(2) 19 Thu(3). */
	assert_string_equal(ready(MANAGED, VIRT, "2026-11-16T10:00:00+09:00", NULL, false, NULL),
			    "2026-11-19");
	assert_string_equal(ready(JP6, PHYS, "2026-11-16T10:00:00+09:00", NULL, false, NULL),
			    "2026-11-19");
	/* 5 BD: 17(1) 18(2) 19(3) 20(4), 21-22 weekend, 23 勤労感謝の日, 24 Tue(5). */
	assert_string_equal(ready(WEBARENA, PHYS, "2026-11-16T10:00:00+09:00", NULL, false, NULL),
			    "2026-11-24");
	assert_string_equal(ready(MANAGED, PHYS, "2026-11-16T10:00:00+09:00", NULL, false, NULL),
			    "2026-11-24");
	/* 10 BD: 17 18 19 20 (4), 24(5) 25(6) 26(7) 27(8), 30 Mon(9), 12-01 Tue(10). */
	assert_string_equal(ready(JECC, VIRT, "2026-11-16T10:00:00+09:00", NULL, false, NULL),
			    "2026-12-01");
}

static void test_lead_time_friday_across_a_weekend(void **state)
{
	(void)state;
	/* Fri 11-13: 14-15 weekend, 16 Mon(1) 17(2) 18(3). */
	assert_string_equal(ready(MANAGED, VIRT, "2026-11-13T10:00:00+09:00", NULL, false, NULL),
			    "2026-11-18");
	assert_string_equal(ready(JP6, PHYS, "2026-11-13T18:30:00+09:00", NULL, false, NULL),
			    "2026-11-18");
	/* 5 BD: 16(1) 17(2) 18(3) 19(4) 20(5). */
	assert_string_equal(ready(MANAGED, PHYS, "2026-11-13T10:00:00+09:00", NULL, false, NULL),
			    "2026-11-20");
}

static void test_lead_time_across_a_holiday(void **state)
{
	(void)state;
	/* Fri 11-20: 21-22 weekend, 23 Mon 勤労感謝の日, 24 Tue(1) 25(2) 26(3). */
	assert_string_equal(ready(MANAGED, VIRT, "2026-11-20T10:00:00+09:00", NULL, false, NULL),
			    "2026-11-26");
	assert_string_equal(ready(JP6, PHYS, "2026-11-20T10:00:00+09:00", NULL, false, NULL),
			    "2026-11-26");
	/* 5 BD: 24(1) 25(2) 26(3) 27(4), 28-29 weekend, 30 Mon(5). */
	assert_string_equal(ready(WEBARENA, PHYS, "2026-11-20T10:00:00+09:00", NULL, false, NULL),
			    "2026-11-30");
	assert_string_equal(ready(MANAGED, PHYS, "2026-11-20T10:00:00+09:00", NULL, false, NULL),
			    "2026-11-30");
}

static void test_lead_time_golden_week(void **state)
{
	(void)state;
	/* 2026: Thu 04-30 is day 0; 05-01 Fri(1); 02-03 weekend (03 also
	 * 憲法記念日); 04 みどりの日, 05 こどもの日, 06 振替休日; 07 Thu(2) 08 Fri(3). */
	assert_string_equal(ready(MANAGED, VIRT, "2026-04-30T10:00:00+09:00", NULL, false, NULL),
			    "2026-05-08");
	assert_string_equal(ready(JP6, PHYS, "2026-04-30T10:00:00+09:00", NULL, false, NULL),
			    "2026-05-08");
	/* 5 BD: 05-01(1) 07(2) 08(3), 11 Mon(4) 12 Tue(5). */
	assert_string_equal(ready(WEBARENA, PHYS, "2026-04-30T10:00:00+09:00", NULL, false, NULL),
			    "2026-05-12");
	/* 10 BD: 05-01(1) 07(2) 08(3) 11(4) 12(5) 13(6) 14(7) 15(8) 18(9) 19(10). */
	assert_string_equal(ready(JECC, VIRT, "2026-04-30T10:00:00+09:00", NULL, false, NULL),
			    "2026-05-19");
	/* Accepted Fri 05-01 (a business day): 07(1) 08(2) 11 Mon(3). */
	assert_string_equal(ready(MANAGED, VIRT, "2026-05-01T10:00:00+09:00", NULL, false, NULL),
			    "2026-05-11");

	/* 2019, ten days off: Fri 04-26 is day 0; 04-27 ... 05-06 none
	 * counts; 05-07 Tue(1) 08 Wed(2) 09 Thu(3). */
	assert_string_equal(ready(MANAGED, VIRT, "2019-04-26T10:00:00+09:00", NULL, false, NULL),
			    "2019-05-09");
	/* 5 BD: 07(1) 08(2) 09(3) 10 Fri(4) 13 Mon(5). */
	assert_string_equal(ready(WEBARENA, PHYS, "2019-04-26T10:00:00+09:00", NULL, false, NULL),
			    "2019-05-13");
	/* 10 BD: 07 08 09 10 (4) 13(5) 14(6) 15(7) 16(8) 17(9) 20 Mon(10). */
	assert_string_equal(ready(JECC, VIRT, "2019-04-26T10:00:00+09:00", NULL, false, NULL),
			    "2019-05-20");
	/* Accepted on 05-01 即位の日: taken up Tue 05-07 (day 0), 08(1) 09(2) 10(3). */
	assert_string_equal(ready(MANAGED, VIRT, "2019-05-01T10:00:00+09:00", NULL, false, NULL),
			    "2019-05-10");
}

static void test_lead_time_year_end_closure(void **state)
{
	(void)state;
	/* Mon 12-28 is day 0 (the last business day of 2026); 12-29 ... 01-03
	 * closure (01-01 元日, 01-02/03 weekend too); 2027-01-04 Mon(1)
	 * 05 Tue(2) 06 Wed(3). */
	assert_string_equal(ready(MANAGED, VIRT, "2026-12-28T10:00:00+09:00", NULL, false, NULL),
			    "2027-01-06");
	assert_string_equal(ready(JP6, PHYS, "2026-12-28T10:00:00+09:00", NULL, false, NULL),
			    "2027-01-06");
	/* 5 BD: 01-04(1) 05(2) 06(3) 07(4) 08 Fri(5). */
	assert_string_equal(ready(WEBARENA, PHYS, "2026-12-28T10:00:00+09:00", NULL, false, NULL),
			    "2027-01-08");
	/* 10 BD: 01-04 ... 08 (5), 11 成人の日, 12(6) 13(7) 14(8) 15(9) 18 Mon(10). */
	assert_string_equal(ready(JECC, VIRT, "2026-12-28T10:00:00+09:00", NULL, false, NULL),
			    "2027-01-18");
	/* Fri 12-25: 28 Mon(1), closure, 2027-01-04(2) 05(3). */
	assert_string_equal(ready(MANAGED, VIRT, "2026-12-25T10:00:00+09:00", NULL, false, NULL),
			    "2027-01-05");
	/* Accepted inside the closure (Tue 12-29): taken up Mon 2027-01-04
	 * (day 0), 05(1) 06(2) 07(3). */
	assert_string_equal(ready(MANAGED, VIRT, "2026-12-29T10:00:00+09:00", NULL, false, NULL),
			    "2027-01-07");
}

static void test_lead_time_accepted_on_a_day_off(void **state)
{
	(void)state;
	/* Sat 11-21: taken up Tue 11-24 (23 is 勤労感謝の日) as day 0;
	 * 25(1) 26(2) 27(3). */
	assert_string_equal(ready(MANAGED, VIRT, "2026-11-21T10:00:00+09:00", NULL, false, NULL),
			    "2026-11-27");
	/* Accepted on the holiday itself, Mon 11-23: the same. */
	assert_string_equal(ready(JP6, PHYS, "2026-11-23T10:00:00+09:00", NULL, false, NULL),
			    "2026-11-27");
	/* Tue 11-03 文化の日: taken up Wed 11-04; 05(1) 06(2) 09 Mon(3). */
	assert_string_equal(ready(MANAGED, VIRT, "2026-11-03T10:00:00+09:00", NULL, false, NULL),
			    "2026-11-09");
	/* The day is the provider's (JST): 2026-11-20T15:30Z is Sat 11-21
	 * 00:30 JST, so 11-27 as above, not 11-26 (Friday's count). */
	assert_string_equal(ready(MANAGED, VIRT, "2026-11-20T15:30:00Z", NULL, false, NULL),
			    "2026-11-27");
	/* ... and 2026-11-20T14:59:59Z is still Friday 23:59:59 JST. */
	assert_string_equal(ready(MANAGED, VIRT, "2026-11-20T14:59:59Z", NULL, false, NULL),
			    "2026-11-26");
}

static void test_lead_time_jp6_settings_submitted(void **state)
{
	(void)state;
	/* Accepted Mon 11-16, settings the same day: counting starts on the
	 * business day after the settings day, Tue 11-17 (day 0);
	 * 18(1) 19(2) 20(3). */
	assert_string_equal(ready(JP6, PHYS, "2026-11-16T10:00:00+09:00", "2026-11-16T15:00:00+09:00",
				  false, NULL), "2026-11-20");
	/* Settings a day later (Tue 11-17): start Wed 11-18; 19(1) 20(2),
	 * weekend, 23 holiday, 24 Tue(3). */
	assert_string_equal(ready(JP6, PHYS, "2026-11-16T10:00:00+09:00", "2026-11-17T09:00:00+09:00",
				  false, NULL), "2026-11-24");
	/* Settings before the acceptance (Thu 11-12): the business day after
	 * them (13) is earlier than the acceptance day, which stays the
	 * start: 17(1) 18(2) 19(3), as without settings. */
	assert_string_equal(ready(JP6, PHYS, "2026-11-16T10:00:00+09:00", "2026-11-12T09:00:00+09:00",
				  false, NULL), "2026-11-19");
	/* Settings on Fri 11-20: the next business day is Tue 11-24 (day 0);
	 * 25(1) 26(2) 27(3). */
	assert_string_equal(ready(JP6, PHYS, "2026-11-16T10:00:00+09:00", "2026-11-20T17:00:00+09:00",
				  false, NULL), "2026-11-27");
	/* The settings day is a JST day: 2026-11-16T15:30Z is Tue 11-17 00:30
	 * JST, so the start is Wed 11-18 and the date 11-24 as above. */
	assert_string_equal(ready(JP6, PHYS, "2026-11-16T10:00:00+09:00", "2026-11-16T15:30:00Z",
				  false, NULL), "2026-11-24");
	/* Settings on Mon 12-28: next business day 2027-01-04 (closure);
	 * 05(1) 06(2) 07(3). */
	assert_string_equal(ready(JP6, PHYS, "2026-12-24T10:00:00+09:00", "2026-12-28T11:00:00+09:00",
				  false, NULL), "2027-01-07");
	/* The managed profile counts from the acceptance only (002 §3.1;
	 * from_settings false): Mon 11-16 -> 11-19 whatever the settings. */
	assert_string_equal(ready(MANAGED, VIRT, "2026-11-16T10:00:00+09:00",
				  "2026-11-17T09:00:00+09:00", false, NULL), "2026-11-19");
}

static void test_lead_time_added_server(void **state)
{
	hc_time at;

	(void)state;
	/* Managed, the customer already has a virtual server: ~1 h, any day. */
	assert_string_equal(ready(MANAGED, VIRT, "2026-11-21T10:00:00+09:00", NULL, true, &at),
			    "2026-11-21");
	assert_string_equal(TS(at), "2026-11-21T11:00:00+09:00");
	/* 23:30 JST + 60 min is past midnight: the date follows the instant. */
	assert_string_equal(ready(MANAGED, VIRT, "2026-11-20T23:30:00+09:00", NULL, true, &at),
			    "2026-11-21");
	assert_string_equal(TS(at), "2026-11-21T00:30:00+09:00");
	/* First virtual server: business days, no instant. */
	assert_string_equal(ready(MANAGED, VIRT, "2026-11-20T23:30:00+09:00", NULL, false, &at),
			    "2026-11-26");
	assert_int_equal(at, HC_TIME_NONE);
	/* An added physical server still takes 5 business days (stock):
	 * Fri 11-20: 24(1) 25(2) 26(3) 27(4) 30(5). */
	assert_string_equal(ready(MANAGED, PHYS, "2026-11-20T10:00:00+09:00", NULL, true, NULL),
			    "2026-11-30");
	/* jp6 has no added-server rule: the first-server count applies. */
	assert_string_equal(ready(JP6, PHYS, "2026-11-20T10:00:00+09:00", NULL, true, NULL),
			    "2026-11-26");
}

static void test_lead_time_none_and_off_calendar(void **state)
{
	struct hc_error err;
	hc_day by = 0;
	hc_time at = 0;

	(void)state;
	/* No lead time (a profile without one): nothing promised, no error. */
	assert_int_equal(hc_lead_time_ready(&cal, NULL, T("2026-11-20T10:00:00+09:00"), HC_TIME_NONE,
					    false, &by, &at, &err), HC_OK);
	assert_int_equal(by, HC_DAY_NONE);
	assert_int_equal(at, HC_TIME_NONE);
	/* 2099-12-30 is in the closure; the next business day is in 2100,
	 * past the holiday table: refused, naming the lead-time rule. */
	assert_int_equal(hc_lead_time_ready(&cal, lead(MANAGED, VIRT), T("2099-12-30T10:00:00+09:00"),
					    HC_TIME_NONE, false, &by, &at, &err), HC_EREFUSED);
	assert_non_null(strstr(err.rule, "002 §3.1"));
	assert_non_null(strstr(err.msg, "outside the calendar"));
}

/* ---- hc_cancellation_allowed --------------------------------------------------- */

static int cancel(const char *prof, const char *filed, const char *effective, struct hc_error *err)
{
	hc_error_clear(err);
	return hc_cancellation_allowed(&cal, &profile(prof)->cancellation, T(filed), D(effective), err);
}

#define ALLOWED(prof, filed, eff)                                                \
	do {                                                                     \
		struct hc_error e_;                                              \
		int rc_ = cancel(prof, filed, eff, &e_);                         \
		if (rc_)                                                         \
			report_error(&e_);                                       \
		assert_int_equal(rc_, HC_OK);                                    \
	} while (0)

/* Refused, naming the rule: err.rule holds the section. */
#define REFUSED(prof, filed, eff, section, text)                                 \
	do {                                                                     \
		struct hc_error e_;                                              \
		assert_int_equal(cancel(prof, filed, eff, &e_), HC_EREFUSED);    \
		assert_true(e_.rule[0] != '\0');                                 \
		assert_non_null(strstr(e_.rule, section));                       \
		assert_non_null(strstr(e_.msg, text));                           \
	} while (0)

static void test_cancel_jp6_end_of_previous_month(void **state)
{
	(void)state;
	assert_int_equal(profile(JP6)->cancellation.notice, HC_DL_END_OF_PREVIOUS_MONTH);
	/* Filed on the last day of November for 12-01: in time. */
	ALLOWED(JP6, "2026-11-30T10:00:00+09:00", "2026-12-01");
	ALLOWED(JP6, "2026-11-30T10:00:00+09:00", "2026-12-31");
	/* Filed 12-01 for any December day: the deadline was 11-30. */
	REFUSED(JP6, "2026-12-01T10:00:00+09:00", "2026-12-31", "000 §4.3", "must be filed by 2026-11-30");
	REFUSED(JP6, "2026-12-01T10:00:00+09:00", "2026-12-01", "000 §4.3", "must be filed by 2026-11-30");
	/* ... but for January it is in time. */
	ALLOWED(JP6, "2026-12-01T10:00:00+09:00", "2027-01-01");
	/* The last instant of 11-30 JST is in time, the first of 12-01 is not. */
	ALLOWED(JP6, "2026-11-30T23:59:59+09:00", "2026-12-15");
	REFUSED(JP6, "2026-12-01T00:00:00+09:00", "2026-12-15", "000 §4.3", "end of the month before");
	/* The same instants written in UTC: days are JST days. */
	ALLOWED(JP6, "2026-11-30T14:59:59Z", "2026-12-15");
	REFUSED(JP6, "2026-11-30T15:00:00Z", "2026-12-15", "000 §4.3", "must be filed by 2026-11-30");
	/* Across the year: filed in December 2026 for January 2027 is fine,
	 * for a day of 2027-01 filed 2027-01-01 is not. */
	ALLOWED(JP6, "2026-12-31T23:00:00+09:00", "2027-01-01");
	REFUSED(JP6, "2027-01-01T09:00:00+09:00", "2027-01-31", "000 §4.3", "2026-12-31");
	/* No latest date for jp6: a year ahead is fine. */
	ALLOWED(JP6, "2026-11-21T10:00:00+09:00", "2027-11-30");
	/* An effective date before the filing day is refused. */
	REFUSED(JP6, "2026-11-21T10:00:00+09:00", "2026-11-20", "000 §4.3", "before the filing day");
}

static void test_cancel_managed_same_day_until_17(void **state)
{
	(void)state;
	assert_int_equal(profile(MANAGED)->cancellation.same_day_until, 17 * 60);
	/* 002 §3.2 当日解約受付は 17 時まで: the code accepts up to and
	 * including 17:00:00 and refuses from 17:00:01 on. */
	ALLOWED(MANAGED, "2026-11-20T16:59:59+09:00", "2026-11-20");
	ALLOWED(MANAGED, "2026-11-20T17:00:00+09:00", "2026-11-20");
	REFUSED(MANAGED, "2026-11-20T17:00:01+09:00", "2026-11-20", "002 §3.2",
		"the earliest effective date now is 2026-11-21");
	/* The same instants in UTC (08:00Z = 17:00 JST). */
	ALLOWED(MANAGED, "2026-11-20T08:00:00Z", "2026-11-20");
	REFUSED(MANAGED, "2026-11-20T08:00:01Z", "2026-11-20", "002 §3.2", "until 17:00");
	/* After 17:00 the next day is fine, whatever the hour. */
	ALLOWED(MANAGED, "2026-11-20T23:59:59+09:00", "2026-11-21");
	/* Same day on a Saturday: the rule does not speak of business days. */
	ALLOWED(MANAGED, "2026-11-21T09:00:00+09:00", "2026-11-21");
	/* Before the filing day: refused. */
	REFUSED(MANAGED, "2026-11-20T10:00:00+09:00", "2026-11-19", "002 §3.2", "before the filing day");
}

static void test_cancel_managed_end_of_next_month(void **state)
{
	(void)state;
	/* Filed 11-20: the latest effective date is 12-31. */
	ALLOWED(MANAGED, "2026-11-20T10:00:00+09:00", "2026-12-31");
	REFUSED(MANAGED, "2026-11-20T10:00:00+09:00", "2027-01-01", "002 §3.2",
		"after 2026-12-31 (the end of next month)");
	/* Filed in January of a leap year: the end of February is the 29th. */
	ALLOWED(MANAGED, "2028-01-15T10:00:00+09:00", "2028-02-29");
	REFUSED(MANAGED, "2028-01-15T10:00:00+09:00", "2028-03-01", "002 §3.2", "after 2028-02-29");
	/* Non-leap: 2027-02-28. */
	ALLOWED(MANAGED, "2027-01-31T10:00:00+09:00", "2027-02-28");
	REFUSED(MANAGED, "2027-01-31T10:00:00+09:00", "2027-03-01", "002 §3.2", "after 2027-02-28");
	/* Filed on 12-31 late JST: next month is January 2027. */
	ALLOWED(MANAGED, "2026-12-31T23:00:00+09:00", "2027-01-31");
	REFUSED(MANAGED, "2026-12-31T23:00:00+09:00", "2027-02-01", "002 §3.2", "after 2027-01-31");
	/* ... while 2026-12-31T15:00Z is already 2027-01-01 in Tokyo. */
	ALLOWED(MANAGED, "2026-12-31T15:00:00Z", "2027-02-28");
	/* No notice period: tomorrow is fine. */
	ALLOWED(MANAGED, "2026-11-30T10:00:00+09:00", "2026-12-01");
}

static void test_cancel_profile_without_rule(void **state)
{
	(void)state;
	/* jecc-waterpf has no cancellation block (the 共通仕様書 is not part of
	 * the seed): any day from the filing day on, no same-day cut-off. */
	assert_int_equal(profile(JECC)->cancellation.same_day_until, -1);
	ALLOWED(JECC, "2026-11-21T23:00:00+09:00", "2026-11-21");
	ALLOWED(JECC, "2026-11-21T23:00:00+09:00", "2030-01-01");
	{
		struct hc_error e;

		assert_int_equal(cancel(JECC, "2026-11-21T10:00:00+09:00", "2026-11-20", &e), HC_EREFUSED);
		assert_non_null(strstr(e.msg, "before the filing day"));
	}
	/* webarena: end of the previous month (our choice, 001 is silent). */
	ALLOWED(WEBARENA, "2026-11-30T23:59:59+09:00", "2026-12-01");
	{
		struct hc_error e;

		assert_int_equal(cancel(WEBARENA, "2026-12-01T00:00:00+09:00", "2026-12-02", &e),
				 HC_EREFUSED);
		assert_true(e.rule[0] != '\0');
	}
}

/* ---- a state ------------------------------------------------------------------- */

struct fixture {
	char dir[256];
	struct hc_store st;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	state_new(fx->dir, sizeof(fx->dir), "provision", &fx->st);
	sh("mkdir -p '%s/customers'", fx->dir);
	write_file(fx->dir, "customers/acme.yaml", "id: acme\nname: Acme\n");
	write_file(fx->dir, "customers/beta.yaml", "id: beta\nname: Beta\n");
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	state_remove(&fx->st, fx->dir);
	free(fx);
	return 0;
}

static struct hc_order order(const char *customer, const char *prof, const char *plan,
			     const char *accepted)
{
	return base_order(customer, prof, plan, T(accepted), "test-provision");
}

/* Places the order (now = its acceptance); res is re-initialised. */
static int place(struct fixture *fx, const struct hc_order *ord, struct hc_server_result *res,
		 struct hc_error *err)
{
	struct hc_txn_options o = txo(ord->accepted_at);

	hc_server_result_release(res);
	hc_server_result_init(res);
	hc_error_clear(err);
	return hc_server_order(&fx->st, &o, ord, res, NULL, err);
}

static void place_ok(struct fixture *fx, const struct hc_order *ord, struct hc_server_result *res)
{
	struct hc_error err;
	int rc = place(fx, ord, res, &err);

	if (rc)
		report_error(&err);
	assert_int_equal(rc, HC_OK);
}

static size_t count_servers(struct fixture *fx)
{
	return count_names(&fx->st, HC_SERVERS_DIR);
}

/* ---- orders ----------------------------------------------------------------------- */

static void test_order_one_per_profile(void **state)
{
	struct fixture *fx = *state;
	struct hc_server_result r;
	struct hc_order o;
	const struct hc_server *s = &r.server;
	const struct hc_server_domain *d;
	const struct hc_server_backup *b;
	char want[256];

	hc_server_result_init(&r);

	/* clara-jp6: Mon 11-16 -> Thu 11-19 (3 BD); tokyo, rhel-9 by default. */
	o = order("acme", JP6, "standard", "2026-11-16T10:00:00+09:00");
	place_ok(fx, &o, &r);
	assert_string_equal(s->profile, JP6);
	assert_string_equal(s->os, "rhel-9");
	assert_string_equal(s->region, "tokyo");
	assert_int_equal(s->status, HC_SRV_ORDERED);
	assert_string_equal(DS(s->ready_by), "2026-11-19");
	assert_int_equal(s->ready_at, HC_TIME_NONE);
	assert_int_equal(s->global_ips.n, 1);
	assert_true(hc_str_has_prefix(s->global_ips.v[0], "198.18."));
	assert_null(s->private_ip);            /* the plan has no private address */
	snprintf(want, sizeof(want), "sv-%.8s.tokyo.hosting.example.jp", s->id);
	assert_string_equal(s->hostname, want);
	assert_true(exists(fx->dir, "servers/%s.yaml", s->id));
	assert_true(exists(fx->dir, "claims/hostname/%s", s->hostname));
	assert_true(exists(fx->dir, "claims/ip/%s", s->global_ips.v[0]));
	assert_true(exists(fx->dir, "index/servers-by-customer/acme/%s", s->id));
	{
		/* A claim file names its owner. */
		char rel[128], *own;

		snprintf(rel, sizeof(rel), "claims/hostname/%s", s->hostname);
		own = slurp(fx->dir, "%s", rel);
		snprintf(want, sizeof(want), "servers/%s.yaml\n", s->id);
		assert_string_equal(own, want);
		free(own);
	}
	/* The same profile with settings submitted a day after the
	 * acceptance: start Wed 11-18, 19(1) 20(2) 24(3). */
	o = order("beta", JP6, "standard", "2026-11-16T10:00:00+09:00");
	o.settings_submitted_at = T("2026-11-17T09:00:00+09:00");
	place_ok(fx, &o, &r);
	assert_string_equal(DS(s->ready_by), "2026-11-24");
	assert_string_equal(TS(s->settings_submitted_at), "2026-11-17T09:00:00+09:00");

	/* webarena: Fri 11-20 -> Mon 11-30 (5 BD over the 23rd); CentOS 7 is
	 * the default and past vendor support: a note, not a refusal. */
	o = order("acme", WEBARENA, "standard", "2026-11-20T10:00:00+09:00");
	place_ok(fx, &o, &r);
	assert_string_equal(s->os, "centos-7");
	assert_string_equal(s->region, "jp");
	assert_string_equal(DS(s->ready_by), "2026-11-30");
	assert_true(has_note(&r.notes, "'centos-7' is past its vendor support since 2024-06-30"));

	/* smartconnect-managed: Fri 11-20 -> Thu 11-26; a domain, the backup
	 * policies of 002 §2.2.12 with the UUID in the customer copy's path. */
	o = order("acme", MANAGED, "A", "2026-11-20T10:00:00+09:00");
	o.domain = "example.jp";
	place_ok(fx, &o, &r);
	assert_string_equal(s->region, "osaka");
	assert_string_equal(s->os, "centos-6");
	assert_string_equal(DS(s->ready_by), "2026-11-26");
	assert_int_equal(s->ready_at, HC_TIME_NONE);
	assert_true(has_note(&r.notes, "'centos-6' is past its vendor support"));
	assert_non_null(s->private_ip);
	assert_true(hc_str_has_prefix(s->private_ip, "10.4."));
	assert_true(exists(fx->dir, "claims/private-ip/%s", s->private_ip));
	assert_int_equal(s->domains.n, 1);
	d = HC_LIST_AT(s->domains, struct hc_server_domain, 0);
	assert_string_equal(d->name, "example.jp");
	assert_string_equal(d->pattern, "A");
	assert_false(d->ready);
	assert_true(hc_str_has_suffix(d->test_domain, ".mngsv.biz"));
	assert_true(exists(fx->dir, "index/domains/example.jp/%s", s->id));
	assert_int_equal(s->backups.n, 2);
	b = HC_LIST_AT(s->backups, struct hc_server_backup, 0);
	assert_string_equal(b->policy, "provider-copy");
	assert_int_equal(b->generations, 1);
	b = HC_LIST_AT(s->backups, struct hc_server_backup, 1);
	assert_string_equal(b->policy, "customer-copy");
	assert_string_equal(b->domain, "example.jp");
	snprintf(want, sizeof(want), "/data/domain/example.jp(%s)/backup/contents/", s->id);
	assert_string_equal(b->path, want);
	assert_int_equal(b->window_from, 60);
	assert_int_equal(b->window_to, 300);
	assert_int_equal(b->generations, 1);

	/* The same customer's second virtual server is an added one: ~1 h. */
	o = order("acme", MANAGED, "B", "2026-11-21T10:00:00+09:00");
	place_ok(fx, &o, &r);
	assert_string_equal(TS(s->ready_at), "2026-11-21T11:00:00+09:00");
	assert_string_equal(DS(s->ready_by), "2026-11-21");
	/* ... but its first physical one takes 5 BD: Sat 11-21 taken up Tue
	 * 11-24, 25(1) 26(2) 27(3) 30(4) 12-01(5). */
	o = order("acme", MANAGED, "physical-sas", "2026-11-21T10:00:00+09:00");
	place_ok(fx, &o, &r);
	assert_string_equal(DS(s->ready_by), "2026-12-01");
	assert_int_equal(s->ready_at, HC_TIME_NONE);
	assert_true(has_note(&r.notes, "在庫状況"));
	/* Another customer's first virtual server is not an added one. */
	o = order("beta", MANAGED, "A", "2026-11-21T10:00:00+09:00");
	place_ok(fx, &o, &r);
	assert_string_equal(DS(s->ready_by), "2026-11-27");

	/* jecc-waterpf: Thu 2026-04-30 -> 05-19 (10 BD through Golden Week,
	 * counted above); Rocky Linux by default with its 40 GB OS disk. */
	o = order("acme", NULL, "1cpu-2gb", "2026-04-30T10:00:00+09:00");
	place_ok(fx, &o, &r);
	assert_string_equal(s->profile, JECC);
	assert_string_equal(s->os, "rocky-9");
	assert_int_equal(s->os_disk_gb, 40);
	assert_string_equal(DS(s->ready_by), "2026-05-19");

	/* A requested date: not before the earliest, else it is the date. */
	o = order("beta", JECC, "2cpu-4gb", "2026-11-16T10:00:00+09:00");
	o.requested_date = D("2026-11-30");
	{
		struct hc_error err;

		assert_int_equal(place(fx, &o, &r, &err), HC_EREFUSED);
		assert_non_null(strstr(err.msg, "the earliest hand-over date is 2026-12-01"));
		assert_true(err.rule[0] != '\0');
	}
	o.requested_date = D("2026-12-10");
	place_ok(fx, &o, &r);
	assert_string_equal(DS(s->ready_by), "2026-12-10");

	assert_int_equal(count_servers(fx), 9);
	assert_valid(&fx->st);
	hc_server_result_release(&r);
}

/* Refused with status rc, the message containing text, and for a
 * refusal a non-empty rule containing section (when given). */
static void expect_refusal(struct fixture *fx, const struct hc_order *o, int rc, const char *text,
			   const char *section)
{
	struct hc_server_result r;
	struct hc_error err;
	int got;

	hc_server_result_init(&r);
	got = place(fx, o, &r, &err);
	if (got != rc || !strstr(err.msg, text))
		report_error(&err);
	assert_int_equal(got, rc);
	assert_non_null(strstr(err.msg, text));
	if (rc == HC_EREFUSED)
		assert_true(err.rule[0] != '\0');
	if (section)
		assert_non_null(strstr(err.rule, section));
	hc_server_result_release(&r);
}

static void test_order_refusals(void **state)
{
	struct fixture *fx = *state;
	struct hc_server_result r;
	struct hc_arena oa;              /* the orders' option lists */
	struct hc_order o;

	hc_server_result_init(&r);
	hc_arena_init(&oa);
	/* Unknown plan, OS, region: refused, listing what is offered. */
	o = order("acme", MANAGED, "Z", "2026-11-20T10:00:00+09:00");
	expect_refusal(fx, &o, HC_EREFUSED,
		       "no plan 'Z' (offered: A, B, C, D, E, physical-sas, physical-ssd)", "002");
	o = order("acme", NULL, "Z", "2026-11-20T10:00:00+09:00");
	expect_refusal(fx, &o, HC_ENOTFOUND, "no profile offers a plan 'Z'", NULL);
	o = order("acme", MANAGED, "A", "2026-11-20T10:00:00+09:00");
	o.os = "windows-server-2022";
	expect_refusal(fx, &o, HC_EREFUSED, "no OS 'windows-server-2022' (offered: centos-6)", "002");
	/* nagoya is a jp6 region only. */
	o = order("acme", MANAGED, "A", "2026-11-20T10:00:00+09:00");
	o.region = "nagoya";
	expect_refusal(fx, &o, HC_EREFUSED, "no region 'nagoya' (offered: osaka)", "002");
	o = order("acme", JECC, "1cpu-2gb", "2026-11-20T10:00:00+09:00");
	o.region = "nagoya";
	expect_refusal(fx, &o, HC_EREFUSED, "no region 'nagoya' (offered: jp)", "004");
	/* A plan that two profiles sell needs --profile. */
	o = order("acme", NULL, "standard", "2026-11-20T10:00:00+09:00");
	expect_refusal(fx, &o, HC_EUSAGE, "plan 'standard' exists in profiles 'clara-jp6' and 'webarena'",
		       NULL);
	/* jecc: CentOS not sold from 2023-09-30 (004 §2.1.3 (1)). */
	o = order("acme", JECC, "1cpu-2gb", "2023-09-30T00:00:00+09:00");
	o.os = "centos-7";
	expect_refusal(fx, &o, HC_EREFUSED, "OS 'centos-7' is not sold for new orders since 2023-09-30",
		       "004 §2.1.3 (1)");
	o.accepted_at = T("2023-09-29T15:00:00Z");        /* 09-30 00:00 JST */
	expect_refusal(fx, &o, HC_EREFUSED, "since 2023-09-30", "004 §2.1.3 (1)");
	o = order("acme", JECC, "1cpu-2gb", "2026-11-20T10:00:00+09:00");
	o.os = "centos-7";
	expect_refusal(fx, &o, HC_EREFUSED, "since 2023-09-30", "004");
	/* Windows on jp6 needs the dedicated firewall (000 §2.6.1.2.2). */
	o = order("acme", JP6, "standard", "2026-11-20T10:00:00+09:00");
	o.os = "windows-server-2022";
	expect_refusal(fx, &o, HC_EREFUSED, "OS 'windows-server-2022' requires the option 'dedicated-firewall'",
		       "000 §2.1-1-1 C), §2.6.1.2.2");
	/* Unknown customer, unknown option, commercial OS without its option. */
	o = order("nobody", MANAGED, "A", "2026-11-20T10:00:00+09:00");
	expect_refusal(fx, &o, HC_ENOTFOUND, "no customer 'nobody'", NULL);
	o = order("acme", MANAGED, "A", "2026-11-20T10:00:00+09:00");
	hc_strs_push(&oa, &o.options, "turbo");
	expect_refusal(fx, &o, HC_EREFUSED, "profile 'smartconnect-managed' has no option 'turbo'", "002");
	o = order("acme", JECC, "1cpu-2gb", "2026-11-20T10:00:00+09:00");
	o.os = "rhel-9";
	expect_refusal(fx, &o, HC_EREFUSED, "requires the option 'commercial-os'", "004 §2.1.3 (2)");
	/* A hostname that is not an FQDN. */
	o = order("acme", MANAGED, "A", "2026-11-20T10:00:00+09:00");
	o.hostname = "web1";
	expect_refusal(fx, &o, HC_EUSAGE, "invalid hostname 'web1'", NULL);
	/* Domains: none on a profile without domain service; patterns offered. */
	o = order("acme", JP6, "standard", "2026-11-20T10:00:00+09:00");
	o.domain = "example.jp";
	expect_refusal(fx, &o, HC_EREFUSED, "offers no domain service", "000");
	o = order("acme", MANAGED, "A", "2026-11-20T10:00:00+09:00");
	o.domain = "example.jp";
	o.dns_pattern = "D";
	expect_refusal(fx, &o, HC_EREFUSED, "no DNS pattern 'D' (offered: A, B, C, ready)", "002 §2.2.4");
	/* Nothing of the refused orders was written. */
	assert_int_equal(count_servers(fx), 0);
	assert_int_equal(count_names(&fx->st, "claims/hostname"), 0);
	assert_int_equal(count_names(&fx->st, "claims/ip"), 0);

	/* The day before the sale end, CentOS is still sold on jecc. */
	o = order("acme", JECC, "1cpu-2gb", "2023-09-29T23:59:59+09:00");
	o.os = "centos-7";
	place_ok(fx, &o, &r);
	assert_string_equal(r.server.os, "centos-7");
	assert_int_equal(r.notes.n, 0);              /* support ends 2024-06-30 */
	/* Windows with the firewall option is accepted on jp6; nagoya too. */
	o = order("acme", JP6, "standard", "2026-11-20T10:00:00+09:00");
	o.os = "windows-server-2022";
	o.region = "nagoya";
	hc_strs_push(&oa, &o.options, "dedicated-firewall");
	place_ok(fx, &o, &r);
	assert_string_equal(r.server.region, "nagoya");
	assert_true(hc_server_has_option(&r.server, "dedicated-firewall"));
	{
		/* nagoya's pool is 198.18.16.0/20: third octet 16..31. */
		unsigned a1, a2, a3, a4;

		assert_int_equal(sscanf(r.server.global_ips.v[0], "%u.%u.%u.%u", &a1, &a2, &a3, &a4), 4);
		assert_true(a1 == 198 && a2 == 18 && a3 >= 16 && a3 <= 31);
	}
	assert_int_equal(count_servers(fx), 2);
	assert_valid(&fx->st);
	hc_arena_release(&oa);
	hc_server_result_release(&r);
}

static void test_claims_hostname_and_ready_domain(void **state)
{
	struct fixture *fx = *state;
	struct hc_server_result r;
	struct hc_error err;
	struct hc_order o;
	char first[64], owner[128];
	const char *shop[] = { "shop.smc-msv.jp" };

	hc_server_result_init(&r);
	/* --hostname twice: the second order finds the claim taken. */
	o = order("acme", MANAGED, "A", "2026-11-20T10:00:00+09:00");
	o.hostname = "web1.example.jp";
	o.domain = "shop.smc-msv.jp";
	place_ok(fx, &o, &r);
	snprintf(first, sizeof(first), "%s", r.server.id);
	snprintf(owner, sizeof(owner), "servers/%s.yaml", first);
	assert_true(exists(fx->dir, "claims/hostname/web1.example.jp"));
	/* Without --dns-pattern a ready subdomain takes pattern ready and a claim. */
	assert_string_equal(HC_LIST_AT(r.server.domains, struct hc_server_domain, 0)->pattern, "ready");
	assert_true(HC_LIST_AT(r.server.domains, struct hc_server_domain, 0)->ready);
	assert_true(exists(fx->dir, "claims/ready-domain/shop.smc-msv.jp"));

	o = order("beta", MANAGED, "A", "2026-11-20T10:00:00+09:00");
	o.hostname = "web1.example.jp";
	assert_int_equal(place(fx, &o, &r, &err), HC_ECONFLICT);
	assert_non_null(strstr(err.msg, "hostname 'web1.example.jp' is already claimed by"));
	assert_non_null(strstr(err.msg, owner));
	/* The refused order claimed nothing else. */
	assert_int_equal(count_names(&fx->st, "claims/ip"), 1);
	assert_int_equal(count_names(&fx->st, "claims/private-ip"), 1);
	assert_int_equal(count_servers(fx), 1);

	/* The same ready subdomain on another server: a conflict naming the
	 * rule, at order time and through add-domain. */
	o = order("beta", MANAGED, "A", "2026-11-20T10:00:00+09:00");
	o.domain = "shop.smc-msv.jp";
	o.dns_pattern = "ready";
	assert_int_equal(place(fx, &o, &r, &err), HC_ECONFLICT);
	assert_non_null(strstr(err.msg, "ready-domain 'shop.smc-msv.jp' is already claimed"));
	assert_non_null(strstr(err.rule, "002 §2.2.4"));
	o.domain = NULL;
	o.dns_pattern = NULL;
	place_ok(fx, &o, &r);
	{
		struct hc_txn_options t = txo(T("2026-11-20T11:00:00+09:00"));
		struct hc_server_result r2;

		hc_server_result_init(&r2);
		assert_int_equal(hc_server_add_domains(&fx->st, &t, r.server.id, shop, 1, NULL, false,
						       false, &r2, NULL, &err), HC_ECONFLICT);
		assert_non_null(strstr(err.msg, "already claimed"));
		hc_server_result_release(&r2);
		/* ... and on its own server it is already there. */
		hc_server_result_init(&r2);
		assert_int_equal(hc_server_add_domains(&fx->st, &t, first, shop, 1, NULL, false, false,
						       &r2, NULL, &err), HC_ECONFLICT);
		assert_non_null(strstr(err.msg, "already on server"));
		hc_server_result_release(&r2);
	}
	assert_valid(&fx->st);
	hc_server_result_release(&r);
}

static void test_ready_domain_rules(void **state)
{
	struct fixture *fx = *state;
	struct hc_server_result r;
	struct hc_order o;

	hc_server_result_init(&r);
	o = order("acme", MANAGED, "A", "2026-11-20T10:00:00+09:00");
	/* A ready subdomain needs pattern ready ... */
	o.domain = "shop.smc-msv.jp";
	o.dns_pattern = "A";
	expect_refusal(fx, &o, HC_EREFUSED, "'shop.smc-msv.jp' is under the ready domain 'smc-msv.jp': use pattern ready",
		       "002 §2.2.4");
	/* ... only one label under a ready domain, whatever the pattern ... */
	o.domain = "a.b.smc-msv.jp";
	o.dns_pattern = "ready";
	expect_refusal(fx, &o, HC_EREFUSED, "one-label subdomains", "002 §2.2.4");
	o.dns_pattern = NULL;
	expect_refusal(fx, &o, HC_EREFUSED, "'a.b.smc-msv.jp' is under the ready domain 'smc-msv.jp'",
		       "002 §2.2.4");
	o.dns_pattern = "A";
	expect_refusal(fx, &o, HC_EREFUSED, "under the ready domain", "002 §2.2.4");
	o.domain = "x.y.curren.biz";
	o.dns_pattern = "C";
	expect_refusal(fx, &o, HC_EREFUSED, "under the ready domain 'curren.biz'", "002 §2.2.4");
	/* ... never the ready domain itself ... */
	o.domain = "smc-msv.jp";
	o.dns_pattern = NULL;
	expect_refusal(fx, &o, HC_EREFUSED, "'smc-msv.jp' is a ready domain itself", "002 §2.2.4");
	o.dns_pattern = "ready";
	expect_refusal(fx, &o, HC_EREFUSED, "is a ready domain itself", "002 §2.2.4");
	/* ... and a customer domain cannot take pattern ready. */
	o.domain = "example.jp";
	o.dns_pattern = "ready";
	expect_refusal(fx, &o, HC_EREFUSED, "pattern ready is for one-label subdomains of the ready domains",
		       "002 §2.2.4");
	/* A name that merely ends like a ready domain is a customer domain. */
	o.domain = "notsmc-msv.jp";
	o.dns_pattern = NULL;
	place_ok(fx, &o, &r);
	assert_string_equal(HC_LIST_AT(r.server.domains, struct hc_server_domain, 0)->pattern, "A");
	assert_false(exists(fx->dir, "claims/ready-domain/notsmc-msv.jp"));
	/* Every ready domain of 002 §2.2.4 is one. */
	{
		const char *names[] = { "a1.smc-msv.jp", "a1.smc-managed.jp", "a1.biz-server.jp",
					"a1.l-biz.jp", "a1.curren.biz" };

		for (size_t i = 0; i < 5; i++) {
			o = order("acme", MANAGED, "A", "2026-11-20T10:00:00+09:00");
			o.domain = names[i];
			place_ok(fx, &o, &r);
			assert_true(HC_LIST_AT(r.server.domains, struct hc_server_domain, 0)->ready);
			assert_true(exists(fx->dir, "claims/ready-domain/%s", names[i]));
		}
	}
	assert_valid(&fx->st);
	hc_server_result_release(&r);
}

static void test_pool_exhaustion(void **state)
{
	struct fixture *fx = *state;
	struct hc_server_result r;
	struct hc_error err;
	struct hc_order o;
	char ips[2][16], hostname3[128];

	/* One managed pool of a /30: two host addresses (.1 and .2). */
	write_file(fx->dir, "hostctl.yaml",
		   "version: 1\nutc_offset: \"+09:00\"\n"
		   "profiles: [clara-jp6, clara-rescue, jecc-waterpf, smartconnect-managed, webarena]\n"
		   "hostname_domain: hosting.example.jp\n"
		   "nameservers: [ns1.hosting.example.jp, ns2.hosting.example.jp]\n"
		   "hostmaster: hostmaster.hosting.example.jp\n"
		   "pools:\n"
		   "  - {name: g, profile: smartconnect-managed, region: osaka, family: global,"
		   " cidr: 192.0.2.0/30}\n"
		   "  - {name: p, profile: smartconnect-managed, region: osaka, family: private,"
		   " cidr: 10.9.0.0/24}\n");
	reopen(&fx->st, fx->dir);
	hc_server_result_init(&r);
	for (int i = 0; i < 2; i++) {
		o = order(i ? "beta" : "acme", MANAGED, "A", "2026-11-20T10:00:00+09:00");
		place_ok(fx, &o, &r);
		snprintf(ips[i], sizeof(ips[i]), "%s", r.server.global_ips.v[0]);
	}
	assert_true((!strcmp(ips[0], "192.0.2.1") && !strcmp(ips[1], "192.0.2.2")) ||
		    (!strcmp(ips[0], "192.0.2.2") && !strcmp(ips[1], "192.0.2.1")));
	o = order("acme", MANAGED, "C", "2026-11-20T10:00:00+09:00");
	o.hostname = "third.example.jp";
	snprintf(hostname3, sizeof(hostname3), "claims/hostname/%s", o.hostname);
	assert_int_equal(place(fx, &o, &r, &err), HC_EREFUSED);
	assert_non_null(strstr(err.msg, "every global address pool for profile 'smartconnect-managed' "
					"region 'osaka' is full"));
	assert_false(exists(fx->dir, "%s", hostname3));
	assert_int_equal(count_servers(fx), 2);
	assert_int_equal(count_names(&fx->st, "claims/ip"), 2);
	/* No pool for the region at all. */
	o = order("acme", JP6, "standard", "2026-11-20T10:00:00+09:00");
	assert_int_equal(place(fx, &o, &r, &err), HC_EREFUSED);
	assert_non_null(strstr(err.msg, "no global address pool serves profile 'clara-jp6' region 'tokyo'"));
	hc_server_result_release(&r);
}

static void test_domain_limit_200(void **state)
{
	struct fixture *fx = *state;
	struct hc_server_result r, r2;
	struct hc_txn_options t = txo(T("2026-11-20T11:00:00+09:00"));
	struct hc_error err;
	struct hc_order o;
	const char *names[199];
	char buf[199][32], id[64];
	const char *more[] = { "d200.example.com", "d201.example.com" };

	hc_server_result_init(&r);
	o = order("acme", MANAGED, "E", "2026-11-20T10:00:00+09:00");
	o.domain = "example.jp";
	place_ok(fx, &o, &r);
	snprintf(id, sizeof(id), "%s", r.server.id);
	/* 1 + 198 = 199 domains. */
	for (int i = 0; i < 198; i++) {
		snprintf(buf[i], sizeof(buf[i]), "d%03d.example.com", i + 2);
		names[i] = buf[i];
	}
	hc_server_result_init(&r2);
	assert_int_equal(hc_server_add_domains(&fx->st, &t, id, names, 198, "B", false, false, &r2, NULL,
					       &err), HC_OK);
	assert_int_equal(r2.server.domains.n, 199);
	hc_server_result_release(&r2);
	/* Two more at once: the 201st refuses the whole request. */
	hc_server_result_init(&r2);
	assert_int_equal(hc_server_add_domains(&fx->st, &t, id, more, 2, NULL, false, false, &r2, NULL,
					       &err), HC_EREFUSED);
	assert_non_null(strstr(err.msg, "a server holds at most 200 domains"));
	assert_non_null(strstr(err.rule, "002 §2.2.4"));
	assert_false(exists(fx->dir, "index/domains/d200.example.com/%s", id));
	hc_server_result_release(&r2);
	/* The 200th alone is fine, the 201st is not. */
	hc_server_result_init(&r2);
	assert_int_equal(hc_server_add_domains(&fx->st, &t, id, more, 1, NULL, false, false, &r2, NULL,
					       &err), HC_OK);
	assert_int_equal(r2.server.domains.n, 200);
	hc_server_result_release(&r2);
	hc_server_result_init(&r2);
	assert_int_equal(hc_server_add_domains(&fx->st, &t, id, more + 1, 1, NULL, false, false, &r2,
					       NULL, &err), HC_EREFUSED);
	assert_non_null(strstr(err.rule, "002 §2.2.4"));
	hc_server_result_release(&r2);
	assert_int_equal(count_names(&fx->st, "index/domains"), 200);
	assert_valid(&fx->st);
	hc_server_result_release(&r);
}

/* Inserts a domain option into the server file by hand (no verb sets
 * one yet), after the test_domain line of domain. */
static void add_domain_option(struct fixture *fx, const char *id, const char *domain,
			      const char *option)
{
	char rel[128], *text, *at, *eol, needle[128];
	FILE *f;
	char path[512];

	snprintf(rel, sizeof(rel), "servers/%s.yaml", id);
	text = slurp(fx->dir, "%s", rel);
	assert_non_null(text);
	snprintf(needle, sizeof(needle), "  - name: %s\n", domain);
	at = strstr(text, needle);
	assert_non_null(at);
	at = strstr(at, "    test_domain:");
	assert_non_null(at);
	eol = strchr(at, '\n');
	assert_non_null(eol);
	snprintf(path, sizeof(path), "%s/%s", fx->dir, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	fwrite(text, 1, (size_t)(eol + 1 - text), f);
	fprintf(f, "    options:\n      - %s\n", option);
	fputs(eol + 1, f);
	assert_int_equal(fclose(f), 0);
	free(text);
}

static void test_lifecycle_cancel_and_sweep(void **state)
{
	struct fixture *fx = *state;
	struct hc_server_result r, x;
	struct hc_error err;
	struct hc_order o;
	struct hc_txn_options t;
	char id[64], hostname[128], ip[16], pip[16], path[128], *text;
	const char *more[] = { "example.jp" };

	hc_server_result_init(&r);
	hc_server_result_init(&x);
	o = order("acme", MANAGED, "A", "2026-11-20T10:00:00+09:00");
	o.domain = "shop.smc-msv.jp";
	place_ok(fx, &o, &r);
	snprintf(id, sizeof(id), "%s", r.server.id);
	snprintf(hostname, sizeof(hostname), "%s", r.server.hostname);
	snprintf(ip, sizeof(ip), "%s", r.server.global_ips.v[0]);
	snprintf(pip, sizeof(pip), "%s", r.server.private_ip);
	snprintf(path, sizeof(path), "servers/%s.yaml", id);
	t = txo(T("2026-11-20T10:05:00+09:00"));
	assert_int_equal(hc_server_add_domains(&fx->st, &t, id, more, 1, "A", true, false, &x, NULL,
					       &err), HC_OK);
	assert_valid(&fx->st);

	/* activate only from ordered */
	hc_server_result_release(&x);
	hc_server_result_init(&x);
	t = txo(T("2026-11-26T10:00:00+09:00"));
	assert_int_equal(hc_server_activate(&fx->st, &t, id, t.now, &x, NULL, &err), HC_OK);
	assert_int_equal(x.server.status, HC_SRV_ACTIVE);
	assert_string_equal(TS(x.server.activated_at), "2026-11-26T10:00:00+09:00");
	hc_server_result_release(&x);
	hc_server_result_init(&x);
	assert_int_equal(hc_server_activate(&fx->st, &t, id, t.now, &x, NULL, &err), HC_ECONFLICT);
	assert_non_null(strstr(err.msg, "is active, not ordered"));

	/* cancel: 002 §3.2, after 17:00 so not the same day; pending until
	 * its effective date, with an index entry for the sweep. */
	hc_server_result_release(&x);
	hc_server_result_init(&x);
	t = txo(T("2026-11-27T17:30:00+09:00"));
	assert_int_equal(hc_server_cancel(&fx->st, &t, id, t.now, D("2026-11-27"), &x, NULL, &err),
			 HC_EREFUSED);
	assert_non_null(strstr(err.rule, "002 §3.2"));
	hc_server_result_release(&x);
	hc_server_result_init(&x);
	assert_int_equal(hc_server_cancel(&fx->st, &t, id, t.now, D("2026-11-30"), &x, NULL, &err),
			 HC_OK);
	assert_int_equal(x.server.status, HC_SRV_CANCEL_PENDING);
	assert_string_equal(DS(x.server.cancel_effective), "2026-11-30");
	assert_true(has_note(&x.notes, "frozen"));
	assert_true(exists(fx->dir, "index/cancel-pending/2026-11-30/%s", id));
	hc_server_result_release(&x);
	hc_server_result_init(&x);
	assert_int_equal(hc_server_cancel(&fx->st, &t, id, t.now, D("2026-11-30"), &x, NULL, &err),
			 HC_ECONFLICT);
	hc_server_result_release(&x);
	hc_server_result_init(&x);
	assert_int_equal(hc_server_activate(&fx->st, &t, id, t.now, &x, NULL, &err), HC_ECONFLICT);
	add_domain_option(fx, id, "example.jp", "domain-maintenance");
	assert_valid(&fx->st);

	/* A sweep before the day changes nothing. */
	hc_server_result_release(&x);
	hc_server_result_init(&x);
	t = txo(T("2026-11-29T23:59:59+09:00"));
	assert_int_equal(hc_server_sweep(&fx->st, &t, t.now, &x, NULL, &err), HC_OK);
	assert_int_equal(x.ids.n, 0);
	assert_true(exists(fx->dir, "claims/hostname/%s", hostname));
	/* On the day: cancelled, every claim and index entry released. */
	hc_server_result_release(&x);
	hc_server_result_init(&x);
	t = txo(T("2026-11-30T00:00:00+09:00"));
	assert_int_equal(hc_server_sweep(&fx->st, &t, t.now, &x, NULL, &err), HC_OK);
	assert_int_equal(x.ids.n, 1);
	assert_string_equal(x.ids.v[0], id);
	assert_false(exists(fx->dir, "claims/hostname/%s", hostname));
	assert_false(exists(fx->dir, "claims/ip/%s", ip));
	assert_false(exists(fx->dir, "claims/private-ip/%s", pip));
	assert_false(exists(fx->dir, "claims/ready-domain/shop.smc-msv.jp"));
	assert_false(exists(fx->dir, "index/domains/shop.smc-msv.jp/%s", id));
	assert_false(exists(fx->dir, "index/domains/example.jp/%s", id));
	/* index/servers-by-customer keeps cancelled servers (lib/server.c:
	 * reports of past months need them); validate accepts that. */
	assert_true(exists(fx->dir, "index/servers-by-customer/acme/%s", id));
	assert_false(exists(fx->dir, "index/cancel-pending/2026-11-30/%s", id));
	text = slurp(fx->dir, "%s", path);
	assert_non_null(text);
	assert_non_null(strstr(text, "status: cancelled\n"));
	assert_non_null(strstr(text, "cancelled_at: 2026-11-30T00:00:00+09:00\n"));
	assert_null(strstr(text, "domain-maintenance"));     /* 002 §3.2 */
	free(text);
	assert_valid(&fx->st);
	/* Idempotent: a second sweep finds nothing and writes nothing. */
	text = slurp(fx->dir, "%s", path);
	hc_server_result_release(&x);
	hc_server_result_init(&x);
	t = txo(T("2026-12-01T00:00:00+09:00"));
	assert_int_equal(hc_server_sweep(&fx->st, &t, t.now, &x, NULL, &err), HC_OK);
	assert_int_equal(x.ids.n, 0);
	{
		char *again = slurp(fx->dir, "%s", path);

		assert_string_equal(again, text);
		free(again);
	}
	free(text);
	/* A cancelled server cannot come back or be cancelled again. */
	hc_server_result_release(&x);
	hc_server_result_init(&x);
	assert_int_equal(hc_server_activate(&fx->st, &t, id, t.now, &x, NULL, &err), HC_ECONFLICT);
	hc_server_result_release(&x);
	hc_server_result_init(&x);
	assert_int_equal(hc_server_cancel(&fx->st, &t, id, t.now, D("2026-12-10"), &x, NULL, &err),
			 HC_ECONFLICT);
	/* What it held is free again. */
	o = order("beta", MANAGED, "A", "2026-12-01T10:00:00+09:00");
	o.hostname = hostname;
	o.domain = "shop.smc-msv.jp";
	place_ok(fx, &o, &r);
	assert_true(exists(fx->dir, "claims/ready-domain/shop.smc-msv.jp"));
	assert_valid(&fx->st);
	hc_server_result_release(&x);
	hc_server_result_release(&r);
}

static void test_cancel_jp6_through_the_lifecycle(void **state)
{
	struct fixture *fx = *state;
	struct hc_server_result r, x;
	struct hc_error err;
	struct hc_order o;
	struct hc_txn_options t = txo(T("2026-11-21T10:00:00+09:00"));
	char path[128], *before, *after;

	hc_server_result_init(&r);
	o = order("acme", JP6, "standard", "2026-11-16T10:00:00+09:00");
	place_ok(fx, &o, &r);
	snprintf(path, sizeof(path), "servers/%s.yaml", r.server.id);
	before = slurp(fx->dir, "%s", path);
	/* Filed 11-21 for 11-30: should have been filed by 10-31. */
	hc_server_result_init(&x);
	assert_int_equal(hc_server_cancel(&fx->st, &t, r.server.id, t.now, D("2026-11-30"), &x, NULL,
					  &err), HC_EREFUSED);
	assert_non_null(strstr(err.rule, "000 §4.3"));
	assert_non_null(strstr(err.msg, "must be filed by 2026-10-31"));
	hc_server_result_release(&x);
	after = slurp(fx->dir, "%s", path);
	assert_string_equal(before, after);
	free(after);
	assert_false(exists(fx->dir, "index/cancel-pending"));
	/* For 12-01 it is in time. */
	hc_server_result_init(&x);
	assert_int_equal(hc_server_cancel(&fx->st, &t, r.server.id, t.now, D("2026-12-01"), &x, NULL,
					  &err), HC_OK);
	assert_int_equal(x.server.status, HC_SRV_CANCEL_PENDING);
	assert_false(has_note(&x.notes, "frozen"));       /* jp6 does not freeze options */
	hc_server_result_release(&x);
	free(before);
	assert_valid(&fx->st);
	hc_server_result_release(&r);
}

/* ---- DNS views ------------------------------------------------------------------- */

static char *zone_of(struct fixture *fx, const char *domain, const char *server, int *rc)
{
	struct hc_dns_view v;
	struct hc_error err;
	struct hc_buf out = HC_BUF_INIT;
	char *text;

	hc_dns_view_init(&v);
	*rc = hc_dns_view_load(&fx->st, domain, server, &v, &err);
	if (*rc) {
		hc_dns_view_release(&v);
		return NULL;
	}
	hc_dns_zone(&fx->st.config, &v, D("2026-11-20"), &out);
	text = hc_xstrdup(out.p);
	hc_buf_release(&out);
	hc_dns_view_release(&v);
	return text;
}

static void test_dns_patterns(void **state)
{
	struct fixture *fx = *state;
	struct hc_server_result r;
	struct hc_order o;
	struct hc_txn_options t = txo(T("2026-11-20T10:05:00+09:00"));
	struct hc_error err;
	char id[64], ip[16], want[2048], *z;
	int rc;
	const char *b[] = { "b.example.jp" };
	const char *c[] = { "c.example.jp" };
	const char *web[] = { "web-away.example.jp" };
	const char *mail[] = { "mail-away.example.jp" };
	const char *both[] = { "both-away.example.jp" };

	hc_server_result_init(&r);
	o = order("acme", MANAGED, "A", "2026-11-20T10:00:00+09:00");
	o.domain = "a.example.jp";
	place_ok(fx, &o, &r);
	snprintf(id, sizeof(id), "%s", r.server.id);
	snprintf(ip, sizeof(ip), "%s", r.server.global_ips.v[0]);
#define ADD(list, pat, w, m)                                                                       \
	do {                                                                                       \
		struct hc_server_result x_;                                                        \
		hc_server_result_init(&x_);                                                        \
		assert_int_equal(hc_server_add_domains(&fx->st, &t, id, list, 1, pat, w, m, &x_,   \
						       NULL, &err), HC_OK);                        \
		hc_server_result_release(&x_);                                                     \
	} while (0)
	ADD(b, "B", false, false);
	ADD(c, "C", false, false);
	ADD(web, "A", true, false);
	ADD(mail, "A", false, true);
	ADD(both, "C", true, true);

	/* Pattern A: the whole zone of 002 §2.2.4 当社プライマリ DNS 設定内容. */
	z = zone_of(fx, "a.example.jp", NULL, &rc);
	assert_int_equal(rc, HC_OK);
	snprintf(want, sizeof(want),
		 "; a.example.jp: DNS pattern A (primary: provider, secondary: provider), server %s "
		 "(002 §2.2.4 基本 DNS 設定 (A パターン))\n"
		 "$ORIGIN a.example.jp.\n"
		 "$TTL 3600\n"
		 "@\tIN\tSOA\tns1.hosting.example.jp. hostmaster.hosting.example.jp. 2026112001 3600 900 604800 3600\n"
		 "@\tIN\tNS\tns1.hosting.example.jp.\n"
		 "@\tIN\tNS\tns2.hosting.example.jp.\n"
		 "@\tIN\tA\t%s\n"
		 "www\tIN\tA\t%s\n"
		 "mail\tIN\tA\t%s\n"
		 "@\tIN\tMX\t10 mail.a.example.jp.\n"
		 "@\tIN\tTXT\t\"v=spf1 include:a.example.jp.spf.hosting-pf.net ~all\"\n",
		 id, ip, ip, ip);
	assert_string_equal(z, want);
	free(z);
	/* Pattern B: the provider is secondary: its NS, no SOA. */
	z = zone_of(fx, "b.example.jp", NULL, &rc);
	assert_int_equal(rc, HC_OK);
	assert_null(strstr(z, "SOA"));
	assert_non_null(strstr(z, "@\tIN\tNS\tns1.hosting.example.jp.\n"));
	assert_non_null(strstr(z, "www\tIN\tA\t"));
	free(z);
	/* Pattern C: the customer serves everything: no NS, no SOA. */
	z = zone_of(fx, "c.example.jp", NULL, &rc);
	assert_int_equal(rc, HC_OK);
	assert_null(strstr(z, "SOA"));
	assert_null(strstr(z, "\tNS\t"));
	assert_non_null(strstr(z, "@\tIN\tMX\t10 mail.c.example.jp.\n"));
	free(z);
	/* Web elsewhere: no www; mail elsewhere: no mail A, no MX; the SPF stays. */
	z = zone_of(fx, "web-away.example.jp", NULL, &rc);
	assert_null(strstr(z, "www\t"));
	assert_non_null(strstr(z, "mail\tIN\tA\t"));
	free(z);
	z = zone_of(fx, "mail-away.example.jp", NULL, &rc);
	assert_non_null(strstr(z, "www\tIN\tA\t"));
	assert_null(strstr(z, "mail\tIN"));
	assert_null(strstr(z, "\tMX\t"));
	assert_non_null(strstr(z, "\tTXT\t\"v=spf1 include:mail-away.example.jp.spf.hosting-pf.net ~all\""));
	free(z);
	z = zone_of(fx, "both-away.example.jp", NULL, &rc);
	snprintf(want, sizeof(want),
		 "; both-away.example.jp: DNS pattern C (primary: customer, secondary: customer), server %s "
		 "(002 §2.2.4 基本 DNS 設定 (C パターン))\n"
		 "; the customer's primary DNS serves this domain: these are the records to hand over\n"
		 "$ORIGIN both-away.example.jp.\n"
		 "$TTL 3600\n"
		 "@\tIN\tA\t%s\n"
		 "@\tIN\tTXT\t\"v=spf1 include:both-away.example.jp.spf.hosting-pf.net ~all\"\n",
		 id, ip);
	assert_string_equal(z, want);
	free(z);

	/* A domain on two servers needs the server named; unknown: not found. */
	o = order("beta", MANAGED, "B", "2026-11-20T10:00:00+09:00");
	o.domain = "a.example.jp";
	place_ok(fx, &o, &r);
	assert_null(zone_of(fx, "a.example.jp", NULL, &rc));
	assert_int_equal(rc, HC_EUSAGE);
	z = zone_of(fx, "a.example.jp", r.server.id, &rc);
	assert_int_equal(rc, HC_OK);
	assert_non_null(strstr(z, r.server.global_ips.v[0]));
	free(z);
	assert_null(zone_of(fx, "nowhere.example.jp", NULL, &rc));
	assert_int_equal(rc, HC_ENOTFOUND);
	assert_valid(&fx->st);
	hc_server_result_release(&r);
#undef ADD
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lead_time_catalog_entries),
		cmocka_unit_test(test_lead_time_order_on_a_monday),
		cmocka_unit_test(test_lead_time_friday_across_a_weekend),
		cmocka_unit_test(test_lead_time_across_a_holiday),
		cmocka_unit_test(test_lead_time_golden_week),
		cmocka_unit_test(test_lead_time_year_end_closure),
		cmocka_unit_test(test_lead_time_accepted_on_a_day_off),
		cmocka_unit_test(test_lead_time_jp6_settings_submitted),
		cmocka_unit_test(test_lead_time_added_server),
		cmocka_unit_test(test_lead_time_none_and_off_calendar),
		cmocka_unit_test(test_cancel_jp6_end_of_previous_month),
		cmocka_unit_test(test_cancel_managed_same_day_until_17),
		cmocka_unit_test(test_cancel_managed_end_of_next_month),
		cmocka_unit_test(test_cancel_profile_without_rule),
		cmocka_unit_test_setup_teardown(test_order_one_per_profile, setup, teardown),
		cmocka_unit_test_setup_teardown(test_order_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_claims_hostname_and_ready_domain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ready_domain_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pool_exhaustion, setup, teardown),
		cmocka_unit_test_setup_teardown(test_domain_limit_200, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lifecycle_cancel_and_sweep, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cancel_jp6_through_the_lifecycle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dns_patterns, setup, teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
