/*
 * loadcheck - test helper: does the C loader accept a record file?
 *
 *   loadcheck KIND FILE   exit 0 when hc_record_parse() accepts FILE as a
 *                         record of KIND, 5 (printing the error) when not,
 *                         2 on bad usage or an unreadable file
 *   loadcheck --kinds     print the kinds that have a JSON Schema
 *
 * Only the loader's own rules apply (YAML layer and field table), not the
 * cross-record checks of `hostctl validate`: that is what a JSON Schema
 * can be compared with (tests/schema_agree.py).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostctl/schema.h"

static int read_file(const char *path, struct hc_buf *out)
{
	FILE *f = fopen(path, "rb");
	char chunk[8192];
	size_t n;

	if (!f)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		hc_buf_add(out, chunk, n);
		if (out->len > HC_RECORD_MAX_BYTES)
			break;
	}
	if (ferror(f)) {
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

int main(int argc, char **argv)
{
	const struct hc_schema *s;
	struct hc_buf text = HC_BUF_INIT;
	struct hc_arena a;
	struct hc_error err;
	void *rec;
	int rc;

	if (argc == 2 && !strcmp(argv[1], "--kinds")) {
		for (size_t i = 0; i < hc_schema_kind_count(); i++)
			printf("%s\n", hc_schema_kind_name(i));
		return 0;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: loadcheck KIND FILE | loadcheck --kinds\n");
		return 2;
	}
	s = hc_schema_of_kind(argv[1]);
	if (!s) {
		fprintf(stderr, "loadcheck: no record kind '%s'\n", argv[1]);
		return 2;
	}
	if (read_file(argv[2], &text)) {
		perror(argv[2]);
		return 2;
	}
	/* The store refuses larger files before parsing (hc_store_read). */
	if (text.len > HC_RECORD_MAX_BYTES) {
		fprintf(stderr, "%s: file larger than %d bytes\n", argv[2], HC_RECORD_MAX_BYTES);
		hc_buf_release(&text);
		return 5;
	}
	hc_arena_init(&a);
	rec = hc_xmalloc(s->size);
	memset(&err, 0, sizeof(err));
	rc = hc_record_parse(s, text.p, text.len, rec, &a, argv[2], &err);
	if (rc) {
		char line[1200];

		hc_error_format(&err, line, sizeof(line));
		fprintf(stderr, "%s\n", line);
	}
	free(rec);
	hc_arena_release(&a);
	hc_buf_release(&text);
	return rc ? 5 : 0;
}
