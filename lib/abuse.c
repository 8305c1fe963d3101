/*
 * abuse.c - abuse and intrusion cases: the state machine, containment and
 * recovery actions on the server, the rescue service (003), evidence.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostctl/abuse.h"
#include "hostctl/notify.h"
#include "hostctl/evidence.h"
#include "hostctl/kinds.h"
#include "hostctl/store.h"

const char *const hc_case_status_names[] = {
	"reported", "confirmed", "customer-contacted", "self-handling", "rescue", "resolved",
	"dismissed", NULL
};
const char *const hc_case_source_names[] = { "third-party", "customer", NULL };
const char *const hc_case_kind_names[] = {
	"intrusion", "outbound-attack", "spam", "open-relay", "phishing", "other", NULL
};

static const struct hc_field event_fields[] = {
	HC_FIELD(struct hc_case_event, at, "at", HC_F_TIME, HC_REQ),
	HC_FIELD_STR(struct hc_case_event, by, "by", HC_REQ, HC_CHK_NONE),
	HC_FIELD_STR(struct hc_case_event, action, "action", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_case_event, detail, "detail", 0, HC_CHK_TEXT),
	HC_FIELD_STR(struct hc_case_event, reason, "reason", 0, HC_CHK_TEXT),
};
static const struct hc_schema event_schema = HC_SCHEMA(struct hc_case_event, "case.events", event_fields);

static const struct hc_field evidence_fields[] = {
	HC_FIELD_STR(struct hc_evidence, name, "name", HC_REQ, HC_CHK_NONE),
	HC_FIELD_STR(struct hc_evidence, path, "path", HC_REQ, HC_CHK_NONE),
	HC_FIELD_INT(struct hc_evidence, size, "size", HC_REQ, 0, INT64_C(1) << 40),
	HC_FIELD_STR(struct hc_evidence, sha256, "sha256", HC_REQ, HC_CHK_NAME),
	HC_FIELD(struct hc_evidence, added_at, "added_at", HC_F_TIME, HC_REQ),
	HC_FIELD(struct hc_evidence, large, "large", HC_F_BOOL, 0),
};
static const struct hc_schema evidence_schema =
	HC_SCHEMA(struct hc_evidence, "case.evidence", evidence_fields);

static const struct hc_field rescue_fields[] = {
	HC_FIELD_STR(struct hc_rescue_order, menu, "menu", HC_REQ, HC_CHK_NAME),
	HC_FIELD(struct hc_rescue_order, requested_at, "requested_at", HC_F_TIME, HC_REQ),
	HC_FIELD(struct hc_rescue_order, after_hours, "after_hours", HC_F_BOOL, 0),
	HC_FIELD(struct hc_rescue_order, limited, "limited", HC_F_BOOL, 0),
	HC_FIELD_STR(struct hc_rescue_order, billing, "billing", 0, HC_CHK_NAME),
};
static const struct hc_schema rescue_schema = HC_SCHEMA(struct hc_rescue_order, "case.rescue", rescue_fields);

static const struct hc_field case_fields[] = {
	HC_FIELD_STR(struct hc_case, id, "id", HC_REQ, HC_CHK_UUID),
	HC_FIELD_STR(struct hc_case, server, "server", HC_REQ, HC_CHK_UUID),
	HC_FIELD_ENUM(struct hc_case, source, "source", HC_REQ, hc_case_source_names),
	HC_FIELD_ENUM(struct hc_case, kind, "kind", HC_REQ, hc_case_kind_names),
	HC_FIELD_ENUM(struct hc_case, status, "status", HC_REQ, hc_case_status_names),
	HC_FIELD_STR(struct hc_case, summary, "summary", HC_REQ, HC_CHK_TEXT),
	HC_FIELD(struct hc_case, reported_at, "reported_at", HC_F_TIME, HC_REQ),
	HC_FIELD_STR(struct hc_case, incident, "incident", 0, HC_CHK_UUID),
	HC_FIELD_STRUCT(struct hc_case, rescue, "rescue", 0, rescue_schema),
	HC_FIELD(struct hc_case, reinstall_on, "reinstall_on", HC_F_DAY, 0),
	HC_FIELD_LIST(struct hc_case, evidence, "evidence", 0, evidence_schema),
	HC_FIELD_LIST(struct hc_case, events, "events", 0, event_schema),
};
const struct hc_schema hc_case_schema = HC_SCHEMA(struct hc_case, "case", case_fields);

void hc_case_result_init(struct hc_case_result *r)
{
	memset(r, 0, sizeof(*r));
	hc_arena_init(&r->arena);
	hc_record_init(&hc_case_schema, &r->kase);
	hc_record_init(&hc_server_schema, &r->server);
}

void hc_case_result_release(struct hc_case_result *r)
{
	hc_arena_release(&r->arena);
	memset(r, 0, sizeof(*r));
}

static void note(struct hc_case_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void note(struct hc_case_result *r, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	hc_strs_push(&r->arena, &r->notes, hc_arena_strdup(&r->arena, buf));
}

static struct hc_case_event *event(struct hc_case_result *r, hc_time at, const char *by,
				   const char *action, const char *reason)
{
	struct hc_case_event *e = hc_list_push(&r->arena, &r->kase.events, &event_schema);

	e->at = at;
	e->by = by ? by : "unknown";
	e->action = action;
	e->reason = reason;
	return e;
}

/* ---- the steps --------------------------------------------------------------- */

