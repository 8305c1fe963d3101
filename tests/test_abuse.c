/*
 * test_abuse.c - hostctl abuse-respond (lib/abuse.c, lib/evidence.c):
 * the case state machine (003 §4.2-1), containment on the server (000 §3.3
 * LAN cable and shutdown; 002 §2.2.3 firewall reset on disconnection), the
 * outage incident and its SLA exclusion (004 §3.4 (9)), the OS reinstall
 * (003 §6 next business day; 000 §2.4.3.1.1 no reinstall of an OS past
 * support; 000 §2.4-3-2 recovery point), the rescue service (003 §2.2-1
 * menus, §2.1-1-3 hours, §2.1-1-1 vendor support) and evidence storage.
 *
 * Every expected date, time, duration and allowed-step list below is
 * written by hand from the specification, with the count in a comment;
 * none is computed by the code under test. Checksums are compared with
 * sha256sum(1) and the stored bytes with zcat(1), never with the library's
 * own SHA-256 or gzip.
 *
 * Calendar facts used (Cabinet Office list; year-end closure 12-29 ... 01-03):
 *   2026-11-02 Mon, 11-03 Tue 文化の日, 11-04 Wed; 11-20 Fri, 11-21 Sat,
 *   11-22 Sun, 11-23 Mon 勤労感謝の日, 11-24 Tue, 11-25 Wed; 12-28 Mon is
 *   the last business day of 2026, 2027-01-04 Mon the first of 2027.
 *
 * Catalog facts used (pinned by test_catalog_facts so that a change of the
 * seeds shows here first):
 *   clara-jp6: abuse.actions [isolate, shutdown, reinstall-os], rescue
 *     profile clara-rescue, no firewall block; centos-7 support ended
 *     2024-06-30, centos-6 2020-11-30, rhel-9 2032-05-31; option backup
 *     gives the latest-backup recovery point.
 *   clara-rescue: menus mail-abuse, investigation, investigation-recovery,
 *     investigation-recovery-reinstall; hours 10:00-18:00; full service only
 *     within vendor support; reinstall 1 business day; billing
 *     per-server-per-incident.
 *   smartconnect-managed: no abuse block (no rescue), firewall
 *     reset_on_disconnect.
 *   jecc-waterpf: SLA exclusion item 9 (not-attributable) includes
 *     customer-compromise; refund 0 % up to 1 296 s, 3 % up to 25 920 s.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hostctl/abuse.h"
#include "hostctl/customer.h"
#include "hostctl/evidence.h"
#include "hostctl/incident.h"
#include "hostctl/server.h"
#include "hostctl/sla.h"
#include "hostctl/store.h"
#include "hostctl/validate.h"

#include "testutil.h"

#define JP6 "clara-jp6"
#define MANAGED "smartconnect-managed"
#define JECC "jecc-waterpf"

struct fixture {
	char dir[64];
	struct hc_store st;
	char jp6[37];                    /* clara-jp6, rhel-9, no options */
	char jp6_backup[37];             /* clara-jp6, rhel-9, option backup */
	char jp6_old[37];                /* clara-jp6, centos-7 (past support) */
	char managed[37];                /* smartconnect-managed A, firewall rules */
	char jecc[37];                   /* jecc-waterpf 1cpu-2gb */
};

/* The result and error of the last call (see step()). */
static struct hc_case_result R;
static struct hc_error E;

/* ---- helpers ----------------------------------------------------------------- */

/* Starts a new call: R and E fresh. */
static void step(void)
{
	hc_case_result_release(&R);
	hc_case_result_init(&R);
	hc_error_clear(&E);
}

static size_t validate_problems_at(struct fixture *fx, const char *want_path, const char *want_msg,
				   int line)
{
	struct hc_errors problems;
	struct hc_error err;
	bool found = !want_path;
	size_t n;
	int rc;

	hc_errors_init(&problems);
	rc = hc_state_validate(&fx->st, &problems, NULL, NULL, &err);
	/* problems found: HC_EINVALID, as hostctl validate exits 5 */
	assert_int_equal(rc, problems.n ? HC_EINVALID : HC_OK);
	for (size_t i = 0; i < problems.n; i++) {
		if (want_path && strstr(problems.v[i].path, want_path) &&
		    strstr(problems.v[i].msg, want_msg))
			found = true;
		else
			report_error(&problems.v[i]);
	}
	n = problems.n;
	hc_errors_release(&problems);
	if (!found)
		fail_msg("line %d: validate did not report '%s' at %s", line, want_msg, want_path);
	return n;
}
#define validate_problems(fx, path, msg) validate_problems_at(fx, path, msg, __LINE__)

/* ---- records as stored ---------------------------------------------------------- */

struct stored {
	struct hc_arena a;
	struct hc_case k;
	struct hc_server s;
	struct hc_incident in;           /* id NULL when the case has none */
};

static void load(struct fixture *fx, const char *id, struct stored *s)
{
	hc_arena_init(&s->a);
	hc_record_init(&hc_case_schema, &s->k);
	hc_record_init(&hc_server_schema, &s->s);
	hc_record_init(&hc_incident_schema, &s->in);
	load_record(&fx->st, &hc_case_schema, "cases", id, &s->k, &s->a);
	load_record(&fx->st, &hc_server_schema, "servers", s->k.server, &s->s, &s->a);
	if (s->k.incident)
		load_record(&fx->st, &hc_incident_schema, "incidents", s->k.incident,
			    &s->in, &s->a);
}

static void unload(struct stored *s)
{
	hc_arena_release(&s->a);
}

static const struct hc_case_event *last_event(const struct hc_case *k)
{
	assert_true(k->events.n > 0);
	return HC_LIST_AT(k->events, struct hc_case_event, k->events.n - 1);
}

static const struct hc_evidence *evidence_at(const struct hc_case *k, size_t i)
{
	assert_true(i < k->evidence.n);
	return HC_LIST_AT(k->evidence, struct hc_evidence, i);
}

static const char *status_of(struct fixture *fx, const char *id)
{
	static char buf[32];
	struct stored s;

	load(fx, id, &s);
	snprintf(buf, sizeof(buf), "%s", hc_case_status_names[s.k.status]);
	unload(&s);
	return buf;
}

/* ---- the state ---------------------------------------------------------------- */

static void customer(struct fixture *fx, const char *id)
{
	struct hc_customer c;

	hc_record_init(&hc_customer_schema, &c);
	c.id = id;
	c.name = id;
	c.monitoring_email = "noc@acme.example.jp";
	c.emergency_phone = "03-1234-5678";
	save_customer(&fx->st, T("2026-10-01T09:00:00+09:00"), &c);
}

/* Orders and hands over a server; id receives its id. option may be NULL. */
static void server(struct fixture *fx, const char *prof, const char *plan, const char *option,
		   const char *domain, char id[37])
{
	struct hc_order ord = base_order("acme", prof, plan, T("2026-10-01T10:00:00+09:00"),
					 "test-abuse");
	const char *options[] = { option, NULL };

	ord.domain = domain;
	hand_over(&fx->st, &ord, options, ord.accepted_at, id, 37);
}

/* Changes a server record directly (what an operator's hand edit would do):
 * the test's own scaffolding, not a verb. */
typedef void (*server_edit_fn)(struct hc_server *s, struct hc_arena *a, void *ctx);

static void edit_server(struct fixture *fx, const char *id, server_edit_fn fn, void *ctx)
{
	struct hc_txn_options o = txo(T("2026-10-01T11:00:00+09:00"));
	struct hc_server s;
	struct hc_arena a;
	struct hc_error err;
	struct hc_txn *t;
	char path[128];

	hc_arena_init(&a);
	hc_record_init(&hc_server_schema, &s);
	snprintf(path, sizeof(path), "servers/%s.yaml", id);
	if (hc_txn_begin(&fx->st, &o, &t, &err) || hc_txn_load(t, &hc_server_schema, path, &s, &a, &err))
		report_error(&err), fail();
	fn(&s, &a, ctx);
	if (hc_txn_put_record(t, &hc_server_schema, path, &s, &err) || hc_txn_commit(t, NULL, &err))
		report_error(&err), fail();
	hc_txn_free(t);
	hc_arena_release(&a);
}

static void set_os(struct hc_server *s, struct hc_arena *a, void *ctx)
{
	(void)a;
	s->os = ctx;
}

static void connect_and_power(struct hc_server *s, struct hc_arena *a, void *ctx)
{
	(void)a, (void)ctx;
	s->network = HC_NET_CONNECTED;
	s->power = HC_POWER_ON;
}

/* Two allow-lists: port 80 from two sources, port 11122 from one. */
static void add_firewall(struct hc_server *s, struct hc_arena *a, void *ctx)
{
	const struct hc_schema *fs = hc_schema_field(&hc_server_schema, "firewall")->sub;
	struct hc_firewall_rule *r;

	(void)ctx;
	r = hc_list_push(a, &s->firewall, fs);
	r->port = 80;
	hc_strs_push(a, &r->sources, "203.0.113.0/24");
	hc_strs_push(a, &r->sources, "198.51.100.7");
	r = hc_list_push(a, &s->firewall, fs);
	r->port = 11122;
	hc_strs_push(a, &r->sources, "203.0.113.5");
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	state_new(fx->dir, sizeof(fx->dir), "abuse", &fx->st);
	customer(fx, "acme");
	server(fx, JP6, "standard", NULL, NULL, fx->jp6);
	server(fx, JP6, "standard", "backup", NULL, fx->jp6_backup);
	server(fx, JP6, "standard", NULL, NULL, fx->jp6_old);
	/* CentOS 7 takes no new orders (sale_end); a server installed before
	 * that still runs it. */
	edit_server(fx, fx->jp6_old, set_os, "centos-7");
	server(fx, MANAGED, "A", NULL, "example.jp", fx->managed);
	edit_server(fx, fx->managed, add_firewall, NULL);
	server(fx, JECC, "1cpu-2gb", NULL, NULL, fx->jecc);
	hc_case_result_init(&R);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	hc_case_result_release(&R);
	hc_store_release(&fx->st);
	/* the state and the scratch files next to it, also after a failure */
	sh("rm -rf '%s' '%s.tmp' '%s.orig.gz'", fx->dir, fx->dir, fx->dir);
	free(fx);
	return 0;
}

