/*
 * hostctl-sla-report - monthly availability, refunds and 95th-percentile
 * bandwidth per server, with per-customer and overall summaries.
 */
static const char usage[] =
	"usage: hostctl sla-report [--month YYYY-MM] [--server ID | --customer C | --all]\n"
	"                          [--samples DIR] [--format table|tsv|csv|json|yaml|svg]\n"
	"\n"
	"For a calendar month in the provider's zone (default: the previous month):\n"
	"service time, outage counted against the provider (overlaps merged, cut at\n"
	"the month's edges), excluded intervals with their cause (004 §3.4),\n"
	"availability, the refund tier of the profile's table (004 表3-1, inclusive\n"
	"thresholds) and the refund when the plan has a fee; for profiles that meter\n"
	"bandwidth (000 §2.2-2), the 95th percentile of each direction of the\n"
	"5-minute samples, the billed (larger) value, the allowance and the overage.\n"
	"Servers whose profile has no SLA say so. tsv and csv have a 'type' column:\n"
	"server rows, then one per customer, then the total.\n"
	"\n"
	"  --samples DIR   sample store: DIR/<server>/<YYYY-MM>.tsv.gz (default: the\n"
	"                  state's 'samples' setting)\n"
	"\n"
	"See hostctl-sla-report(1) for every field and the formulas.\n";

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "hostctl/sla.h"

enum { OPT_MONTH = 600, OPT_SERVER, OPT_CUSTOMER, OPT_ALL, OPT_SAMPLES };

struct args {
	const char *month, *server, *customer, *samples;
	bool all;
};

static int on_opt(struct hc_cli *cli, int key, const char *arg, void *ctx)
{
	struct args *x = ctx;

	switch (key) {
	case OPT_MONTH: x->month = arg; return 0;
	case OPT_SERVER: x->server = arg; return 0;
	case OPT_CUSTOMER: x->customer = arg; return 0;
	case OPT_ALL: x->all = true; return 0;
	case OPT_SAMPLES: x->samples = arg; return 0;
	}
	return hc_cli_usage_error(cli, "unknown option");
}

/* What the summaries add up. */
struct totals {
	const char *customer;
	size_t servers, with_sla, refunds;
	int64_t service_seconds, outage_seconds, excluded_seconds, refund_jpy, overage_bps;
	bool refund_known;
};

struct report {
	struct hc_cli *cli;
	int off;
	const struct hc_month *month;
	char month_text[16];             /* YYYY-MM */
	struct hc_buf rows;              /* json/yaml: rendered server entries */
	struct hc_table table;           /* table/tsv/csv */
	struct totals *cust;
	size_t ncust, capcust;
	struct hc_map cust_index;        /* customer -> index in cust */
	struct totals all;
	size_t nrows;
	struct hc_buf svg;
	bool tty;
	/* tsv, csv: rows are rendered into out in parts as they come, so the
	 * report holds the text, not every cell of 10,000 rows. */
	struct hc_buf *out;
	bool header_done;
};

static const char *const columns[] = {
	"type", "server", "customer", "profile", "plan", "month", "service_seconds",
	"outage_seconds", "excluded_seconds", "availability_percent", "target_percent",
	"refund_percent", "refund_jpy", "p95_in_bps", "p95_out_bps", "billed_bps",
	"allowance_bps", "overage_bps", "samples", "expected_samples", "note"
};
#define NCOLS (sizeof(columns) / sizeof(columns[0]))

/* "99.9500" from parts per million. */
static void ppm_text(int64_t ppm, char *buf, size_t size)
{
	char frac[HC_I64_BUFSZ];
	size_t n;

	/* "%lld.%04lld", printed once per row: by hand unless negative. */
	if (ppm < 0 || size < 2 * HC_I64_BUFSZ) {
		snprintf(buf, size, "%lld.%04lld", (long long)(ppm / 10000),
			 (long long)(ppm % 10000));
		return;
	}
	hc_i64_text(buf, ppm / 10000);
	n = strlen(buf);
	hc_i64_text(frac, ppm % 10000 + 10000);      /* 1xxxx: zero-padded */
	memcpy(buf + n, frac, 6);
	buf[n] = '.';
}

