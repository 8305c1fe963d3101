/*
 * test_catalog.c - unit tests for the built-in catalog (seeds/<profile>.yaml) and
 * lib/catalog.c.
 *
 * The built-in profiles are loaded once (group setup); every test then pins
 * the values a verb relies on against the section of the specification it
 * comes from (000 clara-jp6, 001 webarena, 002 smartconnect-managed,
 * 003 clara-rescue, 004 jecc-waterpf; texts in ../shared/seeds/). The last
 * tests feed broken profile texts to the loader and the checker.
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

#include "testutil.h"

#define D(y, m, d) hc_day_make((y), (m), (d))
#define HM(h, m) ((h) * 60 + (m))
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static struct hc_catalog cat;

static int group_setup(void **state)
{
	struct hc_error err;

	(void)state;
	hc_error_clear(&err);
	hc_catalog_init(&cat);
	if (hc_catalog_load_builtin(&cat, &err) != HC_OK) {
		report_error(&err);
		return -1;
	}
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	hc_catalog_release(&cat);
	return 0;
}

/* ---- helpers ------------------------------------------------------------ */

static const struct hc_profile *profile(const char *name)
{
	const struct hc_profile *p = hc_catalog_profile(&cat, name);

	if (!p)
		fail_msg("profile '%s' is not in the built-in catalog", name);
	return p;
}

static const struct hc_plan *plan(const struct hc_profile *p, const char *name)
{
	const struct hc_plan *pl = hc_profile_plan(p, name);

	if (!pl)
		fail_msg("%s: no plan '%s'", p->name, name);
	return pl;
}

static const struct hc_os *os(const struct hc_profile *p, const char *name)
{
	const struct hc_os *o = hc_profile_os(p, name);

	if (!o)
		fail_msg("%s: no OS '%s'", p->name, name);
	return o;
}

static const struct hc_option *option(const struct hc_profile *p, const char *name)
{
	const struct hc_option *o = hc_profile_option(p, name);

	if (!o)
		fail_msg("%s: no option '%s'", p->name, name);
	return o;
}

static const struct hc_work_type *work_type(const struct hc_profile *p, const char *name)
{
	const struct hc_work_type *w = hc_profile_work_type(p, name);

	if (!w)
		fail_msg("%s: no work type '%s'", p->name, name);
	return w;
}

static const struct hc_backup_policy *backup(const struct hc_profile *p, const char *name)
{
	const struct hc_backup_policy *b = hc_profile_backup(p, name);

	if (!b)
		fail_msg("%s: no backup policy '%s'", p->name, name);
	return b;
}

static const struct hc_notification *notification(const struct hc_profile *p, const char *event)
{
	for (size_t i = 0; i < p->notifications.n; i++) {
		const struct hc_notification *nt = HC_LIST_AT(p->notifications, struct hc_notification, i);

		if (strcmp(nt->event, event) == 0)
			return nt;
	}
	fail_msg("%s: no notification '%s'", p->name, event);
	return NULL;
}

static void assert_strs(const struct hc_strs *l, const char *const *want, size_t n)
{
	if (l->n != n)
		fail_msg("list has %zu entries, want %zu", l->n, n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(l->v[i], want[i]) != 0)
			fail_msg("entry %zu is '%s', want '%s'", i, l->v[i], want[i]);
}

static void assert_ints(const struct hc_ints *l, const int64_t *want, size_t n)
{
	if (l->n != n)
		fail_msg("list has %zu entries, want %zu", l->n, n);
	for (size_t i = 0; i < n; i++)
		if (l->v[i] != want[i])
			fail_msg("entry %zu is %lld, want %lld", i, (long long)l->v[i], (long long)want[i]);
}

#define ASSERT_STRS(l, ...)                                                \
	do {                                                               \
		static const char *const want_[] = { __VA_ARGS__ };        \
		assert_strs((l), want_, NELEM(want_));                     \
	} while (0)
#define ASSERT_INTS(l, ...)                                                \
	do {                                                               \
		static const int64_t want_[] = { __VA_ARGS__ };            \
		assert_ints((l), want_, NELEM(want_));                     \
	} while (0)

static bool lower_name(const char *s)
{
	if (!*s || *s == '-')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return true;
}

/* ---- the built-in files --------------------------------------------------- */

static void test_builtin_files(void **state)
{
	static const char *const names[] = {
		"clara-jp6.yaml", "clara-rescue.yaml", "jecc-waterpf.yaml",
		"smartconnect-managed.yaml", "webarena.yaml"
	};

	(void)state;
	/* One file per specification 000-004 (brief §3), embedded in name order. */
	assert_int_equal(hc_catalog_builtin_count, NELEM(names));
	for (size_t i = 0; i < NELEM(names); i++) {
		const struct hc_seed_file *f = &hc_catalog_builtin[i];
		const struct hc_profile *p;
		char want[128];

		assert_string_equal(f->name, names[i]);
		/* Each file opens with the comment block naming its specification. */
		assert_true(f->len > 2 && f->data[0] == '#');
		/* Well under the 1 MiB record limit. */
		assert_true(f->len < 256 * 1024);
		assert_int_equal(strlen(f->data), f->len);
		p = &cat.profiles[i];
		snprintf(want, sizeof(want), "%s.yaml", p->name);
		assert_string_equal(f->name, want);
	}
}

static void test_profiles(void **state)
{
	(void)state;
	assert_int_equal(cat.n, 5);
	assert_string_equal(profile("clara-jp6")->spec, "000");
	assert_string_equal(profile("webarena")->spec, "001");
	assert_string_equal(profile("smartconnect-managed")->spec, "002");
	assert_string_equal(profile("clara-rescue")->spec, "003");
	assert_string_equal(profile("jecc-waterpf")->spec, "004");
	/* Editions as printed on the covers. */
	assert_non_null(strstr(profile("clara-jp6")->edition, "2017/09/28"));
	assert_non_null(strstr(profile("smartconnect-managed")->edition, "3.6"));
	assert_non_null(strstr(profile("clara-rescue")->edition, "Ver1.2"));
	assert_non_null(strstr(profile("jecc-waterpf")->edition, "Ver1.4"));
	for (size_t i = 0; i < cat.n; i++)
		assert_non_null(cat.profiles[i].title);
}

static void test_check_clean(void **state)
{
	struct hc_errors list;
	int rc;

	(void)state;
	hc_errors_init(&list);
	rc = hc_catalog_check(&cat, &list);
	for (size_t i = 0; i < list.n; i++)
		report_error(&list.v[i]);
	assert_int_equal(list.n, 0);
	assert_int_equal(rc, HC_OK);
	hc_errors_release(&list);
}

/* Every object with a source cites its specification ("004 §...") or says the
 * value is not from it; every profile records its choices in notes. */
static void check_source(const struct hc_profile *p, const char *what, const char *name,
			 const char *src)
{
	size_t n = strlen(p->spec);

	if (!src || !*src)
		fail_msg("%s: %s '%s' has no source", p->name, what, name);
	if (!(strncmp(src, p->spec, n) == 0 && src[n] == ' ') &&
	    strncmp(src, "not in the specification", 24) != 0)
		fail_msg("%s: %s '%s': source '%s' cites neither %s nor 'not in the specification'",
			 p->name, what, name, src, p->spec);
}