/* ---- one call each, at `now` ---------------------------------------------------- */

static int c_open(struct fixture *fx, const char *now, const char *srv, const char *kind,
		  const struct hc_evidence_file *report, char id[37])
{
	struct hc_txn_options o = txo(T(now));
	int rc;

	step();
	rc = hc_case_open(&fx->st, &o, srv, "third-party", kind, "outbound SSH scans", report,
			  "test-abuse", &R, NULL, &E);
	if (!rc && id)
		snprintf(id, 37, "%s", R.kase.id);
	return rc;
}

static int c_step(struct fixture *fx, const char *now, const char *id, const char *name,
		  const char *arg, const char *reason, bool limited)
{
	struct hc_txn_options o = txo(T(now));
	struct hc_case_step s = { name, arg, reason, limited };

	step();
	return hc_case_step(&fx->st, &o, id, &s, &R, NULL, &E);
}

static int c_evidence(struct fixture *fx, const char *now, const char *id,
		      const struct hc_evidence_file *files, size_t n)
{
	struct hc_txn_options o = txo(T(now));

	step();
	return hc_case_add_evidence(&fx->st, &o, id, files, n, &R, NULL, &E);
}

/* A new case on srv, at now, driven to the status named (by valid steps at
 * the same instant). */
static void case_in(struct fixture *fx, const char *now, const char *srv, const char *status,
		    char id[37])
{
	ok(c_open(fx, now, srv, "intrusion", NULL, id), &E);
	if (!strcmp(status, "reported"))
		return;
	if (!strcmp(status, "dismissed")) {
		ok(c_step(fx, now, id, "dismiss", NULL, "the report does not hold", false), &E);
		return;
	}
	ok(c_step(fx, now, id, "confirm", NULL, "scans seen in the flow logs", false), &E);
	if (!strcmp(status, "confirmed"))
		return;
	ok(c_step(fx, now, id, "contact", NULL, NULL, false), &E);
	if (!strcmp(status, "customer-contacted"))
		return;
	if (!strcmp(status, "rescue")) {
		ok(c_step(fx, now, id, "rescue", "investigation", NULL, false), &E);
		return;
	}
	ok(c_step(fx, now, id, "self-handling", NULL, NULL, false), &E);
	if (!strcmp(status, "self-handling"))
		return;
	ok(c_step(fx, now, id, "resolve", NULL, NULL, false), &E);
	assert_string_equal(status, "resolved");
}

/* ---- catalog facts ------------------------------------------------------------- */

static void test_catalog_facts(void **state)
{
	struct fixture *fx = *state;
	const struct hc_profile *jp6, *rescue, *managed, *jecc;
	const struct hc_os *os;
	static const char *const menus[] = { "mail-abuse", "investigation", "investigation-recovery",
					     "investigation-recovery-reinstall" };

	ok(hc_store_profile(&fx->st, JP6, &jp6, &E), &E);
	assert_int_equal(jp6->abuse.actions.n, 3);
	assert_string_equal(jp6->abuse.actions.v[0], "isolate");
	assert_string_equal(jp6->abuse.actions.v[1], "shutdown");
	assert_string_equal(jp6->abuse.actions.v[2], "reinstall-os");
	assert_string_equal(jp6->abuse.rescue_profile, "clara-rescue");
	assert_false(jp6->firewall.reset_on_disconnect);
	assert_string_equal(jp6->onsite.backup_option, "backup");
	os = hc_profile_os(jp6, "centos-7");
	assert_non_null(os);
	assert_string_equal(DS(os->support_end), "2024-06-30");
	os = hc_profile_os(jp6, "centos-6");
	assert_non_null(os);
	assert_string_equal(DS(os->support_end), "2020-11-30");
	os = hc_profile_os(jp6, "rhel-9");
	assert_non_null(os);
	assert_string_equal(DS(os->support_end), "2032-05-31");

	ok(hc_store_profile(&fx->st, "clara-rescue", &rescue, &E), &E);
	assert_int_equal(rescue->rescue.menus.n, 4);
	for (size_t i = 0; i < 4; i++)
		assert_string_equal(HC_LIST_AT(rescue->rescue.menus, struct hc_rescue_menu, i)->name, menus[i]);
	assert_int_equal(rescue->rescue.hours.n, 1);
	assert_int_equal(HC_LIST_AT(rescue->rescue.hours, struct hc_span, 0)->from, 10 * 60);
	assert_int_equal(HC_LIST_AT(rescue->rescue.hours, struct hc_span, 0)->to, 18 * 60);
	assert_true(rescue->rescue.requires_vendor_support);
	assert_int_equal(rescue->rescue.reinstall_business_days, 1);
	assert_string_equal(rescue->rescue.billing, "per-server-per-incident");

	ok(hc_store_profile(&fx->st, MANAGED, &managed, &E), &E);
	assert_null(managed->abuse.rescue_profile);
	assert_int_equal(managed->abuse.actions.n, 0);
	assert_true(managed->firewall.reset_on_disconnect);

	ok(hc_store_profile(&fx->st, JECC, &jecc, &E), &E);
	assert_null(jecc->abuse.rescue_profile);
}

/* ---- the state machine ------------------------------------------------------------ */

static const char *const STEPS[] = {
	"confirm", "dismiss", "contact", "self-handling", "rescue", "isolate", "shutdown",
	"power-on", "restore-network", "reinstall-os", "stop-relay", "purge-queue",
	"suspend-accounts", "resolve",
};
#define NSTEPS (sizeof(STEPS) / sizeof(STEPS[0]))

/*
 * By hand from abuse.h and the flow of 003 §4.2-1: a report is confirmed or
 * dismissed (2-3); the confirmed case is contacted (4), and containment
 * (000 §3.3 A, B) may start once the intrusion is confirmed; the customer
 * chooses self-handling or the rescue service (4-5), while containment
 * may go on; recovery work,
 * restoring the server and the mail actions (003 §2.1-2) follow, then the
 * case is resolved (8). Closed cases take no step.
 */
static const struct {
	const char *status;
	const char *allowed;             /* in the order hc_case_next_steps gives */
	size_t nallowed;
} TABLE[] = {
	{ "reported", "confirm, dismiss", 2 },
	{ "confirmed", "dismiss, contact, isolate, shutdown", 4 },
	{ "customer-contacted", "self-handling, rescue, isolate, shutdown", 4 },
	{ "self-handling", "isolate, shutdown, power-on, restore-network, reinstall-os, stop-relay, "
			   "purge-queue, suspend-accounts, resolve", 9 },
	{ "rescue", "isolate, shutdown, power-on, restore-network, reinstall-os, stop-relay, "
		    "purge-queue, suspend-accounts, resolve", 9 },
	{ "resolved", NULL, 0 },
	{ "dismissed", NULL, 0 },
};

/* The status a step leads to, by hand; NULL: unchanged. */
static const char *leads_to(const char *name)
{
	static const char *const to[][2] = {
		{ "confirm", "confirmed" }, { "dismiss", "dismissed" },
		{ "contact", "customer-contacted" }, { "self-handling", "self-handling" },
		{ "rescue", "rescue" }, { "resolve", "resolved" },
	};

	for (size_t i = 0; i < sizeof(to) / sizeof(to[0]); i++)
		if (!strcmp(to[i][0], name))
			return to[i][1];
	return NULL;
}

static bool in_list(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list; p && (p = strstr(p, name)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ',' || p[n] == '\0'))
			return true;
	return false;
}

static const char *arg_of(const char *name)
{
	if (!strcmp(name, "rescue"))
		return "investigation";
	if (!strcmp(name, "suspend-accounts"))
		return "spam1, spam2";
	return NULL;
}

static void test_next_steps_table(void **state)
{
	(void)state;
	assert_int_equal(sizeof(TABLE) / sizeof(TABLE[0]), 7);
	for (size_t s = 0; s < 7; s++) {
		assert_string_equal(hc_case_status_names[s], TABLE[s].status);
		if (TABLE[s].allowed)
			assert_string_equal(hc_case_next_steps((int)s), TABLE[s].allowed);
		else
			assert_string_equal(hc_case_next_steps((int)s), "none (the case is closed)");
	}
}

