/*
 * kinds.c - the table of record kinds and their cross-record checks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostctl/claim.h"
#include "hostctl/abuse.h"
#include "hostctl/advisory.h"
#include "hostctl/backup.h"
#include "hostctl/customer.h"
#include "hostctl/evidence.h"
#include "hostctl/incident.h"
#include "hostctl/notify.h"
#include "hostctl/plan.h"
#include "hostctl/request.h"
#include "hostctl/kinds.h"
#include "hostctl/server.h"
#include "hostctl/validate.h"

/* ---- servers ------------------------------------------------------------ */

struct claim_ctx {
	struct hc_validator *v;
	const char *owner;
};

static void check_claim(int kind, const char *value, void *ctx)
{
	struct claim_ctx *c = ctx;

	hc_validator_claim(c->v, c->owner, kind, value);
}

static void check_server(struct hc_validator *v, const char *path, const void *rec)
{
	const struct hc_server *s = rec;
	const struct hc_profile *p = v->cat ? hc_catalog_profile(v->cat, s->profile) : NULL;
	struct claim_ctx cc = { v, path };

	if (!hc_validator_exists(v, HC_CUSTOMERS_DIR, s->customer))
		hc_validator_problem(v, path, "customer", "no customer '%s'", s->customer);
	if (v->cat && !p) {
		hc_validator_problem(v, path, "profile", "profile '%s' is not in the catalog", s->profile);
	} else if (p) {
		if (!hc_profile_plan(p, s->plan))
			hc_validator_problem(v, path, "plan", "profile '%s' has no plan '%s'", p->name, s->plan);
		if (!hc_profile_os(p, s->os))
			hc_validator_problem(v, path, "os", "profile '%s' has no OS '%s'", p->name, s->os);
		if (!hc_profile_region(p, s->region))
			hc_validator_problem(v, path, "region", "profile '%s' has no region '%s'", p->name,
					     s->region);
		for (size_t i = 0; i < s->options.n; i++)
			if (!hc_profile_option(p, s->options.v[i]))
				hc_validator_problem(v, path, "options", "profile '%s' has no option '%s'",
						     p->name, s->options.v[i]);
		for (size_t i = 0; i < s->backups.n; i++) {
			const struct hc_server_backup *b = HC_LIST_AT(s->backups, struct hc_server_backup, i);

			if (!hc_profile_backup(p, b->policy))
				hc_validator_problem(v, path, "backups", "profile '%s' has no backup policy '%s'",
						     p->name, b->policy);
		}
	}
	hc_server_claims(s, check_claim, &cc);
	{
		char ipath[512];

		snprintf(ipath, sizeof(ipath), "index/%s/%s/%s", HC_INDEX_CUSTOMER_SERVERS, s->customer,
			 s->id);
		hc_validator_index(v, path, ipath);
	}
	if (s->status != HC_SRV_CANCELLED) {
		char ipath[512];

		for (size_t i = 0; i < s->domains.n; i++) {
			snprintf(ipath, sizeof(ipath), "index/%s/%s/%s", HC_INDEX_DOMAINS,
				 HC_LIST_AT(s->domains, struct hc_server_domain, i)->name, s->id);
			hc_validator_index(v, path, ipath);
		}
	}
	if (s->status == HC_SRV_CANCEL_PENDING && s->cancel_effective != HC_DAY_NONE) {
		char ipath[512], day[HC_DAY_BUFSZ];

		hc_day_format(s->cancel_effective, day);
		snprintf(ipath, sizeof(ipath), "index/%s/%s/%s", HC_INDEX_CANCEL_PENDING, day, s->id);
		hc_validator_index(v, path, ipath);
	}
}

static void check_customer(struct hc_validator *v, const char *path, const void *rec)
{
	const struct hc_customer *c = rec;

	for (size_t i = 0; i < c->contacts.n; i++)
		for (size_t j = 0; j < i; j++)
			if (!strcmp(HC_LIST_AT(c->contacts, struct hc_contact, i)->id,
				    HC_LIST_AT(c->contacts, struct hc_contact, j)->id))
				hc_validator_problem(v, path, "contacts", "contact id '%s' appears twice",
						     HC_LIST_AT(c->contacts, struct hc_contact, i)->id);
}

