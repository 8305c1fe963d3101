/*
 * calendar.c - Japanese national holidays by rule, and business days.
 * See include/hostctl/calendar.h for the contract.
 *
 * Sources: 国民の祝日に関する法律 (昭和23年法律第178号, "the law"), its
 * amendments, and the special laws cited next to each rule. Article 2 lists
 * the national holidays (国民の祝日); article 3 makes them days off (第1項)
 * and adds the substitute holiday (第2項) and the citizen's holiday (第3項).
 * Names are spelled as the Cabinet Office's list (内閣府「国民の祝日・休日」
 * 月日, syukujitsu.csv) spells them; testdata/calendar/ holds a copy and
 * tests/test_calendar.c checks every year it covers against this code.
 */
#include "hostctl/calendar.h"

#include <assert.h>
#include <pthread.h>

#define MAX_PER_YEAR 32   /* the header's bound; a real year has at most 22 */
#define NYEARS (HC_HOLIDAY_LAST_YEAR - HC_HOLIDAY_FIRST_YEAR + 1)

enum name_id {
	N_GANJITSU, N_SEIJIN, N_KENKOKU, N_SHUNBUN, N_TENNO, N_SHOWA, N_MIDORI,
	N_KENPO, N_KODOMO, N_UMI, N_YAMA, N_KEIRO, N_SHUUBUN, N_TAIIKU,
	N_TAIIKU_SPORTS, N_SPORTS, N_BUNKA, N_KINRO, N_SUBSTITUTE, N_CITIZEN,
	N_TAISO, N_SOKUI_REI, N_KEKKON, N_SOKUI_DAY, N_SOKUI_REI_2019,
	N_COUNT
};

static const struct {
	const char *ja, *en;
} names[N_COUNT] = {
	[N_GANJITSU] = { "元日", "New Year's Day" },
	[N_SEIJIN] = { "成人の日", "Coming of Age Day" },
	[N_KENKOKU] = { "建国記念の日", "National Foundation Day" },
	[N_SHUNBUN] = { "春分の日", "Vernal Equinox Day" },
	[N_TENNO] = { "天皇誕生日", "The Emperor's Birthday" },
	[N_SHOWA] = { "昭和の日", "Showa Day" },
	[N_MIDORI] = { "みどりの日", "Greenery Day" },
	[N_KENPO] = { "憲法記念日", "Constitution Memorial Day" },
	[N_KODOMO] = { "こどもの日", "Children's Day" },
	[N_UMI] = { "海の日", "Marine Day" },
	[N_YAMA] = { "山の日", "Mountain Day" },
	[N_KEIRO] = { "敬老の日", "Respect for the Aged Day" },
	[N_SHUUBUN] = { "秋分の日", "Autumnal Equinox Day" },
	[N_TAIIKU] = { "体育の日", "Health and Sports Day" },
	/* 2019 only: the list names the last 体育の日 with its coming name. */
	[N_TAIIKU_SPORTS] = { "体育の日（スポーツの日）", "Health and Sports Day" },
	[N_SPORTS] = { "スポーツの日", "Sports Day" },
	[N_BUNKA] = { "文化の日", "Culture Day" },
	[N_KINRO] = { "勤労感謝の日", "Labor Thanksgiving Day" },
	[N_SUBSTITUTE] = { "休日", "Substitute holiday" },
	[N_CITIZEN] = { "休日", "Citizen's holiday" },
	[N_TAISO] = { "大喪の礼", "State Funeral of Emperor Showa" },
	[N_SOKUI_REI] = { "即位礼正殿の儀", "Enthronement Ceremony" },
	[N_KEKKON] = { "結婚の儀", "Wedding of Crown Prince Naruhito" },
	[N_SOKUI_DAY] = { "休日（祝日扱い）", "Enthronement Day" },
	[N_SOKUI_REI_2019] = { "休日（祝日扱い）", "Enthronement Ceremony" },
};

/* The days that count as 「国民の祝日」 for article 3: article 2's list
 * and the one-off days of the special laws. */
