#!/bin/sh
# man-examples.sh BINDIR PAGE - run the EXAMPLES of a man page as a test.
#
# The page is rendered with mandoc; in its EXAMPLES section every line that
# starts with "$ " is a command, and the lines right after it, up to a blank
# line or the next command, are its expected standard output (exactly).
# Commands run in order with sh, in one fresh directory per page, with
# HOSTCTL_NOW=2026-11-20T10:00:00+09:00 and HOSTCTL_OPERATOR=example, so
# a later example can use the state an earlier one made. Output examples
# therefore have no blank lines; show standard error with 2>&1 and exit
# codes with "; echo $?".
set -u
bindir=$(cd "$1" && pwd)
page=$2
name=$(basename "$page")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hostctl-man.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
PATH="$bindir:$PATH"
HOSTCTL_NOW=2026-11-20T10:00:00+09:00
HOSTCTL_OPERATOR=example
export PATH HOSTCTL_NOW HOSTCTL_OPERATOR
unset HOSTCTL_STATE

MANWIDTH=300 mandoc -Tutf8 -O width=300 "$page" | col -bx > "$tmp/page.txt"
# The indent of a display is that of its "$ " lines; only that much is
# stripped, so output may be indented (YAML, JSON).
awk '
	/^EXAMPLES/ { on = 1; next }
	on && /^[A-Z][A-Z ]+$/ { on = 0 }
	on && /^ *\$ / { match($0, /^ */); ind = RLENGTH }
	on {
		line = $0
		if (line ~ /^ *\$ /) { sub(/^ +/, "", line) }
		else if (ind > 0 && substr(line, 1, ind) ~ /^ *$/) { line = substr(line, ind + 1) }
		else { sub(/^ +/, "", line) }
		print line
	}
' "$tmp/page.txt" > "$tmp/examples.txt"

if ! grep -q '^\$ ' "$tmp/examples.txt"; then
	echo "man $name: no commands in EXAMPLES"
	exit 1
fi

mkdir "$tmp/work"
n=0 fail=0
# Split into command/expected pairs.
awk -v dir="$tmp" '
	function flush() { if (cmd != "") { close(dir "/exp." n) } }
	/^\$ / { flush(); n++; cmd = substr($0, 3); print cmd > (dir "/cmd." n); close(dir "/cmd." n);
	         printf "" > (dir "/exp." n); inout = 1; next }
	/^$/ { inout = 0; next }
	inout { print > (dir "/exp." n) }
	END { flush(); print n > (dir "/count") }
' "$tmp/examples.txt"
count=$(cat "$tmp/count")
i=1
while [ "$i" -le "$count" ]; do
	cmd=$(cat "$tmp/cmd.$i")
	(cd "$tmp/work" && sh -c "$cmd") > "$tmp/out.$i" 2>"$tmp/err.$i"
	if ! diff -u "$tmp/exp.$i" "$tmp/out.$i" > "$tmp/diff.$i"; then
		echo "man $name: example $i differs: \$ $cmd"
		cat "$tmp/diff.$i"
		[ -s "$tmp/err.$i" ] && { echo "stderr:"; cat "$tmp/err.$i"; }
		fail=1
	fi
	i=$((i + 1))
done
[ $fail = 0 ] && echo "man $name: $count examples ok"
exit $fail
