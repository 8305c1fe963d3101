/*
 * test_advisory.c - hostctl security-update (lib/advisory.c): which servers
 * the provider patches for an advisory (000 §2.6-1-1, §2.6.1.1.1), which
 * are the customer's with the OS's update policy (001 OSのセキュリティ対応
 * について; 004 §2.1.3 (2)), and the flow of 000 §2.6.1.1.2 (項番3 mail and
 * candidate work dates, 項番4 the update) with its announced maintenance
 * window, which the SLA report excludes.
 *
 * Catalog facts used (pinned by test_catalog_facts):
 *   clara-jp6: applied by the provider; level high: every server; level
 *     medium: only with the option security-update; a 60-minute window;
 *     the 項番3 mail goes to the contract e-mail.
 *   smartconnect-managed: applied by the provider, no levels (002 §2.2.11):
 *     every server.
 *   webarena, jecc-waterpf: applied by the customer (001; 004 §2.1.3 (2)),
 *     with each OS's update_policy.
 *
 * Calendar: 2026-11-21 is a Saturday; the provider's zone is +09:00, so
 * 2026-11-26T00:30+09:00 is 2026-11-25T15:30Z but the work date 11-26.
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

#include "hostctl/advisory.h"
#include "hostctl/catalog.h"
#include "hostctl/customer.h"
#include "hostctl/incident.h"
#include "hostctl/server.h"
#include "hostctl/sla.h"
#include "hostctl/store.h"
#include "hostctl/validate.h"

#include "testutil.h"

#define NOW "2026-11-21T10:00:00+09:00"
#define ADV "CVE-2026-4242"

struct fixture {
	char dir[64];
	struct hc_store st;
	char jp6[37];                    /* acme, clara-jp6, rhel-9 */
	char jp6_su[37];                 /* acme, clara-jp6, rhel-9, security-update */
	char jp6_win[37];                /* bare, clara-jp6, windows-server-2022 */
	char jp6_gone[37];               /* acme, clara-jp6, rhel-9, cancelled */
	char wa_centos[37];              /* acme, webarena, centos-7 */
	char wa_win[37];                 /* bare, webarena, windows-server-2022-standard */
	char jecc[37];                   /* acme, jecc-waterpf, rocky-9 */
	char jecc_rhel[37];              /* acme, jecc-waterpf, rhel-9 */
	char smc[37];                    /* bare, smartconnect-managed, centos-6 */
};

static struct hc_advisory_result R;
static struct hc_error E;

/* ---- helpers ----------------------------------------------------------------- */

static void fresh(void)
{
	hc_advisory_result_release(&R);
	hc_advisory_result_init(&R);
	hc_error_clear(&E);
}

static void customer(struct fixture *fx, const char *id, const char *contract, const char *mon)
{
	struct hc_customer c;

	hc_record_init(&hc_customer_schema, &c);
	c.id = id;
	c.name = id;
	c.contract_email = contract;
	c.monitoring_email = mon;
	save_customer(&fx->st, T("2026-10-01T09:00:00+09:00"), &c);
}

/* Orders and hands over a server; id receives its id. options: NULL-ended. */
static void server(struct fixture *fx, const char *cust, const char *prof, const char *plan,
		   const char *os, const char *const *options, char id[37])
{
	struct hc_order ord = base_order(cust, prof, plan, T("2026-10-01T10:00:00+09:00"),
					 "test-advisory");

	ord.os = os;
	hand_over(&fx->st, &ord, options, T("2026-10-20T10:00:00+09:00"), id, 37);
}

static const char *const SU[] = { "security-update", NULL };
static const char *const FW[] = { "dedicated-firewall", NULL };
static const char *const COS[] = { "commercial-os", NULL };

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct hc_server_result res;
	struct hc_txn_options o;
	struct hc_error err;
	hc_day eff;

	state_new(fx->dir, sizeof(fx->dir), "adv", &fx->st);
	customer(fx, "acme", "keiyaku@acme.example.jp", "noc@acme.example.jp");
	customer(fx, "bare", NULL, "noc@bare.example.jp");
	server(fx, "acme", "clara-jp6", "standard", "rhel-9", NULL, fx->jp6);
	server(fx, "acme", "clara-jp6", "standard", "rhel-9", SU, fx->jp6_su);
	server(fx, "bare", "clara-jp6", "standard", "windows-server-2022", FW, fx->jp6_win);
	server(fx, "acme", "clara-jp6", "standard", "rhel-9", SU, fx->jp6_gone);
	server(fx, "acme", "webarena", "standard", "centos-7", NULL, fx->wa_centos);
	server(fx, "bare", "webarena", "standard", "windows-server-2022-standard", NULL, fx->wa_win);
	server(fx, "acme", "jecc-waterpf", "1cpu-2gb", "rocky-9", NULL, fx->jecc);
	server(fx, "acme", "jecc-waterpf", "1cpu-2gb", "rhel-9", COS, fx->jecc_rhel);
	server(fx, "bare", "smartconnect-managed", "A", NULL, NULL, fx->smc);

	/* jp6_gone: cancelled on 2026-11-15 (filed in October, 000 §4.3). */
	hc_server_result_init(&res);
	o = txo(T("2026-10-21T10:00:00+09:00"));
	hc_day_parse("2026-11-15", &eff);
	if (hc_server_cancel(&fx->st, &o, fx->jp6_gone, o.now, eff, &res, NULL, &err))
		report_error(&err), fail();
	hc_server_result_release(&res);
	hc_server_result_init(&res);
	o = txo(T("2026-11-16T10:00:00+09:00"));
	if (hc_server_sweep(&fx->st, &o, o.now, &res, NULL, &err))
		report_error(&err), fail();
	assert_int_equal(res.ids.n, 1);
	hc_server_result_release(&res);

	hc_advisory_result_init(&R);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	hc_advisory_result_release(&R);
	state_remove(&fx->st, fx->dir);
	free(fx);
	return 0;
}

/* Records advisory id at level for the OS names (NULL-ended). */
static int adv_new(struct fixture *fx, const char *now, const char *id, const char *level,
		   const char *const *os)
{
	struct hc_txn_options o = txo(T(now));
	struct hc_advisory adv;

	fresh();
	hc_record_init(&hc_advisory_schema, &adv);
	adv.id = id;
	adv.level = level;
	for (size_t i = 0; os && os[i]; i++)
		hc_strs_push(&R.arena, &adv.os, os[i]);
	adv.package = "openssl";
	adv.summary = "openssl: remote code execution";
	adv.created_at = o.now;
	return hc_advisory_new(&fx->st, &o, &adv, &R, NULL, &E);
}

