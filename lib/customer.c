/*
 * customer.c - the customer record.
 */
#include <string.h>

#include "hostctl/customer.h"

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
