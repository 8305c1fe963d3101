/*
 * config.c - hostctl.yaml: the schema and the defaults `hostctl init` writes.
 */
#include <stdio.h>
#include <string.h>

#include "hostctl/catalog.h"
#include "hostctl/config.h"

const char *const hc_pool_family_names[] = { "global", "private", NULL };

static const struct hc_field pool_fields[] = {
	HC_FIELD_STR(struct hc_pool, name, "name", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_pool, profile, "profile", 0, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_pool, region, "region", 0, HC_CHK_NAME),
	HC_FIELD_ENUM(struct hc_pool, family, "family", HC_REQ, hc_pool_family_names),
	HC_FIELD_STR(struct hc_pool, cidr, "cidr", HC_REQ, HC_CHK_CIDR),
	HC_FIELD_STRS(struct hc_pool, exclude, "exclude", 0, HC_CHK_IPV4),
};
static const struct hc_schema pool_schema = HC_SCHEMA(struct hc_pool, "pool", pool_fields);

static const struct hc_field config_fields[] = {
	HC_FIELD_INT(struct hc_config, version, "version", HC_REQ, 1, 1),
	HC_FIELD_STR(struct hc_config, provider, "provider", 0, HC_CHK_NONE),
	HC_FIELD_STR(struct hc_config, zone, "zone", 0, HC_CHK_NONE),
	HC_FIELD_STR(struct hc_config, utc_offset, "utc_offset", HC_REQ, HC_CHK_NONE),
	HC_FIELD(struct hc_config, closure_from, "closure_from", HC_F_MMDD, 0),
	HC_FIELD(struct hc_config, closure_to, "closure_to", HC_F_MMDD, 0),
	HC_FIELD_STRS(struct hc_config, profiles, "profiles", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_config, hostname_domain, "hostname_domain", HC_REQ, HC_CHK_DOMAIN),
	HC_FIELD_STRS(struct hc_config, nameservers, "nameservers", 0, HC_CHK_DOMAIN),
	HC_FIELD_STR(struct hc_config, hostmaster, "hostmaster", 0, HC_CHK_DOMAIN),
	HC_FIELD_LIST(struct hc_config, pools, "pools", 0, pool_schema),
	HC_FIELD_STR(struct hc_config, samples, "samples", 0, HC_CHK_NONE),
	HC_FIELD(struct hc_config, git_commit, "git_commit", HC_F_BOOL, 0),
};
const struct hc_schema hc_config_schema = HC_SCHEMA(struct hc_config, "hostctl.yaml", config_fields);

int hc_utc_offset_parse(const char *s, int *minutes)
{
	int h, m;

	if (strcmp(s, "Z") == 0) {
		*minutes = 0;
		return 0;
	}
	if (strlen(s) != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':')
		return -1;
	for (int i = 1; i < 6; i++)
		if (i != 3 && (s[i] < '0' || s[i] > '9'))
			return -1;
	h = (s[1] - '0') * 10 + (s[2] - '0');
	m = (s[4] - '0') * 10 + (s[5] - '0');
	if (h > 14 || m > 59)
		return -1;
	*minutes = (s[0] == '-' ? -1 : 1) * (h * 60 + m);
	return 0;
}

void hc_config_init_default(struct hc_config *cfg, const struct hc_catalog *cat,
			    struct hc_arena *a)
{
	int k = 0;

	hc_record_init(&hc_config_schema, cfg);
	cfg->version = 1;
	cfg->provider = "Example Hosting K.K.";
	cfg->zone = "Asia/Tokyo";
	cfg->utc_offset = "+09:00";
	cfg->closure_from = 1229;
	cfg->closure_to = 103;
	cfg->hostname_domain = "hosting.example.jp";
	hc_strs_push(a, &cfg->nameservers, "ns1.hosting.example.jp");
	hc_strs_push(a, &cfg->nameservers, "ns2.hosting.example.jp");
	cfg->hostmaster = "hostmaster.hosting.example.jp";
	cfg->samples = "samples";
	for (size_t i = 0; i < cat->n; i++) {
		const struct hc_profile *p = &cat->profiles[i];

		hc_strs_push(a, &cfg->profiles, p->name);
		if (!p->plans.n)
			continue;
		for (size_t r = 0; r < p->regions.n && k < 32; r++, k++) {
			const struct hc_region *reg = HC_LIST_AT(p->regions, struct hc_region, r);
			struct hc_pool *g = hc_list_push(a, &cfg->pools, &pool_schema);
			struct hc_pool *v = hc_list_push(a, &cfg->pools, &pool_schema);
			/* 198.18.0.0/15 in /20 blocks: 4094 usable addresses each. */
			int third = 18 * 256 + k * 16;

			g->name = hc_arena_printf(a, "%s-%s-global", p->name, reg->name);
			g->profile = p->name;
			g->region = reg->name;
			g->family = HC_POOL_GLOBAL;
			g->cidr = hc_arena_printf(a, "198.%d.%d.0/20", third / 256, third % 256);
			hc_strs_push(a, &g->exclude, hc_arena_printf(a, "198.%d.%d.1", third / 256, third % 256));
			v->name = hc_arena_printf(a, "%s-%s-private", p->name, reg->name);
			v->profile = p->name;
			v->region = reg->name;
			v->family = HC_POOL_PRIVATE;
			v->cidr = hc_arena_printf(a, "10.%d.0.0/16", k + 1);
			hc_strs_push(a, &v->exclude, hc_arena_printf(a, "10.%d.0.1", k + 1));
		}
	}
}
