/*
 * hostctl-security-update - advisories: who gets patched, who gets told.
 */
static const char usage[] =
	"usage: hostctl security-update new --id ADVISORY --level LEVEL --os OS[,OS...]\n"
	"                                   [--package NAME] --summary TEXT\n"
	"       hostctl security-update notify ADVISORY [SERVER] [--candidates DATE[,DATE...]]\n"
	"       hostctl security-update schedule ADVISORY SERVER [--candidates DATE[,DATE...]] --at T\n"
	"       hostctl security-update apply ADVISORY SERVER [--at T]\n"
	"       hostctl security-update decline ADVISORY [SERVER] --reason TEXT\n"
	"       hostctl security-update status ADVISORY\n"
	"\n"
	"new records the advisory and decides per server of the affected OS: the\n"
	"provider patches it where the profile says so (LEVEL is one a profile\n"
	"names; clara-jp6: high, every server; medium, only with the option\n"
	"security-update, 000 §2.6.1.1.1); elsewhere it is the customer's, with the\n"
	"OS's update policy (001, 004 §2.1.3 (2)).\n"
	"Each patched server then follows 000 §2.6.1.1.2: notify (the mail of 項番3;\n"
	"without SERVER, every pending one), schedule (--at on one of the candidate\n"
	"work dates the customer replied with, given with --candidates here or at\n"
	"notify: an announced maintenance window the SLA report excludes), apply\n"
	"(項番4); or decline (項番2: the provider does not apply it, --reason says\n"
	"why; only while pending; without SERVER, every pending one), which ends\n"
	"the flow (項番5). Steps out of order are refused. Every subcommand\n"
	"prints one line per server: server, customer, status, scheduled_at,\n"
	"reason. SERVER '-' reads server ids from standard input, one per line:\n"
	"each is its own step, in order, stopping at the first failure.\n"
	"\n"
	"See hostctl-security-update(1).\n";

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "hostctl/advisory.h"
#include "ids.h"

enum { OPT_ID = 600, OPT_LEVEL, OPT_OS, OPT_PACKAGE, OPT_SUMMARY, OPT_CANDIDATES, OPT_AT,
       OPT_REASON };

struct args {
	struct hc_arena a;
	struct hc_advisory adv;
	struct hc_strs candidates;
	hc_time at;
	const char *reason;
};

static void split(struct hc_arena *a, struct hc_strs *out, const char *arg)
{
	char *copy = hc_arena_strdup(a, arg), *save = NULL;

	for (char *p = strtok_r(copy, ", ", &save); p; p = strtok_r(NULL, ", ", &save))
		hc_strs_push(a, out, p);
}

static int on_opt(struct hc_cli *cli, int key, const char *arg, void *ctx)
{
	struct args *x = ctx;

	switch (key) {
	case OPT_ID: x->adv.id = arg; return 0;
	case OPT_LEVEL: x->adv.level = arg; return 0;
	case OPT_OS: split(&x->a, &x->adv.os, arg); return 0;
	case OPT_PACKAGE: x->adv.package = arg; return 0;
	case OPT_SUMMARY: x->adv.summary = arg; return 0;
	case OPT_CANDIDATES: {
		split(&x->a, &x->candidates, arg);
		for (size_t i = 0; i < x->candidates.n; i++) {
			hc_day d;

			if (hc_day_parse(x->candidates.v[i], &d))
				return hc_cli_usage_error(cli, "--candidates: expected dates YYYY-MM-DD, got '%s'",
							  x->candidates.v[i]);
		}
		return 0;
	}
	case OPT_REASON: x->reason = arg; return 0;
	case OPT_AT:
		if (hc_time_parse(arg, &x->at, NULL))
			return hc_cli_usage_error(cli, "--at: expected an RFC 3339 date-time, got '%s'", arg);
		return 0;
	}
	return hc_cli_usage_error(cli, "unknown option");
}

static int table(struct hc_cli *cli, struct hc_advisory_result *res)
{
	static const char *const header[] = { "server", "customer", "status", "scheduled_at", "reason" };
	size_t count[HC_UPD_NSTATUS] = { 0 };
	struct hc_table t;
	struct hc_buf out = HC_BUF_INIT;
	int rc;

	for (size_t i = 0; i < res->notes.n; i++)
		fprintf(stderr, "%s: note: %s\n", cli->prog, res->notes.v[i]);
	hc_table_init(&t, 5, header);
	for (size_t i = 0; i < res->updates.n; i++) {
		const struct hc_update *u = HC_LIST_AT(res->updates, struct hc_update, i);
		char when[HC_TIME_BUFSZ] = "";

		if (u->scheduled_at != HC_TIME_NONE)
			hc_time_format(u->scheduled_at, cli->st.utc_offset_min, when);
		hc_table_add(&t, u->server);
		hc_table_add(&t, u->customer);
		hc_table_add(&t, hc_update_status_names[u->status]);
		hc_table_add(&t, when);
		hc_table_add(&t, u->reason ? u->reason : "");
		count[u->status]++;
	}
	hc_cli_render_table(cli, &t, &out);
	hc_table_release(&t);
	rc = hc_cli_write(cli, &out);
	if (!rc && cli->format == HC_FMT_TABLE)
		fprintf(stderr, "%s: %s: %zu pending, %zu notified, %zu scheduled, %zu applied, "
				"%zu declined, %zu the customer's, %zu not covered\n", cli->prog,
			res->advisory.id, count[HC_UPD_PENDING], count[HC_UPD_NOTIFIED],
			count[HC_UPD_SCHEDULED], count[HC_UPD_APPLIED], count[HC_UPD_DECLINED],
			count[HC_UPD_CUSTOMER], count[HC_UPD_NOT_COVERED]);
	hc_buf_release(&out);
	return rc;
}

