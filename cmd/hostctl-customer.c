/*
 * hostctl-customer - register customers and the contacts to call.
 */
static const char usage[] =
	"usage: hostctl customer add ID --name NAME [options]\n"
	"       hostctl customer set ID [options]\n"
	"\n"
	"add creates customers/ID.yaml; set changes the fields given (and, with\n"
	"--contact, replaces the whole contact list). Contacts are called in the\n"
	"order given (000 §2.3-1-2); the monitoring e-mail and emergency phone are\n"
	"the channels of identity verification and alerts (001).\n"
	"\n"
	"  --name NAME                 the customer's name\n"
	"  --contract-email ADDR       契約者: maintenance notices\n"
	"  --monitoring-email ADDR     監視通知連絡先メールアドレス\n"
	"  --emergency-phone NUMBER    緊急時連絡先電話番号\n"
	"  --vendor-email ADDR         the application vendor (ベンダー, 004 alerts)\n"
	"  --contact ID,NAME[,PHONE[,EMAIL]]   a registered contact (repeatable)\n"
	"  --dry-run                   show the change, write nothing\n"
	"\n"
	"See hostctl-customer(1).\n";

#include <string.h>

#include "cli.h"
#include "hostctl/customer.h"

enum { OPT_NAME = 600, OPT_CONTRACT, OPT_MONITORING, OPT_PHONE, OPT_CONTACT, OPT_VENDOR };

/* What the options say; applied to a new record (add) or a stored one (set). */
struct args {
	struct hc_arena a;
	const char *name, *contract_email, *monitoring_email, *emergency_phone, *vendor_email;
	struct hc_list contacts;
	bool contacts_given;
};

static const struct hc_schema contact_schema = {
	"contact", sizeof(struct hc_contact), NULL, 0
};

static int parse_contact(struct hc_cli *cli, struct args *x, const char *arg)
{
	char *copy = hc_arena_strdup(&x->a, arg), *f[4] = { 0 };
	struct hc_contact *k;
	int n = 0;

	for (char *p = copy; p && n < 4; n++) {
		f[n] = p;
		p = strchr(p, ',');
		if (p)
			*p++ = '\0';
	}
	if (!f[0] || !*f[0] || !f[1] || !*f[1])
		return hc_cli_usage_error(cli, "--contact wants ID,NAME[,PHONE[,EMAIL]], got '%s'", arg);
	x->contacts_given = true;
	k = hc_list_push(&x->a, &x->contacts, &contact_schema);
	k->id = f[0];
	k->name = f[1];
	k->phone = f[2] && *f[2] ? f[2] : NULL;
	k->email = f[3] && *f[3] ? f[3] : NULL;
	return 0;
}

static int on_opt(struct hc_cli *cli, int key, const char *arg, void *ctx)
{
	struct args *x = ctx;

	switch (key) {
	case OPT_NAME: x->name = arg; return 0;
	case OPT_CONTRACT: x->contract_email = arg; return 0;
	case OPT_MONITORING: x->monitoring_email = arg; return 0;
	case OPT_PHONE: x->emergency_phone = arg; return 0;
	case OPT_VENDOR: x->vendor_email = arg; return 0;
	case OPT_CONTACT: return parse_contact(cli, x, arg);
	}
	return hc_cli_usage_error(cli, "unknown option");
}

static void apply(const struct args *x, struct hc_customer *c)
{
	if (x->name)
		c->name = x->name;
	if (x->contract_email)
		c->contract_email = x->contract_email;
	if (x->monitoring_email)
		c->monitoring_email = x->monitoring_email;
	if (x->emergency_phone)
		c->emergency_phone = x->emergency_phone;
	if (x->vendor_email)
		c->vendor_email = x->vendor_email;
	if (x->contacts_given)
		c->contacts = x->contacts;
}

/* Every exit goes through here, so nothing is left allocated. */
static int done(struct hc_cli *cli, struct args *x, int rc)
{
	hc_arena_release(&x->a);
	return hc_cli_exit(cli, rc);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, OPT_NAME },
		{ "contract-email", required_argument, NULL, OPT_CONTRACT },
		{ "monitoring-email", required_argument, NULL, OPT_MONITORING },
		{ "emergency-phone", required_argument, NULL, OPT_PHONE },
		{ "contact", required_argument, NULL, OPT_CONTACT },
		{ "vendor-email", required_argument, NULL, OPT_VENDOR },
		{ 0 }
	};
	struct hc_cli cli;
	struct args x;
	struct hc_customer c;
	struct hc_txn_options o;
	struct hc_buf report = HC_BUF_INIT;
	struct hc_error err;
	bool replace;
	int first, rc;

	memset(&x, 0, sizeof(x));
	hc_arena_init(&x.a);
	hc_record_init(&hc_customer_schema, &c);
	hc_cli_init(&cli, "hostctl-customer", usage, 0, argc, argv);
	hc_cli_mutating(&cli);
	replace = argc > 1 && !strcmp(argv[1], "set");
	if ((rc = hc_cli_parse(&cli, argc > 1 && (replace || !strcmp(argv[1], "add")) ? 2 : 1, opts,
			       NULL, on_opt, &x, &first)))
		return done(&cli, &x, rc);
	if (argc < 2 || (strcmp(argv[1], "add") && !replace))
		return done(&cli, &x, hc_cli_usage_error(&cli, "expected 'add' or 'set'"));
	if (argc - first != 1)
		return done(&cli, &x, hc_cli_usage_error(&cli, "expected one customer ID"));
	if (!replace && !x.name)
		return done(&cli, &x, hc_cli_usage_error(&cli, "--name is required"));
	if ((rc = hc_cli_open_state(&cli)))
		return done(&cli, &x, rc);
	if (replace) {
		char path[256];

		if (hc_record_path(HC_CUSTOMERS_DIR, argv[first], path, sizeof(path), &err) ||
		    hc_store_load(&cli.st, &hc_customer_schema, path, &c, &x.a, &err)) {
			if (err.status == HC_ENOTFOUND)
				return done(&cli, &x, hc_cli_error(&cli, HC_ENOTFOUND, "no customer '%s'",
								      argv[first]));
			return done(&cli, &x, hc_cli_fail(&cli, &err));
		}
	}
	c.id = argv[first];
	apply(&x, &c);

	hc_cli_txn_options(&cli, replace ? "customer set" : "customer add", &o);
	rc = hc_customer_save(&cli.st, &o, &c, replace, &report, &err);
	if (rc)
		rc = hc_cli_fail(&cli, &err);
	else
		rc = hc_cli_write(&cli, &report);
	hc_buf_release(&report);
	return done(&cli, &x, rc);
}
