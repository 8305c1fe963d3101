/*
 * calendar.h - Japanese national holidays and the provider's business days.
 *
 * Holidays follow 国民の祝日に関する法律 and its special laws, computed by
 * rule (fixed dates, Happy Monday days, the equinox approximation, the
 * substitute holiday and the citizen's holiday between two holidays, plus
 * the one-off days such as the 2019 enthronement and the 2020/2021 Olympic
 * moves) for the years HC_HOLIDAY_FIRST_YEAR ... HC_HOLIDAY_LAST_YEAR.
 *
 * A business day is Monday-Friday that is neither a national holiday nor
 * inside the provider's year-end closure. All functions are pure; none
 * allocates.
 */
#ifndef HOSTCTL_CALENDAR_H
#define HOSTCTL_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>

#include "hostctl/time.h"

#define HC_HOLIDAY_FIRST_YEAR 1980
#define HC_HOLIDAY_LAST_YEAR 2099

struct hc_holiday {
	hc_day day;
	const char *name;      /* static, Japanese as the Cabinet Office list
	                        * spells it, e.g. "春分の日", "休日" */
	const char *name_en;   /* static, English, e.g. "Vernal Equinox Day",
	                        * "Substitute holiday", "Citizen's holiday" */
};

/* Whether a year is inside the supported range. */
bool hc_holiday_year_supported(int year);

/* Fills out[] with the holidays of year in date order and returns how many
 * there are (at most 32), even when cap is smaller (then only cap are
 * written). Returns 0 for an unsupported year. */
size_t hc_holidays_of_year(int year, struct hc_holiday *out, size_t cap);

/* The holiday on day, or NULL (no holiday, or the year is unsupported).
 * The returned pointer is to static storage, valid for the whole run. */
const struct hc_holiday *hc_holiday_on(hc_day day);

/* The provider's business calendar. A closure runs from (from_month,
 * from_day) to (to_month, to_day) inclusive and may wrap the year end
 * (12-29 ... 01-03). */
struct hc_calendar {
	int utc_offset_min;                    /* provider zone, e.g. +540 */
	bool has_closure;
	int closure_from_month, closure_from_day;
	int closure_to_month, closure_to_day;
};

/* Asia/Tokyo, closure 12-29 ... 01-03. */
void hc_calendar_init_default(struct hc_calendar *cal);

/* Why a day is not a business day. When several apply, a holiday wins over
 * the weekend, and the weekend over the closure (2019-05-04, a Saturday, is
 * HC_DAY_HOLIDAY; 2027-01-02, a Saturday, is HC_DAY_WEEKEND). */
enum hc_day_kind {
	HC_DAY_BUSINESS = 0,
	HC_DAY_WEEKEND,
	HC_DAY_HOLIDAY,
	HC_DAY_CLOSURE,
	HC_DAY_UNSUPPORTED     /* year outside the holiday range */
};

enum hc_day_kind hc_calendar_day_kind(const struct hc_calendar *cal, hc_day day);
bool hc_calendar_is_business_day(const struct hc_calendar *cal, hc_day day);

/* The first business day >= day (or > day for _after). Returns HC_DAY_NONE
 * when the search leaves the supported years. */
hc_day hc_calendar_business_day_on_or_after(const struct hc_calendar *cal, hc_day day);
hc_day hc_calendar_business_day_after(const struct hc_calendar *cal, hc_day day);

/* The day n business days after day (n >= 0): day itself does not count,
 * whether or not it is a business day; n = 0 returns day unchanged.
 * Example: Friday 2026-11-20 + 1 = Tuesday 2026-11-24 (11-23 is 勤労感謝の日).
 * n < 0 counts backwards the same way. Returns HC_DAY_NONE when the search
 * leaves the supported years. */
hc_day hc_calendar_add_business_days(const struct hc_calendar *cal, hc_day day, int n);

/* Business days in (from, to]: how many business days lie after from up to
 * and including to; negative when to < from. Days outside the supported
 * years count as none. */
int hc_calendar_business_days_between(const struct hc_calendar *cal, hc_day from, hc_day to);

/* Opening hours on business days, e.g. 10:00-12:00 and 13:00-18:00. */
struct hc_hours {
	int count;
	struct { int from_min, to_min; } span[8];  /* [from, to) minutes of day */
};

/* Whether instant t falls inside the hours on a business day in the
 * provider's zone. */
bool hc_calendar_within_hours(const struct hc_calendar *cal, const struct hc_hours *hours, hc_time t);

#endif
