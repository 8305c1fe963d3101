/*
 * backup.c - backup runs, windows, generations, restore and snapshot
 * requests, each checked against the server's backup policies.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostctl/backup.h"
#include "hostctl/claim.h"
#include "hostctl/kinds.h"
#include "hostctl/store.h"
#include "hostctl/validate.h"

const char *const hc_backup_status_names[] = { "ok", "failed", NULL };
const char *const hc_backup_type_names[] = { "full", "incremental", NULL };
const char *const hc_backup_action_names[] = { "restore", "snapshot", NULL };
const char *const hc_restore_scope_names[] = { "data", "system", NULL };
const char *const hc_due_reason_names[] = { "missing", "failed", "late", NULL };

#define MAX_BYTES INT64_C(4611686018427387904)   /* 2^62 */

static const struct hc_field run_fields[] = {
	HC_FIELD_STR(struct hc_backup_run, id, "id", HC_REQ, HC_CHK_UUID),
	HC_FIELD_STR(struct hc_backup_run, server, "server", HC_REQ, HC_CHK_UUID),
	HC_FIELD_STR(struct hc_backup_run, policy, "policy", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_backup_run, domain, "domain", 0, HC_CHK_DOMAIN),
	HC_FIELD_ENUM(struct hc_backup_run, status, "status", HC_REQ, hc_backup_status_names),
	HC_FIELD(struct hc_backup_run, started_at, "started_at", HC_F_TIME, HC_REQ),
	HC_FIELD(struct hc_backup_run, finished_at, "finished_at", HC_F_TIME, HC_REQ),
	HC_FIELD(struct hc_backup_run, window_date, "window_date", HC_F_DAY, HC_REQ),
	HC_FIELD(struct hc_backup_run, late, "late", HC_F_BOOL, 0),
	HC_FIELD_INT(struct hc_backup_run, bytes, "bytes", 0, 0, MAX_BYTES),
	HC_FIELD_INT(struct hc_backup_run, generation, "generation", 0, 1, INT64_C(1000000000)),
	HC_FIELD_ENUM(struct hc_backup_run, type, "type", 0, hc_backup_type_names),
	HC_FIELD(struct hc_backup_run, superseded, "superseded", HC_F_BOOL, 0),
	HC_FIELD_STR(struct hc_backup_run, superseded_by, "superseded_by", 0, HC_CHK_UUID),
	HC_FIELD(struct hc_backup_run, recorded_at, "recorded_at", HC_F_TIME, HC_REQ),
};
const struct hc_schema hc_backup_run_schema = HC_SCHEMA(struct hc_backup_run, "backup", run_fields);

static const struct hc_field request_fields[] = {
	HC_FIELD_STR(struct hc_backup_request, id, "id", HC_REQ, HC_CHK_UUID),
	HC_FIELD_STR(struct hc_backup_request, server, "server", HC_REQ, HC_CHK_UUID),
	HC_FIELD_ENUM(struct hc_backup_request, action, "action", HC_REQ, hc_backup_action_names),
	HC_FIELD_STR(struct hc_backup_request, policy, "policy", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_backup_request, domain, "domain", 0, HC_CHK_DOMAIN),
	HC_FIELD_ENUM(struct hc_backup_request, scope, "scope", 0, hc_restore_scope_names),
	HC_FIELD_ENUM(struct hc_backup_request, by, "by", HC_REQ, hc_party_names),
	HC_FIELD_STR(struct hc_backup_request, reason, "reason", 0, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_backup_request, point, "point", 0, HC_CHK_UUID),
	HC_FIELD(struct hc_backup_request, point_at, "point_at", HC_F_TIME, 0),
	HC_FIELD(struct hc_backup_request, lost_at, "lost_at", HC_F_TIME, 0),
	HC_FIELD_INT(struct hc_backup_request, loss_minutes, "loss_minutes", 0, 0, INT64_C(1000000000)),
	HC_FIELD(struct hc_backup_request, over_max_loss, "over_max_loss", HC_F_BOOL, 0),
	HC_FIELD(struct hc_backup_request, deletes_server, "deletes_server", HC_F_BOOL, 0),
	HC_FIELD(struct hc_backup_request, starts_at, "starts_at", HC_F_TIME, 0),
	HC_FIELD(struct hc_backup_request, ends_at, "ends_at", HC_F_TIME, 0),
	HC_FIELD_STR(struct hc_backup_request, maintenance, "maintenance", 0, HC_CHK_UUID),
	HC_FIELD(struct hc_backup_request, requested_at, "requested_at", HC_F_TIME, HC_REQ),
	HC_FIELD_STR(struct hc_backup_request, rule, "rule", 0, HC_CHK_NONE),
};
const struct hc_schema hc_backup_request_schema =
	HC_SCHEMA(struct hc_backup_request, "backup-request", request_fields);

const char *const hc_backup_run_columns[] = {
	"id", "server", "policy", "domain", "status", "started_at", "late", "generation",
	"superseded", NULL
};
const char *const hc_backup_request_columns[] = {
	"id", "server", "action", "policy", "scope", "by", "point", "requested_at", NULL
};

void hc_backup_result_init(struct hc_backup_result *r)
{
	memset(r, 0, sizeof(*r));
	hc_arena_init(&r->arena);
	hc_record_init(&hc_backup_run_schema, &r->run);
	hc_record_init(&hc_backup_request_schema, &r->request);
	hc_record_init(&hc_maintenance_schema, &r->window);
	hc_record_init(&hc_server_schema, &r->server);
}

void hc_backup_result_release(struct hc_backup_result *r)
{
	free(r->due);
	hc_arena_release(&r->arena);
	memset(r, 0, sizeof(*r));
}

