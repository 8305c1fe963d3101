/*
 * test_change_plan.c - changes to a server in service (lib/plan.c): plan
 * changes, disk expansion, global IP addition, block storage and hardware
 * options, each rule on both sides of its boundary (002 §1.2.2, §2.2.1,
 * §2.3.1, §3.1, §3.2; 004 §2.1.3 (1)(4)(10); 000 §2.1-4-6), the maintenance
 * window each accepted change writes, reserved changes and apply-due, and
 * the daily proration.
 *
 * Every test runs on a fresh state (hc_state_init with the built-in
 * catalog) with servers ordered through hc_server_order and handed over.
 * Every expected date is counted by hand from the calendar below, with the
 * count in a comment; none is computed by the code under test.
 *
 * Calendar facts used (Cabinet Office list; the closure is 12-29 ... 01-03):
 *   2026-10: 10-20 Tue, 10-28 Wed, 10-30 Fri, 10-31 Sat; 10-12 Mon スポーツの日.
 *   2026-11: 11-02 Mon, 11-03 Tue 文化の日, 11-04 Wed, 11-05 Thu,
 *            11-17 Tue, 11-20 Fri, 11-21 Sat, 11-22 Sun, 11-23 Mon 勤労感謝の日,
 *            11-24 Tue, 11-25 Wed, 11-26 Thu, 11-30 Mon (30 days).
 *   2026-12: 12-01 Tue, 12-09 Wed, 12-28 Mon, 12-29 Tue closure starts,
 *            12-31 Thu (31 days).
 *   2027-01: 01-01 Fri 元日 (closure to 01-03 Sun), 01-04 Mon, 01-29 Fri,
 *            01-31 Sun; 2027-02-01 Mon (February 2027 has 28 days).
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
#include "hostctl/incident.h"
#include "hostctl/plan.h"
#include "hostctl/server.h"
#include "hostctl/store.h"
#include "hostctl/validate.h"

#include "testutil.h"

#define MANAGED "smartconnect-managed"
#define JP6 "clara-jp6"
#define JECC "jecc-waterpf"

/* ---- helpers ----------------------------------------------------------------- */

struct fixture {
	char dir[256];
	struct hc_store st;
};

static size_t count_windows(struct fixture *fx)
{
	return count_names(&fx->st, HC_MAINTENANCE_DIR);
}