/* One step; candidates "a,b" or NULL; at NULL for none. */
static int adv_step(struct fixture *fx, const char *now, const char *srv, const char *step,
		    const char *candidates, const char *at)
{
	struct hc_txn_options o = txo(T(now));
	struct hc_strs c;
	char buf[256];

	fresh();
	memset(&c, 0, sizeof(c));
	if (candidates) {
		char *save = NULL;

		snprintf(buf, sizeof(buf), "%s", candidates);
		for (char *p = strtok_r(buf, ",", &save); p; p = strtok_r(NULL, ",", &save))
			hc_strs_push(&R.arena, &c, hc_arena_strdup(&R.arena, p));
	}
	return hc_advisory_step(&fx->st, &o, ADV, srv, step, &c, at ? T(at) : HC_TIME_NONE, NULL, &R,
				NULL, &E);
}

static int adv_decline(struct fixture *fx, const char *now, const char *srv, const char *reason)
{
	struct hc_txn_options o = txo(T(now));

	fresh();
	return hc_advisory_step(&fx->st, &o, ADV, srv, "decline", NULL, HC_TIME_NONE, reason, &R,
				NULL, &E);
}

/* The update of server srv in R (fails when there is none). */
static const struct hc_update *upd(const char *srv)
{
	for (size_t i = 0; i < R.updates.n; i++) {
		const struct hc_update *u = HC_LIST_AT(R.updates, struct hc_update, i);

		if (!strcmp(u->server, srv))
			return u;
	}
	fail_msg("no update for server %s", srv);
	return NULL;
}

static bool has_update(const char *srv)
{
	for (size_t i = 0; i < R.updates.n; i++)
		if (!strcmp(HC_LIST_AT(R.updates, struct hc_update, i)->server, srv))
			return true;
	return false;
}

static void status_is(const char *srv, int status, const char *reason)
{
	const struct hc_update *u = upd(srv);

	if (u->status != status)
		fail_msg("server %s: %s, want %s", srv, hc_update_status_names[u->status],
			 hc_update_status_names[status]);
	if (reason && (!u->reason || !strstr(u->reason, reason)))
		fail_msg("server %s: reason '%s' does not say '%s'", srv, u->reason ? u->reason : "",
			 reason);
}

/* The update as stored in updates/<ADV>.<srv>.yaml. */
struct stored {
	struct hc_arena a;
	struct hc_update u;
	struct hc_maintenance m;
};

static void load(struct fixture *fx, const char *srv, struct stored *s)
{
	char id[128];

	hc_arena_init(&s->a);
	hc_record_init(&hc_update_schema, &s->u);
	hc_record_init(&hc_maintenance_schema, &s->m);
	snprintf(id, sizeof(id), "%s.%s", ADV, srv);
	load_record(&fx->st, &hc_update_schema, HC_UPDATES_DIR, id, &s->u, &s->a);
	if (s->u.maintenance)
		load_record(&fx->st, &hc_maintenance_schema, HC_MAINTENANCE_DIR, s->u.maintenance,
			    &s->m, &s->a);
}

static const struct hc_update_event *event_is(const struct hc_update *u, size_t i,
					      const char *action, const char *at)
{
	const struct hc_update_event *e;

	assert_true(i < u->events.n);
	e = HC_LIST_AT(u->events, struct hc_update_event, i);
	assert_string_equal(e->action, action);
	assert_string_equal(e->by, "tester");
	assert_string_equal(TS(e->at), at);
	return e;
}

/* Every OS of the fixture's servers. */
static const char *const ALL_OS[] = {
	"rhel-9", "windows-server-2022", "centos-7", "windows-server-2022-standard", "rocky-9",
	"centos-6", NULL
};
static const char *const RHEL9[] = { "rhel-9", NULL };

/* ---- the seeds --------------------------------------------------------------- */

static void test_catalog_facts(void **state)
{
	struct fixture *fx = *state;
	const struct hc_profile *p;
	const struct hc_security_level *l;

	ok(hc_store_profile(&fx->st, "clara-jp6", &p, &E), &E);
	assert_int_equal(p->security_updates.applied_by, HC_PARTY_PROVIDER);
	assert_int_equal(p->security_updates.outage_minutes, 60);
	assert_int_equal(p->security_updates.levels.n, 2);
	l = HC_LIST_AT(p->security_updates.levels, struct hc_security_level, 0);
	assert_string_equal(l->level, "high");
	assert_string_equal(l->scope, "all");
	l = HC_LIST_AT(p->security_updates.levels, struct hc_security_level, 1);
	assert_string_equal(l->level, "medium");
	assert_string_equal(l->scope, "option");
	assert_string_equal(l->requires_option, "security-update");
	assert_non_null(strstr(p->security_updates.source, "§2.6.1.1.1"));

	ok(hc_store_profile(&fx->st, "smartconnect-managed", &p, &E), &E);
	assert_int_equal(p->security_updates.applied_by, HC_PARTY_PROVIDER);
	assert_int_equal(p->security_updates.levels.n, 0);

	ok(hc_store_profile(&fx->st, "webarena", &p, &E), &E);
	assert_int_equal(p->security_updates.applied_by, HC_PARTY_CUSTOMER);
	assert_non_null(strstr(hc_profile_os(p, "centos-7")->update_policy, "except kernel"));
	assert_non_null(strstr(hc_profile_os(p, "windows-server-2022-standard")->update_policy,
			       "notify-only"));

	ok(hc_store_profile(&fx->st, "jecc-waterpf", &p, &E), &E);
	assert_int_equal(p->security_updates.applied_by, HC_PARTY_CUSTOMER);
	assert_non_null(strstr(p->security_updates.source, "004 §2.1.3 (2)"));
}

/* ---- which servers ------------------------------------------------------------ */