static void note(struct hc_backup_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void note(struct hc_backup_result *r, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	hc_strs_push(&r->arena, &r->notes, hc_arena_strdup(&r->arena, buf));
}

static const char *rule_of(const struct hc_profile *p, const char *source)
{
	return source ? source : p->spec;
}

/* ---- windows ------------------------------------------------------------------- */

bool hc_backup_policy_daily(const struct hc_backup_policy *p)
{
	if (p->generations_configurable)
		return false;
	return p->window_from >= 0 || p->generations != HC_INT_NONE;
}

void hc_backup_window(const struct hc_server_backup *b, hc_day day, int off, hc_time *start,
		      hc_time *end, hc_time *next)
{
	int from = b->window_from, to = b->window_to;

	if (from < 0 || to < 0)
		from = 0, to = 1440;      /* no window: the whole provider day */
	*start = hc_time_at(day, from, off);
	*end = to > from ? hc_time_at(day, to, off) : hc_time_at(day + 1, to, off);
	*next = hc_time_at(day + 1, from, off);
}

hc_day hc_backup_window_of(const struct hc_server_backup *b, hc_time started, int off, bool *late)
{
	hc_day d = hc_time_day(started, off);
	hc_time s, e, n;

	hc_backup_window(b, d, off, &s, &e, &n);
	if (started < s) {
		d--;
		hc_backup_window(b, d, off, &s, &e, &n);
	}
	*late = started > e;
	return d;
}

hc_day hc_backup_last_window(const struct hc_server_backup *b, hc_time at, int off)
{
	hc_day d = hc_time_day(at, off);
	hc_time s, e, n;

	for (;;) {
		hc_backup_window(b, d, off, &s, &e, &n);
		if (e <= at)
			return d;
		d--;
	}
}

/* ---- helpers ------------------------------------------------------------------- */

static void new_id(struct hc_txn *t, const char *dir, const char *seed, const char *salt,
		   char id[37])
{
	for (unsigned n = 0;; n++) {
		char material[512], path[256];

		snprintf(material, sizeof(material), "%s/%s/%s/%lld", seed ? seed : "", dir, salt,
			 (long long)hc_txn_now(t));
		hc_uuid_new(id, seed ? material : NULL, n);
		snprintf(path, sizeof(path), "%s/%s.yaml", dir, id);
		if (!hc_txn_exists(t, path))
			return;
	}
}

static void fmt_time(hc_time t, int off, char buf[HC_TIME_BUFSZ])
{
	hc_time_format(t, off, buf);
}

static const char *hhmm(struct hc_arena *a, int minute)
{
	char b[6];

	hc_hhmm_format(minute, b);
	return hc_arena_strdup(a, b);
}

/* The server's copy of policy (and domain): HC_EREFUSED when it has none,
 * HC_EUSAGE when the policy has one copy per domain and none is named. */
static int copy_find(const struct hc_profile *p, struct hc_server *s, const char *policy,
		     const char *domain, struct hc_server_backup **out, struct hc_arena *a,
		     struct hc_error *err)
{
	const struct hc_backup_policy *bp = hc_profile_backup(p, policy);
	struct hc_server_backup *hit = NULL;
	struct hc_buf names = HC_BUF_INIT;
	size_t n = 0;
	int rc = HC_OK;

	if (!bp)
		return hc_error_refuse(err, p->spec, "profile '%s' has no backup policy '%s'", p->name,
				       policy);
	for (size_t i = 0; i < s->backups.n; i++) {
		struct hc_server_backup *b = HC_LIST_AT(s->backups, struct hc_server_backup, i);

		if (strcmp(b->policy, policy))
			continue;
		n++;
		if (b->domain)
			hc_buf_addf(&names, "%s%s", names.len ? ", " : "", b->domain);
		if (domain ? (b->domain && !strcmp(b->domain, domain)) : !hit)
			hit = b;
	}
	if (n == 0) {
		if (bp->requires_option && !hc_server_has_option(s, bp->requires_option))
			rc = hc_error_refuse(err, rule_of(p, bp->source),
					     "server '%s' has no backup policy '%s' (it needs the option '%s')",
					     s->id, policy, bp->requires_option);
		else
			rc = hc_error_refuse(err, rule_of(p, bp->source),
					     "server '%s' has no backup policy '%s'", s->id, policy);
	} else if (domain && !hit) {
		rc = hc_error_refuse(err, rule_of(p, bp->source),
				     "server '%s' has no copy of '%s' for domain '%s' (domains: %s)", s->id,
				     policy, domain, names.len ? names.p : "none");
	} else if (!domain && n > 1) {
		rc = hc_error_set(err, HC_EUSAGE,
				  "server '%s' has a copy of '%s' per domain (%s): give --domain", s->id,
				  policy, names.p);
	} else {
		*out = hit;
	}
	hc_buf_release(&names);
	(void)a;
	return rc;
}

static bool same_copy(const struct hc_backup_run *r, const struct hc_server_backup *b)
{
	if (strcmp(r->policy, b->policy))
		return false;
	if (!r->domain || !b->domain)
		return !r->domain && !b->domain;
	return !strcmp(r->domain, b->domain);
}

/* The runs of one copy, loaded. */
struct runs {
	struct hc_backup_run *v;
	size_t n, cap;
};

static void runs_push(struct runs *l, const struct hc_backup_run *r)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = hc_xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = *r;
}

static int load_copy_runs(struct hc_txn *t, const char *server, const struct hc_server_backup *b,
			  struct runs *out, struct hc_arena *a, struct hc_error *err)
{
	struct hc_strs ids;
	int rc = hc_index_members(hc_txn_store(t), HC_INDEX_BACKUPS_BY_SERVER, server, &ids, a, err);