#define S(x) (1u << (x))
#define CONTAIN (S(HC_CASE_CONFIRMED) | S(HC_CASE_CONTACTED) | S(HC_CASE_SELF_HANDLING) | S(HC_CASE_RESCUE))
#define RECOVER (S(HC_CASE_SELF_HANDLING) | S(HC_CASE_RESCUE))

struct ctx {
	struct hc_store *st;
	const struct hc_txn_options *o;
	struct hc_txn *t;
	struct hc_case_result *res;
	const struct hc_profile *profile;
	const struct hc_profile *rescue;     /* the rescue profile, or NULL */
	char cpath[256], spath[256];
	bool server_changed;
	struct hc_incident incident;
	bool incident_changed;
	char ipath[256];
};

typedef int (*step_fn)(struct ctx *c, const struct hc_case_step *s, struct hc_error *err);

static int st_confirm(struct ctx *c, const struct hc_case_step *s, struct hc_error *err);
static int st_dismiss(struct ctx *c, const struct hc_case_step *s, struct hc_error *err);
static int st_plain(struct ctx *c, const struct hc_case_step *s, struct hc_error *err);
static int st_rescue(struct ctx *c, const struct hc_case_step *s, struct hc_error *err);
static int st_isolate(struct ctx *c, const struct hc_case_step *s, struct hc_error *err);
static int st_shutdown(struct ctx *c, const struct hc_case_step *s, struct hc_error *err);
static int st_power_on(struct ctx *c, const struct hc_case_step *s, struct hc_error *err);
static int st_restore(struct ctx *c, const struct hc_case_step *s, struct hc_error *err);
static int st_reinstall(struct ctx *c, const struct hc_case_step *s, struct hc_error *err);
static int st_accounts(struct ctx *c, const struct hc_case_step *s, struct hc_error *err);
static int st_resolve(struct ctx *c, const struct hc_case_step *s, struct hc_error *err);

