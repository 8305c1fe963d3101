/*
 * config.h - the state's settings, hostctl.yaml at the state root.
 */
#ifndef HOSTCTL_CONFIG_H
#define HOSTCTL_CONFIG_H

#include "hostctl/record.h"

extern const char *const hc_pool_family_names[];     /* global private */
enum hc_pool_family { HC_POOL_GLOBAL, HC_POOL_PRIVATE };

/* An address pool: servers of profile/region draw addresses from it. */
struct hc_pool {
	const char *name;
	const char *profile;          /* NULL: every profile */
	const char *region;           /* NULL: every region */
	int family;                   /* enum hc_pool_family */
	const char *cidr;             /* a.b.c.d/n */
	struct hc_strs exclude;       /* never allocated (gateways, routers) */
};

struct hc_config {
	int64_t version;              /* 1 */
	const char *provider;         /* the provider's name, for reports */
	const char *zone;             /* e.g. "Asia/Tokyo" (documentation) */
	const char *utc_offset;       /* "+09:00": the provider's fixed offset */
	int closure_from, closure_to; /* year-end closure, MMDD (1229, 103) */
	struct hc_strs profiles;      /* catalog/<name>.yaml files in use */
	const char *hostname_domain;  /* generated hostnames end in this */
	struct hc_strs nameservers;   /* provider DNS servers, for zones */
	const char *hostmaster;       /* SOA contact */
	struct hc_list pools;         /* struct hc_pool */
	const char *samples;          /* bandwidth sample store, relative to the root */
	bool git_commit;              /* `git commit` every mutation */
};

extern const struct hc_schema hc_config_schema;

/* Parses "+09:00" / "-05:30" / "Z" into minutes. Returns 0 or -1. */
int hc_utc_offset_parse(const char *s, int *minutes);

struct hc_catalog;

/*
 * Fills cfg with the settings `hostctl init` writes for the profiles named
 * in cat: Asia/Tokyo (+09:00), closure 12-29 ... 01-03, and for every
 * region of every profile with plans a global pool carved from
 * 198.18.0.0/15 (RFC 2544, never routed) and a private pool from 10/8.
 * Strings live in arena a.
 */
void hc_config_init_default(struct hc_config *cfg, const struct hc_catalog *cat,
			    struct hc_arena *a);

#endif
