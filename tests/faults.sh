#!/bin/sh
# faults.sh BINDIR FAULTINJECT - I/O faults: exit 0 or 6, never "0 but lost",
# and the state stays intact.
#
# 1. Injected faults. Mutations that between them create, change and delete
#    records, claims, indexes and evidence (customer add, customer set,
#    provision new, abuse-respond evidence, provision sweep)
#    run once through the faultinject shim to count their calls of each
#    family (open read write fsync rename close mkdir unlink ftruncate) and
#    to check the commit's order: every rename comes right after an fsync
#    and a close of the file, and right before an fsync of its directory.
#    Then, for every family F and every N up to its count, the mutation
#    runs on a fresh copy of the state with the Nth call of F failing (EIO;
#    ENOSPC for write). Each run must exit 0 or 6; exit 0 must leave exactly
#    the state of a run without faults; exit 6 must say
#    "hostctl-VERB: error: ..." with the cause. Then the next command
#    (hostctl list, without faults) must exit 0, and the state must be the
#    old one or the new one, nothing else and no journal left; when it is
#    the new one after an exit 6, the message must have said so ("the
#    change is decided" or "the change was applied"), and only then.
#    With fiu-run (fiu-utils) present, FIU_RUNS (default 40) more runs fail
#    POSIX I/O calls at random through libfiu's wrappers (as fiu-run -x),
#    with the same checks.
# 2. A full disk: a 4 MiB tmpfs (mount needs root; else RLIMIT_FSIZE
#    through ulimit -f with SIGXFSZ ignored, so that writes fail with
#    EFBIG) filled up but for 0, 4, 8 ... 28 KiB while the mutations run;
#    the same checks, once the space is freed.
# 3. Standard output that cannot be written: /dev/full, a pipe whose
#    reader is gone (hostctl ... | true), and a closed descriptor (>&-),
#    for a query and for a mutation: exit 6, one message naming the
#    cause, and for a mutation the change saved and the message saying so.
#
# Prints "faults: N faults injected, all handled".
set -u
name=faults
if [ $# -ne 2 ] || [ ! -x "$1/hostctl" ]; then
	echo "usage: $0 BINDIR FAULTINJECT" >&2
	exit 2
fi
bindir=$(cd "$1" && pwd)
shim=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/rel-common.sh"

tmp=$(mktemp -d "$scratch/hostctl-faults.XXXXXX") || exit 1
disk=
cleanup() {
	if [ -n "$disk" ]; then
		umount "$disk" 2>/dev/null
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
t_start=$(now_us)
base=$tmp/base
families="open read write fsync rename close mkdir unlink ftruncate"

set -- $(populate "$base")
[ $# = 2 ] || die "populating the state failed"
J=$2
printf 'mail log of the relay\n' >"$tmp/evidence.txt"
(
	cd "$base" || exit 1
	kase=$(HOSTCTL_SEED=faults-a hostctl abuse-respond new "$J" --source third-party --kind spam \
		--summary "open relay" --format id) &&
		hostctl abuse-respond confirm "$kase" --format id >/dev/null &&
		X=$(HOSTCTL_SEED=faults-x hostctl provision new --customer acme --plan B --format id) &&
		hostctl provision activate "$X" --at 2026-12-03T10:00:00+09:00 --format id >/dev/null &&
		hostctl provision cancel "$X" --effective 2026-12-31 --format id >/dev/null &&
		echo "$kase" >"$tmp/case"
) 2>"$tmp/setup.err" || die "set-up: $(cat "$tmp/setup.err")"
kase=$(cat "$tmp/case")
tree_sums "$base" >"$tmp/sums.base"

# The mutations, one per line: TAG SEED ARGS... (SEED '-' for none).
cat >"$tmp/mutations" <<EOF
cust-add - customer add newco --name "New Co" --contact ito,Ito,090-5555-6666
cust-set - customer set acme --name "Acme Holdings" --monitoring-email ops@acme.example.jp
prov-new faults-n provision new --customer acme --plan A --option ssl --domain faults.example.jp --format id
evidence - abuse-respond evidence $kase $tmp/evidence.txt --format id
sweep - provision sweep --at 2026-12-31T00:00:00+09:00
EOF

# in_state DIR TAG [VAR=VALUE]...: runs mutation TAG in DIR with the given
# environment (values without spaces); stdout, stderr and exit status in
# $tmp/run.out, $tmp/run.err and $rc.
in_state() {
	dir=$1 tag=$2
	shift 2
	envs="$*"
	line=$(grep "^$tag " "$tmp/mutations")
	eval "set -- ${line#* }"
	seed_arg=$1
	shift
	(
		cd "$dir" || exit 125
		if [ "$seed_arg" != - ]; then
			HOSTCTL_SEED=$seed_arg
			export HOSTCTL_SEED
		fi
		# shellcheck disable=SC2086
		exec env $envs hostctl "$@" </dev/null
	) >"$tmp/run.out" 2>"$tmp/run.err"
	rc=$?
}

injected=0 handled=0 ended_old=0 ended_new=0 zero=0

# settle TAG DIR HOW: the checks after a run that may have failed (exit in
# $rc, output in $tmp/run.*): see the head of this file.
settle() {
	tag=$1 dir=$2 how=$3
	case $rc in
	0)
		zero=$((zero + 1))
		tree_sums "$dir" >"$tmp/sums.cur"
		if ! cmp -s "$tmp/sums.cur" "$tmp/sums.new.$tag" || [ -n "$(find "$dir" -name '.*.hctmp')" ]; then
			fail "$tag, $how: exit 0 but the state differs from a run without faults: $(tree_diff "$dir" "$tmp/new.$tag")"
			return
		fi
		cmp -s "$tmp/run.out" "$tmp/new.$tag.out" || fail "$tag, $how: exit 0 but different output"
		;;
	6)
		grep -q '^hostctl-[a-z-]*: error: .*: [A-Z][a-z]' "$tmp/run.err" ||
			fail "$tag, $how: exit 6 without a message naming the cause: $(head -c 300 "$tmp/run.err")"
		;;
	*)
		fail "$tag, $how: exit $rc (want 0 or 6): $(head -c 300 "$tmp/run.err")"
		;;
	esac
	(cd "$dir" && hostctl list customer --format tsv </dev/null >"$tmp/next.out" 2>"$tmp/next.err") ||
		fail "$tag, $how: the next command fails: $(head -c 300 "$tmp/next.err")"
	[ -e "$dir/.hostctl/journal" ] && fail "$tag, $how: a journal is left"
	tree_sums "$dir" >"$tmp/sums.cur"
	if cmp -s "$tmp/sums.cur" "$tmp/sums.new.$tag"; then
		ended_new=$((ended_new + 1))
		if [ "$rc" = 6 ] && ! grep -q -e 'the change is decided' -e 'the change was applied' \
			-e 'the state is saved' "$tmp/run.err"; then
			fail "$tag, $how: exit 6 and the change was made, but the message does not say so: $(head -c 300 "$tmp/run.err")"
		fi
	elif cmp -s "$tmp/sums.cur" "$tmp/sums.base"; then
		ended_old=$((ended_old + 1))
		if grep -q -e 'the change is decided' -e 'the change was applied' "$tmp/run.err"; then
			fail "$tag, $how: says the change is made, but the state is the old one"
		fi
	else
		fail "$tag, $how: neither the old nor the new state: new: $(tree_diff "$dir" "$tmp/new.$tag") old: $(tree_diff "$dir" "$base")"
		return
	fi
	handled=$((handled + 1))
}

