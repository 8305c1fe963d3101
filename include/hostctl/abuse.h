/*
 * abuse.h - abuse and intrusion cases (000 §3.1, §3.3; 003; 002 §2.2.3).
 *
 * A case, cases/<uuid>.yaml, follows
 *   reported -> confirmed -> customer-contacted -> self-handling | rescue
 *   -> (actions) -> resolved
 * with dismissed for a report that does not hold. Every step is an event
 * (who, when, what, why); a step out of order is refused with the steps
 * that are allowed. Containment (isolate, shutdown) may start once the
 * case is confirmed (000 §3.3: once an intrusion is confirmed); recovery
 * work (reinstall, mail actions, restoring the network) once the customer
 * chose self-handling or the rescue service. Each containment changes the
 * server record and opens an incident of cause customer-compromise, which
 * the SLA report excludes.
 */
#ifndef HOSTCTL_ABUSE_H
#define HOSTCTL_ABUSE_H

#include "hostctl/incident.h"
#include "hostctl/server.h"

#define HC_CASES_DIR "cases"
#define HC_EVIDENCE_DIR "evidence"   /* evidence/<case>/<n>-<name>.gz */

extern const char *const hc_case_status_names[];
enum hc_case_status {
	HC_CASE_REPORTED, HC_CASE_CONFIRMED, HC_CASE_CONTACTED, HC_CASE_SELF_HANDLING,
	HC_CASE_RESCUE, HC_CASE_RESOLVED, HC_CASE_DISMISSED
};
extern const char *const hc_case_source_names[];  /* third-party customer */
extern const char *const hc_case_kind_names[];    /* intrusion outbound-attack spam open-relay phishing other */

struct hc_case_event {
	hc_time at;
	const char *by;
	const char *action;
	const char *detail;
	const char *reason;
};

struct hc_evidence {
	const char *name;                /* the file's base name */
	const char *path;                /* state path of the gzip copy */
	int64_t size;                    /* original bytes */
	const char *sha256;              /* of the original bytes */
	hc_time added_at;
	bool large;                      /* kept out of git */
};

struct hc_rescue_order {
	const char *menu;
	hc_time requested_at;
	bool after_hours;                /* outside 003 §2.1-1-3 business hours */
	bool limited;                    /* OS past vendor support: limited work,
	                                  * special fee (003 §2.1-1-1) */
	const char *billing;             /* per-server-per-incident */
};

struct hc_case {
	const char *id;
	const char *server;
	int source;
	int kind;
	int status;
	const char *summary;
	hc_time reported_at;
	const char *incident;            /* the outage the containment causes */
	struct hc_rescue_order rescue;
	hc_day reinstall_on;             /* scheduled OS reinstall */
	struct hc_list evidence;         /* struct hc_evidence */
	struct hc_list events;           /* struct hc_case_event */
};

extern const struct hc_schema hc_case_schema;

struct hc_case_result {
	struct hc_arena arena;
	struct hc_case kase;
	struct hc_server server;
	struct hc_strs notes;
};
void hc_case_result_init(struct hc_case_result *r);
void hc_case_result_release(struct hc_case_result *r);

struct hc_store;
struct hc_txn_options;

/* A file to keep as evidence: its name and bytes. */
struct hc_evidence_file {
	const char *name;
	const char *data;
	size_t len;
};

int hc_case_open(struct hc_store *st, const struct hc_txn_options *o, const char *server,
		 const char *source, const char *kind, const char *summary,
		 const struct hc_evidence_file *report, const char *id_seed,
		 struct hc_case_result *res, struct hc_buf *txn_report, struct hc_error *err);

/*
 * One step on a case: confirm, dismiss, contact, self-handling, rescue,
 * isolate, shutdown, reinstall-os, restore-network, power-on, stop-relay,
 * purge-queue, suspend-accounts, resolve. arg is the step's argument (the
 * rescue menu, the accounts, the new OS); reason is recorded with it;
 * limited accepts the limited-work terms for an OS past vendor support.
 */
struct hc_case_step {
	const char *step;
	const char *arg;
	const char *reason;
	bool limited;
};
int hc_case_step(struct hc_store *st, const struct hc_txn_options *o, const char *id,
		 const struct hc_case_step *step, struct hc_case_result *res,
		 struct hc_buf *txn_report, struct hc_error *err);

/* Adds evidence files to a case: compressed, checksummed, never
 * overwritten; mode 0600. */
int hc_case_add_evidence(struct hc_store *st, const struct hc_txn_options *o, const char *id,
			 const struct hc_evidence_file *files, size_t n, struct hc_case_result *res,
			 struct hc_buf *txn_report, struct hc_error *err);

/* The steps allowed next from a status, as text: "confirm, dismiss". */
const char *hc_case_next_steps(int status);

#endif
