#!/bin/sh
# git-merge.sh BINDIR - uniqueness through claim paths survives git.
#
# A state repository, two clones that provision in parallel, then a merge:
#   1. both take the same --hostname: git reports an add/add conflict on
#      claims/hostname/<name>;
#   2. a pool with one free address: both take it, add/add on claims/ip/<ip>;
#   3. different servers: the merge is clean and `hostctl validate` exits 0;
#   4. a duplicate that slipped through (the conflict of 2 resolved by
#      keeping one owner in the claim file, both servers still listing the
#      address): `hostctl validate` exits 5 and names the claim.
# No network; git's identity comes from the environment.
set -u
bindir=$(cd "$1" && pwd)
PATH="$bindir:$PATH"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hostctl-merge.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/home"
HOME="$tmp/home"
GIT_CONFIG_NOSYSTEM=1
GIT_AUTHOR_NAME="hostctl test" GIT_AUTHOR_EMAIL="test@hosting.example.jp"
GIT_COMMITTER_NAME="hostctl test" GIT_COMMITTER_EMAIL="test@hosting.example.jp"
HOSTCTL_NOW=2026-11-20T10:00:00+09:00
HOSTCTL_OPERATOR=merge-test
export PATH HOME GIT_CONFIG_NOSYSTEM GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME \
	GIT_COMMITTER_EMAIL HOSTCTL_NOW HOSTCTL_OPERATOR
unset HOSTCTL_STATE HOSTCTL_SEED

passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { echo "git-merge: FAIL: $*"; failed=$((failed + 1)); }
die() { echo "git-merge: $*"; echo "git-merge: $passed passed, $((failed + 1)) failed"; exit 1; }