struct national_list {
	int n;
	hc_day day[MAX_PER_YEAR];
	enum name_id name[MAX_PER_YEAR];
};

static void add_national(struct national_list *l, hc_day day, enum name_id name)
{
	assert(l->n < MAX_PER_YEAR);
	l->day[l->n] = day;
	l->name[l->n] = name;
	l->n++;
}

static bool is_national(const struct national_list *l, hc_day day)
{
	for (int i = 0; i < l->n; i++)
		if (l->day[i] == day)
			return true;
	return false;
}

/* The n-th Monday of month m (ハッピーマンデー days). */
static hc_day nth_monday(int y, int m, int n)
{
	hc_day first = hc_day_make(y, m, 1);

	return first + (8 - hc_day_weekday(first)) % 7 + 7 * (n - 1);
}

/* The equinox days by the usual approximation, valid for 1980 ... 2099:
 * floor(base + 0.242194 (Y - 1980)) - floor((Y - 1980) / 4), in millionths
 * so that no rounding is involved. The law names the day 春分日/秋分日 and
 * the National Astronomical Observatory announces it each February for the
 * next year; the approximation matches those announcements in this range. */
static int equinox_day(int y, long base_millionths)
{
	long k = y - 1980;

	assert(k >= 0);
	return (int)((base_millionths + 242194L * k) / 1000000L - k / 4);
}

