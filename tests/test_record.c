/*
 * test_record.c - unit tests for lib/record.c: decoding YAML into typed
 * records by field tables, deterministic YAML and JSON encoding, checks of
 * built records, visiting and the list helpers.
 *
 * The server and customer schemas are the real ones; a local "kitchen sink"
 * schema covers the field types those two do not use (decimal, MM-DD,
 * integer lists, embedded structs, CIDR, an integer without a range).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostctl/customer.h"
#include "hostctl/record.h"
#include "hostctl/server.h"

#define PATH "servers/0f8fad5b-d9cb-469f-a165-70867728950e.yaml"
#define JST 540

/* ---- canonical records ---------------------------------------------------- */

static const char canonical_server[] =
	"id: 0f8fad5b-d9cb-469f-a165-70867728950e\n"
	"customer: acme\n"
	"profile: clara-jp6\n"
	"plan: s1\n"
	"os: debian-12\n"
	"region: tokyo\n"
	"hostname: web1.example.jp\n"
	"status: cancel-pending\n"
	"environment: development\n"
	"options:\n"
	"  - backup\n"
	"  - monitoring\n"
	"global_ips:\n"
	"  - 192.0.2.10\n"
	"  - 192.0.2.11\n"
	"private_ip: 10.0.0.5\n"
	"os_disk_gb: 100\n"
	"disk_added_gb: 0\n"
	"disks:\n"
	"  - kind: block-storage\n"
	"    size_gb: 200\n"
	"    iops_per_gb: 10\n"
	"    added_at: 2026-11-21T10:00:00+09:00\n"
	"  - kind: disk\n"
	"    size_gb: 50\n"
	"domains:\n"
	"  - name: example.jp\n"
	"    pattern: A\n"
	"    ready: true\n"
	"    test_domain: ex1.test.example.net\n"
	"    options:\n"
	"      - ssl\n"
	"      - waf\n"
	"  - name: shop.example.jp\n"
	"    pattern: ready\n"
	"    web_elsewhere: true\n"
	"    mail_elsewhere: true\n"
	"backups:\n"
	"  - policy: daily\n"
	"    domain: example.jp\n"
	"    path: /backup/example.jp\n"
	"    window_from: \"02:00\"\n"
	"    window_to: \"24:00\"\n"
	"    generations: 7\n"
	"firewall:\n"
	"  - port: 22\n"
	"    sources:\n"
	"      - 203.0.113.0/24\n"
	"      - 198.51.100.7\n"
	"  - port: 443\n"
	"network: disconnected\n"
	"power: \"off\"\n"
	"ordered_at: 2026-11-01T09:30:00+09:00\n"
	"accepted_at: 2026-11-02T10:00:00+09:00\n"
	"settings_submitted_at: 2026-11-03T11:15:30+09:00\n"
	"ready_by: 2026-11-20\n"
	"ready_at: 2026-11-19T18:00:00+09:00\n"
	"activated_at: 2026-11-19T18:05:00+09:00\n"
	"cancel_filed_at: 2026-11-25T09:00:00+09:00\n"
	"cancel_effective: 2026-12-31\n"
	"cancelled_at: 2026-12-31T23:59:59+09:00\n"
	"note: \"first line\\nsecond: line \\\"quoted\\\"\\n\"\n";

static const char canonical_customer[] =
	"id: acme\n"
	"name: ACME 株式会社\n"
	"contract_email: keiyaku@acme.example.jp\n"
	"monitoring_email: noc@acme.example.jp\n"
	"emergency_phone: \"+81 3-1234-5678\"\n"
	"contacts:\n"
	"  - id: tanaka\n"
	"    name: 田中 太郎\n"
	"    phone: 090-1234-5678\n"
	"    email: tanaka@acme.example.jp\n"
	"  - id: suzuki\n"
	"    name: \"Suzuki \\\"Jr\\\"\"\n";

/* The smallest valid server: the required keys, one per line (1..9). */
static const char *const base_keys[] = {
	"id", "customer", "profile", "plan", "os", "region", "hostname", "status", "ordered_at",
};
static const char *const base_values[] = {
	"0f8fad5b-d9cb-469f-a165-70867728950e", "acme", "clara-jp6", "s1", "debian-12", "tokyo",
	"web1.example.jp", "active", "2026-11-01T09:30:00+09:00",
};
#define NBASE (sizeof(base_keys) / sizeof(base_keys[0]))

/* The minimal server with key set to value (in place when it is a base key,
 * else appended as line 10); value "" writes "key:"; value NULL leaves the
 * key out. */
static void server_doc(struct hc_buf *b, const char *key, const char *value)
{
	bool placed = false;

	hc_buf_reset(b);
	for (size_t i = 0; i < NBASE; i++) {
		const char *v = base_values[i];

		if (key && strcmp(key, base_keys[i]) == 0) {
			placed = true;
			v = value;
			if (!v)
				continue;
		}
		hc_buf_addf(b, "%s:%s%s\n", base_keys[i], *v ? " " : "", v);
	}
	if (key && !placed && value)
		hc_buf_addf(b, "%s:%s%s\n", key, *value ? " " : "", value);
}

/* ---- helpers ------------------------------------------------------------ */

struct decoded {
	struct hc_arena a;
	struct hc_error err;
	int rc;
};

static int decode(struct decoded *d, const struct hc_schema *s, const char *text, size_t len,
		  void *rec)
{
	hc_arena_init(&d->a);
	memset(&d->err, 0, sizeof(d->err));
	d->rc = hc_record_parse(s, text, len, rec, &d->a, PATH, &d->err);
	return d->rc;
}

static void must_decode(struct decoded *d, const struct hc_schema *s, const char *text, void *rec)
{
	if (decode(d, s, text, strlen(text), rec) != HC_OK)
		fail_msg("decode: rc %d at %d:%d field '%s': %s", d->rc, d->err.line, d->err.col,
			 d->err.field, d->err.msg);
}

static void must_refuse(const struct hc_schema *s, const char *text, int line, int col,
			const char *field, const char *msg)
{
	struct decoded d;
	void *rec = calloc(1, s->size);
	bool ok;

	decode(&d, s, text, strlen(text), rec);
	ok = d.rc == HC_EINVALID && d.err.line == line && d.err.col == col &&
	     strcmp(d.err.field, field) == 0 && strstr(d.err.msg, msg) != NULL &&
	     strcmp(d.err.path, PATH) == 0;
	if (!ok)
		print_error("document:\n%s---\ngot rc %d at %d:%d field '%s': %s\n"
			    "want rc %d at %d:%d field '%s' containing '%s'\n",
			    text, d.rc, d.err.line, d.err.col, d.err.field, d.err.msg, HC_EINVALID, line,
			    col, field, msg);
	hc_arena_release(&d.a);
	free(rec);
	if (!ok)
		fail();
}

static void yaml_of(const struct hc_schema *s, const void *rec, int off, struct hc_buf *out)
{
	hc_buf_reset(out);
	hc_record_encode_yaml(s, rec, off, out);
}

/* ---- decode and encode: determinism ------------------------------------------ */

static void test_server_canonical_round_trip(void **state)
{
	struct hc_server srv;
	struct decoded d;
	struct hc_buf out = HC_BUF_INIT, again = HC_BUF_INIT;

	(void)state;
	must_decode(&d, &hc_server_schema, canonical_server, &srv);
	assert_string_equal(srv.id, "0f8fad5b-d9cb-469f-a165-70867728950e");
	assert_int_equal(srv.status, HC_SRV_CANCEL_PENDING);
	assert_int_equal(srv.environment, HC_ENV_DEVELOPMENT);
	assert_int_equal(srv.power, HC_POWER_OFF);
	assert_int_equal(srv.network, HC_NET_DISCONNECTED);
	assert_int_equal(srv.options.n, 2);
	assert_string_equal(srv.options.v[1], "monitoring");
	assert_int_equal(srv.os_disk_gb, 100);
	assert_int_equal(srv.disk_added_gb, 0);
	assert_int_equal(srv.disks.n, 2);
	assert_int_equal(HC_LIST_AT(srv.disks, struct hc_server_disk, 1)->iops_per_gb, HC_INT_NONE);
	assert_int_equal(HC_LIST_AT(srv.disks, struct hc_server_disk, 1)->added_at, HC_TIME_NONE);
	assert_int_equal(srv.domains.n, 2);
	assert_true(HC_LIST_AT(srv.domains, struct hc_server_domain, 0)->ready);
	assert_false(HC_LIST_AT(srv.domains, struct hc_server_domain, 1)->ready);
	assert_string_equal(HC_LIST_AT(srv.domains, struct hc_server_domain, 0)->options.v[1], "waf");
	assert_int_equal(HC_LIST_AT(srv.backups, struct hc_server_backup, 0)->window_from, 120);
	assert_int_equal(HC_LIST_AT(srv.backups, struct hc_server_backup, 0)->window_to, 1440);
	assert_int_equal(HC_LIST_AT(srv.firewall, struct hc_firewall_rule, 1)->sources.n, 0);
	assert_int_equal(srv.ordered_at, 1793493000);      /* 2026-11-01T00:30:00Z */
	assert_int_equal(srv.ready_by, hc_day_make(2026, 11, 20));
	assert_string_equal(srv.note, "first line\nsecond: line \"quoted\"\n");

	/* Byte-identical, twice. */
	yaml_of(&hc_server_schema, &srv, JST, &out);
	assert_string_equal(out.p, canonical_server);
	yaml_of(&hc_server_schema, &srv, JST, &again);
	assert_string_equal(again.p, out.p);
	hc_buf_release(&out);
	hc_buf_release(&again);
	hc_arena_release(&d.a);
}

