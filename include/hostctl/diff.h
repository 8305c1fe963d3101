/*
 * diff.h - unified diffs of small text files, for --dry-run.
 */
#ifndef HOSTCTL_DIFF_H
#define HOSTCTL_DIFF_H

#include <stddef.h>

#include "hostctl/util.h"

/*
 * Appends a unified diff (3 lines of context) turning a into b, with the
 * headers "--- a/<path>" and "+++ b/<path>" ("/dev/null" for a side that
 * is NULL: a file created or removed). Appends nothing when a equals b.
 */
void hc_diff_unified(const char *a, size_t alen, const char *b, size_t blen, const char *path,
		     struct hc_buf *out);

#endif
