/*
 * schema.c - JSON Schemas of the record kinds from their field tables
 * (schema.h), written as YAML.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "hostctl/catalog.h"
#include "hostctl/config.h"
#include "hostctl/kinds.h"
#include "hostctl/schema.h"

#define MAX_LINE 4096              /* record.c MAX_STRING: one-line strings */

/* ---- patterns ----------------------------------------------------------- */

/*
 * Every pattern is anchored with '^' and END: Python's '$' also matches
 * before a final newline, which the lookahead refuses; ECMA-262 reads it
 * as a no-op at the end.
 */
#define END "$(?!\\n)"

/* One line of text: no C0 control character and no DEL (record.c one_line). */
#define LINE_CHAR "[^\\x00-\\x1f\\x7f]"
/* Text: tab and newline allowed. */
#define TEXT_CHAR "[^\\x00-\\x08\\x0b-\\x1f\\x7f]"

/* hc_name_valid(): 1..128 of [A-Za-z0-9._-], not starting with '.' or '-',
 * no "..". */
#define NAME_RE "(?!.*\\.\\.)[A-Za-z0-9_][A-Za-z0-9._-]{0,127}"

/* check_domain(): labels of 1..63 [a-z0-9_-] not starting or ending with
 * '-', joined by '.', 253 characters at most. */
#define LABEL_RE "[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?"
#define DOMAIN_RE "(?=.{1,253}" END ")" LABEL_RE "(?:\\." LABEL_RE ")*"
#define ILABEL_RE "[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?"

/* parse_octets(): 0..255 without leading zeros. */
#define OCTET_RE "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9][0-9]|[0-9])"
#define IPV4_RE OCTET_RE "(?:\\." OCTET_RE "){3}"
/* check_cidr(): 0..32 without leading zeros. */
#define CIDR_RE IPV4_RE "/(?:[12]?[0-9]|3[0-2])"

/* check_email(): a local part without spaces, controls, '"', '<', '>' or
 * '@', and a DNS name with at least one dot, in either case (RFC 5321). */
#define EMAIL_RE "[^\\x00-\\x20\"<>@\\x7f]+@(?=[^@]{1,253}" END ")" ILABEL_RE "(?:\\." ILABEL_RE ")+"

/* check_phone(): digits, '+', '-', '(', ')' and spaces, 3..20 digits. */
#define PHONE_RE "[-+() ]*(?:[0-9][-+() ]*){3,20}"

#define UUID_RE "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

/* hc_day_parse(): years 0001..9999, days by month, 02-29 in leap years
 * (divisible by 4 and not by 100, or by 400). */
#define MONTH_DAY_RE \
	"(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])" \
	"|(?:0[13-9]|1[0-2])-(?:29|30)" \
	"|(?:0[13578]|1[02])-31)"
#define LEAP_YEAR_RE \
	"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])" \
	"|(?:0[48]|[2468][048]|[13579][26])00)"
#define DATE_RE "(?:(?!0000)[0-9]{4}-" MONTH_DAY_RE "|" LEAP_YEAR_RE "-02-29)"

/* hc_time_parse(): date, 'T', 't' or ' ', hh:mm:ss (no leap second),
 * optional fraction, 'Z', 'z' or an offset up to 23:59. */
#define HOUR_RE "(?:[01][0-9]|2[0-3])"
#define MIN_RE "[0-5][0-9]"
#define TIME_RE \
	DATE_RE "[Tt ]" HOUR_RE ":" MIN_RE ":" MIN_RE "(?:\\.[0-9]+)?" \
	"(?:[Zz]|[+-]" HOUR_RE ":" MIN_RE ")"

/* hc_hhmm_parse(): 00:00 ... 23:59, and 24:00. */
#define HHMM_RE "(?:" HOUR_RE ":" MIN_RE "|24:00)"

/* parse_mmdd(): month and day of a leap year. */
#define MMDD_RE \
	"(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-9])" \
	"|(?:0[13-9]|1[0-2])-30" \
	"|(?:0[13578]|1[02])-31)"

static const char *check_pattern(enum hc_check check)
{
	switch (check) {
	case HC_CHK_NONE: return "^" LINE_CHAR "*" END;
	case HC_CHK_TEXT: return "^" TEXT_CHAR "*$";
	case HC_CHK_NAME: return "^" NAME_RE END;
	case HC_CHK_UUID: return "^" UUID_RE END;
	case HC_CHK_DOMAIN: return "^" DOMAIN_RE END;
	case HC_CHK_IPV4: return "^" IPV4_RE END;
	case HC_CHK_CIDR: return "^" CIDR_RE END;
	case HC_CHK_EMAIL: return "^" EMAIL_RE END;
	case HC_CHK_PHONE: return "^" PHONE_RE END;
	}
	return NULL;
}

/* A length bound where the pattern has none (in characters; the loader
 * counts bytes, see hostctl-records(5)). */
