/*
 * schema.h - JSON Schemas of the record kinds, generated from the field
 * tables.
 *
 * The field tables (struct hc_schema in lib/<kind>.c) are the single
 * source of truth for what a record may hold: the decoder, the encoders,
 * hostctl-records(5) and these JSON Schemas all follow them. The schemas
 * in schemas/<kind>.schema.yaml are this generator's output, committed so
 * that editors and other tools can use them; the cmd.schema-sync test
 * fails when one differs from `hostctl validate --print-schema KIND`, and
 * cmd.schema-agree checks that schema and loader accept the same fixtures.
 *
 * The output is JSON Schema draft 2020-12, written as YAML (a JSON Schema
 * is a JSON document, and YAML 1.2 reads it the same). Only keywords that
 * mean the same in draft-07 are used: type, enum, minimum, maximum,
 * maxLength, pattern, items, properties, required, additionalProperties,
 * description. Patterns are ECMA-262 and Python re compatible and end in
 * "$(?!\n)" so that Python's '$', which also matches before a final
 * newline, cannot let "abc\n" through. Field type mapping:
 *
 *   HC_F_STR      string, pattern and maxLength of the string check
 *   HC_F_INT      integer, minimum/maximum from the range
 *   HC_F_DECIMAL  number, minimum/maximum unscaled ("99.95")
 *   HC_F_BOOL     boolean
 *   HC_F_TIME     string, pattern of an RFC 3339 date-time with offset
 *   HC_F_DAY      string, pattern of a valid YYYY-MM-DD (leap years too)
 *   HC_F_HHMM     string, pattern 00:00 ... 23:59 or 24:00
 *   HC_F_MMDD     string, pattern of a valid MM-DD (02-29 allowed)
 *   HC_F_ENUM     string with enum
 *   HC_F_STRS     array of the STR schema
 *   HC_F_INTS     array of the INT schema
 *   HC_F_LIST     array of objects (the sub-schema, recursively)
 *   HC_F_STRUCT   object (the sub-schema, recursively)
 * Every object has additionalProperties: false and lists its HC_REQ
 * fields in required. hc_field.doc becomes description when set.
 *
 * What a JSON Schema cannot say is listed in hostctl-records(5), CAVEATS:
 * the YAML layer (duplicate keys, anchors, tags, sizes), notation (0x1f is
 * an integer to a schema, 1.0 too), byte lengths (maxLength counts
 * characters), the number of decimals, and rules across records. Every
 * string check, date, time and range is expressed exactly.
 */
#ifndef HOSTCTL_SCHEMA_H
#define HOSTCTL_SCHEMA_H

#include <stddef.h>

#include "hostctl/error.h"
#include "hostctl/record.h"
#include "hostctl/util.h"

#define HC_JSON_SCHEMA_DIALECT "https://json-schema.org/draft/2020-12/schema"

/* Appends the JSON Schema of records described by s, as YAML, to out.
 * id becomes $id and title the title (either may be NULL). Deterministic:
 * the same table always gives the same bytes. */
void hc_schema_to_json_schema(const struct hc_schema *s, const char *id, const char *title,
			      struct hc_buf *out);

/*
 * The kinds that have a JSON Schema: "config" (hostctl.yaml), "profile"
 * (catalog/<name>.yaml) and every kind of hc_kinds[] (kinds.h), in that
 * order. hc_schema_kind_name(i) is NULL for i >= the count.
 */
size_t hc_schema_kind_count(void);
const char *hc_schema_kind_name(size_t i);

/* The field table of a kind by name (or, for hc_kinds[], directory);
 * NULL when unknown. */
const struct hc_schema *hc_schema_of_kind(const char *kind);

/* Appends the JSON Schema of kind to out, with its $id
 * ("urn:hostctl:schema:<kind>") and title. HC_EUSAGE naming the known
 * kinds when there is no such kind. */
int hc_schema_print_kind(const char *kind, struct hc_buf *out, struct hc_error *err);

#endif
