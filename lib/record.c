/*
 * record.c - decoding YAML trees into typed structs by field tables, and
 * writing them back as deterministic YAML or JSON.
 */
#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostctl/record.h"

#define MAX_STRING 4096   /* one-line strings; HC_CHK_TEXT may use the scalar limit */

#define FIELD_PTR(rec, f) ((char *)(rec) + (f)->offset)
#define FIELD_CPTR(rec, f) ((const char *)(rec) + (f)->offset)

/* ---- string checks -------------------------------------------------- */

static bool is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

static bool check_uuid(const char *s)
{
	static const int dash[] = { 8, 13, 18, 23 };

	if (strlen(s) != 36)
		return false;
	for (int i = 0, d = 0; i < 36; i++) {
		if (d < 4 && i == dash[d]) {
			if (s[i] != '-')
				return false;
			d++;
		} else if (!is_hex(s[i])) {
			return false;
		}
	}
	return true;
}

static bool check_domain(const char *s)
{
	size_t n = strlen(s), label = 0;

	if (n == 0 || n > 253 || s[0] == '.' || s[n - 1] == '.')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (c == '.') {
			if (label == 0 || s[i - 1] == '-')
				return false;
			label = 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return false;
		if (c == '-' && label == 0)
			return false;
		if (++label > 63)
			return false;
	}
	return s[n - 1] != '-';
}

static bool parse_octets(const char *s, const char **end, unsigned char out[4])
{
	const char *p = s;

	for (int i = 0; i < 4; i++) {
		int v = 0, digits = 0;

		if (i > 0) {
			if (*p != '.')
				return false;
			p++;
		}
		while (*p >= '0' && *p <= '9' && digits < 4) {
			v = v * 10 + (*p - '0');
			p++, digits++;
		}
		if (digits == 0 || digits > 3 || v > 255 || (digits > 1 && p[-digits] == '0'))
			return false;
		if (out)
			out[i] = (unsigned char)v;
	}
	*end = p;
	return true;
}

static bool check_ipv4(const char *s)
{
	const char *end;

	return parse_octets(s, &end, NULL) && *end == '\0';
}

static bool check_cidr(const char *s)
{
	const char *end;
	int bits = 0, digits = 0;

	if (!parse_octets(s, &end, NULL) || *end != '/')
		return false;
	if (end[1] == '0' && end[2] >= '0' && end[2] <= '9')
		return false;            /* no leading zeros, as in the octets */
	for (end++; *end >= '0' && *end <= '9'; end++, digits++)
		bits = bits * 10 + (*end - '0');
	return *end == '\0' && digits > 0 && digits <= 2 && bits <= 32;
}

static bool check_email(const char *s)
{
	const char *at = strchr(s, '@');

	if (!at || at == s || strchr(at + 1, '@'))
		return false;
	char domain[256];
	size_t n = strlen(at + 1);

	for (const char *p = s; p < at; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' || *p == '>')
			return false;
	/* The domain part is case-insensitive (RFC 5321). */
	if (n >= sizeof(domain))
		return false;
	for (size_t i = 0; i <= n; i++)
		domain[i] = (char)((at[1 + i] >= 'A' && at[1 + i] <= 'Z') ? at[1 + i] + 32 : at[1 + i]);
	return check_domain(domain) && strchr(domain, '.') != NULL;
}

static bool check_phone(const char *s)
{
	int digits = 0;

	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!strchr("+-() ", *p))
			return false;
	}
	return digits >= 3 && digits <= 20;
}

static bool one_line(const char *s, size_t n, bool text)
{
	const uint64_t ones = UINT64_C(0x0101010101010101), highs = ones * 0x80;
	size_t i = 0;

	/* Eight bytes at a time: any byte below 0x20 or equal to 0x7f sends
	 * the word to the byte loop (Bit Twiddling Hacks' hasless/haszero,
	 * exact for every byte value). */
	for (; i + 8 <= n; i += 8) {
		uint64_t w, del;

		memcpy(&w, s + i, 8);
		del = w ^ (ones * 0x7f);
		if (((w - ones * 0x20) & ~w & highs) || ((del - ones) & ~del & highs))
			break;
	}
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == 0x7f)
			return false;
		if (c < 0x20 && !(text && (c == '\n' || c == '\t')))
			return false;
	}
	return true;
}

/* hc_check_string(), where utf8_known says s came from libyaml, whose
 * reader refuses invalid UTF-8 and surrogate escapes (hc_record_check()
 * and the fuzz harness hold the decoder to the full check). */
static bool check_string(enum hc_check check, const char *s, size_t n, bool utf8_known)
{
	assert(strlen(s) == n);
	if (check != HC_CHK_TEXT && n > MAX_STRING)
		return false;
	if (!one_line(s, n, check == HC_CHK_TEXT) || (!utf8_known && !hc_utf8_valid(s, n)))
		return false;
	switch (check) {
	case HC_CHK_NONE:
	case HC_CHK_TEXT:
		return true;
	case HC_CHK_NAME:
		return hc_name_valid(s);
	case HC_CHK_UUID:
		return check_uuid(s);
	case HC_CHK_DOMAIN:
		return check_domain(s);
	case HC_CHK_IPV4:
		return check_ipv4(s);
	case HC_CHK_CIDR:
		return check_cidr(s);
	case HC_CHK_EMAIL:
		return check_email(s);
	case HC_CHK_PHONE:
		return check_phone(s);
	}
	return false;
}