# ---- 1. injected faults ------------------------------------------------------------

renames=0 strict=0
for tag in $(cut -d' ' -f1 "$tmp/mutations"); do
	# The state after a run without faults, its output, and the calls it makes.
	cp -a "$base" "$tmp/new.$tag"
	in_state "$tmp/new.$tag" "$tag"
	[ "$rc" = 0 ] || die "$tag fails without faults: $(head -c 300 "$tmp/run.err")"
	cp "$tmp/run.out" "$tmp/new.$tag.out"
	tree_sums "$tmp/new.$tag" >"$tmp/sums.new.$tag"
	rm -rf "$tmp/w" && cp -a "$base" "$tmp/w"
	rm -f "$tmp/count" "$tmp/trace"
	in_state "$tmp/w" "$tag" LD_PRELOAD="$shim" FAULTINJECT_COUNT="$tmp/count" \
		FAULTINJECT_TRACE="$tmp/trace"
	[ "$rc" = 0 ] && same_tree "$tmp/w" "$tmp/new.$tag" ||
		die "$tag under the shim, without faults: exit $rc, $(tree_diff "$tmp/w" "$tmp/new.$tag")"
	[ -s "$tmp/count" ] || die "the shim counted nothing (is $shim preloaded?)"
	# The commit's order: fsync, close, rename, fsync (hc_fs_write_atomic).
	bad=$(awk '{ t[NR] = $2 } END {
		for (i = 1; i <= NR; i++)
			if (t[i] == "rename") {
				n++
				if (t[i - 2] != "fsync" || t[i - 1] != "close" || t[i + 1] != "fsync")
					bad++
			}
		printf "%d %d", n, bad
	}' "$tmp/trace")
	n=${bad% *} bad=${bad#* }
	[ "$n" -gt 0 ] || fail "$tag: no rename at all"
	[ "$bad" = 0 ] || fail "$tag: $bad of $n renames not between an fsync of the file and of its directory"
	renames=$((renames + n))
	# Which calls must make the command fail when they fail: every write,
	# truncation, sync, rename, file removal and directory creation, and
	# the close of a file written; but not the lock's holder line (best
	# effort: the flock is what counts), nor the removal of an emptied
	# index directory and the sync after it (git keeps no directories).
	awk '{
		c[$1]++
		strict = 0
		if ($1 == "write" || $1 == "ftruncate")
			strict = $3 != "lock"
		else if ($1 == "fsync")
			strict = prev != "rmdir"
		else if ($1 == "rename" || $1 == "mkdir")
			strict = 1
		else if ($1 == "unlink")
			strict = $2 != "rmdir"
		else if ($1 == "close")
			strict = $4 == "w" && $3 != "lock"
		print $1, c[$1], strict, $2, $3
		prev = $2
	}' "$tmp/trace" >"$tmp/class.$tag"
	echo "$name: $tag makes $(awk '{ n += $2; s = s " " $1 " " $2 } END { print n " calls:" s }' "$tmp/count")"
	for fam in $families; do
		count=$(awk -v f="$fam" '$1 == f { print $2 }' "$tmp/count")
		i=1
		while [ "$i" -le "${count:-0}" ]; do
			rm -rf "$tmp/w" && cp -a "$base" "$tmp/w"
			rm -f "$tmp/fired"
			in_state "$tmp/w" "$tag" LD_PRELOAD="$shim" FAULTINJECT_FUNC="$fam" \
				FAULTINJECT_NTH="$i" FAULTINJECT_FIRED="$tmp/fired"
			if [ -s "$tmp/fired" ]; then
				injected=$((injected + 1))
				set -- $(grep "^$fam $i " "$tmp/class.$tag")
				if [ "${3:-0}" = 1 ]; then
					strict=$((strict + 1))
					[ "$rc" != 0 ] || fail "$tag: $fam ($4) of '$5' failed (call $i), yet exit 0"
				fi
				settle "$tag" "$tmp/w" "$fam call $i fails"
			else
				fail "$tag: $fam call $i of $count was never made (not deterministic?)"
			fi
			i=$((i + 1))
		done
	done