static void national_holidays(int y, struct national_list *l)
{
	l->n = 0;

	/* Article 2 of the law as amended over time. */
	add_national(l, hc_day_make(y, 1, 1), N_GANJITSU);

	/* 成人の日: 1/15; 2nd Monday of January from 2000 (平成10年法律第141号). */
	add_national(l, y < 2000 ? hc_day_make(y, 1, 15) : nth_monday(y, 1, 2), N_SEIJIN);

	/* 建国記念の日: 2/11 since 1967 (昭和41年法律第86号). */
	add_national(l, hc_day_make(y, 2, 11), N_KENKOKU);

	/* 天皇誕生日: 4/29 until 1988; 12/23 1989-2018 (平成元年法律第5号);
	 * 2/23 from 2020 (天皇の退位等に関する皇室典範特例法, 平成29年法律第63号,
	 * 附則第10条, in force 2019-04-30, after 2019-02-23 had passed and with
	 * 12/23 no longer a holiday: none in 2019). */
	if (y <= 1988)
		add_national(l, hc_day_make(y, 4, 29), N_TENNO);
	else if (y <= 2018)
		add_national(l, hc_day_make(y, 12, 23), N_TENNO);
	else if (y >= 2020)
		add_national(l, hc_day_make(y, 2, 23), N_TENNO);

	add_national(l, hc_day_make(y, 3, equinox_day(y, 20843100L)), N_SHUNBUN);

	/* 4/29 is みどりの日 1989-2006 (平成元年法律第5号); from 2007 it is
	 * 昭和の日 and みどりの日 moves to 5/4 (平成17年法律第43号). */
	if (y >= 1989 && y <= 2006)
		add_national(l, hc_day_make(y, 4, 29), N_MIDORI);
	if (y >= 2007) {
		add_national(l, hc_day_make(y, 4, 29), N_SHOWA);
		add_national(l, hc_day_make(y, 5, 4), N_MIDORI);
	}

	add_national(l, hc_day_make(y, 5, 3), N_KENPO);
	add_national(l, hc_day_make(y, 5, 5), N_KODOMO);

	/* 海の日: 7/20 from 1996 (平成7年法律第22号); 3rd Monday of July from
	 * 2003 (平成13年法律第59号). スポーツの日 and 山の日 below. In 2020 and
	 * 2021 the Olympic special measures law (平成三十二年東京オリンピック競技
	 * 大会・東京パラリンピック競技大会特別措置法, 第32条, as amended by
	 * 平成30年法律第55号 and 令和2年法律第68号) moved all three. */
	if (y == 2020) {
		add_national(l, hc_day_make(y, 7, 23), N_UMI);
		add_national(l, hc_day_make(y, 7, 24), N_SPORTS);
		add_national(l, hc_day_make(y, 8, 10), N_YAMA);
	} else if (y == 2021) {
		add_national(l, hc_day_make(y, 7, 22), N_UMI);
		add_national(l, hc_day_make(y, 7, 23), N_SPORTS);
		add_national(l, hc_day_make(y, 8, 8), N_YAMA);
	} else {
		if (y >= 1996 && y <= 2002)
			add_national(l, hc_day_make(y, 7, 20), N_UMI);
		else if (y >= 2003)
			add_national(l, nth_monday(y, 7, 3), N_UMI);

		/* 山の日: 8/11 from 2016 (平成26年法律第43号). */
		if (y >= 2016)
			add_national(l, hc_day_make(y, 8, 11), N_YAMA);

		/* 体育の日: 10/10; 2nd Monday of October from 2000
		 * (平成10年法律第141号); renamed スポーツの日 from 2020
		 * (平成30年法律第57号). */
		if (y < 2000)
			add_national(l, hc_day_make(y, 10, 10), N_TAIIKU);
		else
			add_national(l, nth_monday(y, 10, 2),
			             y < 2019 ? N_TAIIKU : y == 2019 ? N_TAIIKU_SPORTS : N_SPORTS);
	}

	/* 敬老の日: 9/15; 3rd Monday of September from 2003 (平成13年法律第59号). */
	add_national(l, y < 2003 ? hc_day_make(y, 9, 15) : nth_monday(y, 9, 3), N_KEIRO);

	add_national(l, hc_day_make(y, 9, equinox_day(y, 23248800L)), N_SHUUBUN);
	add_national(l, hc_day_make(y, 11, 3), N_BUNKA);
	add_national(l, hc_day_make(y, 11, 23), N_KINRO);

	/* One-off days, each by its own law. */
	if (y == 1989)   /* 昭和天皇の大喪の礼の行われる日を休日とする法律 (平成元年法律第4号) */
		add_national(l, hc_day_make(1989, 2, 24), N_TAISO);
	if (y == 1990)   /* 即位礼正殿の儀の行われる日を休日とする法律 (平成2年法律第24号) */
		add_national(l, hc_day_make(1990, 11, 12), N_SOKUI_REI);
	if (y == 1993)   /* 皇太子徳仁親王の結婚の儀の行われる日を休日とする法律 (平成5年法律第32号) */
		add_national(l, hc_day_make(1993, 6, 9), N_KEKKON);
	if (y == 2019) {
		/* 天皇の即位の日及び即位礼正殿の儀の行われる日を休日とする法律
		 * (平成30年法律第99号): both days count as 国民の祝日 for article 3,
		 * which makes 4/30 and 5/2 citizen's holidays. */
		add_national(l, hc_day_make(2019, 5, 1), N_SOKUI_DAY);
		add_national(l, hc_day_make(2019, 10, 22), N_SOKUI_REI_2019);
	}
}

static void add_holiday(struct hc_holiday *out, size_t *n, hc_day day, enum name_id name)
{
	assert(*n < MAX_PER_YEAR);
	out[*n].day = day;
	out[*n].name = names[name].ja;
	out[*n].name_en = names[name].en;
	(*n)++;
}

static bool is_listed(const struct hc_holiday *out, size_t n, hc_day day)
{
	for (size_t i = 0; i < n; i++)
		if (out[i].day == day)
			return true;
	return false;
}

