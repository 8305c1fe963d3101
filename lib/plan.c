/*
 * plan.c - plan changes, disk expansion, IP addition, block storage and
 * hardware options, each checked against the server's profile.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostctl/claim.h"
#include "hostctl/customer.h"
#include "hostctl/notify.h"
#include "hostctl/plan.h"
#include "hostctl/store.h"

const char *const hc_change_kind_names[] = {
	"plan", "disk", "ip", "block-storage", "hardware", NULL
};
const char *const hc_change_status_names[] = { "reserved", "applied", "void", NULL };

static const struct hc_field proration_fields[] = {
	HC_FIELD_INT(struct hc_proration, days, "days", HC_REQ, 0, 31),
	HC_FIELD_INT(struct hc_proration, days_in_month, "days_in_month", HC_REQ, 28, 31),
	HC_FIELD_INT(struct hc_proration, credit_jpy, "credit_jpy", HC_REQ, 0, INT64_C(1000000000000)),
	HC_FIELD_INT(struct hc_proration, debit_jpy, "debit_jpy", HC_REQ, 0, INT64_C(1000000000000)),
};
static const struct hc_schema proration_schema =
	HC_SCHEMA(struct hc_proration, "change.proration", proration_fields);

static const struct hc_field change_fields[] = {
	HC_FIELD_STR(struct hc_change, id, "id", HC_REQ, HC_CHK_UUID),
	HC_FIELD_STR(struct hc_change, server, "server", HC_REQ, HC_CHK_UUID),
	HC_FIELD_ENUM(struct hc_change, kind, "kind", HC_REQ, hc_change_kind_names),
	HC_FIELD_ENUM(struct hc_change, status, "status", HC_REQ, hc_change_status_names),
	HC_FIELD(struct hc_change, requested_at, "requested_at", HC_F_TIME, HC_REQ),
	HC_FIELD(struct hc_change, effective_at, "effective_at", HC_F_TIME, HC_REQ),
	HC_FIELD(struct hc_change, applied_at, "applied_at", HC_F_TIME, 0),
	HC_FIELD_STR(struct hc_change, from_plan, "from_plan", 0, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_change, to_plan, "to_plan", 0, HC_CHK_NAME),
	HC_FIELD_INT(struct hc_change, size_gb, "size_gb", 0, 1, 100000000),
	HC_FIELD_INT(struct hc_change, iops_per_gb, "iops_per_gb", 0, 1, 1000),
	HC_FIELD_STR(struct hc_change, window, "window", 0, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_change, ip, "ip", 0, HC_CHK_IPV4),
	HC_FIELD_STR(struct hc_change, option, "option", 0, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_change, maintenance, "maintenance", 0, HC_CHK_UUID),
	HC_FIELD_STRUCT(struct hc_change, proration, "proration", 0, proration_schema),
	HC_FIELD_STR(struct hc_change, rule, "rule", 0, HC_CHK_NONE),
};
const struct hc_schema hc_change_schema = HC_SCHEMA(struct hc_change, "change", change_fields);

void hc_change_result_init(struct hc_change_result *r)
{
	memset(r, 0, sizeof(*r));
	hc_arena_init(&r->arena);
	hc_record_init(&hc_change_schema, &r->change);
	hc_record_init(&hc_server_schema, &r->server);
}

void hc_change_result_release(struct hc_change_result *r)
{
	hc_arena_release(&r->arena);
	memset(r, 0, sizeof(*r));
}

/* A profile's section text, else the specification number. */
static const char *rule_of(const struct hc_profile *p, const char *source)
{
	return source ? source : p->spec;
}

static hc_day month_end(hc_day d, int ahead)
{
	int y, m, dd;

	hc_day_split(d, &y, &m, &dd);
	m += ahead;
	while (m > 12)
		m -= 12, y++;
	return hc_day_make(y, m, hc_days_in_month(y, m));
}

/* The plan a server will be on at `at`: the target of the last plan
 * change reserved before it, else *plan. Reservations after `at` keep
 * their target; the plan they start from is fixed when they are applied. */
static int reserved_plan(struct hc_txn *t, const char *server, hc_time at,
			 const struct hc_plan **plan, const struct hc_profile *p, struct hc_arena *a,
			 struct hc_error *err)
{
	struct hc_strs ids;
	hc_time best = HC_TIME_NONE;
	int rc = hc_index_members(hc_txn_store(t), HC_INDEX_CHANGES_BY_SERVER, server, &ids, a, err);

