/*
 * catalog.c - the provider profile schema, loading and consistency checks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostctl/catalog.h"

const char *const hc_plan_kind_names[] = { "virtual", "physical", NULL };
const char *const hc_os_family_names[] = { "linux", "windows", NULL };
const char *const hc_outage_names[] = { "none", "reboot", "stop", NULL };
const char *const hc_channel_names[] = {
	"monitoring-email", "emergency-phone", "contract-email", "operator", "vendor", "portal", NULL
};
const char *const hc_deadline_names[] = {
	"none", "end-of-previous-month", "end-of-next-month", NULL
};
const char *const hc_party_names[] = { "provider", "customer", NULL };

#define N HC_CHK_NONE
#define NAME HC_CHK_NAME
#define BIG INT64_C(1000000000)

/* ---- field tables (key order = write order) -------------------------- */

static const struct hc_field span_fields[] = {
	HC_FIELD(struct hc_span, from, "from", HC_F_HHMM, HC_REQ),
	HC_FIELD(struct hc_span, to, "to", HC_F_HHMM, HC_REQ),
};
const struct hc_schema hc_span_schema = HC_SCHEMA(struct hc_span, "hours", span_fields);

static const struct hc_field region_fields[] = {
	HC_FIELD_STR(struct hc_region, name, "name", HC_REQ, NAME),
	HC_FIELD_STR(struct hc_region, title, "title", 0, N),
	HC_FIELD(struct hc_region, is_default, "default", HC_F_BOOL, 0),
	HC_FIELD(struct hc_region, redundant_edge, "redundant_edge", HC_F_BOOL, 0),
	HC_FIELD(struct hc_region, multi_carrier, "multi_carrier", HC_F_BOOL, 0),
	HC_FIELD_INT(struct hc_region, asn, "asn", 0, 1, 4294967295LL),
	HC_FIELD_INT(struct hc_region, onsite_eta_minutes, "onsite_eta_minutes", 0, 0, 10080),
	HC_FIELD_STR(struct hc_region, source, "source", 0, N),
};
static const struct hc_schema region_schema = HC_SCHEMA(struct hc_region, "region", region_fields);

static const struct hc_field os_fields[] = {
	HC_FIELD_STR(struct hc_os, name, "name", HC_REQ, NAME),
	HC_FIELD_STR(struct hc_os, title, "title", 0, N),
	HC_FIELD_ENUM(struct hc_os, family, "family", HC_REQ, hc_os_family_names),
	HC_FIELD(struct hc_os, is_default, "default", HC_F_BOOL, 0),
	HC_FIELD(struct hc_os, sale_end, "sale_end", HC_F_DAY, 0),
	HC_FIELD(struct hc_os, support_end, "support_end", HC_F_DAY, 0),
	HC_FIELD_STRS(struct hc_os, requires_options, "requires_options", 0, NAME),
	HC_FIELD_INT(struct hc_os, os_disk_gb, "os_disk_gb", 0, 1, 100000),
	HC_FIELD_STR(struct hc_os, update_policy, "update_policy", 0, N),
	HC_FIELD_STR(struct hc_os, source, "source", 0, N),
};
static const struct hc_schema os_schema = HC_SCHEMA(struct hc_os, "os", os_fields);

static const struct hc_field plan_fields[] = {
	HC_FIELD_STR(struct hc_plan, name, "name", HC_REQ, NAME),
	HC_FIELD_STR(struct hc_plan, title, "title", 0, N),
	HC_FIELD_ENUM(struct hc_plan, kind, "kind", HC_REQ, hc_plan_kind_names),
	HC_FIELD_INT(struct hc_plan, vcpu, "vcpu", 0, 1, 1024),
	HC_FIELD_INT(struct hc_plan, memory_gb, "memory_gb", 0, 1, 65536),
	HC_FIELD_INT(struct hc_plan, disk_gb, "disk_gb", 0, 1, 1000000),
	HC_FIELD(struct hc_plan, disk_expandable, "disk_expandable", HC_F_BOOL, 0),
	HC_FIELD_INT(struct hc_plan, global_ips, "global_ips", 0, 0, 65536),
	HC_FIELD_INT(struct hc_plan, global_ips_max, "global_ips_max", 0, 0, 65536),
	HC_FIELD_INT(struct hc_plan, private_ips, "private_ips", 0, 0, 65536),
	HC_FIELD_INT(struct hc_plan, private_ips_max, "private_ips_max", 0, 0, 65536),
	HC_FIELD_INT(struct hc_plan, bandwidth_mbps, "bandwidth_mbps", 0, 0, 1000000),
	HC_FIELD_INT(struct hc_plan, monthly_fee_jpy, "monthly_fee_jpy", 0, 0, BIG),
	HC_FIELD(struct hc_plan, plan_change, "plan_change", HC_F_BOOL, 0),
	HC_FIELD_STRS(struct hc_plan, regions, "regions", 0, NAME),
	HC_FIELD_STRS(struct hc_plan, os, "os", 0, NAME),
	HC_FIELD_STR(struct hc_plan, source, "source", 0, N),
};
static const struct hc_schema plan_schema = HC_SCHEMA(struct hc_plan, "plan", plan_fields);