bool hc_check_string(enum hc_check check, const char *s)
{
	return check_string(check, s, strlen(s), false);
}

const char *hc_check_describe(enum hc_check check)
{
	switch (check) {
	case HC_CHK_NONE: return "one line of text without control characters";
	case HC_CHK_TEXT: return "text without control characters";
	case HC_CHK_NAME: return "a name of 1-128 characters [A-Za-z0-9._-], not starting with '.' or '-', without '..'";
	case HC_CHK_UUID: return "a lowercase UUID";
	case HC_CHK_DOMAIN: return "a lowercase DNS name";
	case HC_CHK_IPV4: return "an IPv4 address";
	case HC_CHK_CIDR: return "an IPv4 network (a.b.c.d/n)";
	case HC_CHK_EMAIL: return "an e-mail address";
	case HC_CHK_PHONE: return "a telephone number";
	}
	return "a string";
}

/* ---- init ----------------------------------------------------------- */

void hc_record_init(const struct hc_schema *s, void *rec)
{
	memset(rec, 0, s->size);
	for (size_t i = 0; i < s->nfields; i++) {
		const struct hc_field *f = &s->fields[i];
		char *p = FIELD_PTR(rec, f);

		switch (f->type) {
		case HC_F_INT:
		case HC_F_DECIMAL:
			*(int64_t *)p = HC_INT_NONE;
			break;
		case HC_F_TIME:
			*(hc_time *)p = HC_TIME_NONE;
			break;
		case HC_F_DAY:
			*(hc_day *)p = HC_DAY_NONE;
			break;
		case HC_F_HHMM:
		case HC_F_MMDD:
		case HC_F_ENUM:
			*(int *)p = -1;
			break;
		case HC_F_STRUCT:
			hc_record_init(f->sub, p);
			break;
		case HC_F_STR:
		case HC_F_BOOL:
		case HC_F_STRS:
		case HC_F_INTS:
		case HC_F_LIST:
			break;
		}
	}
}

/* ---- decode --------------------------------------------------------- */

struct dctx {
	struct hc_arena *a;
	const char *path;
	struct hc_error *err;
	char field[128];
};

/* Text quoted from a file into a message is shown with \xHH for control
 * characters, so a hostile key or value cannot drive a terminal or forge a
 * line of output. */
static void escape_controls(char *msg, size_t size)
{
	char tmp[512];
	size_t o = 0;

	for (const unsigned char *p = (const unsigned char *)msg; *p && o + 5 < sizeof(tmp); p++) {
		if (*p < 0x20 || *p == 0x7f) {
			static const char hex[] = "0123456789ABCDEF";

			tmp[o++] = '\\', tmp[o++] = 'x', tmp[o++] = hex[*p >> 4], tmp[o++] = hex[*p & 15];
		} else {
			tmp[o++] = (char)*p;
		}
	}
	if (o >= size)
		o = size - 1;
	memcpy(msg, tmp, o);
	msg[o] = '\0';
}

static int dfail(struct dctx *c, const struct hc_node *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), cold));

static int dfail(struct dctx *c, const struct hc_node *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hc_error_vset(c->err, HC_EINVALID, fmt, ap);
	va_end(ap);
	if (c->err) {
		escape_controls(c->err->msg, sizeof(c->err->msg));
		snprintf(c->err->path, sizeof(c->err->path), "%s", c->path ? c->path : "");
		c->err->line = n->line;
		c->err->col = n->col;
		snprintf(c->err->field, sizeof(c->err->field), "%s", c->field);
	}
	return HC_EINVALID;
}

static int decode_map(const struct hc_schema *s, const struct hc_node *map, void *rec,
		      struct dctx *c);

static const char *expect_string(struct dctx *c, const struct hc_node *n, const char *what)
{
	if (n->type != HC_NODE_SCALAR || n->u.scalar.kind != HC_SCALAR_STR) {
		dfail(c, n, "expected %s, got %s", what, hc_yaml_describe(n));
		return NULL;
	}
	return n->u.scalar.str;
}

static int parse_int(const char *s, int64_t *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || end == s)
		return -1;
	*out = v;
	return 0;
}

/* "12", "12.5", "-0.25" -> value * 10^scale, refusing more digits than scale. */
static int parse_decimal(const char *s, int scale, int64_t *out)
{
	int64_t v = 0;
	int frac = -1;
	bool neg = false, any = false;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s; s++) {
		if (*s == '.' && frac < 0) {
			frac = 0;
			continue;
		}
		if (*s < '0' || *s > '9')
			return -1;
		if (frac >= 0 && ++frac > scale)
			return -1;
		if (v > (INT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (*s - '0');
		any = true;
	}
	if (!any)
		return -1;
	for (int i = frac < 0 ? 0 : frac; i < scale; i++) {
		if (v > INT64_MAX / 10)
			return -1;
		v *= 10;
	}
	*out = neg ? -v : v;
	return 0;
}

static int parse_mmdd(const char *s, int *out)
{
	int m, d;

	if (strlen(s) != 5 || s[2] != '-')
		return -1;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (s[i] < '0' || s[i] > '9'))
			return -1;
	m = (s[0] - '0') * 10 + (s[1] - '0');
	d = (s[3] - '0') * 10 + (s[4] - '0');
	if (m < 1 || m > 12 || d < 1 || d > hc_days_in_month(2000, m))
		return -1;
	*out = m * 100 + d;
	return 0;
}

