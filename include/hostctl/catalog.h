/*
 * catalog.h - provider profiles: plans, OS images, regions and every rule
 * of the service specifications that is a number, a list or a table.
 *
 * One profile per specification lives in seeds/<name>.yaml, compiled into
 * the library (hc_catalog_builtin) and copied by `hostctl init` into the
 * state's catalog/ directory, which is what verbs read afterwards. Each
 * profile and each rule cites the section it encodes in `source`.
 *
 * Adding a provider is adding a file: no C code knows a plan name, a lead
 * time or a refund threshold.
 */
#ifndef HOSTCTL_CATALOG_H
#define HOSTCTL_CATALOG_H

#include <stdbool.h>
#include <stdint.h>

#include "hostctl/calendar.h"
#include "hostctl/record.h"

/* Enumerations, as spelled in the YAML. */
extern const char *const hc_plan_kind_names[];       /* virtual physical */
enum hc_plan_kind { HC_PLAN_VIRTUAL, HC_PLAN_PHYSICAL };
extern const char *const hc_os_family_names[];       /* linux windows */
enum hc_os_family { HC_OS_LINUX, HC_OS_WINDOWS };
extern const char *const hc_outage_names[];          /* none reboot stop */
enum hc_outage { HC_OUTAGE_NONE, HC_OUTAGE_REBOOT, HC_OUTAGE_STOP };
extern const char *const hc_channel_names[];
enum hc_channel {                                     /* who is told / asked, how */
	HC_CH_MONITORING_EMAIL, HC_CH_EMERGENCY_PHONE, HC_CH_CONTRACT_EMAIL,
	HC_CH_OPERATOR, HC_CH_VENDOR, HC_CH_PORTAL
};
extern const char *const hc_deadline_names[];        /* none end-of-previous-month end-of-next-month */
enum hc_deadline { HC_DL_NONE, HC_DL_END_OF_PREVIOUS_MONTH, HC_DL_END_OF_NEXT_MONTH };
extern const char *const hc_party_names[];           /* provider customer */
enum hc_party { HC_PARTY_PROVIDER, HC_PARTY_CUSTOMER };

/* Opening hours on business days: [from, to) in minutes of the day. */
struct hc_span {
	int from;                 /* "from": HH:MM */
	int to;                   /* "to":   HH:MM, may be 24:00 */
};
extern const struct hc_schema hc_span_schema;

struct hc_region {
	const char *name;
	const char *title;
	bool is_default;                 /* "default" */
	bool redundant_edge;             /* edge switches redundant (000 §2.2-3-2) */
	bool multi_carrier;              /* multi-carrier BGP upstream (000 §2.2-3-1) */
	int64_t asn;
	int64_t onsite_eta_minutes;      /* best-effort on-site arrival (000 §2.4-2) */
	const char *source;
};

struct hc_os {
	const char *name;                /* e.g. "rocky-9" */
	const char *title;
	int family;                      /* enum hc_os_family */
	bool is_default;                 /* "default" */
	hc_day sale_end;                 /* no new orders on or after this day */
	hc_day support_end;              /* vendor support ends (after: limited work) */
	struct hc_strs requires_options; /* options an order must carry */
	int64_t os_disk_gb;              /* standard OS disk (004 table 2-2/2-3) */
	const char *update_policy;       /* who/how updates are applied (001) */
	const char *source;
};

struct hc_plan {
	const char *name;
	const char *title;
	int kind;                        /* enum hc_plan_kind */
	int64_t vcpu;
	int64_t memory_gb;
	int64_t disk_gb;                 /* base (or fixed) disk */
	bool disk_expandable;            /* "disk_expandable" */
	int64_t global_ips;              /* included */
	int64_t global_ips_max;
	int64_t private_ips;
	int64_t private_ips_max;
	int64_t bandwidth_mbps;          /* allowance by the billing method, when metered */
	int64_t monthly_fee_jpy;         /* optional: enables refunds and proration */
	bool plan_change;                /* may move to another plan */
	struct hc_strs regions;          /* allowed regions; empty = all */
	struct hc_strs os;               /* allowed OS; empty = all */
	const char *source;
};