	for (size_t i = 0; i < ids.n && !rc; i++) {
		struct hc_change c;
		char path[256];

		snprintf(path, sizeof(path), "%s/%s.yaml", HC_CHANGES_DIR, ids.v[i]);
		rc = hc_txn_load(t, &hc_change_schema, path, &c, a, err);
		if (rc == HC_ENOTFOUND) {
			rc = HC_OK;
			continue;
		}
		if (rc || c.kind != HC_CHG_PLAN || c.status != HC_CHG_RESERVED || c.effective_at > at)
			continue;
		if (best == HC_TIME_NONE || c.effective_at > best) {
			const struct hc_plan *pl = hc_profile_plan(p, c.to_plan);

			if (pl) {
				best = c.effective_at;
				*plan = pl;
			}
		}
	}
	return rc;
}

/* GB of disk additions reserved for the server and not yet applied. */
static int reserved_disk_gb(struct hc_txn *t, const char *server, int64_t *gb, struct hc_arena *a,
			    struct hc_error *err)
{
	struct hc_strs ids;
	int rc = hc_index_members(hc_txn_store(t), HC_INDEX_CHANGES_BY_SERVER, server, &ids, a, err);

	*gb = 0;
	for (size_t i = 0; i < ids.n && !rc; i++) {
		struct hc_change c;
		char path[256];

		snprintf(path, sizeof(path), "%s/%s.yaml", HC_CHANGES_DIR, ids.v[i]);
		rc = hc_txn_load(t, &hc_change_schema, path, &c, a, err);
		if (rc == HC_ENOTFOUND) {
			rc = HC_OK;
			continue;
		}
		if (!rc && c.kind == HC_CHG_DISK && c.status == HC_CHG_RESERVED)
			*gb += c.size_gb;
	}
	return rc;
}

/* Changes of this kind on this server effective on day (not void). */
static int same_day_count(struct hc_txn *t, const char *server, int kind, hc_day day, int off,
			  int *count, hc_day *other, struct hc_arena *a, struct hc_error *err)
{
	struct hc_strs ids;
	int rc = hc_index_members(hc_txn_store(t), HC_INDEX_CHANGES_BY_SERVER, server, &ids, a, err);

	*count = 0;
	for (size_t i = 0; i < ids.n && !rc; i++) {
		struct hc_change c;
		char path[256];

		snprintf(path, sizeof(path), "%s/%s.yaml", HC_CHANGES_DIR, ids.v[i]);
		rc = hc_txn_load(t, &hc_change_schema, path, &c, a, err);
		if (rc == HC_ENOTFOUND) {
			rc = HC_OK;
			continue;
		}
		if (!rc && c.kind == kind && c.status != HC_CHG_VOID &&
		    hc_time_day(c.effective_at, off) == day) {
			(*count)++;
			*other = day;
		}
	}
	return rc;
}

static void proration(const struct hc_plan *from, const struct hc_plan *to, hc_day day,
		      struct hc_proration *p)
{
	int y, m, d;
	int64_t dim;

	if (!from || !to || from->monthly_fee_jpy == HC_INT_NONE || to->monthly_fee_jpy == HC_INT_NONE)
		return;
	hc_day_split(day, &y, &m, &d);
	dim = hc_days_in_month(y, m);
	p->days_in_month = dim;
	p->days = dim - d + 1;
	p->credit_jpy = from->monthly_fee_jpy * p->days / dim;
	p->debit_jpy = to->monthly_fee_jpy * p->days / dim;
}

/* The server record changed by an applied change. */
static int apply_to_server(struct hc_txn *t, const struct hc_profile *p, struct hc_server *s,
			   const struct hc_change *c, const char *spath, struct hc_arena *a,
			   struct hc_error *err)
{
	static const struct hc_schema disk_schema = { "disk", sizeof(struct hc_server_disk), NULL, 0 };
	struct hc_server_disk *d;

