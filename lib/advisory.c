/*
 * advisory.c - security advisories: which servers the provider patches,
 * which are the customer's, and the flow of 000 §2.6.1.1.2.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostctl/advisory.h"
#include "hostctl/customer.h"
#include "hostctl/notify.h"
#include "hostctl/store.h"

const char *const hc_update_status_names[] = {
	"customer", "not-covered", "pending", "notified", "scheduled", "applied", "declined", NULL
};

static const struct hc_field advisory_fields[] = {
	HC_FIELD_STR(struct hc_advisory, id, "id", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_advisory, level, "level", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STRS(struct hc_advisory, os, "os", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_advisory, package, "package", 0, HC_CHK_NONE),
	HC_FIELD_STR(struct hc_advisory, summary, "summary", HC_REQ, HC_CHK_TEXT),
	HC_FIELD(struct hc_advisory, created_at, "created_at", HC_F_TIME, HC_REQ),
};
const struct hc_schema hc_advisory_schema = HC_SCHEMA(struct hc_advisory, "advisory", advisory_fields);

static const struct hc_field event_fields[] = {
	HC_FIELD(struct hc_update_event, at, "at", HC_F_TIME, HC_REQ),
	HC_FIELD_STR(struct hc_update_event, by, "by", HC_REQ, HC_CHK_NONE),
	HC_FIELD_STR(struct hc_update_event, action, "action", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_update_event, detail, "detail", 0, HC_CHK_TEXT),
};
static const struct hc_schema event_schema = HC_SCHEMA(struct hc_update_event, "update.events", event_fields);

static const struct hc_field update_fields[] = {
	HC_FIELD_STR(struct hc_update, id, "id", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_update, advisory, "advisory", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_update, server, "server", HC_REQ, HC_CHK_UUID),
	HC_FIELD_STR(struct hc_update, customer, "customer", HC_REQ, HC_CHK_NAME),
	HC_FIELD_ENUM(struct hc_update, status, "status", HC_REQ, hc_update_status_names),
	HC_FIELD_STR(struct hc_update, reason, "reason", 0, HC_CHK_TEXT),
	HC_FIELD_STRS(struct hc_update, candidates, "candidates", 0, HC_CHK_NONE),
	HC_FIELD(struct hc_update, scheduled_at, "scheduled_at", HC_F_TIME, 0),
	HC_FIELD(struct hc_update, applied_at, "applied_at", HC_F_TIME, 0),
	HC_FIELD_STR(struct hc_update, maintenance, "maintenance", 0, HC_CHK_UUID),
	HC_FIELD_LIST(struct hc_update, events, "events", 0, event_schema),
};
const struct hc_schema hc_update_schema = HC_SCHEMA(struct hc_update, "update", update_fields);

void hc_advisory_result_init(struct hc_advisory_result *r)
{
	memset(r, 0, sizeof(*r));
	hc_arena_init(&r->arena);
	hc_record_init(&hc_advisory_schema, &r->advisory);
}

void hc_advisory_result_release(struct hc_advisory_result *r)
{
	hc_arena_release(&r->arena);
	memset(r, 0, sizeof(*r));
}

static void event(struct hc_arena *a, struct hc_update *u, hc_time at, const char *by,
		  const char *action, const char *detail)
{
	struct hc_update_event *e = hc_list_push(a, &u->events, &event_schema);

	e->at = at;
	e->by = by ? by : "unknown";
	e->action = action;
	e->detail = detail;
}

/* What the advisory means for server s: the update's status and why. */
static int classify(const struct hc_profile *p, const struct hc_server *s,
		    const struct hc_advisory *adv, struct hc_arena *a, const char **reason)
{
	const struct hc_security_updates *su = &p->security_updates;
	const struct hc_os *os = hc_profile_os(p, s->os);

	if (su->applied_by != HC_PARTY_PROVIDER) {
		*reason = hc_arena_printf(a, "the customer applies updates (%s)%s%s",
					  su->source ? su->source : p->spec,
					  os && os->update_policy ? "; " : "",
					  os && os->update_policy ? os->update_policy : "");
		return HC_UPD_CUSTOMER;
	}
	for (size_t i = 0; i < su->levels.n; i++) {
		const struct hc_security_level *l = HC_LIST_AT(su->levels, struct hc_security_level, i);

		if (strcmp(l->level, adv->level))
			continue;
		if (!strcmp(l->scope, "all")) {
			*reason = hc_arena_printf(a, "level %s: every server (%s)", l->level,
						  su->source ? su->source : p->spec);
			return HC_UPD_PENDING;
		}
		if (l->requires_option && hc_server_has_option(s, l->requires_option)) {
			*reason = hc_arena_printf(a, "level %s: option '%s' (%s)", l->level, l->requires_option,
						  su->source ? su->source : p->spec);
			return HC_UPD_PENDING;
		}
		*reason = hc_arena_printf(a, "level %s needs the option '%s' (%s)", l->level,
					  l->requires_option ? l->requires_option : "?",
					  su->source ? su->source : p->spec);
		return HC_UPD_NOT_COVERED;
	}
	/* Levels listed, not this one: the provider does not apply it. */
	if (su->levels.n) {
		struct hc_buf b = HC_BUF_INIT;

		for (size_t i = 0; i < su->levels.n; i++)
			hc_buf_addf(&b, "%s%s", i ? ", " : "",
				    HC_LIST_AT(su->levels, struct hc_security_level, i)->level);
		*reason = hc_arena_printf(a, "level %s is none of the levels the provider applies (%s) (%s)",
					  adv->level, b.p, su->source ? su->source : p->spec);
		hc_buf_release(&b);
		return HC_UPD_NOT_COVERED;
	}
	/* A provider that patches without levels patches everything. */
	*reason = hc_arena_printf(a, "the provider applies security patches (%s)",
				  su->source ? su->source : p->spec);
	return HC_UPD_PENDING;
}

