/*
 * evidence.h - evidence files of abuse cases, stored compressed with zlib
 * (gzip format, readable by zcat) under evidence/<case>/, mode 0600, never
 * overwritten, each with its size and SHA-256 in the case record.
 *
 * Files larger than HC_EVIDENCE_GIT_MAX go under evidence/<case>/large/,
 * which the state's .gitignore keeps out of git; the checksum stays in the
 * record, so a copy restored from elsewhere can be verified.
 */
#ifndef HOSTCTL_EVIDENCE_H
#define HOSTCTL_EVIDENCE_H

#include <stddef.h>
#include <stdint.h>

#include "hostctl/error.h"
#include "hostctl/store.h"

#define HC_EVIDENCE_MAX (256u * 1024 * 1024)   /* refused above this */
#define HC_EVIDENCE_GIT_MAX (1024u * 1024)     /* kept out of git above this */

struct hc_sha256 {
	uint32_t h[8];
	uint64_t len;
	unsigned char buf[64];
	size_t n;
};
void hc_sha256_init(struct hc_sha256 *c);
void hc_sha256_update(struct hc_sha256 *c, const void *data, size_t len);
/* Writes 64 lowercase hex digits and a NUL. */
void hc_sha256_hex(struct hc_sha256 *c, char out[65]);

/* gzip-compresses data into out (appended). */
int hc_gzip(const char *data, size_t len, struct hc_buf *out, struct hc_error *err);

/*
 * Verifies the stored evidence at relpath: decompresses it as a stream and
 * compares size and SHA-256. When out is not NULL the original bytes are
 * written to the file descriptor out_fd as they come (extraction). HC_OK,
 * HC_ENOTFOUND, or HC_EINVALID when the content does not match.
 */
int hc_evidence_check(struct hc_store *st, const char *relpath, int64_t size, const char *sha256,
		      int out_fd, struct hc_error *err);

#endif