	switch (c->kind) {
	case HC_CHG_PLAN:
		s->plan = c->to_plan;
		break;
	case HC_CHG_DISK:
		if (p->disk.step_gb != HC_INT_NONE) {
			/* Managed: the base disk grows (002 §2.2.1 拡張容量). */
			s->disk_added_gb = (s->disk_added_gb == HC_INT_NONE ? 0 : s->disk_added_gb) + c->size_gb;
		} else {
			d = hc_list_push(a, &s->disks, &disk_schema);
			d->kind = "disk";
			d->size_gb = c->size_gb;
			d->iops_per_gb = HC_INT_NONE;
			d->added_at = c->effective_at;
		}
		break;
	case HC_CHG_BLOCK:
		d = hc_list_push(a, &s->disks, &disk_schema);
		d->kind = "block-storage";
		d->size_gb = c->size_gb;
		d->iops_per_gb = c->iops_per_gb;
		d->added_at = c->effective_at;
		break;
	case HC_CHG_IP:
		if (!hc_strs_has(&s->global_ips, c->ip))
			hc_strs_push(a, &s->global_ips, c->ip);
		break;
	case HC_CHG_HARDWARE:
		if (!hc_strs_has(&s->options, c->option))
			hc_strs_push(a, &s->options, c->option);
		break;
	}
	return hc_txn_put_record(t, &hc_server_schema, spath, s, err);
}

static void new_id(struct hc_txn *t, const char *dir, const char *seed, const char *salt,
		   char id[37])
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

/* Validates req against the profile; fills c (not its id) and *outage
 * minutes. */
static int check_request(struct hc_txn *t, const struct hc_profile *p, const struct hc_server *s,
			 const struct hc_change_request *req, struct hc_change *c, int64_t *outage,
			 struct hc_arena *a, struct hc_error *err)
{
	struct hc_store *st = hc_txn_store(t);
	const struct hc_plan *plan = hc_profile_plan(p, s->plan);
	hc_time now = hc_txn_now(t);
	hc_day today = hc_time_day(now, st->utc_offset_min);
	int64_t per_day = HC_INT_NONE;
	char d1[HC_DAY_BUFSZ], d2[HC_DAY_BUFSZ];
	int count = 0, rc;
	hc_day other = HC_DAY_NONE;

	*outage = 0;
	c->effective_at = req->at != HC_TIME_NONE ? req->at : now;
	if (req->at != HC_TIME_NONE && req->at < now)
		return hc_error_set(err, HC_EUSAGE, "--at is in the past");

