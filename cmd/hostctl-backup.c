/*
 * hostctl-backup - backup runs, missed windows, generations, restores and
 * snapshots.
 */
static const char usage[] =
	"usage: hostctl backup record ID --policy P [--domain D] --started T --finished T\n"
	"                 --status ok|failed [--bytes N]\n"
	"       hostctl backup due [--at T]\n"
	"       hostctl backup restore ID [--point latest|RUN] [--scope data|system] [--policy P]\n"
	"                 [--domain D] [--by customer|provider] [--reason R] [--lost-at T]\n"
	"       hostctl backup snapshot ID [--at T] [--until T] [--policy P]\n"
	"       hostctl backup configure ID --policy P [--domain D] --generations N\n"
	"\n"
	"record stores a run as the backup system reports it (backups/<uuid>.yaml),\n"
	"flags a run that started after its window closed as late, and marks the\n"
	"generations beyond the policy's count as superseded (002 §2.2.12: the\n"
	"managed copies keep 1; 004 §2.1.3 (5): incremental, merged). due lists the\n"
	"copies whose last closed window has no on-time successful run (missing,\n"
	"failed, late): tsv prints one server id per line for pipes. restore checks\n"
	"who may restore, when, and from which point, and records the request;\n"
	"snapshot (004 §2.1.3 (13)) records the request and the stop it needs as a\n"
	"maintenance window. configure sets a generation count the customer chooses.\n"
	"ID '-' reads server ids from standard input, one per line (what due\n"
	"prints): each is its own run, in order, stopping at the first failure.\n"
	"\n"
	"  --format yaml|json|table|tsv|id   the record written (id: just its id)\n"
	"  --dry-run                         show the change as a diff, write nothing\n"
	"\n"
	"Refusals name the rule and its section and exit 1. See hostctl-backup(1).\n";

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "hostctl/backup.h"
#include "ids.h"

enum {
	OPT_POLICY = 600, OPT_DOMAIN, OPT_STARTED, OPT_FINISHED, OPT_STATUS, OPT_BYTES, OPT_AT,
	OPT_POINT, OPT_SCOPE, OPT_BY, OPT_REASON, OPT_LOST_AT, OPT_UNTIL, OPT_GENERATIONS
};

struct args {
	const char *policy, *domain, *point, *reason;
	hc_time started, finished, at, lost_at, until;
	int status, scope, by;
	int64_t bytes, generations;
};

static int parse_time(struct hc_cli *cli, const char *opt, const char *arg, hc_time *out)
{
	if (hc_time_parse(arg, out, NULL))
		return hc_cli_usage_error(cli, "%s: expected an RFC 3339 date-time, got '%s'", opt, arg);
	return 0;
}

static int parse_count(struct hc_cli *cli, const char *opt, const char *arg, int64_t max,
		       int64_t *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(arg, &end, 10);
	if (errno || *end || end == arg || *arg == '-' || *arg == '+' || v > max)
		return hc_cli_usage_error(cli, "%s: expected a whole number, got '%s'", opt, arg);
	*out = v;
	return 0;
}

static int parse_enum(struct hc_cli *cli, const char *opt, const char *const *names,
		      const char *arg, int *out)
{
	*out = hc_enum_index(names, arg);
	if (*out < 0)
		return hc_cli_usage_error(cli, "%s: expected %s or %s, got '%s'", opt, names[0],
					  names[1], arg);
	return 0;
}

static int on_opt(struct hc_cli *cli, int key, const char *arg, void *ctx)
{
	struct args *x = ctx;

	switch (key) {
	case OPT_POLICY: x->policy = arg; return 0;
	case OPT_DOMAIN: x->domain = arg; return 0;
	case OPT_POINT: x->point = arg; return 0;
	case OPT_REASON: x->reason = arg; return 0;
	case OPT_STARTED: return parse_time(cli, "--started", arg, &x->started);
	case OPT_FINISHED: return parse_time(cli, "--finished", arg, &x->finished);
	case OPT_AT: return parse_time(cli, "--at", arg, &x->at);
	case OPT_LOST_AT: return parse_time(cli, "--lost-at", arg, &x->lost_at);
	case OPT_UNTIL: return parse_time(cli, "--until", arg, &x->until);
	case OPT_STATUS: return parse_enum(cli, "--status", hc_backup_status_names, arg, &x->status);
	case OPT_SCOPE: return parse_enum(cli, "--scope", hc_restore_scope_names, arg, &x->scope);
	case OPT_BY: return parse_enum(cli, "--by", hc_party_names, arg, &x->by);
	case OPT_BYTES:
		return parse_count(cli, "--bytes", arg, INT64_C(4611686018427387904), &x->bytes);
	case OPT_GENERATIONS:
		return parse_count(cli, "--generations", arg, 10000, &x->generations);
	}
	return hc_cli_usage_error(cli, "unknown option");
}

