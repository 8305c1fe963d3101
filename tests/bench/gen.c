/*
 * bench-gen - writes a realistic hostctl state for the benchmark
 * (tests/bench/run.sh), through the library's own writers.
 *
 * usage: bench-gen STATE_DIR SERVERS [SEED]
 *
 * STATE_DIR must not hold a state yet. What it writes, all from SEED
 * (default 1) so that every run writes the same bytes:
 *
 *   - hostctl init (hc_state_init) with every built-in profile;
 *   - customers (one per five servers, at least three) with contacts;
 *   - SERVERS servers over the four profiles that have plans (clara-rescue
 *     has none: it is the rescue menu of clara-jp6), each with the profile's
 *     own plans, OS (sale end and required options respected), regions and
 *     options; mostly active, some ordered, cancel-pending or cancelled,
 *     some handed over or cancelled during 2026-11; hostnames, global and
 *     private addresses (hc_claim_allocate_ip, as provision allocates),
 *     ready-domain subdomains as claims; the path indexes
 *     servers-by-customer, domains and cancel-pending; backups, disks,
 *     firewall rules and domains where the profile has them;
 *   - the incidents of 2026-11: 0-6 per server, durations from minutes to
 *     two days, causes counted and excluded (004 §3.4), some overlapping,
 *     some crossing the month's edges, a few still open;
 *   - maintenance windows (0-2 per server), announced or the customer's;
 *   - a month of 5-minute bandwidth samples for every metered server
 *     (clara-jp6) in service during 2026-11, gzip (zlib), in
 *     STATE_DIR/samples/<uuid>/2026-11.tsv.gz: "epoch\tin\tout" lines with
 *     collector jitter, a few missing slots, duplicates and a line from the
 *     month before.
 *
 * Records go through hc_txn_put_record, claims through hc_claim_take /
 * hc_claim_allocate_ip, index entries through hc_index_put, 500 records
 * per transaction, git commit off. The random numbers are integer-only
 * (no libm), so the bytes do not depend on the machine either.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <zlib.h>

#include "hostctl/claim.h"
#include "hostctl/customer.h"
#include "hostctl/incident.h"
#include "hostctl/server.h"
#include "hostctl/sla.h"
#include "hostctl/store.h"
#include "hostctl/validate.h"

#define OFF 540                      /* +09:00, the default state's zone */
#define BATCH 500                    /* records per transaction */

static uint64_t g_seed = 1;

/* ---- deterministic randomness -------------------------------------------- */

struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A stream of its own per (what, index): data of one server does not
 * depend on how many came before it. */
static void rng_init(struct rng *r, const char *what, uint64_t index)
{
	char material[128];
	int n = snprintf(material, sizeof(material), "%llu/%s/%llu", (unsigned long long)g_seed, what,
			 (unsigned long long)index);

	r->s = hc_hash64(material, (size_t)n, 0x5eed);
}

/* Uniform in [0, n). */
static uint64_t rnd(struct rng *r, uint64_t n)
{
	return n ? rng_next(r) % n : 0;
}

static bool chance(struct rng *r, unsigned per_mille)
{
	return rnd(r, 1000) < per_mille;
}

/* Index drawn by integer weights. */
static size_t pick(struct rng *r, const unsigned *w, size_t n)
{
	unsigned total = 0, x;

	for (size_t i = 0; i < n; i++)
		total += w[i];
	x = (unsigned)rnd(r, total);
	for (size_t i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

#define PICK(r, w) pick((r), (w), sizeof(w) / sizeof((w)[0]))

/* A random-looking version 4 UUID, as libuuid gives provision (the ids
 * hc_uuid_new derives from a seed share long prefixes, which a real state
 * does not have). */
static void make_uuid(char out[37], const char *what, uint64_t index)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char u[16];
	struct rng r;
	uint64_t h1, h2;
	size_t k = 0;

	rng_init(&r, what, index);
	h1 = rng_next(&r);
	h2 = rng_next(&r);
	for (int i = 0; i < 8; i++) {
		u[i] = (unsigned char)(h1 >> (56 - 8 * i));
		u[8 + i] = (unsigned char)(h2 >> (56 - 8 * i));
	}
	u[6] = (u[6] & 0x0f) | 0x40;     /* version 4 */
	u[8] = (u[8] & 0x3f) | 0x80;     /* RFC 4122 variant */
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[k++] = '-';
		out[k++] = hex[u[i] >> 4];
		out[k++] = hex[u[i] & 15];
	}
	out[k] = '\0';
}

/* ---- helpers --------------------------------------------------------------- */

static void die(const char *what, const struct hc_error *err)
{
	char buf[2048];

	hc_error_format(err, buf, sizeof(buf));
	fprintf(stderr, "bench-gen: %s: %s\n", what, buf);
	exit(1);
}

static hc_time at(int y, int m, int d, int hh, int mm)
{
	return hc_time_at(hc_day_make(y, m, d), hh * 60 + mm, OFF);
}

struct batch {
	struct hc_store *st;
	struct hc_txn_options o;
	struct hc_txn *t;
	size_t n;
	struct hc_arena a;               /* records of the current transaction */
};

/* The schema of a list field's elements (the sub-schemas are private to
 * their record's source file). */
static const struct hc_schema *sub(const struct hc_schema *s, const char *key)
{
	const struct hc_field *f = hc_schema_field(s, key);

	if (!f || !f->sub) {
		fprintf(stderr, "bench-gen: no list '%s' in %s\n", key, s->name);
		exit(1);
	}
	return f->sub;
}

static void batch_begin(struct batch *b)
{
	struct hc_error err;

	if (hc_txn_begin(b->st, &b->o, &b->t, &err))
		die("begin", &err);
	b->n = 0;
	hc_arena_init(&b->a);
}