	switch (req->kind) {
	case HC_CHG_PLAN: {
		const struct hc_plan_change *pc = &p->plan_change;
		const struct hc_plan *to;

		if (!pc->allowed)
			return hc_error_refuse(err, rule_of(p, pc->source),
					       "profile '%s' offers no plan change", p->name);
		to = hc_profile_plan(p, req->to_plan);
		if (!to)
			return hc_error_refuse(err, p->spec, "profile '%s' has no plan '%s'", p->name,
					       req->to_plan);
		if (!strcmp(to->name, s->plan))
			return hc_error_set(err, HC_EUSAGE, "server '%s' is already on plan '%s'", s->id,
					    s->plan);
		if (!plan || !plan->plan_change)
			return hc_error_refuse(err, rule_of(p, pc->source),
					       "plan '%s' cannot be changed", s->plan);
		if (!to->plan_change || to->kind != plan->kind)
			return hc_error_refuse(err, rule_of(p, pc->source),
					       "plan '%s' cannot be changed to plan '%s'", s->plan, to->name);
		if (req->at == HC_TIME_NONE && !pc->immediate)
			return hc_error_refuse(err, rule_of(p, pc->source),
					       "plan changes are made at a reserved time: give --at");
		if (req->at != HC_TIME_NONE && !pc->reserved)
			return hc_error_refuse(err, rule_of(p, pc->source),
					       "plan changes are immediate only: no --at");
		/* A plan change reserved earlier sets the plan this one starts
		 * from; one reserved later would be applied out of order. */
		rc = reserved_plan(t, s->id, c->effective_at, &plan, p, a, err);
		if (rc)
			return rc;
		if (!strcmp(to->name, plan->name))
			return hc_error_set(err, HC_EUSAGE, "server '%s' will already be on plan '%s' then",
					    s->id, plan->name);
		c->from_plan = plan->name;
		c->to_plan = to->name;
		c->rule = rule_of(p, pc->source);
		per_day = pc->per_day;
		if (pc->outage != HC_OUTAGE_NONE && pc->outage_minutes != HC_INT_NONE)
			*outage = pc->outage_minutes;
		proration(plan, to, hc_time_day(c->effective_at, st->utc_offset_min), &c->proration);
		break;
	}
	case HC_CHG_DISK: {
		const struct hc_disk_rules *dr = &p->disk;

		if (!dr->allowed)
			return hc_error_refuse(err, rule_of(p, dr->source), "profile '%s' offers no disk expansion",
					       p->name);
		if (!plan || !plan->disk_expandable)
			return hc_error_refuse(err, rule_of(p, plan && plan->source ? plan->source : dr->source),
					       "the disk of plan '%s' cannot be expanded", s->plan);
		if (req->size_gb <= 0)
			return hc_error_refuse(err, rule_of(p, dr->source),
					       "disk capacity is only ever added, never reduced");
		if (dr->step_gb != HC_INT_NONE) {
			int64_t added = s->disk_added_gb == HC_INT_NONE ? 0 : s->disk_added_gb, pending;

			/* Reserved additions count toward the cap too. */
			rc = reserved_disk_gb(t, s->id, &pending, a, err);
			if (rc)
				return rc;
			added += pending;
			if (req->size_gb % dr->step_gb)
				return hc_error_refuse(err, rule_of(p, dr->source),
						       "disk is added in steps of %lld GB",
						       (long long)dr->step_gb);
			if (dr->max_added_gb != HC_INT_NONE && added + req->size_gb > dr->max_added_gb)
				return hc_error_refuse(err, rule_of(p, dr->source),
						       "at most %lld GB may be added; %lld GB are added or reserved already",
						       (long long)dr->max_added_gb, (long long)added);
		}
		if (dr->sizes_gb.n && !hc_ints_has(&dr->sizes_gb, req->size_gb)) {
			struct hc_buf b = HC_BUF_INIT;

			for (size_t i = 0; i < dr->sizes_gb.n; i++)
				hc_buf_addf(&b, "%s%lld", i ? ", " : "", (long long)dr->sizes_gb.v[i]);
			rc = hc_error_refuse(err, rule_of(p, dr->source), "disks come in %s GB, not %lld GB",
					     b.p, (long long)req->size_gb);
			hc_buf_release(&b);
			return rc;
		}
		if (dr->windows.n) {
			const struct hc_window *w;

			if (!req->window || req->on == HC_DAY_NONE)
				return hc_error_set(err, HC_EUSAGE,
						    "disk expansion on this profile needs --window and --on");
			w = hc_profile_window(p, req->window);
			if (!w) {
				struct hc_buf b = HC_BUF_INIT;

				for (size_t i = 0; i < dr->windows.n; i++)
					hc_buf_addf(&b, "%s%s", i ? ", " : "",
						    HC_LIST_AT(dr->windows, struct hc_window, i)->name);
				rc = hc_error_refuse(err, rule_of(p, dr->source),
						     "no work window '%s' (windows: %s)", req->window, b.p);
				hc_buf_release(&b);
				return rc;
			}
			for (size_t i = 0; i < w->business_days.n; i++) {
				hc_day d = req->on + (hc_day)w->business_days.v[i];

				if (!hc_calendar_is_business_day(&st->cal, d)) {
					hc_day_format(d, d1);
					return hc_error_refuse(err, rule_of(p, w->source ? w->source : dr->source),
							       "window '%s' needs %s to be a business day%s",
							       w->name, d1,
							       w->business_days.n > 1
							       ? " (the work day and the next day)" : "");
				}
			}
			c->window = w->name;
			c->effective_at = hc_time_at(req->on, w->from, st->utc_offset_min);
		} else if (req->on != HC_DAY_NONE) {
			c->effective_at = hc_time_at(req->on, 0, st->utc_offset_min);
		}
		if (dr->min_business_days != HC_INT_NONE) {
			/* Counted from the business day the request is taken up
			 * (§3.1 営業日の起算は…受け付けた営業日), as for orders. */
			hc_day taken = hc_calendar_business_day_on_or_after(&st->cal, today);
			hc_day earliest = hc_calendar_add_business_days(&st->cal, taken,
									(int)dr->min_business_days);
			hc_day on = hc_time_day(c->effective_at, st->utc_offset_min);

			if (on < earliest) {
				hc_day_format(earliest, d1);
				return hc_error_refuse(err, rule_of(p, dr->source),
						       "the earliest work day is %s (%lld business days ahead)",
						       d1, (long long)dr->min_business_days);
			}
		}
		if (dr->latest == HC_DL_END_OF_NEXT_MONTH) {
			hc_day last = month_end(today, 1);

			if (hc_time_day(c->effective_at, st->utc_offset_min) > last) {
				hc_day_format(last, d2);
				return hc_error_refuse(err, rule_of(p, dr->source),
						       "the latest work day is %s (the end of next month)", d2);
			}
		}
		c->size_gb = req->size_gb;
		c->rule = rule_of(p, dr->source);
		per_day = dr->per_day;
		if (dr->outage != HC_OUTAGE_NONE && dr->outage_minutes != HC_INT_NONE)
			*outage = dr->outage_minutes;
		break;
	}
	case HC_CHG_IP: {
		const struct hc_ip_rules *ip = &p->ip;
		int64_t max = plan && plan->global_ips_max != HC_INT_NONE ? plan->global_ips_max : INT64_MAX;
		bool ok = ip->requires_any_option.n == 0;

		/* Fix (tests/test_change_plan.c, test_ip_addition): the address
		 * is claimed when the change is recorded, but a reserved change
		 * put it on the server only when applied, so until then its claim
		 * named a server that did not list it and `hostctl validate`
		 * failed. An addition takes effect at once, as the usage line
		 * (`--add-ip`, no --at) says. */
		if (req->at != HC_TIME_NONE)
			return hc_error_set(err, HC_EUSAGE,
					    "an address is added at once (it is claimed now): no --at");
		for (size_t i = 0; i < ip->requires_any_option.n && !ok; i++)
			ok = hc_server_has_option(s, ip->requires_any_option.v[i]);
		if (!ok)
			return hc_error_refuse(err, rule_of(p, ip->source),
					       "a global address is added only for SSL: the server needs "
					       "the option '%s'", ip->requires_any_option.v[0]);
		if ((int64_t)s->global_ips.n >= max)
			return hc_error_refuse(err, rule_of(p, plan && plan->source ? plan->source : ip->source),
					       "a server has at most %lld global addresses", (long long)max);
		c->rule = rule_of(p, ip->source);
		break;
	}
	case HC_CHG_BLOCK: {
		const struct hc_block_storage *bs = &p->block_storage;

		if (!bs->sizes_gb.n)
			return hc_error_refuse(err, p->spec, "profile '%s' offers no block storage", p->name);
		if (!hc_ints_has(&bs->sizes_gb, req->size_gb))
			return hc_error_refuse(err, rule_of(p, bs->source),
					       "block storage comes in the sizes of the table, not %lld GB",
					       (long long)req->size_gb);
		if (!hc_ints_has(&bs->iops_per_gb, req->iops_per_gb))
			return hc_error_refuse(err, rule_of(p, bs->source), "no %lld IOPS/GB plan",
					       (long long)req->iops_per_gb);
		c->size_gb = req->size_gb;
		c->iops_per_gb = req->iops_per_gb;
		c->rule = rule_of(p, bs->source);
		break;
	}
	case HC_CHG_HARDWARE: {
		const struct hc_option *op = hc_profile_option(p, req->option);

		if (!op || !op->hardware)
			return hc_error_refuse(err, p->spec, "profile '%s' has no hardware option '%s'",
					       p->name, req->option);
		c->option = op->name;
		c->rule = rule_of(p, op->source);
		if (op->requires_stop && op->outage_minutes != HC_INT_NONE)
			*outage = op->outage_minutes;
		break;
	}
	}
	if (per_day != HC_INT_NONE) {
		hc_day day = hc_time_day(c->effective_at, st->utc_offset_min);

		rc = same_day_count(t, s->id, req->kind, day, st->utc_offset_min, &count, &other, a, err);
		if (rc)
			return rc;
		if (count >= per_day) {
			hc_day_format(day, d1);
			return hc_error_refuse(err, c->rule,
					       "a %s change is allowed %lld time%s a day; server '%s' already "
					       "has one on %s", hc_change_kind_names[req->kind],
					       (long long)per_day, per_day == 1 ? "" : "s", s->id, d1);
		}
	}
	(void)a;
	return HC_OK;
}