static void enum_list(const char *const *names, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (; *names && used + 1 < size; names++) {
		int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", *names);

		if (n < 0)
			break;
		used += (size_t)n;
	}
}

static int decode_string(const struct hc_field *f, const struct hc_node *n, const char **out,
			 struct dctx *c)
{
	const char *s = expect_string(c, n, "a string");

	if (!s)
		return HC_EINVALID;
	if (!check_string(f->check, s, n->len, true))
		return dfail(c, n, "expected %s, got '%.64s'", hc_check_describe(f->check), s);
	*out = s;
	return HC_OK;
}

/* Sets the field path after base to "[i]", truncated as snprintf would:
 * once per list item of every record read, so without printf. */
static void field_index(char *field, size_t size, size_t base, size_t i)
{
	char num[HC_I64_BUFSZ + 2];
	size_t len, room = size - base - 1;

	num[0] = '[';
	hc_i64_text(num + 1, (int64_t)i);
	len = strlen(num);
	num[len++] = ']';
	if (len > room)
		len = room;
	memcpy(field + base, num, len);
	field[base + len] = '\0';
}

static int decode_value(const struct hc_field *f, const struct hc_node *n, void *p,
			struct dctx *c)
{
	const char *s;

	switch (f->type) {
	case HC_F_STR:
		return decode_string(f, n, (const char **)p, c);

	case HC_F_INT: {
		int64_t v;

		if (n->type != HC_NODE_SCALAR || n->u.scalar.kind != HC_SCALAR_INT ||
		    parse_int(n->u.scalar.str, &v))
			return dfail(c, n, "expected a decimal integer, got %s", hc_yaml_describe(n));
		/* INT64_MIN is the absent marker (HC_INT_NONE): storing it would
		 * drop the field silently, even a required one. */
		if (v == HC_INT_NONE)
			return dfail(c, n, "%" PRId64 " is out of range", v);
		if ((f->flags & HC_RANGE) && (v < f->min || v > f->max))
			return dfail(c, n, "%" PRId64 " is out of range %" PRId64 "..%" PRId64,
				     v, f->min, f->max);
		*(int64_t *)p = v;
		return HC_OK;
	}

	case HC_F_DECIMAL: {
		int64_t v;

		if (n->type != HC_NODE_SCALAR ||
		    (n->u.scalar.kind != HC_SCALAR_INT && n->u.scalar.kind != HC_SCALAR_FLOAT) ||
		    parse_decimal(n->u.scalar.str, f->scale, &v))
			return dfail(c, n, "expected a number with at most %d decimals, got %s",
				     f->scale, hc_yaml_describe(n));
		if ((f->flags & HC_RANGE) && (v < f->min || v > f->max))
			return dfail(c, n, "'%s' is out of range", n->u.scalar.str);
		*(int64_t *)p = v;
		return HC_OK;
	}

	case HC_F_BOOL:
		if (n->type != HC_NODE_SCALAR || n->u.scalar.kind != HC_SCALAR_BOOL)
			return dfail(c, n, "expected true or false, got %s", hc_yaml_describe(n));
		*(bool *)p = n->u.scalar.str[0] == 't' || n->u.scalar.str[0] == 'T';
		return HC_OK;

	case HC_F_TIME:
		if (!(s = expect_string(c, n, "an RFC 3339 date-time")))
			return HC_EINVALID;
		if (hc_time_parse(s, (hc_time *)p, NULL))
			return dfail(c, n, "expected an RFC 3339 date-time with offset, got '%.64s'", s);
		return HC_OK;

	case HC_F_DAY:
		if (!(s = expect_string(c, n, "a date (YYYY-MM-DD)")))
			return HC_EINVALID;
		if (hc_day_parse(s, (hc_day *)p))
			return dfail(c, n, "expected a date (YYYY-MM-DD), got '%.64s'", s);
		return HC_OK;

	case HC_F_HHMM:
		if (!(s = expect_string(c, n, "a time of day (HH:MM)")))
			return HC_EINVALID;
		if (hc_hhmm_parse(s, (int *)p))
			return dfail(c, n, "expected a time of day (HH:MM), got '%.64s'", s);
		return HC_OK;

	case HC_F_MMDD:
		if (!(s = expect_string(c, n, "a day of the year (MM-DD)")))
			return HC_EINVALID;
		if (parse_mmdd(s, (int *)p))
			return dfail(c, n, "expected a day of the year (MM-DD), got '%.64s'", s);
		return HC_OK;

	case HC_F_ENUM: {
		int i;

		if (!(s = expect_string(c, n, "a string")))
			return HC_EINVALID;
		i = hc_enum_index(f->enums, s);
		if (i < 0) {
			char allowed[256];

			enum_list(f->enums, allowed, sizeof(allowed));
			return dfail(c, n, "'%.64s' is not one of: %s", s, allowed);
		}
		*(int *)p = i;
		return HC_OK;
	}

	case HC_F_STRS: {
		struct hc_strs *l = p;
		size_t base = strlen(c->field);

		if (n->type != HC_NODE_SEQ)
			return dfail(c, n, "expected a list, got %s", hc_yaml_describe(n));
		l->n = l->cap = n->len;
		l->v = hc_arena_alloc(c->a, (n->len ? n->len : 1) * sizeof(*l->v));
		for (size_t i = 0; i < n->len; i++) {
			field_index(c->field, sizeof(c->field), base, i);
			if (decode_string(f, &n->u.items[i], &l->v[i], c))
				return HC_EINVALID;
		}
		c->field[base] = '\0';
		return HC_OK;
	}

	case HC_F_INTS: {
		struct hc_ints *l = p;
		size_t base = strlen(c->field);

		if (n->type != HC_NODE_SEQ)
			return dfail(c, n, "expected a list, got %s", hc_yaml_describe(n));
		l->n = l->cap = n->len;
		l->v = hc_arena_alloc(c->a, (n->len ? n->len : 1) * sizeof(*l->v));
		for (size_t i = 0; i < n->len; i++) {
			const struct hc_node *it = &n->u.items[i];

			field_index(c->field, sizeof(c->field), base, i);
			if (it->type != HC_NODE_SCALAR || it->u.scalar.kind != HC_SCALAR_INT ||
			    parse_int(it->u.scalar.str, &l->v[i]))
				return dfail(c, it, "expected a decimal integer, got %s",
					     hc_yaml_describe(it));
			if ((f->flags & HC_RANGE) && (l->v[i] < f->min || l->v[i] > f->max))
				return dfail(c, it, "%" PRId64 " is out of range %" PRId64 "..%" PRId64,
					     l->v[i], f->min, f->max);
		}
		c->field[base] = '\0';
		return HC_OK;
	}

	case HC_F_LIST: {
		struct hc_list *l = p;
		size_t base = strlen(c->field);

		if (n->type != HC_NODE_SEQ)
			return dfail(c, n, "expected a list, got %s", hc_yaml_describe(n));
		l->n = l->cap = n->len;
		l->v = hc_arena_alloc(c->a, (n->len ? n->len : 1) * f->sub->size);
		for (size_t i = 0; i < n->len; i++) {
			field_index(c->field, sizeof(c->field), base, i);
			if (decode_map(f->sub, &n->u.items[i], (char *)l->v + i * f->sub->size, c))
				return HC_EINVALID;
		}
		c->field[base] = '\0';
		return HC_OK;
	}

	case HC_F_STRUCT:
		return decode_map(f->sub, n, p, c);
	}
	return dfail(c, n, "unsupported field type");
}

