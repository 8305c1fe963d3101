#!/usr/bin/python3
"""schema_agree.py LOADCHECK SCHEMADIR RECORDSDIR

The JSON Schemas (SCHEMADIR/<kind>.schema.yaml) and the C loader must agree
on every fixture under RECORDSDIR/<kind>/valid/*.yaml (both accept) and
RECORDSDIR/<kind>/invalid/*.yaml (both reject). A fixture on which either
side gives the other answer is listed and the test fails.

The schema side reads the fixture with Core12Loader: PyYAML's safe loader
reset to what lib/yaml.c does -- YAML 1.2 core schema resolution only (no
1.1 timestamps, yes/no/on/off booleans, sexagesimal or 010 octal numbers,
merge keys), keys taken as their text, duplicate keys, anchors, aliases,
tags and more than one document refused, and the size limits of
include/hostctl/yaml.h. A file the loader refuses counts as rejected. The
C side is LOADCHECK KIND FILE (tests/loadcheck.c): exit 0 accepted, 5
rejected.

Run by Debian's /usr/bin/python3 with python3-yaml and python3-jsonschema
(tests/run installs them).
"""

import os
import re
import subprocess
import sys

try:
    import yaml
    import jsonschema
    from yaml.composer import ComposerError
    from yaml.constructor import ConstructorError
    from yaml.events import AliasEvent, MappingStartEvent, ScalarEvent, SequenceStartEvent
    from yaml.nodes import ScalarNode
except ImportError as e:  # pragma: no cover - environment problem
    print(f"schema_agree: {e}: install python3-yaml and python3-jsonschema "
          "(apt-get install python3-yaml python3-jsonschema)")
    sys.exit(1)

MAX_FILE = 1024 * 1024   # HC_RECORD_MAX_BYTES
MAX_SCALAR = 64 * 1024   # HC_YAML_MAX_SCALAR, in bytes
MAX_DEPTH = 16           # HC_YAML_MAX_DEPTH
MAX_NODES = 200000       # HC_YAML_MAX_NODES


class Refused(Exception):
    """The YAML layer refuses the document (as hc_yaml_parse would)."""


class Core12Loader(yaml.SafeLoader):
    """PyYAML safe loader with lib/yaml.c's rules (hc_yaml_resolve)."""

    # Fresh tables: nothing inherited from the YAML 1.1 resolver.
    yaml_implicit_resolvers = {}

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0
        self._nodes = 0

    # -- composing: the structure lib/yaml.c refuses --------------------

    def compose_document(self):
        event = self.peek_event()
        if getattr(event, "tags", None):
            raise Refused("tags are not allowed in state files")
        return super().compose_document()

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise Refused("aliases are not allowed in state files")
        if isinstance(event, (ScalarEvent, SequenceStartEvent, MappingStartEvent)):
            if event.anchor is not None:
                raise Refused("anchors are not allowed in state files")
            if event.tag is not None:
                raise Refused("tags are not allowed in state files")
            self._nodes += 1
            if self._nodes > MAX_NODES:
                raise Refused("too many nodes in one document")
        if isinstance(event, ScalarEvent):
            if len(event.value.encode("utf-8", "surrogatepass")) > MAX_SCALAR:
                raise Refused("scalar exceeds the size limit")
            if "\0" in event.value:
                raise Refused("NUL character in a scalar")
            return super().compose_node(parent, index)
        if isinstance(event, (SequenceStartEvent, MappingStartEvent)):
            if self._depth >= MAX_DEPTH:
                raise Refused(f"nesting deeper than {MAX_DEPTH} levels")
            self._depth += 1
            try:
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1
        return super().compose_node(parent, index)

    # -- constructing ----------------------------------------------------

    def construct_mapping(self, node, deep=False):
        """Keys are their scalar text (as in C, whatever they resolve to);
        a key seen twice is refused; no merge keys."""
        mapping = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise Refused("a mapping key must be a plain or quoted scalar")
            key = key_node.value
            if key in mapping:
                raise Refused(f"duplicate key '{key}'")
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def construct_yaml_map(self, node):
        data = {}
        yield data
        data.update(self.construct_mapping(node))

    def construct_core_int(self, node):
        text = self.construct_scalar(node)
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        return int(text, 10)

    def construct_core_float(self, node):
        text = self.construct_scalar(node)
        body = text.lstrip("+-")
        if body.lower() == ".inf":
            return float("-inf") if text.startswith("-") else float("inf")
        if body.lower() == ".nan":
            return float("nan")
        return float(text)


# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution),
# exactly hc_yaml_resolve(): anything else is a string.
_CORE = [
    ("tag:yaml.org,2002:null", r"(?:~|null|Null|NULL|)\Z", "~nN"),
    ("tag:yaml.org,2002:bool", r"(?:true|True|TRUE|false|False|FALSE)\Z", "tTfF"),
    ("tag:yaml.org,2002:int", r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z", "-+0123456789"),
    ("tag:yaml.org,2002:float",
     r"(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
     r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z", "-+.0123456789"),
]
for _tag, _regexp, _first in _CORE:
    Core12Loader.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))
# The empty plain scalar is null.
Core12Loader.yaml_implicit_resolvers.setdefault("", []).append(
    ("tag:yaml.org,2002:null", re.compile(r"\Z")))
