/*
 * hostctl-provision - order, hand over and cancel servers.
 */
static const char usage[] =
	"usage: hostctl provision new --customer C --plan P [--profile NAME] [--os O] [--region R]\n"
	"                 [--hostname H] [--option O]... [--environment E]\n"
	"                 [--domain D [--dns-pattern A|B|C|ready] [--web-elsewhere] [--mail-elsewhere]]\n"
	"                 [--accepted-at T] [--settings-submitted-at T] [--requested-date DATE]\n"
	"       hostctl provision activate ID [--at T]\n"
	"       hostctl provision cancel ID --effective DATE [--at T]\n"
	"       hostctl provision sweep [--at T]\n"
	"       hostctl provision add-domain ID DOMAIN... [--dns-pattern P] [--web-elsewhere] [--mail-elsewhere]\n"
	"\n"
	"new validates the order against the profile (plan, OS sale and support,\n"
	"required options, region), computes the hand-over date in business days\n"
	"from the acceptance (000 §4.2-1, 002 §3.1), allocates the id, global and\n"
	"private addresses and hostname through claims, adds the domain and the\n"
	"plan's backup policies, and writes the server as 'ordered'. activate hands\n"
	"it over; cancel applies the profile's cancellation rule (000 §4.3, 002\n"
	"§3.2) and sweep (for cron) cancels what is due, releasing every claim.\n"
	"ID '-' reads server ids from standard input, one per line: each is its\n"
	"own run, in order, stopping at the first failure.\n"
	"\n"
	"  --format yaml|json|table|tsv|id   the record written (id: just its id)\n"
	"  --dry-run                         show the change as a diff, write nothing\n"
	"  HOSTCTL_SEED                      derive new ids from this seed (tests)\n"
	"\n"
	"Refusals name the rule and its section and exit 1. See hostctl-provision(1).\n";

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "hostctl/server.h"
#include "ids.h"

enum {
	OPT_CUSTOMER = 600, OPT_PLAN, OPT_PROFILE, OPT_OS, OPT_REGION, OPT_HOSTNAME, OPT_OPTION,
	OPT_ENV, OPT_DOMAIN, OPT_PATTERN, OPT_WEB, OPT_MAIL, OPT_ACCEPTED, OPT_SETTINGS,
	OPT_REQUESTED, OPT_AT, OPT_EFFECTIVE
};

struct args {
	struct hc_arena a;
	struct hc_order order;
	hc_time at;
	hc_day effective;
};

static int parse_time(struct hc_cli *cli, const char *opt, const char *arg, hc_time *out)
{
	if (hc_time_parse(arg, out, NULL))
		return hc_cli_usage_error(cli, "%s: expected an RFC 3339 date-time, got '%s'", opt, arg);
	return 0;
}

static int parse_day(struct hc_cli *cli, const char *opt, const char *arg, hc_day *out)
{
	if (hc_day_parse(arg, out))
		return hc_cli_usage_error(cli, "%s: expected a date YYYY-MM-DD, got '%s'", opt, arg);
	return 0;
}

static int on_opt(struct hc_cli *cli, int key, const char *arg, void *ctx)
{
	struct args *x = ctx;
	struct hc_order *o = &x->order;

	switch (key) {
	case OPT_CUSTOMER: o->customer = arg; return 0;
	case OPT_PLAN: o->plan = arg; return 0;
	case OPT_PROFILE: o->profile = arg; return 0;
	case OPT_OS: o->os = arg; return 0;
	case OPT_REGION: o->region = arg; return 0;
	case OPT_HOSTNAME: o->hostname = arg; return 0;
	case OPT_OPTION: hc_strs_push(&x->a, &o->options, arg); return 0;
	case OPT_ENV:
		o->environment = hc_enum_index(hc_environment_names, arg);
		return o->environment < 0
			? hc_cli_usage_error(cli, "--environment: production, development or evaluation")
			: 0;
	case OPT_DOMAIN: o->domain = arg; return 0;
	case OPT_PATTERN: o->dns_pattern = arg; return 0;
	case OPT_WEB: o->web_elsewhere = true; return 0;
	case OPT_MAIL: o->mail_elsewhere = true; return 0;
	case OPT_ACCEPTED: return parse_time(cli, "--accepted-at", arg, &o->accepted_at);
	case OPT_SETTINGS: return parse_time(cli, "--settings-submitted-at", arg, &o->settings_submitted_at);
	case OPT_REQUESTED: return parse_day(cli, "--requested-date", arg, &o->requested_date);
	case OPT_AT: return parse_time(cli, "--at", arg, &x->at);
	case OPT_EFFECTIVE: return parse_day(cli, "--effective", arg, &x->effective);
	}
	return hc_cli_usage_error(cli, "unknown option");
}

