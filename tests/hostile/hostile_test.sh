#!/usr/bin/env bash
# Hostile input: what newsroom scrapers really send. Every case asserts the
# exact behaviour: a correct result, or a clear error naming the file and the
# line or byte offset — never a crash, a hang, a silently dropped document or a
# partial output file. Cases already in tests/cli/cli_test.sh (a lone 0xFF, an
# empty text file, a directory as input, the basic bad-line batch, -o into a
# missing directory, /dev/full, a closed pipe) are not repeated; these extend
# them. Big inputs are generated into a temp dir at test time.
#
# Usage: hostile_test.sh RELATA SOURCE_DIR
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
# Fails the case when a relata run takes longer than this: a hang is a bug.
run() { timeout "${RELATA_HOSTILE_TIMEOUT:-300}" "$relata" "$@"; }

# The fuzz resource set: small and fixed, so these cases do not move when the
# shipped rules and gazetteers grow.
res="$src/tests/fuzz/resources"
small=(--rules "$res/rules" --no-default-gazetteers --gazetteer "$res/gazetteer.tsv")

# Checks that every mention and evidence offset of a graph slices the original
# input: code points into the Python-decoded text (errors="replace" for
# lenient runs), UTF-8 bytes into the raw input when the span is valid there,
# UTF-16 units into the UTF-16 text. Usage: offsets_ok GRAPH_JSON INPUT [min mentions]
offsets_ok() {
  py "
import json,sys
raw=open('$2','rb').read()
t=raw.decode('utf-8','replace')
u=t.encode('utf-16-le','surrogatepass')
d=json.load(open('$1'))
g=d['graph']
n=0
for node in g['nodes'].values():
  for m in node['metadata']['mentions']:
    assert t[m['start']:m['end']]==m['text'], m
    assert u[2*m['utf16_start']:2*m['utf16_end']].decode('utf-16-le')==m['text'], m
    assert raw[m['byte_start']:m['byte_end']].decode('utf-8','replace')==m['text'], m
    n+=1
for e in g['edges']:
  for ev in e['metadata']['evidence']:
    assert t[ev['start']:ev['end']]==ev['text'], ev
assert n>=${3:-1}, n
"
}

# ------------------------------------------------------------------ UTF-8
# Every kind of ill-formed UTF-8, each placed at byte 13 of the same article.
# Strict: exit 1, the message names the byte, the output holds one error
# record. Lenient: exit 0, one warning per maximal ill-formed subpart (the
# count Python's errors="replace" gives) and offsets that still slice the text.
declare -A kinds=(
  [overlong-2]='\xc0\xaf' [overlong-3]='\xe0\x80\xaf' [overlong-4]='\xf0\x80\x80\xaf'
  [surrogate-high]='\xed\xa0\x80' [surrogate-low]='\xed\xbf\xbf' [above-10ffff]='\xf4\x90\x80\x80'
  [truncated-3]='\xe2\x82' [truncated-4]='\xf0\x9f\x98' [stray-continuation]='\x80' [stray-run]='\xbf\xbf\xbf'
  [invalid-lead]='\xf5\xfe'
)
for kind in "${!kinds[@]}"; do
  f="$tmp/utf8-$kind.txt"
  printf "Samsung said ${kinds[$kind]} Samsung Electronics is based in Suwon.\n" >"$f"
  run annotate "$f" >"$tmp/out" 2>"$tmp/err"; check "strict $kind exits 1" 1 $?
  grep -qx "relata: $f: invalid UTF-8 at byte 13" "$tmp/err"; check "strict $kind names byte 13" 0 $?
  py "import json; r=json.load(open('$tmp/out')); assert r['error']['message']=='$f: invalid UTF-8 at byte 13', r" 2>/dev/null
  check "strict $kind writes an error record" 0 $?
  run annotate --lenient "$f" >"$tmp/out" 2>"$tmp/err"; check "lenient $kind exits 0" 0 $?
  want=$(py "print(open('$f','rb').read().decode('utf-8','replace').count('\ufffd'))")
  got=$(grep -c "invalid UTF-8 at byte .* replaced by U+FFFD" "$tmp/err")
  [ "$got" = "$want" ]; check "lenient $kind: $want replacement warnings" 0 $? 
  grep -q "invalid UTF-8 at byte 13 replaced" "$tmp/err"; check "lenient $kind: first warning names byte 13" 0 $?
  offsets_ok "$tmp/out" "$f" 2; check "lenient $kind: offsets slice the text after the repair" 0 $?
