/*
 * hostctl-show - print records by id.
 */
static const char usage[] =
	"usage: hostctl show ID... [--format yaml|json|table|tsv]\n"
	"\n"
	"Print each record named by ID: an id of any kind, KIND/ID, or a unique\n"
	"prefix (4 characters or more) of a server id. '-' reads ids from\n"
	"standard input, one per line. Without a terminal the default format is\n"
	"yaml; with several records, json prints one object per line.\n"
	"\n"
	"See hostctl-show(1).\n";

#include <stdlib.h>

#include "cli.h"
#include "ids.h"

int main(int argc, char **argv)
{
	struct hc_cli cli;
	struct hc_idlist ids;
	struct hc_buf out = HC_BUF_INIT;
	int first, rc, worst = 0;

	hc_cli_init(&cli, "hostctl-show", usage,
		    1u << HC_FMT_TABLE | 1u << HC_FMT_YAML | 1u << HC_FMT_JSON | 1u << HC_FMT_TSV,
		    argc, argv);
	if ((rc = hc_cli_parse(&cli, 1, NULL, NULL, NULL, NULL, &first)))
		return hc_cli_exit(&cli, rc);
	hc_idlist_init(&ids);
	if ((rc = hc_idlist_read(&cli, &ids, argc - first, argv + first, 0, argc - first)))
		goto done;
	if (!ids.v.n) {
		rc = hc_cli_usage_error(&cli, "which record? (give an id)");
		goto done;
	}
	if ((rc = hc_cli_open_state(&cli)))
		goto done;
	hc_cli_format(&cli, HC_FMT_YAML);

	for (size_t i = 0; i < ids.v.n; i++) {
		const struct hc_kind *k;
		struct hc_arena ra;
		struct hc_error err;
		char path[512];
		void *rec;

		rc = hc_kind_locate(&cli.st, ids.v.v[i], &k, path, sizeof(path), &err);
		if (rc) {
			worst = worst ? worst : hc_cli_fail(&cli, &err);
			continue;
		}
		hc_arena_init(&ra);
		rec = hc_xmalloc(k->schema->size);
		rc = hc_store_load(&cli.st, k->schema, path, rec, &ra, &err);
		if (rc) {
			worst = worst ? worst : hc_cli_fail(&cli, &err);
		} else {
			hc_buf_reset(&out);
			if (ids.v.n > 1 && cli.format == HC_FMT_YAML)
				hc_buf_adds(&out, "---\n");
			if (ids.v.n > 1 && cli.format == HC_FMT_JSON)
				hc_record_encode_json(k->schema, rec, cli.st.utc_offset_min, -1, &out),
					hc_buf_addc(&out, '\n');
			else
				hc_cli_render_record(&cli, k->schema, rec, &out);
			if (ids.v.n > 1 && (cli.format == HC_FMT_TABLE || cli.format == HC_FMT_TSV) &&
			    i + 1 < ids.v.n)
				hc_buf_addc(&out, '\n');
			rc = hc_cli_write(&cli, &out);
			if (rc)
				worst = rc;
		}
		free(rec);
		hc_arena_release(&ra);
		if (worst == HC_EIO)
			break;
	}
	rc = worst;
done:
	hc_buf_release(&out);
	hc_idlist_release(&cli, &ids);
	return hc_cli_exit(&cli, rc);
}
