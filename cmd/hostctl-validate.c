/*
 * hostctl-validate - check the whole state, for CI and pre-commit hooks.
 */
static const char usage[] =
	"usage: hostctl validate [-C DIR] [-q]\n"
	"\n"
	"Check the settings, the catalog, every record (schema, references) and\n"
	"every claim against its owner, and print each problem as\n"
	"path:line:col: field: message. Exit 0 when the state is valid, 5 when\n"
	"any problem was found.\n"
	"\n"
	"  -q, --quiet   print problems only, not the summary line\n"
	"\n"
	"See hostctl-validate(1).\n";

#include "cli.h"
#include "hostctl/validate.h"

static int on_opt(struct hc_cli *cli, int key, const char *arg, void *ctx)
{
	*(bool *)ctx = true;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = { { "quiet", no_argument, NULL, 'q' }, { 0 } };
	struct hc_cli cli;
	struct hc_errors problems;
	struct hc_error err;
	size_t records = 0, claims = 0;
	bool quiet = false;
	int first, rc;

	hc_cli_init(&cli, "hostctl-validate", usage, 0, argc, argv);
	if ((rc = hc_cli_parse(&cli, 1, opts, "q", on_opt, &quiet, &first)))
		return hc_cli_exit(&cli, rc);
	if (first < argc)
		return hc_cli_exit(&cli, hc_cli_usage_error(&cli, "unexpected argument '%s'", argv[first]));
	if ((rc = hc_cli_open_state(&cli)))
		return hc_cli_exit(&cli, rc);

	hc_errors_init(&problems);
	rc = hc_state_validate(&cli.st, &problems, &records, &claims, &err);
	if (rc && rc != HC_EINVALID) {
		hc_errors_release(&problems);
		return hc_cli_exit(&cli, hc_cli_fail(&cli, &err));
	}
	for (size_t i = 0; i < problems.n; i++) {
		char line[1200];

		hc_error_format(&problems.v[i], line, sizeof(line));
		fprintf(stderr, "%s\n", line);
	}
	if (!quiet)
		fprintf(stderr, "%s: %zu records, %zu claims, %zu problems\n", cli.prog, records, claims,
			problems.n);
	hc_errors_release(&problems);
	return hc_cli_exit(&cli, rc);
}
