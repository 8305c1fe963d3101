/*
 * cli.h - what every hostctl executable shares: the global options, the
 * output formats, error messages and exit codes (hostctl(7)).
 *
 * Only cmd/ prints. Messages follow git: "hostctl-VERB: error: ...",
 * lowercase, subject quoted; data errors read "path:line:col: message".
 */
#ifndef HOSTCTL_CLI_H
#define HOSTCTL_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "hostctl/error.h"
#include "hostctl/kinds.h"
#include "hostctl/store.h"

enum hc_format {
	HC_FMT_DEFAULT = 0, HC_FMT_TABLE, HC_FMT_YAML, HC_FMT_JSON, HC_FMT_TSV,
	HC_FMT_ID, HC_FMT_ZONE, HC_FMT_CSV, HC_FMT_SVG
};
extern const char *const hc_format_names[];

/* Keys of the global long options (verbs use keys below 256 or above 512). */
enum {
	HC_OPT_STATE = 256, HC_OPT_NOW, HC_OPT_FORMAT, HC_OPT_DRY_RUN, HC_OPT_NO_WAIT,
	HC_OPT_COMMIT, HC_OPT_VERSION, HC_OPT_HELP
};

struct hc_cli {
	const char *prog;            /* "hostctl-list" */
	const char *usage;           /* the usage text, printed by -h */
	unsigned formats;            /* allowed formats: 1u << enum hc_format */
	int format;                  /* chosen; HC_FMT_DEFAULT until resolved */
	const char *state_dir;       /* -C, --state, HOSTCTL_STATE */
	hc_time now;                 /* --now, HOSTCTL_NOW, or the clock */
	bool dry_run, no_wait, commit;
	int argc;                    /* the whole command line */
	char **argv;                 /* (getopt reorders it) */
	char **orig_argv;            /* as given, for the audit trail */
	bool mutates;                /* --dry-run, --no-wait, --commit apply */
	struct hc_store st;
	bool st_open;
};

/* Per-verb option callback: returns 0, or an exit code to stop with. */
typedef int (*hc_cli_opt_fn)(struct hc_cli *cli, int key, const char *arg, void *ctx);

/*
 * Sets up cli and parses argv[first..] with the verb's options (may be
 * NULL) plus the global ones; operands are left in argv[*optind_out..].
 * -h prints the usage and exits 0; --version prints it and exits 0; a bad
 * option prints the usage hint and exits 2.
 */
void hc_cli_init(struct hc_cli *cli, const char *prog, const char *usage, unsigned formats,
		 int argc, char **argv);
/* Declares that the verb changes the state (enables --dry-run, --no-wait,
 * --commit; a read-only verb refuses them as usage errors). */
void hc_cli_mutating(struct hc_cli *cli);
int hc_cli_parse(struct hc_cli *cli, int first, const struct option *verb_opts,
		 const char *short_opts, hc_cli_opt_fn fn, void *ctx, int *optind_out);

/* Opens the state (-C DIR, HOSTCTL_STATE, or the nearest ancestor holding
 * hostctl.yaml). Returns 0 or the exit code after reporting. */
int hc_cli_open_state(struct hc_cli *cli);
void hc_cli_release(struct hc_cli *cli);

/* Resolves the output format: the chosen one, else table on a terminal,
 * else pipe_default. */
int hc_cli_format(struct hc_cli *cli, int pipe_default);

/* Transaction options for this command line (verb like "provision new"). */
void hc_cli_txn_options(struct hc_cli *cli, const char *verb, struct hc_txn_options *o);

/* Reports err and returns its status as the exit code. */
int hc_cli_fail(struct hc_cli *cli, const struct hc_error *err);
/* "prog: error: ..." and returns code. */
int hc_cli_error(struct hc_cli *cli, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A usage error: message, then "usage: ..." first line; returns 2. */
int hc_cli_usage_error(struct hc_cli *cli, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void hc_cli_warn(struct hc_cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Writes buf to standard output and flushes; a failed write (closed pipe,
 * full disk) is reported and returns HC_EIO, never lost silently. */
int hc_cli_write(struct hc_cli *cli, const struct hc_buf *buf);
/* The exit code, after making sure standard output reached its file. */
int hc_cli_exit(struct hc_cli *cli, int code);

/* Ids from operands, where "-" reads more ids from standard input, one per
 * line: the first field of each line, skipping blank lines, '#' comments
 * and a header line whose first field is "id" (so `hostctl list` pipes). */
int hc_cli_ids(struct hc_cli *cli, int argc, char **argv, struct hc_strs *ids, struct hc_arena *a);

/* Output of records in the chosen format. */
void hc_cli_render_record(struct hc_cli *cli, const struct hc_schema *s, const void *rec,
			  struct hc_buf *out);

/* A table: rows of cells, printed aligned (table), tab-separated (tsv), or
 * as a list of objects keyed by the header (yaml, json). */
struct hc_table {
	size_t ncols;
	const char **header;
	struct hc_strs cells;        /* row-major, ncols per row */
	struct hc_arena arena;       /* the header */
	struct hc_arena rows;        /* cells and their text */
};
void hc_table_init(struct hc_table *t, size_t ncols, const char *const *header);
void hc_table_add(struct hc_table *t, const char *cell);   /* copied */
/* Drops the rows, keeping the columns: a long listing can be rendered in
 * parts (hc_table_render_tsv) without holding every row. Invalidates the
 * cells' pointers. */
void hc_table_clear(struct hc_table *t);
void hc_table_release(struct hc_table *t);
void hc_cli_render_table(struct hc_cli *cli, const struct hc_table *t, struct hc_buf *out);
/* The TSV rendering of hc_cli_render_table(), with or without the header
 * line, so that parts rendered one after the other make the whole. */
void hc_table_render_tsv(const struct hc_table *t, bool header, struct hc_buf *out);

/* Display width of UTF-8 text on a terminal (CJK counts 2). */
size_t hc_text_width(const char *s);

#endif
