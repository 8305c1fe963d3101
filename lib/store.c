/*
 * store.c - finding and opening the state directory, safe reads, listings.
 */
#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs.h"
#include "hostctl/store.h"

int hc_store_find(const char *start, char **root, struct hc_error *err)
{
	char path[PATH_MAX];

	if (!realpath(start, path))
		return hc_error_errno(err, "unable to resolve", start);
	for (;;) {
		char probe[PATH_MAX + 16];
		char *slash;

		snprintf(probe, sizeof(probe), "%s/%s", strcmp(path, "/") ? path : "", HC_STATE_FILE);
		if (access(probe, F_OK) == 0) {
			*root = hc_xstrdup(path);
			return HC_OK;
		}
		if (strcmp(path, "/") == 0)
			break;
		slash = strrchr(path, '/');
		if (slash == path)
			path[1] = '\0';
		else
			*slash = '\0';
	}
	return hc_error_set(err, HC_ENOTFOUND,
			    "not in a hostctl state directory (no '%s' here or above '%s'); "
			    "use -C DIR or run 'hostctl init'", HC_STATE_FILE, start);
}

void hc_store_release(struct hc_store *st)
{
	if (st->rootfd >= 0)
		close(st->rootfd);
	free(st->root);
	if (st->catalog_loaded)
		hc_catalog_release(&st->catalog);
	hc_arena_release(&st->arena);
	hc_buf_release(&st->readbuf);
	memset(st, 0, sizeof(*st));
	st->rootfd = -1;
}

int hc_store_open(struct hc_store *st, const char *root, struct hc_error *err)
{
	char path[PATH_MAX];
	int rc;

	memset(st, 0, sizeof(*st));
	st->rootfd = -1;
	hc_arena_init(&st->arena);
	hc_buf_init(&st->readbuf);
	if (!realpath(root, path)) {
		rc = errno == ENOENT ? hc_error_set(err, HC_ENOTFOUND, "no state directory '%s'", root)
				     : hc_error_errno(err, "unable to resolve", root);
		hc_store_release(st);
		return rc;
	}
	st->root = hc_xstrdup(path);
	st->rootfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (st->rootfd < 0) {
		rc = hc_error_errno(err, "unable to open", path);
		hc_store_release(st);
		return rc;
	}
	rc = hc_store_load(st, &hc_config_schema, HC_STATE_FILE, &st->config, &st->arena, err);
	if (rc == HC_ENOTFOUND)
		rc = hc_error_set(err, HC_ENOTFOUND, "no '%s' in '%s'; run 'hostctl init'",
				  HC_STATE_FILE, path);
	if (!rc && hc_utc_offset_parse(st->config.utc_offset, &st->utc_offset_min))
		rc = hc_error_at(err, HC_EINVALID, HC_STATE_FILE, 1, 1,
				 "utc_offset: expected +HH:MM, got '%s'", st->config.utc_offset);
	if (rc) {
		hc_store_release(st);
		return rc;
	}
	hc_calendar_init_default(&st->cal);
	st->cal.utc_offset_min = st->utc_offset_min;
	st->cal.has_closure = st->config.closure_from >= 0 && st->config.closure_to >= 0;
	if (st->cal.has_closure) {
		st->cal.closure_from_month = st->config.closure_from / 100;
		st->cal.closure_from_day = st->config.closure_from % 100;
		st->cal.closure_to_month = st->config.closure_to / 100;
		st->cal.closure_to_day = st->config.closure_to % 100;
	}
	rc = hc_store_recover(st, err);
	if (rc) {
		hc_store_release(st);
		return rc;
	}
	return HC_OK;
}

int hc_store_catalog(struct hc_store *st, const struct hc_catalog **cat, struct hc_error *err)
{
	struct hc_buf buf = HC_BUF_INIT;
	struct hc_errors problems;
	int rc = HC_OK;

	if (st->catalog_loaded) {
		*cat = &st->catalog;
		return HC_OK;
	}
	hc_catalog_init(&st->catalog);
	for (size_t i = 0; i < st->config.profiles.n && !rc; i++) {
		char path[192];

		snprintf(path, sizeof(path), "catalog/%s.yaml", st->config.profiles.v[i]);
		rc = hc_store_read(st, path, &buf, err);
		if (rc == HC_ENOTFOUND)
			rc = hc_error_at(err, HC_EINVALID, HC_STATE_FILE, 1, 1,
					 "profile '%s' is listed but '%s' is missing",
					 st->config.profiles.v[i], path);
		if (!rc)
			rc = hc_catalog_add(&st->catalog, buf.p, buf.len, path, err);
	}
	hc_buf_release(&buf);
	if (!rc) {
		hc_errors_init(&problems);
		if (hc_catalog_check(&st->catalog, &problems)) {
			*err = problems.v[0];
			rc = HC_EINVALID;
		}
		hc_errors_release(&problems);
	}
	if (rc) {
		hc_catalog_release(&st->catalog);
		return rc;
	}
	st->catalog_loaded = true;
	*cat = &st->catalog;
	return HC_OK;
}