/* The level must be one a profile of the catalog names (000 §2.6.1.1.1:
 * high, medium), when any profile names levels. */
static int check_level(const struct hc_catalog *cat, const char *level, struct hc_error *err)
{
	struct hc_strs known;
	struct hc_arena a;
	struct hc_buf b = HC_BUF_INIT;
	int rc = HC_OK;

	hc_arena_init(&a);
	memset(&known, 0, sizeof(known));
	for (size_t i = 0; i < cat->n; i++) {
		const struct hc_security_updates *su = &cat->profiles[i].security_updates;

		for (size_t k = 0; k < su->levels.n; k++) {
			const char *l = HC_LIST_AT(su->levels, struct hc_security_level, k)->level;

			if (!hc_strs_has(&known, l)) {
				hc_strs_push(&a, &known, l);
				hc_buf_addf(&b, "%s%s", known.n > 1 ? ", " : "", l);
			}
		}
	}
	if (known.n && !hc_strs_has(&known, level))
		rc = hc_error_set(err, HC_EUSAGE, "--level: no profile has level '%s' (levels: %s)", level,
				  b.p);
	hc_buf_release(&b);
	hc_arena_release(&a);
	return rc;
}

static const struct hc_schema update_list_schema = { "update", sizeof(struct hc_update), NULL, 0 };

int hc_advisory_new(struct hc_store *st, const struct hc_txn_options *o,
		    const struct hc_advisory *adv, struct hc_advisory_result *res,
		    struct hc_buf *report, struct hc_error *err)
{
	struct hc_arena *a = &res->arena;
	const struct hc_catalog *cat;
	struct hc_strs ids;
	struct hc_txn *t;
	char path[512];
	int rc;

