/*
 * sla.c - monthly availability, refund tiers and exclusions (004 §3), and
 * the report over the state.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostctl/claim.h"
#include "hostctl/customer.h"
#include "hostctl/incident.h"
#include "hostctl/server.h"
#include "hostctl/sla.h"

int hc_month_parse(const char *s, int utc_offset_min, struct hc_month *m)
{
	int y, mo;
	char tail;

	if (strlen(s) != 7 || s[4] != '-' || sscanf(s, "%4d-%2d%c", &y, &mo, &tail) != 2 || y < 1970 ||
	    y > 9998 || mo < 1 || mo > 12)
		return -1;
	m->year = y;
	m->month = mo;
	m->start = hc_time_at(hc_day_make(y, mo, 1), 0, utc_offset_min);
	m->end = hc_time_at(mo == 12 ? hc_day_make(y + 1, 1, 1) : hc_day_make(y, mo + 1, 1), 0,
			    utc_offset_min);
	return 0;
}

void hc_month_of(hc_time t, int utc_offset_min, int delta_months, struct hc_month *m)
{
	int y, mo, d;
	char buf[8];

	hc_day_split(hc_time_day(t, utc_offset_min), &y, &mo, &d);
	mo += delta_months;
	while (mo < 1)
		mo += 12, y--;
	while (mo > 12)
		mo -= 12, y++;
	snprintf(buf, sizeof(buf), "%04d-%02d", y, mo);
	hc_month_parse(buf, utc_offset_min, m);
}

/* ---- one server ------------------------------------------------------------ */

static const struct hc_exclusion *exclusion_for(const struct hc_sla *sla, const char *cause)
{
	if (!sla || !cause)
		return NULL;
	for (size_t i = 0; i < sla->exclusions.n; i++) {
		const struct hc_exclusion *x = HC_LIST_AT(sla->exclusions, struct hc_exclusion, i);

		if (!strcmp(x->cause, cause) || hc_strs_has(&x->includes, cause))
			return x;
	}
	return NULL;
}

struct event {
	hc_time t;
	int dc, de;            /* change of counted / excluded depth */
};

static int cmp_event(const void *a, const void *b)
{
	const struct event *x = a, *y = b;

	return x->t < y->t ? -1 : x->t > y->t;
}

