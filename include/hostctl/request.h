/*
 * request.h - work requests and outage handling for a server: customer
 * requests with identity verification (001), and the monitor-detected
 * outage flow with phone escalation, reboot and the hardware path
 * (000 §2.3-1-2, §2.4).
 *
 * A request is one record, requests/<uuid>.yaml, with an ordered list of
 * events (who, when, what), so its history reads like a ticket. Steps out
 * of order are refused with the step that is expected.
 */
#ifndef HOSTCTL_REQUEST_H
#define HOSTCTL_REQUEST_H

#include "hostctl/incident.h"
#include "hostctl/server.h"

#define HC_REQUESTS_DIR "requests"
/* index/open-outages/<server>/<request>: the monitor request handling a
 * server's outage, while it is open. */
#define HC_INDEX_OPEN_OUTAGES "open-outages"

extern const char *const hc_request_kind_names[];   /* customer monitor */
enum hc_request_kind { HC_REQ_CUSTOMER, HC_REQ_MONITOR };
extern const char *const hc_request_status_names[];
enum hc_request_status {
	HC_RS_AWAITING_VERIFICATION, /* customer: until verified */
	HC_RS_VERIFIED,              /* customer: may start */
	HC_RS_IN_PROGRESS,           /* customer: work started */
	HC_RS_ESCALATING,            /* monitor: calling the contacts */
	HC_RS_REBOOT,                /* monitor: reboot decided (or nobody answered) */
	HC_RS_REBOOTED,              /* monitor: rebooted, waiting for recovery */
	HC_RS_HARDWARE,              /* monitor: hardware path (000 §2.4-3) */
	HC_RS_CUSTOMER_HANDLING,     /* monitor: the customer handles it (項番 6) */
	HC_RS_DONE                   /* finished; the incident is closed */
};

struct hc_request_event {
	hc_time at;
	const char *by;                  /* operator */
	const char *action;              /* requested, verified, called, ... */
	const char *channel;
	const char *contact;
	int answered;                    /* -1 unknown, 0 no, 1 yes (called) */
	const char *detail;
};

struct hc_request {
	const char *id;
	const char *server;
	int kind;                        /* enum hc_request_kind */
	int status;                      /* enum hc_request_status */
	const char *work;                /* catalog work type: reboot ... */
	const char *reboot_type;         /* soft, hard */
	const char *requester;           /* contact id (customer requests) */
	const char *incident;            /* the outage it handles */
	hc_time opened_at;
	hc_time closed_at;
	struct hc_list events;           /* struct hc_request_event */
};

extern const struct hc_schema hc_request_schema;

/* One step of the escalation plan (000 §2.3-1-2 ご連絡フロー). */
struct hc_call_step {
	int round;                       /* 1-based */
	const char *contact;             /* contact id */
	const char *name;
	const char *phone;
	int64_t rings;
};

/* What a step produced. */
struct hc_request_result {
	struct hc_arena arena;
	struct hc_request request;
	struct hc_incident incident;     /* when the step touched one */
	bool has_incident;
	struct hc_call_step *plan;       /* detect: the call plan */
	size_t nplan;
	const char *then;                /* what follows an unanswered plan */
	struct hc_strs notes;            /* ETA, reinstall, recovery point ... */
};
void hc_request_result_init(struct hc_request_result *r);
void hc_request_result_release(struct hc_request_result *r);

struct hc_store;
struct hc_txn_options;

/* Customer request: the requester must be a registered contact and the
 * server's profile must offer the work (and the server the menu that
 * includes it, 001 各種作業一覧). Status awaiting-verification. */
int hc_request_new(struct hc_store *st, const struct hc_txn_options *o, const char *server,
		   const char *requester, const char *work, const char *reboot_type,
		   const char *id_seed, struct hc_request_result *res, struct hc_buf *report,
		   struct hc_error *err);
/* Identity verified through channel, which must be the one the work type
 * requires (001 本人性確認). */
int hc_request_verify(struct hc_store *st, const struct hc_txn_options *o, const char *id,
		      const char *channel, const char *by, struct hc_request_result *res,
		      struct hc_buf *report, struct hc_error *err);
/* Work starts: refused unless verified; outside support hours for work not
 * offered around the clock. A reboot opens an incident (cause
 * customer-reboot-shutdown). */
int hc_request_start(struct hc_store *st, const struct hc_txn_options *o, const char *id,
		     struct hc_request_result *res, struct hc_buf *report, struct hc_error *err);
/* Work done: the completion notice goes to the work type's channel. */
int hc_request_complete(struct hc_store *st, const struct hc_txn_options *o, const char *id,
			hc_time at, struct hc_request_result *res, struct hc_buf *report,
			struct hc_error *err);

/* Monitor-detected outage: opens an incident at `at` and a request with the
 * call plan: registered contacts in order, `rings` rings each, `rounds`
 * rounds, then `then` (000 §2.3-1-2). */
int hc_request_detect(struct hc_store *st, const struct hc_txn_options *o, const char *server,
		      hc_time at, const char *id_seed, struct hc_request_result *res,
		      struct hc_buf *report, struct hc_error *err);
/* A call to contact: it must be the next in the plan. decision when
 * answered: "reboot" or "customer". */
int hc_request_call(struct hc_store *st, const struct hc_txn_options *o, const char *id,
		    const char *contact, bool answered, const char *decision,
		    struct hc_request_result *res, struct hc_buf *report, struct hc_error *err);
/* The call plan of a monitor request and where it stands (read only). */
int hc_request_plan(struct hc_store *st, const char *id, struct hc_request_result *res,
		    struct hc_error *err);
int hc_request_reboot(struct hc_store *st, const struct hc_txn_options *o, const char *id,
		      struct hc_request_result *res, struct hc_buf *report, struct hc_error *err);
/* Recovered at `at`: closes the incident with its cause. */
int hc_request_recovered(struct hc_store *st, const struct hc_txn_options *o, const char *id,
			 hc_time at, const char *cause, struct hc_request_result *res,
			 struct hc_buf *report, struct hc_error *err);
/* Not recovered by the reboot: the hardware path of 000 §2.4-3 with the
 * repair (part, chassis, equivalent-model), the part, and whether the
 * customer can still connect (then: next business day). */
int hc_request_hardware(struct hc_store *st, const struct hc_txn_options *o, const char *id,
			const char *repair, const char *part, bool reachable,
			struct hc_request_result *res, struct hc_buf *report, struct hc_error *err);

/* A customer-announced window without monitoring (000 §4.4-3), recorded as
 * a maintenance window with cause customer-maintenance. */
int hc_request_suspend_monitoring(struct hc_store *st, const struct hc_txn_options *o,
				  const char *server, hc_time from, hc_time to, const char *reason,
				  const char *id_seed, struct hc_maintenance *out,
				  struct hc_arena *a, struct hc_buf *report, struct hc_error *err);

#endif
