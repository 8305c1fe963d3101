/*
 * test_store.c - the state directory: init, safe reads, transactions, the
 * journal, the lock, claims, address allocation, validate.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <zlib.h>

#include "hostctl/claim.h"
#include "hostctl/customer.h"
#include "hostctl/diff.h"
#include "hostctl/kinds.h"
#include "hostctl/server.h"
#include "hostctl/store.h"
#include "hostctl/validate.h"

#include "testutil.h"

struct fixture {
	char dir[256];
	struct hc_store st;
};

static char *read_file(const char *dir, const char *rel)
{
	char path[512];
	static char buf[65536];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	f = fopen(path, "r");
	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	state_new(fx->dir, sizeof(fx->dir), "store", &fx->st);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	state_remove(&fx->st, fx->dir);
	free(fx);
	return 0;
}

static struct hc_txn *begin(struct fixture *fx, bool dry_run)
{
	struct hc_txn_options o;
	struct hc_txn *t = NULL;
	struct hc_error err;
	static char *argv[] = { "test", "--flag" };

	memset(&o, 0, sizeof(o));
	o.verb = "test change";
	o.argc = 2;
	o.argv = argv;
	o.operator_name = "tester";
	o.now = 1795000000;     /* 2026-11-18T... UTC */
	o.dry_run = dry_run;
	o.no_wait = true;
	assert_int_equal(hc_txn_begin(&fx->st, &o, &t, &err), HC_OK);
	return t;
}

/* ---- init and open -------------------------------------------------------- */

static void test_init_refuses_existing_state(void **state)
{
	struct fixture *fx = *state;
	struct hc_error err;

	assert_int_equal(hc_state_init(fx->dir, NULL, 0, NULL, &err), HC_ECONFLICT);
	assert_non_null(strstr(err.msg, "already holds a hostctl state"));
}

static void test_init_profile_brings_its_rescue_profile(void **state)
{
	char dir[] = "/tmp/hostctl-test-init-XXXXXX";
	const char *profiles[] = { "clara-jp6" };
	struct hc_store st;
	struct hc_error err;
	const struct hc_catalog *cat;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(hc_state_init(dir, profiles, 1, NULL, &err), HC_OK);
	assert_int_equal(hc_store_open(&st, dir, &err), HC_OK);
	assert_int_equal(hc_store_catalog(&st, &cat, &err), HC_OK);
	assert_int_equal(cat->n, 2);
	assert_non_null(hc_catalog_profile(cat, "clara-jp6"));
	assert_non_null(hc_catalog_profile(cat, "clara-rescue"));
	hc_store_release(&st);
	sh("rm -rf '%s'", dir);
}

static void test_init_unknown_profile(void **state)
{
	char dir[] = "/tmp/hostctl-test-init-XXXXXX";
	const char *profiles[] = { "no-such" };
	struct hc_error err;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(hc_state_init(dir, profiles, 1, NULL, &err), HC_ENOTFOUND);
	assert_non_null(strstr(err.msg, "no built-in profile 'no-such'"));
	assert_null(read_file(dir, "hostctl.yaml"));
	sh("rm -rf '%s'", dir);
}

static void test_open_reads_config(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(fx->st.utc_offset_min, 540);
	assert_true(fx->st.cal.has_closure);
	assert_int_equal(fx->st.cal.closure_from_month, 12);
	assert_int_equal(fx->st.cal.closure_to_day, 3);
	assert_true(fx->st.config.pools.n > 0);
}

static void test_find_walks_up(void **state)
{
	struct fixture *fx = *state;
	char sub[512], *root = NULL;
	struct hc_error err;

	snprintf(sub, sizeof(sub), "%s/catalog", fx->dir);
	assert_int_equal(hc_store_find(sub, &root, &err), HC_OK);
	assert_string_equal(root, fx->st.root);
	free(root);
	assert_int_equal(hc_store_find("/", &root, &err), HC_ENOTFOUND);
}

/* ---- safe reads --------------------------------------------------------- */

