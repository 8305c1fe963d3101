/*
 * test_notify.c - hostctl notify (lib/notify.c): the notification matrix of
 * each profile applied to a server and its customer, row by row.
 *
 *   webarena (001 サーバー故障時のご連絡方法について, 故障や障害時の対応,
 *     ご依頼方法と連絡先, メンテナンス工事について):
 *     ping-alert              monitoring-email + emergency-phone  (標準)
 *     service-alert           monitoring-email + emergency-phone, no phone
 *                             for telnet/SSH; option service-monitoring
 *     process-resource-alert  monitoring-email + emergency-phone; option
 *                             process-resource-monitoring
 *     hardware-visual-check   monitoring-email                    (標準)
 *     network-failure         monitoring-email                    (標準)
 *     shared-network-failure  portal (ホームページ障害情報)
 *     work-completion         monitoring-email
 *     maintenance             contract-email (ご契約者さま)
 *   jecc-waterpf (004 §2.1.3 (9), §4.2):
 *     severe-alert            operator + vendor; option server-monitoring
 *     minor-alert             vendor; option server-monitoring
 *     maintenance             portal + contract-email
 *   clara-jp6 (000 §2.3-1-2, §2.6.1.1.2, §3.3; 003 §4.2-1):
 *     ping-alert, recovery    emergency-phone
 *     security-update         contract-email
 *     abuse-containment       emergency-phone + contract-email
 *     rescue-report           contract-email
 *   smartconnect-managed: no matrix.
 *
 * Every row is checked for a customer with every address registered, for
 * one with only the monitoring e-mail, and (requires_option rows) for a
 * server with and without the option. test_catalog_facts pins the rows so
 * that a change of the seeds shows here first.
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

#include "hostctl/catalog.h"
#include "hostctl/customer.h"
#include "hostctl/notify.h"
#include "hostctl/server.h"
#include "hostctl/store.h"
#include "hostctl/validate.h"

#include "testutil.h"

#define NOW "2026-11-21T10:00:00+09:00"

/* The addresses of the two customers. */
#define ACME_CONTRACT "keiyaku@acme.example.jp"
#define ACME_MON "noc@acme.example.jp"
#define ACME_PHONE "03-1234-5678"
#define ACME_VENDOR "vendor@acme-si.example.jp"
#define BARE_MON "noc@bare.example.jp"

struct fixture {
	char dir[64];
	struct hc_store st;
	char jp6[37];                    /* acme, clara-jp6 */
	char jp6_bare[37];               /* bare, clara-jp6 */
	char wa[37];                     /* acme, webarena, no options */
	char wa_mon[37];                 /* acme, webarena, both monitoring options */
	char wa_bare[37];                /* bare, webarena, service-monitoring */
	char wa_pkg[37];                 /* acme, webarena, monitoring-work-package */
	char jecc[37];                   /* acme, jecc-waterpf, no options */
	char jecc_mon[37];               /* acme, jecc-waterpf, server-monitoring */
	char jecc_bare[37];              /* bare, jecc-waterpf, server-monitoring */
	char smc[37];                    /* bare, smartconnect-managed */
};

static struct hc_notify_result R;
static struct hc_error E;

/* ---- helpers ----------------------------------------------------------------- */

static void customer(struct fixture *fx, const char *id, const char *contract, const char *mon,
		     const char *phone, const char *vendor)
{
	struct hc_customer c;

	hc_record_init(&hc_customer_schema, &c);
	c.id = id;
	c.name = id;
	c.contract_email = contract;
	c.monitoring_email = mon;
	c.emergency_phone = phone;
	c.vendor_email = vendor;
	save_customer(&fx->st, T("2026-10-01T09:00:00+09:00"), &c);
}

/* Orders and hands over a server; id receives its id. options: NULL-ended. */
static void server(struct fixture *fx, const char *cust, const char *prof, const char *plan,
		   const char *os, const char *const *options, char id[37])
{
	struct hc_order ord = base_order(cust, prof, plan, T("2026-10-01T10:00:00+09:00"),
					 "test-notify");

	ord.os = os;
	hand_over(&fx->st, &ord, options, T("2026-10-20T10:00:00+09:00"), id, 37);
}

