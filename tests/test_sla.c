/*
 * test_sla.c - hc_sla_compute (lib/sla.c) against the jecc-waterpf profile's
 * own SLA table from the built-in catalog (004 §3: 99.95 %, 表3-1 refund
 * tiers, the nine exclusions of §3.4).
 *
 * Every expected number is worked out by hand in the comment beside it.
 * The month is the provider's zone (JST, +09:00); a 30-day month has
 * 2 592 000 s, a 31-day month 2 678 400 s, February 2 419 200 s (28 days)
 * or 2 505 600 s (29 days). availability_ppm = floor(1e6 * (service -
 * counted) / service).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostctl/catalog.h"
#include "hostctl/incident.h"
#include "hostctl/sla.h"

#include "testutil.h"

#define JST (9 * 60)
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define NONE HC_TIME_NONE

static struct hc_catalog cat;
static const struct hc_profile *jecc;
static const struct hc_sla *sla;       /* jecc's table */

static int group_setup(void **state)
{
	struct hc_error err;

	(void)state;
	hc_error_clear(&err);
	hc_catalog_init(&cat);
	if (hc_catalog_load_builtin(&cat, &err) != HC_OK) {
		char buf[1024];

		hc_error_format(&err, buf, sizeof(buf));
		fprintf(stderr, "%s\n", buf);
		return -1;
	}
	jecc = hc_catalog_profile(&cat, "jecc-waterpf");
	if (!jecc || !jecc->sla.refund.n)
		return -1;
	sla = &jecc->sla;
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	hc_catalog_release(&cat);
	return 0;
}

/* ---- helpers ------------------------------------------------------------ */

static struct hc_month M(const char *ym)
{
	struct hc_month m;

	assert_int_equal(hc_month_parse(ym, JST, &m), 0);
	return m;
}

static struct hc_sla_span out(const char *from, const char *to, const char *cause)
{
	struct hc_sla_span s = { T(from), to ? T(to) : NONE, cause, "incidents/x.yaml", false };

	return s;
}

static struct hc_sla_span window(const char *from, const char *to, const char *cause)
{
	struct hc_sla_span s = { T(from), T(to), cause, "maintenance/x.yaml", true };

	return s;
}

/* One computation with the usual defaults: whole month in service, not a
 * development server, no fee, now far after the month. */
struct run {
	struct hc_arena a;
	struct hc_sla_result r;
};

static void compute(struct run *x, const struct hc_sla *table, const char *ym,
		    const struct hc_sla_span *v, size_t n)
{
	struct hc_month m = M(ym);

	hc_arena_init(&x->a);
	hc_sla_compute(table, &m, NONE, NONE, false, v, n, HC_INT_NONE, T("2030-01-01T00:00:00+09:00"),
		       &x->a, &x->r);
}

static void done(struct run *x)
{
	hc_arena_release(&x->a);
}

/* A single counted outage of `seconds` from the start of November 2026
 * (30 days). */
static void outage_of(struct run *x, int64_t seconds, int64_t fee)
{
	struct hc_month m = M("2026-11");
	struct hc_sla_span s = { T("2026-11-01T00:00:00+09:00"), 0, "hardware", "incidents/x.yaml", false };

	s.end = s.start + seconds;
	hc_arena_init(&x->a);
	hc_sla_compute(sla, &m, NONE, NONE, false, &s, seconds ? 1 : 0, fee,
		       T("2030-01-01T00:00:00+09:00"), &x->a, &x->r);
}

/* ---- the table itself ------------------------------------------------------ */

/* The catalog encodes 表3-1 as the thresholds 1296 / 5184 / 25920 s and
 * 0 / 1 / 3 / 10 %; the computation below depends on exactly that. */
static void test_profile_table_is_004(void **state)
{
	static const int64_t max[] = { 1296, 5184, 25920, HC_INT_NONE };
	static const int64_t pct[] = { 0, 1, 3, 10 };

	(void)state;
	assert_int_equal(sla->refund.n, 4);
	for (size_t i = 0; i < 4; i++) {
		const struct hc_refund_tier *t = HC_LIST_AT(sla->refund, struct hc_refund_tier, i);

		assert_int_equal(t->max_seconds, max[i]);
		assert_int_equal(t->percent, pct[i]);
	}
	assert_int_equal(sla->target_percent, 9995);
	assert_int_equal(sla->exclusions.n, 9);
}

/* ---- refund boundaries (004 表3-1, inclusive "以下") -------------------------- */

