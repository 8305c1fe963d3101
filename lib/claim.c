/*
 * claim.c - uniqueness of hostnames, addresses and ready-domain subdomains
 * through claim files, and address allocation from the state's pools.
 */
#include <stdio.h>
#include <string.h>

#include "hostctl/claim.h"

const char *const hc_claim_kind_names[] = { "hostname", "ip", "private-ip", "ready-domain", NULL };

int hc_claim_path(int kind, const char *value, char *buf, size_t size, struct hc_error *err)
{
	if (kind < 0 || kind > HC_CLAIM_READY_DOMAIN)
		return hc_error_set(err, HC_EUSAGE, "unknown claim kind %d", kind);
	if (!hc_name_valid(value))
		return hc_error_set(err, HC_EUSAGE, "invalid %s '%.64s'", hc_claim_kind_names[kind], value);
	if ((size_t)snprintf(buf, size, "claims/%s/%s", hc_claim_kind_names[kind], value) >= size)
		return hc_error_set(err, HC_EUSAGE, "%s too long '%.64s'", hc_claim_kind_names[kind], value);
	return HC_OK;
}

int hc_claim_owner(struct hc_txn *t, int kind, const char *value, struct hc_buf *owner,
		   struct hc_error *err)
{
	char path[256];
	int rc = hc_claim_path(kind, value, path, sizeof(path), err);

	if (rc)
		return rc;
	rc = hc_txn_read(t, path, owner, err);
	if (rc == HC_ENOTFOUND)
		return hc_error_set(err, HC_ENOTFOUND, "%s '%s' is not claimed",
				    hc_claim_kind_names[kind], value);
	if (rc)
		return rc;
	while (owner->len && (owner->p[owner->len - 1] == '\n' || owner->p[owner->len - 1] == '\r'))
		hc_buf_truncate(owner, owner->len - 1);
	return HC_OK;
}

int hc_claim_take(struct hc_txn *t, int kind, const char *value, const char *owner,
		  struct hc_error *err)
{
	struct hc_buf cur = HC_BUF_INIT, content = HC_BUF_INIT;
	char path[256];
	int rc = hc_claim_path(kind, value, path, sizeof(path), err);

	if (rc)
		return rc;
	rc = hc_claim_owner(t, kind, value, &cur, err);
	if (rc == HC_OK) {
		if (strcmp(cur.p, owner) != 0)
			rc = hc_error_set(err, HC_ECONFLICT, "%s '%s' is already claimed by '%s'",
					  hc_claim_kind_names[kind], value, cur.p);
	} else if (rc == HC_ENOTFOUND) {
		hc_buf_addf(&content, "%s\n", owner);
		rc = hc_txn_put(t, path, content.p, content.len, 0, err);
	}
	hc_buf_release(&cur);
	hc_buf_release(&content);
	return rc;
}

int hc_claim_release(struct hc_txn *t, int kind, const char *value, const char *owner,
		     struct hc_error *err)
{
	struct hc_buf cur = HC_BUF_INIT;
	char path[256];
	int rc = hc_claim_path(kind, value, path, sizeof(path), err);

	if (rc)
		return rc;
	rc = hc_claim_owner(t, kind, value, &cur, err);
	if (rc == HC_ENOTFOUND) {
		rc = HC_OK;
	} else if (rc == HC_OK) {
		if (strcmp(cur.p, owner) != 0)
			rc = hc_error_set(err, HC_ECONFLICT, "%s '%s' belongs to '%s', not '%s'",
					  hc_claim_kind_names[kind], value, cur.p, owner);
		else
			rc = hc_txn_delete(t, path, err);
	}
	hc_buf_release(&cur);
	return rc;
}

static int parse_cidr(const char *cidr, uint32_t *net, int *bits)
{
	unsigned a, b, c, d;
	int n, used = 0;

	if (sscanf(cidr, "%u.%u.%u.%u/%d%n", &a, &b, &c, &d, &n, &used) != 5 || cidr[used] ||
	    a > 255 || b > 255 || c > 255 || d > 255 || n < 0 || n > 32)
		return -1;
	*net = (uint32_t)a << 24 | (uint32_t)b << 16 | (uint32_t)c << 8 | d;
	if (n < 32)
		*net &= ~((UINT32_C(1) << (32 - n)) - 1);
	*bits = n;
	return 0;
}

static void format_ip(uint32_t ip, char out[16])
{
	snprintf(out, 16, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255);
}