static const struct step_def {
	const char *name;
	unsigned from;                   /* statuses it is allowed in */
	int to;                          /* new status, or -1 */
	const char *action;              /* the profile's abuse action it is, if any */
	step_fn fn;
} steps[] = {
	{ "confirm", S(HC_CASE_REPORTED), HC_CASE_CONFIRMED, NULL, st_confirm },
	{ "dismiss", S(HC_CASE_REPORTED) | S(HC_CASE_CONFIRMED), HC_CASE_DISMISSED, NULL, st_dismiss },
	{ "contact", S(HC_CASE_CONFIRMED), HC_CASE_CONTACTED, NULL, st_plain },
	{ "self-handling", S(HC_CASE_CONTACTED), HC_CASE_SELF_HANDLING, NULL, st_plain },
	{ "rescue", S(HC_CASE_CONTACTED), HC_CASE_RESCUE, NULL, st_rescue },
	{ "isolate", CONTAIN, -1, "isolate", st_isolate },
	{ "shutdown", CONTAIN, -1, "shutdown", st_shutdown },
	{ "power-on", RECOVER, -1, NULL, st_power_on },
	{ "restore-network", RECOVER, -1, NULL, st_restore },
	{ "reinstall-os", RECOVER, -1, "reinstall-os", st_reinstall },
	{ "stop-relay", RECOVER, -1, NULL, st_plain },
	{ "purge-queue", RECOVER, -1, NULL, st_plain },
	{ "suspend-accounts", RECOVER, -1, NULL, st_accounts },
	{ "resolve", RECOVER, HC_CASE_RESOLVED, NULL, st_resolve },
};
#define NSTEPS (sizeof(steps) / sizeof(steps[0]))

const char *hc_case_next_steps(int status)
{
	static char buf[256];
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < NSTEPS; i++) {
		if (!(steps[i].from & S(status)))
			continue;
		used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%s", used ? ", " : "",
					 steps[i].name);
		if (used >= sizeof(buf))
			break;
	}
	return used ? buf : "none (the case is closed)";
}

static int st_plain(struct ctx *c, const struct hc_case_step *s, struct hc_error *err)
{
	(void)c, (void)s, (void)err;
	return HC_OK;
}

static int st_confirm(struct ctx *c, const struct hc_case_step *s, struct hc_error *err)
{
	(void)s, (void)err;
	note(c->res, "next: contact the customer, who chooses to handle it or the rescue service (003 §4.2-1 4)");
	return HC_OK;
}

static int st_dismiss(struct ctx *c, const struct hc_case_step *s, struct hc_error *err)
{
	const struct hc_server *sv = &c->res->server;

	if (!s->reason)
		return hc_error_set(err, HC_EUSAGE, "dismiss needs --reason");
	/* A closed case can no longer bring the server back. */
	if (sv->network == HC_NET_DISCONNECTED || sv->power == HC_POWER_OFF)
		return hc_error_set(err, HC_ECONFLICT,
				    "server '%s' is still %s: a case that contained its server is "
				    "resolved, not dismissed (contact the customer, then %s)", sv->id,
				    sv->network == HC_NET_DISCONNECTED ? "isolated" : "shut down",
				    sv->network == HC_NET_DISCONNECTED ? "restore-network" : "power-on");
	return HC_OK;
}

static bool os_unsupported(const struct ctx *c, const struct hc_os **os)
{
	hc_day today = hc_time_day(c->o->now, c->st->utc_offset_min);

	*os = hc_profile_os(c->profile, c->res->server.os);
	return *os && (*os)->support_end != HC_DAY_NONE && today >= (*os)->support_end;
}