/* Prints the outcome: the diff of a dry run, else the record (or its id). */
static int finish(struct hc_cli *cli, int rc, struct hc_error *err, struct hc_server_result *res,
		  struct hc_buf *report)
{
	struct hc_buf out = HC_BUF_INIT;

	if (rc)
		return hc_cli_fail(cli, err);
	for (size_t i = 0; i < res->notes.n; i++)
		fprintf(stderr, "%s: note: %s\n", cli->prog, res->notes.v[i]);
	if (cli->dry_run) {
		rc = hc_cli_write(cli, report);
	} else if (cli->format == HC_FMT_ID) {
		hc_buf_addf(&out, "%s\n", res->server.id);
		rc = hc_cli_write(cli, &out);
	} else {
		hc_cli_render_record(cli, &hc_server_schema, &res->server, &out);
		rc = hc_cli_write(cli, &out);
	}
	hc_buf_release(&out);
	return rc;
}

static int cmd_new(struct hc_cli *cli, struct args *x, int argc, char **argv,
		   struct hc_server_result *res, struct hc_buf *report, struct hc_error *err)
{
	struct hc_txn_options o;
	const char *seed = getenv("HOSTCTL_SEED");

	if (argc)
		return hc_cli_usage_error(cli, "unexpected argument '%s'", argv[0]);
	if (!x->order.customer || !x->order.plan)
		return hc_cli_usage_error(cli, "--customer and --plan are required");
	if (!x->order.domain && (x->order.dns_pattern || x->order.web_elsewhere || x->order.mail_elsewhere))
		return hc_cli_usage_error(cli, "--dns-pattern and --*-elsewhere go with --domain");
	x->order.id_seed = seed && *seed ? seed : NULL;
	hc_cli_txn_options(cli, "provision new", &o);
	return finish(cli, hc_server_order(&cli->st, &o, &x->order, res, report, err), err, res, report);
}

static int cmd_activate(struct hc_cli *cli, struct args *x, int argc, char **argv,
			struct hc_server_result *res, struct hc_buf *report, struct hc_error *err)
{
	struct hc_txn_options o;

	if (argc != 1)
		return hc_cli_usage_error(cli, "activate takes one server ID");
	hc_cli_txn_options(cli, "provision activate", &o);
	return finish(cli, hc_server_activate(&cli->st, &o, argv[0], x->at, res, report, err), err,
		      res, report);
}

static int cmd_cancel(struct hc_cli *cli, struct args *x, int argc, char **argv,
		      struct hc_server_result *res, struct hc_buf *report, struct hc_error *err)
{
	struct hc_txn_options o;

	if (argc != 1)
		return hc_cli_usage_error(cli, "cancel takes one server ID");
	if (x->effective == HC_DAY_NONE)
		return hc_cli_usage_error(cli, "--effective DATE is required");
	hc_cli_txn_options(cli, "provision cancel", &o);
	return finish(cli, hc_server_cancel(&cli->st, &o, argv[0], x->at, x->effective, res, report,
					    err), err, res, report);
}

static int cmd_sweep(struct hc_cli *cli, struct args *x, int argc, char **argv,
		     struct hc_server_result *res, struct hc_buf *report, struct hc_error *err)
{
	struct hc_txn_options o;
	struct hc_buf out = HC_BUF_INIT;
	int rc;

	if (argc)
		return hc_cli_usage_error(cli, "unexpected argument '%s'", argv[0]);
	hc_cli_txn_options(cli, "provision sweep", &o);
	rc = hc_server_sweep(&cli->st, &o, x->at, res, report, err);
	if (rc)
		return hc_cli_fail(cli, err);
	if (cli->dry_run) {
		rc = hc_cli_write(cli, report);
	} else {
		for (size_t i = 0; i < res->ids.n; i++)
			hc_buf_addf(&out, "%s\n", res->ids.v[i]);
		rc = hc_cli_write(cli, &out);
	}
	hc_buf_release(&out);
	return rc;
}

static int cmd_add_domain(struct hc_cli *cli, struct args *x, int argc, char **argv,
			  struct hc_server_result *res, struct hc_buf *report, struct hc_error *err)
{
	struct hc_txn_options o;

	if (argc < 2)
		return hc_cli_usage_error(cli, "add-domain takes a server ID and domains");
	hc_cli_txn_options(cli, "provision add-domain", &o);
	return finish(cli, hc_server_add_domains(&cli->st, &o, argv[0], (const char *const *)argv + 1,
						 (size_t)argc - 1, x->order.dns_pattern,
						 x->order.web_elsewhere, x->order.mail_elsewhere, res,
						 report, err), err, res, report);
}

