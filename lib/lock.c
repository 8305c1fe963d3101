/*
 * lock.c - the writer lock: flock(2) on .hostctl/lock.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hostctl/lock.h"

#define LOCK_DIR ".hostctl"
#define LOCK_PATH ".hostctl/lock"

static void read_holder(int fd, char *buf, size_t size)
{
	ssize_t n = pread(fd, buf, size - 1, 0);

	if (n <= 0) {
		snprintf(buf, size, "another process");
		return;
	}
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
}

int hc_lock_acquire(int rootfd, const char *what, hc_time now, int utc_offset_min, bool wait,
		    hc_lock_wait_fn on_wait, void *ctx, struct hc_lock *lk, struct hc_error *err)
{
	char line[256], since[HC_TIME_BUFSZ];
	int fd, n;

	lk->fd = -1;
	if (mkdirat(rootfd, LOCK_DIR, 0755) && errno != EEXIST)
		return hc_error_errno(err, "unable to create", LOCK_DIR);
	fd = openat(rootfd, LOCK_PATH, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return hc_error_errno(err, "unable to open", LOCK_PATH);
	if (flock(fd, LOCK_EX | LOCK_NB)) {
		char holder[256];

		if (errno != EWOULDBLOCK) {
			hc_error_errno(err, "unable to lock", LOCK_PATH);
			close(fd);
			return HC_EIO;
		}
		read_holder(fd, holder, sizeof(holder));
		if (!wait) {
			close(fd);
			return hc_error_set(err, HC_ECONFLICT, "state is locked by %s", holder);
		}
		if (on_wait)
			on_wait(holder, ctx);
		while (flock(fd, LOCK_EX)) {
			if (errno != EINTR) {
				hc_error_errno(err, "unable to lock", LOCK_PATH);
				close(fd);
				return HC_EIO;
			}
		}
	}
	/* Who holds it, for waiters; best effort, the flock is what counts. */
	hc_time_format(now, utc_offset_min, since);
	n = snprintf(line, sizeof(line), "pid %ld %s since %s\n", (long)getpid(), what, since);
	if (ftruncate(fd, 0) == 0 && n > 0)
		(void)!pwrite(fd, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1, 0);
	lk->fd = fd;
	return HC_OK;
}

void hc_lock_release(struct hc_lock *lk)
{
	if (lk->fd >= 0)
		close(lk->fd);
	lk->fd = -1;
}
