#!/bin/sh
# dns-checkzone.sh BINDIR - every zone `hostctl dns` renders passes
# named-checkzone (Debian bind9-utils).
#
# Provisions smartconnect-managed servers with domains in every DNS pattern
# (A, B, C, ready) and every web/mail-elsewhere combination, renders each
# with `hostctl dns D --format zone`, and checks:
#   - provider-primary zones (A, ready) as they are: SOA and NS present;
#   - hand-over fragments (B, C) after wrapping them in a dummy SOA and NS
#     of the customer: B carries the provider's NS but no SOA, C neither
#     (the provider serves nothing there but the server's own records);
#   - www only without --web-elsewhere, mail A and MX only without
#     --mail-elsewhere, the SPF TXT always (002 §2.2.4).
# named-checkzone runs with in-zone checks only (-i local): no lookups.
# A missing named-checkzone is a failure, not a skip: `tests/run all`
# installs bind9-utils.
set -u
bindir=$(cd "$1" && pwd)
PATH="$bindir:$PATH"
export PATH
if ! command -v named-checkzone >/dev/null 2>&1; then
	echo "dns-checkzone: named-checkzone not found (install bind9-utils; tests/run all does)"
	exit 1
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hostctl-checkzone.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
unset HOSTCTL_STATE
HOSTCTL_NOW=2026-11-20T10:00:00+09:00
HOSTCTL_OPERATOR=checkzone
HOSTCTL_SEED=checkzone
export HOSTCTL_NOW HOSTCTL_OPERATOR HOSTCTL_SEED

state="$tmp/state"
passed=0 failed=0
fail() {
	echo "dns-checkzone: FAIL: $*"
	failed=$((failed + 1))
}

hostctl init -p smartconnect-managed "$state" >/dev/null 2>&1 || { echo "dns-checkzone: init failed"; exit 1; }
hostctl -C "$state" customer add acme --name Acme >/dev/null 2>&1 || { echo "dns-checkzone: customer add failed"; exit 1; }

# One server per pattern; its domains cover the four flag combinations.
domains=""
for pattern in A B C ready; do
	server=""
	for flags in none web mail both; do
		set --
		case $flags in
		web) set -- --web-elsewhere ;;
		mail) set -- --mail-elsewhere ;;
		both) set -- --web-elsewhere --mail-elsewhere ;;
		esac
		if [ "$pattern" = ready ]; then
			d="r-$flags.smc-msv.jp"
		else
			d="$(echo "$pattern" | tr 'A-Z' 'a-z')-$flags.example.jp"
		fi
		if [ -z "$server" ]; then
			server=$(hostctl -C "$state" provision new --customer acme --plan C --format id \
				--domain "$d" --dns-pattern "$pattern" "$@" 2>"$tmp/err") ||
				{ fail "provision $d: $(cat "$tmp/err")"; continue; }
		else
			hostctl -C "$state" provision add-domain "$server" "$d" --dns-pattern "$pattern" \
				"$@" >/dev/null 2>"$tmp/err" || { fail "add-domain $d: $(cat "$tmp/err")"; continue; }
		fi
		domains="$domains $pattern:$flags:$d"
	done
done
hostctl -C "$state" validate >/dev/null 2>&1 || fail "hostctl validate after provisioning"

# has FILE REGEX / lacks FILE REGEX (extended regex, one line).
has() { grep -Eq "$2" "$1"; }

for entry in $domains; do
	pattern=${entry%%:*}; rest=${entry#*:}; flags=${rest%%:*}; d=${rest#*:}
	zone="$tmp/$d.zone"
	if ! hostctl -C "$state" dns "$d" --format zone > "$zone" 2>"$tmp/err"; then
		fail "hostctl dns $d: $(cat "$tmp/err")"
		continue
	fi
	ok=1
	case $pattern in
	A|ready)
		has "$zone" '^@	IN	SOA	' || { fail "$d ($pattern): no SOA"; ok=0; }
		has "$zone" '^@	IN	NS	ns1\.hosting\.example\.jp\.$' || { fail "$d ($pattern): no provider NS"; ok=0; }
		checked="$zone"
		;;
	B|C)
		if has "$zone" 'SOA'; then fail "$d ($pattern): a hand-over fragment with an SOA"; ok=0; fi
		if [ "$pattern" = B ]; then
			has "$zone" '^@	IN	NS	ns1\.hosting\.example\.jp\.$' ||
				{ fail "$d (B): the provider's NS is missing"; ok=0; }
		elif has "$zone" '	NS	'; then
			fail "$d (C): NS records in a pattern C fragment"; ok=0
		fi
		# Pattern C: only the server's own records (@, www, mail: A, MX, TXT).
		if [ "$pattern" = C ] && grep -Ev '^(;|\$ORIGIN |\$TTL |(@|www|mail)	IN	(A|MX|TXT)	)' "$zone" | grep -q .; then
			fail "$d (C): records the provider does not serve:"; grep -Ev '^(;|\$)' "$zone"; ok=0
		fi
		checked="$tmp/$d.wrapped"
		{
			printf '$ORIGIN %s.\n$TTL 3600\n' "$d"
			printf '@\tIN\tSOA\tns.customer.example.net. hostmaster.customer.example.net. 1 3600 900 604800 3600\n'
			printf '@\tIN\tNS\tns.customer.example.net.\n'
			cat "$zone"
		} > "$checked"
		;;
	esac
	# The record set of 002 §2.2.4 with its omissions.
	has "$zone" '^@	IN	A	[0-9.]+$' || { fail "$d: no apex A"; ok=0; }
	has "$zone" "^@	IN	TXT	\"v=spf1 include:$d\\.spf\\.hosting-pf\\.net ~all\"\$" || { fail "$d: no SPF TXT"; ok=0; }
	case $flags in
	web|both) if has "$zone" '^www	'; then fail "$d: www although web is elsewhere"; ok=0; fi ;;
	*) has "$zone" '^www	IN	A	' || { fail "$d: no www A"; ok=0; } ;;
	esac
	case $flags in
	mail|both)
		if has "$zone" '^mail	' || has "$zone" '	MX	'; then fail "$d: mail A or MX although mail is elsewhere"; ok=0; fi ;;
	*)
		has "$zone" '^mail	IN	A	' || { fail "$d: no mail A"; ok=0; }
		has "$zone" "^@	IN	MX	10 mail\\.$d\\.\$" || { fail "$d: no MX"; ok=0; } ;;
	esac
	if ! named-checkzone -q -i local -k fail -m fail -M fail -n fail -r fail -S fail "$d" "$checked"; then
		fail "named-checkzone refused $d ($pattern, $flags):"
		named-checkzone -i local -k fail -m fail -M fail -n fail -r fail -S fail "$d" "$checked"
		cat "$checked"
		ok=0
	fi
	[ $ok = 1 ] && passed=$((passed + 1))
done
[ $((passed + failed)) -ge 16 ] || fail "only $((passed + failed)) zones rendered, want 16"
echo "dns-checkzone: $passed passed, $failed failed"
[ $failed = 0 ]
