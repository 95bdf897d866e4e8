#!/usr/bin/env bash
# The shipped resources: each gazetteer's own consistency check, the counts
# issue #3 asks for through `relata gazetteer stats`, and the evaluation
# floors on the development set (eval/floors.json).
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

if [ -f "$src/eval/dev.jsonl" ] && [ -f "$src/eval/floors.json" ]; then
  "$relata" eval "$src/eval/dev.jsonl" --json "$tmp/eval.json" >"$tmp/eval.txt"; check "eval exits 0" $?
  head -40 "$tmp/eval.txt"
  /usr/bin/python3 - "$tmp/eval.json" "$src/eval/floors.json" <<'PY'; check "development set scores at or above the floors" $?
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
fi

echo "resources: $passed passed, $failed failed"
[ "$failed" = 0 ]