static const char *const WA_MON_OPTS[] = { "service-monitoring", "process-resource-monitoring", NULL };
static const char *const WA_SERVICE_OPTS[] = { "service-monitoring", NULL };
static const char *const WA_PKG_OPTS[] = { "monitoring-work-package", NULL };
static const char *const JECC_MON_OPTS[] = { "server-monitoring", NULL };

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	state_new(fx->dir, sizeof(fx->dir), "notify", &fx->st);
	/* acme: every address; bare: only the monitoring e-mail. */
	customer(fx, "acme", ACME_CONTRACT, ACME_MON, ACME_PHONE, ACME_VENDOR);
	customer(fx, "bare", NULL, BARE_MON, NULL, NULL);
	server(fx, "acme", "clara-jp6", "standard", NULL, NULL, fx->jp6);
	server(fx, "bare", "clara-jp6", "standard", NULL, NULL, fx->jp6_bare);
	server(fx, "acme", "webarena", "standard", NULL, NULL, fx->wa);
	server(fx, "acme", "webarena", "standard", NULL, WA_MON_OPTS, fx->wa_mon);
	server(fx, "bare", "webarena", "standard", NULL, WA_SERVICE_OPTS, fx->wa_bare);
	server(fx, "acme", "webarena", "standard", NULL, WA_PKG_OPTS, fx->wa_pkg);
	server(fx, "acme", "jecc-waterpf", "1cpu-2gb", NULL, NULL, fx->jecc);
	server(fx, "acme", "jecc-waterpf", "1cpu-2gb", NULL, JECC_MON_OPTS, fx->jecc_mon);
	server(fx, "bare", "jecc-waterpf", "1cpu-2gb", NULL, JECC_MON_OPTS, fx->jecc_bare);
	server(fx, "bare", "smartconnect-managed", "A", NULL, NULL, fx->smc);
	hc_notify_result_init(&R);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	hc_notify_result_release(&R);
	state_remove(&fx->st, fx->dir);
	free(fx);
	return 0;
}

/* hc_notify() into R and E, fresh. */
static int notify(struct fixture *fx, const char *srv, const char *event, const char *check,
		  bool record)
{
	struct hc_txn_options o = txo(T(NOW));

	hc_notify_result_release(&R);
	hc_notify_result_init(&R);
	hc_error_clear(&E);
	return hc_notify(&fx->st, &o, srv, event, check, record ? "incidents/x" : NULL, record,
			 record ? "test-notify" : NULL, &R, NULL, &E);
}

/* R's targets as "channel=to channel=to ..." ("-" for no address, "@" for
 * a posting). */
static const char *targets(void)
{
	static char buf[1024];
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < R.targets.n; i++) {
		const struct hc_notice_target *t = HC_LIST_AT(R.targets, struct hc_notice_target, i);

		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s=%s", i ? " " : "", t->channel,
				      t->posted ? "@" : t->to ? t->to : "-");
		assert_true(n < sizeof(buf));
		/* A posting has no address; everything else is not posted. */
		assert_int_equal(t->posted, !strcmp(t->channel, "portal"));
		if (t->posted)
			assert_null(t->to);
	}
	return buf;
}

/* One row: event for server srv says want, for nobody without why. */
static void row(struct fixture *fx, const char *srv, const char *event, const char *check,
		const char *want)
{
	ok(notify(fx, srv, event, check, false), &E);
	if (strcmp(targets(), want))
		fail_msg("%s (check %s) on %s: '%s', want '%s'", event, check ? check : "none", srv,
			 targets(), want);
	assert_null(R.why);
	for (size_t i = 0; i < R.targets.n; i++) {
		const struct hc_notice_target *t = HC_LIST_AT(R.targets, struct hc_notice_target, i);

		assert_string_equal(t->event, event);
		assert_non_null(t->title);
		assert_non_null(t->source);
	}
}