static const struct {
	const char *name;
	int (*fn)(struct hc_cli *, struct args *, int, char **, struct hc_server_result *,
		  struct hc_buf *, struct hc_error *);
	bool by_id;                  /* the first operand is a server ID, or "-" */
} subverbs[] = {
	{ "new", cmd_new, false },
	{ "activate", cmd_activate, true },
	{ "cancel", cmd_cancel, true },
	{ "sweep", cmd_sweep, false },
	{ "add-domain", cmd_add_domain, true },
};

/* Runs the subcommand once, or once per id of ids (its ID operand was
 * "-"): each id its own transaction, stopping at the first failure. */
static int each(struct hc_cli *cli, size_t sub, struct args *x, int argc, char **argv,
		struct hc_idlist *ids)
{
	size_t n = ids->v.n ? ids->v.n : 1;
	int rc = 0;

	for (size_t i = 0; !rc && i < n; i++) {
		struct hc_server_result res;
		struct hc_buf report = HC_BUF_INIT;
		struct hc_error err;

		if (ids->v.n)
			argv[0] = (char *)hc_idlist_at(cli, ids, i);
		hc_server_result_init(&res);
		rc = subverbs[sub].fn(cli, x, argc, argv, &res, &report, &err);
		if (ids->v.n)
			rc = hc_idlist_done(cli, ids, i, rc);
		hc_buf_release(&report);
		hc_server_result_release(&res);
	}
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "customer", required_argument, NULL, OPT_CUSTOMER },
		{ "plan", required_argument, NULL, OPT_PLAN },
		{ "profile", required_argument, NULL, OPT_PROFILE },
		{ "os", required_argument, NULL, OPT_OS },
		{ "region", required_argument, NULL, OPT_REGION },
		{ "hostname", required_argument, NULL, OPT_HOSTNAME },
		{ "option", required_argument, NULL, OPT_OPTION },
		{ "environment", required_argument, NULL, OPT_ENV },
		{ "domain", required_argument, NULL, OPT_DOMAIN },
		{ "dns-pattern", required_argument, NULL, OPT_PATTERN },
		{ "web-elsewhere", no_argument, NULL, OPT_WEB },
		{ "mail-elsewhere", no_argument, NULL, OPT_MAIL },
		{ "accepted-at", required_argument, NULL, OPT_ACCEPTED },
		{ "settings-submitted-at", required_argument, NULL, OPT_SETTINGS },
		{ "requested-date", required_argument, NULL, OPT_REQUESTED },
		{ "at", required_argument, NULL, OPT_AT },
		{ "effective", required_argument, NULL, OPT_EFFECTIVE },
		{ 0 }
	};
	struct hc_cli cli;
	struct args x;
	struct hc_idlist ids;
	int first, rc = -1;

	memset(&x, 0, sizeof(x));
	hc_arena_init(&x.a);
	x.order.environment = -1;
	x.order.accepted_at = HC_TIME_NONE;
	x.order.settings_submitted_at = HC_TIME_NONE;
	x.order.requested_date = HC_DAY_NONE;
	x.at = HC_TIME_NONE;
	x.effective = HC_DAY_NONE;
	hc_idlist_init(&ids);
	hc_cli_init(&cli, "hostctl-provision", usage,
		    1u << HC_FMT_TABLE | 1u << HC_FMT_YAML | 1u << HC_FMT_JSON | 1u << HC_FMT_TSV |
		    1u << HC_FMT_ID, argc, argv);
	hc_cli_mutating(&cli);
	if ((rc = hc_cli_parse(&cli, argc > 1 && argv[1][0] != '-' ? 2 : 1, opts, NULL, on_opt, &x,
			       &first)))
		return hc_cli_exit(&cli, rc);
	if (argc < 2 || argv[1][0] == '-')
		return hc_cli_exit(&cli, hc_cli_usage_error(&cli, "which subcommand? (new, activate, cancel, sweep, add-domain)"));
	if (x.at == HC_TIME_NONE)
		x.at = cli.now;
	hc_cli_format(&cli, HC_FMT_YAML);
	for (size_t i = 0; i < sizeof(subverbs) / sizeof(subverbs[0]); i++) {
		if (strcmp(argv[1], subverbs[i].name))
			continue;
		if (subverbs[i].by_id && argc > first &&
		    (rc = hc_idlist_read(&cli, &ids, argc - first, argv + first, 0, 1)))
			break;
		if ((rc = hc_cli_open_state(&cli)))
			break;
		rc = each(&cli, i, &x, argc - first, argv + first, &ids);
		break;
	}
	if (rc < 0)
		rc = hc_cli_usage_error(&cli, "unknown subcommand '%s'", argv[1]);
	hc_idlist_release(&cli, &ids);
	hc_arena_release(&x.a);
	return hc_cli_exit(&cli, rc);
}