static void test_sources_and_notes(void **state)
{
	(void)state;
	for (size_t i = 0; i < cat.n; i++) {
		const struct hc_profile *p = &cat.profiles[i];

		assert_true(p->notes.n >= 3);
		for (size_t k = 0; k < p->regions.n; k++) {
			const struct hc_region *r = HC_LIST_AT(p->regions, struct hc_region, k);
			check_source(p, "region", r->name, r->source);
		}
		for (size_t k = 0; k < p->os.n; k++) {
			const struct hc_os *o = HC_LIST_AT(p->os, struct hc_os, k);
			check_source(p, "os", o->name, o->source);
			/* Every OS carries the vendor lifecycle. */
			assert_int_not_equal(o->support_end, HC_DAY_NONE);
		}
		for (size_t k = 0; k < p->plans.n; k++) {
			const struct hc_plan *pl = HC_LIST_AT(p->plans, struct hc_plan, k);
			check_source(p, "plan", pl->name, pl->source);
		}
		for (size_t k = 0; k < p->options.n; k++) {
			const struct hc_option *o = HC_LIST_AT(p->options, struct hc_option, k);
			check_source(p, "option", o->name, o->source);
		}
		for (size_t k = 0; k < p->lead_times.n; k++) {
			const struct hc_lead_time *l = HC_LIST_AT(p->lead_times, struct hc_lead_time, k);
			check_source(p, "lead time", hc_plan_kind_names[l->kind], l->source);
		}
		for (size_t k = 0; k < p->backups.n; k++) {
			const struct hc_backup_policy *b = HC_LIST_AT(p->backups, struct hc_backup_policy, k);
			check_source(p, "backup", b->name, b->source);
		}
		for (size_t k = 0; k < p->disk.windows.n; k++) {
			const struct hc_window *w = HC_LIST_AT(p->disk.windows, struct hc_window, k);
			check_source(p, "window", w->name, w->source);
		}
		for (size_t k = 0; k < p->dns.patterns.n; k++) {
			const struct hc_dns_pattern *d = HC_LIST_AT(p->dns.patterns, struct hc_dns_pattern, k);
			check_source(p, "dns pattern", d->name, d->source);
		}
		for (size_t k = 0; k < p->work_types.n; k++) {
			const struct hc_work_type *w = HC_LIST_AT(p->work_types, struct hc_work_type, k);
			check_source(p, "work type", w->name, w->source);
		}
		for (size_t k = 0; k < p->notifications.n; k++) {
			const struct hc_notification *nt =
				HC_LIST_AT(p->notifications, struct hc_notification, k);
			check_source(p, "notification", nt->event, nt->source);
		}
		for (size_t k = 0; k < p->rescue.menus.n; k++) {
			const struct hc_rescue_menu *m = HC_LIST_AT(p->rescue.menus, struct hc_rescue_menu, k);
			check_source(p, "rescue menu", m->name, m->source);
		}
		/* Rule blocks that are present cite their section too. */
		if (p->plan_change.source || p->plan_change.allowed)
			check_source(p, "rule", "plan_change", p->plan_change.source);
		if (p->disk.source || p->disk.allowed)
			check_source(p, "rule", "disk", p->disk.source);
		if (p->cancellation.notice >= 0 || p->cancellation.latest >= 0)
			check_source(p, "rule", "cancellation", p->cancellation.source);
		if (p->sla.refund.n)
			check_source(p, "rule", "sla", p->sla.source);
		if (p->support.hours.n)
			check_source(p, "rule", "support", p->support.source);
	}
}

/* The catalog survives re-encoding (hostctl init may write profiles through
 * the record encoder): encode, decode, encode gives the same bytes, and the
 * re-read profiles still pass the checker. */
static void test_roundtrip(void **state)
{
	struct hc_catalog again;
	struct hc_errors list;

	(void)state;
	hc_catalog_init(&again);
	hc_errors_init(&list);
	for (size_t i = 0; i < cat.n; i++) {
		struct hc_buf first, second;
		struct hc_error err;

		hc_buf_init(&first);
		hc_buf_init(&second);
		hc_error_clear(&err);
		hc_record_encode_yaml(&hc_profile_schema, &cat.profiles[i], 540, &first);
		if (hc_catalog_add(&again, first.p, first.len, cat.profiles[i].name, &err) != HC_OK) {
			report_error(&err);
			fail_msg("%s does not read back", cat.profiles[i].name);
		}
		hc_record_encode_yaml(&hc_profile_schema, &again.profiles[i], 540, &second);
		assert_int_equal(first.len, second.len);
		assert_memory_equal(first.p, second.p, first.len);
		hc_buf_release(&first);
		hc_buf_release(&second);
	}
	assert_int_equal(hc_catalog_check(&again, &list), HC_OK);
	assert_int_equal(list.n, 0);
	hc_errors_release(&list);
	hc_catalog_release(&again);
}

/* Names are lowercase [a-z0-9-]; the managed plans keep the letters A-E of
 * 002 §2.2.1 and the DNS patterns the letters of 002 §2.2.4. */
static void test_names(void **state)
{
	(void)state;
	for (size_t i = 0; i < cat.n; i++) {
		const struct hc_profile *p = &cat.profiles[i];

		assert_true(lower_name(p->name));
		for (size_t k = 0; k < p->regions.n; k++)
			assert_true(lower_name(HC_LIST_AT(p->regions, struct hc_region, k)->name));
		for (size_t k = 0; k < p->os.n; k++)
			assert_true(lower_name(HC_LIST_AT(p->os, struct hc_os, k)->name));
		for (size_t k = 0; k < p->options.n; k++)
			assert_true(lower_name(HC_LIST_AT(p->options, struct hc_option, k)->name));
		for (size_t k = 0; k < p->plans.n; k++) {
			const char *n = HC_LIST_AT(p->plans, struct hc_plan, k)->name;

			if (strcmp(p->name, "smartconnect-managed") == 0 && strlen(n) == 1)
				assert_true(n[0] >= 'A' && n[0] <= 'E');
			else
				assert_true(lower_name(n));
		}
		for (size_t k = 0; k < p->work_types.n; k++)
			assert_true(lower_name(HC_LIST_AT(p->work_types, struct hc_work_type, k)->name));
		for (size_t k = 0; k < p->backups.n; k++)
			assert_true(lower_name(HC_LIST_AT(p->backups, struct hc_backup_policy, k)->name));
	}
}

/* ---- 004 jecc-waterpf ------------------------------------------------------ */

static void test_jecc_sla(void **state)
{
	const struct hc_profile *p = profile("jecc-waterpf");
	const struct hc_refund_tier *t;
	static const int64_t max_s[] = { 1296, 5184, 25920, HC_INT_NONE };
	static const int64_t pct[] = { 0, 1, 3, 10 };

	(void)state;
	/* 004 §3.2.1: monthly availability target 99.95 %. */
	assert_int_equal(p->sla.target_percent, 9995);
	/* 004 §3.1, §3.2.2: only the virtual server service. */
	ASSERT_STRS(&p->sla.applies_to, "virtual");
	/* 004 §3.3 表3-1: 21 min 36 s / 86 min 24 s / 432 min -> 0 / 1 / 3 / 10 %. */
	assert_int_equal(p->sla.refund.n, 4);
	for (size_t i = 0; i < 4; i++) {
		t = HC_LIST_AT(p->sla.refund, struct hc_refund_tier, i);
		assert_int_equal(t->max_seconds, max_s[i]);
		assert_int_equal(t->percent, pct[i]);
		assert_non_null(t->availability);
	}
	assert_int_equal(21 * 60 + 36, 1296);
	assert_int_equal(86 * 60 + 24, 5184);
	assert_int_equal(432 * 60, 25920);
	/* 004 §3.3 表3-1: the availability column as printed. */
	assert_string_equal(HC_LIST_AT(p->sla.refund, struct hc_refund_tier, 0)->availability, "99.95%");
	assert_string_equal(HC_LIST_AT(p->sla.refund, struct hc_refund_tier, 3)->availability, "99.00%未満");
}