static size_t count_changes(struct fixture *fx)
{
	return count_names(&fx->st, HC_CHANGES_DIR);
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	state_new(fx->dir, sizeof(fx->dir), "change-plan", &fx->st);
	sh("mkdir -p '%s/customers'", fx->dir);
	write_file(fx->dir, "customers/acme.yaml", "id: acme\nname: Acme\n");
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

/*
 * A server of prof/plan with the options given (NULL-terminated), ordered
 * on 2026-10-01 and handed over on 2026-10-15, so every test date below
 * finds it active. Its id is copied into id.
 */
static void server(struct fixture *fx, const char *prof, const char *plan, char id[64], ...)
{
	static unsigned serial;
	struct hc_order o;
	const char *options[8];
	char seed[64];
	size_t n = 0;
	va_list ap;

	snprintf(seed, sizeof(seed), "test-change-plan-%u", serial++);
	o = base_order("acme", prof, plan, T("2026-10-01T10:00:00+09:00"), seed);
	va_start(ap, id);
	while ((options[n] = va_arg(ap, const char *)))
		assert_true(++n < 8);
	va_end(ap);
	hand_over(&fx->st, &o, options, T("2026-10-15T10:00:00+09:00"), id, 64);
}

static struct hc_change_request req_base(int kind, const char *id)
{
	struct hc_change_request q;

	memset(&q, 0, sizeof(q));
	q.kind = kind;
	q.server = id;
	q.at = HC_TIME_NONE;
	q.on = HC_DAY_NONE;
	q.size_gb = HC_INT_NONE;
	q.iops_per_gb = HC_INT_NONE;
	q.id_seed = "test-change-plan";
	return q;
}

/* --to PLAN [--at AT] */
static struct hc_change_request req_plan(const char *id, const char *to, const char *at)
{
	struct hc_change_request q = req_base(HC_CHG_PLAN, id);

	q.to_plan = to;
	q.immediate = at == NULL;
	if (at)
		q.at = T(at);
	return q;
}

/* --add-disk GB --window W --on DAY (managed) */
static struct hc_change_request req_disk(const char *id, int64_t gb, const char *window,
					 const char *on)
{
	struct hc_change_request q = req_base(HC_CHG_DISK, id);

	q.size_gb = gb;
	q.window = window;
	if (on)
		q.on = D(on);
	return q;
}

static struct hc_change_request req_block(const char *id, int64_t gb, int64_t iops)
{
	struct hc_change_request q = req_base(HC_CHG_BLOCK, id);

	q.size_gb = gb;
	q.iops_per_gb = iops;
	return q;
}

static struct hc_change_request req_hw(const char *id, const char *option)
{
	struct hc_change_request q = req_base(HC_CHG_HARDWARE, id);

	q.option = option;
	return q;
}

/* Requests q at now; res is (re)initialised and must be released. */
static int change(struct fixture *fx, const char *now, const struct hc_change_request *q,
		  struct hc_change_result *res, struct hc_error *err)
{
	struct hc_txn_options o = txo(T(now));

	hc_change_result_init(res);
	hc_error_clear(err);
	return hc_change_request(&fx->st, &o, q, res, NULL, err);
}

/* Accepted; the change's id is copied into cid (when given). */
static void change_ok(struct fixture *fx, const char *now, const struct hc_change_request *q,
		      char cid[64])
{
	struct hc_change_result res;
	struct hc_error err;
	int rc = change(fx, now, q, &res, &err);

	if (rc)
		report_error(&err);
	assert_int_equal(rc, HC_OK);
	if (cid)
		snprintf(cid, 64, "%s", res.change.id);
	hc_change_result_release(&res);
}

/*
 * Refused with status rc and a message containing text; a refusal names a
 * rule that contains section (when given). Nothing is written: the
 * numbers of change records and maintenance windows stay as they were.
 */
static void change_refused(struct fixture *fx, const char *now, const struct hc_change_request *q,
			   int rc, const char *text, const char *section)
{
	struct hc_change_result res;
	struct hc_error err;
	size_t changes = count_changes(fx), windows = count_windows(fx);
	int got = change(fx, now, q, &res, &err);

	if (got != rc || !strstr(err.msg, text) || (section && !strstr(err.rule, section)))
		report_error(&err);
	assert_int_equal(got, rc);
	assert_non_null(strstr(err.msg, text));
	if (rc == HC_EREFUSED)
		assert_true(err.rule[0] != '\0');
	if (section)
		assert_non_null(strstr(err.rule, section));
	assert_int_equal(count_changes(fx), changes);
	assert_int_equal(count_windows(fx), windows);
	hc_change_result_release(&res);
}

static void load_change(struct fixture *fx, const char *cid, struct hc_change *c, struct hc_arena *a)
{
	load_record(&fx->st, &hc_change_schema, HC_CHANGES_DIR, cid, c, a);
}

static void load_server(struct fixture *fx, const char *id, struct hc_server *s, struct hc_arena *a)
{
	load_record(&fx->st, &hc_server_schema, HC_SERVERS_DIR, id, s, a);
}

static const char *plan_of(struct fixture *fx, const char *id)
{
	static char buf[64];
	struct hc_arena a;
	struct hc_server s;

	hc_arena_init(&a);
	load_server(fx, id, &s, &a);
	snprintf(buf, sizeof(buf), "%s", s.plan);
	hc_arena_release(&a);
	return buf;
}

/*
 * The change cid has a maintenance window of kind (NULL: any), from
 * starts to starts + minutes, announced at announced, cause
 * announced-maintenance, referring back to the change.
 */
static void assert_window(struct fixture *fx, const char *cid, const char *kind, const char *starts,
			  int minutes, const char *announced)
{
	struct hc_arena a;
	struct hc_change c;
	struct hc_maintenance m;
	struct hc_error err;
	char path[128];

	hc_arena_init(&a);
	load_change(fx, cid, &c, &a);
	assert_non_null(c.maintenance);
	snprintf(path, sizeof(path), "%s/%s.yaml", HC_MAINTENANCE_DIR, c.maintenance);
	assert_int_equal(hc_store_load(&fx->st, &hc_maintenance_schema, path, &m, &a, &err), HC_OK);
	assert_string_equal(m.server, c.server);
	if (kind)
		assert_string_equal(m.kind, kind);
	assert_string_equal(TS(m.starts_at), starts);
	assert_string_equal(TS(m.starts_at), TS(c.effective_at));
	assert_int_equal(m.ends_at - m.starts_at, (hc_time)minutes * 60);
	assert_string_equal(TS(m.announced_at), announced);
	assert_string_equal(m.cause, HC_CAUSE_ANNOUNCED_MAINTENANCE);
	assert_string_equal(m.reference, cid);
	hc_arena_release(&a);
}

static void assert_no_window(struct fixture *fx, const char *cid)
{
	struct hc_arena a;
	struct hc_change c;

	hc_arena_init(&a);
	load_change(fx, cid, &c, &a);
	assert_null(c.maintenance);
	hc_arena_release(&a);
}

static int apply_due(struct fixture *fx, const char *now, size_t *applied)
{
	struct hc_txn_options o = txo(T(now));
	struct hc_change_result res;
	struct hc_error err;
	int rc;

	hc_change_result_init(&res);
	rc = hc_change_apply_due(&fx->st, &o, &res, NULL, &err);
	if (rc)
		report_error(&err);
	*applied = res.ids.n;
	hc_change_result_release(&res);
	return rc;
}

/* ---- the catalog numbers every count below assumes ------------------------------ */

static void test_catalog_numbers(void **state)
{
	struct fixture *fx = *state;
	const struct hc_profile *p;
	const struct hc_window *w;
	struct hc_error err;

	assert_int_equal(hc_store_profile(&fx->st, MANAGED, &p, &err), HC_OK);
	/* 002 §2.3.1: once a day, immediate or reserved, with a reboot;
	 * §3.1 *1: 概ね 30 分. */
	assert_true(p->plan_change.allowed);
	assert_int_equal(p->plan_change.per_day, 1);
	assert_true(p->plan_change.immediate);
	assert_true(p->plan_change.reserved);
	assert_int_equal(p->plan_change.outage_minutes, 30);
	/* 002 §2.2.1, §2.3.1, §3.1 *2: 100 GB steps to 2 TB, once a day,
	 * ~30 min, 6 business days to the end of next month. */
	assert_int_equal(p->disk.step_gb, 100);
	assert_int_equal(p->disk.max_added_gb, 2000);
	assert_int_equal(p->disk.per_day, 1);
	assert_int_equal(p->disk.outage_minutes, 30);
	assert_int_equal(p->disk.min_business_days, 6);
	assert_int_equal(p->disk.latest, HC_DL_END_OF_NEXT_MONTH);
	assert_int_equal(p->disk.windows.n, 5);
	w = hc_profile_window(p, "day-1");
	assert_non_null(w);
	assert_int_equal(w->from, 10 * 60);
	assert_int_equal(w->business_days.n, 1);
	w = hc_profile_window(p, "day-3");
	assert_int_equal(w->from, 15 * 60);
	w = hc_profile_window(p, "night-1");
	assert_non_null(w);
	assert_int_equal(w->from, 18 * 60);
	assert_int_equal(w->business_days.n, 2);
	w = hc_profile_window(p, "night-2");
	assert_int_equal(w->from, 21 * 60);
	assert_int_equal(w->business_days.n, 2);
	assert_int_equal(hc_profile_plan(p, "A")->global_ips_max, 201);
	assert_int_equal(p->ip.requires_any_option.n, 3);
	assert_int_equal(hc_profile_plan(p, "A")->monthly_fee_jpy, HC_INT_NONE);

	assert_int_equal(hc_store_profile(&fx->st, JECC, &p, &err), HC_OK);
	/* 004 §2.1.3 (1): by request, with a stop (60 min is our choice). */
	assert_false(p->plan_change.immediate);
	assert_true(p->plan_change.reserved);
	assert_int_equal(p->plan_change.outage_minutes, 60);
	assert_int_equal(p->plan_change.per_day, HC_INT_NONE);
	assert_int_equal(p->disk.sizes_gb.n, 9);           /* 表2-5 */
	assert_int_equal(p->disk.outage_minutes, 60);
	assert_int_equal(p->block_storage.sizes_gb.n, 8);  /* 表2-12 */
	assert_int_equal(p->block_storage.iops_per_gb.n, 2);

	assert_int_equal(hc_store_profile(&fx->st, JP6, &p, &err), HC_OK);
	assert_false(p->plan_change.allowed);               /* 000 §2.1-4-6 */
	assert_false(p->disk.allowed);
	assert_true(hc_profile_option(p, "hw-memory")->hardware);
	assert_int_equal(hc_profile_option(p, "hw-memory")->outage_minutes, 60);
}

/* ---- plan changes (002 §2.3.1, §2.2.1, §3.1 *1) ---------------------------------- */

static void test_plan_up_and_down(void **state)
{
	struct fixture *fx = *state;
	static const struct { const char *now, *to; } steps[] = {
		{ "2026-11-20T10:00:00+09:00", "C" },   /* A -> C up */
		{ "2026-11-21T10:00:00+09:00", "B" },   /* C -> B down */
		{ "2026-11-22T10:00:00+09:00", "E" },   /* B -> E up */
		{ "2026-11-23T10:00:00+09:00", "D" },   /* E -> D down (a holiday: plan changes
		                                          * are not bound to business days) */
		{ "2026-11-24T10:00:00+09:00", "A" },   /* D -> A down */
	};
	const char *from = "A";
	char id[64], cid[64];
	struct hc_arena a;
	struct hc_change c;
	char *text;

	server(fx, MANAGED, "A", id, NULL);
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		struct hc_change_request q = req_plan(id, steps[i].to, NULL);

		change_ok(fx, steps[i].now, &q, cid);
		hc_arena_init(&a);
		load_change(fx, cid, &c, &a);
		assert_int_equal(c.kind, HC_CHG_PLAN);
		assert_int_equal(c.status, HC_CHG_APPLIED);
		assert_string_equal(c.server, id);
		assert_string_equal(c.from_plan, from);
		assert_string_equal(c.to_plan, steps[i].to);
		assert_string_equal(TS(c.requested_at), steps[i].now);
		assert_string_equal(TS(c.effective_at), steps[i].now);
		assert_string_equal(TS(c.applied_at), steps[i].now);
		assert_int_equal(strncmp(c.rule, "002 §2.3.1", strlen("002 §2.3.1")), 0);
		/* No prices in the built-in catalog: no proration at all. */
		assert_int_equal(c.proration.days, HC_INT_NONE);
		hc_arena_release(&a);
		text = slurp(fx->dir, "changes/%s.yaml", cid);
		assert_null(strstr(text, "proration"));
		assert_null(strstr(text, "credit"));
		free(text);
		/* The reboot: 30 minutes from the change, announced maintenance. */
		assert_window(fx, cid, "plan-change", steps[i].now, 30, steps[i].now);
		assert_true(exists(fx->dir, "index/changes-by-server/%s/%s", id, cid));
		assert_string_equal(plan_of(fx, id), steps[i].to);
		from = steps[i].to;
		assert_valid(&fx->st);
	}
	assert_int_equal(count_windows(fx), 5);
	assert_int_equal(count_changes(fx), 5);
}

static void test_plan_once_a_provider_day(void **state)
{
	struct fixture *fx = *state;
	struct hc_change_request q;
	char id[64], cid[64];

	server(fx, MANAGED, "A", id, NULL);
	q = req_plan(id, "C", NULL);
	change_ok(fx, "2026-11-20T10:00:00+09:00", &q, cid);
	/* The same JST day, to its last second: refused, nothing written. */
	q = req_plan(id, "B", NULL);
	change_refused(fx, "2026-11-20T10:00:01+09:00", &q, HC_EREFUSED,
		       "a plan change is allowed 1 time a day", "002 §2.3.1");
	change_refused(fx, "2026-11-20T23:59:59+09:00", &q, HC_EREFUSED,
		       "already has one on 2026-11-20", "002 §2.3.1");
	/* The day is the provider's: 14:59:59Z is still 11-20 in Tokyo. */
	change_refused(fx, "2026-11-20T14:59:59Z", &q, HC_EREFUSED, "already has one on 2026-11-20",
		       "002 §2.3.1");
	/* Going back to the plan it came from is a change too. */
	q = req_plan(id, "A", NULL);
	change_refused(fx, "2026-11-20T12:00:00+09:00", &q, HC_EREFUSED, "1 time a day",
		       "002 §2.3.1");
	assert_string_equal(plan_of(fx, id), "C");
	assert_int_equal(count_windows(fx), 1);
	/* 15:00:00Z is 11-21 00:00 JST: the next day, accepted. */
	q = req_plan(id, "B", NULL);
	change_ok(fx, "2026-11-20T15:00:00Z", &q, cid);
	assert_window(fx, cid, "plan-change", "2026-11-21T00:00:00+09:00", 30,
		      "2026-11-21T00:00:00+09:00");
	assert_string_equal(plan_of(fx, id), "B");
	assert_int_equal(count_windows(fx), 2);
	/* And 11-21 is now used up in turn. */
	q = req_plan(id, "D", NULL);
	change_refused(fx, "2026-11-21T23:59:59+09:00", &q, HC_EREFUSED,
		       "already has one on 2026-11-21", "002 §2.3.1");
	/* The rule is per server: another server changes the same day. */
	{
		char other[64];

		server(fx, MANAGED, "A", other, NULL);
		q = req_plan(other, "B", NULL);
		change_ok(fx, "2026-11-21T10:00:00+09:00", &q, NULL);
	}
	assert_valid(&fx->st);
}

