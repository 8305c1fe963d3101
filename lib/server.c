/*
 * server.c - the server record and what it owns.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uuid/uuid.h>

#include "hostctl/claim.h"
#include "hostctl/customer.h"
#include "hostctl/kinds.h"
#include "hostctl/server.h"
#include "hostctl/store.h"

const char *const hc_server_status_names[] = {
	"ordered", "active", "cancel-pending", "cancelled", NULL
};
const char *const hc_network_names[] = { "connected", "disconnected", NULL };
const char *const hc_power_names[] = { "on", "off", NULL };
const char *const hc_environment_names[] = { "production", "development", "evaluation", NULL };

static const struct hc_field domain_fields[] = {
	HC_FIELD_STR(struct hc_server_domain, name, "name", HC_REQ, HC_CHK_DOMAIN),
	HC_FIELD_STR(struct hc_server_domain, pattern, "pattern", HC_REQ, HC_CHK_NAME),
	HC_FIELD(struct hc_server_domain, ready, "ready", HC_F_BOOL, 0),
	HC_FIELD(struct hc_server_domain, web_elsewhere, "web_elsewhere", HC_F_BOOL, 0),
	HC_FIELD(struct hc_server_domain, mail_elsewhere, "mail_elsewhere", HC_F_BOOL, 0),
	HC_FIELD_STR(struct hc_server_domain, test_domain, "test_domain", 0, HC_CHK_DOMAIN),
	HC_FIELD_STRS(struct hc_server_domain, options, "options", 0, HC_CHK_NAME),
};
static const struct hc_schema domain_schema =
	HC_SCHEMA(struct hc_server_domain, "server.domains", domain_fields);

static const struct hc_field backup_fields[] = {
	HC_FIELD_STR(struct hc_server_backup, policy, "policy", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_server_backup, domain, "domain", 0, HC_CHK_DOMAIN),
	HC_FIELD_STR(struct hc_server_backup, path, "path", 0, HC_CHK_NONE),
	HC_FIELD(struct hc_server_backup, window_from, "window_from", HC_F_HHMM, 0),
	HC_FIELD(struct hc_server_backup, window_to, "window_to", HC_F_HHMM, 0),
	HC_FIELD_INT(struct hc_server_backup, generations, "generations", 0, 1, 10000),
};
static const struct hc_schema backup_schema =
	HC_SCHEMA(struct hc_server_backup, "server.backups", backup_fields);

static const struct hc_field firewall_fields[] = {
	HC_FIELD_INT(struct hc_firewall_rule, port, "port", HC_REQ, 1, 65535),
	HC_FIELD_STRS(struct hc_firewall_rule, sources, "sources", 0, HC_CHK_NONE),
};
static const struct hc_schema firewall_schema =
	HC_SCHEMA(struct hc_firewall_rule, "server.firewall", firewall_fields);

static const struct hc_field disk_fields[] = {
	HC_FIELD_STR(struct hc_server_disk, kind, "kind", HC_REQ, HC_CHK_NAME),
	HC_FIELD_INT(struct hc_server_disk, size_gb, "size_gb", HC_REQ, 1, 100000000),
	HC_FIELD_INT(struct hc_server_disk, iops_per_gb, "iops_per_gb", 0, 1, 1000),
	HC_FIELD(struct hc_server_disk, added_at, "added_at", HC_F_TIME, 0),
};
static const struct hc_schema disk_schema = HC_SCHEMA(struct hc_server_disk, "server.disks", disk_fields);

static const struct hc_field server_fields[] = {
	HC_FIELD_STR(struct hc_server, id, "id", HC_REQ, HC_CHK_UUID),
	HC_FIELD_STR(struct hc_server, customer, "customer", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_server, profile, "profile", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_server, plan, "plan", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_server, os, "os", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_server, region, "region", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_server, hostname, "hostname", HC_REQ, HC_CHK_DOMAIN),
	HC_FIELD_ENUM(struct hc_server, status, "status", HC_REQ, hc_server_status_names),
	HC_FIELD_ENUM(struct hc_server, environment, "environment", 0, hc_environment_names),
	HC_FIELD_STRS(struct hc_server, options, "options", 0, HC_CHK_NAME),
	HC_FIELD_STRS(struct hc_server, global_ips, "global_ips", 0, HC_CHK_IPV4),
	HC_FIELD_STR(struct hc_server, private_ip, "private_ip", 0, HC_CHK_IPV4),
	HC_FIELD_INT(struct hc_server, os_disk_gb, "os_disk_gb", 0, 1, 100000000),
	HC_FIELD_INT(struct hc_server, disk_added_gb, "disk_added_gb", 0, 0, 100000000),
	HC_FIELD_LIST(struct hc_server, disks, "disks", 0, disk_schema),
	HC_FIELD_LIST(struct hc_server, domains, "domains", 0, domain_schema),
	HC_FIELD_LIST(struct hc_server, backups, "backups", 0, backup_schema),
	HC_FIELD_LIST(struct hc_server, firewall, "firewall", 0, firewall_schema),
	HC_FIELD_ENUM(struct hc_server, network, "network", 0, hc_network_names),
	HC_FIELD_ENUM(struct hc_server, power, "power", 0, hc_power_names),
	HC_FIELD(struct hc_server, ordered_at, "ordered_at", HC_F_TIME, HC_REQ),
	HC_FIELD(struct hc_server, accepted_at, "accepted_at", HC_F_TIME, 0),
	HC_FIELD(struct hc_server, settings_submitted_at, "settings_submitted_at", HC_F_TIME, 0),
	HC_FIELD(struct hc_server, ready_by, "ready_by", HC_F_DAY, 0),
	HC_FIELD(struct hc_server, ready_at, "ready_at", HC_F_TIME, 0),
	HC_FIELD(struct hc_server, activated_at, "activated_at", HC_F_TIME, 0),
	HC_FIELD(struct hc_server, cancel_filed_at, "cancel_filed_at", HC_F_TIME, 0),
	HC_FIELD(struct hc_server, cancel_effective, "cancel_effective", HC_F_DAY, 0),
	HC_FIELD(struct hc_server, cancelled_at, "cancelled_at", HC_F_TIME, 0),
	HC_FIELD_STR(struct hc_server, note, "note", 0, HC_CHK_TEXT),
};
const struct hc_schema hc_server_schema = HC_SCHEMA(struct hc_server, "server", server_fields);

void hc_server_claims(const struct hc_server *s, hc_claim_fn fn, void *ctx)
{
	/* A cancelled server has released everything it held. */
	if (s->status == HC_SRV_CANCELLED)
		return;
	if (s->hostname)
		fn(HC_CLAIM_HOSTNAME, s->hostname, ctx);
	for (size_t i = 0; i < s->global_ips.n; i++)
		fn(HC_CLAIM_IP, s->global_ips.v[i], ctx);
	if (s->private_ip)
		fn(HC_CLAIM_PRIVATE_IP, s->private_ip, ctx);
	for (size_t i = 0; i < s->domains.n; i++) {
		const struct hc_server_domain *d = HC_LIST_AT(s->domains, struct hc_server_domain, i);

		if (d->ready)
			fn(HC_CLAIM_READY_DOMAIN, d->name, ctx);
	}
}