static void test_jecc_exclusions(void **state)
{
	const struct hc_profile *p = profile("jecc-waterpf");
	static const char *const causes[] = {
		"announced-maintenance",    /* (1) 事前通知した当社メンテナンス作業 */
		"customer-misoperation",    /* (2) サービス利用者誤操作 */
		"os-fault",                 /* (3) 仮想サーバの OS の障害・不具合 */
		"application-fault",        /* (4) アプリケーションの不具合 */
		"customer-software",        /* (5) 利用者が固有で導入しているソフトウェア */
		"customer-reboot-shutdown", /* (6) 利用者作業(再起動・シャットダウン) */
		"line-failure",             /* (7) 利用している回線の障害 */
		"dev-eval-environment",     /* (8) 開発環境・評価環境 */
		"not-attributable",         /* (9) 当社の責に帰することができない事由 */
	};

	(void)state;
	/* 004 §3.4 (1)-(9), in order. */
	assert_int_equal(p->sla.exclusions.n, NELEM(causes));
	for (size_t i = 0; i < NELEM(causes); i++) {
		const struct hc_exclusion *e = HC_LIST_AT(p->sla.exclusions, struct hc_exclusion, i);

		assert_string_equal(e->cause, causes[i]);
		assert_int_equal(e->item, (int64_t)i + 1);
		assert_non_null(e->title);
	}
}

static void test_jecc_plans(void **state)
{
	const struct hc_profile *p = profile("jecc-waterpf");
	/* 004 §2.1.3 (1) 表2-2, in table order (Ver1.4: 21 specs). */
	static const int specs[][2] = {
		{ 1, 2 }, { 1, 4 }, { 1, 8 }, { 1, 16 }, { 2, 4 }, { 2, 8 }, { 2, 16 }, { 2, 32 },
		{ 4, 8 }, { 4, 16 }, { 4, 32 }, { 4, 64 }, { 8, 16 }, { 8, 32 }, { 8, 64 }, { 8, 128 },
		{ 16, 32 }, { 16, 64 }, { 16, 128 }, { 32, 64 }, { 32, 128 },
	};

	(void)state;
	assert_int_equal(p->plans.n, 21);
	for (size_t i = 0; i < NELEM(specs); i++) {
		const struct hc_plan *pl = HC_LIST_AT(p->plans, struct hc_plan, i);
		char name[32];

		snprintf(name, sizeof(name), "%dcpu-%dgb", specs[i][0], specs[i][1]);
		assert_string_equal(pl->name, name);
		assert_int_equal(pl->kind, HC_PLAN_VIRTUAL);
		assert_int_equal(pl->vcpu, specs[i][0]);
		assert_int_equal(pl->memory_gb, specs[i][1]);
		/* 表2-2: standard OS disk 40 GB. */
		assert_int_equal(pl->disk_gb, 40);
		/* §2.1.3 (1): spec change on request. */
		assert_true(pl->plan_change);
	}
	/* The four specs added in Ver1.4 (改定履歴). */
	plan(p, "1cpu-16gb");
	plan(p, "2cpu-32gb");
	plan(p, "4cpu-64gb");
	plan(p, "8cpu-128gb");
	assert_null(hc_profile_plan(p, "4cpu-6gb")); /* that is a WAF plan (表2-8) */
}

static void test_jecc_os(void **state)
{
	const struct hc_profile *p = profile("jecc-waterpf");
	const struct hc_os *o;

	(void)state;
	/* 表2-2: Rocky Linux is the OS of every spec; 40 GB OS disk. */
	o = hc_profile_default_os(p);
	assert_non_null(o);
	assert_string_equal(o->name, "rocky-9");
	assert_int_equal(o->os_disk_gb, 40);
	assert_int_equal(o->sale_end, HC_DAY_NONE);
	/* 表2-2: CentOS no longer sold from 2023-09-30. */
	o = os(p, "centos-7");
	assert_int_equal(o->sale_end, D(2023, 9, 30));
	assert_int_equal(o->support_end, D(2024, 6, 30));  /* vendor lifecycle */
	/* 表2-3: Windows Server 80 GB, RHEL 40 GB, both commercial OS. */
	o = os(p, "windows-server-2022");
	assert_int_equal(o->family, HC_OS_WINDOWS);
	assert_int_equal(o->os_disk_gb, 80);
	assert_int_equal(o->support_end, D(2031, 10, 14));
	ASSERT_STRS(&o->requires_options, "commercial-os");
	assert_int_equal(os(p, "windows-server-2019")->os_disk_gb, 80);
	assert_int_equal(os(p, "windows-server-2019")->support_end, D(2029, 1, 9));
	o = os(p, "rhel-9");
	assert_int_equal(o->os_disk_gb, 40);
	assert_int_equal(o->support_end, D(2032, 5, 31));
	ASSERT_STRS(&o->requires_options, "commercial-os");
	assert_int_equal(os(p, "rhel-8")->support_end, D(2029, 5, 31));
	assert_int_equal(os(p, "rocky-9")->support_end, D(2032, 5, 31));
	/* §2.1.3 (2): the customer applies OS patches. */
	assert_int_equal(p->security_updates.applied_by, HC_PARTY_CUSTOMER);
}

static void test_jecc_changes(void **state)
{
	const struct hc_profile *p = profile("jecc-waterpf");

	(void)state;
	/* §2.1.3 (1): spec change on request, by the provider, with a stop. */
	assert_true(p->plan_change.allowed);
	assert_true(p->plan_change.by_request);
	assert_int_equal(p->plan_change.outage, HC_OUTAGE_STOP);
	assert_false(p->plan_change.immediate);
	/* §2.1.3 (4) 表2-5: fixed sizes 40 GB ... 4 TB, with a stop. */
	assert_true(p->disk.allowed);
	ASSERT_INTS(&p->disk.sizes_gb, 40, 80, 100, 300, 500, 1000, 2000, 3000, 4000);
	assert_int_equal(p->disk.step_gb, HC_INT_NONE);
	assert_int_equal(p->disk.outage, HC_OUTAGE_STOP);
	assert_int_equal(p->disk.windows.n, 0);
	assert_true(option(p, "disk-add")->requires_stop);
	/* §2.1.3 (10) 表2-12: 2 or 4 IOPS/GB, 100 ... 12000 GB. */
	ASSERT_INTS(&p->block_storage.iops_per_gb, 2, 4);
	ASSERT_INTS(&p->block_storage.sizes_gb, 100, 250, 500, 1000, 2000, 4000, 8000, 12000);
	/* §2.1.3 (13): a snapshot needs a stop. */
	assert_true(option(p, "snapshot")->requires_stop);
	/* 表2-1: the fifteen services, minus the virtual server itself (= plans),
	 * plus the OS-disk expansion of 表2-2 ※. */
	assert_int_equal(p->options.n, 15);
	/* Lead time exists for virtual plans (004 silent: our choice). */
	assert_non_null(hc_profile_lead_time(p, HC_PLAN_VIRTUAL));
	assert_null(hc_profile_lead_time(p, HC_PLAN_PHYSICAL));
}