done
echo "$name: injected: $injected runs ($strict of a write, sync, rename, removal or close that must fail the command); $renames renames checked for their syncs"

# libfiu's POSIX wrappers, as fiu-run -x sets them up; with an ASan build
# the ASan runtime must come first in LD_PRELOAD (and fiu's own allocation
# at start-up is not ours to report as a leak).
fiu=$(command -v fiu-run 2>/dev/null)
if [ -n "$fiu" ]; then
	plib=$(sed -n 's/^PLIBPATH="\(.*\)"$/\1/p' "$fiu" | head -n 1)
	[ -f "$plib/fiu_posix_preload.so" ] || fiu=
fi
if [ -n "$fiu" ]; then
	runs=${FIU_RUNS:-40}
	preload=$plib/fiu_run_preload.so:$plib/fiu_posix_preload.so
	asan=$(ldd "$bindir/hostctl-customer" 2>/dev/null | awk '/libasan/ { print $3 }')
	[ -z "$asan" ] || preload=$asan:$preload
	FIU_ENABLE="enable_random name=posix/io/rw/*,probability=0.05
enable_random name=posix/io/sync/*,probability=0.2
enable_random name=posix/io/oc/*,probability=0.02"
	FIU_CTRL_FIFO=
	export FIU_ENABLE FIU_CTRL_FIFO
	k=0 fiu_fired=0
	while [ "$k" -lt "$runs" ]; do
		k=$((k + 1))
		tag=$(cut -d' ' -f1 "$tmp/mutations" | sed -n "$((k % 5 + 1))p")
		rm -rf "$tmp/w" && cp -a "$base" "$tmp/w"
		in_state "$tmp/w" "$tag" LD_PRELOAD="$preload" ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0"
		{ [ "$rc" = 0 ] && same_tree "$tmp/w" "$tmp/new.$tag"; } || fiu_fired=$((fiu_fired + 1))
		settle "$tag" "$tmp/w" "libfiu random faults, run $k"
	done
	unset FIU_ENABLE FIU_CTRL_FIFO
	injected=$((injected + fiu_fired))
	echo "$name: libfiu (fiu-run -x): $runs runs, $fiu_fired with a fault that showed"
else
	echo "$name: fiu-run not installed; the project's shim only"
fi

# ---- 2. a full disk --------------------------------------------------------------------

mkdir "$tmp/disk"
full=0
if mount -t tmpfs -o size=4m hostctl-faults "$tmp/disk" 2>/dev/null; then
	disk=$tmp/disk
	for tag in cust-add prov-new evidence sweep; do
		free=0
		while [ "$free" -le 28672 ]; do
			rm -rf "$disk/state" "$disk/fill"
			cp -a "$base" "$disk/state" || die "copying to the tmpfs failed"
			dd if=/dev/zero of="$disk/fill" bs=4096 2>/dev/null
			[ "$free" = 0 ] || truncate -s "-$free" "$disk/fill"
			in_state "$disk/state" "$tag"
			rm -f "$disk/fill"
			if [ "$rc" = 6 ]; then
				full=$((full + 1))
				grep -q 'No space left on device' "$tmp/run.err" ||
					fail "$tag on a full disk: the message does not say the disk is full: $(head -c 300 "$tmp/run.err")"
			fi
			settle "$tag" "$disk/state" "full disk, $free bytes free"
			free=$((free + 4096))
		done
	done
	umount "$disk" && disk=
	echo "$name: full disk (tmpfs): $full runs ran out of space"
	injected=$((injected + full))
fi
# RLIMIT_FSIZE: every file beyond the limit fails with EFBIG.
for blocks in 1 2 4 8 16 32; do
	for tag in cust-add prov-new evidence; do
		rm -rf "$tmp/w" && cp -a "$base" "$tmp/w"
		line=$(grep "^$tag " "$tmp/mutations")
		seed_arg=$(echo "$line" | cut -d' ' -f2)
		eval "set -- ${line#* }"
		shift
		(
			cd "$tmp/w" || exit 125
			[ "$seed_arg" = - ] || { HOSTCTL_SEED=$seed_arg; export HOSTCTL_SEED; }
			trap '' XFSZ
			ulimit -f "$blocks" || exit 125
			exec hostctl "$@" </dev/null
		) >"$tmp/run.out" 2>"$tmp/run.err"
		rc=$?
		if [ "$rc" = 6 ]; then
			injected=$((injected + 1))
			grep -q 'File too large' "$tmp/run.err" ||
				fail "$tag with ulimit -f $blocks: no 'File too large': $(head -c 300 "$tmp/run.err")"
		fi
		settle "$tag" "$tmp/w" "ulimit -f $blocks"
	done
done

# ---- 3. standard output -------------------------------------------------------------------

# out_check HOW TAG|query CMD: the run's exit and message; for a mutation
# the state must be the new one and the message must say it is saved.
out_check() {
	how=$1 tag=$2 cause=$3
	injected=$((injected + 1))
	[ "$rc" = 6 ] || fail "$how ($tag): exit $rc, want 6"
	n=$(grep -c 'error: unable to write to standard output' "$tmp/run.err")
	[ "$n" = 1 ] || fail "$how ($tag): $n messages about standard output, want 1: $(cat "$tmp/run.err")"
	grep -q "standard output: $cause" "$tmp/run.err" || fail "$how ($tag): the cause is not '$cause': $(cat "$tmp/run.err")"
	if [ "$tag" != query ]; then
		grep -q 'the state is saved' "$tmp/run.err" ||
			fail "$how ($tag): the message does not say the state is saved: $(cat "$tmp/run.err")"
		same_tree "$tmp/w" "$tmp/new.$tag" ||
			fail "$how ($tag): the change is not saved: $(tree_diff "$tmp/w" "$tmp/new.$tag")"
		if grep -r -l -F -f "$tmp/new.$tag.out" "$tmp/w" >/dev/null 2>&1 &&
			! grep -r -l -F -f "$tmp/new.$tag.out" "$tmp/new.$tag" >/dev/null 2>&1; then
			fail "$how ($tag): the output went into a state file"
		fi
	else
		handled=$((handled + 1))
	fi
}

# query/mutation runners for the three kinds of broken output.
for tag in query cust-add prov-new; do
	for how in dev-full closed-pipe closed-fd; do
		rm -rf "$tmp/w" && cp -a "$base" "$tmp/w"
		if [ "$tag" = query ]; then
			set -- list server --format tsv
			seed_arg=-
		else
			line=$(grep "^$tag " "$tmp/mutations")
			seed_arg=$(echo "$line" | cut -d' ' -f2)
			eval "set -- ${line#* }"
			shift
		fi
		(
			cd "$tmp/w" || exit 125
			[ "$seed_arg" = - ] || { HOSTCTL_SEED=$seed_arg; export HOSTCTL_SEED; }
			case $how in
			dev-full)
				hostctl "$@" </dev/null >/dev/full 2>"$tmp/run.err"
				echo $? >"$tmp/rc"
				;;
			closed-pipe)
				# The reader is gone before the writer writes.
				{ sleep 0.5; hostctl "$@" </dev/null 2>"$tmp/run.err"; echo $? >"$tmp/rc"; } | true
				;;
			closed-fd)
				hostctl "$@" </dev/null >&- 2>"$tmp/run.err"
				echo $? >"$tmp/rc"
				;;
			esac
		)
		rc=$(cat "$tmp/rc")
		case $how in
		dev-full) cause='No space left on device' ;;
		closed-pipe) cause='Broken pipe' ;;
		closed-fd) cause='Bad file descriptor' ;;
		esac
		out_check "$how" "$tag" "$cause"
		[ "$tag" = query ] || settle "$tag" "$tmp/w" "$how"
	done
done

secs=$((($(now_us) - t_start) / 1000000))
echo "$name: $handled runs settled: $ended_old left the old state, $ended_new the new one ($zero exited 0); ${secs} s"
if [ "$failures" -ne 0 ]; then
	echo "$name: $injected faults injected, $failures failures"
	exit 1
fi
echo "$name: $injected faults injected, all handled"
