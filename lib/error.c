/*
 * error.c - filling and formatting struct hc_error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostctl/error.h"
#include "hostctl/util.h"

void hc_error_clear(struct hc_error *err)
{
	memset(err, 0, sizeof(*err));
}

int hc_error_vset(struct hc_error *err, int status, const char *fmt, va_list ap)
{
	if (!err)
		return status;
	hc_error_clear(err);
	err->status = status;
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	return status;
}

int hc_error_set(struct hc_error *err, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hc_error_vset(err, status, fmt, ap);
	va_end(ap);
	return status;
}

int hc_error_at(struct hc_error *err, int status, const char *path, int line, int col,
		const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hc_error_vset(err, status, fmt, ap);
	va_end(ap);
	if (err) {
		snprintf(err->path, sizeof(err->path), "%s", path ? path : "");
		err->line = line;
		err->col = col;
	}
	return status;
}

int hc_error_refuse(struct hc_error *err, const char *rule, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hc_error_vset(err, HC_EREFUSED, fmt, ap);
	va_end(ap);
	if (err && rule) {
		size_t n = strlen(rule);

		if (n >= sizeof(err->rule)) {
			/* Cut on a character boundary, never inside UTF-8. */
			n = sizeof(err->rule) - 1;
			while (n > 0 && ((unsigned char)rule[n] & 0xc0) == 0x80)
				n--;
		}
		memcpy(err->rule, rule, n);
		err->rule[n] = '\0';
	}
	return HC_EREFUSED;
}

int hc_error_errno(struct hc_error *err, const char *what, const char *path)
{
	int e = errno;

	return hc_error_set(err, HC_EIO, "%s '%s': %s", what, path, strerror(e));
}

/* Text from files (names, keys, values) may hold control characters; a
 * message shows them as \xHH, so a hostile file can neither drive the
 * terminal nor forge a line of output. */
static void add_escaped(struct hc_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f) {
			char e[5] = { '\\', 'x', hex[*p >> 4], hex[*p & 15], 0 };

			hc_buf_adds(b, e);
		} else {
			hc_buf_addc(b, (char)*p);
		}
	}
}

void hc_error_format(const struct hc_error *err, char *buf, size_t size)
{
	struct hc_buf b = HC_BUF_INIT;

	if (err->path[0]) {
		add_escaped(&b, err->path);
		if (err->line > 0) {
			hc_buf_addf(&b, ":%d", err->line);
			if (err->col > 0)
				hc_buf_addf(&b, ":%d", err->col);
		}
		hc_buf_adds(&b, ": ");
	}
	if (err->field[0]) {
		add_escaped(&b, err->field);
		hc_buf_adds(&b, ": ");
	}
	add_escaped(&b, err->msg[0] ? err->msg : "unknown error");
	if (err->rule[0])
		hc_buf_addf(&b, " (%s)", err->rule);
	snprintf(buf, size, "%s", b.p);
	hc_buf_release(&b);
}

void hc_errors_init(struct hc_errors *list)
{
	memset(list, 0, sizeof(*list));
}

void hc_errors_release(struct hc_errors *list)
{
	free(list->v);
	memset(list, 0, sizeof(*list));
}

void hc_errors_add(struct hc_errors *list, const struct hc_error *err)
{
	HC_GROW(list->v, list->cap, list->n + 1);
	list->v[list->n++] = *err;
}

static int cmp_error(const void *a, const void *b)
{
	const struct hc_error *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return strcmp(x->msg, y->msg);
}

void hc_errors_sort(struct hc_errors *list)
{
	if (list->n > 1)
		qsort(list->v, list->n, sizeof(list->v[0]), cmp_error);
}