static void test_jecc_backup_notifications(void **state)
{
	const struct hc_profile *p = profile("jecc-waterpf");
	const struct hc_backup_policy *b = backup(p, "image-backup");
	const struct hc_notification *nt;

	(void)state;
	/* §2.1.3 (5) 表2-6: option, incremental, configurable generations, data
	 * restore by the customer, a system restore deletes the server first. */
	assert_string_equal(b->requires_option, "image-backup");
	assert_true(b->incremental);
	assert_true(b->generations_configurable);
	assert_int_equal(b->restore_by, HC_PARTY_CUSTOMER);
	assert_true(b->system_restore_deletes_server);
	assert_int_equal(b->window_from, -1);
	/* §2.1.3 (13): snapshots are restored by the provider. */
	assert_int_equal(backup(p, "snapshot")->restore_by, HC_PARTY_PROVIDER);
	/* §2.1.3 (9): severe -> operator + vendor, minor -> vendor. */
	nt = notification(p, "severe-alert");
	ASSERT_STRS(&nt->channels, "operator", "vendor");
	assert_string_equal(nt->requires_option, "server-monitoring");
	ASSERT_STRS(&notification(p, "minor-alert")->channels, "vendor");
	/* §4.2: maintenance with a stop announced on the portal or by e-mail. */
	ASSERT_STRS(&notification(p, "maintenance")->channels, "portal", "contract-email");
}

/* ---- 002 smartconnect-managed ---------------------------------------------- */

static void test_managed_plans(void **state)
{
	const struct hc_profile *p = profile("smartconnect-managed");
	static const char *const names[] = { "A", "B", "C", "D", "E" };
	static const int vcpu[] = { 1, 2, 4, 6, 8 };
	static const int mem[] = { 2, 4, 8, 12, 16 };
	const struct hc_plan *pl;

	(void)state;
	assert_int_equal(p->plans.n, 7);
	/* 002 §2.2.1 仮想専用タイプ: A-E. */
	for (size_t i = 0; i < NELEM(names); i++) {
		pl = plan(p, names[i]);
		assert_int_equal(pl->kind, HC_PLAN_VIRTUAL);
		assert_int_equal(pl->vcpu, vcpu[i]);
		assert_int_equal(pl->memory_gb, mem[i]);
		assert_int_equal(pl->disk_gb, 100);          /* 基本容量 100GB */
		assert_true(pl->disk_expandable);            /* 100GB 単位で最大 2TB */
		assert_int_equal(pl->global_ips, 1);         /* 標準 1 個 */
		assert_int_equal(pl->global_ips_max, 201);   /* 最大 201 個 */
		assert_int_equal(pl->private_ips, 1);        /* 1 個, 追加不可 */
		assert_int_equal(pl->private_ips_max, 1);
		assert_true(pl->plan_change);                /* §2.3.1 *1 */
		assert_int_equal(pl->bandwidth_mbps, HC_INT_NONE); /* 1Gbps 共用, not metered */
	}
	/* 002 §2.2.1 物理専用タイプ: SAS 500 GB / SSD 200 GB fixed, no plan change. */
	pl = plan(p, "physical-sas");
	assert_int_equal(pl->kind, HC_PLAN_PHYSICAL);
	assert_int_equal(pl->vcpu, 6);
	assert_int_equal(pl->memory_gb, 12);
	assert_int_equal(pl->disk_gb, 500);
	assert_false(pl->disk_expandable);
	assert_false(pl->plan_change);
	assert_int_equal(pl->global_ips_max, 201);
	pl = plan(p, "physical-ssd");
	assert_int_equal(pl->kind, HC_PLAN_PHYSICAL);
	assert_int_equal(pl->disk_gb, 200);
	assert_false(pl->disk_expandable);
	assert_false(pl->plan_change);
	/* §2.2.1: CentOS 6 in osaka. */
	assert_string_equal(hc_profile_default_os(p)->name, "centos-6");
	assert_int_equal(hc_profile_default_os(p)->support_end, D(2020, 11, 30));
	assert_string_equal(hc_profile_default_region(p)->name, "osaka");
	assert_int_equal(p->regions.n, 1);
}

static void test_managed_plan_change(void **state)
{
	const struct hc_profile *p = profile("smartconnect-managed");

	(void)state;
	/* 002 §2.3.1 プラン変更: once a day, immediate or reserved, with a reboot;
	 * §3.1 *1: ~30 min. */
	assert_true(p->plan_change.allowed);
	assert_int_equal(p->plan_change.per_day, 1);
	assert_true(p->plan_change.immediate);
	assert_true(p->plan_change.reserved);
	assert_int_equal(p->plan_change.outage, HC_OUTAGE_REBOOT);
	assert_int_equal(p->plan_change.outage_minutes, 30);
	assert_false(p->plan_change.by_request);
}

static void test_managed_disk(void **state)
{
	const struct hc_profile *p = profile("smartconnect-managed");
	static const struct {
		const char *name;
		int from, to;
		size_t ndays;
	} w[] = {
		/* 002 §2.3.1 / §3.1 *2: 平日昼間帯 — the work day is a business day. */
		{ "day-1", HM(10, 0), HM(12, 0), 1 },
		{ "day-2", HM(13, 0), HM(15, 0), 1 },
		{ "day-3", HM(15, 0), HM(17, 0), 1 },
		/* 平日夜間帯 — the work day and the next day are business days. */
		{ "night-1", HM(18, 0), HM(21, 0), 2 },
		{ "night-2", HM(21, 0), HM(24, 0), 2 },
	};

	(void)state;
	/* 002 §2.2.1: 100 GB steps, up to 2 TB added. */
	assert_true(p->disk.allowed);
	assert_int_equal(p->disk.step_gb, 100);
	assert_int_equal(p->disk.max_added_gb, 2000);
	assert_int_equal(p->disk.sizes_gb.n, 0);
	/* §2.3.1: once a day, ~30 min outage. */
	assert_int_equal(p->disk.per_day, 1);
	assert_int_equal(p->disk.outage_minutes, 30);
	assert_int_equal(p->disk.outage, HC_OUTAGE_STOP);
	/* §3.1: 6 business days ... end of next month. */
	assert_int_equal(p->disk.min_business_days, 6);
	assert_int_equal(p->disk.latest, HC_DL_END_OF_NEXT_MONTH);
	assert_int_equal(p->disk.windows.n, NELEM(w));
	for (size_t i = 0; i < NELEM(w); i++) {
		const struct hc_window *win = HC_LIST_AT(p->disk.windows, struct hc_window, i);

		assert_string_equal(win->name, w[i].name);
		assert_ptr_equal(hc_profile_window(p, w[i].name), win);
		assert_int_equal(win->from, w[i].from);
		assert_int_equal(win->to, w[i].to);
		assert_int_equal(win->business_days.n, w[i].ndays);
		assert_int_equal(win->business_days.v[0], 0);
		if (w[i].ndays == 2)
			assert_int_equal(win->business_days.v[1], 1);
	}
}