/* A requires_option row on a server without the option: nobody, and why. */
static void nobody(struct fixture *fx, const char *srv, const char *event, const char *option,
		   const char *source)
{
	ok(notify(fx, srv, event, NULL, false), &E);
	assert_int_equal(R.targets.n, 0);
	assert_non_null(R.why);
	if (!strstr(R.why, option) || !strstr(R.why, source) || !strstr(R.why, event))
		fail_msg("why '%s' does not name '%s', '%s' and '%s'", R.why, option, source, event);
}

/* ---- the seeds --------------------------------------------------------------- */

static const struct hc_notification *matrix_row(const struct hc_profile *p, const char *event)
{
	for (size_t i = 0; i < p->notifications.n; i++) {
		const struct hc_notification *r = HC_LIST_AT(p->notifications, struct hc_notification, i);

		if (!strcmp(r->event, event))
			return r;
	}
	fail_msg("profile %s has no row %s", p->name, event);
	return NULL;
}

/* The row needs one of these options, in this order. */
#define ASSERT_ANY(row, ...)                                                              \
	do {                                                                              \
		static const char *const want_[] = { __VA_ARGS__ };                       \
		const struct hc_strs *l_ = &(row)->requires_any_option;                   \
                                                                                          \
		assert_int_equal(l_->n, sizeof(want_) / sizeof(want_[0]));                \
		for (size_t i_ = 0; i_ < l_->n; i_++)                                     \
			assert_string_equal(l_->v[i_], want_[i_]);                        \
	} while (0)

static void test_catalog_facts(void **state)
{
	struct fixture *fx = *state;
	static const char *const wa[] = {
		"ping-alert", "service-alert", "process-resource-alert", "hardware-visual-check",
		"network-failure", "shared-network-failure", "work-completion", "maintenance",
	};
	static const char *const jecc[] = { "severe-alert", "minor-alert", "maintenance" };
	static const char *const jp6[] = {
		"ping-alert", "recovery", "security-update", "abuse-containment", "rescue-report",
	};
	const struct hc_profile *p;
	const struct hc_notification *r;

	ok(hc_store_profile(&fx->st, "webarena", &p, &E), &E);
	assert_int_equal(p->notifications.n, 8);
	for (size_t i = 0; i < 8; i++)
		assert_string_equal(HC_LIST_AT(p->notifications, struct hc_notification, i)->event, wa[i]);
	r = matrix_row(p, "service-alert");
	assert_null(r->requires_option);
	ASSERT_ANY(r, "service-monitoring", "monitoring-work-package", "vm-monitoring-package",
		   "vm-monitoring-work-package");
	assert_int_equal(r->phone_except.n, 2);
	assert_true(hc_strs_has(&r->phone_except, "telnet"));
	assert_true(hc_strs_has(&r->phone_except, "ssh"));
	ASSERT_ANY(matrix_row(p, "process-resource-alert"), "process-resource-monitoring",
		   "monitoring-work-package", "vm-monitoring-package", "vm-monitoring-work-package");
	assert_null(matrix_row(p, "ping-alert")->requires_option);
	assert_int_equal(matrix_row(p, "ping-alert")->phone_except.n, 0);

	ok(hc_store_profile(&fx->st, "jecc-waterpf", &p, &E), &E);
	assert_int_equal(p->notifications.n, 3);
	for (size_t i = 0; i < 3; i++)
		assert_string_equal(HC_LIST_AT(p->notifications, struct hc_notification, i)->event, jecc[i]);
	assert_string_equal(matrix_row(p, "severe-alert")->requires_option, "server-monitoring");
	assert_string_equal(matrix_row(p, "minor-alert")->requires_option, "server-monitoring");
	assert_null(matrix_row(p, "maintenance")->requires_option);

	ok(hc_store_profile(&fx->st, "clara-jp6", &p, &E), &E);
	assert_int_equal(p->notifications.n, 5);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(HC_LIST_AT(p->notifications, struct hc_notification, i)->event, jp6[i]);

	ok(hc_store_profile(&fx->st, "smartconnect-managed", &p, &E), &E);
	assert_int_equal(p->notifications.n, 0);
}

/* ---- the rows ------------------------------------------------------------------ */