static const struct hc_field option_fields[] = {
	HC_FIELD_STR(struct hc_option, name, "name", HC_REQ, NAME),
	HC_FIELD_STR(struct hc_option, title, "title", 0, N),
	HC_FIELD(struct hc_option, hardware, "hardware", HC_F_BOOL, 0),
	HC_FIELD(struct hc_option, requires_stop, "requires_stop", HC_F_BOOL, 0),
	HC_FIELD_INT(struct hc_option, bandwidth_mbps, "bandwidth_mbps", 0, 0, 1000000),
	HC_FIELD_INT(struct hc_option, global_ips, "global_ips", 0, 0, 65536),
	HC_FIELD_INT(struct hc_option, outage_minutes, "outage_minutes", 0, 0, 10080),
	HC_FIELD_STR(struct hc_option, source, "source", 0, N),
};
static const struct hc_schema option_schema = HC_SCHEMA(struct hc_option, "option", option_fields);

static const struct hc_field lead_fields[] = {
	HC_FIELD_ENUM(struct hc_lead_time, kind, "kind", HC_REQ, hc_plan_kind_names),
	HC_FIELD_INT(struct hc_lead_time, business_days, "business_days", 0, 0, 365),
	HC_FIELD_INT(struct hc_lead_time, added_minutes, "added_minutes", 0, 0, 100000),
	HC_FIELD_INT(struct hc_lead_time, added_business_days, "added_business_days", 0, 0, 365),
	HC_FIELD(struct hc_lead_time, from_settings, "from_settings", HC_F_BOOL, 0),
	HC_FIELD_STR(struct hc_lead_time, note, "note", 0, N),
	HC_FIELD_STR(struct hc_lead_time, source, "source", 0, N),
};
static const struct hc_schema lead_schema = HC_SCHEMA(struct hc_lead_time, "lead_time", lead_fields);

static const struct hc_field window_fields[] = {
	HC_FIELD_STR(struct hc_window, name, "name", HC_REQ, NAME),
	HC_FIELD(struct hc_window, from, "from", HC_F_HHMM, HC_REQ),
	HC_FIELD(struct hc_window, to, "to", HC_F_HHMM, HC_REQ),
	HC_FIELD_INTS(struct hc_window, business_days, "business_days", 0, 0, 7),
	HC_FIELD_STR(struct hc_window, source, "source", 0, N),
};
static const struct hc_schema window_schema = HC_SCHEMA(struct hc_window, "window", window_fields);

static const struct hc_field plan_change_fields[] = {
	HC_FIELD(struct hc_plan_change, allowed, "allowed", HC_F_BOOL, 0),
	HC_FIELD_INT(struct hc_plan_change, per_day, "per_day", 0, 1, 100),
	HC_FIELD(struct hc_plan_change, immediate, "immediate", HC_F_BOOL, 0),
	HC_FIELD(struct hc_plan_change, reserved, "reserved", HC_F_BOOL, 0),
	HC_FIELD_ENUM(struct hc_plan_change, outage, "outage", 0, hc_outage_names),
	HC_FIELD_INT(struct hc_plan_change, outage_minutes, "outage_minutes", 0, 0, 10080),
	HC_FIELD(struct hc_plan_change, by_request, "by_request", HC_F_BOOL, 0),
	HC_FIELD_STR(struct hc_plan_change, source, "source", 0, N),
};
static const struct hc_schema plan_change_schema =
	HC_SCHEMA(struct hc_plan_change, "plan_change", plan_change_fields);

static const struct hc_field disk_fields[] = {
	HC_FIELD(struct hc_disk_rules, allowed, "allowed", HC_F_BOOL, 0),
	HC_FIELD_INT(struct hc_disk_rules, step_gb, "step_gb", 0, 1, 1000000),
	HC_FIELD_INT(struct hc_disk_rules, max_added_gb, "max_added_gb", 0, 1, 10000000),
	HC_FIELD_INTS(struct hc_disk_rules, sizes_gb, "sizes_gb", 0, 1, 10000000),
	HC_FIELD_INT(struct hc_disk_rules, per_day, "per_day", 0, 1, 100),
	HC_FIELD_ENUM(struct hc_disk_rules, outage, "outage", 0, hc_outage_names),
	HC_FIELD_INT(struct hc_disk_rules, outage_minutes, "outage_minutes", 0, 0, 10080),
	HC_FIELD_LIST(struct hc_disk_rules, windows, "windows", 0, window_schema),
	HC_FIELD_INT(struct hc_disk_rules, min_business_days, "min_business_days", 0, 0, 365),
	HC_FIELD_ENUM(struct hc_disk_rules, latest, "latest", 0, hc_deadline_names),
	HC_FIELD_STR(struct hc_disk_rules, source, "source", 0, N),
};
static const struct hc_schema disk_schema = HC_SCHEMA(struct hc_disk_rules, "disk", disk_fields);

static const struct hc_field ip_fields[] = {
	HC_FIELD_STRS(struct hc_ip_rules, requires_any_option, "requires_any_option", 0, NAME),
	HC_FIELD_STR(struct hc_ip_rules, source, "source", 0, N),
};
static const struct hc_schema ip_schema = HC_SCHEMA(struct hc_ip_rules, "ip", ip_fields);

static const struct hc_field block_fields[] = {
	HC_FIELD_INTS(struct hc_block_storage, iops_per_gb, "iops_per_gb", 0, 1, 1000),
	HC_FIELD_INTS(struct hc_block_storage, sizes_gb, "sizes_gb", 0, 1, 10000000),
	HC_FIELD_STR(struct hc_block_storage, source, "source", 0, N),
};
static const struct hc_schema block_schema =
	HC_SCHEMA(struct hc_block_storage, "block_storage", block_fields);