static int st_rescue(struct ctx *c, const struct hc_case_step *s, struct hc_error *err)
{
	const struct hc_rescue *r;
	const struct hc_os *os;
	struct hc_rescue_order *ro = &c->res->kase.rescue;
	bool found = false, past;

	if (!c->rescue)
		return hc_error_refuse(err, c->profile->abuse.source ? c->profile->abuse.source : c->profile->spec,
				       "profile '%s' offers no rescue service", c->profile->name);
	r = &c->rescue->rescue;
	if (!s->arg)
		return hc_error_set(err, HC_EUSAGE, "rescue needs --menu");
	for (size_t i = 0; i < r->menus.n && !found; i++)
		found = !strcmp(HC_LIST_AT(r->menus, struct hc_rescue_menu, i)->name, s->arg);
	if (!found) {
		struct hc_buf b = HC_BUF_INIT;
		int rc;

		for (size_t i = 0; i < r->menus.n; i++)
			hc_buf_addf(&b, "%s%s", i ? ", " : "", HC_LIST_AT(r->menus, struct hc_rescue_menu, i)->name);
		rc = hc_error_refuse(err, r->source, "no rescue menu '%s' (menus: %s)", s->arg, b.p);
		hc_buf_release(&b);
		return rc;
	}
	past = r->requires_vendor_support && os_unsupported(c, &os);
	if (past && !s->limited)
		return hc_error_refuse(err, "003 §2.1-1-1",
				       "OS '%s' is past vendor support: rescue work is limited and costs "
				       "a special fee; accept with --limited", os->name);
	ro->menu = s->arg;
	ro->requested_at = c->o->now;
	/* The limited-work terms and their special fee exist only for an OS
	 * past vendor support: --limited on a supported OS billed a special
	 * fee that does not apply (found by tests/test_abuse.c). */
	ro->limited = past;
	ro->billing = r->billing;
	if (r->hours.n) {
		struct hc_hours h = { 0 };

		for (size_t i = 0; i < r->hours.n && i < 8; i++) {
			const struct hc_span *sp = HC_LIST_AT(r->hours, struct hc_span, i);

			h.span[h.count].from_min = sp->from;
			h.span[h.count++].to_min = sp->to;
		}
		ro->after_hours = !hc_calendar_within_hours(&c->st->cal, &h, c->o->now);
	}
	note(c->res, "billable: rescue '%s', %s%s%s (%s)", ro->menu,
	     ro->billing ? ro->billing : "per incident", ro->after_hours ? ", after-hours price" : "",
	     ro->limited ? ", limited work with a special fee" : "", r->source ? r->source : "003");
	return HC_OK;
}

static void open_outage(struct ctx *c)
{
	struct hc_case *k = &c->res->kase;
	char id[37];

	/* A server contained again after its outage ended gets a new
	 * incident; the earlier one keeps its abuse_case link. */
	if (k->incident && c->incident.ended_at == HC_TIME_NONE)
		return;
	for (unsigned n = 0;; n++) {
		char material[256];

		snprintf(material, sizeof(material), "%s/incident/%lld", k->id, (long long)c->o->now);
		hc_uuid_new(id, material, n);
		snprintf(c->ipath, sizeof(c->ipath), "%s/%s.yaml", HC_INCIDENTS_DIR, id);
		if (!hc_txn_exists(c->t, c->ipath))
			break;
	}
	hc_record_init(&hc_incident_schema, &c->incident);
	c->incident.id = hc_arena_strdup(&c->res->arena, id);
	c->incident.server = c->res->server.id;
	c->incident.started_at = c->o->now;
	/* The customer's compromise, not the provider's failure (004 §3.4). */
	c->incident.cause = HC_CAUSE_CUSTOMER_COMPROMISE;
	c->incident.detected_by = "abuse-report";
	c->incident.abuse_case = k->id;
	c->incident.summary = k->summary;
	c->incident_changed = true;
	k->incident = c->incident.id;
}

/* The outage ends once the server is connected and on again. */
static void maybe_close_outage(struct ctx *c)
{
	struct hc_server *s = &c->res->server;

	if (!c->res->kase.incident || c->incident.ended_at != HC_TIME_NONE)
		return;
	if (s->network == HC_NET_DISCONNECTED || s->power == HC_POWER_OFF)
		return;
	c->incident.ended_at = c->o->now;
	c->incident_changed = true;
	note(c->res, "the outage of incident %s ends: %lld min", c->incident.id,
	     (long long)((c->o->now - c->incident.started_at) / 60));
}

/* The notices the server's profile requires for event, as notes (the
 * matrix of lib/notify.c); a customer record that cannot be read leaves
 * a note saying so instead. */
static void tell(struct ctx *c, const char *event)
{
	struct hc_customer cu;
	struct hc_error e;
	char path[256];

	snprintf(path, sizeof(path), "%s/%s.yaml", HC_CUSTOMERS_DIR, c->res->server.customer);
	if (hc_txn_load(c->t, &hc_customer_schema, path, &cu, &c->res->arena, &e)) {
		note(c->res, "customer '%s' unreadable: tell them of %s yourself (%s)",
		     c->res->server.customer, event, e.msg);
		return;
	}
	hc_notify_notes(c->profile, &cu, &c->res->server, event, NULL, &c->res->arena,
			&c->res->notes);
}