/*
 * Sets the dotted field path after base to "<key>" (".<key>" below the
 * top), truncated exactly as snprintf(field + base, size - base, "%s%s",
 * base ? "." : "", key) would. Performance fix (tests/bench): decode_map
 * did that snprintf for every key of every record, about 7 % of
 * sla-report's instructions, for a path read only when decoding fails.
 */
static void field_key(char *field, size_t size, size_t base, const char *key)
{
	size_t room = size - base - 1, n = 0, len = strlen(key);

	if (base && n < room)
		field[base + n++] = '.';
	if (len > room - n)
		len = room - n;
	memcpy(field + base + n, key, len);
	field[base + n + len] = '\0';
}

static int decode_map(const struct hc_schema *s, const struct hc_node *map, void *rec,
		      struct dctx *c)
{
	size_t base = strlen(c->field);
	/* Which fields were seen; schemas have at most 64 fields. */
	uint64_t seen = 0;
	size_t next = 0;

	assert(s->nfields <= 64);
	hc_record_init(s, rec);
	if (map->type != HC_NODE_MAP)
		return dfail(c, map, "expected a mapping, got %s", hc_yaml_describe(map));
	for (size_t i = 0; i < map->len; i++) {
		const struct hc_pair *pr = &map->u.pairs[i];
		const struct hc_field *f = NULL;
		size_t k = next;

		/* Records written by hostctl list their keys in field order,
		 * optional ones left out, so the search starts after the field
		 * found last and wraps around. */
		for (size_t j = 0; j < s->nfields; j++, k++) {
			if (k >= s->nfields)
				k = 0;
			if (strcmp(s->fields[k].name, pr->key) == 0) {
				f = &s->fields[k];
				next = k + 1;
				break;
			}
		}
		field_key(c->field, sizeof(c->field), base, pr->key);
		if (!f) {
			struct hc_node at = { .line = pr->line, .col = pr->col };

			c->field[base] = '\0';
			return dfail(c, &at, "unknown key '%.64s' in %s", pr->key, s->name);
		}
		seen |= UINT64_C(1) << k;
		if (decode_value(f, &pr->value, FIELD_PTR(rec, f), c))
			return HC_EINVALID;
	}
	c->field[base] = '\0';
	for (size_t k = 0; k < s->nfields; k++) {
		if ((s->fields[k].flags & HC_REQ) && !(seen & (UINT64_C(1) << k)))
			return dfail(c, map, "missing required key '%s' in %s", s->fields[k].name,
				     s->name);
	}
	return HC_OK;
}