static void test_webarena_matrix(void **state)
{
	struct fixture *fx = *state;
	const char *const both = "monitoring-email=" ACME_MON " emergency-phone=" ACME_PHONE;

	/* 標準 rows: the same with or without options. */
	row(fx, fx->wa, "ping-alert", NULL, both);
	row(fx, fx->wa_mon, "ping-alert", NULL, both);
	row(fx, fx->wa, "hardware-visual-check", NULL, "monitoring-email=" ACME_MON);
	row(fx, fx->wa, "network-failure", NULL, "monitoring-email=" ACME_MON);
	row(fx, fx->wa, "work-completion", NULL, "monitoring-email=" ACME_MON);
	/* メンテナンス工事: ご契約者さま(利用責任者さま)にメール. */
	row(fx, fx->wa, "maintenance", NULL, "contract-email=" ACME_CONTRACT);
	/* 共用ネットワーク機器: ホームページ障害情報に掲載, nobody's address. */
	row(fx, fx->wa, "shared-network-failure", NULL, "portal=@");

	/* オプション rows: with the option ... */
	row(fx, fx->wa_mon, "service-alert", NULL, both);
	row(fx, fx->wa_mon, "process-resource-alert", NULL, both);
	/* ... and without: nobody is told, and why. */
	nobody(fx, fx->wa, "service-alert", "service-monitoring", "001");
	nobody(fx, fx->wa, "process-resource-alert", "process-resource-monitoring", "001");
	nobody(fx, fx->wa_bare, "process-resource-alert", "process-resource-monitoring", "001");
	/* The monitoring packages include both (001 各種作業一覧). */
	row(fx, fx->wa_pkg, "service-alert", NULL, both);
	row(fx, fx->wa_pkg, "service-alert", "ssh", "monitoring-email=" ACME_MON);
	row(fx, fx->wa_pkg, "process-resource-alert", NULL, both);
}

static void test_service_alert_phone_except(void **state)
{
	struct fixture *fx = *state;
	const char *const both = "monitoring-email=" ACME_MON " emergency-phone=" ACME_PHONE;
	const char *const mail = "monitoring-email=" ACME_MON;

	/* telnet/SSH 以外のアラートは緊急時連絡先電話番号 (001). */
	row(fx, fx->wa_mon, "service-alert", "telnet", mail);
	row(fx, fx->wa_mon, "service-alert", "ssh", mail);
	row(fx, fx->wa_mon, "service-alert", "SSH", mail);      /* as 001 spells it */
	row(fx, fx->wa_mon, "service-alert", "http", both);
	row(fx, fx->wa_mon, "service-alert", "smtp", both);
	row(fx, fx->wa_mon, "service-alert", NULL, both);
	/* Only that row spares a call. */
	row(fx, fx->wa_mon, "ping-alert", "ssh", both);
	row(fx, fx->wa_mon, "process-resource-alert", "ssh", both);
	/* Without the option, the check changes nothing. */
	nobody(fx, fx->wa, "service-alert", "service-monitoring", "001");
}

static void test_jecc_matrix(void **state)
{
	struct fixture *fx = *state;

	/* 重度の障害は事業者・ベンダーへ通知, 軽度の障害はベンダーへ通知 (004 §2.1.3 (9)):
	 * the operator (事業者) is the contract address. */
	row(fx, fx->jecc_mon, "severe-alert", NULL, "operator=" ACME_CONTRACT " vendor=" ACME_VENDOR);
	row(fx, fx->jecc_mon, "minor-alert", NULL, "vendor=" ACME_VENDOR);
	nobody(fx, fx->jecc, "severe-alert", "server-monitoring", "004 §2.1.3 (9)");
	nobody(fx, fx->jecc, "minor-alert", "server-monitoring", "004 §2.1.3 (9)");
	/* システム停止を伴うメンテナンス: ポータルまたはメール (004 §4.2). */
	row(fx, fx->jecc, "maintenance", NULL, "portal=@ contract-email=" ACME_CONTRACT);
	row(fx, fx->jecc_mon, "maintenance", NULL, "portal=@ contract-email=" ACME_CONTRACT);
}