static void test_refund_boundaries(void **state)
{
	static const struct {
		int64_t seconds, percent;
		const char *tier;
		int64_t ppm;
	} c[] = {
		/* 0 s: nothing failed. */
		{ 0, 0, "99.95%", 1000000 },
		/* 21 min 36 s = 1296 s, "21 分 36 秒以下" -> 0 %.
		 * 1 - 1296/2592000 = 1 - 0.0005 = 99.95 % exactly. */
		{ 1296, 0, "99.95%", 999500 },
		/* one second more: "21 分 36 秒超" -> 1 %.
		 * 1e6 * 2590703 / 2592000 = 999499.6 -> 999499. */
		{ 1297, 1, "99.95%未満～99.80%以上", 999499 },
		/* 86 min 24 s = 5184 s, "86 分 24 秒以下" -> 1 %; 1 - 0.002 = 99.80 %. */
		{ 5184, 1, "99.95%未満～99.80%以上", 998000 },
		/* 5185 s: "86 分 24 秒超" -> 3 %; 1e6 * 2586815 / 2592000 = 997999.6. */
		{ 5185, 3, "99.80%未満 99.00%以上", 997999 },
		/* 432 min = 25920 s, "432 分以下" -> 3 %; 1 - 0.01 = 99.00 %. */
		{ 25920, 3, "99.80%未満 99.00%以上", 990000 },
		/* 25921 s: "432 分超" -> 10 %; 1e6 * 2566079 / 2592000 = 989999.6. */
		{ 25921, 10, "99.00%未満", 989999 },
		/* The whole month down: still 10 %, availability 0. */
		{ 2592000, 10, "99.00%未満", 0 },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(c); i++) {
		struct run x;

		outage_of(&x, c[i].seconds, HC_INT_NONE);
		if (x.r.refund_percent != c[i].percent)
			fail_msg("%lld s: refund %lld %%, want %lld %%", (long long)c[i].seconds,
				 (long long)x.r.refund_percent, (long long)c[i].percent);
		assert_true(x.r.has_sla);
		assert_int_equal(x.r.counted_seconds, c[i].seconds);
		assert_int_equal(x.r.month_seconds, 2592000);
		assert_int_equal(x.r.service_seconds, 2592000);
		assert_int_equal(x.r.availability_ppm, c[i].ppm);
		assert_int_equal(x.r.target_ppm, 999500);
		assert_non_null(x.r.tier);
		assert_string_equal(x.r.tier, c[i].tier);
		/* No fee in the catalog's plans: no amount. */
		assert_true(x.r.refund_jpy == HC_INT_NONE);
		done(&x);
	}
}

/* refund_jpy = floor(fee * percent / 100), with the fee from a plan. */
static void test_refund_amount_floor(void **state)
{
	const struct hc_plan *builtin = hc_profile_plan(jecc, "2cpu-4gb");
	struct hc_plan plan;
	struct run x;

	(void)state;
	assert_non_null(builtin);
	/* The built-in catalog carries no fee. */
	assert_true(builtin->monthly_fee_jpy == HC_INT_NONE);
	plan = *builtin;
	plan.monthly_fee_jpy = 12345;

	outage_of(&x, 1296, plan.monthly_fee_jpy);   /* 0 % of 12345 = 0 */
	assert_int_equal(x.r.refund_percent, 0);
	assert_int_equal(x.r.refund_jpy, 0);
	done(&x);
	outage_of(&x, 1297, plan.monthly_fee_jpy);   /* 1 %: 123.45 -> 123 */
	assert_int_equal(x.r.refund_jpy, 123);
	done(&x);
	outage_of(&x, 5185, plan.monthly_fee_jpy);   /* 3 %: 370.35 -> 370 */
	assert_int_equal(x.r.refund_jpy, 370);
	done(&x);
	outage_of(&x, 25921, plan.monthly_fee_jpy);  /* 10 %: 1234.5 -> 1234 (not 1235) */
	assert_int_equal(x.r.refund_jpy, 1234);
	done(&x);
	outage_of(&x, 5184, 99);                     /* 1 %: 0.99 -> 0 */
	assert_int_equal(x.r.refund_jpy, 0);
	done(&x);
	outage_of(&x, 5185, 10000);                  /* 3 %: 300 exactly */
	assert_int_equal(x.r.refund_jpy, 300);
	done(&x);
}

/* ---- month length ------------------------------------------------------------ */

/* The same one-hour outage weighs differently in months of 28, 29, 30 and
 * 31 days; the refund tier depends on the time only. */
static void test_month_length(void **state)
{
	static const struct {
		const char *ym, *from, *to;
		int64_t month_seconds, ppm;
	} c[] = {
		/* November 2026, 30 days: 1e6 * (2592000 - 3600) / 2592000
		 * = 1e6 * 719/720 = 998611.1 -> 998611 (99.8611 %). */
		{ "2026-11", "2026-11-10T10:00:00+09:00", "2026-11-10T11:00:00+09:00", 2592000, 998611 },
		/* December 2026, 31 days: 1e6 * 743/744 = 998655.9 -> 998655. */
		{ "2026-12", "2026-12-10T10:00:00+09:00", "2026-12-10T11:00:00+09:00", 2678400, 998655 },
		/* February 2026, 28 days: 1e6 * 671/672 = 998511.9 -> 998511. */
		{ "2026-02", "2026-02-10T10:00:00+09:00", "2026-02-10T11:00:00+09:00", 2419200, 998511 },
		/* February 2028, 29 days (leap year): 1e6 * 695/696 = 998563.2 -> 998563. */
		{ "2028-02", "2028-02-29T10:00:00+09:00", "2028-02-29T11:00:00+09:00", 2505600, 998563 },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(c); i++) {
		struct hc_sla_span s = out(c[i].from, c[i].to, "hardware");
		struct run x;

		compute(&x, sla, c[i].ym, &s, 1);
		assert_int_equal(x.r.month_seconds, c[i].month_seconds);
		assert_int_equal(x.r.counted_seconds, 3600);
		assert_int_equal(x.r.availability_ppm, c[i].ppm);
		assert_int_equal(x.r.refund_percent, 1);    /* 1296 < 3600 <= 5184 */
		done(&x);
	}
}