int hc_change_request(struct hc_store *st, const struct hc_txn_options *o,
		      const struct hc_change_request *req, struct hc_change_result *res,
		      struct hc_buf *report, struct hc_error *err)
{
	struct hc_arena *a = &res->arena;
	struct hc_server *s = &res->server;
	struct hc_change *c = &res->change;
	const struct hc_profile *p;
	struct hc_txn *t;
	char spath[256], cpath[256], id[37];
	int64_t outage = 0;
	int rc;

	rc = hc_server_locate(st, req->server, spath, sizeof(spath), err);
	if (rc)
		return rc;
	rc = hc_txn_begin(st, o, &t, err);
	if (rc)
		return rc;
	rc = hc_txn_load(t, &hc_server_schema, spath, s, a, err);
	if (!rc)
		rc = hc_store_profile(st, s->profile, &p, err);
	if (rc)
		goto out;
	if (s->status == HC_SRV_CANCELLED) {
		rc = hc_error_set(err, HC_ECONFLICT, "server '%s' is cancelled", s->id);
		goto out;
	}
	if (s->status == HC_SRV_CANCEL_PENDING && p->cancellation.freezes_options) {
		rc = hc_error_refuse(err, rule_of(p, p->cancellation.source),
				     "no changes while the cancellation of server '%s' is pending", s->id);
		goto out;
	}
	hc_record_init(&hc_change_schema, c);
	rc = check_request(t, p, s, req, c, &outage, a, err);
	if (rc)
		goto out;