static void test_every_transition(void **state)
{
	struct fixture *fx = *state;
	const char *now = "2026-11-20T11:00:00+09:00";
	size_t tried = 0, allowed = 0;

	for (size_t s = 0; s < 7; s++) {
		const char *status = TABLE[s].status;
		size_t seen = 0;
		char id[37];

		/* Evidence is taken in any status, closed cases too. */
		case_in(fx, now, fx->jp6, status, id);
		{
			struct hc_evidence_file f = { "note.txt", "seen\n", 5 };
			struct stored st;

			ok(c_evidence(fx, now, id, &f, 1), &E);
			load(fx, id, &st);
			assert_string_equal(hc_case_status_names[st.k.status], status);
			assert_int_equal(st.k.evidence.n, 1);
			unload(&st);
		}

		for (size_t k = 0; k < NSTEPS; k++) {
			const char *name = STEPS[k];
			bool want = in_list(TABLE[s].allowed, name);
			struct stored before, after;
			int rc;

			edit_server(fx, fx->jp6, connect_and_power, NULL);
			case_in(fx, now, fx->jp6, status, id);
			/* What the step needs on the server, by steps allowed there. */
			if (want && !strcmp(name, "power-on"))
				ok(c_step(fx, now, id, "shutdown", NULL, NULL, false), &E);
			if (want && !strcmp(name, "restore-network"))
				ok(c_step(fx, now, id, "isolate", NULL, NULL, false), &E);
			load(fx, id, &before);
			rc = c_step(fx, "2026-11-20T11:30:00+09:00", id, name, arg_of(name),
				    !strcmp(name, "dismiss") ? "the report does not hold" : "why", false);
			load(fx, id, &after);
			tried++;
			if (want) {
				const struct hc_case_event *e;
				const char *to = leads_to(name);

				if (rc)
					fprintf(stderr, "  %s from %s:\n", name, status);
				ok(rc, &E);
				allowed++, seen++;
				assert_string_equal(hc_case_status_names[after.k.status], to ? to : status);
				/* who, when, what, why */
				assert_int_equal(after.k.events.n, before.k.events.n + 1);
				e = last_event(&after.k);
				assert_string_equal(e->action, name);
				assert_string_equal(e->by, "tester");
				assert_string_equal(TS(e->at), "2026-11-20T11:30:00+09:00");
				assert_string_equal(e->reason,
						    !strcmp(name, "dismiss") ? "the report does not hold" : "why");
				if (arg_of(name))
					assert_string_equal(e->detail, arg_of(name));
			} else {
				char want_msg[512];

				if (rc != HC_EREFUSED)
					fprintf(stderr, "  %s from %s:\n", name, status);
				refused(rc, &E, "003 §4.2-1", "is not a next step");
				/* The message lists exactly the allowed steps. */
				snprintf(want_msg, sizeof(want_msg), "case '%s' is %s: '%s' is not a next step (allowed: %s)",
					 id, status, name,
					 TABLE[s].allowed ? TABLE[s].allowed : "none (the case is closed)");
				assert_string_equal(E.msg, want_msg);
				assert_string_equal(hc_case_next_steps((int)s),
						    TABLE[s].allowed ? TABLE[s].allowed : "none (the case is closed)");
				/* Nothing written. */
				assert_int_equal(after.k.status, before.k.status);
				assert_int_equal(after.k.events.n, before.k.events.n);
			}
			unload(&before);
			unload(&after);
		}
		assert_int_equal(seen, TABLE[s].nallowed);
	}
	assert_int_equal(tried, 7 * 14);
	assert_int_equal(allowed, 2 + 4 + 4 + 9 + 9);
	edit_server(fx, fx->jp6, connect_and_power, NULL);
	assert_valid(&fx->st);
}

static void test_step_usage(void **state)
{
	struct fixture *fx = *state;
	const char *now = "2026-11-20T11:00:00+09:00";
	char id[37];

	case_in(fx, now, fx->jp6, "reported", id);
	/* dismiss needs a reason; nothing is written without one */
	failed(c_step(fx, now, id, "dismiss", NULL, NULL, false), &E, HC_EUSAGE,
	       "dismiss needs --reason");
	assert_string_equal(status_of(fx, id), "reported");
	/* no such step */
	failed(c_step(fx, now, id, "reboot", NULL, NULL, false), &E, HC_EUSAGE,
	       "no case step 'reboot'");
	/* an unknown case */
	failed(c_step(fx, now, "00000000-0000-4000-8000-000000000000", "confirm", NULL, NULL,
		      false), &E, HC_ENOTFOUND, "");
	/* new: source, kind and summary are checked */
	{
		struct hc_txn_options o = txo(T(now));

		step();
		failed(hc_case_open(&fx->st, &o, fx->jp6, "police", "spam", "x", NULL, NULL, &R,
				    NULL, &E), &E, HC_EUSAGE, "--source");
		step();
		failed(hc_case_open(&fx->st, &o, fx->jp6, "customer", "ddos", "x", NULL, NULL, &R,
				    NULL, &E), &E, HC_EUSAGE, "--kind");
		step();
		failed(hc_case_open(&fx->st, &o, fx->jp6, "customer", "spam", "", NULL, NULL, &R,
				    NULL, &E), &E, HC_EUSAGE, "--summary");
	}
	/* the case as opened: reported, one event by the operator */
	{
		struct stored s;

		load(fx, id, &s);
		assert_string_equal(s.k.server, fx->jp6);
		assert_string_equal(hc_case_source_names[s.k.source], "third-party");
		assert_string_equal(hc_case_kind_names[s.k.kind], "intrusion");
		assert_string_equal(TS(s.k.reported_at), "2026-11-20T11:00:00+09:00");
		assert_null(s.k.incident);
		assert_int_equal(s.k.events.n, 1);
		assert_string_equal(last_event(&s.k)->action, "reported");
		assert_string_equal(last_event(&s.k)->by, "tester");
		unload(&s);
	}
	/* suspend-accounts needs the accounts */
	case_in(fx, now, fx->jp6, "self-handling", id);
	failed(c_step(fx, now, id, "suspend-accounts", NULL, NULL, false), &E, HC_EUSAGE,
	       "suspend-accounts needs the accounts");
	failed(c_step(fx, now, id, "suspend-accounts", "", NULL, false), &E, HC_EUSAGE,
	       "suspend-accounts needs the accounts");
	assert_valid(&fx->st);
}

/* ---- containment ------------------------------------------------------------------- */

static void test_isolate_shutdown_incident(void **state)
{
	struct fixture *fx = *state;
	char id[37], incident[37];
	struct stored s;

	ok(c_open(fx, "2026-11-20T10:00:00+09:00", fx->jp6, "outbound-attack", NULL, id), &E);
	ok(c_step(fx, "2026-11-20T10:02:00+09:00", id, "confirm", NULL, "scans in the flow logs",
		  false), &E);
	assert_int_equal(count_records(&fx->st, "incidents"), 0);

	/* 000 §3.3 A): the LAN cable; an outage of the customer's compromise */
	ok(c_step(fx, "2026-11-20T10:05:00+09:00", id, "isolate", NULL, "stop the scans",
		  false), &E);
	load(fx, id, &s);
	assert_int_equal(s.s.network, HC_NET_DISCONNECTED);
	assert_int_not_equal(s.s.power, HC_POWER_OFF);     /* absent: on */
	assert_non_null(s.k.incident);
	snprintf(incident, sizeof(incident), "%s", s.k.incident);
	assert_string_equal(s.in.id, incident);
	assert_string_equal(s.in.server, fx->jp6);
	assert_string_equal(s.in.cause, "customer-compromise");
	assert_string_equal(s.in.detected_by, "abuse-report");
	assert_string_equal(s.in.abuse_case, id);
	assert_string_equal(TS(s.in.started_at), "2026-11-20T10:05:00+09:00");
	assert_int_equal(s.in.ended_at, HC_TIME_NONE);
	assert_string_equal(last_event(&s.k)->action, "isolate");
	assert_string_equal(last_event(&s.k)->reason, "stop the scans");
	unload(&s);
	assert_int_equal(count_records(&fx->st, "incidents"), 1);

	/* isolating twice is a conflict; nothing changes */
	failed(c_step(fx, "2026-11-20T10:06:00+09:00", id, "isolate", NULL, NULL, false), &E,
	       HC_ECONFLICT, "is already isolated");

	/* 000 §3.3 B): shutdown; the same incident (one per case) */
	ok(c_step(fx, "2026-11-20T10:10:00+09:00", id, "shutdown", NULL, NULL, false), &E);
	load(fx, id, &s);
	assert_int_equal(s.s.power, HC_POWER_OFF);
	assert_string_equal(s.k.incident, incident);
	assert_string_equal(TS(s.in.started_at), "2026-11-20T10:05:00+09:00");
	unload(&s);
	assert_int_equal(count_records(&fx->st, "incidents"), 1);
	failed(c_step(fx, "2026-11-20T10:11:00+09:00", id, "shutdown", NULL, NULL, false), &E,
	       HC_ECONFLICT, "is already shut down");

	/* restoring waits for the customer's choice */
	refused(c_step(fx, "2026-11-20T10:12:00+09:00", id, "restore-network", NULL, NULL, false),
		&E, "003 §4.2-1", "is not a next step");
	ok(c_step(fx, "2026-11-20T10:20:00+09:00", id, "contact", NULL, NULL, false), &E);
	ok(c_step(fx, "2026-11-20T10:30:00+09:00", id, "self-handling", NULL, NULL, false), &E);

	/* connected again but still off: the outage goes on */
	ok(c_step(fx, "2026-11-20T11:00:00+09:00", id, "restore-network", NULL, NULL, false), &E);
	no_note(&R.notes, "outage");
	load(fx, id, &s);
	assert_int_equal(s.s.network, HC_NET_CONNECTED);
	assert_int_equal(s.in.ended_at, HC_TIME_NONE);
	unload(&s);
	failed(c_step(fx, "2026-11-20T11:01:00+09:00", id, "restore-network", NULL, NULL, false),
	       &E, HC_ECONFLICT, "is not isolated");

	/* on again: 10:05 -> 12:05 = 120 min */
	ok(c_step(fx, "2026-11-20T12:05:00+09:00", id, "power-on", NULL, NULL, false), &E);
	note_is(&R.notes, "ends: 120 min");
	load(fx, id, &s);
	assert_int_equal(s.s.power, HC_POWER_ON);
	assert_string_equal(TS(s.in.ended_at), "2026-11-20T12:05:00+09:00");
	assert_int_equal(s.in.ended_at - s.in.started_at, 2 * 3600);
	unload(&s);
	failed(c_step(fx, "2026-11-20T12:06:00+09:00", id, "power-on", NULL, NULL, false), &E,
	       HC_ECONFLICT, "is not shut down");

	ok(c_step(fx, "2026-11-20T12:30:00+09:00", id, "resolve", NULL, "scripts removed",
		  false), &E);
	no_note(&R.notes, "still");
	assert_string_equal(status_of(fx, id), "resolved");
	assert_int_equal(count_records(&fx->st, "incidents"), 1);
	assert_valid(&fx->st);
}

