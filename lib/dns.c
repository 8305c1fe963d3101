/*
 * dns.c - record sets and zone files from DNS patterns (002 §2.2.4).
 */
#include <stdio.h>
#include <string.h>

#include "hostctl/claim.h"
#include "hostctl/dns.h"

static const struct hc_schema rr_schema = { "rr", sizeof(struct hc_dns_rr), NULL, 0 };

void hc_dns_view_init(struct hc_dns_view *v)
{
	memset(v, 0, sizeof(*v));
	hc_arena_init(&v->arena);
}

void hc_dns_view_release(struct hc_dns_view *v)
{
	hc_arena_release(&v->arena);
	memset(v, 0, sizeof(*v));
}

static const char *fill(struct hc_arena *a, const char *tpl, const char *domain, const char *ip)
{
	struct hc_buf b = HC_BUF_INIT;
	const char *out;

	for (const char *p = tpl; *p;) {
		if (!strncmp(p, "{domain}", 8)) {
			hc_buf_adds(&b, domain);
			p += 8;
		} else if (!strncmp(p, "{ip}", 4)) {
			hc_buf_adds(&b, ip);
			p += 4;
		} else {
			hc_buf_addc(&b, *p++);
		}
	}
	out = hc_arena_strdup(a, b.p);
	hc_buf_release(&b);
	return out;
}

int hc_dns_view_load(struct hc_store *st, const char *domain, const char *server,
		     struct hc_dns_view *v, struct hc_error *err)
{
	struct hc_strs ids;
	const char *id = NULL;
	const struct hc_server_domain *d = NULL;
	char path[256];
	int rc;

	if (!hc_check_string(HC_CHK_DOMAIN, domain))
		return hc_error_set(err, HC_EUSAGE, "invalid domain '%.64s'", domain);
	rc = hc_index_members(st, HC_INDEX_DOMAINS, domain, &ids, &v->arena, err);
	if (rc)
		return rc;
	if (server) {
		for (size_t i = 0; i < ids.n && !id; i++)
			if (!strncmp(ids.v[i], server, strlen(server)))
				id = ids.v[i];
		if (!id)
			return hc_error_set(err, HC_ENOTFOUND, "server '%s' does not hold '%s'", server,
					    domain);
	} else if (ids.n == 1) {
		id = ids.v[0];
	} else if (ids.n == 0) {
		return hc_error_set(err, HC_ENOTFOUND, "no server holds the domain '%s'", domain);
	} else {
		return hc_error_set(err, HC_EUSAGE, "%zu servers hold '%s'; name one with --server",
				    ids.n, domain);
	}
	snprintf(path, sizeof(path), "%s/%s.yaml", HC_SERVERS_DIR, id);
	rc = hc_store_load(st, &hc_server_schema, path, &v->server, &v->arena, err);
	if (!rc)
		rc = hc_store_profile(st, v->server.profile, &v->profile, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < v->server.domains.n && !d; i++)
		if (!strcmp(HC_LIST_AT(v->server.domains, struct hc_server_domain, i)->name, domain))
			d = HC_LIST_AT(v->server.domains, struct hc_server_domain, i);
	if (!d)
		return hc_error_at(err, HC_EINVALID, path, 1, 1,
				   "index/domains names this server for '%s' but it does not hold it",
				   domain);
	v->domain = d;
	for (size_t i = 0; i < v->profile->dns.patterns.n; i++) {
		const struct hc_dns_pattern *p = HC_LIST_AT(v->profile->dns.patterns, struct hc_dns_pattern, i);

		if (!strcmp(p->name, d->pattern))
			v->pattern = p;
	}
	if (!v->pattern)
		return hc_error_at(err, HC_EINVALID, path, 1, 1, "profile '%s' has no DNS pattern '%s'",
				   v->profile->name, d->pattern);
	if (!v->server.global_ips.n)
		return hc_error_at(err, HC_EINVALID, path, 1, 1, "server has no global address");
	for (size_t i = 0; i < v->profile->dns.records.n; i++) {
		const struct hc_dns_record *r = HC_LIST_AT(v->profile->dns.records, struct hc_dns_record, i);
		struct hc_dns_rr *rr;

		if (r->unless && ((!strcmp(r->unless, "web-elsewhere") && d->web_elsewhere) ||
				  (!strcmp(r->unless, "mail-elsewhere") && d->mail_elsewhere)))
			continue;
		rr = hc_list_push(&v->arena, &v->records, &rr_schema);
		rr->name = r->name;
		rr->type = r->type;
		rr->value = fill(&v->arena, r->value, domain, v->server.global_ips.v[0]);
	}
	return HC_OK;
}

void hc_dns_zone(const struct hc_config *cfg, const struct hc_dns_view *v, hc_day day,
		 struct hc_buf *out)
{
	const struct hc_dns_pattern *p = v->pattern;
	bool primary = p->primary == HC_PARTY_PROVIDER;
	bool secondary = p->secondary == HC_PARTY_PROVIDER;
	char d[HC_DAY_BUFSZ];
	int y, m, dd;

	hc_day_split(day, &y, &m, &dd);
	hc_day_format(day, d);
	hc_buf_addf(out, "; %s: DNS pattern %s (primary: %s, secondary: %s), server %s (%s)\n",
		    v->domain->name, p->name, hc_party_names[p->primary], hc_party_names[p->secondary],
		    v->server.id, p->source ? p->source : v->profile->spec);
	if (!primary)
		hc_buf_adds(out, "; the customer's primary DNS serves this domain: these are the records "
				 "to hand over\n");
	hc_buf_addf(out, "$ORIGIN %s.\n$TTL 3600\n", v->domain->name);
	if (primary) {
		hc_buf_addf(out, "@\tIN\tSOA\t%s. %s. %04d%02d%02d01 3600 900 604800 3600\n",
			    cfg->nameservers.n ? cfg->nameservers.v[0] : "ns1",
			    cfg->hostmaster ? cfg->hostmaster : "hostmaster", y, m, dd);
	}
	if (primary || secondary)
		for (size_t i = 0; i < cfg->nameservers.n; i++)
			hc_buf_addf(out, "@\tIN\tNS\t%s.\n", cfg->nameservers.v[i]);
	for (size_t i = 0; i < v->records.n; i++) {
		const struct hc_dns_rr *rr = HC_LIST_AT(v->records, struct hc_dns_rr, i);

		hc_buf_addf(out, "%s\tIN\t%s\t%s\n", rr->name, rr->type, rr->value);
	}
	(void)d;
}
