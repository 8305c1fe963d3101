/*
 * ids.c - record ids among a verb's operands, "-" for standard input.
 */
#include <string.h>

#include "ids.h"

void hc_idlist_init(struct hc_idlist *l)
{
	memset(l, 0, sizeof(*l));
	hc_arena_init(&l->a);
	l->slot = -1;
}

void hc_idlist_release(struct hc_cli *cli, struct hc_idlist *l)
{
	if (l->slot > 0 && cli->orig_argv)
		cli->orig_argv[l->slot] = (char *)l->dash;
	l->slot = -1;
	hc_arena_release(&l->a);
	memset(&l->v, 0, sizeof(l->v));
}

int hc_idlist_read(struct hc_cli *cli, struct hc_idlist *l, int argc, char **argv, int from,
		   int to)
{
	const char *dash = NULL;
	size_t given;
	int rc;

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-"))
			continue;
		/* Standard input holds one list: a second "-" would read nothing. */
		if (dash)
			return hc_cli_usage_error(cli, "'-' given twice (standard input is read once)");
		dash = argv[i];
	}
	if ((rc = hc_cli_ids(cli, to - from, argv + from, &l->v, &l->a)))
		return rc;
	l->from_stdin = false;
	for (int i = from; i < to; i++)
		l->from_stdin |= argv[i] == dash;
	given = (size_t)(to - from) - l->from_stdin;
	if (l->from_stdin && l->v.n == given)
		return hc_cli_usage_error(cli, "no ids on standard input");
	/* getopt moves the operands' pointers, not the strings: the "-" of
	 * the command line as given is the same string. */
	l->dash = dash;
	for (int i = 1; l->from_stdin && i < cli->argc; i++)
		if (cli->orig_argv[i] == dash)
			l->slot = i;
	return 0;
}

const char *hc_idlist_at(struct hc_cli *cli, const struct hc_idlist *l, size_t i)
{
	if (l->slot > 0)
		cli->orig_argv[l->slot] = (char *)l->v.v[i];
	return l->v.v[i];
}

int hc_idlist_done(struct hc_cli *cli, const struct hc_idlist *l, size_t i, int rc)
{
	if (rc && l->from_stdin)
		hc_cli_error(cli, rc, "stopped at '%s' (id %zu of %zu from standard input; %zu %s, "
				      "%zu not attempted)", l->v.v[i], i + 1, l->v.n, i,
			     cli->dry_run ? "shown (dry run)" : "done", l->v.n - i - 1);
	return rc;
}