static void test_restore_order_reversed(void **state)
{
	struct fixture *fx = *state;
	char id[37];
	struct stored s;

	case_in(fx, "2026-11-20T10:00:00+09:00", fx->jp6, "confirmed", id);
	ok(c_step(fx, "2026-11-20T10:00:00+09:00", id, "shutdown", NULL, NULL, false), &E);
	ok(c_step(fx, "2026-11-20T10:01:00+09:00", id, "isolate", NULL, NULL, false), &E);
	ok(c_step(fx, "2026-11-20T10:02:00+09:00", id, "contact", NULL, NULL, false), &E);
	ok(c_step(fx, "2026-11-20T10:03:00+09:00", id, "rescue", "investigation-recovery", NULL,
		  false), &E);
	/* on again but still disconnected: open */
	ok(c_step(fx, "2026-11-20T14:00:00+09:00", id, "power-on", NULL, NULL, false), &E);
	load(fx, id, &s);
	assert_int_equal(s.in.ended_at, HC_TIME_NONE);
	unload(&s);
	ok(c_step(fx, "2026-11-20T14:10:00+09:00", id, "restore-network", NULL, NULL, false), &E);
	/* 10:00 -> 14:10 = 250 min */
	note_is(&R.notes, "ends: 250 min");
	load(fx, id, &s);
	assert_string_equal(TS(s.in.started_at), "2026-11-20T10:00:00+09:00");
	assert_string_equal(TS(s.in.ended_at), "2026-11-20T14:10:00+09:00");
	unload(&s);
	assert_valid(&fx->st);
}

static void test_resolve_while_isolated(void **state)
{
	struct fixture *fx = *state;
	char id[37];
	struct stored s;

	case_in(fx, "2026-11-20T10:00:00+09:00", fx->jp6, "confirmed", id);
	ok(c_step(fx, "2026-11-20T10:00:00+09:00", id, "isolate", NULL, NULL, false), &E);
	ok(c_step(fx, "2026-11-20T10:01:00+09:00", id, "contact", NULL, NULL, false), &E);
	ok(c_step(fx, "2026-11-20T10:02:00+09:00", id, "self-handling", NULL, NULL, false), &E);
	ok(c_step(fx, "2026-11-20T10:03:00+09:00", id, "resolve", NULL, NULL, false), &E);
	note_is(&R.notes, "is still isolated: its outage stays open");
	load(fx, id, &s);
	assert_int_equal(s.s.network, HC_NET_DISCONNECTED);
	assert_int_equal(s.in.ended_at, HC_TIME_NONE);
	unload(&s);
	assert_valid(&fx->st);
}

static void test_isolate_resets_firewall(void **state)
{
	struct fixture *fx = *state;
	char id[37];
	struct stored s;

	/* the managed server holds two allow-lists */
	load(fx, (case_in(fx, "2026-11-20T10:00:00+09:00", fx->managed, "confirmed", id), id), &s);
	assert_int_equal(s.s.firewall.n, 2);
	unload(&s);

	/* 002 §2.2.3: disconnecting the global network resets the firewall */
	ok(c_step(fx, "2026-11-20T10:05:00+09:00", id, "isolate", NULL, NULL, false), &E);
	note_is(&R.notes, "allow-lists are reset");
	note_is(&R.notes, "002 §2.2.3");
	load(fx, id, &s);
	assert_int_equal(s.s.network, HC_NET_DISCONNECTED);
	assert_int_equal(s.s.firewall.n, 0);
	assert_string_equal(s.in.cause, "customer-compromise");
	unload(&s);
	{
		/* not even an empty key left behind */
		char path[256];
		FILE *f;
		char line[512];
		bool found = false;

		snprintf(path, sizeof(path), "%s/servers/%s.yaml", fx->dir, fx->managed);
		f = fopen(path, "r");
		assert_non_null(f);
		while (fgets(line, sizeof(line), f))
			found |= strncmp(line, "firewall:", 9) == 0;
		fclose(f);
		assert_false(found);
	}
	/* no rescue profile, no action list: every containment allowed */
	ok(c_step(fx, "2026-11-20T10:06:00+09:00", id, "shutdown", NULL, NULL, false), &E);
	ok(c_step(fx, "2026-11-20T10:07:00+09:00", id, "contact", NULL, NULL, false), &E);
	ok(c_step(fx, "2026-11-20T10:08:00+09:00", id, "self-handling", NULL, NULL, false), &E);
	ok(c_step(fx, "2026-11-20T11:00:00+09:00", id, "restore-network", NULL, NULL, false), &E);
	note_is(&R.notes, "the server firewall starts empty");
	ok(c_step(fx, "2026-11-20T11:00:00+09:00", id, "power-on", NULL, NULL, false), &E);
	/* 10:05 -> 11:00 = 55 min */
	note_is(&R.notes, "ends: 55 min");
	load(fx, id, &s);
	assert_int_equal(s.s.firewall.n, 0);
	unload(&s);
	assert_valid(&fx->st);
}

static void test_isolate_keeps_firewall_without_reset(void **state)
{
	struct fixture *fx = *state;
	char id[37];
	struct stored s;

	/* clara-jp6 pulls the LAN cable (000 §3.3 A); it has no server
	 * firewall that the disconnection resets */
	edit_server(fx, fx->jp6, add_firewall, NULL);
	case_in(fx, "2026-11-20T10:00:00+09:00", fx->jp6, "confirmed", id);
	ok(c_step(fx, "2026-11-20T10:05:00+09:00", id, "isolate", NULL, NULL, false), &E);
	no_note(&R.notes, "allow-lists");
	load(fx, id, &s);
	assert_int_equal(s.s.network, HC_NET_DISCONNECTED);
	assert_int_equal(s.s.firewall.n, 2);
	unload(&s);

	/* a managed server without rules: nothing to reset, no note */
	{
		char bare[37];

		server(fx, MANAGED, "A", NULL, "example.com", bare);
		case_in(fx, "2026-11-20T10:00:00+09:00", bare, "confirmed", id);
		ok(c_step(fx, "2026-11-20T10:05:00+09:00", id, "isolate", NULL, NULL, false), &E);
		no_note(&R.notes, "allow-lists");
	}
	assert_valid(&fx->st);
}

static void test_profile_actions(void **state)
{
	struct fixture *fx = *state;
	char id[37];

	/* jp6 allows isolate, shutdown and reinstall-os */
	case_in(fx, "2026-11-20T10:00:00+09:00", fx->jp6, "self-handling", id);
	ok(c_step(fx, "2026-11-20T10:01:00+09:00", id, "isolate", NULL, NULL, false), &E);
	ok(c_step(fx, "2026-11-20T10:02:00+09:00", id, "shutdown", NULL, NULL, false), &E);
	ok(c_step(fx, "2026-11-20T10:03:00+09:00", id, "reinstall-os", NULL, NULL, false), &E);
	ok(c_step(fx, "2026-11-20T10:04:00+09:00", id, "power-on", NULL, NULL, false), &E);
	ok(c_step(fx, "2026-11-20T10:05:00+09:00", id, "restore-network", NULL, NULL, false), &E);

	/* A state whose jp6 profile takes only isolate: the others are refused
	 * naming the profile's abuse rule; the mail actions are not profile
	 * actions and stay allowed. */
	sh("sed -i 's/^  actions: \\[isolate, shutdown, reinstall-os\\]$/  actions: [isolate]/' "
	   "'%s/catalog/clara-jp6.yaml' && grep -q '^  actions: \\[isolate\\]$' '%s/catalog/clara-jp6.yaml'",
	   fx->dir, fx->dir);
	hc_store_release(&fx->st);
	ok(hc_store_open(&fx->st, fx->dir, &E), &E);
	refused(c_step(fx, "2026-11-20T10:06:00+09:00", id, "shutdown", NULL, NULL, false), &E,
		"000 §3.3", "profile 'clara-jp6' does not take the action 'shutdown'");
	refused(c_step(fx, "2026-11-20T10:06:00+09:00", id, "reinstall-os", NULL, NULL, false), &E,
		"000 §3.3", "profile 'clara-jp6' does not take the action 'reinstall-os'");
	ok(c_step(fx, "2026-11-20T10:07:00+09:00", id, "stop-relay", NULL, NULL, false), &E);
	ok(c_step(fx, "2026-11-20T10:08:00+09:00", id, "isolate", NULL, NULL, false), &E);
	assert_valid(&fx->st);
}

/* ---- reinstall (003 §6, 000 §2.4.3.1.1, §2.4-3-2) --------------------------------------- */

/* A reinstall requested at `now` on a new self-handling case of srv, and
 * the day it is scheduled. */
static const char *reinstall_day(struct fixture *fx, const char *srv, const char *now)
{
	static char day[HC_DAY_BUFSZ];
	char id[37];
	struct stored s;

	case_in(fx, now, srv, "self-handling", id);
	ok(c_step(fx, now, id, "reinstall-os", NULL, NULL, false), &E);
	load(fx, id, &s);
	snprintf(day, sizeof(day), "%s", DS(s.k.reinstall_on));
	unload(&s);
	return day;
}