int hc_record_decode(const struct hc_schema *s, const struct hc_node *map, void *rec,
		     struct hc_arena *a, const char *path, struct hc_error *err)
{
	struct dctx c;

	memset(&c, 0, sizeof(c));
	c.a = a;
	c.path = path;
	c.err = err;
	return decode_map(s, map, rec, &c);
}

int hc_record_parse(const struct hc_schema *s, const char *buf, size_t len, void *rec,
		    struct hc_arena *a, const char *path, struct hc_error *err)
{
	struct hc_node *root;
	int rc = hc_yaml_parse(buf, len, path, NULL, a, &root, err);

	if (rc) {
		hc_record_init(s, rec);
		return rc;
	}
	return hc_record_decode(s, root, rec, a, path, err);
}

/* ---- presence and check --------------------------------------------- */

static bool field_present(const struct hc_field *f, const void *rec);

static bool struct_present(const struct hc_schema *s, const void *rec)
{
	for (size_t i = 0; i < s->nfields; i++)
		if (field_present(&s->fields[i], rec))
			return true;
	return false;
}

static bool field_present(const struct hc_field *f, const void *rec)
{
	const char *p = FIELD_CPTR(rec, f);

	switch (f->type) {
	case HC_F_STR: return *(const char *const *)p != NULL;
	case HC_F_INT:
	case HC_F_DECIMAL: return *(const int64_t *)p != HC_INT_NONE;
	case HC_F_BOOL: return *(const bool *)p || (f->flags & HC_REQ);
	case HC_F_TIME: return *(const hc_time *)p != HC_TIME_NONE;
	case HC_F_DAY: return *(const hc_day *)p != HC_DAY_NONE;
	case HC_F_HHMM:
	case HC_F_MMDD:
	case HC_F_ENUM: return *(const int *)p >= 0;
	case HC_F_STRS: return ((const struct hc_strs *)p)->n > 0 || (f->flags & HC_REQ);
	case HC_F_INTS: return ((const struct hc_ints *)p)->n > 0 || (f->flags & HC_REQ);
	case HC_F_LIST: return ((const struct hc_list *)p)->n > 0 || (f->flags & HC_REQ);
	case HC_F_STRUCT: return struct_present(f->sub, p) || (f->flags & HC_REQ);
	}
	return false;
}

static int check_struct(const struct hc_schema *s, const void *rec, char *field, size_t fsize,
			struct hc_error *err);