static void batch_commit(struct batch *b)
{
	struct hc_error err;

	if (!b->t)
		return;
	if (hc_txn_commit(b->t, NULL, &err))
		die("commit", &err);
	hc_txn_free(b->t);
	b->t = NULL;
	hc_arena_release(&b->a);
}

/* Called after each record: commits every BATCH records. */
static void batch_step(struct batch *b)
{
	if (++b->n >= BATCH) {
		batch_commit(b);
		batch_begin(b);
	}
}

/* ---- customers -------------------------------------------------------------- */

static const char *const family_names[] = { "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺",
					    "山本", "中村", "小林", "加藤" };
static const char *const given_names[] = { "太郎", "花子", "一郎", "美咲", "健太", "陽子",
					   "大輔", "由美" };
static const char *const company_kinds[] = { "株式会社", "有限会社", "合同会社" };
static const char *const company_words[] = { "アクメ", "さくら", "みなと", "ひかり", "やまと",
					      "あおば", "ことぶき", "北斗", "東西", "中央" };

static void write_customers(struct batch *b, size_t n)
{
	struct hc_error err;

	batch_begin(b);
	for (size_t i = 0; i < n; i++) {
		struct hc_customer c;
		struct rng r;
		char path[128];
		size_t ncontacts;

		rng_init(&r, "customer", i);
		hc_record_init(&hc_customer_schema, &c);
		c.id = hc_arena_printf(&b->a, "c%05zu", i + 1);
		c.name = hc_arena_printf(&b->a, "%s%s%s%zu", company_kinds[rnd(&r, 3)],
					 company_words[rnd(&r, 10)], rnd(&r, 2) ? "システムズ" : "商事",
					 i + 1);
		c.contract_email = hc_arena_printf(&b->a, "contract@c%05zu.example.jp", i + 1);
		c.monitoring_email = hc_arena_printf(&b->a, "noc@c%05zu.example.jp", i + 1);
		c.emergency_phone = hc_arena_printf(&b->a, "03-%04u-%04u", (unsigned)rnd(&r, 10000),
						    (unsigned)rnd(&r, 10000));
		ncontacts = 1 + (size_t)rnd(&r, 3);
		for (size_t k = 0; k < ncontacts; k++) {
			struct hc_contact *ct = hc_list_push(&b->a, &c.contacts, sub(&hc_customer_schema, "contacts"));

			ct->id = hc_arena_printf(&b->a, "op%zu", k + 1);
			ct->name = hc_arena_printf(&b->a, "%s%s", family_names[rnd(&r, 10)],
						   given_names[rnd(&r, 8)]);
			ct->phone = hc_arena_printf(&b->a, "090-%04u-%04u", (unsigned)rnd(&r, 10000),
						    (unsigned)rnd(&r, 10000));
			ct->email = hc_arena_printf(&b->a, "op%zu@c%05zu.example.jp", k + 1, i + 1);
		}
		snprintf(path, sizeof(path), "%s/%s.yaml", HC_CUSTOMERS_DIR, c.id);
		if (hc_txn_put_record(b->t, &hc_customer_schema, path, &c, &err))
			die(path, &err);
		batch_step(b);
	}
	batch_commit(b);
}

/* ---- servers ------------------------------------------------------------------ */

/* What the later steps need of each server. */
struct srv {
	char id[37];
	int profile;                     /* index into profiles[] */
	int status;
	bool dev;
	hc_time from, to;                /* in service: activated .. cancelled (NONE: open) */
};

enum { P_JECC, P_SMC, P_JP6, P_WEB, NPROFILES };
static const char *const profile_names[NPROFILES] = {
	"jecc-waterpf", "smartconnect-managed", "clara-jp6", "webarena"
};
/* 35 % jecc, 25 % smartconnect, 20 % jp6, 20 % webarena, interleaved so
 * that a small state has every profile. */
static const int profile_cycle[20] = {
	P_JECC, P_SMC, P_JP6, P_WEB, P_JECC, P_SMC, P_JP6, P_WEB, P_JECC, P_JECC,
	P_SMC, P_JECC, P_JP6, P_WEB, P_JECC, P_SMC, P_JP6, P_WEB, P_JECC, P_SMC
};

struct gen {
	struct hc_store *st;
	const struct hc_catalog *cat;
	const struct hc_profile *p[NPROFILES];
	size_t ncustomers;
	struct srv *srv;
	size_t n;
};

static void add_option(struct hc_arena *a, struct hc_server *s, const char *name)
{
	if (!hc_strs_has(&s->options, name))
		hc_strs_push(a, &s->options, name);
}

/* An OS of the profile by weights over its list; one no longer sold on the
 * order day falls back to the default. */
static const struct hc_os *pick_os(struct rng *r, const struct hc_profile *p, const unsigned *w,
				   size_t nw, hc_day ordered)
{
	size_t i = pick(r, w, nw < p->os.n ? nw : p->os.n);
	const struct hc_os *os = HC_LIST_AT(p->os, struct hc_os, i);

	if (os->sale_end != HC_DAY_NONE && ordered >= os->sale_end)
		os = hc_profile_default_os(p);
	return os;
}

static const char *pool_address(struct hc_store *st, int family, const char *profile,
				const char *region, uint64_t h, struct hc_arena *a)
{
	for (size_t i = 0; i < st->config.pools.n; i++) {
		const struct hc_pool *pool = HC_LIST_AT(st->config.pools, struct hc_pool, i);
		unsigned o1, o2, o3, o4, bits;
		uint32_t net, count;

		if (pool->family != family || (pool->profile && strcmp(pool->profile, profile)) ||
		    (pool->region && strcmp(pool->region, region)))
			continue;
		if (sscanf(pool->cidr, "%u.%u.%u.%u/%u", &o1, &o2, &o3, &o4, &bits) != 5 || bits > 30)
			break;
		net = o1 << 24 | o2 << 16 | o3 << 8 | o4;
		count = (UINT32_C(1) << (32 - bits)) - 3;
		net += 2 + (uint32_t)(h % count);
		return hc_arena_printf(a, "%u.%u.%u.%u", net >> 24, (net >> 16) & 255, (net >> 8) & 255,
				       net & 255);
	}
	return NULL;
}

