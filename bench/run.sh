#!/usr/bin/env bash
# One command from a fresh clone: installs what is missing, builds Release with
# the benchmarks, generates the corpus and gazetteers into bench/data/, and
# prints the side-by-side table (relata's gazetteer matcher vs Hyperscan vs
# pyahocorasick vs a naive floor, then whole-program `relata annotate`).
#
#   bench/run.sh [--mb N] [--full] [--runs N] [--sizes "1k 100k 1m"] [--rebuild] [--no-stages]
#
#   --mb N       corpus size (default 20 MB, a run of roughly 15 minutes on 2
#                cores; the issue's figures use --full = 100 MB)
#   --runs N     repetitions of every timed run; medians are reported (default 3)
#   --rebuild    rebuild compiled images and peer databases even when present
#                (Hyperscan needs minutes and ~2 GB for 1M names, so its
#                database is kept between runs, with its build figures)
#   --no-stages  skip the Google Benchmark stage cases
#
# Timings are wall clock, medians of --runs; peak memory is /usr/bin/time's
# maximum RSS of the process doing the work. The load average at the start and
# end is printed: on a shared machine, compare ratios from one run, not
# absolute figures across runs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
MB=20 RUNS=3 SIZES="1k 100k 1m" REBUILD=0 STAGES=1
while [ $# -gt 0 ]; do
  case "$1" in
    --mb) MB="$2"; shift 2 ;;
    --full) MB=100; shift ;;
    --runs) RUNS="$2"; shift 2 ;;
    --sizes) SIZES="$2"; shift 2 ;;
    --rebuild) REBUILD=1; shift ;;
    --no-stages) STAGES=0; shift ;;
    *) echo "unknown option $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done

# --- dependencies -------------------------------------------------------------
missing=()
for p in python3-ahocorasick libhyperscan-dev time libbenchmark-dev cmake g++ pkg-config libicu-dev libre2-dev \
         nlohmann-json3-dev; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- build --------------------------------------------------------------------
B="$root/build-bench"
cmake -S "$root" -B "$B" -DCMAKE_BUILD_TYPE=Release -DRELATA_BUILD_BENCH=ON -DRELATA_BUILD_TESTS=OFF >/dev/null
cmake --build "$B" -j"${JOBS:-2}" --target relata gaz_tool stage_bench hs_peer >/dev/null