static int cfail(struct hc_error *err, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int cfail(struct hc_error *err, const char *field, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hc_error_vset(err, HC_EINVALID, fmt, ap);
	va_end(ap);
	if (err)
		snprintf(err->field, sizeof(err->field), "%s", field);
	return HC_EINVALID;
}

static int check_field(const struct hc_field *f, const void *rec, char *field, size_t fsize,
		       struct hc_error *err)
{
	const char *p = FIELD_CPTR(rec, f);
	size_t base = strlen(field);
	int rc = HC_OK;

	snprintf(field + base, fsize - base, "%s%s", base ? "." : "", f->name);
	if (!field_present(f, rec)) {
		if (f->flags & HC_REQ)
			rc = cfail(err, field, "missing required field");
		goto out;
	}
	switch (f->type) {
	case HC_F_STR:
		if (!hc_check_string(f->check, *(const char *const *)p))
			rc = cfail(err, field, "expected %s", hc_check_describe(f->check));
		break;
	case HC_F_INT:
	case HC_F_DECIMAL: {
		int64_t v = *(const int64_t *)p;

		if ((f->flags & HC_RANGE) && (v < f->min || v > f->max))
			rc = cfail(err, field, "value out of range");
		break;
	}
	case HC_F_ENUM: {
		int i = *(const int *)p, count = 0;

		while (f->enums[count])
			count++;
		if (i >= count)
			rc = cfail(err, field, "invalid enumeration value");
		break;
	}
	case HC_F_STRS: {
		const struct hc_strs *l = (const struct hc_strs *)p;

		for (size_t i = 0; i < l->n && !rc; i++)
			if (!l->v[i] || !hc_check_string(f->check, l->v[i]))
				rc = cfail(err, field, "item %zu: expected %s", i,
					   hc_check_describe(f->check));
		break;
	}
	case HC_F_INTS: {
		const struct hc_ints *l = (const struct hc_ints *)p;

		for (size_t i = 0; i < l->n && !rc; i++)
			if ((f->flags & HC_RANGE) && (l->v[i] < f->min || l->v[i] > f->max))
				rc = cfail(err, field, "item %zu: value out of range", i);
		break;
	}
	case HC_F_LIST: {
		const struct hc_list *l = (const struct hc_list *)p;
		size_t b2 = strlen(field);

		for (size_t i = 0; i < l->n && !rc; i++) {
			snprintf(field + b2, fsize - b2, "[%zu]", i);
			rc = check_struct(f->sub, (const char *)l->v + i * f->sub->size, field, fsize,
					  err);
		}
		break;
	}
	case HC_F_STRUCT:
		rc = check_struct(f->sub, p, field, fsize, err);
		break;
	/* Decode accepts only 00:00-24:00 and real MM-DD days; a built value
	 * outside them would be written as text the reader refuses. */
	case HC_F_HHMM:
		if (*(const int *)p > 24 * 60)
			rc = cfail(err, field, "time of day out of range 00:00-24:00");
		break;
	case HC_F_MMDD: {
		int m = *(const int *)p / 100, d = *(const int *)p % 100;

		if (m < 1 || m > 12 || d < 1 || d > hc_days_in_month(2000, m))
			rc = cfail(err, field, "invalid day of the year (MM-DD)");
		break;
	}
	case HC_F_BOOL:
	case HC_F_TIME:
	case HC_F_DAY:
		break;
	}
out:
	if (!rc)
		field[base] = '\0';
	return rc;
}

static int check_struct(const struct hc_schema *s, const void *rec, char *field, size_t fsize,
			struct hc_error *err)
{
	for (size_t i = 0; i < s->nfields; i++) {
		int rc = check_field(&s->fields[i], rec, field, fsize, err);

		if (rc)
			return rc;
	}
	return HC_OK;
}

int hc_record_check(const struct hc_schema *s, const void *rec, struct hc_error *err)
{
	char field[128] = "";

	return check_struct(s, rec, field, sizeof(field), err);
}

/* ---- scalar text ---------------------------------------------------- */

struct scalar_text {
	char buf[64];
	const char *s;       /* the text */
	bool quote;          /* a string that needs the quoting rules */
};

static void format_decimal(int64_t v, int scale, char *buf, size_t size)
{
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	uint64_t div = 1;
	int n;

	for (int i = 0; i < scale; i++)
		div *= 10;
	n = snprintf(buf, size, "%s%" PRIu64, v < 0 ? "-" : "", u / div);
	if (scale > 0 && u % div) {
		char frac[32];
		int len;

		assert(scale > 0 && scale < 19);
		snprintf(frac, sizeof(frac), "%0*" PRIu64, scale & 31, u % div);
		len = (int)strlen(frac);
		while (len > 0 && frac[len - 1] == '0')
			frac[--len] = '\0';
		snprintf(buf + n, size - (size_t)n, ".%s", frac);
	}
}

/* Text of a scalar field; false when the field is not a scalar. */
static bool scalar_text(const struct hc_field *f, const void *rec, int off,
			struct scalar_text *t)
{
	const char *p = FIELD_CPTR(rec, f);

	t->quote = false;
	t->s = t->buf;
	switch (f->type) {
	case HC_F_STR:
		t->s = *(const char *const *)p;
		t->quote = true;
		return true;
	case HC_F_INT:
		snprintf(t->buf, sizeof(t->buf), "%" PRId64, *(const int64_t *)p);
		return true;
	case HC_F_DECIMAL:
		format_decimal(*(const int64_t *)p, f->scale, t->buf, sizeof(t->buf));
		return true;
	case HC_F_BOOL:
		t->s = *(const bool *)p ? "true" : "false";
		return true;
	case HC_F_TIME:
		hc_time_format(*(const hc_time *)p, off, t->buf);
		return true;
	case HC_F_DAY:
		hc_day_format(*(const hc_day *)p, t->buf);
		return true;
	case HC_F_HHMM:
		hc_hhmm_format(*(const int *)p, t->buf);
		t->quote = true;
		return true;
	case HC_F_MMDD: {
		int v = *(const int *)p;

		snprintf(t->buf, sizeof(t->buf), "%02d-%02d", v / 100, v % 100);
		t->quote = true;
		return true;
	}
	case HC_F_ENUM:
		t->s = f->enums[*(const int *)p];
		t->quote = true;
		return true;
	case HC_F_STRS:
	case HC_F_INTS:
	case HC_F_LIST:
	case HC_F_STRUCT:
		break;
	}
	return false;
}

/* ---- YAML ------------------------------------------------------------ */

static void indent(struct hc_buf *out, int n)
{
	for (int i = 0; i < n; i++)
		hc_buf_addc(out, ' ');
}

static void yaml_struct(const struct hc_schema *s, const void *rec, int off, int ind,
			bool first_inline, struct hc_buf *out);

/* Writes "key: value" or "key:\n  ..." at indentation ind; when inline_first
 * is set the first line's indentation was already written ("- "). */
static void yaml_field(const struct hc_field *f, const void *rec, int off, int ind,
		       bool inline_first, struct hc_buf *out)
{
	struct scalar_text t;
	const char *p = FIELD_CPTR(rec, f);

	if (!inline_first)
		indent(out, ind);
	hc_buf_adds(out, f->name);
	hc_buf_addc(out, ':');
	if (scalar_text(f, rec, off, &t)) {
		hc_buf_addc(out, ' ');
		if (t.quote)
			hc_yaml_quote(out, t.s);
		else
			hc_buf_adds(out, t.s);
		hc_buf_addc(out, '\n');
		return;
	}
	switch (f->type) {
	case HC_F_STRS: {
		const struct hc_strs *l = (const struct hc_strs *)p;

		if (l->n == 0) {
			hc_buf_adds(out, " []\n");
			return;
		}
		hc_buf_addc(out, '\n');
		for (size_t i = 0; i < l->n; i++) {
			indent(out, ind + 2);
			hc_buf_adds(out, "- ");
			hc_yaml_quote(out, l->v[i]);
			hc_buf_addc(out, '\n');
		}
		return;
	}
	case HC_F_INTS: {
		const struct hc_ints *l = (const struct hc_ints *)p;

		/* Flow style: numbers read well on one line. */
		hc_buf_adds(out, " [");
		for (size_t i = 0; i < l->n; i++)
			hc_buf_addf(out, "%s%" PRId64, i ? ", " : "", l->v[i]);
		hc_buf_adds(out, "]\n");
		return;
	}
	case HC_F_LIST: {
		const struct hc_list *l = (const struct hc_list *)p;

		if (l->n == 0) {
			hc_buf_adds(out, " []\n");
			return;
		}
		hc_buf_addc(out, '\n');
		for (size_t i = 0; i < l->n; i++) {
			const void *el = (const char *)l->v + i * f->sub->size;

			indent(out, ind + 2);
			hc_buf_adds(out, "- ");
			if (!struct_present(f->sub, el)) {
				hc_buf_adds(out, "{}\n");
				continue;
			}
			yaml_struct(f->sub, el, off, ind + 4, true, out);
		}
		return;
	}
	case HC_F_STRUCT:
		if (!struct_present(f->sub, p)) {
			hc_buf_adds(out, " {}\n");
			return;
		}
		hc_buf_addc(out, '\n');
		yaml_struct(f->sub, p, off, ind + 2, false, out);
		return;
	default:
		assert(!"scalar handled above");
	}
}

static void yaml_struct(const struct hc_schema *s, const void *rec, int off, int ind,
			bool first_inline, struct hc_buf *out)
{
	bool first = true;

	for (size_t i = 0; i < s->nfields; i++) {
		const struct hc_field *f = &s->fields[i];

		if (!field_present(f, rec))
			continue;
		yaml_field(f, rec, off, ind, first && first_inline, out);
		first = false;
	}
}

void hc_record_encode_yaml(const struct hc_schema *s, const void *rec, int utc_offset_min,
			   struct hc_buf *out)
{
	yaml_struct(s, rec, utc_offset_min, 0, false, out);
}

/* ---- JSON ------------------------------------------------------------ */

static void json_nl(struct hc_buf *out, int indent_by, int level)
{
	if (indent_by < 0)
		return;
	hc_buf_addc(out, '\n');
	indent(out, indent_by * level);
}

static void json_struct(const struct hc_schema *s, const void *rec, int off, int ib, int level,
			struct hc_buf *out);

static void json_value(const struct hc_field *f, const void *rec, int off, int ib, int level,
		       struct hc_buf *out)
{
	struct scalar_text t;
	const char *p = FIELD_CPTR(rec, f);

	if (scalar_text(f, rec, off, &t)) {
		bool str = f->type == HC_F_STR || f->type == HC_F_TIME || f->type == HC_F_DAY ||
			   f->type == HC_F_HHMM || f->type == HC_F_MMDD || f->type == HC_F_ENUM;

		if (str)
			hc_json_quote(out, t.s);
		else
			hc_buf_adds(out, t.s);
		return;
	}
	if (f->type == HC_F_STRS) {
		const struct hc_strs *l = (const struct hc_strs *)p;

		hc_buf_addc(out, '[');
		for (size_t i = 0; i < l->n; i++) {
			if (i)
				hc_buf_addc(out, ',');
			json_nl(out, ib, level + 1);
			hc_json_quote(out, l->v[i]);
		}
		if (l->n)
			json_nl(out, ib, level);
		hc_buf_addc(out, ']');
	} else if (f->type == HC_F_INTS) {
		const struct hc_ints *l = (const struct hc_ints *)p;

		hc_buf_addc(out, '[');
		for (size_t i = 0; i < l->n; i++)
			hc_buf_addf(out, "%s%" PRId64, i ? (ib < 0 ? "," : ", ") : "", l->v[i]);
		hc_buf_addc(out, ']');
	} else if (f->type == HC_F_LIST) {
		const struct hc_list *l = (const struct hc_list *)p;

		hc_buf_addc(out, '[');
		for (size_t i = 0; i < l->n; i++) {
			if (i)
				hc_buf_addc(out, ',');
			json_nl(out, ib, level + 1);
			json_struct(f->sub, (const char *)l->v + i * f->sub->size, off, ib, level + 1,
				    out);
		}
		if (l->n)
			json_nl(out, ib, level);
		hc_buf_addc(out, ']');
	} else {
		json_struct(f->sub, p, off, ib, level, out);
	}
}

static void json_struct(const struct hc_schema *s, const void *rec, int off, int ib, int level,
			struct hc_buf *out)
{
	bool first = true;

	hc_buf_addc(out, '{');
	for (size_t i = 0; i < s->nfields; i++) {
		const struct hc_field *f = &s->fields[i];

		if (!field_present(f, rec))
			continue;
		if (!first)
			hc_buf_addc(out, ',');
		first = false;
		json_nl(out, ib, level + 1);
		hc_json_quote(out, f->name);
		hc_buf_adds(out, ib < 0 ? ":" : ": ");
		json_value(f, rec, off, ib, level + 1, out);
	}
	if (!first)
		json_nl(out, ib, level);
	hc_buf_addc(out, '}');
}

void hc_record_encode_json(const struct hc_schema *s, const void *rec, int utc_offset_min,
			   int indent_by, struct hc_buf *out)
{
	json_struct(s, rec, utc_offset_min, indent_by, 0, out);
}

/* ---- visiting leaves -------------------------------------------------- */

static void visit_struct(const struct hc_schema *s, const void *rec, int off, char *path,
			 size_t psize, hc_record_visit_fn fn, void *ctx)
{
	size_t base = strlen(path);

	for (size_t i = 0; i < s->nfields; i++) {
		const struct hc_field *f = &s->fields[i];
		const char *p = FIELD_CPTR(rec, f);
		struct scalar_text t;

		if (!field_present(f, rec))
			continue;
		snprintf(path + base, psize - base, "%s%s", base ? "." : "", f->name);
		if (scalar_text(f, rec, off, &t)) {
			fn(path, t.s, ctx);
		} else if (f->type == HC_F_STRS) {
			const struct hc_strs *l = (const struct hc_strs *)p;
			size_t b2 = strlen(path);

			for (size_t k = 0; k < l->n; k++) {
				snprintf(path + b2, psize - b2, "[%zu]", k);
				fn(path, l->v[k], ctx);
			}
		} else if (f->type == HC_F_INTS) {
			const struct hc_ints *l = (const struct hc_ints *)p;
			size_t b2 = strlen(path);

			for (size_t k = 0; k < l->n; k++) {
				snprintf(path + b2, psize - b2, "[%zu]", k);
				snprintf(t.buf, sizeof(t.buf), "%" PRId64, l->v[k]);
				fn(path, t.buf, ctx);
			}
		} else if (f->type == HC_F_LIST) {
			const struct hc_list *l = (const struct hc_list *)p;
			size_t b2 = strlen(path);

			for (size_t k = 0; k < l->n; k++) {
				snprintf(path + b2, psize - b2, "[%zu]", k);
				visit_struct(f->sub, (const char *)l->v + k * f->sub->size, off, path,
					     psize, fn, ctx);
			}
		} else {
			visit_struct(f->sub, p, off, path, psize, fn, ctx);
		}
		path[base] = '\0';
	}
}

void hc_record_visit(const struct hc_schema *s, const void *rec, int utc_offset_min,
		     hc_record_visit_fn fn, void *ctx)
{
	char path[256] = "";

	visit_struct(s, rec, utc_offset_min, path, sizeof(path), fn, ctx);
}

bool hc_record_field_text(const struct hc_schema *s, const void *rec, const char *key,
			  int utc_offset_min, struct hc_buf *out)
{
	const struct hc_field *f = hc_schema_field(s, key);
	struct scalar_text t;
	const char *p;

	hc_buf_reset(out);
	if (!f)
		return false;
	if (!field_present(f, rec))
		return true;
	p = FIELD_CPTR(rec, f);
	if (scalar_text(f, rec, utc_offset_min, &t)) {
		hc_buf_adds(out, t.s);
	} else if (f->type == HC_F_STRS) {
		const struct hc_strs *l = (const struct hc_strs *)p;

		for (size_t i = 0; i < l->n; i++) {
			if (i)
				hc_buf_addc(out, ',');
			hc_buf_adds(out, l->v[i]);
		}
	} else if (f->type == HC_F_INTS) {
		const struct hc_ints *l = (const struct hc_ints *)p;

		for (size_t i = 0; i < l->n; i++)
			hc_buf_addf(out, "%s%" PRId64, i ? "," : "", l->v[i]);
	} else if (f->type == HC_F_LIST) {
		hc_buf_addf(out, "%zu", ((const struct hc_list *)p)->n);
	}
	return true;
}

/* ---- helpers ---------------------------------------------------------- */

const struct hc_field *hc_schema_field(const struct hc_schema *s, const char *key)
{
	for (size_t i = 0; i < s->nfields; i++)
		if (strcmp(s->fields[i].name, key) == 0)
			return &s->fields[i];
	return NULL;
}

int hc_enum_index(const char *const *names, const char *name)
{
	for (int i = 0; names[i]; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

void hc_strs_push(struct hc_arena *a, struct hc_strs *l, const char *s)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 4;
		const char **v = hc_arena_alloc(a, cap * sizeof(*v));

		if (l->n)
			memcpy(v, l->v, l->n * sizeof(*v));
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = s;
}

void hc_ints_push(struct hc_arena *a, struct hc_ints *l, int64_t v)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 4;
		int64_t *nv = hc_arena_alloc(a, cap * sizeof(*nv));

		if (l->n)
			memcpy(nv, l->v, l->n * sizeof(*nv));
		l->v = nv;
		l->cap = cap;
	}
	l->v[l->n++] = v;
}

bool hc_ints_has(const struct hc_ints *l, int64_t v)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i] == v)
			return true;
	return false;
}

bool hc_strs_has(const struct hc_strs *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

void *hc_list_push(struct hc_arena *a, struct hc_list *l, const struct hc_schema *s)
{
	void *el;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 4;
		void *v = hc_arena_alloc(a, cap * s->size);

		if (l->n)
			memcpy(v, l->v, l->n * s->size);
		l->v = v;
		l->cap = cap;
	}
	el = (char *)l->v + l->n * s->size;
	l->n++;
	hc_record_init(s, el);
	return el;
}
