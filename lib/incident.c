/*
 * incident.c - the incident and maintenance-window records.
 */
#include "hostctl/incident.h"

static const struct hc_field incident_fields[] = {
	HC_FIELD_STR(struct hc_incident, id, "id", HC_REQ, HC_CHK_UUID),
	HC_FIELD_STR(struct hc_incident, server, "server", HC_REQ, HC_CHK_UUID),
	HC_FIELD(struct hc_incident, started_at, "started_at", HC_F_TIME, HC_REQ),
	HC_FIELD(struct hc_incident, ended_at, "ended_at", HC_F_TIME, 0),
	HC_FIELD_STR(struct hc_incident, cause, "cause", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_incident, detected_by, "detected_by", 0, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_incident, summary, "summary", 0, HC_CHK_TEXT),
	HC_FIELD_STR(struct hc_incident, request, "request", 0, HC_CHK_UUID),
	HC_FIELD_STR(struct hc_incident, abuse_case, "abuse_case", 0, HC_CHK_UUID),
};
const struct hc_schema hc_incident_schema = HC_SCHEMA(struct hc_incident, "incident", incident_fields);

static const struct hc_field maintenance_fields[] = {
	HC_FIELD_STR(struct hc_maintenance, id, "id", HC_REQ, HC_CHK_UUID),
	HC_FIELD_STR(struct hc_maintenance, server, "server", HC_REQ, HC_CHK_UUID),
	HC_FIELD_STR(struct hc_maintenance, kind, "kind", HC_REQ, HC_CHK_NAME),
	HC_FIELD(struct hc_maintenance, starts_at, "starts_at", HC_F_TIME, HC_REQ),
	HC_FIELD(struct hc_maintenance, ends_at, "ends_at", HC_F_TIME, HC_REQ),
	HC_FIELD(struct hc_maintenance, announced_at, "announced_at", HC_F_TIME, 0),
	HC_FIELD_STR(struct hc_maintenance, cause, "cause", HC_REQ, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_maintenance, reference, "reference", 0, HC_CHK_NAME),
	HC_FIELD_STR(struct hc_maintenance, summary, "summary", 0, HC_CHK_TEXT),
};
const struct hc_schema hc_maintenance_schema =
	HC_SCHEMA(struct hc_maintenance, "maintenance", maintenance_fields);
