/*
 * bandwidth.h - 95th-percentile bandwidth billing from 5-minute samples
 * (000 §2.2-2).
 *
 * Samples of a server for a month live in one gzip file, read as a stream
 * with zlib: lines "<time>\t<bits/s in>\t<bits/s out>", where <time> is
 * seconds since the epoch or RFC 3339; blank lines and '#' comments are
 * skipped. Each sample falls in the 5-minute slot of its time; a later line
 * for a slot replaces an earlier one (a duplicate), samples outside the
 * month are ignored, and a slot without a sample is missing: it is left
 * out of the percentile, not counted as zero (hostctl-sla-report(1)).
 *
 * The 95th percentile is by nearest rank: of the N samples present, sorted
 * ascending, the value at rank ceil(0.95 * N) (1-based), so the highest 5 %
 * (rounded down) are discarded. It is found by selection in linear time;
 * the billed value is the larger of the two directions' percentiles.
 */
#ifndef HOSTCTL_BANDWIDTH_H
#define HOSTCTL_BANDWIDTH_H

#include <stddef.h>
#include <stdint.h>

#include "hostctl/error.h"
#include "hostctl/time.h"

#define HC_SAMPLE_SECONDS 300
#define HC_MAX_SLOTS (31 * 24 * 12)

/* Slots of one month, owned by the caller and reused across servers. */
struct hc_samples {
	hc_time start;                   /* first slot's start */
	size_t nslots;                   /* slots in the month */
	int64_t in[HC_MAX_SLOTS];
	int64_t out[HC_MAX_SLOTS];
	unsigned char present[HC_MAX_SLOTS];
	int64_t scratch[HC_MAX_SLOTS];   /* selection works here, in/out stay */
	size_t samples;                  /* slots with a sample */
	size_t duplicates;               /* lines replacing an earlier one */
	size_t outside;                  /* lines outside the month */
};

/* Prepares s for the month [start, end). */
void hc_samples_reset(struct hc_samples *s, hc_time start, hc_time end);

/*
 * Reads the gzip (or plain) sample file at path into s. HC_ENOTFOUND when
 * the file does not exist; HC_EINVALID with path:line:col for a malformed
 * line or a damaged or truncated stream; HC_EIO when it cannot be read. Memory use does not depend on the
 * file's size.
 */
int hc_samples_read(struct hc_samples *s, const char *path, struct hc_error *err);
/* The same from a buffer (for tests and the fuzz harness). */
int hc_samples_parse(struct hc_samples *s, const char *buf, size_t len, const char *path,
		     struct hc_error *err);

/* The value at rank ceil(0.95 n) of v[0..n) (reorders v). n > 0. */
int64_t hc_percentile95(int64_t *v, size_t n);

struct hc_bandwidth_result {
	size_t samples, expected, missing, duplicates;
	int64_t p95_in, p95_out;         /* bits/s */
	int64_t billed;                  /* the larger direction */
};

/* Percentiles of the samples present in s; in/out are left as read (for
 * pictures). With no samples all values are 0. */
void hc_bandwidth_compute(struct hc_samples *s, struct hc_bandwidth_result *r);

#endif
