/*
 * request.c - verified customer requests and the monitor-detected outage
 * flow (000 §2.3, §2.4; 001 本人性確認).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostctl/claim.h"
#include "hostctl/customer.h"
#include "hostctl/kinds.h"
#include "hostctl/notify.h"
#include "hostctl/request.h"
#include "hostctl/store.h"

const char *const hc_request_kind_names[] = { "customer", "monitor", NULL };
const char *const hc_request_status_names[] = {
	"awaiting-verification", "verified", "in-progress", "escalating", "reboot", "rebooted",
	"hardware", "customer-handling", "done", NULL
};

static const char *const answered_names[] = { "no", "yes", NULL };

static const struct hc_field event_fields[] = {
	HC_FIELD(struct hc_request_event, at, "at", HC_F_TIME, HC_REQ),
	HC_FIELD_STR(struct hc_request_event, by, "by", HC_REQ, HC_CHK_NONE),
	HC_FIELD_STR(struct hc_request_event, action, "action", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_request_event, channel, "channel", 0, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_request_event, contact, "contact", 0, HC_CHK_NAME),
	HC_FIELD_ENUM(struct hc_request_event, answered, "answered", 0, answered_names),
	HC_FIELD_STR(struct hc_request_event, detail, "detail", 0, HC_CHK_TEXT),
};
static const struct hc_schema event_schema =
	HC_SCHEMA(struct hc_request_event, "request.events", event_fields);

static const struct hc_field request_fields[] = {
	HC_FIELD_STR(struct hc_request, id, "id", HC_REQ, HC_CHK_UUID),
	HC_FIELD_STR(struct hc_request, server, "server", HC_REQ, HC_CHK_UUID),
	HC_FIELD_ENUM(struct hc_request, kind, "kind", HC_REQ, hc_request_kind_names),
	HC_FIELD_ENUM(struct hc_request, status, "status", HC_REQ, hc_request_status_names),
	HC_FIELD_STR(struct hc_request, work, "work", 0, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_request, reboot_type, "reboot_type", 0, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_request, requester, "requester", 0, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_request, incident, "incident", 0, HC_CHK_UUID),
	HC_FIELD(struct hc_request, opened_at, "opened_at", HC_F_TIME, HC_REQ),
	HC_FIELD(struct hc_request, closed_at, "closed_at", HC_F_TIME, 0),
	HC_FIELD_LIST(struct hc_request, events, "events", 0, event_schema),
};
const struct hc_schema hc_request_schema = HC_SCHEMA(struct hc_request, "request", request_fields);

void hc_request_result_init(struct hc_request_result *r)
{
	memset(r, 0, sizeof(*r));
	hc_arena_init(&r->arena);
	hc_record_init(&hc_request_schema, &r->request);
	hc_record_init(&hc_incident_schema, &r->incident);
}

void hc_request_result_release(struct hc_request_result *r)
{
	hc_arena_release(&r->arena);
	memset(r, 0, sizeof(*r));
}

static void note(struct hc_request_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void note(struct hc_request_result *r, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	hc_strs_push(&r->arena, &r->notes, hc_arena_strdup(&r->arena, buf));
}

static struct hc_request_event *event(struct hc_request_result *r, hc_time at, const char *by,
				      const char *action)
{
	struct hc_request_event *e = hc_list_push(&r->arena, &r->request.events, &event_schema);

	e->at = at;
	e->by = by ? by : "unknown";
	e->action = action;
	e->answered = -1;
	return e;
}

/* Everything a step works with, loaded inside its transaction. */
struct ctx {
	struct hc_store *st;
	const struct hc_txn_options *o;
	struct hc_txn *t;
	struct hc_request_result *res;
	struct hc_server server;
	struct hc_customer customer;
	const struct hc_profile *profile;
	char rpath[256], spath[256], ipath[256];
};

static int begin(struct ctx *c, struct hc_store *st, const struct hc_txn_options *o,
		 struct hc_request_result *res, struct hc_error *err)
{
	memset(c, 0, sizeof(*c));
	c->st = st;
	c->o = o;
	c->res = res;
	return hc_txn_begin(st, o, &c->t, err);
}