static void test_high_every_provider_server(void **state)
{
	struct fixture *fx = *state;
	char path[256];

	ok(adv_new(fx, NOW, ADV, "high", ALL_OS), &E);
	/* 高 (標準提供): 全サーバを対象 (000 §2.6.1.1.1), with or without the option. */
	status_is(fx->jp6, HC_UPD_PENDING, "level high: every server (000 §2.6-1-1, §2.6.1.1.1)");
	status_is(fx->jp6_su, HC_UPD_PENDING, "level high: every server");
	status_is(fx->jp6_win, HC_UPD_PENDING, "level high: every server");
	status_is(fx->smc, HC_UPD_PENDING, "the provider applies security patches (002 §2.2.11");
	/* The customer's, whatever the level. */
	status_is(fx->wa_centos, HC_UPD_CUSTOMER, "the customer applies updates (001");
	status_is(fx->wa_win, HC_UPD_CUSTOMER, "the customer applies updates (001");
	status_is(fx->jecc, HC_UPD_CUSTOMER, "the customer applies updates (004 §2.1.3 (2)");
	status_is(fx->jecc_rhel, HC_UPD_CUSTOMER, NULL);
	/* A cancelled server is left out. */
	assert_false(has_update(fx->jp6_gone));
	assert_int_equal(R.updates.n, 8);

	/* One record per server, and the advisory. */
	assert_int_equal(count_records(&fx->st, HC_UPDATES_DIR), 8);
	snprintf(path, sizeof(path), "%s/%s.yaml", HC_ADVISORIES_DIR, ADV);
	assert_true(hc_store_exists(&fx->st, path));
	for (size_t i = 0; i < R.updates.n; i++) {
		const struct hc_update *u = HC_LIST_AT(R.updates, struct hc_update, i);

		snprintf(path, sizeof(path), "%s/%s.%s.yaml", HC_UPDATES_DIR, ADV, u->server);
		assert_true(hc_store_exists(&fx->st, path));
		assert_int_equal(u->events.n, 1);
		event_is(u, 0, "recorded", NOW);
		assert_null(u->maintenance);
	}
	assert_string_equal(upd(fx->jp6_win)->customer, "bare");
	assert_string_equal(upd(fx->jp6)->customer, "acme");
	assert_valid(&fx->st);
}

static void test_medium_needs_the_option(void **state)
{
	struct fixture *fx = *state;

	ok(adv_new(fx, NOW, ADV, "medium", ALL_OS), &E);
	/* 中: セキュリティアップデートサービスをご契約のお客様のみ (000 §2.6.1.1.1). */
	status_is(fx->jp6_su, HC_UPD_PENDING, "level medium: option 'security-update'");
	status_is(fx->jp6, HC_UPD_NOT_COVERED, "level medium needs the option 'security-update'");
	status_is(fx->jp6_win, HC_UPD_NOT_COVERED, "needs the option 'security-update'");
	/* No levels: the provider patches everything (002 §2.2.11). */
	status_is(fx->smc, HC_UPD_PENDING, "002 §2.2.11");
	status_is(fx->wa_centos, HC_UPD_CUSTOMER, NULL);
	status_is(fx->jecc, HC_UPD_CUSTOMER, NULL);
	assert_valid(&fx->st);
}

static void test_affected_os_only(void **state)
{
	struct fixture *fx = *state;
	static const char *const rocky[] = { "rocky-9", NULL };
	static const char *const none[] = { "freebsd-14", NULL };

	ok(adv_new(fx, NOW, ADV, "high", RHEL9), &E);
	assert_int_equal(R.updates.n, 3);        /* jp6, jp6_su, jecc_rhel; not jp6_gone */
	status_is(fx->jp6, HC_UPD_PENDING, NULL);
	status_is(fx->jp6_su, HC_UPD_PENDING, NULL);
	status_is(fx->jecc_rhel, HC_UPD_CUSTOMER, NULL);
	assert_false(has_update(fx->jp6_win));
	assert_false(has_update(fx->jecc));

	ok(adv_new(fx, NOW, "CVE-2026-0002", "medium", rocky), &E);
	assert_int_equal(R.updates.n, 1);
	status_is(fx->jecc, HC_UPD_CUSTOMER, NULL);

	/* No server runs it: the advisory alone. */
	ok(adv_new(fx, NOW, "CVE-2026-0003", "high", none), &E);
	assert_int_equal(R.updates.n, 0);
	assert_int_equal(count_records(&fx->st, HC_ADVISORIES_DIR), 3);
	assert_int_equal(count_records(&fx->st, HC_UPDATES_DIR), 4);
	assert_valid(&fx->st);
}

/* The customer's updates say how that OS is updated. */
static void test_customer_listing_with_os_policy(void **state)
{
	struct fixture *fx = *state;
	const struct hc_update *u;

	ok(adv_new(fx, NOW, ADV, "high", ALL_OS), &E);
	/* 001: CentOS パッケージアップデートが自動, カーネル関連のみ自動ではない. */
	u = upd(fx->wa_centos);
	assert_non_null(strstr(u->reason, "001 OSのセキュリティ対応について"));
	assert_non_null(strstr(u->reason, "; automatic package updates from the NTTPC update server, "
					  "except kernel packages"));
	/* 001: Windows Server アップデートは「通知のみ」. */
	u = upd(fx->wa_win);
	assert_non_null(strstr(u->reason, "notify-only (no automatic installation)"));
	/* 004 §2.1.3 (2): サービス利用者がセキュリティパッチの検討や適用を実施. */
	u = upd(fx->jecc);
	assert_non_null(strstr(u->reason, "004 §2.1.3 (2)"));
	assert_non_null(strstr(u->reason, "customer considers and applies OS security patches"));

	/* status lists the same, read back from the files. */
	fresh();
	ok(hc_advisory_status(&fx->st, ADV, &R, &E), &E);
	assert_string_equal(R.advisory.id, ADV);
	assert_string_equal(R.advisory.level, "high");
	assert_string_equal(R.advisory.package, "openssl");
	assert_int_equal(R.advisory.os.n, 6);
	assert_int_equal(R.updates.n, 8);
	status_is(fx->wa_win, HC_UPD_CUSTOMER, "notify-only");
	status_is(fx->jp6, HC_UPD_PENDING, NULL);
}

static void test_new_errors(void **state)
{
	struct fixture *fx = *state;
	static const char *const no_os[] = { NULL };
	char longid[100];

	/* The levels are the catalog's (clara-jp6: 000 §2.6.1.1.1). */
	usage(adv_new(fx, NOW, ADV, "low", RHEL9), &E,
	      "--level: no profile has level 'low' (levels: high, medium)");
	usage(adv_new(fx, NOW, ADV, "High", RHEL9), &E, "no profile has level 'High'");
	usage(adv_new(fx, NOW, ADV, "a/b", RHEL9), &E, "invalid level 'a/b'");
	usage(adv_new(fx, NOW, ADV, "high", no_os), &E, "--os names the affected OS");
	usage(adv_new(fx, NOW, "../CVE", "high", RHEL9), &E, "invalid advisory id");
	usage(adv_new(fx, NOW, "CVE 1", "high", RHEL9), &E, "invalid advisory id");
	memset(longid, 'a', 81);
	longid[81] = '\0';
	usage(adv_new(fx, NOW, longid, "high", RHEL9), &E, "invalid advisory id");
	assert_int_equal(count_records(&fx->st, HC_ADVISORIES_DIR), 0);

	ok(adv_new(fx, NOW, ADV, "high", RHEL9), &E);
	assert_int_equal(adv_new(fx, NOW, ADV, "medium", RHEL9), HC_ECONFLICT);
	assert_non_null(strstr(E.msg, "advisory '" ADV "' is recorded already"));
	assert_int_equal(count_records(&fx->st, HC_UPDATES_DIR), 3);

	fresh();
	assert_int_equal(hc_advisory_status(&fx->st, "CVE-1999-0001", &R, &E), HC_ENOTFOUND);
	assert_non_null(strstr(E.msg, "no advisory 'CVE-1999-0001'"));
}

