/*
 * test_backup.c - backup runs, windows, generations, restores and snapshots
 * (lib/backup.c): every policy of every profile as provision attaches it
 * (002 §2.2.12; 004 §2.1.3 (5), (13); 000 §2.4-3-2), generation rollover
 * (overwrite and merge), the start window on both sides of its edges
 * (01:00 and 05:00), `due` at 04:59, 05:00 and later, who may restore
 * what, from which point, and the snapshot's stop window.
 *
 * Every test runs on a fresh state (hc_state_init with the built-in
 * catalog) with servers ordered through hc_server_order, handed over on
 * 2026-10-15. Times are JST (+09:00); the expected instants are written
 * out by hand.
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

#include "hostctl/backup.h"
#include "hostctl/catalog.h"
#include "hostctl/claim.h"
#include "hostctl/incident.h"
#include "hostctl/server.h"
#include "hostctl/store.h"
#include "hostctl/validate.h"

#include "testutil.h"

#define MANAGED "smartconnect-managed"
#define JP6 "clara-jp6"
#define JECC "jecc-waterpf"
#define WEBARENA "webarena"

/* ---- helpers ----------------------------------------------------------------- */

struct fixture {
	char dir[256];
	struct hc_store st;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	state_new(fx->dir, sizeof(fx->dir), "backup", &fx->st);
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
 * A server of prof/plan, with domain (may be NULL) and the options given
 * (NULL-terminated), ordered on 2026-10-01 and handed over on 2026-10-15
 * 10:00. Its id is copied into id.
 */
static void server(struct fixture *fx, const char *prof, const char *plan, const char *domain,
		   char id[64], ...)
{
	static unsigned serial;
	struct hc_order o;
	const char *options[8];
	char seed[64];
	size_t n = 0;
	va_list ap;

	snprintf(seed, sizeof(seed), "test-backup-%u", serial++);
	o = base_order("acme", prof, plan, T("2026-10-01T10:00:00+09:00"), seed);
	o.domain = domain;
	va_start(ap, id);
	while ((options[n] = va_arg(ap, const char *)))
		assert_true(++n < 8);
	va_end(ap);
	hand_over(&fx->st, &o, options, T("2026-10-15T10:00:00+09:00"), id, 64);
}

static void load_server(struct fixture *fx, const char *id, struct hc_server *s, struct hc_arena *a)
{
	load_record(&fx->st, &hc_server_schema, HC_SERVERS_DIR, id, s, a);
}

static const struct hc_server_backup *entry(const struct hc_server *s, const char *policy,
					    const char *domain)
{
	for (size_t i = 0; i < s->backups.n; i++) {
		const struct hc_server_backup *b = HC_LIST_AT(s->backups, struct hc_server_backup, i);

		if (!strcmp(b->policy, policy) &&
		    (domain ? b->domain && !strcmp(b->domain, domain) : !b->domain))
			return b;
	}
	return NULL;
}

static void load_run(struct fixture *fx, const char *id, struct hc_backup_run *r, struct hc_arena *a)
{
	load_record(&fx->st, &hc_backup_run_schema, HC_BACKUPS_DIR, id, r, a);
}

/* backup record ID --policy P [--domain D] --started S --finished F --status ST at now. */
static int record(struct fixture *fx, const char *now, const char *id, const char *policy,
		  const char *domain, const char *started, const char *finished, int status,
		  char run[64], struct hc_error *err)
{
	struct hc_backup_result res;
	struct hc_backup_report rep;
	struct hc_txn_options o = txo(T(now));
	int rc;

	memset(&rep, 0, sizeof(rep));
	rep.server = id;
	rep.policy = policy;
	rep.domain = domain;
	rep.started_at = T(started);
	rep.finished_at = T(finished);
	rep.status = status;
	rep.bytes = HC_INT_NONE;
	rep.id_seed = "test-backup";
	hc_backup_result_init(&res);
	hc_error_clear(err);
	rc = hc_backup_record(&fx->st, &o, &rep, &res, NULL, err);
	if (!rc && run)
		snprintf(run, 64, "%s", res.run.id);
	hc_backup_result_release(&res);
	return rc;
}

static void record_ok(struct fixture *fx, const char *now, const char *id, const char *policy,
		      const char *domain, const char *started, const char *finished, int status,
		      char run[64])
{
	struct hc_error err;
	int rc = record(fx, now, id, policy, domain, started, finished, status, run, &err);

	if (rc)
		report_error(&err);
	assert_int_equal(rc, HC_OK);
}

/* A status and message (and a section in the rule, when given); nothing written. */
static void expect_error(struct fixture *fx, int got, const struct hc_error *err, int rc,
			 const char *text, const char *section, size_t runs, size_t requests)
{
	if (got != rc || !strstr(err->msg, text) || (section && !strstr(err->rule, section)))
		report_error(err);
	assert_int_equal(got, rc);
	assert_non_null(strstr(err->msg, text));
	if (rc == HC_EREFUSED)
		assert_true(err->rule[0] != '\0');
	if (section)
		assert_non_null(strstr(err->rule, section));
	assert_int_equal(count_names(&fx->st, HC_BACKUPS_DIR), runs);
	assert_int_equal(count_names(&fx->st, HC_BACKUP_REQUESTS_DIR), requests);
}

static void record_refused(struct fixture *fx, const char *now, const char *id, const char *policy,
			   const char *domain, const char *started, const char *finished, int rc,
			   const char *text, const char *section)
{
	struct hc_error err;
	size_t runs = count_names(&fx->st, HC_BACKUPS_DIR);
	size_t reqs = count_names(&fx->st, HC_BACKUP_REQUESTS_DIR);
	int got = record(fx, now, id, policy, domain, started, finished, HC_BK_OK, NULL, &err);

	expect_error(fx, got, &err, rc, text, section, runs, reqs);
}

static struct hc_restore_order order(const char *id, const char *policy, const char *point,
				     int scope, int by, const char *reason)
{
	struct hc_restore_order q;

	memset(&q, 0, sizeof(q));
	q.server = id;
	q.policy = policy;
	q.point = point;
	q.scope = scope;
	q.by = by;
	q.reason = reason;
	q.lost_at = HC_TIME_NONE;
	q.id_seed = "test-backup";
	return q;
}

static int restore(struct fixture *fx, const char *now, const struct hc_restore_order *q,
		   struct hc_backup_result *res, struct hc_error *err)
{
	struct hc_txn_options o = txo(T(now));

