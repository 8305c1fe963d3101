/*
 * test_bandwidth.c - 95th-percentile bandwidth (lib/bandwidth.c, 000 §2.2-2).
 *
 * The percentile is by nearest rank: of N samples sorted ascending, the
 * one at rank ceil(0.95 N) (1-based). Small vectors are worked out by hand
 * below; a property test compares the selection with sorting on thousands
 * of arrays. The sample reader is tested on buffers and on real gzip files
 * written with zlib.
 *
 * November 2026 in JST: 2026-11-01T00:00:00+09:00 = 1793458800 (epoch s),
 * 2026-12-01T00:00:00+09:00 = 1796050800; 30 days = 8640 five-minute slots,
 * the last one starting at 1796050500.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "hostctl/bandwidth.h"
#include "hostctl/util.h"

#include "testutil.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define NOV_START ((hc_time)1793458800)
#define NOV_END ((hc_time)1796050800)

/* ---- hc_percentile95 on vectors worked out by hand ---------------------------- */

static int64_t p95(const int64_t *v, size_t n)
{
	int64_t *w = malloc(n * sizeof(*w));
	int64_t r;

	memcpy(w, v, n * sizeof(*w));
	r = hc_percentile95(w, n);
	free(w);
	return r;
}

/* 1..n scaled, in the order given by `order` (0: ascending, 1: descending,
 * 2: scrambled by the stride 11, coprime with every n used). */
static int64_t p95_of_range(size_t n, int order)
{
	int64_t *v = malloc(n * sizeof(*v));
	int64_t r;

	for (size_t i = 0; i < n; i++) {
		size_t k = order == 0 ? i : order == 1 ? n - 1 - i : (i * 11) % n;

		v[i] = (int64_t)(k + 1) * 1000;
	}
	r = hc_percentile95(v, n);
	free(v);
	return r;
}

static void test_p95_hand_vectors(void **state)
{
	(void)state;
	/* n = 1: rank ceil(0.95) = 1 -> the only value. */
	{
		int64_t v[] = { 42 };

		assert_int_equal(p95(v, 1), 42);
	}
	/* n = 2: rank ceil(1.9) = 2 -> the larger. */
	{
		int64_t v[] = { 20, 10 };

		assert_int_equal(p95(v, 2), 20);
	}
	for (int order = 0; order < 3; order++) {
		/* n = 19: rank ceil(18.05) = 19 -> the maximum, 19000 (nothing dropped). */
		assert_int_equal(p95_of_range(19, order), 19000);
		/* n = 20: rank ceil(19.0) = 19 -> 19000 (the top 1 dropped). */
		assert_int_equal(p95_of_range(20, order), 19000);
		/* n = 21: rank ceil(19.95) = 20 -> 20000. */
		assert_int_equal(p95_of_range(21, order), 20000);
		/* n = 100: rank 95 -> 95000 (the top 5 dropped). */
		assert_int_equal(p95_of_range(100, order), 95000);
		/* n = 101: rank ceil(95.95) = 96 -> 96000 (the top 5 dropped). */
		assert_int_equal(p95_of_range(101, order), 96000);
		/* n = 8640 (a 30-day month): rank 8208 -> 8208000 (432 dropped). */
		assert_int_equal(p95_of_range(8640, order), 8208000);
		/* n = 8928 (31 days): rank ceil(8481.6) = 8482. */
		assert_int_equal(p95_of_range(8928, order), 8482000);
	}
	/* Ties: 18 x 3 and 2 x 9, n = 20, rank 19 -> the 19th of
	 * 3 ... 3 9 9 is 9. */
	{
		int64_t v[20];

		for (size_t i = 0; i < 20; i++)
			v[i] = i == 0 || i == 19 ? 9 : 3;
		assert_int_equal(p95(v, 20), 9);
	}
	/* Ties: 19 x 100 and 1 x 1000, n = 20, rank 19 -> 100 (the spike is
	 * the dropped top 5 %). */
	{
		int64_t v[20];

		for (size_t i = 0; i < 20; i++)
			v[i] = i == 7 ? 1000 : 100;
		assert_int_equal(p95(v, 20), 100);
	}
	/* Ties across the rank: n = 40, rank 38; values 1 x 36, 5 x 3, 9 x 1
	 * sorted: ranks 1-36 are 1, 37-39 are 5, 40 is 9 -> 5. */
	{
		int64_t v[40];

		for (size_t i = 0; i < 40; i++)
			v[i] = i == 0 ? 9 : (i % 13 == 1 ? 5 : 1);
		assert_int_equal(p95(v, 40), 5);
	}
	/* All equal, n = 37: 8. */
	{
		int64_t v[37];

		for (size_t i = 0; i < 37; i++)
			v[i] = 8;
		assert_int_equal(p95(v, 37), 8);
	}
	/* Descending 100 ... 1: rank 95 -> 95. */
	{
		int64_t v[100];

		for (size_t i = 0; i < 100; i++)
			v[i] = 100 - (int64_t)i;
		assert_int_equal(p95(v, 100), 95);
	}
	/* Zeros and one large value, n = 3: rank ceil(2.85) = 3 -> the large one. */
	{
		int64_t v[] = { 0, 5000000000LL, 0 };

		assert_int_equal(p95(v, 3), 5000000000LL);
	}
}