static void test_path_validation(void **state)
{
	(void)state;
	assert_true(hc_store_path_valid("servers/a.yaml"));
	assert_false(hc_store_path_valid("../x"));
	assert_false(hc_store_path_valid("servers/../../etc/passwd"));
	assert_false(hc_store_path_valid("/etc/passwd"));
	assert_false(hc_store_path_valid("a//b"));
	assert_false(hc_store_path_valid("a/./b"));
	assert_false(hc_store_path_valid(""));
	assert_false(hc_store_path_valid("a/b\n"));
}

static void test_symlinks_refused(void **state)
{
	struct fixture *fx = *state;
	struct hc_buf buf = HC_BUF_INIT;
	struct hc_error err;

	sh("mkdir -p '%s/servers' && ln -s /etc/passwd '%s/servers/x.yaml'", fx->dir, fx->dir);
	assert_int_equal(hc_store_read(&fx->st, "servers/x.yaml", &buf, &err), HC_EINVALID);
	assert_non_null(strstr(err.msg, "symbolic links"));
	assert_int_equal(err.line, 1);
	/* A symlinked directory is refused too. */
	sh("mkdir -p /tmp/hostctl-test-outside && echo 'id: x' > /tmp/hostctl-test-outside/y.yaml");
	sh("ln -s /tmp/hostctl-test-outside '%s/customers'", fx->dir);
	assert_int_equal(hc_store_read(&fx->st, "customers/y.yaml", &buf, &err), HC_EINVALID);
	sh("rm -rf /tmp/hostctl-test-outside");
	hc_buf_release(&buf);
}

static void test_oversized_file_refused(void **state)
{
	struct fixture *fx = *state;
	struct hc_buf buf = HC_BUF_INIT;
	struct hc_error err;

	sh("mkdir -p '%s/servers' && head -c 2000000 /dev/zero > '%s/servers/big.yaml'", fx->dir,
	   fx->dir);
	assert_int_equal(hc_store_read(&fx->st, "servers/big.yaml", &buf, &err), HC_EINVALID);
	assert_non_null(strstr(err.msg, "exceeds the limit"));
	assert_string_equal(err.path, "servers/big.yaml");
	hc_buf_release(&buf);
}

/* Writes a customer of n bytes to relpath: id and name, then comment
 * lines of 64 bytes, the last one cut to fit. */
static void write_sized(const char *dir, const char *relpath, const char *id, size_t n)
{
	char path[512];
	FILE *f;
	size_t head, used;

	snprintf(path, sizeof(path), "%s/%s", dir, relpath);
	f = fopen(path, "w");
	assert_non_null(f);
	head = used = (size_t)fprintf(f, "id: %s\nname: N\n", id);
	for (; used < n; used++) {
		size_t pos = (used - head) % 64;

		fputc(used + 1 == n || pos == 63 ? '\n' : pos == 0 ? '#' : 'x', f);
	}
	assert_int_equal(fclose(f), 0);
}

static void test_read_sizes_and_reused_buffer(void **state)
{
	/* Around the sizes hc_store_read() sizes its buffer by (4096, the
	 * fstat size, a 64 KiB step) and the cap, and a load after a larger
	 * one, which reuses the store's read buffer, sees only its own file. */
	static const size_t sizes[] = { 20, 4095, 4096, 4097, 65535, 65536, 65537, 30, 300000,
					HC_RECORD_MAX_BYTES, 100 };
	struct fixture *fx = *state;
	struct hc_buf buf = HC_BUF_INIT;
	struct hc_error err;

	sh("mkdir -p '%s/customers'", fx->dir);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		struct hc_customer c;
		struct hc_arena a;
		char id[32], rel[64];

		snprintf(id, sizeof(id), "c%zu", i);
		snprintf(rel, sizeof(rel), "customers/%s.yaml", id);
		write_sized(fx->dir, rel, id, sizes[i]);
		assert_int_equal(hc_store_read(&fx->st, rel, &buf, &err), HC_OK);
		assert_int_equal(buf.len, sizes[i]);
		assert_int_equal(strlen(buf.p), sizes[i]);
		hc_arena_init(&a);
		if (hc_store_load(&fx->st, &hc_customer_schema, rel, &c, &a, &err) != HC_OK)
			fail_msg("%s (%zu bytes): %s", rel, sizes[i], err.msg);
		assert_string_equal(c.id, id);
		hc_arena_release(&a);
	}
	write_sized(fx->dir, "customers/over.yaml", "over", HC_RECORD_MAX_BYTES + 1);
	assert_int_equal(hc_store_read(&fx->st, "customers/over.yaml", &buf, &err), HC_EINVALID);
	assert_non_null(strstr(err.msg, "exceeds the limit"));
	hc_buf_release(&buf);
}

