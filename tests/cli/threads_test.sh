#!/usr/bin/env bash
# annotate --threads N writes exactly what --threads 1 writes (same bytes, same
# order, same error records and exit code), and relata compile makes an image
# that annotate maps and that is rebuilt when its source changes.
set -uo pipefail
relata="$1"; src="$2"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
failed=0
fail() { echo "FAIL: $1"; failed=1; }

# A batch with every sample, a bad JSON line and a document in another language.
/usr/bin/python3 - "$src" >"$tmp/batch.jsonl" <<'PY'
import json, sys, glob
src = sys.argv[1]
files = sorted(glob.glob(src + "/samples/*.txt"))
for round in range(6):
    for i, f in enumerate(files):
        print(json.dumps({"id": "r%d-%d" % (round, i), "text": open(f, encoding="utf-8").read()}, ensure_ascii=False))
    if round == 2:
        print("{not json")
PY
"$relata" annotate "$tmp/batch.jsonl" --threads 1 -o "$tmp/t1.jsonl" 2>"$tmp/e1"; s1=$?
for n in 2 3 0; do
  "$relata" annotate "$tmp/batch.jsonl" --threads $n -o "$tmp/tn.jsonl" 2>"$tmp/en"; sn=$?
  [ "$s1" = "$sn" ] || fail "--threads $n exit status $sn, --threads 1 gave $s1"
  cmp -s "$tmp/t1.jsonl" "$tmp/tn.jsonl" || fail "--threads $n output differs from --threads 1"
  cmp -s "$tmp/e1" "$tmp/en" || fail "--threads $n diagnostics differ from --threads 1"
done
[ "$s1" = 1 ] || fail "the bad line should make the batch exit 1 (got $s1)"
[ "$(wc -l <"$tmp/t1.jsonl")" = 31 ] || fail "expected 31 records"
"$relata" annotate "$tmp/batch.jsonl" --threads x >/dev/null 2>&1; [ $? = 2 ] || fail "--threads x should exit 2"
# json (not jsonl) framing with threads
"$relata" annotate "$src"/samples/*.txt --threads 1 >"$tmp/j1.json" 2>/dev/null
"$relata" annotate "$src"/samples/*.txt --threads 2 >"$tmp/j2.json" 2>/dev/null
cmp -s "$tmp/j1.json" "$tmp/j2.json" || fail "--format json output differs with --threads 2"

# relata compile: an image that annotate uses in place of its sources.
cp "$src/gazetteers/companies.tsv" "$tmp/co.tsv" 2>/dev/null || cat "$src"/gazetteers/companies/*.tsv >"$tmp/co.tsv"
"$relata" compile --no-default-gazetteers --gazetteer "$tmp/co.tsv" -o "$tmp/co.img" 2>/dev/null || fail "compile failed"
"$relata" compile >/dev/null 2>&1; [ $? = 2 ] || fail "compile without -o should exit 2"
"$relata" annotate "$src/samples/ko_qualcomm_foundry.txt" --no-default-gazetteers --gazetteer "$tmp/co.tsv" >"$tmp/a.json" 2>/dev/null
"$relata" annotate "$src/samples/ko_qualcomm_foundry.txt" --no-default-gazetteers --gazetteer "$tmp/co.img" >"$tmp/b.json" 2>"$tmp/err"
cmp -s "$tmp/a.json" "$tmp/b.json" || fail "annotate with the image differs from annotate with its source"
[ -s "$tmp/err" ] && fail "a current image should load without warnings: $(cat "$tmp/err")"
# A changed source: the image is rebuilt in place, not served stale.
grep -v "퀄컴\|Qualcomm" "$tmp/co.tsv" >"$tmp/co2.tsv"; mv "$tmp/co2.tsv" "$tmp/co.tsv"
"$relata" annotate "$src/samples/ko_qualcomm_foundry.txt" --no-default-gazetteers --gazetteer "$tmp/co.tsv" >"$tmp/c.json" 2>/dev/null
"$relata" annotate "$src/samples/ko_qualcomm_foundry.txt" --no-default-gazetteers --gazetteer "$tmp/co.img" >"$tmp/d.json" 2>/dev/null
cmp -s "$tmp/c.json" "$tmp/d.json" || fail "after a source change the image gave stale results"
# A damaged image: rebuilt with a warning.
head -c 1000 "$tmp/co.img" >"$tmp/x" && mv "$tmp/x" "$tmp/co.img"
"$relata" annotate "$src/samples/ko_qualcomm_foundry.txt" --no-default-gazetteers --gazetteer "$tmp/co.img" >"$tmp/e.json" 2>"$tmp/err"; s=$?
[ $s = 0 ] || fail "a truncated image should be rebuilt (exit $s)"
grep -q "rebuilding" "$tmp/err" || fail "a truncated image should be reported"
cmp -s "$tmp/c.json" "$tmp/e.json" || fail "the rebuilt image gives other results"

[ $failed = 0 ] && echo "threads and compile: all passed"
exit $failed
