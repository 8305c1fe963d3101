/*
 * server.c - the server record and what it owns.
 */
#include <string.h>

#include "hostctl/claim.h"
#include "hostctl/server.h"

const char *const hc_server_status_names[] = {
	"ordered", "active", "cancel-pending", "cancelled", NULL
};
const char *const hc_network_names[] = { "connected", "disconnected", NULL };
const char *const hc_power_names[] = { "on", "off", NULL };
const char *const hc_environment_names[] = { "production", "development", "evaluation", NULL };

static const struct hc_field domain_fields[] = {
	HC_FIELD_STR(struct hc_server_domain, name, "name", HC_REQ, HC_CHK_DOMAIN),
	HC_FIELD_STR(struct hc_server_domain, pattern, "pattern", HC_REQ, HC_CHK_NAME),
	HC_FIELD(struct hc_server_domain, ready, "ready", HC_F_BOOL, 0),
	HC_FIELD(struct hc_server_domain, web_elsewhere, "web_elsewhere", HC_F_BOOL, 0),
	HC_FIELD(struct hc_server_domain, mail_elsewhere, "mail_elsewhere", HC_F_BOOL, 0),
	HC_FIELD_STR(struct hc_server_domain, test_domain, "test_domain", 0, HC_CHK_DOMAIN),
	HC_FIELD_STRS(struct hc_server_domain, options, "options", 0, HC_CHK_NAME),
};
static const struct hc_schema domain_schema =
	HC_SCHEMA(struct hc_server_domain, "server.domains", domain_fields);

static const struct hc_field backup_fields[] = {
	HC_FIELD_STR(struct hc_server_backup, policy, "policy", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_server_backup, domain, "domain", 0, HC_CHK_DOMAIN),
	HC_FIELD_STR(struct hc_server_backup, path, "path", 0, HC_CHK_NONE),
	HC_FIELD(struct hc_server_backup, window_from, "window_from", HC_F_HHMM, 0),
	HC_FIELD(struct hc_server_backup, window_to, "window_to", HC_F_HHMM, 0),
	HC_FIELD_INT(struct hc_server_backup, generations, "generations", 0, 1, 10000),
};
static const struct hc_schema backup_schema =
	HC_SCHEMA(struct hc_server_backup, "server.backups", backup_fields);

static const struct hc_field firewall_fields[] = {
	HC_FIELD_INT(struct hc_firewall_rule, port, "port", HC_REQ, 1, 65535),
	HC_FIELD_STRS(struct hc_firewall_rule, sources, "sources", 0, HC_CHK_NONE),
};
static const struct hc_schema firewall_schema =
	HC_SCHEMA(struct hc_firewall_rule, "server.firewall", firewall_fields);

static const struct hc_field disk_fields[] = {
	HC_FIELD_STR(struct hc_server_disk, kind, "kind", HC_REQ, HC_CHK_NAME),
	HC_FIELD_INT(struct hc_server_disk, size_gb, "size_gb", HC_REQ, 1, 100000000),
	HC_FIELD_INT(struct hc_server_disk, iops_per_gb, "iops_per_gb", 0, 1, 1000),
	HC_FIELD(struct hc_server_disk, added_at, "added_at", HC_F_TIME, 0),
};
static const struct hc_schema disk_schema = HC_SCHEMA(struct hc_server_disk, "server.disks", disk_fields);

static const struct hc_field server_fields[] = {
	HC_FIELD_STR(struct hc_server, id, "id", HC_REQ, HC_CHK_UUID),
	HC_FIELD_STR(struct hc_server, customer, "customer", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_server, profile, "profile", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_server, plan, "plan", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_server, os, "os", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_server, region, "region", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_server, hostname, "hostname", HC_REQ, HC_CHK_DOMAIN),
	HC_FIELD_ENUM(struct hc_server, status, "status", HC_REQ, hc_server_status_names),
	HC_FIELD_ENUM(struct hc_server, environment, "environment", 0, hc_environment_names),
	HC_FIELD_STRS(struct hc_server, options, "options", 0, HC_CHK_NAME),
	HC_FIELD_STRS(struct hc_server, global_ips, "global_ips", 0, HC_CHK_IPV4),
	HC_FIELD_STR(struct hc_server, private_ip, "private_ip", 0, HC_CHK_IPV4),
	HC_FIELD_INT(struct hc_server, os_disk_gb, "os_disk_gb", 0, 1, 100000000),
	HC_FIELD_INT(struct hc_server, disk_added_gb, "disk_added_gb", 0, 0, 100000000),
	HC_FIELD_LIST(struct hc_server, disks, "disks", 0, disk_schema),
	HC_FIELD_LIST(struct hc_server, domains, "domains", 0, domain_schema),
	HC_FIELD_LIST(struct hc_server, backups, "backups", 0, backup_schema),
	HC_FIELD_LIST(struct hc_server, firewall, "firewall", 0, firewall_schema),
	HC_FIELD_ENUM(struct hc_server, network, "network", 0, hc_network_names),
	HC_FIELD_ENUM(struct hc_server, power, "power", 0, hc_power_names),
	HC_FIELD(struct hc_server, ordered_at, "ordered_at", HC_F_TIME, HC_REQ),
	HC_FIELD(struct hc_server, accepted_at, "accepted_at", HC_F_TIME, 0),
	HC_FIELD(struct hc_server, settings_submitted_at, "settings_submitted_at", HC_F_TIME, 0),
	HC_FIELD(struct hc_server, ready_by, "ready_by", HC_F_DAY, 0),
	HC_FIELD(struct hc_server, ready_at, "ready_at", HC_F_TIME, 0),
	HC_FIELD(struct hc_server, activated_at, "activated_at", HC_F_TIME, 0),
	HC_FIELD(struct hc_server, cancel_filed_at, "cancel_filed_at", HC_F_TIME, 0),
	HC_FIELD(struct hc_server, cancel_effective, "cancel_effective", HC_F_DAY, 0),
	HC_FIELD(struct hc_server, cancelled_at, "cancelled_at", HC_F_TIME, 0),
	HC_FIELD_STR(struct hc_server, note, "note", 0, HC_CHK_TEXT),
};
const struct hc_schema hc_server_schema = HC_SCHEMA(struct hc_server, "server", server_fields);

void hc_server_claims(const struct hc_server *s, hc_claim_fn fn, void *ctx)
{
	/* A cancelled server has released everything it held. */
	if (s->status == HC_SRV_CANCELLED)
		return;
	if (s->hostname)
		fn(HC_CLAIM_HOSTNAME, s->hostname, ctx);
	for (size_t i = 0; i < s->global_ips.n; i++)
		fn(HC_CLAIM_IP, s->global_ips.v[i], ctx);
	if (s->private_ip)
		fn(HC_CLAIM_PRIVATE_IP, s->private_ip, ctx);
	for (size_t i = 0; i < s->domains.n; i++) {
		const struct hc_server_domain *d = HC_LIST_AT(s->domains, struct hc_server_domain, i);

		if (d->ready)
			fn(HC_CLAIM_READY_DOMAIN, d->name, ctx);
	}
}

bool hc_server_has_option(const struct hc_server *s, const char *name)
{
	return hc_strs_has(&s->options, name);
}
