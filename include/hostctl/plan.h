/*
 * plan.h - changes to a server in service: plan changes, disk expansion,
 * global IP addition, block storage, hardware options (002 §2.3.1, §3.1,
 * §3.2; 004 §2.1.3 (1)(4)(10); 000 §2.1-4-6).
 *
 * Each change is a record, changes/<uuid>.yaml. A change that reboots or
 * stops the server also writes a maintenance window (maintenance/<uuid>.yaml,
 * cause announced-maintenance) that the SLA report excludes. A change for a
 * later time is 'reserved' and applied by hc_change_apply_due() (cron).
 * Lookups go through index/changes-by-server/<server>/<change> and
 * index/changes-due/<YYYY-MM-DD>/<change>.
 */
#ifndef HOSTCTL_PLAN_H
#define HOSTCTL_PLAN_H

#include "hostctl/incident.h"
#include "hostctl/server.h"

#define HC_CHANGES_DIR "changes"
#define HC_INDEX_CHANGES_BY_SERVER "changes-by-server"
#define HC_INDEX_CHANGES_DUE "changes-due"

extern const char *const hc_change_kind_names[];  /* plan disk ip block-storage hardware */
enum hc_change_kind { HC_CHG_PLAN, HC_CHG_DISK, HC_CHG_IP, HC_CHG_BLOCK, HC_CHG_HARDWARE };
extern const char *const hc_change_status_names[]; /* reserved applied void */
enum hc_change_status { HC_CHG_RESERVED, HC_CHG_APPLIED, HC_CHG_VOID };

/* Daily proration of the month's fees from the effective day (002 §1.2.2);
 * present only when both plans carry a fee. */
struct hc_proration {
	int64_t days;                    /* effective day to month end, inclusive */
	int64_t days_in_month;
	int64_t credit_jpy;              /* old fee for those days, given back */
	int64_t debit_jpy;               /* new fee for those days */
};

struct hc_change {
	const char *id;
	const char *server;
	int kind;                        /* enum hc_change_kind */
	int status;                      /* enum hc_change_status */
	hc_time requested_at;
	hc_time effective_at;
	hc_time applied_at;
	const char *from_plan, *to_plan;
	int64_t size_gb;
	int64_t iops_per_gb;
	const char *window;
	const char *ip;
	const char *option;
	const char *maintenance;         /* the window of its reboot or stop */
	struct hc_proration proration;
	const char *rule;                /* the sections it follows */
};

extern const struct hc_schema hc_change_schema;

struct hc_change_request {
	int kind;
	const char *server;              /* id or prefix */
	const char *to_plan;             /* plan */
	bool immediate;
	hc_time at;                      /* a reserved time; HC_TIME_NONE */
	int64_t size_gb;                 /* disk, block storage */
	const char *window;              /* disk work window */
	hc_day on;                       /* disk work day */
	int64_t iops_per_gb;             /* block storage */
	const char *option;              /* hardware */
	const char *id_seed;             /* reproducible ids (HOSTCTL_SEED) */
};

struct hc_change_result {
	struct hc_arena arena;
	struct hc_change change;
	struct hc_server server;         /* the server as written */
	struct hc_strs ids;              /* apply-due: the changes applied */
	struct hc_strs notes;
};
void hc_change_result_init(struct hc_change_result *r);
void hc_change_result_release(struct hc_change_result *r);

/* Checks a change against every rule of the server's profile and records
 * it: applied now, or reserved for its time. HC_EREFUSED naming the rule. */
int hc_change_request(struct hc_store *st, const struct hc_txn_options *o,
		      const struct hc_change_request *req, struct hc_change_result *res,
		      struct hc_buf *report, struct hc_error *err);

/* Applies every reserved change whose time has come; idempotent. */
int hc_change_apply_due(struct hc_store *st, const struct hc_txn_options *o,
			struct hc_change_result *res, struct hc_buf *report, struct hc_error *err);

#endif
