/*
 * sla.h - monthly availability and refunds (004 §3), per server.
 *
 * For a calendar month in the provider's zone: the outage intervals of the
 * server's incidents, cut to the month (and to the time the server was in
 * service), are split into those the profile's SLA excludes (their cause is
 * an exclusion of 004 §3.4, or one it includes; a maintenance window is
 * always announced maintenance, §3.2.1; a development or evaluation server's
 * outages are all item (8)) and the rest. Counted failure time is the
 * measure of the union of the rest minus the union of the excluded: an
 * overlap is never counted twice and an outage inside an excluded interval
 * is not counted. The refund tier is the first whose max_seconds is at
 * least the counted time (004 表3-1 thresholds are inclusive: 21 min 36 s
 * exactly is 0 %). Availability is 1 - counted / service time.
 */
#ifndef HOSTCTL_SLA_H
#define HOSTCTL_SLA_H

#include <stdbool.h>

#include "hostctl/bandwidth.h"
#include "hostctl/catalog.h"
#include "hostctl/server.h"
#include "hostctl/store.h"

struct hc_month {
	int year, month;
	hc_time start, end;              /* [start, end) in the provider's zone */
};

/* "YYYY-MM" -> month; returns 0 or -1. */
int hc_month_parse(const char *s, int utc_offset_min, struct hc_month *m);
void hc_month_of(hc_time t, int utc_offset_min, int delta_months, struct hc_month *m);

/* An interval of an incident or a maintenance window. */
struct hc_sla_span {
	hc_time start, end;              /* end HC_TIME_NONE: still open */
	const char *cause;
	const char *ref;                 /* the record's path */
	bool planned;                    /* a maintenance window */
};

/* An excluded interval in the report, with the item that excludes it. */
struct hc_sla_exclusion {
	hc_time start, end;
	const char *cause;               /* the recorded cause */
	const char *item_cause;          /* the exclusion item's cause */
	const char *title;
	int64_t item;
	const char *ref;
};

struct hc_sla_result {
	bool has_sla;
	int64_t month_seconds;
	int64_t service_seconds;         /* in service within the month */
	int64_t counted_seconds;
	int64_t excluded_seconds;        /* outage time excluded (union) */
	int64_t availability_ppm;        /* parts per million of the service time */
	int64_t target_ppm;
	int64_t refund_percent;          /* HC_INT_NONE without an SLA */
	int64_t refund_jpy;              /* HC_INT_NONE without a fee */
	const char *tier;                /* the table's availability text */
	size_t nexcluded;
	struct hc_sla_exclusion *excluded;   /* in the arena */
	size_t ncounted;
	struct hc_sla_span *counted;       /* merged counted intervals, in the arena */
};

/*
 * Computes r for one server. sla may be NULL or without refund tiers (no
 * SLA: the time figures are still computed, has_sla false). service_from /
 * service_to bound the time in service (HC_TIME_NONE: the whole month);
 * open outages end at `now`. fee: the monthly fee in yen or HC_INT_NONE.
 */
void hc_sla_compute(const struct hc_sla *sla, const struct hc_month *m, hc_time service_from,
		    hc_time service_to, bool dev_environment, const struct hc_sla_span *outages,
		    size_t n, int64_t fee, hc_time now, struct hc_arena *a, struct hc_sla_result *r);

/* ---- the report ---------------------------------------------------------------- */

enum hc_sla_scope { HC_SLA_ALL, HC_SLA_SERVER, HC_SLA_CUSTOMER };

struct hc_sla_options {
	struct hc_month month;
	int scope;
	const char *what;                /* server ref or customer id */
	const char *samples_dir;         /* NULL: no bandwidth */
	hc_time now;
	/* Called with done/total every few hundred servers; may be NULL. */
	void (*progress)(size_t done, size_t total, void *ctx);
	void *ctx;
};

/* One row: a server and its month. Valid during the callback only. */
struct hc_sla_row {
	const struct hc_server *server;
	const struct hc_profile *profile;
	const struct hc_plan *plan;
	struct hc_sla_result sla;
	bool has_bandwidth;              /* the profile meters bandwidth */
	bool has_samples;
	struct hc_bandwidth_result bw;
	int64_t allowance_bps;
	int64_t overage_bps;
	const struct hc_samples *samples;   /* for pictures; NULL without */
};

typedef int (*hc_sla_row_fn)(const struct hc_sla_row *row, void *ctx);

/*
 * Computes the month for every server in scope (in id order), reading each
 * server, all incidents and maintenance windows once, and the server's
 * sample file when the profile meters bandwidth. Servers not in service
 * during the month are skipped. Memory is bounded per server.
 */
int hc_sla_report(struct hc_store *st, const struct hc_sla_options *o, hc_sla_row_fn fn,
		  void *ctx, struct hc_error *err);

#endif
