/*
 * fs.c - symlink-refusing opens beneath the root and atomic writes, in the
 * manner of git's lockfile and skalibs' openwritenclose.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifdef SYS_openat2
#include <linux/openat2.h>
#endif
#if !defined(O_PATH) && defined(__O_PATH)
#define O_PATH __O_PATH             /* glibc shows O_PATH with _GNU_SOURCE only */
#endif

#include "fs.h"

int hc_fs_write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0) {
			errno = ENOSPC;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int hc_fs_open_parent(int rootfd, const char *relpath, bool create, const char **base)
{
	char comp[NAME_MAX + 1];
	const char *p = relpath, *slash;
	int dirfd = dup(rootfd);

	if (dirfd < 0)
		return -1;
	while ((slash = strchr(p, '/')) != NULL) {
		size_t n = (size_t)(slash - p);
		int next;

		if (n == 0 || n > NAME_MAX) {
			close(dirfd);
			errno = EINVAL;
			return -1;
		}
		memcpy(comp, p, n);
		comp[n] = '\0';
		next = openat(dirfd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (next < 0 && errno == ENOENT && create) {
			if (mkdirat(dirfd, comp, 0755) && errno != EEXIST) {
				int e = errno;

				close(dirfd);
				errno = e;
				return -1;
			}
			/* The new entry must survive a crash with the file in it. */
			if (fsync(dirfd)) {
				int e = errno;

				close(dirfd);
				errno = e;
				return -1;
			}
			next = openat(dirfd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		}
		if (next < 0) {
			int e = errno;

			close(dirfd);
			errno = e;
			return -1;
		}
		close(dirfd);
		dirfd = next;
		p = slash + 1;
	}
	*base = p;
	return dirfd;
}

/*
 * Performance fix (tests/bench): one openat2() with RESOLVE_NO_SYMLINKS and
 * RESOLVE_BENEATH refuses the same paths as the walk below (a symlink in
 * any component, a path leaving rootfd) in one system call instead of
 * five (dup, openat of the directory, openat, two closes) -- a quarter of
 * the system time of sla-report and validate, which read every record.
 * Only its successes are taken: on any failure (ENOSYS on old kernels,
 * EPERM under a seccomp filter, or a refused path) the walk runs, so the
 * errno callers see is the walk's, as before.
 */
static int open_fast(int rootfd, const char *relpath, int flags, mode_t mode)
{
#ifdef SYS_openat2
	size_t n = strlen(relpath);
	struct open_how how;

	/* An empty component fails the walk but not a path lookup. */
	if (n == 0 || relpath[0] == '/' || relpath[n - 1] == '/' || strstr(relpath, "//")) {
		errno = EINVAL;
		return -1;
	}
	memset(&how, 0, sizeof(how));
	how.flags = (uint64_t)(flags | O_NOFOLLOW | O_CLOEXEC);
	how.mode = flags & O_CREAT ? mode : 0;
	how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH;
	return (int)syscall(SYS_openat2, rootfd, relpath, &how, sizeof(how));
#else
	(void)rootfd, (void)relpath, (void)flags, (void)mode;
	errno = ENOSYS;
	return -1;
#endif
}

int hc_fs_exists_fast(int rootfd, const char *relpath)
{
	/* O_PATH opens anything without reading it; with O_NOFOLLOW a symlink
	 * as the last component is opened itself (openat2(2)), and exists for
	 * the walk too (fstatat AT_SYMLINK_NOFOLLOW). */
	int fd = open_fast(rootfd, relpath, O_PATH, 0);

	if (fd >= 0) {
		close(fd);
		return 1;
	}
	/* ENOENT from openat2 means some component is missing with every one
	 * before it a real directory: the walk finds nothing either. */
	return errno == ENOENT ? 0 : -1;
}

int hc_fs_open(int rootfd, const char *relpath, int flags, mode_t mode)
{
	const char *base;
	int dirfd, fd, e;

	fd = open_fast(rootfd, relpath, flags, mode);
	if (fd >= 0)
		return fd;
	dirfd = hc_fs_open_parent(rootfd, relpath, false, &base);
	if (dirfd < 0)
		return -1;
	fd = openat(dirfd, base, flags | O_NOFOLLOW | O_CLOEXEC, mode);
	e = errno;
	close(dirfd);
	errno = e;
	return fd;
}

int hc_fs_write_atomic(int rootfd, const char *relpath, const char *data, size_t len, mode_t mode,
		       struct hc_error *err)
{
	char tmp[NAME_MAX + 1];
	const char *base;
	int dirfd, fd;

	dirfd = hc_fs_open_parent(rootfd, relpath, true, &base);
	if (dirfd < 0)
		return hc_error_errno(err, "unable to open the directory of", relpath);
	if (snprintf(tmp, sizeof(tmp), ".%s.hctmp", base) >= (int)sizeof(tmp)) {
		close(dirfd);
		return hc_error_set(err, HC_EIO, "name too long '%s'", relpath);
	}
	fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode ? mode : 0644);
	if (fd < 0) {
		hc_error_errno(err, "unable to create a temporary file for", relpath);
		close(dirfd);
		return HC_EIO;
	}
	if (mode)
		(void)!fchmod(fd, mode);
	if (hc_fs_write_all(fd, data, len)) {
		hc_error_errno(err, "unable to write", relpath);
		goto fail_fd;
	}
	if (fsync(fd)) {
		hc_error_errno(err, "unable to fsync", relpath);
		goto fail_fd;
	}
	if (close(fd)) {
		fd = -1;
		hc_error_errno(err, "unable to close", relpath);
		goto fail;
	}
	fd = -1;
	if (renameat(dirfd, tmp, dirfd, base)) {
		hc_error_errno(err, "unable to rename into place", relpath);
		goto fail;
	}
	if (fsync(dirfd)) {
		hc_error_errno(err, "unable to fsync the directory of", relpath);
		close(dirfd);
		return HC_EIO;
	}
	close(dirfd);
	return HC_OK;

fail_fd:
	close(fd);
fail:
	unlinkat(dirfd, tmp, 0);
	close(dirfd);
	return HC_EIO;
}

int hc_fs_remove(int rootfd, const char *relpath, struct hc_error *err)
{
	const char *base;
	int dirfd = hc_fs_open_parent(rootfd, relpath, false, &base);

	if (dirfd < 0) {
		if (errno == ENOENT)
			return HC_OK;
		return hc_error_errno(err, "unable to open the directory of", relpath);
	}
	if (unlinkat(dirfd, base, 0) && errno != ENOENT) {
		hc_error_errno(err, "unable to remove", relpath);
		close(dirfd);
		return HC_EIO;
	}
	/* Index and claim directories (a/b/c) go when their last file does;
	 * git would not keep them anyway. Best effort: not empty is fine. */
	if (base - relpath > 0 && memchr(relpath, '/', (size_t)(base - relpath) - 1)) {
		char parent[PATH_MAX];
		const char *slash;
		size_t n = (size_t)(base - relpath) - 1;
		int up;

		memcpy(parent, relpath, n);
		parent[n] = '\0';
		slash = strrchr(parent, '/');
		up = hc_fs_open_parent(rootfd, parent, false, &slash);
		if (up >= 0) {
			if (unlinkat(up, slash, AT_REMOVEDIR) == 0)
				fsync(up);
			close(up);
		}
	}
	if (fsync(dirfd)) {
		hc_error_errno(err, "unable to fsync the directory of", relpath);
		close(dirfd);
		return HC_EIO;
	}
	close(dirfd);
	return HC_OK;
}
