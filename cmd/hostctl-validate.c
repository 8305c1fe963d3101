/*
 * hostctl-validate - check the whole state, for CI and pre-commit hooks.
 */
static const char usage[] =
	"usage: hostctl validate [-C DIR] [-q]\n"
	"       hostctl validate --print-schema KIND\n"
	"\n"
	"Check the settings, the catalog, every record (schema, references) and\n"
	"every claim against its owner, and print each problem as\n"
	"path:line:col: field: message. Exit 0 when the state is valid, 5 when\n"
	"any problem was found.\n"
	"\n"
	"  -q, --quiet          print problems only, not the summary line\n"
	"  --print-schema KIND  print the JSON Schema (as YAML) of a record kind:\n"
	"                       config, profile, customer, server ...; no state\n"
	"                       is needed (schemas/KIND.schema.yaml)\n"
	"\n"
	"See hostctl-validate(1).\n";

#include "cli.h"
#include "hostctl/schema.h"
#include "hostctl/validate.h"

enum { OPT_PRINT_SCHEMA = 600 };

struct opts {
	bool quiet;
	const char *print_schema;
};

static int on_opt(struct hc_cli *cli, int key, const char *arg, void *ctx)
{
	struct opts *o = ctx;

	if (key == OPT_PRINT_SCHEMA)
		o->print_schema = arg;
	else
		o->quiet = true;
	return 0;
}

/* --print-schema: the generator does the work (schema.h). */
static int print_schema(struct hc_cli *cli, const char *kind)
{
	struct hc_buf out = HC_BUF_INIT;
	struct hc_error err;
	int rc = hc_schema_print_kind(kind, &out, &err);

	rc = rc ? hc_cli_fail(cli, &err) : hc_cli_write(cli, &out);
	hc_buf_release(&out);
	return hc_cli_exit(cli, rc);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "quiet", no_argument, NULL, 'q' },
		{ "print-schema", required_argument, NULL, OPT_PRINT_SCHEMA },
		{ 0 }
	};
	struct hc_cli cli;
	struct hc_errors problems;
	struct hc_error err;
	size_t records = 0, claims = 0;
	struct opts o = { false, NULL };
	bool quiet;
	int first, rc;

	hc_cli_init(&cli, "hostctl-validate", usage, 0, argc, argv);
	if ((rc = hc_cli_parse(&cli, 1, opts, "q", on_opt, &o, &first)))
		return hc_cli_exit(&cli, rc);
	if (first < argc)
		return hc_cli_exit(&cli, hc_cli_usage_error(&cli, "unexpected argument '%s'", argv[first]));
	if (o.print_schema)
		return print_schema(&cli, o.print_schema);
	quiet = o.quiet;
	if ((rc = hc_cli_open_state(&cli)))
		return hc_cli_exit(&cli, rc);

	hc_errors_init(&problems);
	rc = hc_state_validate(&cli.st, &problems, &records, &claims, &err);
	if (rc && rc != HC_EINVALID) {
		hc_errors_release(&problems);
		return hc_cli_exit(&cli, hc_cli_fail(&cli, &err));
	}
	for (size_t i = 0; i < problems.n; i++) {
		char line[2048];

		hc_error_format(&problems.v[i], line, sizeof(line));
		fprintf(stderr, "%s\n", line);
	}
	if (!quiet)
		fprintf(stderr, "%s: %zu record%s, %zu claim%s, %zu problem%s\n", cli.prog, records,
			records == 1 ? "" : "s", claims, claims == 1 ? "" : "s", problems.n,
			problems.n == 1 ? "" : "s");
	hc_errors_release(&problems);
	return hc_cli_exit(&cli, rc);
}
