#!/usr/bin/env bash
# Installs what relata needs on Debian 12 (when missing) and builds it into
# build/. Safe to run again: it only installs missing packages and rebuilds
# what changed. Run as root (or with sudo available) on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake pkg-config libicu-dev libre2-dev nlohmann-json3-dev doctest-dev python3 python3-jsonschema time)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

build_type="${RELATA_BUILD_TYPE:-RelWithDebInfo}"
cmake -S . -B build -DCMAKE_BUILD_TYPE="$build_type" ${RELATA_CMAKE_ARGS:-} >/dev/null
cmake --build build -j"${RELATA_JOBS:-2}" >&2