/* 21 min 36 s is 0 % in every month, though as a share of a 28-day month it
 * is below 99.95 %: the minute thresholds are authoritative. */
static void test_threshold_is_time_not_share(void **state)
{
	struct hc_sla_span feb = out("2026-02-10T10:00:00+09:00", "2026-02-10T10:21:36+09:00", "hardware");
	struct hc_sla_span dec = out("2026-12-10T10:00:00+09:00", "2026-12-10T10:21:36+09:00", "hardware");
	struct run x;

	(void)state;
	/* 1e6 * (2419200 - 1296) / 2419200 = 999464.3 -> 999464 (99.9464 % < 99.95 %). */
	compute(&x, sla, "2026-02", &feb, 1);
	assert_int_equal(x.r.counted_seconds, 1296);
	assert_int_equal(x.r.availability_ppm, 999464);
	assert_int_equal(x.r.refund_percent, 0);
	done(&x);
	/* 1e6 * (2678400 - 1296) / 2678400 = 999516.1 -> 999516. */
	compute(&x, sla, "2026-12", &dec, 1);
	assert_int_equal(x.r.availability_ppm, 999516);
	assert_int_equal(x.r.refund_percent, 0);
	done(&x);
}

static void test_month_parse(void **state)
{
	struct hc_month m;

	(void)state;
	m = M("2026-11");
	assert_true(m.start == T("2026-11-01T00:00:00+09:00"));
	assert_true(m.end == T("2026-12-01T00:00:00+09:00"));
	m = M("2026-12");
	assert_true(m.end == T("2027-01-01T00:00:00+09:00"));
	assert_int_equal(hc_month_parse("2026-13", JST, &m), -1);
	assert_int_equal(hc_month_parse("2026-00", JST, &m), -1);
	assert_int_equal(hc_month_parse("2026-1", JST, &m), -1);
	assert_int_equal(hc_month_parse("2026-011", JST, &m), -1);
	assert_int_equal(hc_month_parse("2026/11", JST, &m), -1);
	assert_int_equal(hc_month_parse("", JST, &m), -1);
	/* The previous month of a JST instant that is still October in UTC. */
	hc_month_of(T("2026-11-01T05:00:00+09:00"), JST, -1, &m);
	assert_int_equal(m.year, 2026);
	assert_int_equal(m.month, 10);
	hc_month_of(T("2027-01-15T00:00:00+09:00"), JST, -1, &m);
	assert_int_equal(m.year, 2026);
	assert_int_equal(m.month, 12);
}

/* ---- overlap merging ------------------------------------------------------------ */

static void expect_counted(const char *what, const struct hc_sla_span *v, size_t n, int64_t seconds,
			   size_t spans)
{
	struct run x;

	compute(&x, sla, "2026-11", v, n);
	if (x.r.counted_seconds != seconds || x.r.ncounted != spans)
		fail_msg("%s: counted %lld s in %zu spans, want %lld s in %zu", what,
			 (long long)x.r.counted_seconds, x.r.ncounted, (long long)seconds, spans);
	done(&x);
}

