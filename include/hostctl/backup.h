/*
 * backup.h - backup runs, missed windows, generations, restores and
 * snapshots (002 §2.2.12; 004 §2.1.3 (5), (13); 000 §2.4-3-2).
 *
 * The policies come from the catalog (struct hc_backup_policy) and are
 * attached to a server by provision (server.backups: policy, domain, path,
 * window, generations). A server has one "copy" per entry: the policy, and
 * for per-domain policies (the managed customer copy) the domain.
 *
 * A run, as the backup system reports it, is one record, backups/<uuid>.yaml
 * (one file per run, never a file that grows). Lookups go through
 *   index/backups-by-server/<server>/<run>      every run of a server
 *   index/backups-by-window/<YYYY-MM-DD>/<run>  runs by the window they belong to
 * so `due` reads only the runs of the windows it judges.
 *
 * Windows. A copy with a start window [from, to] (customer copy 01:00-05:00)
 * has one window a day; a copy without one (provider copy: "当社指定タイミング")
 * has the whole provider day, [00:00, 24:00]. The window of day D owns the
 * runs that start from its opening up to the next day's opening; a run that
 * starts after `to` (05:00:01 and later, or 00:30 the next day) is recorded
 * with `late: true` -- the backup exists and stays restorable, but the
 * window was missed. A window is judged once it has closed (at T >= to).
 *
 * Generations. Among a copy's successful runs, ordered by start, the newest
 * `generations` (the server entry's count) are live recovery points; the
 * older ones are `superseded`: overwritten by the next run (managed,
 * generations 1: 002 §2.2.12 *2 次回バックアップ時に上書き) or, for an
 * incremental policy (jecc image backup), merged into the next point (the
 * oldest live point is the full base, the others incremental). A copy
 * without a count (jecc: set by the customer, generations_configurable)
 * keeps every point until `hc_backup_configure` sets one.
 *
 * Requests. A restore or a snapshot is a request record,
 * backup-requests/<uuid>.yaml (action restore|snapshot), checked against
 * the policy: who restores (restore_by; a system restore of a policy whose
 * system restore deletes the server needs the provider), when (restore_when
 * other than any-time / on-request must be given as the reason), the
 * recovery point (a live successful run; the data lost since, against
 * max_loss_hours), the scope (system only from an image). A snapshot whose
 * option requires a stop records the stop as a maintenance window (cause
 * customer-maintenance: the customer stops the server, 004 §2.1.3 (13),
 * excluded by 004 §3.4 (6)) unless the server is already powered off.
 */
#ifndef HOSTCTL_BACKUP_H
#define HOSTCTL_BACKUP_H

#include "hostctl/incident.h"
#include "hostctl/server.h"

#define HC_BACKUPS_DIR "backups"
#define HC_BACKUP_REQUESTS_DIR "backup-requests"
#define HC_INDEX_BACKUPS_BY_SERVER "backups-by-server"
#define HC_INDEX_BACKUPS_BY_WINDOW "backups-by-window"

/* A snapshot's stop when its option gives no length (004 is silent; the
 * same 60 minutes as jecc's other stops). */
#define HC_SNAPSHOT_STOP_MINUTES 60

extern const char *const hc_backup_status_names[];   /* ok failed */
enum hc_backup_status { HC_BK_OK, HC_BK_FAILED };
extern const char *const hc_backup_type_names[];     /* full incremental */
enum hc_backup_type { HC_BK_FULL, HC_BK_INCREMENTAL };
extern const char *const hc_backup_action_names[];   /* restore snapshot */
enum hc_backup_action { HC_BK_RESTORE, HC_BK_SNAPSHOT };
extern const char *const hc_restore_scope_names[];   /* data system */
enum hc_restore_scope { HC_SCOPE_DATA, HC_SCOPE_SYSTEM };

/* Reasons `due` gives. */
extern const char *const hc_due_reason_names[];      /* missing failed late */
enum hc_due_reason { HC_DUE_MISSING, HC_DUE_FAILED, HC_DUE_LATE };

struct hc_backup_run {
	const char *id;                  /* lowercase UUID */
	const char *server;
	const char *policy;
	const char *domain;              /* per-domain copies */
	int status;                      /* enum hc_backup_status */
	hc_time started_at;
	hc_time finished_at;
	hc_day window_date;              /* the window (day) the run belongs to */
	bool late;                       /* started after that window closed */
	int64_t bytes;
	int64_t generation;              /* successful runs: 1, 2, ... of the copy */
	int type;                        /* incremental policies: enum hc_backup_type */
	bool superseded;                 /* beyond the copy's generations */
	const char *superseded_by;       /* the run that overwrote it / it merged into */
	hc_time recorded_at;
};

struct hc_backup_request {
	const char *id;
	const char *server;
	int action;                      /* enum hc_backup_action */
	const char *policy;
	const char *domain;
	int scope;                       /* restore: enum hc_restore_scope */
	int by;                          /* enum hc_party: who carries it out */
	const char *reason;              /* the policy's restore_when, when it names one */
	const char *point;               /* restore: the run restored */
	hc_time point_at;                /* ... its start: the recovery point */
	hc_time lost_at;                 /* when the data was lost */
	int64_t loss_minutes;            /* lost_at - point_at */
	bool over_max_loss;              /* more than the policy's max_loss_hours */
	bool deletes_server;             /* system restore: the server is deleted first */
	hc_time starts_at, ends_at;      /* snapshot: when it is taken / the stop */
	const char *maintenance;         /* snapshot: the stop window */
	hc_time requested_at;
	const char *rule;                /* the sections it follows */
};