/* ---- property: selection equals sorting ---------------------------------------- */

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t next(void)
{
	/* xorshift64*: fixed seed, the same arrays on every run. */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ULL;
}

static int cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* The reference: sort, take rank r = the least r with 100 r >= 95 n. */
static int64_t reference(const int64_t *v, size_t n)
{
	int64_t *w = malloc(n * sizeof(*w));
	size_t r = 1;
	int64_t x;

	memcpy(w, v, n * sizeof(*w));
	qsort(w, n, sizeof(*w), cmp64);
	while (100 * r < 95 * n)
		r++;
	x = w[r - 1];
	free(w);
	return x;
}

static void check_against_sort(const int64_t *v, size_t n, const char *what)
{
	int64_t *w = malloc(n * sizeof(*w)), *a = malloc(n * sizeof(*a));
	int64_t want = reference(v, n), got;

	memcpy(w, v, n * sizeof(*w));
	got = hc_percentile95(w, n);
	if (got != want)
		fail_msg("%s, n = %zu: got %lld, want %lld", what, n, (long long)got, (long long)want);
	/* It only reorders: the same multiset. */
	memcpy(a, v, n * sizeof(*a));
	qsort(a, n, sizeof(*a), cmp64);
	qsort(w, n, sizeof(*w), cmp64);
	assert_memory_equal(a, w, n * sizeof(*a));
	free(a);
	free(w);
}

enum pattern { RANDOM, SMALL_RANGE, SORTED, REVERSE, EQUAL, ORGAN_PIPE, SAWTOOTH, ALTERNATING,
	       FEW_SPIKES, NPATTERNS };

static const char *const pattern_name[] = { "random", "small-range", "sorted", "reverse", "all-equal",
					    "organ-pipe", "sawtooth", "alternating", "few-spikes" };

static void fill(int64_t *v, size_t n, int p)
{
	for (size_t i = 0; i < n; i++) {
		switch (p) {
		case RANDOM: v[i] = (int64_t)(next() % 10000000000ULL); break;
		case SMALL_RANGE: v[i] = (int64_t)(next() % 4); break;
		case SORTED: v[i] = (int64_t)i * 3; break;
		case REVERSE: v[i] = (int64_t)(n - i) * 3; break;
		case EQUAL: v[i] = 777; break;
		case ORGAN_PIPE: v[i] = (int64_t)(i < n / 2 ? i : n - i); break;
		case SAWTOOTH: v[i] = (int64_t)(i % 17); break;
		case ALTERNATING: v[i] = i % 2 ? 1000000 : 5; break;
		case FEW_SPIKES: v[i] = next() % 50 == 0 ? 900000000 : 100000 + (int64_t)(next() % 1000); break;
		}
	}
}