/* A level is data: one profile's level is not another's. */
static void test_levels_are_data(void **state)
{
	struct fixture *fx = *state;
	const char *anchor = "security_updates:\n  applied_by: provider\n";
	const char *levels = "  levels:\n    - level: critical\n      title: \"test\"\n      scope: all\n";
	struct hc_buf b = HC_BUF_INIT;
	char path[128];
	const char *at;
	FILE *f;

	/* smartconnect-managed gets a level of its own, 'critical'. */
	snprintf(path, sizeof(path), "%s/catalog/smartconnect-managed.yaml", fx->dir);
	ok(hc_store_read(&fx->st, "catalog/smartconnect-managed.yaml", &b, &E), &E);
	at = strstr(b.p, anchor);
	assert_non_null(at);
	assert_non_null(f = fopen(path, "w"));
	fwrite(b.p, 1, (size_t)(at - b.p) + strlen(anchor), f);
	fputs(levels, f);
	fputs(at + strlen(anchor), f);
	assert_int_equal(fclose(f), 0);
	hc_buf_release(&b);
	hc_store_release(&fx->st);
	ok(hc_store_open(&fx->st, fx->dir, &E), &E);

	usage(adv_new(fx, NOW, ADV, "low", RHEL9), &E, "(levels: high, medium, critical)");
	ok(adv_new(fx, NOW, ADV, "critical", ALL_OS), &E);
	status_is(fx->smc, HC_UPD_PENDING, "level critical: every server");
	/* clara-jp6 applies high and medium only (000 §2.6.1.1.1). */
	status_is(fx->jp6, HC_UPD_NOT_COVERED,
		  "level critical is none of the levels the provider applies (high, medium) (000 §2.6-1-1");
	status_is(fx->jp6_su, HC_UPD_NOT_COVERED, "none of the levels");
	status_is(fx->wa_centos, HC_UPD_CUSTOMER, NULL);
	/* And medium is nothing smartconnect applies now. */
	ok(adv_new(fx, NOW, "CVE-2026-0002", "medium", ALL_OS), &E);
	status_is(fx->smc, HC_UPD_NOT_COVERED, "level medium is none of the levels the provider applies (critical)");
	status_is(fx->jp6_su, HC_UPD_PENDING, NULL);
}

static void test_dry_run_writes_nothing(void **state)
{
	struct fixture *fx = *state;
	struct hc_txn_options o = txo(T(NOW));
	struct hc_buf report = HC_BUF_INIT;
	struct hc_advisory adv;

	fresh();
	o.dry_run = true;
	hc_record_init(&hc_advisory_schema, &adv);
	adv.id = ADV;
	adv.level = "high";
	hc_strs_push(&R.arena, &adv.os, "rhel-9");
	adv.summary = "x";
	adv.created_at = o.now;
	ok(hc_advisory_new(&fx->st, &o, &adv, &R, &report, &E), &E);
	assert_int_equal(R.updates.n, 3);
	assert_non_null(strstr(report.p, "+++ b/advisories/" ADV ".yaml"));
	assert_non_null(strstr(report.p, "+++ b/updates/" ADV "."));
	assert_int_equal(count_records(&fx->st, HC_ADVISORIES_DIR), 0);
	assert_int_equal(count_records(&fx->st, HC_UPDATES_DIR), 0);
	hc_buf_release(&report);
}

/* An advisory whose id extends another's with a dot has its own updates. */
static void test_status_of_dotted_ids(void **state)
{
	struct fixture *fx = *state;
	static const char *const win[] = { "windows-server-2022", NULL };

	ok(adv_new(fx, NOW, ADV, "high", RHEL9), &E);
	ok(adv_new(fx, NOW, ADV ".1", "high", win), &E);
	fresh();
	ok(hc_advisory_status(&fx->st, ADV, &R, &E), &E);
	assert_int_equal(R.updates.n, 3);
	assert_false(has_update(fx->jp6_win));
	fresh();
	ok(hc_advisory_status(&fx->st, ADV ".1", &R, &E), &E);
	assert_int_equal(R.updates.n, 1);
	assert_true(has_update(fx->jp6_win));
	assert_valid(&fx->st);
}

/* ---- the flow (000 §2.6.1.1.2) ------------------------------------------------- */

