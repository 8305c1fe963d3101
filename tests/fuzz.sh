#!/bin/sh
# fuzz.sh SRCDIR BUILDDIR - a short, bounded libFuzzer run of the record
# loader and the sample reader, and a replay of every crasher kept.
#
# Configures BUILDDIR/fuzz-build with clang, HOSTCTL_FUZZ=ON and the
# sanitizers (ASan, UBSan, LeakSanitizer) and builds tests/fuzz/fuzz_record
# and fuzz_samples there. Seeds (BUILDDIR/fuzz-build/seeds/, made afresh):
#   record   testdata/records/**, testdata/cmd/**/state/**/*.yaml, seeds/*.yaml
#            and the yaml-test-suite's */in.yaml (../shared/yaml-test-suite),
#            each behind the byte that picks its schema (servers 0,
#            customers 1, profiles 2, hostctl.yaml 3, anything else by its
#            checksum);
#   samples  the sample files of testdata/cmd (unzipped) and a few lines.
# The corpus each fuzzer grows is kept in BUILDDIR/fuzz-build/corpus/
# (started afresh past 20000 inputs).
#
# First every input in testdata/fuzz/regressions/{record,samples}/ is run
# once: each is a crasher found before, and must no longer crash. Then
# each fuzzer runs FUZZ_SECONDS (default 30) seconds. A crash, leak,
# timeout or memory blow-up found is copied into
# testdata/fuzz/regressions/<fuzzer>/ (to be committed with its fix) and
# fails the test.
#
# Prints "fuzz: N executions, 0 crashes". Exit 77 (skipped) when clang or
# libFuzzer is missing (tests/run installs clang and libclang-rt-14-dev).
set -u
if [ $# -ne 2 ]; then
	echo "usage: $0 SRCDIR BUILDDIR" >&2
	exit 2
fi
src=$(cd "$1" && pwd)
fb=$2/fuzz-build
mkdir -p "$fb" && fb=$(cd "$fb" && pwd)
seconds=${FUZZ_SECONDS:-30}
regr=$src/testdata/fuzz/regressions
PYTHON3=${PYTHON3:-/usr/bin/python3}
[ -x "$PYTHON3" ] || PYTHON3=python3

if ! command -v clang >/dev/null 2>&1; then
	echo "fuzz: clang is not installed; skipped"
	exit 77
fi
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' \
	>"$fb/probe.c"
if ! clang -fsanitize=fuzzer,address -o "$fb/probe" "$fb/probe.c" >/dev/null 2>&1; then
	echo "fuzz: clang cannot link libFuzzer (libclang-rt-14-dev missing?); skipped"
	exit 77
fi

t0=$(date +%s)
if ! cmake -S "$src" -B "$fb" -DCMAKE_C_COMPILER=clang -DHOSTCTL_FUZZ=ON -DHOSTCTL_SANITIZE=ON \
	-DHOSTCTL_WERROR=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$fb/configure.log" 2>&1; then
	cat "$fb/configure.log"
	echo "fuzz: configuring the clang build failed"
	exit 1
fi
if ! cmake --build "$fb" --target fuzz_record fuzz_samples -j2 >"$fb/build.log" 2>&1; then
	tail -n 40 "$fb/build.log"
	echo "fuzz: building the harnesses failed"
	exit 1
fi
bin=$fb/tests/fuzz
echo "fuzz: harnesses built in $(($(date +%s) - t0)) s"

# ---- seeds ----------------------------------------------------------------------

rm -rf "$fb/seeds"
# The grown corpus is kept between runs, but not without bound.
for f in record samples; do
	if [ -d "$fb/corpus/$f" ] && [ "$(ls "$fb/corpus/$f" | wc -l)" -gt 20000 ]; then
		rm -rf "$fb/corpus/$f"
	fi
done
mkdir -p "$fb/seeds/record" "$fb/seeds/samples" "$fb/corpus/record" "$fb/corpus/samples" "$fb/crash"
"$PYTHON3" - "$src" "$fb/seeds" <<'EOF'
import glob, gzip, hashlib, os, sys
src, out = sys.argv[1], sys.argv[2]
shared = os.path.join(os.path.dirname(src), "shared")
files = set()
for pat in ("testdata/records/**/*", "testdata/cmd/**/state/**/*.yaml",
            "testdata/cmd/**/state/hostctl.yaml", "seeds/*.yaml"):
    files.update(p for p in glob.glob(os.path.join(src, pat), recursive=True) if os.path.isfile(p))
files.update(glob.glob(os.path.join(shared, "yaml-test-suite", "*", "in.yaml")))
def selector(path, data):
    if "/servers/" in path or "/records/server/" in path:
        return 0
    if "/customers/" in path or "/records/customer/" in path:
        return 1
    if "/catalog/" in path or "/records/profile/" in path or "/seeds/" in path:
        return 2
    if path.endswith("/hostctl.yaml") or "/records/config/" in path:
        return 3
    return int(hashlib.sha1(data).hexdigest(), 16) % 4
n = 0
for p in sorted(files):
    data = open(p, "rb").read()
    if len(data) > 1 << 20:
        continue
    blob = bytes([selector(p, data)]) + data
    name = hashlib.sha1(blob).hexdigest()
    with open(os.path.join(out, "record", name), "wb") as f:
        f.write(blob)
    n += 1
m = 0
for p in sorted(glob.glob(os.path.join(src, "testdata/cmd/**/samples/**/*.gz"), recursive=True)):
    try:
        data = gzip.open(p).read()
    except Exception:
        data = open(p, "rb").read()
    for blob in (data, data[:4096]):
        with open(os.path.join(out, "samples", hashlib.sha1(blob).hexdigest()), "wb") as f:
            f.write(blob)
        m += 1
for i, blob in enumerate([
        b"# time\tin\tout\n1793458800\t1000\t2000\n",
        b"2026-11-01T00:00:00+09:00\t100\t200\n2026-11-01T00:05:00+09:00\t300\t50\n",
        b"2026-11-30T23:55:00+09:00\t9223372036854775807\t0\n\n# end\n",
        b"1793458800\t-1\t2\n", b"2026-11-01T00:00:00Z\t1\t2\t3\n"]):
    with open(os.path.join(out, "samples", "hand-%d" % i), "wb") as f:
        f.write(blob)
    m += 1
print("fuzz: %d record seeds, %d sample seeds" % (n, m))
EOF

# ---- replay the crashers kept -------------------------------------------------------

crashes=0 replayed=0 execs=0
for f in record samples; do
	set --
	for input in "$regr/$f"/*; do
		[ -f "$input" ] && set -- "$@" "$input"
	done
	[ $# -gt 0 ] || continue
	replayed=$((replayed + $#))
	if ! "$bin/fuzz_$f" -runs=1 "$@" >"$fb/replay-$f.log" 2>&1; then
		tail -n 30 "$fb/replay-$f.log"
		echo "fuzz: a kept $f crasher crashes again (see above)"
		crashes=$((crashes + 1))
	fi
done
echo "fuzz: $replayed kept crashers replayed"

# ---- fuzz ------------------------------------------------------------------------------

for f in record samples; do
	rm -f "$fb/crash/$f-"*
	"$bin/fuzz_$f" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
		-max_len=131072 -artifact_prefix="$fb/crash/$f-" "$fb/corpus/$f" "$fb/seeds/$f" \
		>"$fb/run-$f.log" 2>&1
	rc=$?
	n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$fb/run-$f.log" | tail -n 1)
	execs=$((execs + ${n:-0}))
	found=0
	for a in "$fb/crash/$f-"*; do
		[ -f "$a" ] || continue
		found=$((found + 1))
		mkdir -p "$regr/$f"
		cp "$a" "$regr/$f/$(basename "$a" | sed "s/^$f-//")"
	done
	echo "fuzz: fuzz_$f: ${n:-0} executions in $seconds s, corpus $(ls "$fb/corpus/$f" | wc -l) inputs, $found found"
	if [ "$found" -gt 0 ] || [ "$rc" != 0 ]; then
		grep -A 25 -m 1 -E '^==[0-9]+==ERROR|^fuzz_|runtime error|^SUMMARY' "$fb/run-$f.log" | head -n 40
		echo "fuzz: fuzz_$f failed (exit $rc); the input is kept in $regr/$f/"
		crashes=$((crashes + (found > 0 ? found : 1)))
	fi
done

if [ "$crashes" -ne 0 ]; then
	echo "fuzz: $execs executions, $crashes crashes"
	exit 1
fi
echo "fuzz: $execs executions, 0 crashes"
