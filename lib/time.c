/*
 * time.c - day numbers in the proleptic Gregorian calendar, RFC 3339 text
 * and "HH:MM" minutes. See include/hostctl/time.h for the contract.
 *
 * Day arithmetic uses Howard Hinnant's days_from_civil/civil_from_days
 * ("chrono-Compatible Low-Level Date Algorithms"): eras of 400 years
 * (146097 days), with the year starting on March 1 so that the leap day
 * is the last day of the year.
 */
#include "hostctl/time.h"

#include <assert.h>
#include <stdlib.h>
#include <time.h>

#define SECS_PER_DAY 86400
#define MAX_OFFSET_MIN (23 * 60 + 59)

/* Instants whose civil date fits an hc_day, whatever the offset. */
#define TIME_LIMIT ((int64_t)(INT32_MAX - 1) * SECS_PER_DAY)

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = floor_div(y, 400);
	int64_t yoe = y - era * 400;                               /* [0, 399] */
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;       /* [0, 146096] */

	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	z += 719468;
	int64_t era = floor_div(z, 146097);
	int64_t doe = z - era * 146097;                                     /* [0, 146096] */
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);             /* [0, 365] */
	int64_t mp = (5 * doy + 2) / 153;                                   /* [0, 11] */

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

bool hc_is_leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int hc_days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	assert(m >= 1 && m <= 12);
	return m == 2 && hc_is_leap_year(y) ? 29 : days[m - 1];
}

hc_day hc_day_make(int y, int m, int d)
{
	assert(m >= 1 && m <= 12);
	assert(d >= 1 && d <= hc_days_in_month(y, m));
	int64_t day = days_from_civil(y, m, d);

	assert(day > INT32_MIN && day <= INT32_MAX);
	return (hc_day)day;
}

void hc_day_split(hc_day day, int *y, int *m, int *d)
{
	int64_t yy;
	int mm, dd;

	assert(day != HC_DAY_NONE);
	civil_from_days(day, &yy, &mm, &dd);
	if (y)
		*y = (int)yy;
	if (m)
		*m = mm;
	if (d)
		*d = dd;
}

int hc_day_weekday(hc_day day)
{
	/* 1970-01-01 was a Thursday. */
	return (int)(((int64_t)day % 7 + 7 + 4) % 7);
}

/* Reads exactly n ASCII digits at *s and advances *s. Returns -1 when any
 * of them is not a digit. */
static int read_digits(const char **s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		char c = (*s)[i];

		if (c < '0' || c > '9')
			return -1;
		v = v * 10 + (c - '0');
	}
	*s += n;
	*out = v;
	return 0;
}

static int expect_char(const char **s, char c)
{
	if (**s != c)
		return -1;
	(*s)++;
	return 0;
}

/* "YYYY-MM-DD", a valid date of years 1..9999; advances *s past it. */
static int read_date(const char **s, hc_day *out)
{
	int y, m, d;

	if (read_digits(s, 4, &y) || expect_char(s, '-') ||
	    read_digits(s, 2, &m) || expect_char(s, '-') ||
	    read_digits(s, 2, &d))
		return -1;
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > hc_days_in_month(y, m))
		return -1;
	*out = hc_day_make(y, m, d);
	return 0;
}

int hc_day_parse(const char *s, hc_day *out)
{
	hc_day day;

	assert(s && out);
	if (read_date(&s, &day) || *s != '\0')
		return -1;
	*out = day;
	return 0;
}

static char *put_digits(char *p, int v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + n;
}

/* Writes "YYYY-MM-DD" without a NUL; returns the end. */
static char *put_date(char *p, hc_day day)
{
	int y, m, d;

	hc_day_split(day, &y, &m, &d);
	assert(y >= 0 && y <= 9999);
	p = put_digits(p, y, 4);
	*p++ = '-';
	p = put_digits(p, m, 2);
	*p++ = '-';
	return put_digits(p, d, 2);
}

void hc_day_format(hc_day day, char buf[HC_DAY_BUFSZ])
{
	assert(buf);
	*put_date(buf, day) = '\0';
}

