#!/bin/sh
# kill-mid-write.sh BINDIR KILLAFTER SLOWFSYNC - writers killed mid-write
# lose nothing and tear nothing.
#
# A populated state goes through KILL_MUTATIONS (default 200) mutations, a
# cycle of every verb that writes: customer add and set; provision new,
# activate, add-domain, cancel and sweep; change-plan (plan and IP); the
# restart-request flow (new, verify, start, complete); the abuse-respond
# flow (new, confirm, contact, rescue, evidence, stop-relay, resolve). For
# each one:
#
#   1. copies of the state before (old/) and after an uninterrupted run of
#      the same command in a copy (new/; the ids are the same: HOSTCTL_SEED
#      and HOSTCTL_NOW are fixed) are kept, and that run is timed;
#   2. the command runs on the state and killafter sends it SIGKILL at a
#      random moment within that time; two runs in three go through the
#      slowfsync shim (fsync sleeps 2 ms, write 1.5 ms), so that many kills
#      land inside the commit;
#   3. right after the kill, before anything else opens the state, every
#      record file must be byte-identical to its old or its new version
#      (the audit file, appended in place, must lie between the two: the
#      old bytes, then a prefix of the new line);
#   4. the next command (hostctl validate) must exit 0 and complete a
#      journal left behind ("journal rolled forward"), and only then; the
#      lock of the killed writer must not stop it, and no temporary file
#      ".NAME.hctmp" may be taken for a record;
#   5. the whole state must then equal old/ or new/ (nothing half-done, no
#      journal left); when it is old/ the command is run again to
#      completion so that the cycle goes on.
#
# At the end every kind is listed (no temporary file shows), and a writer
# is killed while it holds the lock (fsync sleeping 5 s): --no-wait sees
# the lock held by its pid (exit 4), and once it is killed a waiting writer
# and a --no-wait writer both go through at once. Then the state becomes a
# git repository and a writer is killed in the middle of writing a record's
# temporary file: git status does not show it, git add -A does not take
# it, the next command completes the change, and git fsck is clean.
#
# States live on a tmpfs when there is one (rel-common.sh).
# Prints "kill-mid-write: N mutations killed, M rolled forward, 0 lost".
# KILL_SEED (default 20261127) seeds the random delays.
set -u
name=kill-mid-write
if [ $# -ne 3 ] || [ ! -x "$1/hostctl" ]; then
	echo "usage: $0 BINDIR KILLAFTER SLOWFSYNC" >&2
	exit 2
fi
bindir=$(cd "$1" && pwd)
killafter=$2
slowfsync=$3
here=$(cd "$(dirname "$0")" && pwd)
. "$here/rel-common.sh"
mutations=${KILL_MUTATIONS:-200}
seed=${KILL_SEED:-20261127}

tmp=$(mktemp -d "$scratch/hostctl-kill.XXXXXX") || exit 1
holder=
trap '[ -z "$holder" ] || kill -KILL "$holder" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
state=$tmp/state old=$tmp/old new=$tmp/new

set -- $(populate "$state")
[ $# = 2 ] || die "populating the state failed"
base_m=$1 base_j=$2

done_n=0 killed=0 rolled=0 came_old=0 came_new=0 finished=0 torn_audit=0 lost=0
t_start=$(now_us)

# listing DIR: "crc size path" of the files a reader may see as records.
listing() {
	(cd "$1" && find . -type f ! -path './.hostctl/*' ! -name '.*.hctmp' -exec cksum {} + |
		sort -k3)
}

# check_files: every file of the killed state is its old or new version
# (or absent where one of them is absent); audit files lie in between.
check_files() {
	listing "$old" >"$tmp/l.old"
	listing "$new" >"$tmp/l.new"
	listing "$state" >"$tmp/l.cur"
	awk -v O="$tmp/l.old" -v N="$tmp/l.new" '
		FILENAME == O { o[$3] = $1 " " $2; all[$3] = 1; next }
		FILENAME == N { n[$3] = $1 " " $2; all[$3] = 1; next }
		{ c[$3] = $1 " " $2; all[$3] = 1 }
		END {
			for (k in all) {
				if (k ~ /^\.\/audit\//)
					continue
				cv = (k in c) ? c[k] : "absent"
				if (cv != ((k in o) ? o[k] : "absent") && cv != ((k in n) ? n[k] : "absent"))
					print k
			}
		}' "$tmp/l.old" "$tmp/l.new" "$tmp/l.cur" >"$tmp/torn"
	if [ -s "$tmp/torn" ]; then
		fail "mutation $done_n ($what): neither old nor new after the kill: $(tr '\n' ' ' <"$tmp/torn")"
		lost=$((lost + 1))
	fi
	for f in "$state"/audit/*.jsonl; do
		[ -f "$f" ] || continue
		rel=${f#"$state"/}
		csz=$(wc -c <"$f")
		osz=0
		[ -f "$old/$rel" ] && osz=$(wc -c <"$old/$rel")
		if [ "$csz" -lt "$osz" ] ||
			{ [ "$osz" -gt 0 ] && ! cmp -s -n "$osz" "$f" "$old/$rel"; }; then
			fail "mutation $done_n ($what): $rel lost old lines"
			lost=$((lost + 1))
		elif [ -f "$new/$rel" ] && ! cmp -s -n "$csz" "$f" "$new/$rel"; then
			fail "mutation $done_n ($what): $rel is not a prefix of its new version"
			lost=$((lost + 1))
		elif ! cmp -s "$f" "$new/$rel" && ! { [ -f "$old/$rel" ] && cmp -s "$f" "$old/$rel"; }; then
			torn_audit=$((torn_audit + 1))
		fi
	done
}

# m VAR SEED VERB ARGS...: one mutation (see above), with HOSTCTL_SEED=SEED
# unless SEED is '-'; with VAR not '-', the first line of its output
# (--format id) goes into that variable.
m() {
	var=$1
	if [ "$2" = - ]; then
		unset HOSTCTL_SEED
	else
		HOSTCTL_SEED=$2
		export HOSTCTL_SEED
	fi
	shift 2
	what="$*"
	done_n=$((done_n + 1))
	rm -rf "$old" "$new"
	cp -a "$state" "$old" && cp -a "$state" "$new" || die "copying the state failed"
	if [ $((done_n % 3)) != 0 ]; then
		shim=$slowfsync
	else
		shim=
	fi
	(cd "$new" && LD_PRELOAD=$shim SLOWFSYNC_USEC=2000 SLOWFSYNC_WRITE_USEC=1500 \
		KILLAFTER_ELAPSED="$tmp/elapsed" "$killafter" 100000000 hostctl "$@" \
		</dev/null >"$tmp/new.out" 2>"$tmp/new.err")
	want=$?
	dur=$(cat "$tmp/elapsed")
	[ "$want" = 0 ] || die "mutation $done_n ($what) exits $want uninterrupted: $(head -c 300 "$tmp/new.err")"
	delay=$(awk -v s="$seed" -v k="$done_n" -v d="$dur" 'BEGIN { srand(s + k); printf "%d", rand() * d }')
	(cd "$state" && LD_PRELOAD=$shim SLOWFSYNC_USEC=2000 SLOWFSYNC_WRITE_USEC=1500 \
		"$killafter" "$delay" hostctl "$@" </dev/null >"$tmp/cur.out" 2>"$tmp/cur.err")
	rc=$?
	if [ "$rc" != 137 ]; then
		# It finished before the kill: it did the whole change.
		finished=$((finished + 1))
		[ "$rc" = "$want" ] || fail "mutation $done_n ($what): exit $rc, uninterrupted $want"
		same_tree "$state" "$new" ||
			fail "mutation $done_n ($what): finished but differs: $(tree_diff "$state" "$new")"
	else
		killed=$((killed + 1))
		journal=no
		[ -e "$state/.hostctl/journal" ] && journal=yes
		check_files
		# The next command, whatever it is, completes the journal: here
		# hostctl validate, which then reads every record.
		(cd "$state" && hostctl validate </dev/null >"$tmp/rec.out" 2>"$tmp/rec.err")
		rrc=$?
		[ "$rrc" = 0 ] || fail "mutation $done_n ($what): validate after the kill exits $rrc: $(head -c 300 "$tmp/rec.err")"
		if grep -q 'journal rolled forward' "$tmp/rec.err"; then
			rolled=$((rolled + 1))
			[ "$journal" = yes ] || fail "mutation $done_n ($what): rolled forward without a journal"
		elif [ "$journal" = yes ]; then
			fail "mutation $done_n ($what): a journal was left and not rolled forward"
		fi
		grep -q 'hctmp' "$tmp/rec.out" "$tmp/rec.err" && fail "mutation $done_n ($what): validate sees a temporary file"
		[ -e "$state/.hostctl/journal" ] && fail "mutation $done_n ($what): the journal is still there"
		if same_tree "$state" "$new"; then
			came_new=$((came_new + 1))
		elif same_tree "$state" "$old"; then
			came_old=$((came_old + 1))
			[ "$journal" = no ] || fail "mutation $done_n ($what): journal written, yet the old state"
			(cd "$state" && hostctl "$@" </dev/null >"$tmp/cur.out" 2>"$tmp/cur.err") ||
				fail "mutation $done_n ($what): the run again failed: $(head -c 300 "$tmp/cur.err")"
			same_tree "$state" "$new" ||
				fail "mutation $done_n ($what): the run again differs: $(tree_diff "$state" "$new")"
		else
			lost=$((lost + 1))
			fail "mutation $done_n ($what): neither old nor new after the next command: new: $(tree_diff "$state" "$new") old: $(tree_diff "$state" "$old")"
			rm -rf "$state" && cp -a "$new" "$state"
		fi
	fi
	if [ "$var" != - ]; then
		v=$(head -n 1 "$tmp/new.out")
		[ -n "$v" ] || die "mutation $done_n ($what) printed no id"
		eval "$var=\$v"
	fi
}

printf 'evidence of the abuse\n' >"$tmp/evidence.txt"
c=0
while [ "$done_n" -lt "$mutations" ]; do
	c=$((c + 1))
	m - - customer add "cust$c" --name "Customer $c" --contact "a$c,Contact $c,090-0000-$((1000 + c))"
	m - - customer set acme --name "Acme $c"
	m M "kill-m$c" provision new --customer "cust$c" --plan A --option ssl \
		--domain "d$c.example.jp" --format id
	m J "kill-j$c" provision new --customer acme --profile clara-jp6 --plan standard --format id
	m - - provision activate "$M" --at 2026-12-03T10:00:00+09:00 --format id
	m - - provision activate "$J" --at 2026-12-03T10:00:00+09:00 --format id
	m - "kill-p$c" change-plan "$M" --to B --format id
	m - "kill-i$c" change-plan "$M" --add-ip --format id
	m - - provision add-domain "$M" "e$c.example.jp" --format id
	m R "kill-r$c" restart-request new "$J" --requester tanaka --format id
	m - - restart-request verify "$R" --channel emergency-phone --by yamada --format id
	m - - restart-request start "$R" --format id
	m - - restart-request complete "$R" --format id
	m A "kill-a$c" abuse-respond new "$J" --source third-party --kind spam \
		--summary "open relay $c" --format id
	m - - abuse-respond confirm "$A" --format id
	m - - abuse-respond contact "$A" --format id
	m - - abuse-respond rescue "$A" --menu mail-abuse --format id
	m - - abuse-respond evidence "$A" "$tmp/evidence.txt" --format id
	m - - abuse-respond stop-relay "$A" --format id
	m - - abuse-respond resolve "$A" --format id
	m - - provision cancel "$M" --effective 2026-12-31 --format id
	m - - provision sweep --at 2026-12-31T00:00:00+09:00
done
unset HOSTCTL_SEED
[ "$base_m" ] && [ "$base_j" ] || die "no base servers"

# No temporary file is ever listed, whatever kind is asked for.
tmps=$(find "$state" -name '.*.hctmp' | wc -l)
for kind in server customer request case incident change maintenance; do
	(cd "$state" && hostctl list "$kind" --format tsv </dev/null >"$tmp/list.out" 2>"$tmp/list.err") ||
		fail "list $kind: $(head -c 300 "$tmp/list.err")"
	grep -q hctmp "$tmp/list.out" && fail "list $kind shows a temporary file"
done

# ---- a killed lock holder blocks nobody --------------------------------------

(cd "$state" && LD_PRELOAD=$slowfsync SLOWFSYNC_USEC=5000000 exec hostctl customer set acme \
	--name "Held" </dev/null >/dev/null 2>&1) &
holder=$!
i=0
while ! grep -q "^pid $holder " "$state/.hostctl/lock" 2>/dev/null && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
grep -q "^pid $holder " "$state/.hostctl/lock" || fail "the holder $holder never took the lock"
(cd "$state" && hostctl customer set acme --name "No wait" --no-wait </dev/null >/dev/null 2>"$tmp/nw.err")
rc=$?
[ "$rc" = 4 ] || fail "--no-wait against a held lock: exit $rc, want 4"
grep -q "locked by pid $holder " "$tmp/nw.err" || fail "--no-wait does not name the holder's pid $holder: $(cat "$tmp/nw.err")"
(cd "$state" && exec hostctl customer set acme --name "Waited" </dev/null >/dev/null 2>"$tmp/wait.err") &
waiter=$!
i=0
while ! grep -q "waiting for the state lock held by pid $holder" "$tmp/wait.err" 2>/dev/null &&
	[ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
grep -q "waiting for the state lock held by pid $holder" "$tmp/wait.err" ||
	fail "the waiting writer did not say whom it waits for: $(cat "$tmp/wait.err")"
t0=$(now_us)
kill -KILL "$holder"
wait "$holder" 2>/dev/null
holder=
wait "$waiter"
rc=$?
[ "$rc" = 0 ] || fail "the waiting writer exits $rc after the holder was killed"
(cd "$state" && hostctl customer set acme --name "After" --no-wait </dev/null >/dev/null 2>"$tmp/nw.err")
rc=$?
ms=$((($(now_us) - t0) / 1000))
[ "$rc" = 0 ] || fail "--no-wait after the holder was killed: exit $rc: $(cat "$tmp/nw.err")"
[ "$ms" -lt 3000 ] || fail "the writers after the kill took $ms ms"
grep -q '^name: After$' "$state/customers/acme.yaml" || fail "the last writer's change is not there"
(cd "$state" && hostctl validate </dev/null >/dev/null 2>"$tmp/val.err") ||
	fail "validate at the end: $(head -c 300 "$tmp/val.err")"

# ---- a temporary file left behind is not git's business -------------------------

# The state as a git repository; a writer killed while it writes a record's
# temporary file (each write sleeps 1 s) leaves that file and a journal.
# git status must not show the temporary file, git add -A must not take it,
# the next command completes the change, and git fsck is clean.
GIT_AUTHOR_NAME=battery GIT_AUTHOR_EMAIL=battery@example.jp
GIT_COMMITTER_NAME=battery GIT_COMMITTER_EMAIL=battery@example.jp
export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
if git -C "$state" init -q -b main && git -C "$state" add -A && git -C "$state" commit -q -m state; then
	(cd "$state" && LD_PRELOAD=$slowfsync SLOWFSYNC_USEC=0 SLOWFSYNC_WRITE_USEC=1000000 \
		exec hostctl customer set acme --name "Torn" </dev/null >/dev/null 2>&1) &
	holder=$!
	i=0
	while [ ! -e "$state/customers/.acme.yaml.hctmp" ] && [ $i -lt 200 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	kill -KILL "$holder"
	wait "$holder" 2>/dev/null
	holder=
	if [ -e "$state/customers/.acme.yaml.hctmp" ] && [ -e "$state/.hostctl/journal" ]; then
		git -C "$state" status --porcelain >"$tmp/status"
		grep -q -e hctmp -e '\.hostctl' "$tmp/status" &&
			fail "git status shows a temporary file: $(tr '\n' ' ' <"$tmp/status")"
		git -C "$state" add -A && git -C "$state" ls-files | grep -q -e hctmp -e '^\.hostctl/' &&
			fail "git add -A took a temporary file"
		(cd "$state" && hostctl validate </dev/null >/dev/null 2>"$tmp/rec.err") ||
			fail "validate after the torn write: $(head -c 300 "$tmp/rec.err")"
		grep -q 'journal rolled forward' "$tmp/rec.err" || fail "the torn write was not rolled forward"
		grep -q '^name: Torn$' "$state/customers/acme.yaml" || fail "the torn write's change is not there"
		git -C "$state" add -A && git -C "$state" commit -q -m torn &&
			git -C "$state" fsck --full --strict >"$tmp/fsck" 2>&1 ||
			fail "git fsck: $(head -c 300 "$tmp/fsck")"
		git -C "$state" ls-files | grep -q hctmp && fail "a temporary file was committed"
	else
		fail "the writer was not caught writing customers/.acme.yaml.hctmp"
	fi
else
	fail "git init of the state failed"
fi

secs=$((($(now_us) - t_start) / 1000000))
echo "$name: $done_n mutations, $killed killed ($came_old left the old state, $came_new the new one), $finished finished first; $torn_audit torn audit appends repaired; $tmps temporary files left, none listed; seed $seed; ${secs} s"
[ "$killed" -ge $((mutations / 2)) ] || fail "only $killed of $done_n mutations were killed"
[ "$rolled" -ge 5 ] || fail "only $rolled kills landed inside a commit"
if [ "$failures" -ne 0 ]; then
	echo "$name: $killed mutations killed, $rolled rolled forward, $lost lost, $failures failures"
	exit 1
fi
echo "$name: $killed mutations killed, $rolled rolled forward, 0 lost"