static int st_isolate(struct ctx *c, const struct hc_case_step *s, struct hc_error *err)
{
	struct hc_server *sv = &c->res->server;
	const struct hc_firewall *fw = &c->profile->firewall;

	(void)s, (void)err;
	if (sv->network == HC_NET_DISCONNECTED)
		return hc_error_set(err, HC_ECONFLICT, "server '%s' is already isolated", sv->id);
	sv->network = HC_NET_DISCONNECTED;
	if (fw->reset_on_disconnect && sv->firewall.n) {
		note(c->res, "the server firewall's allow-lists are reset with the disconnection (%s)",
		     fw->source ? fw->source : c->profile->spec);
		memset(&sv->firewall, 0, sizeof(sv->firewall));
	}
	c->server_changed = true;
	open_outage(c);
	tell(c, "abuse-containment");
	return HC_OK;
}

static int st_shutdown(struct ctx *c, const struct hc_case_step *s, struct hc_error *err)
{
	struct hc_server *sv = &c->res->server;

	(void)s;
	if (sv->power == HC_POWER_OFF)
		return hc_error_set(err, HC_ECONFLICT, "server '%s' is already shut down", sv->id);
	sv->power = HC_POWER_OFF;
	c->server_changed = true;
	open_outage(c);
	tell(c, "abuse-containment");
	return HC_OK;
}

static int st_power_on(struct ctx *c, const struct hc_case_step *s, struct hc_error *err)
{
	struct hc_server *sv = &c->res->server;

	(void)s;
	if (sv->power != HC_POWER_OFF)
		return hc_error_set(err, HC_ECONFLICT, "server '%s' is not shut down", sv->id);
	sv->power = HC_POWER_ON;
	c->server_changed = true;
	maybe_close_outage(c);
	return HC_OK;
}

static int st_restore(struct ctx *c, const struct hc_case_step *s, struct hc_error *err)
{
	struct hc_server *sv = &c->res->server;

	(void)s;
	if (sv->network != HC_NET_DISCONNECTED)
		return hc_error_set(err, HC_ECONFLICT, "server '%s' is not isolated", sv->id);
	sv->network = HC_NET_CONNECTED;
	c->server_changed = true;
	if (c->profile->firewall.reset_on_disconnect)
		note(c->res, "the server firewall starts empty: set its allow-lists again (%s)",
		     c->profile->firewall.source ? c->profile->firewall.source : c->profile->spec);
	maybe_close_outage(c);
	return HC_OK;
}

static int st_reinstall(struct ctx *c, const struct hc_case_step *s, struct hc_error *err)
{
	struct hc_case *k = &c->res->kase;
	struct hc_server *sv = &c->res->server;
	const struct hc_onsite *on = &c->profile->onsite;
	const struct hc_os *os, *target;
	int64_t lead = c->rescue && c->rescue->rescue.reinstall_business_days != HC_INT_NONE
		? c->rescue->rescue.reinstall_business_days : 1;
	hc_day today = hc_time_day(c->o->now, c->st->utc_offset_min);
	char day[HC_DAY_BUFSZ];

	if (os_unsupported(c, &os) && !s->limited && !s->arg)
		return hc_error_refuse(err, "003 §2.1-1-1",
				       "OS '%s' is past vendor support: no reinstall of it (000 §2.4.3.1.1); "
				       "give a supported OS with --os, or accept limited work with --limited",
				       os->name);
	if (s->arg) {
		target = hc_profile_os(c->profile, s->arg);
		if (!target)
			return hc_error_refuse(err, c->profile->spec, "profile '%s' offers no OS '%s'",
					       c->profile->name, s->arg);
		if (target->support_end != HC_DAY_NONE && today >= target->support_end && !s->limited)
			return hc_error_refuse(err, "000 §2.4.3.1.1", "OS '%s' is past vendor support too",
					       target->name);
		for (size_t i = 0; i < target->requires_options.n; i++)
			if (!hc_server_has_option(sv, target->requires_options.v[i]))
				return hc_error_refuse(err, target->source ? target->source : c->profile->spec,
						       "OS '%s' requires the option '%s'", target->name,
						       target->requires_options.v[i]);
		sv->os = target->name;
		c->server_changed = true;
	}
	/* 003 §6: OS 再インストールの場合は、翌営業日対応 */
	k->reinstall_on = hc_calendar_add_business_days(&c->st->cal, today, (int)lead);
	hc_day_format(k->reinstall_on, day);
	note(c->res, "OS reinstall scheduled on %s (%lld business day%s ahead, 003 §6)", day,
	     (long long)lead, lead == 1 ? "" : "s");
	if (on->backup_option && hc_server_has_option(sv, on->backup_option))
		note(c->res, "recovery point: the latest backup (option '%s', %s)", on->backup_option,
		     on->source ? on->source : c->profile->spec);
	else
		note(c->res, "recovery point: the initial specification; only files likely to be safe are "
			     "copied back (003 §2.1-3-2)");
	tell(c, "abuse-containment");
	return HC_OK;
}

