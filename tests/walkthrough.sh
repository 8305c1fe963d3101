#!/bin/sh
# walkthrough.sh BINDIR - the main job, on a new state made from the
# built-in catalog. Run by `tests/run demo` (README, first command).
set -eu
bindir=$(cd "$1" && pwd)
PATH="$bindir:$PATH"
export PATH
state=$(mktemp -d "${TMPDIR:-/tmp}/hostctl-demo.XXXXXX")
export HOSTCTL_NOW=2026-11-20T10:00:00+09:00 HOSTCTL_OPERATOR=demo

step() {
	printf '\n$ %s\n' "$*"
	"$@"
}

cd "$state"
echo "hostctl walkthrough in $state (clock fixed at $HOSTCTL_NOW)"
step hostctl init --list-profiles --format table
step hostctl init .
step hostctl customer add acme --name "株式会社アクメ" \
	--monitoring-email noc@acme.example.jp --emergency-phone 03-1234-5678 \
	--contact tanaka,田中太郎,090-1111-2222 --contact sato,佐藤花子,090-3333-4444
step hostctl calendar holidays 2026 --format table
step hostctl calendar add-business-days 2026-11-20 3
step hostctl validate
printf '\nThe state is plain files in git-friendly layout:\n'
step find . -path ./.hostctl -prune -o -type f -print
printf '\nDone. The state stays in %s for you to explore (hostctl -C %s list customer).\n' \
	"$state" "$state"
