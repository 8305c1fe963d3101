#!/bin/sh
# sla-parts.sh BINDIR GEN - sla-report's tsv and csv over more servers than
# it renders at once (it writes rows in parts of 256 so that the report
# never holds every cell): on a generated state of 600 servers, the tsv and
# the csv say the same cell for cell, have one header, every server once in
# id order, then the customers and the total; and each server's row agrees
# with the json report, which is rendered whole.
set -u
bindir=$(cd "$1" && pwd)
gen=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hostctl-sla-parts.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
PATH="$bindir:$PATH"
HOSTCTL_NOW=2026-12-05T09:00:00+09:00
HOSTCTL_OPERATOR=test
export PATH HOSTCTL_NOW HOSTCTL_OPERATOR
unset HOSTCTL_STATE

"$gen" "$tmp/state" 600 7 >/dev/null || { echo "sla-parts: bench-gen failed"; exit 1; }
for f in tsv csv json; do
	if ! hostctl -C "$tmp/state" sla-report --all --month 2026-11 --format $f \
		>"$tmp/out.$f" 2>"$tmp/err"; then
		echo "sla-parts: sla-report --format $f failed:"; cat "$tmp/err"; exit 1
	fi
done

/usr/bin/python3 - "$tmp" <<'EOF'
import csv
import json
import sys

d = sys.argv[1]
tsv = [l.split("\t") for l in open(f"{d}/out.tsv", encoding="utf-8").read().split("\n")[:-1]]
with open(f"{d}/out.csv", encoding="utf-8", newline="") as f:
    rows = list(csv.reader(f))
rep = json.load(open(f"{d}/out.json", encoding="utf-8"))
fails = []

if tsv != rows:
    n = next((i for i, (a, b) in enumerate(zip(tsv, rows)) if a != b), min(len(tsv), len(rows)))
    fails.append(f"tsv and csv differ from line {n + 1}")
head, body = tsv[0], tsv[1:]
if head[:2] != ["type", "server"]:
    fails.append(f"first line is not the header: {head[:3]}")
if sum(1 for r in body if r == head):
    fails.append("the header appears again among the rows")
types = [r[0] for r in body]
ns = types.count("server")
if types != ["server"] * ns + ["customer"] * types.count("customer") + ["total"]:
    fails.append("rows are not servers, then customers, then one total")
servers = [r for r in body if r[0] == "server"]
ids = [r[1] for r in servers]
if ids != sorted(ids) or len(set(ids)) != len(ids):
    fails.append("servers are not each once in id order")
if ns <= 2 * 256:
    fails.append(f"only {ns} servers reported; the test needs more than two parts")
col = {name: i for i, name in enumerate(head)}
js = rep["servers"]
if [s["server"] for s in js] != ids:
    fails.append("tsv and json list different servers")
for s, r in zip(js, servers):
    for k in ("customer", "profile", "plan", "service_seconds", "outage_seconds",
              "excluded_seconds"):
        if str(s[k]) != r[col[k]]:
            fails.append(f"{s['server']}: {k} is {r[col[k]]} in tsv, {s[k]} in json")
    if f"{s['availability_percent']:.4f}" != r[col["availability_percent"]]:
        fails.append(f"{s['server']}: availability differs")
total = body[-1]
if total[col["note"]].split()[0] != str(ns):
    fails.append(f"total counts {total[col['note']]}, tsv has {ns} servers")

for f in fails[:20]:
    print("sla-parts: " + f)
if fails:
    sys.exit(1)
print(f"sla-parts: {ns} servers and {types.count('customer')} customers, tsv = csv, rows agree with json")
EOF