int hc_store_profile(struct hc_store *st, const char *name, const struct hc_profile **p,
		     struct hc_error *err)
{
	const struct hc_catalog *cat;
	int rc = hc_store_catalog(st, &cat, err);

	if (rc)
		return rc;
	*p = hc_catalog_profile(cat, name);
	if (!*p)
		return hc_error_set(err, HC_ENOTFOUND, "no profile '%s' in this state's catalog", name);
	return HC_OK;
}

bool hc_store_path_valid(const char *relpath)
{
	const char *p = relpath;

	if (!*p || *p == '/' || strlen(p) >= PATH_MAX)
		return false;
	for (;;) {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);

		if (n == 0 || n > NAME_MAX || (n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.'))
			return false;
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f)
				return false;
		if (!slash)
			return true;
		p = slash + 1;
	}
}

int hc_store_read(struct hc_store *st, const char *relpath, struct hc_buf *out,
		  struct hc_error *err)
{
	struct stat sb;
	int fd;

	hc_buf_reset(out);
	if (!hc_store_path_valid(relpath))
		return hc_error_set(err, HC_EUSAGE, "invalid state path '%s'", relpath);
	/* O_NONBLOCK: a FIFO planted in the state must not hang the read; the
	 * type is checked right after. It changes nothing for regular files. */
	fd = hc_fs_open(st->rootfd, relpath, O_RDONLY | O_NONBLOCK, 0);
	if (fd < 0) {
		if (errno == ENOENT)
			return hc_error_set(err, HC_ENOTFOUND, "no file '%s'", relpath);
		if (errno == ELOOP || errno == ENOTDIR)
			return hc_error_at(err, HC_EINVALID, relpath, 1, 1,
					   "symbolic links are not allowed in the state directory");
		return hc_error_errno(err, "unable to open", relpath);
	}
	if (fstat(fd, &sb)) {
		close(fd);
		return hc_error_errno(err, "unable to stat", relpath);
	}
	if (!S_ISREG(sb.st_mode)) {
		close(fd);
		return hc_error_at(err, HC_EINVALID, relpath, 1, 1, "not a regular file");
	}
	if (sb.st_size > HC_RECORD_MAX_BYTES) {
		close(fd);
		return hc_error_at(err, HC_EINVALID, relpath, 1, 1,
				   "file of %lld bytes exceeds the limit of %d bytes",
				   (long long)sb.st_size, HC_RECORD_MAX_BYTES);
	}
	/* Straight into out, sized by fstat. Records are replaced by rename,
	 * never written in place, so once st_size bytes are in the file is
	 * whole and the read that would return 0 is saved; should one grow
	 * anyway, reading goes on to EOF or the cap. */
	hc_buf_reserve(out, sb.st_size < 4096 ? 4096 : (size_t)sb.st_size + 1);
	for (;;) {
		size_t room = out->cap - out->len - 1;
		char *at = room ? out->p + out->len : hc_buf_reserve(out, room = 65536);
		ssize_t n = read(fd, at, room);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			hc_error_errno(err, "unable to read", relpath);
			close(fd);
			return HC_EIO;
		}
		if (n == 0)
			break;
		hc_buf_commit(out, (size_t)n);
		if (out->len > HC_RECORD_MAX_BYTES) {
			close(fd);
			return hc_error_at(err, HC_EINVALID, relpath, 1, 1,
					   "file exceeds the limit of %d bytes", HC_RECORD_MAX_BYTES);
		}
		if (out->len == (size_t)sb.st_size && out->cap - out->len - 1 > 0)
			break;
	}
	close(fd);
	return HC_OK;
}

int hc_store_load(struct hc_store *st, const struct hc_schema *s, const char *relpath,
		  void *rec, struct hc_arena *a, struct hc_error *err)
{
	/* The parse copies what it keeps into a, so one buffer serves every
	 * load (the store is not shared between threads). */
	int rc = hc_store_read(st, relpath, &st->readbuf, err);

	if (!rc)
		rc = hc_record_parse(s, st->readbuf.p, st->readbuf.len, rec, a, relpath, err);
	else
		hc_record_init(s, rec);
	if (st->readbuf.cap > 4 * 65536)
		hc_buf_release(&st->readbuf);
	return rc;
}

/* After a failed lookup (errno set): absence is an answer; anything else
 * (EIO, ENOMEM ...) is not, and is kept for the next commit to fail with. */
static void lookup_failed(struct hc_store *st, const char *relpath)
{
	if (errno == ENOENT || errno == ENOTDIR || errno == ELOOP || st->lookup_error.status)
		return;
	hc_error_errno(&st->lookup_error, "unable to look up", relpath);
}