static void test_p95_equals_sorting(void **state)
{
	int64_t *v = malloc(HC_MAX_SLOTS * sizeof(*v));
	size_t arrays = 0;

	(void)state;
	/* Every pattern at every size 1..300. */
	for (int p = 0; p < NPATTERNS; p++)
		for (size_t n = 1; n <= 300; n++, arrays++) {
			fill(v, n, p);
			check_against_sort(v, n, pattern_name[p]);
		}
	/* Random sizes up to a 31-day month. */
	for (int k = 0; k < 2000; k++, arrays++) {
		size_t n = 1 + (size_t)(next() % (k < 1900 ? 1000 : HC_MAX_SLOTS));
		int p = (int)(next() % NPATTERNS);

		fill(v, n, p);
		check_against_sort(v, n, pattern_name[p]);
	}
	/* Full months of every pattern. */
	for (int p = 0; p < NPATTERNS; p++, arrays += 2) {
		fill(v, 8640, p);
		check_against_sort(v, 8640, pattern_name[p]);
		fill(v, HC_MAX_SLOTS, p);
		check_against_sort(v, HC_MAX_SLOTS, pattern_name[p]);
	}
	assert_true(arrays > 4000);
	free(v);
}

/* ---- the sample reader ----------------------------------------------------------- */

static struct hc_samples *nov(void)
{
	struct hc_samples *s = malloc(sizeof(*s));

	assert_non_null(s);
	hc_samples_reset(s, NOV_START, NOV_END);
	assert_int_equal(s->nslots, 8640);
	return s;
}

static int parse(struct hc_samples *s, const char *text, struct hc_error *err)
{
	hc_error_clear(err);
	return hc_samples_parse(s, text, strlen(text), "samples/x/2026-11.tsv.gz", err);
}

static void test_parse_times_comments_crlf(void **state)
{
	struct hc_samples *s = nov();
	struct hc_error err;
	/* slot 0 by epoch, slot 1 in RFC 3339 JST, slot 2 in RFC 3339 UTC
	 * (2026-10-31T15:10Z = 1 Nov 00:10 JST), slot 3 with CRLF. */
	const char *text = "# samples of web1, 2026-11\n"
			   "\n"
			   "1793458800\t100\t200\n"
			   "# another comment\n"
			   "2026-11-01T00:05:00+09:00\t300\t400\n"
			   "2026-10-31T15:10:00Z\t500\t600\n"
			   "1793459700\t700\t800\r\n"
			   "\r\n"
			   "1793460000\t900\t1000";          /* no final newline */

	(void)state;
	assert_int_equal(parse(s, text, &err), HC_OK);
	assert_int_equal(s->samples, 5);
	assert_int_equal(s->duplicates, 0);
	assert_int_equal(s->outside, 0);
	for (size_t i = 0; i < 5; i++) {
		assert_true(s->present[i]);
		assert_int_equal(s->in[i], 100 + 200 * (int64_t)i);
		assert_int_equal(s->out[i], 200 + 200 * (int64_t)i);
	}
	assert_false(s->present[5]);
	free(s);
}

static void test_parse_duplicates_later_wins(void **state)
{
	struct hc_samples *s = nov();
	struct hc_error err;
	/* Three lines for slot 0 (00:00:00, 00:00:00, 00:04:59), one for slot 1. */
	const char *text = "1793458800\t1\t1\n"
			   "1793459100\t7\t7\n"
			   "1793458800\t2\t3\n"
			   "1793459099\t4\t5\n";
	struct hc_bandwidth_result r;

	(void)state;
	assert_int_equal(parse(s, text, &err), HC_OK);
	assert_int_equal(s->samples, 2);
	assert_int_equal(s->duplicates, 2);
	assert_int_equal(s->in[0], 4);
	assert_int_equal(s->out[0], 5);
	hc_bandwidth_compute(s, &r);
	assert_int_equal(r.duplicates, 2);
	assert_int_equal(r.samples, 2);
	/* n = 2, rank 2: in max(4, 7) = 7, out max(5, 7) = 7. */
	assert_int_equal(r.p95_in, 7);
	free(s);
}

static void test_parse_month_edges(void **state)
{
	struct hc_samples *s = nov();
	struct hc_error err;
	const char *text = "1793458799\t9\t9\n"            /* 1 s before the month: outside */
			   "1793458800\t1\t1\n"            /* the month start: slot 0 */
			   "1796050500\t2\t2\n"            /* the last slot, 8639 */
			   "1796050799\t3\t3\n"            /* 1 s before the end: slot 8639 again */
			   "1796050800\t9\t9\n"            /* the month end: outside */
			   "2026-12-01T00:00:00+09:00\t9\t9\n" /* the same, RFC 3339: outside */
			   "2026-10-31T23:59:59+09:00\t9\t9\n" /* outside */
			   "0\t9\t9\n";                     /* 1970: outside */

	(void)state;
	assert_int_equal(parse(s, text, &err), HC_OK);
	assert_int_equal(s->outside, 5);
	assert_int_equal(s->samples, 2);
	assert_int_equal(s->duplicates, 1);
	assert_true(s->present[0]);
	assert_true(s->present[8639]);
	assert_int_equal(s->in[0], 1);
	assert_int_equal(s->in[8639], 3);
	free(s);
}

