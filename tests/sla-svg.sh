#!/bin/sh
# sla-svg.sh BINDIR STATEDIR - `hostctl sla-report --format svg` on the
# golden state (testdata/cmd/sla-tsv/state, see its README): the picture is
# well-formed XML, has one panel per server in id order, each server's
# outage and exclusion bars, and for the server with samples its two
# series, the 95th-percentile line and the allowance line where the
# numbers put them.
set -u
bindir=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hostctl-sla-svg.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
PATH="$bindir:$PATH"
HOSTCTL_NOW=2026-12-05T10:00:00+09:00
HOSTCTL_OPERATOR=test
export PATH HOSTCTL_NOW HOSTCTL_OPERATOR
unset HOSTCTL_STATE

hostctl init "$tmp/state" >/dev/null 2>&1 || { echo "sla-svg: hostctl init failed"; exit 1; }
cp -R "$src/." "$tmp/state/"
if ! hostctl -C "$tmp/state" sla-report --month 2026-11 --format svg > "$tmp/out.svg" 2> "$tmp/err"; then
	echo "sla-svg: sla-report failed:"; cat "$tmp/err"; exit 1
fi
[ -s "$tmp/err" ] && { echo "sla-svg: unexpected stderr:"; cat "$tmp/err"; exit 1; }

/usr/bin/python3 - "$tmp/out.svg" <<'EOF'
import re
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"
fails = []


def check(cond, what):
    if not cond:
        fails.append(what)


try:
    root = ET.parse(sys.argv[1]).getroot()
except ET.ParseError as e:
    print("sla-svg: not well-formed XML: %s" % e)
    sys.exit(1)

check(root.tag == NS + "svg", "root is <svg> in the SVG namespace, got %s" % root.tag)
panels = [g for g in root if g.tag == NS + "g"]
ids = ["21652ddd-f3e1-410e-b251-fac3470f2462",   # clara-jp6, samples
       "34ddcda3-c94b-42e6-906d-80b4670f33ba",   # jecc, evaluation
       "d4e3a537-e3e2-4536-a137-617ee015c4aa"]   # jecc, incidents
check(len(panels) == 3, "one panel per server: %d panels" % len(panels))
# 3 panels of 170 px + 10.
check(root.get("height") == "520", "height %s, want 520" % root.get("height"))


def title(el):
    t = el.find(NS + "title")
    return t.text if t is not None else None


for i, (g, sid) in enumerate(zip(panels, ids)):
    check(g.get("transform") == "translate(0,%d)" % (170 * i), "panel %d transform %s" % (i, g.get("transform")))
    head = g.find(NS + "text")
    check(head is not None and sid in head.text, "panel %d names %s" % (i, sid))
    rects = g.findall(NS + "rect")
    lines = g.findall(NS + "line")
    outages = [r for r in rects if title(r) == "outage"]
    excluded = [r for r in rects if (title(r) or "").startswith("excluded: ")]
    p95 = [l for l in lines if title(l) == "95th percentile"]
    allow = [l for l in lines if title(l) == "allowance"]
    paths = g.findall(NS + "path")
    if sid.startswith("21652ddd"):
        # One counted outage (11-08 04:00-04:40): x = 60 + 820 * 7d4h / 30d = 255.9.
        check(len(outages) == 1 and outages[0].get("x") == "255.9", "jp6 outage bar")
        check(len(excluded) == 0, "jp6: no exclusions")
        # Two series (in, out), each one run over slots 288..8639: 1 M + 8351 L.
        check(len(paths) == 2, "jp6: two series, got %d" % len(paths))
        for p in paths:
            d = p.get("d")
            check(d.count("M") == 1 and d.count("L") == 8351,
                  "series: %d M, %d L; want 1, 8351" % (d.count("M"), d.count("L")))
        # ymax = 1.1 * 9000000 (the largest sample); the plot is 100 px from
        # y 24 to 124: 95th percentile 1200000 -> 124 - 100 * 1.2 / 9.9 =
        # 111.9; allowance 1000000 -> 124 - 100 / 9.9 = 113.9.
        check(len(p95) == 1, "jp6: one 95th-percentile line, got %d" % len(p95))
        if p95:
            check(p95[0].get("y1") == "111.9" and p95[0].get("y2") == "111.9",
                  "95th-percentile line at y %s, want 111.9" % p95[0].get("y1"))
        check(len(allow) == 1 and allow[0].get("y1") == "113.9", "jp6: allowance line at 113.9")
        check("95th percentile 1.200 Mbps" in head.text, "jp6 heading gives the 95th percentile")
    elif sid.startswith("34ddcda3"):
        check(len(outages) == 0, "eval server: nothing counted")
        check([title(r) for r in excluded] == ["excluded: hardware"], "eval server: one exclusion")
        check(not p95 and not allow and not paths, "eval server: no bandwidth")
    else:
        # Counted: 11-01 00:00-00:20, 11-05 03:00-03:45, 11-18 02:00-02:10,
        # 11-30 23:30-24:00; excluded: os-fault, the window, the compromise.
        check(len(outages) == 4, "jecc server: 4 counted bars, got %d" % len(outages))
        check([r.get("x") for r in outages][0] == "60.0", "first outage at the month start")
        check(sorted(title(r) for r in excluded) ==
              ["excluded: announced-maintenance", "excluded: customer-compromise", "excluded: os-fault"],
              "jecc server exclusions: %s" % [title(r) for r in excluded])
        check(not p95 and not paths, "jecc server: no bandwidth")
        check("99.7569%" in head.text, "jecc heading gives the availability")

for f in fails:
    print("sla-svg: " + f)
if fails:
    sys.exit(1)
print("sla-svg: ok")
EOF
