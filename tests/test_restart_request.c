/*
 * test_restart_request.c - hostctl restart-request (lib/request.c):
 * verified customer requests (001 本人性確認, 各種作業一覧, サポート窓口;
 * 000 §2.3-2), the monitor-detected outage flow with its phone escalation
 * (000 §2.3-1-2 表2, ご連絡フロー I-IV), the hardware path (000 §2.4),
 * incident minutes and their month split in the SLA math, and the
 * customer-announced monitoring suspension (000 §4.4-3).
 *
 * Every expected time and date below is counted by hand, with the count in
 * a comment; none is computed by the code under test.
 *
 * Calendar facts used (Cabinet Office list; the closure is 12-29 ... 01-03):
 *   2026-11-20 Fri, 11-21 Sat, 11-22 Sun, 11-23 Mon 勤労感謝の日,
 *   11-24 Tue, 11-27 Fri, 11-30 Mon, 12-28 Mon; 2027-01-04 Mon is the
 *   first business day of 2027.
 *
 * Catalog facts used (seeds/clara-jp6.yaml, seeds/webarena.yaml; pinned by
 * test_catalog_facts so that a change of the seeds shows here first):
 *   clara-jp6: work reboot, verify and notify by emergency-phone, around
 *     the clock; escalation 10 rings, 2 rounds, then reboot; tokyo ETA 240
 *     min, nagoya 720 min; next business day when reachable; reinstall
 *     when disk or equivalent-model; recovery point initial-spec, latest
 *     backup with option backup; centos-7 support ended 2024-06-30.
 *   webarena: reboot around the clock (our choice, see its notes), every
 *     other work in support hours, weekdays 09:30-18:00; service-monitoring
 *     changes verified by the monitoring e-mail, everything else by the
 *     emergency phone; completion notices to the monitoring e-mail.
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

#include "hostctl/customer.h"
#include "hostctl/incident.h"
#include "hostctl/claim.h"
#include "hostctl/request.h"
#include "hostctl/server.h"
#include "hostctl/sla.h"
#include "hostctl/store.h"
#include "hostctl/validate.h"

#include "testutil.h"

#define JP6 "clara-jp6"
#define WA "webarena"

struct fixture {
	char dir[64];
	struct hc_store st;
	char acme_jp6[37];               /* clara-jp6, tokyo, acme */
};

/* The result and error of the last step (see step()). */
static struct hc_request_result R;
static struct hc_error E;

/* ---- helpers ----------------------------------------------------------------- */

/* Starts a new step: R and E fresh. */
static void step(void)
{
	hc_request_result_release(&R);
	hc_request_result_init(&R);
	hc_error_clear(&E);
}

static const struct hc_request_event *ev(const struct hc_request *r, size_t i)
{
	assert_true(i < r->events.n);
	return HC_LIST_AT(r->events, struct hc_request_event, i);
}

/* Event i: action, by, at. */
static const struct hc_request_event *event_is(const struct hc_request *r, size_t i,
					       const char *action, const char *by, const char *at)
{
	const struct hc_request_event *e = ev(r, i);

	assert_string_equal(e->action, action);
	assert_string_equal(e->by, by);
	assert_string_equal(TS(e->at), at);
	return e;
}

/* The stored request and incident, read back from the files. */
struct stored {
	struct hc_arena a;
	struct hc_request r;
	struct hc_incident in;
};

static void load(struct fixture *fx, const char *id, struct stored *s)
{
	hc_arena_init(&s->a);
	hc_record_init(&hc_request_schema, &s->r);
	hc_record_init(&hc_incident_schema, &s->in);
	load_record(&fx->st, &hc_request_schema, "requests", id, &s->r, &s->a);
	if (s->r.incident)
		load_record(&fx->st, &hc_incident_schema, "incidents", s->r.incident,
			    &s->in, &s->a);
}

static void unload(struct stored *s)
{
	hc_arena_release(&s->a);
}

static void customer(struct fixture *fx, const char *id, const char *mail, const char *phone,
		     const char *const *contacts, size_t n)
{
	const struct hc_schema *cs = hc_schema_field(&hc_customer_schema, "contacts")->sub;
	struct hc_customer c;
	struct hc_arena a;

	hc_arena_init(&a);
	hc_record_init(&hc_customer_schema, &c);
	c.id = id;
	c.name = id;
	c.monitoring_email = mail;
	c.emergency_phone = phone;
	for (size_t i = 0; i + 2 < n; i += 3) {
		struct hc_contact *ct = hc_list_push(&a, &c.contacts, cs);

		ct->id = contacts[i];
		ct->name = contacts[i + 1];
		ct->phone = contacts[i + 2];
	}
	save_customer(&fx->st, T("2026-11-01T09:00:00+09:00"), &c);
	hc_arena_release(&a);
}

/* Orders and hands over a server at accepted; id receives its id.
 * options: NULL-ended. */
static void server(struct fixture *fx, const char *cust, const char *prof, const char *region,
		   const char *os, const char *const *options, const char *accepted, char id[37])
{
	struct hc_order ord = base_order(cust, prof, "standard", T(accepted),
					 "test-restart-request");

	ord.region = region;
	ord.os = os;
	hand_over(&fx->st, &ord, options, ord.accepted_at, id, 37);
}

static const char *const ACME_CONTACTS[] = {
	"tanaka", "田中太郎", "090-1111-2222",
	"sato", "佐藤花子", "090-3333-4444",
};
static const char *const KATO[] = { "kato", "加藤", "090-5555-6666" };

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	state_new(fx->dir, sizeof(fx->dir), "rr", &fx->st);
	/* acme: both channels, two contacts in call order. */
	customer(fx, "acme", "noc@acme.example.jp", "03-1234-5678", ACME_CONTACTS, 6);
	/* solo: no contacts at all. */
	customer(fx, "solo", "noc@solo.example.jp", "03-2222-3333", NULL, 0);
	/* nophone: a contact, the monitoring e-mail, no emergency phone. */
	customer(fx, "nophone", "noc@nophone.example.jp", NULL, KATO, 3);
	server(fx, "acme", JP6, NULL, NULL, NULL, "2026-11-02T10:00:00+09:00", fx->acme_jp6);
	hc_request_result_init(&R);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	hc_request_result_release(&R);
	state_remove(&fx->st, fx->dir);
	free(fx);
	return 0;
}

/* Wrappers: one step each, at `now`. */
static int rq_new(struct fixture *fx, const char *now, const char *srv, const char *requester,
		  const char *work, const char *type)
{
	struct hc_txn_options o = txo(T(now));

	step();
	return hc_request_new(&fx->st, &o, srv, requester, work, type, "rr", &R, NULL, &E);
}

static int rq_verify(struct fixture *fx, const char *now, const char *id, const char *channel,
		     const char *by)
{
	struct hc_txn_options o = txo(T(now));

	step();
	return hc_request_verify(&fx->st, &o, id, channel, by, &R, NULL, &E);
}

static int rq_start(struct fixture *fx, const char *now, const char *id)
{
	struct hc_txn_options o = txo(T(now));

	step();
	return hc_request_start(&fx->st, &o, id, &R, NULL, &E);
}

static int rq_complete(struct fixture *fx, const char *now, const char *id, const char *at)
{
	struct hc_txn_options o = txo(T(now));

	step();
	return hc_request_complete(&fx->st, &o, id, T(at), &R, NULL, &E);
}

static int rq_detect(struct fixture *fx, const char *now, const char *srv, const char *at)
{
	struct hc_txn_options o = txo(T(now));

	step();
	return hc_request_detect(&fx->st, &o, srv, T(at), "rr", &R, NULL, &E);
}

