/*
 * fuzz_samples.c - libFuzzer harness for the bandwidth sample reader
 * (tests/fuzz.sh).
 *
 * The bytes are a sample file of November 2026 (provider's zone), read
 * with hc_samples_parse(). It must return without a crash, a leak or
 * undefined behaviour; when it accepts the file, the result must hold
 * together: no more samples than slots, present flags that count them,
 * and percentiles that hc_bandwidth_compute() bills as the larger
 * direction, each one a value that was read.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostctl/bandwidth.h"
#include "hostctl/time.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct hc_samples samples;

static void die(const char *what)
{
	fprintf(stderr, "fuzz_samples: %s\n", what);
	abort();
}

/* Whether v is one of the present values of dir. */
static int was_read(const int64_t *dir, int64_t v)
{
	for (size_t i = 0; i < samples.nslots; i++)
		if (samples.present[i] && dir[i] == v)
			return 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hc_bandwidth_result r;
	struct hc_error err;
	hc_time start, end;
	size_t present = 0;

	if (hc_time_parse("2026-11-01T00:00:00+09:00", &start, NULL) ||
	    hc_time_parse("2026-12-01T00:00:00+09:00", &end, NULL))
		die("bad month");
	hc_samples_reset(&samples, start, end);
	memset(&err, 0, sizeof(err));
	if (hc_samples_parse(&samples, (const char *)data, size, "fuzz.tsv", &err) != HC_OK)
		return 0;
	if (samples.nslots > HC_MAX_SLOTS || samples.samples > samples.nslots)
		die("more samples than slots");
	for (size_t i = 0; i < samples.nslots; i++)
		present += samples.present[i] != 0;
	if (present != samples.samples)
		die("the present flags do not count the samples");
	memset(&r, 0, sizeof(r));
	hc_bandwidth_compute(&samples, &r);
	if (r.samples != samples.samples || r.samples + r.missing != r.expected)
		die("samples, missing and expected do not add up");
	if (r.billed != (r.p95_in > r.p95_out ? r.p95_in : r.p95_out))
		die("the billed value is not the larger direction");
	if (r.samples && (!was_read(samples.in, r.p95_in) || !was_read(samples.out, r.p95_out)))
		die("a percentile is not a value that was read");
	return 0;
}