void hc_sla_compute(const struct hc_sla *sla, const struct hc_month *m, hc_time service_from,
		    hc_time service_to, bool dev_environment, const struct hc_sla_span *outages,
		    size_t n, int64_t fee, hc_time now, struct hc_arena *a, struct hc_sla_result *r)
{
	hc_time lo = m->start, hi = m->end;
	struct event *ev = hc_xmalloc((2 * n + 1) * sizeof(*ev));
	size_t nev = 0;
	int cdepth = 0, edepth = 0;
	hc_time since = 0;

	memset(r, 0, sizeof(*r));
	r->refund_percent = HC_INT_NONE;
	r->refund_jpy = HC_INT_NONE;
	r->month_seconds = m->end - m->start;
	if (service_from != HC_TIME_NONE && service_from > lo)
		lo = service_from;
	if (service_to != HC_TIME_NONE && service_to < hi)
		hi = service_to;
	r->service_seconds = hi > lo ? hi - lo : 0;
	r->excluded = hc_arena_alloc(a, (n ? n : 1) * sizeof(*r->excluded));
	r->counted = hc_arena_alloc(a, (n ? n : 1) * sizeof(*r->counted));

	for (size_t i = 0; i < n; i++) {
		const struct hc_sla_span *o = &outages[i];
		hc_time s = o->start > lo ? o->start : lo;
		hc_time e = o->end == HC_TIME_NONE ? (now < hi ? now : hi) : (o->end < hi ? o->end : hi);
		const struct hc_exclusion *x = NULL;
		bool excluded;

		if (e <= s)
			continue;
		/* A window's own cause first (a customer's announced work is
		 * item (6)), else announced maintenance, item (1). */
		if (o->planned) {
			x = exclusion_for(sla, o->cause);
			if (!x)
				x = exclusion_for(sla, "announced-maintenance");
		} else if (dev_environment) {
			x = exclusion_for(sla, "dev-eval-environment");
		}
		if (!x && !o->planned)
			x = exclusion_for(sla, o->cause);
		/* A planned window is excluded even where no table names it. */
		excluded = x || o->planned;
		if (excluded) {
			struct hc_sla_exclusion *xe = &r->excluded[r->nexcluded++];

			xe->start = s;
			xe->end = e;
			xe->cause = o->cause;
			xe->item_cause = x ? x->cause : "announced-maintenance";
			xe->title = x ? x->title : "announced maintenance";
			xe->item = x ? x->item : HC_INT_NONE;
			xe->ref = o->ref;
		}
		ev[nev++] = (struct event){ s, excluded ? 0 : 1, excluded ? 1 : 0 };
		ev[nev++] = (struct event){ e, excluded ? 0 : -1, excluded ? -1 : 0 };
	}
	qsort(ev, nev, sizeof(*ev), cmp_event);
	/* Sweep: counted where some outage is open and no exclusion is. */
	for (size_t i = 0; i < nev;) {
		hc_time t = ev[i].t;
		bool was_counted = cdepth > 0 && edepth == 0, was_down = cdepth > 0 || edepth > 0;

		if (i > 0) {
			if (was_counted)
				r->counted_seconds += t - since;
			if (edepth > 0)
				r->excluded_seconds += t - since;
		}
		while (i < nev && ev[i].t == t) {
			cdepth += ev[i].dc;
			edepth += ev[i].de;
			i++;
		}
		if (!was_counted && cdepth > 0 && edepth == 0) {
			r->counted[r->ncounted].start = t;
			r->counted[r->ncounted].end = t;
			r->counted[r->ncounted].cause = NULL;
			r->counted[r->ncounted].ref = NULL;
			r->counted[r->ncounted].planned = false;
			r->ncounted++;
		} else if (was_counted && !(cdepth > 0 && edepth == 0)) {
			r->counted[r->ncounted - 1].end = t;
		}
		(void)was_down;
		since = t;
	}
	free(ev);

	r->availability_ppm = r->service_seconds
		? (r->service_seconds - r->counted_seconds) * 1000000 / r->service_seconds
		: 1000000;
	if (sla && sla->refund.n) {
		r->has_sla = true;
		r->target_ppm = sla->target_percent != HC_INT_NONE ? sla->target_percent * 100 : HC_INT_NONE;
		for (size_t i = 0; i < sla->refund.n; i++) {
			const struct hc_refund_tier *t = HC_LIST_AT(sla->refund, struct hc_refund_tier, i);

			if (t->max_seconds == HC_INT_NONE || r->counted_seconds <= t->max_seconds) {
				r->refund_percent = t->percent;
				r->tier = t->availability;
				break;
			}
		}
		if (fee != HC_INT_NONE && r->refund_percent != HC_INT_NONE)
			r->refund_jpy = fee * r->refund_percent / 100;
	}
}

/* ---- the report over the state ------------------------------------------------ */

struct tagged {
	const char *server;
	struct hc_sla_span o;
};

static int cmp_tagged(const void *a, const void *b)
{
	const struct tagged *x = a, *y = b;
	int c = strcmp(x->server, y->server);

	if (c)
		return c;
	return x->o.start < y->o.start ? -1 : x->o.start > y->o.start;
}

struct collect {
	struct hc_arena *a;
	struct tagged *v;
	size_t n, cap;
	const struct hc_month *m;
	const struct hc_set *only;       /* servers in scope, or NULL for all */
};

static void add_outage(struct collect *c, const char *server, hc_time s, hc_time e,
		       const char *cause, const char *ref, bool planned)
{
	struct tagged *t;

	if (c->only && !hc_set_has(c->only, server))
		return;
	/* Only what can touch the month is kept. */
	if (s >= c->m->end || (e != HC_TIME_NONE && e <= c->m->start))
		return;
	HC_GROW(c->v, c->cap, c->n + 1);
	t = &c->v[c->n++];
	t->server = hc_arena_strdup(c->a, server);
	t->o.start = s;
	t->o.end = e;
	t->o.cause = hc_arena_strdup(c->a, cause);
	t->o.ref = hc_arena_strdup(c->a, ref);
	t->o.planned = planned;
}