static int load_server(struct ctx *c, const char *ref, struct hc_error *err)
{
	char cpath[256];
	int rc = hc_server_locate(c->st, ref, c->spath, sizeof(c->spath), err);

	if (!rc)
		rc = hc_txn_load(c->t, &hc_server_schema, c->spath, &c->server, &c->res->arena, err);
	if (!rc)
		rc = hc_store_profile(c->st, c->server.profile, &c->profile, err);
	if (!rc) {
		snprintf(cpath, sizeof(cpath), "%s/%s.yaml", HC_CUSTOMERS_DIR, c->server.customer);
		rc = hc_txn_load(c->t, &hc_customer_schema, cpath, &c->customer, &c->res->arena, err);
		if (rc == HC_ENOTFOUND)
			rc = hc_error_set(err, HC_EINVALID, "server '%s' names customer '%s', which is missing",
					  c->server.id, c->server.customer);
	}
	if (!rc && c->server.status == HC_SRV_CANCELLED)
		rc = hc_error_set(err, HC_ECONFLICT, "server '%s' is cancelled", c->server.id);
	return rc;
}

static int load_request(struct ctx *c, const char *ref, struct hc_error *err)
{
	const struct hc_kind *k;
	char full[256];
	int rc;

	snprintf(full, sizeof(full), "request/%s", ref);
	rc = hc_kind_locate(c->st, full, &k, c->rpath, sizeof(c->rpath), err);
	if (rc)
		return rc;
	rc = hc_txn_load(c->t, &hc_request_schema, c->rpath, &c->res->request, &c->res->arena, err);
	if (!rc)
		rc = load_server(c, c->res->request.server, err);
	if (!rc && c->res->request.incident) {
		snprintf(c->ipath, sizeof(c->ipath), "%s/%s.yaml", HC_INCIDENTS_DIR, c->res->request.incident);
		rc = hc_txn_load(c->t, &hc_incident_schema, c->ipath, &c->res->incident, &c->res->arena, err);
		c->res->has_incident = rc == HC_OK;
	}
	return rc;
}

static int finish(struct ctx *c, int rc, struct hc_buf *report, struct hc_error *err)
{
	if (!rc)
		rc = hc_txn_put_record(c->t, &hc_request_schema, c->rpath, &c->res->request, err);
	if (!rc && c->res->has_incident)
		rc = hc_txn_put_record(c->t, &hc_incident_schema, c->ipath, &c->res->incident, err);
	if (!rc)
		rc = hc_txn_commit(c->t, report, err);
	hc_txn_free(c->t);
	return rc;
}

static void new_id(struct hc_txn *t, const char *dir, const char *seed, const char *salt, char id[37])
{
	for (unsigned n = 0;; n++) {
		char material[256], path[256];

		snprintf(material, sizeof(material), "%s/%s/%s/%lld", seed ? seed : "", dir, salt,
			 (long long)hc_txn_now(t));
		hc_uuid_new(id, seed ? material : NULL, n);
		snprintf(path, sizeof(path), "%s/%s.yaml", dir, id);
		if (!hc_txn_exists(t, path))
			return;
	}
}

static void open_incident(struct ctx *c, hc_time at, const char *cause, const char *detected_by,
			  const char *seed)
{
	struct hc_incident *in = &c->res->incident;
	char id[37];

	new_id(c->t, HC_INCIDENTS_DIR, seed, c->server.id, id);
	hc_record_init(&hc_incident_schema, in);
	in->id = hc_arena_strdup(&c->res->arena, id);
	in->server = c->server.id;
	in->started_at = at;
	in->cause = cause;
	in->detected_by = detected_by;
	in->request = c->res->request.id;
	c->res->request.incident = in->id;
	c->res->has_incident = true;
	snprintf(c->ipath, sizeof(c->ipath), "%s/%s.yaml", HC_INCIDENTS_DIR, in->id);
}

static const char *status_name(int s)
{
	return hc_request_status_names[s];
}

static int wrong_status(struct hc_request *r, const char *step, const char *expect,
			struct hc_error *err)
{
	return hc_error_refuse(err, r->kind == HC_REQ_MONITOR ? "000 §2.3-1-2 表2" : "001 本人性確認",
			       "request '%s' is %s; '%s' comes %s", r->id, status_name(r->status), step,
			       expect);
}

