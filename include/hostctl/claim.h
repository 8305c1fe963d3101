/*
 * claim.h - uniqueness through paths.
 *
 * A hostname, a global or private IP, or a ready-domain subdomain is owned
 * by the record that created claims/<kind>/<value>, a one-line file naming
 * the owner's path. Two clones taking the same value create the same path
 * with different content, so git reports an add/add conflict at merge, and
 * `hostctl validate` checks every claim against its owner. Checking a claim
 * is one stat: uniqueness costs O(1) whatever the size of the state.
 */
#ifndef HOSTCTL_CLAIM_H
#define HOSTCTL_CLAIM_H

#include "hostctl/config.h"
#include "hostctl/store.h"

extern const char *const hc_claim_kind_names[];
enum hc_claim_kind { HC_CLAIM_HOSTNAME, HC_CLAIM_IP, HC_CLAIM_PRIVATE_IP, HC_CLAIM_READY_DOMAIN };

/* "claims/<kind>/<value>"; HC_EUSAGE when value cannot be a file name. */
int hc_claim_path(int kind, const char *value, char *buf, size_t size, struct hc_error *err);

/* Who owns a claim: the owner path into owner (without newline), or
 * HC_ENOTFOUND when the value is free. */
int hc_claim_owner(struct hc_txn *t, int kind, const char *value, struct hc_buf *owner,
		   struct hc_error *err);

/* Claims value for owner (a record path). HC_ECONFLICT naming the holder
 * when another record owns it; nothing to do when owner already does. */
int hc_claim_take(struct hc_txn *t, int kind, const char *value, const char *owner,
		  struct hc_error *err);
/* Releases owner's claim; HC_ECONFLICT when another record owns it,
 * nothing to do when nobody does. */
int hc_claim_release(struct hc_txn *t, int kind, const char *value, const char *owner,
		     struct hc_error *err);

/*
 * Allocates a free address of family from the pools that serve
 * profile/region and claims it for owner. The search starts at an offset
 * derived from seed (the new record's id), so allocation is O(1) expected
 * while a pool is less than nearly full, and two clones allocating for
 * different servers rarely pick the same address. out receives the
 * address. HC_EREFUSED when no pool serves the region or all are full.
 */
int hc_claim_allocate_ip(struct hc_txn *t, int family, const char *profile, const char *region,
			 const char *seed, const char *owner, char out[16], struct hc_error *err);

/*
 * Path indexes: sets that no single record lists, kept as empty-of-meaning
 * files index/<name>/<key>/<member> holding the owner's path, so that a
 * lookup is one directory read and two clones adding different members
 * never touch the same path. Indexes used:
 *   index/servers-by-customer/<customer>/<uuid>   (cancelled ones too)
 *   index/cancel-pending/<YYYY-MM-DD>/<uuid>
 *   index/domains/<domain>/<uuid>
 */
#define HC_INDEX_CUSTOMER_SERVERS "servers-by-customer"
#define HC_INDEX_CANCEL_PENDING "cancel-pending"
#define HC_INDEX_DOMAINS "domains"

int hc_index_path(const char *name, const char *key, const char *member, char *buf, size_t size,
		  struct hc_error *err);
int hc_index_put(struct hc_txn *t, const char *name, const char *key, const char *member,
		 const char *owner, struct hc_error *err);
int hc_index_drop(struct hc_txn *t, const char *name, const char *key, const char *member,
		  struct hc_error *err);
/* Members under index/<name>/<key>, sorted; empty when there are none. */
int hc_index_members(struct hc_store *st, const char *name, const char *key, struct hc_strs *out,
		     struct hc_arena *a, struct hc_error *err);
/* Keys under index/<name>, sorted. */
int hc_index_keys(struct hc_store *st, const char *name, struct hc_strs *out, struct hc_arena *a,
		  struct hc_error *err);

#endif