static void duration(int64_t s, char *buf, size_t size)
{
	if (s >= 3600)
		snprintf(buf, size, "%lldh%02lldm%02llds", (long long)(s / 3600),
			 (long long)(s % 3600 / 60), (long long)(s % 60));
	else
		snprintf(buf, size, "%lldm%02llds", (long long)(s / 60), (long long)(s % 60));
}

static const char *i64(char *buf, int64_t v)
{
	if (v == HC_INT_NONE)
		return "";
	return hc_i64_text(buf, v);
}

static struct totals *customer_totals(struct report *r, const char *customer)
{
	size_t i = hc_map_get(&r->cust_index, customer);

	if (i != SIZE_MAX)
		return &r->cust[i];
	HC_GROW(r->cust, r->capcust, r->ncust + 1);
	memset(&r->cust[r->ncust], 0, sizeof(r->cust[0]));
	r->cust[r->ncust].customer = hc_arena_strdup(&r->table.arena, customer);
	hc_map_put(&r->cust_index, r->cust[r->ncust].customer, r->ncust);
	return &r->cust[r->ncust++];
}

static void add_to(struct totals *t, const struct hc_sla_row *row)
{
	t->servers++;
	t->service_seconds += row->sla.service_seconds;
	t->outage_seconds += row->sla.counted_seconds;
	t->excluded_seconds += row->sla.excluded_seconds;
	if (row->sla.has_sla)
		t->with_sla++;
	if (row->sla.refund_jpy != HC_INT_NONE) {
		t->refund_jpy += row->sla.refund_jpy;
		t->refund_known = true;
	}
	if (row->sla.refund_percent != HC_INT_NONE && row->sla.refund_percent > 0)
		t->refunds++;
	t->overage_bps += row->overage_bps;
}

