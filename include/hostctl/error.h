/*
 * error.h - status codes and the error a library call fills in.
 *
 * Every library call that can fail returns an enum hc_status and, when it
 * fails, fills the caller's struct hc_error. The status values are the exit
 * codes of every hostctl executable (hostctl(7), EXIT STATUS), so a command
 * maps a failure to its exit code by returning err.status.
 *
 * The library never prints and never exits; only cmd/ talks to the user.
 */
#ifndef HOSTCTL_ERROR_H
#define HOSTCTL_ERROR_H

#include <stdarg.h>
#include <stddef.h>

enum hc_status {
	HC_OK = 0,
	HC_EREFUSED = 1,    /* refused by a service rule (names the rule) */
	HC_EUSAGE = 2,      /* bad arguments */
	HC_ENOTFOUND = 3,   /* no such record, profile, plan ... */
	HC_ECONFLICT = 4,   /* lock held, claim taken, state changed under us */
	HC_EINVALID = 5,    /* invalid state data (path:line:col) */
	HC_EIO = 6          /* I/O or system error */
};

struct hc_error {
	int status;          /* enum hc_status; HC_OK when nothing failed */
	char path[256];      /* file the problem is in ("" when none) */
	int line, col;       /* 1-based position in path; 0 when unknown */
	char field[128];     /* dotted field, e.g. "domains[1].pattern"; may be "" */
	char rule[512];      /* specification section of a refusal, e.g. "002 §2.3.1" */
	char msg[512];       /* lowercase, no full stop, subject quoted */
};

void hc_error_clear(struct hc_error *err);

/* Each setter overwrites err and returns status, so a caller can write
 * `return hc_error_set(err, HC_ENOTFOUND, "no server '%s'", id);`. They
 * are declared cold: the compiler moves the paths that fail out of the
 * loops that read records, keeping those loops small in the I-cache. */
int hc_error_set(struct hc_error *err, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), cold));
int hc_error_vset(struct hc_error *err, int status, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0), cold));
/* A data error at path:line:col. */
int hc_error_at(struct hc_error *err, int status, const char *path, int line, int col,
		const char *fmt, ...) __attribute__((format(printf, 6, 7), cold));
/* A refusal by the rule of a specification section (HC_EREFUSED). */
int hc_error_refuse(struct hc_error *err, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), cold));
/* HC_EIO from errno: "<what> '<path>': <strerror>". */
int hc_error_errno(struct hc_error *err, const char *what, const char *path)
	__attribute__((cold));

/* One line for a human: "path:line:col: field: msg (rule)", leaving out the
 * parts that are empty. Always NUL-terminates buf. */
void hc_error_format(const struct hc_error *err, char *buf, size_t size);

/* A growable list of errors, for checks that report every problem. */
struct hc_errors {
	struct hc_error *v;
	size_t n, cap;
};
void hc_errors_init(struct hc_errors *list);
void hc_errors_release(struct hc_errors *list);
/* Appends a copy of err. */
void hc_errors_add(struct hc_errors *list, const struct hc_error *err);
/* Sorts by path, line, column, message (stable output for validate). */
void hc_errors_sort(struct hc_errors *list);

#endif