int hc_time_parse(const char *s, hc_time *out, int *off_min)
{
	hc_day day;
	int hh, mi, ss, off = 0;

	assert(s && out);
	if (read_date(&s, &day))
		return -1;
	if (*s != 'T' && *s != 't' && *s != ' ')
		return -1;
	s++;
	if (read_digits(&s, 2, &hh) || expect_char(&s, ':') ||
	    read_digits(&s, 2, &mi) || expect_char(&s, ':') ||
	    read_digits(&s, 2, &ss))
		return -1;
	if (hh > 23 || mi > 59 || ss > 59)
		return -1;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return -1;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s == 'Z' || *s == 'z') {
		s++;
	} else if (*s == '+' || *s == '-') {
		int sign = *s++ == '-' ? -1 : 1, oh, om;

		if (read_digits(&s, 2, &oh) || expect_char(&s, ':') ||
		    read_digits(&s, 2, &om))
			return -1;
		if (oh > 23 || om > 59)
			return -1;
		off = sign * (oh * 60 + om);
	} else {
		return -1;
	}
	if (*s != '\0')
		return -1;

	*out = (hc_time)day * SECS_PER_DAY + hh * 3600 + mi * 60 + ss - off * 60;
	if (off_min)
		*off_min = off;
	return 0;
}

void hc_time_format(hc_time t, int off_min, char buf[HC_TIME_BUFSZ])
{
	assert(buf);
	assert(off_min >= -MAX_OFFSET_MIN && off_min <= MAX_OFFSET_MIN);
	hc_day day = hc_time_day(t, off_min);
	int sec = (int)(t + off_min * 60 - (int64_t)day * SECS_PER_DAY);
	int aoff = off_min < 0 ? -off_min : off_min;
	char *p = put_date(buf, day);

	*p++ = 'T';
	p = put_digits(p, sec / 3600, 2);
	*p++ = ':';
	p = put_digits(p, sec / 60 % 60, 2);
	*p++ = ':';
	p = put_digits(p, sec % 60, 2);
	*p++ = off_min < 0 ? '-' : '+';
	p = put_digits(p, aoff / 60, 2);
	*p++ = ':';
	p = put_digits(p, aoff % 60, 2);
	*p = '\0';
}

hc_day hc_time_day(hc_time t, int off_min)
{
	assert(t > -TIME_LIMIT && t < TIME_LIMIT);
	assert(off_min >= -MAX_OFFSET_MIN && off_min <= MAX_OFFSET_MIN);
	return (hc_day)floor_div(t + off_min * 60, SECS_PER_DAY);
}

int hc_time_minute_of_day(hc_time t, int off_min)
{
	hc_day day = hc_time_day(t, off_min);

	return (int)((t + off_min * 60 - (int64_t)day * SECS_PER_DAY) / 60);
}

hc_time hc_time_at(hc_day day, int minute, int off_min)
{
	assert(day != HC_DAY_NONE);
	assert(minute >= 0 && minute <= 1440);
	assert(off_min >= -MAX_OFFSET_MIN && off_min <= MAX_OFFSET_MIN);
	return (hc_time)day * SECS_PER_DAY + (minute - off_min) * 60;
}

int hc_hhmm_parse(const char *s, int *minute)
{
	int hh, mm;

	assert(s && minute);
	if (read_digits(&s, 2, &hh) || expect_char(&s, ':') ||
	    read_digits(&s, 2, &mm) || *s != '\0')
		return -1;
	if (mm > 59 || hh > 24 || (hh == 24 && mm != 0))
		return -1;
	*minute = hh * 60 + mm;
	return 0;
}

void hc_hhmm_format(int minute, char buf[6])
{
	assert(buf);
	assert(minute >= 0 && minute <= 1440);
	char *p = put_digits(buf, minute / 60, 2);

	*p++ = ':';
	p = put_digits(p, minute % 60, 2);
	*p = '\0';
}

int hc_time_now(hc_time *out)
{
	const char *env = getenv("HOSTCTL_NOW");

	assert(out);
	if (env)
		return hc_time_parse(env, out, NULL);

	time_t now = time(NULL);

	if (now == (time_t)-1)
		return -1;
	*out = (hc_time)now;
	return 0;
}
