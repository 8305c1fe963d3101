/*
 * testutil.c - helpers shared by the unit tests (see testutil.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hostctl/validate.h"

#include "testutil.h"

/* ---- shell and files ----------------------------------------------------- */

static void vformat(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

static void vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
	int n = vsnprintf(buf, size, fmt, ap);

	if (n < 0 || (size_t)n >= size)
		fail_msg("too long for the test's buffer: %s", buf);
}

void sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;

	va_start(ap, fmt);
	vformat(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	if (system(cmd) != 0)
		fail_msg("command failed: %s", cmd);
}

int sh_rc(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vformat(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	rc = system(cmd);
	return rc == -1 ? -1 : WEXITSTATUS(rc);
}

void write_file(const char *dir, const char *rel, const char *text)
{
	char path[1024];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	f = fopen(path, "w");
	if (!f)
		fail_msg("cannot write %s", path);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

char *slurp(const char *dir, const char *fmt, ...)
{
	char rel[512], path[1024];
	char *buf;
	long n;
	FILE *f;
	va_list ap;

	va_start(ap, fmt);
	vformat(rel, sizeof(rel), fmt, ap);
	va_end(ap);
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	f = fopen(path, "r");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

bool exists(const char *dir, const char *fmt, ...)
{
	char rel[512], path[1024];
	struct stat sb;
	va_list ap;

	va_start(ap, fmt);
	vformat(rel, sizeof(rel), fmt, ap);
	va_end(ap);
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	return stat(path, &sb) == 0;
}

/* ---- errors and library return codes ------------------------------------- */

void report_error(const struct hc_error *err)
{
	char buf[2048];

	hc_error_format(err, buf, sizeof(buf));
	fprintf(stderr, "  error: %s\n", buf);
}

void ok(int rc, const struct hc_error *err)
{
	if (rc)
		report_error(err);
	assert_int_equal(rc, HC_OK);
}

void refused(int rc, const struct hc_error *err, const char *rule, const char *msg)
{
	if (rc != HC_EREFUSED)
		report_error(err);
	assert_int_equal(rc, HC_EREFUSED);
	assert_int_equal(err->status, HC_EREFUSED);
	if (!strstr(err->rule, rule))
		fail_msg("rule '%s' does not name '%s'", err->rule, rule);
	if (!strstr(err->msg, msg))
		fail_msg("message '%s' does not say '%s'", err->msg, msg);
}

void failed(int rc, const struct hc_error *err, int status, const char *msg)
{
	if (rc != status)
		report_error(err);
	assert_int_equal(rc, status);
	if (!strstr(err->msg, msg))
		fail_msg("message '%s' does not say '%s'", err->msg, msg);
}

void usage(int rc, const struct hc_error *err, const char *msg)
{
	failed(rc, err, HC_EUSAGE, msg);
}

/* ---- times and days, +09:00 ---------------------------------------------- */

#define JST (9 * 60)

hc_time T(const char *s)
{
	hc_time t;

	if (hc_time_parse(s, &t, NULL))
		fail_msg("bad time in test: %s", s);
	return t;
}

hc_day D(const char *s)
{
	hc_day d;

	if (hc_day_parse(s, &d))
		fail_msg("bad day in test: %s", s);
	return d;
}

const char *TS(hc_time t)
{
	static char buf[8][HC_TIME_BUFSZ];
	static int k;
	char *b = buf[k++ % 8];

	if (t == HC_TIME_NONE)
		return strcpy(b, "none");
	hc_time_format(t, JST, b);
	return b;
}

const char *DS(hc_day d)
{
	static char buf[8][HC_DAY_BUFSZ];
	static int k;
	char *b = buf[k++ % 8];

	if (d == HC_DAY_NONE)
		return strcpy(b, "none");
	hc_day_format(d, b);
	return b;
}

/* ---- notes --------------------------------------------------------------- */

bool has_note(const struct hc_strs *notes, const char *text)
{
	for (size_t i = 0; i < notes->n; i++)
		if (strstr(notes->v[i], text))
			return true;
	return false;
}

void note_is(const struct hc_strs *notes, const char *text)
{
	if (!has_note(notes, text)) {
		for (size_t i = 0; i < notes->n; i++)
			fprintf(stderr, "  note: %s\n", notes->v[i]);
		fail_msg("no note saying '%s'", text);
	}
}

void no_note(const struct hc_strs *notes, const char *text)
{
	if (has_note(notes, text))
		fail_msg("a note says '%s'", text);
}

/* ---- the state ----------------------------------------------------------- */

const char *tmpdir(void)
{
	const char *t = getenv("TMPDIR");

	return t && *t ? t : "/tmp";
}

void state_new(char *dir, size_t size, const char *name, struct hc_store *st)
{
	struct hc_error err;
	int n = snprintf(dir, size, "%s/hostctl-test-%s-XXXXXX", tmpdir(), name);

	assert_true(n > 0 && (size_t)n < size);
	assert_non_null(mkdtemp(dir));
	if (hc_state_init(dir, NULL, 0, NULL, &err) || hc_store_open(st, dir, &err))
		report_error(&err), fail();
}

void state_remove(struct hc_store *st, const char *dir)
{
	hc_store_release(st);
	sh("rm -rf '%s'", dir);
}

void reopen(struct hc_store *st, const char *dir)
{
	struct hc_error err;

	hc_store_release(st);
	if (hc_store_open(st, dir, &err))
		report_error(&err), fail();
}

void assert_valid(struct hc_store *st)
{
	struct hc_errors problems;
	struct hc_error err;
	int rc;

	hc_errors_init(&problems);
	rc = hc_state_validate(st, &problems, NULL, NULL, &err);
	for (size_t i = 0; i < problems.n; i++)
		report_error(&problems.v[i]);
	assert_int_equal(problems.n, 0);
	assert_int_equal(rc, HC_OK);
	hc_errors_release(&problems);
}

size_t count_records(struct hc_store *st, const char *dir)
{
	struct hc_strs ids;
	struct hc_arena a;
	struct hc_error err;
	size_t n;

	hc_arena_init(&a);
	memset(&ids, 0, sizeof(ids));
	if (hc_store_list(st, dir, &ids, &a, NULL, &err))
		report_error(&err), fail();
	n = ids.n;
	hc_arena_release(&a);
	return n;
}

size_t count_names(struct hc_store *st, const char *dir)
{
	struct hc_strs names;
	struct hc_arena a;
	struct hc_error err;
	size_t n;

	hc_arena_init(&a);
	memset(&names, 0, sizeof(names));
	if (hc_store_list_names(st, dir, &names, &a, &err))
		report_error(&err), fail();
	n = names.n;
	hc_arena_release(&a);
	return n;
}

void load_record(struct hc_store *st, const struct hc_schema *schema, const char *dir,
		 const char *id, void *rec, struct hc_arena *a)
{
	struct hc_error err;
	char path[512];

	snprintf(path, sizeof(path), "%s/%s.yaml", dir, id);
	if (hc_store_load(st, schema, path, rec, a, &err))
		report_error(&err), fail();
}

struct hc_txn_options txo(hc_time now)
{
	static char *argv[] = { "hostctl", "unit-test" };
	struct hc_txn_options o;

	memset(&o, 0, sizeof(o));
	o.verb = "unit-test";
	o.argc = 2;
	o.argv = argv;
	o.operator_name = "tester";
	o.now = now;
	o.no_wait = true;
	return o;
}

void save_customer(struct hc_store *st, hc_time at, const struct hc_customer *c)
{
	struct hc_txn_options o = txo(at);
	struct hc_error err;

	if (hc_customer_save(st, &o, c, false, NULL, &err))
		report_error(&err), fail();
}

struct hc_order base_order(const char *cust, const char *prof, const char *plan, hc_time accepted,
			   const char *seed)
{
	struct hc_order o;

	memset(&o, 0, sizeof(o));
	o.customer = cust;
	o.profile = prof;
	o.plan = plan;
	o.environment = -1;
	o.accepted_at = accepted;
	o.settings_submitted_at = HC_TIME_NONE;
	o.requested_date = HC_DAY_NONE;
	o.id_seed = seed;
	return o;
}

void hand_over(struct hc_store *st, const struct hc_order *ord, const char *const *options,
	       hc_time at, char *id, size_t size)
{
	struct hc_server_result res;
	struct hc_txn_options o = txo(ord->accepted_at);
	struct hc_order q = *ord;
	struct hc_error err;
	int rc;

	hc_server_result_init(&res);
	for (size_t i = 0; options && options[i]; i++)
		hc_strs_push(&res.arena, &q.options, options[i]);
	rc = hc_server_order(st, &o, &q, &res, NULL, &err);
	if (rc)
		report_error(&err);
	assert_int_equal(rc, HC_OK);
	snprintf(id, size, "%s", res.server.id);
	hc_server_result_release(&res);
	hc_server_result_init(&res);
	o = txo(at);
	rc = hc_server_activate(st, &o, id, at, &res, NULL, &err);
	if (rc)
		report_error(&err);
	assert_int_equal(rc, HC_OK);
	hc_server_result_release(&res);
}