static void check_incident(struct hc_validator *v, const char *path, const void *rec)
{
	const struct hc_incident *i = rec;

	if (!hc_validator_exists(v, HC_SERVERS_DIR, i->server))
		hc_validator_problem(v, path, "server", "no server '%s'", i->server);
	if (i->ended_at != HC_TIME_NONE && i->ended_at < i->started_at)
		hc_validator_problem(v, path, "ended_at", "ends before it starts");
}

static void check_maintenance(struct hc_validator *v, const char *path, const void *rec)
{
	const struct hc_maintenance *m = rec;

	if (!hc_validator_exists(v, HC_SERVERS_DIR, m->server))
		hc_validator_problem(v, path, "server", "no server '%s'", m->server);
	if (m->ends_at <= m->starts_at)
		hc_validator_problem(v, path, "ends_at", "the window ends before it starts");
}

static void check_change(struct hc_validator *v, const char *path, const void *rec)
{
	const struct hc_change *c = rec;
	char ipath[512], day[HC_DAY_BUFSZ];

	if (!hc_validator_exists(v, HC_SERVERS_DIR, c->server))
		hc_validator_problem(v, path, "server", "no server '%s'", c->server);
	if (c->maintenance && !hc_validator_exists(v, HC_MAINTENANCE_DIR, c->maintenance))
		hc_validator_problem(v, path, "maintenance", "no maintenance window '%s'", c->maintenance);
	snprintf(ipath, sizeof(ipath), "index/%s/%s/%s", HC_INDEX_CHANGES_BY_SERVER, c->server, c->id);
	hc_validator_index(v, path, ipath);
	if (c->status == HC_CHG_RESERVED) {
		hc_day_format(hc_time_day(c->effective_at, v->st->utc_offset_min), day);
		snprintf(ipath, sizeof(ipath), "index/%s/%s/%s", HC_INDEX_CHANGES_DUE, day, c->id);
		hc_validator_index(v, path, ipath);
	}
}

static void check_request(struct hc_validator *v, const char *path, const void *rec)
{
	const struct hc_request *r = rec;

	if (!hc_validator_exists(v, HC_SERVERS_DIR, r->server))
		hc_validator_problem(v, path, "server", "no server '%s'", r->server);
	if (r->incident && !hc_validator_exists(v, HC_INCIDENTS_DIR, r->incident))
		hc_validator_problem(v, path, "incident", "no incident '%s'", r->incident);
	if (r->kind == HC_REQ_MONITOR && r->status != HC_RS_DONE) {
		char ipath[512];

		snprintf(ipath, sizeof(ipath), "index/%s/%s/%s", HC_INDEX_OPEN_OUTAGES, r->server, r->id);
		hc_validator_index(v, path, ipath);
	}
}

static void check_case(struct hc_validator *v, const char *path, const void *rec)
{
	const struct hc_case *k = rec;

	if (!hc_validator_exists(v, HC_SERVERS_DIR, k->server))
		hc_validator_problem(v, path, "server", "no server '%s'", k->server);
	if (k->incident && !hc_validator_exists(v, HC_INCIDENTS_DIR, k->incident))
		hc_validator_problem(v, path, "incident", "no incident '%s'", k->incident);
	for (size_t i = 0; i < k->evidence.n; i++) {
		const struct hc_evidence *e = HC_LIST_AT(k->evidence, struct hc_evidence, i);
		struct hc_error err;
		char dir[256];
		int rc;

		/* A case's evidence is its own: evidence/<case>/ (evidence.h). */
		snprintf(dir, sizeof(dir), "%s/%s/", HC_EVIDENCE_DIR, k->id);
		if (strncmp(e->path, dir, strlen(dir))) {
			hc_validator_problem(v, path, "evidence", "evidence '%s' is not under '%s'", e->path,
					     dir);
			continue;
		}
		rc = hc_evidence_check(v->st, e->path, e->size, e->sha256, -1, &err);

		/* Large evidence lives outside git: absent from a clone is normal. */
		if (rc == HC_ENOTFOUND && e->large)
			continue;
		if (rc == HC_ENOTFOUND)
			hc_validator_problem(v, path, "evidence", "evidence '%s' is missing", e->path);
		else if (rc)
			hc_errors_add(v->problems, &err);
	}
}