static void test_plan_reserved(void **state)
{
	struct fixture *fx = *state;
	struct hc_change_request q;
	struct hc_arena a;
	struct hc_change c;
	char id[64], cid[64], cid2[64];

	server(fx, MANAGED, "A", id, NULL);
	/* Reserved for Wed 11-25 10:00: recorded, not applied. */
	q = req_plan(id, "C", "2026-11-25T10:00:00+09:00");
	change_ok(fx, "2026-11-20T10:00:00+09:00", &q, cid);
	hc_arena_init(&a);
	load_change(fx, cid, &c, &a);
	assert_int_equal(c.status, HC_CHG_RESERVED);
	assert_string_equal(TS(c.requested_at), "2026-11-20T10:00:00+09:00");
	assert_string_equal(TS(c.effective_at), "2026-11-25T10:00:00+09:00");
	assert_int_equal(c.applied_at, HC_TIME_NONE);
	hc_arena_release(&a);
	assert_string_equal(plan_of(fx, id), "A");
	assert_true(exists(fx->dir, "index/changes-due/2026-11-25/%s", cid));
	/* The window is at the reserved time, announced when requested. */
	assert_window(fx, cid, "plan-change", "2026-11-25T10:00:00+09:00", 30,
		      "2026-11-20T10:00:00+09:00");
	assert_valid(&fx->st);

	/* The reservation counts for 11-25, not for the day it was made. */
	q = req_plan(id, "B", NULL);
	change_ok(fx, "2026-11-20T10:05:00+09:00", &q, NULL);
	assert_string_equal(plan_of(fx, id), "B");
	q = req_plan(id, "D", "2026-11-25T23:59:59+09:00");
	change_refused(fx, "2026-11-20T10:10:00+09:00", &q, HC_EREFUSED,
		       "already has one on 2026-11-25", "002 §2.3.1");
	q = req_plan(id, "D", "2026-11-25T00:00:00+09:00");
	change_refused(fx, "2026-11-20T10:10:00+09:00", &q, HC_EREFUSED,
		       "already has one on 2026-11-25", "002 §2.3.1");
	/* An immediate change on 11-25 itself meets the reservation too. */
	q = req_plan(id, "D", NULL);
	change_refused(fx, "2026-11-25T08:00:00+09:00", &q, HC_EREFUSED,
		       "already has one on 2026-11-25", "002 §2.3.1");
	q = req_plan(id, "D", "2026-11-26T00:00:00+09:00");
	change_ok(fx, "2026-11-20T10:10:00+09:00", &q, cid2);
	assert_true(exists(fx->dir, "index/changes-due/2026-11-26/%s", cid2));
	/* A reserved time in the past is a usage error. */
	q = req_plan(id, "E", "2026-11-20T09:59:59+09:00");
	change_refused(fx, "2026-11-20T10:10:00+09:00", &q, HC_EUSAGE, "--at is in the past", NULL);
	assert_int_equal(count_windows(fx), 3);
	assert_valid(&fx->st);
}

static void test_plan_refusals(void **state)
{
	struct fixture *fx = *state;
	struct hc_change_request q;
	char a[64], sas[64], ssd[64];

	server(fx, MANAGED, "A", a, NULL);
	server(fx, MANAGED, "physical-sas", sas, NULL);
	server(fx, MANAGED, "physical-ssd", ssd, NULL);
	/* Physical plans: no plan change, from or to (002 §2.2.1, §2.3.1 *1). */
	q = req_plan(sas, "A", NULL);
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED,
		       "plan 'physical-sas' cannot be changed", "002 §2.3.1");
	q = req_plan(sas, "physical-ssd", NULL);
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED,
		       "plan 'physical-sas' cannot be changed", "002 §2.3.1");
	q = req_plan(ssd, "E", "2026-11-25T10:00:00+09:00");
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED,
		       "plan 'physical-ssd' cannot be changed", "002 §2.3.1");
	q = req_plan(a, "physical-sas", NULL);
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED,
		       "plan 'A' cannot be changed to plan 'physical-sas'", "002 §2.3.1");
	q = req_plan(a, "physical-ssd", NULL);
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED,
		       "plan 'A' cannot be changed to plan 'physical-ssd'", "002 §2.3.1");
	/* A plan the profile does not have; the same plan. */
	q = req_plan(a, "F", NULL);
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED,
		       "profile 'smartconnect-managed' has no plan 'F'", "002");
	q = req_plan(a, "A", NULL);
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EUSAGE, "is already on plan 'A'",
		       NULL);
	/* None of these used up the day. */
	q = req_plan(a, "B", NULL);
	change_ok(fx, "2026-11-20T10:00:00+09:00", &q, NULL);
	/* jp6 has no plan change: its configuration changes by hardware
	 * options (000 §2.1-4-6). */
	{
		char j6[64];

		server(fx, JP6, "standard", j6, NULL);
		q = req_plan(j6, "standard", NULL);
		change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED,
			       "profile 'clara-jp6' offers no plan change", "000 §2.1-4-6");
	}
	assert_valid(&fx->st);
}

static void test_cancel_pending_and_cancelled(void **state)
{
	struct fixture *fx = *state;
	struct hc_server_result r;
	struct hc_change_request q;
	struct hc_txn_options t;
	struct hc_error err;
	char id[64], ssl[64];

	server(fx, MANAGED, "A", id, NULL);
	server(fx, MANAGED, "A", ssl, "ssl", NULL);
	/* A change the day before the cancellation is fine. */
	q = req_plan(id, "B", NULL);
	change_ok(fx, "2026-11-19T10:00:00+09:00", &q, NULL);
	/* Cancellation filed 11-20 10:00 for 11-30 (002 §3.2). */
	hc_server_result_init(&r);
	t = txo(T("2026-11-20T10:00:00+09:00"));
	assert_int_equal(hc_server_cancel(&fx->st, &t, id, t.now, D("2026-11-30"), &r, NULL, &err),
			 HC_OK);
	hc_server_result_release(&r);
	hc_server_result_init(&r);
	assert_int_equal(hc_server_cancel(&fx->st, &t, ssl, t.now, D("2026-11-30"), &r, NULL, &err),
			 HC_OK);
	hc_server_result_release(&r);
	/* Pending: every change is refused by 002 §3.2. */
	q = req_plan(id, "C", NULL);
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED,
		       "no changes while the cancellation of server", "002 §3.2");
	q = req_plan(id, "C", "2026-11-25T10:00:00+09:00");
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED, "is pending", "002 §3.2");
	q = req_disk(id, 100, "day-1", "2026-12-01");
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED, "is pending", "002 §3.2");
	q = req_base(HC_CHG_IP, ssl);
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED, "is pending", "002 §3.2");
	assert_valid(&fx->st);
	/* Cancelled (sweep on the day): a conflict, not a rule. */
	hc_server_result_init(&r);
	t = txo(T("2026-11-30T00:00:00+09:00"));
	assert_int_equal(hc_server_sweep(&fx->st, &t, t.now, &r, NULL, &err), HC_OK);
	assert_int_equal(r.ids.n, 2);
	hc_server_result_release(&r);
	q = req_plan(id, "C", NULL);
	change_refused(fx, "2026-11-30T10:00:00+09:00", &q, HC_ECONFLICT, "is cancelled", NULL);
	q = req_base(HC_CHG_IP, ssl);
	change_refused(fx, "2026-11-30T10:00:00+09:00", &q, HC_ECONFLICT, "is cancelled", NULL);
	assert_int_equal(count_windows(fx), 1);
	assert_valid(&fx->st);
}

/* ---- jecc spec change (004 §2.1.3 (1)) ------------------------------------------- */