static int rq_call(struct fixture *fx, const char *now, const char *id, const char *contact,
		   bool answered, const char *decision)
{
	struct hc_txn_options o = txo(T(now));

	step();
	return hc_request_call(&fx->st, &o, id, contact, answered, decision, &R, NULL, &E);
}

static int rq_reboot(struct fixture *fx, const char *now, const char *id)
{
	struct hc_txn_options o = txo(T(now));

	step();
	return hc_request_reboot(&fx->st, &o, id, &R, NULL, &E);
}

static int rq_recovered(struct fixture *fx, const char *now, const char *id, const char *at,
			const char *cause)
{
	struct hc_txn_options o = txo(T(now));

	step();
	return hc_request_recovered(&fx->st, &o, id, T(at), cause, &R, NULL, &E);
}

static int rq_hardware(struct fixture *fx, const char *now, const char *id, const char *repair,
		       const char *part, bool reachable)
{
	struct hc_txn_options o = txo(T(now));

	step();
	return hc_request_hardware(&fx->st, &o, id, repair, part, reachable, &R, NULL, &E);
}

/* A customer request verified through channel at `now`; id receives it. */
static void verified(struct fixture *fx, const char *now, const char *srv, const char *requester,
		     const char *work, const char *channel, char id[37])
{
	ok(rq_new(fx, now, srv, requester, work, NULL), &E);
	snprintf(id, 37, "%s", R.request.id);
	ok(rq_verify(fx, now, id, channel, NULL), &E);
}

/* A monitor request of srv detected at `at`, rebooted at `now` after the
 * first contact (if any) asked for it; id receives it. */
/* A server has one outage at a time (a second detection is the same
 * outage): a scenario that reuses a server first closes the outage an
 * earlier one left in the hardware path or rebooted, as an operator would. */
static void close_open_outage(struct fixture *fx, const char *srv, const char *at)
{
	struct hc_arena a;
	struct hc_strs open;
	struct hc_error err;

	hc_arena_init(&a);
	assert_int_equal(hc_index_members(&fx->st, HC_INDEX_OPEN_OUTAGES, srv, &open, &a, &err), HC_OK);
	for (size_t i = 0; i < open.n; i++) {
		int rc = rq_recovered(fx, at, open.v[i], at, "hardware");

		if (rc != HC_OK)
			report_error(&E);
	}
	hc_arena_release(&a);
}

static void rebooted(struct fixture *fx, const char *at, const char *now, const char *srv, char id[37])
{
	close_open_outage(fx, srv, at);
	ok(rq_detect(fx, at, srv, at), &E);
	snprintf(id, 37, "%s", R.request.id);
	if (R.request.status == HC_RS_ESCALATING) {
		char first[64];

		snprintf(first, sizeof(first), "%s", R.plan[0].contact);
		ok(rq_call(fx, now, id, first, true, "reboot"), &E);
	}
	assert_int_equal(R.request.status, HC_RS_REBOOT);
	ok(rq_reboot(fx, now, id), &E);
	assert_int_equal(R.request.status, HC_RS_REBOOTED);
}

/* ---- the catalog the rules come from ------------------------------------------ */

static void test_catalog_facts(void **state)
{
	struct fixture *fx = *state;
	const struct hc_profile *jp6, *wa;
	const struct hc_work_type *w;
	struct hc_error err;

	assert_int_equal(hc_store_profile(&fx->st, JP6, &jp6, &err), HC_OK);
	assert_int_equal(hc_store_profile(&fx->st, WA, &wa, &err), HC_OK);

	w = hc_profile_work_type(jp6, "reboot");
	assert_non_null(w);
	assert_string_equal(hc_channel_names[w->verify_via], "emergency-phone");
	assert_string_equal(hc_channel_names[w->notify_via], "emergency-phone");
	assert_true(w->around_the_clock);
	assert_int_equal(jp6->work_types.n, 1);
	assert_int_equal(jp6->monitoring.escalation.rings, 10);
	assert_int_equal(jp6->monitoring.escalation.rounds, 2);
	assert_string_equal(jp6->monitoring.escalation.then, "reboot");
	assert_int_equal(hc_profile_region(jp6, "tokyo")->onsite_eta_minutes, 240);
	assert_int_equal(hc_profile_region(jp6, "nagoya")->onsite_eta_minutes, 720);
	assert_true(jp6->onsite.next_business_day_if_reachable);
	assert_string_equal(jp6->onsite.backup_option, "backup");

	/* webarena: only the reboot is around the clock. */
	for (size_t i = 0; i < wa->work_types.n; i++) {
		w = HC_LIST_AT(wa->work_types, struct hc_work_type, i);
		assert_int_equal(w->around_the_clock, !strcmp(w->name, "reboot"));
		assert_string_equal(hc_channel_names[w->notify_via], "monitoring-email");
		assert_string_equal(hc_channel_names[w->verify_via],
				    !strncmp(w->name, "service-monitoring-", 19) ? "monitoring-email"
										 : "emergency-phone");
	}
	assert_int_equal(wa->support.hours.n, 1);
	assert_int_equal(HC_LIST_AT(wa->support.hours, struct hc_span, 0)->from, 9 * 60 + 30);
	assert_int_equal(HC_LIST_AT(wa->support.hours, struct hc_span, 0)->to, 18 * 60);
}

/* ---- customer requests ------------------------------------------------------- */

static void test_request_from_non_contact_refused(void **state)
{
	struct fixture *fx = *state;

	/* Neither a stranger nor another customer's contact may ask. */
	refused(rq_new(fx, "2026-11-20T10:00:00+09:00", fx->acme_jp6, "yamamoto", NULL, NULL), &E,
		"000 §2.3-2-1", "'yamamoto' is not a registered contact of customer 'acme'");
	refused(rq_new(fx, "2026-11-20T10:00:00+09:00", fx->acme_jp6, "kato", NULL, NULL), &E,
		"000 §2.3-2-1", "'kato' is not a registered contact of customer 'acme'");
	/* Nothing was written. */
	{
		struct hc_arena a;
		struct hc_strs ids;

		hc_arena_init(&a);
		assert_int_equal(hc_store_list(&fx->st, HC_REQUESTS_DIR, &ids, &a, NULL, &E), HC_OK);
		assert_int_equal(ids.n, 0);
		hc_arena_release(&a);
	}
	/* A work the profile does not offer; a bad --type. */
	refused(rq_new(fx, "2026-11-20T10:00:00+09:00", fx->acme_jp6, "tanaka", "password-reset",
		       NULL), &E, "000", "offers no work 'password-reset'");
	usage(rq_new(fx, "2026-11-20T10:00:00+09:00", fx->acme_jp6, "tanaka", NULL, "warm"), &E,
	      "soft or hard");
	assert_valid(&fx->st);
}

static void test_verification_channel(void **state)
{
	struct fixture *fx = *state;
	char id[37];

	ok(rq_new(fx, "2026-11-20T10:00:00+09:00", fx->acme_jp6, "sato", NULL, "hard"), &E);
	snprintf(id, sizeof(id), "%s", R.request.id);
	assert_int_equal(R.request.status, HC_RS_AWAITING_VERIFICATION);
	assert_string_equal(R.request.reboot_type, "hard");
	note_is(&R.notes, "verify the requester through emergency-phone before starting");

	/* jp6 verifies a reboot by the emergency phone (our reading, see the
	 * profile's notes): the e-mail is the wrong channel, and so is an
	 * unknown one. */
	refused(rq_verify(fx, "2026-11-20T10:01:00+09:00", id, "monitoring-email", "yamada"), &E,
		"000 §2.3-2-1", "work 'reboot' is verified through emergency-phone, not monitoring-email");
	refused(rq_verify(fx, "2026-11-20T10:01:00+09:00", id, "fax", "yamada"), &E, "000 §2.3-2-1",
		"not fax");

	/* start before verification */
	refused(rq_start(fx, "2026-11-20T10:02:00+09:00", id), &E, "000 §2.3-2-1",
		"is not verified: verify the requester through emergency-phone first");
	/* complete before start */
	refused(rq_complete(fx, "2026-11-20T10:02:00+09:00", id, "2026-11-20T10:02:00+09:00"), &E,
		"001 本人性確認", "is awaiting-verification; 'complete' comes after start");

	ok(rq_verify(fx, "2026-11-20T10:03:00+09:00", id, "emergency-phone", "yamada"), &E);
	assert_int_equal(R.request.status, HC_RS_VERIFIED);
	/* Verified once is enough. */
	refused(rq_verify(fx, "2026-11-20T10:04:00+09:00", id, "emergency-phone", "yamada"), &E,
		"001 本人性確認", "is verified; 'verify' comes only while awaiting verification");
	assert_valid(&fx->st);
}