static void test_customer_canonical_round_trip(void **state)
{
	struct hc_customer c;
	struct decoded d;
	struct hc_buf out = HC_BUF_INIT;

	(void)state;
	must_decode(&d, &hc_customer_schema, canonical_customer, &c);
	assert_string_equal(c.name, "ACME 株式会社");
	assert_int_equal(c.contacts.n, 2);
	assert_string_equal(hc_customer_contact(&c, "suzuki")->name, "Suzuki \"Jr\"");
	assert_null(hc_customer_contact(&c, "sato"));
	assert_null(HC_LIST_AT(c.contacts, struct hc_contact, 1)->phone);
	yaml_of(&hc_customer_schema, &c, JST, &out);
	assert_string_equal(out.p, canonical_customer);
	hc_buf_release(&out);
	hc_arena_release(&d.a);
}

/* Input in any order, in flow style, with quoting the writer would not use:
 * the output is the canonical text. */
static void test_schema_order_and_normal_form(void **state)
{
	static const char shuffled_customer[] =
		"contacts:\n"
		"  - {name: '田中 太郎', email: \"tanaka@acme.example.jp\", id: tanaka,\n"
		"     phone: \"090-1234-5678\"}\n"
		"  - name: 'Suzuki \"Jr\"'\n"
		"    id: \"suzuki\"\n"
		"emergency_phone: +81 3-1234-5678\n"
		"monitoring_email: noc@acme.example.jp\n"
		"name: \"ACME 株式会社\"\n"
		"id: 'acme'\n"
		"contract_email: keiyaku@acme.example.jp\n";
	static const char shuffled_server_tail[] =
		"note: \"first line\\nsecond: line \\\"quoted\\\"\\n\"\n"
		"cancelled_at: 2026-12-31T14:59:59Z\n"
		"cancel_effective: '2026-12-31'\n"
		"cancel_filed_at: 2026-11-25 00:00:00+00:00\n"
		"activated_at: 2026-11-19t09:05:00.999z\n"
		"ready_at: 2026-11-19T18:00:00+09:00\n"
		"ready_by: 2026-11-20\n"
		"settings_submitted_at: 2026-11-03T02:15:30Z\n"
		"accepted_at: 2026-11-02T01:00:00Z\n"
		"ordered_at: 2026-11-01T00:30:00Z\n"
		"power: off\n"
		"network: disconnected\n"
		"firewall: [{sources: [203.0.113.0/24, 198.51.100.7], port: 22}, {port: 443}]\n"
		"backups:\n"
		"- generations: 7\n"
		"  window_to: 24:00\n"
		"  window_from: 02:00\n"
		"  path: /backup/example.jp\n"
		"  domain: example.jp\n"
		"  policy: daily\n"
		"domains:\n"
		"- {mail_elsewhere: true, web_elsewhere: true, pattern: ready, name: shop.example.jp}\n"
		"- options: [ssl, waf]\n"
		"  test_domain: ex1.test.example.net\n"
		"  ready: true\n"
		"  pattern: A\n"
		"  name: example.jp\n"
		"disks:\n"
		"- {size_gb: 200, kind: block-storage, added_at: 2026-11-21T01:00:00Z, iops_per_gb: 10}\n"
		"- {size_gb: 50, kind: disk}\n"
		"disk_added_gb: 0\n"
		"os_disk_gb: +100\n"
		"private_ip: 10.0.0.5\n"
		"global_ips: [192.0.2.10, 192.0.2.11]\n"
		"options: [backup, monitoring]\n"
		"environment: development\n"
		"status: cancel-pending\n"
		"hostname: web1.example.jp\n"
		"region: tokyo\n"
		"os: debian-12\n"
		"plan: s1\n"
		"profile: clara-jp6\n"
		"customer: acme\n"
		"id: 0f8fad5b-d9cb-469f-a165-70867728950e\n";
	struct hc_customer c;
	struct hc_server srv;
	struct decoded d;
	struct hc_buf out = HC_BUF_INIT;

	(void)state;
	must_decode(&d, &hc_customer_schema, shuffled_customer, &c);
	yaml_of(&hc_customer_schema, &c, JST, &out);
	assert_string_equal(out.p, canonical_customer);
	hc_arena_release(&d.a);

	must_decode(&d, &hc_server_schema, shuffled_server_tail, &srv);
	yaml_of(&hc_server_schema, &srv, JST, &out);
	/* The domains came in the other order: lists keep their order. */
	{
		struct hc_server want;
		struct decoded d2;
		struct hc_buf wb = HC_BUF_INIT;
		struct hc_list tmp;

		must_decode(&d2, &hc_server_schema, canonical_server, &want);
		tmp = want.domains;
		{
			/* swap the two domains of the canonical record */
			struct hc_server_domain *x = HC_LIST_AT(tmp, struct hc_server_domain, 0);
			struct hc_server_domain *y = HC_LIST_AT(tmp, struct hc_server_domain, 1);
			struct hc_server_domain t = *x;

			*x = *y;
			*y = t;
		}
		yaml_of(&hc_server_schema, &want, JST, &wb);
		assert_string_equal(out.p, wb.p);
		hc_buf_release(&wb);
		hc_arena_release(&d2.a);
	}
	hc_buf_release(&out);
	hc_arena_release(&d.a);
}

static void test_times_written_at_offset(void **state)
{
	struct hc_server srv;
	struct decoded d;
	struct hc_buf out = HC_BUF_INIT;

	(void)state;
	must_decode(&d, &hc_server_schema, canonical_server, &srv);
	yaml_of(&hc_server_schema, &srv, 0, &out);
	assert_non_null(strstr(out.p, "ordered_at: 2026-11-01T00:30:00+00:00\n"));
	assert_non_null(strstr(out.p, "cancelled_at: 2026-12-31T14:59:59+00:00\n"));
	/* Days are civil dates: no offset applies. */
	assert_non_null(strstr(out.p, "ready_by: 2026-11-20\n"));
	yaml_of(&hc_server_schema, &srv, -300, &out);
	assert_non_null(strstr(out.p, "ordered_at: 2026-10-31T19:30:00-05:00\n"));
	hc_buf_release(&out);
	hc_arena_release(&d.a);
}

static void test_optional_absent_and_minimal(void **state)
{
	struct hc_server srv;
	struct decoded d;
	struct hc_buf doc = HC_BUF_INIT, out = HC_BUF_INIT;

	(void)state;
	server_doc(&doc, NULL, NULL);
	must_decode(&d, &hc_server_schema, doc.p, &srv);
	assert_int_equal(srv.environment, -1);
	assert_int_equal(srv.power, -1);
	assert_int_equal(srv.os_disk_gb, HC_INT_NONE);
	assert_int_equal(srv.ready_by, HC_DAY_NONE);
	assert_int_equal(srv.accepted_at, HC_TIME_NONE);
	assert_null(srv.private_ip);
	assert_null(srv.note);
	assert_int_equal(srv.domains.n, 0);
	yaml_of(&hc_server_schema, &srv, JST, &out);
	assert_string_equal(out.p, doc.p);
	hc_arena_release(&d.a);

	/* Empty optional lists and false booleans are not written. */
	hc_buf_adds(&doc, "options: []\ndomains:\n  - name: a.jp\n    pattern: A\n    ready: false\n");
	must_decode(&d, &hc_server_schema, doc.p, &srv);
	yaml_of(&hc_server_schema, &srv, JST, &out);
	assert_string_equal(out.p,
			    "id: 0f8fad5b-d9cb-469f-a165-70867728950e\n"
			    "customer: acme\n"
			    "profile: clara-jp6\n"
			    "plan: s1\n"
			    "os: debian-12\n"
			    "region: tokyo\n"
			    "hostname: web1.example.jp\n"
			    "status: active\n"
			    "domains:\n"
			    "  - name: a.jp\n"
			    "    pattern: A\n"
			    "ordered_at: 2026-11-01T09:30:00+09:00\n");
	hc_arena_release(&d.a);
	hc_buf_release(&doc);
	hc_buf_release(&out);
}

/* ---- decode errors -------------------------------------------------------- */

struct bad {
	const char *key, *value;
	int line, col;
	const char *field, *msg;
};

static void run_bad(const struct bad *cases, size_t n)
{
	struct hc_buf doc = HC_BUF_INIT;

	for (size_t i = 0; i < n; i++) {
		server_doc(&doc, cases[i].key, cases[i].value);
		must_refuse(&hc_server_schema, doc.p, cases[i].line, cases[i].col, cases[i].field,
			    cases[i].msg);
	}
	hc_buf_release(&doc);
}

