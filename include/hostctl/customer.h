/*
 * customer.h - the customer record, customers/<id>.yaml: who may ask for
 * work and whom to call or write (000 §2.3-1-2, 001 本人性確認).
 */
#ifndef HOSTCTL_CUSTOMER_H
#define HOSTCTL_CUSTOMER_H

#include "hostctl/record.h"

#define HC_CUSTOMERS_DIR "customers"

/* A registered contact; contacts are called in list order. */
struct hc_contact {
	const char *id;
	const char *name;
	const char *phone;
	const char *email;
};

struct hc_customer {
	const char *id;
	const char *name;
	const char *contract_email;      /* 契約者 (maintenance notices) */
	const char *monitoring_email;    /* 監視通知連絡先メールアドレス (001) */
	const char *emergency_phone;     /* 緊急時連絡先電話番号 (001) */
	const char *vendor_email;        /* the application vendor (ベンダー, 004) */
	struct hc_list contacts;         /* struct hc_contact, in call order */
};

extern const struct hc_schema hc_customer_schema;

/* The contact of that id, or NULL. */
const struct hc_contact *hc_customer_contact(const struct hc_customer *c, const char *id);

struct hc_store;
struct hc_txn_options;

/*
 * Writes customer c in one transaction: creating it (HC_ECONFLICT when it
 * exists) or, with replace, updating an existing one (HC_ENOTFOUND when it
 * does not). report as hc_txn_commit() fills it.
 */
int hc_customer_save(struct hc_store *st, const struct hc_txn_options *o,
		     const struct hc_customer *c, bool replace, struct hc_buf *report,
		     struct hc_error *err);

#endif