done
# A truncated sequence at the very end of the file.
printf 'Samsung Electronics said \xe2\x82' >"$tmp/utf8-tail.txt"
run annotate "$tmp/utf8-tail.txt" >/dev/null 2>"$tmp/err"; check "strict truncated tail exits 1" 1 $?
grep -q "invalid UTF-8 at byte 25$" "$tmp/err"; check "strict truncated tail names byte 25" 0 $?
# JSONL: raw ill-formed bytes inside a line make that line bad JSON (RFC 8259
# text is UTF-8); the error names file:line and the column, the others pass.
printf '{"id":"a","text":"Samsung Electronics said."}\n{"id":"b","text":"x \xed\xa0\x80 y"}\n{"id":"c","text":"TSMC \\ud83d\\ude00 said."}\n{"id":"d","text":"lone \\ud800 surrogate"}\n' >"$tmp/u.jsonl"
run annotate "$tmp/u.jsonl" >"$tmp/out" 2>"$tmp/err"; check "JSONL with ill-formed UTF-8 exits 1" 1 $?
grep -q "u.jsonl:2: not valid JSON: .*column 22: .*ill-formed UTF-8" "$tmp/err"; check "JSONL ill-formed UTF-8 names file:2 and column" 0 $?
grep -q "u.jsonl:4: not valid JSON: .*surrogate" "$tmp/err"; check "JSONL lone \\ud800 escape names file:4" 0 $?
py "
import json
recs=[json.loads(l) for l in open('$tmp/out')]
assert [('graph' in r and r['graph']['id']) or r['error']['line'] for r in recs]==['a',2,'c',4], recs
m=recs[2]['graph']['nodes']['company:tsmc']['metadata']['mentions'][0]
assert (m['start'],m['utf16_start'],m['byte_start'])==(0,0,0)
"; check "JSONL: good lines annotated in order around the bad ones" 0 $?

# ------------------------------------------------------------------ NUL, BOM, CR
# NUL is a character like any other: kept, counted, never a string end.
printf 'Samsung Electronics\x00 met TSMC.\x00\x00Nvidia is based in Santa Clara.\n' >"$tmp/nul.txt"
run annotate "$tmp/nul.txt" >"$tmp/nul.json" 2>"$tmp/err"; check "NUL bytes annotate" 0 $?
offsets_ok "$tmp/nul.json" "$tmp/nul.txt" 3; check "offsets after NUL bytes slice the text" 0 $?
py "import json; g=json.load(open('$tmp/nul.json'))['graph']; assert 'company:nvidia' in g['nodes'], list(g['nodes'])"
check "a mention after NUL bytes is found" 0 $?
printf '{"id":"n","text":"Samsung Electronics\\u0000 met TSMC."}\n' >"$tmp/nul.jsonl"
run annotate "$tmp/nul.jsonl" >"$tmp/out" 2>"$tmp/err"; check "an escaped NUL in JSONL annotates" 0 $?
py "import json; g=json.loads(open('$tmp/out').readline())['graph']; m=g['nodes']['company:tsmc']['metadata']['mentions'][0]; assert m['start']==25, m"
check "an escaped NUL counts as one code point" 0 $?
# A BOM is kept as U+FEFF (as Python's utf-8 codec does): offsets count it.
printf '\xef\xbb\xbfSamsung Electronics met TSMC.\n' >"$tmp/bom.txt"
run annotate "$tmp/bom.txt" >"$tmp/bom.json"; check "a BOM file annotates" 0 $?
py "
import json; g=json.load(open('$tmp/bom.json'))['graph']
m=g['nodes']['company:samsung-electronics']['metadata']['mentions'][0]
assert (m['start'],m['byte_start'],m['utf16_start'])==(1,3,1), m
"; check "offsets after a BOM count it (cp 1, byte 3, utf16 1)" 0 $?
printf '\xef\xbb\xbf{"id":"b","text":"TSMC said."}\n{"id":"c","text":"Nvidia said."}\n' >"$tmp/bom.jsonl"
run annotate "$tmp/bom.jsonl" >"$tmp/out" 2>"$tmp/err"; check "a BOM before the first JSONL line is skipped" 0 $?
[ "$(grep -c '"graph"' "$tmp/out")" = 2 ]; check "both BOM JSONL documents annotated" 0 $?
# CR-only line ends behave as LF: the byline is furniture, the date line gives
# the date, the same mentions are found at the same offsets.
printf 'By Dana Whitfield\nPublished March 4, 2025\nNvidia CEO Jensen Huang met TSMC Chairman C.C. Wei in Taipei.\nSamsung Electronics is based in Suwon.\n' >"$tmp/lf.txt"
tr '\n' '\r' <"$tmp/lf.txt" >"$tmp/cr.txt"
run annotate "$tmp/lf.txt" --compact >"$tmp/lf.json"; run annotate "$tmp/cr.txt" --compact >"$tmp/cr.json"; check "a CR-only file annotates" 0 $?
py "
import json
a=json.load(open('$tmp/lf.json'))['graph']; b=json.load(open('$tmp/cr.json'))['graph']
assert b['metadata'].get('date')=='2025-03-04', b['metadata']
assert b['metadata']['furniture_zones']==a['metadata']['furniture_zones']=='2', (a['metadata'], b['metadata'])
strip=lambda g: sorted((k,[(m['start'],m['end']) for m in v['metadata']['mentions']]) for k,v in g['nodes'].items())
assert strip(a)==strip(b), (strip(a), strip(b))
assert sorted(e['id'] for e in a['edges'])==sorted(e['id'] for e in b['edges'])
"; check "CR-only line ends: same zones, date, mentions and edges as LF" 0 $?