static const struct hc_field cancel_fields[] = {
	HC_FIELD_ENUM(struct hc_cancellation, notice, "notice", 0, hc_deadline_names),
	HC_FIELD(struct hc_cancellation, same_day_until, "same_day_until", HC_F_HHMM, 0),
	HC_FIELD_ENUM(struct hc_cancellation, latest, "latest", 0, hc_deadline_names),
	HC_FIELD(struct hc_cancellation, freezes_options, "freezes_options", HC_F_BOOL, 0),
	HC_FIELD(struct hc_cancellation, cancels_domain_options, "cancels_domain_options", HC_F_BOOL, 0),
	HC_FIELD_STR(struct hc_cancellation, source, "source", 0, N),
};
static const struct hc_schema cancel_schema =
	HC_SCHEMA(struct hc_cancellation, "cancellation", cancel_fields);

static const struct hc_field backup_fields[] = {
	HC_FIELD_STR(struct hc_backup_policy, name, "name", HC_REQ, NAME),
	HC_FIELD_STR(struct hc_backup_policy, title, "title", 0, N),
	HC_FIELD_STRS(struct hc_backup_policy, covers, "covers", 0, N),
	HC_FIELD_STRS(struct hc_backup_policy, excludes, "excludes", 0, N),
	HC_FIELD(struct hc_backup_policy, window_from, "window_from", HC_F_HHMM, 0),
	HC_FIELD(struct hc_backup_policy, window_to, "window_to", HC_F_HHMM, 0),
	HC_FIELD_INT(struct hc_backup_policy, generations, "generations", 0, 1, 10000),
	HC_FIELD(struct hc_backup_policy, generations_configurable, "generations_configurable", HC_F_BOOL, 0),
	HC_FIELD(struct hc_backup_policy, incremental, "incremental", HC_F_BOOL, 0),
	HC_FIELD_ENUM(struct hc_backup_policy, restore_by, "restore_by", 0, hc_party_names),
	HC_FIELD_STR(struct hc_backup_policy, restore_when, "restore_when", 0, NAME),
	HC_FIELD_INT(struct hc_backup_policy, max_loss_hours, "max_loss_hours", 0, 0, 100000),
	HC_FIELD_STR(struct hc_backup_policy, path, "path", 0, N),
	HC_FIELD_STR(struct hc_backup_policy, requires_option, "requires_option", 0, NAME),
	HC_FIELD(struct hc_backup_policy, system_restore_deletes_server, "system_restore_deletes_server", HC_F_BOOL, 0),
	HC_FIELD_STR(struct hc_backup_policy, source, "source", 0, N),
};
static const struct hc_schema backup_schema =
	HC_SCHEMA(struct hc_backup_policy, "backup", backup_fields);

static const struct hc_field dns_record_fields[] = {
	HC_FIELD_STR(struct hc_dns_record, name, "name", HC_REQ, N),
	HC_FIELD_STR(struct hc_dns_record, type, "type", HC_REQ, N),
	HC_FIELD_STR(struct hc_dns_record, value, "value", HC_REQ, N),
	HC_FIELD_STR(struct hc_dns_record, unless, "unless", 0, NAME),
};
static const struct hc_schema dns_record_schema =
	HC_SCHEMA(struct hc_dns_record, "dns.records", dns_record_fields);

static const struct hc_field dns_pattern_fields[] = {
	HC_FIELD_STR(struct hc_dns_pattern, name, "name", HC_REQ, NAME),
	HC_FIELD_ENUM(struct hc_dns_pattern, primary, "primary", HC_REQ, hc_party_names),
	HC_FIELD_ENUM(struct hc_dns_pattern, secondary, "secondary", HC_REQ, hc_party_names),
	HC_FIELD_STR(struct hc_dns_pattern, source, "source", 0, N),
};
static const struct hc_schema dns_pattern_schema =
	HC_SCHEMA(struct hc_dns_pattern, "dns.patterns", dns_pattern_fields);

static const struct hc_field dns_fields[] = {
	HC_FIELD_STRS(struct hc_dns, ready_domains, "ready_domains", 0, HC_CHK_DOMAIN),
	HC_FIELD_STR(struct hc_dns, test_domain_suffix, "test_domain_suffix", 0, HC_CHK_DOMAIN),
	HC_FIELD_INT(struct hc_dns, max_domains, "max_domains", 0, 1, 100000),
	HC_FIELD_LIST(struct hc_dns, patterns, "patterns", 0, dns_pattern_schema),
	HC_FIELD_LIST(struct hc_dns, records, "records", 0, dns_record_schema),
	HC_FIELD_STR(struct hc_dns, source, "source", 0, N),
};
static const struct hc_schema dns_schema = HC_SCHEMA(struct hc_dns, "dns", dns_fields);

static const struct hc_field port_range_fields[] = {
	HC_FIELD_INT(struct hc_port_range, first, "first", HC_REQ, 1, 65535),
	HC_FIELD_INT(struct hc_port_range, last, "last", HC_REQ, 1, 65535),
};
static const struct hc_schema port_range_schema =
	HC_SCHEMA(struct hc_port_range, "firewall.port_ranges", port_range_fields);

