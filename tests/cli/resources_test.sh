#!/usr/bin/env bash
# The shipped resources: each gazetteer's own consistency check, the counts
# issue #3 asks for through `relata gazetteer stats`, and the evaluation
# floors on the gold sets (eval/dev.floors.json, eval/heldout.floors.json).
set -uo pipefail
relata="$1"; src="$2"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0
check() { if [ "$2" = 0 ]; then passed=$((passed+1)); else failed=$((failed+1)); echo "FAIL: $1"; fi; }

for script in tools/gen_places/check_places.py tools/check_companies.py tools/check_people_orgs.py; do
  if [ -f "$src/$script" ]; then
    (cd "$src" && /usr/bin/python3 "$script" >"$tmp/out" 2>&1); rc=$?
    [ $rc = 0 ] || cat "$tmp/out"
    check "$script" $rc
  fi
done

"$relata" gazetteer stats >"$tmp/stats"; check "gazetteer stats exits 0" $?
cat "$tmp/stats"
get() { awk -F'\t' -v k="$1" '$1==k {print $2}' "$tmp/stats"; }
at_least() {  # NAME KEY MIN
  local v; v=$(get "$2"); v=${v:-0}
  [ "$v" -ge "$3" ]; check "$1: $v >= $3" $?
}
at_least "people" "type:person" 1000
at_least "companies" "type:company" 1500
at_least "organizations" "type:organization" 300
at_least "places" "type:place" 1000
at_least "places know their parent" "places_with_parent" 800
at_least "people know a position" "people_with_position" 800

# Each gold set with floors: dev.jsonl (the set the rules were developed on)
# and heldout.jsonl (written apart from the rules; see eval/README.md).
for set in dev heldout; do
  gold="$src/eval/$set.jsonl"; floors="$src/eval/$set.floors.json"
  [ -f "$gold" ] && [ -f "$floors" ] || continue
  "$relata" eval "$gold" --json "$tmp/$set.json" >"$tmp/$set.txt"; check "eval $set exits 0" $?
  head -40 "$tmp/$set.txt"
  /usr/bin/python3 - "$tmp/$set.json" "$floors" <<'PY'; check "$set set scores at or above its floors" $?
import json, sys
got = json.load(open(sys.argv[1])); floors = json.load(open(sys.argv[2]))
bad = []
for table, rows in floors.items():
    for key, mins in rows.items():
        row = got[table].get(key)
        for metric, floor in mins.items():
            value = row[metric] if row else 0.0
            if value + 1e-9 < floor:
                bad.append(f"{table}/{key}/{metric}: {value:.3f} < {floor}")
for b in bad: print("below floor:", b)
sys.exit(1 if bad else 0)
PY
done

echo "resources: $passed passed, $failed failed"
[ "$failed" = 0 ]