/* 100 samples of 8640: the percentile is over the 100 present, the other
 * 8540 are missing (not zeros). */
static void test_missing_slots_left_out(void **state)
{
	struct hc_samples *s = nov();
	struct hc_error err;
	struct hc_buf b = HC_BUF_INIT;
	struct hc_bandwidth_result r;

	(void)state;
	/* Every 50th slot, values 100000 ... 10000000 in, twice that out,
	 * written in descending order. */
	for (int i = 99; i >= 0; i--)
		hc_buf_addf(&b, "%lld\t%d\t%d\n", (long long)(NOV_START + (hc_time)i * 50 * 300), (i + 1) * 100000,
			    (i + 1) * 200000);
	assert_int_equal(parse(s, b.p, &err), HC_OK);
	hc_bandwidth_compute(s, &r);
	assert_int_equal(r.expected, 8640);
	assert_int_equal(r.samples, 100);
	assert_int_equal(r.missing, 8540);
	/* n = 100, rank 95: in 95 * 100000 = 9500000, out 19000000. Were the
	 * missing slots zeros (N = 8640, rank 8208), the answer would be 0. */
	assert_int_equal(r.p95_in, 9500000);
	assert_int_equal(r.p95_out, 19000000);
	assert_int_equal(r.billed, 19000000);
	hc_buf_release(&b);
	free(s);
}

static void test_billed_is_larger_direction(void **state)
{
	struct hc_samples *s = nov();
	struct hc_bandwidth_result r;

	(void)state;
	/* 20 samples: in 1..20 Mbps, out 20 x 3 Mbps. rank 19: in 19 Mbps,
	 * out 3 Mbps -> billed 19 Mbps (in). */
	for (size_t i = 0; i < 20; i++) {
		s->present[i] = 1;
		s->in[i] = (int64_t)(20 - i) * 1000000;
		s->out[i] = 3000000;
	}
	s->samples = 20;
	hc_bandwidth_compute(s, &r);
	assert_int_equal(r.p95_in, 19000000);
	assert_int_equal(r.p95_out, 3000000);
	assert_int_equal(r.billed, 19000000);
	/* The samples stay as read (for pictures). */
	for (size_t i = 0; i < 20; i++)
		assert_int_equal(s->in[i], (int64_t)(20 - i) * 1000000);
	/* Swap: out is the larger. */
	for (size_t i = 0; i < 20; i++) {
		int64_t t = s->in[i];

		s->in[i] = s->out[i];
		s->out[i] = t;
	}
	hc_bandwidth_compute(s, &r);
	assert_int_equal(r.p95_in, 3000000);
	assert_int_equal(r.p95_out, 19000000);
	assert_int_equal(r.billed, 19000000);
	/* Nothing present: zeros. */
	hc_samples_reset(s, NOV_START, NOV_END);
	hc_bandwidth_compute(s, &r);
	assert_int_equal(r.samples, 0);
	assert_int_equal(r.missing, 8640);
	assert_int_equal(r.billed, 0);
	free(s);
}

/* A malformed line: HC_EINVALID at path:line:col. Each text has a comment
 * and a good line first, so the bad one is line 3. */