static void test_jp6_matrix(void **state)
{
	struct fixture *fx = *state;

	row(fx, fx->jp6, "ping-alert", NULL, "emergency-phone=" ACME_PHONE);
	row(fx, fx->jp6, "recovery", NULL, "emergency-phone=" ACME_PHONE);
	/* 000 §2.6.1.1.2 項番3: ご案内をメールにてご連絡. */
	row(fx, fx->jp6, "security-update", NULL, "contract-email=" ACME_CONTRACT);
	row(fx, fx->jp6, "abuse-containment", NULL,
	    "emergency-phone=" ACME_PHONE " contract-email=" ACME_CONTRACT);
	row(fx, fx->jp6, "rescue-report", NULL, "contract-email=" ACME_CONTRACT);
}

/* A customer with only the monitoring e-mail: every other channel is a
 * target without an address (the verb warns), never left out. */
static void test_unregistered_addresses(void **state)
{
	struct fixture *fx = *state;

	row(fx, fx->wa_bare, "ping-alert", NULL, "monitoring-email=" BARE_MON " emergency-phone=-");
	row(fx, fx->wa_bare, "service-alert", NULL, "monitoring-email=" BARE_MON " emergency-phone=-");
	row(fx, fx->wa_bare, "service-alert", "ssh", "monitoring-email=" BARE_MON);
	row(fx, fx->wa_bare, "hardware-visual-check", NULL, "monitoring-email=" BARE_MON);
	row(fx, fx->wa_bare, "network-failure", NULL, "monitoring-email=" BARE_MON);
	row(fx, fx->wa_bare, "work-completion", NULL, "monitoring-email=" BARE_MON);
	row(fx, fx->wa_bare, "maintenance", NULL, "contract-email=-");
	row(fx, fx->wa_bare, "shared-network-failure", NULL, "portal=@");
	row(fx, fx->jecc_bare, "severe-alert", NULL, "operator=- vendor=-");
	row(fx, fx->jecc_bare, "minor-alert", NULL, "vendor=-");
	row(fx, fx->jecc_bare, "maintenance", NULL, "portal=@ contract-email=-");
	row(fx, fx->jp6_bare, "ping-alert", NULL, "emergency-phone=-");
	row(fx, fx->jp6_bare, "recovery", NULL, "emergency-phone=-");
	row(fx, fx->jp6_bare, "security-update", NULL, "contract-email=-");
	row(fx, fx->jp6_bare, "abuse-containment", NULL, "emergency-phone=- contract-email=-");
	row(fx, fx->jp6_bare, "rescue-report", NULL, "contract-email=-");
}

static void test_address_per_channel(void **state)
{
	struct hc_customer c;

	(void)state;
	hc_record_init(&hc_customer_schema, &c);
	c.contract_email = "c@x.example";
	c.monitoring_email = "m@x.example";
	c.emergency_phone = "03-0000-0000";
	c.vendor_email = "v@x.example";
	assert_string_equal(hc_notify_address(&c, HC_CH_MONITORING_EMAIL), "m@x.example");
	assert_string_equal(hc_notify_address(&c, HC_CH_EMERGENCY_PHONE), "03-0000-0000");
	assert_string_equal(hc_notify_address(&c, HC_CH_CONTRACT_EMAIL), "c@x.example");
	assert_string_equal(hc_notify_address(&c, HC_CH_OPERATOR), "c@x.example");
	assert_string_equal(hc_notify_address(&c, HC_CH_VENDOR), "v@x.example");
	assert_null(hc_notify_address(&c, HC_CH_PORTAL));
	assert_null(hc_notify_address(&c, 99));
	/* The customer option behind each channel, for warnings. */
	assert_string_equal(hc_notify_address_name(HC_CH_MONITORING_EMAIL), "monitoring-email");
	assert_string_equal(hc_notify_address_name(HC_CH_EMERGENCY_PHONE), "emergency-phone");
	assert_string_equal(hc_notify_address_name(HC_CH_CONTRACT_EMAIL), "contract-email");
	assert_string_equal(hc_notify_address_name(HC_CH_OPERATOR), "contract-email");
	assert_string_equal(hc_notify_address_name(HC_CH_VENDOR), "vendor-email");
	assert_null(hc_notify_address_name(HC_CH_PORTAL));
}

