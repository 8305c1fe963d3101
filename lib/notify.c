/*
 * notify.c - the notification matrix applied to a server, and the record of
 * notices sent.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "hostctl/kinds.h"
#include "hostctl/notify.h"
#include "hostctl/store.h"

static const struct hc_field notice_fields[] = {
	HC_FIELD_STR(struct hc_notice, id, "id", HC_REQ, HC_CHK_UUID),
	HC_FIELD_STR(struct hc_notice, event, "event", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_notice, server, "server", HC_REQ, HC_CHK_UUID),
	HC_FIELD_STR(struct hc_notice, customer, "customer", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_notice, channel, "channel", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_notice, to, "to", 0, HC_CHK_NONE),
	HC_FIELD(struct hc_notice, sent_at, "sent_at", HC_F_TIME, HC_REQ),
	HC_FIELD_STR(struct hc_notice, by, "by", HC_REQ, HC_CHK_NONE),
	HC_FIELD_STR(struct hc_notice, reference, "reference", 0, HC_CHK_NONE),
	HC_FIELD_STR(struct hc_notice, source, "source", 0, HC_CHK_NONE),
};
const struct hc_schema hc_notice_schema = HC_SCHEMA(struct hc_notice, "notice", notice_fields);

/* 001 names the checks "telnet/SSH": compared without case. */
static bool check_excepted(const struct hc_strs *except, const char *check)
{
	for (size_t i = 0; check && i < except->n; i++)
		if (!strcasecmp(except->v[i], check))
			return true;
	return false;
}

static const struct hc_schema target_schema = {
	"notice target", sizeof(struct hc_notice_target), NULL, 0
};

const char *hc_notify_address(const struct hc_customer *cu, int channel)
{
	switch (channel) {
	case HC_CH_MONITORING_EMAIL: return cu->monitoring_email;
	case HC_CH_EMERGENCY_PHONE: return cu->emergency_phone;
	case HC_CH_CONTRACT_EMAIL:
	case HC_CH_OPERATOR: return cu->contract_email;
	case HC_CH_VENDOR: return cu->vendor_email;
	case HC_CH_PORTAL: return NULL;
	}
	return NULL;
}

const char *hc_notify_address_name(int channel)
{
	switch (channel) {
	case HC_CH_MONITORING_EMAIL: return "monitoring-email";
	case HC_CH_EMERGENCY_PHONE: return "emergency-phone";
	case HC_CH_CONTRACT_EMAIL:
	case HC_CH_OPERATOR: return "contract-email";
	case HC_CH_VENDOR: return "vendor-email";
	}
	return NULL;
}

int hc_notify_plan(const struct hc_profile *p, const struct hc_customer *cu,
		   const struct hc_server *s, const char *event, const char *check,
		   struct hc_arena *a, struct hc_list *targets, const char **why,
		   struct hc_error *err)
{
	const struct hc_notification *row = NULL;

	*why = NULL;
	for (size_t i = 0; i < p->notifications.n && !row; i++)
		if (!strcmp(HC_LIST_AT(p->notifications, struct hc_notification, i)->event, event))
			row = HC_LIST_AT(p->notifications, struct hc_notification, i);
	if (!row) {
		struct hc_buf b = HC_BUF_INIT;
		int rc;

		for (size_t i = 0; i < p->notifications.n; i++)
			hc_buf_addf(&b, "%s%s", i ? ", " : "",
				    HC_LIST_AT(p->notifications, struct hc_notification, i)->event);
		rc = hc_error_set(err, HC_ENOTFOUND, "profile '%s' has no notification for '%s' (events: %s)",
				  p->name, event, p->notifications.n ? b.p : "none");
		hc_buf_release(&b);
		return rc;
	}
	if (row->requires_option && !hc_server_has_option(s, row->requires_option)) {
		*why = hc_arena_printf(a, "server '%s' has no option '%s': nobody is told of '%s' (%s)",
				       s->id, row->requires_option, event, row->source ? row->source : p->spec);
		return HC_OK;
	}
	if (row->requires_any_option.n) {
		struct hc_buf names = HC_BUF_INIT;
		size_t k;

		for (k = 0; k < row->requires_any_option.n; k++)
			if (hc_server_has_option(s, row->requires_any_option.v[k]))
				break;
		if (k == row->requires_any_option.n) {
			for (k = 0; k < row->requires_any_option.n; k++)
				hc_buf_addf(&names, "%s'%s'", k ? ", " : "", row->requires_any_option.v[k]);
			*why = hc_arena_printf(a, "server '%s' has none of the options %s: nobody is told "
						  "of '%s' (%s)", s->id, names.p, event,
					       row->source ? row->source : p->spec);
			hc_buf_release(&names);
			return HC_OK;
		}
	}
	for (size_t i = 0; i < row->channels.n; i++) {
		int ch = hc_enum_index(hc_channel_names, row->channels.v[i]);
		struct hc_notice_target *t;

		/* 001: no phone call for these checks (telnet/SSH). */
		if (ch == HC_CH_EMERGENCY_PHONE && check_excepted(&row->phone_except, check))
			continue;
		t = hc_list_push(a, targets, &target_schema);
		t->event = row->event;
		t->channel = row->channels.v[i];
		t->to = ch >= 0 ? hc_notify_address(cu, ch) : NULL;
		t->posted = ch == HC_CH_PORTAL;
		t->title = row->title;
		t->source = row->source;
	}
	return HC_OK;
}