/* All holidays of a supported year, in date order, into out[MAX_PER_YEAR]. */
static size_t compute_year(int y, struct hc_holiday *out)
{
	/* Article 3 第2項 (昭和48年法律第10号, in force 1973-04-12): a national
	 * holiday on a Sunday makes the next day a holiday. From 2007
	 * (平成17年法律第43号) it is the nearest following day that is not a
	 * national holiday. */
	const hc_day substitute_from = hc_day_make(1973, 4, 12);
	const hc_day nearest_from = hc_day_make(2007, 1, 1);
	/* Article 3 第3項 (昭和60年法律第103号, in force 1985-12-27): a day whose
	 * previous and next days are national holidays is a holiday; until
	 * 2006 not when it is a Sunday or a substitute holiday, from 2007 not
	 * when it is itself a national holiday. The first such day is
	 * 1988-05-04. */
	const hc_day citizen_from = hc_day_make(1985, 12, 27);
	struct national_list l;
	size_t n = 0;

	assert(hc_holiday_year_supported(y));
	national_holidays(y, &l);
	for (int i = 0; i < l.n; i++)
		add_holiday(out, &n, l.day[i], l.name[i]);

	for (int i = 0; i < l.n; i++) {
		hc_day d = l.day[i];

		if (hc_day_weekday(d) != 0 || d < substitute_from)
			continue;
		d++;
		if (d >= nearest_from)
			while (is_national(&l, d))
				d++;
		assert(d <= hc_day_make(y, 12, 31));   /* no holiday on 12/31 */
		if (!is_listed(out, n, d))
			add_holiday(out, &n, d, N_SUBSTITUTE);
	}

	for (int i = 0; i < l.n; i++) {
		hc_day d = l.day[i] + 1;

		if (d < citizen_from || !is_national(&l, d + 1) || is_listed(out, n, d))
			continue;
		if (d < nearest_from && hc_day_weekday(d) == 0)
			continue;
		add_holiday(out, &n, d, N_CITIZEN);
	}

	/* Date order; n is small. */
	for (size_t i = 1; i < n; i++) {
		struct hc_holiday h = out[i];
		size_t j = i;

		for (; j > 0 && out[j - 1].day > h.day; j--)
			out[j] = out[j - 1];
		out[j] = h;
	}
	return n;
}

bool hc_holiday_year_supported(int year)
{
	return year >= HC_HOLIDAY_FIRST_YEAR && year <= HC_HOLIDAY_LAST_YEAR;
}

size_t hc_holidays_of_year(int year, struct hc_holiday *out, size_t cap)
{
	struct hc_holiday all[MAX_PER_YEAR];
	size_t n;

	assert(out || cap == 0);
	if (!hc_holiday_year_supported(year))
		return 0;
	n = compute_year(year, all);
	for (size_t i = 0; i < n && i < cap; i++)
		out[i] = all[i];
	return n;
}

/* hc_holiday_on() hands out pointers into this table, filled once. */
static struct {
	size_t count[NYEARS];
	struct hc_holiday days[NYEARS][MAX_PER_YEAR];
} table;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static void table_fill(void)
{
	for (int i = 0; i < NYEARS; i++)
		table.count[i] = compute_year(HC_HOLIDAY_FIRST_YEAR + i, table.days[i]);
}

const struct hc_holiday *hc_holiday_on(hc_day day)
{
	int y;

	if (day == HC_DAY_NONE)
		return NULL;
	hc_day_split(day, &y, NULL, NULL);
	if (!hc_holiday_year_supported(y))
		return NULL;
	pthread_once(&table_once, table_fill);

	int i = y - HC_HOLIDAY_FIRST_YEAR;

	for (size_t k = 0; k < table.count[i]; k++)
		if (table.days[i][k].day == day)
			return &table.days[i][k];
	return NULL;
}

void hc_calendar_init_default(struct hc_calendar *cal)
{
	assert(cal);
	*cal = (struct hc_calendar){
		.utc_offset_min = 540,
		.has_closure = true,
		.closure_from_month = 12,
		.closure_from_day = 29,
		.closure_to_month = 1,
		.closure_to_day = 3,
	};
}

static bool in_closure(const struct hc_calendar *cal, int m, int d)
{
	if (!cal->has_closure)
		return false;
	assert(cal->closure_from_month >= 1 && cal->closure_from_month <= 12);
	assert(cal->closure_to_month >= 1 && cal->closure_to_month <= 12);
	assert(cal->closure_from_day >= 1 && cal->closure_from_day <= 31);
	assert(cal->closure_to_day >= 1 && cal->closure_to_day <= 31);

	int md = m * 100 + d;
	int from = cal->closure_from_month * 100 + cal->closure_from_day;
	int to = cal->closure_to_month * 100 + cal->closure_to_day;

	if (from <= to)
		return md >= from && md <= to;
	return md >= from || md <= to;   /* wraps the year end */
}