static void test_wrong_types(void **state)
{
	static const struct bad cases[] = {
		/* string given other kinds */
		{ "customer", "123", 2, 11, "customer", "expected a string, got an integer" },
		{ "customer", "true", 2, 11, "customer", "expected a string, got a boolean" },
		{ "customer", "~", 2, 11, "customer", "expected a string, got null" },
		{ "customer", "", 2, 10, "customer", "expected a string, got null" },
		{ "customer", "1.5", 2, 11, "customer", "expected a string, got a number" },
		{ "customer", "[acme]", 2, 11, "customer", "expected a string, got a list" },
		{ "customer", "{a: b}", 2, 11, "customer", "expected a string, got a mapping" },
		{ "note", "[a]", 10, 7, "note", "expected a string, got a list" },
		/* integer given other kinds */
		{ "os_disk_gb", "\"100\"", 10, 13, "os_disk_gb", "expected a decimal integer, got a string" },
		{ "os_disk_gb", "'100'", 10, 13, "os_disk_gb", "expected a decimal integer, got a string" },
		{ "os_disk_gb", "1.5", 10, 13, "os_disk_gb", "expected a decimal integer, got a number" },
		{ "os_disk_gb", "1e3", 10, 13, "os_disk_gb", "expected a decimal integer, got a number" },
		{ "os_disk_gb", "0x10", 10, 13, "os_disk_gb", "expected a decimal integer" },
		{ "os_disk_gb", "0o17", 10, 13, "os_disk_gb", "expected a decimal integer" },
		{ "os_disk_gb", "true", 10, 13, "os_disk_gb", "expected a decimal integer, got a boolean" },
		{ "os_disk_gb", "", 10, 12, "os_disk_gb", "expected a decimal integer, got null" },
		{ "os_disk_gb", "[1]", 10, 13, "os_disk_gb", "expected a decimal integer, got a list" },
		{ "os_disk_gb", "99999999999999999999", 10, 13, "os_disk_gb", "expected a decimal integer" },
		{ "os_disk_gb", "0", 10, 13, "os_disk_gb", "0 is out of range 1..100000000" },
		{ "os_disk_gb", "-5", 10, 13, "os_disk_gb", "-5 is out of range 1..100000000" },
		{ "os_disk_gb", "100000001", 10, 13, "os_disk_gb", "is out of range" },
		/* boolean */
		{ "domains", "[{name: example.jp, pattern: A, ready: yes}]", 10, 49, "domains[0].ready",
		  "expected true or false, got a string" },
		{ "domains", "[{name: example.jp, pattern: A, ready: 1}]", 10, 49, "domains[0].ready",
		  "expected true or false, got an integer" },
		{ "domains", "[{name: example.jp, pattern: A, ready: \"true\"}]", 10, 49,
		  "domains[0].ready", "expected true or false, got a string" },
		/* time and day */
		{ "ordered_at", "2026-02-30T10:00:00+09:00", 9, 13, "ordered_at",
		  "expected an RFC 3339 date-time with offset, got '2026-02-30T10:00:00+09:00'" },
		{ "ordered_at", "2026-11-01", 9, 13, "ordered_at", "expected an RFC 3339 date-time" },
		{ "ordered_at", "2026-11-01T09:30:00", 9, 13, "ordered_at", "expected an RFC 3339 date-time" },
		{ "ordered_at", "2026-11-01T24:00:00+09:00", 9, 13, "ordered_at", "expected an RFC 3339" },
		{ "ordered_at", "1793493000", 9, 13, "ordered_at", "got an integer" },
		{ "ordered_at", "", 9, 12, "ordered_at", "got null" },
		{ "ready_by", "2026-13-01", 10, 11, "ready_by", "expected a date (YYYY-MM-DD), got '2026-13-01'" },
		{ "ready_by", "2026-02-29", 10, 11, "ready_by", "expected a date (YYYY-MM-DD)" },
		{ "ready_by", "2026-11-21T00:00:00Z", 10, 11, "ready_by", "expected a date (YYYY-MM-DD)" },
		{ "ready_by", "20261121", 10, 11, "ready_by", "expected a date (YYYY-MM-DD), got an integer" },
		/* enums: the message lists what is allowed */
		{ "status", "running", 8, 9, "status",
		  "'running' is not one of: ordered, active, cancel-pending, cancelled" },
		{ "status", "Active", 8, 9, "status", "'Active' is not one of: ordered, active" },
		{ "status", "1", 8, 9, "status", "expected a string, got an integer" },
		{ "status", "", 8, 8, "status", "got null" },
		{ "power", "true", 10, 8, "power", "expected a string, got a boolean" },
		{ "power", "\"standby\"", 10, 8, "power", "'standby' is not one of: on, off" },
		{ "environment", "prod", 10, 14, "environment",
		  "'prod' is not one of: production, development, evaluation" },
		/* lists */
		{ "global_ips", "192.0.2.1", 10, 13, "global_ips", "expected a list, got a string" },
		{ "options", "{a: 1}", 10, 10, "options", "expected a list, got a mapping" },
		{ "domains", "{name: example.jp}", 10, 10, "domains", "expected a list, got a mapping" },
		{ "domains", "[example.jp]", 10, 11, "domains[0]", "expected a mapping, got a string" },
		{ "disks", "[{kind: disk, size_gb: 10, added_at: 2026-11-31T00:00:00Z}]", 10, 45,
		  "disks[0].added_at", "expected an RFC 3339 date-time" },
		{ "firewall", "[{port: 70000}]", 10, 19, "firewall[0].port", "70000 is out of range 1..65535" },
		{ "firewall", "[{port: 22, sources: 1.2.3.4}]", 10, 32, "firewall[0].sources",
		  "expected a list, got a string" },
		{ "backups", "[{policy: daily, window_from: \"25:00\"}]", 10, 40, "backups[0].window_from",
		  "expected a time of day (HH:MM), got '25:00'" },
		{ "backups", "[{policy: daily, window_to: 1000}]", 10, 38, "backups[0].window_to",
		  "got an integer" },
		{ "backups", "[{policy: daily, window_to: \"24:01\"}]", 10, 38, "backups[0].window_to",
		  "expected a time of day (HH:MM)" },
		{ "backups", "[{policy: daily, generations: 0}]", 10, 40, "backups[0].generations",
		  "0 is out of range 1..10000" },
	};

	(void)state;
	run_bad(cases, sizeof(cases) / sizeof(cases[0]));
}