/* ---- errors -------------------------------------------------------------------- */

static void test_unknown_event(void **state)
{
	struct fixture *fx = *state;

	/* Not found, and the message lists the profile's events in order. */
	assert_int_equal(notify(fx, fx->wa, "disk-alert", NULL, false), HC_ENOTFOUND);
	assert_non_null(strstr(E.msg, "profile 'webarena' has no notification for 'disk-alert'"));
	assert_non_null(strstr(E.msg, "(events: ping-alert, service-alert, process-resource-alert, "
				      "hardware-visual-check, network-failure, shared-network-failure, "
				      "work-completion, maintenance)"));
	/* An event of another profile is unknown here. */
	assert_int_equal(notify(fx, fx->jecc, "ping-alert", NULL, false), HC_ENOTFOUND);
	assert_non_null(strstr(E.msg, "(events: severe-alert, minor-alert, maintenance)"));
	assert_int_equal(notify(fx, fx->smc, "maintenance", NULL, false), HC_ENOTFOUND);
	assert_non_null(strstr(E.msg, "(events: none)"));
	assert_int_equal(R.targets.n, 0);
	/* Not a name at all: usage. */
	assert_int_equal(notify(fx, fx->wa, "../x", NULL, false), HC_EUSAGE);
	assert_int_equal(notify(fx, fx->wa, "", NULL, false), HC_EUSAGE);
	/* No such server. */
	assert_int_equal(notify(fx, fx->wa, "ping-alert", NULL, false), HC_OK);
	assert_int_equal(notify(fx, "00000000-0000-4000-8000-000000000000", "ping-alert", NULL, false),
			 HC_ENOTFOUND);
	assert_int_equal(count_records(&fx->st, HC_NOTICES_DIR), 0);
}

static void test_events(void **state)
{
	struct fixture *fx = *state;
	struct hc_strs ev;
	struct hc_arena a;

	hc_arena_init(&a);
	memset(&ev, 0, sizeof(ev));
	ok(hc_notify_events(&fx->st, fx->jecc_mon, &ev, &a, &E), &E);
	assert_int_equal(ev.n, 3);
	assert_string_equal(ev.v[0], "severe-alert");
	assert_string_equal(ev.v[1], "minor-alert");
	assert_string_equal(ev.v[2], "maintenance");
	memset(&ev, 0, sizeof(ev));
	ok(hc_notify_events(&fx->st, fx->wa, &ev, &a, &E), &E);
	assert_int_equal(ev.n, 8);
	assert_string_equal(ev.v[0], "ping-alert");
	assert_string_equal(ev.v[7], "maintenance");
	memset(&ev, 0, sizeof(ev));
	ok(hc_notify_events(&fx->st, fx->smc, &ev, &a, &E), &E);
	assert_int_equal(ev.n, 0);
	assert_int_equal(hc_notify_events(&fx->st, "ffffffff", &ev, &a, &E), HC_ENOTFOUND);
	hc_arena_release(&a);
}

/* ---- --sent ---------------------------------------------------------------------- */

struct notices {
	struct hc_arena a;
	size_t n;
	struct hc_notice v[8];
};

/* Every notice record in the state, by id. */
static void load_notices(struct fixture *fx, struct notices *ns)
{
	struct hc_strs ids;
	struct hc_error err;

	hc_arena_init(&ns->a);
	if (hc_store_list(&fx->st, HC_NOTICES_DIR, &ids, &ns->a, NULL, &err))
		report_error(&err), fail();
	assert_true(ids.n <= 8);
	ns->n = ids.n;
	for (size_t i = 0; i < ids.n; i++) {
		hc_record_init(&hc_notice_schema, &ns->v[i]);
		load_record(&fx->st, &hc_notice_schema, HC_NOTICES_DIR, ids.v[i],
			    &ns->v[i], &ns->a);
		assert_string_equal(ns->v[i].id, ids.v[i]);
	}
}

static const struct hc_notice *notice_on(const struct notices *ns, const char *channel)
{
	for (size_t i = 0; i < ns->n; i++)
		if (!strcmp(ns->v[i].channel, channel))
			return &ns->v[i];
	fail_msg("no notice on %s", channel);
	return NULL;
}