static void test_flow(void **state)
{
	struct fixture *fx = *state;
	const struct hc_update_event *e;
	struct stored s;

	ok(adv_new(fx, "2026-11-20T09:00:00+09:00", ADV, "medium", ALL_OS), &E);

	/* 項番3: the mail, to the contract e-mail; candidate dates proposed. */
	ok(adv_step(fx, NOW, fx->jp6_su, "notify", "2026-11-25,2026-11-26", NULL), &E);
	status_is(fx->jp6_su, HC_UPD_NOTIFIED, NULL);
	assert_true(has_note(&R.notes,
			     "tell contract-email keiyaku@acme.example.jp of security-update "
			     "(000 §2.6.1.1.2 項番3)"));
	load(fx, fx->jp6_su, &s);
	assert_int_equal(s.u.status, HC_UPD_NOTIFIED);
	assert_int_equal(s.u.candidates.n, 2);
	assert_string_equal(s.u.candidates.v[0], "2026-11-25");
	assert_string_equal(s.u.candidates.v[1], "2026-11-26");
	e = event_is(&s.u, 1, "notified", NOW);
	assert_non_null(strstr(e->detail, "項番3"));
	assert_non_null(strstr(e->detail, "candidate dates 2026-11-25, 2026-11-26"));
	assert_null(s.u.maintenance);
	hc_arena_release(&s.a);
	assert_valid(&fx->st);

	/* The customer picks 11-25, 22:00: an announced maintenance window of
	 * the profile's 60 minutes. */
	ok(adv_step(fx, "2026-11-22T11:00:00+09:00", fx->jp6_su, "schedule", NULL,
		    "2026-11-25T22:00:00+09:00"), &E);
	status_is(fx->jp6_su, HC_UPD_SCHEDULED, NULL);
	load(fx, fx->jp6_su, &s);
	assert_string_equal(TS(s.u.scheduled_at), "2026-11-25T22:00:00+09:00");
	assert_non_null(s.u.maintenance);
	assert_string_equal(s.m.id, s.u.maintenance);
	assert_string_equal(s.m.server, fx->jp6_su);
	assert_string_equal(s.m.kind, "security-update");
	assert_string_equal(TS(s.m.starts_at), "2026-11-25T22:00:00+09:00");
	assert_string_equal(TS(s.m.ends_at), "2026-11-25T23:00:00+09:00");
	assert_string_equal(TS(s.m.announced_at), "2026-11-22T11:00:00+09:00");
	assert_string_equal(s.m.cause, HC_CAUSE_ANNOUNCED_MAINTENANCE);
	assert_string_equal(s.m.reference, s.u.id);
	assert_true(!strncmp(s.u.id, ADV ".", strlen(ADV ".")) && !strcmp(s.u.id + strlen(ADV "."), fx->jp6_su));
	hc_arena_release(&s.a);
	assert_valid(&fx->st);

	/* 項番4, at 22:10 in the window, recorded the next morning. */
	ok(adv_step(fx, "2026-11-26T09:00:00+09:00", fx->jp6_su, "apply", NULL,
		    "2026-11-25T22:10:00+09:00"), &E);
	status_is(fx->jp6_su, HC_UPD_APPLIED, NULL);
	load(fx, fx->jp6_su, &s);
	assert_string_equal(TS(s.u.applied_at), "2026-11-25T22:10:00+09:00");
	assert_int_equal(s.u.events.n, 4);
	event_is(&s.u, 0, "recorded", "2026-11-20T09:00:00+09:00");
	event_is(&s.u, 1, "notified", NOW);
	e = event_is(&s.u, 2, "scheduled", "2026-11-22T11:00:00+09:00");
	assert_non_null(strstr(e->detail, "work date 2026-11-25"));
	e = event_is(&s.u, 3, "applied", "2026-11-26T09:00:00+09:00");
	assert_non_null(strstr(e->detail, "項番4"));
	hc_arena_release(&s.a);

	/* Nothing else moved. */
	fresh();
	ok(hc_advisory_status(&fx->st, ADV, &R, &E), &E);
	status_is(fx->smc, HC_UPD_PENDING, NULL);
	status_is(fx->jp6, HC_UPD_NOT_COVERED, NULL);
	assert_int_equal(count_records(&fx->st, HC_MAINTENANCE_DIR), 1);
	assert_valid(&fx->st);
}

static void test_out_of_order_refused(void **state)
{
	struct fixture *fx = *state;
	const char *rule = "000 §2.6.1.1.2";

	ok(adv_new(fx, NOW, ADV, "high", RHEL9), &E);
	/* pending: neither schedule nor apply. */
	refused(adv_step(fx, NOW, fx->jp6, "schedule", "2026-11-25", "2026-11-25T22:00:00+09:00"),
		&E, rule, "is pending; 'schedule' comes after the customer was notified");
	refused(adv_step(fx, NOW, fx->jp6, "apply", NULL, NULL), &E, rule,
		"is pending; 'apply' comes once scheduled");
	ok(adv_step(fx, NOW, fx->jp6, "notify", "2026-11-25", NULL), &E);
	/* notified: not again, not applied yet. */
	refused(adv_step(fx, NOW, fx->jp6, "notify", "2026-11-25", NULL), &E, rule,
		"is notified; 'notify' comes while pending");
	refused(adv_step(fx, NOW, fx->jp6, "apply", NULL, NULL), &E, rule,
		"is notified; 'apply' comes once scheduled");
	ok(adv_step(fx, NOW, fx->jp6, "schedule", NULL, "2026-11-25T22:00:00+09:00"), &E);
	refused(adv_step(fx, NOW, fx->jp6, "schedule", NULL, "2026-11-25T23:00:00+09:00"), &E, rule,
		"is scheduled; 'schedule' comes after the customer was notified");
	refused(adv_step(fx, NOW, fx->jp6, "notify", NULL, NULL), &E, rule, "is scheduled");
	ok(adv_step(fx, "2026-11-25T23:00:00+09:00", fx->jp6, "apply", NULL, NULL), &E);
	refused(adv_step(fx, "2026-11-25T23:00:00+09:00", fx->jp6, "apply", NULL, NULL), &E, rule,
		"is applied; 'apply' comes once scheduled");
	/* The refusals wrote nothing: one window, four events. */
	assert_int_equal(count_records(&fx->st, HC_MAINTENANCE_DIR), 1);
	{
		struct stored s;

		load(fx, fx->jp6, &s);
		assert_int_equal(s.u.events.n, 4);
		assert_int_equal(s.u.status, HC_UPD_APPLIED);
		assert_string_equal(TS(s.u.applied_at), "2026-11-25T23:00:00+09:00");
		hc_arena_release(&s.a);
	}
	/* An unknown step. */
	usage(adv_step(fx, NOW, fx->jp6_su, "cancel", NULL, NULL), &E, "no step 'cancel'");
	assert_valid(&fx->st);
}

static void test_schedule_picks_a_candidate(void **state)
{
	struct fixture *fx = *state;
	struct stored s;

	ok(adv_new(fx, NOW, ADV, "high", RHEL9), &E);
	ok(adv_step(fx, NOW, fx->jp6, "notify", "2026-11-25,2026-11-26", NULL), &E);
	/* Not a candidate date. */
	refused(adv_step(fx, NOW, fx->jp6, "schedule", NULL, "2026-11-27T22:00:00+09:00"), &E,
		"000 §2.6.1.1.2 項番3", "2026-11-27 is not one of the candidate dates (2026-11-25, 2026-11-26)");
	/* The date is the provider's: 11-26 00:30 +09:00 is 11-25 in UTC, and
	 * 23:59 on 11-24 is not 11-25. */
	refused(adv_step(fx, NOW, fx->jp6, "schedule", NULL, "2026-11-24T23:59:00+09:00"), &E,
		"000 §2.6.1.1.2", "2026-11-24 is not one of");
	refused(adv_step(fx, NOW, fx->jp6, "schedule", NULL, "2026-11-26T15:00:00Z"), &E,
		"000 §2.6.1.1.2", "2026-11-27 is not one of");
	assert_int_equal(count_records(&fx->st, HC_MAINTENANCE_DIR), 0);
	ok(adv_step(fx, NOW, fx->jp6, "schedule", NULL, "2026-11-25T15:30:00Z"), &E);
	load(fx, fx->jp6, &s);
	assert_string_equal(TS(s.u.scheduled_at), "2026-11-26T00:30:00+09:00");
	assert_string_equal(TS(s.m.starts_at), "2026-11-26T00:30:00+09:00");
	assert_string_equal(TS(s.m.ends_at), "2026-11-26T01:30:00+09:00");
	hc_arena_release(&s.a);
	assert_valid(&fx->st);
}