/* Options that belong to other subcommands are usage errors. */
static int only(struct hc_cli *cli, const char *sub, const struct args *x, const char *allowed)
{
	static const struct {
		const char *name;
		size_t off;
		int kind;                /* 0 string, 1 time, 2 enum, 3 int */
	} opts[] = {
		{ "policy", offsetof(struct args, policy), 0 },
		{ "domain", offsetof(struct args, domain), 0 },
		{ "point", offsetof(struct args, point), 0 },
		{ "reason", offsetof(struct args, reason), 0 },
		{ "started", offsetof(struct args, started), 1 },
		{ "finished", offsetof(struct args, finished), 1 },
		{ "at", offsetof(struct args, at), 1 },
		{ "lost-at", offsetof(struct args, lost_at), 1 },
		{ "until", offsetof(struct args, until), 1 },
		{ "status", offsetof(struct args, status), 2 },
		{ "scope", offsetof(struct args, scope), 2 },
		{ "by", offsetof(struct args, by), 2 },
		{ "bytes", offsetof(struct args, bytes), 3 },
		{ "generations", offsetof(struct args, generations), 3 },
	};

	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		const char *p = (const char *)x + opts[i].off;
		char word[32];
		bool set;

		switch (opts[i].kind) {
		case 0: set = *(const char *const *)(const void *)p != NULL; break;
		case 1: set = *(const hc_time *)(const void *)p != HC_TIME_NONE; break;
		case 2: set = *(const int *)(const void *)p >= 0; break;
		default: set = *(const int64_t *)(const void *)p != HC_INT_NONE; break;
		}
		snprintf(word, sizeof(word), " %s ", opts[i].name);
		if (set && !strstr(allowed, word))
			return hc_cli_usage_error(cli, "%s takes no --%s", sub, opts[i].name);
	}
	return 0;
}

static void print_notes(struct hc_cli *cli, const struct hc_backup_result *res)
{
	for (size_t i = 0; i < res->notes.n; i++)
		fprintf(stderr, "%s: note: %s\n", cli->prog, res->notes.v[i]);
}

/* Prints the outcome: the diff of a dry run, else the record (or its id). */
static int finish(struct hc_cli *cli, int rc, struct hc_error *err, const struct hc_schema *s,
		  const void *rec, const char *id, const struct hc_backup_result *res,
		  struct hc_buf *report)
{
	struct hc_buf out = HC_BUF_INIT;

	if (rc)
		return hc_cli_fail(cli, err);
	print_notes(cli, res);
	if (cli->dry_run) {
		rc = hc_cli_write(cli, report);
	} else if (cli->format == HC_FMT_ID) {
		hc_buf_addf(&out, "%s\n", id);
		rc = hc_cli_write(cli, &out);
	} else {
		hc_cli_render_record(cli, s, rec, &out);
		rc = hc_cli_write(cli, &out);
	}
	hc_buf_release(&out);
	return rc;
}

static const char *seed(void)
{
	const char *s = getenv("HOSTCTL_SEED");

	return s && *s ? s : NULL;
}

static int cmd_record(struct hc_cli *cli, struct args *x, int argc, char **argv,
		      struct hc_backup_result *res, struct hc_buf *report, struct hc_error *err)
{
	struct hc_backup_report rep;
	struct hc_txn_options o;
	int rc;

	if (argc != 1)
		return hc_cli_usage_error(cli, "record takes one server ID");
	if ((rc = only(cli, "record", x, " policy domain started finished status bytes ")))
		return rc;
	if (!x->policy || x->started == HC_TIME_NONE || x->finished == HC_TIME_NONE || x->status < 0)
		return hc_cli_usage_error(cli, "--policy, --started, --finished and --status are required");
	memset(&rep, 0, sizeof(rep));
	rep.server = argv[0];
	rep.policy = x->policy;
	rep.domain = x->domain;
	rep.started_at = x->started;
	rep.finished_at = x->finished;
	rep.status = x->status;
	rep.bytes = x->bytes;
	rep.id_seed = seed();
	hc_cli_txn_options(cli, "backup record", &o);
	rc = hc_backup_record(&cli->st, &o, &rep, res, report, err);
	return finish(cli, rc, err, &hc_backup_run_schema, &res->run, res->run.id, res, report);
}