/* ---- customer requests -------------------------------------------------- */

static const struct hc_work_type *work_type(const struct hc_profile *p, const char *name)
{
	return hc_profile_work_type(p, name);
}

/* The customer's address for a channel, or NULL. */
static const char *address(const struct hc_customer *cu, int channel)
{
	switch (channel) {
	case HC_CH_MONITORING_EMAIL: return cu->monitoring_email;
	case HC_CH_EMERGENCY_PHONE: return cu->emergency_phone;
	case HC_CH_CONTRACT_EMAIL: return cu->contract_email;
	}
	return NULL;
}

int hc_request_new(struct hc_store *st, const struct hc_txn_options *o, const char *server,
		   const char *requester, const char *work, const char *reboot_type,
		   const char *id_seed, struct hc_request_result *res, struct hc_buf *report,
		   struct hc_error *err)
{
	struct hc_request *r = &res->request;
	const struct hc_work_type *w;
	const struct hc_contact *who;
	struct ctx c;
	char id[37];
	int rc = begin(&c, st, o, res, err);

	if (rc)
		return rc;
	rc = load_server(&c, server, err);
	if (rc)
		goto out;
	work = work ? work : "reboot";
	w = work_type(c.profile, work);
	if (!w) {
		rc = hc_error_refuse(err, c.profile->spec, "profile '%s' offers no work '%s'",
				     c.profile->name, work);
		goto out;
	}
	if (w->menus.n) {
		bool ok = false;

		for (size_t i = 0; i < w->menus.n && !ok; i++)
			ok = hc_server_has_option(&c.server, w->menus.v[i]);
		if (!ok) {
			rc = hc_error_refuse(err, w->source,
					     "work '%s' comes with a service menu the server does not have "
					     "(e.g. '%s')", work, w->menus.v[0]);
			goto out;
		}
	}
	who = hc_customer_contact(&c.customer, requester);
	if (!who) {
		rc = hc_error_refuse(err, w->source,
				     "'%s' is not a registered contact of customer '%s'", requester,
				     c.customer.id);
		goto out;
	}
	if (reboot_type && strcmp(w->name, "reboot")) {
		rc = hc_error_set(err, HC_EUSAGE, "--type goes with a reboot, not '%s'", w->name);
		goto out;
	}
	if (reboot_type && strcmp(reboot_type, "soft") && strcmp(reboot_type, "hard")) {
		rc = hc_error_set(err, HC_EUSAGE, "--type is soft or hard");
		goto out;
	}
	new_id(c.t, HC_REQUESTS_DIR, id_seed, c.server.id, id);
	r->id = hc_arena_strdup(&res->arena, id);
	r->server = c.server.id;
	r->kind = HC_REQ_CUSTOMER;
	r->status = HC_RS_AWAITING_VERIFICATION;
	r->work = w->name;
	r->reboot_type = !strcmp(w->name, "reboot") ? (reboot_type ? reboot_type : "soft") : NULL;
	r->requester = who->id;
	r->opened_at = o->now;
	event(res, o->now, o->operator_name, "requested")->contact = who->id;
	snprintf(c.rpath, sizeof(c.rpath), "%s/%s.yaml", HC_REQUESTS_DIR, r->id);
	note(res, "verify the requester through %s before starting (%s)",
	     hc_channel_names[w->verify_via], w->source ? w->source : c.profile->spec);
out:
	if (rc) {
		hc_txn_free(c.t);
		return rc;
	}
	return finish(&c, rc, report, err);
}

int hc_request_verify(struct hc_store *st, const struct hc_txn_options *o, const char *id,
		      const char *channel, const char *by, struct hc_request_result *res,
		      struct hc_buf *report, struct hc_error *err)
{
	struct hc_request *r = &res->request;
	const struct hc_work_type *w;
	struct hc_request_event *e;
	struct ctx c;
	int ch, rc = begin(&c, st, o, res, err);

