/*
 * fuzz_record.c - libFuzzer harness for the record loader (tests/fuzz.sh).
 *
 * The first byte chooses the schema (server, customer, profile, config,
 * by its value modulo 4); the rest is the file. hc_record_parse() must
 * return without a crash, a leak or undefined behaviour, whatever the
 * bytes. When it accepts them, the record must also pass
 * hc_record_check(), and its YAML encoding must be a fixed point: parsed
 * again it is accepted and encodes to the same bytes (the loader and the
 * writer agree, so an unchanged record is never rewritten differently).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostctl/catalog.h"
#include "hostctl/config.h"
#include "hostctl/customer.h"
#include "hostctl/record.h"
#include "hostctl/server.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void die(const char *what, const struct hc_error *err, const struct hc_buf *b)
{
	char line[2048];

	hc_error_format(err, line, sizeof(line));
	fprintf(stderr, "fuzz_record: %s: %s\n", what, line);
	if (b)
		fprintf(stderr, "--- encoding ---\n%.*s--- end ---\n", (int)b->len, b->p);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct hc_schema *const schemas[] = {
		&hc_server_schema, &hc_customer_schema, &hc_profile_schema, &hc_config_schema,
	};
	const struct hc_schema *s;
	struct hc_arena a, a2;
	struct hc_error err;
	struct hc_buf once = HC_BUF_INIT, twice = HC_BUF_INIT;
	void *rec, *rec2;

	if (size < 1)
		return 0;
	s = schemas[data[0] % 4];
	rec = calloc(1, s->size);
	rec2 = calloc(1, s->size);
	if (!rec || !rec2)
		abort();
	hc_arena_init(&a);
	hc_arena_init(&a2);
	memset(&err, 0, sizeof(err));
	if (hc_record_parse(s, (const char *)data + 1, size - 1, rec, &a, "fuzz.yaml", &err) == HC_OK) {
		if (hc_record_check(s, rec, &err) != HC_OK)
			die("accepted by the parser, refused by the check", &err, NULL);
		hc_record_encode_yaml(s, rec, 540, &once);
		if (hc_record_parse(s, once.p, once.len, rec2, &a2, "fuzz.yaml", &err) != HC_OK)
			die("its own encoding does not parse", &err, &once);
		hc_record_encode_yaml(s, rec2, 540, &twice);
		if (once.len != twice.len || memcmp(once.p, twice.p, once.len) != 0)
			die("encoding is not a fixed point", &err, &once);
	}
	hc_buf_release(&once);
	hc_buf_release(&twice);
	hc_arena_release(&a);
	hc_arena_release(&a2);
	free(rec);
	free(rec2);
	return 0;
}