static void test_reinstall_next_business_day(void **state)
{
	struct fixture *fx = *state;

	/* Fri 11-20 -> (Sat 21, Sun 22, Mon 23 勤労感謝の日) -> Tue 11-24 */
	assert_string_equal(reinstall_day(fx, fx->jp6, "2026-11-20T10:00:00+09:00"), "2026-11-24");
	note_is(&R.notes, "OS reinstall scheduled on 2026-11-24");
	/* late on Friday: still the next business day */
	assert_string_equal(reinstall_day(fx, fx->jp6, "2026-11-20T23:30:00+09:00"), "2026-11-24");
	/* requested on the weekend or the holiday: the first business day after */
	assert_string_equal(reinstall_day(fx, fx->jp6, "2026-11-21T10:00:00+09:00"), "2026-11-24");
	assert_string_equal(reinstall_day(fx, fx->jp6, "2026-11-22T10:00:00+09:00"), "2026-11-24");
	assert_string_equal(reinstall_day(fx, fx->jp6, "2026-11-23T10:00:00+09:00"), "2026-11-24");
	/* Tue 11-24 -> Wed 11-25 */
	assert_string_equal(reinstall_day(fx, fx->jp6, "2026-11-24T10:00:00+09:00"), "2026-11-25");
	/* Mon 11-02 -> (Tue 03 文化の日) -> Wed 11-04 */
	assert_string_equal(reinstall_day(fx, fx->jp6, "2026-11-02T10:00:00+09:00"), "2026-11-04");
	/* Mon 12-28 -> (12-29 ... 01-03 closed) -> Mon 2027-01-04 */
	assert_string_equal(reinstall_day(fx, fx->jp6, "2026-12-28T10:00:00+09:00"), "2027-01-04");
	assert_valid(&fx->st);
}

static void test_reinstall_recovery_point(void **state)
{
	struct fixture *fx = *state;
	struct stored s;
	char id[37];

	/* 000 §2.4-3-2: the initial specification ... */
	reinstall_day(fx, fx->jp6, "2026-11-20T10:00:00+09:00");
	note_is(&R.notes, "recovery point: the initial specification");
	no_note(&R.notes, "latest backup");
	/* ... or the latest backup with the backup option */
	reinstall_day(fx, fx->jp6_backup, "2026-11-20T10:00:00+09:00");
	note_is(&R.notes, "recovery point: the latest backup (option 'backup'");
	no_note(&R.notes, "initial specification");

	/* a supported OS stays; the server record is not touched */
	case_in(fx, "2026-11-20T10:00:00+09:00", fx->jp6, "rescue", id);
	ok(c_step(fx, "2026-11-20T10:00:00+09:00", id, "reinstall-os", NULL, NULL, false), &E);
	load(fx, id, &s);
	assert_string_equal(s.s.os, "rhel-9");
	unload(&s);
	/* another supported OS with --os */
	ok(c_step(fx, "2026-11-20T10:05:00+09:00", id, "reinstall-os", "rhel-8", NULL, false), &E);
	load(fx, id, &s);
	assert_string_equal(s.s.os, "rhel-8");
	assert_string_equal(last_event(&s.k)->detail, "rhel-8");
	unload(&s);
	assert_valid(&fx->st);
}

static void test_reinstall_end_of_support(void **state)
{
	struct fixture *fx = *state;
	struct stored s;
	char id[37];

	case_in(fx, "2026-11-20T10:00:00+09:00", fx->jp6_old, "self-handling", id);
	/* centos-7 support ended 2024-06-30: no reinstall of it */
	refused(c_step(fx, "2026-11-20T10:01:00+09:00", id, "reinstall-os", NULL, NULL, false), &E,
		"003 §2.1-1-1", "OS 'centos-7' is past vendor support");
	assert_string_equal(E.msg + strlen(E.msg) - strlen("accept limited work with --limited"),
			    "accept limited work with --limited");
	load(fx, id, &s);
	assert_int_equal(s.k.reinstall_on, HC_DAY_NONE);
	assert_string_equal(s.s.os, "centos-7");
	unload(&s);
	/* another OS past support is no way out */
	refused(c_step(fx, "2026-11-20T10:02:00+09:00", id, "reinstall-os", "centos-6", NULL,
		       false), &E, "000 §2.4.3.1.1", "OS 'centos-6' is past vendor support too");
	/* nor an OS the profile does not offer */
	refused(c_step(fx, "2026-11-20T10:03:00+09:00", id, "reinstall-os", "debian-12", NULL,
		       false), &E, "000", "profile 'clara-jp6' offers no OS 'debian-12'");
	load(fx, id, &s);
	assert_int_equal(s.k.reinstall_on, HC_DAY_NONE);
	assert_string_equal(s.s.os, "centos-7");
	unload(&s);

	/* accepted with the limited-work terms: the OS stays */
	ok(c_step(fx, "2026-11-20T10:04:00+09:00", id, "reinstall-os", NULL, NULL, true), &E);
	load(fx, id, &s);
	assert_string_equal(DS(s.k.reinstall_on), "2026-11-24");
	assert_string_equal(s.s.os, "centos-7");
	unload(&s);

	/* accepted with a supported OS (000 §2.4.3.1.1: サポート期間の残っている OS) */
	case_in(fx, "2026-11-20T10:00:00+09:00", fx->jp6_old, "self-handling", id);
	ok(c_step(fx, "2026-11-20T10:05:00+09:00", id, "reinstall-os", "rhel-9", NULL, false), &E);
	load(fx, id, &s);
	assert_string_equal(DS(s.k.reinstall_on), "2026-11-24");
	assert_string_equal(s.s.os, "rhel-9");
	unload(&s);
	assert_valid(&fx->st);
}

/* A server contained again after its first outage ended: a second incident,
 * the first one kept and closed. */
static void test_second_containment(void **state)
{
	struct fixture *fx = *state;
	char id[37], first[37];
	struct stored s;

	case_in(fx, "2026-11-20T10:00:00+09:00", fx->jp6, "confirmed", id);
	ok(c_step(fx, "2026-11-20T10:00:00+09:00", id, "isolate", NULL, NULL, false), &E);
	ok(c_step(fx, "2026-11-20T10:10:00+09:00", id, "contact", NULL, NULL, false), &E);
	ok(c_step(fx, "2026-11-20T10:20:00+09:00", id, "self-handling", NULL, NULL, false), &E);
	ok(c_step(fx, "2026-11-20T11:00:00+09:00", id, "restore-network", NULL, NULL, false), &E);
	note_is(&R.notes, "ends: 60 min");
	load(fx, id, &s);
	snprintf(first, sizeof(first), "%s", s.k.incident);
	unload(&s);

	ok(c_step(fx, "2026-11-20T13:00:00+09:00", id, "shutdown", NULL, "scans again", false), &E);
	load(fx, id, &s);
	assert_string_not_equal(s.k.incident, first);
	assert_string_equal(TS(s.in.started_at), "2026-11-20T13:00:00+09:00");
	assert_int_equal(s.in.ended_at, HC_TIME_NONE);
	assert_string_equal(s.in.abuse_case, id);
	unload(&s);
	assert_int_equal(count_records(&fx->st, "incidents"), 2);
	ok(c_step(fx, "2026-11-20T13:30:00+09:00", id, "power-on", NULL, NULL, false), &E);
	note_is(&R.notes, "ends: 30 min");
	assert_valid(&fx->st);
}

/* A case whose server is still contained cannot be dismissed: closed, it
 * could no longer bring the server back. */
static void test_dismiss_while_contained(void **state)
{
	struct fixture *fx = *state;
	char id[37];

	case_in(fx, "2026-11-20T10:00:00+09:00", fx->jp6, "confirmed", id);
	ok(c_step(fx, "2026-11-20T10:01:00+09:00", id, "isolate", NULL, NULL, false), &E);
	failed(c_step(fx, "2026-11-20T10:02:00+09:00", id, "dismiss", NULL, "false alarm", false),
	       &E, HC_ECONFLICT, "is still isolated: a case that contained its server is resolved");
	assert_string_equal(status_of(fx, id), "confirmed");
	case_in(fx, "2026-11-20T10:00:00+09:00", fx->jp6_backup, "confirmed", id);
	ok(c_step(fx, "2026-11-20T10:01:00+09:00", id, "shutdown", NULL, NULL, false), &E);
	failed(c_step(fx, "2026-11-20T10:02:00+09:00", id, "dismiss", NULL, "false alarm", false),
	       &E, HC_ECONFLICT, "is still shut down");
	assert_valid(&fx->st);
}

/* Reinstalling another OS checks what that OS requires (000 §2.6.1.2.2:
 * Windows with the dedicated firewall). */
static void test_reinstall_os_requires_options(void **state)
{
	struct fixture *fx = *state;
	struct stored s;
	char id[37];

	case_in(fx, "2026-11-20T10:00:00+09:00", fx->jp6, "self-handling", id);
	refused(c_step(fx, "2026-11-20T10:01:00+09:00", id, "reinstall-os", "windows-server-2022", NULL,
		       false), &E,
		"000 §2.1-1-1", "OS 'windows-server-2022' requires the option 'dedicated-firewall'");
	load(fx, id, &s);
	assert_string_equal(s.s.os, "rhel-9");
	assert_int_equal(s.k.reinstall_on, HC_DAY_NONE);
	unload(&s);
}

/* Containment tells the customer as the profile's matrix says (000 §3.3;
 * lib/notify.c); the rescue report goes out when a rescue case ends. */
static void test_containment_notices(void **state)
{
	struct fixture *fx = *state;
	char id[37];

	case_in(fx, "2026-11-20T10:00:00+09:00", fx->jp6, "confirmed", id);
	ok(c_step(fx, "2026-11-20T10:01:00+09:00", id, "isolate", NULL, NULL, false), &E);
	assert_true(has_note(&R.notes, "of abuse-containment (000 §3.3"));
	assert_true(has_note(&R.notes, "tell emergency-phone "));
	ok(c_step(fx, "2026-11-20T10:02:00+09:00", id, "contact", NULL, NULL, false), &E);
	no_note(&R.notes, "abuse-containment");
	ok(c_step(fx, "2026-11-20T10:03:00+09:00", id, "rescue", "investigation", NULL, false), &E);
	ok(c_step(fx, "2026-11-20T10:04:00+09:00", id, "restore-network", NULL, NULL, false), &E);
	ok(c_step(fx, "2026-11-20T15:00:00+09:00", id, "resolve", NULL, "report sent", false), &E);
	assert_true(has_note(&R.notes, "of rescue-report (000 §2.7-1, 003 §4.2-1"));
	/* a case without a rescue order sends no rescue report */
	case_in(fx, "2026-11-20T10:00:00+09:00", fx->jp6_backup, "resolved", id);
	no_note(&R.notes, "rescue-report");
}

