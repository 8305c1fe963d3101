/*
 * diff.c - line diff by longest common subsequence on the part between the
 * common prefix and suffix; records are small, so the quadratic table is
 * bounded (a middle larger than MAX_CELLS is shown as one replaced block).
 */
#include <stdlib.h>
#include <string.h>

#include "hostctl/diff.h"

#define CONTEXT 3
#define MAX_CELLS (4u * 1024 * 1024)

struct lines {
	const char **p;
	size_t *len;
	size_t n;
};

static void split(const char *s, size_t n, struct lines *l)
{
	size_t cap = 0;

	memset(l, 0, sizeof(*l));
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t end = nl ? (size_t)(nl - s) + 1 : n;

		if (l->n == cap) {
			cap = cap ? cap * 2 : 64;
			l->p = hc_xrealloc(l->p, cap * sizeof(*l->p));
			l->len = hc_xrealloc(l->len, cap * sizeof(*l->len));
		}
		l->p[l->n] = s + i;
		l->len[l->n] = end - i;
		l->n++;
		i = end;
	}
}

static bool same(const struct lines *a, size_t i, const struct lines *b, size_t j)
{
	return a->len[i] == b->len[j] && memcmp(a->p[i], b->p[j], a->len[i]) == 0;
}

/* One edit script entry: ' ' keep, '-' delete a line of a, '+' add one of b. */
struct edit {
	char op;
	size_t ai, bi;
};

static void emit_line(struct hc_buf *out, char op, const char *p, size_t n)
{
	hc_buf_addc(out, op);
	hc_buf_add(out, p, n);
	if (n == 0 || p[n - 1] != '\n')
		hc_buf_adds(out, "\n\\ No newline at end of file\n");
}

void hc_diff_unified(const char *a, size_t alen, const char *b, size_t blen, const char *path,
		     struct hc_buf *out)
{
	struct lines la, lb;
	struct edit *ed;
	size_t ne = 0, pre = 0, suf = 0, ma, mb;

	if (a && b && alen == blen && memcmp(a, b, alen) == 0)
		return;
	split(a ? a : "", a ? alen : 0, &la);
	split(b ? b : "", b ? blen : 0, &lb);
	while (pre < la.n && pre < lb.n && same(&la, pre, &lb, pre))
		pre++;
	while (suf < la.n - pre && suf < lb.n - pre &&
	       same(&la, la.n - 1 - suf, &lb, lb.n - 1 - suf))
		suf++;
	ma = la.n - pre - suf;
	mb = lb.n - pre - suf;
	ed = hc_xmalloc((la.n + lb.n + 1) * sizeof(*ed));
	for (size_t i = 0; i < pre; i++)
		ed[ne++] = (struct edit){ ' ', i, i };
	if (ma && mb && (ma + 1) * (mb + 1) <= MAX_CELLS) {
		/* lcs[i][j]: LCS length of a[pre+i..] and b[pre+j..] (middle only). */
		unsigned *lcs = hc_xcalloc((ma + 1) * (mb + 1), sizeof(unsigned));
		size_t i = 0, j = 0;

#define L(i, j) lcs[(i) * (mb + 1) + (j)]
		for (size_t x = ma; x-- > 0;)
			for (size_t y = mb; y-- > 0;)
				L(x, y) = same(&la, pre + x, &lb, pre + y) ? L(x + 1, y + 1) + 1
				: (L(x + 1, y) >= L(x, y + 1) ? L(x + 1, y) : L(x, y + 1));
		while (i < ma || j < mb) {
			if (i < ma && j < mb && same(&la, pre + i, &lb, pre + j)) {
				ed[ne++] = (struct edit){ ' ', pre + i, pre + j };
				i++, j++;
			} else if (i < ma && (j == mb || L(i + 1, j) >= L(i, j + 1))) {
				/* Deletions before additions, as diff(1) prints them. */
				ed[ne++] = (struct edit){ '-', pre + i, pre + j };
				i++;
			} else {
				ed[ne++] = (struct edit){ '+', pre + i, pre + j };
				j++;
			}
		}
#undef L
		free(lcs);
	} else {
		for (size_t i = 0; i < ma; i++)
			ed[ne++] = (struct edit){ '-', pre + i, pre };
		for (size_t j = 0; j < mb; j++)
			ed[ne++] = (struct edit){ '+', pre + ma, pre + j };
	}
	for (size_t k = 0; k < suf; k++)
		ed[ne++] = (struct edit){ ' ', pre + ma + k, pre + mb + k };

	hc_buf_addf(out, "--- %s%s\n+++ %s%s\n", a ? "a/" : "", a ? path : "/dev/null",
		    b ? "b/" : "", b ? path : "/dev/null");
	for (size_t k = 0; k < ne;) {
		size_t start, end, astart, bstart, acount = 0, bcount = 0;

		if (ed[k].op == ' ') {
			k++;
			continue;
		}
		/* A hunk: from CONTEXT lines before this change to CONTEXT after
		 * the last change that is within 2*CONTEXT of the next. */
		start = k > CONTEXT ? k - CONTEXT : 0;
		while (start < k && ed[start].op != ' ')
			start++;
		end = k;
		for (size_t q = k; q < ne; q++) {
			if (ed[q].op != ' ')
				end = q;
			else if (q - end > 2 * CONTEXT)
				break;
		}
		end = end + CONTEXT + 1 < ne ? end + CONTEXT + 1 : ne;
		astart = ed[start].ai;
		bstart = ed[start].bi;
		for (size_t q = start; q < end; q++) {
			acount += ed[q].op != '+';
			bcount += ed[q].op != '-';
		}
		hc_buf_addf(out, "@@ -%zu,%zu +%zu,%zu @@\n", acount ? astart + 1 : astart, acount,
			    bcount ? bstart + 1 : bstart, bcount);
		for (size_t q = start; q < end; q++) {
			if (ed[q].op == '+')
				emit_line(out, '+', lb.p[ed[q].bi], lb.len[ed[q].bi]);
			else
				emit_line(out, ed[q].op, la.p[ed[q].ai], la.len[ed[q].ai]);
		}
		k = end;
	}
	free(ed);
	free(la.p);
	free(la.len);
	free(lb.p);
	free(lb.len);
}