	if (!rc)
		rc = load_request(&c, id, err);
	if (rc)
		goto fail;
	if (r->kind != HC_REQ_CUSTOMER || r->status != HC_RS_AWAITING_VERIFICATION) {
		rc = wrong_status(r, "verify", "only while awaiting verification", err);
		goto fail;
	}
	w = work_type(c.profile, r->work);
	ch = hc_enum_index(hc_channel_names, channel);
	if (!w || ch != w->verify_via) {
		rc = hc_error_refuse(err, w ? w->source : c.profile->spec,
				     "work '%s' is verified through %s, not %s", r->work,
				     w ? hc_channel_names[w->verify_via] : "?", channel);
		goto fail;
	}
	if (!address(&c.customer, ch)) {
		rc = hc_error_refuse(err, w->source, "customer '%s' has no %s registered", c.customer.id,
				     channel);
		goto fail;
	}
	r->status = HC_RS_VERIFIED;
	e = event(res, o->now, by ? by : o->operator_name, "verified");
	e->channel = hc_channel_names[ch];
	e->detail = address(&c.customer, ch);
	return finish(&c, HC_OK, report, err);
fail:
	hc_txn_free(c.t);
	return rc;
}

int hc_request_start(struct hc_store *st, const struct hc_txn_options *o, const char *id,
		     struct hc_request_result *res, struct hc_buf *report, struct hc_error *err)
{
	struct hc_request *r = &res->request;
	const struct hc_work_type *w;
	struct ctx c;
	int rc = begin(&c, st, o, res, err);

	if (!rc)
		rc = load_request(&c, id, err);
	if (rc)
		goto fail;
	w = work_type(c.profile, r->work);
	if (r->kind != HC_REQ_CUSTOMER || r->status != HC_RS_VERIFIED) {
		rc = r->status == HC_RS_AWAITING_VERIFICATION
			? hc_error_refuse(err, w ? w->source : c.profile->spec,
					  "request '%s' is not verified: verify the requester through %s first",
					  r->id, w ? hc_channel_names[w->verify_via] : "the required channel")
			: wrong_status(r, "start", "after verification", err);
		goto fail;
	}
	if (w && !w->around_the_clock && c.profile->support.hours.n) {
		struct hc_hours h = { 0 };

		for (size_t i = 0; i < c.profile->support.hours.n && i < 8; i++) {
			const struct hc_span *sp = HC_LIST_AT(c.profile->support.hours, struct hc_span, i);

			h.span[h.count].from_min = sp->from;
			h.span[h.count++].to_min = sp->to;
		}
		if (!hc_calendar_within_hours(&st->cal, &h, o->now)) {
			rc = hc_error_refuse(err, c.profile->support.source ? c.profile->support.source
									  : c.profile->spec,
					     "work '%s' is carried out in support hours on business days",
					     r->work);
			goto fail;
		}
	}
	r->status = HC_RS_IN_PROGRESS;
	event(res, o->now, o->operator_name, "started");
	if (!strcmp(r->work, "reboot")) {
		/* The customer's reboot: an outage the SLA does not count
		 * (004 §3.4 (6)). */
		open_incident(&c, o->now, "customer-reboot-shutdown", "customer", r->id);
	}
	return finish(&c, HC_OK, report, err);
fail:
	hc_txn_free(c.t);
	return rc;
}

int hc_request_complete(struct hc_store *st, const struct hc_txn_options *o, const char *id,
			hc_time at, struct hc_request_result *res, struct hc_buf *report,
			struct hc_error *err)
{
	struct hc_request *r = &res->request;
	const struct hc_work_type *w;
	struct hc_request_event *e;
	struct ctx c;
	int rc = begin(&c, st, o, res, err);

	if (!rc)
		rc = load_request(&c, id, err);
	if (rc)
		goto fail;
	if (r->kind != HC_REQ_CUSTOMER || r->status != HC_RS_IN_PROGRESS) {
		rc = wrong_status(r, "complete", "after start", err);
		goto fail;
	}
	if (at < r->opened_at) {
		rc = hc_error_set(err, HC_EUSAGE, "--at is before the request was opened");
		goto fail;
	}
	w = work_type(c.profile, r->work);
	r->status = HC_RS_DONE;
	r->closed_at = at;
	event(res, at, o->operator_name, "completed");
	if (res->has_incident && res->incident.ended_at == HC_TIME_NONE)
		res->incident.ended_at = at < res->incident.started_at ? res->incident.started_at : at;
	if (w && w->notify_via >= 0) {
		const char *to = address(&c.customer, w->notify_via);

		e = event(res, at, o->operator_name, "notified");
		e->channel = hc_channel_names[w->notify_via];
		e->detail = to ? to : "(not registered)";
		note(res, "send the completion notice to %s %s (%s)", hc_channel_names[w->notify_via],
		     to ? to : "(none registered)", w->source ? w->source : c.profile->spec);
	}
	return finish(&c, HC_OK, report, err);
fail:
	hc_txn_free(c.t);
	return rc;
}