static int st_accounts(struct ctx *c, const struct hc_case_step *s, struct hc_error *err)
{
	(void)c;
	if (!s->arg || !*s->arg)
		return hc_error_set(err, HC_EUSAGE, "suspend-accounts needs the accounts");
	return HC_OK;
}

static int st_resolve(struct ctx *c, const struct hc_case_step *s, struct hc_error *err)
{
	struct hc_server *sv = &c->res->server;

	(void)s, (void)err;
	if (sv->network == HC_NET_DISCONNECTED || sv->power == HC_POWER_OFF)
		note(c->res, "server '%s' is still %s: its outage stays open", sv->id,
		     sv->network == HC_NET_DISCONNECTED ? "isolated" : "shut down");
	if (c->res->kase.rescue.menu)
		tell(c, "rescue-report");         /* 003 §4.2-1 7 */
	return HC_OK;
}

/* ---- transactions ---------------------------------------------------------------- */

static int load(struct ctx *c, const char *ref, struct hc_error *err)
{
	const struct hc_kind *k;
	char full[256];
	int rc;

	snprintf(full, sizeof(full), "case/%s", ref);
	rc = hc_kind_locate(c->st, full, &k, c->cpath, sizeof(c->cpath), err);
	if (!rc)
		rc = hc_txn_load(c->t, &hc_case_schema, c->cpath, &c->res->kase, &c->res->arena, err);
	if (!rc) {
		snprintf(c->spath, sizeof(c->spath), "%s/%s.yaml", HC_SERVERS_DIR, c->res->kase.server);
		rc = hc_txn_load(c->t, &hc_server_schema, c->spath, &c->res->server, &c->res->arena, err);
	}
	if (!rc)
		rc = hc_store_profile(c->st, c->res->server.profile, &c->profile, err);
	if (!rc && c->profile->abuse.rescue_profile)
		c->rescue = hc_catalog_profile(&c->st->catalog, c->profile->abuse.rescue_profile);
	if (!rc && c->res->kase.incident) {
		snprintf(c->ipath, sizeof(c->ipath), "%s/%s.yaml", HC_INCIDENTS_DIR, c->res->kase.incident);
		rc = hc_txn_load(c->t, &hc_incident_schema, c->ipath, &c->incident, &c->res->arena, err);
	}
	return rc;
}

static int save(struct ctx *c, struct hc_buf *txn_report, struct hc_error *err)
{
	int rc = hc_txn_put_record(c->t, &hc_case_schema, c->cpath, &c->res->kase, err);

	if (!rc && c->server_changed)
		rc = hc_txn_put_record(c->t, &hc_server_schema, c->spath, &c->res->server, err);
	if (!rc && c->incident_changed)
		rc = hc_txn_put_record(c->t, &hc_incident_schema, c->ipath, &c->incident, err);
	if (!rc)
		rc = hc_txn_commit(c->t, txn_report, err);
	return rc;
}

