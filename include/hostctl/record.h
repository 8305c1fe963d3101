/*
 * record.h - typed records described by field tables.
 *
 * Each record kind (server, customer, incident, the catalog's profile ...)
 * is a C struct plus a struct hc_schema that lists its fields in the order
 * they are written. hc_record_decode() fills the struct from a YAML mapping
 * node, refusing unknown keys, missing required keys and wrong types with
 * path:line:col and the field; hc_record_encode_yaml() writes it back
 * deterministically (schema order, two-space indent, LF, trailing newline),
 * and hc_record_encode_json() writes the same data as JSON.
 *
 * Field storage by type (absent optional values use the markers shown):
 *   HC_F_STR     const char *          NULL
 *   HC_F_INT     int64_t               HC_INT_NONE
 *   HC_F_DECIMAL int64_t scaled by 10^scale ("99.95", scale 2 -> 9995)
 *   HC_F_BOOL    bool                  false (written only when true,
 *                                      unless the field is required)
 *   HC_F_TIME    hc_time               HC_TIME_NONE (RFC 3339 text)
 *   HC_F_DAY     hc_day                HC_DAY_NONE ("YYYY-MM-DD")
 *   HC_F_HHMM    int minutes           -1 ("HH:MM", 00:00 ... 24:00)
 *   HC_F_MMDD    int month*100+day     -1 ("MM-DD")
 *   HC_F_ENUM    int index into enums  -1
 *   HC_F_STRS    struct hc_strs        n == 0
 *   HC_F_INTS    struct hc_ints        n == 0 (range applies to each)
 *   HC_F_LIST    struct hc_list of sub-structs   n == 0
 *   HC_F_STRUCT  embedded sub-struct   every field absent
 * Strings and lists point into the arena passed to decode (or set by the
 * caller); the struct never owns memory itself.
 */
#ifndef HOSTCTL_RECORD_H
#define HOSTCTL_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hostctl/error.h"
#include "hostctl/time.h"
#include "hostctl/util.h"
#include "hostctl/yaml.h"

#define HC_INT_NONE INT64_MIN

enum hc_ftype {
	HC_F_STR, HC_F_INT, HC_F_DECIMAL, HC_F_BOOL, HC_F_TIME, HC_F_DAY,
	HC_F_HHMM, HC_F_MMDD, HC_F_ENUM, HC_F_STRS, HC_F_INTS, HC_F_LIST, HC_F_STRUCT
};

/* What a string must look like, beyond "one line, no control characters". */
enum hc_check {
	HC_CHK_NONE = 0,
	HC_CHK_NAME,      /* hc_name_valid(): ids and names that become paths */
	HC_CHK_UUID,      /* lowercase 8-4-4-4-12 hex */
	HC_CHK_DOMAIN,    /* DNS name: labels [a-z0-9_-], no leading/trailing '-' */
	HC_CHK_IPV4,      /* dotted quad */
	HC_CHK_CIDR,      /* dotted quad "/" 0..32 */
	HC_CHK_EMAIL,     /* local@domain */
	HC_CHK_PHONE,     /* digits, '+', '-', spaces, parentheses */
	HC_CHK_TEXT       /* free text, newlines allowed */
};

enum {
	HC_REQ = 1u << 0,       /* must be present */
	HC_RANGE = 1u << 1      /* INT/DECIMAL: min <= value <= max */
};

struct hc_strs {
	const char **v;
	size_t n, cap;
};

struct hc_ints {
	int64_t *v;
	size_t n, cap;
};

struct hc_list {
	void *v;                /* n elements of the field's sub-schema size */
	size_t n, cap;
};

struct hc_schema;

struct hc_field {
	const char *name;
	enum hc_ftype type;
	size_t offset;
	unsigned flags;
	const struct hc_schema *sub;     /* HC_F_LIST, HC_F_STRUCT */
	const char *const *enums;        /* HC_F_ENUM, NULL-terminated */
	enum hc_check check;             /* HC_F_STR, HC_F_STRS */
	int64_t min, max;                /* with HC_RANGE; DECIMAL in scaled units */
	int scale;                       /* HC_F_DECIMAL: digits after the point */
	const char *doc;                 /* one line for hostctl-records(5) */
};

struct hc_schema {
	const char *name;                /* "server", "profile.plans" ... */
	size_t size;                     /* sizeof the struct */
	const struct hc_field *fields;
	size_t nfields;
};

/* Field table helpers: HC_FIELD(struct, member, "key", type, flags). */
#define HC_FIELD(T, m, key, ty, fl) \
	{ .name = (key), .type = (ty), .offset = offsetof(T, m), .flags = (fl) }
#define HC_FIELD_STR(T, m, key, fl, chk) \
	{ .name = (key), .type = HC_F_STR, .offset = offsetof(T, m), .flags = (fl), .check = (chk) }
#define HC_FIELD_STRS(T, m, key, fl, chk) \
	{ .name = (key), .type = HC_F_STRS, .offset = offsetof(T, m), .flags = (fl), .check = (chk) }