static void test_request_started_and_completed(void **state)
{
	struct fixture *fx = *state;
	const struct hc_request_event *e;
	struct stored s;
	char id[37];

	ok(rq_new(fx, "2026-11-21T02:00:00+09:00", fx->acme_jp6, "tanaka", NULL, NULL), &E);
	snprintf(id, sizeof(id), "%s", R.request.id);
	/* a reboot is soft unless asked otherwise */
	assert_string_equal(R.request.reboot_type, "soft");
	ok(rq_verify(fx, "2026-11-21T02:05:00+09:00", id, "emergency-phone", "yamada"), &E);
	/* Saturday 02:10: the reboot is accepted around the clock (000 §2.3-2-2). */
	ok(rq_start(fx, "2026-11-21T02:10:00+09:00", id), &E);
	assert_int_equal(R.request.status, HC_RS_IN_PROGRESS);
	assert_true(R.has_incident);
	assert_string_equal(R.incident.cause, "customer-reboot-shutdown");
	assert_string_equal(R.incident.detected_by, "customer");
	assert_string_equal(TS(R.incident.started_at), "2026-11-21T02:10:00+09:00");
	assert_int_equal(R.incident.ended_at, HC_TIME_NONE);
	assert_string_equal(R.incident.request, id);
	assert_valid(&fx->st);

	/* Not twice. */
	refused(rq_start(fx, "2026-11-21T02:11:00+09:00", id), &E, "001 本人性確認",
		"is in-progress; 'start' comes after verification");

	/* The operator records completion at 02:14 (now 02:20). */
	ok(rq_complete(fx, "2026-11-21T02:20:00+09:00", id, "2026-11-21T02:14:00+09:00"), &E);
	note_is(&R.notes, "send the completion notice to emergency-phone 03-1234-5678");
	refused(rq_complete(fx, "2026-11-21T02:21:00+09:00", id, "2026-11-21T02:21:00+09:00"), &E,
		"001 本人性確認", "is done; 'complete' comes after start");

	/* The stored ticket: who, when, what, in order. */
	load(fx, id, &s);
	assert_int_equal(s.r.kind, HC_REQ_CUSTOMER);
	assert_int_equal(s.r.status, HC_RS_DONE);
	assert_string_equal(s.r.server, fx->acme_jp6);
	assert_string_equal(s.r.work, "reboot");
	assert_string_equal(s.r.requester, "tanaka");
	assert_string_equal(TS(s.r.opened_at), "2026-11-21T02:00:00+09:00");
	assert_string_equal(TS(s.r.closed_at), "2026-11-21T02:14:00+09:00");
	assert_int_equal(s.r.events.n, 5);
	e = event_is(&s.r, 0, "requested", "tester", "2026-11-21T02:00:00+09:00");
	assert_string_equal(e->contact, "tanaka");
	e = event_is(&s.r, 1, "verified", "yamada", "2026-11-21T02:05:00+09:00");
	assert_string_equal(e->channel, "emergency-phone");
	assert_string_equal(e->detail, "03-1234-5678");
	event_is(&s.r, 2, "started", "tester", "2026-11-21T02:10:00+09:00");
	event_is(&s.r, 3, "completed", "tester", "2026-11-21T02:14:00+09:00");
	e = event_is(&s.r, 4, "notified", "tester", "2026-11-21T02:14:00+09:00");
	assert_string_equal(e->channel, "emergency-phone");
	assert_string_equal(e->detail, "03-1234-5678");
	/* The reboot's incident: 02:10 to 02:14, closed at completion. */
	assert_string_equal(s.r.incident, s.in.id);
	assert_string_equal(s.in.cause, "customer-reboot-shutdown");
	assert_string_equal(TS(s.in.started_at), "2026-11-21T02:10:00+09:00");
	assert_string_equal(TS(s.in.ended_at), "2026-11-21T02:14:00+09:00");
	assert_string_equal(s.in.server, fx->acme_jp6);
	unload(&s);
	assert_valid(&fx->st);
}

static void test_webarena_menus_and_channels(void **state)
{
	struct fixture *fx = *state;
	static const char *const spot[] = { "spot-work", NULL };
	static const char *const pkg[] = { "monitoring-work-package", NULL };
	static const char *const svc[] = { "service-monitoring", NULL };
	char bare[37], with_spot[37], with_pkg[37], with_svc[37], id[37];
	struct stored s;

	server(fx, "acme", WA, NULL, NULL, NULL, "2026-11-02T10:00:00+09:00", bare);
	server(fx, "acme", WA, NULL, NULL, spot, "2026-11-02T10:00:00+09:00", with_spot);
	server(fx, "acme", WA, NULL, NULL, pkg, "2026-11-02T10:00:00+09:00", with_pkg);
	server(fx, "acme", WA, NULL, NULL, svc, "2026-11-02T10:00:00+09:00", with_svc);

	/* リブート代行 comes with reboot-agent, the packages or spot work. */
	refused(rq_new(fx, "2026-11-24T10:00:00+09:00", bare, "tanaka", "reboot", NULL), &E,
		"001 各種作業一覧", "work 'reboot' comes with a service menu the server does not have");
	ok(rq_new(fx, "2026-11-24T10:00:00+09:00", with_spot, "tanaka", "reboot", NULL), &E);
	/* パスワード初期化代行: the package has it, spot work does not. */
	refused(rq_new(fx, "2026-11-24T10:00:00+09:00", with_spot, "tanaka", "password-reset",
		       NULL), &E, "001 各種作業一覧", "work 'password-reset' comes with a service menu");
	ok(rq_new(fx, "2026-11-24T10:00:00+09:00", with_pkg, "tanaka", "password-reset", NULL), &E);
	assert_null(R.request.reboot_type);
	/* A request of the menu must still come from a contact. */
	refused(rq_new(fx, "2026-11-24T10:00:00+09:00", with_pkg, "nobody", "password-reset", NULL),
		&E, "001", "'nobody' is not a registered contact of customer 'acme'");

	/* サービス監視の設定変更: verified by the monitoring e-mail, not the phone. */
	ok(rq_new(fx, "2026-11-24T10:00:00+09:00", with_svc, "sato", "service-monitoring-change",
		  NULL), &E);
	snprintf(id, sizeof(id), "%s", R.request.id);
	note_is(&R.notes, "verify the requester through monitoring-email");
	refused(rq_verify(fx, "2026-11-24T10:05:00+09:00", id, "emergency-phone", NULL), &E,
		"ご依頼方法と連絡先",
		"work 'service-monitoring-change' is verified through monitoring-email, not emergency-phone");
	ok(rq_verify(fx, "2026-11-24T10:05:00+09:00", id, "monitoring-email", "suzuki"), &E);
	assert_string_equal(ev(&R.request, 1)->detail, "noc@acme.example.jp");
	ok(rq_start(fx, "2026-11-24T10:10:00+09:00", id), &E);
	assert_false(R.has_incident);            /* a setting change is no outage */
	ok(rq_complete(fx, "2026-11-24T10:30:00+09:00", id, "2026-11-24T10:30:00+09:00"), &E);
	note_is(&R.notes, "send the completion notice to monitoring-email noc@acme.example.jp");

	/* Every other work by the emergency phone; the notice by e-mail. */
	verified(fx, "2026-11-24T11:00:00+09:00", with_pkg, "tanaka", "process-resource-monitoring-exclusion",
		 "emergency-phone", id);
	ok(rq_start(fx, "2026-11-24T11:05:00+09:00", id), &E);
	ok(rq_complete(fx, "2026-11-24T11:20:00+09:00", id, "2026-11-24T11:20:00+09:00"), &E);
	load(fx, id, &s);
	assert_int_equal(s.r.events.n, 5);
	assert_string_equal(ev(&s.r, 1)->channel, "emergency-phone");
	assert_string_equal(ev(&s.r, 4)->action, "notified");
	assert_string_equal(ev(&s.r, 4)->channel, "monitoring-email");
	assert_string_equal(ev(&s.r, 4)->detail, "noc@acme.example.jp");
	assert_null(s.r.incident);
	unload(&s);
	assert_valid(&fx->st);
}