/* Eight-level bars of each day's busiest 5 minutes. */
static void sparkline(const struct hc_sla_row *row, struct hc_buf *out)
{
	static const char *const bars[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	const struct hc_samples *s = row->samples;
	int64_t day_max[32] = { 0 }, top = 1;
	size_t days = (s->nslots + 287) / 288;

	for (size_t i = 0; i < s->nslots; i++) {
		int64_t v = s->in[i] > s->out[i] ? s->in[i] : s->out[i];

		if (s->present[i] && v > day_max[i / 288])
			day_max[i / 288] = v;
	}
	for (size_t d = 0; d < days; d++)
		if (day_max[d] > top)
			top = day_max[d];
	for (size_t d = 0; d < days && d < 32; d++)
		hc_buf_adds(out, bars[day_max[d] * 7 / top]);
}

static void svg_panel(struct report *r, const struct hc_sla_row *row)
{
	const double w = 900, h = 160, left = 60, top = 24, plot_w = w - left - 20, plot_h = 100;
	const struct hc_month *m = r->month;
	double span = (double)(m->end - m->start), ymax = 1;
	struct hc_buf *o = &r->svg;
	double y0 = (double)r->nrows * (h + 10);

	if (row->samples) {
		for (size_t i = 0; i < row->samples->nslots; i++)
			if (row->samples->present[i]) {
				if (row->samples->in[i] > ymax)
					ymax = (double)row->samples->in[i];
				if (row->samples->out[i] > ymax)
					ymax = (double)row->samples->out[i];
			}
	}
	if (row->allowance_bps > ymax)
		ymax = (double)row->allowance_bps;
	ymax *= 1.1;
	hc_buf_addf(o, "<g transform=\"translate(0,%.0f)\">\n", y0);
	hc_buf_addf(o, "<text x=\"%.0f\" y=\"16\" font-size=\"13\">", left);
	hc_buf_adds(o, row->server->hostname);
	hc_buf_addf(o, " (%s) — availability ", row->server->id);
	{
		char pct[32];

		ppm_text(row->sla.availability_ppm, pct, sizeof(pct));
		hc_buf_addf(o, "%s%%", pct);
	}
	if (row->has_samples)
		hc_buf_addf(o, ", 95th percentile %.3f Mbps", (double)row->bw.billed / 1e6);
	hc_buf_adds(o, "</text>\n");
	hc_buf_addf(o, "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" fill=\"#fafafa\" "
		       "stroke=\"#ccc\"/>\n", left, top, plot_w, plot_h);
	/* Outages on the time axis: counted in red, excluded in grey. */
	for (size_t i = 0; i < row->sla.nexcluded; i++) {
		const struct hc_sla_exclusion *x = &row->sla.excluded[i];

		hc_buf_addf(o, "<rect x=\"%.1f\" y=\"%.0f\" width=\"%.1f\" height=\"8\" fill=\"#999\">"
			       "<title>excluded: %s</title></rect>\n",
			    left + plot_w * (double)(x->start - m->start) / span, top + plot_h + 4,
			    fmax(1.0, plot_w * (double)(x->end - x->start) / span), x->cause);
	}
	for (size_t i = 0; i < row->sla.ncounted; i++) {
		const struct hc_sla_span *c = &row->sla.counted[i];

		hc_buf_addf(o, "<rect x=\"%.1f\" y=\"%.0f\" width=\"%.1f\" height=\"8\" fill=\"#d33\">"
			       "<title>outage</title></rect>\n",
			    left + plot_w * (double)(c->start - m->start) / span, top + plot_h + 4,
			    fmax(1.0, plot_w * (double)(c->end - c->start) / span));
	}
	if (row->samples) {
		const int64_t *series[2] = { row->samples->in, row->samples->out };
		static const char *const colour[2] = { "#2a7", "#27c" };

		for (int d = 0; d < 2; d++) {
			bool pen = false;

			hc_buf_addf(o, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"0.6\" d=\"", colour[d]);
			for (size_t i = 0; i < row->samples->nslots; i++) {
				if (!row->samples->present[i]) {
					pen = false;
					continue;
				}
				hc_buf_addf(o, "%c%.1f %.1f ", pen ? 'L' : 'M',
					    left + plot_w * (double)i / (double)row->samples->nslots,
					    top + plot_h - plot_h * (double)series[d][i] / ymax);
				pen = true;
			}
			hc_buf_adds(o, "\"/>\n");
		}
		hc_buf_addf(o, "<line x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e80\" "
			       "stroke-dasharray=\"6 3\"><title>95th percentile</title></line>\n",
			    left, left + plot_w, top + plot_h - plot_h * (double)row->bw.billed / ymax,
			    top + plot_h - plot_h * (double)row->bw.billed / ymax);
	}
	if (row->allowance_bps)
		hc_buf_addf(o, "<line x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#555\">"
			       "<title>allowance</title></line>\n",
			    left, left + plot_w, top + plot_h - plot_h * (double)row->allowance_bps / ymax,
			    top + plot_h - plot_h * (double)row->allowance_bps / ymax);
	hc_buf_addf(o, "<text x=\"4\" y=\"%.0f\" font-size=\"10\">%.2f Mbps</text>\n", top + 10,
		    ymax / 1e6);
	hc_buf_adds(o, "</g>\n");
}

static void json_or_yaml_row(struct report *r, const struct hc_sla_row *row)
{
	bool json = r->cli->format == HC_FMT_JSON;
	struct hc_buf *o = &r->rows;
	char b[64];

#define KEY(k) (json ? "\"" k "\": " : k ": ")
	if (json) {
		hc_buf_adds(o, r->nrows ? ",\n    {" : "\n    {");
	} else {
		hc_buf_adds(o, "  - ");
	}
	/* One line per field in YAML, one object per line in JSON. */
#define SEP (json ? ", " : "\n    ")
	hc_buf_adds(o, KEY("server"));
	json ? hc_json_quote(o, row->server->id) : hc_yaml_quote(o, row->server->id);
	hc_buf_adds(o, SEP);
	hc_buf_adds(o, KEY("customer"));
	json ? hc_json_quote(o, row->server->customer) : hc_yaml_quote(o, row->server->customer);
	hc_buf_adds(o, SEP);
	hc_buf_adds(o, KEY("profile"));
	json ? hc_json_quote(o, row->server->profile) : hc_yaml_quote(o, row->server->profile);
	hc_buf_adds(o, SEP);
	hc_buf_adds(o, KEY("plan"));
	json ? hc_json_quote(o, row->server->plan) : hc_yaml_quote(o, row->server->plan);
	hc_buf_adds(o, SEP);
	hc_buf_addf(o, "%s%lld%s", KEY("service_seconds"), (long long)row->sla.service_seconds, SEP);
	hc_buf_addf(o, "%s%lld%s", KEY("outage_seconds"), (long long)row->sla.counted_seconds, SEP);
	hc_buf_addf(o, "%s%lld%s", KEY("excluded_seconds"), (long long)row->sla.excluded_seconds, SEP);
	ppm_text(row->sla.availability_ppm, b, sizeof(b));
	hc_buf_addf(o, "%s%s%s", KEY("availability_percent"), b, SEP);
	hc_buf_addf(o, "%s%s", KEY("sla"), row->sla.has_sla ? "true" : "false");
	if (row->sla.has_sla) {
		if (row->sla.target_ppm != HC_INT_NONE) {
			ppm_text(row->sla.target_ppm, b, sizeof(b));
			hc_buf_addf(o, "%s%s%s", SEP, KEY("target_percent"), b);
		}
		hc_buf_addf(o, "%s%s%lld", SEP, KEY("refund_percent"), (long long)row->sla.refund_percent);
		if (row->sla.refund_jpy != HC_INT_NONE)
			hc_buf_addf(o, "%s%s%lld", SEP, KEY("refund_jpy"), (long long)row->sla.refund_jpy);
	}
	/* Fix: no blank before a YAML block that starts on the next line. */
	hc_buf_addf(o, "%s%s", SEP, json || !row->sla.nexcluded ? KEY("exclusions") : "exclusions:");
	hc_buf_adds(o, json ? "[" : (row->sla.nexcluded ? "" : "[]"));
	for (size_t i = 0; i < row->sla.nexcluded; i++) {
		const struct hc_sla_exclusion *x = &row->sla.excluded[i];
		char s[HC_TIME_BUFSZ], e[HC_TIME_BUFSZ];

		hc_time_format(x->start, r->off, s);
		hc_time_format(x->end, r->off, e);
		if (json) {
			hc_buf_addf(o, "%s{\"start\": \"%s\", \"end\": \"%s\", \"cause\": ", i ? ", " : "", s, e);
			hc_json_quote(o, x->cause);
			hc_buf_adds(o, ", \"item_cause\": ");
			hc_json_quote(o, x->item_cause);
			if (x->item != HC_INT_NONE)
				hc_buf_addf(o, ", \"item\": %lld", (long long)x->item);
			hc_buf_adds(o, ", \"title\": ");
			hc_json_quote(o, x->title);
			hc_buf_adds(o, ", \"record\": ");
			hc_json_quote(o, x->ref);
			hc_buf_addc(o, '}');
		} else {
			hc_buf_addf(o, "\n      - start: %s\n        end: %s\n        cause: ", s, e);
			hc_yaml_quote(o, x->cause);
			hc_buf_adds(o, "\n        item_cause: ");
			hc_yaml_quote(o, x->item_cause);
			if (x->item != HC_INT_NONE)
				hc_buf_addf(o, "\n        item: %lld", (long long)x->item);
			hc_buf_adds(o, "\n        title: ");
			hc_yaml_quote(o, x->title);
			hc_buf_adds(o, "\n        record: ");
			hc_yaml_quote(o, x->ref);
		}
	}
	if (json)
		hc_buf_addc(o, ']');
	if (row->has_bandwidth) {
		hc_buf_addf(o, "%s%s", SEP, json ? KEY("bandwidth") : "bandwidth:");
		if (json)
			hc_buf_addc(o, '{');
		else
			hc_buf_adds(o, "\n      ");
#define BW(k, v, last) hc_buf_addf(o, "%s%lld%s", KEY(k), (long long)(v), last ? "" : (json ? ", " : "\n      "))
		BW("samples", row->bw.samples, 0);
		BW("expected_samples", row->has_samples ? row->bw.expected : 0, 0);
		BW("missing_samples", row->bw.missing, 0);
		BW("duplicate_samples", row->bw.duplicates, 0);
		BW("p95_in_bps", row->bw.p95_in, 0);
		BW("p95_out_bps", row->bw.p95_out, 0);
		BW("billed_bps", row->bw.billed, 0);
		BW("allowance_bps", row->allowance_bps, 0);
		BW("overage_bps", row->overage_bps, 1);
#undef BW
		if (json)
			hc_buf_addc(o, '}');
	}
	hc_buf_adds(o, json ? "}" : "\n");
#undef SEP
#undef KEY
}

static void table_row(struct report *r, const char *type, const struct hc_sla_row *row,
		      const struct totals *t)
{
	struct hc_table *tb = &r->table;
	bool human = r->cli->format == HC_FMT_TABLE;
	char b[64];

	hc_table_add(tb, type);
	hc_table_add(tb, row ? row->server->id : "");
	hc_table_add(tb, row ? row->server->customer : (t->customer ? t->customer : ""));
	hc_table_add(tb, row ? row->server->profile : "");
	hc_table_add(tb, row ? row->server->plan : "");
	hc_table_add(tb, r->month_text);
	if (human) {
		duration(row ? row->sla.service_seconds : t->service_seconds, b, sizeof(b));
		hc_table_add(tb, b);
		duration(row ? row->sla.counted_seconds : t->outage_seconds, b, sizeof(b));
		hc_table_add(tb, b);
		duration(row ? row->sla.excluded_seconds : t->excluded_seconds, b, sizeof(b));
		hc_table_add(tb, b);
	} else {
		hc_table_add(tb, i64(b, row ? row->sla.service_seconds : t->service_seconds));
		hc_table_add(tb, i64(b, row ? row->sla.counted_seconds : t->outage_seconds));
		hc_table_add(tb, i64(b, row ? row->sla.excluded_seconds : t->excluded_seconds));
	}
	if (row) {
		ppm_text(row->sla.availability_ppm, b, sizeof(b));
		hc_table_add(tb, b);
		if (row->sla.has_sla && row->sla.target_ppm != HC_INT_NONE)
			ppm_text(row->sla.target_ppm, b, sizeof(b));
		else
			b[0] = '\0';
		hc_table_add(tb, b);
		hc_table_add(tb, i64(b, row->sla.refund_percent));
		hc_table_add(tb, i64(b, row->sla.refund_jpy));
	} else {
		int64_t ppm = t->service_seconds
			? (t->service_seconds - t->outage_seconds) * 1000000 / t->service_seconds : 1000000;

		ppm_text(ppm, b, sizeof(b));
		hc_table_add(tb, b);
		hc_table_add(tb, "");
		hc_table_add(tb, "");
		hc_table_add(tb, t->refund_known ? i64(b, t->refund_jpy) : "");
	}
	if (row && row->has_bandwidth && row->has_samples) {
		hc_table_add(tb, i64(b, row->bw.p95_in));
		hc_table_add(tb, i64(b, row->bw.p95_out));
		hc_table_add(tb, i64(b, row->bw.billed));
		hc_table_add(tb, i64(b, row->allowance_bps));
		hc_table_add(tb, i64(b, row->overage_bps));
		hc_table_add(tb, i64(b, (int64_t)row->bw.samples));
		hc_table_add(tb, i64(b, (int64_t)row->bw.expected));
	} else {
		for (int i = 0; i < 4; i++)
			hc_table_add(tb, "");
		hc_table_add(tb, row ? "" : i64(b, t->overage_bps));
		hc_table_add(tb, "");
		hc_table_add(tb, "");
	}
	if (!row) {
		snprintf(b, sizeof(b), "%zu servers, %zu with SLA, %zu refunds", t->servers, t->with_sla,
			 t->refunds);
		hc_table_add(tb, b);
	} else if (!row->sla.has_sla) {
		struct hc_buf note = HC_BUF_INIT;

		hc_buf_adds(&note, "no SLA in profile");
		if (row->has_bandwidth && !row->has_samples)
			hc_buf_adds(&note, "; no samples");
		else if (human && row->samples) {
			hc_buf_adds(&note, " ");
			sparkline(row, &note);
		}
		hc_table_add(tb, note.p);
		hc_buf_release(&note);
	} else {
		hc_table_add(tb, row->sla.tier ? row->sla.tier : "");
	}
}

static void render_csv(const struct hc_table *t, bool header, struct hc_buf *out)
{
	size_t rows = t->cells.n / t->ncols;

	for (size_t r = header ? 0 : 1; r <= rows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const char *cell = r ? t->cells.v[(r - 1) * t->ncols + c] : t->header[c];

			if (c)
				hc_buf_addc(out, ',');
			if (strpbrk(cell, ",\"\n")) {
				hc_buf_addc(out, '"');
				for (const char *p = cell; *p; p++) {
					if (*p == '"')
						hc_buf_addc(out, '"');
					hc_buf_addc(out, *p);
				}
				hc_buf_addc(out, '"');
			} else {
				hc_buf_adds(out, cell);
			}
		}
		hc_buf_adds(out, "\r\n");
	}
}

