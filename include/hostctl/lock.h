/*
 * lock.h - the state's writer lock: flock(2) on .hostctl/lock.
 *
 * The kernel drops an flock when its holder dies, so a killed run never
 * leaves a stale lock. The holder writes one line into the lock file (pid,
 * verb, since) so that a waiter can say who it is waiting for.
 */
#ifndef HOSTCTL_LOCK_H
#define HOSTCTL_LOCK_H

#include <stdbool.h>

#include "hostctl/error.h"
#include "hostctl/time.h"

struct hc_lock {
	int fd;                       /* -1 when not held */
};

/* Called once, before blocking, with the holder's line ("pid 123
 * hostctl-provision new since 2026-11-21T10:00:00+09:00"). */
typedef void (*hc_lock_wait_fn)(const char *holder, void *ctx);

/*
 * Takes the lock of the state whose root directory is rootfd, creating
 * .hostctl/ and the lock file when missing. With wait false, a held lock
 * fails with HC_ECONFLICT naming the holder; with wait true it blocks,
 * calling on_wait (may be NULL) first. what describes this holder.
 */
int hc_lock_acquire(int rootfd, const char *what, hc_time now, int utc_offset_min, bool wait,
		    hc_lock_wait_fn on_wait, void *ctx, struct hc_lock *lk, struct hc_error *err);
/* Releases the lock (closing the descriptor). Safe on a lock not held. */
void hc_lock_release(struct hc_lock *lk);

#endif
