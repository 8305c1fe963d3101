/*
 * cli.c - global options, formats, errors and exit codes for every verb.
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#ifndef HOSTCTL_VERSION
#define HOSTCTL_VERSION "0.1.0"
#endif

const char *const hc_format_names[] = {
	"default", "table", "yaml", "json", "tsv", "id", "zone", "csv", "svg", NULL
};

/* Set once a failed write to standard output has been reported, so that
 * hc_cli_exit() does not say it again; and once a transaction that writes
 * has been set up, so that a failed output says the change itself is
 * saved (verbs print only after their commit). */
static bool output_failed;
static bool state_written;

static const struct option global_opts[] = {
	{ "state", required_argument, NULL, HC_OPT_STATE },
	{ "now", required_argument, NULL, HC_OPT_NOW },
	{ "format", required_argument, NULL, HC_OPT_FORMAT },
	{ "dry-run", no_argument, NULL, HC_OPT_DRY_RUN },
	{ "no-wait", no_argument, NULL, HC_OPT_NO_WAIT },
	{ "commit", no_argument, NULL, HC_OPT_COMMIT },
	{ "version", no_argument, NULL, HC_OPT_VERSION },
	{ "help", no_argument, NULL, HC_OPT_HELP },
};

void hc_cli_init(struct hc_cli *cli, const char *prog, const char *usage, unsigned formats,
		 int argc, char **argv)
{
	memset(cli, 0, sizeof(*cli));
	cli->prog = prog;
	cli->usage = usage;
	cli->formats = formats;
	cli->argc = argc;
	cli->argv = argv;
	cli->orig_argv = hc_xcalloc((size_t)argc + 1, sizeof(char *));
	memcpy(cli->orig_argv, argv, (size_t)argc * sizeof(char *));
	cli->st.rootfd = -1;
	/* A closed pipe is an error we report (EPIPE), not a silent death. */
	signal(SIGPIPE, SIG_IGN);
	/* Started with standard input, output or error closed, the first file
	 * opened would take its number, and the output would go into a state
	 * file. Hold 0, 1 and 2 with /dev/null opened the wrong way round, so
	 * that using them fails (EBADF: exit 6) instead, as gnulib's stdopen. */
	for (int fd = 0; fd <= 2; fd++) {
		int nfd;

		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		nfd = open("/dev/null", fd == 1 ? O_RDONLY : O_WRONLY);
		if (nfd >= 0 && nfd != fd) {
			dup2(nfd, fd);
			close(nfd);
		}
	}
}

void hc_cli_mutating(struct hc_cli *cli)
{
	cli->mutates = true;
}

static void vreport(struct hc_cli *cli, const char *kind, const char *fmt, va_list ap)
{
	char small[1024], *msg = small;
	struct hc_buf line = HC_BUF_INIT;
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	if (n >= (int)sizeof(small)) {
		msg = hc_xmalloc((size_t)n + 1);
		vsnprintf(msg, (size_t)n + 1, fmt, copy);
	}
	va_end(copy);
	/* Arguments and file contents end up in messages: control characters
	 * are shown as \xHH, so that hostile text can neither drive the
	 * terminal nor forge a line (as hc_error_format does). */
	hc_buf_addf(&line, "%s: %s: ", cli->prog, kind);
	for (const unsigned char *p = (const unsigned char *)(n < 0 ? "?" : msg); *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			hc_buf_addf(&line, "\\x%02X", *p);
		else
			hc_buf_addc(&line, (char)*p);
	}
	hc_buf_addc(&line, '\n');
	fflush(stdout);
	fwrite(line.p, 1, line.len, stderr);
	hc_buf_release(&line);
	if (msg != small)
		free(msg);
}

int hc_cli_error(struct hc_cli *cli, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(cli, "error", fmt, ap);
	va_end(ap);
	return code;
}

void hc_cli_warn(struct hc_cli *cli, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(cli, "warning", fmt, ap);
	va_end(ap);
}

static void usage_line(struct hc_cli *cli)
{
	const char *nl = strchr(cli->usage, '\n');

	fprintf(stderr, "%.*s\n", nl ? (int)(nl - cli->usage) : (int)strlen(cli->usage), cli->usage);
	fprintf(stderr, "Try '%s --help' for more information.\n", cli->prog);
}

int hc_cli_usage_error(struct hc_cli *cli, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(cli, "error", fmt, ap);
	va_end(ap);
	usage_line(cli);
	return HC_EUSAGE;
}