/* 作業日候補日をご返信頂く (項番3): the dates may come with the reply. */
static void test_candidates_from_the_reply(void **state)
{
	struct fixture *fx = *state;
	struct stored s;

	ok(adv_new(fx, NOW, ADV, "high", RHEL9), &E);
	ok(adv_step(fx, NOW, fx->jp6, "notify", NULL, NULL), &E);
	load(fx, fx->jp6, &s);
	assert_int_equal(s.u.candidates.n, 0);
	assert_string_equal(HC_LIST_AT(s.u.events, struct hc_update_event, 1)->detail,
			    "mail announcing the update (000 §2.6.1.1.2 項番3)");
	hc_arena_release(&s.a);
	/* No dates at all: usage. */
	usage(adv_step(fx, NOW, fx->jp6, "schedule", NULL, "2026-11-25T22:00:00+09:00"), &E,
	      "schedule needs --candidates");
	/* The reply's dates, and one of them. */
	refused(adv_step(fx, NOW, fx->jp6, "schedule", "2026-11-30,2026-12-01",
			 "2026-11-25T22:00:00+09:00"), &E, "項番3",
		"not one of the candidate dates (2026-11-30, 2026-12-01)");
	ok(adv_step(fx, NOW, fx->jp6, "schedule", "2026-11-30,2026-12-01",
		    "2026-12-01T02:00:00+09:00"), &E);
	load(fx, fx->jp6, &s);
	assert_int_equal(s.u.candidates.n, 2);
	assert_string_equal(s.u.candidates.v[1], "2026-12-01");
	assert_non_null(strstr(HC_LIST_AT(s.u.events, struct hc_update_event, 2)->detail,
			       "work date 2026-12-01 of the candidate dates 2026-11-30, 2026-12-01"));
	hc_arena_release(&s.a);
	assert_valid(&fx->st);
}

static void test_times(void **state)
{
	struct fixture *fx = *state;

	ok(adv_new(fx, NOW, ADV, "high", RHEL9), &E);
	/* Candidate dates before today; today is fine. */
	usage(adv_step(fx, NOW, fx->jp6, "notify", "2026-11-20", NULL), &E,
	      "--candidates: 2026-11-20 is in the past");
	usage(adv_step(fx, NOW, fx->jp6, "notify", "2026-11-31", NULL), &E,
	      "--candidates: expected dates");
	ok(adv_step(fx, NOW, fx->jp6, "notify", "2026-11-21,2026-11-25", NULL), &E);
	/* A window that has begun is not announced in advance. */
	usage(adv_step(fx, NOW, fx->jp6, "schedule", NULL, "2026-11-21T09:59:00+09:00"), &E,
	      "--at is in the past");
	usage(adv_step(fx, NOW, fx->jp6, "schedule", NULL, NULL), &E, "schedule needs --at");
	ok(adv_step(fx, NOW, fx->jp6, "schedule", NULL, "2026-11-25T22:00:00+09:00"), &E);
	/* Applied: not in the future, not before the chosen time. */
	usage(adv_step(fx, NOW, fx->jp6, "apply", NULL, "2026-11-25T22:10:00+09:00"), &E,
	      "--at is in the future");
	refused(adv_step(fx, "2026-11-24T10:00:00+09:00", fx->jp6, "apply", NULL, NULL), &E,
		"000 §2.6.1.1.2 項番3-4", "is scheduled for 2026-11-25T22:00:00+09:00");
	refused(adv_step(fx, "2026-11-26T10:00:00+09:00", fx->jp6, "apply", NULL,
			 "2026-11-25T21:59:00+09:00"), &E, "000 §2.6.1.1.2",
		"it is not applied before");
	/* Late is recorded as it was. */
	ok(adv_step(fx, "2026-11-26T10:00:00+09:00", fx->jp6, "apply", NULL,
		    "2026-11-26T01:00:00+09:00"), &E);
	status_is(fx->jp6, HC_UPD_APPLIED, NULL);
	assert_string_equal(TS(upd(fx->jp6)->applied_at), "2026-11-26T01:00:00+09:00");
}

/* Updates that are not the provider's take no step. */
static void test_not_the_providers_refused(void **state)
{
	struct fixture *fx = *state;

	ok(adv_new(fx, NOW, ADV, "medium", ALL_OS), &E);
	refused(adv_step(fx, NOW, fx->jp6, "notify", "2026-11-25", NULL), &E, "§2.6.1.1.1",
		"the provider applies level medium only to servers with the option 'security-update'");
	refused(adv_step(fx, NOW, fx->wa_centos, "notify", "2026-11-25", NULL), &E, "001",
		"is the customer's to apply, not the provider's");
	refused(adv_step(fx, NOW, fx->jecc, "schedule", "2026-11-25", "2026-11-25T22:00:00+09:00"),
		&E, "004 §2.1.3 (2)", "is the customer's to apply");
	refused(adv_step(fx, NOW, fx->jecc, "apply", NULL, NULL), &E, "004", "customer's");
	assert_int_equal(count_records(&fx->st, HC_MAINTENANCE_DIR), 0);
}