# ------------------------------------------------------------------ sizes
# A 50 MB article on one line (sentences, no line break; a mention every 2 KB,
# as in a scraped page of boilerplate) and an article with 100,000 entity
# mentions: correct, complete, and in bounded time.
py "
filler='The quarterly report covered supply chains, inventories and the outlook for memory prices across the region. '
s=filler*18+'Nvidia buys chips from TSMC in Hsinchu. '
n=50*1024*1024//len(s)+1
open('$tmp/big.txt','w').write(s*n)
open('$tmp/big.count','w').write('%d %d' % (n, len(s)))
"
start=$SECONDS
run annotate "${small[@]}" --compact "$tmp/big.txt" -o "$tmp/big.json" 2>"$tmp/err"; check "a 50 MB one-line article annotates" 0 $?
echo "hostile: 50 MB article took $((SECONDS-start)) s"
py "
import json
n,size=map(int,open('$tmp/big.count').read().split())
g=json.load(open('$tmp/big.json'))['graph']
ms=g['nodes']['company:nvidia']['metadata']['mentions']
assert len(ms)==n, (len(ms), n)
assert len(g['nodes']['company:tsmc']['metadata']['mentions'])==n
last=ms[-1]; want=(n-1)*size+size-len('Nvidia buys chips from TSMC in Hsinchu. ')
assert last['start']==want and last['byte_start']==want and last['utf16_start']==want, (last, want)
"; check "50 MB article: every mention, the last one at the right offset" 0 $?
rm -f "$tmp/big.txt" "$tmp/big.json"
py "
s='Nvidia, TSMC and Samsung met in Seoul. '
open('$tmp/many.txt','w').write(s*25000)
"
run annotate "${small[@]}" --compact "$tmp/many.txt" >"$tmp/many.json" 2>"$tmp/err"; check "an article with 100,000 mentions annotates" 0 $?
py "
import json
g=json.load(open('$tmp/many.json'))['graph']
n=sum(len(v['metadata']['mentions']) for v in g['nodes'].values())
assert n==100000, n
"; check "all 100,000 mentions are in the graph" 0 $?