/* "a.log" -> "a.log"; anything not [A-Za-z0-9._-] becomes '_', no leading dot. */
static const char *safe_name(struct hc_arena *a, const char *name)
{
	const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
	char *out = hc_arena_strdup(a, *base ? base : "evidence");

	for (char *p = out; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '.' || *p == '_' || *p == '-'))
			*p = '_';
	while (*out == '.' || *out == '-')
		*out = '_';
	if (strlen(out) > 80)
		out[80] = '\0';
	return out;
}

static int add_evidence(struct ctx *c, const struct hc_evidence_file *f, struct hc_error *err)
{
	struct hc_case *k = &c->res->kase;
	struct hc_arena *a = &c->res->arena;
	struct hc_buf gz = HC_BUF_INIT;
	struct hc_sha256 sha;
	struct hc_evidence *e;
	char hex[65];
	const char *name = safe_name(a, f->name);
	bool large = f->len > HC_EVIDENCE_GIT_MAX;
	int rc;

	if (f->len > HC_EVIDENCE_MAX)
		return hc_error_set(err, HC_EUSAGE, "evidence '%s' is over %u bytes", f->name,
				    HC_EVIDENCE_MAX);
	hc_sha256_init(&sha);
	hc_sha256_update(&sha, f->data, f->len);
	hc_sha256_hex(&sha, hex);
	rc = hc_gzip(f->data, f->len, &gz, err);
	if (rc)
		return rc;
	e = hc_list_push(a, &k->evidence, &evidence_schema);
	/* Never overwrite: a number in front, the next free one. */
	for (unsigned n = (unsigned)k->evidence.n;; n++) {
		e->path = hc_arena_printf(a, "%s/%s/%s%u-%s.gz", HC_EVIDENCE_DIR, k->id,
					  large ? "large/" : "", n, name);
		if (!hc_txn_exists(c->t, e->path))
			break;
	}
	e->name = hc_arena_strdup(a, strrchr(f->name, '/') ? strrchr(f->name, '/') + 1 : f->name);
	e->size = (int64_t)f->len;
	e->sha256 = hc_arena_strdup(a, hex);
	e->added_at = c->o->now;
	e->large = large;
	rc = hc_txn_put(c->t, e->path, gz.p, gz.len, 0600, err);
	hc_buf_release(&gz);
	if (!rc)
		event(c->res, c->o->now, c->o->operator_name, "evidence",
		      NULL)->detail = hc_arena_printf(a, "%s (%lld bytes, sha256 %s)%s", e->name,
						      (long long)e->size, e->sha256,
						      large ? ", kept out of git" : "");
	return rc;
}

int hc_case_open(struct hc_store *st, const struct hc_txn_options *o, const char *server,
		 const char *source, const char *kind, const char *summary,
		 const struct hc_evidence_file *report, const char *id_seed,
		 struct hc_case_result *res, struct hc_buf *txn_report, struct hc_error *err)
{
	struct hc_case *k = &res->kase;
	struct ctx c;
	char id[37];
	int rc, src = hc_enum_index(hc_case_source_names, source ? source : ""),
		knd = hc_enum_index(hc_case_kind_names, kind ? kind : "");

	if (src < 0)
		return hc_error_set(err, HC_EUSAGE, "--source is third-party or customer");
	if (knd < 0)
		return hc_error_set(err, HC_EUSAGE,
				    "--kind is intrusion, outbound-attack, spam, open-relay, phishing or other");
	if (!summary || !*summary)
		return hc_error_set(err, HC_EUSAGE, "--summary is required");
	memset(&c, 0, sizeof(c));
	c.st = st;
	c.o = o;
	c.res = res;
	rc = hc_server_locate(st, server, c.spath, sizeof(c.spath), err);
	if (!rc)
		rc = hc_txn_begin(st, o, &c.t, err);
	if (rc)
		return rc;
	rc = hc_txn_load(c.t, &hc_server_schema, c.spath, &res->server, &res->arena, err);
	if (rc)
		goto out;
	for (unsigned n = 0;; n++) {
		char material[256];

		snprintf(material, sizeof(material), "%s/case/%s/%lld", id_seed ? id_seed : "",
			 res->server.id, (long long)o->now);
		hc_uuid_new(id, id_seed ? material : NULL, n);
		snprintf(c.cpath, sizeof(c.cpath), "%s/%s.yaml", HC_CASES_DIR, id);
		if (!hc_txn_exists(c.t, c.cpath))
			break;
	}
	k->id = hc_arena_strdup(&res->arena, id);
	k->server = res->server.id;
	k->source = src;
	k->kind = knd;
	k->status = HC_CASE_REPORTED;
	k->summary = summary;
	k->reported_at = o->now;
	event(res, o->now, o->operator_name, "reported",
	      src ? "reported by the customer" : "reported by a third party");
	if (report)
		rc = add_evidence(&c, report, err);
	if (!rc)
		rc = hc_txn_put_record(c.t, &hc_case_schema, c.cpath, k, err);
	if (!rc)
		rc = hc_txn_commit(c.t, txn_report, err);
out:
	hc_txn_free(c.t);
	return rc;
}