static void test_webarena_support_hours(void **state)
{
	struct fixture *fx = *state;
	static const char *const pkg[] = { "monitoring-work-package", NULL };
	char srv[37], a[37], b[37], c[37], rb[37];

	server(fx, "acme", WA, NULL, NULL, pkg, "2026-11-02T10:00:00+09:00", srv);

	/* Requests are taken any time; the work waits for support hours. */
	verified(fx, "2026-11-21T12:00:00+09:00", srv, "tanaka", "password-reset", "emergency-phone", a);
	/* Saturday noon */
	refused(rq_start(fx, "2026-11-21T12:00:00+09:00", a), &E, "001 サポート窓口について",
		"work 'password-reset' is carried out in support hours on business days");
	/* Monday 11-23 is 勤労感謝の日 */
	refused(rq_start(fx, "2026-11-23T12:00:00+09:00", a), &E, "001 サポート窓口について",
		"support hours");
	/* Tuesday 09:29 is before 9:30; 09:30 is in. */
	refused(rq_start(fx, "2026-11-24T09:29:00+09:00", a), &E, "001 サポート窓口について",
		"support hours");
	ok(rq_start(fx, "2026-11-24T09:30:00+09:00", a), &E);
	assert_string_equal(TS(ev(&R.request, 2)->at), "2026-11-24T09:30:00+09:00");

	/* 17:59 is in, 18:00 is out. */
	verified(fx, "2026-11-24T17:00:00+09:00", srv, "sato", "password-reset", "emergency-phone", b);
	ok(rq_start(fx, "2026-11-24T17:59:00+09:00", b), &E);
	verified(fx, "2026-11-24T17:00:00+09:00", srv, "sato", "remote-access-recovery", "emergency-phone", c);
	refused(rq_start(fx, "2026-11-24T18:00:00+09:00", c), &E, "001 サポート窓口について",
		"support hours");
	/* The year-end closure (年末年始を除く): Tuesday 12-29 is closed. */
	refused(rq_start(fx, "2026-12-29T10:00:00+09:00", c), &E, "001 サポート窓口について",
		"support hours");
	ok(rq_start(fx, "2026-12-28T10:00:00+09:00", c), &E);

	/* The reboot is around the clock (the profile's choice): Saturday
	 * 03:00 and the holiday at 23:00 both start. */
	verified(fx, "2026-11-21T03:00:00+09:00", srv, "tanaka", "reboot", "emergency-phone", rb);
	ok(rq_start(fx, "2026-11-21T03:00:00+09:00", rb), &E);
	assert_true(R.has_incident);
	verified(fx, "2026-11-23T23:00:00+09:00", srv, "tanaka", "reboot", "emergency-phone", rb);
	ok(rq_start(fx, "2026-11-23T23:00:00+09:00", rb), &E);
	assert_valid(&fx->st);
}

static void test_verification_channel_not_registered(void **state)
{
	struct fixture *fx = *state;
	static const char *const pkg[] = { "monitoring-work-package", NULL };
	char srv[37], id[37];

	server(fx, "nophone", WA, NULL, NULL, pkg, "2026-11-02T10:00:00+09:00", srv);
	/* nophone has no emergency phone: work verified by phone cannot be. */
	ok(rq_new(fx, "2026-11-24T10:00:00+09:00", srv, "kato", "reboot", NULL), &E);
	snprintf(id, sizeof(id), "%s", R.request.id);
	refused(rq_verify(fx, "2026-11-24T10:01:00+09:00", id, "emergency-phone", NULL), &E, "001",
		"customer 'nophone' has no emergency-phone registered");
	refused(rq_start(fx, "2026-11-24T10:02:00+09:00", id), &E, "001", "is not verified");
	/* ... while the service-monitoring change goes by its e-mail. */
	verified(fx, "2026-11-24T10:00:00+09:00", srv, "kato", "service-monitoring-exclusion",
		 "monitoring-email", id);
	assert_int_equal(R.request.status, HC_RS_VERIFIED);
	assert_valid(&fx->st);
}

/* ---- monitor-detected outages ------------------------------------------------ */