/* ---- monitor-detected outages ----------------------------------------------- */

/* The call plan of 000 §2.3-1-2: contacts in order, `rounds` times. */
static void call_plan(struct hc_request_result *res, const struct hc_profile *p,
		      const struct hc_customer *cu)
{
	const struct hc_escalation *esc = &p->monitoring.escalation;
	int64_t rounds = esc->rounds != HC_INT_NONE ? esc->rounds : 1;
	size_t n = cu->contacts.n * (size_t)rounds, k = 0;

	res->plan = hc_arena_calloc(&res->arena, n ? n : 1, sizeof(*res->plan));
	for (int64_t r = 0; r < rounds; r++) {
		for (size_t i = 0; i < cu->contacts.n; i++) {
			const struct hc_contact *ct = HC_LIST_AT(cu->contacts, struct hc_contact, i);

			res->plan[k].round = (int)r + 1;
			res->plan[k].contact = ct->id;
			res->plan[k].name = ct->name;
			res->plan[k].phone = ct->phone;
			res->plan[k].rings = esc->rings;
			k++;
		}
	}
	res->nplan = k;
	res->then = esc->then ? esc->then : "reboot";
}

static size_t calls_made(const struct hc_request *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->events.n; i++)
		n += !strcmp(HC_LIST_AT(r->events, struct hc_request_event, i)->action, "called");
	return n;
}

int hc_request_detect(struct hc_store *st, const struct hc_txn_options *o, const char *server,
		      hc_time at, const char *id_seed, struct hc_request_result *res,
		      struct hc_buf *report, struct hc_error *err)
{
	struct hc_request *r = &res->request;
	struct ctx c;
	char id[37];
	int rc = begin(&c, st, o, res, err);

	if (!rc)
		rc = load_server(&c, server, err);
	if (rc) {
		hc_txn_free(c.t);
		return rc;
	}
	{
		/* One outage at a time per server: a second detection while one
		 * is being handled is the same outage. */
		struct hc_strs open;

		rc = hc_index_members(st, HC_INDEX_OPEN_OUTAGES, c.server.id, &open, &res->arena, err);
		if (!rc && open.n)
			rc = hc_error_set(err, HC_ECONFLICT,
					  "server '%s' has an outage being handled already (request %s)",
					  c.server.id, open.v[0]);
		if (rc) {
			hc_txn_free(c.t);
			return rc;
		}
	}
	new_id(c.t, HC_REQUESTS_DIR, id_seed, c.server.id, id);
	r->id = hc_arena_strdup(&res->arena, id);
	r->server = c.server.id;
	r->kind = HC_REQ_MONITOR;
	r->work = "reboot";
	r->opened_at = at;
	snprintf(c.rpath, sizeof(c.rpath), "%s/%s.yaml", HC_REQUESTS_DIR, r->id);
	/* The outage starts when the monitor saw it (000 §2.3-1-2 項番 1). */
	open_incident(&c, at, HC_CAUSE_UNKNOWN, "monitor", id_seed ? r->id : NULL);
	event(res, at, "monitor", "detected")->detail = "ping monitoring detected an outage";
	call_plan(res, c.profile, &c.customer);
	{
		int irc = hc_index_put(c.t, HC_INDEX_OPEN_OUTAGES, c.server.id, r->id, c.rpath, err);

		if (irc) {
			hc_txn_free(c.t);
			return irc;
		}
	}
	/* The call plan is the phone part of the ping alert. */
	hc_notify_notes(c.profile, &c.customer, &c.server, "ping-alert",
			res->nplan ? "emergency-phone" : NULL, &res->arena, &res->notes);
	if (res->nplan) {
		r->status = HC_RS_ESCALATING;
	} else {
		r->status = HC_RS_REBOOT;
		note(res, "customer '%s' has no registered contacts: proceed to %s (000 §2.3-1-2 IV)",
		     c.customer.id, res->then);
	}
	return finish(&c, HC_OK, report, err);
}

