/*
 * evidence.c - SHA-256 (FIPS 180-4), gzip in memory, and verifying or
 * extracting stored evidence as a stream.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "fs.h"
#include "hostctl/evidence.h"

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void block(struct hc_sha256 *c, const unsigned char *p)
{
	uint32_t w[64], a, b, d, e, f, g, h, cc;

	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);

		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = c->h[0], b = c->h[1], cc = c->h[2], d = c->h[3];
	e = c->h[4], f = c->h[5], g = c->h[6], h = c->h[7];
	for (int i = 0; i < 64; i++) {
		uint32_t t1 = h + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
		uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & cc) ^ (b & cc));

		h = g, g = f, f = e, e = d + t1, d = cc, cc = b, b = a, a = t1 + t2;
	}
	c->h[0] += a, c->h[1] += b, c->h[2] += cc, c->h[3] += d;
	c->h[4] += e, c->h[5] += f, c->h[6] += g, c->h[7] += h;
}

void hc_sha256_init(struct hc_sha256 *c)
{
	static const uint32_t iv[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
					0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };

	memcpy(c->h, iv, sizeof(iv));
	c->len = 0;
	c->n = 0;
}

void hc_sha256_update(struct hc_sha256 *c, const void *data, size_t len)
{
	const unsigned char *p = data;

	c->len += len;
	while (len) {
		size_t take = 64 - c->n < len ? 64 - c->n : len;

		memcpy(c->buf + c->n, p, take);
		c->n += take, p += take, len -= take;
		if (c->n == 64) {
			block(c, c->buf);
			c->n = 0;
		}
	}
}

void hc_sha256_hex(struct hc_sha256 *c, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	uint64_t bits = c->len * 8;
	unsigned char pad = 0x80, zero = 0, lenbuf[8];

	hc_sha256_update(c, &pad, 1);
	while (c->n != 56)
		hc_sha256_update(c, &zero, 1);
	for (int i = 0; i < 8; i++)
		lenbuf[i] = (unsigned char)(bits >> (56 - 8 * i));
	hc_sha256_update(c, lenbuf, 8);
	for (int i = 0; i < 8; i++)
		for (int k = 0; k < 4; k++) {
			unsigned char byte = (unsigned char)(c->h[i] >> (24 - 8 * k));

			out[8 * i + 2 * k] = hex[byte >> 4];
			out[8 * i + 2 * k + 1] = hex[byte & 15];
		}
	out[64] = '\0';
}

int hc_gzip(const char *data, size_t len, struct hc_buf *out, struct hc_error *err)
{
	z_stream z;
	unsigned char chunk[65536];
	int zr;

	memset(&z, 0, sizeof(z));
	/* 15 + 16: a gzip header and trailer, so zcat reads the file. */
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return hc_error_set(err, HC_EIO, "unable to initialise zlib");
	z.next_in = (Bytef *)(uintptr_t)data;
	z.avail_in = (uInt)len;
	do {
		z.next_out = chunk;
		z.avail_out = sizeof(chunk);
		zr = deflate(&z, Z_FINISH);
		if (zr == Z_STREAM_ERROR) {
			deflateEnd(&z);
			return hc_error_set(err, HC_EIO, "zlib compression failed");
		}
		hc_buf_add(out, chunk, sizeof(chunk) - z.avail_out);
	} while (zr != Z_STREAM_END);
	deflateEnd(&z);
	return HC_OK;
}

int hc_evidence_check(struct hc_store *st, const char *relpath, int64_t size, const char *sha256,
		      int out_fd, struct hc_error *err)
{
	struct hc_sha256 c;
	char got[65], buf[65536];
	int64_t total = 0;
	gzFile gz;
	int fd, n;

	/* The path comes from a case record, which may be hand-edited: never
	 * follow it out of the state (found by tests/test_abuse.c). */
	if (!hc_store_path_valid(relpath))
		return hc_error_at(err, HC_EINVALID, relpath, 0, 0,
				   "evidence path is not a path inside the state");
	fd = hc_fs_open(st->rootfd, relpath, O_RDONLY | O_NONBLOCK, 0);
	if (fd < 0) {
		if (errno == ENOENT)
			return hc_error_set(err, HC_ENOTFOUND, "evidence '%s' is not here", relpath);
		return hc_error_errno(err, "unable to open", relpath);
	}
	gz = gzdopen(fd, "rb");
	if (!gz) {
		close(fd);
		return hc_error_errno(err, "unable to read", relpath);
	}
	hc_sha256_init(&c);
	while ((n = gzread(gz, buf, sizeof(buf))) > 0) {
		hc_sha256_update(&c, buf, (size_t)n);
		total += n;
		if (out_fd >= 0 && hc_fs_write_all(out_fd, buf, (size_t)n)) {
			gzclose(gz);
			return hc_error_errno(err, "unable to write the evidence of", relpath);
		}
	}
	if (n == 0) {
		int zerr;

		/* A stream cut short is reported by gzread() as the end of the
		 * file, with Z_BUF_ERROR kept aside: without this, a file missing
		 * only its trailer (CRC-32 and length never checked) passed as
		 * intact (found by tests/test_abuse.c). */
		gzerror(gz, &zerr);
		if (zerr == Z_BUF_ERROR)
			n = -1;
	}
	if (n < 0) {
		int zerr;
		const char *msg = gzerror(gz, &zerr);

		/* zlib prefixes "<fd:N>: "; the path says it better. */
		if (msg[0] == '<' && strstr(msg, ": "))
			msg = strstr(msg, ": ") + 2;
		hc_error_at(err, HC_EINVALID, relpath, 0, 0, "damaged evidence: %s", msg);
		gzclose(gz);
		return HC_EINVALID;
	}
	gzclose(gz);
	hc_sha256_hex(&c, got);
	if (total != size || strcmp(got, sha256) != 0)
		return hc_error_at(err, HC_EINVALID, relpath, 0, 0,
				   "evidence does not match its record (size %lld, sha256 %.12s...; "
				   "recorded %lld, %.12s...)", (long long)total, got, (long long)size,
				   sha256);
	return HC_OK;
}
