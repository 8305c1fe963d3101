#!/bin/sh
# hostile.sh BINDIR - hostile state files against the built commands.
#
# For every input written by hostile-gen.sh (and a few made here: symbolic
# links, a FIFO, customer files with hostile names), make a fresh state with
# `hostctl init`, place the input as servers/<uuid>.yaml, and run
# `hostctl validate` and `hostctl show <uuid>` with bounded memory and time.
# Each must exit 5 and name the file with the expected position
# ("servers/<uuid>.yaml:LINE:COL:"), within a few seconds, printing no
# control characters, and leave every state file as it was.
#
# Memory: `ulimit -v 1000000` (about 1 GB of address space). A build with
# AddressSanitizer cannot start under that limit (its shadow memory is
# terabytes of address space), so there the bound is ASan's own
# hard_rss_limit_mb=1000 instead.
#
# BINDIR holds hostctl and hostctl-VERB (e.g. build/cmd). Needs GNU date,
# find and timeout (coreutils, findutils) and python3 for the generator.
set -u

if [ $# -ne 1 ] || [ ! -x "$1/hostctl" ]; then
	echo "usage: $0 BINDIR (the directory holding hostctl)" >&2
	exit 2
fi
bin=$(cd "$1" && pwd)
hostctl=$bin/hostctl
here=$(cd "$(dirname "$0")" && pwd)
uuid=0f8fad5b-d9cb-469f-a165-70867728950e
limit_ms=5000

tmp=$(mktemp -d "${TMPDIR:-/tmp}/hostctl-hostile.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

if ! sh "$here/hostile-gen.sh" "$tmp/gen"; then
	echo "hostile: the generator failed" >&2
	exit 1
fi

if sh -c 'ulimit -v 1000000 && "$1" --version; exit $?' sh "$hostctl" >/dev/null 2>&1; then
	memlimit=ulimit
else
	memlimit=asan
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=1000
	export ASAN_OPTIONS
	echo "hostile: sanitizer build, memory bounded by ASAN_OPTIONS=$ASAN_OPTIONS"
fi

tried=0
failed=0
slowest=0
name=
state=$tmp/state

fail() {
	echo "FAIL: $name: $*" >&2
	failed=$((failed + 1))
}

now_ms() {
	date +%s%3N
}

# A listing of everything under the state: type, mode, size, mtime, path,
# link target, and checksums of the regular files under 2 MB.
snapshot() {
	(cd "$state" && find . -printf '%y %m %s %T@ %p -> %l\n' | LC_ALL=C sort &&
		find . -type f -size -2048k -exec cksum {} + | LC_ALL=C sort)
}

# run TAG ARGS...: runs hostctl -C state ARGS under the limits; sets rc, ms.
run() {
	tag=$1
	shift
	t0=$(now_ms)
	if [ "$memlimit" = ulimit ]; then
		(ulimit -v 1000000 && exec timeout 10 "$hostctl" -C "$state" "$@") \
			</dev/null >"$tmp/$tag.out" 2>"$tmp/$tag.err"
	else
		timeout 10 "$hostctl" -C "$state" "$@" </dev/null >"$tmp/$tag.out" 2>"$tmp/$tag.err"
	fi
	rc=$?
	ms=$(($(now_ms) - t0))
	[ "$ms" -le "$slowest" ] || slowest=$ms
}

shown() {
	head -c 400 "$tmp/$1.err" | tr -c '[:print:]\n' '?' | tr '\n' '|'
}

# expect TAG STATUS TEXT: the last run exited STATUS and said TEXT, in time,
# without control characters.
expect() {
	[ "$rc" -eq "$2" ] || fail "$1: exit $rc, want $2: $(shown "$1")"
	[ -z "$3" ] || grep -F -q -- "$3" "$tmp/$1.err" ||
		fail "$1: stderr lacks '$3': $(shown "$1")"
	[ "$ms" -lt "$limit_ms" ] || fail "$1: took $ms ms (limit $limit_ms)"
	if tr -d '\n' <"$tmp/$1.err" | LC_ALL=C grep -q '[[:cntrl:]]'; then
		fail "$1: control characters on stderr: $(shown "$1")"
	fi
}

fresh_state() {
	rm -rf "$state"
	if ! "$hostctl" init "$state" </dev/null >"$tmp/init.out" 2>&1; then
		fail "hostctl init: $(cat "$tmp/init.out")"
		return 1
	fi
	mkdir "$state/servers" "$state/customers"
}

# check_server LINE COL: validate and show refuse servers/<uuid>.yaml at
# LINE:COL and change nothing.
check_server() {
	snapshot >"$tmp/before"
	run validate validate
	expect validate 5 "servers/$uuid.yaml:$1:$2:"
	run show show "$uuid"
	expect show 5 "servers/$uuid.yaml:$1:$2:"
	snapshot >"$tmp/after"
	cmp -s "$tmp/before" "$tmp/after" || fail "the state changed: $(diff "$tmp/before" "$tmp/after" | head -5)"
	tried=$((tried + 1))
}

# ---- the generated set ---------------------------------------------------

while read -r name line col what; do
	fresh_state || continue
	ln "$tmp/gen/$name" "$state/servers/$uuid.yaml" 2>/dev/null ||
		cp "$tmp/gen/$name" "$state/servers/$uuid.yaml"
	check_server "$line" "$col"
done <"$tmp/gen/MANIFEST"

# ---- links and special files ------------------------------------------------

name="symlink to /etc/passwd"
if fresh_state; then
	ln -s /etc/passwd "$state/servers/$uuid.yaml"
	check_server 1 1
fi

name="symlink to a directory"
if fresh_state; then
	ln -s / "$state/servers/$uuid.yaml"
	check_server 1 1
fi

name="servers/ a symlink to /etc"
if fresh_state; then
	rmdir "$state/servers"
	ln -s /etc "$state/servers"
	snapshot >"$tmp/before"
	run validate validate
	expect validate 5 "servers:1:1:"
	run show show "$uuid"
	expect show 5 "servers:1:1:"
	snapshot >"$tmp/after"
	cmp -s "$tmp/before" "$tmp/after" || fail "the state changed"
	tried=$((tried + 1))
fi

# A FIFO must not hang the reader: hc_store_read opens with O_NONBLOCK and
# refuses anything that is not a regular file.
name="FIFO as a record"
if fresh_state; then
	mkfifo "$state/servers/$uuid.yaml"
	check_server 1 1
fi

# ---- hostile customer file names -----------------------------------------------

# check_customer FILENAME ID: validate reports the name (it cannot hold a
# position: the name is the problem) and show refuses the id as an argument.
check_customer() {
	snapshot >"$tmp/before"
	run validate validate
	expect validate 5 "is not a record file"
	grep -F -q "customers" "$tmp/validate.err" || fail "validate: does not name customers/"
	if grep -q '^forged:' "$tmp/validate.err"; then
		fail "validate: a file name forged a line of output"
	fi
	run show show "customer/$2"
	[ "$rc" -eq 2 ] || fail "show: exit $rc, want 2 (invalid id): $(shown show)"
	snapshot >"$tmp/after"
	cmp -s "$tmp/before" "$tmp/after" || fail "the state changed"
	tried=$((tried + 1))
}

name="customer file named with '..'"
if fresh_state; then
	cp "$tmp/gen/unknown-keys.yaml" "$state/customers/a..b.yaml"
	check_customer a..b.yaml a..b
fi

# Control characters in a file name are shown as \xHH (hc_error_format).
name="customer file named with control characters"
if fresh_state; then
	esc=$(printf 'ev\033[2Jil')
	cp "$tmp/gen/unknown-keys.yaml" "$state/customers/$esc.yaml"
	check_customer "$esc.yaml" "$esc"
fi

name="customer file named with a newline"
if fresh_state; then
	nl=$(printf 'x\nforged:1:1: y')
	cp "$tmp/gen/unknown-keys.yaml" "$state/customers/$nl.yaml"
	check_customer "$nl.yaml" "$nl"
fi

echo "hostile: slowest run ${slowest} ms (limit ${limit_ms} ms), memory bound: $memlimit"
if [ "$failed" -ne 0 ]; then
	echo "hostile: $tried inputs tried, $failed failures"
	exit 1
fi
echo "hostile: $tried inputs tried, all refused with a position"