int hc_request_call(struct hc_store *st, const struct hc_txn_options *o, const char *id,
		    const char *contact, bool answered, const char *decision,
		    struct hc_request_result *res, struct hc_buf *report, struct hc_error *err)
{
	struct hc_request *r = &res->request;
	struct hc_request_event *e;
	struct ctx c;
	size_t made;
	int rc = begin(&c, st, o, res, err);

	if (!rc)
		rc = load_request(&c, id, err);
	if (rc)
		goto fail;
	if (r->kind != HC_REQ_MONITOR || r->status != HC_RS_ESCALATING) {
		rc = wrong_status(r, "call", "while escalating", err);
		goto fail;
	}
	call_plan(res, c.profile, &c.customer);
	made = calls_made(r);
	if (made >= res->nplan) {
		rc = wrong_status(r, "call", "while escalating", err);
		goto fail;
	}
	if (strcmp(contact, res->plan[made].contact)) {
		rc = hc_error_refuse(err, c.profile->monitoring.escalation.source,
				     "out of order: the next call is to '%s' (round %d, call %zu of %zu)",
				     res->plan[made].contact, res->plan[made].round, made + 1, res->nplan);
		goto fail;
	}
	if (answered && (!decision || (strcmp(decision, "reboot") && strcmp(decision, "customer")))) {
		rc = hc_error_set(err, HC_EUSAGE, "an answered call needs --decision reboot|customer");
		goto fail;
	}
	if (!answered && decision) {
		rc = hc_error_set(err, HC_EUSAGE, "--decision goes with --answered yes");
		goto fail;
	}
	e = event(res, o->now, o->operator_name, "called");
	e->contact = contact;
	e->channel = "emergency-phone";
	e->answered = answered;
	/* Fix (test battery): a profile without escalation.rings (webarena)
	 * printed INT64_MIN rings; say only the round then. */
	e->detail = res->plan[made].rings == HC_INT_NONE
		? hc_arena_printf(&res->arena, "round %d", res->plan[made].round)
		: hc_arena_printf(&res->arena, "round %d, %lld rings", res->plan[made].round,
				  (long long)res->plan[made].rings);
	if (answered) {
		r->status = !strcmp(decision, "reboot") ? HC_RS_REBOOT : HC_RS_CUSTOMER_HANDLING;
		event(res, o->now, o->operator_name, "decided")->detail =
			!strcmp(decision, "reboot") ? "the customer asked for a reboot (項番 3)"
						    : "the customer handles it (項番 6)";
	} else if (made + 1 == res->nplan) {
		r->status = HC_RS_REBOOT;
		event(res, o->now, o->operator_name, "escalation-exhausted")->detail =
			hc_arena_printf(&res->arena,
					"nobody answered in %d round%s: the provider proceeds from 項番 3 "
					"(000 §2.3-1-2 IV)", res->plan[made].round,
					res->plan[made].round == 1 ? "" : "s");
	}
	return finish(&c, HC_OK, report, err);
fail:
	hc_txn_free(c.t);
	return rc;
}

int hc_request_plan(struct hc_store *st, const char *id, struct hc_request_result *res,
		    struct hc_error *err)
{
	struct hc_txn_options ro;
	struct ctx c;
	int rc;

	memset(&ro, 0, sizeof(ro));
	ro.dry_run = true;           /* reads only: no lock */
	rc = begin(&c, st, &ro, res, err);
	if (!rc)
		rc = load_request(&c, id, err);
	if (!rc && res->request.kind != HC_REQ_MONITOR)
		rc = hc_error_set(err, HC_EUSAGE, "request '%s' is a customer request: it has no call plan",
				  res->request.id);
	if (!rc)
		call_plan(res, c.profile, &c.customer);
	hc_txn_free(c.t);
	return rc;
}

