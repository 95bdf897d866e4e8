#!/usr/bin/env bash
# Builds relata once with AddressSanitizer + UndefinedBehaviorSanitizer and
# warnings as errors (build-asan/), then runs the whole test suite under them:
# unit tests, golden samples, CLI and hostile-input checks, and the replay of
# every fuzz corpus (ctest -L fuzz). Leaks fail the run; so does any UB report.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRELATA_SANITIZE=ON -DRELATA_WERROR=ON \
  -DRELATA_BUILD_TESTS=ON -DRELATA_BUILD_FUZZERS=ON ${RELATA_CMAKE_ARGS:-} >/dev/null
cmake --build build-asan -j"${RELATA_JOBS:-2}" >&2
cd build-asan
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
ctest --output-on-failure -j"${RELATA_JOBS:-2}" --timeout 1200