static void test_jecc_spec_change(void **state)
{
	struct fixture *fx = *state;
	struct hc_change_request q;
	char id[64], cid[64], cid2[64];
	size_t n;

	server(fx, JECC, "2cpu-4gb", id, NULL);
	/* By request, at a reserved time: no immediate change. */
	q = req_plan(id, "4cpu-16gb", NULL);
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED,
		       "plan changes are made at a reserved time: give --at", "004 §2.1.3 (1)");
	q = req_plan(id, "9cpu-9gb", "2026-11-25T22:00:00+09:00");
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED,
		       "profile 'jecc-waterpf' has no plan '9cpu-9gb'", "004");
	q = req_plan(id, "4cpu-16gb", "2026-11-25T22:00:00+09:00");
	change_ok(fx, "2026-11-20T10:00:00+09:00", &q, cid);
	/* The stop: 60 minutes from the reserved time. */
	assert_window(fx, cid, NULL, "2026-11-25T22:00:00+09:00", 60, "2026-11-20T10:00:00+09:00");
	assert_string_equal(plan_of(fx, id), "2cpu-4gb");
	/* Down again later: jecc sets no once-a-day rule. */
	q = req_plan(id, "1cpu-2gb", "2026-11-25T23:30:00+09:00");
	change_ok(fx, "2026-11-20T10:00:00+09:00", &q, cid2);
	assert_window(fx, cid2, NULL, "2026-11-25T23:30:00+09:00", 60, "2026-11-20T10:00:00+09:00");
	assert_int_equal(apply_due(fx, "2026-11-25T22:00:00+09:00", &n), HC_OK);
	assert_int_equal(n, 1);
	assert_string_equal(plan_of(fx, id), "4cpu-16gb");
	assert_int_equal(apply_due(fx, "2026-11-25T23:30:00+09:00", &n), HC_OK);
	assert_int_equal(n, 1);
	assert_string_equal(plan_of(fx, id), "1cpu-2gb");
	assert_valid(&fx->st);
}

/* ---- managed disk (002 §2.2.1, §2.3.1, §3.1 *2) ------------------------------------ */

static void test_disk_steps_and_cap(void **state)
{
	struct fixture *fx = *state;
	struct hc_change_request q;
	struct hc_arena a;
	struct hc_change c;
	struct hc_server s;
	char s1[64], s2[64], cid[64];
	size_t n;

	server(fx, MANAGED, "A", s1, NULL);
	server(fx, MANAGED, "A", s2, NULL);
	/* Requests on Fri 11-20 for Tue 12-01 (6 business days ahead, see
	 * test_disk_earliest). Steps of 100 GB; never 0, never less. */
	q = req_disk(s1, 150, "day-1", "2026-12-01");
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED,
		       "disk is added in steps of 100 GB", "002 §2.2.1");
	q = req_disk(s1, 50, "day-1", "2026-12-01");
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED, "steps of 100 GB",
		       "002 §2.2.1");
	q = req_disk(s1, 0, "day-1", "2026-12-01");
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED,
		       "disk capacity is only ever added, never reduced", "002 §2.2.1");
	q = req_disk(s1, -100, "day-1", "2026-12-01");
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED, "never reduced",
		       "002 §2.2.1");
	/* 2,100 GB at once is over the 2 TB cap; 2,000 GB is the cap. */
	q = req_disk(s1, 2100, "day-1", "2026-12-01");
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED,
		       "at most 2000 GB may be added; 0 GB are added or reserved already",
		       "002 §2.2.1");
	q = req_disk(s1, 2000, "day-1", "2026-12-01");
	change_ok(fx, "2026-11-20T10:00:00+09:00", &q, cid);
	hc_arena_init(&a);
	load_change(fx, cid, &c, &a);
	assert_int_equal(c.kind, HC_CHG_DISK);
	assert_int_equal(c.status, HC_CHG_RESERVED);
	assert_int_equal(c.size_gb, 2000);
	assert_string_equal(c.window, "day-1");
	assert_string_equal(TS(c.effective_at), "2026-12-01T10:00:00+09:00");
	assert_int_equal(c.proration.days, HC_INT_NONE);
	hc_arena_release(&a);
	assert_window(fx, cid, "disk-expansion", "2026-12-01T10:00:00+09:00", 30,
		      "2026-11-20T10:00:00+09:00");
	/* Reserved, not applied, yet counted: 100 more is 2,100. */
	q = req_disk(s1, 100, "day-1", "2026-12-02");
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED,
		       "at most 2000 GB may be added; 2000 GB are added or reserved already",
		       "002 §2.2.1");
	assert_valid(&fx->st);

	/* s2: 1,000 GB applied + 900 reserved + 100 reserved = 2,000. */
	q = req_disk(s2, 1000, "day-1", "2026-12-01");
	change_ok(fx, "2026-11-20T10:00:00+09:00", &q, NULL);
	assert_int_equal(apply_due(fx, "2026-12-01T10:00:00+09:00", &n), HC_OK);
	assert_int_equal(n, 2);                 /* s1's 2,000 and s2's 1,000 */
	hc_arena_init(&a);
	load_server(fx, s2, &s, &a);
	assert_int_equal(s.disk_added_gb, 1000);
	assert_int_equal(s.disks.n, 0);         /* the base disk grows */
	load_server(fx, s1, &s, &a);
	assert_int_equal(s.disk_added_gb, 2000);
	hc_arena_release(&a);
	/* From Tue 12-01: 02(1) 03(2) 04(3) 07(4) 08(5) 09(6) -> Wed 12-09. */
	q = req_disk(s2, 1100, "day-1", "2026-12-09");
	change_refused(fx, "2026-12-01T11:00:00+09:00", &q, HC_EREFUSED,
		       "at most 2000 GB may be added; 1000 GB are added or reserved already",
		       "002 §2.2.1");
	q = req_disk(s2, 900, "day-1", "2026-12-09");
	change_ok(fx, "2026-12-01T11:00:00+09:00", &q, NULL);
	q = req_disk(s2, 200, "day-1", "2026-12-10");
	change_refused(fx, "2026-12-01T11:00:00+09:00", &q, HC_EREFUSED,
		       "1900 GB are added or reserved already", "002 §2.2.1");
	q = req_disk(s2, 100, "day-1", "2026-12-10");
	change_ok(fx, "2026-12-01T11:00:00+09:00", &q, NULL);
	q = req_disk(s2, 100, "day-1", "2026-12-11");
	change_refused(fx, "2026-12-01T11:00:00+09:00", &q, HC_EREFUSED,
		       "2000 GB are added or reserved already", "002 §2.2.1");
	/* s1 is full: 2,000 applied. */
	q = req_disk(s1, 100, "day-1", "2026-12-11");
	change_refused(fx, "2026-12-01T11:00:00+09:00", &q, HC_EREFUSED,
		       "2000 GB are added or reserved already", "002 §2.2.1");
	assert_valid(&fx->st);
}

static void test_disk_once_a_day(void **state)
{
	struct fixture *fx = *state;
	struct hc_change_request q;
	char id[64];

	server(fx, MANAGED, "A", id, NULL);
	/* Requested Tue 10-20 (earliest 10-28, latest 11-30, see below). */
	q = req_disk(id, 100, "day-1", "2026-11-04");
	change_ok(fx, "2026-10-20T10:00:00+09:00", &q, NULL);
	q = req_disk(id, 100, "night-2", "2026-11-04");
	change_refused(fx, "2026-10-20T10:00:00+09:00", &q, HC_EREFUSED,
		       "a disk change is allowed 1 time a day; server", "§2.3.1");
	q = req_disk(id, 100, "day-3", "2026-11-04");
	change_refused(fx, "2026-10-21T10:00:00+09:00", &q, HC_EREFUSED,
		       "already has one on 2026-11-04", "§2.3.1");
	q = req_disk(id, 100, "day-1", "2026-11-05");
	change_ok(fx, "2026-10-20T10:00:00+09:00", &q, NULL);
	/* The rule is per kind: a plan change that day is its own. */
	q = req_plan(id, "B", "2026-11-04T12:00:00+09:00");
	change_ok(fx, "2026-10-20T10:00:00+09:00", &q, NULL);
	assert_int_equal(count_windows(fx), 3);
	assert_valid(&fx->st);
}

