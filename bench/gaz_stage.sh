#!/usr/bin/env bash
# The gazetteer-matching stage alone, relata against pyahocorasick, in a few
# minutes instead of bench/run.sh's quarter of an hour: both scan the same
# casefolded bytes (bench/data/folded.txt), runs interleaved (relata, peer,
# relata, peer, ...) so that both see the same load, medians printed with the
# ratio. Wall and CPU (thread) time are both reported; on a shared machine the
# CPU figure moves less.
#
#   bench/gaz_stage.sh [--size 1m] [--runs 5] [--mb N]
#
# --mb N scans only the first N MB of the folded corpus (default: all of it).
# With BASE_TOOL=path/to/gaz_tool BASE_IMG=path/to/image another build of
# gaz_tool (say, the previous commit's) runs in the same rounds, for an A/B.
# Expects bench/run.sh to have made the data once (corpus, gazetteers, the
# pyahocorasick pickle) and a build with RELATA_BUILD_BENCH=ON in $B
# (default build-bench/).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
SIZE=1m RUNS=5 MB=0
while [ $# -gt 0 ]; do
  case "$1" in
    --size) SIZE="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --mb) MB="$2"; shift 2 ;;
    *) echo "unknown option $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done
B=${B:-$root/build-bench}
D="$root/bench/data"
tool="$B/bench/gaz_tool"
[ -x "$tool" ] || { echo "no $tool: cmake -DRELATA_BUILD_BENCH=ON, build gaz_tool (or run bench/run.sh once)" >&2; exit 2; }
for f in folded.txt "gaz_$SIZE.tsv" "aho_$SIZE.pickle"; do
  [ -f "$D/$f" ] || { echo "no $D/$f: run bench/run.sh once to make the data" >&2; exit 2; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
text="$D/folded.txt"
if [ "$MB" != 0 ]; then
  head -c $((MB * 1000000)) "$D/folded.txt" | sed '$d' >"$tmp/folded.txt"  # whole lines: whole characters
  text="$tmp/folded.txt"
fi
# This build's image (an image of another format version is rebuilt here,
# not in bench/data, so that an older build can still use its own).
img="$tmp/gaz_$SIZE.img"
"$tool" compile "$D/gaz_$SIZE.tsv" "$img" >/dev/null

field() { sed -n "s/.*\b$1=\([0-9.]*\).*/\1/p"; }
: >"$tmp/results"
for k in $(seq "$RUNS"); do
  out=$("$tool" match "$img" "$text" 1)
  echo "relata $(echo "$out" | field mbps) $(echo "$out" | field cpu_mbps) $(echo "$out" | field matches)" >>"$tmp/results"
  if [ -n "${BASE_TOOL:-}" ]; then
    out=$("$BASE_TOOL" match "$BASE_IMG" "$text" 1)
    echo "base $(echo "$out" | field mbps) $(echo "$out" | field cpu_mbps) $(echo "$out" | field matches)" >>"$tmp/results"
  fi
  out=$(/usr/bin/python3 "$root/bench/peers/aho_peer.py" scan "$D/aho_$SIZE.pickle" "$text" 1)
  echo "pyahocorasick $(echo "$out" | field mbps) $(echo "$out" | field cpu_mbps) $(echo "$out" | field raw_matches)" >>"$tmp/results"
done
python3 - "$tmp/results" "$SIZE" "$RUNS" "$(stat -c %s "$text")" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import sys, statistics
rows = {}
for line in open(sys.argv[1]):
    name, wall, cpu, matches = line.split()
    rows.setdefault(name, []).append((float(wall), float(cpu), int(matches)))
print("gazetteer stage, %s names, %.1f MB, median of %s interleaved runs, load %s"
      % (sys.argv[2], int(sys.argv[4]) / 1e6, sys.argv[3], sys.argv[5]))
med = {k: (statistics.median(w for w, _, _ in v), statistics.median(c for _, c, _ in v), v[0][2]) for k, v in rows.items()}
aho = med["pyahocorasick"]
print("| matcher | MB/s wall | MB/s CPU | × pyahocorasick (wall) | × (CPU) | matches |")
print("|---|---|---|---|---|---|")
for k, (w, c, m) in med.items():
    print("| %s | %.1f | %.1f | %.2f | %.2f | %d |" % (k, w, c, w / aho[0], c / aho[1], m))
PY
