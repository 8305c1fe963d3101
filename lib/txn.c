/*
 * txn.c - transactions on the state: staging, the journal, atomic apply,
 * the audit trail and the optional git commit.
 *
 * Journal (.hostctl/journal), written atomically before anything else:
 *
 *   hostctl-journal 1
 *   put <mode-octal> <length> <path>\n<bytes>\n
 *   del <path>\n
 *   append <offset> <length> <path>\n<bytes>\n
 *   end <crc32-hex>\n
 *
 * Once it is in place the transaction is decided: applying it again is
 * harmless (puts and deletions are idempotent; an append truncates back to
 * its recorded offset first), so a writer killed midway is completed by the
 * next hc_store_open() under the lock.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <zlib.h>

#include "fs.h"
#include "hostctl/diff.h"
#include "hostctl/store.h"

#define JOURNAL ".hostctl/journal"
#define JOURNAL_MAGIC "hostctl-journal 1\n"

enum op_type { OP_PUT, OP_DEL, OP_APPEND };

struct op {
	enum op_type type;
	char *path;
	char *data;
	size_t len;
	int mode;
	uint64_t offset;        /* OP_APPEND */
};

struct hc_txn {
	struct hc_store *st;
	struct hc_txn_options o;
	struct hc_lock lock;
	struct op *ops;
	size_t n, cap;
};

static int recover_locked(struct hc_store *st, struct hc_error *err);

struct hc_store *hc_txn_store(struct hc_txn *t)
{
	return t->st;
}

hc_time hc_txn_now(const struct hc_txn *t)
{
	return t->o.now;
}

static void op_free(struct op *op)
{
	free(op->path);
	free(op->data);
}

int hc_txn_begin(struct hc_store *st, const struct hc_txn_options *o, struct hc_txn **out,
		 struct hc_error *err)
{
	struct hc_txn *t = hc_xcalloc(1, sizeof(*t));
	int rc;

	t->st = st;
	t->o = *o;
	t->lock.fd = -1;
	if (!o->dry_run) {
		char what[160];

		snprintf(what, sizeof(what), "hostctl %s", o->verb ? o->verb : "?");
		rc = hc_lock_acquire(st->rootfd, what, o->now, st->utc_offset_min, !o->no_wait,
				     o->on_wait, o->wait_ctx, &t->lock, err);
		if (rc) {
			free(t);
			return rc;
		}
		/* A writer killed since we opened the store may have left a
		 * journal: complete it before reading anything. */
		rc = recover_locked(st, err);
		if (rc) {
			hc_txn_free(t);
			return rc;
		}
	}
	*out = t;
	return HC_OK;
}

void hc_txn_free(struct hc_txn *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		op_free(&t->ops[i]);
	free(t->ops);
	hc_lock_release(&t->lock);
	free(t);
}

static struct op *find_op(struct hc_txn *t, const char *path)
{
	for (size_t i = t->n; i-- > 0;)
		if (strcmp(t->ops[i].path, path) == 0)
			return &t->ops[i];
	return NULL;
}

int hc_txn_read(struct hc_txn *t, const char *relpath, struct hc_buf *out, struct hc_error *err)
{
	struct op *op = find_op(t, relpath);

	if (!op)
		return hc_store_read(t->st, relpath, out, err);
	hc_buf_reset(out);
	if (op->type == OP_DEL)
		return hc_error_set(err, HC_ENOTFOUND, "no file '%s'", relpath);
	hc_buf_add(out, op->data, op->len);
	return HC_OK;
}

int hc_txn_load(struct hc_txn *t, const struct hc_schema *s, const char *relpath, void *rec,
		struct hc_arena *a, struct hc_error *err)
{
	struct hc_buf buf = HC_BUF_INIT;
	int rc = hc_txn_read(t, relpath, &buf, err);