static void check_notice(struct hc_validator *v, const char *path, const void *rec)
{
	const struct hc_notice *n = rec;

	if (!hc_validator_exists(v, HC_SERVERS_DIR, n->server))
		hc_validator_problem(v, path, "server", "no server '%s'", n->server);
}

static void check_update(struct hc_validator *v, const char *path, const void *rec)
{
	const struct hc_update *u = rec;
	char id[256];

	if (!hc_validator_exists(v, HC_ADVISORIES_DIR, u->advisory))
		hc_validator_problem(v, path, "advisory", "no advisory '%s'", u->advisory);
	if (!hc_validator_exists(v, HC_SERVERS_DIR, u->server))
		hc_validator_problem(v, path, "server", "no server '%s'", u->server);
	snprintf(id, sizeof(id), "%s.%s", u->advisory, u->server);
	if (strcmp(id, u->id))
		hc_validator_problem(v, path, "id", "id must be '<advisory>.<server>'");
	if (u->maintenance && !hc_validator_exists(v, HC_MAINTENANCE_DIR, u->maintenance))
		hc_validator_problem(v, path, "maintenance", "no maintenance window '%s'", u->maintenance);
	for (size_t i = 0; i < u->candidates.n; i++) {
		hc_day d;

		if (hc_day_parse(u->candidates.v[i], &d))
			hc_validator_problem(v, path, "candidates", "'%s' is not a date (YYYY-MM-DD)",
					     u->candidates.v[i]);
	}
	/* What each status implies (advisory.h: the flow of 000 §2.6.1.1.2). */
	if ((u->status == HC_UPD_CUSTOMER || u->status == HC_UPD_NOT_COVERED ||
	     u->status == HC_UPD_DECLINED) && !u->reason)
		hc_validator_problem(v, path, "reason", "status '%s' needs the reason",
				     hc_update_status_names[u->status]);
	if ((u->status == HC_UPD_SCHEDULED || u->status == HC_UPD_APPLIED) &&
	    (u->scheduled_at == HC_TIME_NONE || !u->maintenance))
		hc_validator_problem(v, path, "scheduled_at",
				     "status '%s' needs scheduled_at and its maintenance window",
				     hc_update_status_names[u->status]);
	if ((u->status == HC_UPD_APPLIED) != (u->applied_at != HC_TIME_NONE))
		hc_validator_problem(v, path, "applied_at", "applied_at goes with status 'applied' only");
}

static const char *const advisory_columns[] = { "id", "level", "os", "package", "created_at", NULL };
static const char *const update_columns[] = {
	"id", "advisory", "server", "status", "scheduled_at", NULL
};
static const char *const notice_columns[] = {
	"id", "server", "event", "channel", "to", "sent_at", NULL
};
static const char *const case_columns[] = {
	"id", "server", "kind", "source", "status", "reported_at", NULL
};
static const char *const request_columns[] = {
	"id", "server", "kind", "status", "work", "opened_at", NULL
};
static const char *const change_columns[] = {
	"id", "server", "kind", "status", "effective_at", "to_plan", "size_gb", NULL
};
static const char *const incident_columns[] = {
	"id", "server", "started_at", "ended_at", "cause", NULL
};
static const char *const maintenance_columns[] = {
	"id", "server", "kind", "starts_at", "ends_at", "cause", NULL
};
static const char *const server_columns[] = {
	"id", "customer", "profile", "plan", "status", "region", "hostname", NULL
};
static const char *const customer_columns[] = { "id", "name", "monitoring_email", NULL };