static const struct hc_field firewall_fields[] = {
	HC_FIELD_INTS(struct hc_firewall, ports, "ports", 0, 1, 65535),
	HC_FIELD_LIST(struct hc_firewall, port_ranges, "port_ranges", 0, port_range_schema),
	HC_FIELD_INTS(struct hc_firewall, ssl_ports, "ssl_ports", 0, 1, 65535),
	HC_FIELD_INT(struct hc_firewall, max_sources_per_port, "max_sources_per_port", 0, 1, 100000),
	HC_FIELD_STR(struct hc_firewall, deny_all_source, "deny_all_source", 0, HC_CHK_IPV4),
	HC_FIELD(struct hc_firewall, reset_on_disconnect, "reset_on_disconnect", HC_F_BOOL, 0),
	HC_FIELD_STR(struct hc_firewall, source, "source", 0, N),
};
static const struct hc_schema firewall_schema =
	HC_SCHEMA(struct hc_firewall, "firewall", firewall_fields);

static const struct hc_field work_type_fields[] = {
	HC_FIELD_STR(struct hc_work_type, name, "name", HC_REQ, NAME),
	HC_FIELD_STR(struct hc_work_type, title, "title", 0, N),
	HC_FIELD_STRS(struct hc_work_type, menus, "menus", 0, N),
	HC_FIELD_ENUM(struct hc_work_type, verify_via, "verify_via", HC_REQ, hc_channel_names),
	HC_FIELD_ENUM(struct hc_work_type, notify_via, "notify_via", 0, hc_channel_names),
	HC_FIELD(struct hc_work_type, around_the_clock, "around_the_clock", HC_F_BOOL, 0),
	HC_FIELD_STR(struct hc_work_type, source, "source", 0, N),
};
static const struct hc_schema work_type_schema =
	HC_SCHEMA(struct hc_work_type, "work_types", work_type_fields);

static const struct hc_field notification_fields[] = {
	HC_FIELD_STR(struct hc_notification, event, "event", HC_REQ, NAME),
	HC_FIELD_STR(struct hc_notification, title, "title", 0, N),
	HC_FIELD_STR(struct hc_notification, requires_option, "requires_option", 0, NAME),
	HC_FIELD_STRS(struct hc_notification, requires_any_option, "requires_any_option", 0, NAME),
	HC_FIELD_STRS(struct hc_notification, channels, "channels", HC_REQ, NAME),
	HC_FIELD_STRS(struct hc_notification, phone_except, "phone_except", 0, NAME),
	HC_FIELD_STR(struct hc_notification, source, "source", 0, N),
};
static const struct hc_schema notification_schema =
	HC_SCHEMA(struct hc_notification, "notifications", notification_fields);

static const struct hc_field escalation_fields[] = {
	HC_FIELD_INT(struct hc_escalation, rings, "rings", 0, 1, 100),
	HC_FIELD_INT(struct hc_escalation, rounds, "rounds", 0, 1, 10),
	HC_FIELD_STR(struct hc_escalation, then, "then", 0, NAME),
	HC_FIELD_STR(struct hc_escalation, source, "source", 0, N),
};
static const struct hc_schema escalation_schema =
	HC_SCHEMA(struct hc_escalation, "escalation", escalation_fields);

static const struct hc_field monitoring_fields[] = {
	HC_FIELD_INT(struct hc_monitoring, ping_interval_minutes, "ping_interval_minutes", 0, 1, 1440),
	HC_FIELD_INT(struct hc_monitoring, visual_checks_per_week, "visual_checks_per_week", 0, 1, 100),
	HC_FIELD_STRUCT(struct hc_monitoring, escalation, "escalation", 0, escalation_schema),
	HC_FIELD_STR(struct hc_monitoring, source, "source", 0, N),
};
static const struct hc_schema monitoring_schema =
	HC_SCHEMA(struct hc_monitoring, "monitoring", monitoring_fields);

static const struct hc_field security_level_fields[] = {
	HC_FIELD_STR(struct hc_security_level, level, "level", HC_REQ, NAME),
	HC_FIELD_STR(struct hc_security_level, title, "title", 0, N),
	HC_FIELD_STR(struct hc_security_level, scope, "scope", HC_REQ, NAME),
	HC_FIELD_STR(struct hc_security_level, requires_option, "requires_option", 0, NAME),
};
static const struct hc_schema security_level_schema =
	HC_SCHEMA(struct hc_security_level, "security_updates.levels", security_level_fields);

static const struct hc_field security_fields[] = {
	HC_FIELD_ENUM(struct hc_security_updates, applied_by, "applied_by", 0, hc_party_names),
	HC_FIELD_LIST(struct hc_security_updates, levels, "levels", 0, security_level_schema),
	HC_FIELD_INT(struct hc_security_updates, outage_minutes, "outage_minutes", 0, 0, 10080),
	HC_FIELD_STR(struct hc_security_updates, source, "source", 0, N),
};
static const struct hc_schema security_schema =
	HC_SCHEMA(struct hc_security_updates, "security_updates", security_fields);

static const struct hc_field refund_fields[] = {
	HC_FIELD_INT(struct hc_refund_tier, max_seconds, "max_seconds", 0, 0, 31 * 86400),
	HC_FIELD_INT(struct hc_refund_tier, percent, "percent", HC_REQ, 0, 100),
	HC_FIELD_STR(struct hc_refund_tier, availability, "availability", 0, N),
};
static const struct hc_schema refund_schema = HC_SCHEMA(struct hc_refund_tier, "sla.refund", refund_fields);

