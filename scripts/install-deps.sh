#!/usr/bin/env bash
# Installs everything grabli needs to build, test and benchmark on Debian bookworm (as root).
set -euo pipefail
pkgs=(
  cmake g++ make pkg-config git python3
  libboost-program-options-dev libyaml-cpp-dev libyaml-dev libhunspell-dev hunspell-ru hunspell-en-us
  libre2-dev catch2 nlohmann-json3-dev libsimdjson-dev libcsv-dev libmimalloc-dev
)
if [ "${1:-}" = "--test" ]; then
  # fortunes: the clean posts the classifier is trained with (scripts/train-classifier.py), which a test repeats
  pkgs+=(pre-commit chromium python3-jsonschema clang jq fortunes-ru fortunes)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