static void test_malformed_lines(void **state)
{
	static const struct {
		const char *line;
		int col;
		const char *msg;
	} c[] = {
		{ "abc\t1\t2", 1, "bad time" },
		{ "1793458800 1 2", 11, "expected a tab" },         /* space, not tab */
		{ "1793458800", 11, "expected a tab" },             /* time only */
		{ "1793458800\t1", 13, "expected a tab" },          /* missing the second tab */
		{ "1793458800\tx\t2", 12, "bad bits/s in" },        /* the in field */
		{ "1793458800\t-1\t2", 12, "bad bits/s in" },       /* negative */
		{ "1793458800\t\t2", 12, "bad bits/s in" },         /* empty */
		{ "1793458800\t99999999999999999999\t2", 12, "bad bits/s in" },   /* overflow */
		{ "1793458800\t1\tx", 14, "bad bits/s out" },
		{ "1793458800\t1\t", 14, "bad bits/s out" },        /* empty at the end */
		{ "1793458800\t1\t2x", 15, "bad bits/s out" },      /* trailing garbage */
		{ "1793458800\t1\t2\t3", 15, "bad bits/s out" },    /* a fourth field */
		{ "1793458800\t1\t2 ", 15, "bad bits/s out" },      /* a trailing blank */
		{ "2026-13-01T00:00:00+09:00\t1\t2", 1, "bad RFC 3339 time" },
		{ "2026-11-01T00:00:00\t1\t2", 1, "bad RFC 3339 time" },   /* no offset */
		{ " 1793458800\t1\t2", 1, "bad time" },             /* leading blank */
	};

	(void)state;
	for (size_t i = 0; i < NELEM(c); i++) {
		struct hc_samples *s = nov();
		struct hc_error err;
		char text[256];
		int rc;

		snprintf(text, sizeof(text), "# x\n1793458800\t1\t2\n%s\n1793459100\t1\t2\n", c[i].line);
		rc = parse(s, text, &err);
		if (rc != HC_EINVALID || err.line != 3 || err.col != c[i].col || !strstr(err.msg, c[i].msg))
			fail_msg("'%s': rc %d at %d:%d '%s'; want 5 at 3:%d '%s'", c[i].line, rc, err.line,
				 err.col, err.msg, c[i].col, c[i].msg);
		assert_string_equal(err.path, "samples/x/2026-11.tsv.gz");
		free(s);
	}
}

/* A line's limit is 127 bytes (the reader keeps a partial line in 128):
 * a longer line is malformed wherever it falls in the input. The lines
 * below are valid but for their length (leading zeros). */
static void test_long_line(void **state)
{
	char ok[128], longer[129], text[1024];
	struct hc_samples *s = nov();
	struct hc_error err;

	(void)state;
	/* "0...01793458800\t1\t2": 127 bytes. */
	memset(ok, '0', sizeof(ok));
	memcpy(ok + 127 - 14, "1793458800\t1\t2", 14);
	ok[127] = '\0';
	memset(longer, '0', sizeof(longer));
	memcpy(longer + 128 - 14, "1793458800\t1\t2", 14);
	longer[128] = '\0';

	snprintf(text, sizeof(text), "# x\n%s\n", ok);
	assert_int_equal(parse(s, text, &err), HC_OK);
	assert_int_equal(s->samples, 1);
	/* The longer line last, without a newline. */
	snprintf(text, sizeof(text), "# x\n1793459100\t1\t2\n%s", longer);
	assert_int_equal(parse(s, text, &err), HC_EINVALID);
	assert_int_equal(err.line, 3);
	assert_non_null(strstr(err.msg, "too long"));
	/* ... and in the middle. */
	snprintf(text, sizeof(text), "# x\n1793459100\t1\t2\n%s\n1793459400\t1\t2\n", longer);
	assert_int_equal(parse(s, text, &err), HC_EINVALID);
	assert_int_equal(err.line, 3);
	assert_non_null(strstr(err.msg, "too long"));
	free(s);
}

/* ---- files ----------------------------------------------------------------------- */

struct tmpdir {
	char dir[64];
};

static void mkdir_tmp(struct tmpdir *t)
{
	snprintf(t->dir, sizeof(t->dir), "%s/hostctl-test-bw-XXXXXX", tmpdir());
	assert_non_null(mkdtemp(t->dir));
}

static void rm_tmp(struct tmpdir *t)
{
	sh("rm -rf '%s'", t->dir);
}

/* A month of samples: every slot but the first day; in = 1000 * (slot
 * mod 1000), out = 2000 * ((slot * 7) mod 1000). */
static void month_text(struct hc_buf *b)
{
	hc_buf_adds(b, "# generated\n");
	for (size_t slot = 288; slot < 8640; slot++)
		hc_buf_addf(b, "%lld\t%zu\t%zu\n", (long long)(NOV_START + (hc_time)slot * 300),
			    1000 * (slot % 1000), 2000 * (slot * 7 % 1000));
}

static void write_gz(const char *path, const char *data, size_t len)
{
	gzFile gz = gzopen(path, "wb");

	assert_non_null(gz);
	assert_int_equal(gzwrite(gz, data, (unsigned)len), (int)len);
	assert_int_equal(gzclose(gz), Z_OK);
}