static void test_list_skips_temp_and_reports_bad_names(void **state)
{
	struct fixture *fx = *state;
	struct hc_arena a;
	struct hc_strs ids, bad;
	struct hc_error err;

	sh("mkdir -p '%s/customers' && cd '%s/customers' && touch b.yaml a.yaml .a.yaml.hctmp "
	   "notes.txt -- -x.yaml", fx->dir, fx->dir);
	hc_arena_init(&a);
	memset(&bad, 0, sizeof(bad));
	assert_int_equal(hc_store_list(&fx->st, "customers", &ids, &a, &bad, &err), HC_OK);
	assert_int_equal(ids.n, 2);
	assert_string_equal(ids.v[0], "a");
	assert_string_equal(ids.v[1], "b");
	assert_int_equal(bad.n, 2);
	assert_int_equal(hc_store_list(&fx->st, "nothing-here", &ids, &a, NULL, &err), HC_OK);
	assert_int_equal(ids.n, 0);
	hc_arena_release(&a);
}

/* ---- transactions ---------------------------------------------------------- */

static void test_commit_writes_and_audits(void **state)
{
	struct fixture *fx = *state;
	struct hc_buf report = HC_BUF_INIT;
	struct hc_error err;
	struct hc_txn *t = begin(fx, false);
	char *audit;

	assert_int_equal(hc_txn_put(t, "customers/acme.yaml", "id: acme\nname: Acme\n", 20, 0, &err),
			 HC_OK);
	assert_int_equal(hc_txn_commit(t, &report, &err), HC_OK);
	hc_txn_free(t);
	assert_string_equal(report.p, "A customers/acme.yaml\n");
	assert_string_equal(read_file(fx->dir, "customers/acme.yaml"), "id: acme\nname: Acme\n");
	/* 1795000000 is 2026-11-18 in JST. */
	audit = read_file(fx->dir, "audit/2026-11-18.jsonl");
	assert_non_null(audit);
	assert_non_null(strstr(audit, "\"operator\":\"tester\""));
	assert_non_null(strstr(audit, "\"verb\":\"test change\""));
	assert_non_null(strstr(audit, "\"args\":[\"test\",\"--flag\"]"));
	assert_non_null(strstr(audit, "\"changes\":[\"W customers/acme.yaml\"]"));
	assert_null(read_file(fx->dir, ".hostctl/journal"));
	hc_buf_release(&report);
}

static void test_unchanged_record_is_not_rewritten(void **state)
{
	struct fixture *fx = *state;
	struct hc_buf report = HC_BUF_INIT;
	struct hc_error err;
	struct stat before, after;
	char path[512];
	struct hc_txn *t = begin(fx, false);

	assert_int_equal(hc_txn_put(t, "customers/acme.yaml", "id: acme\nname: Acme\n", 20, 0, &err),
			 HC_OK);
	assert_int_equal(hc_txn_commit(t, NULL, &err), HC_OK);
	hc_txn_free(t);
	snprintf(path, sizeof(path), "%s/customers/acme.yaml", fx->dir);
	assert_int_equal(stat(path, &before), 0);

	t = begin(fx, false);
	assert_int_equal(hc_txn_put(t, "customers/acme.yaml", "id: acme\nname: Acme\n", 20, 0, &err),
			 HC_OK);
	assert_int_equal(hc_txn_commit(t, &report, &err), HC_OK);
	hc_txn_free(t);
	assert_int_equal(stat(path, &after), 0);
	assert_int_equal(before.st_ino, after.st_ino);
	assert_string_equal(report.p, "");
	/* Only the first change was audited. */
	{
		char *audit = read_file(fx->dir, "audit/2026-11-18.jsonl");
		int lines = 0;

		for (char *p = audit; *p; p++)
			lines += *p == '\n';
		assert_int_equal(lines, 1);
	}
	hc_buf_release(&report);
}