	if (!rc) {
		/* The tree's strings are copied into a, so buf can go. */
		rc = hc_record_parse(s, buf.p, buf.len, rec, a, relpath, err);
	} else {
		hc_record_init(s, rec);
	}
	hc_buf_release(&buf);
	return rc;
}

bool hc_txn_exists(struct hc_txn *t, const char *relpath)
{
	struct op *op = find_op(t, relpath);

	if (op)
		return op->type != OP_DEL;
	return hc_store_exists(t->st, relpath);
}

static struct op *stage(struct hc_txn *t, const char *relpath)
{
	struct op *op = find_op(t, relpath);

	if (op) {
		free(op->data);
		op->data = NULL;
		op->len = 0;
		return op;
	}
	HC_GROW(t->ops, t->cap, t->n + 1);
	op = &t->ops[t->n++];
	memset(op, 0, sizeof(*op));
	op->path = hc_xstrdup(relpath);
	return op;
}

static bool stageable(const char *relpath)
{
	/* The state's own runtime directory is never a transaction target. */
	return hc_store_path_valid(relpath) && strncmp(relpath, ".hostctl/", 9) != 0 &&
	       strcmp(relpath, ".hostctl") != 0;
}

int hc_txn_put(struct hc_txn *t, const char *relpath, const char *data, size_t len, int mode,
	       struct hc_error *err)
{
	struct op *op;

	if (!stageable(relpath))
		return hc_error_set(err, HC_EUSAGE, "invalid state path '%s'", relpath);
	op = stage(t, relpath);
	op->type = OP_PUT;
	op->data = hc_xmalloc(len + 1);
	memcpy(op->data, data, len);
	op->data[len] = '\0';
	op->len = len;
	op->mode = mode ? mode : 0644;
	return HC_OK;
}

int hc_txn_put_record(struct hc_txn *t, const struct hc_schema *s, const char *relpath,
		      const void *rec, struct hc_error *err)
{
	struct hc_buf buf = HC_BUF_INIT;
	int rc = hc_record_check(s, rec, err);

	if (rc) {
		/* A verb built an invalid record: a bug, reported with the path. */
		snprintf(err->path, sizeof(err->path), "%s", relpath);
		return rc;
	}
	hc_record_encode_yaml(s, rec, t->st->utc_offset_min, &buf);
	rc = hc_txn_put(t, relpath, buf.p, buf.len, 0, err);
	hc_buf_release(&buf);
	return rc;
}

int hc_txn_delete(struct hc_txn *t, const char *relpath, struct hc_error *err)
{
	struct op *op;

	if (!stageable(relpath))
		return hc_error_set(err, HC_EUSAGE, "invalid state path '%s'", relpath);
	op = stage(t, relpath);
	op->type = OP_DEL;
	return HC_OK;
}

/* ---- applying ------------------------------------------------------------ */

static int apply_append(int rootfd, const struct op *op, struct hc_error *err)
{
	const char *base;
	struct stat sb;
	int dirfd, fd;
	bool created;
	off_t at;

	dirfd = hc_fs_open_parent(rootfd, op->path, true, &base);
	if (dirfd < 0)
		return hc_error_errno(err, "unable to open the directory of", op->path);
	created = fstatat(dirfd, base, &sb, AT_SYMLINK_NOFOLLOW) != 0;
	fd = openat(dirfd, base, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0 || fstat(fd, &sb)) {
		hc_error_errno(err, "unable to open", op->path);
		goto fail;
	}
	/* Back to the recorded end (a torn earlier attempt is cut off); a
	 * shorter file is only ever appended to. */
	at = sb.st_size < (off_t)op->offset ? sb.st_size : (off_t)op->offset;
	if (ftruncate(fd, at)) {
		hc_error_errno(err, "unable to truncate", op->path);
		goto fail;
	}
	if (lseek(fd, at, SEEK_SET) < 0 || hc_fs_write_all(fd, op->data, op->len)) {
		hc_error_errno(err, "unable to write", op->path);
		goto fail;
	}
	if (fsync(fd)) {
		hc_error_errno(err, "unable to fsync", op->path);
		goto fail;
	}
	if (close(fd)) {
		fd = -1;
		hc_error_errno(err, "unable to close", op->path);
		goto fail;
	}
	fd = -1;
	if (created && fsync(dirfd)) {
		hc_error_errno(err, "unable to fsync the directory of", op->path);
		goto fail;
	}
	close(dirfd);
	return HC_OK;
fail:
	if (fd >= 0)
		close(fd);
	close(dirfd);
	return HC_EIO;
}

