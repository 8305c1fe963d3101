/*
 * incident.h - outages and maintenance windows: what the SLA report counts
 * or excludes.
 *
 * An incident (incidents/<uuid>.yaml) is an outage of a server from its
 * detection to its recovery, with a cause. A maintenance window
 * (maintenance/<uuid>.yaml) is a planned stop: announced provider work
 * (plan change, disk expansion, security update ...) or a customer's own
 * work announced in advance (000 §4.4-3). Whether a cause counts against
 * the provider is not decided here: the profile's SLA exclusions (004 §3.4)
 * name the causes they exclude.
 */
#ifndef HOSTCTL_INCIDENT_H
#define HOSTCTL_INCIDENT_H

#include "hostctl/record.h"

#define HC_INCIDENTS_DIR "incidents"
#define HC_MAINTENANCE_DIR "maintenance"

/* Well-known causes written by the verbs; profiles may name others. */
#define HC_CAUSE_ANNOUNCED_MAINTENANCE "announced-maintenance"
#define HC_CAUSE_CUSTOMER_MAINTENANCE "customer-maintenance"
#define HC_CAUSE_CUSTOMER_COMPROMISE "customer-compromise"
#define HC_CAUSE_UNKNOWN "unknown"

struct hc_incident {
	const char *id;                  /* lowercase UUID */
	const char *server;
	hc_time started_at;              /* outage start (detection) */
	hc_time ended_at;                /* recovery; absent while open */
	const char *cause;               /* e.g. hardware, network, os-fault */
	const char *detected_by;         /* monitor, customer, operator, abuse-report */
	const char *summary;
	const char *request;             /* the restart request that handled it */
	const char *abuse_case;          /* the abuse case that caused it */
};

struct hc_maintenance {
	const char *id;                  /* lowercase UUID */
	const char *server;
	const char *kind;                /* plan-change, disk-expansion, spec-change,
	                                  * security-update, snapshot, hardware-option,
	                                  * monitoring-suspension */
	hc_time starts_at;
	hc_time ends_at;
	hc_time announced_at;            /* when the customer was told */
	const char *cause;               /* SLA cause: announced-maintenance or
	                                  * customer-maintenance */
	const char *reference;           /* the change or request behind it */
	const char *summary;
};

extern const struct hc_schema hc_incident_schema;
extern const struct hc_schema hc_maintenance_schema;

#endif