static void test_txn_reads_its_own_writes_and_deletes(void **state)
{
	struct fixture *fx = *state;
	struct hc_buf buf = HC_BUF_INIT, report = HC_BUF_INIT;
	struct hc_error err;
	struct hc_txn *t = begin(fx, false);

	write_file(fx->dir, "hostctl-scratch", "");
	assert_int_equal(hc_txn_put(t, "customers/a.yaml", "x\n", 2, 0, &err), HC_OK);
	assert_int_equal(hc_txn_read(t, "customers/a.yaml", &buf, &err), HC_OK);
	assert_string_equal(buf.p, "x\n");
	assert_true(hc_txn_exists(t, "customers/a.yaml"));
	assert_int_equal(hc_txn_delete(t, "customers/a.yaml", &err), HC_OK);
	assert_false(hc_txn_exists(t, "customers/a.yaml"));
	assert_int_equal(hc_txn_read(t, "customers/a.yaml", &buf, &err), HC_ENOTFOUND);
	assert_int_equal(hc_txn_commit(t, &report, &err), HC_OK);
	assert_string_equal(report.p, "");        /* created and deleted: nothing */
	hc_txn_free(t);
	/* The runtime directory is never a target. */
	t = begin(fx, false);
	assert_int_equal(hc_txn_put(t, ".hostctl/journal", "x", 1, 0, &err), HC_EUSAGE);
	assert_int_equal(hc_txn_put(t, "../escape", "x", 1, 0, &err), HC_EUSAGE);
	hc_txn_free(t);
	hc_buf_release(&buf);
	hc_buf_release(&report);
}

static void test_dry_run_writes_nothing_and_diffs(void **state)
{
	struct fixture *fx = *state;
	struct hc_buf report = HC_BUF_INIT;
	struct hc_error err;
	struct hc_txn *t = begin(fx, true);

	assert_int_equal(hc_txn_put(t, "customers/acme.yaml", "id: acme\n", 9, 0, &err), HC_OK);
	assert_int_equal(hc_txn_commit(t, &report, &err), HC_OK);
	hc_txn_free(t);
	assert_string_equal(report.p, "--- /dev/null\n+++ b/customers/acme.yaml\n@@ -0,0 +1,1 @@\n"
				      "+id: acme\n");
	assert_null(read_file(fx->dir, "customers/acme.yaml"));
	assert_null(read_file(fx->dir, "audit/2026-11-18.jsonl"));
	/* A dry run takes no lock. */
	assert_null(read_file(fx->dir, ".hostctl/lock"));
	hc_buf_release(&report);
}

/* ---- the journal ---------------------------------------------------------- */

static void write_journal(const char *dir, const char *body, bool good_crc)
{
	char text[4096];
	uLong crc = crc32(0L, (const Bytef *)body, (uInt)strlen(body));

	snprintf(text, sizeof(text), "%send %08lx\n", body, good_crc ? crc : crc ^ 1);
	sh("mkdir -p '%s/.hostctl'", dir);
	write_file(dir, ".hostctl/journal", text);
}