static void test_escalation_nobody_answers(void **state)
{
	struct fixture *fx = *state;
	static const char *const order[] = { "tanaka", "sato", "tanaka", "sato" };
	const struct hc_request_event *e;
	struct stored s;
	char id[37];

	ok(rq_detect(fx, "2026-11-20T03:07:00+09:00", fx->acme_jp6,
		     "2026-11-20T03:05:00+09:00"), &E);
	snprintf(id, sizeof(id), "%s", R.request.id);
	assert_int_equal(R.request.kind, HC_REQ_MONITOR);
	assert_int_equal(R.request.status, HC_RS_ESCALATING);
	assert_string_equal(TS(R.request.opened_at), "2026-11-20T03:05:00+09:00");
	/* The outage starts at the detection (000 §2.3-1-2 項番 1). */
	assert_true(R.has_incident);
	assert_string_equal(TS(R.incident.started_at), "2026-11-20T03:05:00+09:00");
	assert_int_equal(R.incident.ended_at, HC_TIME_NONE);
	assert_string_equal(R.incident.detected_by, "monitor");
	/* The plan: I each registered contact in order, II 10 rings each,
	 * III then the first again, IV after two rounds, reboot. */
	assert_int_equal(R.nplan, 4);
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(R.plan[i].contact, order[i]);
		assert_int_equal(R.plan[i].round, (int)i / 2 + 1);
		assert_int_equal(R.plan[i].rings, 10);
	}
	assert_string_equal(R.plan[0].phone, "090-1111-2222");
	assert_string_equal(R.plan[1].phone, "090-3333-4444");
	assert_string_equal(R.then, "reboot");
	assert_valid(&fx->st);

	/* Reboot refused while the calls go on; after each of the first three
	 * unanswered calls the request is still escalating. */
	refused(rq_reboot(fx, "2026-11-20T03:08:00+09:00", id), &E, "000 §2.3-1-2 表2",
		"is escalating; 'reboot' comes after the customer decides or nobody answers");
	for (size_t i = 0; i < 4; i++) {
		char now[32];

		snprintf(now, sizeof(now), "2026-11-20T03:%02zu:00+09:00", 10 + i);
		ok(rq_call(fx, now, id, order[i], false, NULL), &E);
		assert_int_equal(R.request.status, i < 3 ? HC_RS_ESCALATING : HC_RS_REBOOT);
		if (i < 3)
			refused(rq_reboot(fx, now, id), &E, "000 §2.3-1-2", "is escalating");
	}
	/* Calls beyond the plan are refused. */
	refused(rq_call(fx, "2026-11-20T03:14:00+09:00", id, "tanaka", false, NULL), &E,
		"000 §2.3-1-2", "is reboot; 'call' comes while escalating");
	/* The plan, read only, shows all four made. */
	step();
	ok(hc_request_plan(&fx->st, id, &R, &E), &E);
	assert_int_equal(R.nplan, 4);

	ok(rq_reboot(fx, "2026-11-20T03:20:00+09:00", id), &E);
	assert_int_equal(R.request.status, HC_RS_REBOOTED);
	refused(rq_reboot(fx, "2026-11-20T03:21:00+09:00", id), &E, "000 §2.3-1-2", "is rebooted");
	ok(rq_recovered(fx, "2026-11-20T03:30:00+09:00", id, "2026-11-20T03:28:00+09:00",
			"os-fault"), &E);
	/* 03:05 -> 03:28 = 23 min */
	note_is(&R.notes, "outage 23 min 00 s, cause os-fault");

	load(fx, id, &s);
	assert_int_equal(s.r.status, HC_RS_DONE);
	assert_int_equal(s.r.events.n, 8);
	e = event_is(&s.r, 0, "detected", "monitor", "2026-11-20T03:05:00+09:00");
	for (size_t i = 0; i < 4; i++) {
		char at[32], detail[32];

		snprintf(at, sizeof(at), "2026-11-20T03:%02zu:00+09:00", 10 + i);
		e = event_is(&s.r, 1 + i, "called", "tester", at);
		assert_string_equal(e->contact, order[i]);
		assert_string_equal(e->channel, "emergency-phone");
		assert_int_equal(e->answered, 0);
		snprintf(detail, sizeof(detail), "round %zu, 10 rings", i / 2 + 1);
		assert_string_equal(e->detail, detail);
	}
	e = event_is(&s.r, 5, "escalation-exhausted", "tester", "2026-11-20T03:13:00+09:00");
	assert_non_null(strstr(e->detail, "000 §2.3-1-2 IV"));
	event_is(&s.r, 6, "rebooted", "tester", "2026-11-20T03:20:00+09:00");
	event_is(&s.r, 7, "recovered", "tester", "2026-11-20T03:28:00+09:00");
	assert_string_equal(TS(s.r.closed_at), "2026-11-20T03:28:00+09:00");
	assert_string_equal(s.in.cause, "os-fault");
	assert_string_equal(TS(s.in.ended_at), "2026-11-20T03:28:00+09:00");
	assert_int_equal(s.in.ended_at - s.in.started_at, 23 * 60);
	assert_string_equal(s.in.request, id);
	unload(&s);
	assert_valid(&fx->st);
}

static void test_escalation_out_of_order(void **state)
{
	struct fixture *fx = *state;
	char id[37];

	ok(rq_detect(fx, "2026-11-20T10:00:00+09:00", fx->acme_jp6,
		     "2026-11-20T09:55:00+09:00"), &E);
	snprintf(id, sizeof(id), "%s", R.request.id);
	refused(rq_call(fx, "2026-11-20T10:01:00+09:00", id, "sato", false, NULL), &E,
		"000 §2.3-1-2 ご連絡フロー",
		"out of order: the next call is to 'tanaka' (round 1, call 1 of 4)");
	refused(rq_call(fx, "2026-11-20T10:01:00+09:00", id, "kato", false, NULL), &E,
		"000 §2.3-1-2", "the next call is to 'tanaka'");
	ok(rq_call(fx, "2026-11-20T10:01:00+09:00", id, "tanaka", false, NULL), &E);
	/* The first again before the round is over. */
	refused(rq_call(fx, "2026-11-20T10:02:00+09:00", id, "tanaka", false, NULL), &E,
		"000 §2.3-1-2", "out of order: the next call is to 'sato' (round 1, call 2 of 4)");
	ok(rq_call(fx, "2026-11-20T10:02:00+09:00", id, "sato", false, NULL), &E);
	refused(rq_call(fx, "2026-11-20T10:03:00+09:00", id, "sato", false, NULL), &E,
		"000 §2.3-1-2", "the next call is to 'tanaka' (round 2, call 3 of 4)");
	/* An answer needs a decision, and only an answer has one. */
	usage(rq_call(fx, "2026-11-20T10:03:00+09:00", id, "tanaka", true, NULL), &E, "--decision");
	usage(rq_call(fx, "2026-11-20T10:03:00+09:00", id, "tanaka", true, "wait"), &E,
	      "--decision");
	usage(rq_call(fx, "2026-11-20T10:03:00+09:00", id, "tanaka", false, "reboot"), &E,
	      "--decision");
	/* A customer request has no calls. */
	{
		char cid[37];

		ok(rq_new(fx, "2026-11-20T10:03:00+09:00", fx->acme_jp6, "tanaka", NULL, NULL), &E);
		snprintf(cid, sizeof(cid), "%s", R.request.id);
		refused(rq_call(fx, "2026-11-20T10:03:00+09:00", cid, "tanaka", false, NULL), &E,
			"001", "'call' comes while escalating");
		step();
		assert_int_equal(hc_request_plan(&fx->st, cid, &R, &E), HC_EUSAGE);
	}
	/* Nothing recorded by the refusals: two calls made. */
	step();
	ok(hc_request_plan(&fx->st, id, &R, &E), &E);
	{
		size_t calls = 0;

		for (size_t i = 0; i < R.request.events.n; i++)
			calls += !strcmp(ev(&R.request, i)->action, "called");
		assert_int_equal(calls, 2);
	}
	assert_valid(&fx->st);
}

static void test_escalation_second_contact_answers(void **state)
{
	struct fixture *fx = *state;
	const struct hc_request_event *e;
	struct stored s;
	char id[37];

	ok(rq_detect(fx, "2026-11-20T10:00:00+09:00", fx->acme_jp6,
		     "2026-11-20T09:55:00+09:00"), &E);
	snprintf(id, sizeof(id), "%s", R.request.id);
	ok(rq_call(fx, "2026-11-20T10:01:00+09:00", id, "tanaka", false, NULL), &E);
	ok(rq_call(fx, "2026-11-20T10:02:00+09:00", id, "sato", true, "reboot"), &E);
	assert_int_equal(R.request.status, HC_RS_REBOOT);
	/* The plan ends with the first answer. */
	refused(rq_call(fx, "2026-11-20T10:03:00+09:00", id, "tanaka", false, NULL), &E,
		"000 §2.3-1-2", "'call' comes while escalating");
	ok(rq_reboot(fx, "2026-11-20T10:05:00+09:00", id), &E);
	/* 09:55 -> 10:12 = 17 min; the cause stays as recorded when none is given. */
	ok(rq_recovered(fx, "2026-11-20T10:15:00+09:00", id, "2026-11-20T10:12:00+09:00",
			NULL), &E);
	note_is(&R.notes, "outage 17 min 00 s, cause unknown");

	load(fx, id, &s);
	assert_int_equal(s.r.events.n, 6);
	e = event_is(&s.r, 1, "called", "tester", "2026-11-20T10:01:00+09:00");
	assert_string_equal(e->contact, "tanaka");
	assert_int_equal(e->answered, 0);
	e = event_is(&s.r, 2, "called", "tester", "2026-11-20T10:02:00+09:00");
	assert_string_equal(e->contact, "sato");
	assert_int_equal(e->answered, 1);
	e = event_is(&s.r, 3, "decided", "tester", "2026-11-20T10:02:00+09:00");
	assert_non_null(strstr(e->detail, "reboot"));
	event_is(&s.r, 4, "rebooted", "tester", "2026-11-20T10:05:00+09:00");
	event_is(&s.r, 5, "recovered", "tester", "2026-11-20T10:12:00+09:00");
	assert_string_equal(s.in.cause, "unknown");
	assert_int_equal(s.in.ended_at - s.in.started_at, 17 * 60);
	unload(&s);
	assert_valid(&fx->st);
}