int hc_cli_fail(struct hc_cli *cli, const struct hc_error *err)
{
	char line[2048];

	/* A lookup failed (EIO ...) and the verb went on as if the file were
	 * absent: its "not found" or refusal may come from that, so the I/O
	 * error is what to report (exit 6). */
	if (cli->st_open && cli->st.lookup_error.status && err->status != HC_EIO)
		err = &cli->st.lookup_error;
	hc_error_format(err, line, sizeof(line));
	return hc_cli_error(cli, err->status ? err->status : HC_EIO, "%s", line);
}

static int parse_format(struct hc_cli *cli, const char *arg)
{
	int f = hc_enum_index(hc_format_names, arg);

	if (!cli->formats)
		return hc_cli_usage_error(cli, "this verb has no --format");
	if (f <= 0 || !(cli->formats & (1u << f))) {
		char allowed[128] = "";

		for (int i = 1; hc_format_names[i]; i++)
			if (cli->formats & (1u << i)) {
				strcat(allowed, allowed[0] ? ", " : "");
				strcat(allowed, hc_format_names[i]);
			}
		return hc_cli_usage_error(cli, "unknown format '%s' (use %s)", arg, allowed);
	}
	cli->format = f;
	return 0;
}

static int set_now(struct hc_cli *cli, const char *text, const char *what)
{
	if (hc_time_parse(text, &cli->now, NULL))
		return hc_cli_usage_error(cli, "%s: expected an RFC 3339 date-time with offset, got '%s'",
					  what, text);
	return 0;
}

int hc_cli_parse(struct hc_cli *cli, int first, const struct option *verb_opts,
		 const char *short_opts, hc_cli_opt_fn fn, void *ctx, int *optind_out)
{
	struct option opts[64];
	char shorts[64];
	size_t n = 0;
	const char *env;
	int c, rc;

	if (verb_opts)
		for (; verb_opts[n].name && n < 48; n++)
			opts[n] = verb_opts[n];
	memcpy(opts + n, global_opts, sizeof(global_opts));
	n += sizeof(global_opts) / sizeof(global_opts[0]);
	memset(&opts[n], 0, sizeof(opts[n]));
	snprintf(shorts, sizeof(shorts), ":hC:%s", short_opts ? short_opts : "");

	env = getenv("HOSTCTL_STATE");
	if (env && *env)
		cli->state_dir = env;
	env = getenv("HOSTCTL_NOW");
	if (env && *env) {
		if ((rc = set_now(cli, env, "HOSTCTL_NOW")))
			return rc;
	} else {
		cli->now = (hc_time)time(NULL);
	}

	/* "-3" is a number, not an option: hide the sign from getopt, which
	 * only moves pointers, and put it back after. */
	for (int i = first; i < cli->argc; i++)
		if (cli->argv[i][0] == '-' && cli->argv[i][1] >= '0' && cli->argv[i][1] <= '9')
			cli->argv[i][0] = '\x01';
	optind = first;
	opterr = 0;
	while ((c = getopt_long(cli->argc, cli->argv, shorts, opts, NULL)) != -1) {
		switch (c) {
		case 'h':
		case HC_OPT_HELP:
			fputs(cli->usage, stdout);
			exit(hc_cli_exit(cli, 0));
		case HC_OPT_VERSION:
			printf("%s (hostctl) %s\n", cli->prog, HOSTCTL_VERSION);
			exit(hc_cli_exit(cli, 0));
		case 'C':
		case HC_OPT_STATE:
			cli->state_dir = optarg;
			break;
		case HC_OPT_NOW:
			if ((rc = set_now(cli, optarg, "--now")))
				return rc;
			break;
		case HC_OPT_FORMAT:
			if ((rc = parse_format(cli, optarg)))
				return rc;
			break;
		case HC_OPT_DRY_RUN:
		case HC_OPT_NO_WAIT:
		case HC_OPT_COMMIT:
			if (!cli->mutates)
				return hc_cli_usage_error(cli, "'%s' applies to verbs that change the state",
							  cli->argv[optind - 1]);
			if (c == HC_OPT_DRY_RUN)
				cli->dry_run = true;
			else if (c == HC_OPT_NO_WAIT)
				cli->no_wait = true;
			else
				cli->commit = true;
			break;
		case ':':
			return hc_cli_usage_error(cli, "option '%s' needs a value", cli->argv[optind - 1]);
		case '?':
			if (optopt)
				return hc_cli_usage_error(cli, "unknown option '-%c'", optopt);
			return hc_cli_usage_error(cli, "unknown option '%s'", cli->argv[optind - 1]);
		default:
			if (!fn)
				return hc_cli_usage_error(cli, "unknown option");
			/* An option's value keeps its sign ("--add-disk -100"). */
			if (optarg && optarg[0] == '\x01')
				optarg[0] = '-';
			if ((rc = fn(cli, c, optarg, ctx)))
				return rc;
		}
	}
	for (int i = 0; i < cli->argc; i++)
		if (cli->argv[i][0] == '\x01')
			cli->argv[i][0] = '-';
	*optind_out = optind;
	return 0;
}