static void test_journal_is_rolled_forward_on_open(void **state)
{
	struct fixture *fx = *state;
	struct hc_store st;
	struct hc_error err;

	sh("mkdir -p '%s/audit' && printf 'old\\ntorn-li' > '%s/audit/2026-11-18.jsonl'", fx->dir,
	   fx->dir);
	write_file(fx->dir, "customers-gone.yaml", "bye\n");
	write_journal(fx->dir,
		      "hostctl-journal 1\n"
		      "put 644 9 customers/acme.yaml\nid: acme\n\n"
		      "del customers-gone.yaml\n"
		      "append 4 8 audit/2026-11-18.jsonl\n{\"a\":1}\n\n",
		      true);
	assert_int_equal(hc_store_open(&st, fx->dir, &err), HC_OK);
	assert_true(st.recovered);
	assert_string_equal(read_file(fx->dir, "customers/acme.yaml"), "id: acme\n");
	assert_null(read_file(fx->dir, "customers-gone.yaml"));
	/* The torn tail after offset 4 is replaced by the recorded line. */
	assert_string_equal(read_file(fx->dir, "audit/2026-11-18.jsonl"), "old\n{\"a\":1}\n");
	assert_null(read_file(fx->dir, ".hostctl/journal"));
	hc_store_release(&st);
	/* Replaying twice is harmless: open again, nothing to do. */
	assert_int_equal(hc_store_open(&st, fx->dir, &err), HC_OK);
	assert_false(st.recovered);
	hc_store_release(&st);
}

static void test_damaged_journal_is_an_error(void **state)
{
	struct fixture *fx = *state;
	struct hc_store st;
	struct hc_error err;

	write_journal(fx->dir, "hostctl-journal 1\nput 644 9 customers/acme.yaml\nid: acme\n\n",
		      false);
	assert_int_equal(hc_store_open(&st, fx->dir, &err), HC_EIO);
	assert_non_null(strstr(err.msg, "damaged"));
	assert_null(read_file(fx->dir, "customers/acme.yaml"));
	/* A journal that would write outside the state is damaged too. */
	write_journal(fx->dir, "hostctl-journal 1\nput 644 2 ../escape\nx\n\n", true);
	assert_int_equal(hc_store_open(&st, fx->dir, &err), HC_EIO);
	sh("test ! -e '%s/../escape'", fx->dir);
	sh("rm -f '%s/.hostctl/journal'", fx->dir);
}

/* ---- the lock ------------------------------------------------------------ */

static void test_lock_held_then_released_by_death(void **state)
{
	struct fixture *fx = *state;
	struct hc_txn_options o;
	struct hc_txn *t;
	struct hc_error err;
	int ready[2];
	pid_t pid;
	char c;

	assert_int_equal(pipe(ready), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct hc_txn *ct = begin(fx, false);

		(void)ct;
		(void)!write(ready[1], "x", 1);
		pause();
		_exit(0);
	}
	assert_int_equal(read(ready[0], &c, 1), 1);
	memset(&o, 0, sizeof(o));
	o.verb = "second";
	o.now = 1795000000;
	o.no_wait = true;
	assert_int_equal(hc_txn_begin(&fx->st, &o, &t, &err), HC_ECONFLICT);
	assert_non_null(strstr(err.msg, "locked by pid"));
	assert_non_null(strstr(err.msg, "test change"));
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	/* The kernel dropped the dead holder's lock: no stale lock. */
	assert_int_equal(hc_txn_begin(&fx->st, &o, &t, &err), HC_OK);
	hc_txn_free(t);
	close(ready[0]);
	close(ready[1]);
}

/* ---- claims ---------------------------------------------------------------- */