static long check_max_length(enum hc_check check)
{
	switch (check) {
	case HC_CHK_NONE:
	case HC_CHK_EMAIL:
	case HC_CHK_PHONE:
		return MAX_LINE;
	case HC_CHK_TEXT:
		return HC_YAML_MAX_SCALAR;
	case HC_CHK_NAME:
	case HC_CHK_UUID:
	case HC_CHK_DOMAIN:
	case HC_CHK_IPV4:
	case HC_CHK_CIDR:
		break;
	}
	return 0;
}

/* ---- emitting ------------------------------------------------------------ */

static void indent(struct hc_buf *out, int n)
{
	for (int i = 0; i < n; i++)
		hc_buf_addc(out, ' ');
}

/* "key:" at indentation ind, without the value or newline. */
static void key(struct hc_buf *out, int ind, const char *k)
{
	indent(out, ind);
	hc_yaml_quote(out, k);
	hc_buf_addc(out, ':');
}

static void kv_str(struct hc_buf *out, int ind, const char *k, const char *v)
{
	key(out, ind, k);
	hc_buf_addc(out, ' ');
	hc_yaml_quote(out, v);
	hc_buf_addc(out, '\n');
}

/* A value that is YAML syntax already (numbers, false). */
static void kv_raw(struct hc_buf *out, int ind, const char *k, const char *v)
{
	key(out, ind, k);
	hc_buf_addc(out, ' ');
	hc_buf_adds(out, v);
	hc_buf_addc(out, '\n');
}

static void kv_int(struct hc_buf *out, int ind, const char *k, int64_t v)
{
	char num[32];

	snprintf(num, sizeof(num), "%" PRId64, v);
	kv_raw(out, ind, k, num);
}

/* v / 10^scale as the shortest decimal text ("99.95", "100"). */
static void kv_decimal(struct hc_buf *out, int ind, const char *k, int64_t v, int scale)
{
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, div = 1;
	char num[64];
	int n;

	for (int i = 0; i < scale && i < 18; i++)
		div *= 10;
	n = snprintf(num, sizeof(num), "%s%" PRIu64, v < 0 ? "-" : "", u / div);
	if (u % div) {
		char frac[32];
		int len;

		snprintf(frac, sizeof(frac), "%0*" PRIu64, scale < 18 ? scale : 18, u % div);
		len = (int)strlen(frac);
		while (len > 0 && frac[len - 1] == '0')
			frac[--len] = '\0';
		snprintf(num + n, sizeof(num) - (size_t)n, ".%s", frac);
	}
	kv_raw(out, ind, k, num);
}

static void object_schema(const struct hc_schema *s, int ind, struct hc_buf *out);

static void string_schema(enum hc_check check, int ind, struct hc_buf *out)
{
	long max = check_max_length(check);

	kv_str(out, ind, "type", "string");
	if (max)
		kv_int(out, ind, "maxLength", max);
	kv_str(out, ind, "pattern", check_pattern(check));
}

static void int_schema(const struct hc_field *f, int ind, struct hc_buf *out)
{
	kv_str(out, ind, "type", "integer");
	kv_int(out, ind, "minimum", (f->flags & HC_RANGE) ? f->min : INT64_MIN);
	kv_int(out, ind, "maximum", (f->flags & HC_RANGE) ? f->max : INT64_MAX);
}

/* The keywords of one field's value, at indentation ind. */
static void field_schema(const struct hc_field *f, int ind, struct hc_buf *out)
{
	if (f->doc)
		kv_str(out, ind, "description", f->doc);
	switch (f->type) {
	case HC_F_STR:
		string_schema(f->check, ind, out);
		return;
	case HC_F_INT:
		int_schema(f, ind, out);
		return;
	case HC_F_DECIMAL:
		kv_str(out, ind, "type", "number");
		if (f->flags & HC_RANGE) {
			kv_decimal(out, ind, "minimum", f->min, f->scale);
			kv_decimal(out, ind, "maximum", f->max, f->scale);
		}
		return;
	case HC_F_BOOL:
		kv_str(out, ind, "type", "boolean");
		return;
	case HC_F_TIME:
		kv_str(out, ind, "type", "string");
		kv_str(out, ind, "pattern", "^" TIME_RE END);
		return;
	case HC_F_DAY:
		kv_str(out, ind, "type", "string");
		kv_str(out, ind, "pattern", "^" DATE_RE END);
		return;
	case HC_F_HHMM:
		kv_str(out, ind, "type", "string");
		kv_str(out, ind, "pattern", "^" HHMM_RE END);
		return;
	case HC_F_MMDD:
		kv_str(out, ind, "type", "string");
		kv_str(out, ind, "pattern", "^" MMDD_RE END);
		return;
	case HC_F_ENUM:
		kv_str(out, ind, "type", "string");
		key(out, ind, "enum");
		hc_buf_addc(out, '\n');
		for (const char *const *e = f->enums; *e; e++) {
			indent(out, ind + 2);
			hc_buf_adds(out, "- ");
			hc_yaml_quote(out, *e);
			hc_buf_addc(out, '\n');
		}
		return;
	case HC_F_STRS:
		kv_str(out, ind, "type", "array");
		key(out, ind, "items");
		hc_buf_addc(out, '\n');
		string_schema(f->check, ind + 2, out);
		return;
	case HC_F_INTS:
		kv_str(out, ind, "type", "array");
		key(out, ind, "items");
		hc_buf_addc(out, '\n');
		int_schema(f, ind + 2, out);
		return;
	case HC_F_LIST:
		kv_str(out, ind, "type", "array");
		key(out, ind, "items");
		hc_buf_addc(out, '\n');
		object_schema(f->sub, ind + 2, out);
		return;
	case HC_F_STRUCT:
		object_schema(f->sub, ind, out);
		return;
	}
}

