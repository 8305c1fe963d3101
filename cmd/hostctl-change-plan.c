/*
 * hostctl-change-plan - plan changes, disk expansion, IP addition, block
 * storage and hardware options, by every rule of the server's profile.
 */
static const char usage[] =
	"usage: hostctl change-plan ID --to PLAN [--at T | --immediate]\n"
	"       hostctl change-plan ID --add-disk GB [--window NAME --on DATE | --at T]\n"
	"       hostctl change-plan ID --add-ip\n"
	"       hostctl change-plan ID --add-block-storage GB --iops N [--at T]\n"
	"       hostctl change-plan ID --hardware OPTION [--at T]\n"
	"       hostctl change-plan apply-due\n"
	"\n"
	"Checks the change against the server's profile -- allowed targets, once a\n"
	"day, immediate or reserved, disk steps, sizes and caps, work windows and\n"
	"business days, the IP addition rule, physical plans, a pending cancellation\n"
	"(002 §2.3.1, §3.1, §3.2; 004 §2.1.3 (1)(4)(10); 000 §2.1-4-6) -- and records\n"
	"it in changes/. A reboot or stop is recorded as an announced maintenance\n"
	"window, which the SLA report excludes. A change for a later time is\n"
	"reserved; 'apply-due' (for cron) applies those whose time has come.\n"
	"ID '-' reads server ids from standard input, one per line: each is its\n"
	"own change, in order, stopping at the first failure.\n"
	"\n"
	"  --format yaml|json|table|tsv|id   the change record (id: just its id)\n"
	"  --dry-run                         show the change as a diff, write nothing\n"
	"\n"
	"Refusals name the rule and its section and exit 1. See hostctl-change-plan(1).\n";

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "hostctl/plan.h"
#include "ids.h"

enum { OPT_TO = 600, OPT_AT, OPT_IMMEDIATE, OPT_DISK, OPT_WINDOW, OPT_ON, OPT_IP, OPT_BLOCK,
       OPT_IOPS, OPT_HARDWARE };

struct args {
	struct hc_change_request req;
	int kinds;
};

static int parse_gb(struct hc_cli *cli, const char *opt, const char *arg, int64_t *out)
{
	const char *p = arg;
	char *end;
	long long v;
	bool neg = false;

	if (*p == '-')
		neg = true, p++;
	errno = 0;
	v = strtoll(p, &end, 10);
	if (errno || *end || end == p || *p == '-' || *p == '+' || v > 100000000)
		return hc_cli_usage_error(cli, "%s: expected a whole number, got '%s%s'", opt,
					  neg ? "-" : "", p);
	*out = neg ? -v : v;
	return 0;
}

static int on_opt(struct hc_cli *cli, int key, const char *arg, void *ctx)
{
	struct args *x = ctx;
	struct hc_change_request *r = &x->req;

	switch (key) {
	case OPT_TO:
		r->kind = HC_CHG_PLAN, r->to_plan = arg, x->kinds++;
		return 0;
	case OPT_DISK:
		r->kind = HC_CHG_DISK, x->kinds++;
		return parse_gb(cli, "--add-disk", arg, &r->size_gb);
	case OPT_IP:
		r->kind = HC_CHG_IP, x->kinds++;
		return 0;
	case OPT_BLOCK:
		r->kind = HC_CHG_BLOCK, x->kinds++;
		return parse_gb(cli, "--add-block-storage", arg, &r->size_gb);
	case OPT_HARDWARE:
		r->kind = HC_CHG_HARDWARE, r->option = arg, x->kinds++;
		return 0;
	case OPT_IOPS:
		return parse_gb(cli, "--iops", arg, &r->iops_per_gb);
	case OPT_WINDOW:
		r->window = arg;
		return 0;
	case OPT_ON:
		if (hc_day_parse(arg, &r->on))
			return hc_cli_usage_error(cli, "--on: expected a date YYYY-MM-DD, got '%s'", arg);
		return 0;
	case OPT_AT:
		if (hc_time_parse(arg, &r->at, NULL))
			return hc_cli_usage_error(cli, "--at: expected an RFC 3339 date-time, got '%s'", arg);
		return 0;
	case OPT_IMMEDIATE:
		r->immediate = true;
		return 0;
	}
	return hc_cli_usage_error(cli, "unknown option");
}

static int show(struct hc_cli *cli, struct hc_change_result *res, struct hc_buf *report)
{
	struct hc_buf out = HC_BUF_INIT;
	int rc;

	for (size_t i = 0; i < res->notes.n; i++)
		fprintf(stderr, "%s: note: %s\n", cli->prog, res->notes.v[i]);
	if (cli->dry_run)
		return hc_cli_write(cli, report);
	if (cli->format == HC_FMT_ID)
		hc_buf_addf(&out, "%s\n", res->change.id);
	else
		hc_cli_render_record(cli, &hc_change_schema, &res->change, &out);
	rc = hc_cli_write(cli, &out);
	hc_buf_release(&out);
	return rc;
}