	for (size_t i = 0; i < ids.n && !rc; i++) {
		struct hc_backup_run r;
		char path[256];

		snprintf(path, sizeof(path), "%s/%s.yaml", HC_BACKUPS_DIR, ids.v[i]);
		rc = hc_txn_load(t, &hc_backup_run_schema, path, &r, a, err);
		if (rc == HC_ENOTFOUND) {
			rc = HC_OK;
			continue;
		}
		if (!rc && !strcmp(r.server, server) && same_copy(&r, b))
			runs_push(out, &r);
	}
	return rc;
}

static int by_start(const void *x, const void *y)
{
	const struct hc_backup_run *a = *(const struct hc_backup_run *const *)x;
	const struct hc_backup_run *b = *(const struct hc_backup_run *const *)y;

	if (a->started_at != b->started_at)
		return a->started_at < b->started_at ? -1 : 1;
	return strcmp(a->id, b->id);
}

static bool str_eq(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/*
 * Numbers the copy's successful runs by start and marks the live points
 * beyond the generation count superseded: overwritten by the run
 * `generations` later, or merged into the next one for an incremental
 * policy. A superseded point stays superseded (its data is gone), so a
 * larger count later keeps more of the points to come, never revives one.
 * For an incremental policy the oldest live point is the full base. Stages
 * every run that changed, except `fresh` (an index into l, or SIZE_MAX),
 * which the caller stages.
 */
static int rollover(struct hc_txn *t, const struct hc_backup_policy *bp,
		    const struct hc_server_backup *b, struct runs *l, size_t fresh,
		    struct hc_backup_result *res, struct hc_error *err)
{
	struct hc_backup_run **ok = hc_xcalloc(l->n + 1, sizeof(*ok));
	struct hc_backup_run *was = hc_xcalloc(l->n + 1, sizeof(*was));
	struct hc_backup_run *fr = fresh < l->n ? &l->v[fresh] : NULL;
	int64_t keep = b->generations;
	size_t n = 0, nlive = 0, base;
	int rc = HC_OK;

	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].status == HC_BK_OK)
			ok[n++] = &l->v[i];
	qsort(ok, n, sizeof(*ok), by_start);
	for (size_t i = 0; i < n; i++) {
		was[i] = *ok[i];
		ok[i]->generation = (int64_t)(i + 1);
		if (!ok[i]->superseded)
			nlive++;
		else if (bp->incremental && ok[i]->type < 0)
			ok[i]->type = i == 0 ? HC_BK_FULL : HC_BK_INCREMENTAL;
	}
	base = keep != HC_INT_NONE && (int64_t)nlive > keep ? nlive - (size_t)keep : 0;
	for (size_t i = 0, k = 0; i < n; i++) {
		struct hc_backup_run *r = ok[i];

		if (r->superseded)
			continue;
		if (bp->incremental)
			r->type = k == base ? HC_BK_FULL : HC_BK_INCREMENTAL;
		if (k++ >= base)
			continue;
		/* The run `keep` later overwrote it; an incremental point merged
		 * into the next one. */
		r->superseded = true;
		r->superseded_by = bp->incremental ? ok[i + 1]->id : ok[i + (size_t)keep]->id;
		if (r == fr)
			note(res, "run %s is superseded at once: the copy keeps %lld newer generation%s",
			     r->id, (long long)keep, keep == 1 ? "" : "s");
		else
			note(res, "run %s is superseded: %s run %s (generations %lld)", r->id,
			     bp->incremental ? "merged into" : "overwritten by", r->superseded_by,
			     (long long)keep);
	}
	for (size_t i = 0; i < n && !rc; i++) {
		const struct hc_backup_run *r = ok[i];
		char path[256];

		if (r == fr || (was[i].generation == r->generation &&
				was[i].superseded == r->superseded &&
				str_eq(was[i].superseded_by, r->superseded_by) && was[i].type == r->type))
			continue;
		snprintf(path, sizeof(path), "%s/%s.yaml", HC_BACKUPS_DIR, r->id);
		rc = hc_txn_put_record(t, &hc_backup_run_schema, path, r, err);
	}
	free(was);
	free(ok);
	return rc;
}

/* Loads the server named by ref and its profile inside t. */
static int load_server(struct hc_txn *t, const char *spath, struct hc_server *s,
		       const struct hc_profile **p, struct hc_arena *a, struct hc_error *err)
{
	int rc = hc_txn_load(t, &hc_server_schema, spath, s, a, err);

	if (!rc)
		rc = hc_store_profile(hc_txn_store(t), s->profile, p, err);
	return rc;
}

/* ---- record ------------------------------------------------------------------ */

int hc_backup_record(struct hc_store *st, const struct hc_txn_options *o,
		     const struct hc_backup_report *rep, struct hc_backup_result *res,
		     struct hc_buf *report, struct hc_error *err)
{
	struct hc_arena *a = &res->arena;
	struct hc_server *s = &res->server;
	struct hc_backup_run *r = &res->run;
	const struct hc_backup_policy *bp;
	const struct hc_profile *p;
	struct hc_server_backup *b = NULL;
	struct runs l = { 0 };
	struct hc_txn *t;
	char spath[256], rpath[256], id[37], day[HC_DAY_BUFSZ], t1[HC_TIME_BUFSZ];
	int off = st->utc_offset_min;
	int rc;

