/*
 * faultinject.c - an LD_PRELOAD shim that fails the Nth call of a system
 * call family (tests/faults.sh).
 *
 *   LD_PRELOAD=.../libfaultinject.so FAULTINJECT_FUNC=fsync FAULTINJECT_NTH=3 \
 *       hostctl-VERB ...
 *
 * Families (each counts the calls of all its members together):
 *   open      open open64 openat openat64 creat
 *   read      read pread pread64
 *   write     write pwrite pwrite64 writev
 *   fsync     fsync fdatasync
 *   rename    rename renameat renameat2
 *   close     close
 *   mkdir     mkdir mkdirat
 *   unlink    unlink unlinkat (rmdir through unlinkat(AT_REMOVEDIR) too)
 *   ftruncate ftruncate ftruncate64
 *
 * Environment:
 *   FAULTINJECT_FUNC   the family to fail (unset: fail nothing, only count)
 *   FAULTINJECT_NTH    which call of it fails, from 1 (default 1); only that
 *                      one: the fault is transient, as a real EIO usually is
 *   FAULTINJECT_ERRNO  the errno it fails with, a number or one of EIO,
 *                      ENOSPC, EDQUOT, EACCES, EROFS, EINTR, ENOMEM, EMFILE,
 *                      EFBIG, EPERM, EXDEV (default ENOSPC for write, EIO
 *                      otherwise)
 *   FAULTINJECT_COUNT  a file to which, at exit, one line "FAMILY CALLS" per
 *                      family is appended (to learn how many calls a
 *                      command makes, so that a test can loop N over them)
 *   FAULTINJECT_FIRED  a file to which "FAMILY N ERRNO" is appended when the
 *                      fault is injected (so the test knows it happened)
 *   FAULTINJECT_TRACE  a file to which, at exit, every call is appended in
 *                      order, one line each: "FAMILY KIND NAME W", KIND the
 *                      call ("rmdir" for unlinkat(AT_REMOVEDIR), else the
 *                      family), NAME the last component of the path (of
 *                      the path the descriptor was opened with, "?" when
 *                      unknown), W "w" when the descriptor was opened for
 *                      writing, else "-". tests/faults.sh checks the
 *                      commit's order with it (fsync, close, rename, fsync)
 *                      and which faults must make the command fail.
 *
 * Only calls made through the dynamic symbol table are seen: the
 * program's and other libraries' own, not glibc's internal ones (stdio's
 * writes, the loader's opens), nor raw system calls (openat2). With an
 * AddressSanitizer build set ASAN_OPTIONS=verify_asan_link_order=0.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

enum fam { F_OPEN, F_READ, F_WRITE, F_FSYNC, F_RENAME, F_CLOSE, F_MKDIR, F_UNLINK, F_FTRUNCATE,
	   F_COUNT };

static const char *const fam_names[F_COUNT] = {
	"open", "read", "write", "fsync", "rename", "close", "mkdir", "unlink", "ftruncate"
};

static unsigned long calls[F_COUNT];
static int target = -2;          /* -2: not read yet, -1: none */
static unsigned long nth = 1;
static int fault_errno;

/* The trace, kept in memory and written at exit. */
#define TRACE_BYTES (4 << 20)
static char trace[TRACE_BYTES];
static size_t traced;

/* What each descriptor was opened as. */
#define MAX_FD 1024
static char fd_name[MAX_FD][40];
static char fd_writable[MAX_FD];

