/*
 * kinds.h - the record kinds of the state directory, for the verbs that
 * handle records generically (validate, list, show).
 *
 * A kind adds itself by an entry in lib/kinds.c: its directory, schema,
 * id field, the columns `hostctl list` shows, and a check that `hostctl
 * validate` runs on each record after it decoded.
 */
#ifndef HOSTCTL_KINDS_H
#define HOSTCTL_KINDS_H

#include "hostctl/catalog.h"
#include "hostctl/error.h"
#include "hostctl/record.h"
#include "hostctl/store.h"

struct hc_validator;

struct hc_kind {
	const char *name;                /* "server" */
	const char *dir;                 /* "servers" */
	const struct hc_schema *schema;
	size_t id_offset;                /* offset of the const char *id member */
	const char *const *columns;      /* NULL-terminated top-level fields */
	/* Cross-record checks for validate; may be NULL. path is the file. */
	void (*check)(struct hc_validator *v, const char *path, const void *rec);
};

extern const struct hc_kind hc_kinds[];
extern const size_t hc_kinds_count;

/* By name ("server") or directory ("servers"); NULL when unknown. */
const struct hc_kind *hc_kind_find(const char *name);

/* The record's id (the member at id_offset). */
const char *hc_kind_id(const struct hc_kind *k, const void *rec);

/* A "field=value" condition on a top-level field (hc_record_field_text). */
struct hc_filter {
	const char *field;
	const char *value;
};

/* Called for each matching record; a non-zero return stops the scan and
 * is returned by hc_kind_scan. rec is valid only during the call. */
typedef int (*hc_record_fn)(const struct hc_kind *k, const char *path, const void *rec, void *ctx);

/*
 * Loads every record of kind k in id order and calls fn for those
 * matching all filters. HC_EUSAGE when a filter names no field of the
 * kind; a record that does not load stops the scan with its error.
 */
int hc_kind_scan(struct hc_store *st, const struct hc_kind *k, const struct hc_filter *filters,
		 size_t nfilters, hc_record_fn fn, void *ctx, struct hc_error *err);

/*
 * Finds the record named by ref: "<kind>/<id>", an id of any kind, or a
 * unique prefix (at least 4 characters) of a UUID id -- of that kind with
 * "<kind>/<prefix>", of any kind without -- as git resolves abbreviated
 * hashes. Fills *kind and path (state-relative).
 * HC_ENOTFOUND, or HC_EUSAGE for an ambiguous prefix.
 */
int hc_kind_locate(struct hc_store *st, const char *ref, const struct hc_kind **kind, char *path,
		   size_t size, struct hc_error *err);

#endif
