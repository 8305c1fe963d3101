/*
 * dns.h - a domain's records and zone from its DNS pattern (002 §2.2.4).
 *
 * The records are derived from the server and the profile's provider-primary
 * record set every time; nothing but the domain, its pattern and the
 * web/mail-elsewhere flags is stored.
 */
#ifndef HOSTCTL_DNS_H
#define HOSTCTL_DNS_H

#include "hostctl/catalog.h"
#include "hostctl/server.h"
#include "hostctl/store.h"

struct hc_dns_rr {
	const char *name;                /* relative owner: "@", "www", "mail" */
	const char *type;
	const char *value;               /* RDATA as zone-file text */
};

struct hc_dns_view {
	struct hc_arena arena;
	struct hc_server server;
	const struct hc_server_domain *domain;
	const struct hc_dns_pattern *pattern;
	const struct hc_profile *profile;
	struct hc_list records;          /* struct hc_dns_rr */
};

void hc_dns_view_init(struct hc_dns_view *v);
void hc_dns_view_release(struct hc_dns_view *v);

/*
 * Finds the server holding domain (through index/domains/<domain>; server
 * narrows it down when several servers hold it) and derives its record set:
 * the profile's records with {ip} and {domain} filled in, without those
 * marked unless web-elsewhere / mail-elsewhere when that applies.
 * HC_ENOTFOUND, HC_EUSAGE when several servers hold it and none is named.
 */
int hc_dns_view_load(struct hc_store *st, const char *domain, const char *server,
		     struct hc_dns_view *v, struct hc_error *err);

/*
 * Writes the zone text. When the provider is primary (patterns A and
 * ready) a whole zone: SOA (serial YYYYMMDD01 of day), the provider's NS
 * and the records. Otherwise only what the provider serves, to hand over:
 * its NS as secondaries when it is secondary (pattern B), and the records
 * of the services on the server (pattern C: no NS at all).
 */
void hc_dns_zone(const struct hc_config *cfg, const struct hc_dns_view *v, hc_day day,
		 struct hc_buf *out);

#endif