static void test_escalation_customer_handles_it(void **state)
{
	struct fixture *fx = *state;
	struct stored s;
	char id[37];

	ok(rq_detect(fx, "2026-11-20T10:00:00+09:00", fx->acme_jp6,
		     "2026-11-20T09:55:00+09:00"), &E);
	snprintf(id, sizeof(id), "%s", R.request.id);
	ok(rq_call(fx, "2026-11-20T10:01:00+09:00", id, "tanaka", true, "customer"), &E);
	assert_int_equal(R.request.status, HC_RS_CUSTOMER_HANDLING);
	assert_non_null(strstr(ev(&R.request, 2)->detail, "項番 6"));
	/* No reboot by the provider, no hardware path. */
	refused(rq_reboot(fx, "2026-11-20T10:02:00+09:00", id), &E, "000 §2.3-1-2",
		"is customer-handling; 'reboot' comes once a reboot is decided");
	refused(rq_hardware(fx, "2026-11-20T10:02:00+09:00", id, "part", NULL, false), &E,
		"000 §2.3-1-2", "'not-recovered' comes after the reboot");
	/* recovered before the outage began is a mistake */
	usage(rq_recovered(fx, "2026-11-20T11:00:00+09:00", id, "2026-11-20T09:50:00+09:00", NULL),
	      &E, "before the outage began");
	usage(rq_recovered(fx, "2026-11-20T11:00:00+09:00", id, "2026-11-20T10:40:00+09:00",
			   "Bad Cause"), &E, "invalid cause");
	/* 09:55 -> 10:40 = 45 min */
	ok(rq_recovered(fx, "2026-11-20T11:00:00+09:00", id, "2026-11-20T10:40:00+09:00",
			"customer-software"), &E);
	note_is(&R.notes, "outage 45 min 00 s, cause customer-software");
	load(fx, id, &s);
	assert_int_equal(s.r.status, HC_RS_DONE);
	assert_string_equal(TS(s.in.ended_at), "2026-11-20T10:40:00+09:00");
	assert_string_equal(s.in.cause, "customer-software");
	unload(&s);
	refused(rq_recovered(fx, "2026-11-20T11:00:00+09:00", id, "2026-11-20T10:41:00+09:00",
			     NULL), &E, "000 §2.3-1-2", "is done");
	assert_valid(&fx->st);
}

static void test_escalation_without_contacts(void **state)
{
	struct fixture *fx = *state;
	char srv[37], id[37];

	server(fx, "solo", JP6, NULL, NULL, NULL, "2026-11-02T10:00:00+09:00", srv);
	ok(rq_detect(fx, "2026-11-20T10:00:00+09:00", srv, "2026-11-20T09:55:00+09:00"), &E);
	snprintf(id, sizeof(id), "%s", R.request.id);
	assert_int_equal(R.nplan, 0);
	assert_int_equal(R.request.status, HC_RS_REBOOT);
	note_is(&R.notes,
		"customer 'solo' has no registered contacts: proceed to reboot (000 §2.3-1-2 IV)");
	refused(rq_call(fx, "2026-11-20T10:01:00+09:00", id, "anyone", false, NULL), &E,
		"000 §2.3-1-2", "'call' comes while escalating");
	ok(rq_reboot(fx, "2026-11-20T10:01:00+09:00", id), &E);
	assert_int_equal(R.request.status, HC_RS_REBOOTED);
	assert_valid(&fx->st);
}

static void test_escalation_profile_without_rings(void **state)
{
	struct fixture *fx = *state;
	static const char *const spot[] = { "spot-work", NULL };
	char srv[37], id[37];

	/* webarena states no escalation (001 names the channels, not a call
	 * flow): the plan still lists the contacts, with no ring count, and a
	 * call's record says no number it does not know. */
	server(fx, "acme", WA, NULL, NULL, spot, "2026-11-02T10:00:00+09:00", srv);
	ok(rq_detect(fx, "2026-11-20T10:00:00+09:00", srv, "2026-11-20T09:55:00+09:00"), &E);
	snprintf(id, sizeof(id), "%s", R.request.id);
	assert_true(R.nplan >= 2);
	assert_string_equal(R.plan[0].contact, "tanaka");
	assert_string_equal(R.plan[1].contact, "sato");
	assert_int_equal(R.plan[0].rings, HC_INT_NONE);
	ok(rq_call(fx, "2026-11-20T10:01:00+09:00", id, "tanaka", false, NULL), &E);
	assert_string_equal(ev(&R.request, 1)->detail, "round 1");
	assert_valid(&fx->st);
}

/* ---- the hardware path ------------------------------------------------------------ */

static void test_one_outage_at_a_time(void **state)
{
	struct fixture *fx = *state;
	char id[37], first[64];

	ok(rq_detect(fx, "2026-11-20T09:00:00+09:00", fx->acme_jp6,
		     "2026-11-20T09:00:00+09:00"), &E);
	snprintf(id, sizeof(id), "%s", R.request.id);
	snprintf(first, sizeof(first), "%s", R.plan[0].contact);
	/* The same outage seen again is not a second one. */
	assert_int_equal(rq_detect(fx, "2026-11-20T09:05:00+09:00", fx->acme_jp6,
				   "2026-11-20T09:05:00+09:00"), HC_ECONFLICT);
	assert_non_null(strstr(E.msg, "has an outage being handled already"));
	assert_non_null(strstr(E.msg, id));
	/* Once it is over, the next detection opens a new one. */
	ok(rq_call(fx, "2026-11-20T09:10:00+09:00", id, first, true, "customer"), &E);
	ok(rq_recovered(fx, "2026-11-20T09:30:00+09:00", id, "2026-11-20T09:30:00+09:00",
			"os-fault"), &E);
	ok(rq_detect(fx, "2026-11-20T10:00:00+09:00", fx->acme_jp6,
		     "2026-11-20T10:00:00+09:00"), &E);
	assert_string_not_equal(R.request.id, id);
	assert_valid(&fx->st);
}

static void test_hardware_eta_per_region(void **state)
{
	struct fixture *fx = *state;
	char nagoya[37], id[37];
	struct stored s;

	/* tokyo: confirmed at 10:00, +240 min = 14:00 the same day. */
	rebooted(fx, "2026-11-20T09:40:00+09:00", "2026-11-20T09:50:00+09:00", fx->acme_jp6, id);
	ok(rq_hardware(fx, "2026-11-20T10:00:00+09:00", id, "part", "memory", false), &E);
	assert_int_equal(R.request.status, HC_RS_HARDWARE);
	note_is(&R.notes,
		"on-site arrival in region tokyo within about 4 h, by 2026-11-20T14:00:00+09:00");
	no_note(&R.notes, "next business day");
	/* a memory module: no reinstall; no backup option: the initial spec */
	no_note(&R.notes, "reinstalled");
	note_is(&R.notes,
		"recovery point: initial-spec; data lost by the failure cannot be recovered");
	/* The ticket keeps the decision. */
	{
		const struct hc_request_event *e = event_is(&R.request, R.request.events.n - 1, "hardware",
							    "tester", "2026-11-20T10:00:00+09:00");

		assert_true(hc_str_has_prefix(e->detail, "part: memory\n"));
		assert_non_null(strstr(e->detail, "by 2026-11-20T14:00:00+09:00"));
	}
	/* Not twice; then recovered closes the incident: 09:40 -> 13:10 = 210 min. */
	refused(rq_hardware(fx, "2026-11-20T10:01:00+09:00", id, "chassis", NULL, false), &E,
		"000 §2.3-1-2", "is hardware; 'not-recovered' comes after the reboot");
	ok(rq_recovered(fx, "2026-11-20T13:15:00+09:00", id, "2026-11-20T13:10:00+09:00",
			"hardware"), &E);
	note_is(&R.notes, "outage 210 min 00 s, cause hardware");
	load(fx, id, &s);
	assert_int_equal(s.r.status, HC_RS_DONE);
	assert_int_equal(s.in.ended_at - s.in.started_at, 210 * 60);
	unload(&s);

	/* nagoya: confirmed 18:30, +720 min = 06:30 the next morning. */
	server(fx, "solo", JP6, "nagoya", NULL, NULL, "2026-11-02T10:00:00+09:00", nagoya);
	rebooted(fx, "2026-11-20T18:00:00+09:00", "2026-11-20T18:10:00+09:00", nagoya, id);
	ok(rq_hardware(fx, "2026-11-20T18:30:00+09:00", id, "chassis", NULL, false), &E);
	note_is(&R.notes,
		"on-site arrival in region nagoya within about 12 h, by 2026-11-21T06:30:00+09:00");

	/* Unknown repairs are refused. */
	rebooted(fx, "2026-11-20T19:00:00+09:00", "2026-11-20T19:10:00+09:00", nagoya, id);
	refused(rq_hardware(fx, "2026-11-20T19:30:00+09:00", id, "magic", NULL, false), &E,
		"000 §2.4", "no recovery 'magic'");
	assert_valid(&fx->st);
}