int hc_cli_open_state(struct hc_cli *cli)
{
	struct hc_error err;
	char *root = NULL;
	int rc;

	if (cli->state_dir) {
		root = hc_xstrdup(cli->state_dir);
	} else {
		rc = hc_store_find(".", &root, &err);
		if (rc)
			return hc_cli_fail(cli, &err);
	}
	rc = hc_store_open(&cli->st, root, &err);
	free(root);
	if (rc)
		return hc_cli_fail(cli, &err);
	cli->st_open = true;
	if (cli->st.recovered)
		hc_cli_warn(cli, "completed a change interrupted earlier (journal rolled forward)");
	return 0;
}

void hc_cli_release(struct hc_cli *cli)
{
	if (cli->st_open)
		hc_store_release(&cli->st);
	cli->st_open = false;
}

int hc_cli_format(struct hc_cli *cli, int pipe_default)
{
	if (cli->format == HC_FMT_DEFAULT)
		cli->format = isatty(STDOUT_FILENO) ? HC_FMT_TABLE : pipe_default;
	return cli->format;
}

static const char *operator_name(void)
{
	const char *env = getenv("HOSTCTL_OPERATOR");
	struct passwd *pw;

	if (env && *env)
		return env;
	env = getenv("LOGNAME");
	if (env && *env)
		return env;
	pw = getpwuid(getuid());
	return pw ? pw->pw_name : "unknown";
}

void hc_cli_txn_options(struct hc_cli *cli, const char *verb, struct hc_txn_options *o);

static void on_wait(const char *holder, void *ctx)
{
	struct hc_cli *cli = ctx;

	fprintf(stderr, "%s: waiting for the state lock held by %s\n", cli->prog, holder);
}

void hc_cli_txn_options(struct hc_cli *cli, const char *verb, struct hc_txn_options *o)
{
	memset(o, 0, sizeof(*o));
	o->verb = verb;
	o->argc = cli->argc - 1;
	o->argv = cli->orig_argv + 1;
	o->operator_name = operator_name();
	o->now = cli->now;
	o->dry_run = cli->dry_run;
	o->no_wait = cli->no_wait;
	o->git_commit = cli->commit;
	o->on_wait = on_wait;
	o->wait_ctx = cli;
	if (!cli->dry_run)
		state_written = true;
}

/* Reports a failed write to standard output, once; saved: the verb's
 * transaction went through. */
static void output_error(struct hc_cli *cli, int e, bool saved)
{
	if (output_failed)
		return;
	output_failed = true;
	fprintf(stderr, "%s: error: unable to write to standard output: %s%s\n", cli->prog,
		strerror(e), saved ? " (the state is saved; only the output is lost)" : "");
}

int hc_cli_write(struct hc_cli *cli, const struct hc_buf *buf)
{
	errno = 0;
	if ((buf->len && fwrite(buf->p, 1, buf->len, stdout) != buf->len) || fflush(stdout) ||
	    ferror(stdout)) {
		output_error(cli, errno ? errno : EIO, state_written);
		return HC_EIO;
	}
	return 0;
}

int hc_cli_exit(struct hc_cli *cli, int code)
{
	errno = 0;
	if (fflush(stdout) || ferror(stdout)) {
		/* Said once; the output is incomplete whatever the verb did. */
		output_error(cli, errno ? errno : EIO, state_written && code == 0);
		code = code ? code : HC_EIO;
	}
	errno = 0;
	if (fclose(stdout) && code == 0) {
		output_error(cli, errno ? errno : EIO, state_written);
		code = HC_EIO;
	}
	hc_cli_release(cli);
	free(cli->orig_argv);
	cli->orig_argv = NULL;
	return code;
}