extern const struct hc_schema hc_backup_run_schema;
extern const struct hc_schema hc_backup_request_schema;

/* For lib/kinds.c: `hostctl list` columns and `hostctl validate` checks. */
extern const char *const hc_backup_run_columns[];
extern const char *const hc_backup_request_columns[];
struct hc_validator;
void hc_backup_run_check(struct hc_validator *v, const char *path, const void *rec);
void hc_backup_request_check(struct hc_validator *v, const char *path, const void *rec);

/* ---- rules (pure) ------------------------------------------------------------ */

/* Whether `due` watches the policy: a start window, or a fixed generation
 * count (a copy the provider rotates daily, 002 §2.2.12 1日1回). Copies
 * scheduled by the customer (generations_configurable: 004 §2.1.3 (5),
 * job monitoring is the customer's) and on request (snapshot) are not. */
bool hc_backup_policy_daily(const struct hc_backup_policy *p);

/* The window of day `day` of copy b: opens at *start, closes at *end (the
 * last on-time start), the next one opens at *next. */
void hc_backup_window(const struct hc_server_backup *b, hc_day day, int off, hc_time *start,
		      hc_time *end, hc_time *next);
/* The window a run started at `started` belongs to, and whether it is late. */
hc_day hc_backup_window_of(const struct hc_server_backup *b, hc_time started, int off, bool *late);
/* The last window closed at `at` (its end <= at). */
hc_day hc_backup_last_window(const struct hc_server_backup *b, hc_time at, int off);

/* ---- verbs (each one transaction) ------------------------------------------------ */

struct hc_backup_report {
	const char *server;              /* id or prefix */
	const char *policy;
	const char *domain;              /* NULL: the only copy of the policy */
	hc_time started_at, finished_at;
	int status;
	int64_t bytes;                   /* HC_INT_NONE: not reported */
	const char *id_seed;             /* reproducible ids (HOSTCTL_SEED) */
};

struct hc_restore_order {
	const char *server;
	const char *policy;              /* NULL: the point's, or the only restorable copy */
	const char *domain;
	const char *point;               /* "latest" (or NULL) or a run id */
	int scope;                       /* enum hc_restore_scope */
	int by;                          /* enum hc_party; -1: who the policy names */
	const char *reason;
	hc_time lost_at;                 /* HC_TIME_NONE: now */
	const char *id_seed;
};

/* One copy `due` reports. */
struct hc_backup_due {
	const char *server;
	const char *customer;
	const char *hostname;
	const char *policy;
	const char *domain;
	hc_time window_start, window_end;
	int reason;                      /* enum hc_due_reason */
	const char *run;                 /* the failed or late run */
};

struct hc_backup_result {
	struct hc_arena arena;
	struct hc_backup_run run;
	struct hc_backup_request request;
	struct hc_maintenance window;
	bool has_window;
	struct hc_server server;
	struct hc_backup_due *due;
	size_t ndue;
	struct hc_strs notes;
};
void hc_backup_result_init(struct hc_backup_result *r);
void hc_backup_result_release(struct hc_backup_result *r);

struct hc_store;
struct hc_txn_options;

/* Records a run reported by the backup system and rolls the copy's
 * generations over. Refused when the server has no such policy; a run
 * already recorded with the same start is a no-op when identical and
 * HC_ECONFLICT otherwise. */
int hc_backup_record(struct hc_store *st, const struct hc_txn_options *o,
		     const struct hc_backup_report *rep, struct hc_backup_result *res,
		     struct hc_buf *report, struct hc_error *err);

/* The copies `due` watches (hc_backup_policy_daily) of active and
 * cancel-pending servers whose last window closed at `at` has no on-time
 * successful run -- missing, failed or late -- sorted by server. What was
 * known at `at`: runs started or recorded after it do not count; windows
 * that opened before the hand-over are not owed. Read only. */
int hc_backup_due_at(struct hc_store *st, hc_time at, struct hc_backup_result *res,
		     struct hc_error *err);

/* A restore request, checked against the policy. */
int hc_backup_restore(struct hc_store *st, const struct hc_txn_options *o,
		      const struct hc_restore_order *q, struct hc_backup_result *res,
		      struct hc_buf *report, struct hc_error *err);

/* A snapshot request for `at` (HC_TIME_NONE: now), its stop recorded as a
 * maintenance window up to `until` (HC_TIME_NONE: the option's outage
 * minutes, else HC_SNAPSHOT_STOP_MINUTES). policy NULL: "snapshot". */
int hc_backup_snapshot(struct hc_store *st, const struct hc_txn_options *o, const char *server,
		       const char *policy, hc_time at, hc_time until, const char *id_seed,
		       struct hc_backup_result *res, struct hc_buf *report, struct hc_error *err);

/* Sets the generation count of a copy whose policy lets the customer set
 * it (004 §2.1.3 (5) 世代設定), and rolls the copy over. */
int hc_backup_configure(struct hc_store *st, const struct hc_txn_options *o, const char *server,
			const char *policy, const char *domain, int64_t generations,
			struct hc_backup_result *res, struct hc_buf *report, struct hc_error *err);

#endif
