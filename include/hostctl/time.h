/*
 * time.h - instants, civil dates and RFC 3339 text in the provider's zone.
 *
 * An instant is seconds since the Unix epoch (hc_time). A civil date is a
 * day number, days since 1970-01-01 in the proleptic Gregorian calendar
 * (hc_day). The provider's zone is a fixed UTC offset in minutes (Asia/Tokyo
 * is +540); zones with daylight saving time are not supported, which the
 * state's hostctl.yaml documents.
 *
 * Nothing here allocates, prints or reads the clock except hc_time_now().
 */
#ifndef HOSTCTL_TIME_H
#define HOSTCTL_TIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int64_t hc_time;   /* seconds since 1970-01-01T00:00:00Z */
typedef int32_t hc_day;    /* days since 1970-01-01 */

#define HC_TIME_NONE INT64_MIN   /* "absent" marker for optional instants */
#define HC_DAY_NONE  INT32_MIN   /* "absent" marker for optional dates */

/* Longest text hc_time_format() writes, NUL included:
 * "2026-11-21T20:32:14+09:00". */
#define HC_TIME_BUFSZ 26
#define HC_DAY_BUFSZ 11          /* "2026-11-21" */

/* Civil date <-> day number. hc_day_make() requires 1 <= m <= 12 and
 * 1 <= d <= days in that month (asserted). */
hc_day hc_day_make(int y, int m, int d);
void hc_day_split(hc_day day, int *y, int *m, int *d);
int hc_day_weekday(hc_day day);              /* 0 = Sunday ... 6 = Saturday */
int hc_days_in_month(int y, int m);
bool hc_is_leap_year(int y);

/* Parses exactly "YYYY-MM-DD" (a valid date, years 1..9999).
 * Returns 0, or -1 on any other text. */
int hc_day_parse(const char *s, hc_day *out);
/* Writes "YYYY-MM-DD" and a NUL into buf (HC_DAY_BUFSZ bytes). */
void hc_day_format(hc_day day, char buf[HC_DAY_BUFSZ]);

/* Parses an RFC 3339 date-time: "YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)".
 * 'T' may also be 't' or a space and 'Z' may be 'z' (RFC 3339 5.6);
 * fractional seconds are accepted and truncated; a leap second (:60),
 * hour 24 and offsets beyond +-23:59 are refused. When off_min is not NULL it
 * receives the text's own offset in minutes. Returns 0, or -1. */
int hc_time_parse(const char *s, hc_time *out, int *off_min);
/* Writes t as RFC 3339 with the given offset, e.g. "2026-11-21T20:32:14+09:00"
 * (offset 0 is written "+00:00"). */
void hc_time_format(hc_time t, int off_min, char buf[HC_TIME_BUFSZ]);

/* Civil date and minute of the day of instant t in a zone of offset off_min. */
hc_day hc_time_day(hc_time t, int off_min);
int hc_time_minute_of_day(hc_time t, int off_min);   /* 0 ... 1439 */
/* The instant at 00:00 + minute of civil date day in the zone (minute may be
 * 1440, meaning 24:00 = the next day's midnight). */
hc_time hc_time_at(hc_day day, int minute, int off_min);

/* Parses "HH:MM" (00:00 ... 24:00) into minutes of the day. Returns 0 or -1. */
int hc_hhmm_parse(const char *s, int *minute);
void hc_hhmm_format(int minute, char buf[6]);

/* The current instant: HOSTCTL_NOW when set and valid (RFC 3339), otherwise
 * the system clock. Returns -1 when HOSTCTL_NOW is set but invalid. */
int hc_time_now(hc_time *out);

#endif