static const struct hc_field exclusion_fields[] = {
	HC_FIELD_STR(struct hc_exclusion, cause, "cause", HC_REQ, NAME),
	HC_FIELD_STR(struct hc_exclusion, title, "title", 0, N),
	HC_FIELD_INT(struct hc_exclusion, item, "item", 0, 1, 100),
	HC_FIELD_STRS(struct hc_exclusion, includes, "includes", 0, NAME),
};
static const struct hc_schema exclusion_schema =
	HC_SCHEMA(struct hc_exclusion, "sla.exclusions", exclusion_fields);

static const struct hc_field sla_fields[] = {
	HC_FIELD_DEC(struct hc_sla, target_percent, "target_percent", 0, 2, 0, 10000),
	HC_FIELD_STRS(struct hc_sla, applies_to, "applies_to", 0, NAME),
	HC_FIELD_LIST(struct hc_sla, refund, "refund", 0, refund_schema),
	HC_FIELD_LIST(struct hc_sla, exclusions, "exclusions", 0, exclusion_schema),
	HC_FIELD_STR(struct hc_sla, source, "source", 0, N),
};
static const struct hc_schema sla_schema = HC_SCHEMA(struct hc_sla, "sla", sla_fields);

static const struct hc_field bandwidth_fields[] = {
	HC_FIELD_STR(struct hc_bandwidth, method, "method", 0, NAME),
	HC_FIELD_STR(struct hc_bandwidth, direction, "direction", 0, NAME),
	HC_FIELD_INT(struct hc_bandwidth, sample_minutes, "sample_minutes", 0, 1, 1440),
	HC_FIELD_STR(struct hc_bandwidth, option, "option", 0, NAME),
	HC_FIELD_STR(struct hc_bandwidth, source, "source", 0, N),
};
static const struct hc_schema bandwidth_schema =
	HC_SCHEMA(struct hc_bandwidth, "bandwidth", bandwidth_fields);

static const struct hc_field onsite_fields[] = {
	HC_FIELD(struct hc_onsite, next_business_day_if_reachable, "next_business_day_if_reachable", HC_F_BOOL, 0),
	HC_FIELD_STRS(struct hc_onsite, recovery, "recovery", 0, NAME),
	HC_FIELD_STRS(struct hc_onsite, reinstall_when, "reinstall_when", 0, NAME),
	HC_FIELD_STR(struct hc_onsite, recovery_point, "recovery_point", 0, NAME),
	HC_FIELD_STR(struct hc_onsite, backup_option, "backup_option", 0, NAME),
	HC_FIELD_STR(struct hc_onsite, source, "source", 0, N),
};
static const struct hc_schema onsite_schema = HC_SCHEMA(struct hc_onsite, "onsite", onsite_fields);

static const struct hc_field abuse_fields[] = {
	HC_FIELD_STRS(struct hc_abuse, actions, "actions", 0, NAME),
	HC_FIELD_STR(struct hc_abuse, rescue_profile, "rescue_profile", 0, NAME),
	HC_FIELD_STR(struct hc_abuse, source, "source", 0, N),
};
static const struct hc_schema abuse_schema = HC_SCHEMA(struct hc_abuse, "abuse", abuse_fields);

static const struct hc_field rescue_menu_fields[] = {
	HC_FIELD_STR(struct hc_rescue_menu, name, "name", HC_REQ, NAME),
	HC_FIELD_STR(struct hc_rescue_menu, title, "title", 0, N),
	HC_FIELD_STRS(struct hc_rescue_menu, includes, "includes", 0, NAME),
	HC_FIELD_STR(struct hc_rescue_menu, source, "source", 0, N),
};
static const struct hc_schema rescue_menu_schema =
	HC_SCHEMA(struct hc_rescue_menu, "rescue.menus", rescue_menu_fields);

static const struct hc_field rescue_fields[] = {
	HC_FIELD_LIST(struct hc_rescue, menus, "menus", 0, rescue_menu_schema),
	HC_FIELD_LIST(struct hc_rescue, hours, "hours", 0, hc_span_schema),
	HC_FIELD(struct hc_rescue, requires_vendor_support, "requires_vendor_support", HC_F_BOOL, 0),
	HC_FIELD_INT(struct hc_rescue, reinstall_business_days, "reinstall_business_days", 0, 0, 365),
	HC_FIELD_STR(struct hc_rescue, billing, "billing", 0, NAME),
	HC_FIELD_STR(struct hc_rescue, source, "source", 0, N),
};
static const struct hc_schema rescue_schema = HC_SCHEMA(struct hc_rescue, "rescue", rescue_fields);

static const struct hc_field support_fields[] = {
	HC_FIELD_LIST(struct hc_support, hours, "hours", 0, hc_span_schema),
	HC_FIELD(struct hc_support, reboot_around_the_clock, "reboot_around_the_clock", HC_F_BOOL, 0),
	HC_FIELD_STR(struct hc_support, source, "source", 0, N),
};
static const struct hc_schema support_schema = HC_SCHEMA(struct hc_support, "support", support_fields);

