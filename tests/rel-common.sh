# rel-common.sh - shared by the reliability battery (kill-mid-write.sh,
# races.sh, faults.sh, security.sh); sourced, not run.
#
# Expects $bindir (the directory holding hostctl) and $name (the test's
# name, for messages) to be set, and $tmp (a scratch directory of the test)
# before the tree functions are used. Sets up the environment every test of the
# battery runs in: the built commands first in PATH, a fixed clock and
# operator, no inherited state or seed, and ASan told that an LD_PRELOAD
# shim may come before its runtime.

PATH="$bindir:$PATH"
HOSTCTL_NOW=2026-11-27T10:00:00+09:00
HOSTCTL_OPERATOR=battery
LC_ALL=C
export PATH HOSTCTL_NOW HOSTCTL_OPERATOR LC_ALL
unset HOSTCTL_STATE HOSTCTL_SEED
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export ASAN_OPTIONS

# scratch: where the test's states live. A tmpfs (/dev/shm) when there is
# one: a kill is not a power cut, so real fsyncs would only make the
# battery slower on a busy disk; RELIABILITY_TMPDIR or TMPDIR otherwise.
scratch=${RELIABILITY_TMPDIR:-}
if [ -z "$scratch" ]; then
	if [ -d /dev/shm ] && [ -w /dev/shm ]; then
		scratch=/dev/shm
	else
		scratch=${TMPDIR:-/tmp}
	fi
fi

failures=0
# fail MESSAGE: counts and reports a failed check (the test goes on).
fail() {
	echo "$name: FAIL: $*" >&2
	failures=$((failures + 1))
}
# die MESSAGE: a broken set-up; stops the test.
die() {
	echo "$name: $*" >&2
	echo "$name: set-up failed" >&2
	exit 1
}

now_us() {
	date +%s%6N
}

# tree_sums DIR: "crc size path" of every file of a state, leaving out the
# lock file, whose content names its last holder, and temporary files
# ".NAME.hctmp" a killed writer may leave behind (never records:
# hc_store_list skips dot files). Empty directories are not state either
# (git keeps none; removing an index's last entry removes its directory
# only as best effort).
tree_sums() {
	(cd "$1" && find . -type f ! -path ./.hostctl/lock ! -name '.*.hctmp' -exec cksum {} + |
		sort -k3)
}

# same_tree A B: whether two states hold the same files with the same bytes.
same_tree() {
	tree_sums "$1" >"$tmp/sums.a" && tree_sums "$2" >"$tmp/sums.b" &&
		cmp -s "$tmp/sums.a" "$tmp/sums.b"
}

# tree_diff A B: the paths that differ, for a message.
tree_diff() {
	tree_sums "$1" >"$tmp/sums.a"
	tree_sums "$2" >"$tmp/sums.b"
	diff "$tmp/sums.a" "$tmp/sums.b" | sed -n 's/^\([<>]\) [0-9]* [0-9]* \.\//\1 /p' |
		head -n 6 | tr '\n' ' '
}

# populate DIR: a state with customer acme (two contacts, the channels of
# identity verification), an active managed server (plan A, ssl, a domain)
# and an active clara-jp6 server (tokyo). Prints "MANAGED JP6" (their ids).
populate() {
	hostctl init "$1" >/dev/null 2>&1 || die "hostctl init failed"
	(
		cd "$1" || exit 1
		HOSTCTL_NOW=2026-11-20T10:00:00+09:00
		export HOSTCTL_NOW
		hostctl customer add acme --name Acme --monitoring-email noc@acme.example.jp \
			--emergency-phone 03-1234-5678 --contact tanaka,Tanaka,090-1111-2222 \
			--contact sato,Sato,090-3333-4444 >/dev/null || exit 1
		m=$(HOSTCTL_SEED=base-m hostctl provision new --customer acme --plan A --option ssl \
			--domain shop.example.jp --format id 2>/dev/null) || exit 1
		j=$(HOSTCTL_SEED=base-j hostctl provision new --customer acme --profile clara-jp6 \
			--plan standard --format id 2>/dev/null) || exit 1
		hostctl provision activate "$m" --at 2026-11-26T10:00:00+09:00 --format id >/dev/null &&
			hostctl provision activate "$j" --at 2026-11-26T10:00:00+09:00 --format id >/dev/null ||
			exit 1
		echo "$m $j"
	) || die "populating $1 failed"
}
