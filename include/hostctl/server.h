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

#endif
