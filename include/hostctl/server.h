/*
 * server.h - the server record, servers/<uuid>.yaml.
 *
 * A server is ordered, handed over (active), and cancelled through
 * cancel-pending. Its claims (hostname, global and private addresses,
 * ready-domain subdomains) are listed by hc_server_claims() so that
 * provisioning and `hostctl validate` agree on what a server owns.
 */
#ifndef HOSTCTL_SERVER_H
#define HOSTCTL_SERVER_H

#include "hostctl/catalog.h"
#include "hostctl/record.h"

#define HC_SERVERS_DIR "servers"

extern const char *const hc_server_status_names[];
enum hc_server_status { HC_SRV_ORDERED, HC_SRV_ACTIVE, HC_SRV_CANCEL_PENDING, HC_SRV_CANCELLED };
extern const char *const hc_network_names[];   /* connected disconnected */
enum hc_network { HC_NET_CONNECTED, HC_NET_DISCONNECTED };
extern const char *const hc_power_names[];     /* on off */
enum hc_power { HC_POWER_ON, HC_POWER_OFF };
extern const char *const hc_environment_names[]; /* production development evaluation */
enum hc_environment { HC_ENV_PRODUCTION, HC_ENV_DEVELOPMENT, HC_ENV_EVALUATION };

struct hc_server_domain {
	const char *name;
	const char *pattern;             /* DNS pattern: A, B, C or ready */
	bool ready;                      /* a ready-domain subdomain (claimed) */
	bool web_elsewhere;
	bool mail_elsewhere;
	const char *test_domain;         /* <label>.<test_domain_suffix> */
	struct hc_strs options;          /* domain options, cancelled with the server */
};

struct hc_server_backup {
	const char *policy;              /* catalog backup policy */
	const char *domain;              /* for per-domain copies */
	const char *path;                /* target path, template filled in */
	int window_from, window_to;      /* daily start window, HH:MM */
	int64_t generations;
};

struct hc_firewall_rule {
	int64_t port;
	struct hc_strs sources;          /* allowed sources (IPv4 or CIDR) */
};

struct hc_server_disk {
	const char *kind;                /* "disk" or "block-storage" */
	int64_t size_gb;
	int64_t iops_per_gb;             /* block storage */
	hc_time added_at;
};

struct hc_server {
	const char *id;                  /* lowercase UUID */
	const char *customer;
	const char *profile;
	const char *plan;
	const char *os;
	const char *region;
	const char *hostname;
	int status;                      /* enum hc_server_status */
	int environment;                 /* enum hc_environment; absent = production */
	struct hc_strs options;
	struct hc_strs global_ips;
	const char *private_ip;
	int64_t os_disk_gb;
	int64_t disk_added_gb;           /* managed: total added to the base disk */
	struct hc_list disks;            /* struct hc_server_disk */
	struct hc_list domains;          /* struct hc_server_domain */
	struct hc_list backups;          /* struct hc_server_backup */
	struct hc_list firewall;         /* struct hc_firewall_rule */
	int network;                     /* enum hc_network; absent = connected */
	int power;                       /* enum hc_power; absent = on */
	hc_time ordered_at;
	hc_time accepted_at;
	hc_time settings_submitted_at;
	hc_day ready_by;                 /* hand-over date promised */
	hc_time ready_at;                /* ... or instant (added servers) */
	hc_time activated_at;
	hc_time cancel_filed_at;
	hc_day cancel_effective;
	hc_time cancelled_at;
	const char *note;
};

extern const struct hc_schema hc_server_schema;

/* Calls fn for every value the server owns through a claim. */
typedef void (*hc_claim_fn)(int kind, const char *value, void *ctx);
void hc_server_claims(const struct hc_server *s, hc_claim_fn fn, void *ctx);

/* Whether the server carries option name. */
bool hc_server_has_option(const struct hc_server *s, const char *name);

/* ---- rules (pure) ------------------------------------------------------------ */