static void test_managed_lead_cancel_ip(void **state)
{
	const struct hc_profile *p = profile("smartconnect-managed");
	const struct hc_lead_time *l;

	(void)state;
	/* 002 §3.1: virtual 3 BD, an added server ~1 hour. */
	l = hc_profile_lead_time(p, HC_PLAN_VIRTUAL);
	assert_non_null(l);
	assert_int_equal(l->business_days, 3);
	assert_int_equal(l->added_minutes, 60);
	assert_false(l->from_settings);
	/* 002 §3.1: physical 5 BD, added 5 BD (stock). */
	l = hc_profile_lead_time(p, HC_PLAN_PHYSICAL);
	assert_non_null(l);
	assert_int_equal(l->business_days, 5);
	assert_int_equal(l->added_business_days, 5);
	/* 002 §3.2: same day (until 17:00) to end of next month; options frozen,
	 * domain options cancelled with the server. */
	assert_int_equal(p->cancellation.same_day_until, HM(17, 0));
	assert_int_equal(p->cancellation.latest, HC_DL_END_OF_NEXT_MONTH);
	assert_int_equal(p->cancellation.notice, HC_DL_NONE);
	assert_true(p->cancellation.freezes_options);
	assert_true(p->cancellation.cancels_domain_options);
	/* 002 §2.3.1: global IP addition only for SSL (a certificate bought
	 * through the provider implies it, §2.3.3). */
	ASSERT_STRS(&p->ip.requires_any_option, "ssl", "ssl-globalsign-quick", "ssl-secom-passport");
	option(p, "ssl");
	assert_int_equal(option(p, "global-ip-add")->global_ips, 1);
	/* §2.3.5, §2.3.10 options exist. */
	option(p, "load-balancer");
	option(p, "firewall-utm");
	/* §2.2.11: the provider patches; §4: telephone hours. */
	assert_int_equal(p->security_updates.applied_by, HC_PARTY_PROVIDER);
	assert_int_equal(p->support.hours.n, 2);
	assert_int_equal(HC_LIST_AT(p->support.hours, struct hc_span, 0)->from, HM(10, 0));
	assert_int_equal(HC_LIST_AT(p->support.hours, struct hc_span, 0)->to, HM(12, 0));
	assert_int_equal(HC_LIST_AT(p->support.hours, struct hc_span, 1)->from, HM(13, 0));
	assert_int_equal(HC_LIST_AT(p->support.hours, struct hc_span, 1)->to, HM(18, 0));
	/* 002 has no SLA. */
	assert_int_equal(p->sla.refund.n, 0);
}

static void test_managed_backups(void **state)
{
	const struct hc_profile *p = profile("smartconnect-managed");
	const struct hc_backup_policy *b;

	(void)state;
	/* 002 §2.2.12 1. お客様用バックアップデータ. */
	b = backup(p, "customer-copy");
	ASSERT_STRS(&b->covers, "html", "html.stage", "cgi-bin", "cgi-bin.stage", "cgi-data", "var");
	ASSERT_STRS(&b->excludes, "mail", "databases");
	assert_int_equal(b->window_from, HM(1, 0));
	assert_int_equal(b->window_to, HM(5, 0));
	assert_int_equal(b->generations, 1);
	assert_int_equal(b->restore_by, HC_PARTY_CUSTOMER);
	assert_string_equal(b->restore_when, "any-time");
	assert_string_equal(b->path, "/data/domain/{domain}({uuid})/backup/contents/");
	assert_null(b->requires_option);
	/* 002 §2.2.12 2. 当社用バックアップデータ: adds home, log, tmp, MySQL, share. */
	b = backup(p, "provider-copy");
	ASSERT_STRS(&b->covers, "html", "html.stage", "cgi-bin", "cgi-bin.stage", "cgi-data", "var",
		    "home", "log", "tmp", "mysql", "share");
	assert_int_equal(b->restore_by, HC_PARTY_PROVIDER);
	assert_string_equal(b->restore_when, "data-loss-by-system-failure");
	assert_int_equal(b->max_loss_hours, 24);  /* *2 最大で 1 日前程度 */
	assert_int_equal(b->generations, 1);
	assert_int_equal(b->window_from, -1);     /* 当社指定タイミング */
}

static void test_managed_dns(void **state)
{
	const struct hc_profile *p = profile("smartconnect-managed");
	static const struct {
		const char *name;
		int primary, secondary;
	} pat[] = {
		{ "A", HC_PARTY_PROVIDER, HC_PARTY_PROVIDER },
		{ "B", HC_PARTY_CUSTOMER, HC_PARTY_PROVIDER },
		{ "C", HC_PARTY_CUSTOMER, HC_PARTY_CUSTOMER },
		{ "ready", HC_PARTY_PROVIDER, HC_PARTY_PROVIDER },
	};
	static const struct {
		const char *name, *type, *value, *unless;
	} rec[] = {
		{ "@", "A", "{ip}", NULL },
		{ "www", "A", "{ip}", "web-elsewhere" },    /* *2 */
		{ "mail", "A", "{ip}", "mail-elsewhere" },  /* *3 */
		{ "@", "MX", "10 mail.{domain}.", "mail-elsewhere" },   /* *3 read as covering the MX */
		{ "@", "TXT", "\"v=spf1 include:{domain}.spf.hosting-pf.net ~all\"", NULL },
	};

	(void)state;
	/* 002 §2.2.4 レディドメイン, テスト用ドメイン, マルチドメイン. */
	ASSERT_STRS(&p->dns.ready_domains, "smc-msv.jp", "smc-managed.jp", "biz-server.jp", "l-biz.jp",
		    "curren.biz");
	assert_string_equal(p->dns.test_domain_suffix, "mngsv.biz");
	assert_int_equal(p->dns.max_domains, 200);
	/* 002 §2.2.4 基本 DNS 設定: patterns A/B/C and the ready domains. */
	assert_int_equal(p->dns.patterns.n, NELEM(pat));
	for (size_t i = 0; i < NELEM(pat); i++) {
		const struct hc_dns_pattern *d = HC_LIST_AT(p->dns.patterns, struct hc_dns_pattern, i);

		assert_string_equal(d->name, pat[i].name);
		assert_int_equal(d->primary, pat[i].primary);
		assert_int_equal(d->secondary, pat[i].secondary);
	}
	/* 002 §2.2.4 当社プライマリ DNS 設定内容. */
	assert_int_equal(p->dns.records.n, NELEM(rec));
	for (size_t i = 0; i < NELEM(rec); i++) {
		const struct hc_dns_record *r = HC_LIST_AT(p->dns.records, struct hc_dns_record, i);

		assert_string_equal(r->name, rec[i].name);
		assert_string_equal(r->type, rec[i].type);
		assert_string_equal(r->value, rec[i].value);
		if (rec[i].unless)
			assert_string_equal(r->unless, rec[i].unless);
		else
			assert_null(r->unless);
	}
}

static void test_managed_firewall(void **state)
{
	const struct hc_profile *p = profile("smartconnect-managed");
	const struct hc_port_range *r;

	(void)state;
	/* 002 §2.2.3 サーバファイアウォール: restrictable ports. */
	ASSERT_INTS(&p->firewall.ports, 21, 25, 80, 110, 143, 465, 587, 993, 995, 11122, 11180);
	/* 443 and 11443 carry ※ (SSL 設定時). */
	ASSERT_INTS(&p->firewall.ssl_ports, 443, 11443);
	/* 10000~10999 (ftp passive). */
	assert_int_equal(p->firewall.port_ranges.n, 1);
	r = HC_LIST_AT(p->firewall.port_ranges, struct hc_port_range, 0);
	assert_int_equal(r->first, 10000);
	assert_int_equal(r->last, 10999);
	/* 最大 50 個/ポート (§2.2.3, 変更履歴 2.6; §5 用語集's 10 is stale). */
	assert_int_equal(p->firewall.max_sources_per_port, 50);
	/* ループバックアドレス(127.0.0.1) denies everyone. */
	assert_string_equal(p->firewall.deny_all_source, "127.0.0.1");
	/* Reset when the global network is disconnected. */
	assert_true(p->firewall.reset_on_disconnect);
}

/* ---- 000 clara-jp6 ----------------------------------------------------------- */

