/*
 * bench-p95 - the bandwidth part of sla-report alone: for each sample
 * file, hc_samples_read() (zlib stream, line parser, 5-minute slots) and
 * hc_bandwidth_compute() (95th percentile of each direction), as
 * hc_sla_report() does per metered server, and nothing else.
 *
 * usage: bench-p95 YYYY-MM FILE...
 *
 * Prints the files read, the samples and the sum of the billed values (a
 * checksum to compare runs).
 */
#include <stdio.h>
#include <stdlib.h>

#include "hostctl/bandwidth.h"
#include "hostctl/sla.h"

int main(int argc, char **argv)
{
	struct hc_samples *s = malloc(sizeof(*s));
	struct hc_month m;
	unsigned long long samples = 0, billed = 0;

	if (argc < 3 || hc_month_parse(argv[1], 540, &m)) {
		fprintf(stderr, "usage: bench-p95 YYYY-MM FILE...\n");
		return 2;
	}
	for (int i = 2; i < argc; i++) {
		struct hc_bandwidth_result r;
		struct hc_error err;
		char msg[1024];

		hc_samples_reset(s, m.start, m.end);
		if (hc_samples_read(s, argv[i], &err)) {
			hc_error_format(&err, msg, sizeof(msg));
			fprintf(stderr, "bench-p95: %s\n", msg);
			return 1;
		}
		hc_bandwidth_compute(s, &r);
		samples += r.samples;
		billed += (unsigned long long)r.billed;
	}
	printf("%d files, %llu samples, billed sum %llu\n", argc - 2, samples, billed);
	free(s);
	return 0;
}