static void test_string_checks(void **state)
{
	static const struct bad cases[] = {
		/* uuid */
		{ "id", "0F8FAD5B-D9CB-469F-A165-70867728950E", 1, 5, "id", "expected a lowercase UUID" },
		{ "id", "0f8fad5b-d9cb-469f-a165-70867728950", 1, 5, "id", "expected a lowercase UUID" },
		{ "id", "0f8fad5b-d9cb-469f-a165-70867728950e0", 1, 5, "id", "expected a lowercase UUID" },
		{ "id", "0f8fad5b_d9cb-469f-a165-70867728950e", 1, 5, "id", "expected a lowercase UUID" },
		{ "id", "0f8fad5b-d9cb-469f-a165-70867728950g", 1, 5, "id", "expected a lowercase UUID" },
		{ "id", "0f8fad5bd9cb-469f-a165-70867728950e-", 1, 5, "id", "expected a lowercase UUID" },
		{ "id", "{0f8fad5b-d9cb-469f-a165-70867728950e}", 1, 5, "id", "expected a string, got a mapping" },
		/* names that become paths */
		{ "customer", "\"Acme Corp\"", 2, 11, "customer", "expected a name" },
		{ "customer", "../etc", 2, 11, "customer", "expected a name" },
		{ "customer", "a/b", 2, 11, "customer", "expected a name" },
		{ "customer", "a..b", 2, 11, "customer", "expected a name" },
		{ "customer", "\"-acme\"", 2, 11, "customer", "expected a name" },
		{ "customer", "\"\"", 2, 11, "customer", "expected a name" },
		/* ipv4 */
		{ "global_ips", "[192.0.2.1, 256.0.0.1]", 10, 25, "global_ips[1]",
		  "expected an IPv4 address, got '256.0.0.1'" },
		{ "global_ips", "[01.2.3.4]", 10, 14, "global_ips[0]", "expected an IPv4 address" },
		{ "global_ips", "[1.2.3]", 10, 14, "global_ips[0]", "expected an IPv4 address" },
		{ "global_ips", "[1.2.3.4.5]", 10, 14, "global_ips[0]", "expected an IPv4 address" },
		{ "global_ips", "[1.2.3.4/32]", 10, 14, "global_ips[0]", "expected an IPv4 address" },
		{ "global_ips", "[' 1.2.3.4']", 10, 14, "global_ips[0]", "expected an IPv4 address" },
		{ "global_ips", "[1.2.3.1000]", 10, 14, "global_ips[0]", "expected an IPv4 address" },
		{ "private_ip", "10.0.0", 10, 13, "private_ip", "expected an IPv4 address" },
		{ "private_ip", "\"::1\"", 10, 13, "private_ip", "expected an IPv4 address" },
		/* domain */
		{ "hostname", "Web1.example.jp", 7, 11, "hostname", "expected a lowercase DNS name" },
		{ "hostname", "-web.example.jp", 7, 11, "hostname", "expected a lowercase DNS name" },
		{ "hostname", "web-.example.jp", 7, 11, "hostname", "expected a lowercase DNS name" },
		{ "hostname", "web..example.jp", 7, 11, "hostname", "expected a lowercase DNS name" },
		{ "hostname", "example.jp.", 7, 11, "hostname", "expected a lowercase DNS name" },
		{ "hostname", ".example.jp", 7, 11, "hostname", "expected a lowercase DNS name" },
		{ "hostname", "\"web 1.example.jp\"", 7, 11, "hostname", "expected a lowercase DNS name" },
		{ "hostname", "ウェブ.example.jp", 7, 11, "hostname", "expected a lowercase DNS name" },
		{ "hostname", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.jp", 7, 11,
		  "hostname", "expected a lowercase DNS name" },
		/* one line of text, no control characters */
		{ "region", "\"a\\tb\"", 6, 9, "region", "expected a name" },
		{ "note", "\"bell\\a\"", 10, 7, "note", "expected text without control characters" },
		{ "note", "\"del\\x7f\"", 10, 7, "note", "expected text without control characters" },
		/* names in lists */
		{ "options", "[backup, \"bad name\"]", 10, 19, "options[1]", "expected a name" },
	};
	struct hc_buf doc = HC_BUF_INIT;
	struct hc_server srv;
	struct decoded d;

	(void)state;
	run_bad(cases, sizeof(cases) / sizeof(cases[0]));

	/* The longest label (63) and a long name are fine; text may hold
	 * newlines and tabs. */
	server_doc(&doc, "hostname",
		   "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example.jp");
	must_decode(&d, &hc_server_schema, doc.p, &srv);
	hc_arena_release(&d.a);
	server_doc(&doc, "note", "\"a\\tb\\nc\"");
	must_decode(&d, &hc_server_schema, doc.p, &srv);
	assert_string_equal(srv.note, "a\tb\nc");
	hc_arena_release(&d.a);
	hc_buf_release(&doc);

	/* The checks on their own. */
	assert_true(hc_check_string(HC_CHK_UUID, "0f8fad5b-d9cb-469f-a165-70867728950e"));
	assert_false(hc_check_string(HC_CHK_UUID, ""));
	assert_true(hc_check_string(HC_CHK_IPV4, "0.0.0.0"));
	assert_true(hc_check_string(HC_CHK_IPV4, "255.255.255.255"));
	assert_false(hc_check_string(HC_CHK_IPV4, "255.255.255.256"));
	assert_false(hc_check_string(HC_CHK_IPV4, "1.2.3.4 "));
	assert_false(hc_check_string(HC_CHK_IPV4, "1..3.4"));
	assert_true(hc_check_string(HC_CHK_CIDR, "10.0.0.0/8"));
	assert_true(hc_check_string(HC_CHK_CIDR, "0.0.0.0/0"));
	assert_false(hc_check_string(HC_CHK_CIDR, "10.0.0.0/33"));
	assert_false(hc_check_string(HC_CHK_CIDR, "10.0.0.0/"));
	assert_false(hc_check_string(HC_CHK_CIDR, "10.0.0.0"));
	assert_false(hc_check_string(HC_CHK_CIDR, "10.0.0.0/008"));
	assert_true(hc_check_string(HC_CHK_DOMAIN, "xn--eckwd4c7c.jp"));
	assert_true(hc_check_string(HC_CHK_DOMAIN, "localhost"));
	assert_false(hc_check_string(HC_CHK_DOMAIN, ""));
	assert_true(hc_check_string(HC_CHK_EMAIL, "a.b+c@example.co.jp"));
	assert_false(hc_check_string(HC_CHK_EMAIL, "a@b"));
	assert_false(hc_check_string(HC_CHK_EMAIL, "@example.jp"));
	assert_false(hc_check_string(HC_CHK_EMAIL, "a@@example.jp"));
	assert_false(hc_check_string(HC_CHK_EMAIL, "a b@example.jp"));
	assert_false(hc_check_string(HC_CHK_EMAIL, "<a>@example.jp"));
	/* The domain part is case-insensitive (RFC 5321 §2.4). */
	assert_true(hc_check_string(HC_CHK_EMAIL, "a@Example.JP"));
	assert_false(hc_check_string(HC_CHK_EMAIL, "a@example.jp\n"));
	assert_true(hc_check_string(HC_CHK_PHONE, "+81 (3) 1234-5678"));
	assert_false(hc_check_string(HC_CHK_PHONE, "12"));
	assert_false(hc_check_string(HC_CHK_PHONE, "call me"));
	assert_false(hc_check_string(HC_CHK_PHONE, "123456789012345678901"));
	assert_true(hc_check_string(HC_CHK_NONE, "日本語 text"));
	assert_false(hc_check_string(HC_CHK_NONE, "two\nlines"));
	assert_false(hc_check_string(HC_CHK_NONE, "bad \xff utf-8"));
	assert_false(hc_check_string(HC_CHK_TEXT, "bad \xc0\xaf overlong"));
	assert_true(hc_check_string(HC_CHK_TEXT, "two\nlines\tand tab"));
	assert_false(hc_check_string(HC_CHK_TEXT, "cr\r"));
	{
		char *longs = malloc(4098);

		memset(longs, 'a', 4097);
		longs[4097] = '\0';
		assert_false(hc_check_string(HC_CHK_NONE, longs));
		assert_true(hc_check_string(HC_CHK_TEXT, longs));
		longs[4096] = '\0';
		assert_true(hc_check_string(HC_CHK_NONE, longs));
		free(longs);
	}
	assert_non_null(strstr(hc_check_describe(HC_CHK_EMAIL), "e-mail"));
}

static void test_control_bytes_everywhere(void **state)
{
	/* Every ASCII byte at every offset of strings that span several
	 * 8-byte words, against the rule: below 0x20 or 0x7f is refused,
	 * except tab and line feed in text. Multibyte UTF-8 passes. */
	char s[24];

	(void)state;
	for (size_t len = 1; len < sizeof(s); len++) {
		for (size_t at = 0; at < len; at++) {
			for (int c = 1; c < 0x80; c++) {
				bool ctl = c < 0x20 || c == 0x7f;
				bool text_ok = !ctl || c == '\n' || c == '\t';

				memset(s, 'a', len);
				s[len] = '\0';
				s[at] = (char)c;
				if (hc_check_string(HC_CHK_NONE, s) != !ctl)
					fail_msg("byte 0x%02x at %zu of %zu (none)", c, at, len);
				if (hc_check_string(HC_CHK_TEXT, s) != text_ok)
					fail_msg("byte 0x%02x at %zu of %zu (text)", c, at, len);
			}
			if (at + 2 <= len) {
				memset(s, 'a', len);
				s[len] = '\0';
				s[at] = (char)0xc3, s[at + 1] = (char)0xa9;     /* é */
				assert_true(hc_check_string(HC_CHK_NONE, s));
			}
		}
	}
}

static void test_customer_checks(void **state)
{
	static const char head[] = "id: acme\nname: ACME\n";
	static const struct {
		const char *tail;
		int line, col;
		const char *field, *msg;
	} cases[] = {
		{ "contract_email: a@b\n", 3, 17, "contract_email", "expected an e-mail address, got 'a@b'" },
		{ "contract_email: \"a b@c.jp\"\n", 3, 17, "contract_email", "expected an e-mail address" },
		{ "monitoring_email: [noc@acme.example.jp]\n", 3, 19, "monitoring_email",
		  "expected a string, got a list" },
		{ "emergency_phone: call-me\n", 3, 18, "emergency_phone", "expected a telephone number" },
		{ "emergency_phone: 110\n", 3, 18, "emergency_phone", "expected a string, got an integer" },
		{ "contacts:\n  - id: a\n    name: A\n  - id: b\n    name: B\n    email: b@\n", 8, 12,
		  "contacts[1].email", "expected an e-mail address" },
		{ "contacts:\n  - id: a\n  - id: b\n    name: B\n", 4, 5, "contacts[0]",
		  "missing required key 'name' in contact" },
		{ "contacts:\n  - id: a\n    name: A\n    fax: 03-1234-5678\n", 6, 5, "contacts[0]",
		  "unknown key 'fax' in contact" },
		{ "contacts:\n  - id: a b\n    name: A\n", 4, 9, "contacts[0].id", "expected a name" },
		{ "contacts: []\nzip: 1000001\n", 4, 1, "", "unknown key 'zip' in customer" },
	};
	struct hc_buf doc = HC_BUF_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		hc_buf_reset(&doc);
		hc_buf_adds(&doc, head);
		hc_buf_adds(&doc, cases[i].tail);
		must_refuse(&hc_customer_schema, doc.p, cases[i].line, cases[i].col, cases[i].field,
			    cases[i].msg);
	}
	must_refuse(&hc_customer_schema, "name: ACME\n", 1, 1, "", "missing required key 'id' in customer");
	hc_buf_release(&doc);
}

static void test_unknown_and_missing_keys(void **state)
{
	struct hc_buf doc = HC_BUF_INIT;

	(void)state;
	/* Unknown key: at the key, named in the message. */
	server_doc(&doc, "colour", "blue");
	must_refuse(&hc_server_schema, doc.p, 10, 1, "", "unknown key 'colour' in server");
	server_doc(&doc, "Status", "active");
	must_refuse(&hc_server_schema, doc.p, 10, 1, "", "unknown key 'Status' in server");
	server_doc(&doc, "domains", "\n  - name: a.jp\n    pattern: A\n    colour: red");
	must_refuse(&hc_server_schema, doc.p, 13, 5, "domains[0]", "unknown key 'colour' in server.domains");
	server_doc(&doc, "domains", "[{name: example.jp, pattern: A, colour: red}]");
	must_refuse(&hc_server_schema, doc.p, 10, 42, "domains[0]", "unknown key 'colour'");
	server_doc(&doc, "\"\"", "x");
	must_refuse(&hc_server_schema, doc.p, 10, 1, "", "unknown key '' in server");

	/* Missing required key: at the mapping that lacks it. */
	server_doc(&doc, "status", NULL);
	must_refuse(&hc_server_schema, doc.p, 1, 1, "", "missing required key 'status' in server");
	server_doc(&doc, "id", NULL);
	must_refuse(&hc_server_schema, doc.p, 1, 1, "", "missing required key 'id' in server");
	server_doc(&doc, "domains", "\n  - name: a.jp\n    pattern: A\n  - name: b.jp\n    ready: true");
	must_refuse(&hc_server_schema, doc.p, 13, 5, "domains[1]",
		    "missing required key 'pattern' in server.domains");
	server_doc(&doc, "domains", "[{name: a.jp, pattern: A}, {}]");
	must_refuse(&hc_server_schema, doc.p, 10, 37, "domains[1]", "missing required key 'name'");
	server_doc(&doc, "firewall", "\n  - sources: [1.2.3.4]");
	must_refuse(&hc_server_schema, doc.p, 11, 5, "firewall[0]", "missing required key 'port'");

	/* The field path of a nested value error (block style). */
	server_doc(&doc, "domains",
		   "\n  - name: example.jp\n    pattern: A\n  - name: shop.example.jp\n    pattern: a/b");
	must_refuse(&hc_server_schema, doc.p, 14, 14, "domains[1].pattern", "expected a name");
	server_doc(&doc, "domains",
		   "\n  - name: example.jp\n    pattern: A\n    options:\n      - ok\n      - not ok");
	must_refuse(&hc_server_schema, doc.p, 15, 9, "domains[0].options[1]", "expected a name");

	/* Not a mapping at all. */
	must_refuse(&hc_server_schema, "- a\n- b\n", 1, 1, "", "expected a mapping, got a list");
	must_refuse(&hc_server_schema, "hello\n", 1, 1, "", "expected a mapping, got a string");
	must_refuse(&hc_server_schema, "---\n", 2, 1, "", "expected a mapping, got null");
	hc_buf_release(&doc);
}