# origin NAME [HOSTCTL_YAML]: a state repository with customer acme.
origin() {
	o="$tmp/$1"
	hostctl init -p smartconnect-managed "$o" >/dev/null 2>&1 || die "init $1 failed"
	[ $# -ge 2 ] && cp "$2" "$o/hostctl.yaml"
	hostctl -C "$o" customer add acme --name Acme >/dev/null 2>&1 || die "customer add in $1 failed"
	git -C "$o" init -q -b main && git -C "$o" add -A && git -C "$o" commit -q -m "state" ||
		die "git init of $1 failed"
}

# provision CLONE SEED ARGS...: provision a managed server in CLONE and commit.
provision() {
	c=$1 seed=$2; shift 2
	HOSTCTL_SEED=$seed hostctl -C "$c" provision new --customer acme --plan A --format id "$@" \
		> "$tmp/id" 2>"$tmp/err" || die "provision in $c failed: $(cat "$tmp/err")"
	git -C "$c" add -A && git -C "$c" commit -q -m "provision $(cat "$tmp/id")" ||
		die "commit in $c failed"
	cat "$tmp/id"
}

# clones ORIGIN: fresh clones a and b of it.
clones() {
	rm -rf "$tmp/a" "$tmp/b"
	git clone -q "$tmp/$1" "$tmp/a" && git clone -q "$tmp/$1" "$tmp/b" || die "clone of $1 failed"
}

# merge: b into a; prints git's status of unmerged paths.
merge() {
	git -C "$tmp/a" pull -q --no-rebase --no-edit "$tmp/b" main >"$tmp/merge.out" 2>&1
	echo $? > "$tmp/merge.rc"
	git -C "$tmp/a" status --porcelain | grep -E '^(AA|UU|DD|AU|UA|DU|UD) ' || true
}

# ---- 1. the same hostname in both clones ----------------------------------------
origin r1
clones r1
provision "$tmp/a" clone-a --hostname web1.example.jp >/dev/null
provision "$tmp/b" clone-b --hostname web1.example.jp >/dev/null
unmerged=$(merge)
if [ "$(cat "$tmp/merge.rc")" = 0 ]; then
	fail "round 1: the merge of two claims on web1.example.jp succeeded"
elif [ "$unmerged" = "AA claims/hostname/web1.example.jp" ]; then
	ok
else
	fail "round 1: want only 'AA claims/hostname/web1.example.jp' unmerged, got: $unmerged"
fi
grep -q "CONFLICT (add/add): Merge conflict in claims/hostname/web1.example.jp" "$tmp/merge.out" ||
	fail "round 1: git did not report the add/add conflict: $(cat "$tmp/merge.out")"

# ---- 2. a pool with a single free address ------------------------------------------
sed -e '/^pools:/,$d' "$tmp/r1/hostctl.yaml" > "$tmp/one-free.yaml"
cat >> "$tmp/one-free.yaml" <<'EOF'
pools:
  - name: smartconnect-managed-osaka-global
    profile: smartconnect-managed
    region: osaka
    family: global
    cidr: 192.0.2.0/30
    exclude:
      - 192.0.2.1
  - name: smartconnect-managed-osaka-private
    profile: smartconnect-managed
    region: osaka
    family: private
    cidr: 10.4.0.0/16
    exclude:
      - 10.4.0.1
EOF
origin r2 "$tmp/one-free.yaml"
hostctl -C "$tmp/r2" validate >/dev/null 2>&1 || die "round 2: the one-free-address state is invalid"
clones r2
ida=$(provision "$tmp/a" clone-a)
idb=$(provision "$tmp/b" clone-b)
grep -qx "servers/$ida.yaml" "$tmp/a/claims/ip/192.0.2.2" || fail "round 2: clone a did not take 192.0.2.2"
grep -qx "servers/$idb.yaml" "$tmp/b/claims/ip/192.0.2.2" || fail "round 2: clone b did not take 192.0.2.2"
unmerged=$(merge)
if [ "$(cat "$tmp/merge.rc")" = 0 ]; then
	fail "round 2: the merge of two claims on 192.0.2.2 succeeded"
elif [ "$unmerged" = "AA claims/ip/192.0.2.2" ]; then
	ok
else
	fail "round 2: want only 'AA claims/ip/192.0.2.2' unmerged, got: $unmerged"
fi

# ---- 4. the duplicate slips through: one owner kept in the claim file ---------------
# (Done on round 2's merge: resolve the conflict by taking clone a's side.)
git -C "$tmp/a" checkout -q --ours claims/ip/192.0.2.2 && git -C "$tmp/a" add -A &&
	git -C "$tmp/a" commit -q --no-edit || die "round 4: could not resolve the conflict"
hostctl -C "$tmp/a" validate > "$tmp/validate.out" 2>&1
rc=$?
if [ $rc != 5 ]; then
	fail "round 4: hostctl validate exited $rc, want 5: $(cat "$tmp/validate.out")"
elif ! grep -qF "claims/ip/192.0.2.2: claimed by 'servers/$ida.yaml', but 'servers/$idb.yaml' uses ip '192.0.2.2'" \
		"$tmp/validate.out"; then
	fail "round 4: validate does not name claims/ip/192.0.2.2 and server $idb: $(cat "$tmp/validate.out")"
else
	ok
fi

# ---- 3. different servers: a clean merge, a valid state ----------------------------
origin r3
clones r3
ida=$(provision "$tmp/a" clone-a)
idb=$(provision "$tmp/b" clone-b --domain shop.smc-msv.jp)
unmerged=$(merge)
if [ "$(cat "$tmp/merge.rc")" != 0 ] || [ -n "$unmerged" ]; then
	fail "round 3: the merge of two different servers failed: $(cat "$tmp/merge.out") $unmerged"
else
	ok
fi
if [ -f "$tmp/a/servers/$ida.yaml" ] && [ -f "$tmp/a/servers/$idb.yaml" ] &&
   [ -f "$tmp/a/claims/ready-domain/shop.smc-msv.jp" ]; then
	ok
else
	fail "round 3: the merged state lacks a server or a claim"
fi
if hostctl -C "$tmp/a" validate > "$tmp/validate.out" 2>&1; then
	ok
else
	fail "round 3: hostctl validate failed on the merged state: $(cat "$tmp/validate.out")"
fi
# The audit trail merged too (union): both provisions are there.
[ "$(cat "$tmp"/a/audit/*.jsonl | grep -c '"verb":"provision new"')" = 2 ] ||
	fail "round 3: the merged audit trail does not hold both provisions"

echo "git-merge: $passed passed, $failed failed"
[ $failed = 0 ]