bool hc_server_has_option(const struct hc_server *s, const char *name)
{
	return hc_strs_has(&s->options, name);
}

/* ---- rules --------------------------------------------------------------- */

int hc_lead_time_ready(const struct hc_calendar *cal, const struct hc_lead_time *lt,
		       hc_time accepted, hc_time settings, bool added, hc_day *ready_by,
		       hc_time *ready_at, struct hc_error *err)
{
	int off = cal->utc_offset_min;
	int64_t n;
	hc_day start;

	*ready_by = HC_DAY_NONE;
	*ready_at = HC_TIME_NONE;
	if (!lt)
		return HC_OK;
	if (added && lt->added_minutes != HC_INT_NONE) {
		*ready_at = accepted + lt->added_minutes * 60;
		*ready_by = hc_time_day(*ready_at, off);
		return HC_OK;
	}
	n = added && lt->added_business_days != HC_INT_NONE ? lt->added_business_days
							    : lt->business_days;
	if (n == HC_INT_NONE)
		return HC_OK;
	/* The acceptance day counts as day 0; one accepted on a holiday is
	 * taken up on the next business day. */
	start = hc_calendar_business_day_on_or_after(cal, hc_time_day(accepted, off));
	if (lt->from_settings && settings != HC_TIME_NONE) {
		hc_day s = hc_calendar_business_day_after(cal, hc_time_day(settings, off));

		if (s != HC_DAY_NONE && (start == HC_DAY_NONE || s > start))
			start = s;
	}
	if (start != HC_DAY_NONE)
		*ready_by = hc_calendar_add_business_days(cal, start, (int)n);
	if (*ready_by == HC_DAY_NONE)
		return hc_error_refuse(err, lt->source, "the hand-over date falls outside the calendar (%d-%d)",
				       HC_HOLIDAY_FIRST_YEAR, HC_HOLIDAY_LAST_YEAR);
	return HC_OK;
}

static hc_day month_end(hc_day d, int months_ahead)
{
	int y, m, dd;

	hc_day_split(d, &y, &m, &dd);
	m += months_ahead;
	while (m > 12)
		m -= 12, y++;
	while (m < 1)
		m += 12, y--;
	return hc_day_make(y, m, hc_days_in_month(y, m));
}