/* Parse errors come through hc_record_parse with their position and leave
 * the record initialised. */
static void test_parse_errors_through_record(void **state)
{
	struct hc_server srv;
	struct decoded d;
	struct hc_buf doc = HC_BUF_INIT;

	(void)state;
	server_doc(&doc, "note", "\"a\\x00b\"");
	must_refuse(&hc_server_schema, doc.p, 10, 7, "", "NUL character");
	server_doc(&doc, "customer", "&a acme");
	must_refuse(&hc_server_schema, doc.p, 2, 11, "", "anchors are not allowed");
	server_doc(&doc, "hostname", "!!str web1.example.jp");
	must_refuse(&hc_server_schema, doc.p, 7, 11, "", "tags are not allowed");
	server_doc(&doc, "customer", "acme\ncustomer: other");
	must_refuse(&hc_server_schema, doc.p, 3, 1, "", "duplicate key 'customer'");

	memset(&srv, 0x5a, sizeof(srv));
	assert_int_equal(decode(&d, &hc_server_schema, "a: [", 4, &srv), HC_EINVALID);
	assert_null(srv.id);
	assert_int_equal(srv.status, -1);
	assert_int_equal(srv.options.n, 0);
	hc_arena_release(&d.a);
	hc_buf_release(&doc);
}

/* Hostile text quoted in a message must not reach a terminal or a log as
 * control characters (escape sequences, a forged "path:line:col:" line). */
static void test_messages_have_no_control_characters(void **state)
{
	static const struct {
		const char *key, *value;
		const char *shown;       /* how the offending text appears */
	} cases[] = {
		{ "customer", "\"\\e[31mred\"", "\\x1B[31mred" },
		{ "hostname", "\"a\\rb.example.jp\"", "a\\x0Db.example.jp" },
		{ "status", "\"active\\n\"", "active\\x0A" },
		{ "global_ips", "[\"1.2.3.4\\x7f\"]", "1.2.3.4\\x7F" },
		{ "\"colour\\e]0;pwned\\a\"", "x", "colour\\x1B]0;pwned\\x07" },
		{ "\"x\\nservers/y.yaml:1:1: fake\"", "x", "x\\x0Aservers/y.yaml:1:1: fake" },
	};
	struct hc_buf doc = HC_BUF_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct hc_server srv;
		struct decoded d;

		server_doc(&doc, cases[i].key, cases[i].value);
		assert_int_equal(decode(&d, &hc_server_schema, doc.p, doc.len, &srv), HC_EINVALID);
		for (const unsigned char *m = (const unsigned char *)d.err.msg; *m; m++)
			if (*m < 0x20 || *m == 0x7f)
				fail_msg("case %zu: control character 0x%02x in message '%s'", i, *m,
					 d.err.msg);
		if (!strstr(d.err.msg, cases[i].shown))
			fail_msg("case %zu: message '%s' does not show '%s'", i, d.err.msg, cases[i].shown);
		hc_arena_release(&d.a);
	}
	hc_buf_release(&doc);
}

/* ---- a kitchen-sink schema for the other field types ------------------------ */

struct box {
	const char *label;
	int64_t count;
};

struct sink {
	const char *name;
	int64_t price;           /* DECIMAL, scale 2 */
	int64_t ratio;           /* DECIMAL, scale 3, negative allowed */
	int64_t big;             /* INT without a range */
	bool flag;               /* BOOL, required */
	int at_hhmm;
	int closure;             /* MMDD */
	hc_day day;
	hc_time at;
	struct hc_ints ports;
	const char *net;         /* CIDR */
	struct box box;          /* STRUCT */
	struct hc_list boxes;    /* LIST of box */
	int kind;
	struct hc_strs tags;     /* STRS, required */
};

static const char *const kind_names[] = { "small", "large", NULL };

static const struct hc_field box_fields[] = {
	HC_FIELD_STR(struct box, label, "label", HC_REQ, HC_CHK_NAME),
	HC_FIELD_INT(struct box, count, "count", 0, 0, 10),
};
static const struct hc_schema box_schema = HC_SCHEMA(struct box, "sink.box", box_fields);

static const struct hc_field sink_fields[] = {
	HC_FIELD_STR(struct sink, name, "name", HC_REQ, HC_CHK_NAME),
	HC_FIELD_DEC(struct sink, price, "price", 0, 2, 0, 100000000),
	HC_FIELD_DEC(struct sink, ratio, "ratio", 0, 3, -1000, 1000),
	HC_FIELD(struct sink, big, "big", HC_F_INT, 0),
	HC_FIELD(struct sink, flag, "flag", HC_F_BOOL, HC_REQ),
	HC_FIELD(struct sink, at_hhmm, "at_hhmm", HC_F_HHMM, 0),
	HC_FIELD(struct sink, closure, "closure", HC_F_MMDD, 0),
	HC_FIELD(struct sink, day, "day", HC_F_DAY, 0),
	HC_FIELD(struct sink, at, "at", HC_F_TIME, 0),
	HC_FIELD_INTS(struct sink, ports, "ports", 0, 1, 65535),
	HC_FIELD_STR(struct sink, net, "net", 0, HC_CHK_CIDR),
	HC_FIELD_STRUCT(struct sink, box, "box", 0, box_schema),
	HC_FIELD_LIST(struct sink, boxes, "boxes", 0, box_schema),
	HC_FIELD_ENUM(struct sink, kind, "kind", 0, kind_names),
	HC_FIELD_STRS(struct sink, tags, "tags", HC_REQ, HC_CHK_NONE),
};
static const struct hc_schema sink_schema = HC_SCHEMA(struct sink, "sink", sink_fields);

static const char canonical_sink[] =
	"name: s\n"
	"price: 99.95\n"
	"ratio: -0.125\n"
	"big: -9223372036854775807\n"
	"flag: false\n"
	"at_hhmm: \"09:30\"\n"
	"closure: 12-29\n"
	"day: 2024-02-29\n"
	"at: 2026-11-21T20:32:14+09:00\n"
	"ports: [22, 443]\n"
	"net: 192.0.2.0/24\n"
	"box:\n"
	"  label: inner\n"
	"  count: 0\n"
	"boxes:\n"
	"  - label: a\n"
	"  - label: b\n"
	"    count: 10\n"
	"kind: large\n"
	"tags:\n"
	"  - \"yes\"\n"
	"  - \"\"\n"
	"  - a b\n";

static void test_sink_round_trip(void **state)
{
	struct sink k;
	struct decoded d;
	struct hc_buf out = HC_BUF_INIT;

	(void)state;
	must_decode(&d, &sink_schema, canonical_sink, &k);
	assert_int_equal(k.price, 9995);
	assert_int_equal(k.ratio, -125);
	assert_int_equal(k.big, -INT64_MAX);
	assert_false(k.flag);
	assert_int_equal(k.at_hhmm, 570);
	assert_int_equal(k.closure, 1229);
	assert_int_equal(k.ports.n, 2);
	assert_int_equal(k.ports.v[1], 443);
	assert_string_equal(k.box.label, "inner");
	assert_int_equal(k.box.count, 0);
	assert_int_equal(k.boxes.n, 2);
	assert_int_equal(HC_LIST_AT(k.boxes, struct box, 0)->count, HC_INT_NONE);
	assert_int_equal(k.kind, 1);
	assert_string_equal(k.tags.v[0], "yes");
	assert_string_equal(k.tags.v[1], "");
	yaml_of(&sink_schema, &k, JST, &out);
	assert_string_equal(out.p, canonical_sink);
	hc_buf_release(&out);
	hc_arena_release(&d.a);

	/* A required empty list and a required false are still written; an
	 * absent struct is not. */
	must_decode(&d, &sink_schema, "tags: []\nflag: false\nname: x\n", &k);
	assert_int_equal(k.box.count, HC_INT_NONE);
	assert_null(k.box.label);
	yaml_of(&sink_schema, &k, JST, &out);
	assert_string_equal(out.p, "name: x\nflag: false\ntags: []\n");
	hc_buf_release(&out);
	hc_arena_release(&d.a);
}