	if (rep->finished_at < rep->started_at)
		return hc_error_set(err, HC_EUSAGE, "the run finishes before it starts");
	if (rep->started_at > o->now || rep->finished_at > o->now)
		return hc_error_set(err, HC_EUSAGE, "a run is recorded once it has finished: "
				    "--started and --finished may not be in the future");
	rc = hc_server_locate(st, rep->server, spath, sizeof(spath), err);
	if (rc)
		return rc;
	rc = hc_txn_begin(st, o, &t, err);
	if (rc)
		return rc;
	rc = load_server(t, spath, s, &p, a, err);
	if (rc)
		goto out;
	if (s->status == HC_SRV_CANCELLED && s->cancelled_at != HC_TIME_NONE &&
	    rep->started_at >= s->cancelled_at) {
		rc = hc_error_set(err, HC_ECONFLICT, "server '%s' is cancelled", s->id);
		goto out;
	}
	rc = copy_find(p, s, rep->policy, rep->domain, &b, a, err);
	if (rc)
		goto out;
	bp = hc_profile_backup(p, b->policy);
	rc = load_copy_runs(t, s->id, b, &l, a, err);
	if (rc)
		goto out;
	for (size_t i = 0; i < l.n; i++) {
		const struct hc_backup_run *x = &l.v[i];

		if (x->started_at != rep->started_at)
			continue;
		if (x->status == rep->status && x->finished_at == rep->finished_at &&
		    x->bytes == rep->bytes) {
			/* The backup system reported it again: nothing to do. */
			*r = *x;
			note(res, "run %s already records this run", x->id);
			rc = hc_txn_commit(t, report, err);
			goto out;
		}
		fmt_time(x->started_at, off, t1);
		rc = hc_error_set(err, HC_ECONFLICT, "run %s already records a run of '%s' started at %s",
				  x->id, b->policy, t1);
		goto out;
	}

	new_id(t, HC_BACKUPS_DIR, rep->id_seed, s->id, id);
	hc_record_init(&hc_backup_run_schema, r);
	r->id = hc_arena_strdup(a, id);
	r->server = s->id;
	r->policy = b->policy;
	r->domain = b->domain;
	r->status = rep->status;
	r->started_at = rep->started_at;
	r->finished_at = rep->finished_at;
	r->window_date = hc_backup_window_of(b, rep->started_at, off, &r->late);
	r->bytes = rep->bytes;
	r->recorded_at = o->now;
	if (r->late) {
		hc_day_format(r->window_date, day);
		fmt_time(r->started_at, off, t1);
		note(res, "run %s started at %s, after the window of %s (%s-%s) closed: late (%s)",
		     r->id, t1, day, hhmm(a, b->window_from), hhmm(a, b->window_to),
		     rule_of(p, bp->source));
	}
	if (bp->generations_configurable && b->generations == HC_INT_NONE)
		note(res, "no generation count is set for '%s': every point is kept "
		     "(hostctl backup configure)", b->policy);
	runs_push(&l, r);
	rc = rollover(t, bp, b, &l, l.n - 1, res, err);
	if (rc)
		goto out;
	*r = l.v[l.n - 1];
	snprintf(rpath, sizeof(rpath), "%s/%s.yaml", HC_BACKUPS_DIR, r->id);
	hc_day_format(r->window_date, day);
	rc = hc_index_put(t, HC_INDEX_BACKUPS_BY_SERVER, s->id, r->id, rpath, err);
	if (!rc)
		rc = hc_index_put(t, HC_INDEX_BACKUPS_BY_WINDOW, day, r->id, rpath, err);
	if (!rc)
		rc = hc_txn_put_record(t, &hc_backup_run_schema, rpath, r, err);
	if (!rc)
		rc = hc_txn_commit(t, report, err);
out:
	free(l.v);
	hc_txn_free(t);
	return rc;
}

/* ---- configure --------------------------------------------------------------- */

int hc_backup_configure(struct hc_store *st, const struct hc_txn_options *o, const char *server,
			const char *policy, const char *domain, int64_t generations,
			struct hc_backup_result *res, struct hc_buf *report, struct hc_error *err)
{
	struct hc_arena *a = &res->arena;
	struct hc_server *s = &res->server;
	const struct hc_backup_policy *bp;
	const struct hc_profile *p;
	struct hc_server_backup *b = NULL;
	struct runs l = { 0 };
	struct hc_txn *t;
	char spath[256];
	int rc;

	if (generations < 1)
		return hc_error_set(err, HC_EUSAGE, "--generations: at least 1");
	rc = hc_server_locate(st, server, spath, sizeof(spath), err);
	if (rc)
		return rc;
	rc = hc_txn_begin(st, o, &t, err);
	if (rc)
		return rc;
	rc = load_server(t, spath, s, &p, a, err);
	if (!rc && s->status == HC_SRV_CANCELLED)
		rc = hc_error_set(err, HC_ECONFLICT, "server '%s' is cancelled", s->id);
	if (!rc)
		rc = copy_find(p, s, policy, domain, &b, a, err);
	if (rc)
		goto out;
	bp = hc_profile_backup(p, b->policy);
	if (!bp->generations_configurable) {
		rc = hc_error_refuse(err, rule_of(p, bp->source),
				     "the generation count of '%s' is fixed%s", bp->name,
				     bp->generations != HC_INT_NONE
				     ? hc_arena_printf(a, " at %lld", (long long)bp->generations) : "");
		goto out;
	}
	b->generations = generations;
	rc = hc_txn_put_record(t, &hc_server_schema, spath, s, err);
	if (!rc)
		rc = load_copy_runs(t, s->id, b, &l, a, err);
	if (!rc)
		rc = rollover(t, bp, b, &l, SIZE_MAX, res, err);
	if (!rc)
		rc = hc_txn_commit(t, report, err);
out:
	free(l.v);
	hc_txn_free(t);
	return rc;
}

/* ---- due --------------------------------------------------------------------- */

/* The runs of the windows of one day, sorted by server. */
struct day_runs {
	hc_day day;
	struct hc_backup_run *v;
	size_t n;
};