/* The change for one server: its own transaction. */
static int change(struct hc_cli *cli, struct args *x, const char *server)
{
	struct hc_change_result res;
	struct hc_txn_options o;
	struct hc_buf report = HC_BUF_INIT;
	struct hc_error err;
	int rc;

	hc_change_result_init(&res);
	x->req.server = server;
	hc_cli_txn_options(cli, "change-plan", &o);
	rc = hc_change_request(&cli->st, &o, &x->req, &res, &report, &err);
	rc = rc ? hc_cli_fail(cli, &err) : show(cli, &res, &report);
	hc_buf_release(&report);
	hc_change_result_release(&res);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, OPT_TO },
		{ "at", required_argument, NULL, OPT_AT },
		{ "immediate", no_argument, NULL, OPT_IMMEDIATE },
		{ "add-disk", required_argument, NULL, OPT_DISK },
		{ "window", required_argument, NULL, OPT_WINDOW },
		{ "on", required_argument, NULL, OPT_ON },
		{ "add-ip", no_argument, NULL, OPT_IP },
		{ "add-block-storage", required_argument, NULL, OPT_BLOCK },
		{ "iops", required_argument, NULL, OPT_IOPS },
		{ "hardware", required_argument, NULL, OPT_HARDWARE },
		{ 0 }
	};
	struct hc_cli cli;
	struct args x;
	struct hc_change_result res;
	struct hc_txn_options o;
	struct hc_buf report = HC_BUF_INIT, out = HC_BUF_INIT;
	struct hc_error err;
	struct hc_idlist ids;
	const char *seed = getenv("HOSTCTL_SEED");
	int first, rc;

	memset(&x, 0, sizeof(x));
	x.req.at = HC_TIME_NONE;
	x.req.on = HC_DAY_NONE;
	x.req.size_gb = HC_INT_NONE;
	x.req.iops_per_gb = HC_INT_NONE;
	x.req.id_seed = seed && *seed ? seed : NULL;
	hc_change_result_init(&res);
	hc_idlist_init(&ids);
	hc_cli_init(&cli, "hostctl-change-plan", usage,
		    1u << HC_FMT_TABLE | 1u << HC_FMT_YAML | 1u << HC_FMT_JSON | 1u << HC_FMT_TSV |
		    1u << HC_FMT_ID, argc, argv);
	hc_cli_mutating(&cli);
	if ((rc = hc_cli_parse(&cli, 1, opts, NULL, on_opt, &x, &first)))
		goto done;
	if (argc - first != 1) {
		rc = hc_cli_usage_error(&cli, "expected one server ID (or 'apply-due')");
		goto done;
	}
	if (strcmp(argv[first], "apply-due") &&
	    (rc = hc_idlist_read(&cli, &ids, 1, argv + first, 0, 1)))
		goto done;
	if ((rc = hc_cli_open_state(&cli)))
		goto done;
	hc_cli_format(&cli, HC_FMT_YAML);

	if (!strcmp(argv[first], "apply-due")) {
		if (x.kinds) {
			rc = hc_cli_usage_error(&cli, "apply-due takes no change options");
			goto done;
		}
		hc_cli_txn_options(&cli, "change-plan apply-due", &o);
		rc = hc_change_apply_due(&cli.st, &o, &res, &report, &err);
		if (rc) {
			rc = hc_cli_fail(&cli, &err);
			goto done;
		}
		for (size_t i = 0; i < res.notes.n; i++)
			fprintf(stderr, "%s: note: %s\n", cli.prog, res.notes.v[i]);
		if (cli.dry_run) {
			rc = hc_cli_write(&cli, &report);
		} else {
			for (size_t i = 0; i < res.ids.n; i++)
				hc_buf_addf(&out, "%s\n", res.ids.v[i]);
			rc = hc_cli_write(&cli, &out);
		}
		goto done;
	}
	if (x.kinds != 1) {
		rc = hc_cli_usage_error(&cli, "give one of --to, --add-disk, --add-ip, "
					      "--add-block-storage, --hardware");
		goto done;
	}
	if (x.req.immediate && x.req.at != HC_TIME_NONE) {
		rc = hc_cli_usage_error(&cli, "--at and --immediate exclude each other");
		goto done;
	}
	if (x.req.kind == HC_CHG_BLOCK && x.req.iops_per_gb == HC_INT_NONE) {
		rc = hc_cli_usage_error(&cli, "--add-block-storage needs --iops");
		goto done;
	}
	for (size_t i = 0; !rc && i < ids.v.n; i++)
		rc = hc_idlist_done(&cli, &ids, i, change(&cli, &x, hc_idlist_at(&cli, &ids, i)));
done:
	hc_idlist_release(&cli, &ids);
	hc_buf_release(&report);
	hc_buf_release(&out);
	hc_change_result_release(&res);
	return hc_cli_exit(&cli, rc);
}