static void test_read_gzip(void **state)
{
	struct hc_samples *s = nov(), *t = nov();
	struct hc_buf b = HC_BUF_INIT;
	struct hc_bandwidth_result r, rp;
	struct hc_error err;
	struct tmpdir d;
	char path[128], plain[128];
	FILE *f;

	(void)state;
	mkdir_tmp(&d);
	month_text(&b);
	snprintf(path, sizeof(path), "%s/2026-11.tsv.gz", d.dir);
	write_gz(path, b.p, b.len);
	assert_int_equal(hc_samples_read(s, path, &err), HC_OK);
	assert_int_equal(s->samples, 8352);
	assert_int_equal(s->duplicates, 0);
	assert_int_equal(s->outside, 0);
	assert_false(s->present[287]);
	assert_true(s->present[288]);
	assert_int_equal(s->in[1234], 234000);
	assert_int_equal(s->out[1234], 2000 * (1234 * 7 % 1000));
	hc_bandwidth_compute(s, &r);
	assert_int_equal(r.samples, 8352);
	assert_int_equal(r.missing, 288);
	/* The reader's result equals parsing the same text from memory. */
	assert_int_equal(parse(t, b.p, &err), HC_OK);
	hc_bandwidth_compute(t, &rp);
	assert_int_equal(r.p95_in, rp.p95_in);
	assert_int_equal(r.p95_out, rp.p95_out);
	/* Worked out: in = 1000 * (slot mod 1000) over slots 288..8639.
	 * Over 0..8639 residues 0..639 occur 9 times and 640..999 8 times;
	 * slots 0..287 take one of each of 0..287 away: 0..287 x 8 (2304),
	 * 288..639 x 9 (3168), 640..999 x 8 (2880), N = 8352. Rank
	 * ceil(0.95 * 8352) = ceil(7934.4) = 7935. Ascending, 640..999 hold
	 * ranks 5473..8352, 8 each: rank 7935 is residue 640 + floor((7935 -
	 * 5473) / 8) = 640 + 307 = 947 (ranks 7929..7936) -> 947000. */
	assert_int_equal(r.p95_in, 947000);

	/* A plain (uncompressed) file reads the same. */
	snprintf(plain, sizeof(plain), "%s/plain.tsv", d.dir);
	f = fopen(plain, "w");
	assert_non_null(f);
	fwrite(b.p, 1, b.len, f);
	assert_int_equal(fclose(f), 0);
	hc_samples_reset(t, NOV_START, NOV_END);
	assert_int_equal(hc_samples_read(t, plain, &err), HC_OK);
	assert_int_equal(t->samples, 8352);
	hc_buf_release(&b);
	rm_tmp(&d);
	free(s);
	free(t);
}

/* A long line straddling the reader's 128 KiB chunks, and a bad line
 * far into a gzip file, report the right line. */
static void test_read_gzip_errors_positions(void **state)
{
	struct hc_samples *s = nov();
	struct hc_buf b = HC_BUF_INIT;
	struct hc_error err;
	struct tmpdir d;
	char path[128];
	size_t line = 0;

	(void)state;
	mkdir_tmp(&d);
	snprintf(path, sizeof(path), "%s/x.tsv.gz", d.dir);
	/* 20-byte comment lines up to just before 131072, then a 200-byte line. */
	while (b.len + 20 < 131072 - 50) {
		hc_buf_adds(&b, "# padding padding .\n");
		line++;
	}
	for (int i = 0; i < 200; i++)
		hc_buf_addc(&b, '0');
	hc_buf_adds(&b, "\n1793458800\t1\t2\n");
	write_gz(path, b.p, b.len);
	hc_error_clear(&err);
	assert_int_equal(hc_samples_read(s, path, &err), HC_EINVALID);
	assert_int_equal(err.line, (int)line + 1);
	assert_non_null(strstr(err.msg, "too long"));
	assert_string_equal(err.path, path);

	/* A bad number on line 5001 of a 300 KB file. */
	hc_buf_reset(&b);
	for (int i = 0; i < 5000; i++)
		hc_buf_addf(&b, "%lld\t%d\t%d\n", (long long)(NOV_START + (hc_time)i * 300), i, i);
	hc_buf_adds(&b, "1796000000\t12x\t1\n");
	write_gz(path, b.p, b.len);
	hc_samples_reset(s, NOV_START, NOV_END);
	assert_int_equal(hc_samples_read(s, path, &err), HC_EINVALID);
	assert_int_equal(err.line, 5001);
	assert_int_equal(err.col, 14);
	hc_buf_release(&b);
	rm_tmp(&d);
	free(s);
}