static const char *fill_template(struct hc_arena *a, const char *tpl, const char *domain,
				 const char *uuid)
{
	struct hc_buf b = HC_BUF_INIT;
	const char *out;

	for (const char *q = tpl; *q;) {
		if (!strncmp(q, "{domain}", 8)) {
			hc_buf_adds(&b, domain ? domain : "");
			q += 8;
		} else if (!strncmp(q, "{uuid}", 6)) {
			hc_buf_adds(&b, uuid);
			q += 6;
		} else {
			hc_buf_addc(&b, *q++);
		}
	}
	out = hc_arena_strdup(a, b.p);
	hc_buf_release(&b);
	return out;
}

static void add_backup(struct hc_arena *a, struct hc_server *s, const struct hc_backup_policy *bp,
		       const char *domain)
{
	struct hc_server_backup *bk = hc_list_push(a, &s->backups, sub(&hc_server_schema, "backups"));

	bk->policy = bp->name;
	bk->domain = domain;
	bk->path = bp->path ? fill_template(a, bp->path, domain, s->id) : NULL;
	bk->window_from = bp->window_from;
	bk->window_to = bp->window_to;
	bk->generations = bp->generations;
}

/* The backup policies provision adds: those without a {domain} path at the
 * order, the per-domain ones with each domain. */
static void add_backups(struct hc_arena *a, const struct hc_profile *p, struct hc_server *s,
			const char *domain)
{
	for (size_t i = 0; i < p->backups.n; i++) {
		const struct hc_backup_policy *bp = HC_LIST_AT(p->backups, struct hc_backup_policy, i);
		bool per_domain = bp->path && strstr(bp->path, "{domain}");

		if (per_domain != (domain != NULL))
			continue;
		if (bp->requires_option && !hc_server_has_option(s, bp->requires_option))
			continue;
		add_backup(a, s, bp, domain);
	}
}

static const char *const ready_domains_fallback[] = { "smc-msv.jp" };

static void add_domains(struct batch *b, struct rng *r, const struct hc_profile *p,
			struct hc_server *s, size_t index, const char *path, bool live)
{
	size_t n = 1 + (size_t)PICK(r, ((const unsigned[]){ 60, 25, 10, 5 }));
	struct hc_error err;

	for (size_t k = 0; k < n; k++) {
		struct hc_server_domain *d = hc_list_push(&b->a, &s->domains, sub(&hc_server_schema, "domains"));
		char material[512], label[16];

		if (k == 0 && chance(r, 350)) {
			const char *rd = p->dns.ready_domains.n
				? p->dns.ready_domains.v[rnd(r, p->dns.ready_domains.n)]
				: ready_domains_fallback[0];

			d->name = hc_arena_printf(&b->a, "s%zu-%.6s.%s", index, s->id, rd);
			d->pattern = "ready";
			d->ready = true;
		} else {
			static const unsigned w[] = { 60, 25, 15 };
			static const char *const pat[] = { "A", "B", "C" };

			d->name = hc_arena_printf(&b->a, "%s%zu-%zu.example.co.jp",
						  k == 0 ? "www" : "shop", index, k);
			d->pattern = pat[PICK(r, w)];
			d->web_elsewhere = d->pattern[0] == 'A' && chance(r, 80);
			d->mail_elsewhere = d->pattern[0] == 'A' && chance(r, 150);
		}
		/* ドメイン固有の文字列 + test suffix, as provision derives it. */
		snprintf(material, sizeof(material), "%s/%s", s->id, d->name);
		snprintf(label, sizeof(label), "t%010llx",
			 (unsigned long long)(hc_hash64(material, strlen(material), 7) & 0xffffffffffULL));
		if (p->dns.test_domain_suffix)
			d->test_domain = hc_arena_printf(&b->a, "%s.%s", label, p->dns.test_domain_suffix);
		if (live && chance(r, 100))
			hc_strs_push(&b->a, &d->options, "domain-maintenance");
		if (live) {
			if (d->ready && hc_claim_take(b->t, HC_CLAIM_READY_DOMAIN, d->name, path, &err))
				die(d->name, &err);
			if (hc_index_put(b->t, HC_INDEX_DOMAINS, d->name, s->id, path, &err))
				die(d->name, &err);
		}
		add_backups(&b->a, p, s, d->name);
	}
}

/* Whole days from t to 2026-11-01 (at least 1). */
static uint64_t days_before_month(hc_time t)
{
	hc_time d = (at(2026, 11, 1, 0, 0) - t) / 86400 - 1;

	return d > 1 ? (uint64_t)d : 1;
}

