#!/usr/bin/env bash
# Sanitizer jobs of CI (scripts/test.sh runs this after the normal suite):
#  1. the whole test suite built with clang, ASan + UBSan (and libFuzzer's coverage) in build-asan;
#  2. the parallel audit under TSan in build-tsan (ctest -R audit);
#  3. every libFuzzer target of fuzz/, from the same build-asan, briefly as a smoke test.
# One ASan build serves both the suite and the fuzzers: a second full build would not fit CI's
# 45 minutes on two cores. GRABLI_SANITIZERS=0 skips it all; GRABLI_FUZZ_SECONDS sets the smoke run.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${GRABLI_SANITIZERS:-1}" = 0 ] && { echo "sanitizers: skipped (GRABLI_SANITIZERS=0)"; exit 0; }
jobs=${GRABLI_JOBS:-$(nproc 2>/dev/null || echo 2)}
command -v clang++ >/dev/null || { echo "sanitizers: clang++ is missing (apt-get install clang)" >&2; exit 1; }
t0=$(date +%s)
say() { echo "== sanitizers: $* ($(($(date +%s) - t0)) s)"; }

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=0
export UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1
say "ASan+UBSan build (build-asan)"
mkdir -p build-asan/generated build-tsan/generated  # gen_stems writes there before anything creates it
CC=clang CXX=clang++ cmake -S . -B build-asan -DGRABLI_FUZZ=ON -DGRABLI_TESTS=ON \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O1 -gline-tables-only" >/dev/null
cmake --build build-asan -j"$jobs"
say "ASan+UBSan test suite"
ctest --test-dir build-asan --output-on-failure -j"$jobs"

say "TSan build (build-tsan, grabli only)"
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=Release -DGRABLI_LTO=OFF -DCMAKE_CXX_FLAGS_RELEASE="-O1 -g1" \
  -DCMAKE_CXX_FLAGS="-fsanitize=thread" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" >/dev/null
cmake --build build-tsan -j"$jobs" --target grabli
say "TSan: parallel audit"
TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 ctest --test-dir build-tsan -R '^e2e: audit' --output-on-failure -j"$jobs"

say "fuzz smoke"
GRABLI_FUZZ_BUILD=build-asan bash scripts/fuzz.sh "${GRABLI_FUZZ_SECONDS:-15}"
say "done"
