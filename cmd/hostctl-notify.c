/*
 * hostctl-notify - who must be told of an event, through which channel.
 */
static const char usage[] =
	"usage: hostctl notify EVENT --server ID [--check NAME] [--reference REF] [--sent]\n"
	"       hostctl notify --events --server ID\n"
	"\n"
	"Prints the notices the server's profile requires for EVENT (ping-alert,\n"
	"service-alert, process-resource-alert, hardware-visual-check,\n"
	"network-failure, work-completion, maintenance, severe-alert, minor-alert,\n"
	"security-update, recovery ... as the profile's matrix names them: 001,\n"
	"004 §2.1.3 (9), §4.2, 000 §2.3-1-2): one line per channel with the\n"
	"customer's address, for a mail or phone system to consume. --check names\n"
	"the monitored service of an alert (001: no phone call for telnet and ssh).\n"
	"With --sent, each notice is recorded as sent (notices/<uuid>.yaml), but\n"
	"for a channel the customer has not registered (a warning says so).\n"
	"--server - reads server ids from standard input, one per line: each is\n"
	"its own run, in order, stopping at the first failure.\n"
	"\n"
	"  --format tsv|table|json|yaml   tsv (channel, to, event, title) when piped\n"
	"\n"
	"Exit 3 for an event the profile does not know. See hostctl-notify(1).\n";

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "hostctl/notify.h"
#include "ids.h"

enum { OPT_SERVER = 600, OPT_CHECK, OPT_REFERENCE, OPT_SENT, OPT_EVENTS };

struct args {
	const char *server, *check, *reference;
	bool sent, events;
};

static int on_opt(struct hc_cli *cli, int key, const char *arg, void *ctx)
{
	struct args *x = ctx;

	switch (key) {
	case OPT_SERVER: x->server = arg; return 0;
	case OPT_CHECK: x->check = arg; return 0;
	case OPT_REFERENCE: x->reference = arg; return 0;
	case OPT_SENT: x->sent = true; return 0;
	case OPT_EVENTS: x->events = true; return 0;
	}
	return hc_cli_usage_error(cli, "unknown option");
}

/* The notices of event for one server, or its events (--events); with
 * --sent, its own transaction. */
static int run(struct hc_cli *cli, struct args *x, const char *server, const char *event,
	       const char *seed)
{
	static const char *const header[] = { "channel", "to", "event", "title" };
	struct hc_notify_result res;
	struct hc_txn_options o;
	struct hc_table t;
	struct hc_buf out = HC_BUF_INIT, report = HC_BUF_INIT;
	struct hc_error err;
	int rc;

	hc_notify_result_init(&res);
	hc_cli_txn_options(cli, "notify", &o);
	if (x->events) {
		struct hc_strs events;

		memset(&events, 0, sizeof(events));
		rc = hc_notify_events(&cli->st, server, &events, &res.arena, &err);
		for (size_t i = 0; !rc && i < events.n; i++)
			hc_buf_addf(&out, "%s\n", events.v[i]);
		rc = rc ? hc_cli_fail(cli, &err) : hc_cli_write(cli, &out);
		goto out;
	}
	rc = hc_notify(&cli->st, &o, server, event, x->check, x->reference, x->sent,
		       seed && *seed ? seed : NULL, &res, &report, &err);
	if (rc) {
		rc = hc_cli_fail(cli, &err);
		goto out;
	}
	if (res.why)
		fprintf(stderr, "%s: note: %s\n", cli->prog, res.why);
	if (cli->dry_run && x->sent) {
		rc = hc_cli_write(cli, &report);
		goto out;
	}
	hc_table_init(&t, 4, header);
	for (size_t i = 0; i < res.targets.n; i++) {
		const struct hc_notice_target *tg = HC_LIST_AT(res.targets, struct hc_notice_target, i);

		hc_table_add(&t, tg->channel);
		hc_table_add(&t, tg->to ? tg->to : "");
		hc_table_add(&t, tg->event);
		hc_table_add(&t, tg->title ? tg->title : "");
		if (!tg->to && !tg->posted) {
			const char *field = hc_notify_address_name(hc_enum_index(hc_channel_names, tg->channel));

			field = field ? field : tg->channel;
			fprintf(stderr, "%s: warning: the customer has no %s registered%s%s%s%s\n", cli->prog,
				field, strcmp(field, tg->channel) ? " (for " : "",
				strcmp(field, tg->channel) ? tg->channel : "",
				strcmp(field, tg->channel) ? ")" : "", x->sent ? ": no notice recorded" : "");
		}
	}
	hc_cli_render_table(cli, &t, &out);
	hc_table_release(&t);
	rc = hc_cli_write(cli, &out);
out:
	hc_buf_release(&out);
	hc_buf_release(&report);
	hc_notify_result_release(&res);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "server", required_argument, NULL, OPT_SERVER },
		{ "check", required_argument, NULL, OPT_CHECK },
		{ "reference", required_argument, NULL, OPT_REFERENCE },
		{ "sent", no_argument, NULL, OPT_SENT },
		{ "events", no_argument, NULL, OPT_EVENTS },
		{ 0 }
	};
	struct hc_cli cli;
	struct args x = { 0 };
	struct hc_idlist ids;
	const char *seed = getenv("HOSTCTL_SEED");
	int first, rc;

	hc_idlist_init(&ids);
	hc_cli_init(&cli, "hostctl-notify", usage,
		    1u << HC_FMT_TABLE | 1u << HC_FMT_YAML | 1u << HC_FMT_JSON | 1u << HC_FMT_TSV,
		    argc, argv);
	hc_cli_mutating(&cli);
	if ((rc = hc_cli_parse(&cli, 1, opts, NULL, on_opt, &x, &first)))
		goto done;
	if (!x.server) {
		rc = hc_cli_usage_error(&cli, "--server is required");
		goto done;
	}
	if (x.events ? first != argc : argc - first != 1) {
		rc = hc_cli_usage_error(&cli, x.events ? "--events takes no EVENT" : "expected one EVENT");
		goto done;
	}
	/* --server -: the servers on standard input. */
	if ((rc = hc_idlist_read(&cli, &ids, 1, (char **)&x.server, 0, 1)))
		goto done;
	if ((rc = hc_cli_open_state(&cli)))
		goto done;
	hc_cli_format(&cli, HC_FMT_TSV);
	for (size_t i = 0; !rc && i < ids.v.n; i++)
		rc = hc_idlist_done(&cli, &ids, i, run(&cli, &x, hc_idlist_at(&cli, &ids, i),
						       x.events ? NULL : argv[first],
						       seed && *seed ? seed : NULL));
done:
	hc_idlist_release(&cli, &ids);
	return hc_cli_exit(&cli, rc);
}