# ------------------------------------------------------------------ empty and odd inputs
: >"$tmp/empty.jsonl"
run annotate "$tmp/empty.jsonl" >"$tmp/out" 2>"$tmp/err"; check "an empty JSONL file exits 0" 0 $?
[ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ]; check "an empty JSONL file writes nothing" 0 $?
printf '\n  \n\r\n' >"$tmp/blank.jsonl"
run annotate "$tmp/blank.jsonl" >"$tmp/out" 2>"$tmp/err"; check "a JSONL file of blank lines exits 0" 0 $?
[ ! -s "$tmp/out" ]; check "blank JSONL lines are no documents" 0 $?
mkdir -p "$tmp/adir"
run annotate --format jsonl "$src/samples/en_nvidia_tsmc.txt" "$tmp/adir" "$tmp/nul.txt" >"$tmp/out" 2>"$tmp/err"
check "a directory among inputs exits 1" 1 $?
py "
import json
recs=[json.loads(l) for l in open('$tmp/out')]
assert [('graph' in r and r['graph']['id']) or r['error']['message'] for r in recs]==['en_nvidia_tsmc','$tmp/adir: is a directory, not a file','nul'], recs
"; check "the inputs around a directory are annotated in order" 0 $?
run annotate "$tmp/no-such-file.txt" >"$tmp/out" 2>"$tmp/err"; check "a missing input exits 1" 1 $?
grep -q "no-such-file.txt: No such file or directory" "$tmp/err"; check "a missing input is named" 0 $?

