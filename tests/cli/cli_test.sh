#!/usr/bin/env bash
# The CLI contract: exit codes, diagnostics, atomic output, batches with bad
# lines, pipes. Each check says what it expects; the first failure stops the run.
set -uo pipefail
relata="$1"; src="$2"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0
check() {  # check NAME EXPECTED_STATUS ACTUAL_STATUS [extra condition result]
  local name="$1" want="$2" got="$3" extra="${4:-0}"
  if [ "$got" = "$want" ] && [ "$extra" = 0 ]; then passed=$((passed+1)); else
    failed=$((failed+1)); echo "FAIL: $name (status $got, wanted $want; extra check $extra)"; fi
}
py() { /usr/bin/python3 -c "$@"; }
source "$(dirname "${BASH_SOURCE[0]}")/../lib/bad_batch.sh"

"$relata" --help >"$tmp/out" 2>&1; check "--help exits 0" 0 $?
grep -q "relata annotate" "$tmp/out"; check "--help lists annotate" 0 $?
"$relata" --version >"$tmp/out"; check "--version exits 0" 0 $?
grep -Eq '^relata [0-9]+\.[0-9]+\.[0-9]+$' "$tmp/out"; check "--version prints a version" 0 $?
"$relata" annotate --help >"$tmp/out"; check "annotate --help exits 0" 0 $?
grep -q -- "--gazetteer" "$tmp/out"; check "annotate --help documents --gazetteer" 0 $?
"$relata" frobnicate 2>"$tmp/err"; check "an unknown command exits 2" 2 $?
"$relata" annotate --no-such-flag x 2>"$tmp/err"; check "an unknown flag exits 2" 2 $?
grep -q "no-such-flag" "$tmp/err"; check "the unknown flag is named" 0 $?
"$relata" annotate --lang xx "$src/samples/en_nvidia_tsmc.txt" 2>"$tmp/err" >/dev/null; check "a bad --lang exits 2" 2 $?
"$relata" annotate --date 2024-13 "$src/samples/en_nvidia_tsmc.txt" 2>"$tmp/err" >/dev/null; check "a bad --date exits 2" 2 $?

# A sample: a {"graph": ...} object whose mentions slice the original text.
"$relata" annotate "$src/samples/ko_qualcomm_foundry.txt" >"$tmp/g.json"; check "annotate a sample exits 0" 0 $?
py "
import json,sys
t=open('$src/samples/ko_qualcomm_foundry.txt',encoding='utf-8').read()
b=t.encode('utf-8')
g=json.load(open('$tmp/g.json'))['graph']
n=0
for node in g['nodes'].values():
  for m in node['metadata']['mentions']:
    assert t[m['start']:m['end']]==m['text'], m
    assert b[m['byte_start']:m['byte_end']].decode('utf-8')==m['text'], m
    assert t.encode('utf-16-le')[2*m['utf16_start']:2*m['utf16_end']].decode('utf-16-le')==m['text'], m
    n+=1
assert n>5, n
assert g['edges'], 'no edges'
"; check "every mention's three offsets slice the original text" 0 $?

# Empty input gives an empty graph.
: >"$tmp/empty.txt"
"$relata" annotate "$tmp/empty.txt" >"$tmp/e.json"; check "an empty file exits 0" 0 $?
py "import json; g=json.load(open('$tmp/e.json'))['graph']; assert g['nodes']=={} and g['edges']==[]"; check "an empty file gives an empty graph" 0 $?

# Invalid UTF-8: strict names the byte offset; lenient annotates with a warning.
printf 'Samsung Electronics \xff said.\n' >"$tmp/bad.txt"
"$relata" annotate "$tmp/bad.txt" >"$tmp/out" 2>"$tmp/err"; check "invalid UTF-8 exits 1" 1 $?
grep -q "byte 20" "$tmp/err"; check "invalid UTF-8 error names byte 20" 0 $?
"$relata" annotate --lenient "$tmp/bad.txt" >"$tmp/out" 2>"$tmp/err"; check "--lenient annotates invalid UTF-8" 0 $?
grep -q "U+FFFD" "$tmp/err"; check "--lenient warns about the replacement" 0 $?

# A directory given as a file.
"$relata" annotate "$tmp" >"$tmp/out" 2>"$tmp/err"; check "a directory as input exits 1" 1 $?
grep -q "is a directory" "$tmp/err"; check "the directory error says so" 0 $?

