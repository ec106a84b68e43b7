# A post full of misspelt and garbled words finishes quickly: Hunspell's suggest() (up to half a
# second a word) runs for the first 8 short misspellings only; the rest are reported without one.
# tests/fixtures/crashes/fuzz_text-timeout-suggest.txt is the fuzz_text input that found it.
. "$(dirname "$0")/bad.sh"
run timeout 60 "$GRABLI" check --format json "$FIXTURES/crashes/fuzz_text-timeout-suggest.txt"
[ "$RC" -lt 124 ] || fail "timed out or killed (exit $RC)"
for i in $(seq 40); do printf 'Превосходнейшийыыы%s бесконечнǋе%s qwzrtxplk%s ' "$(printf "%0${i}d" 0 | tr 0 ж)" "$i" "$(printf "%0${i}d" 0 | tr 0 q)"; done > "$WORK/typos.txt"
echo >> "$WORK/typos.txt"
start=$(date +%s)
run timeout 120 "$GRABLI" check --format json "$WORK/typos.txt"
[ "$RC" -lt 124 ] || fail "timed out or killed (exit $RC)"
took=$(( $(date +%s) - start ))
n=$(jq '[.[0].findings[] | select(.category == "spelling")] | length' <<<"$OUT")
s=$(jq '[.[0].findings[] | select(.category == "spelling" and (.suggestion | test("^(Возможно|Did you mean)")))] | length' <<<"$OUT")
[ "$n" -ge 40 ] || fail "expected at least 40 misspellings reported, got $n"
[ "$s" -le 8 ] || fail "at most 8 suggestions per post, got $s"
echo "ok ($n misspellings, $s with suggestions, ${took}s)"