static void test_sent_records_notices(void **state)
{
	struct fixture *fx = *state;
	struct notices ns;
	const struct hc_notice *n;

	/* Without --sent: the plan only, nothing written. */
	ok(notify(fx, fx->wa_mon, "ping-alert", NULL, false), &E);
	assert_int_equal(R.notice_ids.n, 0);
	assert_int_equal(count_records(&fx->st, HC_NOTICES_DIR), 0);

	/* --sent: one record per notice, as sent now by the operator. */
	ok(notify(fx, fx->wa_mon, "ping-alert", NULL, true), &E);
	assert_int_equal(R.targets.n, 2);
	assert_int_equal(R.notice_ids.n, 2);
	load_notices(fx, &ns);
	assert_int_equal(ns.n, 2);
	n = notice_on(&ns, "monitoring-email");
	assert_string_equal(n->event, "ping-alert");
	assert_string_equal(n->server, fx->wa_mon);
	assert_string_equal(n->customer, "acme");
	assert_string_equal(n->to, ACME_MON);
	assert_int_equal(n->sent_at, T(NOW));
	assert_string_equal(n->by, "tester");
	assert_string_equal(n->reference, "incidents/x");
	assert_non_null(strstr(n->source, "001"));
	n = notice_on(&ns, "emergency-phone");
	assert_string_equal(n->to, ACME_PHONE);
	assert_true(hc_strs_has(&R.notice_ids, n->id));
	hc_arena_release(&ns.a);
	assert_valid(&fx->st);
}

static void test_sent_seeded_ids(void **state)
{
	struct fixture *fx = *state;
	char first[37];

	/* The seed fixes the ids; the same notice again gets another id. */
	ok(notify(fx, fx->wa, "work-completion", NULL, true), &E);
	assert_int_equal(R.notice_ids.n, 1);
	snprintf(first, sizeof(first), "%s", R.notice_ids.v[0]);
	ok(notify(fx, fx->wa, "work-completion", NULL, true), &E);
	assert_int_equal(R.notice_ids.n, 1);
	assert_string_not_equal(R.notice_ids.v[0], first);
	assert_int_equal(count_records(&fx->st, HC_NOTICES_DIR), 2);
	assert_valid(&fx->st);
}

static void test_sent_portal_and_unregistered(void **state)
{
	struct fixture *fx = *state;
	struct notices ns;

	/* The portal posting is recorded, without an address. */
	ok(notify(fx, fx->jecc_bare, "maintenance", NULL, true), &E);
	/* contract-email is not registered: a target, but nothing was sent. */
	assert_int_equal(R.targets.n, 2);
	assert_int_equal(R.notice_ids.n, 1);
	load_notices(fx, &ns);
	assert_int_equal(ns.n, 1);
	assert_string_equal(ns.v[0].channel, "portal");
	assert_null(ns.v[0].to);
	assert_string_equal(ns.v[0].customer, "bare");
	assert_non_null(strstr(ns.v[0].source, "004 §4.2"));
	hc_arena_release(&ns.a);

	/* Nobody registered at all: no record. */
	ok(notify(fx, fx->jecc_bare, "severe-alert", NULL, true), &E);
	assert_int_equal(R.targets.n, 2);
	assert_int_equal(R.notice_ids.n, 0);
	/* A row the server's options exclude records nothing either. */
	ok(notify(fx, fx->jecc, "severe-alert", NULL, true), &E);
	assert_int_equal(R.targets.n, 0);
	assert_non_null(R.why);
	assert_int_equal(count_records(&fx->st, HC_NOTICES_DIR), 1);

	/* ssh spares the phone call: only the e-mail is recorded. */
	ok(notify(fx, fx->wa_mon, "service-alert", "ssh", true), &E);
	assert_int_equal(R.notice_ids.n, 1);
	assert_int_equal(count_records(&fx->st, HC_NOTICES_DIR), 2);
	assert_valid(&fx->st);
}