static int cmd_due(struct hc_cli *cli, struct args *x, int argc, char **argv,
		   struct hc_backup_result *res, struct hc_buf *report, struct hc_error *err)
{
	static const char *const header[] = {
		"server", "customer", "hostname", "policy", "domain", "window_start", "window_end",
		"reason", "run"
	};
	struct hc_buf out = HC_BUF_INIT;
	int off = cli->st.utc_offset_min;
	int rc;

	(void)argv;
	(void)report;
	if (argc)
		return hc_cli_usage_error(cli, "due takes no server ID");
	if ((rc = only(cli, "due", x, " at ")))
		return rc;
	rc = hc_backup_due_at(&cli->st, x->at != HC_TIME_NONE ? x->at : cli->now, res, err);
	if (rc)
		return hc_cli_fail(cli, err);
	if (cli->format == HC_FMT_TSV || cli->format == HC_FMT_ID) {
		/* One server id per line, each once: what `hostctl notify` and
		 * `xargs` take. */
		for (size_t i = 0; i < res->ndue; i++) {
			bool seen = false;

			for (size_t j = 0; j < i && !seen; j++)
				seen = !strcmp(res->due[j].server, res->due[i].server);
			if (!seen)
				hc_buf_addf(&out, "%s\n", res->due[i].server);
		}
	} else {
		struct hc_table tb;

		hc_table_init(&tb, sizeof(header) / sizeof(header[0]), header);
		for (size_t i = 0; i < res->ndue; i++) {
			const struct hc_backup_due *d = &res->due[i];
			char ws[HC_TIME_BUFSZ], we[HC_TIME_BUFSZ];

			hc_time_format(d->window_start, off, ws);
			hc_time_format(d->window_end, off, we);
			hc_table_add(&tb, d->server);
			hc_table_add(&tb, d->customer);
			hc_table_add(&tb, d->hostname);
			hc_table_add(&tb, d->policy);
			hc_table_add(&tb, d->domain);
			hc_table_add(&tb, ws);
			hc_table_add(&tb, we);
			hc_table_add(&tb, hc_due_reason_names[d->reason]);
			hc_table_add(&tb, d->run);
		}
		hc_cli_render_table(cli, &tb, &out);
		hc_table_release(&tb);
	}
	rc = hc_cli_write(cli, &out);
	hc_buf_release(&out);
	return rc;
}

static int cmd_restore(struct hc_cli *cli, struct args *x, int argc, char **argv,
		       struct hc_backup_result *res, struct hc_buf *report, struct hc_error *err)
{
	struct hc_restore_order q;
	struct hc_txn_options o;
	int rc;

	if (argc != 1)
		return hc_cli_usage_error(cli, "restore takes one server ID");
	if ((rc = only(cli, "restore", x, " policy domain point scope by reason lost-at ")))
		return rc;
	memset(&q, 0, sizeof(q));
	q.server = argv[0];
	q.policy = x->policy;
	q.domain = x->domain;
	q.point = x->point;
	q.scope = x->scope >= 0 ? x->scope : HC_SCOPE_DATA;
	q.by = x->by;
	q.reason = x->reason;
	q.lost_at = x->lost_at;
	q.id_seed = seed();
	hc_cli_txn_options(cli, "backup restore", &o);
	rc = hc_backup_restore(&cli->st, &o, &q, res, report, err);
	return finish(cli, rc, err, &hc_backup_request_schema, &res->request, res->request.id, res,
		      report);
}

static int cmd_snapshot(struct hc_cli *cli, struct args *x, int argc, char **argv,
			struct hc_backup_result *res, struct hc_buf *report, struct hc_error *err)
{
	struct hc_txn_options o;
	int rc;

	if (argc != 1)
		return hc_cli_usage_error(cli, "snapshot takes one server ID");
	if ((rc = only(cli, "snapshot", x, " at until policy ")))
		return rc;
	hc_cli_txn_options(cli, "backup snapshot", &o);
	rc = hc_backup_snapshot(&cli->st, &o, argv[0], x->policy, x->at, x->until, seed(), res,
				report, err);
	return finish(cli, rc, err, &hc_backup_request_schema, &res->request, res->request.id, res,
		      report);
}

static int cmd_configure(struct hc_cli *cli, struct args *x, int argc, char **argv,
			 struct hc_backup_result *res, struct hc_buf *report, struct hc_error *err)
{
	struct hc_txn_options o;
	int rc;