struct hc_option {
	const char *name;                /* e.g. "dedicated-firewall" */
	const char *title;
	bool hardware;                   /* a hardware configuration change */
	bool requires_stop;              /* applying it stops the server */
	int64_t bandwidth_mbps;          /* each unit adds this allowance */
	int64_t global_ips;              /* each unit adds this many global IPs */
	int64_t outage_minutes;          /* the stop recorded when it is added */
	const char *source;
};

/* Lead time to hand-over, per plan kind (000 §4.2-1, 002 §3.1). */
struct hc_lead_time {
	int kind;                        /* enum hc_plan_kind */
	int64_t business_days;           /* first server of this kind */
	int64_t added_minutes;           /* customer already has one: minutes ... */
	int64_t added_business_days;     /* ... or business days */
	bool from_settings;              /* count from the business day after the
	                                  * settings are submitted, when they are */
	const char *note;                /* a caveat the order shows (stock ...) */
	const char *source;
};

/* A work window for scheduled changes (002 §2.3.1). */
struct hc_window {
	const char *name;
	int from, to;                    /* HH:MM */
	struct hc_ints business_days;    /* day offsets that must be business days:
	                                  * [0] = the work day, [0, 1] = it and the next */
	const char *source;
};

struct hc_plan_change {
	bool allowed;
	int64_t per_day;                 /* changes per server per provider day */
	bool immediate;                  /* may be applied at once */
	bool reserved;                   /* may be reserved for a date and time */
	int outage;                      /* enum hc_outage */
	int64_t outage_minutes;          /* the maintenance window recorded */
	bool by_request;                 /* carried out by the provider on request */
	const char *source;
};

struct hc_disk_rules {
	bool allowed;
	int64_t step_gb;                 /* additions in multiples of this ... */
	int64_t max_added_gb;            /* ... up to this much in total */
	struct hc_ints sizes_gb;         /* ... or only these sizes per addition */
	int64_t per_day;
	int outage;                      /* enum hc_outage */
	int64_t outage_minutes;
	struct hc_list windows;          /* struct hc_window; empty = any time */
	int64_t min_business_days;       /* scheduled no earlier than this ... */
	int latest;                      /* ... and no later than (enum hc_deadline) */
	const char *source;
};

struct hc_ip_rules {
	struct hc_strs requires_any_option;  /* global IP addition only with one of these */
	const char *source;
};

struct hc_block_storage {
	struct hc_ints iops_per_gb;
	struct hc_ints sizes_gb;
	const char *source;
};

struct hc_cancellation {
	int notice;                      /* enum hc_deadline: filed by ... */
	int same_day_until;              /* HH:MM: same-day cancellation cut-off */
	int latest;                      /* enum hc_deadline: effective no later than */
	bool freezes_options;            /* no option changes while pending */
	bool cancels_domain_options;
	const char *source;
};

struct hc_backup_policy {
	const char *name;                /* e.g. "customer-copy" */
	const char *title;
	struct hc_strs covers;           /* directories / data covered */
	struct hc_strs excludes;
	int window_from, window_to;      /* start window, HH:MM (-1 = provider's choice) */
	int64_t generations;
	bool generations_configurable;
	bool incremental;
	int restore_by;                  /* enum hc_party */
	const char *restore_when;        /* "any-time", "data-loss-by-system-failure" */
	int64_t max_loss_hours;          /* at most this much lost on restore */
	const char *path;                /* template: {domain} {uuid} */
	const char *requires_option;     /* only with this option */
	bool system_restore_deletes_server;
	const char *source;
};

struct hc_dns_record {
	const char *name;                /* "@", "www", "mail" */
	const char *type;                /* A, MX, TXT */
	const char *value;               /* template: {ip} {domain} */
	const char *unless;              /* "web-elsewhere" | "mail-elsewhere" */
};

struct hc_dns_pattern {
	const char *name;                /* A B C ready */
	int primary;                     /* enum hc_party */
	int secondary;                   /* enum hc_party */
	const char *source;
};