static void test_read_truncated_and_missing(void **state)
{
	struct hc_samples *s = nov();
	struct hc_buf b = HC_BUF_INIT;
	struct hc_error err;
	struct tmpdir d;
	char path[128];
	FILE *f;
	long size;

	(void)state;
	mkdir_tmp(&d);
	snprintf(path, sizeof(path), "%s/2026-11.tsv.gz", d.dir);
	month_text(&b);
	write_gz(path, b.p, b.len);
	f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fclose(f);
	/* Cut in the middle of the deflate stream: an error, not a crash, and
	 * not a partial month taken for the whole. */
	assert_int_equal(truncate(path, size / 2), 0);
	hc_error_clear(&err);
	assert_int_equal(hc_samples_read(s, path, &err), HC_EINVALID);
	assert_string_equal(err.path, path);
	assert_non_null(strstr(err.msg, "gzip"));
	/* Cut right after a flush point that ends a line: the text read so far
	 * is whole lines (half a month), so only the stream can tell. */
	{
		gzFile gz = gzopen(path, "wb");
		size_t half = b.len / 2;
		long off;

		while (b.p[half - 1] != '\n')
			half--;
		assert_non_null(gz);
		assert_int_equal(gzwrite(gz, b.p, (unsigned)half), (int)half);
		assert_int_equal(gzflush(gz, Z_SYNC_FLUSH), Z_OK);
		off = (long)gzoffset(gz);
		assert_int_equal(gzwrite(gz, b.p + half, (unsigned)(b.len - half)), (int)(b.len - half));
		assert_int_equal(gzclose(gz), Z_OK);
		assert_int_equal(truncate(path, off), 0);
	}
	hc_samples_reset(s, NOV_START, NOV_END);
	assert_int_equal(hc_samples_read(s, path, &err), HC_EINVALID);
	assert_non_null(strstr(err.msg, "gzip"));
	/* Cut inside the 8-byte trailer (CRC and length): still an error. */
	write_gz(path, b.p, b.len);
	assert_int_equal(truncate(path, size - 4), 0);
	hc_samples_reset(s, NOV_START, NOV_END);
	assert_int_equal(hc_samples_read(s, path, &err), HC_EINVALID);
	/* Only the gzip header. */
	assert_int_equal(truncate(path, 10), 0);
	hc_samples_reset(s, NOV_START, NOV_END);
	assert_true(hc_samples_read(s, path, &err) != HC_OK);
	/* No file. */
	snprintf(path, sizeof(path), "%s/2026-12.tsv.gz", d.dir);
	hc_samples_reset(s, NOV_START, NOV_END);
	assert_int_equal(hc_samples_read(s, path, &err), HC_ENOTFOUND);
	hc_buf_release(&b);
	rm_tmp(&d);
	free(s);
}

/* 31 days are 8928 slots, 29 days 8352. */
static void test_reset_slots(void **state)
{
	struct hc_samples *s = malloc(sizeof(*s));

	(void)state;
	hc_samples_reset(s, 1796050800, 1796050800 + 31 * 86400);
	assert_int_equal(s->nslots, 8928);
	hc_samples_reset(s, 1801234800, 1801234800 + 29 * 86400);
	assert_int_equal(s->nslots, 8352);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_p95_hand_vectors),
		cmocka_unit_test(test_p95_equals_sorting),
		cmocka_unit_test(test_parse_times_comments_crlf),
		cmocka_unit_test(test_parse_duplicates_later_wins),
		cmocka_unit_test(test_parse_month_edges),
		cmocka_unit_test(test_missing_slots_left_out),
		cmocka_unit_test(test_billed_is_larger_direction),
		cmocka_unit_test(test_malformed_lines),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_read_gzip),
		cmocka_unit_test(test_read_gzip_errors_positions),
		cmocka_unit_test(test_read_truncated_and_missing),
		cmocka_unit_test(test_reset_slots),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