	if (argc != 1)
		return hc_cli_usage_error(cli, "configure takes one server ID");
	if ((rc = only(cli, "configure", x, " policy domain generations ")))
		return rc;
	if (!x->policy || x->generations == HC_INT_NONE)
		return hc_cli_usage_error(cli, "--policy and --generations are required");
	hc_cli_txn_options(cli, "backup configure", &o);
	rc = hc_backup_configure(&cli->st, &o, argv[0], x->policy, x->domain, x->generations, res,
				 report, err);
	return finish(cli, rc, err, &hc_server_schema, &res->server, res->server.id, res, report);
}

static const struct {
	const char *name;
	int (*fn)(struct hc_cli *, struct args *, int, char **, struct hc_backup_result *,
		  struct hc_buf *, struct hc_error *);
	bool by_id;                  /* the first operand is a server ID, or "-" */
} subverbs[] = {
	{ "record", cmd_record, true },
	{ "due", cmd_due, false },
	{ "restore", cmd_restore, true },
	{ "snapshot", cmd_snapshot, true },
	{ "configure", cmd_configure, true },
};

/* Runs the subcommand once, or once per id of ids (its ID operand was
 * "-"): each id its own transaction, stopping at the first failure. */
static int each(struct hc_cli *cli, size_t sub, struct args *x, int argc, char **argv,
		struct hc_idlist *ids)
{
	size_t n = ids->v.n ? ids->v.n : 1;
	int rc = 0;

	for (size_t i = 0; !rc && i < n; i++) {
		struct hc_backup_result res;
		struct hc_buf report = HC_BUF_INIT;
		struct hc_error err;

		if (ids->v.n)
			argv[0] = (char *)hc_idlist_at(cli, ids, i);
		hc_backup_result_init(&res);
		rc = subverbs[sub].fn(cli, x, argc, argv, &res, &report, &err);
		if (ids->v.n)
			rc = hc_idlist_done(cli, ids, i, rc);
		hc_buf_release(&report);
		hc_backup_result_release(&res);
	}
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "policy", required_argument, NULL, OPT_POLICY },
		{ "domain", required_argument, NULL, OPT_DOMAIN },
		{ "started", required_argument, NULL, OPT_STARTED },
		{ "finished", required_argument, NULL, OPT_FINISHED },
		{ "status", required_argument, NULL, OPT_STATUS },
		{ "bytes", required_argument, NULL, OPT_BYTES },
		{ "at", required_argument, NULL, OPT_AT },
		{ "point", required_argument, NULL, OPT_POINT },
		{ "scope", required_argument, NULL, OPT_SCOPE },
		{ "by", required_argument, NULL, OPT_BY },
		{ "reason", required_argument, NULL, OPT_REASON },
		{ "lost-at", required_argument, NULL, OPT_LOST_AT },
		{ "until", required_argument, NULL, OPT_UNTIL },
		{ "generations", required_argument, NULL, OPT_GENERATIONS },
		{ 0 }
	};
	struct hc_cli cli;
	struct args x;
	struct hc_idlist ids;
	bool sub = argc > 1 && argv[1][0] != '-';
	int first, rc = -1;

	memset(&x, 0, sizeof(x));
	x.started = x.finished = x.at = x.lost_at = x.until = HC_TIME_NONE;
	x.status = x.scope = x.by = -1;
	x.bytes = x.generations = HC_INT_NONE;
	hc_idlist_init(&ids);
	hc_cli_init(&cli, "hostctl-backup", usage,
		    1u << HC_FMT_TABLE | 1u << HC_FMT_YAML | 1u << HC_FMT_JSON | 1u << HC_FMT_TSV |
		    1u << HC_FMT_ID, argc, argv);
	/* due only reads: --dry-run, --no-wait and --commit do not apply. */
	if (!sub || strcmp(argv[1], "due"))
		hc_cli_mutating(&cli);
	if ((rc = hc_cli_parse(&cli, sub ? 2 : 1, opts, NULL, on_opt, &x, &first)))
		return hc_cli_exit(&cli, rc);
	if (!sub)
		return hc_cli_exit(&cli, hc_cli_usage_error(&cli, "which subcommand? (record, due, "
							       "restore, snapshot, configure)"));
	hc_cli_format(&cli, strcmp(argv[1], "due") ? HC_FMT_YAML : HC_FMT_TSV);
	rc = -1;
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
	return hc_cli_exit(&cli, rc);
}