static const struct hc_field profile_fields[] = {
	HC_FIELD_STR(struct hc_profile, name, "name", HC_REQ, NAME),
	HC_FIELD_STR(struct hc_profile, title, "title", HC_REQ, N),
	HC_FIELD_STR(struct hc_profile, spec, "spec", HC_REQ, N),
	HC_FIELD_STR(struct hc_profile, edition, "edition", 0, N),
	HC_FIELD_STR(struct hc_profile, contract_unit, "contract_unit", 0, N),
	HC_FIELD_LIST(struct hc_profile, regions, "regions", 0, region_schema),
	HC_FIELD_LIST(struct hc_profile, os, "os", 0, os_schema),
	HC_FIELD_LIST(struct hc_profile, plans, "plans", 0, plan_schema),
	HC_FIELD_LIST(struct hc_profile, options, "options", 0, option_schema),
	HC_FIELD_LIST(struct hc_profile, lead_times, "lead_times", 0, lead_schema),
	HC_FIELD_STRUCT(struct hc_profile, plan_change, "plan_change", 0, plan_change_schema),
	HC_FIELD_STRUCT(struct hc_profile, disk, "disk", 0, disk_schema),
	HC_FIELD_STRUCT(struct hc_profile, ip, "ip", 0, ip_schema),
	HC_FIELD_STRUCT(struct hc_profile, block_storage, "block_storage", 0, block_schema),
	HC_FIELD_STRUCT(struct hc_profile, cancellation, "cancellation", 0, cancel_schema),
	HC_FIELD_LIST(struct hc_profile, backups, "backups", 0, backup_schema),
	HC_FIELD_STRUCT(struct hc_profile, dns, "dns", 0, dns_schema),
	HC_FIELD_STRUCT(struct hc_profile, firewall, "firewall", 0, firewall_schema),
	HC_FIELD_LIST(struct hc_profile, work_types, "work_types", 0, work_type_schema),
	HC_FIELD_LIST(struct hc_profile, notifications, "notifications", 0, notification_schema),
	HC_FIELD_STRUCT(struct hc_profile, monitoring, "monitoring", 0, monitoring_schema),
	HC_FIELD_STRUCT(struct hc_profile, security_updates, "security_updates", 0, security_schema),
	HC_FIELD_STRUCT(struct hc_profile, sla, "sla", 0, sla_schema),
	HC_FIELD_STRUCT(struct hc_profile, bandwidth, "bandwidth", 0, bandwidth_schema),
	HC_FIELD_STRUCT(struct hc_profile, onsite, "onsite", 0, onsite_schema),
	HC_FIELD_STRUCT(struct hc_profile, abuse, "abuse", 0, abuse_schema),
	HC_FIELD_STRUCT(struct hc_profile, rescue, "rescue", 0, rescue_schema),
	HC_FIELD_STRUCT(struct hc_profile, support, "support", 0, support_schema),
	HC_FIELD_STRS(struct hc_profile, notes, "notes", 0, HC_CHK_TEXT),
};
const struct hc_schema hc_profile_schema = HC_SCHEMA(struct hc_profile, "profile", profile_fields);

/* ---- loading ---------------------------------------------------------- */

void hc_catalog_init(struct hc_catalog *cat)
{
	memset(cat, 0, sizeof(*cat));
	hc_arena_init(&cat->arena);
}

void hc_catalog_release(struct hc_catalog *cat)
{
	free(cat->profiles);
	hc_arena_release(&cat->arena);
	memset(cat, 0, sizeof(*cat));
}

int hc_catalog_add(struct hc_catalog *cat, const char *buf, size_t len, const char *path,
		   struct hc_error *err)
{
	struct hc_profile p;
	int rc = hc_record_parse(&hc_profile_schema, buf, len, &p, &cat->arena, path, err);

	if (rc)
		return rc;
	if (hc_catalog_profile(cat, p.name))
		return hc_error_at(err, HC_EINVALID, path, 1, 1, "profile '%s' is defined twice",
				   p.name);
	cat->profiles = hc_xrealloc(cat->profiles, (cat->n + 1) * sizeof(*cat->profiles));
	cat->profiles[cat->n++] = p;
	return HC_OK;
}

int hc_catalog_load_builtin(struct hc_catalog *cat, struct hc_error *err)
{
	for (size_t i = 0; i < hc_catalog_builtin_count; i++) {
		const struct hc_seed_file *f = &hc_catalog_builtin[i];
		char path[128];
		int rc;

		snprintf(path, sizeof(path), "seeds/%s", f->name);
		rc = hc_catalog_add(cat, f->data, f->len, path, err);
		if (rc)
			return rc;
	}
	return HC_OK;
}

/* ---- lookups ---------------------------------------------------------- */

#define FIND(list, T, member, key)                                  \
	do {                                                        \
		for (size_t i_ = 0; i_ < (list).n; i_++) {          \
			const T *e_ = HC_LIST_AT(list, T, i_);      \
			if (strcmp(e_->member, (key)) == 0)         \
				return e_;                          \
		}                                                   \
		return NULL;                                        \
	} while (0)

const struct hc_profile *hc_catalog_profile(const struct hc_catalog *cat, const char *name)
{
	for (size_t i = 0; i < cat->n; i++)
		if (strcmp(cat->profiles[i].name, name) == 0)
			return &cat->profiles[i];
	return NULL;
}

const struct hc_plan *hc_profile_plan(const struct hc_profile *p, const char *name)
{
	FIND(p->plans, struct hc_plan, name, name);
}

const struct hc_os *hc_profile_os(const struct hc_profile *p, const char *name)
{
	FIND(p->os, struct hc_os, name, name);
}

