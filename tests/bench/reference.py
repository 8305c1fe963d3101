#!/usr/bin/python3
"""Reference implementation of the monthly SLA report, for the benchmark.

    reference.py STATE YYYY-MM NOW            > reference.tsv
    reference.py --compare reference.tsv hostctl.tsv

The first form is "the script a user would write instead" of
`hostctl sla-report --all --month YYYY-MM --format tsv`: plain Python over
the state directory with Debian's python3-yaml (yaml.safe_load, the safe
loader), computing for every server in service during the month the service
time, the outage counted against the provider (overlaps merged, cut at the
month's edges and at the time in service, minus the excluded intervals of
004 §3.4), the excluded time, the availability, the refund tier of the
profile's table (inclusive thresholds) and, for metered profiles, the 95th
percentile of the 5-minute samples (nearest rank, missing slots left out, a
later line for a slot replacing an earlier one). It is written from
hostctl-sla-report(1) and include/hostctl/sla.h, not from the C code paths.
NOW (RFC 3339) ends outages still open, as --now does for hostctl.

The second form compares the server rows of two such TSV files field by
field and exits 1 on any difference.
"""
import datetime
import gzip
import os
import sys

import yaml

FIELDS = ["service_seconds", "outage_seconds", "excluded_seconds", "availability_percent",
          "refund_percent", "p95_in_bps", "p95_out_bps", "billed_bps", "allowance_bps",
          "overage_bps", "samples", "expected_samples"]


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def epoch(v):
    """A YAML timestamp (datetime from the loader, or text) as epoch seconds."""
    if v is None:
        return None
    if isinstance(v, str):
        v = datetime.datetime.fromisoformat(v.replace("Z", "+00:00"))
    if v.tzinfo is None:        # PyYAML gives naive UTC for some forms
        v = v.replace(tzinfo=datetime.timezone.utc)
    return int(v.timestamp())


def offset_minutes(text):
    if text == "Z":
        return 0
    sign = -1 if text[0] == "-" else 1
    return sign * (int(text[1:3]) * 60 + int(text[4:6]))


def month_bounds(month, off_min):
    y, m = int(month[:4]), int(month[5:7])
    tz = datetime.timezone(datetime.timedelta(minutes=off_min))
    start = datetime.datetime(y, m, 1, tzinfo=tz)
    end = datetime.datetime(y + (m == 12), m % 12 + 1, 1, tzinfo=tz)
    return int(start.timestamp()), int(end.timestamp())


def exclusion_for(sla, cause):
    if not sla or cause is None:
        return None
    for x in sla.get("exclusions") or []:
        if x["cause"] == cause or cause in (x.get("includes") or []):
            return x
    return None


def compute(sla, start, end, frm, to, dev, outages, now):
    """Service, counted and excluded seconds of one server's month."""
    lo = max(start, frm) if frm is not None else start
    hi = min(end, to) if to is not None else end
    service = max(0, hi - lo)
    events = []
    for (s, e, cause, planned) in outages:
        s = max(s, lo)
        e = min(now, hi) if e is None else min(e, hi)
        if e <= s:
            continue
        x = None
        if planned:
            x = exclusion_for(sla, cause) or exclusion_for(sla, "announced-maintenance")
        elif dev:
            x = exclusion_for(sla, "dev-eval-environment")
        if x is None and not planned:
            x = exclusion_for(sla, cause)
        excluded = x is not None or planned
        events.append((s, 0 if excluded else 1, 1 if excluded else 0))
        events.append((e, 0 if excluded else -1, -1 if excluded else 0))
    events.sort(key=lambda ev: ev[0])
    counted = excl = 0
    cdepth = edepth = 0
    since = None
    i = 0
    while i < len(events):
        t = events[i][0]
        if since is not None:
            if cdepth > 0 and edepth == 0:
                counted += t - since
            if edepth > 0:
                excl += t - since
        while i < len(events) and events[i][0] == t:
            cdepth += events[i][1]
            edepth += events[i][2]
            i += 1
        since = t
    return service, counted, excl


def p95(values):
    values = sorted(values)
    rank = (len(values) * 95 + 99) // 100
    return values[max(rank, 1) - 1]


