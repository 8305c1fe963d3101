/*
 * slowfsync.c - an LD_PRELOAD shim that makes fsync(2) slow (tests).
 *
 *   LD_PRELOAD=.../libslowfsync.so SLOWFSYNC_USEC=2000 hostctl-VERB ...
 *
 * Every fsync() and fdatasync() sleeps SLOWFSYNC_USEC microseconds (default
 * 2000) before doing its work, so that a commit (journal, each file, each
 * directory synced in turn) lasts long enough for a SIGKILL sent at a
 * random moment to land inside it (tests/kill-mid-write.sh), and a writer
 * holds the lock long enough to be raced (tests/races.sh).
 *
 * SLOWFSYNC_WRITE_USEC (default 0) does the same before every write() and
 * pwrite(), which widens the moment between opening a file and filling
 * it: a file written in place instead of through a temporary file and a
 * rename would then be caught torn by a kill.
 *
 * With an AddressSanitizer build, set ASAN_OPTIONS=verify_asan_link_order=0
 * (the shim comes before the ASan runtime in the search order).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int fsync(int fd);
int fdatasync(int fd);

ssize_t write(int fd, const void *buf, size_t n);
ssize_t pwrite(int fd, const void *buf, size_t n, off_t off);

static long env_usec(const char *name, long dflt)
{
	const char *env = getenv(name);
	long usec = env && *env ? strtol(env, NULL, 10) : dflt;

	return usec < 0 ? 0 : usec;
}

static void pause_for(long usec)
{
	struct timespec ts;

	if (usec <= 0)
		return;
	ts.tv_sec = usec / 1000000;
	ts.tv_nsec = (usec % 1000000) * 1000;
	while (nanosleep(&ts, &ts) != 0)
		;
}

static void pause_a_while(void)
{
	static long usec = -1;

	if (usec < 0)
		usec = env_usec("SLOWFSYNC_USEC", 2000);
	pause_for(usec);
}

static void pause_writing(void)
{
	static long usec = -1;

	if (usec < 0)
		usec = env_usec("SLOWFSYNC_WRITE_USEC", 0);
	pause_for(usec);
}

int fsync(int fd)
{
	static int (*real)(int);

	if (!real)
		real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
	pause_a_while();
	return real(fd);
}

int fdatasync(int fd)
{
	static int (*real)(int);

	if (!real)
		real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
	pause_a_while();
	return real(fd);
}

ssize_t write(int fd, const void *buf, size_t n)
{
	static ssize_t (*real)(int, const void *, size_t);

	if (!real)
		real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	pause_writing();
	return real(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	static ssize_t (*real)(int, const void *, size_t, off_t);

	if (!real)
		real = (ssize_t (*)(int, const void *, size_t, off_t))dlsym(RTLD_NEXT, "pwrite");
	pause_writing();
	return real(fd, buf, n, off);
}