const struct hc_region *hc_profile_region(const struct hc_profile *p, const char *name)
{
	FIND(p->regions, struct hc_region, name, name);
}

const struct hc_option *hc_profile_option(const struct hc_profile *p, const char *name)
{
	FIND(p->options, struct hc_option, name, name);
}

const struct hc_backup_policy *hc_profile_backup(const struct hc_profile *p, const char *name)
{
	FIND(p->backups, struct hc_backup_policy, name, name);
}

const struct hc_work_type *hc_profile_work_type(const struct hc_profile *p, const char *name)
{
	FIND(p->work_types, struct hc_work_type, name, name);
}

const struct hc_window *hc_profile_window(const struct hc_profile *p, const char *name)
{
	FIND(p->disk.windows, struct hc_window, name, name);
}

const struct hc_region *hc_profile_default_region(const struct hc_profile *p)
{
	for (size_t i = 0; i < p->regions.n; i++) {
		const struct hc_region *r = HC_LIST_AT(p->regions, struct hc_region, i);

		if (r->is_default)
			return r;
	}
	return p->regions.n == 1 ? HC_LIST_AT(p->regions, struct hc_region, 0) : NULL;
}

const struct hc_os *hc_profile_default_os(const struct hc_profile *p)
{
	for (size_t i = 0; i < p->os.n; i++) {
		const struct hc_os *o = HC_LIST_AT(p->os, struct hc_os, i);

		if (o->is_default)
			return o;
	}
	return p->os.n == 1 ? HC_LIST_AT(p->os, struct hc_os, 0) : NULL;
}

const struct hc_lead_time *hc_profile_lead_time(const struct hc_profile *p, int plan_kind)
{
	for (size_t i = 0; i < p->lead_times.n; i++) {
		const struct hc_lead_time *l = HC_LIST_AT(p->lead_times, struct hc_lead_time, i);

		if (l->kind == plan_kind)
			return l;
	}
	return NULL;
}

/* ---- consistency -------------------------------------------------------- */

struct checker {
	struct hc_errors *list;
	const struct hc_profile *p;
	char path[160];
	int bad;
};

static void problem(struct checker *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void problem(struct checker *c, const char *fmt, ...)
{
	struct hc_error e;
	va_list ap;

	va_start(ap, fmt);
	hc_error_vset(&e, HC_EINVALID, fmt, ap);
	va_end(ap);
	snprintf(e.path, sizeof(e.path), "%s", c->path);
	hc_errors_add(c->list, &e);
	c->bad = 1;
}

static void need_option(struct checker *c, const char *what, const char *name)
{
	if (name && !hc_profile_option(c->p, name))
		problem(c, "%s names option '%s', which the profile does not define", what, name);
}

static void check_unique(struct checker *c, const struct hc_list *l, size_t size, size_t off,
			 const char *what)
{
	for (size_t i = 0; i < l->n; i++) {
		const char *a = *(const char *const *)((const char *)l->v + i * size + off);

		for (size_t j = 0; j < i; j++) {
			const char *b = *(const char *const *)((const char *)l->v + j * size + off);

			if (strcmp(a, b) == 0)
				problem(c, "%s '%s' is defined twice", what, a);
		}
	}
}

static void check_spans(struct checker *c, const struct hc_list *l, const char *what)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct hc_span *s = HC_LIST_AT(*l, struct hc_span, i);

		if (s->from >= s->to)
			problem(c, "%s: hours %zu end before they start", what, i);
	}
}