int hc_cancellation_allowed(const struct hc_calendar *cal, const struct hc_cancellation *c,
			    hc_time filed, hc_day effective, struct hc_error *err)
{
	int off = cal->utc_offset_min;
	hc_day filed_day = hc_time_day(filed, off);
	char a[HC_DAY_BUFSZ], b[HC_DAY_BUFSZ];

	hc_day_format(effective, a);
	if (effective < filed_day) {
		hc_day_format(filed_day, b);
		return hc_error_refuse(err, c->source, "the effective date %s is before the filing day %s",
				       a, b);
	}
	if (c->notice == HC_DL_END_OF_PREVIOUS_MONTH) {
		hc_day deadline = month_end(effective, -1);

		if (filed_day > deadline) {
			hc_day_format(deadline, b);
			return hc_error_refuse(err, c->source,
					       "a cancellation effective %s must be filed by %s "
					       "(the end of the month before)", a, b);
		}
	}
	if (c->same_day_until >= 0 && effective == filed_day) {
		int64_t secs = ((filed + (int64_t)off * 60) % 86400 + 86400) % 86400;
		char until[6];

		if (secs > (int64_t)c->same_day_until * 60) {
			hc_hhmm_format(c->same_day_until, until);
			hc_day_format(filed_day + 1, b);
			return hc_error_refuse(err, c->source,
					       "same-day cancellation is accepted until %s; "
					       "the earliest effective date now is %s", until, b);
		}
	}
	if (c->latest == HC_DL_END_OF_NEXT_MONTH) {
		hc_day last = month_end(filed_day, 1);

		if (effective > last) {
			hc_day_format(last, b);
			return hc_error_refuse(err, c->source,
					       "the effective date %s is after %s (the end of next month)", a,
					       b);
		}
	}
	return HC_OK;
}

void hc_uuid_new(char out[37], const char *seed, unsigned counter)
{
	uuid_t u;

	if (!seed) {
		uuid_generate_random(u);
	} else {
		char material[512];
		uint64_t h1, h2;
		int n = snprintf(material, sizeof(material), "%s#%u", seed, counter);

		h1 = hc_hash64(material, (size_t)n, 0x9e3779b97f4a7c15ULL);
		h2 = hc_hash64(material, (size_t)n, h1 ^ 0xc2b2ae3d27d4eb4fULL);
		for (int i = 0; i < 8; i++) {
			u[i] = (unsigned char)(h1 >> (56 - 8 * i));
			u[8 + i] = (unsigned char)(h2 >> (56 - 8 * i));
		}
		u[6] = (u[6] & 0x0f) | 0x40;     /* version 4 */
		u[8] = (u[8] & 0x3f) | 0x80;     /* RFC 4122 variant */
	}
	uuid_unparse_lower(u, out);
}

/* ---- lifecycle ------------------------------------------------------------- */

static const struct hc_schema *domain_schema_p = &domain_schema;
static const struct hc_schema *backup_schema_p = &backup_schema;

void hc_server_result_init(struct hc_server_result *r)
{
	memset(r, 0, sizeof(*r));
	hc_arena_init(&r->arena);
	hc_record_init(&hc_server_schema, &r->server);
}

void hc_server_result_release(struct hc_server_result *r)
{
	hc_arena_release(&r->arena);
	memset(r, 0, sizeof(*r));
}

int hc_server_locate(struct hc_store *st, const char *ref, char *path, size_t size,
		     struct hc_error *err)
{
	const struct hc_kind *k;
	char full[512];

	snprintf(full, sizeof(full), "server/%s", ref);
	return hc_kind_locate(st, full, &k, path, size, err);
}

