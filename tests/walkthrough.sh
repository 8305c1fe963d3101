#!/bin/sh
# walkthrough.sh BINDIR [--clean] - the main job, on a new state made from the
# built-in catalog: a customer orders a server, it is handed over, changes
# plan, goes down and comes back, is reported on, is patched, gets an abuse
# report. Every change is a git commit. Run by `tests/run demo` (README,
# first command) and by ctest (cmd.walkthrough), so it cannot rot.
set -eu
bindir=$(cd "$1" && pwd)
clean=${2:-}
PATH="$bindir:$PATH"
export PATH
state=$(mktemp -d "${TMPDIR:-/tmp}/hostctl-demo.XXXXXX")
export HOSTCTL_NOW=2026-11-02T10:00:00+09:00 HOSTCTL_OPERATOR=demo HOSTCTL_SEED=demo
export GIT_AUTHOR_NAME=demo GIT_AUTHOR_EMAIL=demo@example.jp
export GIT_COMMITTER_NAME=demo GIT_COMMITTER_EMAIL=demo@example.jp
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null

step() {
	printf '\n$ %s\n' "$*"
	"$@"
}

say() {
	printf '\n'
	for line; do
		printf '# %s\n' "$line"
	done
}

# at DATE-TIME: the clock of the steps that follow (JST)
at() {
	HOSTCTL_NOW=$1+09:00
}

cd "$state"
echo "hostctl walkthrough in $state"
say "The catalog is built in: five service specifications as profiles."
step hostctl init --list-profiles --format table
step hostctl init .
step git init -q .
step git add -A
step git commit -qm "hostctl init"

say "A customer, with the contacts 000 §2.3-1-2 calls when a server stops answering ping."
step hostctl customer add acme --name "株式会社アクメ" --commit \
	--monitoring-email noc@acme.example.jp --emergency-phone 03-1234-5678 \
	--contract-email keiyaku@acme.example.jp \
	--contact tanaka,田中太郎,090-1111-2222 --contact sato,佐藤花子,090-3333-4444

say "Monday 2 November 2026: acme orders a JP6 dedicated server in Tokyo. Lead time is" \
	"3 business days from acceptance (000 §4.2-1); 3 November is a national holiday."
step hostctl calendar add-business-days 2026-11-02 3
printf '\n$ hostctl provision new --customer acme --profile clara-jp6 --plan standard ...\n'
server=$(hostctl provision new --customer acme --profile clara-jp6 --plan standard \
	--os rhel-9 --region tokyo --hostname web1.acme.example.jp --option security-update \
	--commit --format id)
echo "$server"

say "And a managed server for its web site and mail, with DNS for acme.example.jp" \
	"(002 §2.2.6: records for the service's pattern A)."
printf '\n$ hostctl provision new --customer acme --profile smartconnect-managed --plan A ...\n'
www=$(hostctl provision new --customer acme --profile smartconnect-managed --plan A \
	--domain acme.example.jp --commit --format id 2>/dev/null)
echo "$www"
step hostctl list server --format table
step hostctl dns acme.example.jp --format zone

at 2026-11-06T15:00:00
say "Friday 6 November: both servers are handed over."
step hostctl provision activate "$server" --commit --format id
step hostctl provision activate "$www" --commit --format id

at 2026-11-10T09:00:00
say "10 November: the managed server moves up to plan B at once: a reboot within about" \
	"30 minutes, recorded as an announced maintenance window (002 §2.3.1, §3.1)."
step hostctl change-plan "$www" --to B --commit --format table

say "12 November 03:05: ping monitoring sees the server down. The call plan of" \
	"000 §2.3-1-2: each contact, 10 rings, two rounds, then a reboot."
req=$(hostctl restart-request detect "$server" --at 2026-11-12T03:05:00+09:00 \
	--now 2026-11-12T03:06:00+09:00 --commit --format id)
echo "$req"
at 2026-11-12T03:20:00
step hostctl restart-request call "$req" --contact tanaka --answered no --commit --format id
step hostctl restart-request call "$req" --contact sato --answered yes --decision reboot --commit --format id
step hostctl restart-request reboot "$req" --commit --format id
step hostctl restart-request recovered "$req" --at 2026-11-12T03:31:00+09:00 --cause os-fault \
	--commit --format id

at 2026-11-13T10:00:00
say "13 November: a remote-code-execution advisory for RHEL 9. Level high: the" \
	"provider patches every server it manages (000 §2.6.1.1.1); WebARENA and" \
	"the JECC platform leave patching to the customer."
step hostctl security-update new --id RHSA-2026-1111 --level high --os rhel-9 \
	--package openssl --summary "openssl: remote code execution" --commit --format table
step hostctl security-update notify RHSA-2026-1111 --candidates 2026-11-18,2026-11-19 --commit
step hostctl security-update schedule RHSA-2026-1111 "$server" --at 2026-11-18T02:00:00+09:00 --commit
at 2026-11-18T03:00:00
step hostctl security-update apply RHSA-2026-1111 "$server" --commit
step hostctl security-update status RHSA-2026-1111 --format table

at 2026-11-20T11:00:00
say "20 November: a third party reports spam from the server (000 §3.3)."
case=$(hostctl abuse-respond new "$server" --source third-party --kind spam \
	--summary "spam relayed through web1, report from abuse desk" --commit --format id)
echo "$case"
step hostctl abuse-respond next "$case"
step hostctl abuse-respond confirm "$case" --reason "relay confirmed in the mail log" --commit --format id
step hostctl abuse-respond isolate "$case" --reason "LAN cable pulled" --commit --format id
at 2026-11-20T11:30:00
step hostctl abuse-respond contact "$case" --reason "phoned tanaka" --commit --format id
step hostctl abuse-respond self-handling "$case" --reason "acme fixes it itself" --commit --format id
at 2026-11-20T16:00:00
step hostctl abuse-respond restore-network "$case" --reason "relay closed by acme" --commit --format id
step hostctl abuse-respond resolve "$case" --commit --format id

at 2026-12-01T09:00:00
say "1 December: the November report. JP6 has no SLA of its own (000 §3.2 points to a" \
	"separate document), so the report shows every stop: the reboot and the isolation" \
	"count as outage, the announced maintenance windows are excluded."
step hostctl sla-report --month 2026-11 --all --format table

say "Everything is plain YAML in git; the state validates and every change is a commit."
step hostctl validate
step git log --oneline
if [ "$clean" = --clean ]; then
	rm -rf "$state"
	exit 0
fi
printf '\nDone. The state stays in %s for you to explore (hostctl -C %s show %s).\n' \
	"$state" "$state" "$server"