const struct hc_kind hc_kinds[] = {
	{ "customer", HC_CUSTOMERS_DIR, &hc_customer_schema, offsetof(struct hc_customer, id),
	  customer_columns, check_customer },
	{ "server", HC_SERVERS_DIR, &hc_server_schema, offsetof(struct hc_server, id),
	  server_columns, check_server },
	{ "incident", HC_INCIDENTS_DIR, &hc_incident_schema, offsetof(struct hc_incident, id),
	  incident_columns, check_incident },
	{ "maintenance", HC_MAINTENANCE_DIR, &hc_maintenance_schema,
	  offsetof(struct hc_maintenance, id), maintenance_columns, check_maintenance },
	{ "change", HC_CHANGES_DIR, &hc_change_schema, offsetof(struct hc_change, id),
	  change_columns, check_change },
	{ "request", HC_REQUESTS_DIR, &hc_request_schema, offsetof(struct hc_request, id),
	  request_columns, check_request },
	{ "case", HC_CASES_DIR, &hc_case_schema, offsetof(struct hc_case, id), case_columns,
	  check_case },
	{ "backup", HC_BACKUPS_DIR, &hc_backup_run_schema, offsetof(struct hc_backup_run, id),
	  hc_backup_run_columns, hc_backup_run_check },
	{ "backup-request", HC_BACKUP_REQUESTS_DIR, &hc_backup_request_schema,
	  offsetof(struct hc_backup_request, id), hc_backup_request_columns, hc_backup_request_check },
	{ "notice", HC_NOTICES_DIR, &hc_notice_schema, offsetof(struct hc_notice, id), notice_columns,
	  check_notice },
	{ "advisory", HC_ADVISORIES_DIR, &hc_advisory_schema, offsetof(struct hc_advisory, id),
	  advisory_columns, NULL },
	{ "update", HC_UPDATES_DIR, &hc_update_schema, offsetof(struct hc_update, id), update_columns,
	  check_update },
};
const size_t hc_kinds_count = sizeof(hc_kinds) / sizeof(hc_kinds[0]);

const struct hc_kind *hc_kind_find(const char *name)
{
	for (size_t i = 0; i < hc_kinds_count; i++)
		if (!strcmp(hc_kinds[i].name, name) || !strcmp(hc_kinds[i].dir, name))
			return &hc_kinds[i];
	return NULL;
}

const char *hc_kind_id(const struct hc_kind *k, const void *rec)
{
	return *(const char *const *)((const char *)rec + k->id_offset);
}

int hc_kind_scan(struct hc_store *st, const struct hc_kind *k, const struct hc_filter *filters,
		 size_t nfilters, hc_record_fn fn, void *ctx, struct hc_error *err)
{
	struct hc_buf text = HC_BUF_INIT;
	struct hc_arena a;
	struct hc_strs ids;
	void *rec;
	int rc;

	for (size_t i = 0; i < nfilters; i++)
		if (!hc_schema_field(k->schema, filters[i].field))
			return hc_error_set(err, HC_EUSAGE, "a %s has no field '%s'", k->name,
					    filters[i].field);
	hc_arena_init(&a);
	rc = hc_store_list(st, k->dir, &ids, &a, NULL, err);
	rec = hc_xmalloc(k->schema->size);
	for (size_t i = 0; i < ids.n && !rc; i++) {
		struct hc_arena ra;
		char path[512];
		bool match = true;

		hc_arena_init(&ra);
		snprintf(path, sizeof(path), "%s/%s.yaml", k->dir, ids.v[i]);
		rc = hc_store_load(st, k->schema, path, rec, &ra, err);
		for (size_t f = 0; f < nfilters && !rc && match; f++) {
			hc_record_field_text(k->schema, rec, filters[f].field, st->utc_offset_min, &text);
			match = strcmp(text.p, filters[f].value) == 0;
			/* A list of strings matches when any item does. */
			if (!match && hc_schema_field(k->schema, filters[f].field)->type == HC_F_STRS) {
				const struct hc_field *fl = hc_schema_field(k->schema, filters[f].field);
				const struct hc_strs *l =
					(const struct hc_strs *)((const char *)rec + fl->offset);

				match = hc_strs_has(l, filters[f].value);
			}
		}
		if (!rc && match)
			rc = fn(k, path, rec, ctx);
		hc_arena_release(&ra);
	}
	free(rec);
	hc_buf_release(&text);
	hc_arena_release(&a);
	return rc;
}