static int apply_op(struct hc_store *st, const struct op *op, struct hc_error *err)
{
	switch (op->type) {
	case OP_PUT:
		return hc_fs_write_atomic(st->rootfd, op->path, op->data, op->len, (mode_t)op->mode, err);
	case OP_DEL:
		return hc_fs_remove(st->rootfd, op->path, err);
	case OP_APPEND:
		return apply_append(st->rootfd, op, err);
	}
	return hc_error_set(err, HC_EIO, "unknown journal operation");
}

/* ---- the journal ----------------------------------------------------------- */

static void journal_encode(const struct op *ops, size_t n, struct hc_buf *out)
{
	uLong crc;

	hc_buf_adds(out, JOURNAL_MAGIC);
	for (size_t i = 0; i < n; i++) {
		const struct op *op = &ops[i];

		switch (op->type) {
		case OP_PUT:
			hc_buf_addf(out, "put %o %zu %s\n", (unsigned)op->mode, op->len, op->path);
			hc_buf_add(out, op->data, op->len);
			hc_buf_addc(out, '\n');
			break;
		case OP_DEL:
			hc_buf_addf(out, "del %s\n", op->path);
			break;
		case OP_APPEND:
			hc_buf_addf(out, "append %" PRIu64 " %zu %s\n", op->offset, op->len, op->path);
			hc_buf_add(out, op->data, op->len);
			hc_buf_addc(out, '\n');
			break;
		}
	}
	crc = crc32(0L, (const Bytef *)out->p, (uInt)out->len);
	hc_buf_addf(out, "end %08lx\n", (unsigned long)crc);
}

static void ops_free(struct op *ops, size_t n)
{
	for (size_t i = 0; i < n; i++)
		op_free(&ops[i]);
	free(ops);
}

/* Reads "<line>\n" at *pos into line (NUL-terminated, without newline). */
static bool next_line(const char *buf, size_t len, size_t *pos, char *line, size_t size)
{
	const char *nl = memchr(buf + *pos, '\n', len - *pos);
	size_t n;

	if (!nl)
		return false;
	n = (size_t)(nl - (buf + *pos));
	if (n >= size)
		return false;
	memcpy(line, buf + *pos, n);
	line[n] = '\0';
	*pos += n + 1;
	return true;
}

static int journal_decode(const char *buf, size_t len, struct op **out, size_t *count,
			  struct hc_error *err)
{
	char line[PATH_MAX + 64];
	struct op *ops = NULL;
	size_t n = 0, cap = 0, pos = strlen(JOURNAL_MAGIC);