static void test_hardware_next_business_day(void **state)
{
	struct fixture *fx = *state;
	char id[37];

	/* Friday 11-20, the customer can still connect: Sat, Sun, Mon 11-23
	 * (勤労感謝の日) are off, so Tuesday 11-24. */
	rebooted(fx, "2026-11-20T15:00:00+09:00", "2026-11-20T15:10:00+09:00", fx->acme_jp6, id);
	ok(rq_hardware(fx, "2026-11-20T15:30:00+09:00", id, "part", "memory", true), &E);
	note_is(&R.notes,
		"the customer can still connect: replacement on the next business day, 2026-11-24");
	no_note(&R.notes, "on-site arrival");
	ok(rq_recovered(fx, "2026-11-24T11:00:00+09:00", id, "2026-11-24T11:00:00+09:00",
			"hardware"), &E);

	/* Friday 11-27 across a weekend only: Monday 11-30. */
	rebooted(fx, "2026-11-27T20:00:00+09:00", "2026-11-27T20:10:00+09:00", fx->acme_jp6, id);
	ok(rq_hardware(fx, "2026-11-27T20:30:00+09:00", id, "chassis", NULL, true), &E);
	note_is(&R.notes, "replacement on the next business day, 2026-11-30");
	ok(rq_recovered(fx, "2026-11-30T11:00:00+09:00", id, "2026-11-30T11:00:00+09:00",
			"hardware"), &E);

	/* Monday 12-28 before the closure (12-29 ... 01-03): 2027-01-04. */
	rebooted(fx, "2026-12-28T09:00:00+09:00", "2026-12-28T09:10:00+09:00", fx->acme_jp6, id);
	ok(rq_hardware(fx, "2026-12-28T09:30:00+09:00", id, "part", "fan", true), &E);
	note_is(&R.notes, "replacement on the next business day, 2027-01-04");
	assert_valid(&fx->st);
}

static void test_hardware_reinstall_and_recovery_point(void **state)
{
	struct fixture *fx = *state;
	static const char *const backup[] = { "backup", NULL };
	char plain[37], backed[37], id[37];

	server(fx, "solo", JP6, NULL, NULL, NULL, "2026-11-02T10:00:00+09:00", plain);
	server(fx, "solo", JP6, NULL, NULL, backup, "2026-11-02T10:00:00+09:00", backed);

	/* A disk part: reinstall to the initial specification (000 §2.4.3.1.1). */
	rebooted(fx, "2026-11-20T10:00:00+09:00", "2026-11-20T10:05:00+09:00", plain, id);
	ok(rq_hardware(fx, "2026-11-20T10:30:00+09:00", id, "part", "disk", false), &E);
	note_is(&R.notes, "the OS is reinstalled to the initial specification");
	note_is(&R.notes, "recovery point: initial-spec");
	no_note(&R.notes, "latest backup");
	no_note(&R.notes, "past vendor support");   /* rhel-9 is supported until 2032 */

	/* A chassis swap keeps the disk: no reinstall. */
	rebooted(fx, "2026-11-20T11:00:00+09:00", "2026-11-20T11:05:00+09:00", plain, id);
	ok(rq_hardware(fx, "2026-11-20T11:30:00+09:00", id, "chassis", NULL, false), &E);
	no_note(&R.notes, "reinstalled");

	/* An equivalent model: reinstall; the backup option gives the latest backup. */
	rebooted(fx, "2026-11-20T12:00:00+09:00", "2026-11-20T12:05:00+09:00", backed, id);
	ok(rq_hardware(fx, "2026-11-20T12:30:00+09:00", id, "equivalent-model", NULL, false), &E);
	note_is(&R.notes, "the OS is reinstalled to the initial specification");
	note_is(&R.notes, "recovery point: the latest backup (option 'backup'");
	no_note(&R.notes, "recovery point: initial-spec");
	assert_valid(&fx->st);
}

static void test_hardware_os_past_support(void **state)
{
	struct fixture *fx = *state;
	char old[37], id[37];

	/* Ordered in 2023 with CentOS 7 (sold until 2024-06-30). */
	server(fx, "solo", JP6, NULL, "centos-7", NULL, "2023-06-01T10:00:00+09:00", old);

	rebooted(fx, "2026-11-20T10:00:00+09:00", "2026-11-20T10:05:00+09:00", old, id);
	ok(rq_hardware(fx, "2026-11-20T10:30:00+09:00", id, "part", "disk", false), &E);
	note_is(&R.notes, "the OS is reinstalled to the initial specification");
	note_is(&R.notes,
		"OS 'centos-7' is past vendor support: reinstall an OS still supported (000 §2.4.3.1.1)");

	/* No reinstall, no such note. */
	rebooted(fx, "2026-11-20T11:00:00+09:00", "2026-11-20T11:05:00+09:00", old, id);
	ok(rq_hardware(fx, "2026-11-20T11:30:00+09:00", id, "chassis", NULL, false), &E);
	no_note(&R.notes, "past vendor support");
	assert_valid(&fx->st);
}

static void test_hardware_profile_without_onsite(void **state)
{
	struct fixture *fx = *state;
	static const char *const spot[] = { "spot-work", NULL };
	char srv[37], id[37];

	/* webarena describes no hardware recovery. */
	server(fx, "solo", WA, NULL, NULL, spot, "2026-11-02T10:00:00+09:00", srv);
	rebooted(fx, "2026-11-20T10:00:00+09:00", "2026-11-20T10:05:00+09:00", srv, id);
	refused(rq_hardware(fx, "2026-11-20T10:30:00+09:00", id, "part", NULL, false), &E, "001",
		"profile 'webarena' describes no hardware recovery");
	assert_valid(&fx->st);
}

/* ---- minutes and months -------------------------------------------------------- */

static void test_minutes_across_midnight(void **state)
{
	struct fixture *fx = *state;
	struct stored s;
	char id[37];

	/* 23:50 -> 00:35 the next day = 10 + 35 = 45 min. */
	rebooted(fx, "2026-11-20T23:50:00+09:00", "2026-11-20T23:55:00+09:00", fx->acme_jp6, id);
	ok(rq_recovered(fx, "2026-11-21T00:40:00+09:00", id, "2026-11-21T00:35:00+09:00",
			"hardware"), &E);
	note_is(&R.notes, "outage 45 min 00 s, cause hardware");
	load(fx, id, &s);
	assert_string_equal(TS(s.in.started_at), "2026-11-20T23:50:00+09:00");
	assert_string_equal(TS(s.in.ended_at), "2026-11-21T00:35:00+09:00");
	assert_int_equal(s.in.ended_at - s.in.started_at, 45 * 60);
	unload(&s);
	assert_valid(&fx->st);
}