static void test_claims_take_conflict_release(void **state)
{
	struct fixture *fx = *state;
	struct hc_buf owner = HC_BUF_INIT;
	struct hc_error err;
	struct hc_txn *t = begin(fx, false);

	assert_int_equal(hc_claim_take(t, HC_CLAIM_HOSTNAME, "sv1.example.jp", "servers/a.yaml", &err),
			 HC_OK);
	assert_int_equal(hc_claim_take(t, HC_CLAIM_HOSTNAME, "sv1.example.jp", "servers/a.yaml", &err),
			 HC_OK);
	assert_int_equal(hc_claim_take(t, HC_CLAIM_HOSTNAME, "sv1.example.jp", "servers/b.yaml", &err),
			 HC_ECONFLICT);
	assert_non_null(strstr(err.msg, "already claimed by 'servers/a.yaml'"));
	assert_int_equal(hc_txn_commit(t, NULL, &err), HC_OK);
	hc_txn_free(t);
	assert_string_equal(read_file(fx->dir, "claims/hostname/sv1.example.jp"), "servers/a.yaml\n");

	t = begin(fx, false);
	assert_int_equal(hc_claim_owner(t, HC_CLAIM_HOSTNAME, "sv1.example.jp", &owner, &err), HC_OK);
	assert_string_equal(owner.p, "servers/a.yaml");
	assert_int_equal(hc_claim_release(t, HC_CLAIM_HOSTNAME, "sv1.example.jp", "servers/b.yaml",
					  &err), HC_ECONFLICT);
	assert_int_equal(hc_claim_release(t, HC_CLAIM_HOSTNAME, "sv1.example.jp", "servers/a.yaml",
					  &err), HC_OK);
	assert_int_equal(hc_txn_commit(t, NULL, &err), HC_OK);
	hc_txn_free(t);
	assert_null(read_file(fx->dir, "claims/hostname/sv1.example.jp"));
	/* Values that cannot be file names are refused. */
	t = begin(fx, false);
	assert_int_equal(hc_claim_take(t, HC_CLAIM_IP, "../../etc", "servers/a.yaml", &err), HC_EUSAGE);
	assert_int_equal(hc_claim_take(t, HC_CLAIM_IP, "a/b", "servers/a.yaml", &err), HC_EUSAGE);
	hc_txn_free(t);
	hc_buf_release(&owner);
}

static void test_allocate_ip_unique_and_exhausts(void **state)
{
	struct fixture *fx = *state;
	struct hc_error err;
	struct hc_txn *t;
	char seen[300][16];
	size_t n = 0;
	int rc;

	/* A small pool: a /29 has 6 host addresses, one excluded. */
	write_file(fx->dir, "hostctl.yaml",
		   "version: 1\nutc_offset: \"+09:00\"\nprofiles: [smartconnect-managed]\n"
		   "hostname_domain: example.jp\npools:\n"
		   "  - {name: p, profile: smartconnect-managed, region: osaka, family: global,"
		   " cidr: 192.0.2.0/29, exclude: [192.0.2.1]}\n");
	hc_store_release(&fx->st);
	assert_int_equal(hc_store_open(&fx->st, fx->dir, &err), HC_OK);
	t = begin(fx, false);
	for (;;) {
		char seed[32], ip[16];

		snprintf(seed, sizeof(seed), "server-%zu", n);
		rc = hc_claim_allocate_ip(t, HC_POOL_GLOBAL, "smartconnect-managed", "osaka", seed,
					  "servers/x.yaml", ip, &err);
		if (rc)
			break;
		for (size_t i = 0; i < n; i++)
			assert_string_not_equal(seen[i], ip);
		assert_string_not_equal(ip, "192.0.2.1");
		assert_string_not_equal(ip, "192.0.2.0");
		assert_string_not_equal(ip, "192.0.2.7");
		memcpy(seen[n++], ip, 16);
	}
	assert_int_equal(rc, HC_EREFUSED);
	assert_non_null(strstr(err.msg, "full"));
	assert_int_equal(n, 5);
	rc = hc_claim_allocate_ip(t, HC_POOL_GLOBAL, "smartconnect-managed", "tokyo", "s", "servers/x.yaml",
				  seen[0], &err);
	assert_int_equal(rc, HC_EREFUSED);
	assert_non_null(strstr(err.msg, "no global address pool"));
	hc_txn_free(t);
}

/* ---- validate and locate ----------------------------------------------------- */