/*
 * The hand-over date of an order accepted at `accepted`: the first business
 * day on or after the acceptance day, or (lt->from_settings, settings given)
 * the business day after the settings were submitted when that is later,
 * plus lt->business_days business days (000 §4.2-1, 002 §3.1). An added
 * server (the customer already has one of this kind) uses added_minutes
 * (*ready_at set) or added_business_days. Leaves both NONE when the profile
 * gives no lead time. HC_EREFUSED when the date leaves the calendar.
 */
int hc_lead_time_ready(const struct hc_calendar *cal, const struct hc_lead_time *lt,
		       hc_time accepted, hc_time settings, bool added, hc_day *ready_by,
		       hc_time *ready_at, struct hc_error *err);

/* Whether a cancellation filed at `filed` may take effect on `effective`
 * under the profile's rule; HC_EREFUSED naming the rule when not. */
int hc_cancellation_allowed(const struct hc_calendar *cal, const struct hc_cancellation *c,
			    hc_time filed, hc_day effective, struct hc_error *err);

/* A new id: random (libuuid), or derived from seed and counter when seed is
 * set (HOSTCTL_SEED), for reproducible runs. */
void hc_uuid_new(char out[37], const char *seed, unsigned counter);

/* ---- lifecycle (each one transaction) ------------------------------------------ */

struct hc_order {
	const char *customer;
	const char *profile;             /* NULL: the profile whose plan this is */
	const char *plan;
	const char *os;                  /* NULL: the profile's default */
	const char *region;              /* NULL: the profile's default */
	const char *hostname;            /* NULL: generated */
	struct hc_strs options;
	int environment;                 /* -1: production */
	const char *domain;              /* NULL: none yet */
	const char *dns_pattern;
	bool web_elsewhere, mail_elsewhere;
	hc_time accepted_at;             /* HC_TIME_NONE: now */
	hc_time settings_submitted_at;   /* HC_TIME_NONE: none required */
	hc_day requested_date;           /* HC_DAY_NONE: the earliest */
	const char *id_seed;             /* NULL: random ids */
};

/* What a lifecycle call produced: the record as written, and caveats for
 * the operator (stock, ended vendor support ...). */
struct hc_server_result {
	struct hc_arena arena;
	struct hc_server server;
	struct hc_strs notes;
	struct hc_strs ids;              /* sweep: the servers cancelled */
};
void hc_server_result_init(struct hc_server_result *r);
void hc_server_result_release(struct hc_server_result *r);

struct hc_store;
struct hc_txn_options;

/* provision new: validates the order against the profile, allocates the
 * id, addresses, hostname and domain claims, and writes the server in
 * status ordered with its hand-over date and backup policies. */
int hc_server_order(struct hc_store *st, const struct hc_txn_options *o,
		    const struct hc_order *order, struct hc_server_result *res,
		    struct hc_buf *report, struct hc_error *err);
/* ordered -> active. ref: id or unique prefix. */
int hc_server_activate(struct hc_store *st, const struct hc_txn_options *o, const char *ref,
		       hc_time at, struct hc_server_result *res, struct hc_buf *report,
		       struct hc_error *err);
/* ordered|active -> cancel-pending under the profile's cancellation rule. */
int hc_server_cancel(struct hc_store *st, const struct hc_txn_options *o, const char *ref,
		     hc_time filed, hc_day effective, struct hc_server_result *res,
		     struct hc_buf *report, struct hc_error *err);
/* cancel-pending servers whose effective date has come -> cancelled,
 * releasing every claim and cancelling the domain options. Idempotent. */
int hc_server_sweep(struct hc_store *st, const struct hc_txn_options *o, hc_time at,
		    struct hc_server_result *res, struct hc_buf *report, struct hc_error *err);
/* Adds domains to a server within the profile's limits. */
int hc_server_add_domains(struct hc_store *st, const struct hc_txn_options *o, const char *ref,
			  const char *const *domains, size_t n, const char *pattern,
			  bool web_elsewhere, bool mail_elsewhere, struct hc_server_result *res,
			  struct hc_buf *report, struct hc_error *err);

/* Path of the server named by ref (id or unique id prefix). */
int hc_server_locate(struct hc_store *st, const char *ref, char *path, size_t size,
		     struct hc_error *err);

#endif
