/*
 * validate.h - whole-state checks for `hostctl validate`, CI and hooks.
 */
#ifndef HOSTCTL_VALIDATE_H
#define HOSTCTL_VALIDATE_H

#include "hostctl/catalog.h"
#include "hostctl/error.h"
#include "hostctl/store.h"

struct hc_validator {
	struct hc_store *st;
	const struct hc_catalog *cat;    /* NULL when the catalog itself is broken */
	struct hc_errors *problems;
	struct hc_set expected_claims;   /* claim paths some record owns */
	struct hc_set known;             /* "<dir>/<id>" of every record listed */
	struct hc_set listed;            /* the kind directories listed into known */
	struct hc_arena arena;
	struct hc_buf buf;               /* claim and index files, read in turn */
	size_t records, claims;
};

/* Records a problem in path (line/col unknown) for field. */
void hc_validator_problem(struct hc_validator *v, const char *path, const char *field,
			  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Checks that record `owner` owns claim kind/value, and remembers the
 * claim as expected. */
void hc_validator_claim(struct hc_validator *v, const char *owner, int kind, const char *value);

/* Checks that the path index entry at path (index/...) exists and names
 * owner, and remembers it as expected. */
void hc_validator_index(struct hc_validator *v, const char *owner, const char *path);

/* Whether a record of that kind directory and id exists. */
bool hc_validator_exists(struct hc_validator *v, const char *dir, const char *id);

/*
 * Checks the whole state: the settings, the catalog, every record of every
 * kind (schema, id matching its file name, references), every claim
 * against its owner and every owner against its claims. Every problem is
 * appended to problems (sorted); returns HC_EINVALID when there is any,
 * HC_EIO when the state cannot be read at all. Counts go to *records and
 * *claims when not NULL.
 */
int hc_state_validate(struct hc_store *st, struct hc_errors *problems, size_t *records,
		      size_t *claims, struct hc_error *err);

/*
 * Creates a new state directory at dir from the built-in catalog: the
 * named profiles (all when n == 0; a profile's rescue profile is added
 * with it), hostctl.yaml, catalog/, .gitattributes and .gitignore.
 * HC_ECONFLICT when dir already holds a state, HC_ENOTFOUND for an unknown
 * profile. created (may be NULL) receives the files written, one per line.
 */
int hc_state_init(const char *dir, const char *const *profiles, size_t n, struct hc_buf *created,
		  struct hc_error *err);

#endif