void hc_notify_result_init(struct hc_notify_result *r)
{
	memset(r, 0, sizeof(*r));
	hc_arena_init(&r->arena);
}

void hc_notify_result_release(struct hc_notify_result *r)
{
	hc_arena_release(&r->arena);
	memset(r, 0, sizeof(*r));
}

int hc_notify(struct hc_store *st, const struct hc_txn_options *o, const char *server,
	      const char *event, const char *check, const char *reference, bool record,
	      const char *id_seed, struct hc_notify_result *res, struct hc_buf *report,
	      struct hc_error *err)
{
	struct hc_txn_options ro = *o;
	const struct hc_profile *p;
	struct hc_server s;
	struct hc_customer cu;
	struct hc_txn *t;
	char spath[256], cpath[256];
	int rc;

	if (!hc_name_valid(event))
		return hc_error_set(err, HC_EUSAGE, "invalid event '%.64s'", event);
	rc = hc_server_locate(st, server, spath, sizeof(spath), err);
	if (rc)
		return rc;
	if (!record)
		ro.dry_run = true;       /* reading only: no lock */
	rc = hc_txn_begin(st, &ro, &t, err);
	if (rc)
		return rc;
	rc = hc_txn_load(t, &hc_server_schema, spath, &s, &res->arena, err);
	if (!rc) {
		snprintf(cpath, sizeof(cpath), "%s/%s.yaml", HC_CUSTOMERS_DIR, s.customer);
		rc = hc_txn_load(t, &hc_customer_schema, cpath, &cu, &res->arena, err);
	}
	if (!rc)
		rc = hc_store_profile(st, s.profile, &p, err);
	if (!rc)
		rc = hc_notify_plan(p, &cu, &s, event, check, &res->arena, &res->targets, &res->why, err);
	for (size_t i = 0; record && !rc && i < res->targets.n; i++) {
		const struct hc_notice_target *tg = HC_LIST_AT(res->targets, struct hc_notice_target, i);
		struct hc_notice n;
		char id[37], path[256];

		/* Nothing went out to an address the customer never registered. */
		if (!tg->to && !tg->posted)
			continue;
		for (unsigned k = 0;; k++) {
			char material[256];

			snprintf(material, sizeof(material), "%s/notice/%s/%s/%zu/%lld",
				 id_seed ? id_seed : "", s.id, event, i, (long long)o->now);
			hc_uuid_new(id, id_seed ? material : NULL, k);
			snprintf(path, sizeof(path), "%s/%s.yaml", HC_NOTICES_DIR, id);
			if (!hc_txn_exists(t, path))
				break;
		}
		hc_record_init(&hc_notice_schema, &n);
		n.id = hc_arena_strdup(&res->arena, id);
		n.event = tg->event;
		n.server = s.id;
		n.customer = s.customer;
		n.channel = tg->channel;
		n.to = tg->to;
		n.sent_at = o->now;
		n.by = o->operator_name ? o->operator_name : "unknown";
		n.reference = reference;
		n.source = tg->source;
		rc = hc_txn_put_record(t, &hc_notice_schema, path, &n, err);
		if (!rc)
			hc_strs_push(&res->arena, &res->notice_ids, n.id);
	}
	if (!rc && record)
		rc = hc_txn_commit(t, report, err);
	hc_txn_free(t);
	return rc;
}

int hc_notify_events(struct hc_store *st, const char *server, struct hc_strs *out,
		     struct hc_arena *a, struct hc_error *err)
{
	const struct hc_profile *p;
	struct hc_server s;
	char spath[256];
	int rc = hc_server_locate(st, server, spath, sizeof(spath), err);

	if (!rc)
		rc = hc_store_load(st, &hc_server_schema, spath, &s, a, err);
	if (!rc)
		rc = hc_store_profile(st, s.profile, &p, err);
	for (size_t i = 0; !rc && i < p->notifications.n; i++)
		hc_strs_push(a, out, HC_LIST_AT(p->notifications, struct hc_notification, i)->event);
	return rc;
}

void hc_notify_notes(const struct hc_profile *p, const struct hc_customer *cu,
		     const struct hc_server *s, const char *event, const char *skip,
		     struct hc_arena *a, struct hc_strs *notes)
{
	struct hc_list targets;
	struct hc_error err;
	const char *why;

	memset(&targets, 0, sizeof(targets));
	if (hc_notify_plan(p, cu, s, event, NULL, a, &targets, &why, &err))
		return;
	for (size_t i = 0; i < targets.n; i++) {
		const struct hc_notice_target *t = HC_LIST_AT(targets, struct hc_notice_target, i);

		const char *src = t->source ? t->source : p->spec;

		if (skip && !strcmp(t->channel, skip))
			continue;
		if (t->posted)
			hc_strs_push(a, notes, hc_arena_printf(a, "post %s on the %s (%s)", event,
							       t->channel, src));
		else
			hc_strs_push(a, notes, hc_arena_printf(a, "tell %s %s of %s (%s)", t->channel,
							       t->to ? t->to : "(not registered)",
							       event, src));
	}
}