static void test_overlaps_merged(void **state)
{
	/* Nested: 10:00-11:00 holds 10:15-10:30 -> 3600 s. */
	struct hc_sla_span nested[] = {
		out("2026-11-05T10:00:00+09:00", "2026-11-05T11:00:00+09:00", "hardware"),
		out("2026-11-05T10:15:00+09:00", "2026-11-05T10:30:00+09:00", "network"),
	};
	/* Partial: 10:00-10:30 and 10:20-10:50 -> 10:00-10:50 = 3000 s. */
	struct hc_sla_span partial[] = {
		out("2026-11-05T10:20:00+09:00", "2026-11-05T10:50:00+09:00", "network"),
		out("2026-11-05T10:00:00+09:00", "2026-11-05T10:30:00+09:00", "hardware"),
	};
	/* Touching end to start: 10:00-10:30, 10:30-11:00 -> one span, 3600 s. */
	struct hc_sla_span touching[] = {
		out("2026-11-05T10:00:00+09:00", "2026-11-05T10:30:00+09:00", "hardware"),
		out("2026-11-05T10:30:00+09:00", "2026-11-05T11:00:00+09:00", "hardware"),
	};
	/* Identical, three times: counted once, 1800 s. */
	struct hc_sla_span same[] = {
		out("2026-11-05T10:00:00+09:00", "2026-11-05T10:30:00+09:00", "hardware"),
		out("2026-11-05T10:00:00+09:00", "2026-11-05T10:30:00+09:00", "hardware"),
		out("2026-11-05T10:00:00+09:00", "2026-11-05T10:30:00+09:00", "network"),
	};
	/* Disjoint: 600 + 900 = 1500 s in two spans. */
	struct hc_sla_span apart[] = {
		out("2026-11-20T10:00:00+09:00", "2026-11-20T10:15:00+09:00", "hardware"),
		out("2026-11-05T10:00:00+09:00", "2026-11-05T10:10:00+09:00", "hardware"),
	};
	/* A chain: 10:00-10:20, 10:10-10:40, 10:40-10:45, 10:44-11:00 -> 3600 s. */
	struct hc_sla_span chain[] = {
		out("2026-11-05T10:44:00+09:00", "2026-11-05T11:00:00+09:00", "hardware"),
		out("2026-11-05T10:00:00+09:00", "2026-11-05T10:20:00+09:00", "hardware"),
		out("2026-11-05T10:40:00+09:00", "2026-11-05T10:45:00+09:00", "hardware"),
		out("2026-11-05T10:10:00+09:00", "2026-11-05T10:40:00+09:00", "hardware"),
	};
	struct run x;

	(void)state;
	expect_counted("nested", nested, 2, 3600, 1);
	expect_counted("partial", partial, 2, 3000, 1);
	expect_counted("touching", touching, 2, 3600, 1);
	expect_counted("identical", same, 3, 1800, 1);
	expect_counted("disjoint", apart, 2, 1500, 2);
	expect_counted("chain", chain, 4, 3600, 1);

	/* The merged spans are reported in time order with their bounds. */
	compute(&x, sla, "2026-11", apart, 2);
	assert_true(x.r.counted[0].start == T("2026-11-05T10:00:00+09:00"));
	assert_true(x.r.counted[0].end == T("2026-11-05T10:10:00+09:00"));
	assert_true(x.r.counted[1].start == T("2026-11-20T10:00:00+09:00"));
	assert_true(x.r.counted[1].end == T("2026-11-20T10:15:00+09:00"));
	done(&x);
	compute(&x, sla, "2026-11", touching, 2);
	assert_true(x.r.counted[0].start == T("2026-11-05T10:00:00+09:00"));
	assert_true(x.r.counted[0].end == T("2026-11-05T11:00:00+09:00"));
	done(&x);
}

/* Overlapping excluded intervals are merged too (excluded_seconds is the
 * measure of their union). */
static void test_excluded_union(void **state)
{
	struct hc_sla_span v[] = {
		/* os-fault 09:00-10:00 and announced window 09:30-10:30: 5400 s. */
		out("2026-11-05T09:00:00+09:00", "2026-11-05T10:00:00+09:00", "os-fault"),
		window("2026-11-05T09:30:00+09:00", "2026-11-05T10:30:00+09:00", "announced-maintenance"),
	};
	struct run x;

	(void)state;
	compute(&x, sla, "2026-11", v, 2);
	assert_int_equal(x.r.excluded_seconds, 5400);
	assert_int_equal(x.r.counted_seconds, 0);
	assert_int_equal(x.r.nexcluded, 2);    /* both listed with their causes */
	done(&x);
}

/* ---- month boundaries in JST ---------------------------------------------------- */

static void test_cut_at_month_boundary_jst(void **state)
{
	/* 2026-10-31T23:50+09:00 -> 2026-11-01T00:20+09:00: 10 min in October,
	 * 20 min in November (JST months). */
	struct hc_sla_span jst = out("2026-10-31T23:50:00+09:00", "2026-11-01T00:20:00+09:00", "hardware");
	/* The same instants in UTC. */
	struct hc_sla_span utc = out("2026-10-31T14:50:00Z", "2026-10-31T15:20:00Z", "hardware");
	/* 2026-11-30T23:00+09:00 -> 2026-12-01T01:00+09:00 is 14:00Z-16:00Z on
	 * 30 November: a UTC month would put all 2 h in November; in JST it is
	 * 1 h each. */
	struct hc_sla_span end = out("2026-11-30T14:00:00Z", "2026-11-30T16:00:00Z", "hardware");
	struct run x;

	(void)state;
	compute(&x, sla, "2026-11", &jst, 1);
	assert_int_equal(x.r.counted_seconds, 1200);
	assert_true(x.r.counted[0].start == T("2026-11-01T00:00:00+09:00"));
	done(&x);
	compute(&x, sla, "2026-10", &jst, 1);
	assert_int_equal(x.r.counted_seconds, 600);
	assert_true(x.r.counted[0].end == T("2026-11-01T00:00:00+09:00"));
	done(&x);
	compute(&x, sla, "2026-11", &utc, 1);
	assert_int_equal(x.r.counted_seconds, 1200);
	done(&x);
	compute(&x, sla, "2026-10", &utc, 1);
	assert_int_equal(x.r.counted_seconds, 600);
	done(&x);
	compute(&x, sla, "2026-11", &end, 1);
	assert_int_equal(x.r.counted_seconds, 3600);
	done(&x);
	compute(&x, sla, "2026-12", &end, 1);
	assert_int_equal(x.r.counted_seconds, 3600);
	done(&x);
	/* Not in the month at all. */
	compute(&x, sla, "2026-09", &jst, 1);
	assert_int_equal(x.r.counted_seconds, 0);
	assert_int_equal(x.r.ncounted, 0);
	done(&x);
}