struct hc_dns {
	struct hc_strs ready_domains;
	const char *test_domain_suffix;
	int64_t max_domains;
	struct hc_list patterns;         /* struct hc_dns_pattern */
	struct hc_list records;          /* struct hc_dns_record: provider-primary set */
	const char *source;
};

struct hc_port_range {
	int64_t first, last;             /* inclusive */
};

struct hc_firewall {
	struct hc_ints ports;            /* restrictable ports */
	struct hc_list port_ranges;      /* struct hc_port_range, also restrictable */
	struct hc_ints ssl_ports;        /* restrictable only with SSL */
	int64_t max_sources_per_port;
	const char *deny_all_source;     /* a source meaning "deny everyone" */
	bool reset_on_disconnect;
	const char *source;
};

struct hc_work_type {
	const char *name;                /* e.g. "reboot" */
	const char *title;
	struct hc_strs menus;            /* service menus offering it */
	int verify_via;                  /* enum hc_channel: identity verification */
	int notify_via;                  /* enum hc_channel: completion notice */
	bool around_the_clock;           /* accepted 24/365 */
	const char *source;
};

struct hc_notification {
	const char *event;               /* ping-alert, service-alert, ... */
	const char *title;
	const char *requires_option;     /* only when the server has this option */
	struct hc_strs requires_any_option;   /* ... or one of these */
	struct hc_strs channels;         /* enum hc_channel names */
	struct hc_strs phone_except;     /* no phone call for these checks */
	const char *source;
};

struct hc_escalation {
	int64_t rings;                   /* rings before the next contact */
	int64_t rounds;                  /* rounds over all contacts */
	const char *then;                /* what happens after: "reboot" */
	const char *source;
};

struct hc_monitoring {
	int64_t ping_interval_minutes;
	int64_t visual_checks_per_week;
	struct hc_escalation escalation;
	const char *source;
};

struct hc_security_level {
	const char *level;               /* high, medium */
	const char *title;
	const char *scope;               /* "all" or "option" */
	const char *requires_option;
};

struct hc_security_updates {
	int applied_by;                  /* enum hc_party */
	struct hc_list levels;           /* struct hc_security_level */
	int64_t outage_minutes;          /* the window an update is applied in */
	const char *source;
};

struct hc_refund_tier {
	int64_t max_seconds;             /* cumulative failure time, inclusive;
	                                  * absent on the last tier */
	int64_t percent;                 /* of the month's fee */
	const char *availability;        /* as the table prints it */
};

struct hc_exclusion {
	const char *cause;               /* e.g. "announced-maintenance" */
	const char *title;
	int64_t item;                    /* numbering in the specification */
	struct hc_strs includes;         /* finer causes the verbs record that this
	                                  * item covers (e.g. customer-compromise) */
};

struct hc_sla {
	int64_t target_percent;          /* scaled by 100: 99.95 -> 9995 */
	struct hc_strs applies_to;       /* plan kinds covered */
	struct hc_list refund;           /* struct hc_refund_tier, ascending */
	struct hc_list exclusions;       /* struct hc_exclusion */
	const char *source;
};

struct hc_bandwidth {
	const char *method;              /* "p95" */
	const char *direction;           /* "max" = the larger of in and out */
	int64_t sample_minutes;
	const char *option;              /* option adding allowance */
	const char *source;
};

struct hc_onsite {
	bool next_business_day_if_reachable;
	struct hc_strs recovery;         /* part, chassis, equivalent-model */
	struct hc_strs reinstall_when;   /* disk, equivalent-model */
	const char *recovery_point;      /* "initial-spec" */
	const char *backup_option;       /* option giving "latest backup" recovery */
	const char *source;
};

struct hc_abuse {
	struct hc_strs actions;          /* isolate, shutdown, reinstall-os */
	const char *rescue_profile;      /* profile with rescue menus */
	const char *source;
};

struct hc_rescue_menu {
	const char *name;
	const char *title;
	struct hc_strs includes;         /* work and actions covered */
	const char *source;
};

