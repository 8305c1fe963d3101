/*
 * testutil.h - helpers shared by the unit tests (tests/test_*.c), built as
 * the static library hostctl-testutil and linked into every one of them.
 *
 * Every helper that checks something fails the running cmocka test (after
 * printing what it got) instead of returning an error. Times and days are
 * read and written in the provider's zone, +09:00.
 */
#ifndef HOSTCTL_TESTUTIL_H
#define HOSTCTL_TESTUTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "hostctl/customer.h"
#include "hostctl/error.h"
#include "hostctl/record.h"
#include "hostctl/server.h"
#include "hostctl/store.h"
#include "hostctl/time.h"

/* ---- shell and files ----------------------------------------------------- */

/* Runs the command (printf-formatted) with system(3); fails unless it
 * exits 0. */
void sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Runs the command; its exit status, -1 when it could not be run. */
int sh_rc(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Writes text to dir/rel (created or truncated). */
void write_file(const char *dir, const char *rel, const char *text);
/* The text of dir/<rel, printf-formatted>, malloc'ed; NULL when the file
 * does not exist. */
char *slurp(const char *dir, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Whether dir/<rel, printf-formatted> exists. */
bool exists(const char *dir, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- errors and library return codes ------------------------------------- */

/* Prints err as hostctl would, on stderr, prefixed "  error: ". */
void report_error(const struct hc_error *err);
/* rc is HC_OK (else err is printed). */
void ok(int rc, const struct hc_error *err);
/* rc and err->status are HC_EREFUSED, err->rule contains rule and
 * err->msg contains msg. */
void refused(int rc, const struct hc_error *err, const char *rule, const char *msg);
/* rc is status and err->msg contains msg. */
void failed(int rc, const struct hc_error *err, int status, const char *msg);
/* failed(rc, err, HC_EUSAGE, msg). */
void usage(int rc, const struct hc_error *err, const char *msg);

/* ---- times and days, +09:00 ---------------------------------------------- */

/* An RFC 3339 time or a YYYY-MM-DD day written in a test. */
hc_time T(const char *s);
hc_day D(const char *s);
/* t in +09:00, or "none" for HC_TIME_NONE / HC_DAY_NONE; each returns one
 * of 8 rotating buffers, so several can be compared in one assertion. */
const char *TS(hc_time t);
const char *DS(hc_day d);

/* ---- notes (the caveats of a result) ------------------------------------- */

/* Whether a note contains text. */
bool has_note(const struct hc_strs *notes, const char *text);
/* A note contains text (else every note is printed). */
void note_is(const struct hc_strs *notes, const char *text);
/* No note contains text. */
void no_note(const struct hc_strs *notes, const char *text);

/* ---- the state ----------------------------------------------------------- */

/* $TMPDIR, else /tmp: where tests make their states. */
const char *tmpdir(void);
/* A new state in a fresh directory <tmpdir>/hostctl-test-<name>-XXXXXX
 * (into dir, of size bytes), initialised with the built-in catalog and
 * opened into st. */
void state_new(char *dir, size_t size, const char *name, struct hc_store *st);
/* Releases st and removes dir. */
void state_remove(struct hc_store *st, const char *dir);
/* Releases st and opens dir again into it. */
void reopen(struct hc_store *st, const char *dir);
/* hc_state_validate finds no problem (else each is printed). */
void assert_valid(struct hc_store *st);
/* The number of records in dir (hc_store_list); 0 when dir does not exist. */
size_t count_records(struct hc_store *st, const char *dir);
/* The number of valid names in dir (hc_store_list_names). */
size_t count_names(struct hc_store *st, const char *dir);

/* Loads <dir>/<id>.yaml, a record of schema, into rec (allocated in a). */
void load_record(struct hc_store *st, const struct hc_schema *schema, const char *dir,
		 const char *id, void *rec, struct hc_arena *a);

/* Options of a transaction at now by operator "tester", never waiting for
 * the lock. */
struct hc_txn_options txo(hc_time now);

/* Saves customer c (new) at time at. */
void save_customer(struct hc_store *st, hc_time at, const struct hc_customer *c);
/* An order of plan of profile prof for customer cust accepted at accepted:
 * production, the profile's default OS and region, no options, no
 * settings deadline, the earliest date, ids derived from seed. */
struct hc_order base_order(const char *cust, const char *prof, const char *plan, hc_time accepted,
			   const char *seed);
/* Places ord (at its accepted_at) with options (NULL-ended, may be NULL)
 * added to its own, and hands the server over at at; its id is copied into
 * id (size bytes). Both steps must succeed. */
void hand_over(struct hc_store *st, const struct hc_order *ord, const char *const *options,
	       hc_time at, char *id, size_t size);

#endif