int hc_request_reboot(struct hc_store *st, const struct hc_txn_options *o, const char *id,
		      struct hc_request_result *res, struct hc_buf *report, struct hc_error *err)
{
	struct hc_request *r = &res->request;
	struct ctx c;
	int rc = begin(&c, st, o, res, err);

	if (!rc)
		rc = load_request(&c, id, err);
	if (rc)
		goto fail;
	if (r->kind != HC_REQ_MONITOR || r->status != HC_RS_REBOOT) {
		rc = wrong_status(r, "reboot",
				  r->status == HC_RS_ESCALATING
				  ? "after the customer decides or nobody answers in the call plan"
				  : "once a reboot is decided", err);
		goto fail;
	}
	r->status = HC_RS_REBOOTED;
	event(res, o->now, o->operator_name, "rebooted");
	return finish(&c, HC_OK, report, err);
fail:
	hc_txn_free(c.t);
	return rc;
}

int hc_request_recovered(struct hc_store *st, const struct hc_txn_options *o, const char *id,
			 hc_time at, const char *cause, struct hc_request_result *res,
			 struct hc_buf *report, struct hc_error *err)
{
	struct hc_request *r = &res->request;
	struct ctx c;
	int rc = begin(&c, st, o, res, err);

	if (!rc)
		rc = load_request(&c, id, err);
	if (rc)
		goto fail;
	if (r->kind != HC_REQ_MONITOR ||
	    (r->status != HC_RS_REBOOTED && r->status != HC_RS_HARDWARE &&
	     r->status != HC_RS_CUSTOMER_HANDLING)) {
		rc = wrong_status(r, "recovered", "after the reboot, the hardware work or the customer's own work",
				  err);
		goto fail;
	}
	if (cause && !hc_name_valid(cause)) {
		rc = hc_error_set(err, HC_EUSAGE, "invalid cause '%.64s'", cause);
		goto fail;
	}
	if (res->has_incident) {
		if (at < res->incident.started_at) {
			rc = hc_error_set(err, HC_EUSAGE, "recovery before the outage began");
			goto fail;
		}
		res->incident.ended_at = at;
		if (cause)
			res->incident.cause = cause;
		note(res, "outage %lld min %02lld s, cause %s (incident %s)",
		     (long long)((at - res->incident.started_at) / 60),
		     (long long)((at - res->incident.started_at) % 60), res->incident.cause,
		     res->incident.id);
	}
	rc = hc_index_drop(c.t, HC_INDEX_OPEN_OUTAGES, c.server.id, r->id, err);
	if (rc)
		goto fail;
	hc_notify_notes(c.profile, &c.customer, &c.server, "recovery", NULL, &res->arena, &res->notes);
	r->status = HC_RS_DONE;
	r->closed_at = at;
	event(res, at, o->operator_name, "recovered")->detail =
		"connection confirmed (SSH/RDP); the customer is told (項番 5)";
	return finish(&c, HC_OK, report, err);
fail:
	hc_txn_free(c.t);
	return rc;
}

int hc_request_hardware(struct hc_store *st, const struct hc_txn_options *o, const char *id,
			const char *repair, const char *part, bool reachable,
			struct hc_request_result *res, struct hc_buf *report, struct hc_error *err)
{
	struct hc_request *r = &res->request;
	const struct hc_onsite *os;
	const struct hc_region *region;
	const struct hc_os *osr;
	struct ctx c;
	bool reinstall;
	char when[HC_TIME_BUFSZ], day[HC_DAY_BUFSZ];
	int rc = begin(&c, st, o, res, err);