static int collect_dir(struct hc_store *st, const struct hc_schema *schema, const char *dir,
		       struct collect *c, struct hc_error *err)
{
	struct hc_arena la, ra;
	struct hc_strs ids;
	void *rec = hc_xmalloc(schema->size);
	int rc;

	hc_arena_init(&la);
	hc_arena_init(&ra);
	rc = hc_store_list(st, dir, &ids, &la, NULL, err);
	for (size_t i = 0; i < ids.n && !rc; i++) {
		char path[256];

		hc_arena_reset(&ra);
		rc = hc_record_path(dir, ids.v[i], path, sizeof(path), err);
		if (!rc)
			rc = hc_store_load(st, schema, path, rec, &ra, err);
		if (!rc && schema == &hc_incident_schema) {
			const struct hc_incident *in = rec;

			add_outage(c, in->server, in->started_at, in->ended_at, in->cause, path, false);
		} else if (!rc) {
			const struct hc_maintenance *mw = rec;

			add_outage(c, mw->server, mw->starts_at, mw->ends_at, mw->cause, path, true);
		}
	}
	hc_arena_release(&ra);
	free(rec);
	hc_arena_release(&la);
	return rc;
}

static int64_t allowance(const struct hc_profile *p, const struct hc_plan *pl,
			 const struct hc_server *s)
{
	int64_t mbps = pl && pl->bandwidth_mbps != HC_INT_NONE ? pl->bandwidth_mbps : 0;

	for (size_t i = 0; i < s->options.n; i++) {
		const struct hc_option *op = hc_profile_option(p, s->options.v[i]);

		if (op && op->bandwidth_mbps != HC_INT_NONE)
			mbps += op->bandwidth_mbps;
	}
	return mbps * 1000000;
}