static void test_disk_windows(void **state)
{
	struct fixture *fx = *state;
	struct hc_change_request q;
	char s1[64], s2[64], cid[64];

	server(fx, MANAGED, "A", s1, NULL);
	server(fx, MANAGED, "A", s2, NULL);
	/*
	 * Requested Tue 10-20: every work day below is within 6 business
	 * days (10-28) ... the end of next month (11-30), so only the
	 * windows decide.
	 */
	/* A day slot needs a business day: Sat 10-31 and 文化の日 11-03 no. */
	q = req_disk(s1, 100, "day-1", "2026-10-31");
	change_refused(fx, "2026-10-20T10:00:00+09:00", &q, HC_EREFUSED,
		       "window 'day-1' needs 2026-10-31 to be a business day", "002 §2.3.1");
	q = req_disk(s1, 100, "day-2", "2026-11-03");
	change_refused(fx, "2026-10-20T10:00:00+09:00", &q, HC_EREFUSED,
		       "window 'day-2' needs 2026-11-03 to be a business day", "002 §2.3.1");
	/* A night slot needs the day and the next: Mon 11-02 is a business
	 * day, but Tue 11-03 is 文化の日, so 11-02 night is refused ... */
	q = req_disk(s1, 100, "night-1", "2026-11-02");
	change_refused(fx, "2026-10-20T10:00:00+09:00", &q, HC_EREFUSED,
		       "window 'night-1' needs 2026-11-03 to be a business day (the work day and the next day)", "002 §2.3.1");
	q = req_disk(s1, 100, "night-2", "2026-11-02");
	change_refused(fx, "2026-10-20T10:00:00+09:00", &q, HC_EREFUSED, "needs 2026-11-03",
		       "002 §2.3.1");
	/* ... and Fri 10-30 night runs into Saturday 10-31. */
	q = req_disk(s1, 100, "night-1", "2026-10-30");
	change_refused(fx, "2026-10-20T10:00:00+09:00", &q, HC_EREFUSED, "needs 2026-10-31",
		       "002 §2.3.1");
	/* ... while a day slot on 11-02 needs 11-02 only: accepted, and the
	 * window starts when the slot does (15:00) and lasts 30 minutes. */
	q = req_disk(s1, 100, "day-3", "2026-11-02");
	change_ok(fx, "2026-10-20T10:00:00+09:00", &q, cid);
	assert_window(fx, cid, "disk-expansion", "2026-11-02T15:00:00+09:00", 30,
		      "2026-10-20T10:00:00+09:00");
	/* Wed 11-04 night: 11-04 and Thu 11-05 are business days. */
	q = req_disk(s2, 100, "night-2", "2026-11-04");
	change_ok(fx, "2026-10-20T10:00:00+09:00", &q, cid);
	assert_window(fx, cid, "disk-expansion", "2026-11-04T21:00:00+09:00", 30,
		      "2026-10-20T10:00:00+09:00");
	{
		struct hc_arena a;
		struct hc_change c;

		hc_arena_init(&a);
		load_change(fx, cid, &c, &a);
		assert_string_equal(c.window, "night-2");
		hc_arena_release(&a);
	}
	/* Thu 10-29 night (Fri 10-30 the next day) and 18:00 start. */
	q = req_disk(s2, 100, "night-1", "2026-10-29");
	change_ok(fx, "2026-10-20T10:00:00+09:00", &q, cid);
	assert_window(fx, cid, "disk-expansion", "2026-10-29T18:00:00+09:00", 30,
		      "2026-10-20T10:00:00+09:00");
	/* Unknown window; a window without a day or a day without a window. */
	q = req_disk(s1, 100, "lunch", "2026-11-05");
	change_refused(fx, "2026-10-20T10:00:00+09:00", &q, HC_EREFUSED,
		       "no work window 'lunch' (windows: day-1, day-2, day-3, night-1, night-2)",
		       "§2.3.1");
	q = req_disk(s1, 100, NULL, "2026-11-05");
	change_refused(fx, "2026-10-20T10:00:00+09:00", &q, HC_EUSAGE, "needs --window and --on",
		       NULL);
	q = req_disk(s1, 100, "day-1", NULL);
	change_refused(fx, "2026-10-20T10:00:00+09:00", &q, HC_EUSAGE, "needs --window and --on",
		       NULL);
	/* Physical plans: no disk expansion (002 §2.3.1 *1). */
	{
		char sas[64];

		server(fx, MANAGED, "physical-sas", sas, NULL);
		q = req_disk(sas, 100, "day-1", "2026-11-05");
		change_refused(fx, "2026-10-20T10:00:00+09:00", &q, HC_EREFUSED,
			       "the disk of plan 'physical-sas' cannot be expanded", "002 §2.2.1");
	}
	assert_valid(&fx->st);
}

static void test_disk_earliest(void **state)
{
	struct fixture *fx = *state;
	struct hc_change_request q;
	char s1[64], s2[64];

	server(fx, MANAGED, "A", s1, NULL);
	server(fx, MANAGED, "A", s2, NULL);
	/*
	 * Requested Fri 11-20 (day 0): Sat 21, Sun 22, Mon 23 勤労感謝の日
	 * do not count; Tue 24 (1), Wed 25 (2), Thu 26 (3), Fri 27 (4),
	 * Mon 30 (5), Tue 12-01 (6). 11-30 is 5 business days ahead.
	 */
	q = req_disk(s1, 100, "day-1", "2026-11-30");
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED,
		       "the earliest work day is 2026-12-01 (6 business days ahead)", "§3.1");
	q = req_disk(s1, 100, "night-2", "2026-11-30");
	change_refused(fx, "2026-11-20T23:59:59+09:00", &q, HC_EREFUSED,
		       "the earliest work day is 2026-12-01", "§3.1");
	q = req_disk(s1, 100, "day-1", "2026-12-01");
	change_ok(fx, "2026-11-20T10:00:00+09:00", &q, NULL);
	/*
	 * Requested Tue 11-17: Wed 18 (1), Thu 19 (2), Fri 20 (3), Tue 24 (4),
	 * Wed 25 (5), Thu 26 (6): 11-25 is too early, 11-26 accepted.
	 */
	q = req_disk(s2, 100, "day-2", "2026-11-25");
	change_refused(fx, "2026-11-17T10:00:00+09:00", &q, HC_EREFUSED,
		       "the earliest work day is 2026-11-26 (6 business days ahead)", "§3.1");
	q = req_disk(s2, 100, "day-2", "2026-11-26");
	change_ok(fx, "2026-11-17T10:00:00+09:00", &q, NULL);
	assert_valid(&fx->st);
}

static void test_disk_latest(void **state)
{
	struct fixture *fx = *state;
	struct hc_change_request q;
	char s1[64], s2[64], s3[64], cid[64];

	server(fx, MANAGED, "A", s1, NULL);
	server(fx, MANAGED, "A", s2, NULL);
	server(fx, MANAGED, "A", s3, NULL);
	/* Requested in October: the end of next month is Mon 11-30. */
	q = req_disk(s1, 100, "day-1", "2026-11-30");
	change_ok(fx, "2026-10-20T10:00:00+09:00", &q, NULL);
	/* A night slot on the last day still starts that day (11-30 and
	 * Tue 12-01 are business days). */
	q = req_disk(s2, 100, "night-2", "2026-11-30");
	change_ok(fx, "2026-10-20T10:00:00+09:00", &q, cid);
	assert_window(fx, cid, "disk-expansion", "2026-11-30T21:00:00+09:00", 30,
		      "2026-10-20T10:00:00+09:00");
	q = req_disk(s3, 100, "day-1", "2026-12-01");
	change_refused(fx, "2026-10-20T10:00:00+09:00", &q, HC_EREFUSED,
		       "the latest work day is 2026-11-30 (the end of next month)", "§3.1");
	/* The last second of October still means November's end ... */
	change_refused(fx, "2026-10-31T23:59:59+09:00", &q, HC_EREFUSED,
		       "the latest work day is 2026-11-30", "§3.1");
	/* ... and 11-01 00:00 JST (10-31 15:00Z) moves it to 12-31. From
	 * Sun 11-01: 02 (1), 04 (2), 05 (3), 06 (4), 09 (5), 10 (6). */
	change_ok(fx, "2026-10-31T15:00:00Z", &q, NULL);

	/*
	 * Requested in December (Tue 12-01): the end of next month is
	 * 2027-01-31, a Sunday; Fri 01-29 is the last business day before
	 * it. Earliest: 02 (1) 03 (2) 04 (3) 07 (4) 08 (5) 09 (6).
	 */
	q = req_disk(s1, 100, "day-1", "2027-01-29");
	change_ok(fx, "2026-12-01T10:00:00+09:00", &q, NULL);
	q = req_disk(s2, 100, "day-1", "2027-02-01");
	change_refused(fx, "2026-12-01T10:00:00+09:00", &q, HC_EREFUSED,
		       "the latest work day is 2027-01-31 (the end of next month)", "§3.1");
	/* The year-end closure: Mon 12-28 is a business day, 12-29 is not,
	 * so 12-28 day slots are open and its night slots are not; the
	 * first day after the closure is Mon 01-04. */
	q = req_disk(s2, 100, "night-1", "2026-12-28");
	change_refused(fx, "2026-12-01T10:00:00+09:00", &q, HC_EREFUSED,
		       "window 'night-1' needs 2026-12-29 to be a business day", "002 §2.3.1");
	q = req_disk(s2, 100, "day-1", "2027-01-01");
	change_refused(fx, "2026-12-01T10:00:00+09:00", &q, HC_EREFUSED, "needs 2027-01-01",
		       "002 §2.3.1");
	q = req_disk(s2, 100, "day-3", "2026-12-28");
	change_ok(fx, "2026-12-01T10:00:00+09:00", &q, NULL);
	q = req_disk(s3, 100, "day-1", "2027-01-04");
	change_ok(fx, "2026-12-01T10:00:00+09:00", &q, NULL);
	assert_valid(&fx->st);
}