	if (!adv->id || !hc_name_valid(adv->id) || strlen(adv->id) > 80)
		return hc_error_set(err, HC_EUSAGE, "invalid advisory id '%.64s'", adv->id ? adv->id : "");
	if (!adv->level || !hc_name_valid(adv->level))
		return hc_error_set(err, HC_EUSAGE, "invalid level '%.64s'", adv->level ? adv->level : "");
	if (!adv->os.n)
		return hc_error_set(err, HC_EUSAGE, "--os names the affected OS");
	rc = hc_store_catalog(st, &cat, err);
	if (!rc)
		rc = check_level(cat, adv->level, err);
	if (!rc)
		rc = hc_txn_begin(st, o, &t, err);
	if (rc)
		return rc;
	snprintf(path, sizeof(path), "%s/%s.yaml", HC_ADVISORIES_DIR, adv->id);
	if (hc_txn_exists(t, path)) {
		rc = hc_error_set(err, HC_ECONFLICT, "advisory '%s' is recorded already", adv->id);
		goto out;
	}
	res->advisory = *adv;
	rc = hc_txn_put_record(t, &hc_advisory_schema, path, adv, err);
	if (!rc)
		rc = hc_store_list(st, HC_SERVERS_DIR, &ids, a, NULL, err);
	for (size_t i = 0; i < ids.n && !rc; i++) {
		const struct hc_profile *p;
		struct hc_server s;
		struct hc_update *u;
		char spath[256], upath[512];

		snprintf(spath, sizeof(spath), "%s/%s.yaml", HC_SERVERS_DIR, ids.v[i]);
		rc = hc_txn_load(t, &hc_server_schema, spath, &s, a, err);
		if (rc)
			break;
		if (s.status == HC_SRV_CANCELLED || !hc_strs_has(&adv->os, s.os))
			continue;
		p = hc_catalog_profile(cat, s.profile);
		if (!p)
			continue;
		u = hc_list_push(a, &res->updates, &update_list_schema);
		hc_record_init(&hc_update_schema, u);
		u->id = hc_arena_printf(a, "%s.%s", adv->id, s.id);
		u->advisory = adv->id;
		u->server = s.id;
		u->customer = s.customer;
		u->status = classify(p, &s, adv, a, &u->reason);
		event(a, u, o->now, o->operator_name, "recorded", u->reason);
		snprintf(upath, sizeof(upath), "%s/%s.yaml", HC_UPDATES_DIR, u->id);
		rc = hc_txn_put_record(t, &hc_update_schema, upath, u, err);
	}
	if (!rc)
		rc = hc_txn_commit(t, report, err);
out:
	hc_txn_free(t);
	return rc;
}

/* Loads the advisory and its updates (the files named <advisory>.*). */
static int load_all(struct hc_store *st, struct hc_txn *t, const char *advisory,
		    struct hc_advisory_result *res, struct hc_error *err)
{
	struct hc_arena *a = &res->arena;
	struct hc_strs ids;
	char path[512];
	size_t n = strlen(advisory);
	int rc;

	if (!hc_name_valid(advisory))
		return hc_error_set(err, HC_EUSAGE, "invalid advisory id '%.64s'", advisory);
	snprintf(path, sizeof(path), "%s/%s.yaml", HC_ADVISORIES_DIR, advisory);
	rc = hc_txn_load(t, &hc_advisory_schema, path, &res->advisory, a, err);
	if (rc == HC_ENOTFOUND)
		return hc_error_set(err, HC_ENOTFOUND, "no advisory '%s'", advisory);
	if (!rc)
		rc = hc_store_list(st, HC_UPDATES_DIR, &ids, a, NULL, err);
	for (size_t i = 0; i < ids.n && !rc; i++) {
		struct hc_update *u;

		/* <advisory>.<server uuid>: not the updates of "<advisory>.x". */
		if (strncmp(ids.v[i], advisory, n) || ids.v[i][n] != '.' ||
		    strlen(ids.v[i] + n + 1) != 36 || strchr(ids.v[i] + n + 1, '.'))
			continue;
		u = hc_list_push(a, &res->updates, &update_list_schema);
		snprintf(path, sizeof(path), "%s/%s.yaml", HC_UPDATES_DIR, ids.v[i]);
		rc = hc_txn_load(t, &hc_update_schema, path, u, a, err);
	}
	return rc;
}