#define HC_FIELD_ENUM(T, m, key, fl, names) \
	{ .name = (key), .type = HC_F_ENUM, .offset = offsetof(T, m), .flags = (fl), .enums = (names) }
#define HC_FIELD_INT(T, m, key, fl, lo, hi) \
	{ .name = (key), .type = HC_F_INT, .offset = offsetof(T, m), .flags = (fl) | HC_RANGE, .min = (lo), .max = (hi) }
#define HC_FIELD_DEC(T, m, key, fl, sc, lo, hi) \
	{ .name = (key), .type = HC_F_DECIMAL, .offset = offsetof(T, m), .flags = (fl) | HC_RANGE, .scale = (sc), .min = (lo), .max = (hi) }
#define HC_FIELD_INTS(T, m, key, fl, lo, hi) \
	{ .name = (key), .type = HC_F_INTS, .offset = offsetof(T, m), .flags = (fl) | HC_RANGE, .min = (lo), .max = (hi) }
#define HC_FIELD_LIST(T, m, key, fl, schema) \
	{ .name = (key), .type = HC_F_LIST, .offset = offsetof(T, m), .flags = (fl), .sub = &(schema) }
#define HC_FIELD_STRUCT(T, m, key, fl, schema) \
	{ .name = (key), .type = HC_F_STRUCT, .offset = offsetof(T, m), .flags = (fl), .sub = &(schema) }
#define HC_SCHEMA(T, sname, table) \
	{ .name = (sname), .size = sizeof(T), .fields = (table), .nfields = sizeof(table) / sizeof((table)[0]) }

/* Sets every field of rec to its absent marker (lists empty). */
void hc_record_init(const struct hc_schema *s, void *rec);

/*
 * Fills rec (already hc_record_init'ed or not: it is re-initialised) from a
 * mapping node. Strings point into the node tree or arena a, so rec is valid
 * while both live. path is used in error messages. Returns HC_OK or
 * HC_EINVALID with err at the offending key or value, err->field set.
 */
int hc_record_decode(const struct hc_schema *s, const struct hc_node *map, void *rec,
		     struct hc_arena *a, const char *path, struct hc_error *err);

/* Parses buf as one YAML document and decodes it: hc_yaml_parse() then
 * hc_record_decode(). */
int hc_record_parse(const struct hc_schema *s, const char *buf, size_t len, void *rec,
		    struct hc_arena *a, const char *path, struct hc_error *err);

/*
 * Checks a decoded-or-built record against the rules decode enforces
 * (required fields present, enums, ranges, string checks), for records a
 * verb built in memory before it writes them. Returns HC_OK or HC_EINVALID.
 */
int hc_record_check(const struct hc_schema *s, const void *rec, struct hc_error *err);

/* Appends rec as a YAML document. Times are written at utc_offset_min. */
void hc_record_encode_yaml(const struct hc_schema *s, const void *rec, int utc_offset_min,
			   struct hc_buf *out);
/* Appends rec as one JSON object (compact when indent < 0, else pretty with
 * that many spaces per level), keys in schema order. */
void hc_record_encode_json(const struct hc_schema *s, const void *rec, int utc_offset_min,
			   int indent, struct hc_buf *out);

/* Visits every present leaf value as "dotted.path[i]" and its text form, in
 * schema order: the table and TSV views of a single record. */
typedef void (*hc_record_visit_fn)(const char *path, const char *text, void *ctx);
void hc_record_visit(const struct hc_schema *s, const void *rec, int utc_offset_min,
		     hc_record_visit_fn fn, void *ctx);

/* The text of a top-level field for tables: a scalar as written, a string
 * list joined with ",", other lists as their length; "" when absent.
 * Returns false when the schema has no such field. */
bool hc_record_field_text(const struct hc_schema *s, const void *rec, const char *key,
			  int utc_offset_min, struct hc_buf *out);

/* The field named key, or NULL. */
const struct hc_field *hc_schema_field(const struct hc_schema *s, const char *key);

/* Whether s passes a string check (used by verbs validating arguments). */
bool hc_check_string(enum hc_check check, const char *s);
const char *hc_check_describe(enum hc_check check);

/* Helpers for building records in memory. */
void hc_strs_push(struct hc_arena *a, struct hc_strs *l, const char *s);
bool hc_strs_has(const struct hc_strs *l, const char *s);
void hc_ints_push(struct hc_arena *a, struct hc_ints *l, int64_t v);
bool hc_ints_has(const struct hc_ints *l, int64_t v);
/* Appends a zeroed element (hc_record_init'ed for schema s) and returns it. */
void *hc_list_push(struct hc_arena *a, struct hc_list *l, const struct hc_schema *s);
#define HC_LIST_AT(l, T, i) (&((T *)(l).v)[i])

/* Enum helpers: index of name in a NULL-terminated table, or -1. */
int hc_enum_index(const char *const *names, const char *name);

#endif