def bandwidth(path, start, end):
    """(samples, expected, p95 in, p95 out) of a sample file, or None."""
    nslots = min((end - start + 299) // 300, 31 * 24 * 12)
    slots = {}
    try:
        f = gzip.open(path, "rt", encoding="utf-8", newline="\n")
    except FileNotFoundError:
        return None
    with f:
        try:
            lines = f.read().split("\n")
        except FileNotFoundError:
            return None
    for line in lines:
        line = line.rstrip("\r")
        if not line or line[0] == "#":
            continue
        t, i, o = line.split("\t")
        t = int(t) if t.isdigit() else epoch(t)
        if t < start or t >= start + nslots * 300:
            continue
        slots[(t - start) // 300] = (int(i), int(o))
    if not slots:
        return 0, nslots, 0, 0
    return (len(slots), nslots, p95(v[0] for v in slots.values()),
            p95(v[1] for v in slots.values()))


def report(root, month, now_text):
    cfg = load(os.path.join(root, "hostctl.yaml"))
    off = offset_minutes(cfg["utc_offset"])
    start, end = month_bounds(month, off)
    now = epoch(now_text)
    profiles = {}
    for name in cfg["profiles"]:
        p = load(os.path.join(root, "catalog", name + ".yaml"))
        profiles[p["name"]] = p

    outages = {}
    for kind, planned in (("incidents", False), ("maintenance", True)):
        d = os.path.join(root, kind)
        for fn in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            if not fn.endswith(".yaml") or fn.startswith("."):
                continue
            r = load(os.path.join(d, fn))
            s = epoch(r["started_at"] if not planned else r["starts_at"])
            e = epoch(r.get("ended_at") if not planned else r.get("ends_at"))
            if s >= end or (e is not None and e <= start):
                continue
            outages.setdefault(r["server"], []).append((s, e, r.get("cause"), planned))

    samples_dir = cfg.get("samples")
    if samples_dir and not samples_dir.startswith("/"):
        samples_dir = os.path.join(root, samples_dir)
    out = ["\t".join(["server", "customer", "profile", "plan"] + FIELDS)]
    sdir = os.path.join(root, "servers")
    for fn in sorted(os.listdir(sdir)):
        if not fn.endswith(".yaml") or fn.startswith("."):
            continue
        s = load(os.path.join(sdir, fn))
        if s["status"] == "ordered":
            continue
        frm = epoch(s.get("activated_at"))
        to = epoch(s.get("cancelled_at")) if s["status"] == "cancelled" else None
        if (frm is not None and frm >= end) or (to is not None and to <= start):
            continue
        p = profiles.get(s["profile"], {})
        plan = next((x for x in p.get("plans") or [] if x["name"] == s["plan"]), None)
        sla = p.get("sla") or {}
        covered = bool(sla.get("refund")) and (
            not sla.get("applies_to") or (plan is not None and plan.get("kind") in sla["applies_to"]))
        service, counted, excl = compute(sla if covered else None, start, end, frm, to,
                                         s.get("environment") in ("development", "evaluation"),
                                         outages.get(s["id"], []), now)
        ppm = (service - counted) * 1000000 // service if service else 1000000
        refund = ""
        if covered:
            for tier in sla["refund"]:
                if tier.get("max_seconds") is None or counted <= tier["max_seconds"]:
                    refund = str(tier["percent"])
                    break
        bw = ["", "", "", "", "", "", ""]
        if (p.get("bandwidth") or {}).get("method") and samples_dir:
            r = bandwidth(os.path.join(samples_dir, s["id"], month + ".tsv.gz"), start, end)
            if r is not None:
                mbps = (plan or {}).get("bandwidth_mbps") or 0
                for o in s.get("options") or []:
                    op = next((x for x in p.get("options") or [] if x["name"] == o), None)
                    if op and op.get("bandwidth_mbps"):
                        mbps += op["bandwidth_mbps"]
                allowance = mbps * 1000000
                billed = max(r[2], r[3])
                bw = [str(r[2]), str(r[3]), str(billed), str(allowance),
                      str(billed - allowance if billed > allowance else 0), str(r[0]), str(r[1])]
        out.append("\t".join([s["id"], s["customer"], s["profile"], s["plan"], str(service),
                              str(counted), str(excl), "%d.%04d" % (ppm // 10000, ppm % 10000),
                              refund] + bw))
    sys.stdout.write("\n".join(out) + "\n")


def rows(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().rstrip("\n").split("\n")
    head = lines[0].split("\t")
    out = {}
    for line in lines[1:]:
        r = dict(zip(head, line.split("\t")))
        if r.get("type", "server") == "server":
            out[r["server"]] = r
    return out


def compare(ref_path, hc_path):
    ref, hc = rows(ref_path), rows(hc_path)
    bad = 0
    for sid in sorted(set(ref) | set(hc)):
        if sid not in ref or sid not in hc:
            print("server %s: only in %s" % (sid, "hostctl" if sid in hc else "reference"))
            bad += 1
            continue
        for k in FIELDS:
            if ref[sid][k] != hc[sid][k]:
                print("server %s: %s: reference %r, hostctl %r" % (sid, k, ref[sid][k], hc[sid][k]))
                bad += 1
    refunds = sum(1 for r in ref.values() if r["refund_percent"] not in ("", "0"))
    print("agreement: %d servers, %d fields compared, %d differences (%d servers with a refund, "
          "%d with bandwidth)" % (len(ref), len(ref) * len(FIELDS), bad, refunds,
                                  sum(1 for r in ref.values() if r["billed_bps"])))
    return 1 if bad else 0


def main(argv):
    if len(argv) == 4 and argv[1] == "--compare":
        return compare(argv[2], argv[3])
    if len(argv) != 4:
        sys.stderr.write("usage: reference.py STATE YYYY-MM NOW | --compare REF.tsv HOSTCTL.tsv\n")
        return 2
    report(argv[1], argv[2], argv[3])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