static int by_server(const void *x, const void *y)
{
	const struct hc_backup_run *a = x, *b = y;
	int c = strcmp(a->server, b->server);

	if (c)
		return c;
	if (a->started_at != b->started_at)
		return a->started_at < b->started_at ? -1 : 1;
	return strcmp(a->id, b->id);
}

static int load_day(struct hc_store *st, hc_day day, struct day_runs *out, struct hc_arena *a,
		    struct hc_error *err)
{
	char key[HC_DAY_BUFSZ];
	struct hc_strs ids;
	int rc;

	hc_day_format(day, key);
	out->day = day;
	out->n = 0;
	out->v = NULL;
	rc = hc_index_members(st, HC_INDEX_BACKUPS_BY_WINDOW, key, &ids, a, err);
	if (rc)
		return rc;
	out->v = hc_xcalloc(ids.n + 1, sizeof(*out->v));
	for (size_t i = 0; i < ids.n && !rc; i++) {
		char path[256];

		snprintf(path, sizeof(path), "%s/%s.yaml", HC_BACKUPS_DIR, ids.v[i]);
		rc = hc_store_load(st, &hc_backup_run_schema, path, &out->v[out->n], a, err);
		if (rc == HC_ENOTFOUND) {
			rc = HC_OK;
			continue;
		}
		if (!rc && out->v[out->n].window_date == day)
			out->n++;
	}
	qsort(out->v, out->n, sizeof(*out->v), by_server);
	return rc;
}

static void due_push(struct hc_backup_result *res, size_t *cap, const struct hc_backup_due *d)
{
	if (res->ndue == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		res->due = hc_xrealloc(res->due, *cap * sizeof(*res->due));
	}
	res->due[res->ndue++] = *d;
}

int hc_backup_due_at(struct hc_store *st, hc_time at, struct hc_backup_result *res,
		     struct hc_error *err)
{
	struct hc_arena *a = &res->arena;
	struct day_runs days[8];
	size_t ndays = 0, cap = 0;
	struct hc_strs ids;
	int off = st->utc_offset_min;
	int rc = hc_store_list(st, HC_SERVERS_DIR, &ids, a, NULL, err);