	if (len < pos || memcmp(buf, JOURNAL_MAGIC, pos) != 0)
		goto bad;
	for (;;) {
		size_t start = pos;
		struct op op;
		unsigned mode = 0;
		int used = 0;

		if (!next_line(buf, len, &pos, line, sizeof(line)))
			goto bad;
		memset(&op, 0, sizeof(op));
		if (strncmp(line, "end ", 4) == 0) {
			unsigned long want = strtoul(line + 4, NULL, 16);
			uLong got = crc32(0L, (const Bytef *)buf, (uInt)start);

			if (want != got || pos != len)
				goto bad;
			break;
		}
		if (sscanf(line, "put %o %zu %n", &mode, &op.len, &used) == 2 && used > 0) {
			op.type = OP_PUT;
			op.mode = (int)(mode & 0777);
		} else if (sscanf(line, "append %" SCNu64 " %zu %n", &op.offset, &op.len, &used) == 2 &&
			   used > 0) {
			op.type = OP_APPEND;
		} else if (strncmp(line, "del ", 4) == 0) {
			op.type = OP_DEL;
			used = 4;
		} else {
			goto bad;
		}
		if (!stageable(line + used))
			goto bad;
		op.path = hc_xstrdup(line + used);
		if (op.type != OP_DEL) {
			if (op.len > len - pos || len - pos - op.len < 1 || buf[pos + op.len] != '\n') {
				free(op.path);
				goto bad;
			}
			op.data = hc_xstrndup(buf + pos, op.len);
			pos += op.len + 1;
		}
		HC_GROW(ops, cap, n + 1);
		ops[n++] = op;
	}
	*out = ops;
	*count = n;
	return HC_OK;
bad:
	ops_free(ops, n);
	return hc_error_at(err, HC_EIO, JOURNAL, 1, 1,
			   "the journal of an interrupted change is damaged; "
			   "inspect it, restore the state from git, then remove it");
}

/* Completes the journal, if any; the caller holds the lock. */
static int recover_locked(struct hc_store *st, struct hc_error *err)
{
	struct hc_buf buf = HC_BUF_INIT;
	struct op *ops = NULL;
	size_t n = 0;
	int rc = hc_store_read(st, JOURNAL, &buf, err);

	if (rc == HC_ENOTFOUND) {
		hc_buf_release(&buf);
		return HC_OK;
	}
	if (!rc)
		rc = journal_decode(buf.p, buf.len, &ops, &n, err);
	for (size_t i = 0; i < n && !rc; i++)
		rc = apply_op(st, &ops[i], err);
	if (!rc)
		rc = hc_fs_remove(st->rootfd, JOURNAL, err);
	if (!rc)
		st->recovered = true;
	ops_free(ops, n);
	hc_buf_release(&buf);
	return rc;
}

int hc_store_recover(struct hc_store *st, struct hc_error *err)
{
	struct hc_lock lk = { -1 };
	struct stat sb;
	hc_time now;
	int rc;

	if (fstatat(st->rootfd, JOURNAL, &sb, AT_SYMLINK_NOFOLLOW) != 0)
		return HC_OK;
	if (hc_time_now(&now))
		now = 0;
	/* A live writer holds the lock and finishes its own journal; only a
	 * journal whose writer is gone (the lock is free) is ours to finish. */
	rc = hc_lock_acquire(st->rootfd, "hostctl recovery", now, st->utc_offset_min, false, NULL,
			     NULL, &lk, err);
	if (rc == HC_ECONFLICT)
		return HC_OK;
	if (rc)
		return rc;
	rc = recover_locked(st, err);
	hc_lock_release(&lk);
	return rc;
}

/* ---- audit and git --------------------------------------------------------- */

static void audit_line(const struct hc_txn *t, const struct op *ops, size_t n, struct hc_buf *out)
{
	char at[HC_TIME_BUFSZ];

	hc_time_format(t->o.now, t->st->utc_offset_min, at);
	hc_buf_adds(out, "{\"at\":");
	hc_json_quote(out, at);
	hc_buf_adds(out, ",\"operator\":");
	hc_json_quote(out, t->o.operator_name ? t->o.operator_name : "unknown");
	hc_buf_adds(out, ",\"verb\":");
	hc_json_quote(out, t->o.verb ? t->o.verb : "");
	hc_buf_adds(out, ",\"args\":[");
	for (int i = 0; i < t->o.argc; i++) {
		if (i)
			hc_buf_addc(out, ',');
		hc_json_quote(out, t->o.argv[i]);
	}
	hc_buf_adds(out, "],\"changes\":[");
	for (size_t i = 0; i < n; i++) {
		char line[PATH_MAX + 4];

		snprintf(line, sizeof(line), "%c %s", ops[i].type == OP_DEL ? 'D' : 'W', ops[i].path);
		if (i)
			hc_buf_addc(out, ',');
		hc_json_quote(out, line);
	}
	hc_buf_adds(out, "]}\n");
}