/* ---- jecc disk (004 §2.1.3 (4) 表2-5) ---------------------------------------------- */

static void test_jecc_disk(void **state)
{
	struct fixture *fx = *state;
	static const int64_t sizes[] = { 40, 80, 100, 300, 500, 1000, 2000, 3000, 4000 };
	struct hc_change_request q;
	struct hc_arena a;
	struct hc_server s;
	char id[64], cid[64];
	size_t n;

	server(fx, JECC, "2cpu-4gb", id, NULL);
	q = req_disk(id, 50, NULL, NULL);
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED,
		       "disks come in 40, 80, 100, 300, 500, 1000, 2000, 3000, 4000 GB, not 50 GB",
		       "004 §2.1.3 (4)");
	q.size_gb = 200;
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED, "not 200 GB",
		       "004 §2.1.3 (4)");
	q.size_gb = 5000;
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED, "not 5000 GB",
		       "004 §2.1.3 (4)");
	q.size_gb = 0;
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED, "never reduced",
		       "004 §2.1.3 (4)");
	/* Every size of the table, one after another (no once-a-day rule),
	 * each with a 60-minute stop. */
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		char now[64];

		q = req_disk(id, sizes[i], NULL, NULL);
		snprintf(now, sizeof(now), "2026-11-20T1%zu:00:00+09:00", i);
		change_ok(fx, now, &q, cid);
		assert_window(fx, cid, "disk-expansion", now, 60, now);
	}
	hc_arena_init(&a);
	load_server(fx, id, &s, &a);
	assert_int_equal(s.disks.n, 9);
	for (size_t i = 0; i < s.disks.n; i++) {
		const struct hc_server_disk *d = HC_LIST_AT(s.disks, struct hc_server_disk, i);

		assert_string_equal(d->kind, "disk");
		assert_int_equal(d->size_gb, sizes[i]);
		assert_int_equal(d->iops_per_gb, HC_INT_NONE);
	}
	assert_int_equal(s.disk_added_gb, HC_INT_NONE);
	hc_arena_release(&a);
	/* Reserved: the disk appears when it is applied. */
	q = req_disk(id, 300, NULL, NULL);
	q.at = T("2026-11-25T20:00:00+09:00");
	change_ok(fx, "2026-11-20T20:00:00+09:00", &q, cid);
	assert_window(fx, cid, "disk-expansion", "2026-11-25T20:00:00+09:00", 60,
		      "2026-11-20T20:00:00+09:00");
	hc_arena_init(&a);
	load_server(fx, id, &s, &a);
	assert_int_equal(s.disks.n, 9);
	hc_arena_release(&a);
	assert_int_equal(apply_due(fx, "2026-11-25T20:00:00+09:00", &n), HC_OK);
	assert_int_equal(n, 1);
	hc_arena_init(&a);
	load_server(fx, id, &s, &a);
	assert_int_equal(s.disks.n, 10);
	assert_int_equal(HC_LIST_AT(s.disks, struct hc_server_disk, 9)->size_gb, 300);
	assert_string_equal(TS(HC_LIST_AT(s.disks, struct hc_server_disk, 9)->added_at),
			    "2026-11-25T20:00:00+09:00");
	hc_arena_release(&a);
	assert_valid(&fx->st);
}

/* ---- global IP addition (002 §2.2.1, §2.3.1) ----------------------------------------- */

static void assert_ip_added(struct fixture *fx, const char *id, const char *cid, size_t want_n)
{
	struct hc_arena a;
	struct hc_change c;
	struct hc_server s;
	char want[128], *own;

	hc_arena_init(&a);
	load_change(fx, cid, &c, &a);
	assert_int_equal(c.kind, HC_CHG_IP);
	assert_int_equal(c.status, HC_CHG_APPLIED);
	assert_non_null(c.ip);
	assert_null(c.maintenance);             /* no stop for an address */
	load_server(fx, id, &s, &a);
	assert_int_equal(s.global_ips.n, want_n);
	assert_string_equal(s.global_ips.v[want_n - 1], c.ip);
	/* The new address is claimed for the server. */
	own = slurp(fx->dir, "claims/ip/%s", c.ip);
	assert_non_null(own);
	snprintf(want, sizeof(want), "servers/%s.yaml\n", id);
	assert_string_equal(own, want);
	free(own);
	hc_arena_release(&a);
}

static void test_ip_addition(void **state)
{
	struct fixture *fx = *state;
	struct hc_change_request q;
	char plain[64], ssl[64], gs[64], secom[64], cid[64];

	server(fx, MANAGED, "A", plain, NULL);
	server(fx, MANAGED, "B", ssl, "ssl", NULL);
	server(fx, MANAGED, "C", gs, "ssl-globalsign-quick", NULL);
	server(fx, MANAGED, "physical-ssd", secom, "ssl-secom-passport", NULL);
	/* Only for SSL. */
	q = req_base(HC_CHG_IP, plain);
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED,
		       "a global address is added only for SSL: the server needs the option 'ssl'",
		       "002 §2.2.1, §2.2.3, §2.3.1");
	q = req_base(HC_CHG_IP, ssl);
	change_ok(fx, "2026-11-20T10:00:00+09:00", &q, cid);
	assert_ip_added(fx, ssl, cid, 2);
	/* Not a once-a-day change. */
	change_ok(fx, "2026-11-20T10:01:00+09:00", &q, cid);
	assert_ip_added(fx, ssl, cid, 3);
	/* A certificate bought through the provider means SSL too; physical
	 * plans may add addresses (*1 covers plan change and disk only). */
	q = req_base(HC_CHG_IP, gs);
	change_ok(fx, "2026-11-20T10:00:00+09:00", &q, cid);
	assert_ip_added(fx, gs, cid, 2);
	q = req_base(HC_CHG_IP, secom);
	change_ok(fx, "2026-11-20T10:00:00+09:00", &q, cid);
	assert_ip_added(fx, secom, cid, 2);
	assert_int_equal(count_windows(fx), 0);
	/* The address is claimed at once, so it is added at once: a
	 * reserved addition is a usage error (lib/plan.c). */
	q = req_base(HC_CHG_IP, ssl);
	q.at = T("2026-11-25T10:00:00+09:00");
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EUSAGE, "no --at", NULL);
	assert_valid(&fx->st);
}

/* Gives the server n addresses in all, claimed, written to the record
 * directly: net.1, net.2 ... (net a documentation /24). */
static void fill_addresses(struct fixture *fx, const char *id, size_t n, const char *net)
{
	struct hc_txn_options o = txo(T("2026-11-19T10:00:00+09:00"));
	struct hc_txn *t;
	struct hc_arena a;
	struct hc_server s;
	struct hc_error err;
	char path[128], ip[32];

	hc_arena_init(&a);
	snprintf(path, sizeof(path), "%s/%s.yaml", HC_SERVERS_DIR, id);
	assert_int_equal(hc_txn_begin(&fx->st, &o, &t, &err), HC_OK);
	assert_int_equal(hc_txn_load(t, &hc_server_schema, path, &s, &a, &err), HC_OK);
	for (size_t i = 1; s.global_ips.n < n; i++) {
		snprintf(ip, sizeof(ip), "%s.%zu", net, i);
		hc_strs_push(&a, &s.global_ips, hc_arena_strdup(&a, ip));
		assert_int_equal(hc_claim_take(t, HC_CLAIM_IP, ip, path, &err), HC_OK);
	}
	assert_int_equal(hc_txn_put_record(t, &hc_server_schema, path, &s, &err), HC_OK);
	assert_int_equal(hc_txn_commit(t, NULL, &err), HC_OK);
	hc_txn_free(t);
	hc_arena_release(&a);
}

static void test_ip_maximum(void **state)
{
	struct fixture *fx = *state;
	struct hc_change_request q;
	char id[64], full[64], cid[64];

	server(fx, MANAGED, "E", id, "ssl", NULL);
	server(fx, MANAGED, "E", full, "ssl", NULL);
	/* 200 addresses: one more makes 201, the maximum. */
	fill_addresses(fx, id, 200, "198.51.100");
	assert_valid(&fx->st);
	q = req_base(HC_CHG_IP, id);
	change_ok(fx, "2026-11-20T10:00:00+09:00", &q, cid);
	assert_ip_added(fx, id, cid, 201);
	change_refused(fx, "2026-11-20T10:01:00+09:00", &q, HC_EREFUSED,
		       "a server has at most 201 global addresses", "002 §2.2.1");
	/* A server written with 201 addresses directly: refused as well. */
	fill_addresses(fx, full, 201, "203.0.113");
	q = req_base(HC_CHG_IP, full);
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED,
		       "a server has at most 201 global addresses", "002 §2.2.1");
	assert_valid(&fx->st);
}

