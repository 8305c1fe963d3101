/*
 * store.h - the state directory: finding it, reading records safely,
 * listing them, and changing them in transactions.
 *
 * Layout (hostctl(7)): hostctl.yaml, catalog/<profile>.yaml,
 * customers/<id>.yaml, servers/<uuid>.yaml, claims/<kind>/<value>,
 * audit/<YYYY-MM-DD>.jsonl, and per-verb record directories. .hostctl/
 * holds the lock and the journal and is not versioned.
 *
 * Every read goes through hc_store_read(), which refuses paths with "..",
 * absolute paths, symlinks anywhere below the root, anything but a regular
 * file, and files over HC_RECORD_MAX_BYTES.
 *
 * A mutation is a transaction (hc_txn_*): it holds the writer lock, stages
 * whole-file writes, deletions and claims, and on commit writes a journal
 * (atomically), applies each change atomically (temp file in the same
 * directory, fsync, rename, fsync the directory), appends one audit line,
 * removes the journal and, when configured, commits the touched paths with
 * git. A run killed at any point leaves either the old state or, once the
 * journal exists, a state that the next hc_store_open() completes (rolls
 * forward), as SQLite's readers finish a hot journal.
 */
#ifndef HOSTCTL_STORE_H
#define HOSTCTL_STORE_H

#include <stdbool.h>

#include "hostctl/calendar.h"
#include "hostctl/catalog.h"
#include "hostctl/config.h"
#include "hostctl/error.h"
#include "hostctl/lock.h"
#include "hostctl/record.h"

#define HC_STATE_FILE "hostctl.yaml"

struct hc_store {
	char *root;                   /* absolute path, owned */
	int rootfd;                   /* O_DIRECTORY descriptor of root */
	struct hc_arena arena;        /* config strings */
	struct hc_buf readbuf;        /* hc_store_load()'s file buffer */
	struct hc_config config;
	int utc_offset_min;
	struct hc_calendar cal;
	struct hc_catalog catalog;
	bool catalog_loaded;
	bool recovered;               /* a journal was rolled forward on open */
	/* The first hc_store_exists() that failed for another reason than
	 * absence (EIO, say): its answer "no" may be wrong, so the next
	 * commit fails with this error instead of writing (HC_OK: none). */
	struct hc_error lookup_error;
};

/* Walks up from start (a directory) to the nearest one holding
 * hostctl.yaml, like git finds .git. *root is malloc'ed. HC_ENOTFOUND when
 * there is none. */
int hc_store_find(const char *start, char **root, struct hc_error *err);

/* Opens the state at root: reads hostctl.yaml and rolls forward a journal
 * left by a killed writer (waiting for the lock only if wait_recovery).
 * On failure st is released. */
int hc_store_open(struct hc_store *st, const char *root, struct hc_error *err);
void hc_store_release(struct hc_store *st);

/* The catalog of the state (catalog/<profile>.yaml for each configured
 * profile), loaded on first use. The pointer stays valid until release. */
int hc_store_catalog(struct hc_store *st, const struct hc_catalog **cat, struct hc_error *err);
/* The profile of a name; HC_ENOTFOUND when the state does not use it. */
int hc_store_profile(struct hc_store *st, const char *name, const struct hc_profile **p,
		     struct hc_error *err);

/* Whether relpath is a safe state path: relative, components that are
 * non-empty, not "." or "..", without control characters. */
bool hc_store_path_valid(const char *relpath);

/* Reads relpath into out (replacing its contents). HC_ENOTFOUND when it
 * does not exist, HC_EINVALID for a symlink, a non-regular file or a file
 * over the size limit, HC_EIO otherwise. */
int hc_store_read(struct hc_store *st, const char *relpath, struct hc_buf *out,
		  struct hc_error *err);
/* Reads and decodes a record; strings live in arena a. */
int hc_store_load(struct hc_store *st, const struct hc_schema *s, const char *relpath,
		  void *rec, struct hc_arena *a, struct hc_error *err);