static void test_jp6_regions(void **state)
{
	const struct hc_profile *p = profile("clara-jp6");
	const struct hc_region *r;

	(void)state;
	assert_int_equal(p->regions.n, 2);
	/* 000 §2.1-5: tokyo unless told otherwise; §2.2-3: multi-carrier BGP,
	 * AS23661, redundant edge; §2.4-2: on-site within ~4 hours. */
	r = hc_profile_default_region(p);
	assert_non_null(r);
	assert_string_equal(r->name, "tokyo");
	assert_true(r->multi_carrier);
	assert_true(r->redundant_edge);
	assert_int_equal(r->asn, 23661);
	assert_int_equal(r->onsite_eta_minutes, 240);
	/* nagoya: single line, edge not redundant, ~12 hours. */
	r = hc_profile_region(p, "nagoya");
	assert_non_null(r);
	assert_false(r->is_default);
	assert_false(r->multi_carrier);
	assert_false(r->redundant_edge);
	assert_int_equal(r->onsite_eta_minutes, 720);
}

static void test_jp6_os_plan_options(void **state)
{
	const struct hc_profile *p = profile("clara-jp6");
	const struct hc_plan *pl;
	static const char *const hw[] = {
		"hw-memory", "hw-disk", "hw-raid", "hw-psu-redundant", "hw-nic-redundant", "hw-nic-add"
	};

	(void)state;
	/* 000 §2.6.1.2.2: Windows needs the dedicated firewall. */
	for (size_t i = 0; i < p->os.n; i++) {
		const struct hc_os *o = HC_LIST_AT(p->os, struct hc_os, i);

		if (o->family == HC_OS_WINDOWS)
			ASSERT_STRS(&o->requires_options, "dedicated-firewall");
		else
			assert_int_equal(o->requires_options.n, 0);
	}
	option(p, "dedicated-firewall");
	assert_int_equal(os(p, "windows-server-2019")->family, HC_OS_WINDOWS);
	/* §2.1-1-1: CentOS / RHEL / Windows Server; vendor lifecycle dates. */
	assert_int_equal(os(p, "centos-6")->support_end, D(2020, 11, 30));
	assert_int_equal(os(p, "centos-7")->support_end, D(2024, 6, 30));
	assert_int_equal(os(p, "rhel-8")->support_end, D(2029, 5, 31));
	assert_int_equal(os(p, "rhel-9")->support_end, D(2032, 5, 31));
	assert_int_equal(os(p, "windows-server-2022")->support_end, D(2031, 10, 14));
	/* §2.4.3.1.1 (no install of an OS out of support) -> sale_end. */
	assert_int_equal(os(p, "centos-7")->sale_end, D(2024, 6, 30));
	assert_false(os(p, "centos-7")->is_default);
	/* One physical plan (別紙1 missing): 1 global IP (§2.2-1 B), 1 Mbps (§2.2-2-1). */
	assert_int_equal(p->plans.n, 1);
	pl = plan(p, "standard");
	assert_int_equal(pl->kind, HC_PLAN_PHYSICAL);
	assert_int_equal(pl->global_ips, 1);
	assert_int_equal(pl->bandwidth_mbps, 1);
	assert_false(pl->plan_change);
	/* §2.1-4-6: hardware options need a stop. */
	for (size_t i = 0; i < NELEM(hw); i++) {
		const struct hc_option *o = option(p, hw[i]);

		assert_true(o->hardware);
		assert_true(o->requires_stop);
	}
	/* §2.7-1 options; the IP and bandwidth additions add what they say. */
	assert_int_equal(option(p, "ip-add")->global_ips, 1);
	assert_int_equal(option(p, "bandwidth-add")->bandwidth_mbps, 1);
	assert_false(option(p, "security-update")->hardware);
	option(p, "backup");
	/* No plan change and no disk rule: hardware options instead. */
	assert_false(p->plan_change.allowed);
	assert_false(p->disk.allowed);
}

static void test_jp6_lead_cancel(void **state)
{
	const struct hc_profile *p = profile("clara-jp6");
	const struct hc_lead_time *l = hc_profile_lead_time(p, HC_PLAN_PHYSICAL);

	(void)state;
	/* 000 §4.2-1: 3 business days, from the business day after the settings. */
	assert_non_null(l);
	assert_int_equal(l->business_days, 3);
	assert_true(l->from_settings);
	/* 000 §4.3: filed by the end of the month before the desired date. */
	assert_int_equal(p->cancellation.notice, HC_DL_END_OF_PREVIOUS_MONTH);
	assert_int_equal(p->cancellation.same_day_until, -1);
	/* 000 §3.2: the SLA is a separate document, not in the seed. */
	assert_int_equal(p->sla.refund.n, 0);
	assert_int_equal(p->sla.target_percent, HC_INT_NONE);
}

static void test_jp6_operations(void **state)
{
	const struct hc_profile *p = profile("clara-jp6");
	const struct hc_security_level *l;
	const struct hc_work_type *w;

	(void)state;
	/* 000 §2.3-1-1: ping every 5 min; §2.4-1: LED check twice a week. */
	assert_int_equal(p->monitoring.ping_interval_minutes, 5);
	assert_int_equal(p->monitoring.visual_checks_per_week, 2);
	/* §2.3-1-2 ご連絡フロー: 10 rings, two rounds, then reboot. */
	assert_int_equal(p->monitoring.escalation.rings, 10);
	assert_int_equal(p->monitoring.escalation.rounds, 2);
	assert_string_equal(p->monitoring.escalation.then, "reboot");
	/* §2.6.1.1.1: high for all servers, medium only with the option. */
	assert_int_equal(p->security_updates.applied_by, HC_PARTY_PROVIDER);
	assert_int_equal(p->security_updates.levels.n, 2);
	l = HC_LIST_AT(p->security_updates.levels, struct hc_security_level, 0);
	assert_string_equal(l->level, "high");
	assert_string_equal(l->scope, "all");
	assert_null(l->requires_option);
	l = HC_LIST_AT(p->security_updates.levels, struct hc_security_level, 1);
	assert_string_equal(l->level, "medium");
	assert_string_equal(l->scope, "option");
	assert_string_equal(l->requires_option, "security-update");
	/* §2.2-2: p95 of the larger direction, +option. */
	assert_string_equal(p->bandwidth.method, "p95");
	assert_string_equal(p->bandwidth.direction, "max");
	assert_int_equal(p->bandwidth.sample_minutes, 5);
	assert_string_equal(p->bandwidth.option, "bandwidth-add");
	/* §2.4-2 / §2.4-3: on-site recovery. */
	assert_true(p->onsite.next_business_day_if_reachable);
	ASSERT_STRS(&p->onsite.recovery, "part", "chassis", "equivalent-model");
	ASSERT_STRS(&p->onsite.reinstall_when, "disk", "equivalent-model");
	assert_string_equal(p->onsite.recovery_point, "initial-spec");
	assert_string_equal(p->onsite.backup_option, "backup");
	/* §3.3: LAN cable, shutdown, OS reinstall; rescue via 003. */
	ASSERT_STRS(&p->abuse.actions, "isolate", "shutdown", "reinstall-os");
	assert_string_equal(p->abuse.rescue_profile, "clara-rescue");
	/* §2.3-2-2, §2.5-1-1: reboot 24/365, otherwise business hours. */
	assert_true(p->support.reboot_around_the_clock);
	assert_int_equal(p->support.hours.n, 1);
	w = work_type(p, "reboot");
	assert_true(w->around_the_clock);
	assert_int_equal(w->menus.n, 0);   /* standard service, no option */
	/* §2.3-1-2: the ping alert is a phone call to the registered contacts. */
	ASSERT_STRS(&notification(p, "ping-alert")->channels, "emergency-phone");
}

/* ---- 001 webarena ------------------------------------------------------------ */