int hc_advisory_status(struct hc_store *st, const char *advisory, struct hc_advisory_result *res,
		       struct hc_error *err)
{
	struct hc_txn_options ro;
	struct hc_txn *t;
	int rc;

	memset(&ro, 0, sizeof(ro));
	ro.dry_run = true;       /* reads only */
	rc = hc_txn_begin(st, &ro, &t, err);
	if (!rc)
		rc = load_all(st, t, advisory, res, err);
	hc_txn_free(t);
	return rc;
}

/* "a, b, c" */
static const char *join(struct hc_arena *a, const struct hc_strs *l)
{
	struct hc_buf b = HC_BUF_INIT;
	const char *out;

	for (size_t i = 0; i < l->n; i++)
		hc_buf_addf(&b, "%s%s", i ? ", " : "", l->v[i]);
	out = hc_arena_strdup(a, l->n ? b.p : "none");
	hc_buf_release(&b);
	return out;
}

/* Whether the profile's notification matrix has a row for event. */
static bool has_event(const struct hc_profile *p, const char *event)
{
	for (size_t i = 0; i < p->notifications.n; i++)
		if (!strcmp(HC_LIST_AT(p->notifications, struct hc_notification, i)->event, event))
			return true;
	return false;
}

/* Candidate work dates: YYYY-MM-DD, none before today. */
static int check_candidates(struct hc_store *st, const struct hc_txn_options *o,
			    const struct hc_strs *candidates, struct hc_error *err)
{
	hc_day today = hc_time_day(o->now, st->utc_offset_min);

	for (size_t i = 0; candidates && i < candidates->n; i++) {
		hc_day d;

		if (hc_day_parse(candidates->v[i], &d))
			return hc_error_set(err, HC_EUSAGE, "--candidates: expected dates YYYY-MM-DD, got '%.32s'",
					    candidates->v[i]);
		if (d < today)
			return hc_error_set(err, HC_EUSAGE, "--candidates: %s is in the past", candidates->v[i]);
	}
	return HC_OK;
}

static int step_one(struct hc_store *st, const struct hc_txn_options *o, struct hc_txn *t,
		    struct hc_advisory_result *res, struct hc_update *u, const char *step,
		    const struct hc_strs *candidates, hc_time at, const char *reason,
		    struct hc_error *err)
{
	struct hc_arena *a = &res->arena;
	const struct hc_profile *p;
	struct hc_server s;
	struct hc_customer cu;
	char path[512];
	int rc;