/* Whether relpath exists (as anything). A lookup that fails for another
 * reason than absence answers false and is kept in st->lookup_error. */
bool hc_store_exists(struct hc_store *st, const char *relpath);

/* The ids of the records in dir (file names ending ".yaml", without it,
 * that pass hc_name_valid), sorted, in arena a. A missing dir is empty.
 * Names that are not valid ids are reported through bad (may be NULL). */
int hc_store_list(struct hc_store *st, const char *dir, struct hc_strs *ids, struct hc_arena *a,
		  struct hc_strs *bad, struct hc_error *err);

/* Every entry of dir that is a valid name (hc_name_valid), sorted; dot
 * files (temp files) are skipped. A missing dir is empty. */
int hc_store_list_names(struct hc_store *st, const char *dir, struct hc_strs *names,
			struct hc_arena *a, struct hc_error *err);

/* "servers/<id>.yaml" into buf; HC_EUSAGE when id is not a valid name. */
int hc_record_path(const char *dir, const char *id, char *buf, size_t size, struct hc_error *err);

/* ---- transactions ------------------------------------------------------ */

struct hc_txn_options {
	const char *verb;             /* "provision new" */
	int argc;                     /* the command line, for the audit trail */
	char *const *argv;
	const char *operator_name;    /* HOSTCTL_OPERATOR or the login name */
	hc_time now;
	bool dry_run;                 /* stage and diff, write nothing, no lock */
	bool no_wait;                 /* a held lock fails with HC_ECONFLICT */
	bool git_commit;              /* commit even when hostctl.yaml does not say so */
	hc_lock_wait_fn on_wait;      /* told once before waiting for the lock */
	void *wait_ctx;
};

struct hc_txn;

/* Starts a transaction, taking the writer lock (unless dry_run). */
int hc_txn_begin(struct hc_store *st, const struct hc_txn_options *o, struct hc_txn **out,
		 struct hc_error *err);
/* Current content of relpath as this transaction sees it (its own staged
 * writes first). HC_ENOTFOUND when absent or staged for deletion. */
int hc_txn_read(struct hc_txn *t, const char *relpath, struct hc_buf *out, struct hc_error *err);
int hc_txn_load(struct hc_txn *t, const struct hc_schema *s, const char *relpath, void *rec,
		struct hc_arena *a, struct hc_error *err);
bool hc_txn_exists(struct hc_txn *t, const char *relpath);
/* Stages relpath to hold data (copied). mode 0 means 0644. */
int hc_txn_put(struct hc_txn *t, const char *relpath, const char *data, size_t len, int mode,
	       struct hc_error *err);
/* Checks rec (hc_record_check), encodes it and stages it. */
int hc_txn_put_record(struct hc_txn *t, const struct hc_schema *s, const char *relpath,
		      const void *rec, struct hc_error *err);
int hc_txn_delete(struct hc_txn *t, const char *relpath, struct hc_error *err);

/*
 * Commits: nothing is written when no staged change differs from the
 * files. report (may be NULL) receives, per changed path, a line
 * "A|M|D path" -- or, in a dry run, a unified diff. Returns HC_EIO when a
 * write fails (the journal, if written, is completed by the next open),
 * HC_EIO with "state written" in the message when only the git commit
 * failed.
 */
int hc_txn_commit(struct hc_txn *t, struct hc_buf *report, struct hc_error *err);
/* Releases the lock and frees t; uncommitted changes are dropped. */
void hc_txn_free(struct hc_txn *t);

/* The store a transaction belongs to. */
struct hc_store *hc_txn_store(struct hc_txn *t);
hc_time hc_txn_now(const struct hc_txn *t);

/* Completes a journal left behind by a killed writer, if any (under the
 * lock). Called by hc_store_open(); exposed for tests. */
int hc_store_recover(struct hc_store *st, struct hc_error *err);

#endif
