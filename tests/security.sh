#!/bin/sh
# security.sh BINDIR SRCDIR FAULTINJECT - no shell with user text, no path out of the
# state, no unverified restart or abuse action, evidence kept private.
#
# 1. No shell. The dynamic imports of every executable (nm -D, else
#    objdump -T) hold none of system, popen, execl, execle, execlp,
#    wordexp, posix_spawn, posix_spawnp; no executable holds the string
#    "/bin/sh"; the sources (cmd/, lib/) call none of them either, and their
#    only exec calls are the dispatcher's (execv/execvp of hostctl-VERB,
#    VERB checked as [a-z0-9-]) and execvp("git", ...) for --commit. Then
#    every verb runs with shell metacharacters in its free text and ids
#    ($(...), backquotes, ;, |, >), --commit included (git runs with the
#    text as its commit message): no canary file may appear.
# 2. No path out of the state. Ids with '/', '..', '.', a leading '-' or
#    '.', control characters (ESC, newline, tab, DEL), 200 characters, or
#    empty, given to every verb and option that takes an id (or a domain,
#    hostname), must exit 2 saying so (a contact id or the name of stored
#    evidence, which are only compared, may instead be refused, exit 1, or
#    not found, exit 3), write nothing in the state nor next to it, and
#    print no control character (they are shown as \xHH).
# 3. Verification first. restart-request start before verify, verify
#    through the wrong channel, a requester who is not a registered
#    contact; abuse-respond isolate, shutdown and reinstall-os before the
#    case is confirmed and in rescue, rescue before the customer is
#    contacted: each exits 1 naming the rule, and writes nothing.
# 4. Evidence: stored files and extracted copies are mode 0600 whatever
#    the umask; so is the journal, which holds the evidence while it is
#    applied (seen by failing the rename after the journal's, with the
#    faultinject shim); an existing --output is never overwritten.
#
# Prints "security: N checks, 0 failures".
set -u
name=security
if [ $# -ne 3 ] || [ ! -x "$1/hostctl" ]; then
	echo "usage: $0 BINDIR SRCDIR FAULTINJECT" >&2
	exit 2
fi
bindir=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
faultinject=$3
here=$(cd "$(dirname "$0")" && pwd)
. "$here/rel-common.sh"

tmp=$(mktemp -d "$scratch/hostctl-security.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
t_start=$(now_us)
checks=0
check() {
	checks=$((checks + 1))
}

# ---- 1. no shell ---------------------------------------------------------------

forbidden='system|popen|execl|execle|execlp|wordexp|posix_spawn|posix_spawnp|__libc_system'
nbin=0
for b in "$bindir"/hostctl "$bindir"/hostctl-*; do
	[ -f "$b" ] && [ -x "$b" ] || continue
	nbin=$((nbin + 1))
	if command -v nm >/dev/null 2>&1; then
		imports=$(nm -D --undefined-only "$b" 2>/dev/null | awk '{ print $NF }' | sed 's/@.*//')
	else
		imports=$(objdump -T "$b" 2>/dev/null | awk '/\*UND\*/ { print $NF }')
	fi
	[ -n "$imports" ] || fail "$(basename "$b"): no dynamic imports found (nm and objdump missing?)"
	bad=$(echo "$imports" | grep -E -x "($forbidden)" | tr '\n' ' ')
	check
	[ -z "$bad" ] || fail "$(basename "$b") imports $bad"
	check
	if LC_ALL=C grep -a -q '/bin/sh' "$b"; then
		fail "$(basename "$b") holds the string /bin/sh"
	fi
done
[ "$nbin" -ge 10 ] || fail "only $nbin executables in $bindir"

# The sources: no shell call at all, and the exec calls are the known ones.
check
hits=$(grep -n -E "\\b($forbidden)[[:space:]]*\\(" "$src"/cmd/*.c "$src"/lib/*.c 2>/dev/null |
	grep -v -E '^[^:]*:[0-9]+:[[:space:]]*(/?\*|//)' )
[ -z "$hits" ] || fail "a shell-spawning call in the sources: $hits"
check
hits=$(grep -n -E '"/bin/sh"|"sh", *"-c"' "$src"/cmd/*.c "$src"/lib/*.c 2>/dev/null)
[ -z "$hits" ] || fail "a shell in the sources: $hits"
execs=$(grep -n -o -E '\bexec[lv]p?e?[[:space:]]*\([^,]*' "$src"/cmd/*.c "$src"/lib/*.c 2>/dev/null |
	sed -E "s|^$src/||; s/:[0-9]+:/: /; s/[[:space:]]+\\(/(/" | sort -u)
want='cmd/hostctl.c: execv(path
cmd/hostctl.c: execvp(name
lib/txn.c: execvp("git"'
check
[ "$execs" = "$want" ] || fail "exec calls are not the known ones: $(echo "$execs" | tr '\n' ';')"
check
grep -q 'static int valid_verb' "$src/cmd/hostctl.c" || fail "the dispatcher does not check verb names"

# The dispatcher runs no verb named with a path or a metacharacter.
mkdir "$tmp/cwd" && cd "$tmp/cwd" || exit 1
mkdir -p 'hostctl-..' && printf '#!/bin/sh\ntouch "%s/canary.dispatch"\n' "$tmp" >'hostctl-../evil' &&
	chmod +x 'hostctl-../evil'
for verb in '../evil' '../../bin/sh' 'x;touch canary' '$(touch canary)' 'Show' ''; do
	check
	hostctl "$verb" </dev/null >/dev/null 2>"$tmp/err"
	rc=$?
	[ "$rc" = 2 ] || fail "hostctl '$verb': exit $rc, want 2: $(head -c 200 "$tmp/err")"
done
check
[ -e "$tmp/canary.dispatch" ] && fail "the dispatcher ran a program named by a path"

# ---- a state to attack -----------------------------------------------------------

state=$tmp/state
set -- $(populate "$state")
[ $# = 2 ] || die "populating the state failed"
M=$1 J=$2
cd "$state" || exit 1
kase=$(HOSTCTL_SEED=sec-case hostctl abuse-respond new "$J" --source third-party --kind intrusion \
	--summary "ssh brute force" --format id 2>/dev/null) || die "abuse-respond new failed"
kase2=$(HOSTCTL_SEED=sec-case2 hostctl abuse-respond new "$J" --source customer --kind spam \
	--summary "spam" --format id 2>/dev/null) || die "abuse-respond new failed"
req=$(HOSTCTL_SEED=sec-req hostctl restart-request new "$J" --requester tanaka --format id 2>/dev/null) ||
	die "restart-request new failed"
printf 'attacker log\n' >"$tmp/evidence.txt"
mkdir "$tmp/neighbour"
echo "keep" >"$tmp/neighbour/file"

# snap: every file and directory in and next to the state (not the lock's
# content, which names its last holder), with modes and checksums.
snap() {
	(cd "$tmp" && find state neighbour cwd -path state/.hostctl/lock -prune -o -printf '%y %m %p\n' |
		sort && find state neighbour -type f ! -path state/.hostctl/lock -exec cksum {} + | sort)
}

# ---- 1b. metacharacters in free text -----------------------------------------------

git -C "$state" init -q -b main >/dev/null 2>&1 && git -C "$state" add -A >/dev/null 2>&1 &&
	GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.jp GIT_COMMITTER_NAME=t \
		GIT_COMMITTER_EMAIL=t@example.jp git -C "$state" commit -q -m base >/dev/null 2>&1 ||
	die "git init of the state failed"
GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.jp GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.jp
export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
meta="\$(touch $tmp/canary.1) \`touch $tmp/canary.2\`; touch $tmp/canary.3 | touch $tmp/canary.4 > $tmp/canary.5 && touch $tmp/canary.6"
metanames=0
for args in "customer set acme --commit --name" \
	"abuse-respond dismiss $kase2 --commit --reason" \
	"restart-request suspend-monitoring $J --from 2026-12-01T01:00:00+09:00 --to 2026-12-01T02:00:00+09:00 --commit --reason" \
	"customer add"; do
	set -f
	# shellcheck disable=SC2086
	set -- $args
	set +f
	hostctl "$@" "$meta" </dev/null >/dev/null 2>"$tmp/err"
	metanames=$((metanames + 1))
done
HOSTCTL_OPERATOR="$meta" hostctl customer set acme --name Acme --commit </dev/null >/dev/null 2>&1
check
if ls "$tmp"/canary.* >/dev/null 2>&1; then
	fail "a shell ran user text: $(ls "$tmp"/canary.* | tr '\n' ' ')"
fi
check
git -C "$state" log --format=%B | grep -q -F -e "Operator: $meta" ||
	fail "the commit with hostile text is not there as plain text"
check
grep -q -F "touch $tmp/canary.1" customers/acme.yaml audit/*.jsonl 2>/dev/null ||
	fail "the hostile text is not kept as plain data"
rm -rf .git

# ---- 2. ids that would leave the state ----------------------------------------------

esc=$(printf 'a\033[2Jb')
nl=$(printf 'a\nb')
tab=$(printf 'a\tb')
del=$(printf 'a\177b')
long=$(printf '%0200d' 0)
cat >"$tmp/ids" <<EOF
../x
../../etc/passwd
a/b
/etc/passwd
..
.
.hidden
-x
x/../../y
$long
EOF
printf '%s\n' "$esc" "$tab" "$del" >>"$tmp/ids"

# The templates: @ is the hostile id. Each line: KIND ARGS... where KIND
# is "id" (exit 2, saying what is wrong) or "name", a value that is only
# compared with stored ones and never becomes a path (a contact, the name
# of stored evidence): refused (1), a usage error (2) or not found (3).
cat >"$tmp/templates" <<EOF
id show @
id show server/@
id show customer/@
id customer add @ --name X
id customer set @ --name X
id provision new --customer @ --plan A
id provision new --customer acme --plan A --hostname @
id provision new --customer acme --plan A --domain @
id provision activate @
id provision cancel @ --effective 2026-12-31
id provision add-domain @ x.example.jp
id provision add-domain $M @
id change-plan @ --to B
id restart-request new @ --requester tanaka
name restart-request new $J --requester @
id restart-request verify @ --channel emergency-phone
id restart-request start @
id restart-request complete @
id restart-request detect @
id restart-request plan @
id restart-request call @ --contact tanaka --answered no
id restart-request reboot @
id restart-request recovered @
id restart-request not-recovered @ --repair part
id restart-request suspend-monitoring @ --from 2026-12-01T01:00:00+09:00 --to 2026-12-01T02:00:00+09:00
id abuse-respond new @ --source customer --kind spam --summary x
id abuse-respond confirm @
id abuse-respond dismiss @ --reason x
id abuse-respond rescue @ --menu mail-abuse
id abuse-respond reinstall-os @
id abuse-respond suspend-accounts @ web
id abuse-respond evidence @ $tmp/evidence.txt
name abuse-respond evidence $kase --extract @ --output $tmp/extracted
id abuse-respond next @
id sla-report --server @
id sla-report --customer @
id dns @
EOF

# attempt ID: every template with ID.
attempt() {
	id=$1
	while read -r kind tpl; do
		set -f
		# shellcheck disable=SC2086
		set -- $tpl
		set +f
		n=$#
		i=0
		while [ "$i" -lt "$n" ]; do
			a=$1
			shift
			case $a in
			@) a=$id ;;
			*/@) a=${a%@}$id ;;
			esac
			set -- "$@" "$a"
			i=$((i + 1))
		done
		hostctl "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
		rc=$?
		tried=$((tried + 1))
		check
		shown="$tpl with '$(printf '%s' "$id" | tr -c '[:print:]' '?')': exit $rc: $(head -c 200 "$tmp/err" | tr -c '[:print:]' '?')"
		if [ "$kind" = id ]; then
			[ "$rc" = 2 ] || fail "want exit 2: $shown"
			grep -q -i -e 'invalid' -e 'no record kind' -e 'unknown option' -e 'expected' "$tmp/err" ||
				fail "the message does not say what is wrong: $shown"
		else
			[ "$rc" -ge 1 ] && [ "$rc" -le 3 ] || fail "want exit 1, 2 or 3: $shown"
		fi
		if tr -d '\n' <"$tmp/err" | LC_ALL=C grep -q '[[:cntrl:]]'; then
			fail "control characters on standard error: $shown"
		fi
	done <"$tmp/templates"
}

snap >"$tmp/before"
tried=0
while IFS= read -r id; do
	attempt "$id"
done <"$tmp/ids"
attempt "$nl"
attempt ""
snap >"$tmp/after"
check
cmp -s "$tmp/before" "$tmp/after" ||
	fail "hostile ids changed files: $(diff "$tmp/before" "$tmp/after" | head -n 6 | tr '\n' ' ')"
[ -e "$tmp/extracted" ] && fail "--extract with a hostile name wrote its output"
echo "$name: $tried runs with hostile ids ($(($(wc -l <"$tmp/ids") + 2)) ids x $(wc -l <"$tmp/templates") places), nothing written"

# ---- 3. verification before action ---------------------------------------------------

snap >"$tmp/before"
# refuse WHAT RULE-TEXT ARGS...: must exit 1, say RULE-TEXT, write nothing.
refuse() {
	what=$1 text=$2
	shift 2
	hostctl "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
	rc=$?
	check
	[ "$rc" = 1 ] || fail "$what: exit $rc, want 1: $(head -c 300 "$tmp/err")"
	grep -q -e "$text" "$tmp/err" || fail "$what: the refusal does not say '$text': $(head -c 300 "$tmp/err")"
	grep -q '§' "$tmp/err" || fail "$what: the refusal names no section"
	snap >"$tmp/after"
	cmp -s "$tmp/before" "$tmp/after" || fail "$what: the refusal wrote: $(diff "$tmp/before" "$tmp/after" | head -n 4 | tr '\n' ' ')"
}
refuse "restart-request start before verify" "not verified" restart-request start "$req"
refuse "restart-request verify through the wrong channel" "emergency-phone" \
	restart-request verify "$req" --channel monitoring-email --by yamada
refuse "restart-request by someone not a registered contact" "not a registered contact" \
	restart-request new "$J" --requester mallory
refuse "abuse-respond isolate before confirm" "not a next step" abuse-respond isolate "$kase"
refuse "abuse-respond shutdown before confirm" "not a next step" abuse-respond shutdown "$kase"
refuse "abuse-respond reinstall-os before the case allows it" "not a next step" \
	abuse-respond reinstall-os "$kase" --limited
refuse "abuse-respond rescue before the customer is contacted" "not a next step" \
	abuse-respond rescue "$kase" --menu investigation
hostctl abuse-respond confirm "$kase" </dev/null >/dev/null 2>&1 || fail "abuse-respond confirm failed"
snap >"$tmp/before"
refuse "abuse-respond reinstall-os when only confirmed" "not a next step" \
	abuse-respond reinstall-os "$kase" --limited
refuse "abuse-respond resolve when only confirmed" "not a next step" abuse-respond resolve "$kase"
# Once verified, the same start goes through.
hostctl restart-request verify "$req" --channel emergency-phone --by yamada </dev/null >/dev/null 2>&1 &&
	hostctl restart-request start "$req" </dev/null >/dev/null 2>"$tmp/err"
rc=$?
check
[ "$rc" = 0 ] || fail "restart-request start after verify: $(head -c 300 "$tmp/err")"

# ---- 4. evidence stays private ------------------------------------------------------------

for mask in 022 000; do
	(umask "$mask" && hostctl abuse-respond evidence "$kase" "$tmp/evidence.txt" </dev/null \
		>/dev/null 2>"$tmp/err") || fail "evidence with umask $mask: $(head -c 300 "$tmp/err")"
done
n=0
for f in evidence/"$kase"/*; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	check
	m=$(stat -c %a "$f")
	[ "$m" = 600 ] || fail "evidence file $f has mode $m, want 600"
done
[ "$n" -ge 2 ] || fail "$n evidence files stored, want 2"
stored=$(ls evidence/"$kase" | head -n 1)
(umask 000 && hostctl abuse-respond evidence "$kase" --extract "$stored" --output "$tmp/out.txt" \
	</dev/null >/dev/null 2>"$tmp/err") || fail "extract: $(head -c 300 "$tmp/err")"
check
[ "$(stat -c %a "$tmp/out.txt" 2>/dev/null)" = 600 ] || fail "the extracted copy is not mode 600"
check
cmp -s "$tmp/out.txt" "$tmp/evidence.txt" || fail "the extracted copy differs from the evidence"
echo "do not touch" >"$tmp/existing"
hostctl abuse-respond evidence "$kase" --extract "$stored" --output "$tmp/existing" </dev/null \
	>/dev/null 2>&1
rc=$?
check
[ "$rc" != 0 ] && [ "$(cat "$tmp/existing")" = "do not touch" ] ||
	fail "--extract overwrote an existing file (exit $rc)"
# The journal holds the evidence while a change is applied: 0600 as well.
# The second rename (the first is the journal's) fails, so the journal
# stays for the next command to complete.
LD_PRELOAD=$faultinject FAULTINJECT_FUNC=rename FAULTINJECT_NTH=2 \
	hostctl abuse-respond evidence "$kase" "$tmp/evidence.txt" </dev/null >/dev/null 2>"$tmp/err"
rc=$?
check
if [ "$rc" = 6 ] && [ -f .hostctl/journal ]; then
	m=$(stat -c %a .hostctl/journal)
	[ "$m" = 600 ] || fail "the journal holding evidence has mode $m, want 600"
	grep -q 'the change is decided' "$tmp/err" || fail "the failed evidence run does not say it is decided"
else
	fail "failing the rename after the journal's: exit $rc, journal $([ -f .hostctl/journal ] && echo present || echo absent): $(head -c 300 "$tmp/err")"
fi
hostctl validate </dev/null >/dev/null 2>"$tmp/err" || fail "validate after the journal: $(head -c 300 "$tmp/err")"
for f in evidence/"$kase"/*; do
	check
	m=$(stat -c %a "$f")
	[ "$m" = 600 ] || fail "evidence file $f has mode $m after the roll-forward, want 600"
done

secs=$((($(now_us) - t_start) / 1000000))
echo "$name: $nbin executables, $metanames runs with shell text; ${secs} s"
if [ "$failures" -ne 0 ]; then
	echo "$name: $checks checks, $failures failures"
	exit 1
fi
echo "$name: $checks checks, 0 failures"
