/*
 * notify.h - who must be told of an event, through which channel: the
 * profile's notification matrix (001 サーバー故障時のご連絡方法, 004 §2.1.3 (9),
 * §4.2; 000 §2.3-1-2) applied to a server and its customer.
 *
 * Every verb that tells someone something asks hc_notify_plan(); `hostctl
 * notify` prints the plan for scripts and, told that the notices went out,
 * records each one as notices/<uuid>.yaml.
 */
#ifndef HOSTCTL_NOTIFY_H
#define HOSTCTL_NOTIFY_H

#include "hostctl/customer.h"
#include "hostctl/server.h"

#define HC_NOTICES_DIR "notices"

/* One notice to send. */
struct hc_notice_target {
	const char *event;
	const char *channel;             /* monitoring-email, emergency-phone, ... */
	const char *to;                  /* the address or number; NULL when the
	                                  * customer registered none or the
	                                  * channel has no address */
	bool posted;                     /* published (portal), not sent to anyone */
	const char *title;
	const char *source;
};

/* A notice that was sent. */
struct hc_notice {
	const char *id;
	const char *event;
	const char *server;
	const char *customer;
	const char *channel;
	const char *to;
	hc_time sent_at;
	const char *by;
	const char *reference;           /* the record it is about */
	const char *source;
};

extern const struct hc_schema hc_notice_schema;

/* The address of customer cu for a channel (enum hc_channel), or NULL: the
 * operator (事業者 of 004) is the contract address; the portal has none. */
const char *hc_notify_address(const struct hc_customer *cu, int channel);
/* The customer's address a channel uses, as hostctl customer names its
 * option ("contract-email" for the operator), or NULL (the portal). */
const char *hc_notify_address_name(int channel);

/*
 * The notices of event for server s of customer cu, in the matrix's channel
 * order, appended to targets (struct hc_notice_target, in arena a). check
 * names the monitored service for alerts that spare some checks a phone
 * call (001: telnet, ssh; compared without case). HC_ENOTFOUND when the profile has no such event
 * (the message lists its events); HC_OK with no targets and *why set when
 * the row needs an option the server lacks.
 */
int hc_notify_plan(const struct hc_profile *p, const struct hc_customer *cu,
		   const struct hc_server *s, const char *event, const char *check,
		   struct hc_arena *a, struct hc_list *targets, const char **why,
		   struct hc_error *err);

struct hc_store;
struct hc_txn_options;

struct hc_notify_result {
	struct hc_arena arena;
	struct hc_list targets;          /* struct hc_notice_target */
	struct hc_strs notice_ids;       /* when recorded */
	const char *why;                 /* why nobody is told */
};
void hc_notify_result_init(struct hc_notify_result *r);
void hc_notify_result_release(struct hc_notify_result *r);

/* The plan for a server (id or prefix); with record, writes one notice
 * record per target as sent now by o->operator_name, except for targets
 * without an address (the customer registered none: nothing was sent;
 * a portal posting is recorded without one). */
int hc_notify(struct hc_store *st, const struct hc_txn_options *o, const char *server,
	      const char *event, const char *check, const char *reference, bool record,
	      const char *id_seed, struct hc_notify_result *res, struct hc_buf *report,
	      struct hc_error *err);

/* Appends to notes one line per notice the profile requires for event
 * ("tell monitoring-email ops@... of ping-alert (001 ...)"), leaving out
 * channel skip (NULL: none) when the verb already does that part, as
 * restart-request's call plan does the phone calls; an event the profile
 * does not list adds nothing. For verbs that tell as they go. */
void hc_notify_notes(const struct hc_profile *p, const struct hc_customer *cu,
		     const struct hc_server *s, const char *event, const char *skip,
		     struct hc_arena *a, struct hc_strs *notes);

/* The events the server's profile has notices for, in matrix order. */
int hc_notify_events(struct hc_store *st, const char *server, struct hc_strs *out,
		     struct hc_arena *a, struct hc_error *err);

#endif