/* Builds server i (profile-specific configuration and lifecycle). */
static void make_server(struct gen *g, struct batch *b, size_t i, struct srv *out)
{
	const struct hc_profile *p;
	const struct hc_plan *plan;
	const struct hc_os *os;
	const struct hc_region *region;
	const struct hc_lead_time *lt;
	struct hc_server s;
	struct hc_error err;
	struct rng r;
	hc_day ordered_day;
	hc_time ordered;
	char path[128];
	unsigned life;
	int prof = profile_cycle[i % 20];
	bool live;

	rng_init(&r, "server", i);
	p = g->p[prof];
	hc_record_init(&hc_server_schema, &s);
	make_uuid(out->id, "uuid-server", i);
	s.id = hc_arena_strdup(&b->a, out->id);
	snprintf(path, sizeof(path), "%s/%s.yaml", HC_SERVERS_DIR, s.id);
	/* Customers: a few large ones, most with a handful of servers. */
	{
		size_t c = chance(&r, 150) ? (size_t)rnd(&r, g->ncustomers < 20 ? g->ncustomers : 20)
					   : (size_t)rnd(&r, g->ncustomers);

		s.customer = hc_arena_printf(&b->a, "c%05zu", c + 1);
	}
	s.profile = p->name;

	/* Lifecycle: what the server is today (2026-12) and when it was ordered. */
	life = (unsigned)rnd(&r, 1000);
	if (life < 10) {                                      /* ordered, not handed over */
		s.status = HC_SRV_ORDERED;
		ordered = at(2026, 11, 20 + (int)rnd(&r, 10), 9 + (int)rnd(&r, 8), (int)rnd(&r, 60));
	} else if (life < 30) {                               /* handed over during 2026-11 */
		s.status = HC_SRV_ACTIVE;
		ordered = at(2026, 10, 10 + (int)rnd(&r, 15), 9 + (int)rnd(&r, 8), (int)rnd(&r, 60));
	} else {
		int first_year = prof == P_JECC ? 2021 : 2019;
		int y = first_year + (int)rnd(&r, (uint64_t)(2026 - first_year + 1));
		int m = 1 + (int)rnd(&r, y == 2026 ? 9 : 12);

		ordered = at(y, m, 1 + (int)rnd(&r, 28), 9 + (int)rnd(&r, 9), (int)rnd(&r, 60));
		s.status = life < 60 ? HC_SRV_CANCEL_PENDING : life < 140 ? HC_SRV_CANCELLED : HC_SRV_ACTIVE;
	}
	ordered += (hc_time)rnd(&r, 60);
	ordered_day = hc_time_day(ordered, OFF);
	s.ordered_at = ordered;
	s.accepted_at = ordered + 600 + (hc_time)rnd(&r, 7200);

	/* Plan, OS, region and options by profile. */
	switch (prof) {
	case P_JECC: {
		/* Small specs are the common ones. */
		static const unsigned wp[21] = { 40, 60, 30, 8, 90, 70, 20, 6, 40, 35, 12, 4,
						 12, 10, 5, 2, 3, 3, 2, 1, 1 };
		static const unsigned wo[] = { 60, 12, 8, 10, 4, 6 };

		plan = HC_LIST_AT(p->plans, struct hc_plan, pick(&r, wp, p->plans.n < 21 ? p->plans.n : 21));
		os = pick_os(&r, p, wo, 6, ordered_day);
		if (chance(&r, 300))
			add_option(&b->a, &s, "image-backup");
		if (chance(&r, 200))
			add_option(&b->a, &s, "server-monitoring");
		if (chance(&r, 150))
			add_option(&b->a, &s, "antivirus");
		if (chance(&r, 80))
			add_option(&b->a, &s, "snapshot");
		if (chance(&r, 150)) {
			struct hc_server_disk *d = hc_list_push(&b->a, &s.disks, sub(&hc_server_schema, "disks"));
			static const int64_t sizes[] = { 40, 80, 100, 300, 500, 1000 };

			add_option(&b->a, &s, "disk-add");
			d->kind = "disk";
			d->size_gb = sizes[rnd(&r, 6)];
			d->added_at = ordered + 86400 * (hc_time)(1 + rnd(&r, days_before_month(ordered)));
		}
		if (chance(&r, 50)) {
			struct hc_server_disk *d = hc_list_push(&b->a, &s.disks, sub(&hc_server_schema, "disks"));
			static const int64_t sizes[] = { 100, 250, 500, 1000, 2000 };

			add_option(&b->a, &s, "block-storage");
			d->kind = "block-storage";
			d->size_gb = sizes[rnd(&r, 5)];
			d->iops_per_gb = rnd(&r, 2) ? 4 : 2;
			d->added_at = ordered + 86400 * (hc_time)(1 + rnd(&r, days_before_month(ordered)));
		}
		if (chance(&r, 60))
			s.environment = rnd(&r, 2) ? HC_ENV_DEVELOPMENT : HC_ENV_EVALUATION;
		break;
	}
	case P_SMC: {
		static const unsigned wp[] = { 30, 30, 18, 8, 6, 5, 3 };
		static const unsigned wo[] = { 1 };

		plan = HC_LIST_AT(p->plans, struct hc_plan, pick(&r, wp, p->plans.n < 7 ? p->plans.n : 7));
		os = pick_os(&r, p, wo, 1, ordered_day);
		if (chance(&r, 60)) {
			add_option(&b->a, &s, "ssl");
			add_option(&b->a, &s, "global-ip-add");
		}
		if (chance(&r, 250))
			add_option(&b->a, &s, "dns-service");
		if (chance(&r, 100))
			add_option(&b->a, &s, "access-log-analysis");
		if (plan->disk_expandable && chance(&r, 150))
			s.disk_added_gb = 100 * (int64_t)(1 + rnd(&r, 8));
		if (chance(&r, 300)) {
			struct hc_firewall_rule *fw = hc_list_push(&b->a, &s.firewall, sub(&hc_server_schema, "firewall"));

			fw->port = 22;
			hc_strs_push(&b->a, &fw->sources, "203.0.113.0/24");
			if (chance(&r, 500))
				hc_strs_push(&b->a, &fw->sources,
					     hc_arena_printf(&b->a, "192.0.2.%u", 1 + (unsigned)rnd(&r, 250)));
			if (chance(&r, 300)) {
				fw = hc_list_push(&b->a, &s.firewall, sub(&hc_server_schema, "firewall"));
				fw->port = 21;
				hc_strs_push(&b->a, &fw->sources, "198.51.100.0/24");
			}
		}
		break;
	}
	case P_JP6: {
		static const unsigned wo[] = { 2, 10, 25, 50, 5, 8 };

		plan = hc_profile_plan(p, "standard");
		os = pick_os(&r, p, wo, 6, ordered_day);
		if (chance(&r, 250))
			add_option(&b->a, &s, "backup");
		if (chance(&r, 300))
			add_option(&b->a, &s, "security-update");
		if (chance(&r, 100))
			add_option(&b->a, &s, "bandwidth-add");
		if (chance(&r, 50))
			add_option(&b->a, &s, "ip-add");
		if (chance(&r, 150))
			add_option(&b->a, &s, "msp");
		if (chance(&r, 40))
			add_option(&b->a, &s, "hw-memory");
		break;
	}
	default: {
		static const unsigned wo[] = { 40, 15, 10, 15, 8, 2, 8, 2 };

		plan = hc_profile_plan(p, "standard");
		os = pick_os(&r, p, wo, 8, ordered_day);
		if (chance(&r, 200))
			add_option(&b->a, &s, "service-monitoring");
		if (chance(&r, 100))
			add_option(&b->a, &s, "process-resource-monitoring");
		if (chance(&r, 80))
			add_option(&b->a, &s, "monitoring-work-package");
		break;
	}
	}
	for (size_t k = 0; k < os->requires_options.n; k++)
		add_option(&b->a, &s, os->requires_options.v[k]);
	if (prof == P_JP6 && chance(&r, 250))
		region = hc_profile_region(p, "nagoya");
	else
		region = hc_profile_default_region(p);
	if (!plan || !os || !region) {
		fprintf(stderr, "bench-gen: profile %s lacks a plan, OS or region\n", p->name);
		exit(1);
	}
	s.plan = plan->name;
	s.os = os->name;
	s.region = region->name;
	s.os_disk_gb = os->os_disk_gb;
	if (prof == P_JECC && chance(&r, 100)) {
		add_option(&b->a, &s, "os-disk-expansion");
		s.os_disk_gb += 40;
	}

	/* Hand-over date from the profile's lead time, as provision computes it. */
	lt = hc_profile_lead_time(p, plan->kind);
	if (hc_lead_time_ready(&g->st->cal, lt, s.accepted_at, HC_TIME_NONE, false, &s.ready_by,
			       &s.ready_at, &err))
		die("lead time", &err);
	if (s.status != HC_SRV_ORDERED) {
		hc_day d = s.ready_by != HC_DAY_NONE ? s.ready_by : hc_time_day(s.accepted_at, OFF) + 3;

		if (life >= 10 && life < 30) {                    /* within 2026-11 */
			hc_day nov = hc_day_make(2026, 11, 2 + (int)rnd(&r, 27));

			d = d > nov && d < hc_day_make(2026, 11, 30) ? d : nov;
		} else {
			d += (hc_day)rnd(&r, 3);
		}
		s.activated_at = hc_time_at(d, 10 * 60 + (int)rnd(&r, 420), OFF) + (hc_time)rnd(&r, 60);
		if (s.activated_at < s.accepted_at)
			s.activated_at = s.accepted_at + 3600;
	}
	if (s.status == HC_SRV_CANCEL_PENDING) {
		s.cancel_filed_at = at(2026, 11, 1 + (int)rnd(&r, 29), 9 + (int)rnd(&r, 8), (int)rnd(&r, 60));
		s.cancel_effective = hc_day_make(2026, 12, 31);
		if (s.cancel_filed_at < s.activated_at)
			s.status = HC_SRV_ACTIVE, s.cancel_filed_at = HC_TIME_NONE,
			s.cancel_effective = HC_DAY_NONE;
	}
	if (s.status == HC_SRV_CANCELLED) {
		hc_day act = hc_time_day(s.activated_at, OFF), last = hc_day_make(2026, 11, 30), eff;

		/* Mostly long gone; one in five during 2026-11. */
		if (chance(&r, 200) || last <= act + 1)
			eff = hc_day_make(2026, 11, 2 + (int)rnd(&r, 28));
		else
			eff = act + 1 + (hc_day)rnd(&r, (uint64_t)(last - act - 1));
		if (eff <= act)
			eff = act + 1;
		s.cancel_effective = eff;
		s.cancel_filed_at = hc_time_at(eff - 20 - (hc_day)rnd(&r, 40), 11 * 60, OFF);
		if (s.cancel_filed_at < s.activated_at)
			s.cancel_filed_at = s.activated_at;
		s.cancelled_at = hc_time_at(eff, 5, OFF);      /* the nightly sweep */
	}

	/* Hostname: generated by provision, or the customer's own. */
	if (chance(&r, 700))
		s.hostname = hc_arena_printf(&b->a, "sv-%.8s.%s.%s", s.id, region->name,
					     g->st->config.hostname_domain);
	else
		s.hostname = hc_arena_printf(&b->a, "host%zu.%s.example.jp", i + 1, s.customer);

	live = s.status != HC_SRV_CANCELLED;
	if (s.environment < 0 && chance(&r, 5))
		s.network = HC_NET_DISCONNECTED;
	if (!live && chance(&r, 300))
		s.note = "解約済み: 機器返却済み";
	else if (chance(&r, 30))
		s.note = "移設予定 (2027 年春)";

	/* Claims (a cancelled server has released its own) and indexes. */
	{
		int64_t globals = plan->global_ips != HC_INT_NONE ? plan->global_ips : 1;

		for (size_t k = 0; k < s.options.n; k++) {
			const struct hc_option *op = hc_profile_option(p, s.options.v[k]);

			if (op && op->global_ips != HC_INT_NONE)
				globals += op->global_ips;
		}
		if (live && hc_claim_take(b->t, HC_CLAIM_HOSTNAME, s.hostname, path, &err))
			die(s.hostname, &err);
		for (int64_t k = 0; k < globals; k++) {
			char seed[64], ip[16];

			snprintf(seed, sizeof(seed), "%s#%lld", s.id, (long long)k);
			if (live) {
				if (hc_claim_allocate_ip(b->t, HC_POOL_GLOBAL, p->name, region->name, seed, path,
							 ip, &err))
					die(seed, &err);
				hc_strs_push(&b->a, &s.global_ips, hc_arena_strdup(&b->a, ip));
			} else {
				hc_strs_push(&b->a, &s.global_ips,
					     pool_address(g->st, HC_POOL_GLOBAL, p->name, region->name,
							  hc_hash64(seed, strlen(seed), 1), &b->a));
			}
		}
		if (plan->private_ips != HC_INT_NONE && plan->private_ips > 0) {
			char ip[16];

			if (live) {
				if (hc_claim_allocate_ip(b->t, HC_POOL_PRIVATE, p->name, region->name, s.id, path,
							 ip, &err))
					die(s.id, &err);
				s.private_ip = hc_arena_strdup(&b->a, ip);
			} else {
				s.private_ip = pool_address(g->st, HC_POOL_PRIVATE, p->name, region->name,
							    hc_hash64(s.id, 36, 2), &b->a);
			}
		}
	}
	add_backups(&b->a, p, &s, NULL);
	if (p->dns.patterns.n)
		add_domains(b, &r, p, &s, i + 1, path, live);
	if (hc_index_put(b->t, HC_INDEX_CUSTOMER_SERVERS, s.customer, s.id, path, &err))
		die(path, &err);
	if (s.status == HC_SRV_CANCEL_PENDING) {
		char day[HC_DAY_BUFSZ];

		hc_day_format(s.cancel_effective, day);
		if (hc_index_put(b->t, HC_INDEX_CANCEL_PENDING, day, s.id, path, &err))
			die(path, &err);
	}
	if (hc_txn_put_record(b->t, &hc_server_schema, path, &s, &err))
		die(path, &err);

	out->profile = prof;
	out->status = s.status;
	out->dev = s.environment == HC_ENV_DEVELOPMENT || s.environment == HC_ENV_EVALUATION;
	out->from = s.status == HC_SRV_ORDERED ? HC_TIME_NONE : s.activated_at;
	out->to = s.status == HC_SRV_CANCELLED ? s.cancelled_at : HC_TIME_NONE;
}