static void test_webarena_work_types(void **state)
{
	const struct hc_profile *p = profile("webarena");
	/* 001 ご依頼方法と連絡先, read literally: サービス監視の設定変更 -> 監視通知連絡先
	 * メールアドレス; 上記以外の各種作業 -> 緊急時連絡先電話番号. */
	static const struct {
		const char *name;
		int verify;
	} want[] = {
		{ "service-monitoring-change", HC_CH_MONITORING_EMAIL },
		{ "service-monitoring-exclusion", HC_CH_MONITORING_EMAIL },
		{ "process-resource-monitoring-change", HC_CH_EMERGENCY_PHONE },
		{ "process-resource-monitoring-exclusion", HC_CH_EMERGENCY_PHONE },
		{ "ping-monitoring-change", HC_CH_EMERGENCY_PHONE },
		{ "ping-monitoring-exclusion", HC_CH_EMERGENCY_PHONE },
		{ "process-restart-settings", HC_CH_EMERGENCY_PHONE },
		{ "reboot", HC_CH_EMERGENCY_PHONE },
		{ "remote-access-recovery", HC_CH_EMERGENCY_PHONE },
		{ "password-reset", HC_CH_EMERGENCY_PHONE },
		{ "os-clean-install", HC_CH_EMERGENCY_PHONE },
		{ "vm-image-recovery", HC_CH_EMERGENCY_PHONE },
	};

	(void)state;
	assert_int_equal(p->work_types.n, NELEM(want));
	for (size_t i = 0; i < NELEM(want); i++) {
		const struct hc_work_type *w = work_type(p, want[i].name);

		assert_int_equal(w->verify_via, want[i].verify);
		/* 作業完了通知: 全ての作業 -> 監視通知連絡先メールアドレス. */
		assert_int_equal(w->notify_via, HC_CH_MONITORING_EMAIL);
		/* 各種作業一覧: every work type is offered by some menu, and every
		 * menu is an option of the profile. */
		assert_true(w->menus.n > 0);
		for (size_t k = 0; k < w->menus.n; k++)
			option(p, w->menus.v[k]);
	}
	/* 各種作業一覧: reboot offered by リブート代行, 監視・作業代行パッケージ,
	 * スポット作業代行, VM監視・作業代行パッケージ, スポット作業代行<仮想マシン>. */
	ASSERT_STRS(&work_type(p, "reboot")->menus, "reboot-agent", "monitoring-work-package", "spot-work",
		    "vm-monitoring-work-package", "vm-spot-work");
	ASSERT_STRS(&work_type(p, "vm-image-recovery")->menus, "vm-image-recovery");
	/* Reboot accepted 24/365 (our choice, noted); others on business days. */
	assert_true(work_type(p, "reboot")->around_the_clock);
	assert_false(work_type(p, "os-clean-install")->around_the_clock);
}

static void test_webarena_notifications(void **state)
{
	const struct hc_profile *p = profile("webarena");
	const struct hc_notification *nt;

	(void)state;
	/* 001 サーバー故障時のご連絡方法について. */
	nt = notification(p, "ping-alert");                 /* 標準 */
	ASSERT_STRS(&nt->channels, "monitoring-email", "emergency-phone");
	assert_null(nt->requires_option);
	nt = notification(p, "service-alert");              /* オプション */
	ASSERT_STRS(&nt->channels, "monitoring-email", "emergency-phone");
	ASSERT_STRS(&nt->phone_except, "telnet", "ssh");    /* telnet/SSH 以外 -> phone */
	ASSERT_STRS(&nt->requires_any_option, "service-monitoring", "monitoring-work-package",
		    "vm-monitoring-package", "vm-monitoring-work-package");
	nt = notification(p, "process-resource-alert");     /* オプション */
	ASSERT_STRS(&nt->channels, "monitoring-email", "emergency-phone");
	ASSERT_STRS(&nt->requires_any_option, "process-resource-monitoring", "monitoring-work-package",
		    "vm-monitoring-package", "vm-monitoring-work-package");
	assert_int_equal(nt->phone_except.n, 0);
	ASSERT_STRS(&notification(p, "hardware-visual-check")->channels, "monitoring-email");
	ASSERT_STRS(&notification(p, "network-failure")->channels, "monitoring-email");
	/* ご依頼方法と連絡先: 作業完了通知. */
	ASSERT_STRS(&notification(p, "work-completion")->channels, "monitoring-email");
	/* メンテナンス工事について: e-mail to the contractor. */
	ASSERT_STRS(&notification(p, "maintenance")->channels, "contract-email");
}

static void test_webarena_os_support(void **state)
{
	const struct hc_profile *p = profile("webarena");
	const struct hc_span *h;

	(void)state;
	/* OSのセキュリティ対応について: RHEL is a paid option the order carries. */
	ASSERT_STRS(&os(p, "rhel-9")->requires_options, "rhel");
	ASSERT_STRS(&os(p, "rhel-8")->requires_options, "rhel");
	assert_int_equal(os(p, "centos-7")->requires_options.n, 0);
	assert_string_equal(hc_profile_default_os(p)->name, "centos-7"); /* 標準搭載 */
	assert_non_null(strstr(os(p, "centos-7")->update_policy, "except kernel"));
	assert_non_null(strstr(os(p, "windows-server-2022-standard")->update_policy, "notify-only"));
	assert_non_null(strstr(os(p, "centos-7-plesk")->update_policy, "Plesk"));
	/* The customer applies updates (customer has root). */
	assert_int_equal(p->security_updates.applied_by, HC_PARTY_CUSTOMER);
	/* サポート窓口について: weekdays 9:30-18:00. */
	assert_int_equal(p->support.hours.n, 1);
	h = HC_LIST_AT(p->support.hours, struct hc_span, 0);
	assert_int_equal(h->from, HM(9, 30));
	assert_int_equal(h->to, HM(18, 0));
	/* One neutral region and one physical plan (001 names neither). */
	assert_int_equal(p->regions.n, 1);
	assert_int_equal(plan(p, "standard")->kind, HC_PLAN_PHYSICAL);
	assert_non_null(hc_profile_lead_time(p, HC_PLAN_PHYSICAL));
	assert_int_equal(p->sla.refund.n, 0);
}

/* ---- 003 clara-rescue --------------------------------------------------------- */

static void test_rescue(void **state)
{
	const struct hc_profile *p = profile("clara-rescue");
	const struct hc_rescue_menu *m;
	const struct hc_span *h;
	static const char *const menus[] = {
		"mail-abuse", "investigation", "investigation-recovery",
		"investigation-recovery-reinstall"
	};

	(void)state;
	/* 003 §2.2-1: the four menus, in order. */
	assert_int_equal(p->rescue.menus.n, NELEM(menus));
	for (size_t i = 0; i < NELEM(menus); i++)
		assert_string_equal(HC_LIST_AT(p->rescue.menus, struct hc_rescue_menu, i)->name, menus[i]);
	/* §2.1-2: open relay, mail queue, illicit accounts. */
	m = HC_LIST_AT(p->rescue.menus, struct hc_rescue_menu, 0);
	ASSERT_STRS(&m->includes, "stop-relay", "purge-queue", "suspend-accounts");
	m = HC_LIST_AT(p->rescue.menus, struct hc_rescue_menu, 3);
	ASSERT_STRS(&m->includes, "investigate", "recover", "reinstall-os");
	/* §2.1-1-3: weekdays 10:00-18:00. */
	assert_int_equal(p->rescue.hours.n, 1);
	h = HC_LIST_AT(p->rescue.hours, struct hc_span, 0);
	assert_int_equal(h->from, HM(10, 0));
	assert_int_equal(h->to, HM(18, 0));
	/* §2.1-1-1: OS within vendor support. */
	assert_true(p->rescue.requires_vendor_support);
	/* §6: OS reinstall next business day; billed per incident. */
	assert_int_equal(p->rescue.reinstall_business_days, 1);
	/* §4.1-1, §6: per server, per incident. */
	assert_string_equal(p->rescue.billing, "per-server-per-incident");
	/* No plans or regions. */
	assert_int_equal(p->plans.n, 0);
	assert_int_equal(p->regions.n, 0);
}