bool hc_store_exists(struct hc_store *st, const char *relpath)
{
	const char *base;
	struct stat sb;
	int dirfd, rc;

	if (!hc_store_path_valid(relpath))
		return false;
	/* Performance fix (tests/bench): one openat2 instead of five calls
	 * when that settles it (fs.c, open_fast). */
	rc = hc_fs_exists_fast(st->rootfd, relpath);
	if (rc >= 0)
		return rc == 1;
	dirfd = hc_fs_open_parent(st->rootfd, relpath, false, &base);
	if (dirfd < 0) {
		lookup_failed(st, relpath);
		return false;
	}
	rc = fstatat(dirfd, base, &sb, AT_SYMLINK_NOFOLLOW);
	if (rc)
		lookup_failed(st, relpath);
	close(dirfd);
	return rc == 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int hc_store_list(struct hc_store *st, const char *dir, struct hc_strs *ids, struct hc_arena *a,
		  struct hc_strs *bad, struct hc_error *err)
{
	struct dirent *de;
	DIR *d;
	int fd;

	memset(ids, 0, sizeof(*ids));
	if (!hc_store_path_valid(dir))
		return hc_error_set(err, HC_EUSAGE, "invalid state path '%s'", dir);
	fd = hc_fs_open(st->rootfd, dir, O_RDONLY | O_DIRECTORY, 0);
	if (fd < 0) {
		if (errno == ENOENT)
			return HC_OK;
		if (errno == ELOOP || errno == ENOTDIR)
			return hc_error_at(err, HC_EINVALID, dir, 1, 1,
					   "symbolic links are not allowed in the state directory");
		return hc_error_errno(err, "unable to open", dir);
	}
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return hc_error_errno(err, "unable to read", dir);
	}
	while ((errno = 0, de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);
		char *id;

		if (de->d_name[0] == '.')
			continue;          /* ".", "..", temp files ".x.hctmp" */
		if (n <= 5 || strcmp(de->d_name + n - 5, ".yaml") != 0) {
			if (bad)
				hc_strs_push(a, bad, hc_arena_strdup(a, de->d_name));
			continue;
		}
		id = hc_arena_strndup(a, de->d_name, n - 5);
		if (!hc_name_valid(id)) {
			if (bad)
				hc_strs_push(a, bad, hc_arena_strdup(a, de->d_name));
			continue;
		}
		hc_strs_push(a, ids, id);
	}
	if (errno) {
		closedir(d);
		return hc_error_errno(err, "unable to read", dir);
	}
	closedir(d);
	if (ids->n > 1)
		qsort(ids->v, ids->n, sizeof(*ids->v), cmp_str);
	return HC_OK;
}

int hc_store_list_names(struct hc_store *st, const char *dir, struct hc_strs *names,
			struct hc_arena *a, struct hc_error *err)
{
	struct dirent *de;
	DIR *d;
	int fd;

	memset(names, 0, sizeof(*names));
	if (!hc_store_path_valid(dir))
		return hc_error_set(err, HC_EUSAGE, "invalid state path '%s'", dir);
	fd = hc_fs_open(st->rootfd, dir, O_RDONLY | O_DIRECTORY, 0);
	if (fd < 0) {
		if (errno == ENOENT)
			return HC_OK;
		if (errno == ELOOP || errno == ENOTDIR)
			return hc_error_at(err, HC_EINVALID, dir, 1, 1,
					   "symbolic links are not allowed in the state directory");
		return hc_error_errno(err, "unable to open", dir);
	}
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return hc_error_errno(err, "unable to read", dir);
	}
	while ((errno = 0, de = readdir(d)) != NULL)
		if (de->d_name[0] != '.' && hc_name_valid(de->d_name))
			hc_strs_push(a, names, hc_arena_strdup(a, de->d_name));
	if (errno) {
		closedir(d);
		return hc_error_errno(err, "unable to read", dir);
	}
	closedir(d);
	if (names->n > 1)
		qsort(names->v, names->n, sizeof(*names->v), cmp_str);
	return HC_OK;
}

int hc_record_path(const char *dir, const char *id, char *buf, size_t size, struct hc_error *err)
{
	if (!hc_name_valid(id))
		return hc_error_set(err, HC_EUSAGE,
				    "invalid id '%.64s': use 1-128 characters [A-Za-z0-9._-], "
				    "not starting with '.' or '-', without '..'", id);
	/* Once per record read: without snprintf. */
	size_t d = strlen(dir), n = strlen(id);

	if (d + 1 + n + sizeof(".yaml") > size)
		return hc_error_set(err, HC_EUSAGE, "id too long '%.64s'", id);
	memcpy(buf, dir, d);
	buf[d] = '/';
	memcpy(buf + d + 1, id, n);
	memcpy(buf + d + 1 + n, ".yaml", sizeof(".yaml"));
	return HC_OK;
}