	for (size_t i = 0; i < ids.n && !rc; i++) {
		struct hc_server s;
		const struct hc_profile *p;
		char path[256];

		snprintf(path, sizeof(path), "%s/%s.yaml", HC_SERVERS_DIR, ids.v[i]);
		rc = hc_store_load(st, &hc_server_schema, path, &s, a, err);
		if (rc)
			break;
		if (s.status != HC_SRV_ACTIVE && s.status != HC_SRV_CANCEL_PENDING)
			continue;
		if (!s.backups.n)
			continue;
		rc = hc_store_profile(st, s.profile, &p, err);
		if (rc)
			break;
		for (size_t k = 0; k < s.backups.n && !rc; k++) {
			const struct hc_server_backup *b = HC_LIST_AT(s.backups, struct hc_server_backup, k);
			const struct hc_backup_policy *bp = hc_profile_backup(p, b->policy);
			struct day_runs *dr = NULL;
			struct hc_backup_due d;
			const struct hc_backup_run *late = NULL, *failed = NULL;
			bool ok = false;
			hc_time ws, we, wn;
			hc_day day;
			size_t lo, hi;

			if (!bp || !hc_backup_policy_daily(bp))
				continue;
			day = hc_backup_last_window(b, at, off);
			hc_backup_window(b, day, off, &ws, &we, &wn);
			/* A window that opened before the hand-over is not owed. */
			if (s.activated_at == HC_TIME_NONE || s.activated_at > ws)
				continue;
			for (size_t j = 0; j < ndays; j++)
				if (days[j].day == day)
					dr = &days[j];
			if (!dr) {
				if (ndays == sizeof(days) / sizeof(days[0])) {
					free(days[0].v);
					memmove(days, days + 1, (ndays - 1) * sizeof(days[0]));
					ndays--;
				}
				dr = &days[ndays++];
				rc = load_day(st, day, dr, a, err);
				if (rc)
					break;
			}
			/* The first run of this server (binary search on the sorted day). */
			lo = 0, hi = dr->n;
			while (lo < hi) {
				size_t mid = (lo + hi) / 2;

				if (strcmp(dr->v[mid].server, s.id) < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			for (size_t j = lo; j < dr->n && !strcmp(dr->v[j].server, s.id); j++) {
				const struct hc_backup_run *r = &dr->v[j];

				/* What was known at `at`: runs reported since do not count. */
				if (!same_copy(r, b) || r->started_at > at || r->recorded_at > at)
					continue;
				if (r->status == HC_BK_OK && !r->late)
					ok = true;
				else if (r->status == HC_BK_OK)
					late = r;
				else
					failed = r;
			}
			if (ok)
				continue;
			memset(&d, 0, sizeof(d));
			d.server = s.id;
			d.customer = s.customer;
			d.hostname = s.hostname;
			d.policy = b->policy;
			d.domain = b->domain;
			d.window_start = ws;
			d.window_end = we;
			d.reason = late ? HC_DUE_LATE : failed ? HC_DUE_FAILED : HC_DUE_MISSING;
			d.run = late ? late->id : failed ? failed->id : NULL;
			due_push(res, &cap, &d);
		}
	}
	for (size_t j = 0; j < ndays; j++)
		free(days[j].v);
	return rc;
}

/* ---- restore ----------------------------------------------------------------- */

static bool covers_any(const struct hc_backup_policy *bp, const char *a, const char *b)
{
	return hc_strs_has(&bp->covers, a) || hc_strs_has(&bp->covers, b);
}

/* Whether the policy holds data beyond the image / OS (or says nothing). */
static bool covers_data(const struct hc_backup_policy *bp)
{
	if (!bp->covers.n)
		return true;
	for (size_t i = 0; i < bp->covers.n; i++)
		if (strcmp(bp->covers.v[i], "os") && strcmp(bp->covers.v[i], "image"))
			return true;
	return false;
}

static const char *party(int by)
{
	return by >= 0 ? hc_party_names[by] : "provider";
}

int hc_backup_restore(struct hc_store *st, const struct hc_txn_options *o,
		      const struct hc_restore_order *q, struct hc_backup_result *res,
		      struct hc_buf *report, struct hc_error *err)
{
	struct hc_arena *a = &res->arena;
	struct hc_server *s = &res->server;
	struct hc_backup_request *rq = &res->request;
	const struct hc_backup_policy *bp;
	const struct hc_profile *p;
	struct hc_server_backup *b = NULL;
	struct hc_backup_run point, *pt = NULL;
	struct runs l = { 0 };
	struct hc_txn *t;
	const char *policy = q->policy, *domain = q->domain, *rule;
	bool latest = !q->point || !strcmp(q->point, "latest");
	char spath[256], qpath[256], id[37], t1[HC_TIME_BUFSZ], t2[HC_TIME_BUFSZ];
	int off = st->utc_offset_min, required, by;
	hc_time lost = q->lost_at != HC_TIME_NONE ? q->lost_at : o->now;
	int rc;

	if (lost > o->now)
		return hc_error_set(err, HC_EUSAGE, "--lost-at is in the future");
	rc = hc_server_locate(st, q->server, spath, sizeof(spath), err);
	if (rc)
		return rc;
	rc = hc_txn_begin(st, o, &t, err);
	if (rc)
		return rc;
	rc = load_server(t, spath, s, &p, a, err);
	if (rc)
		goto out;
	if (s->status == HC_SRV_CANCELLED) {
		rc = hc_error_set(err, HC_ECONFLICT, "server '%s' is cancelled", s->id);
		goto out;
	}
	if (!latest) {
		const struct hc_kind *k;
		char ref[256], ppath[256];

		snprintf(ref, sizeof(ref), "backup/%s", q->point);
		rc = hc_kind_locate(st, ref, &k, ppath, sizeof(ppath), err);
		if (!rc)
			rc = hc_txn_load(t, &hc_backup_run_schema, ppath, &point, a, err);
		if (rc)
			goto out;
		if (strcmp(point.server, s->id)) {
			rc = hc_error_set(err, HC_EUSAGE, "run %s is a backup of server '%s', not '%s'",
					  point.id, point.server, s->id);
			goto out;
		}
		if ((policy && strcmp(policy, point.policy)) ||
		    (domain && !str_eq(domain, point.domain))) {
			rc = hc_error_set(err, HC_EUSAGE, "run %s is a backup of '%s'%s%s", point.id,
					  point.policy, point.domain ? " for " : "",
					  point.domain ? point.domain : "");
			goto out;
		}
		policy = point.policy;
		domain = point.domain;
		pt = &point;
	} else if (!policy) {
		struct hc_strs names = { 0 };
		struct hc_buf text = HC_BUF_INIT;

		for (size_t i = 0; i < s->backups.n; i++) {
			const char *n = HC_LIST_AT(s->backups, struct hc_server_backup, i)->policy;

			if (!hc_strs_has(&names, n)) {
				hc_strs_push(a, &names, n);
				hc_buf_addf(&text, "%s%s", text.len ? ", " : "", n);
			}
		}
		if (names.n == 0)
			rc = hc_error_refuse(err, p->spec, "server '%s' has no backup policy", s->id);
		else if (names.n > 1)
			rc = hc_error_set(err, HC_EUSAGE,
					  "server '%s' has several backup policies (%s): give --policy",
					  s->id, text.p);
		else
			policy = names.v[0];
		hc_buf_release(&text);
		if (rc)
			goto out;
	}
	rc = copy_find(p, s, policy, domain, &b, a, err);
	if (rc)
		goto out;
	bp = hc_profile_backup(p, b->policy);
	rule = rule_of(p, bp->source);

	/* What the copy holds. */
	if (q->scope == HC_SCOPE_SYSTEM && !covers_any(bp, "os", "image")) {
		rc = hc_error_refuse(err, rule, "'%s' holds files, not the system: only a data restore",
				     bp->name);
		goto out;
	}
	if (q->scope == HC_SCOPE_DATA && !covers_data(bp)) {
		rc = hc_error_refuse(err, rule, "'%s' holds a server image: only a system restore",
				     bp->name);
		goto out;
	}
	/* Who restores. */
	required = bp->restore_by >= 0 ? bp->restore_by : HC_PARTY_PROVIDER;
	if (q->scope == HC_SCOPE_SYSTEM && bp->system_restore_deletes_server)
		required = HC_PARTY_PROVIDER;
	by = q->by >= 0 ? q->by : required;
	if (by != required) {
		if (q->scope == HC_SCOPE_SYSTEM && bp->system_restore_deletes_server)
			rc = hc_error_refuse(err, rule,
					     "a system restore of '%s' is carried out with the provider, "
					     "and the server is deleted first", bp->name);
		else if (required == HC_PARTY_CUSTOMER)
			rc = hc_error_refuse(err, rule,
					     "the customer restores '%s' (self-service), not the %s",
					     bp->name, party(by));
		else
			rc = hc_error_refuse(err, rule, "only the provider restores '%s'", bp->name);
		goto out;
	}
	/* When. */
	if (bp->restore_when && strcmp(bp->restore_when, "any-time") &&
	    strcmp(bp->restore_when, "on-request") && !str_eq(q->reason, bp->restore_when)) {
		rc = hc_error_refuse(err, rule, "'%s' is restored only on %s%s%s: give --reason %s",
				     bp->name, bp->restore_when,
				     q->reason ? ", not " : "", q->reason ? q->reason : "",
				     bp->restore_when);
		goto out;
	}
	/* The recovery point. */
	if (pt) {
		if (!same_copy(pt, b)) {
			rc = hc_error_set(err, HC_EUSAGE, "run %s is not a run of this copy", pt->id);
			goto out;
		}
		if (pt->status != HC_BK_OK) {
			rc = hc_error_refuse(err, rule, "run %s failed: it holds nothing to restore", pt->id);
			goto out;
		}
		if (pt->superseded) {
			rc = hc_error_refuse(err, rule, "run %s is superseded (%s run %s): it can no longer "
					     "be restored", pt->id,
					     bp->incremental ? "merged into" : "overwritten by",
					     pt->superseded_by ? pt->superseded_by : "a later");
			goto out;
		}
		if (pt->started_at > lost) {
			fmt_time(lost, off, t1);
			rc = hc_error_refuse(err, rule, "run %s started after the data was lost (%s)",
					     pt->id, t1);
			goto out;
		}
	} else {
		rc = load_copy_runs(t, s->id, b, &l, a, err);
		if (rc)
			goto out;
		for (size_t i = 0; i < l.n; i++) {
			struct hc_backup_run *r = &l.v[i];

			if (r->status != HC_BK_OK || r->superseded || r->started_at > lost)
				continue;
			if (!pt || r->started_at > pt->started_at)
				pt = r;
		}
		if (!pt) {
			const struct hc_onsite *os = &p->onsite;

			if (os->recovery_point && os->backup_option && bp->requires_option &&
			    !strcmp(os->backup_option, bp->requires_option))
				rc = hc_error_refuse(err, rule_of(p, os->source),
						     "server '%s' has no usable backup of '%s': the recovery "
						     "point is the %s", s->id, bp->name, os->recovery_point);
			else
				rc = hc_error_refuse(err, rule, "server '%s' has no usable backup of '%s'%s",
						     s->id, bp->name,
						     q->lost_at != HC_TIME_NONE ? " from before the loss" : "");
			goto out;
		}
	}

	hc_record_init(&hc_backup_request_schema, rq);
	new_id(t, HC_BACKUP_REQUESTS_DIR, q->id_seed, s->id, id);
	rq->id = hc_arena_strdup(a, id);
	rq->server = s->id;
	rq->action = HC_BK_RESTORE;
	rq->policy = bp->name;
	rq->domain = b->domain;
	rq->scope = q->scope;
	rq->by = by;
	rq->reason = q->reason;
	rq->point = hc_arena_strdup(a, pt->id);
	rq->point_at = pt->started_at;
	rq->requested_at = o->now;
	rq->rule = rule;
	if (bp->max_loss_hours != HC_INT_NONE || q->lost_at != HC_TIME_NONE) {
		rq->lost_at = lost;
		rq->loss_minutes = (lost - pt->started_at) / 60;
	}
	if (bp->max_loss_hours != HC_INT_NONE && rq->loss_minutes > bp->max_loss_hours * 60) {
		rq->over_max_loss = true;
		fmt_time(pt->started_at, off, t1);
		fmt_time(lost, off, t2);
		note(res, "the recovery point %s is %lld h %02lld min before the loss at %s: more than "
		     "the %lld h '%s' allows (%s)", t1, (long long)(rq->loss_minutes / 60),
		     (long long)(rq->loss_minutes % 60), t2, (long long)bp->max_loss_hours, bp->name,
		     rule);
	}
	if (q->scope == HC_SCOPE_SYSTEM && bp->system_restore_deletes_server) {
		rq->deletes_server = true;
		note(res, "server %s is deleted before the system restore (%s)", s->id, rule);
	}
	snprintf(qpath, sizeof(qpath), "%s/%s.yaml", HC_BACKUP_REQUESTS_DIR, rq->id);
	rc = hc_txn_put_record(t, &hc_backup_request_schema, qpath, rq, err);
	if (!rc)
		rc = hc_txn_commit(t, report, err);
out:
	free(l.v);
	hc_txn_free(t);
	return rc;
}

/* ---- snapshot ---------------------------------------------------------------- */

int hc_backup_snapshot(struct hc_store *st, const struct hc_txn_options *o, const char *server,
		       const char *policy, hc_time at, hc_time until, const char *id_seed,
		       struct hc_backup_result *res, struct hc_buf *report, struct hc_error *err)
{
	struct hc_arena *a = &res->arena;
	struct hc_server *s = &res->server;
	struct hc_backup_request *rq = &res->request;
	struct hc_maintenance *mw = &res->window;
	const struct hc_backup_policy *bp;
	const struct hc_option *op;
	const struct hc_profile *p;
	struct hc_txn *t;
	char spath[256], qpath[256], id[37];
	const char *rule;
	bool stop, found = false;
	int rc;

	if (!policy)
		policy = "snapshot";
	if (at == HC_TIME_NONE)
		at = o->now;
	if (at < o->now)
		return hc_error_set(err, HC_EUSAGE, "--at is in the past");
	if (until != HC_TIME_NONE && until <= at)
		return hc_error_set(err, HC_EUSAGE, "--until must be after the snapshot starts");
	rc = hc_server_locate(st, server, spath, sizeof(spath), err);
	if (rc)
		return rc;
	rc = hc_txn_begin(st, o, &t, err);
	if (rc)
		return rc;
	rc = load_server(t, spath, s, &p, a, err);
	if (rc)
		goto out;
	if (s->status == HC_SRV_CANCELLED) {
		rc = hc_error_set(err, HC_ECONFLICT, "server '%s' is cancelled", s->id);
		goto out;
	}
	bp = hc_profile_backup(p, policy);
	if (!bp) {
		rc = hc_error_refuse(err, p->spec, "profile '%s' offers no snapshots (no backup policy '%s')",
				     p->name, policy);
		goto out;
	}
	rule = rule_of(p, bp->source);
	for (size_t i = 0; i < s->backups.n; i++)
		found = found || !strcmp(HC_LIST_AT(s->backups, struct hc_server_backup, i)->policy,
					 policy);
	if (!found) {
		if (bp->requires_option)
			rc = hc_error_refuse(err, rule, "server '%s' has no '%s' service (it needs the option '%s')",
					     s->id, policy, bp->requires_option);
		else
			rc = hc_error_refuse(err, rule, "server '%s' has no '%s' service", s->id, policy);
		goto out;
	}
	op = bp->requires_option ? hc_profile_option(p, bp->requires_option) : NULL;
	stop = op && op->requires_stop;

	hc_record_init(&hc_backup_request_schema, rq);
	new_id(t, HC_BACKUP_REQUESTS_DIR, id_seed, s->id, id);
	rq->id = hc_arena_strdup(a, id);
	rq->server = s->id;
	rq->action = HC_BK_SNAPSHOT;
	rq->policy = bp->name;
	rq->by = bp->restore_by >= 0 ? bp->restore_by : HC_PARTY_PROVIDER;
	rq->starts_at = at;
	rq->requested_at = o->now;
	rq->rule = rule;
	if (stop && s->power == HC_POWER_OFF) {
		note(res, "server %s is powered off: the snapshot needs no further stop", s->id);
	} else if (stop) {
		char mid[37], mpath[256];
		int64_t minutes = op->outage_minutes != HC_INT_NONE ? op->outage_minutes
			: HC_SNAPSHOT_STOP_MINUTES;

		hc_record_init(&hc_maintenance_schema, mw);
		new_id(t, HC_MAINTENANCE_DIR, id_seed, rq->id, mid);
		mw->id = hc_arena_strdup(a, mid);
		mw->server = s->id;
		mw->kind = "snapshot";
		mw->starts_at = at;
		mw->ends_at = until != HC_TIME_NONE ? until : at + minutes * 60;
		mw->announced_at = o->now;
		mw->cause = HC_CAUSE_CUSTOMER_MAINTENANCE;
		mw->reference = rq->id;
		mw->summary = rule_of(p, op->source);
		snprintf(mpath, sizeof(mpath), "%s/%s.yaml", HC_MAINTENANCE_DIR, mw->id);
		rc = hc_txn_put_record(t, &hc_maintenance_schema, mpath, mw, err);
		if (rc)
			goto out;
		res->has_window = true;
		rq->ends_at = mw->ends_at;
		rq->maintenance = mw->id;
		note(res, "the customer stops server %s for the snapshot: window %s (cause %s)", s->id,
		     mw->id, mw->cause);
	}
	snprintf(qpath, sizeof(qpath), "%s/%s.yaml", HC_BACKUP_REQUESTS_DIR, rq->id);
	rc = hc_txn_put_record(t, &hc_backup_request_schema, qpath, rq, err);
	if (!rc)
		rc = hc_txn_commit(t, report, err);
out:
	hc_txn_free(t);
	return rc;
}

/* ---- validate ------------------------------------------------------------------ */

void hc_backup_run_check(struct hc_validator *v, const char *path, const void *rec)
{
	const struct hc_backup_run *r = rec;
	char ipath[512], day[HC_DAY_BUFSZ];

	if (!hc_validator_exists(v, HC_SERVERS_DIR, r->server))
		hc_validator_problem(v, path, "server", "no server '%s'", r->server);
	if (r->finished_at < r->started_at)
		hc_validator_problem(v, path, "finished_at", "the run finishes before it starts");
	if (r->superseded_by && !hc_validator_exists(v, HC_BACKUPS_DIR, r->superseded_by))
		hc_validator_problem(v, path, "superseded_by", "no backup run '%s'", r->superseded_by);
	if (r->status == HC_BK_FAILED && (r->generation != HC_INT_NONE || r->superseded))
		hc_validator_problem(v, path, "generation", "a failed run holds no generation");
	snprintf(ipath, sizeof(ipath), "index/%s/%s/%s", HC_INDEX_BACKUPS_BY_SERVER, r->server, r->id);
	hc_validator_index(v, path, ipath);
	hc_day_format(r->window_date, day);
	snprintf(ipath, sizeof(ipath), "index/%s/%s/%s", HC_INDEX_BACKUPS_BY_WINDOW, day, r->id);
	hc_validator_index(v, path, ipath);
}

void hc_backup_request_check(struct hc_validator *v, const char *path, const void *rec)
{
	const struct hc_backup_request *q = rec;

	if (!hc_validator_exists(v, HC_SERVERS_DIR, q->server))
		hc_validator_problem(v, path, "server", "no server '%s'", q->server);
	if (q->point && !hc_validator_exists(v, HC_BACKUPS_DIR, q->point))
		hc_validator_problem(v, path, "point", "no backup run '%s'", q->point);
	if (q->maintenance && !hc_validator_exists(v, HC_MAINTENANCE_DIR, q->maintenance))
		hc_validator_problem(v, path, "maintenance", "no maintenance window '%s'", q->maintenance);
	if (q->action == HC_BK_RESTORE && (!q->point || q->scope < 0))
		hc_validator_problem(v, path, "point", "a restore names its point and scope");
}