# JSONL batch with bad lines in the middle: the others are annotated.
write_bad_batch "$tmp/batch.jsonl"
"$relata" annotate "$tmp/batch.jsonl" >"$tmp/b.jsonl" 2>"$tmp/err"; check "a batch with bad lines exits 1" 1 $?
py "
import json
recs=[json.loads(l) for l in open('$tmp/b.jsonl')]
ids=[r['graph']['id'] for r in recs if 'graph' in r]
errs=[r['error']['line'] for r in recs if 'error' in r]
assert ids==$bad_batch_good_ids, ids
assert errs==$bad_batch_error_lines, errs
"; check "good documents annotated, bad lines reported in order" 0 $?
grep -q "batch.jsonl:3: missing \"text\"" "$tmp/err"; check "stderr names file:line for a missing text" 0 $?

# Output: atomic file, missing directory, /dev/full, closed pipe.
"$relata" annotate "$src/samples/en_nvidia_tsmc.txt" -o "$tmp/out.json"; check "-o writes a file" 0 $?
py "import json; json.load(open('$tmp/out.json'))"; check "-o file is complete JSON" 0 $?
"$relata" annotate "$src/samples/en_nvidia_tsmc.txt" -o "$tmp/nodir/out.json" 2>"$tmp/err"; check "-o into a missing directory exits 3" 3 $?
[ ! -e "$tmp/nodir/out.json" ]; check "no file appears in a missing directory" 0 $?
"$relata" annotate "$src/samples/en_nvidia_tsmc.txt" -o /dev/full 2>"$tmp/err"; check "-o /dev/full exits 3" 3 $?
grep -qi "no space" "$tmp/err"; check "/dev/full error says no space" 0 $?
ls -a "$tmp" | grep -q "\.tmp\." ; check "no temporary file is left behind" 1 $?
for i in $(seq 1 300); do echo "{\"id\": \"d$i\", \"text\": \"Samsung Electronics and TSMC make chips in Taiwan and Korea.\"}"; done >"$tmp/many.jsonl"
"$relata" annotate "$tmp/many.jsonl" 2>"$tmp/err" | head -1 >/dev/null; check "a closed pipe ends with status 0" 0 "${PIPESTATUS[0]}"
[ ! -s "$tmp/err" ]; check "a closed pipe ends quietly" 0 $?

# test-rules and explain.
"$relata" test-rules >"$tmp/out"; check "test-rules passes on the shipped rules" 0 $?
printf 'relation broken\n  type met-with\n  pattern (a)\\1\n' >"$tmp/bad.rules"
"$relata" test-rules "$tmp/bad.rules" >"$tmp/out" 2>"$tmp/err"; check "a broken rule file exits 2" 2 $?
grep -q "bad.rules:" "$tmp/err"; check "the rule error names file:line" 0 $?
"$relata" explain "$src/samples/ko_qualcomm_foundry.txt" >"$tmp/out"; check "explain exits 0" 0 $?
grep -q "mention" "$tmp/out" && grep -q "fact" "$tmp/out"; check "explain lists mentions and facts" 0 $?
"$relata" explain "$src/samples/ko_qualcomm_foundry.txt" --rule no.such.rule 2>"$tmp/err" >/dev/null; check "explain --rule with an unknown id exits 2" 2 $?

# A rule stamp belongs to the relata build that wrote it: a stamp lets a load
# skip its checks, and another build may check more.
mkdir -p "$tmp/cache" "$tmp/other"
cp "$relata" "$tmp/other/relata"
stamps() { find "$tmp/cache" -name 'rules-*.ok' | wc -l; }
RELATA_DATA_DIR="$src" RELATA_CACHE_DIR="$tmp/cache" "$relata" annotate "$src/samples/en_nvidia_tsmc.txt" >"$tmp/s1.json"
check "a run with an empty cache exits 0" 0 $?
[ "$(stamps)" = 1 ]; check "the run writes one rule stamp" 0 $?
RELATA_DATA_DIR="$src" RELATA_CACHE_DIR="$tmp/cache" "$relata" annotate "$src/samples/en_nvidia_tsmc.txt" >"$tmp/s2.json"
[ "$(stamps)" = 1 ]; check "the same build reuses its stamp" 0 $?
RELATA_DATA_DIR="$src" RELATA_CACHE_DIR="$tmp/cache" "$tmp/other/relata" annotate "$src/samples/en_nvidia_tsmc.txt" >"$tmp/s3.json"
[ "$(stamps)" = 2 ]; check "another build checks the rules again and writes its own stamp" 0 $?
cmp -s "$tmp/s1.json" "$tmp/s2.json" && cmp -s "$tmp/s1.json" "$tmp/s3.json"; check "stamped and checked loads annotate alike" 0 $?

echo "cli: $passed passed, $failed failed"
[ "$failed" = 0 ]