int hc_cli_ids(struct hc_cli *cli, int argc, char **argv, struct hc_strs *ids, struct hc_arena *a)
{
	memset(ids, 0, sizeof(*ids));
	for (int i = 0; i < argc; i++) {
		char *line = NULL;
		size_t cap = 0;
		ssize_t n;

		if (strcmp(argv[i], "-") != 0) {
			hc_strs_push(a, ids, argv[i]);
			continue;
		}
		while ((n = getline(&line, &cap, stdin)) > 0) {
			char *s = line, *e = line + n;

			while (e > s && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
				*--e = '\0';
			while (*s == ' ' || *s == '\t')
				s++;
			if (!*s || *s == '#')
				continue;
			/* First field only, so `hostctl list --format tsv | ...` pipes;
			 * list's header line is skipped. */
			s[strcspn(s, "\t ")] = '\0';
			if (!strcmp(s, "id"))
				continue;
			hc_strs_push(a, ids, hc_arena_strdup(a, s));
		}
		free(line);
		if (ferror(stdin))
			return hc_cli_error(cli, HC_EIO, "unable to read ids from standard input");
	}
	return 0;
}

/* ---- rendering -------------------------------------------------------------- */

size_t hc_text_width(const char *s)
{
	size_t w = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		unsigned cp;
		int n;

		if (*p < 0x80) {
			cp = *p, n = 1;
		} else if ((*p & 0xe0) == 0xc0) {
			cp = *p & 0x1f, n = 2;
		} else if ((*p & 0xf0) == 0xe0) {
			cp = *p & 0x0f, n = 3;
		} else {
			cp = *p & 0x07, n = 4;
		}
		for (int i = 1; i < n; i++) {
			if ((p[i] & 0xc0) != 0x80) {
				n = i;
				break;
			}
			cp = cp << 6 | (p[i] & 0x3f);
		}
		p += n;
		/* East Asian wide and fullwidth ranges (approximation of wcwidth). */
		if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
		    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
		    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
		    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd))
			w += 2;
		else
			w += 1;
	}
	return w;
}

static void pad(struct hc_buf *out, size_t n)
{
	while (n--)
		hc_buf_addc(out, ' ');
}

/* TSV cells: tabs and newlines would break the row, so they become spaces. */
static void tsv_cell(struct hc_buf *out, const char *s)
{
	/* Runs without tab or line break are copied whole. */
	for (;;) {
		size_t n = strcspn(s, "\t\n\r");

		hc_buf_add(out, s, n);
		if (!s[n])
			return;
		hc_buf_addc(out, ' ');
		s += n + 1;
	}
}

struct visit_ctx {
	struct hc_buf *out;
	int format;
	size_t width;
	struct hc_strs keys, vals;
	struct hc_arena *a;
};

static void collect_leaf(const char *path, const char *text, void *ctx)
{
	struct visit_ctx *v = ctx;

	hc_strs_push(v->a, &v->keys, hc_arena_strdup(v->a, path));
	hc_strs_push(v->a, &v->vals, hc_arena_strdup(v->a, text));
	if (strlen(path) > v->width)
		v->width = strlen(path);
}

void hc_cli_render_record(struct hc_cli *cli, const struct hc_schema *s, const void *rec,
			  struct hc_buf *out)
{
	int off = cli->st_open ? cli->st.utc_offset_min : 540;

	switch (cli->format) {
	case HC_FMT_JSON:
		hc_record_encode_json(s, rec, off, 2, out);
		hc_buf_addc(out, '\n');
		return;
	case HC_FMT_TABLE:
	case HC_FMT_TSV: {
		struct hc_arena a;
		struct visit_ctx v;

		hc_arena_init(&a);
		memset(&v, 0, sizeof(v));
		v.a = &a;
		hc_record_visit(s, rec, off, collect_leaf, &v);
		for (size_t i = 0; i < v.keys.n; i++) {
			if (cli->format == HC_FMT_TSV) {
				tsv_cell(out, v.keys.v[i]);
				hc_buf_addc(out, '\t');
				tsv_cell(out, v.vals.v[i]);
			} else {
				hc_buf_adds(out, v.keys.v[i]);
				pad(out, v.width + 2 - strlen(v.keys.v[i]));
				hc_buf_adds(out, v.vals.v[i]);
			}
			hc_buf_addc(out, '\n');
		}
		hc_arena_release(&a);
		return;
	}
	default:
		hc_record_encode_yaml(s, rec, off, out);
		return;
	}
}