/* ---- block storage (004 §2.1.3 (10) 表2-12) ------------------------------------------ */

static void test_block_storage(void **state)
{
	struct fixture *fx = *state;
	static const int64_t sizes[] = { 100, 250, 500, 1000, 2000, 4000, 8000, 12000 };
	struct hc_change_request q;
	struct hc_arena a;
	struct hc_server s;
	char id[64], managed[64], cid[64];

	server(fx, JECC, "4cpu-16gb", id, NULL);
	server(fx, MANAGED, "A", managed, NULL);
	q = req_block(managed, 100, 2);
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED,
		       "profile 'smartconnect-managed' offers no block storage", "002");
	q = req_block(id, 150, 2);
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED,
		       "block storage comes in the sizes of the table, not 150 GB",
		       "004 §2.1.3 (10)");
	q = req_block(id, 16000, 4);
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED, "not 16000 GB",
		       "004 §2.1.3 (10)");
	q = req_block(id, 50, 4);
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED, "not 50 GB",
		       "004 §2.1.3 (10)");
	q = req_block(id, 100, 3);
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED, "no 3 IOPS/GB plan",
		       "004 §2.1.3 (10)");
	q = req_block(id, 100, 1);
	change_refused(fx, "2026-11-20T10:00:00+09:00", &q, HC_EREFUSED, "no 1 IOPS/GB plan",
		       "004 §2.1.3 (10)");
	/* Every size at 2 and at 4 IOPS/GB: attached, no stop. */
	for (size_t i = 0; i < 16; i++) {
		q = req_block(id, sizes[i / 2], i % 2 ? 4 : 2);
		change_ok(fx, "2026-11-20T10:00:00+09:00", &q, cid);
		assert_no_window(fx, cid);
	}
	assert_int_equal(count_windows(fx), 0);
	hc_arena_init(&a);
	load_server(fx, id, &s, &a);
	assert_int_equal(s.disks.n, 16);
	for (size_t i = 0; i < 16; i++) {
		const struct hc_server_disk *d = HC_LIST_AT(s.disks, struct hc_server_disk, i);

		assert_string_equal(d->kind, "block-storage");
		assert_int_equal(d->size_gb, sizes[i / 2]);
		assert_int_equal(d->iops_per_gb, i % 2 ? 4 : 2);
		assert_string_equal(TS(d->added_at), "2026-11-20T10:00:00+09:00");
	}
	hc_arena_release(&a);
	assert_valid(&fx->st);
}

/* ---- jp6 hardware options (000 §2.1-4-6) ----------------------------------------------- */

static void test_jp6_hardware(void **state)
{
	struct fixture *fx = *state;
	static const char *const hw[] = {
		"hw-memory", "hw-disk", "hw-raid", "hw-psu-redundant", "hw-nic-redundant", "hw-nic-add"
	};
	struct hc_change_request q;
	struct hc_arena a;
	struct hc_server s;
	struct hc_change c;
	char id[64], cid[64];

	server(fx, JP6, "standard", id, NULL);
	for (size_t i = 0; i < 6; i++) {
		char now[64];

		snprintf(now, sizeof(now), "2026-11-20T1%zu:00:00+09:00", i);
		q = req_hw(id, hw[i]);
		change_ok(fx, now, &q, cid);
		assert_window(fx, cid, "hardware-option", now, 60, now);
		hc_arena_init(&a);
		load_change(fx, cid, &c, &a);
		assert_string_equal(c.option, hw[i]);
		assert_non_null(strstr(c.rule, "§2.1-4-6"));
		assert_int_equal(strncmp(c.rule, "000 ", 4), 0);
		hc_arena_release(&a);
	}
	hc_arena_init(&a);
	load_server(fx, id, &s, &a);
	assert_int_equal(s.options.n, 6);
	for (size_t i = 0; i < 6; i++)
		assert_true(hc_server_has_option(&s, hw[i]));
	hc_arena_release(&a);
	/* A reserved one stops the server at its time. */
	q = req_hw(id, "hw-memory");
	q.at = T("2026-11-28T02:00:00+09:00");
	change_ok(fx, "2026-11-20T18:00:00+09:00", &q, cid);
	assert_window(fx, cid, "hardware-option", "2026-11-28T02:00:00+09:00", 60,
		      "2026-11-20T18:00:00+09:00");
	/* Not a hardware option, or none at all. */
	q = req_hw(id, "hw-gpu");
	change_refused(fx, "2026-11-20T18:00:00+09:00", &q, HC_EREFUSED,
		       "profile 'clara-jp6' has no hardware option 'hw-gpu'", "000");
	q = req_hw(id, "backup");
	change_refused(fx, "2026-11-20T18:00:00+09:00", &q, HC_EREFUSED,
		       "profile 'clara-jp6' has no hardware option 'backup'", "000");
	q = req_disk(id, 100, NULL, NULL);
	change_refused(fx, "2026-11-20T18:00:00+09:00", &q, HC_EREFUSED,
		       "profile 'clara-jp6' offers no disk expansion", "000 §2.1-4-5");
	{
		char m[64];

		server(fx, MANAGED, "A", m, NULL);
		q = req_hw(m, "hw-memory");
		change_refused(fx, "2026-11-20T18:00:00+09:00", &q, HC_EREFUSED,
			       "profile 'smartconnect-managed' has no hardware option 'hw-memory'",
			       "002");
	}
	assert_valid(&fx->st);
}

/* ---- apply-due ------------------------------------------------------------------- */

static void test_apply_due(void **state)
{
	struct fixture *fx = *state;
	struct hc_change_request q;
	struct hc_arena a;
	struct hc_change c;
	struct hc_server s;
	char id[64], plan_cid[64], disk_cid[64], *before, *after;
	size_t n;

	server(fx, MANAGED, "A", id, NULL);
	q = req_plan(id, "C", "2026-11-25T10:00:00+09:00");
	change_ok(fx, "2026-11-20T10:00:00+09:00", &q, plan_cid);
	q = req_disk(id, 300, "day-1", "2026-12-01");
	change_ok(fx, "2026-11-20T10:00:00+09:00", &q, disk_cid);
	/* Nothing is due a second before. */
	assert_int_equal(apply_due(fx, "2026-11-25T09:59:59+09:00", &n), HC_OK);
	assert_int_equal(n, 0);
	assert_string_equal(plan_of(fx, id), "A");
	/* At 10:00 the plan change is; the disk (12-01) is not. */
	assert_int_equal(apply_due(fx, "2026-11-25T10:00:00+09:00", &n), HC_OK);
	assert_int_equal(n, 1);
	assert_string_equal(plan_of(fx, id), "C");
	hc_arena_init(&a);
	load_change(fx, plan_cid, &c, &a);
	assert_int_equal(c.status, HC_CHG_APPLIED);
	assert_string_equal(TS(c.applied_at), "2026-11-25T10:00:00+09:00");
	assert_non_null(c.maintenance);         /* the window stays */
	load_change(fx, disk_cid, &c, &a);
	assert_int_equal(c.status, HC_CHG_RESERVED);
	hc_arena_release(&a);
	assert_false(exists(fx->dir, "index/changes-due/2026-11-25/%s", plan_cid));
	assert_true(exists(fx->dir, "index/changes-due/2026-12-01/%s", disk_cid));
	assert_valid(&fx->st);
	/* Idempotent: a second run applies nothing and rewrites nothing. */
	before = slurp(fx->dir, "servers/%s.yaml", id);
	assert_int_equal(apply_due(fx, "2026-11-25T10:00:00+09:00", &n), HC_OK);
	assert_int_equal(n, 0);
	assert_int_equal(apply_due(fx, "2026-11-30T23:00:00+09:00", &n), HC_OK);
	assert_int_equal(n, 0);
	after = slurp(fx->dir, "servers/%s.yaml", id);
	assert_string_equal(before, after);
	free(before);
	free(after);
	/* The disk's day, before and at its window. */
	assert_int_equal(apply_due(fx, "2026-12-01T09:00:00+09:00", &n), HC_OK);
	assert_int_equal(n, 0);
	assert_int_equal(apply_due(fx, "2026-12-01T10:00:00+09:00", &n), HC_OK);
	assert_int_equal(n, 1);
	hc_arena_init(&a);
	load_server(fx, id, &s, &a);
	assert_int_equal(s.disk_added_gb, 300);
	hc_arena_release(&a);
	assert_int_equal(apply_due(fx, "2026-12-02T10:00:00+09:00", &n), HC_OK);
	assert_int_equal(n, 0);
	hc_arena_init(&a);
	load_server(fx, id, &s, &a);
	assert_int_equal(s.disk_added_gb, 300);
	hc_arena_release(&a);
	assert_false(exists(fx->dir, "index/changes-due/2026-12-01/%s", disk_cid));
	assert_valid(&fx->st);
}