static void test_sent_dry_run(void **state)
{
	struct fixture *fx = *state;
	struct hc_txn_options o = txo(T(NOW));
	struct hc_buf report = HC_BUF_INIT;

	o.dry_run = true;
	hc_notify_result_release(&R);
	hc_notify_result_init(&R);
	ok(hc_notify(&fx->st, &o, fx->wa_mon, "ping-alert", NULL, NULL, true, "test-notify", &R,
		     &report, &E), &E);
	assert_int_equal(R.notice_ids.n, 2);
	assert_non_null(report.p);
	assert_non_null(strstr(report.p, "+++ b/notices/"));
	assert_non_null(strstr(report.p, "+to: " ACME_PHONE));
	assert_int_equal(count_records(&fx->st, HC_NOTICES_DIR), 0);
	hc_buf_release(&report);
}

/* ---- notes for verbs that tell as they go ----------------------------------------- */

static void test_notes(void **state)
{
	struct fixture *fx = *state;
	const struct hc_profile *wa, *jecc;
	struct hc_customer acme, bare;
	struct hc_server s;
	struct hc_strs notes;
	struct hc_arena a;
	char path[128];

	hc_arena_init(&a);
	ok(hc_store_profile(&fx->st, "webarena", &wa, &E), &E);
	ok(hc_store_profile(&fx->st, "jecc-waterpf", &jecc, &E), &E);
	ok(hc_store_load(&fx->st, &hc_customer_schema, "customers/acme.yaml", &acme, &a, &E), &E);
	ok(hc_store_load(&fx->st, &hc_customer_schema, "customers/bare.yaml", &bare, &a, &E), &E);
	snprintf(path, sizeof(path), "servers/%s.yaml", fx->wa_mon);
	ok(hc_store_load(&fx->st, &hc_server_schema, path, &s, &a, &E), &E);

	memset(&notes, 0, sizeof(notes));
	hc_notify_notes(wa, &acme, &s, "ping-alert", NULL, &a, &notes);
	assert_int_equal(notes.n, 2);
	assert_true(has_note(&notes, "tell monitoring-email " ACME_MON " of ping-alert (001"));
	assert_true(has_note(&notes, "tell emergency-phone " ACME_PHONE " of ping-alert"));
	/* skip: the verb makes the phone calls itself. */
	memset(&notes, 0, sizeof(notes));
	hc_notify_notes(wa, &acme, &s, "ping-alert", "emergency-phone", &a, &notes);
	assert_int_equal(notes.n, 1);
	assert_false(has_note(&notes, "emergency-phone"));
	/* Not registered, and the portal. */
	memset(&notes, 0, sizeof(notes));
	hc_notify_notes(wa, &bare, &s, "maintenance", NULL, &a, &notes);
	assert_int_equal(notes.n, 1);
	assert_true(has_note(&notes, "tell contract-email (not registered) of maintenance"));
	memset(&notes, 0, sizeof(notes));
	hc_notify_notes(wa, &acme, &s, "shared-network-failure", NULL, &a, &notes);
	assert_int_equal(notes.n, 1);
	assert_true(has_note(&notes, "post shared-network-failure on the portal (001"));
	/* An event the profile does not list, or an option the server lacks: nothing. */
	memset(&notes, 0, sizeof(notes));
	hc_notify_notes(jecc, &acme, &s, "ping-alert", NULL, &a, &notes);
	hc_notify_notes(jecc, &acme, &s, "severe-alert", NULL, &a, &notes);
	assert_int_equal(notes.n, 0);
	hc_arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_catalog_facts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_webarena_matrix, setup, teardown),
		cmocka_unit_test_setup_teardown(test_service_alert_phone_except, setup, teardown),
		cmocka_unit_test_setup_teardown(test_jecc_matrix, setup, teardown),
		cmocka_unit_test_setup_teardown(test_jp6_matrix, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unregistered_addresses, setup, teardown),
		cmocka_unit_test(test_address_per_channel),
		cmocka_unit_test_setup_teardown(test_unknown_event, setup, teardown),
		cmocka_unit_test_setup_teardown(test_events, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sent_records_notices, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sent_seeded_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sent_portal_and_unregistered, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sent_dry_run, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notes, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