/* notify, schedule, apply or decline for one server (NULL: notify or
 * decline every pending one): its own transaction. */
static int step(struct hc_cli *cli, struct args *x, const char *sub, const char *advisory,
		const char *server)
{
	struct hc_advisory_result res;
	struct hc_txn_options o;
	struct hc_buf report = HC_BUF_INIT;
	struct hc_error err;
	char verb[64];
	int rc;

	hc_advisory_result_init(&res);
	snprintf(verb, sizeof(verb), "security-update %s", sub);
	hc_cli_txn_options(cli, verb, &o);
	rc = hc_advisory_step(&cli->st, &o, advisory, server, sub, &x->candidates, x->at, x->reason,
			      &res, &report, &err);
	if (rc)
		rc = hc_cli_fail(cli, &err);
	else if (cli->dry_run)
		rc = hc_cli_write(cli, &report);
	else
		rc = table(cli, &res);
	hc_buf_release(&report);
	hc_advisory_result_release(&res);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "id", required_argument, NULL, OPT_ID },
		{ "level", required_argument, NULL, OPT_LEVEL },
		{ "os", required_argument, NULL, OPT_OS },
		{ "package", required_argument, NULL, OPT_PACKAGE },
		{ "summary", required_argument, NULL, OPT_SUMMARY },
		{ "candidates", required_argument, NULL, OPT_CANDIDATES },
		{ "at", required_argument, NULL, OPT_AT },
		{ "reason", required_argument, NULL, OPT_REASON },
		{ 0 }
	};
	struct hc_cli cli;
	struct args x;
	struct hc_advisory_result res;
	struct hc_txn_options o;
	struct hc_buf report = HC_BUF_INIT;
	struct hc_error err;
	struct hc_idlist ids;
	const char *sub;
	char verb[64];
	int first, rc, nargs;

	memset(&x, 0, sizeof(x));
	hc_arena_init(&x.a);
	hc_record_init(&hc_advisory_schema, &x.adv);
	x.at = HC_TIME_NONE;
	hc_advisory_result_init(&res);
	hc_idlist_init(&ids);
	hc_cli_init(&cli, "hostctl-security-update", usage,
		    1u << HC_FMT_TABLE | 1u << HC_FMT_YAML | 1u << HC_FMT_JSON | 1u << HC_FMT_TSV,
		    argc, argv);
	hc_cli_mutating(&cli);
	if ((rc = hc_cli_parse(&cli, argc > 1 && argv[1][0] != '-' ? 2 : 1, opts, NULL, on_opt, &x,
			       &first)))
		goto done;
	if (argc < 2 || argv[1][0] == '-') {
		rc = hc_cli_usage_error(&cli,
					"which subcommand? (new, notify, schedule, apply, decline, status)");
		goto done;
	}
	sub = argv[1];
	nargs = argc - first;
	if ((rc = hc_cli_open_state(&cli)))
		goto done;
	hc_cli_format(&cli, HC_FMT_TSV);
	snprintf(verb, sizeof(verb), "security-update %s", sub);
	hc_cli_txn_options(&cli, verb, &o);

	if (!strcmp(sub, "new")) {
		if (nargs || !x.adv.id || !x.adv.level || !x.adv.summary) {
			rc = hc_cli_usage_error(&cli, "new takes --id, --level, --os and --summary");
			goto done;
		}
		x.adv.created_at = cli.now;
		rc = hc_advisory_new(&cli.st, &o, &x.adv, &res, &report, &err);
	} else if (!strcmp(sub, "status")) {
		if (nargs != 1) {
			rc = hc_cli_usage_error(&cli, "status takes one ADVISORY");
			goto done;
		}
		rc = hc_advisory_status(&cli.st, argv[first], &res, &err);
	} else if (!strcmp(sub, "notify") || !strcmp(sub, "schedule") || !strcmp(sub, "apply") ||
		   !strcmp(sub, "decline")) {
		bool need_server = strcmp(sub, "notify") != 0 && strcmp(sub, "decline") != 0;

		if (!strcmp(sub, "decline") != (x.reason != NULL)) {
			rc = hc_cli_usage_error(&cli, x.reason ? "--reason is for decline"
							       : "decline takes --reason TEXT");
			goto done;
		}

		if (nargs < 1 + need_server || nargs > 2) {
			rc = hc_cli_usage_error(&cli, "%s takes ADVISORY%s", sub,
						need_server ? " and SERVER" : " [SERVER]");
			goto done;
		}
		if (nargs == 1) {
			rc = step(&cli, &x, sub, argv[first], NULL);
			goto done;
		}
		if ((rc = hc_idlist_read(&cli, &ids, nargs, argv + first, 1, 2)))
			goto done;
		for (size_t i = 0; !rc && i < ids.v.n; i++)
			rc = hc_idlist_done(&cli, &ids, i, step(&cli, &x, sub, argv[first],
								hc_idlist_at(&cli, &ids, i)));
		goto done;
	} else {
		rc = hc_cli_usage_error(&cli, "unknown subcommand '%s'", sub);
		goto done;
	}
	if (rc)
		rc = hc_cli_fail(&cli, &err);
	else if (cli.dry_run && strcmp(sub, "status"))
		rc = hc_cli_write(&cli, &report);
	else
		rc = table(&cli, &res);
done:
	hc_idlist_release(&cli, &ids);
	hc_buf_release(&report);
	hc_advisory_result_release(&res);
	hc_arena_release(&x.a);
	return hc_cli_exit(&cli, rc);
}
