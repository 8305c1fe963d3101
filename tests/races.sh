#!/bin/sh
# races.sh BINDIR SLOWFSYNC - writers racing on one state lose no update.
#
# RACE_WRITERS (default 8) processes change one state at the same time,
# each RACE_ROUNDS (default 6) rounds of, in order:
#   customer set    its own customer (a different record per writer)
#   provision new   a server for its own customer (new records, claims
#                   from the one address pool, the customer index)
#   provision add-domain   the SAME shared server: a read-modify-write of
#                   one record by every writer, the lost update to catch
#   change-plan     its own server, to B or back to A (a new day each round)
# Then every writer at once, twice: change-plan of the shared server to
# plan B, C, D or E (the profile allows one a day: exactly one must win,
# the others are refused, exit 1, or find it already on their plan, exit
# 2), and provision new with the same --hostname (exactly one must win, the
# others find the claim taken, exit 4).
#
# Afterwards: every run exited as said; each customer holds its writer's
# last name; every server a writer was told about exists, and no other;
# the shared server lists every domain added; each writer's server has its
# last plan and one change per round; the audit trail holds exactly one
# line per change; no journal and no temporary file is left; and hostctl
# validate exits 0 (every file parses: nothing torn; every claim has its
# owner and every owned value its claim: claims unique).
#
# Last, a writer holds the lock (fsync sleeping 3 s through the slowfsync
# shim): a --no-wait run must exit 4 naming that writer's pid.
#
# Prints "races: N writers, M mutations raced, W waited for the lock, 0 lost".
set -u
name=races
if [ $# -ne 2 ] || [ ! -x "$1/hostctl" ]; then
	echo "usage: $0 BINDIR SLOWFSYNC" >&2
	exit 2
fi
bindir=$(cd "$1" && pwd)
slowfsync=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/rel-common.sh"
writers=${RACE_WRITERS:-8}
rounds=${RACE_ROUNDS:-6}

tmp=$(mktemp -d "$scratch/hostctl-races.XXXXXX") || exit 1
holder=
trap '[ -z "$holder" ] || kill -KILL "$holder" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
state=$tmp/state
t_start=$(now_us)

set -- $(populate "$state")
[ $# = 2 ] || die "populating the state failed"
shared=$1
cd "$state" || exit 1

# One customer and one active managed server per writer.
w=1
while [ "$w" -le "$writers" ]; do
	HOSTCTL_NOW=2026-11-20T10:00:00+09:00 hostctl customer add "w$w" --name "Writer $w" \
		>/dev/null 2>&1 || die "customer add w$w failed"
	id=$(HOSTCTL_NOW=2026-11-20T10:00:00+09:00 HOSTCTL_SEED="own-$w" hostctl provision new \
		--customer "w$w" --plan A --format id 2>/dev/null) || die "provision for w$w failed"
	HOSTCTL_NOW=2026-11-20T10:00:00+09:00 hostctl provision activate "$id" \
		--at 2026-11-26T10:00:00+09:00 --format id >/dev/null || die "activate $id failed"
	echo "$id" >"$tmp/own.$w"
	w=$((w + 1))
done
servers0=$(ls servers | wc -l)
audit0=$(cat audit/*.jsonl | wc -l)

# run W TAG ARGS...: hostctl ARGS for writer W; logs "TAG rc" and stderr.
run() {
	rw=$1 tag=$2
	shift 2
	hostctl "$@" </dev/null >"$tmp/out.$rw" 2>>"$tmp/err.$rw"
	echo "$tag $?" >>"$tmp/log.$rw"
}

writer() {
	w=$1 own=$(cat "$tmp/own.$1") k=1
	while [ "$k" -le "$rounds" ]; do
		HOSTCTL_NOW=$(printf '2026-12-%02dT10:00:00+09:00' "$k")
		export HOSTCTL_NOW
		run "$w" "set.$k" customer set "w$w" --name "Writer $w round $k"
		HOSTCTL_SEED="race-$w-$k" run "$w" "new.$k" provision new --customer "w$w" --plan A --format id
		cat "$tmp/out.$w" >>"$tmp/ids.$w"
		run "$w" "domain.$k" provision add-domain "$shared" "w$w-r$k.example.jp" --format id
		plan=B
		[ $((k % 2)) = 0 ] && plan=A
		run "$w" "plan.$k" change-plan "$own" --to "$plan" --format id
		k=$((k + 1))
	done
}

pids=
w=1
while [ "$w" -le "$writers" ]; do
	: >"$tmp/log.$w"
	: >"$tmp/err.$w"
	: >"$tmp/ids.$w"
	writer "$w" &
	pids="$pids $!"
	w=$((w + 1))
done
for p in $pids; do
	wait "$p"
done

# Every writer at once on the shared server, then on one hostname; "@PLAN"
# stands for plan B, C, D or E by writer.
contest() {
	tag=$1
	shift
	pids=
	w=1
	while [ "$w" -le "$writers" ]; do
		plan=$(echo B C D E | cut -d' ' -f$(((w - 1) % 4 + 1)))
		if [ "$1" = change-plan ]; then
			set -- "$1" "$2" --to "$plan" --format id
		fi
		HOSTCTL_SEED="contest-$w" run "$w" "$tag" "$@" &
		pids="$pids $!"
		w=$((w + 1))
	done
	for p in $pids; do
		wait "$p"
	done
}
HOSTCTL_NOW=2026-12-20T10:00:00+09:00
export HOSTCTL_NOW
contest contest-plan change-plan "$shared"
contest contest-host provision new --customer acme --plan A --hostname contest.example.jp --format id

# ---- what must hold ------------------------------------------------------------

raced=0 waited=0 lost=0
w=1
while [ "$w" -le "$writers" ]; do
	own=$(cat "$tmp/own.$w")
	bad=$(grep -v -e '^[a-z]*\.[0-9]* 0$' -e '^contest-plan [012]$' -e '^contest-host [04]$' \
		"$tmp/log.$w")
	[ -z "$bad" ] || fail "writer $w: unexpected exits: $(echo "$bad" | tr '\n' ' '): $(head -c 300 "$tmp/err.$w")"
	raced=$((raced + $(grep -c ' 0$' "$tmp/log.$w")))
	waited=$((waited + $(grep -c 'waiting for the state lock' "$tmp/err.$w")))
	grep -q "^name: Writer $w round $rounds\$" "customers/w$w.yaml" ||
		{ fail "writer $w: customer w$w lost its last name: $(grep '^name' "customers/w$w.yaml")"; lost=$((lost + 1)); }
	n=0
	while read -r id; do
		n=$((n + 1))
		[ -f "servers/$id.yaml" ] || { fail "writer $w: server $id reported but not there"; lost=$((lost + 1)); }
	done <"$tmp/ids.$w"
	[ "$n" = "$rounds" ] || fail "writer $w: $n servers reported, want $rounds"
	k=1
	while [ "$k" -le "$rounds" ]; do
		grep -q "^  - name: w$w-r$k.example.jp\$" "servers/$shared.yaml" ||
			{ fail "writer $w: domain w$w-r$k.example.jp lost from the shared server"; lost=$((lost + 1)); }
		k=$((k + 1))
	done
	plan=B
	[ $((rounds % 2)) = 0 ] && plan=A
	grep -q "^plan: $plan\$" "servers/$own.yaml" ||
		{ fail "writer $w: server $own lost its last plan change"; lost=$((lost + 1)); }
	n=$(ls "index/changes-by-server/$own" 2>/dev/null | wc -l)
	[ "$n" = "$rounds" ] || { fail "writer $w: $n changes recorded for $own, want $rounds"; lost=$((lost + 1)); }
	w=$((w + 1))
done

# Exactly one winner of each contest.
wins=$(cat "$tmp"/log.* | grep -c '^contest-plan 0$')
refused=$(cat "$tmp"/log.* | grep -c '^contest-plan [12]$')
[ "$wins" = 1 ] && [ "$refused" = $((writers - 1)) ] ||
	fail "change-plan contest: $wins won, $refused refused (want 1 and $((writers - 1)))"
grep -q '^plan: [BCDE]$' "servers/$shared.yaml" || fail "the contest's plan change is not on the shared server"
[ "$(ls "index/changes-by-server/$shared" | wc -l)" = 1 ] ||
	fail "change-plan contest: more than one change recorded for the shared server"
wins=$(cat "$tmp"/log.* | grep -c '^contest-host 0$')
taken=$(cat "$tmp"/log.* | grep -c '^contest-host 4$')
[ "$wins" = 1 ] && [ "$taken" = $((writers - 1)) ] ||
	fail "hostname contest: $wins won, $taken found it taken (want 1 and $((writers - 1)))"
owners=$(grep -l '^hostname: contest.example.jp$' servers/*.yaml | wc -l)
[ "$owners" = 1 ] || fail "hostname contest: $owners servers hold contest.example.jp"

servers=$(ls servers | wc -l)
[ "$servers" = $((servers0 + writers * rounds + 1)) ] ||
	{ fail "$servers servers, want $((servers0 + writers * rounds + 1))"; lost=$((lost + 1)); }
audit=$(cat audit/*.jsonl | wc -l)
[ "$audit" = $((audit0 + raced)) ] ||
	{ fail "$audit audit lines, want $((audit0 + raced)) (one per change)"; lost=$((lost + 1)); }
[ -e .hostctl/journal ] && fail "a journal is left"
left=$(find . -name '.*.hctmp' | wc -l)
[ "$left" = 0 ] || fail "$left temporary files left"
hostctl validate </dev/null >"$tmp/val.out" 2>"$tmp/val.err" ||
	fail "validate: $(head -c 400 "$tmp/val.err")"

# ---- --no-wait against a held lock ---------------------------------------------

LD_PRELOAD=$slowfsync SLOWFSYNC_USEC=3000000 hostctl customer set acme --name "Held" \
	</dev/null >/dev/null 2>&1 &
holder=$!
i=0
while ! grep -q "^pid $holder " .hostctl/lock 2>/dev/null && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
hostctl customer set acme --name "Impatient" --no-wait </dev/null >/dev/null 2>"$tmp/nw.err"
rc=$?
[ "$rc" = 4 ] || fail "--no-wait against a held lock: exit $rc, want 4: $(cat "$tmp/nw.err")"
grep -q "error: state is locked by pid $holder hostctl customer set since " "$tmp/nw.err" ||
	fail "--no-wait does not name the holder (pid $holder): $(cat "$tmp/nw.err")"
wait "$holder" || fail "the lock holder failed"
holder=
grep -q '^name: Held$' customers/acme.yaml || fail "the lock holder's change is lost"

secs=$((($(now_us) - t_start) / 1000000))
echo "$name: $writers writers x $rounds rounds, 2 contests of $writers; $(ls servers | wc -l) servers, $audit audit lines; ${secs} s"
if [ "$failures" -ne 0 ]; then
	echo "$name: $writers writers, $raced mutations raced, $waited waited for the lock, $lost lost, $failures failures"
	exit 1
fi
echo "$name: $writers writers, $raced mutations raced, $waited waited for the lock, 0 lost"