	snprintf(path, sizeof(path), "%s/%s.yaml", HC_SERVERS_DIR, u->server);
	rc = hc_txn_load(t, &hc_server_schema, path, &s, a, err);
	if (!rc)
		rc = hc_store_profile(st, s.profile, &p, err);
	if (!rc) {
		snprintf(path, sizeof(path), "%s/%s.yaml", HC_CUSTOMERS_DIR, s.customer);
		rc = hc_txn_load(t, &hc_customer_schema, path, &cu, a, err);
	}
	if (rc)
		return rc;
	if (u->status == HC_UPD_CUSTOMER || u->status == HC_UPD_NOT_COVERED) {
		const struct hc_security_updates *su = &p->security_updates;
		const char *option = NULL;

		for (size_t i = 0; i < su->levels.n; i++) {
			const struct hc_security_level *l = HC_LIST_AT(su->levels, struct hc_security_level, i);

			if (!strcmp(l->level, res->advisory.level))
				option = l->requires_option;
		}
		if (u->status == HC_UPD_CUSTOMER)
			return hc_error_refuse(err, su->source ? su->source : p->spec,
					       "the update of server '%s' is the customer's to apply, not the provider's",
					       u->server);
		return hc_error_refuse(err, su->source ? su->source : p->spec,
				       "the provider applies level %s only to servers with the option '%s'; "
				       "server '%s' does not have it",
				       res->advisory.level, option ? option : "?", u->server);
	}
	if (!strcmp(step, "notify")) {
		struct hc_buf b = HC_BUF_INIT;

		if (u->status != HC_UPD_PENDING)
			goto order;
		rc = check_candidates(st, o, candidates, err);
		if (rc)
			return rc;
		hc_buf_addf(&b, "mail announcing the update (000 §2.6.1.1.2 項番3)");
		if (candidates && candidates->n) {
			u->candidates = *candidates;
			hc_buf_addf(&b, "; candidate dates %s", join(a, &u->candidates));
		}
		u->status = HC_UPD_NOTIFIED;
		event(a, u, o->now, o->operator_name, "notified", hc_arena_strdup(a, b.p));
		hc_buf_release(&b);
		hc_notify_notes(p, &cu, &s, "security-update", NULL, a, &res->notes);
		if (!has_event(p, "security-update"))
			hc_strs_push(a, &res->notes,
				     hc_arena_printf(a, "profile '%s' names no channel for the mail of server '%s': "
							"tell the customer as the contract says", p->name, s.id));
	} else if (!strcmp(step, "schedule")) {
		char day[HC_DAY_BUFSZ];
		struct hc_maintenance mw;
		char id[37], mpath[256];
		int64_t minutes = p->security_updates.outage_minutes != HC_INT_NONE
			? p->security_updates.outage_minutes : 60;

		if (u->status != HC_UPD_NOTIFIED)
			goto order;
		if (at == HC_TIME_NONE)
			return hc_error_set(err, HC_EUSAGE, "schedule needs --at, the time of the work");
		if (at < o->now)
			return hc_error_set(err, HC_EUSAGE, "--at is in the past");
		rc = check_candidates(st, o, candidates, err);
		if (rc)
			return rc;
		/* The customer's reply (作業日候補日をご返信頂く, 項番3). */
		if (candidates && candidates->n)
			u->candidates = *candidates;
		if (!u->candidates.n)
			return hc_error_set(err, HC_EUSAGE,
					    "schedule needs --candidates, the work dates the customer replied with");
		hc_day_format(hc_time_day(at, st->utc_offset_min), day);
		if (!hc_strs_has(&u->candidates, day))
			return hc_error_refuse(err, "000 §2.6.1.1.2 項番3",
					       "%s is not one of the candidate dates (%s)", day,
					       join(a, &u->candidates));
		/* The update is announced maintenance: the SLA excludes it. */
		for (unsigned n = 0;; n++) {
			char material[256];

			snprintf(material, sizeof(material), "%s/maintenance/%lld", u->id, (long long)at);
			hc_uuid_new(id, material, n);
			snprintf(mpath, sizeof(mpath), "%s/%s.yaml", HC_MAINTENANCE_DIR, id);
			if (!hc_txn_exists(t, mpath))
				break;
		}
		hc_record_init(&hc_maintenance_schema, &mw);
		mw.id = hc_arena_strdup(a, id);
		mw.server = u->server;
		mw.kind = "security-update";
		mw.starts_at = at;
		mw.ends_at = at + minutes * 60;
		mw.announced_at = o->now;
		mw.cause = HC_CAUSE_ANNOUNCED_MAINTENANCE;
		mw.reference = u->id;
		mw.summary = res->advisory.summary;
		rc = hc_txn_put_record(t, &hc_maintenance_schema, mpath, &mw, err);
		if (rc)
			return rc;
		u->maintenance = mw.id;
		u->scheduled_at = at;
		u->status = HC_UPD_SCHEDULED;
		event(a, u, o->now, o->operator_name, "scheduled",
		      hc_arena_printf(a, "work date %s of the candidate dates %s (000 §2.6.1.1.2 項番3)", day,
				      join(a, &u->candidates)));
		hc_notify_notes(p, &cu, &s, "maintenance", NULL, a, &res->notes);
	} else if (!strcmp(step, "apply")) {
		hc_time when = at != HC_TIME_NONE ? at : o->now;

		if (u->status != HC_UPD_SCHEDULED)
			goto order;
		if (when > o->now)
			return hc_error_set(err, HC_EUSAGE, "--at is in the future");
		if (when < u->scheduled_at) {
			char sched[HC_TIME_BUFSZ];

			hc_time_format(u->scheduled_at, st->utc_offset_min, sched);
			return hc_error_refuse(err, "000 §2.6.1.1.2 項番3-4",
					       "the update of server '%s' is scheduled for %s, the date the customer "
					       "chose; it is not applied before",
					       u->server, sched);
		}
		u->applied_at = when;
		u->status = HC_UPD_APPLIED;
		event(a, u, o->now, o->operator_name, "applied", "000 §2.6.1.1.2 項番4");
	} else if (!strcmp(step, "decline")) {
		/* 項番2: the decision comes before the mail of 項番3. */
		if (u->status != HC_UPD_PENDING)
			goto order;
		if (!reason || !reason[0])
			return hc_error_set(err, HC_EUSAGE, "decline needs --reason, why it is not applied");
		if (!hc_check_string(HC_CHK_TEXT, reason))
			return hc_error_set(err, HC_EUSAGE, "--reason: %s",
					    hc_check_describe(HC_CHK_TEXT));
		u->reason = hc_arena_strdup(a, reason);
		u->status = HC_UPD_DECLINED;
		event(a, u, o->now, o->operator_name, "declined",
		      hc_arena_printf(a, "not applied (000 §2.6.1.1.2 項番2, 項番5): %s", reason));
	} else {
		return hc_error_set(err, HC_EUSAGE, "no step '%s' (notify, schedule, apply, decline)",
				    step);
	}
	snprintf(path, sizeof(path), "%s/%s.yaml", HC_UPDATES_DIR, u->id);
	return hc_txn_put_record(t, &hc_update_schema, path, u, err);
order:
	return hc_error_refuse(err, "000 §2.6.1.1.2",
			       "the update of server '%s' is %s; '%s' comes %s", u->server,
			       hc_update_status_names[u->status], step,
			       !strcmp(step, "notify") || !strcmp(step, "decline") ? "while pending"
			       : !strcmp(step, "schedule") ? "after the customer was notified"
							   : "once scheduled");
}