/* validate: a case's evidence lies under evidence/<case>/; a path moved to
 * another case's directory is reported, not followed. */
static void test_evidence_outside_case(void **state)
{
	struct fixture *fx = *state;
	struct hc_evidence_file f = { "note.txt", "seen\n", 5 };
	char a[37], b[37], path[64];

	case_in(fx, "2026-11-20T10:00:00+09:00", fx->jp6, "confirmed", a);
	case_in(fx, "2026-11-20T10:00:00+09:00", fx->jp6_backup, "confirmed", b);
	ok(c_evidence(fx, "2026-11-20T10:01:00+09:00", b, &f, 1), &E);
	assert_valid(&fx->st);
	/* case a claims b's file */
	sh("sed -i '/^id:/a evidence:\\n  - name: note.txt\\n    path: evidence/%s/1-note.txt.gz\\n    size: 5\\n    sha256: %s\\n    added_at: 2026-11-20T10:01:00+09:00' '%s/cases/%s.yaml'",
	   b, "a6c0b9f6d1a7b1e3b7f2c0b6b1f5e8d7c2a9d4e6f3b8a1c5d7e9f0a2b4c6d8e0", fx->dir, a);
	snprintf(path, sizeof(path), "cases/%s.yaml", a);
	assert_int_equal(validate_problems(fx, path, "is not under 'evidence/"), 1);
}

/* ---- the rescue service (003) ------------------------------------------------------- */

static void test_rescue_menus(void **state)
{
	struct fixture *fx = *state;
	static const char *const menus[] = { "mail-abuse", "investigation", "investigation-recovery",
					     "investigation-recovery-reinstall" };
	struct stored s;
	char id[37];

	for (size_t i = 0; i < 4; i++) {
		case_in(fx, "2026-11-20T11:00:00+09:00", fx->jp6, "customer-contacted", id);
		ok(c_step(fx, "2026-11-20T11:00:00+09:00", id, "rescue", menus[i], NULL,
			  false), &E);
		note_is(&R.notes, "billable: rescue '");
		note_is(&R.notes, "per-server-per-incident");
		no_note(&R.notes, "after-hours");
		no_note(&R.notes, "special fee");
		load(fx, id, &s);
		assert_string_equal(hc_case_status_names[s.k.status], "rescue");
		assert_string_equal(s.k.rescue.menu, menus[i]);
		assert_string_equal(TS(s.k.rescue.requested_at), "2026-11-20T11:00:00+09:00");
		assert_false(s.k.rescue.after_hours);
		assert_false(s.k.rescue.limited);
		assert_string_equal(s.k.rescue.billing, "per-server-per-incident");
		assert_string_equal(last_event(&s.k)->detail, menus[i]);
		unload(&s);
		/* one order per case */
		refused(c_step(fx, "2026-11-20T11:01:00+09:00", id, "rescue", menus[i], NULL,
			       false), &E, "003 §4.2-1", "is not a next step");
	}

	case_in(fx, "2026-11-20T11:00:00+09:00", fx->jp6, "customer-contacted", id);
	refused(c_step(fx, "2026-11-20T11:00:00+09:00", id, "rescue", "full-recovery", NULL, false),
		&E, "003",
		"no rescue menu 'full-recovery' (menus: mail-abuse, investigation, investigation-recovery, "
		"investigation-recovery-reinstall)");
	failed(c_step(fx, "2026-11-20T11:00:00+09:00", id, "rescue", NULL, NULL, false), &E,
	       HC_EUSAGE, "rescue needs --menu");
	assert_string_equal(status_of(fx, id), "customer-contacted");
	assert_valid(&fx->st);
}

static void test_rescue_without_profile(void **state)
{
	struct fixture *fx = *state;
	char id[37];

	case_in(fx, "2026-11-20T11:00:00+09:00", fx->managed, "customer-contacted", id);
	refused(c_step(fx, "2026-11-20T11:00:00+09:00", id, "rescue", "investigation", NULL, false),
		&E, "002", "profile 'smartconnect-managed' offers no rescue service");
	assert_string_equal(status_of(fx, id), "customer-contacted");
	case_in(fx, "2026-11-20T11:00:00+09:00", fx->jecc, "customer-contacted", id);
	refused(c_step(fx, "2026-11-20T11:00:00+09:00", id, "rescue", "investigation", NULL, false),
		&E, "004", "profile 'jecc-waterpf' offers no rescue service");
	/* the customer handles it instead */
	ok(c_step(fx, "2026-11-20T11:01:00+09:00", id, "self-handling", NULL, NULL, false), &E);
	assert_valid(&fx->st);
}

static void test_rescue_end_of_support(void **state)
{
	struct fixture *fx = *state;
	struct stored s;
	char id[37];

	case_in(fx, "2026-11-20T11:00:00+09:00", fx->jp6_old, "customer-contacted", id);
	refused(c_step(fx, "2026-11-20T11:00:00+09:00", id, "rescue", "investigation", NULL, false),
		&E, "003 §2.1-1-1", "OS 'centos-7' is past vendor support: rescue work is limited");
	assert_string_equal(status_of(fx, id), "customer-contacted");
	ok(c_step(fx, "2026-11-20T11:01:00+09:00", id, "rescue", "investigation", NULL, true), &E);
	note_is(&R.notes, "limited work with a special fee");
	load(fx, id, &s);
	assert_true(s.k.rescue.limited);
	assert_string_equal(s.k.rescue.billing, "per-server-per-incident");
	unload(&s);

	/* a supported OS has no limited-work terms to accept, --limited or not */
	case_in(fx, "2026-11-20T11:00:00+09:00", fx->jp6, "customer-contacted", id);
	ok(c_step(fx, "2026-11-20T11:01:00+09:00", id, "rescue", "investigation", NULL, true), &E);
	no_note(&R.notes, "special fee");
	load(fx, id, &s);
	assert_false(s.k.rescue.limited);
	unload(&s);
	assert_valid(&fx->st);
}

static void test_rescue_after_hours(void **state)
{
	struct fixture *fx = *state;
	/* 003 §2.1-1-3: 平日 10:00 ~ 18:00; 18:00 itself is outside */
	static const struct { const char *at; bool after; } cases[] = {
		{ "2026-11-20T09:59:00+09:00", true },    /* Fri, a minute early */
		{ "2026-11-20T10:00:00+09:00", false },   /* Fri, opening */
		{ "2026-11-20T17:59:00+09:00", false },   /* Fri, last minute */
		{ "2026-11-20T18:00:00+09:00", true },    /* Fri, closing */
		{ "2026-11-20T23:00:00+09:00", true },    /* Fri night */
		{ "2026-11-21T11:00:00+09:00", true },    /* Sat */
		{ "2026-11-22T03:00:00+09:00", true },    /* Sun night */
		{ "2026-11-23T11:00:00+09:00", true },    /* Mon 勤労感謝の日 */
		{ "2026-11-24T12:00:00+09:00", false },   /* Tue */
		/* the same instant given in UTC: Fri 09:00 UTC = 18:00 JST */
		{ "2026-11-20T09:00:00Z", true },
		{ "2026-11-20T08:59:00Z", false },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct stored s;
		char id[37];

		case_in(fx, cases[i].at, fx->jp6, "customer-contacted", id);
		ok(c_step(fx, cases[i].at, id, "rescue", "investigation", NULL, false), &E);
		if (cases[i].after)
			note_is(&R.notes, "after-hours price");
		else
			no_note(&R.notes, "after-hours");
		load(fx, id, &s);
		if (s.k.rescue.after_hours != cases[i].after)
			fail_msg("%s: after_hours %d, want %d", cases[i].at, s.k.rescue.after_hours,
				 cases[i].after);
		assert_int_equal(s.k.rescue.requested_at, T(cases[i].at));
		unload(&s);
	}
	assert_valid(&fx->st);
}

/* ---- evidence ------------------------------------------------------------------------ */