/* Runs git with argv in the state root; stdout is discarded, the first
 * line of stderr goes into err. No shell is involved. */
static int run_git(struct hc_store *st, char *const argv[], struct hc_error *err)
{
	int pipefd[2], status;
	char msg[256] = "";
	ssize_t got;
	pid_t pid;

	if (pipe(pipefd))
		return hc_error_errno(err, "unable to run", "git");
	pid = fork();
	if (pid < 0) {
		close(pipefd[0]);
		close(pipefd[1]);
		return hc_error_errno(err, "unable to run", "git");
	}
	if (pid == 0) {
		int devnull = open("/dev/null", O_RDWR);

		if (devnull >= 0) {
			dup2(devnull, 0);
			dup2(devnull, 1);
		}
		dup2(pipefd[1], 2);
		close(pipefd[0]);
		if (chdir(st->root) == 0)
			execvp("git", argv);
		_exit(127);
	}
	close(pipefd[1]);
	got = read(pipefd[0], msg, sizeof(msg) - 1);
	msg[got > 0 ? got : 0] = '\0';
	msg[strcspn(msg, "\n")] = '\0';
	while (read(pipefd[0], (char[256]){ 0 }, 256) > 0)
		;
	close(pipefd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return HC_OK;
	return hc_error_set(err, HC_EIO, "state written, but 'git %s' failed: %s", argv[1],
			    msg[0] ? msg : (WIFEXITED(status) && WEXITSTATUS(status) == 127
					    ? "git not found" : "unknown error"));
}

static int git_commit(struct hc_txn *t, const struct op *ops, size_t n, struct hc_error *err)
{
	char **argv = hc_xcalloc(n + 8, sizeof(*argv));
	struct hc_buf msg = HC_BUF_INIT;
	size_t k = 0;
	int rc;

	hc_buf_addf(&msg, "hostctl %s", t->o.verb ? t->o.verb : "change");
	/* The subject names up to three records; claims, indexes and the
	 * audit trail follow from them. */
	for (size_t i = 0, named = 0; i < n && named < 3; i++) {
		const char *p = ops[i].path;

		if (strncmp(p, "audit/", 6) && strncmp(p, "claims/", 7) && strncmp(p, "index/", 6)) {
			hc_buf_addf(&msg, " %s", p);
			named++;
		}
	}
	hc_buf_addf(&msg, "\n\nOperator: %s\n", t->o.operator_name ? t->o.operator_name : "unknown");

	argv[k++] = "git";
	argv[k++] = "add";
	argv[k++] = "-A";
	argv[k++] = "--";
	for (size_t i = 0; i < n; i++)
		argv[k++] = ops[i].path;
	argv[k] = NULL;
	rc = run_git(t->st, argv, err);
	if (!rc) {
		k = 0;
		argv[k++] = "git";
		argv[k++] = "commit";
		argv[k++] = "-q";
		argv[k++] = "-m";
		argv[k++] = msg.p;
		argv[k++] = "--";
		for (size_t i = 0; i < n; i++)
			argv[k++] = ops[i].path;
		argv[k] = NULL;
		rc = run_git(t->st, argv, err);
	}
	hc_buf_release(&msg);
	free(argv);
	return rc;
}

/* ---- commit ------------------------------------------------------------------ */

int hc_txn_commit(struct hc_txn *t, struct hc_buf *report, struct hc_error *err)
{
	struct hc_store *st = t->st;
	struct hc_buf cur = HC_BUF_INIT, journal = HC_BUF_INIT, line = HC_BUF_INIT;
	struct op *eff = hc_xcalloc(t->n + 1, sizeof(*eff));
	char *kind = hc_xcalloc(t->n + 1, 1);
	size_t ne = 0;
	int rc = HC_OK;

	/* A lookup of this run failed: what the verb decided on it (absent,
	 * so create; free, so claim) cannot be trusted. */
	if (st->lookup_error.status) {
		*err = st->lookup_error;
		rc = HC_EIO;
	}
	/* Keep only what changes a file. */
	for (size_t i = 0; i < t->n && !rc; i++) {
		const struct op *op = &t->ops[i];
		int r = hc_store_read(st, op->path, &cur, err);
		bool exists = r == HC_OK;

		if (r && r != HC_ENOTFOUND) {
			rc = r;
			break;
		}
		if (op->type == OP_PUT && exists && cur.len == op->len &&
		    memcmp(cur.p, op->data, op->len) == 0)
			continue;
		if (op->type == OP_DEL && !exists)
			continue;
		if (report && t->o.dry_run)
			hc_diff_unified(exists ? cur.p : NULL, cur.len,
					op->type == OP_PUT ? op->data : NULL, op->len, op->path, report);
		kind[ne] = op->type == OP_DEL ? 'D' : exists ? 'M' : 'A';
		eff[ne++] = *op;
	}
	if (rc || ne == 0 || t->o.dry_run)
		goto out;

	/* The audit line rides in the journal with the changes it records. */
	{
		char day[HC_DAY_BUFSZ], path[64];
		struct stat sb;
		const char *base;
		bool journaled;
		int dirfd;

		hc_day_format(hc_time_day(t->o.now, st->utc_offset_min), day);
		snprintf(path, sizeof(path), "audit/%s.jsonl", day);
		audit_line(t, eff, ne, &line);
		eff[ne].type = OP_APPEND;
		eff[ne].path = path;
		eff[ne].data = line.p;
		eff[ne].len = line.len;
		eff[ne].offset = 0;
		/* The append starts at the file's end; only a missing file starts
		 * at 0. Any other failure to learn the size stops the commit: an
		 * offset of 0 would cut the day's earlier lines off. */
		dirfd = hc_fs_open_parent(st->rootfd, path, false, &base);
		if (dirfd >= 0) {
			if (fstatat(dirfd, base, &sb, AT_SYMLINK_NOFOLLOW) == 0)
				eff[ne].offset = (uint64_t)sb.st_size;
			else if (errno != ENOENT)
				rc = hc_error_errno(err, "unable to stat", path);
			close(dirfd);
		} else if (errno != ENOENT) {
			rc = hc_error_errno(err, "unable to open the directory of", path);
		}
		if (rc)
			goto out;
		journal_encode(eff, ne + 1, &journal);
		rc = hc_fs_write_atomic(st->rootfd, JOURNAL, journal.p, journal.len, 0600, err);
		journaled = rc == HC_OK;
		for (size_t i = 0; i <= ne && !rc; i++)
			rc = apply_op(st, &eff[i], err);
		if (!rc)
			rc = hc_fs_remove(st->rootfd, JOURNAL, err);
		if (rc) {
			/* Say whether the change happened: once the journal is in
			 * place (even if syncing its directory failed) it is decided. */
			size_t len = strlen(err->msg);

			if (fstatat(st->rootfd, JOURNAL, &sb, AT_SYMLINK_NOFOLLOW) == 0)
				snprintf(err->msg + len, sizeof(err->msg) - len,
					 "; the change is decided: the next hostctl command completes it from %s",
					 JOURNAL);
			else if (journaled)
				snprintf(err->msg + len, sizeof(err->msg) - len, "; the change was applied");
			goto out;
		}
		if (report)
			for (size_t i = 0; i < ne; i++)
				hc_buf_addf(report, "%c %s\n", kind[i], eff[i].path);
		if (t->o.git_commit || st->config.git_commit) {
			kind[ne] = 'M';
			rc = git_commit(t, eff, ne + 1, err);
		}
	}
out:
	free(eff);
	free(kind);
	hc_buf_release(&cur);
	hc_buf_release(&journal);
	hc_buf_release(&line);
	return rc;
}