static void note(struct hc_server_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void note(struct hc_server_result *r, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	hc_strs_push(&r->arena, &r->notes, hc_arena_strdup(&r->arena, buf));
}

/* "a, b, c" of a list's names, for refusals that say what is offered. */
static const char *names_of(struct hc_arena *a, const struct hc_list *l, size_t size, size_t off)
{
	struct hc_buf b = HC_BUF_INIT;
	const char *out;

	for (size_t i = 0; i < l->n; i++)
		hc_buf_addf(&b, "%s%s", i ? ", " : "",
			    *(const char *const *)((const char *)l->v + i * size + off));
	out = hc_arena_strdup(a, l->n ? b.p : "none");
	hc_buf_release(&b);
	return out;
}

/* The source of a catalog list's first entry: the section that lists what
 * is offered. */
static const char *first_source(const struct hc_list *l, size_t size, size_t off,
				const char *fallback)
{
	const char *src = l->n ? *(const char *const *)((const char *)l->v + off) : NULL;

	(void)size;
	return src ? src : fallback;
}

static const char *fill_template(struct hc_arena *a, const char *tpl, const char *domain,
				 const char *uuid)
{
	struct hc_buf b = HC_BUF_INIT;
	const char *out;

	for (const char *p = tpl; *p;) {
		if (!strncmp(p, "{domain}", 8)) {
			hc_buf_adds(&b, domain ? domain : "");
			p += 8;
		} else if (!strncmp(p, "{uuid}", 6)) {
			hc_buf_adds(&b, uuid);
			p += 6;
		} else {
			hc_buf_addc(&b, *p++);
		}
	}
	out = hc_arena_strdup(a, b.p);
	hc_buf_release(&b);
	return out;
}

static bool policy_applies(const struct hc_backup_policy *bp, const struct hc_server *s)
{
	return !bp->requires_option || hc_server_has_option(s, bp->requires_option);
}

static void add_backup(struct hc_arena *a, struct hc_server *s, const struct hc_backup_policy *bp,
		       const char *domain)
{
	struct hc_server_backup *b = hc_list_push(a, &s->backups, backup_schema_p);

	b->policy = bp->name;
	b->domain = domain;
	if (bp->path)
		b->path = fill_template(a, bp->path, domain, s->id);
	b->window_from = bp->window_from;
	b->window_to = bp->window_to;
	b->generations = bp->generations;
}

/* The ready domain name is a subdomain of (one label under), or NULL. */
static const char *ready_parent(const struct hc_profile *p, const char *name)
{
	for (size_t i = 0; i < p->dns.ready_domains.n; i++) {
		const char *rd = p->dns.ready_domains.v[i];
		size_t n = strlen(name), m = strlen(rd);

		if (n > m + 1 && name[n - m - 1] == '.' && !strcmp(name + n - m, rd) &&
		    !memchr(name, '.', n - m - 1))
			return rd;
	}
	return NULL;
}

static const struct hc_dns_pattern *find_pattern(const struct hc_profile *p, const char *name)
{
	for (size_t i = 0; i < p->dns.patterns.n; i++) {
		const struct hc_dns_pattern *d = HC_LIST_AT(p->dns.patterns, struct hc_dns_pattern, i);

		if (!strcmp(d->name, name))
			return d;
	}
	return NULL;
}

static int add_domain(struct hc_txn *t, const struct hc_profile *p, struct hc_server *s,
		      const char *owner, const char *name, const char *pattern, bool web_elsewhere,
		      bool mail_elsewhere, struct hc_arena *a, struct hc_error *err)
{
	const char *rule = p->dns.source ? p->dns.source : p->spec;
	const char *parent;
	struct hc_server_domain *d;
	char label[16];
	bool is_ready;
	int rc;

	if (!p->dns.patterns.n)
		return hc_error_refuse(err, p->spec, "profile '%s' offers no domain service", p->name);
	if (!hc_check_string(HC_CHK_DOMAIN, name) || !strchr(name, '.'))
		return hc_error_set(err, HC_EUSAGE, "invalid domain '%.64s' (lowercase DNS name)", name);
	for (size_t i = 0; i < s->domains.n; i++)
		if (!strcmp(HC_LIST_AT(s->domains, struct hc_server_domain, i)->name, name))
			return hc_error_set(err, HC_ECONFLICT, "domain '%s' is already on server '%s'",
					    name, s->id);
	if (p->dns.max_domains != HC_INT_NONE && (int64_t)s->domains.n >= p->dns.max_domains)
		return hc_error_refuse(err, rule, "a server holds at most %lld domains",
				       (long long)p->dns.max_domains);
	if (!pattern)
		pattern = ready_parent(p, name) ? "ready" : "A";
	if (!find_pattern(p, pattern))
		return hc_error_refuse(err, rule, "no DNS pattern '%s' (offered: %s)", pattern,
				       names_of(a, &p->dns.patterns, sizeof(struct hc_dns_pattern),
						offsetof(struct hc_dns_pattern, name)));
	parent = ready_parent(p, name);
	is_ready = !strcmp(pattern, "ready");
	for (size_t i = 0; i < p->dns.ready_domains.n; i++)
		if (!strcmp(name, p->dns.ready_domains.v[i]))
			return hc_error_refuse(err, rule, "'%s' is a ready domain itself; choose a subdomain of it",
					       name);
	if (is_ready && !parent)
		return hc_error_refuse(err, rule,
				       "pattern ready is for one-label subdomains of the ready domains, not '%s'",
				       name);
	if (!is_ready && parent)
		return hc_error_refuse(err, rule, "'%s' is under the ready domain '%s': use pattern ready",
				       name, parent);
	/* Fix: a name deeper under a ready domain (a.b.smc-msv.jp) used to pass
	 * as a customer domain of pattern A, bypassing the claim on the
	 * one-label subdomain; the provider owns the ready domains, and only
	 * their one-label subdomains are offered (002 §2.2.4 レディドメイン). */
	for (size_t i = 0; i < p->dns.ready_domains.n && !parent; i++) {
		const char *rd = p->dns.ready_domains.v[i];
		size_t n = strlen(name), m = strlen(rd);

		if (n > m + 1 && name[n - m - 1] == '.' && !strcmp(name + n - m, rd))
			return hc_error_refuse(err, rule,
					       "'%s' is under the ready domain '%s': only one-label subdomains of it are offered",
					       name, rd);
	}
	if (is_ready) {
		rc = hc_claim_take(t, HC_CLAIM_READY_DOMAIN, name, owner, err);
		if (rc == HC_ECONFLICT)
			snprintf(err->rule, sizeof(err->rule), "%s", rule);
		if (rc)
			return rc;
	}
	rc = hc_index_put(t, HC_INDEX_DOMAINS, name, s->id, owner, err);
	if (rc)
		return rc;
	d = hc_list_push(a, &s->domains, domain_schema_p);
	d->name = hc_arena_strdup(a, name);
	d->pattern = hc_arena_strdup(a, pattern);
	d->ready = is_ready;
	d->web_elsewhere = web_elsewhere;
	d->mail_elsewhere = mail_elsewhere;
	if (p->dns.test_domain_suffix) {
		/* ドメイン固有の文字列 + test suffix (002 §2.2.4 テスト用ドメイン) */
		char material[512];

		snprintf(material, sizeof(material), "%s/%s", s->id, name);
		snprintf(label, sizeof(label), "t%010llx",
			 (unsigned long long)(hc_hash64(material, strlen(material), 7) & 0xffffffffffULL));
		d->test_domain = hc_arena_printf(a, "%s.%s", label, p->dns.test_domain_suffix);
	}
	for (size_t i = 0; i < p->backups.n; i++) {
		const struct hc_backup_policy *bp = HC_LIST_AT(p->backups, struct hc_backup_policy, i);

		if (bp->path && strstr(bp->path, "{domain}") && policy_applies(bp, s))
			add_backup(a, s, bp, d->name);
	}
	return HC_OK;
}

static int resolve_profile(const struct hc_catalog *cat, const struct hc_order *ord,
			   const struct hc_profile **out, struct hc_error *err)
{
	const struct hc_profile *hit = NULL;

	if (ord->profile) {
		*out = hc_catalog_profile(cat, ord->profile);
		if (!*out)
			return hc_error_set(err, HC_ENOTFOUND, "no profile '%s' in this state's catalog",
					    ord->profile);
		return HC_OK;
	}
	for (size_t i = 0; i < cat->n; i++) {
		if (!hc_profile_plan(&cat->profiles[i], ord->plan))
			continue;
		if (hit)
			return hc_error_set(err, HC_EUSAGE,
					    "plan '%s' exists in profiles '%s' and '%s'; give --profile",
					    ord->plan, hit->name, cat->profiles[i].name);
		hit = &cat->profiles[i];
	}
	if (!hit)
		return hc_error_set(err, HC_ENOTFOUND, "no profile offers a plan '%s'", ord->plan);
	*out = hit;
	return HC_OK;
}

/* Whether the customer already has a live server of this profile and kind. */
static int has_same_kind(struct hc_store *st, const char *customer, const struct hc_profile *p,
			 int kind, bool *out, struct hc_error *err)
{
	struct hc_arena a;
	struct hc_strs ids;
	int rc;

	*out = false;
	hc_arena_init(&a);
	rc = hc_index_members(st, HC_INDEX_CUSTOMER_SERVERS, customer, &ids, &a, err);
	for (size_t i = 0; i < ids.n && !rc && !*out; i++) {
		struct hc_server s;
		char path[256];
		const struct hc_plan *pl;

		snprintf(path, sizeof(path), "%s/%s.yaml", HC_SERVERS_DIR, ids.v[i]);
		rc = hc_store_load(st, &hc_server_schema, path, &s, &a, err);
		if (rc == HC_ENOTFOUND) {
			rc = HC_OK;      /* a stale index entry; validate reports it */
			continue;
		}
		if (rc)
			break;
		pl = hc_profile_plan(p, s.plan);
		*out = !strcmp(s.profile, p->name) && s.status != HC_SRV_CANCELLED && pl &&
		       pl->kind == kind;
	}
	hc_arena_release(&a);
	return rc;
}

int hc_server_order(struct hc_store *st, const struct hc_txn_options *o,
		    const struct hc_order *ord, struct hc_server_result *res,
		    struct hc_buf *report, struct hc_error *err)
{
	struct hc_arena *a = &res->arena;
	struct hc_server *s = &res->server;
	const struct hc_catalog *cat;
	const struct hc_profile *p;
	const struct hc_plan *plan;
	const struct hc_os *os;
	const struct hc_region *region;
	const struct hc_lead_time *lt;
	struct hc_txn *t = NULL;
	hc_time accepted = ord->accepted_at != HC_TIME_NONE ? ord->accepted_at : o->now;
	hc_day today = hc_time_day(accepted, st->utc_offset_min);
	char path[256], cpath[256], id[37], ip[16];
	bool added = false;
	int rc;

	rc = hc_store_catalog(st, &cat, err);
	if (!rc)
		rc = resolve_profile(cat, ord, &p, err);
	if (rc)
		return rc;
	plan = hc_profile_plan(p, ord->plan);
	if (!plan)
		return hc_error_refuse(err, first_source(&p->plans, sizeof(struct hc_plan),
							 offsetof(struct hc_plan, source), p->spec),
				       "profile '%s' offers no plan '%s' (offered: %s)",
				       p->name, ord->plan,
				       names_of(a, &p->plans, sizeof(struct hc_plan), offsetof(struct hc_plan, name)));
	os = ord->os ? hc_profile_os(p, ord->os) : hc_profile_default_os(p);
	if (!os)
		return hc_error_refuse(err, first_source(&p->os, sizeof(struct hc_os),
							 offsetof(struct hc_os, source), p->spec),
				       "profile '%s' offers no OS '%s' (offered: %s)", p->name,
				       ord->os ? ord->os : "(default)",
				       names_of(a, &p->os, sizeof(struct hc_os), offsetof(struct hc_os, name)));
	if (plan->os.n && !hc_strs_has(&plan->os, os->name))
		return hc_error_refuse(err, plan->source, "plan '%s' does not come with OS '%s'", plan->name,
				       os->name);
	region = ord->region ? hc_profile_region(p, ord->region) : hc_profile_default_region(p);
	if (!region)
		return hc_error_refuse(err, first_source(&p->regions, sizeof(struct hc_region),
							 offsetof(struct hc_region, source), p->spec),
				       "profile '%s' offers no region '%s' (offered: %s)",
				       p->name, ord->region ? ord->region : "(default)",
				       names_of(a, &p->regions, sizeof(struct hc_region),
						offsetof(struct hc_region, name)));
	if (plan->regions.n && !hc_strs_has(&plan->regions, region->name))
		return hc_error_refuse(err, plan->source, "plan '%s' is not offered in region '%s'",
				       plan->name, region->name);
	if (os->sale_end != HC_DAY_NONE && today >= os->sale_end) {
		char d[HC_DAY_BUFSZ];

		hc_day_format(os->sale_end, d);
		return hc_error_refuse(err, os->source, "OS '%s' is not sold for new orders since %s",
				       os->name, d);
	}
	for (size_t i = 0; i < ord->options.n; i++)
		if (!hc_profile_option(p, ord->options.v[i]))
			return hc_error_refuse(err, p->spec, "profile '%s' has no option '%s'", p->name,
					       ord->options.v[i]);
	for (size_t i = 0; i < os->requires_options.n; i++)
		if (!hc_strs_has(&ord->options, os->requires_options.v[i]))
			return hc_error_refuse(err, os->source, "OS '%s' requires the option '%s'", os->name,
					       os->requires_options.v[i]);
	if (os->support_end != HC_DAY_NONE && today >= os->support_end) {
		char d[HC_DAY_BUFSZ];

		hc_day_format(os->support_end, d);
		if (p->abuse.rescue_profile)
			note(res, "OS '%s' is past its vendor support since %s: rescue work is limited "
				  "(003 §2.1-1-1) and no reinstall of it is possible (000 §2.4.3.1.1)",
			     os->name, d);
		else
			note(res, "OS '%s' is past its vendor support since %s (%s)", os->name, d,
			     os->source ? os->source : p->spec);
	}
	if (!hc_name_valid(ord->customer))
		return hc_error_set(err, HC_EUSAGE, "invalid customer id '%.64s'", ord->customer);
	snprintf(cpath, sizeof(cpath), "%s/%s.yaml", HC_CUSTOMERS_DIR, ord->customer);
	if (!hc_store_exists(st, cpath))
		return hc_error_set(err, HC_ENOTFOUND, "no customer '%s' (hostctl customer add)",
				    ord->customer);
	if (ord->hostname && (!hc_check_string(HC_CHK_DOMAIN, ord->hostname) ||
			      !strchr(ord->hostname, '.')))
		return hc_error_set(err, HC_EUSAGE, "invalid hostname '%.64s' (a lowercase FQDN)",
				    ord->hostname);

	lt = hc_profile_lead_time(p, plan->kind);
	rc = has_same_kind(st, ord->customer, p, plan->kind, &added, err);
	if (rc)
		return rc;
	rc = hc_lead_time_ready(&st->cal, lt, accepted, ord->settings_submitted_at, added,
				&s->ready_by, &s->ready_at, err);
	if (rc)
		return rc;
	if (ord->requested_date != HC_DAY_NONE) {
		char d[HC_DAY_BUFSZ];

		if (s->ready_by != HC_DAY_NONE && ord->requested_date < s->ready_by) {
			hc_day_format(s->ready_by, d);
			return hc_error_refuse(err, lt ? lt->source : p->spec,
					       "the earliest hand-over date is %s", d);
		}
		s->ready_by = ord->requested_date;
		s->ready_at = HC_TIME_NONE;
	}
	if (lt && lt->note)
		note(res, "%s (%s)", lt->note, lt->source ? lt->source : p->spec);

	rc = hc_txn_begin(st, o, &t, err);
	if (rc)
		return rc;
	/* The id: random, or reproducible from the seed; never one in use. */
	for (unsigned n = 0;; n++) {
		char material[256];

		snprintf(material, sizeof(material), "%s/%s/%s/%lld", ord->id_seed ? ord->id_seed : "",
			 ord->customer, ord->plan, (long long)o->now);
		hc_uuid_new(id, ord->id_seed ? material : NULL, n);
		snprintf(path, sizeof(path), "%s/%s.yaml", HC_SERVERS_DIR, id);
		if (!hc_txn_exists(t, path))
			break;
	}
	s->id = hc_arena_strdup(a, id);
	s->customer = ord->customer;
	s->profile = p->name;
	s->plan = plan->name;
	s->os = os->name;
	s->region = region->name;
	s->status = HC_SRV_ORDERED;
	s->environment = ord->environment;
	for (size_t i = 0; i < ord->options.n; i++)
		if (!hc_strs_has(&s->options, ord->options.v[i]))
			hc_strs_push(a, &s->options, ord->options.v[i]);
	s->os_disk_gb = os->os_disk_gb;
	s->ordered_at = o->now;
	s->accepted_at = accepted;
	s->settings_submitted_at = ord->settings_submitted_at;

	s->hostname = ord->hostname ? ord->hostname
				    : hc_arena_printf(a, "sv-%.8s.%s.%s", id, region->name,
						      st->config.hostname_domain);
	rc = hc_claim_take(t, HC_CLAIM_HOSTNAME, s->hostname, path, err);
	{
		int64_t globals = plan->global_ips != HC_INT_NONE ? plan->global_ips : 1;

		for (size_t i = 0; i < s->options.n; i++) {
			const struct hc_option *op = hc_profile_option(p, s->options.v[i]);

			if (op->global_ips != HC_INT_NONE)
				globals += op->global_ips;
		}
		for (int64_t i = 0; i < globals && !rc; i++) {
			char seed[64];

			snprintf(seed, sizeof(seed), "%s#%lld", id, (long long)i);
			rc = hc_claim_allocate_ip(t, HC_POOL_GLOBAL, p->name, region->name, seed, path, ip,
						  err);
			if (!rc)
				hc_strs_push(a, &s->global_ips, hc_arena_strdup(a, ip));
		}
	}
	if (!rc && plan->private_ips != HC_INT_NONE && plan->private_ips > 0) {
		rc = hc_claim_allocate_ip(t, HC_POOL_PRIVATE, p->name, region->name, id, path, ip, err);
		if (!rc)
			s->private_ip = hc_arena_strdup(a, ip);
	}
	for (size_t i = 0; i < p->backups.n && !rc; i++) {
		const struct hc_backup_policy *bp = HC_LIST_AT(p->backups, struct hc_backup_policy, i);

		if ((!bp->path || !strstr(bp->path, "{domain}")) && policy_applies(bp, s))
			add_backup(a, s, bp, NULL);
	}
	if (!rc && ord->domain)
		rc = add_domain(t, p, s, path, ord->domain, ord->dns_pattern, ord->web_elsewhere,
				ord->mail_elsewhere, a, err);
	if (!rc)
		rc = hc_index_put(t, HC_INDEX_CUSTOMER_SERVERS, s->customer, s->id, path, err);
	if (!rc)
		rc = hc_txn_put_record(t, &hc_server_schema, path, s, err);
	if (!rc)
		rc = hc_txn_commit(t, report, err);
	hc_txn_free(t);
	return rc;
}

/* Loads the server named by ref inside t, with its profile. */
static int load_for_change(struct hc_store *st, struct hc_txn *t, const char *ref,
			   struct hc_server_result *res, char *path, size_t size,
			   const struct hc_profile **p, struct hc_error *err)
{
	int rc = hc_server_locate(st, ref, path, size, err);

	if (!rc)
		rc = hc_txn_load(t, &hc_server_schema, path, &res->server, &res->arena, err);
	if (!rc)
		rc = hc_store_profile(st, res->server.profile, p, err);
	return rc;
}

int hc_server_activate(struct hc_store *st, const struct hc_txn_options *o, const char *ref,
		       hc_time at, struct hc_server_result *res, struct hc_buf *report,
		       struct hc_error *err)
{
	const struct hc_profile *p;
	struct hc_txn *t;
	char path[256];
	int rc = hc_txn_begin(st, o, &t, err);

	if (rc)
		return rc;
	rc = load_for_change(st, t, ref, res, path, sizeof(path), &p, err);
	if (!rc && res->server.status != HC_SRV_ORDERED)
		rc = hc_error_set(err, HC_ECONFLICT, "server '%s' is %s, not ordered", res->server.id,
				  hc_server_status_names[res->server.status]);
	if (!rc && at < res->server.ordered_at)
		rc = hc_error_set(err, HC_EUSAGE, "--at is before the server was ordered");
	if (!rc) {
		res->server.status = HC_SRV_ACTIVE;
		res->server.activated_at = at;
		rc = hc_txn_put_record(t, &hc_server_schema, path, &res->server, err);
	}
	if (!rc)
		rc = hc_txn_commit(t, report, err);
	hc_txn_free(t);
	return rc;
}

int hc_server_cancel(struct hc_store *st, const struct hc_txn_options *o, const char *ref,
		     hc_time filed, hc_day effective, struct hc_server_result *res,
		     struct hc_buf *report, struct hc_error *err)
{
	const struct hc_profile *p;
	struct hc_txn *t;
	char path[256], day[HC_DAY_BUFSZ];
	int rc = hc_txn_begin(st, o, &t, err);

	if (rc)
		return rc;
	rc = load_for_change(st, t, ref, res, path, sizeof(path), &p, err);
	if (!rc && res->server.status != HC_SRV_ORDERED && res->server.status != HC_SRV_ACTIVE)
		rc = hc_error_set(err, HC_ECONFLICT, "server '%s' is already %s", res->server.id,
				  hc_server_status_names[res->server.status]);
	if (!rc)
		rc = hc_cancellation_allowed(&st->cal, &p->cancellation, filed, effective, err);
	if (!rc) {
		res->server.status = HC_SRV_CANCEL_PENDING;
		res->server.cancel_filed_at = filed;
		res->server.cancel_effective = effective;
		hc_day_format(effective, day);
		rc = hc_index_put(t, HC_INDEX_CANCEL_PENDING, day, res->server.id, path, err);
	}
	if (!rc && p->cancellation.freezes_options)
		note(res, "options of this server are frozen until the cancellation takes effect (%s)",
		     p->cancellation.source ? p->cancellation.source : p->spec);
	if (!rc)
		rc = hc_txn_put_record(t, &hc_server_schema, path, &res->server, err);
	if (!rc)
		rc = hc_txn_commit(t, report, err);
	hc_txn_free(t);
	return rc;
}

struct release_ctx {
	struct hc_txn *t;
	const char *owner;
	struct hc_error *err;
	int rc;
};

static void release_one(int kind, const char *value, void *ctx)
{
	struct release_ctx *c = ctx;

	if (!c->rc)
		c->rc = hc_claim_release(c->t, kind, value, c->owner, c->err);
}

int hc_server_sweep(struct hc_store *st, const struct hc_txn_options *o, hc_time at,
		    struct hc_server_result *res, struct hc_buf *report, struct hc_error *err)
{
	struct hc_arena *a = &res->arena;
	struct hc_strs days;
	struct hc_txn *t;
	hc_day today = hc_time_day(at, st->utc_offset_min);
	int rc = hc_txn_begin(st, o, &t, err);

	if (rc)
		return rc;
	rc = hc_index_keys(st, HC_INDEX_CANCEL_PENDING, &days, a, err);
	for (size_t i = 0; i < days.n && !rc; i++) {
		struct hc_strs ids;
		hc_day d;

		if (hc_day_parse(days.v[i], &d) || d > today)
			continue;
		rc = hc_index_members(st, HC_INDEX_CANCEL_PENDING, days.v[i], &ids, a, err);
		for (size_t k = 0; k < ids.n && !rc; k++) {
			struct hc_server s;
			struct release_ctx rel;
			char path[256];

			snprintf(path, sizeof(path), "%s/%s.yaml", HC_SERVERS_DIR, ids.v[k]);
			rc = hc_txn_load(t, &hc_server_schema, path, &s, a, err);
			if (rc == HC_ENOTFOUND) {
				rc = hc_index_drop(t, HC_INDEX_CANCEL_PENDING, days.v[i], ids.v[k], err);
				continue;
			}
			if (rc)
				break;
			if (s.status != HC_SRV_CANCEL_PENDING) {
				/* Stale: the server left cancel-pending another way. */
				rc = hc_index_drop(t, HC_INDEX_CANCEL_PENDING, days.v[i], ids.v[k], err);
				continue;
			}
			if (s.cancel_effective > today)
				continue;
			rc = hc_index_drop(t, HC_INDEX_CANCEL_PENDING, days.v[i], ids.v[k], err);
			if (rc)
				break;
			rel = (struct release_ctx){ t, path, err, HC_OK };
			hc_server_claims(&s, release_one, &rel);
			rc = rel.rc;
			for (size_t j = 0; j < s.domains.n && !rc; j++) {
				struct hc_server_domain *dm = HC_LIST_AT(s.domains, struct hc_server_domain, j);

				rc = hc_index_drop(t, HC_INDEX_DOMAINS, dm->name, s.id, err);
				/* 002 §3.2: the domain options go with the server. */
				memset(&dm->options, 0, sizeof(dm->options));
			}
			/* index/servers-by-customer keeps cancelled servers: reports
			 * of past months need them. */
			if (rc)
				break;
			s.status = HC_SRV_CANCELLED;
			s.cancelled_at = at;
			rc = hc_txn_put_record(t, &hc_server_schema, path, &s, err);
			hc_strs_push(a, &res->ids, s.id);
		}
	}
	if (!rc)
		rc = hc_txn_commit(t, report, err);
	hc_txn_free(t);
	return rc;
}

int hc_server_add_domains(struct hc_store *st, const struct hc_txn_options *o, const char *ref,
			  const char *const *domains, size_t n, const char *pattern,
			  bool web_elsewhere, bool mail_elsewhere, struct hc_server_result *res,
			  struct hc_buf *report, struct hc_error *err)
{
	const struct hc_profile *p;
	struct hc_txn *t;
	char path[256];
	int rc = hc_txn_begin(st, o, &t, err);

	if (rc)
		return rc;
	rc = load_for_change(st, t, ref, res, path, sizeof(path), &p, err);
	if (!rc && res->server.status == HC_SRV_CANCELLED)
		rc = hc_error_set(err, HC_ECONFLICT, "server '%s' is cancelled", res->server.id);
	for (size_t i = 0; i < n && !rc; i++)
		rc = add_domain(t, p, &res->server, path, domains[i], pattern, web_elsewhere,
				mail_elsewhere, &res->arena, err);
	if (!rc)
		rc = hc_txn_put_record(t, &hc_server_schema, path, &res->server, err);
	if (!rc)
		rc = hc_txn_commit(t, report, err);
	hc_txn_free(t);
	return rc;
}
