/*
 * hostctl-calendar - Japanese holidays and the provider's business days.
 */
static const char usage[] =
	"usage: hostctl calendar holidays YEAR\n"
	"       hostctl calendar is-business-day DATE\n"
	"       hostctl calendar add-business-days DATE N\n"
	"       hostctl calendar business-days FROM TO\n"
	"\n"
	"Japanese national holidays (1980-2099, by rule, agreeing with the Cabinet\n"
	"Office list) and business days: Monday-Friday that are neither holidays\n"
	"nor inside the provider's year-end closure (hostctl.yaml; 12-29 ... 01-03\n"
	"when run outside a state). is-business-day exits 0 for yes, 1 for no.\n"
	"add-business-days does not count DATE itself; N may be negative.\n"
	"business-days counts the business days after FROM up to and including TO.\n"
	"\n"
	"See hostctl-calendar(1).\n";

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "hostctl/calendar.h"

static const char *const day_names[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
static const char *const kind_names[] = { "business", "weekend", "holiday", "closure", "unsupported" };

static int parse_day(struct hc_cli *cli, const char *s, hc_day *d)
{
	int y, m, dd;

	if (hc_day_parse(s, d))
		return hc_cli_usage_error(cli, "expected a date YYYY-MM-DD, got '%s'", s);

	hc_day_split(*d, &y, &m, &dd);
	if (!hc_holiday_year_supported(y))
		return hc_cli_error(cli, HC_EUSAGE, "date '%s' is outside %d-%d", s,
				    HC_HOLIDAY_FIRST_YEAR, HC_HOLIDAY_LAST_YEAR);
	return 0;
}

static int parse_int(struct hc_cli *cli, const char *s, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	if (errno || *end || end == s || *out < -100000 || *out > 100000)
		return hc_cli_usage_error(cli, "expected a whole number, got '%s'", s);
	return 0;
}

static int cmd_holidays(struct hc_cli *cli, const struct hc_calendar *cal, int argc, char **argv)
{
	static const char *const header[] = { "date", "weekday", "name", "name_en" };
	struct hc_holiday h[32];
	struct hc_table t;
	struct hc_buf out = HC_BUF_INIT;
	long year;
	size_t n;
	int rc;

	if (argc != 1)
		return hc_cli_usage_error(cli, "holidays takes a YEAR");
	if ((rc = parse_int(cli, argv[0], &year)))
		return rc;
	if (!hc_holiday_year_supported((int)year))
		return hc_cli_error(cli, HC_EUSAGE, "year %ld is outside %d-%d", year,
				    HC_HOLIDAY_FIRST_YEAR, HC_HOLIDAY_LAST_YEAR);
	n = hc_holidays_of_year((int)year, h, 32);
	hc_table_init(&t, 4, header);
	for (size_t i = 0; i < n; i++) {
		char d[HC_DAY_BUFSZ];

		hc_day_format(h[i].day, d);
		hc_table_add(&t, d);
		hc_table_add(&t, day_names[hc_day_weekday(h[i].day)]);
		hc_table_add(&t, h[i].name);
		hc_table_add(&t, h[i].name_en);
	}
	hc_cli_format(cli, HC_FMT_TSV);
	hc_cli_render_table(cli, &t, &out);
	rc = hc_cli_write(cli, &out);
	hc_table_release(&t);
	hc_buf_release(&out);
	(void)cal;
	return rc;
}

static int cmd_is_business_day(struct hc_cli *cli, const struct hc_calendar *cal, int argc,
			       char **argv)
{
	struct hc_buf out = HC_BUF_INIT;
	const struct hc_holiday *h;
	enum hc_day_kind kind;
	hc_day d;
	int rc;

	if (argc != 1)
		return hc_cli_usage_error(cli, "is-business-day takes a DATE");
	if ((rc = parse_day(cli, argv[0], &d)))
		return rc;
	kind = hc_calendar_day_kind(cal, d);
	h = hc_holiday_on(d);
	hc_buf_addf(&out, "%s %s %s%s%s\n", argv[0], day_names[hc_day_weekday(d)], kind_names[kind],
		    h ? " " : "", h ? h->name : "");
	rc = hc_cli_write(cli, &out);
	hc_buf_release(&out);
	if (rc)
		return rc;
	return kind == HC_DAY_BUSINESS ? 0 : 1;
}

static int cmd_add(struct hc_cli *cli, const struct hc_calendar *cal, int argc, char **argv)
{
	struct hc_buf out = HC_BUF_INIT;
	char buf[HC_DAY_BUFSZ];
	hc_day d, r;
	long n;
	int rc;

	if (argc != 2)
		return hc_cli_usage_error(cli, "add-business-days takes a DATE and N");
	if ((rc = parse_day(cli, argv[0], &d)) || (rc = parse_int(cli, argv[1], &n)))
		return rc;
	r = hc_calendar_add_business_days(cal, d, (int)n);
	if (r == HC_DAY_NONE)
		return hc_cli_error(cli, HC_EUSAGE, "the result falls outside %d-%d",
				    HC_HOLIDAY_FIRST_YEAR, HC_HOLIDAY_LAST_YEAR);
	hc_day_format(r, buf);
	hc_buf_addf(&out, "%s\n", buf);
	rc = hc_cli_write(cli, &out);
	hc_buf_release(&out);
	return rc;
}

static int cmd_between(struct hc_cli *cli, const struct hc_calendar *cal, int argc, char **argv)
{
	struct hc_buf out = HC_BUF_INIT;
	hc_day a, b;
	int rc;

	if (argc != 2)
		return hc_cli_usage_error(cli, "business-days takes FROM and TO");
	if ((rc = parse_day(cli, argv[0], &a)) || (rc = parse_day(cli, argv[1], &b)))
		return rc;
	hc_buf_addf(&out, "%d\n", hc_calendar_business_days_between(cal, a, b));
	rc = hc_cli_write(cli, &out);
	hc_buf_release(&out);
	return rc;
}

static const struct {
	const char *name;
	int (*fn)(struct hc_cli *, const struct hc_calendar *, int, char **);
} subverbs[] = {
	{ "holidays", cmd_holidays },
	{ "is-business-day", cmd_is_business_day },
	{ "add-business-days", cmd_add },
	{ "business-days", cmd_between },
};

int main(int argc, char **argv)
{
	struct hc_cli cli;
	struct hc_calendar cal;
	struct hc_error err;
	char *root = NULL;
	int first, rc;

	hc_cli_init(&cli, "hostctl-calendar", usage,
		    1u << HC_FMT_TABLE | 1u << HC_FMT_YAML | 1u << HC_FMT_JSON | 1u << HC_FMT_TSV,
		    argc, argv);
	if ((rc = hc_cli_parse(&cli, 1, NULL, NULL, NULL, NULL, &first)))
		return hc_cli_exit(&cli, rc);
	if (first >= argc)
		return hc_cli_exit(&cli, hc_cli_usage_error(&cli, "which calendar command?"));
	/* The state's closure and zone when there is a state; defaults otherwise. */
	hc_calendar_init_default(&cal);
	if (cli.state_dir || hc_store_find(".", &root, &err) == HC_OK) {
		free(root);
		if ((rc = hc_cli_open_state(&cli)))
			return hc_cli_exit(&cli, rc);
		cal = cli.st.cal;
	}
	for (size_t i = 0; i < sizeof(subverbs) / sizeof(subverbs[0]); i++)
		if (!strcmp(argv[first], subverbs[i].name))
			return hc_cli_exit(&cli, subverbs[i].fn(&cli, &cal, argc - first - 1,
								argv + first + 1));
	return hc_cli_exit(&cli, hc_cli_usage_error(&cli, "unknown calendar command '%s'", argv[first]));
}