static const char server_yaml[] =
	"id: 6f1c1e2a-1111-4222-8333-444455556666\n"
	"customer: acme\n"
	"profile: smartconnect-managed\n"
	"plan: A\n"
	"os: centos-6\n"
	"region: osaka\n"
	"hostname: sv1.example.jp\n"
	"status: active\n"
	"global_ips:\n"
	"  - 198.18.64.10\n"
	"ordered_at: 2026-11-02T10:00:00+09:00\n";

static void test_validate_claims_both_ways(void **state)
{
	struct fixture *fx = *state;
	struct hc_errors problems;
	struct hc_error err;
	size_t records, claims;

	sh("mkdir -p '%s/servers' '%s/customers' '%s/claims/hostname' '%s/claims/ip'", fx->dir, fx->dir,
	   fx->dir, fx->dir);
	write_file(fx->dir, "customers/acme.yaml", "id: acme\nname: Acme\n");
	write_file(fx->dir, "servers/6f1c1e2a-1111-4222-8333-444455556666.yaml", server_yaml);
	write_file(fx->dir, "claims/hostname/sv1.example.jp",
		   "servers/6f1c1e2a-1111-4222-8333-444455556666.yaml\n");
	write_file(fx->dir, "claims/ip/198.18.64.10",
		   "servers/6f1c1e2a-1111-4222-8333-444455556666.yaml\n");
	sh("mkdir -p '%s/index/servers-by-customer/acme'", fx->dir);
	write_file(fx->dir, "index/servers-by-customer/acme/6f1c1e2a-1111-4222-8333-444455556666",
		   "servers/6f1c1e2a-1111-4222-8333-444455556666.yaml\n");
	hc_errors_init(&problems);
	assert_int_equal(hc_state_validate(&fx->st, &problems, &records, &claims, &err), HC_OK);
	assert_int_equal(records, 2);
	assert_int_equal(claims, 2);
	hc_errors_release(&problems);

	/* An orphan claim, and a server whose address claim names another owner. */
	write_file(fx->dir, "claims/ip/198.18.64.11", "servers/gone.yaml\n");
	write_file(fx->dir, "claims/ip/198.18.64.10", "servers/other.yaml\n");
	hc_errors_init(&problems);
	assert_int_equal(hc_state_validate(&fx->st, &problems, NULL, NULL, &err), HC_EINVALID);
	assert_int_equal(problems.n, 2);
	assert_string_equal(problems.v[0].path, "claims/ip/198.18.64.10");
	assert_string_equal(problems.v[1].path, "claims/ip/198.18.64.11");
	hc_errors_release(&problems);
}

static void test_validate_reports_position_of_corruption(void **state)
{
	struct fixture *fx = *state;
	struct hc_errors problems;
	struct hc_error err;

	sh("mkdir -p '%s/customers'", fx->dir);
	write_file(fx->dir, "customers/acme.yaml", "id: acme\nname: Acme\ncolour: red\n");
	hc_errors_init(&problems);
	assert_int_equal(hc_state_validate(&fx->st, &problems, NULL, NULL, &err), HC_EINVALID);
	assert_int_equal(problems.n, 1);
	assert_string_equal(problems.v[0].path, "customers/acme.yaml");
	assert_int_equal(problems.v[0].line, 3);
	assert_int_equal(problems.v[0].col, 1);
	assert_non_null(strstr(problems.v[0].msg, "unknown key 'colour'"));
	hc_errors_release(&problems);
}

static void test_locate_by_prefix(void **state)
{
	struct fixture *fx = *state;
	const struct hc_kind *k;
	struct hc_error err;
	char path[256];

	sh("mkdir -p '%s/servers'", fx->dir);
	write_file(fx->dir, "servers/6f1c1e2a-1111-4222-8333-444455556666.yaml", server_yaml);
	write_file(fx->dir, "servers/6f1c9999-1111-4222-8333-444455556666.yaml", server_yaml);
	assert_int_equal(hc_kind_locate(&fx->st, "6f1c1e", &k, path, sizeof(path), &err), HC_OK);
	assert_string_equal(k->name, "server");
	assert_string_equal(path, "servers/6f1c1e2a-1111-4222-8333-444455556666.yaml");
	assert_int_equal(hc_kind_locate(&fx->st, "6f1c", &k, path, sizeof(path), &err), HC_EUSAGE);
	assert_non_null(strstr(err.msg, "ambiguous"));
	assert_int_equal(hc_kind_locate(&fx->st, "abc", &k, path, sizeof(path), &err), HC_ENOTFOUND);
	assert_int_equal(hc_kind_locate(&fx->st, "../x", &k, path, sizeof(path), &err), HC_EUSAGE);
}