void hc_table_init(struct hc_table *t, size_t ncols, const char *const *header)
{
	memset(t, 0, sizeof(*t));
	hc_arena_init(&t->arena);
	hc_arena_init(&t->rows);
	t->ncols = ncols;
	t->header = hc_arena_alloc(&t->arena, ncols * sizeof(*t->header));
	for (size_t i = 0; i < ncols; i++)
		t->header[i] = hc_arena_strdup(&t->arena, header[i]);
}

void hc_table_add(struct hc_table *t, const char *cell)
{
	hc_strs_push(&t->rows, &t->cells, hc_arena_strdup(&t->rows, cell ? cell : ""));
}

void hc_table_clear(struct hc_table *t)
{
	hc_arena_reset(&t->rows);
	memset(&t->cells, 0, sizeof(t->cells));
}

void hc_table_release(struct hc_table *t)
{
	hc_arena_release(&t->arena);
	hc_arena_release(&t->rows);
	memset(t, 0, sizeof(*t));
}

void hc_table_render_tsv(const struct hc_table *t, bool header, struct hc_buf *out)
{
	size_t rows = t->ncols ? t->cells.n / t->ncols : 0;

	for (size_t r = header ? 0 : 1; r <= rows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				hc_buf_addc(out, '\t');
			tsv_cell(out, r ? t->cells.v[(r - 1) * t->ncols + c] : t->header[c]);
		}
		hc_buf_addc(out, '\n');
	}
}

void hc_cli_render_table(struct hc_cli *cli, const struct hc_table *t, struct hc_buf *out)
{
	size_t rows = t->ncols ? t->cells.n / t->ncols : 0;

	switch (cli->format) {
	case HC_FMT_JSON:
		hc_buf_addc(out, '[');
		for (size_t r = 0; r < rows; r++) {
			hc_buf_adds(out, r ? ",\n  {" : "\n  {");
			for (size_t c = 0; c < t->ncols; c++) {
				if (c)
					hc_buf_adds(out, ", ");
				hc_json_quote(out, t->header[c]);
				hc_buf_adds(out, ": ");
				hc_json_quote(out, t->cells.v[r * t->ncols + c]);
			}
			hc_buf_addc(out, '}');
		}
		hc_buf_adds(out, rows ? "\n]\n" : "]\n");
		return;
	case HC_FMT_YAML:
		if (!rows)
			hc_buf_adds(out, "[]\n");
		for (size_t r = 0; r < rows; r++) {
			for (size_t c = 0; c < t->ncols; c++) {
				const char *cell = t->cells.v[r * t->ncols + c];

				hc_buf_adds(out, c ? "  " : "- ");
				hc_buf_adds(out, t->header[c]);
				hc_buf_adds(out, ": ");
				hc_yaml_quote(out, cell);
				hc_buf_addc(out, '\n');
			}
		}
		return;
	case HC_FMT_TSV:
		hc_table_render_tsv(t, true, out);
		return;
	default: {
		size_t *w = hc_xcalloc(t->ncols, sizeof(*w));

		for (size_t c = 0; c < t->ncols; c++)
			w[c] = hc_text_width(t->header[c]);
		for (size_t i = 0; i < t->cells.n; i++) {
			size_t cw = hc_text_width(t->cells.v[i]);

			if (cw > w[i % t->ncols])
				w[i % t->ncols] = cw;
		}
		for (size_t r = 0; r <= rows; r++) {
			for (size_t c = 0; c < t->ncols; c++) {
				const char *cell = r ? t->cells.v[(r - 1) * t->ncols + c] : t->header[c];
				size_t cw = hc_text_width(cell);

				if (r == 0) {
					/* Header in upper case, as ps(1) and git branch -v do. */
					for (const char *p = cell; *p; p++)
						hc_buf_addc(out, (*p >= 'a' && *p <= 'z') ? (char)(*p - 32)
							    : (*p == '_' ? ' ' : *p));
				} else {
					tsv_cell(out, cell);
				}
				if (c + 1 < t->ncols)
					pad(out, w[c] - cw + 2);
			}
			/* No trailing blanks when the last cells are empty. */
			while (out->len && out->p[out->len - 1] == ' ')
				hc_buf_truncate(out, out->len - 1);
			hc_buf_addc(out, '\n');
		}
		free(w);
	}
	}
}
