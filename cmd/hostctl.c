/*
 * hostctl - run a hostctl verb, as git runs git-VERB.
 */
static const char usage[] =
	"usage: hostctl [-C DIR] [--now RFC3339] VERB [ARGS...]\n"
	"       hostctl help [VERB]\n"
	"       hostctl --version\n"
	"\n"
	"Runs hostctl-VERB from the directory hostctl lives in, else from PATH.\n"
	"-C DIR and --now set HOSTCTL_STATE and HOSTCTL_NOW for the verb.\n"
	"'hostctl help' lists the verbs; 'hostctl help VERB' shows a verb's usage.\n"
	"\n"
	"See hostctl(7).\n";

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef HOSTCTL_VERSION
#define HOSTCTL_VERSION "0.1.0"
#endif

static const struct {
	const char *name;
	const char *what;
} verbs[] = {
	{ "init", "create a state directory from the built-in catalog" },
	{ "validate", "check the whole state (schema, references, claims)" },
	{ "list", "list records of a kind, filtered by fields" },
	{ "show", "print records by id" },
	{ "calendar", "Japanese holidays and business days" },
	{ "customer", "register customers and their contacts" },
	{ "provision", "order, hand over and cancel servers" },
	{ "dns", "render a domain's zone from its DNS pattern" },
	{ "change-plan", "plan changes, disk expansion, IP addition" },
	{ "restart-request", "verified reboot requests and monitor-detected outages" },
	{ "sla-report", "monthly availability, refunds, 95th-percentile bandwidth" },
	{ "abuse-respond", "abuse and intrusion cases, containment, rescue" },
	{ "backup", "backup runs, missed windows, restores and snapshots" },
	{ "notify", "who must be told of an event, through which channel" },
	{ "security-update", "advisories: who gets patched, who gets told" },
};

static int valid_verb(const char *v)
{
	if (!*v || strlen(v) > 64)
		return 0;
	for (const char *p = v; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return 0;
	return 1;
}

/* Path of hostctl-VERB next to this executable, or NULL. */
static char *sibling(const char *verb)
{
	static char path[PATH_MAX];
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	self[n] = '\0';
	slash = strrchr(self, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	if (snprintf(path, sizeof(path), "%s/hostctl-%s", self, verb) >= (int)sizeof(path))
		return NULL;
	return access(path, X_OK) == 0 ? path : NULL;
}

static int run(const char *verb, char **args)
{
	char name[96];
	char *path = sibling(verb);

	snprintf(name, sizeof(name), "hostctl-%s", verb);
	args[0] = name;
	if (path)
		execv(path, args);
	else
		execvp(name, args);
	if (errno == ENOENT) {
		fprintf(stderr, "hostctl: error: '%s' is not a hostctl verb; see 'hostctl help'\n", verb);
		return 2;
	}
	fprintf(stderr, "hostctl: error: unable to run '%s': %s\n", name, strerror(errno));
	return 6;
}

static int help(void)
{
	printf("%s\nverbs:\n", "usage: hostctl [-C DIR] [--now RFC3339] VERB [ARGS...]");
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		if (sibling(verbs[i].name))
			printf("   %-16s %s\n", verbs[i].name, verbs[i].what);
	printf("\nSee 'hostctl help VERB' and hostctl(7).\n");
	return fflush(stdout) || ferror(stdout) ? 6 : 0;
}

int main(int argc, char **argv)
{
	int i = 1;

	while (i < argc && argv[i][0] == '-') {
		const char *a = argv[i];

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage, stdout);
			return fflush(stdout) ? 6 : 0;
		} else if (!strcmp(a, "--version")) {
			printf("hostctl %s\n", HOSTCTL_VERSION);
			return fflush(stdout) ? 6 : 0;
		} else if (!strcmp(a, "--")) {
			i++;
			break;
		} else if (!strcmp(a, "-C") || !strcmp(a, "--state") || !strcmp(a, "--now")) {
			if (i + 1 >= argc) {
				fprintf(stderr, "hostctl: error: option '%s' needs a value\n", a);
				return 2;
			}
			setenv(strcmp(a, "--now") ? "HOSTCTL_STATE" : "HOSTCTL_NOW", argv[i + 1], 1);
			i += 2;
		} else if (!strncmp(a, "-C", 2)) {
			setenv("HOSTCTL_STATE", a + 2, 1);
			i++;
		} else if (!strncmp(a, "--state=", 8) || !strncmp(a, "--now=", 6)) {
			setenv(a[2] == 's' ? "HOSTCTL_STATE" : "HOSTCTL_NOW", strchr(a, '=') + 1, 1);
			i++;
		} else {
			fprintf(stderr, "hostctl: error: unknown option '%s'\n", a);
			fprintf(stderr, "usage: hostctl [-C DIR] [--now RFC3339] VERB [ARGS...]\n");
			return 2;
		}
	}
	if (i >= argc) {
		fputs(usage, stderr);
		return 2;
	}
	if (!strcmp(argv[i], "help")) {
		if (i + 1 < argc) {
			char *args[] = { NULL, "--help", NULL };

			if (!valid_verb(argv[i + 1])) {
				fprintf(stderr, "hostctl: error: invalid verb '%s'\n", argv[i + 1]);
				return 2;
			}
			return run(argv[i + 1], args);
		}
		return help();
	}
	if (!valid_verb(argv[i])) {
		fprintf(stderr, "hostctl: error: invalid verb '%s'\n", argv[i]);
		return 2;
	}
	return run(argv[i], argv + i);
}
