#!/usr/bin/env bash
# Runs the libFuzzer targets of fuzz/ built in build-fuzz (or $GRABLI_FUZZ_BUILD).
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     default: 20 s, every target
# GRABLI_FUZZ_ARGS adds libFuzzer options (volume runs: "-entropic=0", see docs/security.md).
# Seeds come from the repository (shipped packs, test fixtures, examples); what a run adds stays
# in build-fuzz/corpus/TARGET. A crash leaves crash-* in build-fuzz/artifacts and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${GRABLI_FUZZ_BUILD:-build-fuzz}
secs=${1:-20}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_policy fuzz_text fuzz_text_spelling fuzz_front_matter fuzz_form_table fuzz_reader_jsonl fuzz_reader_csv
                                     fuzz_reader_telegram fuzz_reader_vk fuzz_reader_twitter)
seed() {  # seed TARGET: copies the repository's own inputs for that target into its corpus
  local dir="$build/corpus/$1"
  mkdir -p "$dir"
  case $1 in
    fuzz_policy) find rules tests/fixtures -name '*.yaml' -size -64k -exec cp -t "$dir" {} + 2>/dev/null || true ;;
    fuzz_text | fuzz_text_spelling)
      # every rule's own examples, one post per file, first byte = role/channel selector
      # (the first 1000: awk reads to the end, where `head` would close the pipe and, under
      # pipefail, fail the script with grep's SIGPIPE once the examples outgrow a pipe's buffer)
      grep -rhoE '^ *- "[^"]{4,}"|text: "[^"]{4,}"' rules | sed -E 's/^ *- "|text: "//; s/"$//' |
        awk -v d="$dir" 'NR <= 1000 { f = sprintf("%s/ex%04d", d, NR); printf "%c%s", 33 + NR % 90, $0 > f; close(f) }' ;;
    fuzz_front_matter) find examples tests/fixtures docs -name '*.md' -size -64k -exec cp -t "$dir" {} + 2>/dev/null || true ;;
    fuzz_form_table)  # forms with flags and stems; the second one with a few damaged bytes
      printf 'кошка\t\x0f\tкошка\nкошками\t\x09\tкошка|кошкам\nthe\t\x07\t\nМосква\t\x01\t\n' > "$dir/seed-clean"
      printf 'кошка\t\x0f\tкошка\nthe\t\x07\t\n\0\x00\x58\xff\x00\x60\x01 кошка' > "$dir/seed-damaged" ;;
    fuzz_reader_jsonl) cp tests/fixtures/audit/*.jsonl "$dir" ;;
    fuzz_reader_csv) cp tests/fixtures/audit/*.csv "$dir" ;;
    fuzz_reader_telegram) cp tests/fixtures/audit/telegram-*.json "$dir" ;;
    fuzz_reader_vk) cp tests/fixtures/audit/vk-*.json "$dir" ;;
    fuzz_reader_twitter) cp tests/fixtures/audit/tweets.js "$dir" ;;
  esac
}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
mkdir -p "$build/artifacts"
status=0
for t in "${targets[@]}"; do
  [ -x "$build/fuzz/$t" ] || { echo "fuzz.sh: $build/fuzz/$t is not built (cmake -DGRABLI_FUZZ=ON)" >&2; exit 2; }
  seed "$t"
  echo "== $t ($secs s)"
  # -rss_limit_mb: a run-away allocation is a finding too; -timeout: one input may not take 30 s
  if ! "$build/fuzz/$t" -max_total_time="$secs" -timeout="${GRABLI_FUZZ_TIMEOUT:-30}" -rss_limit_mb=2048 -max_len="${GRABLI_FUZZ_MAX_LEN:-16384}" \
       -artifact_prefix="$build/artifacts/$t-" -print_final_stats=1 ${GRABLI_FUZZ_ARGS:-} "$build/corpus/$t" 2>"$build/artifacts/$t.log"; then
    status=1
    tail -40 "$build/artifacts/$t.log" >&2
  fi
  grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "$build/artifacts/$t.log" | tr '\n' ' '; echo
done
exit $status