int hc_claim_allocate_ip(struct hc_txn *t, int family, const char *profile, const char *region,
			 const char *seed, const char *owner, char out[16], struct hc_error *err)
{
	const struct hc_config *cfg = &hc_txn_store(t)->config;
	int kind = family == HC_POOL_GLOBAL ? HC_CLAIM_IP : HC_CLAIM_PRIVATE_IP;
	uint64_t h = hc_hash64(seed, strlen(seed), (uint64_t)family);
	bool served = false;

	for (size_t i = 0; i < cfg->pools.n; i++) {
		const struct hc_pool *pool = HC_LIST_AT(cfg->pools, struct hc_pool, i);
		uint32_t net, first, count;
		int bits;

		if (pool->family != family || (pool->profile && strcmp(pool->profile, profile)) ||
		    (pool->region && strcmp(pool->region, region)))
			continue;
		if (parse_cidr(pool->cidr, &net, &bits))
			return hc_error_at(err, HC_EINVALID, HC_STATE_FILE, 1, 1,
					   "pool '%s': invalid cidr '%s'", pool->name, pool->cidr);
		served = true;
		/* Network and broadcast addresses are never handed out. */
		if (bits >= 31) {
			first = net;
			count = bits == 32 ? 1 : 2;
		} else {
			first = net + 1;
			count = (UINT32_C(1) << (32 - bits)) - 2;
		}
		for (uint32_t k = 0; k < count; k++) {
			uint32_t ip = first + (uint32_t)((h + k) % count);
			char addr[16], path[64];

			format_ip(ip, addr);
			if (hc_strs_has(&pool->exclude, addr))
				continue;
			snprintf(path, sizeof(path), "claims/%s/%s", hc_claim_kind_names[kind], addr);
			if (hc_txn_exists(t, path))
				continue;
			memcpy(out, addr, 16);
			return hc_claim_take(t, kind, addr, owner, err);
		}
	}
	if (!served)
		return hc_error_refuse(err, NULL,
				       "no %s address pool serves profile '%s' region '%s' in hostctl.yaml",
				       hc_pool_family_names[family], profile, region);
	return hc_error_refuse(err, NULL, "every %s address pool for profile '%s' region '%s' is full",
			       hc_pool_family_names[family], profile, region);
}

/* ---- path indexes --------------------------------------------------------- */

int hc_index_path(const char *name, const char *key, const char *member, char *buf, size_t size,
		  struct hc_error *err)
{
	if (!hc_name_valid(key))
		return hc_error_set(err, HC_EUSAGE, "invalid index key '%.64s'", key);
	if (member && !hc_name_valid(member))
		return hc_error_set(err, HC_EUSAGE, "invalid index member '%.64s'", member);
	if ((size_t)snprintf(buf, size, "index/%s/%s%s%s", name, key, member ? "/" : "",
			     member ? member : "") >= size)
		return hc_error_set(err, HC_EUSAGE, "index path too long");
	return HC_OK;
}

int hc_index_put(struct hc_txn *t, const char *name, const char *key, const char *member,
		 const char *owner, struct hc_error *err)
{
	struct hc_buf content = HC_BUF_INIT;
	char path[512];
	int rc = hc_index_path(name, key, member, path, sizeof(path), err);

	if (rc)
		return rc;
	hc_buf_addf(&content, "%s\n", owner);
	rc = hc_txn_put(t, path, content.p, content.len, 0, err);
	hc_buf_release(&content);
	return rc;
}

int hc_index_drop(struct hc_txn *t, const char *name, const char *key, const char *member,
		  struct hc_error *err)
{
	char path[512];
	int rc = hc_index_path(name, key, member, path, sizeof(path), err);

	return rc ? rc : hc_txn_delete(t, path, err);
}

int hc_index_members(struct hc_store *st, const char *name, const char *key, struct hc_strs *out,
		     struct hc_arena *a, struct hc_error *err)
{
	char path[512];
	int rc = hc_index_path(name, key, NULL, path, sizeof(path), err);

	return rc ? rc : hc_store_list_names(st, path, out, a, err);
}

int hc_index_keys(struct hc_store *st, const char *name, struct hc_strs *out, struct hc_arena *a,
		  struct hc_error *err)
{
	char path[256];

	snprintf(path, sizeof(path), "index/%s", name);
	return hc_store_list_names(st, path, out, a, err);
}