/* An excluded interval crossing the month start is listed cut to the month. */
static void test_excluded_cut_to_month(void **state)
{
	struct hc_sla_span w = window("2026-10-31T23:00:00+09:00", "2026-11-01T01:00:00+09:00",
				      "announced-maintenance");
	struct run x;

	(void)state;
	compute(&x, sla, "2026-11", &w, 1);
	assert_int_equal(x.r.nexcluded, 1);
	assert_true(x.r.excluded[0].start == T("2026-11-01T00:00:00+09:00"));
	assert_true(x.r.excluded[0].end == T("2026-11-01T01:00:00+09:00"));
	assert_int_equal(x.r.excluded_seconds, 3600);
	done(&x);
}

/* ---- open incidents ---------------------------------------------------------- */

static void test_open_incident(void **state)
{
	struct hc_month nov = M("2026-11");
	struct hc_sla_span o = out("2026-11-20T09:00:00+09:00", NULL, "hardware");
	struct hc_sla_span old = out("2026-10-28T09:00:00+09:00", NULL, "hardware");
	struct hc_arena a;
	struct hc_sla_result r;

	(void)state;
	hc_arena_init(&a);
	/* Still open at 10:00 the same day: 1 h so far. */
	hc_sla_compute(sla, &nov, NONE, NONE, false, &o, 1, HC_INT_NONE, T("2026-11-20T10:00:00+09:00"), &a,
		       &r);
	assert_int_equal(r.counted_seconds, 3600);
	assert_int_equal(r.refund_percent, 1);
	/* Still open in December: counted to the month's end, 20 Nov 09:00 ->
	 * 1 Dec 00:00 = 10 d 15 h = 918000 s; 1e6 * 1674000 / 2592000 = 645833.3. */
	hc_sla_compute(sla, &nov, NONE, NONE, false, &o, 1, HC_INT_NONE, T("2026-12-05T10:00:00+09:00"), &a,
		       &r);
	assert_int_equal(r.counted_seconds, 918000);
	assert_int_equal(r.availability_ppm, 645833);
	assert_int_equal(r.refund_percent, 10);
	/* Open since October, now in December: the whole of November. */
	hc_sla_compute(sla, &nov, NONE, NONE, false, &old, 1, HC_INT_NONE, T("2026-12-05T10:00:00+09:00"),
		       &a, &r);
	assert_int_equal(r.counted_seconds, 2592000);
	assert_int_equal(r.availability_ppm, 0);
	/* now before the outage started: nothing yet. */
	hc_sla_compute(sla, &nov, NONE, NONE, false, &o, 1, HC_INT_NONE, T("2026-11-19T10:00:00+09:00"), &a,
		       &r);
	assert_int_equal(r.counted_seconds, 0);
	/* An open excluded outage ends at now as well. */
	o.cause = "os-fault";
	hc_sla_compute(sla, &nov, NONE, NONE, false, &o, 1, HC_INT_NONE, T("2026-11-20T09:30:00+09:00"), &a,
		       &r);
	assert_int_equal(r.counted_seconds, 0);
	assert_int_equal(r.excluded_seconds, 1800);
	assert_true(r.excluded[0].end == T("2026-11-20T09:30:00+09:00"));
	hc_arena_release(&a);
}

/* ---- exclusions (004 §3.4) ------------------------------------------------------ */

static void test_every_exclusion_cause(void **state)
{
	static const struct {
		const char *cause, *item_cause;
		int64_t item;
	} c[] = {
		{ "announced-maintenance", "announced-maintenance", 1 },        /* (1) 事前通知した当社メンテナンス */
		{ "customer-misoperation", "customer-misoperation", 2 },        /* (2) 利用者誤操作 */
		{ "os-fault", "os-fault", 3 },                                  /* (3) OS の障害 */
		{ "application-fault", "application-fault", 4 },                /* (4) アプリケーション */
		{ "customer-software", "customer-software", 5 },                /* (5) 利用者固有のソフトウェア */
		{ "customer-reboot-shutdown", "customer-reboot-shutdown", 6 },  /* (6) 再起動・シャットダウン */
		{ "line-failure", "line-failure", 7 },                          /* (7) 回線の障害 */
		{ "dev-eval-environment", "dev-eval-environment", 8 },          /* (8) 開発・評価環境 */
		{ "not-attributable", "not-attributable", 9 },                  /* (9) 当社の責に帰さない */
		{ "customer-maintenance", "customer-reboot-shutdown", 6 },      /* included by (6) */
		{ "customer-compromise", "not-attributable", 9 },               /* included by (9) */
	};

	(void)state;
	for (size_t i = 0; i < NELEM(c); i++) {
		/* One hour with the cause, and a 10-minute hardware failure later
		 * that does count. */
		struct hc_sla_span v[] = {
			out("2026-11-05T10:00:00+09:00", "2026-11-05T11:00:00+09:00", c[i].cause),
			out("2026-11-06T10:00:00+09:00", "2026-11-06T10:10:00+09:00", "hardware"),
		};
		struct run x;

		compute(&x, sla, "2026-11", v, 2);
		if (x.r.counted_seconds != 600 || x.r.excluded_seconds != 3600)
			fail_msg("%s: counted %lld, excluded %lld; want 600, 3600", c[i].cause,
				 (long long)x.r.counted_seconds, (long long)x.r.excluded_seconds);
		assert_int_equal(x.r.nexcluded, 1);
		assert_int_equal(x.r.excluded[0].item, c[i].item);
		assert_string_equal(x.r.excluded[0].cause, c[i].cause);
		assert_string_equal(x.r.excluded[0].item_cause, c[i].item_cause);
		assert_non_null(x.r.excluded[0].title);
		assert_string_equal(x.r.excluded[0].ref, "incidents/x.yaml");
		assert_true(x.r.excluded[0].start == T("2026-11-05T10:00:00+09:00"));
		assert_true(x.r.excluded[0].end == T("2026-11-05T11:00:00+09:00"));
		done(&x);
	}
}

