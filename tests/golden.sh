#!/bin/sh
# golden.sh BINDIR CASEDIR - run one command-level golden test (jq-style).
#
# A case is a directory under testdata/cmd/:
#   args     the arguments to `hostctl`, one per line (required)
#   state/   files laid over a fresh `hostctl init` state (optional)
#   init     arguments for `hostctl init`, one per line (optional)
#   stdin    fed to the command (optional; else /dev/null)
#   env      KEY=VALUE lines added to the environment (optional)
#   stdout, stderr, exit   what must come out (exit defaults to 0)
#   after    the state files the command must create or change, exactly
#            (empty: it writes nothing); each must equal after.d/<path>
#            (optional; HOSTCTL_GOLDEN_UPDATE rewrites both)
# The command runs in the state directory with HOSTCTL_NOW fixed to
# 2026-11-21T10:00:00+09:00 and HOSTCTL_OPERATOR=golden unless env says
# otherwise. HOSTCTL_GOLDEN_UPDATE=1 rewrites stdout/stderr/exit from the
# actual run (review the diff before committing).
set -u
bindir=$(cd "$1" && pwd)
case_dir=$(cd "$2" && pwd)
name=$(basename "$case_dir")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hostctl-golden.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
PATH="$bindir:$PATH"
export PATH
unset HOSTCTL_STATE
HOSTCTL_NOW=2026-11-21T10:00:00+09:00
HOSTCTL_OPERATOR=golden
export HOSTCTL_NOW HOSTCTL_OPERATOR

# An argument file, one argument per line, as NUL-separated words.
load_args() {
	sed -e '$a\' "$1" | tr '\n' '\0'
}

state="$tmp/state"
if [ -f "$case_dir/init" ]; then
	load_args "$case_dir/init" | xargs -0 hostctl init "$state" >/dev/null 2>&1 || {
		echo "golden $name: hostctl init failed"; exit 1; }
else
	hostctl init "$state" >/dev/null 2>&1 || { echo "golden $name: hostctl init failed"; exit 1; }
fi
if [ -d "$case_dir/state" ]; then
	cp -R "$case_dir/state/." "$state/"
fi
if [ -f "$case_dir/env" ]; then
	while IFS= read -r kv || [ -n "$kv" ]; do
		[ -n "$kv" ] && export "$kv"
	done < "$case_dir/env"
fi
stdin=/dev/null
[ -f "$case_dir/stdin" ] && stdin="$case_dir/stdin"

cd "$state" || exit 1
# What the command writes, for the 'after' check: files new or changed.
snapshot() {
	find . -path ./.hostctl -prune -o -path ./audit -prune -o -type f -exec cksum {} + |
		LC_ALL=C sort
}
# Paths created, changed or removed between two snapshots.
changed_paths() {
	LC_ALL=C comm -3 "$1" "$2" | sed 's/^\t//; s/^[0-9]* [0-9]* \.\///' | LC_ALL=C sort -u
}
snapshot > "$tmp/before"
load_args "$case_dir/args" > "$tmp/argv0"
xargs -0 -a "$tmp/argv0" sh -c 'in=$1 out=$2 err=$3; shift 3; hostctl "$@" < "$in" > "$out" 2> "$err"; echo $? > "$out.rc"' sh "$stdin" "$tmp/out" "$tmp/err"
code=$(cat "$tmp/out.rc")

want_exit=0
[ -f "$case_dir/exit" ] && want_exit=$(cat "$case_dir/exit")
if [ "${HOSTCTL_GOLDEN_UPDATE:-0}" = 1 ]; then
	cp "$tmp/out" "$case_dir/stdout"
	cp "$tmp/err" "$case_dir/stderr"
	echo "$code" > "$case_dir/exit"
	# A case that checks state files gets them again: every file the
	# command created or changed (ids may have moved).
	if [ -f "$case_dir/after" ]; then
		snapshot > "$tmp/afterwards"
		rm -rf "$case_dir/after.d"
		changed_paths "$tmp/before" "$tmp/afterwards" > "$case_dir/after"
		while IFS= read -r p; do
			[ -f "$state/$p" ] || continue      # removed: absent from after.d
			mkdir -p "$case_dir/after.d/$(dirname "$p")"
			cp "$state/$p" "$case_dir/after.d/$p"
		done < "$case_dir/after"
	fi
	echo "golden $name: updated"
	exit 0
fi
fail=0
if [ "$code" != "$want_exit" ]; then
	echo "golden $name: exit $code, want $want_exit"
	fail=1
fi
for s in stdout stderr; do
	f=out; [ $s = stderr ] && f=err
	if [ -f "$case_dir/$s" ]; then
		if ! diff -u "$case_dir/$s" "$tmp/$f" > "$tmp/diff"; then
			echo "golden $name: $s differs:"; cat "$tmp/diff"; fail=1
		fi
	elif [ -s "$tmp/$f" ]; then
		echo "golden $name: unexpected $s:"; cat "$tmp/$f"; fail=1
	fi
done
if [ -f "$case_dir/after" ]; then
	# Exactly the files listed changed (an empty list: nothing was written)...
	snapshot > "$tmp/afterwards"
	changed_paths "$tmp/before" "$tmp/afterwards" > "$tmp/changed"
	if ! LC_ALL=C sort "$case_dir/after" | diff -u - "$tmp/changed" > "$tmp/diff"; then
		echo "golden $name: the files written differ from 'after':"; cat "$tmp/diff"; fail=1
	fi
	# ...and each holds what after.d/ says.
	while IFS= read -r p || [ -n "$p" ]; do
		if [ ! -e "$case_dir/after.d/$p" ]; then
			# Listed but not kept: it must be gone.
			[ -e "$state/$p" ] && { echo "golden $name: state file $p should be removed"; fail=1; }
			continue
		fi
		if ! diff -u "$case_dir/after.d/$p" "$state/$p" > "$tmp/diff"; then
			echo "golden $name: state file $p differs:"; cat "$tmp/diff"; fail=1
		fi
	done < "$case_dir/after"
fi
[ $fail = 0 ] && echo "golden $name: ok"
exit $fail