static void check_profile(struct checker *c)
{
	const struct hc_profile *p = c->p;
	int defaults = 0;

	check_unique(c, &p->regions, sizeof(struct hc_region), offsetof(struct hc_region, name), "region");
	check_unique(c, &p->os, sizeof(struct hc_os), offsetof(struct hc_os, name), "os");
	check_unique(c, &p->plans, sizeof(struct hc_plan), offsetof(struct hc_plan, name), "plan");
	check_unique(c, &p->options, sizeof(struct hc_option), offsetof(struct hc_option, name), "option");
	check_unique(c, &p->backups, sizeof(struct hc_backup_policy),
		     offsetof(struct hc_backup_policy, name), "backup policy");
	check_unique(c, &p->work_types, sizeof(struct hc_work_type),
		     offsetof(struct hc_work_type, name), "work type");
	check_unique(c, &p->disk.windows, sizeof(struct hc_window), offsetof(struct hc_window, name),
		     "window");

	for (size_t i = 0; i < p->regions.n; i++)
		defaults += HC_LIST_AT(p->regions, struct hc_region, i)->is_default;
	if (defaults > 1)
		problem(c, "more than one default region");
	defaults = 0;
	for (size_t i = 0; i < p->os.n; i++) {
		const struct hc_os *o = HC_LIST_AT(p->os, struct hc_os, i);

		defaults += o->is_default;
		for (size_t k = 0; k < o->requires_options.n; k++)
			need_option(c, "os", o->requires_options.v[k]);
	}
	if (defaults > 1)
		problem(c, "more than one default OS");
	if (p->plans.n && !p->regions.n)
		problem(c, "plans without any region");

	for (size_t i = 0; i < p->plans.n; i++) {
		const struct hc_plan *pl = HC_LIST_AT(p->plans, struct hc_plan, i);

		for (size_t k = 0; k < pl->regions.n; k++)
			if (!hc_profile_region(p, pl->regions.v[k]))
				problem(c, "plan '%s' names unknown region '%s'", pl->name, pl->regions.v[k]);
		for (size_t k = 0; k < pl->os.n; k++)
			if (!hc_profile_os(p, pl->os.v[k]))
				problem(c, "plan '%s' names unknown OS '%s'", pl->name, pl->os.v[k]);
		if (pl->global_ips != HC_INT_NONE && pl->global_ips_max != HC_INT_NONE &&
		    pl->global_ips > pl->global_ips_max)
			problem(c, "plan '%s' includes more global IPs than its maximum", pl->name);
		if (!hc_profile_lead_time(p, pl->kind))
			problem(c, "plan '%s' is %s but no lead time is given for that kind", pl->name,
				hc_plan_kind_names[pl->kind]);
	}

	for (size_t i = 0; i < p->disk.windows.n; i++) {
		const struct hc_window *w = HC_LIST_AT(p->disk.windows, struct hc_window, i);

		if (w->from >= w->to)
			problem(c, "window '%s' ends before it starts", w->name);
	}
	if (p->disk.step_gb != HC_INT_NONE && p->disk.sizes_gb.n)
		problem(c, "disk rules give both step_gb and sizes_gb");
	for (size_t i = 0; i < p->ip.requires_any_option.n; i++)
		need_option(c, "ip", p->ip.requires_any_option.v[i]);
	need_option(c, "bandwidth", p->bandwidth.option);
	need_option(c, "onsite", p->onsite.backup_option);
	for (size_t i = 0; i < p->backups.n; i++) {
		const struct hc_backup_policy *b = HC_LIST_AT(p->backups, struct hc_backup_policy, i);

		need_option(c, "backup policy", b->requires_option);
		if ((b->window_from < 0) != (b->window_to < 0))
			problem(c, "backup policy '%s' gives only one end of its window", b->name);
	}
	for (size_t i = 0; i < p->notifications.n; i++) {
		const struct hc_notification *nt =
			HC_LIST_AT(p->notifications, struct hc_notification, i);

		need_option(c, "notification", nt->requires_option);
		for (size_t k = 0; k < nt->requires_any_option.n; k++)
			need_option(c, "notification", nt->requires_any_option.v[k]);
		for (size_t k = 0; k < nt->channels.n; k++)
			if (hc_enum_index(hc_channel_names, nt->channels.v[k]) < 0)
				problem(c, "notification '%s' names unknown channel '%s'", nt->event,
					nt->channels.v[k]);
	}
	for (size_t i = 0; i < p->security_updates.levels.n; i++) {
		const struct hc_security_level *l =
			HC_LIST_AT(p->security_updates.levels, struct hc_security_level, i);

		need_option(c, "security level", l->requires_option);
		if (strcmp(l->scope, "option") == 0 && !l->requires_option)
			problem(c, "security level '%s' has scope option but names none", l->level);
	}
	for (size_t i = 0; i < p->sla.refund.n; i++) {
		const struct hc_refund_tier *t = HC_LIST_AT(p->sla.refund, struct hc_refund_tier, i);
		bool last = i + 1 == p->sla.refund.n;

		if (!last && t->max_seconds == HC_INT_NONE)
			problem(c, "refund tier %zu has no max_seconds but is not the last", i);
		if (last && t->max_seconds != HC_INT_NONE)
			problem(c, "the last refund tier must be open-ended (no max_seconds)");
		if (i > 0) {
			const struct hc_refund_tier *prev =
				HC_LIST_AT(p->sla.refund, struct hc_refund_tier, i - 1);

			if (t->max_seconds != HC_INT_NONE && t->max_seconds <= prev->max_seconds)
				problem(c, "refund tiers are not in ascending order at %zu", i);
			if (t->percent < prev->percent)
				problem(c, "refund percent decreases at tier %zu", i);
		}
	}
	for (size_t i = 0; i < p->dns.records.n; i++) {
		const struct hc_dns_record *r = HC_LIST_AT(p->dns.records, struct hc_dns_record, i);

		if (r->unless && strcmp(r->unless, "web-elsewhere") && strcmp(r->unless, "mail-elsewhere"))
			problem(c, "dns record %zu: unless must be web-elsewhere or mail-elsewhere", i);
		if (strcmp(r->type, "A") && strcmp(r->type, "MX") && strcmp(r->type, "TXT") &&
		    strcmp(r->type, "CNAME"))
			problem(c, "dns record %zu: unsupported type '%s'", i, r->type);
	}
	check_spans(c, &p->support.hours, "support");
	check_spans(c, &p->rescue.hours, "rescue");
}

int hc_catalog_check(const struct hc_catalog *cat, struct hc_errors *list)
{
	struct checker c;
	int bad = 0;

	for (size_t i = 0; i < cat->n; i++) {
		memset(&c, 0, sizeof(c));
		c.list = list;
		c.p = &cat->profiles[i];
		snprintf(c.path, sizeof(c.path), "catalog/%s.yaml", c.p->name);
		check_profile(&c);
		if (c.p->abuse.rescue_profile && !hc_catalog_profile(cat, c.p->abuse.rescue_profile))
			problem(&c, "abuse names rescue profile '%s', which is not loaded",
				c.p->abuse.rescue_profile);
		bad |= c.bad;
	}
	return bad ? HC_EINVALID : HC_OK;
}