static void write_servers(struct gen *g, struct batch *b)
{
	batch_begin(b);
	for (size_t i = 0; i < g->n; i++) {
		make_server(g, b, i, &g->srv[i]);
		batch_step(b);
	}
	batch_commit(b);
}

/* ---- incidents and maintenance ------------------------------------------------- */

struct cause {
	const char *cause;
	const char *summary;
	unsigned weight;
};

/* Counted causes first, then those 004 §3.4 excludes. */
static const struct cause causes[] = {
	{ "hardware", "ホスト障害 (メモリ ECC エラー)", 160 },
	{ "network", "L2 スイッチ障害による通信断", 120 },
	{ "storage", "ストレージコントローラの応答遅延", 70 },
	{ "power", "PDU 交換時の瞬断", 25 },
	{ "platform", "仮想化基盤のライブマイグレーション失敗", 60 },
	{ "unknown", "原因調査中", 40 },
	{ "os-fault", "カーネルパニック (OS の不具合)", 90 },
	{ "application-fault", "アプリケーションのメモリリーク", 80 },
	{ "customer-misoperation", "お客様の設定変更による停止", 60 },
	{ "customer-software", "お客様導入ソフトウェアの不具合", 40 },
	{ "customer-reboot-shutdown", "お客様による再起動", 90 },
	{ "line-failure", "回線事業者の障害", 40 },
	{ "not-attributable", "大規模災害に伴う停止", 10 },
	{ "customer-compromise", "不正侵入に伴うネットワーク隔離", 15 },
	{ "announced-maintenance", "通知済みメンテナンスの延長", 10 },
};