/* ---- negative cases ------------------------------------------------------------ */

static void test_unknown_key_refused(void **state)
{
	static const char text[] =
		"name: broken\n"
		"title: \"broken\"\n"
		"spec: \"999\"\n"
		"plans:\n"
		"  - name: small\n"
		"    kind: virtual\n"
		"    cpus: 2\n";
	struct hc_catalog c;
	struct hc_error err;
	int rc;

	(void)state;
	hc_catalog_init(&c);
	hc_error_clear(&err);
	rc = hc_catalog_add(&c, text, strlen(text), "broken.yaml", &err);
	assert_int_equal(rc, HC_EINVALID);
	assert_int_equal(err.status, HC_EINVALID);
	/* The decode error points at the offending key. */
	assert_string_equal(err.path, "broken.yaml");
	assert_int_equal(err.line, 7);
	assert_int_equal(err.col, 5);
	assert_non_null(strstr(err.msg, "cpus"));
	assert_int_equal(c.n, 0);
	hc_catalog_release(&c);
}

static void test_unknown_top_level_key_refused(void **state)
{
	static const char text[] =
		"name: broken\n"
		"title: \"broken\"\n"
		"spec: \"999\"\n"
		"slas: []\n";
	struct hc_catalog c;
	struct hc_error err;

	(void)state;
	hc_catalog_init(&c);
	hc_error_clear(&err);
	assert_int_equal(hc_catalog_add(&c, text, strlen(text), "broken.yaml", &err), HC_EINVALID);
	assert_int_equal(err.line, 4);
	assert_int_equal(err.col, 1);
	assert_non_null(strstr(err.msg, "slas"));
	hc_catalog_release(&c);
}

static void test_refund_tiers_out_of_order(void **state)
{
	static const char text[] =
		"name: bad-sla\n"
		"title: \"tiers out of order\"\n"
		"spec: \"999\"\n"
		"sla:\n"
		"  target_percent: 99.95\n"
		"  refund:\n"
		"    - max_seconds: 5184\n"
		"      percent: 1\n"
		"    - max_seconds: 1296\n"
		"      percent: 0\n"
		"    - percent: 10\n";
	struct hc_catalog c;
	struct hc_errors list;
	struct hc_error err;
	bool ascending = false;

	(void)state;
	hc_catalog_init(&c);
	hc_errors_init(&list);
	hc_error_clear(&err);
	/* It decodes: every value has the right type ... */
	assert_int_equal(hc_catalog_add(&c, text, strlen(text), "bad-sla.yaml", &err), HC_OK);
	/* ... but the checker refuses the order. */
	assert_int_equal(hc_catalog_check(&c, &list), HC_EINVALID);
	assert_true(list.n >= 1);
	for (size_t i = 0; i < list.n; i++)
		if (strstr(list.v[i].msg, "ascending"))
			ascending = true;
	assert_true(ascending);
	hc_errors_release(&list);
	hc_catalog_release(&c);
}

static void test_open_tier_must_be_last(void **state)
{
	static const char text[] =
		"name: bad-open\n"
		"title: \"open tier first\"\n"
		"spec: \"999\"\n"
		"sla:\n"
		"  refund:\n"
		"    - percent: 0\n"
		"    - max_seconds: 1296\n"
		"      percent: 10\n";
	struct hc_catalog c;
	struct hc_errors list;
	struct hc_error err;

	(void)state;
	hc_catalog_init(&c);
	hc_errors_init(&list);
	hc_error_clear(&err);
	assert_int_equal(hc_catalog_add(&c, text, strlen(text), "bad-open.yaml", &err), HC_OK);
	assert_int_equal(hc_catalog_check(&c, &list), HC_EINVALID);
	assert_true(list.n >= 2);
	hc_errors_release(&list);
	hc_catalog_release(&c);
}

static void test_duplicate_profile_refused(void **state)
{
	const struct hc_seed_file *f = &hc_catalog_builtin[0];
	struct hc_catalog c;
	struct hc_error err;

	(void)state;
	hc_catalog_init(&c);
	hc_error_clear(&err);
	assert_int_equal(hc_catalog_add(&c, f->data, f->len, "a.yaml", &err), HC_OK);
	assert_int_equal(hc_catalog_add(&c, f->data, f->len, "b.yaml", &err), HC_EINVALID);
	assert_non_null(strstr(err.msg, "defined twice"));
	hc_catalog_release(&c);
}

/* A rule that names an option the profile lacks is a check problem. */
static void test_missing_option_reported(void **state)
{
	static const char text[] =
		"name: bad-option\n"
		"title: \"option missing\"\n"
		"spec: \"999\"\n"
		"regions:\n"
		"  - name: r1\n"
		"os:\n"
		"  - name: win\n"
		"    family: windows\n"
		"    requires_options: [dedicated-firewall]\n"
		"plans:\n"
		"  - name: p1\n"
		"    kind: physical\n";
	struct hc_catalog c;
	struct hc_errors list;
	struct hc_error err;

	(void)state;
	hc_catalog_init(&c);
	hc_errors_init(&list);
	hc_error_clear(&err);
	assert_int_equal(hc_catalog_add(&c, text, strlen(text), "bad-option.yaml", &err), HC_OK);
	assert_int_equal(hc_catalog_check(&c, &list), HC_EINVALID);
	/* Option missing, and no lead time for physical plans. */
	assert_int_equal(list.n, 2);
	hc_errors_release(&list);
	hc_catalog_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_files),
		cmocka_unit_test(test_profiles),
		cmocka_unit_test(test_check_clean),
		cmocka_unit_test(test_sources_and_notes),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_jecc_sla),
		cmocka_unit_test(test_jecc_exclusions),
		cmocka_unit_test(test_jecc_plans),
		cmocka_unit_test(test_jecc_os),
		cmocka_unit_test(test_jecc_changes),
		cmocka_unit_test(test_jecc_backup_notifications),
		cmocka_unit_test(test_managed_plans),
		cmocka_unit_test(test_managed_plan_change),
		cmocka_unit_test(test_managed_disk),
		cmocka_unit_test(test_managed_lead_cancel_ip),
		cmocka_unit_test(test_managed_backups),
		cmocka_unit_test(test_managed_dns),
		cmocka_unit_test(test_managed_firewall),
		cmocka_unit_test(test_jp6_regions),
		cmocka_unit_test(test_jp6_os_plan_options),
		cmocka_unit_test(test_jp6_lead_cancel),
		cmocka_unit_test(test_jp6_operations),
		cmocka_unit_test(test_webarena_work_types),
		cmocka_unit_test(test_webarena_notifications),
		cmocka_unit_test(test_webarena_os_support),
		cmocka_unit_test(test_rescue),
		cmocka_unit_test(test_unknown_key_refused),
		cmocka_unit_test(test_unknown_top_level_key_refused),
		cmocka_unit_test(test_refund_tiers_out_of_order),
		cmocka_unit_test(test_open_tier_must_be_last),
		cmocka_unit_test(test_duplicate_profile_refused),
		cmocka_unit_test(test_missing_option_reported),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