/* 項番2: the provider decides not to apply it; the flow ends (項番5). */
static void test_decline(void **state)
{
	struct fixture *fx = *state;
	const char *rule = "000 §2.6.1.1.2";
	const struct hc_update_event *e;
	struct stored s;

	ok(adv_new(fx, NOW, ADV, "high", ALL_OS), &E);
	usage(adv_decline(fx, NOW, fx->jp6, NULL), &E, "decline needs --reason");
	usage(adv_decline(fx, NOW, fx->jp6, ""), &E, "decline needs --reason");
	usage(adv_decline(fx, NOW, fx->jp6, "bad\rreason"), &E, "--reason");
	ok(adv_decline(fx, NOW, fx->jp6, "the package is not installed"), &E);
	status_is(fx->jp6, HC_UPD_DECLINED, "the package is not installed");
	load(fx, fx->jp6, &s);
	assert_int_equal(s.u.status, HC_UPD_DECLINED);
	assert_string_equal(s.u.reason, "the package is not installed");
	assert_int_equal(s.u.events.n, 2);
	e = event_is(&s.u, 1, "declined", NOW);
	assert_non_null(strstr(e->detail, "項番2"));
	assert_non_null(strstr(e->detail, "the package is not installed"));
	assert_null(s.u.maintenance);
	hc_arena_release(&s.a);

	/* Declined is the end: no step after it, not declined twice. */
	refused(adv_decline(fx, NOW, fx->jp6, "again"), &E, rule,
		"is declined; 'decline' comes while pending");
	refused(adv_step(fx, NOW, fx->jp6, "notify", "2026-11-25", NULL), &E, rule,
		"is declined; 'notify' comes while pending");
	refused(adv_step(fx, NOW, fx->jp6, "apply", NULL, NULL), &E, rule, "is declined");

	/* Once the customer was told (項番3), the decision is made. */
	ok(adv_step(fx, NOW, fx->jp6_su, "notify", "2026-11-25", NULL), &E);
	refused(adv_decline(fx, NOW, fx->jp6_su, "changed our mind"), &E, rule,
		"is notified; 'decline' comes while pending");

	/* Not the provider's to decline. */
	refused(adv_decline(fx, NOW, fx->jecc, "n/a"), &E, "004", "is the customer's to apply");

	/* Without a server: every pending one, nothing else. */
	ok(adv_decline(fx, NOW, NULL, "mitigated upstream"), &E);
	status_is(fx->jp6, HC_UPD_DECLINED, "the package is not installed");   /* untouched */
	status_is(fx->jp6_su, HC_UPD_NOTIFIED, NULL);
	status_is(fx->jp6_win, HC_UPD_DECLINED, "mitigated upstream");
	status_is(fx->smc, HC_UPD_DECLINED, "mitigated upstream");
	status_is(fx->wa_centos, HC_UPD_CUSTOMER, NULL);
	status_is(fx->jecc, HC_UPD_CUSTOMER, NULL);
	assert_int_equal(adv_decline(fx, NOW, NULL, "again"), HC_ENOTFOUND);
	assert_non_null(strstr(E.msg, "has no pending update"));
	assert_int_equal(count_records(&fx->st, HC_MAINTENANCE_DIR), 0);
	assert_valid(&fx->st);

	/* validate: declined says why. */
	{
		struct hc_errors problems;
		struct hc_error err;
		char path[256];

		snprintf(path, sizeof(path), "%s/updates/%s.%s.yaml", fx->dir, ADV, fx->jp6);
		sh("sed -i -e '/^reason:/d' '%s'", path);
		hc_errors_init(&problems);
		assert_int_equal(hc_state_validate(&fx->st, &problems, NULL, NULL, &err), HC_EINVALID);
		assert_int_equal(problems.n, 1);
		assert_non_null(strstr(problems.v[0].msg, "status 'declined' needs the reason"));
		hc_errors_release(&problems);
	}
}

/* notify without a server: every pending update, nothing else. */
static void test_notify_every_pending(void **state)
{
	struct fixture *fx = *state;

	ok(adv_new(fx, NOW, ADV, "high", ALL_OS), &E);
	ok(adv_step(fx, NOW, fx->jp6, "notify", "2026-11-25", NULL), &E);
	ok(adv_step(fx, NOW, NULL, "notify", "2026-11-26,2026-11-27", NULL), &E);
	status_is(fx->jp6, HC_UPD_NOTIFIED, NULL);
	assert_string_equal(upd(fx->jp6)->candidates.v[0], "2026-11-25");   /* untouched */
	status_is(fx->jp6_su, HC_UPD_NOTIFIED, NULL);
	status_is(fx->jp6_win, HC_UPD_NOTIFIED, NULL);
	status_is(fx->smc, HC_UPD_NOTIFIED, NULL);
	assert_string_equal(upd(fx->smc)->candidates.v[1], "2026-11-27");
	status_is(fx->wa_centos, HC_UPD_CUSTOMER, NULL);
	status_is(fx->jecc, HC_UPD_CUSTOMER, NULL);
	/* One note per jp6 mail; bare registered no contract e-mail;
	 * smartconnect has no matrix. */
	assert_true(has_note(&R.notes,
			     "tell contract-email keiyaku@acme.example.jp of security-update"));
	assert_true(has_note(&R.notes, "tell contract-email (not registered) of security-update"));
	assert_true(has_note(&R.notes,
			     "profile 'smartconnect-managed' names no channel for the mail of server"));
	assert_int_equal(R.notes.n, 3);
	/* Nobody left. */
	assert_int_equal(adv_step(fx, NOW, NULL, "notify", "2026-11-26", NULL), HC_ENOTFOUND);
	assert_non_null(strstr(E.msg, "advisory '" ADV "' has no pending update"));
	assert_valid(&fx->st);
}

static void test_server_references(void **state)
{
	struct fixture *fx = *state;
	char prefix[37];

	ok(adv_new(fx, NOW, ADV, "high", RHEL9), &E);
	/* A unique prefix names the server. */
	memcpy(prefix, fx->jp6_win, 8);
	prefix[8] = '\0';
	ok(adv_new(fx, NOW, "CVE-2026-0009", "high", ALL_OS), &E);
	fresh();
	{
		struct hc_txn_options o = txo(T(NOW));
		struct hc_strs c;

		memset(&c, 0, sizeof(c));
		hc_strs_push(&R.arena, &c, "2026-11-25");
		ok(hc_advisory_step(&fx->st, &o, "CVE-2026-0009", prefix, "notify", &c, HC_TIME_NONE,
				    NULL, &R, NULL, &E), &E);
		status_is(fx->jp6_win, HC_UPD_NOTIFIED, NULL);
		status_is(fx->jp6, HC_UPD_PENDING, NULL);
	}
	/* Servers of one seed share a prefix: ambiguous, not all of them. */
	{
		size_t n = 0;

		while (fx->jp6[n] && fx->jp6[n] == fx->jp6_su[n])
			n++;
		assert_true(n > 0);
		memcpy(prefix, fx->jp6, n);
		prefix[n] = '\0';
		usage(adv_step(fx, NOW, prefix, "notify", "2026-11-25", NULL), &E, "ambiguous");
		fresh();
		ok(hc_advisory_status(&fx->st, ADV, &R, &E), &E);
		status_is(fx->jp6, HC_UPD_PENDING, NULL);
		status_is(fx->jp6_su, HC_UPD_PENDING, NULL);
	}
	/* A server the advisory does not concern, and no server. */
	assert_int_equal(adv_step(fx, NOW, fx->jp6_win, "notify", "2026-11-25", NULL), HC_ENOTFOUND);
	assert_non_null(strstr(E.msg, "has no update for server"));
	assert_int_equal(adv_step(fx, NOW, "ffffffff-ffff-4fff-8fff-ffffffffffff", "notify", NULL, NULL),
			 HC_ENOTFOUND);
	/* No such advisory. */
	fresh();
	{
		struct hc_txn_options o = txo(T(NOW));

		assert_int_equal(hc_advisory_step(&fx->st, &o, "CVE-0", fx->jp6, "notify", NULL,
						  HC_TIME_NONE, NULL, &R, NULL, &E), HC_ENOTFOUND);
	}
}

/* ---- the window is announced maintenance ------------------------------------- */