/* tsv, csv: the rows so far go to the output, the table is emptied. */
static void flush_rows(struct report *r)
{
	if (r->cli->format == HC_FMT_CSV)
		render_csv(&r->table, !r->header_done, r->out);
	else
		hc_table_render_tsv(&r->table, !r->header_done, r->out);
	r->header_done = true;
	hc_table_clear(&r->table);
}

static int on_row(const struct hc_sla_row *row, void *ctx)
{
	struct report *r = ctx;

	add_to(customer_totals(r, row->server->customer), row);
	add_to(&r->all, row);
	switch (r->cli->format) {
	case HC_FMT_JSON:
	case HC_FMT_YAML:
		json_or_yaml_row(r, row);
		break;
	case HC_FMT_SVG:
		svg_panel(r, row);
		break;
	default:
		table_row(r, "server", row, NULL);
		if (r->out && r->table.cells.n >= 256 * NCOLS)
			flush_rows(r);
	}
	r->nrows++;
	return 0;
}

static void progress(size_t done, size_t total, void *ctx)
{
	struct report *r = ctx;

	if (r->tty && total >= 1000)
		fprintf(stderr, "\r%s: %zu/%zu servers%s", r->cli->prog, done, total,
			done == total ? "\n" : "");
}

static void summary_json_yaml(struct report *r, struct hc_buf *out)
{
	bool json = r->cli->format == HC_FMT_JSON;
	char month[16];

	snprintf(month, sizeof(month), "%04d-%02d", r->month->year, r->month->month);
	if (json)
		hc_buf_addf(out, "{\n  \"month\": \"%s\",\n  \"servers\": [%s%s],\n  \"customers\": [", month,
			    r->rows.p, r->nrows ? "\n  " : "");
	else
		hc_buf_addf(out, "month: \"%s\"\nservers:%s\n%scustomers:%s\n", month, r->nrows ? "" : " []",
			    r->rows.p, r->ncust ? "" : " []");
	for (size_t i = 0; i <= r->ncust; i++) {
		const struct totals *t = i < r->ncust ? &r->cust[i] : &r->all;

		if (i == r->ncust)
			hc_buf_adds(out, json ? (r->ncust ? "\n  ],\n  \"total\": " : "],\n  \"total\": ")
					      : "total:\n  ");
		else
			hc_buf_adds(out, json ? (i ? ",\n    " : "\n    ") : "  - ");
		if (json) {
			hc_buf_addc(out, '{');
			if (t->customer) {
				hc_buf_adds(out, "\"customer\": ");
				hc_json_quote(out, t->customer);
				hc_buf_adds(out, ", ");
			}
			hc_buf_addf(out, "\"servers\": %zu, \"with_sla\": %zu, \"refunds\": %zu, "
					 "\"service_seconds\": %lld, \"outage_seconds\": %lld, "
					 "\"excluded_seconds\": %lld, \"overage_bps\": %lld",
				    t->servers, t->with_sla, t->refunds, (long long)t->service_seconds,
				    (long long)t->outage_seconds, (long long)t->excluded_seconds,
				    (long long)t->overage_bps);
			if (t->refund_known)
				hc_buf_addf(out, ", \"refund_jpy\": %lld", (long long)t->refund_jpy);
			hc_buf_addc(out, '}');
		} else {
			const char *ind = t->customer ? "    " : "  ";

			if (t->customer) {
				hc_buf_adds(out, "customer: ");
				hc_yaml_quote(out, t->customer);
				hc_buf_addf(out, "\n%s", ind);
			}
			hc_buf_addf(out, "servers: %zu\n%swith_sla: %zu\n%srefunds: %zu\n%sservice_seconds: %lld\n"
					 "%soutage_seconds: %lld\n%sexcluded_seconds: %lld\n%soverage_bps: %lld\n",
				    t->servers, ind, t->with_sla, ind, t->refunds, ind,
				    (long long)t->service_seconds, ind, (long long)t->outage_seconds, ind,
				    (long long)t->excluded_seconds, ind, (long long)t->overage_bps);
			if (t->refund_known)
				hc_buf_addf(out, "%srefund_jpy: %lld\n", ind, (long long)t->refund_jpy);
		}
	}
	if (json)
		hc_buf_adds(out, "\n}\n");
}