int hc_case_step(struct hc_store *st, const struct hc_txn_options *o, const char *id,
		 const struct hc_case_step *step, struct hc_case_result *res,
		 struct hc_buf *txn_report, struct hc_error *err)
{
	const struct step_def *def = NULL;
	struct hc_case_event *e;
	struct ctx c;
	int rc;

	for (size_t i = 0; i < NSTEPS && !def; i++)
		if (!strcmp(steps[i].name, step->step))
			def = &steps[i];
	if (!def)
		return hc_error_set(err, HC_EUSAGE, "no case step '%s'", step->step);
	memset(&c, 0, sizeof(c));
	c.st = st;
	c.o = o;
	c.res = res;
	rc = hc_txn_begin(st, o, &c.t, err);
	if (rc)
		return rc;
	{
		const struct hc_catalog *cat;

		rc = hc_store_catalog(st, &cat, err);
	}
	if (!rc)
		rc = load(&c, id, err);
	if (rc)
		goto out;
	if (!(def->from & S(res->kase.status))) {
		rc = hc_error_refuse(err, "003 §4.2-1",
				     "case '%s' is %s: '%s' is not a next step (allowed: %s)", res->kase.id,
				     hc_case_status_names[res->kase.status], def->name,
				     hc_case_next_steps(res->kase.status));
		goto out;
	}
	if (def->action && c.profile->abuse.actions.n &&
	    !hc_strs_has(&c.profile->abuse.actions, def->action)) {
		rc = hc_error_refuse(err, c.profile->abuse.source ? c.profile->abuse.source : c.profile->spec,
				     "profile '%s' does not take the action '%s'", c.profile->name,
				     def->action);
		goto out;
	}
	if (res->server.status == HC_SRV_CANCELLED && def->to < 0) {
		rc = hc_error_set(err, HC_ECONFLICT, "server '%s' is cancelled", res->server.id);
		goto out;
	}
	rc = def->fn(&c, step, err);
	if (rc)
		goto out;
	e = event(res, o->now, o->operator_name, def->name, step->reason);
	if (step->arg)
		e->detail = step->arg;
	if (def->to >= 0)
		res->kase.status = def->to;
	rc = save(&c, txn_report, err);
out:
	hc_txn_free(c.t);
	return rc;
}

int hc_case_add_evidence(struct hc_store *st, const struct hc_txn_options *o, const char *id,
			 const struct hc_evidence_file *files, size_t n, struct hc_case_result *res,
			 struct hc_buf *txn_report, struct hc_error *err)
{
	struct ctx c;
	int rc;

	memset(&c, 0, sizeof(c));
	c.st = st;
	c.o = o;
	c.res = res;
	rc = hc_txn_begin(st, o, &c.t, err);
	if (rc)
		return rc;
	{
		const struct hc_catalog *cat;

		rc = hc_store_catalog(st, &cat, err);
	}
	if (!rc)
		rc = load(&c, id, err);
	for (size_t i = 0; i < n && !rc; i++)
		rc = add_evidence(&c, &files[i], err);
	if (!rc)
		rc = save(&c, txn_report, err);
	hc_txn_free(c.t);
	return rc;
}