enum hc_day_kind hc_calendar_day_kind(const struct hc_calendar *cal, hc_day day)
{
	int y, m, d;

	assert(cal);
	if (day == HC_DAY_NONE)
		return HC_DAY_UNSUPPORTED;
	hc_day_split(day, &y, &m, &d);
	if (!hc_holiday_year_supported(y))
		return HC_DAY_UNSUPPORTED;
	if (hc_holiday_on(day))
		return HC_DAY_HOLIDAY;

	int wd = hc_day_weekday(day);

	if (wd == 0 || wd == 6)
		return HC_DAY_WEEKEND;
	if (in_closure(cal, m, d))
		return HC_DAY_CLOSURE;
	return HC_DAY_BUSINESS;
}

bool hc_calendar_is_business_day(const struct hc_calendar *cal, hc_day day)
{
	return hc_calendar_day_kind(cal, day) == HC_DAY_BUSINESS;
}

/* The first business day from day on in direction step (+1 or -1), or
 * HC_DAY_NONE once the search reaches an unsupported year. */
static hc_day search(const struct hc_calendar *cal, hc_day day, int step)
{
	for (;;) {
		enum hc_day_kind k = hc_calendar_day_kind(cal, day);

		if (k == HC_DAY_BUSINESS)
			return day;
		if (k == HC_DAY_UNSUPPORTED)
			return HC_DAY_NONE;
		day += step;
	}
}

hc_day hc_calendar_business_day_on_or_after(const struct hc_calendar *cal, hc_day day)
{
	assert(cal && day != HC_DAY_NONE);
	return search(cal, day, 1);
}

hc_day hc_calendar_business_day_after(const struct hc_calendar *cal, hc_day day)
{
	assert(cal && day != HC_DAY_NONE && day < INT32_MAX);
	return search(cal, day + 1, 1);
}

hc_day hc_calendar_add_business_days(const struct hc_calendar *cal, hc_day day, int n)
{
	int step = n < 0 ? -1 : 1;

	assert(cal && day != HC_DAY_NONE);
	for (; n != 0; n -= step) {
		if ((step > 0 && day == INT32_MAX) || (step < 0 && day == INT32_MIN + 1))
			return HC_DAY_NONE;
		day = search(cal, day + step, step);
		if (day == HC_DAY_NONE)
			return HC_DAY_NONE;
	}
	return day;
}

int hc_calendar_business_days_between(const struct hc_calendar *cal, hc_day from, hc_day to)
{
	assert(cal && from != HC_DAY_NONE && to != HC_DAY_NONE);
	if (to < from)
		return -hc_calendar_business_days_between(cal, to, from);

	/* Days outside the supported years are never business days. */
	const hc_day first = hc_day_make(HC_HOLIDAY_FIRST_YEAR, 1, 1);
	const hc_day last = hc_day_make(HC_HOLIDAY_LAST_YEAR, 12, 31);
	hc_day lo = from < first - 1 ? first - 1 : from;
	hc_day hi = to > last ? last : to;
	int count = 0;

	for (hc_day d = lo + 1; d <= hi; d++)
		count += hc_calendar_is_business_day(cal, d);
	return count;
}

bool hc_calendar_within_hours(const struct hc_calendar *cal, const struct hc_hours *hours, hc_time t)
{
	assert(cal && hours);
	assert(hours->count >= 0 && hours->count <= 8);
	hc_day day = hc_time_day(t, cal->utc_offset_min);
	int minute = hc_time_minute_of_day(t, cal->utc_offset_min);

	if (!hc_calendar_is_business_day(cal, day))
		return false;
	for (int i = 0; i < hours->count; i++) {
		assert(hours->span[i].from_min >= 0 && hours->span[i].from_min <= hours->span[i].to_min &&
		       hours->span[i].to_min <= 1440);
		if (minute >= hours->span[i].from_min && minute < hours->span[i].to_min)
			return true;
	}
	return false;
}
