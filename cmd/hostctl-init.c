/*
 * hostctl-init - create a state directory from the built-in catalog.
 */
static const char usage[] =
	"usage: hostctl init [DIR] [--profile NAME]...\n"
	"\n"
	"Create a new state directory (default: the current directory) holding\n"
	"hostctl.yaml, the catalog of the chosen provider profiles (default: all\n"
	"built-in ones), .gitattributes and .gitignore. Refuses a directory that\n"
	"already holds a state.\n"
	"\n"
	"  --profile NAME   use this profile (repeatable); its rescue profile comes with it\n"
	"  --list-profiles  print the built-in profiles and exit\n"
	"\n"
	"See hostctl-init(1).\n";

#include <string.h>

#include "cli.h"
#include "hostctl/validate.h"

enum { OPT_PROFILE = 'p', OPT_LIST = 600 };

struct init_args {
	const char *profiles[64];
	size_t n;
	bool list;
};

static int on_opt(struct hc_cli *cli, int key, const char *arg, void *ctx)
{
	struct init_args *a = ctx;

	if (key == OPT_LIST) {
		a->list = true;
		return 0;
	}
	if (a->n == sizeof(a->profiles) / sizeof(a->profiles[0]))
		return hc_cli_usage_error(cli, "too many --profile options");
	a->profiles[a->n++] = arg;
	return 0;
}

static int list_profiles(struct hc_cli *cli)
{
	struct hc_catalog cat;
	struct hc_error err;
	struct hc_table t;
	struct hc_buf out = HC_BUF_INIT;
	static const char *const header[] = { "name", "spec", "title" };
	int rc;

	hc_catalog_init(&cat);
	rc = hc_catalog_load_builtin(&cat, &err);
	if (rc)
		return hc_cli_fail(cli, &err);
	hc_table_init(&t, 3, header);
	for (size_t i = 0; i < cat.n; i++) {
		hc_table_add(&t, cat.profiles[i].name);
		hc_table_add(&t, cat.profiles[i].spec);
		hc_table_add(&t, cat.profiles[i].title);
	}
	hc_cli_format(cli, HC_FMT_TSV);
	hc_cli_render_table(cli, &t, &out);
	rc = hc_cli_write(cli, &out);
	hc_buf_release(&out);
	hc_table_release(&t);
	hc_catalog_release(&cat);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "profile", required_argument, NULL, OPT_PROFILE },
		{ "list-profiles", no_argument, NULL, OPT_LIST },
		{ 0 }
	};
	struct hc_cli cli;
	struct init_args a = { .n = 0 };
	struct hc_buf created = HC_BUF_INIT;
	struct hc_error err;
	const char *dir;
	int first, rc;

	hc_cli_init(&cli, "hostctl-init", usage,
		    1u << HC_FMT_TABLE | 1u << HC_FMT_TSV | 1u << HC_FMT_JSON | 1u << HC_FMT_YAML,
		    argc, argv);
	if ((rc = hc_cli_parse(&cli, 1, opts, "p:", on_opt, &a, &first)))
		return hc_cli_exit(&cli, rc);
	if (a.list)
		return hc_cli_exit(&cli, list_profiles(&cli));
	if (argc - first > 1)
		return hc_cli_exit(&cli, hc_cli_usage_error(&cli, "too many arguments"));
	dir = first < argc ? argv[first] : (cli.state_dir ? cli.state_dir : ".");

	rc = hc_state_init(dir, a.profiles, a.n, &created, &err);
	if (rc) {
		hc_buf_release(&created);
		return hc_cli_exit(&cli, hc_cli_fail(&cli, &err));
	}
	fprintf(stderr, "%s: initialized a hostctl state in '%s'\n", cli.prog, dir);
	rc = hc_cli_write(&cli, &created);
	hc_buf_release(&created);
	return hc_cli_exit(&cli, rc);
}