int hc_advisory_step(struct hc_store *st, const struct hc_txn_options *o, const char *advisory,
		     const char *server, const char *step, const struct hc_strs *candidates,
		     hc_time at, const char *reason, struct hc_advisory_result *res,
		     struct hc_buf *report, struct hc_error *err)
{
	struct hc_txn *t;
	char spath[256];
	const char *sid = NULL;
	size_t done = 0;
	int rc;

	/* A server id or a unique prefix of one (ambiguous: usage). */
	if (server) {
		rc = hc_server_locate(st, server, spath, sizeof(spath), err);
		if (rc)
			return rc;
		if (hc_str_has_suffix(spath, ".yaml"))
			spath[strlen(spath) - 5] = '\0';
		sid = strrchr(spath, '/') ? strrchr(spath, '/') + 1 : spath;
	}
	rc = hc_txn_begin(st, o, &t, err);
	if (rc)
		return rc;
	rc = load_all(st, t, advisory, res, err);
	for (size_t i = 0; i < res->updates.n && !rc; i++) {
		struct hc_update *u = HC_LIST_AT(res->updates, struct hc_update, i);

		if (sid) {
			if (strcmp(u->server, sid))
				continue;
		} else if ((strcmp(step, "notify") && strcmp(step, "decline")) ||
			   u->status != HC_UPD_PENDING) {
			/* Without a server, notify (or decline) every pending one. */
			continue;
		}
		rc = step_one(st, o, t, res, u, step, candidates, at, reason, err);
		done++;
	}
	if (!rc && !done)
		rc = sid ? hc_error_set(err, HC_ENOTFOUND, "advisory '%s' has no update for server '%s'",
					advisory, sid)
			 : hc_error_set(err, HC_ENOTFOUND, "advisory '%s' has no pending update", advisory);
	if (!rc)
		rc = hc_txn_commit(t, report, err);
	hc_txn_free(t);
	return rc;
}