# --- data ---------------------------------------------------------------------
D="$root/bench/data"
mkdir -p "$D"
stamp="mb=$MB seed=20260301"
if [ ! -f "$D/corpus.jsonl" ] || [ "$(cat "$D/.stamp" 2>/dev/null)" != "$stamp" ]; then
  python3 "$root/bench/gen_corpus.py" "$D" --mb "$MB"
  rm -f "$D"/folded.txt "$D"/*.img "$D"/surf_*.txt "$D"/hs*.db "$D"/aho_*.pickle "$D"/*.build
  echo "$stamp" >"$D/.stamp"
fi
[ -f "$D/folded.txt" ] || "$B/bench/gaz_tool" fold "$D/corpus.jsonl" "$D/folded.txt"
text_bytes=$(python3 -c "
import json,sys
print(sum(len(json.loads(l)['text'].encode()) for l in open('$D/corpus.jsonl',encoding='utf-8')))")

R="$D/results.txt"
: >"$R"
note() { echo "$1" >>"$R"; }
note "load_start=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' ,)"
note "text_bytes=$text_bytes folded_bytes=$(stat -c %s "$D/folded.txt") runs=$RUNS"

# timed KEY CMD...: runs CMD under /usr/bin/time, appends "KEY <stdout> wall_s= rss_kb=" to results.
timed() {
  local key="$1"; shift
  local out
  out=$(/usr/bin/time -f "wall_s=%e rss_kb=%M" -o "$D/.time" "$@" 2>/dev/null | tail -1)
  echo "$key $out $(cat "$D/.time")" >>"$R"
}

# --- gazetteer matching -------------------------------------------------------
for s in $SIZES; do
  echo "gazetteer $s ..."
  [ -f "$D/surf_$s.txt" ] || "$B/bench/gaz_tool" surfaces "$D/gaz_$s.tsv" "$D/surf_$s.txt"
  if [ $REBUILD = 1 ] || [ ! -f "$D/gaz_$s.img" ] || [ ! -f "$D/gaz_$s.img.build" ]; then
    /usr/bin/time -f "wall_s=%e rss_kb=%M" -o "$D/.time" "$B/relata" compile --no-default-gazetteers \
      --gazetteer "$D/gaz_$s.tsv" -o "$D/gaz_$s.img" 2>/dev/null
    echo "$(cat "$D/.time") img_bytes=$(stat -c %s "$D/gaz_$s.img")" >"$D/gaz_$s.img.build"
  fi
  note "relata_build_$s $(cat "$D/gaz_$s.img.build")"
  if [ $REBUILD = 1 ] || [ ! -f "$D/hs_$s.db" ] || [ ! -f "$D/hs_$s.build" ]; then
    /usr/bin/time -f "wall_s=%e rss_kb=%M" -o "$D/.time" "$B/bench/hs_peer" build "$D/surf_$s.txt" "$D/hs_$s.db" >"$D/.out"
    echo "$(cat "$D/.out") $(cat "$D/.time")" >"$D/hs_$s.build"
  fi
  note "hs_build_$s $(cat "$D/hs_$s.build")"
  if [ $REBUILD = 1 ] || [ ! -f "$D/hsnosom_$s.db" ] || [ ! -f "$D/hsnosom_$s.build" ]; then
    /usr/bin/time -f "wall_s=%e rss_kb=%M" -o "$D/.time" "$B/bench/hs_peer" build "$D/surf_$s.txt" "$D/hsnosom_$s.db" \
      --no-som >"$D/.out"
    echo "$(cat "$D/.out") $(cat "$D/.time")" >"$D/hsnosom_$s.build"
  fi
  note "hsnosom_build_$s $(cat "$D/hsnosom_$s.build")"
  if [ $REBUILD = 1 ] || [ ! -f "$D/aho_$s.pickle" ] || [ ! -f "$D/aho_$s.build" ]; then
    /usr/bin/time -f "wall_s=%e rss_kb=%M" -o "$D/.time" /usr/bin/python3 "$root/bench/peers/aho_peer.py" build \
      "$D/surf_$s.txt" "$D/aho_$s.pickle" >"$D/.out"
    echo "$(cat "$D/.out") $(cat "$D/.time")" >"$D/aho_$s.build"
  fi
  note "aho_build_$s $(cat "$D/aho_$s.build")"
  # Each matcher scans the same folded bytes RUNS times in one process and
  # reports the median; load time is measured in the same process.
  timed "relata_match_$s" "$B/bench/gaz_tool" match "$D/gaz_$s.img" "$D/folded.txt" "$RUNS"
  timed "hs_scan_$s" "$B/bench/hs_peer" scan "$D/hs_$s.db" "$D/folded.txt" "$RUNS"
  timed "hsnosom_scan_$s" "$B/bench/hs_peer" scan "$D/hsnosom_$s.db" "$D/folded.txt" "$RUNS"
  timed "aho_scan_$s" /usr/bin/python3 "$root/bench/peers/aho_peer.py" scan "$D/aho_$s.pickle" "$D/folded.txt" "$RUNS"
  # The floor: one std::string::find pass per surface over a slice sized so the
  # run takes seconds, extrapolated to MB/s.
  case $s in 1k) slice=4000000 ;; 100k) slice=200000 ;; *) slice=20000 ;; esac
  timed "naive_$s" "$B/bench/gaz_tool" naive "$D/surf_$s.txt" "$D/folded.txt" "$slice"
done

# --- whole program ------------------------------------------------------------
echo "whole program ..."
export RELATA_CACHE_DIR="$D/cache"
head -c 2000 "$root/samples/ko_qualcomm_foundry.txt" >"$D/one.txt"
for k in $(seq "$RUNS"); do
  timed "annotate_shipped" "$B/relata" annotate "$D/corpus.jsonl" -o /dev/null
  timed "annotate_shipped_t2" "$B/relata" annotate "$D/corpus.jsonl" --threads 2 -o /dev/null
  if [ -f "$D/gaz_1m.img" ]; then
    timed "annotate_1m" "$B/relata" annotate "$D/corpus.jsonl" --gazetteer "$D/gaz_1m.img" --no-default-gazetteers -o /dev/null
  fi
done
for k in 1 2 3 4 5; do
  timed "startup_shipped" "$B/relata" annotate "$D/one.txt" -o /dev/null
  [ -f "$D/gaz_1m.img" ] && timed "startup_1m" "$B/relata" annotate "$D/one.txt" --gazetteer "$D/gaz_1m.img" --no-default-gazetteers -o /dev/null
  [ -f "$D/gaz_1m.tsv" ] && [ $k -le 1 ] && timed "startup_1m_tsv" "$B/relata" annotate "$D/one.txt" --gazetteer "$D/gaz_1m.tsv" --no-default-gazetteers -o /dev/null
done
note "load_end=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' ,)"

if [ $STAGES = 1 ]; then
  echo "stages ..."
  RELATA_BENCH_DATA="$D" "$B/bench/stage_bench" --benchmark_min_time=1 --benchmark_repetitions="$RUNS" \
    --benchmark_report_aggregates_only=true 2>/dev/null | grep -E "median|^Benchmark|^---" >"$D/stages.txt" || true
fi

python3 "$root/bench/report.py" "$R" "$D/stages.txt"
