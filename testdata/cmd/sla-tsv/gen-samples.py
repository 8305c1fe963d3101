# Generates the golden sample file for 2026-11 (see the case README).
import datetime, gzip, sys
JST = datetime.timezone(datetime.timedelta(hours=9))
start = int(datetime.datetime(2026, 11, 1, tzinfo=JST).timestamp())
end = int(datetime.datetime(2026, 12, 1, tzinfo=JST).timestamp())
N = 8352  # slots 288..8639 present (1 November missing)
lines = ["# web1.acme.example.jp 2026-11: time\tbits/s in\tbits/s out", ""]
def iso(t):
    return datetime.datetime.fromtimestamp(t, JST).isoformat()
# Outside the month: ignored.
lines.append("%d\t5000000000\t5000000000" % (start - 300))
lines.append("%s\t5000000000\t5000000000" % iso(end))
# Three slots first written wrong, then replaced by the later line.
dups = [288, 289, 290]
for s in dups:
    lines.append("%d\t99999999\t99999999" % (start + s * 300))
for j in range(N):
    slot = 288 + j
    t = start + slot * 300
    vin = 100 * ((j * 7919) % N + 1)
    vout = 1200000 if j < 7935 else 9000000
    ts = iso(t) if 288 * 1 <= slot < 288 * 2 else str(t)   # 2 November in RFC 3339
    end_ = "\r" if slot % 1000 == 0 else ""
    lines.append("%s\t%d\t%d%s" % (ts, vin, vout, end_))
data = ("\n".join(lines) + "\n").encode()
with gzip.GzipFile(sys.argv[1], "wb", mtime=0) as f:
    f.write(data)