/* Outage length: minutes mostly, sometimes hours, rarely days. */
static hc_time duration(struct rng *r)
{
	static const unsigned w[] = { 45, 25, 18, 9, 3 };

	switch (PICK(r, w)) {
	case 0: return 60 + (hc_time)rnd(r, 14 * 60);              /* 1-15 min */
	case 1: return 15 * 60 + (hc_time)rnd(r, 45 * 60);         /* 15-60 min */
	case 2: return 3600 + (hc_time)rnd(r, 3 * 3600);           /* 1-4 h */
	case 3: return 4 * 3600 + (hc_time)rnd(r, 12 * 3600);      /* 4-16 h */
	default: return 16 * 3600 + (hc_time)rnd(r, 32 * 3600);    /* 16-48 h */
	}
}

static bool in_service(const struct srv *v, hc_time t)
{
	return v->from != HC_TIME_NONE && t >= v->from && (v->to == HC_TIME_NONE || t < v->to);
}

static void write_incidents(struct gen *g, struct batch *b, size_t *count)
{
	const hc_time m0 = at(2026, 11, 1, 0, 0), m1 = at(2026, 12, 1, 0, 0);
	static const unsigned wn[] = { 300, 250, 180, 120, 80, 40, 30 };   /* 0..6 per server */
	struct hc_error err;
	unsigned seq = 0;

	batch_begin(b);
	for (size_t i = 0; i < g->n; i++) {
		const struct srv *v = &g->srv[i];
		size_t n;
		struct rng r;
		hc_time prev_s = 0, prev_e = 0;

		rng_init(&r, "incidents", i);
		n = PICK(&r, wn);
		if (v->from == HC_TIME_NONE)
			continue;
		for (size_t k = 0; k < n; k++) {
			struct hc_incident in;
			const struct cause *c = &causes[0];
			hc_time s, len = duration(&r);
			unsigned edge = (unsigned)rnd(&r, 100);
			char path[128], id[37];
			size_t ci;

			if (k > 0 && chance(&r, 150)) {
				/* Overlaps the previous one (a second cause, a second alert). */
				s = prev_s + (hc_time)rnd(&r, (uint64_t)(prev_e - prev_s + 1));
			} else if (edge < 6) {
				s = m0 - (hc_time)rnd(&r, 12 * 3600) - 60;      /* from October */
				if (len < m0 - s + 60)
					len = m0 - s + 60 + (hc_time)rnd(&r, 3600);
			} else if (edge < 12) {
				s = m1 - (hc_time)rnd(&r, 6 * 3600) - 60;       /* into December */
			} else {
				s = m0 + (hc_time)rnd(&r, (uint64_t)(m1 - m0));
			}
			if (!in_service(v, s))
				continue;
			{
				unsigned w[sizeof(causes) / sizeof(causes[0])];

				for (size_t j = 0; j < sizeof(causes) / sizeof(causes[0]); j++)
					w[j] = causes[j].weight;
				ci = PICK(&r, w);
				c = &causes[ci];
			}
			hc_record_init(&hc_incident_schema, &in);
			make_uuid(id, "uuid-incident", seq++);
			in.id = hc_arena_strdup(&b->a, id);
			in.server = v->id;
			in.started_at = s;
			/* A few are still open when the report runs. */
			in.ended_at = s > m1 - 2 * 86400 && chance(&r, 40) ? HC_TIME_NONE : s + len;
			in.cause = c->cause;
			in.detected_by = !strcmp(c->cause, "customer-compromise")
				? "abuse-report"
				: chance(&r, 700) ? "monitor" : chance(&r, 600) ? "customer" : "operator";
			in.summary = c->summary;
			snprintf(path, sizeof(path), "%s/%s.yaml", HC_INCIDENTS_DIR, in.id);
			if (hc_txn_put_record(b->t, &hc_incident_schema, path, &in, &err))
				die(path, &err);
			(*count)++;
			prev_s = s;
			prev_e = in.ended_at == HC_TIME_NONE ? s + 3600 : in.ended_at;
			batch_step(b);
		}
	}
	batch_commit(b);
}