static void write_bytes(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* sha256sum(1) of a file: an implementation other than ours. */
static const char *sha256sum(const char *path)
{
	static char out[65];
	char cmd[512];
	FILE *p;

	snprintf(cmd, sizeof(cmd), "sha256sum '%s'", path);
	p = popen(cmd, "r");
	assert_non_null(p);
	assert_non_null(fgets(out, sizeof(out), p));
	pclose(p);
	assert_int_equal(strlen(out), 64);
	return out;
}

static char *pattern(size_t len, unsigned seed)
{
	char *p = malloc(len);
	uint32_t x = seed * 2654435761u + 1;

	assert_non_null(p);
	for (size_t i = 0; i < len; i++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;      /* xorshift: does not compress */
		p[i] = (char)(x & 0xff);
	}
	return p;
}

static void test_sha256_vectors(void **state)
{
	/* FIPS 180-4 examples; the million-'a' one crosses many blocks */
	static const struct { const char *in; const char *out; } v[] = {
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	};
	struct hc_sha256 c;
	char hex[65];

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		hc_sha256_init(&c);
		hc_sha256_update(&c, v[i].in, strlen(v[i].in));
		hc_sha256_hex(&c, hex);
		assert_string_equal(hex, v[i].out);
	}
	hc_sha256_init(&c);
	{
		char a1000[1000];

		memset(a1000, 'a', sizeof(a1000));
		for (int i = 0; i < 1000; i++)
			hc_sha256_update(&c, a1000, sizeof(a1000));
	}
	hc_sha256_hex(&c, hex);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void test_evidence_roundtrip(void **state)
{
	struct fixture *fx = *state;
	char tmp[128], src[192], out[512], zpath[256];
	char bin[600];
	struct hc_evidence_file report = { "mail/abuse-report.eml", NULL, 0 };
	const struct hc_evidence *e;
	struct hc_error err;
	struct stored s;
	struct stat sb;
	char id[37];
	int fd;

	/* every byte value, NULs and newlines included */
	for (size_t i = 0; i < sizeof(bin); i++)
		bin[i] = (char)(i * 7 % 256);
	report.data = bin;
	report.len = sizeof(bin);
	snprintf(tmp, sizeof(tmp), "%s.tmp", fx->dir);
	sh("mkdir -p '%s'", tmp);
	snprintf(src, sizeof(src), "%s/src", tmp);
	write_bytes(src, bin, sizeof(bin));

	/* the report of `new` is the first evidence */
	ok(c_open(fx, "2026-11-20T10:00:00+09:00", fx->jp6, "phishing", &report, id), &E);
	load(fx, id, &s);
	assert_int_equal(s.k.evidence.n, 1);
	e = evidence_at(&s.k, 0);
	assert_string_equal(e->name, "abuse-report.eml");
	snprintf(zpath, sizeof(zpath), "evidence/%s/1-abuse-report.eml.gz", id);
	assert_string_equal(e->path, zpath);
	assert_int_equal(e->size, 600);
	assert_string_equal(e->sha256, sha256sum(src));
	assert_string_equal(TS(e->added_at), "2026-11-20T10:00:00+09:00");
	assert_false(e->large);
	/* a gzip file zcat reads back byte for byte, mode 0600 */
	snprintf(out, sizeof(out), "%s/%s", fx->dir, zpath);
	assert_int_equal(stat(out, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	assert_true((size_t)sb.st_size < 600 + 64);
	sh("zcat '%s' | cmp -s - '%s'", out, src);
	/* and hc_evidence_check gives the same bytes to a descriptor */
	snprintf(out, sizeof(out), "%s/out", tmp);
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(hc_evidence_check(&fx->st, e->path, e->size, e->sha256, fd, &err), HC_OK);
	close(fd);
	sh("cmp -s '%s' '%s'", out, src);
	/* a wrong record is caught */
	assert_int_equal(hc_evidence_check(&fx->st, e->path, e->size + 1, e->sha256, -1, &err), HC_EINVALID);
	assert_int_equal(hc_evidence_check(&fx->st, e->path, e->size,
					   "0000000000000000000000000000000000000000000000000000000000000000",
					   -1, &err), HC_EINVALID);
	{
		char missing[256];

		snprintf(missing, sizeof(missing), "evidence/%s/9-none.gz", id);
		assert_int_equal(hc_evidence_check(&fx->st, missing, 1, e->sha256, -1, &err), HC_ENOTFOUND);
	}
	unload(&s);

	/* Never overwritten: the same name twice in one call and once more in
	 * another gives three files, each with its own bytes. */
	{
		struct hc_evidence_file f[2] = { { "/var/log/maillog", "first\n", 6 },
						  { "/var/log/maillog", "second\n", 7 } };
		struct hc_evidence_file g = { "maillog", "third\n", 6 };
		static const char *const want[] = { "first\n", "second\n", "third\n" };

		ok(c_evidence(fx, "2026-11-20T10:10:00+09:00", id, f, 2), &E);
		ok(c_evidence(fx, "2026-11-20T10:20:00+09:00", id, &g, 1), &E);
		load(fx, id, &s);
		assert_int_equal(s.k.evidence.n, 4);
		for (size_t i = 0; i < 3; i++) {
			char expect[256], file[256];

			e = evidence_at(&s.k, i + 1);
			assert_string_equal(e->name, "maillog");
			snprintf(expect, sizeof(expect), "evidence/%s/%zu-maillog.gz", id, i + 2);
			assert_string_equal(e->path, expect);
			assert_int_equal(e->size, (int64_t)strlen(want[i]));
			write_bytes(src, want[i], strlen(want[i]));
			assert_string_equal(e->sha256, sha256sum(src));
			snprintf(file, sizeof(file), "%s/%s", fx->dir, e->path);
			sh("zcat '%s' | cmp -s - '%s'", file, src);
		}
		assert_string_equal(TS(evidence_at(&s.k, 3)->added_at), "2026-11-20T10:20:00+09:00");
		/* one event per file, naming size and checksum */
		assert_string_equal(last_event(&s.k)->action, "evidence");
		assert_true(strstr(last_event(&s.k)->detail, "maillog (6 bytes, sha256 ") != NULL);
		assert_true(strstr(last_event(&s.k)->detail, evidence_at(&s.k, 3)->sha256) != NULL);
		unload(&s);
	}

	/* A name is only a file name in the state: no directories, no dots
	 * first, nothing but [A-Za-z0-9._-]. */
	{
		struct hc_evidence_file f = { "../../hostctl.yaml", "x", 1 };
		struct hc_evidence_file g = { "メール ログ.txt", "y", 1 };

		ok(c_evidence(fx, "2026-11-20T10:30:00+09:00", id, &f, 1), &E);
		ok(c_evidence(fx, "2026-11-20T10:31:00+09:00", id, &g, 1), &E);
		load(fx, id, &s);
		snprintf(zpath, sizeof(zpath), "evidence/%s/5-hostctl.yaml.gz", id);
		assert_string_equal(evidence_at(&s.k, 4)->path, zpath);
		assert_string_equal(evidence_at(&s.k, 4)->name, "hostctl.yaml");
		/* メール (9 bytes) + space + ログ (6 bytes): 16 underscores */
		snprintf(zpath, sizeof(zpath), "evidence/%s/6-________________.txt.gz", id);
		assert_string_equal(evidence_at(&s.k, 5)->path, zpath);
		assert_string_equal(evidence_at(&s.k, 5)->name, "メール ログ.txt");
		unload(&s);
		/* hostctl.yaml itself is untouched */
		sh("grep -q . '%s/hostctl.yaml' && ! grep -qx x '%s/hostctl.yaml'", fx->dir, fx->dir);
	}
	sh("rm -rf '%s'", tmp);
	assert_valid(&fx->st);
}

static void test_evidence_large(void **state)
{
	struct fixture *fx = *state;
	const size_t MiB = 1024 * 1024;
	char *at = pattern(MiB, 1), *over = pattern(MiB + 1, 2);
	struct hc_evidence_file f[2] = { { "at-limit.bin", at, MiB }, { "over-limit.bin", over, MiB + 1 } };
	char tmp[128], src[192], file[512], expect[256];
	const struct hc_evidence *e;
	struct stored s;
	char id[37];

	case_in(fx, "2026-11-20T10:00:00+09:00", fx->jp6, "confirmed", id);
	ok(c_evidence(fx, "2026-11-20T10:00:00+09:00", id, f, 2), &E);
	load(fx, id, &s);
	assert_int_equal(s.k.evidence.n, 2);
	/* exactly 1 MiB stays in git */
	e = evidence_at(&s.k, 0);
	snprintf(expect, sizeof(expect), "evidence/%s/1-at-limit.bin.gz", id);
	assert_string_equal(e->path, expect);
	assert_false(e->large);
	assert_int_equal(e->size, (int64_t)MiB);
	/* one byte more goes under large/, flagged */
	e = evidence_at(&s.k, 1);
	snprintf(expect, sizeof(expect), "evidence/%s/large/2-over-limit.bin.gz", id);
	assert_string_equal(e->path, expect);
	assert_true(e->large);
	assert_int_equal(e->size, (int64_t)(MiB + 1));
	assert_true(strstr(last_event(&s.k)->detail, "kept out of git") != NULL);
	snprintf(tmp, sizeof(tmp), "%s.tmp", fx->dir);
	sh("mkdir -p '%s'", tmp);
	snprintf(src, sizeof(src), "%s/src", tmp);
	write_bytes(src, over, MiB + 1);
	assert_string_equal(e->sha256, sha256sum(src));
	snprintf(file, sizeof(file), "%s/%s", fx->dir, e->path);
	sh("zcat '%s' | cmp -s - '%s'", file, src);
	{
		struct stat sb;

		assert_int_equal(stat(file, &sb), 0);
		assert_int_equal(sb.st_mode & 07777, 0600);
	}
	/* the state's .gitignore keeps large/ out of git, and only large/ */
	sh("cd '%s' && git init -q . && git check-ignore -q '%s'", fx->dir, e->path);
	assert_int_equal(sh_rc("cd '%s' && git check-ignore -q '%s'", fx->dir, evidence_at(&s.k, 0)->path),
			 1);
	assert_valid(&fx->st);

	/* a clone without the large file is still valid; the small one is not */
	sh("rm '%s'", file);
	assert_valid(&fx->st);
	snprintf(file, sizeof(file), "%s/%s", fx->dir, evidence_at(&s.k, 0)->path);
	sh("rm '%s'", file);
	assert_int_equal(validate_problems(fx, id, "is missing"), 1);
	unload(&s);
	sh("rm -rf '%s'", tmp);
	free(at);
	free(over);
}

/* The evidence file of a new case with a 4 000-byte report, for damage. */
static void damaged_setup(struct fixture *fx, char id[37], char file[256], char orig[256])
{
	char *data = pattern(4000, 3);
	struct hc_evidence_file f = { "capture.pcap", data, 4000 };

	ok(c_open(fx, "2026-11-20T10:00:00+09:00", fx->jp6, "intrusion", &f, id), &E);
	snprintf(file, 256, "%s/evidence/%s/1-capture.pcap.gz", fx->dir, id);
	snprintf(orig, 256, "%s.orig.gz", fx->dir);
	sh("cp '%s' '%s'", file, orig);
	assert_valid(&fx->st);
	free(data);
}

static void flip_byte(const char *file, long at)
{
	FILE *f = fopen(file, "r+b");
	int c;

	assert_non_null(f);
	if (at < 0) {
		assert_int_equal(fseek(f, at, SEEK_END), 0);
	} else {
		assert_int_equal(fseek(f, at, SEEK_SET), 0);
	}
	c = fgetc(f);
	assert_true(c != EOF);
	assert_int_equal(fseek(f, -1, SEEK_CUR), 0);
	fputc(c ^ 0x5a, f);
	assert_int_equal(fclose(f), 0);
}

static void test_evidence_damaged(void **state)
{
	struct fixture *fx = *state;
	char id[37], file[256], orig[256];
	struct stat sb;
	long size;

	damaged_setup(fx, id, file, orig);
	assert_int_equal(stat(file, &sb), 0);
	size = (long)sb.st_size;
	assert_true(size > 4000);       /* random bytes do not compress */

	/* a flipped byte in the compressed data */
	flip_byte(file, size / 2);
	assert_int_equal(validate_problems(fx, "1-capture.pcap.gz", "evidence"), 1);
	sh("cp '%s' '%s'", orig, file);
	assert_valid(&fx->st);

	/* a flipped byte in the gzip trailer (CRC-32, then ISIZE) */
	flip_byte(file, -8);
	assert_int_equal(validate_problems(fx, "1-capture.pcap.gz", "evidence"), 1);
	sh("cp '%s' '%s'", orig, file);
	flip_byte(file, -2);
	assert_int_equal(validate_problems(fx, "1-capture.pcap.gz", "evidence"), 1);
	sh("cp '%s' '%s'", orig, file);

	/* truncated: half of it, and only the 8-byte trailer (all data there) */
	assert_int_equal(truncate(file, size / 2), 0);
	assert_int_equal(validate_problems(fx, "1-capture.pcap.gz", "evidence"), 1);
	sh("cp '%s' '%s'", orig, file);
	assert_int_equal(truncate(file, size - 8), 0);
	assert_int_equal(validate_problems(fx, "1-capture.pcap.gz", "evidence"), 1);
	sh("cp '%s' '%s'", orig, file);
	assert_int_equal(truncate(file, size - 1), 0);
	assert_int_equal(validate_problems(fx, "1-capture.pcap.gz", "evidence"), 1);
	sh("cp '%s' '%s'", orig, file);
	assert_int_equal(truncate(file, 0), 0);
	assert_int_equal(validate_problems(fx, "1-capture.pcap.gz", "evidence"), 1);

	/* replaced by a plain (not gzip) copy of other bytes */
	write_bytes(file, "not gzip at all\n", 16);
	assert_int_equal(validate_problems(fx, "1-capture.pcap.gz", "evidence"), 1);
	sh("cp '%s' '%s'", orig, file);
	assert_valid(&fx->st);
	sh("rm -f '%s'", orig);
}

static void test_evidence_unsafe_path(void **state)
{
	struct fixture *fx = *state;
	struct hc_error err;
	char hex[65];
	struct hc_sha256 c;

	/* a hand-edited record pointing out of the state is not followed */
	hc_sha256_init(&c);
	hc_sha256_hex(&c, hex);
	assert_int_equal(hc_evidence_check(&fx->st, "../etc/passwd", 0, hex, -1, &err), HC_EINVALID);
	assert_int_equal(hc_evidence_check(&fx->st, "/etc/passwd", 0, hex, -1, &err), HC_EINVALID);
	assert_int_equal(hc_evidence_check(&fx->st, "evidence/../../x", 0, hex, -1, &err), HC_EINVALID);
}

/* ---- the SLA exclusion (004 §3.4 (9)) --------------------------------------------------- */

static void test_sla_exclusion(void **state)
{
	struct fixture *fx = *state;
	const struct hc_profile *jecc;
	struct hc_sla_span span;
	struct hc_sla_result r;
	struct hc_month m;
	struct hc_arena a;
	struct stored s;
	char id[37];

	/* isolated 10:00, shut down 10:30, connected 12:00, on 13:00:
	 * 10:00 -> 13:00 = 3 h = 10 800 s */
	case_in(fx, "2026-11-20T09:50:00+09:00", fx->jp6, "confirmed", id);
	ok(c_step(fx, "2026-11-20T10:00:00+09:00", id, "isolate", NULL, NULL, false), &E);
	ok(c_step(fx, "2026-11-20T10:30:00+09:00", id, "shutdown", NULL, NULL, false), &E);
	ok(c_step(fx, "2026-11-20T10:40:00+09:00", id, "contact", NULL, NULL, false), &E);
	ok(c_step(fx, "2026-11-20T10:50:00+09:00", id, "self-handling", NULL, NULL, false), &E);
	ok(c_step(fx, "2026-11-20T12:00:00+09:00", id, "restore-network", NULL, NULL, false), &E);
	ok(c_step(fx, "2026-11-20T13:00:00+09:00", id, "power-on", NULL, NULL, false), &E);
	load(fx, id, &s);
	assert_int_equal(s.in.ended_at - s.in.started_at, 10800);

	ok(hc_store_profile(&fx->st, JECC, &jecc, &E), &E);
	span.start = s.in.started_at;
	span.end = s.in.ended_at;
	span.cause = s.in.cause;
	span.ref = "incidents/x.yaml";
	span.planned = false;
	hc_arena_init(&a);
	assert_int_equal(hc_month_parse("2026-11", 540, &m), 0);
	hc_sla_compute(&jecc->sla, &m, HC_TIME_NONE, HC_TIME_NONE, false, &span, 1, HC_INT_NONE,
		       T("2026-12-01T00:00:00+09:00"), &a, &r);
	assert_true(r.has_sla);
	assert_int_equal(r.excluded_seconds, 10800);
	assert_int_equal(r.counted_seconds, 0);
	assert_int_equal(r.refund_percent, 0);
	assert_int_equal(r.availability_ppm, 1000000);
	assert_int_equal(r.nexcluded, 1);
	assert_int_equal(r.excluded[0].item, 9);
	assert_string_equal(r.excluded[0].cause, "customer-compromise");
	assert_string_equal(r.excluded[0].item_cause, "not-attributable");

	/* the same outage of the provider's hardware would be counted:
	 * 10 800 s <= 25 920 s: 3 % */
	span.cause = "hardware";
	hc_sla_compute(&jecc->sla, &m, HC_TIME_NONE, HC_TIME_NONE, false, &span, 1, HC_INT_NONE,
		       T("2026-12-01T00:00:00+09:00"), &a, &r);
	assert_int_equal(r.counted_seconds, 10800);
	assert_int_equal(r.excluded_seconds, 0);
	assert_int_equal(r.refund_percent, 3);
	hc_arena_release(&a);
	unload(&s);
	assert_valid(&fx->st);
}

struct report_row {
	int rows;
	int64_t counted, excluded, refund;
};

static int on_row(const struct hc_sla_row *row, void *ctx)
{
	struct report_row *x = ctx;

	x->rows++;
	x->counted = row->sla.counted_seconds;
	x->excluded = row->sla.excluded_seconds;
	x->refund = row->sla.refund_percent;
	return 0;
}

static void test_sla_report_jecc(void **state)
{
	struct fixture *fx = *state;
	struct hc_sla_options o;
	struct report_row x;
	char id[37];

	/* a jecc server isolated 10:00 -> 11:30 = 5 400 s, by the report */
	case_in(fx, "2026-11-20T09:50:00+09:00", fx->jecc, "confirmed", id);
	ok(c_step(fx, "2026-11-20T10:00:00+09:00", id, "isolate", NULL, NULL, false), &E);
	ok(c_step(fx, "2026-11-20T10:10:00+09:00", id, "contact", NULL, NULL, false), &E);
	ok(c_step(fx, "2026-11-20T10:20:00+09:00", id, "self-handling", NULL, NULL, false), &E);
	ok(c_step(fx, "2026-11-20T11:30:00+09:00", id, "restore-network", NULL, NULL, false), &E);
	note_is(&R.notes, "ends: 90 min");

	memset(&o, 0, sizeof(o));
	o.scope = HC_SLA_SERVER;
	o.what = fx->jecc;
	o.now = T("2026-12-01T00:00:00+09:00");
	assert_int_equal(hc_month_parse("2026-11", 540, &o.month), 0);
	memset(&x, 0, sizeof(x));
	ok(hc_sla_report(&fx->st, &o, on_row, &x, &E), &E);
	assert_int_equal(x.rows, 1);
	assert_int_equal(x.excluded, 5400);
	assert_int_equal(x.counted, 0);
	assert_int_equal(x.refund, 0);
	assert_valid(&fx->st);
}

int main(void)
{
#define T_(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T_(test_catalog_facts),
		cmocka_unit_test(test_next_steps_table),
		T_(test_second_containment),
		T_(test_dismiss_while_contained),
		T_(test_reinstall_os_requires_options),
		T_(test_containment_notices),
		T_(test_evidence_outside_case),
		T_(test_every_transition),
		T_(test_step_usage),
		T_(test_isolate_shutdown_incident),
		T_(test_restore_order_reversed),
		T_(test_resolve_while_isolated),
		T_(test_isolate_resets_firewall),
		T_(test_isolate_keeps_firewall_without_reset),
		T_(test_profile_actions),
		T_(test_reinstall_next_business_day),
		T_(test_reinstall_recovery_point),
		T_(test_reinstall_end_of_support),
		T_(test_rescue_menus),
		T_(test_rescue_without_profile),
		T_(test_rescue_end_of_support),
		T_(test_rescue_after_hours),
		cmocka_unit_test(test_sha256_vectors),
		T_(test_evidence_roundtrip),
		T_(test_evidence_large),
		T_(test_evidence_damaged),
		T_(test_evidence_unsafe_path),
		T_(test_sla_exclusion),
		T_(test_sla_report_jecc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