/* Causes that are the provider's: counted. */
static void test_provider_causes_counted(void **state)
{
	static const char *const causes[] = { "hardware", "network", "unknown", "power" };

	(void)state;
	for (size_t i = 0; i < NELEM(causes); i++) {
		struct hc_sla_span s = out("2026-11-05T10:00:00+09:00", "2026-11-05T11:00:00+09:00", causes[i]);
		struct run x;

		compute(&x, sla, "2026-11", &s, 1);
		assert_int_equal(x.r.counted_seconds, 3600);
		assert_int_equal(x.r.nexcluded, 0);
		assert_int_equal(x.r.excluded_seconds, 0);
		done(&x);
	}
}

/* A maintenance window is excluded as announced maintenance, whatever its
 * recorded cause, and even for a profile whose table names no such item. */
static void test_maintenance_window_always_excluded(void **state)
{
	struct hc_sla_span w = window("2026-11-18T01:00:00+09:00", "2026-11-18T02:00:00+09:00",
				      "announced-maintenance");
	struct hc_sla_span cw = window("2026-11-18T01:00:00+09:00", "2026-11-18T02:00:00+09:00",
				       "customer-maintenance");
	const struct hc_profile *jp6 = hc_catalog_profile(&cat, "clara-jp6");
	struct run x;

	(void)state;
	compute(&x, sla, "2026-11", &w, 1);
	assert_int_equal(x.r.counted_seconds, 0);
	assert_int_equal(x.r.excluded_seconds, 3600);
	assert_int_equal(x.r.excluded[0].item, 1);
	assert_string_equal(x.r.excluded[0].item_cause, "announced-maintenance");
	assert_string_equal(x.r.excluded[0].ref, "maintenance/x.yaml");
	assert_int_equal(x.r.availability_ppm, 1000000);
	done(&x);

	compute(&x, sla, "2026-11", &cw, 1);
	assert_int_equal(x.r.counted_seconds, 0);
	assert_int_equal(x.r.excluded_seconds, 3600);
	assert_string_equal(x.r.excluded[0].cause, "customer-maintenance");
	done(&x);

	/* No table at all (NULL) and a profile without exclusions. */
	compute(&x, NULL, "2026-11", &w, 1);
	assert_int_equal(x.r.counted_seconds, 0);
	assert_int_equal(x.r.excluded_seconds, 3600);
	assert_int_equal(x.r.nexcluded, 1);
	assert_true(x.r.excluded[0].item == HC_INT_NONE);
	done(&x);
	assert_non_null(jp6);
	compute(&x, &jp6->sla, "2026-11", &w, 1);
	assert_int_equal(x.r.counted_seconds, 0);
	assert_int_equal(x.r.excluded_seconds, 3600);
	done(&x);
}

/* An outage that would count, inside (or partly inside) an excluded
 * interval, counts only outside it. */
