/*
 * hostctl-list - list the records of a kind, filtered by fields.
 */
static const char usage[] =
	"usage: hostctl list KIND [FIELD=VALUE]... [--format table|yaml|json|tsv]\n"
	"\n"
	"List the records of KIND (server, customer, ...) whose top-level FIELD\n"
	"equals VALUE (for list fields: contains VALUE), one row each, in id\n"
	"order. Without a terminal the default format is tsv with a header line,\n"
	"so `hostctl list server status=active | cut -f1` gives ids to pipe on.\n"
	"\n"
	"  --columns A,B,...   show these top-level fields instead of the defaults\n"
	"\n"
	"See hostctl-list(1).\n";

#include <string.h>

#include "cli.h"

enum { OPT_COLUMNS = 600 };

struct list_ctx {
	struct hc_table t;
	const char *cols[32];
	size_t ncols;
	int off;
	struct hc_buf cell;
};

static int on_opt(struct hc_cli *cli, int key, const char *arg, void *ctx)
{
	struct list_ctx *l = ctx;
	char *copy = strdup(arg), *save = NULL;

	l->ncols = 0;
	for (char *c = strtok_r(copy, ",", &save); c && l->ncols < 32; c = strtok_r(NULL, ",", &save))
		l->cols[l->ncols++] = c;     /* copy lives until exit */
	return l->ncols ? 0 : hc_cli_usage_error(cli, "--columns needs field names");
}

static int add_row(const struct hc_kind *k, const char *path, const void *rec, void *ctx)
{
	struct list_ctx *l = ctx;

	for (size_t c = 0; c < l->ncols; c++) {
		hc_record_field_text(k->schema, rec, l->cols[c], l->off, &l->cell);
		hc_table_add(&l->t, l->cell.p);
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "columns", required_argument, NULL, OPT_COLUMNS }, { 0 }
	};
	struct hc_cli cli;
	struct list_ctx l;
	struct hc_filter filters[32];
	struct hc_buf out = HC_BUF_INIT;
	struct hc_error err;
	const struct hc_kind *k;
	size_t nf = 0;
	int first, rc;

	memset(&l, 0, sizeof(l));
	hc_buf_init(&l.cell);
	hc_cli_init(&cli, "hostctl-list", usage,
		    1u << HC_FMT_TABLE | 1u << HC_FMT_YAML | 1u << HC_FMT_JSON | 1u << HC_FMT_TSV,
		    argc, argv);
	if ((rc = hc_cli_parse(&cli, 1, opts, NULL, on_opt, &l, &first)))
		return hc_cli_exit(&cli, rc);
	if (first >= argc)
		return hc_cli_exit(&cli, hc_cli_usage_error(&cli, "which kind? (e.g. 'server')"));
	k = hc_kind_find(argv[first]);
	if (!k)
		return hc_cli_exit(&cli, hc_cli_usage_error(&cli, "no record kind '%s'", argv[first]));
	for (int i = first + 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');

		if (!eq || eq == argv[i] || nf == 32)
			return hc_cli_exit(&cli, hc_cli_usage_error(&cli, "expected FIELD=VALUE, got '%s'",
								    argv[i]));
		*eq = '\0';
		if (!hc_schema_field(k->schema, argv[i]))
			return hc_cli_exit(&cli, hc_cli_usage_error(&cli, "a %s has no field '%s'", k->name,
								    argv[i]));
		filters[nf].field = argv[i];
		filters[nf++].value = eq + 1;
	}
	if (!l.ncols)
		for (; k->columns[l.ncols]; l.ncols++)
			l.cols[l.ncols] = k->columns[l.ncols];
	for (size_t c = 0; c < l.ncols; c++)
		if (!hc_schema_field(k->schema, l.cols[c]))
			return hc_cli_exit(&cli, hc_cli_usage_error(&cli, "a %s has no field '%s'", k->name,
								    l.cols[c]));
	if ((rc = hc_cli_open_state(&cli)))
		return hc_cli_exit(&cli, rc);
	l.off = cli.st.utc_offset_min;
	hc_table_init(&l.t, l.ncols, l.cols);
	rc = hc_kind_scan(&cli.st, k, filters, nf, add_row, &l, &err);
	if (rc) {
		rc = hc_cli_fail(&cli, &err);
	} else {
		hc_cli_format(&cli, HC_FMT_TSV);
		hc_cli_render_table(&cli, &l.t, &out);
		rc = hc_cli_write(&cli, &out);
	}
	hc_buf_release(&out);
	hc_buf_release(&l.cell);
	hc_table_release(&l.t);
	return hc_cli_exit(&cli, rc);
}
