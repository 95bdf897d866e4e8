#!/usr/bin/env bash
# Builds relata with warnings as errors and runs the whole test suite: the unit
# tests of every stage, the golden samples, the CLI checks and every shipped
# rule's examples (ctest runs them all).
set -euo pipefail
cd "$(dirname "$0")/.."
RELATA_CMAKE_ARGS="-DRELATA_WERROR=ON -DRELATA_BUILD_TESTS=ON ${RELATA_CMAKE_ARGS:-}" scripts/bootstrap.sh
cd build
ctest --output-on-failure -j"${RELATA_JOBS:-2}" --timeout 600
cd .. && scripts/sanitize.sh  # the same suite again under ASan + UBSan, with the fuzz corpora