static void test_counted_inside_excluded(void **state)
{
	/* Window 01:00-02:00; hardware 01:15-01:45 entirely inside -> 0. */
	struct hc_sla_span inside[] = {
		window("2026-11-18T01:00:00+09:00", "2026-11-18T02:00:00+09:00", "announced-maintenance"),
		out("2026-11-18T01:15:00+09:00", "2026-11-18T01:45:00+09:00", "hardware"),
	};
	/* Window 01:00-02:00; hardware 01:30-02:10 -> 02:00-02:10 = 600 s. */
	struct hc_sla_span tail[] = {
		out("2026-11-18T01:30:00+09:00", "2026-11-18T02:10:00+09:00", "hardware"),
		window("2026-11-18T01:00:00+09:00", "2026-11-18T02:00:00+09:00", "announced-maintenance"),
	};
	/* os-fault 09:00-10:00 inside hardware 08:30-10:30 -> 08:30-09:00 and
	 * 10:00-10:30 = 3600 s in two spans. */
	struct hc_sla_span around[] = {
		out("2026-11-05T08:30:00+09:00", "2026-11-05T10:30:00+09:00", "hardware"),
		out("2026-11-05T09:00:00+09:00", "2026-11-05T10:00:00+09:00", "os-fault"),
	};
	struct run x;

	(void)state;
	compute(&x, sla, "2026-11", inside, 2);
	assert_int_equal(x.r.counted_seconds, 0);
	assert_int_equal(x.r.ncounted, 0);
	assert_int_equal(x.r.excluded_seconds, 3600);
	done(&x);
	compute(&x, sla, "2026-11", tail, 2);
	assert_int_equal(x.r.counted_seconds, 600);
	assert_int_equal(x.r.ncounted, 1);
	assert_true(x.r.counted[0].start == T("2026-11-18T02:00:00+09:00"));
	assert_true(x.r.counted[0].end == T("2026-11-18T02:10:00+09:00"));
	done(&x);
	compute(&x, sla, "2026-11", around, 2);
	assert_int_equal(x.r.counted_seconds, 3600);
	assert_int_equal(x.r.ncounted, 2);
	assert_true(x.r.counted[0].end == T("2026-11-05T09:00:00+09:00"));
	assert_true(x.r.counted[1].start == T("2026-11-05T10:00:00+09:00"));
	done(&x);
}

/* A development or evaluation server: every outage is item (8). */
static void test_dev_environment_all_excluded(void **state)
{
	struct hc_month nov = M("2026-11");
	struct hc_sla_span v[] = {
		out("2026-11-05T10:00:00+09:00", "2026-11-05T12:00:00+09:00", "hardware"),
		out("2026-11-06T10:00:00+09:00", "2026-11-06T10:30:00+09:00", "network"),
		window("2026-11-07T01:00:00+09:00", "2026-11-07T02:00:00+09:00", "announced-maintenance"),
	};
	struct hc_arena a;
	struct hc_sla_result r;

	(void)state;
	hc_arena_init(&a);
	hc_sla_compute(sla, &nov, NONE, NONE, true, v, NELEM(v), HC_INT_NONE, T("2030-01-01T00:00:00Z"), &a,
		       &r);
	assert_int_equal(r.counted_seconds, 0);
	assert_int_equal(r.excluded_seconds, 7200 + 1800 + 3600);
	assert_int_equal(r.availability_ppm, 1000000);
	assert_int_equal(r.refund_percent, 0);
	assert_int_equal(r.nexcluded, 3);
	assert_int_equal(r.excluded[0].item, 8);
	assert_string_equal(r.excluded[0].item_cause, "dev-eval-environment");
	assert_string_equal(r.excluded[0].cause, "hardware");
	assert_int_equal(r.excluded[1].item, 8);
	/* The planned window stays announced maintenance. */
	assert_int_equal(r.excluded[2].item, 1);
	/* The same outages on a production server: 7200 + 1800 counted. */
	hc_sla_compute(sla, &nov, NONE, NONE, false, v, NELEM(v), HC_INT_NONE, T("2030-01-01T00:00:00Z"),
		       &a, &r);
	assert_int_equal(r.counted_seconds, 9000);
	hc_arena_release(&a);
}

/* ---- service time ------------------------------------------------------------- */