static void write_maintenance(struct gen *g, struct batch *b, size_t *count)
{
	static const unsigned wn[] = { 720, 220, 60 };
	static const char *const kinds[NPROFILES][3] = {
		[P_JECC] = { "plan-change", "disk-expansion", "snapshot" },
		[P_SMC] = { "plan-change", "disk-expansion", "security-update" },
		[P_JP6] = { "security-update", "hardware-option", "security-update" },
		[P_WEB] = { "security-update", "security-update", "monitoring-suspension" },
	};
	struct hc_error err;
	unsigned seq = 0;

	batch_begin(b);
	for (size_t i = 0; i < g->n; i++) {
		const struct srv *v = &g->srv[i];
		struct rng r;
		size_t n;

		rng_init(&r, "maintenance", i);
		n = PICK(&r, wn);
		if (v->from == HC_TIME_NONE)
			continue;
		for (size_t k = 0; k < n; k++) {
			struct hc_maintenance mw;
			int day = 1 + (int)rnd(&r, 30);
			bool night = chance(&r, 700);
			hc_time s = at(2026, 11, day, night ? 1 + (int)rnd(&r, 4) : 10 + (int)rnd(&r, 6),
				       rnd(&r, 2) ? 0 : 30);
			char path[128], id[37];

			if (day == 30 && night && chance(&r, 300))
				s = at(2026, 11, 30, 23, 30);             /* crosses into December */
			if (!in_service(v, s))
				continue;
			hc_record_init(&hc_maintenance_schema, &mw);
			make_uuid(id, "uuid-maintenance", seq++);
			mw.id = hc_arena_strdup(&b->a, id);
			mw.server = v->id;
			mw.kind = kinds[v->profile][rnd(&r, 3)];
			mw.starts_at = s;
			mw.ends_at = s + (chance(&r, 500) ? 30 : 60) * 60;
			mw.announced_at = s - 86400 * (hc_time)(7 + rnd(&r, 8)) - 3600 * 5;
			if (chance(&r, 120)) {
				mw.cause = HC_CAUSE_CUSTOMER_MAINTENANCE;
				mw.summary = "お客様作業 (事前連絡あり)";
			} else {
				mw.cause = HC_CAUSE_ANNOUNCED_MAINTENANCE;
				mw.summary = "事前通知済みの計画停止";
			}
			snprintf(path, sizeof(path), "%s/%s.yaml", HC_MAINTENANCE_DIR, mw.id);
			if (hc_txn_put_record(b->t, &hc_maintenance_schema, path, &mw, &err))
				die(path, &err);
			(*count)++;
			batch_step(b);
		}
	}
	batch_commit(b);
}

/* ---- bandwidth samples ------------------------------------------------------------- */

/* Relative load by hour of day (JST), per mille: quiet at night, a peak in
 * the evening. Integers only, so no libm rounding differs by machine. */
static const int diurnal[24] = { 420, 330, 260, 220, 200, 210, 260, 380, 560, 700, 760, 800,
				 820, 800, 780, 790, 820, 870, 930, 1000, 990, 920, 780, 590 };