static void test_decimal(void **state)
{
	static const struct {
		const char *in;
		int64_t want;
		const char *out;
	} ok[] = {
		{ "99.95", 9995, "99.95" }, { "12", 1200, "12" }, { "12.5", 1250, "12.5" },
		{ "0.01", 1, "0.01" }, { ".5", 50, "0.5" }, { "5.", 500, "5" }, { "+1.5", 150, "1.5" },
		{ "0", 0, "0" }, { "0.10", 10, "0.1" },
		{ "1000000.00", 100000000, "1000000" },
	};
	static const struct {
		const char *in, *msg;
	} bad[] = {
		{ "1.234", "expected a number with at most 2 decimals, got a number" },
		{ "\"9.99\"", "expected a number with at most 2 decimals, got a string" },
		{ "1e3", "expected a number with at most 2 decimals" },
		{ ".inf", "expected a number with at most 2 decimals" },
		{ ".nan", "expected a number with at most 2 decimals" },
		{ "0x10", "expected a number with at most 2 decimals" },
		{ "true", "got a boolean" },
		{ "", "got null" },
		{ "-0.01", "'-0.01' is out of range" },
		{ "1000000.01", "'1000000.01' is out of range" },
		{ "99999999999999999999.99", "expected a number with at most 2 decimals" },
	};
	struct hc_buf doc = HC_BUF_INIT, out = HC_BUF_INIT;
	struct sink k;
	struct decoded d;

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		hc_buf_reset(&doc);
		hc_buf_addf(&doc, "name: x\nflag: true\ntags: []\nprice: %s\n", ok[i].in);
		must_decode(&d, &sink_schema, doc.p, &k);
		if (k.price != ok[i].want)
			fail_msg("'%s': %lld, want %lld", ok[i].in, (long long)k.price,
				 (long long)ok[i].want);
		yaml_of(&sink_schema, &k, JST, &out);
		hc_buf_reset(&doc);
		hc_buf_addf(&doc, "name: x\nprice: %s\nflag: true\ntags: []\n", ok[i].out);
		assert_string_equal(out.p, doc.p);
		hc_arena_release(&d.a);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		hc_buf_reset(&doc);
		hc_buf_addf(&doc, "name: x\nflag: true\ntags: []\nprice:%s%s\n", *bad[i].in ? " " : "",
			    bad[i].in);
		must_refuse(&sink_schema, doc.p, 4, *bad[i].in ? 8 : 7, "price", bad[i].msg);
	}
	/* Negative decimals with three places. */
	must_decode(&d, &sink_schema, "name: x\nflag: true\ntags: []\nratio: -0.005\n", &k);
	assert_int_equal(k.ratio, -5);
	yaml_of(&sink_schema, &k, JST, &out);
	assert_non_null(strstr(out.p, "ratio: -0.005\n"));
	hc_arena_release(&d.a);
	hc_buf_release(&doc);
	hc_buf_release(&out);
}

static void test_sink_type_errors(void **state)
{
	static const struct {
		const char *line;
		int col;
		const char *field, *msg;
	} cases[] = {
		{ "closure: 02-30", 10, "closure", "expected a day of the year (MM-DD), got '02-30'" },
		{ "closure: 13-01", 10, "closure", "expected a day of the year (MM-DD)" },
		{ "closure: 1229", 10, "closure", "got an integer" },
		{ "at_hhmm: 9:30", 10, "at_hhmm", "expected a time of day (HH:MM)" },
		{ "ports: [22, 0]", 13, "ports[1]", "0 is out of range 1..65535" },
		{ "ports: [22, \"80\"]", 13, "ports[1]", "expected a decimal integer, got a string" },
		{ "ports: 22", 8, "ports", "expected a list, got an integer" },
		{ "net: 10.0.0.0/33", 6, "net", "expected an IPv4 network" },
		{ "box: [a]", 6, "box", "expected a mapping, got a list" },
		{ "box: {count: 1}", 6, "box", "missing required key 'label' in sink.box" },
		{ "box: {label: a, count: 11}", 24, "box.count", "11 is out of range 0..10" },
		{ "box: {label: a, extra: 1}", 17, "box", "unknown key 'extra' in sink.box" },
		{ "boxes: [{label: a}, {label: b, count: x}]", 39, "boxes[1].count",
		  "expected a decimal integer, got a string" },
		{ "kind: medium", 7, "kind", "'medium' is not one of: small, large" },
		{ "tags: [a, [b]]", 11, "tags[1]", "expected a string, got a list" },
		{ "flag: yes", 7, "flag", "expected true or false, got a string" },
		{ "flag: on", 7, "flag", "expected true or false, got a string" },
		{ "flag: ~", 7, "flag", "expected true or false, got null" },
		{ "day: 2026-11-21T00:00:00+09:00", 6, "day", "expected a date (YYYY-MM-DD)" },
		/* The absent marker of an integer is not a value one can store. */
		{ "big: -9223372036854775808", 6, "big", "out of range" },
		{ "big: 9223372036854775808", 6, "big", "expected a decimal integer" },
	};
	struct hc_buf doc = HC_BUF_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool flag = strncmp(cases[i].line, "flag:", 5) == 0;
		bool tags = strncmp(cases[i].line, "tags:", 5) == 0;

		/* The line under test replaces flag or tags when it is one. */
		hc_buf_reset(&doc);
		hc_buf_addf(&doc, "name: x\n%s%s%s\n", flag ? "" : "flag: true\n",
			    tags ? "" : "tags: []\n", cases[i].line);
		must_refuse(&sink_schema, doc.p, flag || tags ? 3 : 4, cases[i].col, cases[i].field,
			    cases[i].msg);
	}
	hc_buf_release(&doc);
	/* Required boolean and list: missing is an error. */
	must_refuse(&sink_schema, "name: x\ntags: []\n", 1, 1, "", "missing required key 'flag' in sink");
	must_refuse(&sink_schema, "name: x\nflag: true\n", 1, 1, "", "missing required key 'tags' in sink");
}

/* ---- JSON ------------------------------------------------------------------ */

static void test_json_customer(void **state)
{
	struct hc_customer c;
	struct decoded d;
	struct hc_buf out = HC_BUF_INIT;

	(void)state;
	must_decode(&d, &hc_customer_schema, canonical_customer, &c);
	hc_record_encode_json(&hc_customer_schema, &c, JST, -1, &out);
	assert_string_equal(out.p,
		"{\"id\":\"acme\",\"name\":\"ACME 株式会社\",\"contract_email\":\"keiyaku@acme.example.jp\","
		"\"monitoring_email\":\"noc@acme.example.jp\",\"emergency_phone\":\"+81 3-1234-5678\","
		"\"contacts\":[{\"id\":\"tanaka\",\"name\":\"田中 太郎\",\"phone\":\"090-1234-5678\","
		"\"email\":\"tanaka@acme.example.jp\"},{\"id\":\"suzuki\",\"name\":\"Suzuki \\\"Jr\\\"\"}]}");
	hc_buf_reset(&out);
	hc_record_encode_json(&hc_customer_schema, &c, JST, 2, &out);
	assert_string_equal(out.p,
		"{\n"
		"  \"id\": \"acme\",\n"
		"  \"name\": \"ACME 株式会社\",\n"
		"  \"contract_email\": \"keiyaku@acme.example.jp\",\n"
		"  \"monitoring_email\": \"noc@acme.example.jp\",\n"
		"  \"emergency_phone\": \"+81 3-1234-5678\",\n"
		"  \"contacts\": [\n"
		"    {\n"
		"      \"id\": \"tanaka\",\n"
		"      \"name\": \"田中 太郎\",\n"
		"      \"phone\": \"090-1234-5678\",\n"
		"      \"email\": \"tanaka@acme.example.jp\"\n"
		"    },\n"
		"    {\n"
		"      \"id\": \"suzuki\",\n"
		"      \"name\": \"Suzuki \\\"Jr\\\"\"\n"
		"    }\n"
		"  ]\n"
		"}");
	hc_buf_release(&out);
	hc_arena_release(&d.a);
}

static void test_json_types(void **state)
{
	struct sink k;
	struct decoded d;
	struct hc_buf out = HC_BUF_INIT;

	(void)state;
	must_decode(&d, &sink_schema, canonical_sink, &k);
	hc_record_encode_json(&sink_schema, &k, JST, -1, &out);
	assert_string_equal(out.p,
		"{\"name\":\"s\",\"price\":99.95,\"ratio\":-0.125,\"big\":-9223372036854775807,"
		"\"flag\":false,\"at_hhmm\":\"09:30\",\"closure\":\"12-29\",\"day\":\"2024-02-29\","
		"\"at\":\"2026-11-21T20:32:14+09:00\",\"ports\":[22,443],\"net\":\"192.0.2.0/24\","
		"\"box\":{\"label\":\"inner\",\"count\":0},"
		"\"boxes\":[{\"label\":\"a\"},{\"label\":\"b\",\"count\":10}],\"kind\":\"large\","
		"\"tags\":[\"yes\",\"\",\"a b\"]}");
	hc_buf_reset(&out);
	hc_record_encode_json(&sink_schema, &k, 0, 1, &out);
	assert_string_equal(out.p,
		"{\n"
		" \"name\": \"s\",\n"
		" \"price\": 99.95,\n"
		" \"ratio\": -0.125,\n"
		" \"big\": -9223372036854775807,\n"
		" \"flag\": false,\n"
		" \"at_hhmm\": \"09:30\",\n"
		" \"closure\": \"12-29\",\n"
		" \"day\": \"2024-02-29\",\n"
		" \"at\": \"2026-11-21T11:32:14+00:00\",\n"
		" \"ports\": [22, 443],\n"
		" \"net\": \"192.0.2.0/24\",\n"
		" \"box\": {\n"
		"  \"label\": \"inner\",\n"
		"  \"count\": 0\n"
		" },\n"
		" \"boxes\": [\n"
		"  {\n"
		"   \"label\": \"a\"\n"
		"  },\n"
		"  {\n"
		"   \"label\": \"b\",\n"
		"   \"count\": 10\n"
		"  }\n"
		" ],\n"
		" \"kind\": \"large\",\n"
		" \"tags\": [\n"
		"  \"yes\",\n"
		"  \"\",\n"
		"  \"a b\"\n"
		" ]\n"
		"}");
	hc_arena_release(&d.a);

	/* Escapes in strings; an empty record; empty required list. */
	{
		struct sink e;

		hc_record_init(&sink_schema, &e);
		hc_buf_reset(&out);
		hc_record_encode_json(&sink_schema, &e, JST, -1, &out);
		assert_string_equal(out.p, "{\"flag\":false,\"tags\":[]}");
		hc_buf_reset(&out);
		hc_record_encode_json(&sink_schema, &e, JST, 2, &out);
		assert_string_equal(out.p, "{\n  \"flag\": false,\n  \"tags\": []\n}");
		e.name = "tab\there \"q\" \\ \x01";
		hc_buf_reset(&out);
		hc_record_encode_json(&sink_schema, &e, JST, -1, &out);
		assert_string_equal(out.p,
				    "{\"name\":\"tab\\there \\\"q\\\" \\\\ \\u0001\",\"flag\":false,\"tags\":[]}");
	}
	hc_buf_release(&out);
}

