/*
 * hostctl-dns - render a domain's zone or record set from its DNS pattern.
 */
static const char usage[] =
	"usage: hostctl dns DOMAIN [--server ID] [--format zone|table|yaml|json|tsv]\n"
	"\n"
	"Derive the records of DOMAIN from its server and DNS pattern (002 §2.2.4):\n"
	"apex A, www A (unless web is elsewhere), mail A and MX (unless mail is\n"
	"elsewhere), SPF TXT. --format zone (the default when piped) writes a BIND\n"
	"zone file when the provider is primary (patterns A and ready); for\n"
	"patterns B and C it writes only what the provider serves, to hand over to\n"
	"the customer's primary: the provider's NS as secondary (B) and the\n"
	"records of the server's services. Other formats list the records.\n"
	"\n"
	"  --server ID   the server, when several hold the domain\n"
	"\n"
	"See hostctl-dns(1).\n";

#include <string.h>

#include "cli.h"
#include "hostctl/dns.h"

enum { OPT_SERVER = 600 };

static int on_opt(struct hc_cli *cli, int key, const char *arg, void *ctx)
{
	*(const char **)ctx = arg;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = { { "server", required_argument, NULL, OPT_SERVER }, { 0 } };
	static const char *const header[] = { "name", "type", "value" };
	struct hc_cli cli;
	struct hc_dns_view v;
	struct hc_buf out = HC_BUF_INIT;
	struct hc_error err;
	const char *server = NULL;
	int first, rc;

	hc_cli_init(&cli, "hostctl-dns", usage,
		    1u << HC_FMT_ZONE | 1u << HC_FMT_TABLE | 1u << HC_FMT_YAML | 1u << HC_FMT_JSON |
		    1u << HC_FMT_TSV, argc, argv);
	if ((rc = hc_cli_parse(&cli, 1, opts, NULL, on_opt, &server, &first)))
		return hc_cli_exit(&cli, rc);
	if (argc - first != 1)
		return hc_cli_exit(&cli, hc_cli_usage_error(&cli, "expected one DOMAIN"));
	if ((rc = hc_cli_open_state(&cli)))
		return hc_cli_exit(&cli, rc);
	hc_dns_view_init(&v);
	rc = hc_dns_view_load(&cli.st, argv[first], server, &v, &err);
	if (rc) {
		rc = hc_cli_fail(&cli, &err);
	} else if (hc_cli_format(&cli, HC_FMT_ZONE) == HC_FMT_ZONE) {
		hc_dns_zone(&cli.st.config, &v, hc_time_day(cli.now, cli.st.utc_offset_min), &out);
		rc = hc_cli_write(&cli, &out);
	} else {
		struct hc_table t;

		hc_table_init(&t, 3, header);
		for (size_t i = 0; i < v.records.n; i++) {
			const struct hc_dns_rr *rr = HC_LIST_AT(v.records, struct hc_dns_rr, i);

			hc_table_add(&t, rr->name);
			hc_table_add(&t, rr->type);
			hc_table_add(&t, rr->value);
		}
		hc_cli_render_table(&cli, &t, &out);
		hc_table_release(&t);
		rc = hc_cli_write(&cli, &out);
	}
	hc_buf_release(&out);
	hc_dns_view_release(&v);
	return hc_cli_exit(&cli, rc);
}