	new_id(t, HC_CHANGES_DIR, req->id_seed, s->id, id);
	c->id = hc_arena_strdup(a, id);
	c->server = s->id;
	c->kind = req->kind;
	c->requested_at = o->now;
	snprintf(cpath, sizeof(cpath), "%s/%s.yaml", HC_CHANGES_DIR, c->id);

	if (req->kind == HC_CHG_IP) {
		char ip[16];

		rc = hc_claim_allocate_ip(t, HC_POOL_GLOBAL, p->name, s->region, c->id, spath, ip, err);
		if (rc)
			goto out;
		c->ip = hc_arena_strdup(a, ip);
	}
	if (outage > 0) {
		struct hc_maintenance mw;
		char mid[37], mpath[256];

		hc_record_init(&hc_maintenance_schema, &mw);
		new_id(t, HC_MAINTENANCE_DIR, req->id_seed, c->id, mid);
		mw.id = hc_arena_strdup(a, mid);
		mw.server = s->id;
		mw.kind = req->kind == HC_CHG_PLAN ? (p->plan_change.by_request ? "spec-change" : "plan-change")
			  : req->kind == HC_CHG_DISK ? "disk-expansion" : "hardware-option";
		mw.starts_at = c->effective_at;
		mw.ends_at = c->effective_at + outage * 60;
		mw.announced_at = o->now;
		mw.cause = HC_CAUSE_ANNOUNCED_MAINTENANCE;
		mw.reference = c->id;
		mw.summary = c->rule;
		snprintf(mpath, sizeof(mpath), "%s/%s.yaml", HC_MAINTENANCE_DIR, mw.id);
		rc = hc_txn_put_record(t, &hc_maintenance_schema, mpath, &mw, err);
		if (rc)
			goto out;
		c->maintenance = mw.id;
		{
			/* Whom to tell of the stop (001, 004 §4.2). */
			struct hc_customer cu;
			struct hc_error ignored;
			char custpath[256];

			snprintf(custpath, sizeof(custpath), "%s/%s.yaml", HC_CUSTOMERS_DIR, s->customer);
			if (hc_txn_load(t, &hc_customer_schema, custpath, &cu, a, &ignored) == HC_OK)
				hc_notify_notes(p, &cu, s, "maintenance", NULL, a, &res->notes);
		}
	}
	rc = hc_index_put(t, HC_INDEX_CHANGES_BY_SERVER, s->id, c->id, cpath, err);
	if (rc)
		goto out;
	if (c->effective_at > o->now) {
		char day[HC_DAY_BUFSZ];

		c->status = HC_CHG_RESERVED;
		hc_day_format(hc_time_day(c->effective_at, st->utc_offset_min), day);
		rc = hc_index_put(t, HC_INDEX_CHANGES_DUE, day, c->id, cpath, err);
	} else {
		c->status = HC_CHG_APPLIED;
		c->applied_at = o->now;
		rc = apply_to_server(t, p, s, c, spath, a, err);
	}
	if (!rc)
		rc = hc_txn_put_record(t, &hc_change_schema, cpath, c, err);
	if (!rc)
		rc = hc_txn_commit(t, report, err);
out:
	hc_txn_free(t);
	return rc;
}