static void test_json_server_note(void **state)
{
	struct hc_server srv;
	struct decoded d;
	struct hc_buf out = HC_BUF_INIT;

	(void)state;
	must_decode(&d, &hc_server_schema, canonical_server, &srv);
	hc_record_encode_json(&hc_server_schema, &srv, JST, -1, &out);
	assert_non_null(strstr(out.p, ",\"note\":\"first line\\nsecond: line \\\"quoted\\\"\\n\"}"));
	assert_non_null(strstr(out.p, "\"power\":\"off\","));
	assert_non_null(strstr(out.p, "\"os_disk_gb\":100,\"disk_added_gb\":0,"));
	assert_non_null(strstr(out.p, "{\"name\":\"shop.example.jp\",\"pattern\":\"ready\","
				      "\"web_elsewhere\":true,\"mail_elsewhere\":true}"));
	assert_non_null(strstr(out.p, "\"firewall\":[{\"port\":22,\"sources\":[\"203.0.113.0/24\","
				      "\"198.51.100.7\"]},{\"port\":443}]"));
	assert_string_equal(out.p + out.len - 1, "}");
	hc_buf_release(&out);
	hc_arena_release(&d.a);
}

/* ---- check ------------------------------------------------------------------ */

static void build_server(struct hc_arena *a, struct hc_server *s)
{
	struct hc_server_domain *dom;

	hc_record_init(&hc_server_schema, s);
	s->id = "0f8fad5b-d9cb-469f-a165-70867728950e";
	s->customer = "acme";
	s->profile = "clara-jp6";
	s->plan = "s1";
	s->os = "debian-12";
	s->region = "tokyo";
	s->hostname = "web1.example.jp";
	s->status = HC_SRV_ORDERED;
	s->ordered_at = 1793493000;
	dom = hc_list_push(a, &s->domains, hc_schema_field(&hc_server_schema, "domains")->sub);
	dom->name = "example.jp";
	dom->pattern = "A";
	dom = hc_list_push(a, &s->domains, hc_schema_field(&hc_server_schema, "domains")->sub);
	dom->name = "shop.example.jp";
	dom->pattern = "B";
}

static void expect_check_failure(const void *rec, const char *field, const char *msg)
{
	struct hc_error err;

	memset(&err, 0, sizeof(err));
	if (hc_record_check(&hc_server_schema, rec, &err) != HC_EINVALID ||
	    strcmp(err.field, field) != 0 || !strstr(err.msg, msg))
		fail_msg("check: status %d field '%s' msg '%s'; want field '%s' msg '%s'", err.status,
			 err.field, err.msg, field, msg);
}

static void test_check_built_records(void **state)
{
	struct hc_arena a;
	struct hc_server s;
	struct hc_error err;
	struct hc_buf out = HC_BUF_INIT;

	(void)state;
	hc_arena_init(&a);
	build_server(&a, &s);
	assert_int_equal(hc_record_check(&hc_server_schema, &s, &err), HC_OK);

	/* What the check accepts decodes again to the same record. */
	hc_record_encode_yaml(&hc_server_schema, &s, JST, &out);
	{
		struct hc_server back;
		struct decoded d;
		struct hc_buf again = HC_BUF_INIT;

		must_decode(&d, &hc_server_schema, out.p, &back);
		yaml_of(&hc_server_schema, &back, JST, &again);
		assert_string_equal(again.p, out.p);
		hc_buf_release(&again);
		hc_arena_release(&d.a);
	}

	s.id = NULL;
	expect_check_failure(&s, "id", "missing required field");
	build_server(&a, &s);
	s.ordered_at = HC_TIME_NONE;
	expect_check_failure(&s, "ordered_at", "missing required field");
	build_server(&a, &s);
	s.status = 4;
	expect_check_failure(&s, "status", "invalid enumeration value");
	build_server(&a, &s);
	s.power = 2;
	expect_check_failure(&s, "power", "invalid enumeration value");
	build_server(&a, &s);
	s.hostname = "Not A Host";
	expect_check_failure(&s, "hostname", "expected a lowercase DNS name");
	build_server(&a, &s);
	s.os_disk_gb = 0;
	expect_check_failure(&s, "os_disk_gb", "out of range");
	build_server(&a, &s);
	HC_LIST_AT(s.domains, struct hc_server_domain, 1)->pattern = NULL;
	expect_check_failure(&s, "domains[1].pattern", "missing required field");
	build_server(&a, &s);
	HC_LIST_AT(s.domains, struct hc_server_domain, 1)->name = "bad..name";
	expect_check_failure(&s, "domains[1].name", "expected a lowercase DNS name");
	build_server(&a, &s);
	hc_strs_push(&a, &s.global_ips, "192.0.2.1");
	hc_strs_push(&a, &s.global_ips, "192.0.2.300");
	expect_check_failure(&s, "global_ips", "item 1: expected an IPv4 address");
	build_server(&a, &s);
	hc_strs_push(&a, &HC_LIST_AT(s.domains, struct hc_server_domain, 0)->options, NULL);
	expect_check_failure(&s, "domains[0].options", "item 0");
	{
		struct hc_firewall_rule *r;

		build_server(&a, &s);
		r = hc_list_push(&a, &s.firewall, hc_schema_field(&hc_server_schema, "firewall")->sub);
		r->port = 65536;
		expect_check_failure(&s, "firewall[0].port", "out of range");
	}
	{
		struct hc_server_backup *b;

		/* A time of day beyond 24:00 would be written as text the
		 * reader refuses. */
		build_server(&a, &s);
		b = hc_list_push(&a, &s.backups, hc_schema_field(&hc_server_schema, "backups")->sub);
		b->policy = "daily";
		b->window_from = 1441;
		expect_check_failure(&s, "backups[0].window_from", "time of day out of range");
	}
	{
		struct sink k;

		hc_record_init(&sink_schema, &k);
		k.name = "x";
		k.closure = 1332;
		memset(&err, 0, sizeof(err));
		assert_int_equal(hc_record_check(&sink_schema, &k, &err), HC_EINVALID);
		assert_string_equal(err.field, "closure");
		k.closure = 229;
		assert_int_equal(hc_record_check(&sink_schema, &k, &err), HC_OK);
		k.box.count = 3;
		memset(&err, 0, sizeof(err));
		assert_int_equal(hc_record_check(&sink_schema, &k, &err), HC_EINVALID);
		assert_string_equal(err.field, "box.label");
		assert_non_null(strstr(err.msg, "missing required field"));
		k.box.label = "b";
		k.big = -1;
		hc_ints_push(&a, &k.ports, 0);
		memset(&err, 0, sizeof(err));
		assert_int_equal(hc_record_check(&sink_schema, &k, &err), HC_EINVALID);
		assert_string_equal(err.field, "ports");
		assert_non_null(strstr(err.msg, "item 0: value out of range"));
	}
	hc_buf_release(&out);
	hc_arena_release(&a);
}

/* ---- visiting and field text --------------------------------------------------- */

struct visits {
	char text[4096];
	int n;
};

static void on_visit(const char *path, const char *text, void *ctx)
{
	struct visits *v = ctx;
	size_t used = strlen(v->text);

	snprintf(v->text + used, sizeof(v->text) - used, "%s=%s\n", path, text);
	v->n++;
}