static void test_service_time(void **state)
{
	struct hc_month nov = M("2026-11");
	struct hc_sla_span v[] = {
		/* before activation */
		out("2026-11-05T10:00:00+09:00", "2026-11-05T11:00:00+09:00", "hardware"),
		/* 1 h in service */
		out("2026-11-12T10:00:00+09:00", "2026-11-12T11:00:00+09:00", "hardware"),
		/* across the cancellation at 16 Nov 00:00: 1 h before it */
		out("2026-11-15T23:00:00+09:00", "2026-11-16T01:00:00+09:00", "hardware"),
		/* after the cancellation */
		out("2026-11-20T10:00:00+09:00", "2026-11-20T11:00:00+09:00", "hardware"),
	};
	hc_time act = T("2026-11-10T12:00:00+09:00"), cancel = T("2026-11-16T00:00:00+09:00");
	struct hc_arena a;
	struct hc_sla_result r;

	(void)state;
	hc_arena_init(&a);
	/* Activated 10 Nov 12:00: 20.5 days = 1771200 s in service; counted
	 * 3600 (12 Nov) + 7200 (15/16 Nov) + 3600 (20 Nov) = 14400;
	 * 1e6 * 1756800 / 1771200 = 991869.9 -> 991869. */
	hc_sla_compute(sla, &nov, act, NONE, false, v, NELEM(v), HC_INT_NONE, T("2030-01-01T00:00:00Z"), &a,
		       &r);
	assert_int_equal(r.month_seconds, 2592000);
	assert_int_equal(r.service_seconds, 1771200);
	assert_int_equal(r.counted_seconds, 14400);
	assert_int_equal(r.availability_ppm, 991869);
	/* Only the 12 Nov hour with activation mid-month: 1e6 * 1767600 /
	 * 1771200 = 997967.5 -> 997967. */
	hc_sla_compute(sla, &nov, act, NONE, false, &v[1], 1, HC_INT_NONE, T("2030-01-01T00:00:00Z"), &a, &r);
	assert_int_equal(r.availability_ppm, 997967);
	/* Cancelled 16 Nov 00:00: 15 days = 1296000 s; counted 3600 (5 Nov) +
	 * 3600 (12 Nov) + 3600 (15 Nov 23:00-24:00) = 10800;
	 * 1e6 * 1285200 / 1296000 = 991666.6 -> 991666. */
	hc_sla_compute(sla, &nov, NONE, cancel, false, v, NELEM(v), HC_INT_NONE, T("2030-01-01T00:00:00Z"),
		       &a, &r);
	assert_int_equal(r.service_seconds, 1296000);
	assert_int_equal(r.counted_seconds, 10800);
	assert_int_equal(r.availability_ppm, 991666);
	/* Both: 10 Nov 12:00 -> 16 Nov 00:00 = 5.5 days = 475200 s; counted
	 * 3600 + 3600 = 7200; 1e6 * 468000 / 475200 = 984848.4 -> 984848. */
	hc_sla_compute(sla, &nov, act, cancel, false, v, NELEM(v), HC_INT_NONE, T("2030-01-01T00:00:00Z"), &a,
		       &r);
	assert_int_equal(r.service_seconds, 475200);
	assert_int_equal(r.counted_seconds, 7200);
	assert_int_equal(r.availability_ppm, 984848);
	assert_int_equal(r.refund_percent, 3);
	/* Activated before the month: the whole month. */
	hc_sla_compute(sla, &nov, T("2026-10-01T00:00:00+09:00"), NONE, false, NULL, 0, HC_INT_NONE,
		       T("2030-01-01T00:00:00Z"), &a, &r);
	assert_int_equal(r.service_seconds, 2592000);
	/* Cancelled before the month: no service time, nothing counted. */
	hc_sla_compute(sla, &nov, NONE, T("2026-10-20T00:00:00+09:00"), false, v, NELEM(v), HC_INT_NONE,
		       T("2030-01-01T00:00:00Z"), &a, &r);
	assert_int_equal(r.service_seconds, 0);
	assert_int_equal(r.counted_seconds, 0);
	assert_int_equal(r.availability_ppm, 1000000);
	hc_arena_release(&a);
}

/* ---- no SLA ------------------------------------------------------------------ */

static void test_no_sla(void **state)
{
	const struct hc_profile *jp6 = hc_catalog_profile(&cat, "clara-jp6");
	struct hc_month nov = M("2026-11");
	struct hc_sla_span s = out("2026-11-08T04:00:00+09:00", "2026-11-08T04:40:00+09:00", "hardware");
	struct hc_arena a;
	struct hc_sla_result r;

	(void)state;
	assert_non_null(jp6);
	assert_int_equal(jp6->sla.refund.n, 0);
	hc_arena_init(&a);
	/* No table: time figures still computed, no tier, no refund even with a
	 * fee. 1e6 * (2592000 - 2400) / 2592000 = 999074.07 -> 999074. */
	hc_sla_compute(NULL, &nov, NONE, NONE, false, &s, 1, 50000, T("2030-01-01T00:00:00Z"), &a, &r);
	assert_false(r.has_sla);
	assert_int_equal(r.counted_seconds, 2400);
	assert_int_equal(r.availability_ppm, 999074);
	assert_true(r.refund_percent == HC_INT_NONE);
	assert_true(r.refund_jpy == HC_INT_NONE);
	assert_null(r.tier);
	/* jp6's sla block is empty: the same. */
	hc_sla_compute(&jp6->sla, &nov, NONE, NONE, false, &s, 1, 50000, T("2030-01-01T00:00:00Z"), &a, &r);
	assert_false(r.has_sla);
	assert_true(r.refund_percent == HC_INT_NONE);
	assert_true(r.refund_jpy == HC_INT_NONE);
	hc_arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_profile_table_is_004),
		cmocka_unit_test(test_refund_boundaries),
		cmocka_unit_test(test_refund_amount_floor),
		cmocka_unit_test(test_month_length),
		cmocka_unit_test(test_threshold_is_time_not_share),
		cmocka_unit_test(test_month_parse),
		cmocka_unit_test(test_overlaps_merged),
		cmocka_unit_test(test_excluded_union),
		cmocka_unit_test(test_cut_at_month_boundary_jst),
		cmocka_unit_test(test_excluded_cut_to_month),
		cmocka_unit_test(test_open_incident),
		cmocka_unit_test(test_every_exclusion_cause),
		cmocka_unit_test(test_provider_causes_counted),
		cmocka_unit_test(test_maintenance_window_always_excluded),
		cmocka_unit_test(test_counted_inside_excluded),
		cmocka_unit_test(test_dev_environment_all_excluded),
		cmocka_unit_test(test_service_time),
		cmocka_unit_test(test_no_sla),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