/* The real functions, looked up once. */
#define REAL(ret, name, args) \
	static ret(*real_##name) args; \
	if (!real_##name) \
		real_##name = (ret(*) args)dlsym(RTLD_NEXT, #name)

static int errno_named(const char *s)
{
	static const struct { const char *name; int value; } names[] = {
		{ "EIO", EIO }, { "ENOSPC", ENOSPC }, { "EDQUOT", EDQUOT }, { "EACCES", EACCES },
		{ "EROFS", EROFS }, { "EINTR", EINTR }, { "ENOMEM", ENOMEM }, { "EMFILE", EMFILE },
		{ "EFBIG", EFBIG }, { "EPERM", EPERM }, { "EXDEV", EXDEV },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(s, names[i].name))
			return names[i].value;
	return atoi(s);
}

static void setup(void)
{
	const char *f = getenv("FAULTINJECT_FUNC"), *n = getenv("FAULTINJECT_NTH"),
		   *e = getenv("FAULTINJECT_ERRNO");

	target = -1;
	if (f && *f)
		for (int i = 0; i < F_COUNT; i++)
			if (!strcmp(f, fam_names[i]))
				target = i;
	if (n && *n)
		nth = strtoul(n, NULL, 10);
	if (e && *e)
		fault_errno = errno_named(e);
	if (fault_errno <= 0)
		fault_errno = target == F_WRITE ? ENOSPC : EIO;
}

/* Appends text to the file named by the environment variable var, with
 * the real functions (these calls are not counted). */
static void append_to(const char *var, const char *text, size_t len)
{
	const char *path = getenv(var);
	int fd;

	REAL(int, open, (const char *, int, ...));
	REAL(ssize_t, write, (int, const void *, size_t));
	REAL(int, close, (int));
	if (!path || !*path || !real_open)
		return;
	fd = real_open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	while (len > 0) {
		ssize_t n = real_write(fd, text, len);

		if (n <= 0)
			break;
		text += n;
		len -= (size_t)n;
	}
	real_close(fd);
}

static const char *base_name(const char *path)
{
	const char *slash = path ? strrchr(path, '/') : NULL;

	return !path ? "?" : slash ? slash + 1 : path;
}

static const char *name_of_fd(int fd)
{
	return fd >= 0 && fd < MAX_FD && fd_name[fd][0] ? fd_name[fd] : "?";
}

static int writable_fd(int fd)
{
	return fd >= 0 && fd < MAX_FD && fd_writable[fd];
}

/* Counts and traces a call of family f; true when this one must fail
 * (errno set). */
static int fault(enum fam f, const char *kind, const char *name, int writable)
{
	if (target == -2)
		setup();
	calls[f]++;
	if (traced + 128 < TRACE_BYTES)
		traced += (size_t)snprintf(trace + traced, TRACE_BYTES - traced, "%s %s %.40s %s\n",
					   fam_names[f], kind ? kind : fam_names[f], name,
					   writable ? "w" : "-");
	if ((int)f == target && calls[f] == nth) {
		char line[64];
		int n = snprintf(line, sizeof(line), "%s %lu %d\n", fam_names[f], nth, fault_errno);

		append_to("FAULTINJECT_FIRED", line, (size_t)n);
		errno = fault_errno;
		return 1;
	}
	return 0;
}

/* Remembers what a new descriptor is. */
static int opened(int fd, const char *path, int flags)
{
	if (fd >= 0 && fd < MAX_FD) {
		snprintf(fd_name[fd], sizeof(fd_name[fd]), "%s", base_name(path));
		fd_writable[fd] = (flags & O_ACCMODE) != O_RDONLY;
	}
	return fd;
}

__attribute__((destructor)) static void report(void)
{
	char buf[512];
	size_t used = 0;

	append_to("FAULTINJECT_TRACE", trace, traced);
	if (!getenv("FAULTINJECT_COUNT"))
		return;
	for (int i = 0; i < F_COUNT; i++)
		used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s %lu\n", fam_names[i],
					 calls[i]);
	append_to("FAULTINJECT_COUNT", buf, used);
}

/* ---- open ------------------------------------------------------------- */

static mode_t mode_arg(int flags, va_list ap)
{
	return (flags & O_CREAT) || (flags & __O_TMPFILE) == __O_TMPFILE ? (mode_t)va_arg(ap, int) : 0;
}

int open(const char *path, int flags, ...);
int open64(const char *path, int flags, ...);
int openat(int dirfd, const char *path, int flags, ...);
int openat64(int dirfd, const char *path, int flags, ...);
int creat(const char *path, mode_t mode);

int open(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	REAL(int, open, (const char *, int, ...));
	va_start(ap, flags);
	mode = mode_arg(flags, ap);
	va_end(ap);
	if (fault(F_OPEN, NULL, base_name(path), (flags & O_ACCMODE) != O_RDONLY))
		return -1;
	return opened(real_open(path, flags, mode), path, flags);
}

int open64(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	REAL(int, open64, (const char *, int, ...));
	va_start(ap, flags);
	mode = mode_arg(flags, ap);
	va_end(ap);
	if (fault(F_OPEN, NULL, base_name(path), (flags & O_ACCMODE) != O_RDONLY))
		return -1;
	return opened(real_open64(path, flags, mode), path, flags);
}

int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	REAL(int, openat, (int, const char *, int, ...));
	va_start(ap, flags);
	mode = mode_arg(flags, ap);
	va_end(ap);
	if (fault(F_OPEN, NULL, base_name(path), (flags & O_ACCMODE) != O_RDONLY))
		return -1;
	return opened(real_openat(dirfd, path, flags, mode), path, flags);
}

int openat64(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	REAL(int, openat64, (int, const char *, int, ...));
	va_start(ap, flags);
	mode = mode_arg(flags, ap);
	va_end(ap);
	if (fault(F_OPEN, NULL, base_name(path), (flags & O_ACCMODE) != O_RDONLY))
		return -1;
	return opened(real_openat64(dirfd, path, flags, mode), path, flags);
}

int creat(const char *path, mode_t mode)
{
	REAL(int, creat, (const char *, mode_t));
	if (fault(F_OPEN, NULL, base_name(path), 1))
		return -1;
	return opened(real_creat(path, mode), path, O_WRONLY);
}

/* ---- read and write ---------------------------------------------------- */

ssize_t read(int fd, void *buf, size_t n)
{
	REAL(ssize_t, read, (int, void *, size_t));
	if (fault(F_READ, NULL, name_of_fd(fd), writable_fd(fd)))
		return -1;
	return real_read(fd, buf, n);
}

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
	REAL(ssize_t, pread, (int, void *, size_t, off_t));
	if (fault(F_READ, NULL, name_of_fd(fd), writable_fd(fd)))
		return -1;
	return real_pread(fd, buf, n, off);
}