static void test_visit(void **state)
{
	struct hc_customer c;
	struct hc_server srv;
	struct decoded d;
	struct visits v = { .text = "", .n = 0 };

	(void)state;
	must_decode(&d, &hc_customer_schema, canonical_customer, &c);
	hc_record_visit(&hc_customer_schema, &c, JST, on_visit, &v);
	assert_string_equal(v.text,
		"id=acme\n"
		"name=ACME 株式会社\n"
		"contract_email=keiyaku@acme.example.jp\n"
		"monitoring_email=noc@acme.example.jp\n"
		"emergency_phone=+81 3-1234-5678\n"
		"contacts[0].id=tanaka\n"
		"contacts[0].name=田中 太郎\n"
		"contacts[0].phone=090-1234-5678\n"
		"contacts[0].email=tanaka@acme.example.jp\n"
		"contacts[1].id=suzuki\n"
		"contacts[1].name=Suzuki \"Jr\"\n");
	assert_int_equal(v.n, 11);
	hc_arena_release(&d.a);

	must_decode(&d, &hc_server_schema, canonical_server, &srv);
	memset(&v, 0, sizeof(v));
	hc_record_visit(&hc_server_schema, &srv, 0, on_visit, &v);
	assert_non_null(strstr(v.text, "\noptions[0]=backup\noptions[1]=monitoring\nglobal_ips[0]=192.0.2.10\n"));
	assert_non_null(strstr(v.text, "\ndisks[1].kind=disk\ndisks[1].size_gb=50\ndomains[0].name=example.jp\n"));
	assert_non_null(strstr(v.text, "\ndomains[0].options[1]=waf\ndomains[1].name=shop.example.jp\n"
				       "domains[1].pattern=ready\ndomains[1].web_elsewhere=true\n"));
	assert_non_null(strstr(v.text, "\nbackups[0].window_from=02:00\nbackups[0].window_to=24:00\n"));
	assert_non_null(strstr(v.text, "\nfirewall[0].sources[1]=198.51.100.7\nfirewall[1].port=443\n"));
	assert_non_null(strstr(v.text, "\npower=off\nordered_at=2026-11-01T00:30:00+00:00\n"));
	assert_non_null(strstr(v.text, "\ndisk_added_gb=0\n"));
	/* Absent values are not visited: domains[1] has no ready, disks[1] no
	 * iops_per_gb. */
	assert_null(strstr(v.text, "domains[1].ready"));
	assert_null(strstr(v.text, "disks[1].iops_per_gb"));
	assert_int_equal(v.n, 54);
	hc_arena_release(&d.a);

	{
		struct sink k;

		must_decode(&d, &sink_schema, canonical_sink, &k);
		memset(&v, 0, sizeof(v));
		hc_record_visit(&sink_schema, &k, JST, on_visit, &v);
		assert_non_null(strstr(v.text, "\nprice=99.95\nratio=-0.125\n"));
		assert_non_null(strstr(v.text, "\nflag=false\n"));
		assert_non_null(strstr(v.text, "\nports[0]=22\nports[1]=443\n"));
		assert_non_null(strstr(v.text, "\nbox.label=inner\nbox.count=0\nboxes[0].label=a\n"
					       "boxes[1].label=b\nboxes[1].count=10\n"));
		assert_non_null(strstr(v.text, "\ntags[0]=yes\ntags[1]=\ntags[2]=a b\n"));
		hc_arena_release(&d.a);
	}
}

static void test_field_text(void **state)
{
	struct hc_server srv;
	struct decoded d;
	struct hc_buf out = HC_BUF_INIT;

	(void)state;
	must_decode(&d, &hc_server_schema, canonical_server, &srv);
	assert_true(hc_record_field_text(&hc_server_schema, &srv, "hostname", JST, &out));
	assert_string_equal(out.p, "web1.example.jp");
	assert_true(hc_record_field_text(&hc_server_schema, &srv, "options", JST, &out));
	assert_string_equal(out.p, "backup,monitoring");
	assert_true(hc_record_field_text(&hc_server_schema, &srv, "domains", JST, &out));
	assert_string_equal(out.p, "2");
	assert_true(hc_record_field_text(&hc_server_schema, &srv, "status", JST, &out));
	assert_string_equal(out.p, "cancel-pending");
	assert_true(hc_record_field_text(&hc_server_schema, &srv, "ordered_at", JST, &out));
	assert_string_equal(out.p, "2026-11-01T09:30:00+09:00");
	assert_true(hc_record_field_text(&hc_server_schema, &srv, "ordered_at", 0, &out));
	assert_string_equal(out.p, "2026-11-01T00:30:00+00:00");
	assert_true(hc_record_field_text(&hc_server_schema, &srv, "ready_by", JST, &out));
	assert_string_equal(out.p, "2026-11-20");
	assert_true(hc_record_field_text(&hc_server_schema, &srv, "disk_added_gb", JST, &out));
	assert_string_equal(out.p, "0");
	assert_false(hc_record_field_text(&hc_server_schema, &srv, "nope", JST, &out));
	assert_string_equal(out.p, "");
	hc_arena_release(&d.a);

	server_doc(&out, NULL, NULL);
	{
		struct hc_buf doc = HC_BUF_INIT;

		hc_buf_adds(&doc, out.p);
		must_decode(&d, &hc_server_schema, doc.p, &srv);
		/* Absent: "" but true. */
		hc_buf_adds(&out, "junk");
		assert_true(hc_record_field_text(&hc_server_schema, &srv, "private_ip", JST, &out));
		assert_string_equal(out.p, "");
		assert_true(hc_record_field_text(&hc_server_schema, &srv, "options", JST, &out));
		assert_string_equal(out.p, "");
		assert_true(hc_record_field_text(&hc_server_schema, &srv, "power", JST, &out));
		assert_string_equal(out.p, "");
		hc_arena_release(&d.a);
		hc_buf_release(&doc);
	}
	assert_non_null(hc_schema_field(&hc_server_schema, "note"));
	assert_null(hc_schema_field(&hc_server_schema, "Note"));
	hc_buf_release(&out);
}

/* ---- list helpers -------------------------------------------------------------- */

static void test_list_growth(void **state)
{
	struct hc_arena a;
	struct hc_strs l = { 0 };
	struct hc_ints il = { 0 };
	struct hc_list boxes = { 0 };
	char name[16];

	(void)state;
	hc_arena_init(&a);
	for (int i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "s%d", i);
		hc_strs_push(&a, &l, hc_arena_strdup(&a, name));
		assert_true(l.cap >= l.n);
		hc_ints_push(&a, &il, i * 3);
	}
	assert_int_equal(l.n, 1000);
	for (int i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "s%d", i);
		assert_string_equal(l.v[i], name);
		assert_int_equal(il.v[i], i * 3);
	}
	assert_true(hc_strs_has(&l, "s999"));
	assert_false(hc_strs_has(&l, "s1000"));
	assert_true(hc_ints_has(&il, 2997));
	assert_false(hc_ints_has(&il, 1));

	/* Elements are initialised for their schema and survive growth. */
	for (int i = 0; i < 100; i++) {
		struct box *b = hc_list_push(&a, &boxes, &box_schema);

		assert_null(b->label);
		assert_int_equal(b->count, HC_INT_NONE);
		b->count = i;
		b->label = "x";
	}
	assert_int_equal(boxes.n, 100);
	assert_true(boxes.cap >= 100);
	for (int i = 0; i < 100; i++)
		assert_int_equal(HC_LIST_AT(boxes, struct box, i)->count, i);

	/* Pushing onto decoded lists (whose capacity equals their length). */
	{
		struct hc_server srv;
		struct decoded d;
		struct hc_buf out = HC_BUF_INIT;
		struct hc_server_domain *dom;

		must_decode(&d, &hc_server_schema, canonical_server, &srv);
		assert_int_equal(srv.options.cap, srv.options.n);
		hc_strs_push(&d.a, &srv.options, "extra");
		assert_int_equal(srv.options.n, 3);
		assert_string_equal(srv.options.v[0], "backup");
		assert_string_equal(srv.options.v[2], "extra");
		dom = hc_list_push(&d.a, &srv.domains, hc_schema_field(&hc_server_schema, "domains")->sub);
		assert_false(dom->ready);
		assert_null(dom->name);
		dom->name = "new.example.jp";
		dom->pattern = "C";
		assert_string_equal(HC_LIST_AT(srv.domains, struct hc_server_domain, 0)->name, "example.jp");
		assert_int_equal(hc_record_check(&hc_server_schema, &srv, &d.err), HC_OK);
		yaml_of(&hc_server_schema, &srv, JST, &out);
		assert_non_null(strstr(out.p, "  - monitoring\n  - extra\nglobal_ips:"));
		assert_non_null(strstr(out.p, "    mail_elsewhere: true\n  - name: new.example.jp\n"
					      "    pattern: C\nbackups:"));
		hc_buf_release(&out);
		hc_arena_release(&d.a);
	}
	assert_int_equal(hc_enum_index(hc_server_status_names, "cancelled"), 3);
	assert_int_equal(hc_enum_index(hc_server_status_names, "Cancelled"), -1);
	hc_arena_release(&a);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_server_canonical_round_trip),
	cmocka_unit_test(test_customer_canonical_round_trip),
	cmocka_unit_test(test_schema_order_and_normal_form),
	cmocka_unit_test(test_times_written_at_offset),
	cmocka_unit_test(test_optional_absent_and_minimal),
	cmocka_unit_test(test_wrong_types),
	cmocka_unit_test(test_string_checks),
	cmocka_unit_test(test_control_bytes_everywhere),
	cmocka_unit_test(test_customer_checks),
	cmocka_unit_test(test_unknown_and_missing_keys),
	cmocka_unit_test(test_parse_errors_through_record),
	cmocka_unit_test(test_messages_have_no_control_characters),
	cmocka_unit_test(test_sink_round_trip),
	cmocka_unit_test(test_decimal),
	cmocka_unit_test(test_sink_type_errors),
	cmocka_unit_test(test_json_customer),
	cmocka_unit_test(test_json_types),
	cmocka_unit_test(test_json_server_note),
	cmocka_unit_test(test_check_built_records),
	cmocka_unit_test(test_visit),
	cmocka_unit_test(test_field_text),
	cmocka_unit_test(test_list_growth),
};

int main(void)
{
	return cmocka_run_group_tests(tests, NULL, NULL);
}