struct hc_rescue {
	struct hc_list menus;            /* struct hc_rescue_menu */
	struct hc_list hours;            /* struct hc_span: business hours */
	bool requires_vendor_support;    /* else limited work, special fee */
	int64_t reinstall_business_days; /* OS reinstall lead */
	const char *billing;             /* "per-server-per-incident" */
	const char *source;
};

struct hc_support {
	struct hc_list hours;            /* struct hc_span on business days */
	bool reboot_around_the_clock;
	const char *source;
};

struct hc_profile {
	const char *name;
	const char *title;
	const char *spec;                /* which seed: "000" ... */
	const char *edition;             /* version and date of the specification */
	const char *contract_unit;
	struct hc_list regions;          /* struct hc_region */
	struct hc_list os;               /* struct hc_os */
	struct hc_list plans;            /* struct hc_plan */
	struct hc_list options;          /* struct hc_option */
	struct hc_list lead_times;       /* struct hc_lead_time */
	struct hc_plan_change plan_change;
	struct hc_disk_rules disk;
	struct hc_ip_rules ip;
	struct hc_block_storage block_storage;
	struct hc_cancellation cancellation;
	struct hc_list backups;          /* struct hc_backup_policy */
	struct hc_dns dns;
	struct hc_firewall firewall;
	struct hc_list work_types;       /* struct hc_work_type */
	struct hc_list notifications;    /* struct hc_notification */
	struct hc_monitoring monitoring;
	struct hc_security_updates security_updates;
	struct hc_sla sla;
	struct hc_bandwidth bandwidth;
	struct hc_onsite onsite;
	struct hc_abuse abuse;
	struct hc_rescue rescue;
	struct hc_support support;
	struct hc_strs notes;            /* choices made where the spec is silent */
};

extern const struct hc_schema hc_profile_schema;

/* The profiles a state uses, loaded together. */
struct hc_catalog {
	struct hc_arena arena;
	struct hc_profile *profiles;
	size_t n;
};

/* The seeds compiled into the library: name ("clara-jp6.yaml") and bytes. */
struct hc_seed_file {
	const char *name;
	const char *data;
	size_t len;
};
extern const struct hc_seed_file hc_catalog_builtin[];
extern const size_t hc_catalog_builtin_count;

void hc_catalog_init(struct hc_catalog *cat);
void hc_catalog_release(struct hc_catalog *cat);

/* Parses one profile file and appends it; path is used in errors. Returns
 * HC_EINVALID on a schema error, or when a profile of that name is already
 * loaded. */
int hc_catalog_add(struct hc_catalog *cat, const char *buf, size_t len, const char *path,
		   struct hc_error *err);

/* Loads every built-in profile. */
int hc_catalog_load_builtin(struct hc_catalog *cat, struct hc_error *err);

/* Cross-reference checks inside each profile (defaults unique, plan
 * regions/OS exist, options named by rules exist, refund tiers ascending,
 * windows within the day ...). Every problem is appended to list; returns
 * HC_EINVALID when there was any. */
int hc_catalog_check(const struct hc_catalog *cat, struct hc_errors *list);

/* Lookups; NULL when absent. Pointers stay valid until the catalog is
 * released. */
const struct hc_profile *hc_catalog_profile(const struct hc_catalog *cat, const char *name);
const struct hc_plan *hc_profile_plan(const struct hc_profile *p, const char *name);
const struct hc_os *hc_profile_os(const struct hc_profile *p, const char *name);
const struct hc_region *hc_profile_region(const struct hc_profile *p, const char *name);
const struct hc_region *hc_profile_default_region(const struct hc_profile *p);
const struct hc_os *hc_profile_default_os(const struct hc_profile *p);
const struct hc_option *hc_profile_option(const struct hc_profile *p, const char *name);
const struct hc_lead_time *hc_profile_lead_time(const struct hc_profile *p, int plan_kind);
const struct hc_backup_policy *hc_profile_backup(const struct hc_profile *p, const char *name);
const struct hc_work_type *hc_profile_work_type(const struct hc_profile *p, const char *name);
const struct hc_window *hc_profile_window(const struct hc_profile *p, const char *name);

#endif