int hc_change_apply_due(struct hc_store *st, const struct hc_txn_options *o,
			struct hc_change_result *res, struct hc_buf *report, struct hc_error *err)
{
	struct hc_arena *a = &res->arena;
	struct hc_strs days;
	struct hc_txn *t;
	hc_day today = hc_time_day(o->now, st->utc_offset_min);
	int rc = hc_txn_begin(st, o, &t, err);

	if (rc)
		return rc;
	rc = hc_index_keys(st, HC_INDEX_CHANGES_DUE, &days, a, err);
	for (size_t i = 0; i < days.n && !rc; i++) {
		struct hc_strs ids;
		hc_day d;

		if (hc_day_parse(days.v[i], &d) || d > today)
			continue;
		rc = hc_index_members(st, HC_INDEX_CHANGES_DUE, days.v[i], &ids, a, err);
		for (size_t k = 0; k < ids.n && !rc; k++) {
			struct hc_change c;
			struct hc_server s;
			const struct hc_profile *p;
			char cpath[256], spath[256];

			snprintf(cpath, sizeof(cpath), "%s/%s.yaml", HC_CHANGES_DIR, ids.v[k]);
			rc = hc_txn_load(t, &hc_change_schema, cpath, &c, a, err);
			if (rc == HC_ENOTFOUND) {
				rc = hc_index_drop(t, HC_INDEX_CHANGES_DUE, days.v[i], ids.v[k], err);
				continue;
			}
			if (rc || (c.status == HC_CHG_RESERVED && c.effective_at > o->now))
				continue;
			rc = hc_index_drop(t, HC_INDEX_CHANGES_DUE, days.v[i], ids.v[k], err);
			if (rc || c.status != HC_CHG_RESERVED)
				continue;
			snprintf(spath, sizeof(spath), "%s/%s.yaml", HC_SERVERS_DIR, c.server);
			rc = hc_txn_load(t, &hc_server_schema, spath, &s, a, err);
			if (!rc)
				rc = hc_store_profile(st, s.profile, &p, err);
			if (rc)
				break;
			if (s.status == HC_SRV_CANCELLED ||
			    (s.status == HC_SRV_CANCEL_PENDING && p->cancellation.freezes_options)) {
				/* Nothing to change any more (or changes are frozen while
				 * the cancellation is pending, 002 §3.2); the window goes. */
				c.status = HC_CHG_VOID;
				hc_strs_push(a, &res->notes,
					     hc_arena_printf(a, "change %s voided: server %s is %s", c.id, s.id,
							     hc_server_status_names[s.status]));
				if (c.maintenance) {
					char mpath[256];

					snprintf(mpath, sizeof(mpath), "%s/%s.yaml", HC_MAINTENANCE_DIR,
						 c.maintenance);
					rc = hc_txn_delete(t, mpath, err);
					c.maintenance = NULL;
				}
			} else {
				c.status = HC_CHG_APPLIED;
				c.applied_at = o->now;
				if (c.kind == HC_CHG_PLAN && strcmp(c.from_plan ? c.from_plan : "", s.plan)) {
					/* A change made since the reservation moved the
					 * plan: record where this one really starts. */
					memset(&c.proration, 0, sizeof(c.proration));
					hc_record_init(&proration_schema, &c.proration);
					c.from_plan = s.plan;
					proration(hc_profile_plan(p, s.plan), hc_profile_plan(p, c.to_plan),
						  hc_time_day(c.effective_at, st->utc_offset_min), &c.proration);
				}
				rc = apply_to_server(t, p, &s, &c, spath, a, err);
			}
			if (!rc)
				rc = hc_txn_put_record(t, &hc_change_schema, cpath, &c, err);
			if (!rc && c.status == HC_CHG_APPLIED)
				hc_strs_push(a, &res->ids, c.id);
		}
	}
	if (!rc)
		rc = hc_txn_commit(t, report, err);
	hc_txn_free(t);
	return rc;
}