	if (!rc)
		rc = load_request(&c, id, err);
	if (rc)
		goto fail;
	if (r->kind != HC_REQ_MONITOR || r->status != HC_RS_REBOOTED) {
		rc = wrong_status(r, "not-recovered", "after the reboot", err);
		goto fail;
	}
	os = &c.profile->onsite;
	if (!os->recovery.n) {
		rc = hc_error_refuse(err, c.profile->spec, "profile '%s' describes no hardware recovery",
				     c.profile->name);
		goto fail;
	}
	if (!hc_strs_has(&os->recovery, repair)) {
		rc = hc_error_refuse(err, os->source, "no recovery '%s' (part, chassis, equivalent-model)",
				     repair);
		goto fail;
	}
	reinstall = hc_strs_has(&os->reinstall_when, repair) || (part && hc_strs_has(&os->reinstall_when, part));
	r->status = HC_RS_HARDWARE;
	region = hc_profile_region(c.profile, c.server.region);
	if (reachable && os->next_business_day_if_reachable) {
		hc_day_format(hc_calendar_business_day_after(&st->cal, hc_time_day(o->now, st->utc_offset_min)),
			      day);
		note(res, "the customer can still connect: replacement on the next business day, %s (%s)",
		     day, os->source);
	} else if (region && region->onsite_eta_minutes != HC_INT_NONE) {
		hc_time_format(o->now + region->onsite_eta_minutes * 60, st->utc_offset_min, when);
		note(res, "on-site arrival in region %s within about %lld h, by %s (best effort, %s)",
		     region->name, (long long)(region->onsite_eta_minutes / 60), when,
		     region->source ? region->source : os->source);
	}
	if (reinstall) {
		osr = hc_profile_os(c.profile, c.server.os);
		note(res, "the OS is reinstalled to the initial specification (%s)", os->source);
		if (osr && osr->support_end != HC_DAY_NONE &&
		    hc_time_day(o->now, st->utc_offset_min) >= osr->support_end)
			note(res, "OS '%s' is past vendor support: reinstall an OS still supported "
				  "(000 §2.4.3.1.1)", osr->name);
	}
	if (os->backup_option && hc_server_has_option(&c.server, os->backup_option))
		note(res, "recovery point: the latest backup (option '%s', %s)", os->backup_option,
		     os->source);
	else
		note(res, "recovery point: %s; data lost by the failure cannot be recovered (%s)",
		     os->recovery_point ? os->recovery_point : "initial-spec", os->source);
	/* The ticket keeps what was decided: repair, ETA, reinstall, recovery point. */
	{
		struct hc_buf d = HC_BUF_INIT;

		hc_buf_addf(&d, "%s%s%s", repair, part ? ": " : "", part ? part : "");
		for (size_t i = 0; i < res->notes.n; i++)
			hc_buf_addf(&d, "\n%s", res->notes.v[i]);
		event(res, o->now, o->operator_name, "hardware")->detail = hc_arena_strdup(&res->arena, d.p);
		hc_buf_release(&d);
	}
	return finish(&c, HC_OK, report, err);
fail:
	hc_txn_free(c.t);
	return rc;
}

int hc_request_suspend_monitoring(struct hc_store *st, const struct hc_txn_options *o,
				  const char *server, hc_time from, hc_time to, const char *reason,
				  const char *id_seed, struct hc_maintenance *out,
				  struct hc_arena *a, struct hc_buf *report, struct hc_error *err)
{
	struct hc_request_result scratch;
	struct hc_txn *t;
	struct ctx c;
	char id[37], path[256];
	int rc;

	if (to <= from)
		return hc_error_set(err, HC_EUSAGE, "--to must be after --from");
	hc_request_result_init(&scratch);
	rc = begin(&c, st, o, &scratch, err);
	if (!rc)
		rc = load_server(&c, server, err);
	t = c.t;
	if (!rc && from < o->now)
		rc = hc_error_refuse(err, "000 §4.4-3",
				     "monitoring suspension is notified in advance (事前に弊社までご通知ください)");
	if (!rc) {
		hc_record_init(&hc_maintenance_schema, out);
		new_id(t, HC_MAINTENANCE_DIR, id_seed, c.server.id, id);
		out->id = hc_arena_strdup(a, id);
		out->server = hc_arena_strdup(a, c.server.id);
		out->kind = "monitoring-suspension";
		out->starts_at = from;
		out->ends_at = to;
		out->announced_at = o->now;
		out->cause = HC_CAUSE_CUSTOMER_MAINTENANCE;
		out->summary = reason ? hc_arena_strdup(a, reason) : NULL;
		snprintf(path, sizeof(path), "%s/%s.yaml", HC_MAINTENANCE_DIR, out->id);
		rc = hc_txn_put_record(t, &hc_maintenance_schema, path, out, err);
	}
	if (!rc)
		rc = hc_txn_commit(t, report, err);
	hc_txn_free(t);
	hc_request_result_release(&scratch);
	return rc;
}
