/*
 * advisory.h - security advisories and their updates across the fleet
 * (000 §2.6; 001 OSのセキュリティ対応; 004 §2.1.3 (2)).
 *
 * An advisory (advisories/<id>.yaml) names a level and the OS it affects.
 * Recording it decides, server by server, what happens: the provider
 * applies it where the profile says so (level high: every server; medium:
 * only with the security-update option, 000 §2.6.1.1.1), and elsewhere it
 * is the customer's to apply, with the OS's update policy. Each server's
 * part is an update record, updates/<advisory>.<server>.yaml, that follows
 * 000 §2.6.1.1.2: pending -> notified (the mail of 項番3) -> scheduled
 * (a work date among the candidate dates the customer replied with; an
 * announced maintenance window) -> applied (項番4, not before the window);
 * or, when the provider decides not to apply it (項番2), pending ->
 * declined, which ends the flow (項番5).
 */
#ifndef HOSTCTL_ADVISORY_H
#define HOSTCTL_ADVISORY_H

#include "hostctl/incident.h"
#include "hostctl/server.h"

#define HC_ADVISORIES_DIR "advisories"
#define HC_UPDATES_DIR "updates"

extern const char *const hc_update_status_names[];
enum hc_update_status {
	HC_UPD_CUSTOMER,             /* the customer applies it (profile says so) */
	HC_UPD_NOT_COVERED,          /* provider patches only with an option */
	HC_UPD_PENDING, HC_UPD_NOTIFIED, HC_UPD_SCHEDULED, HC_UPD_APPLIED,
	HC_UPD_DECLINED,             /* the provider decided not to apply it */
	HC_UPD_NSTATUS
};

struct hc_advisory {
	const char *id;                  /* e.g. CVE-2026-12345 */
	const char *level;               /* high, medium */
	struct hc_strs os;               /* OS names affected */
	const char *package;
	const char *summary;
	hc_time created_at;
};

struct hc_update_event {
	hc_time at;
	const char *by;
	const char *action;
	const char *detail;
};

struct hc_update {
	const char *id;                  /* <advisory>.<server> */
	const char *advisory;
	const char *server;
	const char *customer;
	int status;
	const char *reason;              /* why customer / not covered / declined */
	struct hc_strs candidates;       /* 作業日候補日, YYYY-MM-DD */
	hc_time scheduled_at;
	hc_time applied_at;
	const char *maintenance;
	struct hc_list events;           /* struct hc_update_event */
};

extern const struct hc_schema hc_advisory_schema;
extern const struct hc_schema hc_update_schema;

struct hc_advisory_result {
	struct hc_arena arena;
	struct hc_advisory advisory;
	struct hc_list updates;          /* struct hc_update, by server id */
	struct hc_strs notes;
};
void hc_advisory_result_init(struct hc_advisory_result *r);
void hc_advisory_result_release(struct hc_advisory_result *r);

struct hc_store;
struct hc_txn_options;

/* Records the advisory and one update per affected server (HC_ECONFLICT
 * when it exists). */
int hc_advisory_new(struct hc_store *st, const struct hc_txn_options *o,
		    const struct hc_advisory *adv, struct hc_advisory_result *res,
		    struct hc_buf *report, struct hc_error *err);

/* One step of the flow for a server (id or unique prefix; NULL: every
 * pending server, for notify and decline): "notify" (candidates: dates the
 * mail proposes, may be empty), "schedule" (at: the time of the work, not
 * in the past, its date one of the candidates, given now as the customer's
 * reply or at notify), "apply" (at: HC_TIME_NONE for now; not in the
 * future nor before the scheduled time), "decline" (reason: why the
 * provider does not apply it, required; only while pending, before the
 * customer is told). Out of order, or for an update that is not the
 * provider's: refused. */
int hc_advisory_step(struct hc_store *st, const struct hc_txn_options *o, const char *advisory,
		     const char *server, const char *step, const struct hc_strs *candidates,
		     hc_time at, const char *reason, struct hc_advisory_result *res,
		     struct hc_buf *report, struct hc_error *err);

/* The advisory and every update of it (read only). */
int hc_advisory_status(struct hc_store *st, const char *advisory, struct hc_advisory_result *res,
		       struct hc_error *err);

#endif
