#!/bin/sh
# schema-sync.sh HOSTCTL LOADCHECK SCHEMADIR - the committed JSON Schemas
# are exactly what the generator writes from the field tables.
#
# For every kind (loadcheck --kinds: config, profile and hc_kinds[]),
# SCHEMADIR/<kind>.schema.yaml must equal `hostctl validate --print-schema
# <kind>`; a file for a kind that does not exist fails too. On a
# difference the unified diff is printed; regenerate with
#   for k in $(build/tests/loadcheck --kinds); do
#     build/cmd/hostctl validate --print-schema $k > schemas/$k.schema.yaml
#   done
set -u
hostctl=$1
loadcheck=$2
dir=$3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hostctl-schema.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

kinds=$("$loadcheck" --kinds) || { echo "schema-sync: loadcheck --kinds failed"; exit 1; }
[ -n "$kinds" ] || { echo "schema-sync: no kinds"; exit 1; }
fail=0 n=0
for kind in $kinds; do
	n=$((n + 1))
	file="$dir/$kind.schema.yaml"
	if ! "$hostctl" validate --print-schema "$kind" > "$tmp/$kind.yaml"; then
		echo "schema-sync: 'hostctl validate --print-schema $kind' failed"
		fail=1
		continue
	fi
	if [ ! -f "$file" ]; then
		echo "schema-sync: $file is missing (kind '$kind'); generate it:"
		echo "  hostctl validate --print-schema $kind > schemas/$kind.schema.yaml"
		fail=1
		continue
	fi
	if ! diff -u "$file" "$tmp/$kind.yaml" > "$tmp/$kind.diff"; then
		echo "schema-sync: $file differs from 'hostctl validate --print-schema $kind':"
		cat "$tmp/$kind.diff"
		fail=1
	fi
done
for file in "$dir"/*.schema.yaml; do
	[ -e "$file" ] || continue
	kind=$(basename "$file" .schema.yaml)
	case " $(echo $kinds) " in
	*" $kind "*) ;;
	*) echo "schema-sync: $file names no record kind (known: $(echo $kinds))"; fail=1 ;;
	esac
done
if [ $fail = 0 ]; then
	echo "schema-sync: $n schemas up to date"
fi
exit $fail