Core12Loader.add_constructor("tag:yaml.org,2002:map", Core12Loader.construct_yaml_map)
Core12Loader.add_constructor("tag:yaml.org,2002:int", Core12Loader.construct_core_int)
Core12Loader.add_constructor("tag:yaml.org,2002:float", Core12Loader.construct_core_float)


def load_yaml(path):
    """The document in path, or raises Refused / yaml.YAMLError."""
    with open(path, "rb") as f:
        data = f.read(MAX_FILE + 1)
    if len(data) > MAX_FILE:
        raise Refused(f"file larger than {MAX_FILE} bytes")
    if b"\0" in data:
        raise Refused("NUL byte in file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Refused(f"invalid UTF-8 ({e.reason})")
    if not text.strip(" \t\r\n"):
        raise Refused("empty document")
    loader = Core12Loader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def schema_verdict(validator, path):
    """(accepted, reason)"""
    try:
        doc = load_yaml(path)
    except Refused as e:
        return False, f"YAML layer: {e}"
    except (yaml.YAMLError, ComposerError, ConstructorError) as e:
        return False, "YAML layer: " + " ".join(str(e).split())
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    if not errors:
        return True, "valid"
    e = errors[0]
    where = "/".join(str(p) for p in e.absolute_path) or "(root)"
    return False, f"{where}: {e.message[:160]}"


def loader_verdict(loadcheck, kind, path):
    """(accepted, reason), or raises RuntimeError when loadcheck fails."""
    p = subprocess.run([loadcheck, kind, path], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, check=False)
    if p.returncode == 0:
        return True, "valid"
    if p.returncode == 5:
        return False, " ".join(p.stderr.split())[:200]
    raise RuntimeError(f"loadcheck {kind} {path}: exit {p.returncode}: {p.stderr.strip()}")


def schema_paths(schema, prefix=""):
    """Every property path of a schema: "disks[].size_gb"."""
    if schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        yield from schema_paths(schema["items"], prefix + "[]")
    for name, sub in schema.get("properties", {}).items():
        path = f"{prefix}.{name}" if prefix else name
        yield path
        yield from schema_paths(sub, path)


def doc_paths(doc, prefix=""):
    """Every key path present in a document, in schema_paths' spelling."""
    if isinstance(doc, list):
        for item in doc:
            yield from doc_paths(item, prefix + "[]")
    elif isinstance(doc, dict):
        for name, value in doc.items():
            path = f"{prefix}.{name}" if prefix else name
            yield path
            yield from doc_paths(value, path)


def main(argv):
    if len(argv) != 4:
        print(__doc__.splitlines()[0])
        return 2
    loadcheck, schemadir, recordsdir = argv[1:]
    kinds = subprocess.run([loadcheck, "--kinds"], stdout=subprocess.PIPE, text=True,
                           check=True).stdout.split()
    passed = 0
    problems = []

    dirs = sorted(d for d in os.listdir(recordsdir)
                  if os.path.isdir(os.path.join(recordsdir, d)))
    for d in dirs:
        if d not in kinds:
            problems.append(f"{recordsdir}/{d}: no record kind '{d}' (known: {', '.join(kinds)})")
    for kind in kinds:
        if kind not in dirs:
            print(f"note: no fixtures for kind '{kind}' under {recordsdir}/{kind}/")

    for kind in [k for k in kinds if k in dirs]:
        schema_path = os.path.join(schemadir, f"{kind}.schema.yaml")
        try:
            schema = load_yaml(schema_path)
            cls = jsonschema.validators.validator_for(schema)
            cls.check_schema(schema)
        except Exception as e:  # noqa: BLE001 - any failure here is the test's
            problems.append(f"{schema_path}: not a usable JSON Schema: {e}")
            continue
        validator = cls(schema)
        used = set()
        for expect in ("valid", "invalid"):
            sub = os.path.join(recordsdir, kind, expect)
            files = sorted(f for f in os.listdir(sub) if f.endswith(".yaml")) \
                if os.path.isdir(sub) else []
            if not files:
                problems.append(f"{sub}: no fixtures")
            for name in files:
                path = os.path.join(sub, name)
                rel = f"{kind}/{expect}/{name}"
                want = expect == "valid"
                s_ok, s_why = schema_verdict(validator, path)
                try:
                    c_ok, c_why = loader_verdict(loadcheck, kind, path)
                except RuntimeError as e:
                    problems.append(str(e))
                    continue
                if s_ok == want and c_ok == want:
                    passed += 1
                    if want:
                        used.update(doc_paths(load_yaml(path)))
                    verdict = "accept" if want else "reject"
                    print(f"ok   {rel}: both {verdict}"
                          + ("" if want else f"\n       schema: {s_why}\n       loader: {c_why}"))
                    continue
                msg = (f"FAIL {rel} (expected {'valid' if want else 'invalid'}):\n"
                       f"       schema {'accepts' if s_ok else 'rejects'}: {s_why}\n"
                       f"       loader {'accepts' if c_ok else 'rejects'}: {c_why}")
                print(msg)
                problems.append(msg)
        # Only the outermost unused paths: their children go without saying.
        unused = []
        for p in schema_paths(schema):
            if p not in used and not any(p.startswith(u + ".") or p.startswith(u + "[]")
                                         for u in unused):
                unused.append(p)
        if unused:
            print(f"note: no valid {kind} fixture has: {', '.join(unused)}")

    if problems:
        print("\ndisagreements and problems:")
        for p in problems:
            print(p)
    # Fixture failures are in problems too; count each problem once.
    print(f"{passed} passed, {len(problems)} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
