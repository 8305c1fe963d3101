#!/bin/sh
# hostile-gen.sh DIR - write the hostile YAML set into DIR (created if need be).
#
# The set is generated at test time, never committed (one file is 200 MB).
# Besides the files, DIR/MANIFEST lists one input per line:
#
#   NAME LINE COL WHAT
#
# where LINE:COL is the position hostctl must report when NAME is placed as
# servers/<uuid>.yaml, and WHAT a short description. Every file is meant to
# be refused with exit status 5.
#
# Needs python3 (Debian's /usr/bin/python3, or $PYTHON3).
set -eu

if [ $# -ne 1 ]; then
	echo "usage: $0 DIR" >&2
	exit 2
fi
mkdir -p "$1"
PYTHON3=${PYTHON3:-/usr/bin/python3}
[ -x "$PYTHON3" ] || PYTHON3=python3

exec "$PYTHON3" - "$1" <<'EOF'
import os
import sys

out = sys.argv[1]
manifest = []

# The smallest valid server record: the required keys, lines 1-9.
BASE = (
    "id: 0f8fad5b-d9cb-469f-a165-70867728950e\n"
    "customer: acme\n"
    "profile: clara-jp6\n"
    "plan: s1\n"
    "os: debian-12\n"
    "region: tokyo\n"
    "hostname: web1.example.jp\n"
    "status: active\n"
    "ordered_at: 2026-11-01T09:30:00+09:00\n"
).encode()


def base_with(key, value):
    """BASE with key's line replaced by 'key: value' (bytes)."""
    lines = BASE.split(b"\n")
    for i, l in enumerate(lines):
        if l.startswith(key.encode() + b":"):
            lines[i] = key.encode() + b": " + value
    return b"\n".join(lines)


def put(name, data, line, col, what):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
    manifest.append("%s %d %d %s" % (name, line, col, what))


# -- anchors and aliases ------------------------------------------------------

# Billion laughs: 9 levels of 9 aliases, 9^9 "lol"s if expanded.
lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
for prev, cur in zip("abcdefgh", "bcdefghi"):
    lines.append("%s: &%s [%s]" % (cur, cur, ",".join(["*" + prev] * 9)))
put("alias-bomb.yaml", ("\n".join(lines) + "\n").encode(), 1, 4, "billion laughs")

# The same bomb with the anchors defined late, after 5,000 aliases to them.
lines = ["l%d: [*a,*a,*a,*a,*a,*a,*a,*a,*a]" % i for i in range(5000)]
lines.append('a: &a ["lol"]')
put("alias-bomb-late.yaml", ("\n".join(lines) + "\n").encode(), 1, 6, "aliases before their anchor")

# An anchor whose node refers to itself (a cycle, were it resolved).
put("anchor-cycle.yaml", b"&a\nb: *a\nc: [*a, *a]\n", 1, 1, "anchor cycle")
put("anchor-cycle-seq.yaml", b"a: &x [*x, [*x]]\n", 1, 4, "self-referencing sequence")

# 40,000 anchors.
put("anchors-40k.yaml",
    "".join("- &a%d x%d\n" % (i, i) for i in range(40000)).encode(), 1, 3, "40,000 anchors")

# An alias standing for a required value.
put("alias-value.yaml", base_with("customer", b"*c"), 2, 11, "alias as a value")

# -- nesting ------------------------------------------------------------------

N = 100000
put("deep-flow-100k.yaml", b"[" * N + b"]" * N + b"\n", 1, 17, "100,000-deep flow sequences")
put("deep-flow-unclosed-100k.yaml", b"[" * N, 1, 17, "100,000 unclosed '['")
put("deep-flowmap-100k.yaml", b"{a: " * N + b"1" + b"}" * N + b"\n", 1, 65,
    "100,000-deep flow mappings")
put("deep-block-100k.yaml", b"- " * N + b"x\n", 1, 33, "100,000-deep block sequences")
# Block mappings, each level indented one more space (17th key: line 17, col 17).
put("deep-block-map.yaml",
    "".join("%s%s:\n" % (" " * i, "k%d" % i) for i in range(1000)).encode() + b" " * 1000 + b"v\n",
    17, 17, "1,000-deep block mappings")
# Too many nodes: 250,000 list items (the limit is 200,000 nodes; the
# 200,000th item is the 200,001st node, at column 2 * 200,000).
put("many-nodes.yaml", b"[" + b"1," * 250000 + b"1]\n", 1, 400000, "250,000 nodes")

# -- size ---------------------------------------------------------------------

# 200 MB in one scalar: refused by size before it is read (1:1).
with open(os.path.join(out, "huge-scalar-200mb.yaml"), "wb") as f:
    f.write(b"id: ")
    chunk = b"x" * (1 << 20)
    for _ in range(200):
        f.write(chunk)
    f.write(b"\n")
manifest.append("huge-scalar-200mb.yaml 1 1 a 200 MB scalar (file size limit)")
# Under the file limit (1 MB) but over the scalar limit (64 KB).
put("big-scalar.yaml", BASE + b"note: " + b"x" * 70000 + b"\n", 10, 7, "70 KB scalar")
put("big-quoted-scalar.yaml", BASE + b'note: "' + b"\\u00e9" * 40000 + b'"\n', 10, 7,
    "escapes expanding past the scalar limit")
put("big-key.yaml", BASE + b'"' + b"k" * 70000 + b'": 1\n', 10, 1, "70 KB key")
put("key-without-colon.yaml", BASE + b"options\nnote: x\n", 10, 1, "a key without ':'")

# -- text encoding ------------------------------------------------------------

put("invalid-utf8-latin1.yaml", BASE + b"note: caf\xe9\n", 10, 10, "Latin-1 byte")
put("invalid-utf8-lone-ff.yaml", base_with("region", b"to\xffkyo"), 6, 11, "lone 0xff")
put("invalid-utf8-overlong.yaml", BASE + b"note: \xc0\xaf\n", 10, 7, "overlong '/'")
put("invalid-utf8-surrogate.yaml", BASE + b"note: \xed\xa0\x80\n", 10, 7, "UTF-16 surrogate")
put("invalid-utf8-truncated.yaml", BASE + b"note: ab\xe3\x81", 10, 9, "truncated sequence at EOF")
put("invalid-utf8-in-key.yaml", BASE + b"n\xffte: x\n", 10, 2, "invalid byte in a key")
put("invalid-utf8-in-comment.yaml", b"# caf\xe9\n" + BASE, 1, 6, "invalid byte in a comment")
put("utf16le-bom.yaml", b"\xff\xfe" + BASE.decode().encode("utf-16-le"), 1, 1, "UTF-16LE")
put("c1-control.yaml", BASE + b"note: a\xc2\x9bb\n", 10, 8, "C1 control character")
put("escape-sequence.yaml", base_with("customer", b'"\\e[2J\\e[H"'), 2, 11,
    "terminal escape sequence in a value")

# -- NUL bytes ----------------------------------------------------------------

put("nul-byte.yaml", base_with("customer", b"ac\x00me"), 2, 13, "NUL in a value")
put("nul-first.yaml", b"\x00" + BASE, 1, 1, "NUL at the start")
put("nul-escaped.yaml", BASE + b'note: "a\\0b"\n', 10, 7, "NUL through an escape")

# -- keys ---------------------------------------------------------------------

put("duplicate-keys.yaml", BASE + b"customer: other\n", 10, 1, "duplicate key")
put("duplicate-keys-nested.yaml",
    BASE + b"domains:\n  - name: a.jp\n    pattern: A\n    name: b.jp\n", 13, 5,
    "duplicate key in a list item")
put("duplicate-keys-many.yaml",
    b"".join(b"k%05d: %d\n" % (i, i) for i in range(30000)) + b"k00000: again\n", 30001, 1,
    "duplicate key in a 30,000-key map")
put("complex-key.yaml", b"? [a, b]\n: c\n", 1, 3, "a sequence as a key")
put("unknown-keys.yaml", BASE + b"colour: blue\n", 10, 1, "unknown key")
put("unknown-key-escape.yaml", BASE + b'"x\\nservers/y.yaml:1:1: forged": 1\n', 10, 1,
    "unknown key with a newline")

# -- tags and documents -------------------------------------------------------

put("tags.yaml", base_with("hostname", b"!!str web1.example.jp"), 7, 11, "!!str tag")
put("tag-custom.yaml", base_with("status", b"!status active"), 8, 9, "local tag")
put("tag-python.yaml", base_with("customer", b"!!python/object/apply:os.system [id]"), 2, 11,
    "python object tag")
put("tag-directive.yaml", b"%TAG !e! tag:example.com,2000:\n---\n" + BASE, 1, 1, "%TAG directive")
put("multi-doc.yaml", BASE + b"---\n" + BASE, 10, 1, "two documents")
put("multi-doc-end.yaml", BASE + b"...\n---\n" + BASE, 11, 1, "two documents after '...'")

# -- empty and not a mapping --------------------------------------------------

put("empty.yaml", b"", 1, 1, "empty file")
put("comments-only.yaml", b"# nothing here\n", 2, 1, "comments only")
put("explicit-null.yaml", b"---\n", 2, 1, "an empty document")
put("root-list.yaml", b"- a\n- b\n", 1, 1, "a list, not a mapping")
put("root-scalar.yaml", b"hello\n", 1, 1, "a scalar, not a mapping")

# -- wrong types --------------------------------------------------------------

put("wrong-type-int.yaml", BASE + b'os_disk_gb: "100"\n', 10, 13, "quoted integer")
put("wrong-type-float.yaml", BASE + b"os_disk_gb: 1.5\n", 10, 13, "float for an integer")
put("wrong-type-string.yaml", base_with("customer", b"123"), 2, 11, "integer for a string")
put("wrong-type-bool.yaml",
    BASE + b"domains: [{name: a.jp, pattern: A, ready: yes}]\n", 10, 43, "'yes' for a boolean")
put("wrong-type-time.yaml", base_with("ordered_at", b"2026-02-30T10:00:00+09:00"), 9, 13,
    "no such date")
put("wrong-type-enum.yaml", base_with("status", b"running"), 8, 9, "unknown status")
put("wrong-type-list.yaml", BASE + b"global_ips: 192.0.2.1\n", 10, 13, "a scalar for a list")
put("wrong-type-null.yaml", base_with("customer", b"~"), 2, 11, "null for a string")
put("missing-required.yaml", BASE.replace(b"status: active\n", b""), 1, 1, "no status")
put("bad-uuid.yaml", base_with("id", b"../../etc/passwd"), 1, 5, "path as an id")

# -- syntax -------------------------------------------------------------------

put("syntax-unclosed.yaml", BASE + b"options: [a, b\n", 11, 1, "unclosed flow sequence")
put("syntax-tab-indent.yaml", BASE + b"options:\n\t- a\n", 11, 1, "tab indentation")

with open(os.path.join(out, "MANIFEST"), "w") as f:
    f.write("\n".join(manifest) + "\n")
EOF