/* The terminal view: fewer, human columns (tsv/csv/json keep them all). */
static void render_human(struct hc_cli *cli, const struct hc_table *full, struct hc_buf *out)
{
	static const struct {
		size_t col;
		const char *name;
		int mbps;               /* bits/s shown as Mbps */
	} pick[] = {
		{ 0, "type", 0 }, { 1, "server", 0 }, { 2, "customer", 0 }, { 4, "plan", 0 },
		{ 7, "outage", 0 }, { 8, "excluded", 0 }, { 9, "availability%", 0 },
		{ 11, "refund%", 0 }, { 12, "refund_jpy", 0 }, { 15, "billed_mbps", 1 },
		{ 17, "overage_mbps", 1 }, { 20, "note", 0 },
	};
	const size_t n = sizeof(pick) / sizeof(pick[0]);
	const char *header[sizeof(pick) / sizeof(pick[0])];
	size_t rows = full->cells.n / full->ncols;
	struct hc_table t;

	for (size_t i = 0; i < n; i++)
		header[i] = pick[i].name;
	hc_table_init(&t, n, header);
	for (size_t r = 0; r < rows; r++) {
		for (size_t i = 0; i < n; i++) {
			const char *cell = full->cells.v[r * full->ncols + pick[i].col];
			char b[64];

			if (pick[i].col == 1 && strlen(cell) > 8) {
				snprintf(b, sizeof(b), "%.8s", cell);
				cell = b;
			} else if (pick[i].mbps && *cell) {
				snprintf(b, sizeof(b), "%.3f", strtod(cell, NULL) / 1e6);
				cell = b;
			}
			hc_table_add(&t, cell);
		}
	}
	hc_cli_render_table(cli, &t, out);
	hc_table_release(&t);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "month", required_argument, NULL, OPT_MONTH },
		{ "server", required_argument, NULL, OPT_SERVER },
		{ "customer", required_argument, NULL, OPT_CUSTOMER },
		{ "all", no_argument, NULL, OPT_ALL },
		{ "samples", required_argument, NULL, OPT_SAMPLES },
		{ 0 }
	};
	struct hc_cli cli;
	struct args x = { 0 };
	struct hc_sla_options o;
	struct report r;
	struct hc_buf out = HC_BUF_INIT, samples_dir = HC_BUF_INIT;
	struct hc_error err;
	int first, rc;

	hc_cli_init(&cli, "hostctl-sla-report", usage,
		    1u << HC_FMT_TABLE | 1u << HC_FMT_TSV | 1u << HC_FMT_CSV | 1u << HC_FMT_JSON |
		    1u << HC_FMT_YAML | 1u << HC_FMT_SVG, argc, argv);
	if ((rc = hc_cli_parse(&cli, 1, opts, NULL, on_opt, &x, &first)))
		return hc_cli_exit(&cli, rc);
	if (first < argc)
		return hc_cli_exit(&cli, hc_cli_usage_error(&cli, "unexpected argument '%s'", argv[first]));
	if ((x.server != NULL) + (x.customer != NULL) + x.all > 1)
		return hc_cli_exit(&cli, hc_cli_usage_error(&cli, "give one of --server, --customer, --all"));
	if ((rc = hc_cli_open_state(&cli)))
		return hc_cli_exit(&cli, rc);

	memset(&o, 0, sizeof(o));
	if (x.month) {
		if (hc_month_parse(x.month, cli.st.utc_offset_min, &o.month))
			return hc_cli_exit(&cli, hc_cli_usage_error(&cli, "--month: expected YYYY-MM, got '%s'",
								    x.month));
	} else {
		hc_month_of(cli.now, cli.st.utc_offset_min, -1, &o.month);
	}
	o.scope = x.server ? HC_SLA_SERVER : x.customer ? HC_SLA_CUSTOMER : HC_SLA_ALL;
	o.what = x.server ? x.server : x.customer;
	o.now = cli.now;
	if (x.samples) {
		o.samples_dir = x.samples;
	} else if (cli.st.config.samples) {
		if (cli.st.config.samples[0] == '/')
			hc_buf_adds(&samples_dir, cli.st.config.samples);
		else
			hc_buf_addf(&samples_dir, "%s/%s", cli.st.root, cli.st.config.samples);
		o.samples_dir = samples_dir.p;
	}
	o.progress = progress;
	o.ctx = &r;

	memset(&r, 0, sizeof(r));
	r.cli = &cli;
	r.off = cli.st.utc_offset_min;
	r.month = &o.month;
	snprintf(r.month_text, sizeof(r.month_text), "%04d-%02d", o.month.year, o.month.month);
	r.tty = isatty(STDERR_FILENO);
	hc_buf_init(&r.rows);
	hc_buf_init(&r.svg);
	hc_cli_format(&cli, HC_FMT_TSV);
	hc_table_init(&r.table, NCOLS, columns);
	if (cli.format == HC_FMT_TSV || cli.format == HC_FMT_CSV)
		r.out = &out;

	rc = hc_sla_report(&cli.st, &o, on_row, &r, &err);
	if (rc) {
		rc = hc_cli_fail(&cli, &err);
	} else {
		switch (cli.format) {
		case HC_FMT_JSON:
		case HC_FMT_YAML:
			summary_json_yaml(&r, &out);
			break;
		case HC_FMT_SVG:
			hc_buf_addf(&out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" "
					  "height=\"%zu\" font-family=\"sans-serif\">\n%s</svg>\n",
				    r.nrows * 170 + 10, r.svg.p);
			break;
		default:
			for (size_t i = 0; i < r.ncust; i++)
				table_row(&r, "customer", NULL, &r.cust[i]);
			table_row(&r, "total", NULL, &r.all);
			if (r.out)
				flush_rows(&r);
			else
				render_human(&cli, &r.table, &out);
		}
		rc = hc_cli_write(&cli, &out);
	}
	free(r.cust);
	hc_map_release(&r.cust_index);
	hc_table_release(&r.table);
	hc_buf_release(&r.rows);
	hc_buf_release(&r.svg);
	hc_buf_release(&out);
	hc_buf_release(&samples_dir);
	return hc_cli_exit(&cli, rc);
}