static void object_schema(const struct hc_schema *s, int ind, struct hc_buf *out)
{
	bool any = false;

	kv_str(out, ind, "type", "object");
	kv_raw(out, ind, "additionalProperties", "false");
	for (size_t i = 0; i < s->nfields; i++) {
		if (!(s->fields[i].flags & HC_REQ))
			continue;
		if (!any) {
			key(out, ind, "required");
			hc_buf_addc(out, '\n');
			any = true;
		}
		indent(out, ind + 2);
		hc_buf_adds(out, "- ");
		hc_yaml_quote(out, s->fields[i].name);
		hc_buf_addc(out, '\n');
	}
	if (s->nfields == 0) {
		kv_raw(out, ind, "properties", "{}");
		return;
	}
	key(out, ind, "properties");
	hc_buf_addc(out, '\n');
	for (size_t i = 0; i < s->nfields; i++) {
		key(out, ind + 2, s->fields[i].name);
		hc_buf_addc(out, '\n');
		field_schema(&s->fields[i], ind + 4, out);
	}
}

void hc_schema_to_json_schema(const struct hc_schema *s, const char *id, const char *title,
			      struct hc_buf *out)
{
	kv_str(out, 0, "$schema", HC_JSON_SCHEMA_DIALECT);
	if (id)
		kv_str(out, 0, "$id", id);
	kv_str(out, 0, "$comment",
	       "Generated from the field tables by 'hostctl validate --print-schema'; do not edit. "
	       "See hostctl-records(5).");
	if (title)
		kv_str(out, 0, "title", title);
	object_schema(s, 0, out);
}

/* ---- kinds ----------------------------------------------------------------- */

/* The kinds outside hc_kinds[]: they are not records of a directory. */
static const struct {
	const char *name;
	const struct hc_schema *schema;
	const char *title;
} extra_kinds[] = {
	{ "config", &hc_config_schema, "hostctl settings (hostctl.yaml)" },
	{ "profile", &hc_profile_schema, "hostctl catalog profile (catalog/<name>.yaml)" },
};
#define NEXTRA (sizeof(extra_kinds) / sizeof(extra_kinds[0]))

size_t hc_schema_kind_count(void)
{
	return NEXTRA + hc_kinds_count;
}

const char *hc_schema_kind_name(size_t i)
{
	if (i < NEXTRA)
		return extra_kinds[i].name;
	if (i - NEXTRA < hc_kinds_count)
		return hc_kinds[i - NEXTRA].name;
	return NULL;
}

const struct hc_schema *hc_schema_of_kind(const char *kind)
{
	const struct hc_kind *k;

	for (size_t i = 0; i < NEXTRA; i++)
		if (!strcmp(extra_kinds[i].name, kind))
			return extra_kinds[i].schema;
	k = hc_kind_find(kind);
	return k ? k->schema : NULL;
}

int hc_schema_print_kind(const char *kind, struct hc_buf *out, struct hc_error *err)
{
	const struct hc_kind *k = NULL;
	const struct hc_schema *s = NULL;
	const char *name = kind;
	char id[160], title[200];

	for (size_t i = 0; i < NEXTRA && !s; i++) {
		if (!strcmp(extra_kinds[i].name, kind)) {
			s = extra_kinds[i].schema;
			snprintf(title, sizeof(title), "%s", extra_kinds[i].title);
		}
	}
	if (!s && (k = hc_kind_find(kind))) {
		s = k->schema;
		name = k->name;
		snprintf(title, sizeof(title), "hostctl %s record (%s/<id>.yaml)", k->name, k->dir);
	}
	if (!s) {
		struct hc_buf known = HC_BUF_INIT;

		for (size_t i = 0; i < hc_schema_kind_count(); i++) {
			const char *n = hc_schema_kind_name(i);

			/* Never NULL below the count; gcc -O2 cannot tell. */
			hc_buf_addf(&known, "%s%s", i ? ", " : "", n ? n : "?");
		}
		hc_error_set(err, HC_EUSAGE, "no record kind '%.64s' (known: %s)", kind, known.p);
		hc_buf_release(&known);
		return HC_EUSAGE;
	}
	snprintf(id, sizeof(id), "urn:hostctl:schema:%s", name);
	hc_schema_to_json_schema(s, id, title, out);
	return HC_OK;
}
