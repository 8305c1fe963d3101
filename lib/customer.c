/*
 * customer.c - the customer record.
 */
#include <string.h>

#include <stdio.h>

#include "hostctl/customer.h"
#include "hostctl/store.h"

static const struct hc_field contact_fields[] = {
	HC_FIELD_STR(struct hc_contact, id, "id", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_contact, name, "name", HC_REQ, HC_CHK_NONE),
	HC_FIELD_STR(struct hc_contact, phone, "phone", 0, HC_CHK_PHONE),
	HC_FIELD_STR(struct hc_contact, email, "email", 0, HC_CHK_EMAIL),
};
static const struct hc_schema contact_schema = HC_SCHEMA(struct hc_contact, "contact", contact_fields);

static const struct hc_field customer_fields[] = {
	HC_FIELD_STR(struct hc_customer, id, "id", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_customer, name, "name", HC_REQ, HC_CHK_NONE),
	HC_FIELD_STR(struct hc_customer, contract_email, "contract_email", 0, HC_CHK_EMAIL),
	HC_FIELD_STR(struct hc_customer, monitoring_email, "monitoring_email", 0, HC_CHK_EMAIL),
	HC_FIELD_STR(struct hc_customer, emergency_phone, "emergency_phone", 0, HC_CHK_PHONE),
	HC_FIELD_STR(struct hc_customer, vendor_email, "vendor_email", 0, HC_CHK_EMAIL),
	HC_FIELD_LIST(struct hc_customer, contacts, "contacts", 0, contact_schema),
};
const struct hc_schema hc_customer_schema = HC_SCHEMA(struct hc_customer, "customer", customer_fields);

const struct hc_contact *hc_customer_contact(const struct hc_customer *c, const char *id)
{
	for (size_t i = 0; i < c->contacts.n; i++) {
		const struct hc_contact *k = HC_LIST_AT(c->contacts, struct hc_contact, i);

		if (strcmp(k->id, id) == 0)
			return k;
	}
	return NULL;
}

int hc_customer_save(struct hc_store *st, const struct hc_txn_options *o,
		     const struct hc_customer *c, bool replace, struct hc_buf *report,
		     struct hc_error *err)
{
	struct hc_txn *t;
	char path[256];
	int rc = hc_record_path(HC_CUSTOMERS_DIR, c->id, path, sizeof(path), err);

	if (rc)
		return rc;
	for (size_t i = 0; i < c->contacts.n; i++)
		for (size_t j = 0; j < i; j++)
			if (!strcmp(HC_LIST_AT(c->contacts, struct hc_contact, i)->id,
				    HC_LIST_AT(c->contacts, struct hc_contact, j)->id))
				return hc_error_set(err, HC_EUSAGE, "contact id '%s' given twice",
						    HC_LIST_AT(c->contacts, struct hc_contact, i)->id);
	/* Arguments, not stored data: a bad value is a usage error. */
	if (hc_record_check(&hc_customer_schema, c, err)) {
		struct hc_error why = *err;

		return hc_error_set(err, HC_EUSAGE, "invalid %s: %s", why.field, why.msg);
	}
	rc = hc_txn_begin(st, o, &t, err);
	if (rc)
		return rc;
	if (!replace && hc_txn_exists(t, path))
		rc = hc_error_set(err, HC_ECONFLICT, "customer '%s' already exists", c->id);
	else if (replace && !hc_txn_exists(t, path))
		rc = hc_error_set(err, HC_ENOTFOUND, "no customer '%s'", c->id);
	if (!rc)
		rc = hc_txn_put_record(t, &hc_customer_schema, path, c, err);
	if (!rc)
		rc = hc_txn_commit(t, report, err);
	hc_txn_free(t);
	return rc;
}
