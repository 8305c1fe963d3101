/*
 * ids.h - record ids among a verb's operands, where "-" reads them from
 * standard input (hostctl(7), Common options).
 *
 * A verb that acts on one record runs once per id, in input order, each
 * run its own transaction, exactly as if it were invoked once per id; it
 * stops at the first failure, whose exit code it returns (as xargs does):
 *
 *	for (size_t i = 0; !rc && i < ids.v.n; i++)
 *		rc = hc_idlist_done(&cli, &ids, i, run_one(..., hc_idlist_at(&cli, &ids, i)));
 *
 * The ids themselves come from hc_cli_ids() (cli.c): first field of each
 * line, blank lines, '#' comments and an "id" header skipped.
 */
#ifndef HOSTCTL_IDS_H
#define HOSTCTL_IDS_H

#include <stdbool.h>
#include <stddef.h>

#include "cli.h"

struct hc_idlist {
	struct hc_arena a;
	struct hc_strs v;            /* the ids, in order */
	bool from_stdin;             /* "-" was among the operands read */
	const char *dash;            /* that "-" */
	int slot;                    /* its place in cli->orig_argv (audit trail), or -1 */
};

void hc_idlist_init(struct hc_idlist *l);
/* Frees the ids and puts the "-" back into the command line. */
void hc_idlist_release(struct hc_cli *cli, struct hc_idlist *l);

/*
 * Reads the ids of operands argv[from..to) (argc operands in all): each
 * one as it is, "-" as the ids on standard input. "-" given twice among
 * the argc operands, and "-" with nothing on standard input, are usage
 * errors. Returns 0 or the exit code after reporting.
 */
int hc_idlist_read(struct hc_cli *cli, struct hc_idlist *l, int argc, char **argv, int from,
		   int to);

/* The i-th id; the audit trail of the run for it records the id in place
 * of "-", as if the verb had been given it. */
const char *hc_idlist_at(struct hc_cli *cli, const struct hc_idlist *l, size_t i);

/* After the run for the i-th id, with exit code rc: a failure on an id
 * read from standard input names it and how far the list went. Returns
 * rc. */
int hc_idlist_done(struct hc_cli *cli, const struct hc_idlist *l, size_t i, int rc);

#endif