	hc_backup_result_init(res);
	hc_error_clear(err);
	return hc_backup_restore(&fx->st, &o, q, res, NULL, err);
}

static void restore_refused(struct fixture *fx, const char *now, const struct hc_restore_order *q,
			    int rc, const char *text, const char *section)
{
	struct hc_backup_result res;
	struct hc_error err;
	size_t runs = count_names(&fx->st, HC_BACKUPS_DIR);
	size_t reqs = count_names(&fx->st, HC_BACKUP_REQUESTS_DIR);
	int got = restore(fx, now, q, &res, &err);

	expect_error(fx, got, &err, rc, text, section, runs, reqs);
	hc_backup_result_release(&res);
}

static int due(struct fixture *fx, const char *at, struct hc_backup_result *res)
{
	struct hc_error err;
	int rc;

	hc_backup_result_init(res);
	rc = hc_backup_due_at(&fx->st, T(at), res, &err);
	if (rc)
		report_error(&err);
	assert_int_equal(rc, HC_OK);
	return (int)res->ndue;
}

static const struct hc_backup_due *due_of(const struct hc_backup_result *res, const char *server,
					  const char *policy)
{
	for (size_t i = 0; i < res->ndue; i++)
		if (!strcmp(res->due[i].server, server) && !strcmp(res->due[i].policy, policy))
			return &res->due[i];
	return NULL;
}

/* ---- policies as provision attaches them ---------------------------------------- */

static void test_policies_attached(void **state)
{
	struct fixture *fx = *state;
	const struct hc_catalog *cat;
	const struct hc_profile *p;
	struct hc_server s;
	struct hc_arena a;
	struct hc_error err;
	char m[64], j[64], jn[64], c[64], w[64];
	const struct hc_server_backup *b;
	char path[256];

	hc_arena_init(&a);
	server(fx, MANAGED, "A", "acme.example.jp", m, NULL);
	server(fx, JECC, "2cpu-4gb", NULL, j, "image-backup", "snapshot", NULL);
	server(fx, JECC, "2cpu-4gb", NULL, jn, NULL);
	server(fx, JP6, "standard", NULL, c, "backup", NULL);
	server(fx, WEBARENA, "standard", NULL, w, NULL);

	/* Managed: the provider copy (no window, 1 generation) and the
	 * customer copy of the domain (01:00-05:00, 1 generation, its path). */
	load_server(fx, m, &s, &a);
	assert_int_equal(s.backups.n, 2);
	b = entry(&s, "provider-copy", NULL);
	assert_non_null(b);
	assert_int_equal(b->window_from, -1);
	assert_int_equal(b->generations, 1);
	b = entry(&s, "customer-copy", "acme.example.jp");
	assert_non_null(b);
	assert_int_equal(b->window_from, 60);
	assert_int_equal(b->window_to, 300);
	assert_int_equal(b->generations, 1);
	snprintf(path, sizeof(path), "/data/domain/acme.example.jp(%s)/backup/contents/", m);
	assert_string_equal(b->path, path);

	/* jecc: image backup and snapshot only with their options; the image
	 * backup has no generation count until the customer sets one. */
	load_server(fx, j, &s, &a);
	assert_int_equal(s.backups.n, 2);
	b = entry(&s, "image-backup", NULL);
	assert_non_null(b);
	assert_int_equal(b->generations, HC_INT_NONE);
	assert_int_equal(b->window_from, -1);
	assert_non_null(entry(&s, "snapshot", NULL));
	load_server(fx, jn, &s, &a);
	assert_int_equal(s.backups.n, 0);

	/* jp6: the backup service option; webarena: none. */
	load_server(fx, c, &s, &a);
	assert_int_equal(s.backups.n, 1);
	assert_non_null(entry(&s, "option-backup", NULL));
	load_server(fx, w, &s, &a);
	assert_int_equal(s.backups.n, 0);

	/* Which policies `due` watches: the provider's daily copies only. */
	assert_int_equal(hc_store_catalog(&fx->st, &cat, &err), HC_OK);
	p = hc_catalog_profile(cat, MANAGED);
	assert_true(hc_backup_policy_daily(hc_profile_backup(p, "customer-copy")));
	assert_true(hc_backup_policy_daily(hc_profile_backup(p, "provider-copy")));
	p = hc_catalog_profile(cat, JECC);
	assert_false(hc_backup_policy_daily(hc_profile_backup(p, "image-backup")));
	assert_false(hc_backup_policy_daily(hc_profile_backup(p, "snapshot")));
	p = hc_catalog_profile(cat, JP6);
	assert_false(hc_backup_policy_daily(hc_profile_backup(p, "option-backup")));
	hc_arena_release(&a);
}

static void test_record_each_policy(void **state)
{
	struct fixture *fx = *state;
	struct hc_backup_run r;
	struct hc_arena a;
	char m[64], j[64], jn[64], c[64], w[64], run[64];

	hc_arena_init(&a);
	server(fx, MANAGED, "A", "acme.example.jp", m, NULL);
	server(fx, JECC, "2cpu-4gb", NULL, j, "image-backup", "snapshot", NULL);
	server(fx, JECC, "2cpu-4gb", NULL, jn, NULL);
	server(fx, JP6, "standard", NULL, c, "backup", NULL);
	server(fx, WEBARENA, "standard", NULL, w, NULL);

	record_ok(fx, "2026-11-21T10:00:00+09:00", m, "provider-copy", NULL,
		  "2026-11-21T03:00:00+09:00", "2026-11-21T03:40:00+09:00", HC_BK_OK, run);
	load_run(fx, run, &r, &a);
	assert_string_equal(r.policy, "provider-copy");
	assert_null(r.domain);
	assert_int_equal(r.window_date, D("2026-11-21"));
	assert_false(r.late);
	assert_int_equal(r.generation, 1);
	assert_int_equal(r.type, -1);
	assert_false(r.superseded);
	assert_int_equal(r.recorded_at, T("2026-11-21T10:00:00+09:00"));

	/* The customer copy: the domain is found without --domain (one copy). */
	record_ok(fx, "2026-11-21T10:00:00+09:00", m, "customer-copy", NULL,
		  "2026-11-21T01:00:00+09:00", "2026-11-21T01:20:00+09:00", HC_BK_OK, run);
	load_run(fx, run, &r, &a);
	assert_string_equal(r.domain, "acme.example.jp");
	assert_false(r.late);
	record_refused(fx, "2026-11-21T10:00:00+09:00", m, "customer-copy", "other.example.jp",
		       "2026-11-20T01:00:00+09:00", "2026-11-20T01:20:00+09:00", HC_EREFUSED,
		       "no copy of 'customer-copy' for domain 'other.example.jp'", "002 §2.2.12");

	/* jecc image backup: incremental, so the first point is the full one. */
	record_ok(fx, "2026-11-21T10:00:00+09:00", j, "image-backup", NULL,
		  "2026-11-21T02:00:00+09:00", "2026-11-21T03:00:00+09:00", HC_BK_OK, run);
	load_run(fx, run, &r, &a);
	assert_int_equal(r.type, HC_BK_FULL);
	assert_int_equal(r.generation, 1);
	record_refused(fx, "2026-11-21T10:00:00+09:00", jn, "image-backup", NULL,
		       "2026-11-21T02:00:00+09:00", "2026-11-21T03:00:00+09:00", HC_EREFUSED,
		       "needs the option 'image-backup'", "004 §2.1.3 (5)");

	/* jp6's backup service; webarena has none. */
	record_ok(fx, "2026-11-21T10:00:00+09:00", c, "option-backup", NULL,
		  "2026-11-21T02:00:00+09:00", "2026-11-21T03:00:00+09:00", HC_BK_OK, NULL);
	record_refused(fx, "2026-11-21T10:00:00+09:00", w, "option-backup", NULL,
		       "2026-11-21T02:00:00+09:00", "2026-11-21T03:00:00+09:00", HC_EREFUSED,
		       "profile 'webarena' has no backup policy 'option-backup'", "001");
	record_refused(fx, "2026-11-21T10:00:00+09:00", m, "image-backup", NULL,
		       "2026-11-21T02:00:00+09:00", "2026-11-21T03:00:00+09:00", HC_EREFUSED,
		       "has no backup policy 'image-backup'", NULL);

	/* Times: a run that finishes before it starts, or in the future. */
	record_refused(fx, "2026-11-21T10:00:00+09:00", m, "provider-copy", NULL,
		       "2026-11-21T03:00:00+09:00", "2026-11-21T02:00:00+09:00", HC_EUSAGE,
		       "finishes before it starts", NULL);
	record_refused(fx, "2026-11-21T10:00:00+09:00", m, "provider-copy", NULL,
		       "2026-11-21T09:00:00+09:00", "2026-11-21T10:00:01+09:00", HC_EUSAGE,
		       "may not be in the future", NULL);
	record_refused(fx, "2026-11-21T10:00:00+09:00", "00000000", "provider-copy", NULL,
		       "2026-11-21T03:00:00+09:00", "2026-11-21T04:00:00+09:00", HC_ENOTFOUND,
		       "no server", NULL);
	assert_valid(&fx->st);
	hc_arena_release(&a);
}

/* Two domains: one customer copy each, named by --domain. */
static void test_customer_copy_per_domain(void **state)
{
	struct fixture *fx = *state;
	struct hc_server_result sr;
	struct hc_txn_options t = txo(T("2026-10-20T10:00:00+09:00"));
	struct hc_backup_run r;
	struct hc_arena a;
	struct hc_error err;
	const char *more[] = { "shop.example.jp" };
	char m[64], run[64];

	hc_arena_init(&a);
	server(fx, MANAGED, "A", "acme.example.jp", m, NULL);
	hc_server_result_init(&sr);
	assert_int_equal(hc_server_add_domains(&fx->st, &t, m, more, 1, NULL, false, false, &sr, NULL,
					       &err), HC_OK);
	hc_server_result_release(&sr);
	record_refused(fx, "2026-11-21T10:00:00+09:00", m, "customer-copy", NULL,
		       "2026-11-21T01:00:00+09:00", "2026-11-21T01:20:00+09:00", HC_EUSAGE,
		       "a copy of 'customer-copy' per domain (acme.example.jp, shop.example.jp)",
		       NULL);
	record_ok(fx, "2026-11-21T10:00:00+09:00", m, "customer-copy", "shop.example.jp",
		  "2026-11-21T01:00:00+09:00", "2026-11-21T01:20:00+09:00", HC_BK_OK, run);
	load_run(fx, run, &r, &a);
	assert_string_equal(r.domain, "shop.example.jp");
	/* The other domain's copy is a separate generation line. */
	record_ok(fx, "2026-11-21T10:00:00+09:00", m, "customer-copy", "acme.example.jp",
		  "2026-11-21T01:30:00+09:00", "2026-11-21T01:50:00+09:00", HC_BK_OK, run);
	load_run(fx, run, &r, &a);
	assert_int_equal(r.generation, 1);
	assert_valid(&fx->st);
	hc_arena_release(&a);
}

/* ---- generations -------------------------------------------------------------- */

static void test_rollover_managed(void **state)
{
	struct fixture *fx = *state;
	struct hc_backup_run r;
	struct hc_arena a;
	struct hc_error err;
	char m[64], r1[64], r2[64], f[64], r3[64], r0[64];

	hc_arena_init(&a);
	server(fx, MANAGED, "A", "acme.example.jp", m, NULL);
	record_ok(fx, "2026-11-20T10:00:00+09:00", m, "customer-copy", NULL,
		  "2026-11-20T01:10:00+09:00", "2026-11-20T01:30:00+09:00", HC_BK_OK, r1);
	record_ok(fx, "2026-11-21T10:00:00+09:00", m, "customer-copy", NULL,
		  "2026-11-21T01:10:00+09:00", "2026-11-21T01:30:00+09:00", HC_BK_OK, r2);
	/* 1 generation: the next run overwrites the copy (002 §2.2.12 *2). */
	load_run(fx, r1, &r, &a);
	assert_true(r.superseded);
	assert_string_equal(r.superseded_by, r2);
	assert_int_equal(r.generation, 1);
	load_run(fx, r2, &r, &a);
	assert_false(r.superseded);
	assert_int_equal(r.generation, 2);

	/* A failed run holds nothing: no generation, the copy stays. */
	record_ok(fx, "2026-11-22T10:00:00+09:00", m, "customer-copy", NULL,
		  "2026-11-22T01:10:00+09:00", "2026-11-22T01:15:00+09:00", HC_BK_FAILED, f);
	load_run(fx, f, &r, &a);
	assert_int_equal(r.generation, HC_INT_NONE);
	assert_false(r.superseded);
	load_run(fx, r2, &r, &a);
	assert_false(r.superseded);

	record_ok(fx, "2026-11-23T10:00:00+09:00", m, "customer-copy", NULL,
		  "2026-11-23T01:10:00+09:00", "2026-11-23T01:30:00+09:00", HC_BK_OK, r3);
	load_run(fx, r2, &r, &a);
	assert_true(r.superseded);
	assert_string_equal(r.superseded_by, r3);
	load_run(fx, r3, &r, &a);
	assert_int_equal(r.generation, 3);
	assert_false(r.superseded);

	/* Reported late, an older run is numbered into place and is
	 * superseded at once; the later ones move up. */
	record_ok(fx, "2026-11-23T11:00:00+09:00", m, "customer-copy", NULL,
		  "2026-11-19T01:10:00+09:00", "2026-11-19T01:30:00+09:00", HC_BK_OK, r0);
	load_run(fx, r0, &r, &a);
	assert_int_equal(r.generation, 1);
	assert_true(r.superseded);
	assert_string_equal(r.superseded_by, r1);
	load_run(fx, r1, &r, &a);
	assert_int_equal(r.generation, 2);
	load_run(fx, r3, &r, &a);
	assert_int_equal(r.generation, 4);
	assert_false(r.superseded);

	/* The same run reported again changes nothing; a different report
	 * of the same start is a conflict. */
	record_ok(fx, "2026-11-23T12:00:00+09:00", m, "customer-copy", NULL,
		  "2026-11-23T01:10:00+09:00", "2026-11-23T01:30:00+09:00", HC_BK_OK, f);
	assert_string_equal(f, r3);
	assert_int_equal(count_names(&fx->st, HC_BACKUPS_DIR), 5);
	assert_int_equal(record(fx, "2026-11-23T12:00:00+09:00", m, "customer-copy", NULL,
				"2026-11-23T01:10:00+09:00", "2026-11-23T01:45:00+09:00", HC_BK_OK,
				NULL, &err), HC_ECONFLICT);
	assert_non_null(strstr(err.msg, r3));

	/* The managed count is fixed. */
	{
		struct hc_backup_result res;
		struct hc_txn_options o = txo(T("2026-11-23T12:00:00+09:00"));

		hc_backup_result_init(&res);
		assert_int_equal(hc_backup_configure(&fx->st, &o, m, "customer-copy", NULL, 3, &res,
						     NULL, &err), HC_EREFUSED);
		assert_non_null(strstr(err.msg, "fixed at 1"));
		assert_non_null(strstr(err.rule, "002 §2.2.12"));
		hc_backup_result_release(&res);
	}
	assert_valid(&fx->st);
	hc_arena_release(&a);
}

static void test_rollover_incremental(void **state)
{
	struct fixture *fx = *state;
	struct hc_backup_result res;
	struct hc_txn_options o;
	struct hc_backup_run r;
	struct hc_server s;
	struct hc_arena a;
	struct hc_error err;
	char j[64], run[5][64];
	char start[64], end[64], now[64];

	hc_arena_init(&a);
	server(fx, JECC, "2cpu-4gb", NULL, j, "image-backup", NULL);
	/* No count yet: every point is kept. */
	for (int i = 0; i < 4; i++) {
		snprintf(start, sizeof(start), "2026-11-2%dT02:00:00+09:00", i + 1);
		snprintf(end, sizeof(end), "2026-11-2%dT03:00:00+09:00", i + 1);
		snprintf(now, sizeof(now), "2026-11-2%dT10:00:00+09:00", i + 1);
		record_ok(fx, now, j, "image-backup", NULL, start, end, HC_BK_OK, run[i]);
	}
	for (int i = 0; i < 4; i++) {
		load_run(fx, run[i], &r, &a);
		assert_false(r.superseded);
		assert_int_equal(r.generation, i + 1);
		assert_int_equal(r.type, i == 0 ? HC_BK_FULL : HC_BK_INCREMENTAL);
	}

	/* The customer keeps 2: the oldest points merge forward, the oldest
	 * live one becomes the full base (004 §2.1.3 (5) 増分, マージ, 世代設定). */
	o = txo(T("2026-11-24T11:00:00+09:00"));
	hc_backup_result_init(&res);
	assert_int_equal(hc_backup_configure(&fx->st, &o, j, "image-backup", NULL, 2, &res, NULL, &err),
			 HC_OK);
	assert_int_equal(res.notes.n, 2);
	hc_backup_result_release(&res);
	load_server(fx, j, &s, &a);
	assert_int_equal(entry(&s, "image-backup", NULL)->generations, 2);
	load_run(fx, run[0], &r, &a);
	assert_true(r.superseded);
	assert_string_equal(r.superseded_by, run[1]);
	load_run(fx, run[1], &r, &a);
	assert_true(r.superseded);
	assert_string_equal(r.superseded_by, run[2]);
	load_run(fx, run[2], &r, &a);
	assert_false(r.superseded);
	assert_int_equal(r.type, HC_BK_FULL);
	load_run(fx, run[3], &r, &a);
	assert_int_equal(r.type, HC_BK_INCREMENTAL);

	record_ok(fx, "2026-11-25T10:00:00+09:00", j, "image-backup", NULL,
		  "2026-11-25T02:00:00+09:00", "2026-11-25T03:00:00+09:00", HC_BK_OK, run[4]);
	load_run(fx, run[2], &r, &a);
	assert_true(r.superseded);
	assert_string_equal(r.superseded_by, run[3]);
	load_run(fx, run[3], &r, &a);
	assert_int_equal(r.type, HC_BK_FULL);
	load_run(fx, run[4], &r, &a);
	assert_int_equal(r.type, HC_BK_INCREMENTAL);
	assert_int_equal(r.generation, 5);

	/* A larger count keeps more of the points to come; a merged point's
	 * data is gone and stays superseded. */
	o = txo(T("2026-11-25T11:00:00+09:00"));
	hc_backup_result_init(&res);
	assert_int_equal(hc_backup_configure(&fx->st, &o, j, "image-backup", NULL, 5, &res, NULL, &err),
			 HC_OK);
	assert_int_equal(res.notes.n, 0);
	hc_backup_result_release(&res);
	load_run(fx, run[2], &r, &a);
	assert_true(r.superseded);
	load_run(fx, run[3], &r, &a);
	assert_false(r.superseded);
	assert_int_equal(r.type, HC_BK_FULL);
	hc_backup_result_init(&res);
	assert_int_equal(hc_backup_configure(&fx->st, &o, j, "image-backup", NULL, 0, &res, NULL, &err),
			 HC_EUSAGE);
	hc_backup_result_release(&res);
	assert_valid(&fx->st);
	hc_arena_release(&a);
}

/* ---- windows -------------------------------------------------------------------- */

static void test_window_edges(void **state)
{
	struct fixture *fx = *state;
	struct hc_server s;
	struct hc_arena a;
	const struct hc_server_backup *cc, *pc;
	hc_time ws, we, wn;
	bool late;
	char m[64];

	hc_arena_init(&a);
	server(fx, MANAGED, "A", "acme.example.jp", m, NULL);
	load_server(fx, m, &s, &a);
	cc = entry(&s, "customer-copy", "acme.example.jp");
	pc = entry(&s, "provider-copy", NULL);

	hc_backup_window(cc, D("2026-11-21"), 540, &ws, &we, &wn);
	assert_int_equal(ws, T("2026-11-21T01:00:00+09:00"));
	assert_int_equal(we, T("2026-11-21T05:00:00+09:00"));
	assert_int_equal(wn, T("2026-11-22T01:00:00+09:00"));
	hc_backup_window(pc, D("2026-11-21"), 540, &ws, &we, &wn);
	assert_int_equal(ws, T("2026-11-21T00:00:00+09:00"));
	assert_int_equal(we, T("2026-11-22T00:00:00+09:00"));

	/* The customer copy starts 01:00-05:00: both ends on time. */
	assert_int_equal(hc_backup_window_of(cc, T("2026-11-21T01:00:00+09:00"), 540, &late),
			 D("2026-11-21"));
	assert_false(late);
	assert_int_equal(hc_backup_window_of(cc, T("2026-11-21T05:00:00+09:00"), 540, &late),
			 D("2026-11-21"));
	assert_false(late);
	/* 05:00:01 and 05:01 are late, for the same day's window. */
	assert_int_equal(hc_backup_window_of(cc, T("2026-11-21T05:00:01+09:00"), 540, &late),
			 D("2026-11-21"));
	assert_true(late);
	assert_int_equal(hc_backup_window_of(cc, T("2026-11-21T05:01:00+09:00"), 540, &late),
			 D("2026-11-21"));
	assert_true(late);
	/* 00:59 the next day is still late for the 11-21 window. */
	assert_int_equal(hc_backup_window_of(cc, T("2026-11-22T00:59:59+09:00"), 540, &late),
			 D("2026-11-21"));
	assert_true(late);
	/* In UTC, the same instants. */
	assert_int_equal(hc_backup_window_of(cc, T("2026-11-20T20:01:00Z"), 540, &late),
			 D("2026-11-21"));
	assert_true(late);
	/* The provider copy: any time of the provider day. */
	assert_int_equal(hc_backup_window_of(pc, T("2026-11-21T23:59:59+09:00"), 540, &late),
			 D("2026-11-21"));
	assert_false(late);
	assert_int_equal(hc_backup_window_of(pc, T("2026-11-22T00:00:00+09:00"), 540, &late),
			 D("2026-11-22"));

	/* The last window closed: 04:59 -> the day before; 05:00 -> today. */
	assert_int_equal(hc_backup_last_window(cc, T("2026-11-21T04:59:59+09:00"), 540),
			 D("2026-11-20"));
	assert_int_equal(hc_backup_last_window(cc, T("2026-11-21T05:00:00+09:00"), 540),
			 D("2026-11-21"));
	assert_int_equal(hc_backup_last_window(cc, T("2026-11-21T23:00:00+09:00"), 540),
			 D("2026-11-21"));
	assert_int_equal(hc_backup_last_window(pc, T("2026-11-21T23:59:59+09:00"), 540),
			 D("2026-11-20"));
	assert_int_equal(hc_backup_last_window(pc, T("2026-11-22T00:00:00+09:00"), 540),
			 D("2026-11-21"));
	hc_arena_release(&a);
}

static void test_late_run_recorded(void **state)
{
	struct fixture *fx = *state;
	struct hc_backup_run r;
	struct hc_arena a;
	char m[64], run[64];

	hc_arena_init(&a);
	server(fx, MANAGED, "A", "acme.example.jp", m, NULL);
	/* A run that started 05:01 is kept (the copy exists and overwrote the
	 * last one) and flagged late. */
	record_ok(fx, "2026-11-21T06:00:00+09:00", m, "customer-copy", NULL,
		  "2026-11-21T05:01:00+09:00", "2026-11-21T05:30:00+09:00", HC_BK_OK, run);
	load_run(fx, run, &r, &a);
	assert_true(r.late);
	assert_int_equal(r.window_date, D("2026-11-21"));
	assert_int_equal(r.generation, 1);
	record_ok(fx, "2026-11-22T06:00:00+09:00", m, "customer-copy", NULL,
		  "2026-11-22T05:00:00+09:00", "2026-11-22T05:30:00+09:00", HC_BK_OK, run);
	load_run(fx, run, &r, &a);
	assert_false(r.late);
	assert_valid(&fx->st);
	hc_arena_release(&a);
}

static void test_due(void **state)
{
	struct fixture *fx = *state;
	struct hc_backup_result res;
	const struct hc_backup_due *d;
	char m[64], m2[64], j[64], late[64], failed[64];

	server(fx, MANAGED, "A", "acme.example.jp", m, NULL);
	server(fx, MANAGED, "B", "beta.example.jp", m2, NULL);
	server(fx, JECC, "2cpu-4gb", NULL, j, "image-backup", NULL);
	/* Everything of 11-20 arrived. */
	record_ok(fx, "2026-11-21T00:30:00+09:00", m, "customer-copy", NULL,
		  "2026-11-20T02:00:00+09:00", "2026-11-20T02:30:00+09:00", HC_BK_OK, NULL);
	record_ok(fx, "2026-11-21T00:30:00+09:00", m, "provider-copy", NULL,
		  "2026-11-20T22:00:00+09:00", "2026-11-20T23:30:00+09:00", HC_BK_OK, NULL);
	record_ok(fx, "2026-11-21T00:30:00+09:00", m2, "customer-copy", NULL,
		  "2026-11-20T03:00:00+09:00", "2026-11-20T03:30:00+09:00", HC_BK_OK, NULL);
	record_ok(fx, "2026-11-21T00:30:00+09:00", m2, "provider-copy", NULL,
		  "2026-11-20T12:00:00+09:00", "2026-11-20T12:30:00+09:00", HC_BK_OK, NULL);

	/* 04:59: the window of 11-21 is still open; 11-20's is complete. The
	 * jecc image backup is the customer's to watch (004 §2.1.3 (5)). */
	assert_int_equal(due(fx, "2026-11-21T04:59:00+09:00", &res), 0);
	hc_backup_result_release(&res);

	/* 05:00: the window of 11-21 has closed without a run: missing. */
	assert_int_equal(due(fx, "2026-11-21T05:00:00+09:00", &res), 2);
	d = due_of(&res, m, "customer-copy");
	assert_non_null(d);
	assert_int_equal(d->reason, HC_DUE_MISSING);
	assert_null(d->run);
	assert_string_equal(d->domain, "acme.example.jp");
	assert_string_equal(d->customer, "acme");
	assert_int_equal(d->window_start, T("2026-11-21T01:00:00+09:00"));
	assert_int_equal(d->window_end, T("2026-11-21T05:00:00+09:00"));
	assert_non_null(due_of(&res, m2, "customer-copy"));
	assert_null(due_of(&res, m, "provider-copy"));
	/* Sorted by server id. */
	assert_true(strcmp(res.due[0].server, res.due[1].server) < 0);
	hc_backup_result_release(&res);

	/* Later: m's run started 05:01 (late), m2's failed. */
	record_ok(fx, "2026-11-21T06:00:00+09:00", m, "customer-copy", NULL,
		  "2026-11-21T05:01:00+09:00", "2026-11-21T05:30:00+09:00", HC_BK_OK, late);
	record_ok(fx, "2026-11-21T06:00:00+09:00", m2, "customer-copy", NULL,
		  "2026-11-21T02:00:00+09:00", "2026-11-21T02:05:00+09:00", HC_BK_FAILED, failed);
	assert_int_equal(due(fx, "2026-11-21T09:00:00+09:00", &res), 2);
	d = due_of(&res, m, "customer-copy");
	assert_int_equal(d->reason, HC_DUE_LATE);
	assert_string_equal(d->run, late);
	d = due_of(&res, m2, "customer-copy");
	assert_int_equal(d->reason, HC_DUE_FAILED);
	assert_string_equal(d->run, failed);
	hc_backup_result_release(&res);

	/* A rerun in the window after the failure clears m2. */
	record_ok(fx, "2026-11-21T06:00:00+09:00", m2, "customer-copy", NULL,
		  "2026-11-21T04:00:00+09:00", "2026-11-21T04:30:00+09:00", HC_BK_OK, NULL);
	assert_int_equal(due(fx, "2026-11-21T09:00:00+09:00", &res), 1);
	hc_backup_result_release(&res);

	/* Asked for an earlier time, the report is what was known then: the
	 * runs recorded at 06:00 do not count at 05:30. */
	assert_int_equal(due(fx, "2026-11-21T05:30:00+09:00", &res), 2);
	assert_int_equal(due_of(&res, m, "customer-copy")->reason, HC_DUE_MISSING);
	assert_int_equal(due_of(&res, m2, "customer-copy")->reason, HC_DUE_MISSING);
	hc_backup_result_release(&res);

	/* 00:00 on 11-22: the provider day 11-21 is judged: nothing yet. */
	assert_int_equal(due(fx, "2026-11-22T00:00:00+09:00", &res), 3);
	assert_int_equal(due_of(&res, m, "provider-copy")->reason, HC_DUE_MISSING);
	assert_int_equal(due_of(&res, m, "provider-copy")->window_end,
			 T("2026-11-22T00:00:00+09:00"));
	assert_int_equal(due_of(&res, m2, "provider-copy")->reason, HC_DUE_MISSING);
	hc_backup_result_release(&res);
	assert_valid(&fx->st);
}

/* Windows before the hand-over are not owed; ordered and cancelled
 * servers owe none. */
static void test_due_lifecycle(void **state)
{
	struct fixture *fx = *state;
	struct hc_backup_result res;
	struct hc_server_result sr;
	struct hc_order o;
	struct hc_txn_options t;
	struct hc_error err;
	char m[64];

	server(fx, MANAGED, "A", "acme.example.jp", m, NULL);
	/* Handed over 2026-10-15 10:00: the windows of 10-15 opened before. */
	assert_int_equal(due(fx, "2026-10-15T23:00:00+09:00", &res), 0);
	hc_backup_result_release(&res);
	assert_int_equal(due(fx, "2026-10-16T00:00:00+09:00", &res), 0);
	hc_backup_result_release(&res);
	assert_int_equal(due(fx, "2026-10-16T05:00:00+09:00", &res), 1);
	hc_backup_result_release(&res);
	assert_int_equal(due(fx, "2026-10-17T00:00:00+09:00", &res), 2);
	hc_backup_result_release(&res);

	/* An order not handed over owes nothing. */
	memset(&o, 0, sizeof(o));
	o.customer = "acme";
	o.profile = MANAGED;
	o.plan = "A";
	o.domain = "new.example.jp";
	o.environment = -1;
	o.accepted_at = T("2026-11-16T10:00:00+09:00");
	o.settings_submitted_at = HC_TIME_NONE;
	o.requested_date = HC_DAY_NONE;
	o.id_seed = "test-backup-ordered";
	hc_server_result_init(&sr);
	t = txo(o.accepted_at);
	assert_int_equal(hc_server_order(&fx->st, &t, &o, &sr, NULL, &err), HC_OK);
	hc_server_result_release(&sr);
	assert_int_equal(due(fx, "2026-11-21T06:00:00+09:00", &res), 2);
	hc_backup_result_release(&res);
}

/* ---- restore ---------------------------------------------------------------------- */

static void test_restore_managed(void **state)
{
	struct fixture *fx = *state;
	struct hc_backup_result res;
	struct hc_restore_order q;
	struct hc_error err;
	char m[64], c1[64], c2[64], p1[64], pf[64];
	const char *N = "2026-11-22T10:00:00+09:00";

	server(fx, MANAGED, "A", "acme.example.jp", m, NULL);
	record_ok(fx, "2026-11-21T10:00:00+09:00", m, "customer-copy", NULL,
		  "2026-11-21T01:30:00+09:00", "2026-11-21T02:00:00+09:00", HC_BK_OK, c1);
	record_ok(fx, "2026-11-22T10:00:00+09:00", m, "customer-copy", NULL,
		  "2026-11-22T01:30:00+09:00", "2026-11-22T02:00:00+09:00", HC_BK_OK, c2);

	/* Several policies: say which. */
	q = order(m, NULL, NULL, HC_SCOPE_DATA, -1, NULL);
	restore_refused(fx, N, &q, HC_EUSAGE, "several backup policies", NULL);

	/* Customer copy: the customer restores it themselves, any time. */
	q = order(m, "customer-copy", "latest", HC_SCOPE_DATA, HC_PARTY_CUSTOMER, NULL);
	assert_int_equal(restore(fx, N, &q, &res, &err), HC_OK);
	assert_int_equal(res.request.action, HC_BK_RESTORE);
	assert_int_equal(res.request.by, HC_PARTY_CUSTOMER);
	assert_string_equal(res.request.point, c2);
	assert_int_equal(res.request.point_at, T("2026-11-22T01:30:00+09:00"));
	assert_string_equal(res.request.domain, "acme.example.jp");
	assert_int_equal(res.request.lost_at, HC_TIME_NONE);
	assert_false(res.request.deletes_server);
	hc_backup_result_release(&res);
	/* ... by default too (the policy's party). */
	q = order(m, "customer-copy", NULL, HC_SCOPE_DATA, -1, NULL);
	assert_int_equal(restore(fx, N, &q, &res, &err), HC_OK);
	assert_int_equal(res.request.by, HC_PARTY_CUSTOMER);
	hc_backup_result_release(&res);
	q = order(m, "customer-copy", NULL, HC_SCOPE_DATA, HC_PARTY_PROVIDER, NULL);
	restore_refused(fx, N, &q, HC_EREFUSED, "the customer restores 'customer-copy'",
			"002 §2.2.12 1.");
	q = order(m, "customer-copy", NULL, HC_SCOPE_SYSTEM, -1, NULL);
	restore_refused(fx, N, &q, HC_EREFUSED, "holds files, not the system", "002 §2.2.12");
	/* The overwritten generation is gone. */
	q = order(m, NULL, c1, HC_SCOPE_DATA, -1, NULL);
	restore_refused(fx, N, &q, HC_EREFUSED, "is superseded (overwritten by run", "002 §2.2.12");
	q = order(m, NULL, "ffffffff-ffff-4fff-8fff-ffffffffffff", HC_SCOPE_DATA, -1, NULL);
	restore_refused(fx, N, &q, HC_ENOTFOUND, "no backup", NULL);

	/* Provider copy: only the provider, only after data loss from a
	 * system failure (002 §2.2.12 2. リストア契機). */
	q = order(m, "provider-copy", NULL, HC_SCOPE_DATA, -1, NULL);
	restore_refused(fx, N, &q, HC_EREFUSED, "only on data-loss-by-system-failure",
			"002 §2.2.12 2.");
	q = order(m, "provider-copy", NULL, HC_SCOPE_DATA, -1, "customer-request");
	restore_refused(fx, N, &q, HC_EREFUSED, "not customer-request", "002 §2.2.12 2.");
	q = order(m, "provider-copy", NULL, HC_SCOPE_DATA, HC_PARTY_CUSTOMER,
		  "data-loss-by-system-failure");
	restore_refused(fx, N, &q, HC_EREFUSED, "only the provider restores 'provider-copy'",
			"002 §2.2.12 2.");
	q = order(m, "provider-copy", NULL, HC_SCOPE_DATA, HC_PARTY_PROVIDER,
		  "data-loss-by-system-failure");
	restore_refused(fx, N, &q, HC_EREFUSED, "no usable backup of 'provider-copy'", NULL);

	record_ok(fx, "2026-11-22T10:00:00+09:00", m, "provider-copy", NULL,
		  "2026-11-21T03:00:00+09:00", "2026-11-21T04:00:00+09:00", HC_BK_FAILED, pf);
	record_ok(fx, "2026-11-22T10:00:00+09:00", m, "provider-copy", NULL,
		  "2026-11-21T10:00:00+09:00", "2026-11-21T11:00:00+09:00", HC_BK_OK, p1);
	q = order(m, NULL, pf, HC_SCOPE_DATA, HC_PARTY_PROVIDER, "data-loss-by-system-failure");
	restore_refused(fx, N, &q, HC_EREFUSED, "failed: it holds nothing to restore", NULL);

	/* Lost exactly 24 h after the point: within the policy. */
	q.point = "latest";
	q.policy = "provider-copy";
	q.lost_at = T("2026-11-22T10:00:00+09:00");
	assert_int_equal(restore(fx, N, &q, &res, &err), HC_OK);
	assert_string_equal(res.request.point, p1);
	assert_int_equal(res.request.loss_minutes, 24 * 60);
	assert_false(res.request.over_max_loss);
	assert_int_equal(res.request.lost_at, T("2026-11-22T10:00:00+09:00"));
	assert_string_equal(res.request.reason, "data-loss-by-system-failure");
	assert_int_equal(res.notes.n, 0);
	hc_backup_result_release(&res);
	/* One minute more: recorded, flagged, with a note. */
	q.lost_at = HC_TIME_NONE;
	assert_int_equal(restore(fx, "2026-11-22T10:01:00+09:00", &q, &res, &err), HC_OK);
	assert_int_equal(res.request.loss_minutes, 24 * 60 + 1);
	assert_true(res.request.over_max_loss);
	assert_int_equal(res.notes.n, 1);
	assert_non_null(strstr(res.notes.v[0], "more than the 24 h"));
	hc_backup_result_release(&res);
	/* A loss before the only point: that point holds the loss already. */
	q.lost_at = T("2026-11-21T09:00:00+09:00");
	restore_refused(fx, N, &q, HC_EREFUSED, "from before the loss", NULL);
	q.point = p1;
	restore_refused(fx, N, &q, HC_EREFUSED, "started after the data was lost", NULL);
	q.lost_at = T("2026-11-23T09:00:00+09:00");
	restore_refused(fx, N, &q, HC_EUSAGE, "--lost-at is in the future", NULL);
	assert_valid(&fx->st);
}

static void test_restore_jecc(void **state)
{
	struct fixture *fx = *state;
	struct hc_backup_result res;
	struct hc_restore_order q;
	struct hc_error err;
	char j[64], r1[64];
	const char *N = "2026-11-22T10:00:00+09:00";

	server(fx, JECC, "2cpu-4gb", NULL, j, "image-backup", "snapshot", NULL);
	record_ok(fx, "2026-11-21T10:00:00+09:00", j, "image-backup", NULL,
		  "2026-11-21T02:00:00+09:00", "2026-11-21T03:00:00+09:00", HC_BK_OK, r1);

	/* Data restore: the customer, any time (004 §2.1.3 (5)). */
	q = order(j, "image-backup", NULL, HC_SCOPE_DATA, HC_PARTY_CUSTOMER, NULL);
	assert_int_equal(restore(fx, N, &q, &res, &err), HC_OK);
	assert_false(res.request.deletes_server);
	hc_backup_result_release(&res);
	q = order(j, "image-backup", NULL, HC_SCOPE_DATA, HC_PARTY_PROVIDER, NULL);
	restore_refused(fx, N, &q, HC_EREFUSED, "the customer restores 'image-backup'",
			"004 §2.1.3 (5)");

	/* System restore: with the provider, and the server is deleted first. */
	q = order(j, "image-backup", NULL, HC_SCOPE_SYSTEM, HC_PARTY_CUSTOMER, NULL);
	restore_refused(fx, N, &q, HC_EREFUSED, "carried out with the provider", "004 §2.1.3 (5)");
	q = order(j, NULL, r1, HC_SCOPE_SYSTEM, -1, NULL);
	assert_int_equal(restore(fx, N, &q, &res, &err), HC_OK);
	assert_int_equal(res.request.by, HC_PARTY_PROVIDER);
	assert_int_equal(res.request.scope, HC_SCOPE_SYSTEM);
	assert_true(res.request.deletes_server);
	assert_string_equal(res.request.policy, "image-backup");
	assert_string_equal(res.request.point, r1);
	assert_int_equal(res.notes.n, 1);
	assert_non_null(strstr(res.notes.v[0], "deleted before the system restore"));
	hc_backup_result_release(&res);

	/* A snapshot is an image: restored whole, by the provider. */
	q = order(j, "snapshot", NULL, HC_SCOPE_DATA, -1, NULL);
	restore_refused(fx, N, &q, HC_EREFUSED, "holds a server image", "004 §2.1.3 (13)");
	q = order(j, "snapshot", NULL, HC_SCOPE_SYSTEM, HC_PARTY_CUSTOMER, NULL);
	restore_refused(fx, N, &q, HC_EREFUSED, "only the provider restores 'snapshot'",
			"004 §2.1.3 (13)");
	q = order(j, "snapshot", NULL, HC_SCOPE_SYSTEM, -1, NULL);
	restore_refused(fx, N, &q, HC_EREFUSED, "no usable backup of 'snapshot'", NULL);
	/* A run of another server is not a point of this one. */
	{
		char other[64];

		server(fx, JECC, "2cpu-4gb", NULL, other, "image-backup", NULL);
		q = order(other, NULL, r1, HC_SCOPE_DATA, -1, NULL);
		restore_refused(fx, N, &q, HC_EUSAGE, "is a backup of server", NULL);
	}
	assert_valid(&fx->st);
}

/* jp6: the backup service restores the latest backup after a hardware
 * recovery; without one, the recovery point is the initial spec
 * (000 §2.4-3-2). */
static void test_restore_jp6(void **state)
{
	struct fixture *fx = *state;
	struct hc_backup_result res;
	struct hc_restore_order q;
	struct hc_error err;
	char c[64], r1[64];
	const char *N = "2026-11-22T10:00:00+09:00";

	server(fx, JP6, "standard", NULL, c, "backup", NULL);
	q = order(c, NULL, NULL, HC_SCOPE_DATA, -1, "hardware-recovery");
	restore_refused(fx, N, &q, HC_EREFUSED, "the recovery point is the initial-spec",
			"§2.4-3-2");
	record_ok(fx, "2026-11-21T10:00:00+09:00", c, "option-backup", NULL,
		  "2026-11-21T02:00:00+09:00", "2026-11-21T03:00:00+09:00", HC_BK_OK, r1);
	q = order(c, NULL, NULL, HC_SCOPE_DATA, -1, NULL);
	restore_refused(fx, N, &q, HC_EREFUSED, "give --reason hardware-recovery", "000 §2.4-3-2");
	q = order(c, NULL, NULL, HC_SCOPE_DATA, HC_PARTY_CUSTOMER, "hardware-recovery");
	restore_refused(fx, N, &q, HC_EREFUSED, "only the provider", NULL);
	q = order(c, NULL, NULL, HC_SCOPE_DATA, -1, "hardware-recovery");
	assert_int_equal(restore(fx, N, &q, &res, &err), HC_OK);
	assert_string_equal(res.request.point, r1);
	assert_int_equal(res.request.by, HC_PARTY_PROVIDER);
	hc_backup_result_release(&res);
	assert_valid(&fx->st);
}

/* ---- snapshot --------------------------------------------------------------------- */

static int snapshot(struct fixture *fx, const char *now, const char *id, const char *at,
		    const char *until, struct hc_backup_result *res, struct hc_error *err)
{
	struct hc_txn_options o = txo(T(now));

	hc_backup_result_init(res);
	hc_error_clear(err);
	return hc_backup_snapshot(&fx->st, &o, id, NULL, at ? T(at) : HC_TIME_NONE,
				  until ? T(until) : HC_TIME_NONE, "test-backup", res, NULL, err);
}

static void test_snapshot(void **state)
{
	struct fixture *fx = *state;
	struct hc_backup_result res;
	struct hc_maintenance mw;
	struct hc_arena a;
	struct hc_error err;
	char j[64], jn[64], m[64], path[256];
	const char *N = "2026-11-20T10:00:00+09:00";

	hc_arena_init(&a);
	server(fx, JECC, "2cpu-4gb", NULL, j, "snapshot", NULL);
	server(fx, JECC, "2cpu-4gb", NULL, jn, NULL);
	server(fx, MANAGED, "A", NULL, m, NULL);

	/* The customer stops the server: the stop is a window the SLA
	 * excludes (004 §2.1.3 (13); §3.4 (6)), 60 minutes by default. */
	assert_int_equal(snapshot(fx, N, j, "2026-11-25T22:00:00+09:00", NULL, &res, &err), HC_OK);
	assert_int_equal(res.request.action, HC_BK_SNAPSHOT);
	assert_string_equal(res.request.policy, "snapshot");
	assert_int_equal(res.request.by, HC_PARTY_PROVIDER);
	assert_int_equal(res.request.starts_at, T("2026-11-25T22:00:00+09:00"));
	assert_int_equal(res.request.ends_at, T("2026-11-25T23:00:00+09:00"));
	assert_true(res.has_window);
	assert_non_null(res.request.maintenance);
	snprintf(path, sizeof(path), "%s/%s.yaml", HC_MAINTENANCE_DIR, res.request.maintenance);
	assert_int_equal(hc_store_load(&fx->st, &hc_maintenance_schema, path, &mw, &a, &err), HC_OK);
	assert_string_equal(mw.kind, "snapshot");
	assert_string_equal(mw.cause, HC_CAUSE_CUSTOMER_MAINTENANCE);
	assert_string_equal(mw.reference, res.request.id);
	assert_int_equal(mw.starts_at, T("2026-11-25T22:00:00+09:00"));
	assert_int_equal(mw.ends_at, T("2026-11-25T23:00:00+09:00"));
	assert_int_equal(mw.announced_at, T(N));
	hc_backup_result_release(&res);

	/* --until sets the stop; now by default. */
	assert_int_equal(snapshot(fx, N, j, NULL, "2026-11-20T12:30:00+09:00", &res, &err), HC_OK);
	assert_int_equal(res.request.starts_at, T(N));
	assert_int_equal(res.request.ends_at, T("2026-11-20T12:30:00+09:00"));
	hc_backup_result_release(&res);
	assert_int_equal(count_names(&fx->st, HC_MAINTENANCE_DIR), 2);

	assert_int_equal(snapshot(fx, N, j, "2026-11-20T09:59:59+09:00", NULL, &res, &err), HC_EUSAGE);
	hc_backup_result_release(&res);
	assert_int_equal(snapshot(fx, N, j, "2026-11-25T22:00:00+09:00", "2026-11-25T22:00:00+09:00",
				  &res, &err), HC_EUSAGE);
	hc_backup_result_release(&res);

	/* Refused without the service, and on profiles without snapshots. */
	assert_int_equal(snapshot(fx, N, jn, NULL, NULL, &res, &err), HC_EREFUSED);
	assert_non_null(strstr(err.msg, "needs the option 'snapshot'"));
	assert_non_null(strstr(err.rule, "004 §2.1.3 (13)"));
	hc_backup_result_release(&res);
	assert_int_equal(snapshot(fx, N, m, NULL, NULL, &res, &err), HC_EREFUSED);
	assert_non_null(strstr(err.msg, "offers no snapshots"));
	hc_backup_result_release(&res);
	assert_int_equal(count_names(&fx->st, HC_MAINTENANCE_DIR), 2);
	assert_int_equal(count_names(&fx->st, HC_BACKUP_REQUESTS_DIR), 2);
	assert_valid(&fx->st);

	/* A server already powered off needs no further stop. */
	{
		struct hc_server s;
		struct hc_txn_options o = txo(T(N));
		struct hc_txn *t;

		snprintf(path, sizeof(path), "%s/%s.yaml", HC_SERVERS_DIR, j);
		assert_int_equal(hc_txn_begin(&fx->st, &o, &t, &err), HC_OK);
		assert_int_equal(hc_txn_load(t, &hc_server_schema, path, &s, &a, &err), HC_OK);
		s.power = HC_POWER_OFF;
		assert_int_equal(hc_txn_put_record(t, &hc_server_schema, path, &s, &err), HC_OK);
		assert_int_equal(hc_txn_commit(t, NULL, &err), HC_OK);
		hc_txn_free(t);
	}
	assert_int_equal(snapshot(fx, N, j, NULL, NULL, &res, &err), HC_OK);
	assert_false(res.has_window);
	assert_null(res.request.maintenance);
	assert_int_equal(res.request.ends_at, HC_TIME_NONE);
	assert_non_null(strstr(res.notes.v[0], "powered off"));
	hc_backup_result_release(&res);
	assert_int_equal(count_names(&fx->st, HC_MAINTENANCE_DIR), 2);
	assert_valid(&fx->st);
	hc_arena_release(&a);
}

/* A cancelled server takes no request. */
static void test_cancelled(void **state)
{
	struct fixture *fx = *state;
	struct hc_server_result sr;
	struct hc_backup_result res;
	struct hc_restore_order q;
	struct hc_txn_options t;
	struct hc_error err;
	char m[64];

	server(fx, MANAGED, "A", "acme.example.jp", m, NULL);
	record_ok(fx, "2026-11-20T10:00:00+09:00", m, "customer-copy", NULL,
		  "2026-11-20T01:30:00+09:00", "2026-11-20T02:00:00+09:00", HC_BK_OK, NULL);
	hc_server_result_init(&sr);
	t = txo(T("2026-11-20T11:00:00+09:00"));
	assert_int_equal(hc_server_cancel(&fx->st, &t, m, t.now, D("2026-11-20"), &sr, NULL, &err),
			 HC_OK);
	hc_server_result_release(&sr);
	hc_server_result_init(&sr);
	assert_int_equal(hc_server_sweep(&fx->st, &t, T("2026-11-20T23:59:00+09:00"), &sr, NULL,
					 &err), HC_OK);
	hc_server_result_release(&sr);
	assert_int_equal(due(fx, "2026-11-22T06:00:00+09:00", &res), 0);
	hc_backup_result_release(&res);
	q = order(m, "customer-copy", NULL, HC_SCOPE_DATA, -1, NULL);
	restore_refused(fx, "2026-11-22T10:00:00+09:00", &q, HC_ECONFLICT, "is cancelled", NULL);
	record_refused(fx, "2026-11-22T10:00:00+09:00", m, "customer-copy", NULL,
		       "2026-11-22T01:30:00+09:00", "2026-11-22T02:00:00+09:00", HC_ECONFLICT,
		       "is cancelled", NULL);
	assert_valid(&fx->st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_policies_attached, setup, teardown),
		cmocka_unit_test_setup_teardown(test_record_each_policy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_customer_copy_per_domain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rollover_managed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rollover_incremental, setup, teardown),
		cmocka_unit_test_setup_teardown(test_window_edges, setup, teardown),
		cmocka_unit_test_setup_teardown(test_late_run_recorded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_due, setup, teardown),
		cmocka_unit_test_setup_teardown(test_due_lifecycle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restore_managed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restore_jecc, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restore_jp6, setup, teardown),
		cmocka_unit_test_setup_teardown(test_snapshot, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cancelled, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