struct report_row {
	int rows;
	int64_t counted, excluded;
};

static int on_row(const struct hc_sla_row *row, void *ctx)
{
	struct report_row *x = ctx;

	x->rows++;
	x->counted = row->sla.counted_seconds;
	x->excluded = row->sla.excluded_seconds;
	return 0;
}

static void test_minutes_across_month_boundary(void **state)
{
	struct fixture *fx = *state;
	const struct hc_profile *jecc;
	struct hc_sla_span span;
	struct hc_sla_result r;
	struct hc_month m;
	struct hc_arena a;
	struct stored s;
	char id[37];

	/* 11-30 23:40 -> 12-01 00:25 = 20 + 25 = 45 min (2 700 s). */
	rebooted(fx, "2026-11-30T23:40:00+09:00", "2026-11-30T23:45:00+09:00", fx->acme_jp6, id);
	ok(rq_recovered(fx, "2026-12-01T00:30:00+09:00", id, "2026-12-01T00:25:00+09:00",
			"hardware"), &E);
	note_is(&R.notes, "outage 45 min 00 s, cause hardware");
	load(fx, id, &s);
	assert_int_equal(s.in.ended_at - s.in.started_at, 2700);

	/* The incident as an outage under the jecc table (004 表3-1): November
	 * has 20 min (1 200 s <= 1 296 s: 0 %), December 25 min (1 500 s,
	 * above 1 296, at most 5 184: 1 %). */
	assert_int_equal(hc_store_profile(&fx->st, "jecc-waterpf", &jecc, &E), HC_OK);
	span.start = s.in.started_at;
	span.end = s.in.ended_at;
	span.cause = s.in.cause;
	span.ref = "incidents/x.yaml";
	span.planned = false;
	hc_arena_init(&a);
	assert_int_equal(hc_month_parse("2026-11", 540, &m), 0);
	hc_sla_compute(&jecc->sla, &m, HC_TIME_NONE, HC_TIME_NONE, false, &span, 1, HC_INT_NONE,
		       T("2027-01-01T00:00:00+09:00"), &a, &r);
	assert_true(r.has_sla);
	assert_int_equal(r.counted_seconds, 20 * 60);
	assert_int_equal(r.refund_percent, 0);
	assert_int_equal(hc_month_parse("2026-12", 540, &m), 0);
	hc_sla_compute(&jecc->sla, &m, HC_TIME_NONE, HC_TIME_NONE, false, &span, 1, HC_INT_NONE,
		       T("2027-01-01T00:00:00+09:00"), &a, &r);
	assert_int_equal(r.counted_seconds, 25 * 60);
	assert_int_equal(r.refund_percent, 1);
	hc_arena_release(&a);
	unload(&s);

	/* The report reads the incident file as written: the same split for
	 * the jp6 server (no SLA table, the minutes still counted). */
	{
		struct hc_sla_options o;
		struct report_row x;

		memset(&o, 0, sizeof(o));
		o.scope = HC_SLA_SERVER;
		o.what = fx->acme_jp6;
		o.now = T("2027-01-01T00:00:00+09:00");
		assert_int_equal(hc_month_parse("2026-11", 540, &o.month), 0);
		memset(&x, 0, sizeof(x));
		ok(hc_sla_report(&fx->st, &o, on_row, &x, &E), &E);
		assert_int_equal(x.rows, 1);
		assert_int_equal(x.counted, 20 * 60);
		assert_int_equal(hc_month_parse("2026-12", 540, &o.month), 0);
		memset(&x, 0, sizeof(x));
		ok(hc_sla_report(&fx->st, &o, on_row, &x, &E), &E);
		assert_int_equal(x.rows, 1);
		assert_int_equal(x.counted, 25 * 60);
	}
	assert_valid(&fx->st);
}

/* ---- monitoring suspension (000 §4.4-3) ------------------------------------------ */

static void test_suspend_monitoring(void **state)
{
	struct fixture *fx = *state;
	struct hc_txn_options o = txo(T("2026-11-20T10:00:00+09:00"));
	struct hc_maintenance mw, back;
	struct hc_arena a;
	char path[128];
	int rc;

	hc_arena_init(&a);
	hc_error_clear(&E);
	rc = hc_request_suspend_monitoring(&fx->st, &o, fx->acme_jp6, T("2026-11-21T01:00:00+09:00"),
					   T("2026-11-21T03:00:00+09:00"), "kernel update", "rr", &mw, &a,
					   NULL, &E);
	ok(rc, &E);
	assert_string_equal(mw.kind, "monitoring-suspension");
	assert_string_equal(mw.cause, "customer-maintenance");
	assert_string_equal(mw.server, fx->acme_jp6);
	assert_string_equal(TS(mw.starts_at), "2026-11-21T01:00:00+09:00");
	assert_string_equal(TS(mw.ends_at), "2026-11-21T03:00:00+09:00");
	assert_string_equal(TS(mw.announced_at), "2026-11-20T10:00:00+09:00");
	assert_string_equal(mw.summary, "kernel update");
	snprintf(path, sizeof(path), "maintenance/%s.yaml", mw.id);
	hc_record_init(&hc_maintenance_schema, &back);
	ok(hc_store_load(&fx->st, &hc_maintenance_schema, path, &back, &a, &E), &E);
	assert_string_equal(back.cause, "customer-maintenance");

	/* A window that has already begun is not announced in advance. */
	rc = hc_request_suspend_monitoring(&fx->st, &o, fx->acme_jp6, T("2026-11-20T09:59:00+09:00"),
					   T("2026-11-20T12:00:00+09:00"), NULL, "rr", &mw, &a, NULL, &E);
	refused(rc, &E, "000 §4.4-3", "notified in advance");
	/* --to before (or at) --from */
	rc = hc_request_suspend_monitoring(&fx->st, &o, fx->acme_jp6, T("2026-11-21T03:00:00+09:00"),
					   T("2026-11-21T01:00:00+09:00"), NULL, "rr", &mw, &a, NULL, &E);
	usage(rc, &E, "--to must be after --from");
	rc = hc_request_suspend_monitoring(&fx->st, &o, fx->acme_jp6, T("2026-11-21T03:00:00+09:00"),
					   T("2026-11-21T03:00:00+09:00"), NULL, "rr", &mw, &a, NULL, &E);
	usage(rc, &E, "--to must be after --from");
	hc_arena_release(&a);
	assert_valid(&fx->st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_catalog_facts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_request_from_non_contact_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_verification_channel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_request_started_and_completed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_webarena_menus_and_channels, setup, teardown),
		cmocka_unit_test_setup_teardown(test_webarena_support_hours, setup, teardown),
		cmocka_unit_test_setup_teardown(test_verification_channel_not_registered, setup, teardown),
		cmocka_unit_test_setup_teardown(test_escalation_nobody_answers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_escalation_out_of_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_escalation_second_contact_answers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_escalation_customer_handles_it, setup, teardown),
		cmocka_unit_test_setup_teardown(test_escalation_without_contacts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_escalation_profile_without_rings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_outage_at_a_time, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hardware_eta_per_region, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hardware_next_business_day, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hardware_reinstall_and_recovery_point, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hardware_os_past_support, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hardware_profile_without_onsite, setup, teardown),
		cmocka_unit_test_setup_teardown(test_minutes_across_midnight, setup, teardown),
		cmocka_unit_test_setup_teardown(test_minutes_across_month_boundary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_suspend_monitoring, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