/* An id of kind k, or a unique prefix of one when k's ids are UUIDs; *hit
 * receives the id found (in arena a or ref itself). */
static int locate_in(struct hc_store *st, const struct hc_kind *k, const char *ref, char *path,
		     size_t size, const char **hit, struct hc_arena *a, struct hc_error *err)
{
	const struct hc_field *idf = hc_schema_field(k->schema, "id");
	const char *mine = NULL;
	struct hc_strs ids;
	size_t n = strlen(ref);
	int rc;

	if (!hc_name_valid(ref))
		return hc_error_set(err, HC_EUSAGE, "invalid id '%.64s'", ref);
	snprintf(path, size, "%s/%s.yaml", k->dir, ref);
	if (hc_store_exists(st, path)) {
		*hit = ref;
		return HC_OK;
	}
	if (n < 4 || !idf || idf->check != HC_CHK_UUID)
		return HC_ENOTFOUND;
	rc = hc_store_list(st, k->dir, &ids, a, NULL, err);
	for (size_t i = 0; i < ids.n && !rc; i++) {
		if (strncmp(ids.v[i], ref, n) != 0)
			continue;
		if (mine)
			return hc_error_set(err, HC_EUSAGE, "id prefix '%s' is ambiguous ('%s', '%s', ...)",
					    ref, mine, ids.v[i]);
		mine = ids.v[i];
	}
	if (rc)
		return rc;
	if (!mine)
		return HC_ENOTFOUND;
	*hit = mine;
	snprintf(path, size, "%s/%s.yaml", k->dir, mine);
	return HC_OK;
}

int hc_kind_locate(struct hc_store *st, const char *ref, const struct hc_kind **kind, char *path,
		   size_t size, struct hc_error *err)
{
	const char *slash = strchr(ref, '/');
	const char *hit = NULL;
	struct hc_arena a;
	int rc = HC_ENOTFOUND;

	hc_arena_init(&a);
	if (slash) {
		char name[64];

		if ((size_t)(slash - ref) >= sizeof(name)) {
			rc = hc_error_set(err, HC_EUSAGE, "invalid record reference '%.64s'", ref);
			goto out;
		}
		memcpy(name, ref, (size_t)(slash - ref));
		name[slash - ref] = '\0';
		*kind = hc_kind_find(name);
		if (!*kind) {
			rc = hc_error_set(err, HC_EUSAGE, "no record kind '%s'", name);
			goto out;
		}
		rc = locate_in(st, *kind, slash + 1, path, size, &hit, &a, err);
		if (rc == HC_ENOTFOUND)
			rc = hc_error_set(err, HC_ENOTFOUND, "no %s '%s'", (*kind)->name, slash + 1);
		goto out;
	}
	if (!hc_name_valid(ref)) {
		rc = hc_error_set(err, HC_EUSAGE, "invalid id '%.64s'", ref);
		goto out;
	}
	/* An exact id of any kind first, then a prefix across the kinds. */
	for (size_t i = 0; i < hc_kinds_count; i++) {
		snprintf(path, size, "%s/%s.yaml", hc_kinds[i].dir, ref);
		if (hc_store_exists(st, path)) {
			*kind = &hc_kinds[i];
			rc = HC_OK;
			goto out;
		}
	}
	for (size_t i = 0; i < hc_kinds_count; i++) {
		const char *found = NULL;
		int r = locate_in(st, &hc_kinds[i], ref, path, size, &found, &a, err);

		if (r != HC_OK && r != HC_ENOTFOUND) {
			rc = r;
			goto out;
		}
		if (r == HC_OK && hit) {
			rc = hc_error_set(err, HC_EUSAGE, "id prefix '%s' is ambiguous ('%s', '%s', ...)",
					  ref, hit, found);
			goto out;
		}
		if (r == HC_OK) {
			hit = found;
			*kind = &hc_kinds[i];
			rc = HC_OK;
		}
	}
	if (rc == HC_OK)
		snprintf(path, size, "%s/%s.yaml", (*kind)->dir, hit);
	else
		rc = hc_error_set(err, HC_ENOTFOUND, "no record '%s'", ref);
out:
	hc_arena_release(&a);
	return rc;
}