static void incident(struct fixture *fx, const char *id, const char *srv, const char *from,
		     const char *to)
{
	struct hc_txn_options o = txo(T("2026-11-26T09:00:00+09:00"));
	struct hc_incident in;
	struct hc_txn *t;
	struct hc_error err;
	char path[128];

	hc_record_init(&hc_incident_schema, &in);
	in.id = id;
	in.server = srv;
	in.started_at = T(from);
	in.ended_at = T(to);
	in.cause = HC_CAUSE_UNKNOWN;
	in.detected_by = "monitor";
	snprintf(path, sizeof(path), "%s/%s.yaml", HC_INCIDENTS_DIR, id);
	if (hc_txn_begin(&fx->st, &o, &t, &err) || hc_txn_put_record(t, &hc_incident_schema, path, &in, &err) ||
	    hc_txn_commit(t, NULL, &err))
		report_error(&err), fail();
	hc_txn_free(t);
}

struct sla_row {
	int rows;
	int64_t counted, excluded;
	size_t nexcluded;
	char cause[64];
};

static int on_row(const struct hc_sla_row *row, void *ctx)
{
	struct sla_row *x = ctx;

	x->rows++;
	x->counted = row->sla.counted_seconds;
	x->excluded = row->sla.excluded_seconds;
	x->nexcluded = row->sla.nexcluded;
	if (row->sla.nexcluded)
		snprintf(x->cause, sizeof(x->cause), "%s", row->sla.excluded[0].cause);
	return 0;
}

static void sla(struct fixture *fx, const char *srv, struct sla_row *x)
{
	struct hc_sla_options o;

	memset(&o, 0, sizeof(o));
	memset(x, 0, sizeof(*x));
	o.scope = HC_SLA_SERVER;
	o.what = srv;
	o.now = T("2026-12-01T09:00:00+09:00");
	assert_int_equal(hc_month_parse("2026-11", 540, &o.month), 0);
	ok(hc_sla_report(&fx->st, &o, on_row, x, &E), &E);
	assert_int_equal(x->rows, 1);
}

static void test_sla_excludes_the_window(void **state)
{
	struct fixture *fx = *state;
	struct sla_row x;

	ok(adv_new(fx, NOW, ADV, "high", ALL_OS), &E);
	ok(adv_step(fx, NOW, fx->jp6, "notify", "2026-11-25", NULL), &E);
	ok(adv_step(fx, NOW, fx->jp6, "schedule", NULL, "2026-11-25T22:00:00+09:00"), &E);
	ok(adv_step(fx, NOW, fx->smc, "notify", "2026-11-25", NULL), &E);
	ok(adv_step(fx, NOW, fx->smc, "schedule", NULL, "2026-11-25T22:00:00+09:00"), &E);

	/* The window alone: a planned stop of 60 minutes, excluded (the
	 * excluded time is the union of the excluded intervals). */
	sla(fx, fx->jp6, &x);
	assert_int_equal(x.counted, 0);
	assert_int_equal(x.excluded, 60 * 60);
	assert_int_equal(x.nexcluded, 1);
	assert_string_equal(x.cause, HC_CAUSE_ANNOUNCED_MAINTENANCE);

	/* The reboot of the update, 22:05-22:35, inside the 22:00-23:00 window:
	 * nothing counted. */
	incident(fx, "0e000000-0000-4000-8000-000000000001", fx->jp6, "2026-11-25T22:05:00+09:00",
		 "2026-11-25T22:35:00+09:00");
	sla(fx, fx->jp6, &x);
	assert_int_equal(x.counted, 0);
	assert_int_equal(x.excluded, 60 * 60);

	/* The same outage on a server without a window (jp6_su was never
	 * scheduled) counts in full. */
	incident(fx, "0e000000-0000-4000-8000-000000000002", fx->jp6_su, "2026-11-25T22:05:00+09:00",
		 "2026-11-25T22:35:00+09:00");
	sla(fx, fx->jp6_su, &x);
	assert_int_equal(x.counted, 30 * 60);

	/* An outage from 21:50 to 22:10 on the scheduled smartconnect server:
	 * 10 minutes before the window count, 10 inside do not. */
	incident(fx, "0e000000-0000-4000-8000-000000000003", fx->smc, "2026-11-25T21:50:00+09:00",
		 "2026-11-25T22:10:00+09:00");
	sla(fx, fx->smc, &x);
	assert_int_equal(x.counted, 10 * 60);
	assert_int_equal(x.excluded, 60 * 60);
	assert_valid(&fx->st);
}

/* validate holds an update's fields to its status: a hand edit that
 * claims "scheduled" without the window, or bad candidate dates, is a
 * problem at that file. */
static void test_validate_status_fields(void **state)
{
	struct fixture *fx = *state;
	struct hc_errors problems;
	struct hc_error err;
	char path[256];
	bool sched = false, cand = false;

	ok(adv_new(fx, "2026-11-20T09:00:00+09:00", ADV, "medium", ALL_OS), &E);
	ok(adv_step(fx, NOW, fx->jp6_su, "notify", "2026-11-25,2026-11-26", NULL), &E);
	assert_valid(&fx->st);
	snprintf(path, sizeof(path), "%s/updates/%s.%s.yaml", fx->dir, ADV, fx->jp6_su);
	sh("sed -i -e 's/^status: notified/status: scheduled/' -e 's/2026-11-26/26.11.2026/' '%s'", path);
	hc_errors_init(&problems);
	assert_int_equal(hc_state_validate(&fx->st, &problems, NULL, NULL, &err), HC_EINVALID);
	for (size_t i = 0; i < problems.n; i++) {
		if (strstr(problems.v[i].msg, "status 'scheduled' needs scheduled_at"))
			sched = true;
		else if (strstr(problems.v[i].msg, "'26.11.2026' is not a date"))
			cand = true;
		else
			report_error(&problems.v[i]);
	}
	assert_int_equal(problems.n, 2);
	hc_errors_release(&problems);
	assert_true(sched);
	assert_true(cand);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_catalog_facts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_high_every_provider_server, setup, teardown),
		cmocka_unit_test_setup_teardown(test_medium_needs_the_option, setup, teardown),
		cmocka_unit_test_setup_teardown(test_affected_os_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_customer_listing_with_os_policy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_levels_are_data, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dry_run_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status_of_dotted_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flow, setup, teardown),
		cmocka_unit_test_setup_teardown(test_out_of_order_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_schedule_picks_a_candidate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_candidates_from_the_reply, setup, teardown),
		cmocka_unit_test_setup_teardown(test_times, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_the_providers_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notify_every_pending, setup, teardown),
		cmocka_unit_test_setup_teardown(test_decline, setup, teardown),
		cmocka_unit_test_setup_teardown(test_server_references, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sla_excludes_the_window, setup, teardown),
		cmocka_unit_test_setup_teardown(test_validate_status_fields, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