static void test_apply_due_voids_cancelled(void **state)
{
	struct fixture *fx = *state;
	struct hc_server_result r;
	struct hc_change_request q;
	struct hc_txn_options t;
	struct hc_error err;
	struct hc_arena a;
	struct hc_change c;
	char id[64], cid[64], mid[64];
	size_t n;

	server(fx, MANAGED, "A", id, NULL);
	q = req_plan(id, "E", "2026-12-10T10:00:00+09:00");
	change_ok(fx, "2026-11-20T09:00:00+09:00", &q, cid);
	hc_arena_init(&a);
	load_change(fx, cid, &c, &a);
	snprintf(mid, sizeof(mid), "%s", c.maintenance);
	hc_arena_release(&a);
	assert_true(exists(fx->dir, "maintenance/%s.yaml", mid));
	/* Cancelled since: filed 11-20 10:00 for 11-30, swept on the day. */
	hc_server_result_init(&r);
	t = txo(T("2026-11-20T10:00:00+09:00"));
	assert_int_equal(hc_server_cancel(&fx->st, &t, id, t.now, D("2026-11-30"), &r, NULL, &err),
			 HC_OK);
	hc_server_result_release(&r);
	hc_server_result_init(&r);
	t = txo(T("2026-11-30T00:00:00+09:00"));
	assert_int_equal(hc_server_sweep(&fx->st, &t, t.now, &r, NULL, &err), HC_OK);
	hc_server_result_release(&r);
	assert_valid(&fx->st);
	/* Its time comes: the change is void, the window removed, the
	 * server untouched. */
	assert_int_equal(apply_due(fx, "2026-12-10T10:00:00+09:00", &n), HC_OK);
	hc_arena_init(&a);
	load_change(fx, cid, &c, &a);
	assert_int_equal(c.status, HC_CHG_VOID);
	assert_null(c.maintenance);
	assert_int_equal(c.applied_at, HC_TIME_NONE);
	hc_arena_release(&a);
	assert_false(exists(fx->dir, "maintenance/%s.yaml", mid));
	assert_int_equal(count_windows(fx), 0);
	assert_string_equal(plan_of(fx, id), "A");
	assert_false(exists(fx->dir, "index/changes-due/2026-12-10/%s", cid));
	assert_valid(&fx->st);
	assert_int_equal(apply_due(fx, "2026-12-10T10:00:00+09:00", &n), HC_OK);
	assert_int_equal(n, 0);
	assert_valid(&fx->st);
}

/* ---- proration (002 §1.2.2 (2): 料金は日割計算) ------------------------------------------ */

/* Gives plans of the state's managed catalog a monthly fee. */
static void set_fee(struct fixture *fx, const char *plan, int fee)
{
	/* After the plan's name line, the first plan_change line. */
	sh("sed -i '/^  - name: %s$/,/plan_change: true/ s/^    plan_change: true$/    plan_change: true\\n"
	   "    monthly_fee_jpy: %d/' '%s/catalog/" MANAGED ".yaml'", plan, fee, fx->dir);
}

static void test_proration(void **state)
{
	struct fixture *fx = *state;
	struct hc_change_request q;
	struct hc_arena a;
	struct hc_change c;
	char id[64], cid[64], *text;

	set_fee(fx, "A", 9800);
	set_fee(fx, "B", 14800);
	set_fee(fx, "C", 29800);
	/* D and E keep no fee. */
	reopen(&fx->st, fx->dir);
	{
		const struct hc_profile *p;
		struct hc_error err;

		assert_int_equal(hc_store_profile(&fx->st, MANAGED, &p, &err), HC_OK);
		assert_int_equal(hc_profile_plan(p, "A")->monthly_fee_jpy, 9800);
		assert_int_equal(hc_profile_plan(p, "C")->monthly_fee_jpy, 29800);
		assert_int_equal(hc_profile_plan(p, "D")->monthly_fee_jpy, HC_INT_NONE);
	}
	server(fx, MANAGED, "A", id, NULL);
	/*
	 * A -> C on Fri 11-20: November has 30 days, 11-20 ... 11-30 is 11.
	 * credit = floor(9800 * 11 / 30) = floor(3593.33) = 3593,
	 * debit = floor(29800 * 11 / 30) = floor(10926.67) = 10926.
	 */
	q = req_plan(id, "C", NULL);
	change_ok(fx, "2026-11-20T10:00:00+09:00", &q, cid);
	hc_arena_init(&a);
	load_change(fx, cid, &c, &a);
	assert_int_equal(c.proration.days, 11);
	assert_int_equal(c.proration.days_in_month, 30);
	assert_int_equal(c.proration.credit_jpy, 3593);
	assert_int_equal(c.proration.debit_jpy, 10926);
	hc_arena_release(&a);
	text = slurp(fx->dir, "changes/%s.yaml", cid);
	assert_non_null(strstr(text, "proration:\n  days: 11\n  days_in_month: 30\n"
				     "  credit_jpy: 3593\n  debit_jpy: 10926\n"));
	free(text);
	assert_valid(&fx->st);
	/*
	 * C -> B reserved for Thu 12-31 23:00 JST: December has 31 days, 1 left. credit = floor(29800 / 31) = floor(961.29) = 961,
	 * debit = floor(14800 / 31) = floor(477.42) = 477. The day is the
	 * effective one, not the request's.
	 */
	q = req_plan(id, "B", "2026-12-31T23:00:00+09:00");
	change_ok(fx, "2026-11-21T10:00:00+09:00", &q, cid);
	hc_arena_init(&a);
	load_change(fx, cid, &c, &a);
	assert_int_equal(c.proration.days, 1);
	assert_int_equal(c.proration.days_in_month, 31);
	assert_int_equal(c.proration.credit_jpy, 961);
	assert_int_equal(c.proration.debit_jpy, 477);
	hc_arena_release(&a);
	/* Applied on its time; then B -> A reserved for Mon 2027-02-01: the
	 * whole of February 2027 (28 days), the full fees, 14800 back and
	 * 9800 due. */
	{
		size_t n;

		assert_int_equal(apply_due(fx, "2026-12-31T23:00:00+09:00", &n), HC_OK);
		assert_int_equal(n, 1);
		assert_string_equal(plan_of(fx, id), "B");
	}
	q = req_plan(id, "A", "2027-02-01T00:00:00+09:00");
	change_ok(fx, "2026-12-31T23:00:00+09:00", &q, cid);
	hc_arena_init(&a);
	load_change(fx, cid, &c, &a);
	assert_int_equal(c.proration.days, 28);
	assert_int_equal(c.proration.days_in_month, 28);
	assert_int_equal(c.proration.credit_jpy, 14800);
	assert_int_equal(c.proration.debit_jpy, 9800);
	hc_arena_release(&a);
	/* C -> D: D has no fee, so no proration (absent, not zero). */
	{
		char other[64];

		server(fx, MANAGED, "C", other, NULL);
		q = req_plan(other, "D", NULL);
		change_ok(fx, "2026-11-20T10:00:00+09:00", &q, cid);
		hc_arena_init(&a);
		load_change(fx, cid, &c, &a);
		assert_int_equal(c.proration.days, HC_INT_NONE);
		assert_int_equal(c.proration.credit_jpy, HC_INT_NONE);
		hc_arena_release(&a);
		text = slurp(fx->dir, "changes/%s.yaml", cid);
		assert_null(strstr(text, "proration"));
		free(text);
	}
	assert_valid(&fx->st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_catalog_numbers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_up_and_down, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_once_a_provider_day, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_reserved, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cancel_pending_and_cancelled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_jecc_spec_change, setup, teardown),
		cmocka_unit_test_setup_teardown(test_disk_steps_and_cap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_disk_once_a_day, setup, teardown),
		cmocka_unit_test_setup_teardown(test_disk_windows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_disk_earliest, setup, teardown),
		cmocka_unit_test_setup_teardown(test_disk_latest, setup, teardown),
		cmocka_unit_test_setup_teardown(test_jecc_disk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ip_addition, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ip_maximum, setup, teardown),
		cmocka_unit_test_setup_teardown(test_block_storage, setup, teardown),
		cmocka_unit_test_setup_teardown(test_jp6_hardware, setup, teardown),
		cmocka_unit_test_setup_teardown(test_apply_due, setup, teardown),
		cmocka_unit_test_setup_teardown(test_apply_due_voids_cancelled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_proration, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