static void write_samples(struct gen *g, const char *root, size_t *files, size_t *lines)
{
	const hc_time m0 = at(2026, 11, 1, 0, 0), m1 = at(2026, 12, 1, 0, 0);
	struct hc_buf text = HC_BUF_INIT;
	char dir[4096], path[4200];

	snprintf(dir, sizeof(dir), "%s/samples", root);
	if (mkdir(dir, 0755) && errno != EEXIST) {
		perror(dir);
		exit(1);
	}
	for (size_t i = 0; i < g->n; i++) {
		const struct srv *v = &g->srv[i];
		hc_time from, to;
		int64_t base_in, ratio;
		struct rng r;
		gzFile gz;

		if (v->profile != P_JP6 || v->from == HC_TIME_NONE || v->from >= m1 ||
		    (v->to != HC_TIME_NONE && v->to <= m0))
			continue;
		rng_init(&r, "samples", i);
		from = v->from > m0 ? v->from : m0;
		to = v->to != HC_TIME_NONE && v->to < m1 ? v->to : m1;
		/* Average inbound 50 kbit/s .. 3 Mbit/s; outbound 1.5-8 times that
		 * (web servers send more than they receive). */
		base_in = 50000 + (int64_t)rnd(&r, 300) * (int64_t)rnd(&r, 10000);
		ratio = 15 + (int64_t)rnd(&r, 65);
		hc_buf_reset(&text);
		if (chance(&r, 100))
			hc_buf_addf(&text, "# %s 5-minute samples: epoch\tin_bps\tout_bps\n", v->id);
		if (chance(&r, 100))   /* the collector's last line of October */
			hc_buf_addf(&text, "%lld\t%lld\t%lld\n", (long long)(m0 - 300 + 3),
				    (long long)base_in, (long long)(base_in * ratio / 10));
		for (hc_time slot = m0 + ((from - m0 + 299) / 300) * 300; slot < to; slot += 300) {
			int hour = (int)(((slot + OFF * 60) % 86400) / 3600);
			int wd = hc_day_weekday(hc_time_day(slot, OFF));
			int64_t load = diurnal[hour] * (wd == 0 || wd == 6 ? 700 : 1000) / 1000;
			int64_t in = base_in * load / 1000 * (700 + (int64_t)rnd(&r, 600)) / 1000;
			int64_t out = in * ratio / 10 * (800 + (int64_t)rnd(&r, 400)) / 1000;
			hc_time t = slot + (hc_time)rnd(&r, 20);          /* collector jitter */

			if (chance(&r, 3))
				continue;                                   /* a missed poll */
			if (chance(&r, 8)) {                                /* a burst */
				int64_t f = 3 + (int64_t)rnd(&r, 15);

				in *= f;
				out *= f;
			}
			hc_buf_addf(&text, "%lld\t%lld\t%lld\n", (long long)t, (long long)in, (long long)out);
			(*lines)++;
			if (chance(&r, 1))                                  /* polled twice */
				hc_buf_addf(&text, "%lld\t%lld\t%lld\n", (long long)t + 30,
					    (long long)in + 1000, (long long)out + 1000);
		}
		snprintf(path, sizeof(path), "%s/%s", dir, v->id);
		if (mkdir(path, 0755) && errno != EEXIST) {
			perror(path);
			exit(1);
		}
		snprintf(path, sizeof(path), "%s/%s/2026-11.tsv.gz", dir, v->id);
		/* zlib's gzip header carries no time or name: the bytes are the same
		 * every run. */
		gz = gzopen(path, "wb6");
		if (!gz || gzbuffer(gz, 1 << 17) ||
		    gzwrite(gz, text.p, (unsigned)text.len) != (int)text.len || gzclose(gz) != Z_OK) {
			fprintf(stderr, "bench-gen: unable to write %s\n", path);
			exit(1);
		}
		(*files)++;
	}
	hc_buf_release(&text);
}

/* ---- main ----------------------------------------------------------------------- */

int main(int argc, char **argv)
{
	struct hc_store st;
	struct hc_error err;
	struct gen g;
	struct batch b;
	size_t incidents = 0, windows = 0, sfiles = 0, slines = 0, counts[NPROFILES] = { 0 };
	char *end;
	long n;

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: bench-gen STATE_DIR SERVERS [SEED]\n");
		return 2;
	}
	n = strtol(argv[2], &end, 10);
	if (*end || n < 1 || n > 1000000) {
		fprintf(stderr, "bench-gen: SERVERS: 1 to 1000000\n");
		return 2;
	}
	if (argc == 4)
		g_seed = strtoull(argv[3], NULL, 10);

	if (hc_state_init(argv[1], NULL, 0, NULL, &err))
		die("init", &err);
	if (hc_store_open(&st, argv[1], &err))
		die("open", &err);
	memset(&g, 0, sizeof(g));
	g.st = &st;
	if (hc_store_catalog(&st, &g.cat, &err))
		die("catalog", &err);
	for (int k = 0; k < NPROFILES; k++)
		if (!(g.p[k] = hc_catalog_profile(g.cat, profile_names[k]))) {
			fprintf(stderr, "bench-gen: no profile %s\n", profile_names[k]);
			return 1;
		}
	g.n = (size_t)n;
	g.ncustomers = g.n / 5 < 3 ? 3 : g.n / 5;
	g.srv = hc_xcalloc(g.n, sizeof(*g.srv));

	memset(&b, 0, sizeof(b));
	b.st = &st;
	b.o.verb = "bench-gen";
	b.o.operator_name = "bench";
	b.o.now = at(2026, 10, 1, 9, 0);     /* one audit file, dated before the month */
	b.o.git_commit = false;

	write_customers(&b, g.ncustomers);
	write_servers(&g, &b);
	write_incidents(&g, &b, &incidents);
	write_maintenance(&g, &b, &windows);
	write_samples(&g, st.root, &sfiles, &slines);

	for (size_t i = 0; i < g.n; i++)
		counts[g.srv[i].profile]++;
	printf("bench-gen: %s: %zu customers, %zu servers (", argv[1], g.ncustomers, g.n);
	for (int k = 0; k < NPROFILES; k++)
		printf("%s%s %zu", k ? ", " : "", profile_names[k], counts[k]);
	printf("), %zu incidents, %zu maintenance windows, %zu sample files (%zu samples)\n",
	       incidents, windows, sfiles, slines);
	free(g.srv);
	hc_store_release(&st);
	return 0;
}
