#!/usr/bin/env bash
# Runs one libFuzzer target for a while, then merges what it found into the
# checked-in corpus (minimised with -merge=1). Build first:
#   CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -DRELATA_LIBFUZZER=ON -DRELATA_SANITIZE=ON
#   cmake --build build-fuzz --target fuzz_pipeline
# Usage: tests/fuzz/run_fuzz.sh TARGET SECONDS [libFuzzer flags...]   (one process, one job)
# Crashes land in build-fuzz/artifacts/TARGET/; the log in build-fuzz/logs/.
set -uo pipefail
cd "$(dirname "$0")/../.."
target="$1"; seconds="$2"; shift 2
bin="${RELATA_FUZZ_BIN_DIR:-build-fuzz/fuzz}/$target"
work="build-fuzz/work/$target"
mkdir -p "$work" "build-fuzz/artifacts/$target" build-fuzz/logs
log="build-fuzz/logs/$target.log"
"$bin" -timeout=10 -rss_limit_mb=4096 -max_total_time="$seconds" -print_final_stats=1 \
  -artifact_prefix="build-fuzz/artifacts/$target/" "$@" "$work" "tests/fuzz/corpus/$target" >"$log" 2>&1
status=$?
# Keep only inputs that add coverage: a fresh minimal corpus from the old one
# plus everything the run found.
fresh="build-fuzz/work/$target.merged"
rm -rf "$fresh"; mkdir -p "$fresh"
"$bin" -merge=1 -timeout=10 "$@" "$fresh" "tests/fuzz/corpus/$target" "$work" >>"$log" 2>&1
echo "$target: fuzz status $status; $(grep -E '^stat::number_of_executed_units' "$log" | tail -1)"
exit $status