# ------------------------------------------------------------------ JSONL batch
write_bad_batch "$tmp/batch.jsonl"  # tests/lib/bad_batch.sh: bad lines 2-5 between two good ones
run annotate "$tmp/batch.jsonl" >"$tmp/b.jsonl" 2>"$tmp/err"; check "bad batch exits 1" 1 $?
py "
import json
recs=[json.loads(l) for l in open('$tmp/b.jsonl')]
f='$tmp/batch.jsonl'
want=[('graph','a'),('error',2,f+':2: not valid JSON'),('error',3,f+':3: missing \"text\"'),
      ('error',4,f+':4: \"text\" must be a string'),('error',5,f+\":5: duplicate id 'a'\"),('graph','e')]
assert len(recs)==len(want), recs
for r,w in zip(recs,want):
  if w[0]=='graph': assert r['graph']['id']==w[1], r
  else: assert r['error']['line']==w[1] and r['error']['message'].startswith(w[2]), (r, w)
"; check "one record per line, in order: graphs and error records naming file:line" 0 $?
for l in 2 3 4 5; do grep -q "^relata: $tmp/batch.jsonl:$l: " "$tmp/err"; check "stderr names batch.jsonl:$l" 0 $?; done
grep -qx "relata: 4 of 6 documents failed" "$tmp/err"; check "stderr sums up 4 of 6 failed" 0 $?
run annotate --format json "$tmp/batch.jsonl" >"$tmp/b.json" 2>/dev/null; check "bad batch as one JSON exits 1" 1 $?
py "
import json
recs=json.load(open('$tmp/b.json'))['graphs']
assert ['graph' in r for r in recs]==[True,False,False,False,False,True], recs
"; check "the {\"graphs\"} wrapper holds the same records" 0 $?
run annotate --input-format jsonl - <"$tmp/batch.jsonl" >"$tmp/out" 2>"$tmp/err"; check "bad batch on stdin exits 1" 1 $?
grep -q "^relata: -:3: missing \"text\"" "$tmp/err" || grep -q "^relata: stdin:3: missing \"text\"" "$tmp/err"
check "stdin errors name the line" 0 $?

# ------------------------------------------------------------------ gazetteers
gz() { run annotate "${small[@]}" --gazetteer "$1" "$tmp/lf.txt" >"$tmp/out" 2>"$tmp/err"; }
printf 'id\ttype\tname\naa:1\tcompany\tAcme\naa:1\tcompany\tAcme Corp\n' >"$tmp/dup.tsv"
gz "$tmp/dup.tsv"; check "duplicate gazetteer ids exit 2" 2 $?
grep -qx "relata: $tmp/dup.tsv:3: duplicate id 'aa:1' (first defined at $tmp/dup.tsv:2)" "$tmp/err"; check "the duplicate names both lines" 0 $?
[ ! -s "$tmp/out" ]; check "no output when resources do not load" 0 $?
printf 'company:nvidia\tcompany\tNvidia Again\n' >"$tmp/dup2.tsv"
gz "$tmp/dup2.tsv"; check "an id duplicated across files exits 2" 2 $?
grep -q "dup2.tsv:1: duplicate id 'company:nvidia' (first defined at .*gazetteer.tsv:2)" "$tmp/err"; check "the cross-file duplicate names both files" 0 $?
printf 'aa:1\tcompany\tAcme\naa:2\tcompany\t  \n' >"$tmp/empty-name.tsv"
gz "$tmp/empty-name.tsv"; check "an empty name exits 2" 2 $?
grep -qx "relata: $tmp/empty-name.tsv:2: empty name for id 'aa:2'" "$tmp/err"; check "the empty name is named with file:line" 0 $?
printf '{"id":"aa:1","type":"company","name":"Acme"}\n{"id":"aa:2","type":"company","name":""}\n' >"$tmp/empty-name.jsonl"
gz "$tmp/empty-name.jsonl"; check "an empty JSONL name exits 2" 2 $?
grep -q "empty-name.jsonl:2: empty name for id 'aa:2'" "$tmp/err"; check "the empty JSONL name names file:line" 0 $?
printf 'aa:1\tcompany\tAcme\naa:2\tcompany\n' >"$tmp/broken.tsv"
gz "$tmp/broken.tsv"; check "a broken TSV line exits 2" 2 $?
grep -qx "relata: $tmp/broken.tsv:2: expected at least 3 tab-separated columns (id, type, name), found 2" "$tmp/err"; check "the broken TSV line is named" 0 $?
printf '{"id":"aa:1","type":"company","name":"Acme"}\n{"id":"aa:2","type":"company",\n' >"$tmp/broken.jsonl"
gz "$tmp/broken.jsonl"; check "a broken JSONL line exits 2" 2 $?
grep -q "broken.jsonl:2: invalid JSON" "$tmp/err"; check "the broken JSONL line is named" 0 $?
# Conflicting types for one name: both entries are candidates; the overlap
# policy (resolve/overlap.h) ranks equal spans and priorities by type, so the
# company wins over the place every time and the place is its alternative.
printf 'place:mercury\tplace\tMercury\ncompany:mercury\tcompany\tMercury\n' >"$tmp/conflict.tsv"
printf 'Mercury said sales rose.\n' >"$tmp/mercury.txt"
run annotate "${small[@]}" --gazetteer "$tmp/conflict.tsv" "$tmp/mercury.txt" >"$tmp/m1.json" 2>"$tmp/err"; check "conflicting types load and annotate" 0 $?
py "
import json
g=json.load(open('$tmp/m1.json'))['graph']
assert list(g['nodes'])==['company:mercury'], list(g['nodes'])
m=g['nodes']['company:mercury']['metadata']['mentions'][0]
alts=[(a['type'],a['source']) for a in m['alternatives']]
assert alts==[('place','gazetteer:place:mercury')], m
assert all(a['reason'] for a in m['alternatives'])
"; check "the company wins and the place is its alternative" 0 $?
printf 'company:mercury\tcompany\tMercury\nplace:mercury\tplace\tMercury\n' >"$tmp/conflict2.tsv"
run annotate "${small[@]}" --gazetteer "$tmp/conflict2.tsv" "$tmp/mercury.txt" >"$tmp/m2.json" 2>"$tmp/err"
cmp -s "$tmp/m1.json" "$tmp/m2.json"; check "the choice does not depend on file order" 0 $?
# A 1,000,000-entry gazetteer loads, and its last entry is found.
py "
with open('$tmp/million.tsv','w') as f:
  for i in range(1000000): f.write('person:p%d\tperson\tPerson%d Zedkowski\n' % (i, i))
"
printf 'Person999999 Zedkowski met Person0 Zedkowski in Seoul.\n' >"$tmp/million.txt"
start=$SECONDS
run annotate "${small[@]}" --gazetteer "$tmp/million.tsv" "$tmp/million.txt" >"$tmp/out" 2>"$tmp/err"; check "a 1,000,000-entry gazetteer loads" 0 $?
echo "hostile: 1,000,000-entry gazetteer took $((SECONDS-start)) s"
py "
import json
g=json.load(open('$tmp/out'))['graph']
assert 'person:p999999' in g['nodes'] and 'person:p0' in g['nodes'], list(g['nodes'])
"; check "the last and first of 1,000,000 entries are found" 0 $?
rm -f "$tmp/million.tsv"

# ------------------------------------------------------------------ rule files
rules_err() {  # rules_err NAME FILE_CONTENT GREP_PATTERN
  printf "$2" >"$tmp/r.rules"
  run test-rules "$tmp/r.rules" >/dev/null 2>"$tmp/err"; check "$1 exits 2" 2 $?
  grep -q -- "$3" "$tmp/err"; check "$1: the error says so" 0 $?
}
rules_err "a backreference" 'entity e\n  type person\n  pattern (a)b\\1\n' \
  "r.rules:3: RE2 cannot compile the pattern: .*\\\\1.*does not support backreferences"
rules_err "a lookahead" 'entity e\n  type person\n  pattern (?=Mr)\\w+\n' \
  "r.rules:3: RE2 cannot compile the pattern: .*(?=.*lookahead or lookbehind"
rules_err "a negative lookbehind" '# c\n\nentity e\n  type person\n  pattern (?<!x)y\n' \
  "r.rules:5: RE2 cannot compile the pattern: .*(?<.*lookahead or lookbehind"
rules_err "a pattern matching the empty string" 'entity e\n  type person\n  pattern (?:Mr)?\\s*\n' \
  "r.rules:3: pattern can match the empty string"
rules_err "an unknown type in a placeholder" 'relation r\n  type met-with\n  source a\n  target b\n  pattern {a:persn} met {b:person}\n' \
  "r.rules:5: unknown entity type 'persn' in placeholder {a:persn}"
rules_err "a bad role in a placeholder" 'relation r\n  type met-with\n  source a\n  target b\n  pattern {a:person} met {b-1:person}\n' \
  "r.rules:5: role 'b-1' in placeholder"
rules_err "a source role no placeholder binds" 'relation r\n  type met-with\n  source a\n  target b\n  pattern {x:person} met {b:person}\n' \
  "r.rules:5: source role 'a' is not bound in this pattern"
rules_err "a self-referential macro" 'define LOOP a|@LOOP\nentity e\n  type person\n  pattern @LOOP\n' \
  "r.rules:1: macro cycle: @LOOP -> @LOOP"
rules_err "mutually recursive macros" 'define A x@B\ndefine B y@A\n' \
  "macro cycle: @A -> @B -> @A"
rules_err "a repetition over RE2's limit" 'entity e\n  type person\n  pattern (?:\\pL{1,1000}){1,1000}\n' \
  "r.rules:3: RE2 cannot compile the pattern: invalid repetition size: {1,1000}"
rules_err "a pattern over RE2's program memory" 'entity e\n  type person\n  pattern [\\pL\\pN]{1000}[\\pL\\pN]{1000}[\\pL\\pN]{1000}\n' \
  "r.rules:3: RE2 cannot compile the pattern: pattern too large.*max_program_memory"
# A 10 MB rule file (2,000 rules padded with comments, as generated files are)
# compiles and runs its examples; one over the 16 MB limit is refused by name.
py "
with open('$tmp/big.rules','w') as f:
  f.write('lang en\n')
  pad='# ' + 'x'*4900 + '\n'
  for i in range(2000):
    f.write(pad)
    f.write('entity gen.e%d\n  type company\n  pattern Zorblax%dCorp\n  example+ Zorblax%dCorp said => Zorblax%dCorp\n' % (i,i,i,i))
"
run test-rules "$tmp/big.rules" >"$tmp/out" 2>"$tmp/err"; check "a 10 MB rule file compiles" 0 $?
grep -qx "2000 passed, 0 failed" "$tmp/out"; check "the 10 MB rule file's 2,000 examples pass" 0 $?
py "open('$tmp/huge.rules','w').write('#'*(17<<20))"
run test-rules "$tmp/huge.rules" >/dev/null 2>"$tmp/err"; check "a 17 MB rule file exits 2" 2 $?
grep -q "huge.rules: file is 17825792 bytes, over the limit of 16777216" "$tmp/err"; check "the size limit error names the file" 0 $?
rm -f "$tmp/big.rules" "$tmp/huge.rules"

# ------------------------------------------------------------------ output
in="$src/samples/en_nvidia_tsmc.txt"
run annotate "$in" -o "$tmp/adir" 2>"$tmp/err"; check "-o a directory exits 3" 3 $?
grep -q "adir: is a directory" "$tmp/err"; check "-o a directory says so" 0 $?
# /proc refuses new files even to root: an unwritable directory for any user.
run annotate "$in" -o /proc/relata-out.json 2>"$tmp/err"; check "-o in an unwritable directory exits 3" 3 $?
grep -q "/proc/relata-out.json: cannot create a temporary file in /proc" "$tmp/err"; check "the unwritable path is named" 0 $?
: >"$tmp/notadir"
run annotate "$in" -o "$tmp/notadir/out.json" 2>"$tmp/err"; check "-o under a regular file exits 3" 3 $?
# A write that fails half way (a full disk, here a file size limit) leaves the
# old file untouched and no temporary file behind.
echo "old content" >"$tmp/keep.json"
for i in $(seq 1 400); do echo "{\"id\": \"d$i\", \"text\": \"Samsung Electronics and TSMC make chips in Taiwan and Korea.\"}"; done >"$tmp/400.jsonl"
( trap '' XFSZ; ulimit -f 64; exec "$relata" annotate "$tmp/400.jsonl" -o "$tmp/keep.json" ) 2>"$tmp/err"; check "a write failing half way exits 3" 3 $?
grep -q "keep.json: write failed: File too large" "$tmp/err"; check "the failed write is named" 0 $?
[ "$(cat "$tmp/keep.json")" = "old content" ]; check "the old output file is left as it was" 0 $?
ls -a "$tmp" | grep -q "\.tmp\."; check "no temporary file is left behind" 1 $?
run annotate "$tmp/400.jsonl" -o /dev/full 2>"$tmp/err"; check "a batch to /dev/full exits 3" 3 $?
grep -q "/dev/full: .*No space left on device" "$tmp/err"; check "the full disk is named" 0 $?
# A closed pipe: quiet, status 0, and the reader got whole records.
for i in $(seq 1 3000); do echo "{\"id\": \"d$i\", \"text\": \"Samsung Electronics and TSMC make chips in Taiwan and Korea.\"}"; done >"$tmp/3000.jsonl"
run annotate "$tmp/3000.jsonl" 2>"$tmp/err" | head -1 >"$tmp/first"; check "JSONL into a closed pipe ends with 0" 0 "${PIPESTATUS[0]}"
[ ! -s "$tmp/err" ]; check "JSONL into a closed pipe ends quietly" 0 $?
py "import json; assert json.loads(open('$tmp/first').read())['graph']['id']=='d1'"; check "the first record arrived whole" 0 $?
run annotate --format json "$tmp/3000.jsonl" 2>"$tmp/err" | head -c 100 >/dev/null; check "JSON into a closed pipe ends with 0" 0 "${PIPESTATUS[0]}"
[ ! -s "$tmp/err" ]; check "JSON into a closed pipe ends quietly" 0 $?

# ------------------------------------------------------------------ memory
# Streaming JSONL keeps memory flat: 10x the documents, not 10x the memory.
# Under AddressSanitizer freed memory sits in a quarantine of up to 256 MB,
# which would look like growth: switch it off for the measurement.
rss() { ASAN_OPTIONS="${ASAN_OPTIONS:-}:quarantine_size_mb=0" /usr/bin/time -f "%M" -o "$tmp/rss" "$relata" annotate "${small[@]}" "$1" -o /dev/null 2>/dev/null; cat "$tmp/rss"; }
py "
import json
doc='Nvidia CEO Jensen Huang met TSMC Chairman Morris Chang in Hsinchu on March 3, 2024. '*5
for n,name in ((500,'n1'),(5000,'n10')):
  with open('$tmp/'+name+'.jsonl','w') as f:
    for i in range(n): f.write(json.dumps({'id':'d%d'%i,'text':doc})+'\n')
"
r1=$(rss "$tmp/n1.jsonl"); r10=$(rss "$tmp/n10.jsonl")
echo "hostile: max RSS ${r1} KB for 500 documents, ${r10} KB for 5,000"
[ $((r10 * 2)) -lt $((r1 * 3)) ]; check "max RSS grows less than 1.5x over 10x the documents" 0 $?

echo "hostile: $passed passed, $failed failed"
[ "$failed" = 0 ]