/* ---- diff ---------------------------------------------------------------- */

static void test_diff_hunks(void **state)
{
	struct hc_buf out = HC_BUF_INIT;
	const char *a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
	const char *b = "1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11\neleven-b\n12\n";

	(void)state;
	hc_diff_unified(a, strlen(a), b, strlen(b), "f", &out);
	assert_string_equal(out.p, "--- a/f\n+++ b/f\n"
				   "@@ -1,6 +1,6 @@\n 1\n 2\n-3\n+three\n 4\n 5\n 6\n"
				   "@@ -9,4 +9,5 @@\n 9\n 10\n 11\n+eleven-b\n 12\n");
	hc_buf_reset(&out);
	hc_diff_unified(a, strlen(a), a, strlen(a), "f", &out);
	assert_string_equal(out.p, "");
	hc_diff_unified("x\n", 2, NULL, 0, "f", &out);
	assert_string_equal(out.p, "--- a/f\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-x\n");
	hc_buf_release(&out);
}

static void test_record_path(void **state)
{
	char buf[32];
	struct hc_error err;

	(void)state;
	assert_int_equal(hc_record_path("servers", "abc", buf, sizeof(buf), &err), HC_OK);
	assert_string_equal(buf, "servers/abc.yaml");
	/* Exactly fits: 7 + 1 + 18 + 5 + NUL = 32. */
	assert_int_equal(hc_record_path("servers", "abcdefghijklmnopqr", buf, sizeof(buf), &err),
			 HC_OK);
	assert_string_equal(buf, "servers/abcdefghijklmnopqr.yaml");
	assert_int_equal(hc_record_path("servers", "abcdefghijklmnopqrs", buf, sizeof(buf), &err),
			 HC_EUSAGE);
	assert_non_null(strstr(err.msg, "too long"));
	assert_int_equal(hc_record_path("servers", "../x", buf, sizeof(buf), &err), HC_EUSAGE);
	assert_int_equal(hc_record_path("servers", "", buf, sizeof(buf), &err), HC_EUSAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_init_refuses_existing_state, setup, teardown),
		cmocka_unit_test(test_init_profile_brings_its_rescue_profile),
		cmocka_unit_test(test_init_unknown_profile),
		cmocka_unit_test_setup_teardown(test_open_reads_config, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find_walks_up, setup, teardown),
		cmocka_unit_test(test_path_validation),
		cmocka_unit_test_setup_teardown(test_symlinks_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_oversized_file_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_sizes_and_reused_buffer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_skips_temp_and_reports_bad_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_commit_writes_and_audits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unchanged_record_is_not_rewritten, setup, teardown),
		cmocka_unit_test_setup_teardown(test_txn_reads_its_own_writes_and_deletes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dry_run_writes_nothing_and_diffs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_journal_is_rolled_forward_on_open, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged_journal_is_an_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lock_held_then_released_by_death, setup, teardown),
		cmocka_unit_test_setup_teardown(test_claims_take_conflict_release, setup, teardown),
		cmocka_unit_test_setup_teardown(test_allocate_ip_unique_and_exhausts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_validate_claims_both_ways, setup, teardown),
		cmocka_unit_test_setup_teardown(test_validate_reports_position_of_corruption, setup, teardown),
		cmocka_unit_test_setup_teardown(test_locate_by_prefix, setup, teardown),
		cmocka_unit_test(test_diff_hunks),
		cmocka_unit_test(test_record_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
