/*
 * fs.h - private to the library: opening paths beneath the state root
 * without following symlinks, and atomic whole-file writes.
 */
#ifndef HOSTCTL_FS_H
#define HOSTCTL_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "hostctl/error.h"

/*
 * Opens the directory holding relpath's last component, beneath rootfd,
 * refusing symlinks in every component (O_NOFOLLOW), creating missing
 * directories when create is set. *base points into relpath. Returns a
 * descriptor (the caller closes it) or -1 with errno set.
 */
int hc_fs_open_parent(int rootfd, const char *relpath, bool create, const char **base);

/* Whether relpath exists beneath rootfd, in one system call: 1 yes, 0 no
 * (as hc_fs_open_parent + fstatat would find), -1 when only the walk can
 * tell (a symlink, or no openat2 here). */
int hc_fs_exists_fast(int rootfd, const char *relpath);

/* openat(relpath) beneath rootfd with O_NOFOLLOW everywhere; -1/errno. */
int hc_fs_open(int rootfd, const char *relpath, int flags, mode_t mode);

/*
 * Replaces relpath with data: writes ".<name>.hctmp" in the same directory,
 * fsyncs it, renames it over the target and fsyncs the directory. Any
 * write, fsync, close or rename error fails the write (HC_EIO) and removes
 * the temp file; the old file is then untouched.
 */
int hc_fs_write_atomic(int rootfd, const char *relpath, const char *data, size_t len, mode_t mode,
		       struct hc_error *err);

/* Removes relpath (absent is fine) and fsyncs its directory. */
int hc_fs_remove(int rootfd, const char *relpath, struct hc_error *err);

/* Writes all of data to fd, retrying short writes and EINTR. 0 or -1. */
int hc_fs_write_all(int fd, const char *data, size_t len);

#endif