ssize_t pread64(int fd, void *buf, size_t n, off_t off);
ssize_t pread64(int fd, void *buf, size_t n, off_t off)
{
	REAL(ssize_t, pread64, (int, void *, size_t, off_t));
	if (fault(F_READ, NULL, name_of_fd(fd), writable_fd(fd)))
		return -1;
	return real_pread64(fd, buf, n, off);
}

ssize_t write(int fd, const void *buf, size_t n)
{
	REAL(ssize_t, write, (int, const void *, size_t));
	if (fault(F_WRITE, NULL, name_of_fd(fd), writable_fd(fd)))
		return -1;
	return real_write(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	REAL(ssize_t, pwrite, (int, const void *, size_t, off_t));
	if (fault(F_WRITE, NULL, name_of_fd(fd), writable_fd(fd)))
		return -1;
	return real_pwrite(fd, buf, n, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off);
ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off)
{
	REAL(ssize_t, pwrite64, (int, const void *, size_t, off_t));
	if (fault(F_WRITE, NULL, name_of_fd(fd), writable_fd(fd)))
		return -1;
	return real_pwrite64(fd, buf, n, off);
}

ssize_t writev(int fd, const struct iovec *iov, int n)
{
	REAL(ssize_t, writev, (int, const struct iovec *, int));
	if (fault(F_WRITE, NULL, name_of_fd(fd), writable_fd(fd)))
		return -1;
	return real_writev(fd, iov, n);
}

/* ---- sync, rename, close, directories ----------------------------------- */

int fsync(int fd)
{
	REAL(int, fsync, (int));
	if (fault(F_FSYNC, NULL, name_of_fd(fd), writable_fd(fd)))
		return -1;
	return real_fsync(fd);
}

int fdatasync(int fd)
{
	REAL(int, fdatasync, (int));
	if (fault(F_FSYNC, "fdatasync", name_of_fd(fd), writable_fd(fd)))
		return -1;
	return real_fdatasync(fd);
}

int rename(const char *from, const char *to)
{
	REAL(int, rename, (const char *, const char *));
	if (fault(F_RENAME, NULL, base_name(to), 1))
		return -1;
	return real_rename(from, to);
}

int renameat(int fromfd, const char *from, int tofd, const char *to)
{
	REAL(int, renameat, (int, const char *, int, const char *));
	if (fault(F_RENAME, NULL, base_name(to), 1))
		return -1;
	return real_renameat(fromfd, from, tofd, to);
}

int renameat2(int fromfd, const char *from, int tofd, const char *to, unsigned flags)
{
	REAL(int, renameat2, (int, const char *, int, const char *, unsigned));
	if (fault(F_RENAME, NULL, base_name(to), 1))
		return -1;
	return real_renameat2(fromfd, from, tofd, to, flags);
}

/* A failed close(2) still closes the descriptor on Linux: do the same, so
 * that a fault here is what the kernel would give (EIO from a delayed
 * write-back, say), not a leak. */
int close(int fd)
{
	int f, e;

	REAL(int, close, (int));
	f = fault(F_CLOSE, NULL, name_of_fd(fd), writable_fd(fd));
	e = errno;
	if (fd >= 0 && fd < MAX_FD) {
		fd_name[fd][0] = '\0';
		fd_writable[fd] = 0;
	}
	if (f) {
		real_close(fd);
		errno = e;
		return -1;
	}
	return real_close(fd);
}

int mkdir(const char *path, mode_t mode)
{
	REAL(int, mkdir, (const char *, mode_t));
	if (fault(F_MKDIR, NULL, base_name(path), 1))
		return -1;
	return real_mkdir(path, mode);
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
	REAL(int, mkdirat, (int, const char *, mode_t));
	if (fault(F_MKDIR, NULL, base_name(path), 1))
		return -1;
	return real_mkdirat(dirfd, path, mode);
}

int unlink(const char *path)
{
	REAL(int, unlink, (const char *));
	if (fault(F_UNLINK, NULL, base_name(path), 1))
		return -1;
	return real_unlink(path);
}

int unlinkat(int dirfd, const char *path, int flags)
{
	REAL(int, unlinkat, (int, const char *, int));
	if (fault(F_UNLINK, flags & AT_REMOVEDIR ? "rmdir" : NULL, base_name(path), 1))
		return -1;
	return real_unlinkat(dirfd, path, flags);
}

int ftruncate(int fd, off_t len)
{
	REAL(int, ftruncate, (int, off_t));
	if (fault(F_FTRUNCATE, NULL, name_of_fd(fd), writable_fd(fd)))
		return -1;
	return real_ftruncate(fd, len);
}

int ftruncate64(int fd, off_t len);
int ftruncate64(int fd, off_t len)
{
	REAL(int, ftruncate64, (int, off_t));
	if (fault(F_FTRUNCATE, NULL, name_of_fd(fd), writable_fd(fd)))
		return -1;
	return real_ftruncate64(fd, len);
}