int hc_sla_report(struct hc_store *st, const struct hc_sla_options *o, hc_sla_row_fn fn,
		  void *ctx, struct hc_error *err)
{
	const struct hc_catalog *cat;
	struct hc_arena a, ra;
	struct hc_strs ids;
	struct hc_set only;
	struct collect c;
	struct hc_samples *samples = NULL;
	size_t cursor = 0;
	int rc;

	memset(&c, 0, sizeof(c));
	hc_arena_init(&a);
	hc_set_init(&only);
	c.a = &a;
	c.m = &o->month;
	rc = hc_store_catalog(st, &cat, err);
	if (rc)
		goto out;

	/* The servers in scope. */
	if (o->scope == HC_SLA_SERVER) {
		char path[256];

		rc = hc_server_locate(st, o->what, path, sizeof(path), err);
		if (rc)
			goto out;
		memset(&ids, 0, sizeof(ids));
		path[strlen(path) - 5] = '\0';
		hc_strs_push(&a, &ids, hc_arena_strdup(&a, path + strlen(HC_SERVERS_DIR) + 1));
	} else if (o->scope == HC_SLA_CUSTOMER) {
		char path[256];

		rc = hc_record_path(HC_CUSTOMERS_DIR, o->what, path, sizeof(path), err);
		if (!rc && !hc_store_exists(st, path))
			rc = hc_error_set(err, HC_ENOTFOUND, "no customer '%s'", o->what);
		if (!rc)
			rc = hc_index_members(st, HC_INDEX_CUSTOMER_SERVERS, o->what, &ids, &a, err);
	} else {
		rc = hc_store_list(st, HC_SERVERS_DIR, &ids, &a, NULL, err);
	}
	if (rc)
		goto out;
	if (o->scope != HC_SLA_ALL) {
		for (size_t i = 0; i < ids.n; i++)
			hc_set_add(&only, ids.v[i]);
		c.only = &only;
	}

	/* Every incident and window once, grouped by server. */
	rc = collect_dir(st, &hc_incident_schema, HC_INCIDENTS_DIR, &c, err);
	if (!rc)
		rc = collect_dir(st, &hc_maintenance_schema, HC_MAINTENANCE_DIR, &c, err);
	if (rc)
		goto out;
	if (c.n > 1)
		qsort(c.v, c.n, sizeof(*c.v), cmp_tagged);
	if (o->samples_dir)
		samples = hc_xmalloc(sizeof(*samples));

	hc_arena_init(&ra);
	for (size_t i = 0; i < ids.n && !rc; i++) {
		struct hc_server s;
		struct hc_sla_row row;
		struct hc_sla_span *outs;
		size_t nouts = 0;
		hc_time from, to;
		bool covered;
		char path[256];

		if (o->progress && (i % 256 == 0 || i + 1 == ids.n))
			o->progress(i + 1, ids.n, o->ctx);
		hc_arena_reset(&ra);
		rc = hc_record_path(HC_SERVERS_DIR, ids.v[i], path, sizeof(path), err);
		if (!rc)
			rc = hc_store_load(st, &hc_server_schema, path, &s, &ra, err);
		if (rc)
			break;
		/* In service: from hand-over to cancellation. */
		from = s.activated_at;
		to = s.status == HC_SRV_CANCELLED ? s.cancelled_at : HC_TIME_NONE;
		if ((s.status == HC_SRV_ORDERED) || (from != HC_TIME_NONE && from >= o->month.end) ||
		    (to != HC_TIME_NONE && to <= o->month.start))
			continue;
		memset(&row, 0, sizeof(row));
		row.server = &s;
		row.profile = hc_catalog_profile(cat, s.profile);
		row.plan = row.profile ? hc_profile_plan(row.profile, s.plan) : NULL;

		/* This server's outages: a run in the sorted array. */
		while (cursor < c.n && strcmp(c.v[cursor].server, s.id) < 0)
			cursor++;
		while (cursor + nouts < c.n && !strcmp(c.v[cursor + nouts].server, s.id))
			nouts++;
		outs = hc_arena_alloc(&ra, (nouts + 1) * sizeof(*outs));
		for (size_t k = 0; k < nouts; k++)
			outs[k] = c.v[cursor++].o;

		/* The SLA covers the plan kinds it names (004 §3.1: 仮想サーバ提供サービス). */
		covered = row.profile && row.profile->sla.refund.n &&
			  (!row.profile->sla.applies_to.n ||
			   (row.plan && hc_strs_has(&row.profile->sla.applies_to,
						    hc_plan_kind_names[row.plan->kind])));
		hc_sla_compute(covered ? &row.profile->sla : NULL,
			       &o->month, from, to,
			       s.environment == HC_ENV_DEVELOPMENT || s.environment == HC_ENV_EVALUATION,
			       outs, nouts, row.plan ? row.plan->monthly_fee_jpy : HC_INT_NONE, o->now,
			       &ra, &row.sla);

		row.has_bandwidth = row.profile && row.profile->bandwidth.method;
		if (row.has_bandwidth && samples) {
			char spath[4096];
			struct hc_error serr;
			int src;

			snprintf(spath, sizeof(spath), "%s/%s/%04d-%02d.tsv.gz", o->samples_dir, s.id,
				 o->month.year, o->month.month);
			hc_samples_reset(samples, o->month.start, o->month.end);
			src = hc_samples_read(samples, spath, &serr);
			if (src == HC_OK) {
				row.has_samples = true;
				hc_bandwidth_compute(samples, &row.bw);
				row.samples = samples;
			} else if (src != HC_ENOTFOUND) {
				*err = serr;
				rc = src;
				break;
			}
			row.allowance_bps = allowance(row.profile, row.plan, &s);
			if (row.has_samples && row.bw.billed > row.allowance_bps)
				row.overage_bps = row.bw.billed - row.allowance_bps;
		}
		rc = fn(&row, ctx);
	}
	hc_arena_release(&ra);
out:
	free(samples);
	free(c.v);
	hc_set_release(&only);
	hc_arena_release(&a);
	return rc;
}
