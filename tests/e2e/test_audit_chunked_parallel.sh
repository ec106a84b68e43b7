# Beyond one machine: chunks run in parallel over stdin, concatenated, equal one run; --jobs does
# not change the output either.
. "$(dirname "$0")/lib.sh"
CORPUS="${GRABLI_SHARED_DIR:-$GRABLI_SOURCE_DIR/../shared}/corpus/dev-posts.jsonl"
[ -f "$CORPUS" ] || CORPUS="$FIXTURES/audit/broken.jsonl"
# without ../shared the fallback fixture has a broken line on purpose: keep only the parsable ones
for i in 1 2 3 4 5 6; do grep -v '^\s*$' "$CORPUS" | jq -cR --arg i "$i" 'fromjson? | .id = "\(.id)-\($i)"'; done > "$WORK/corpus.jsonl" ||
  fail "cannot build the corpus"
n=$(wc -l < "$WORK/corpus.jsonl")
"$GRABLI" audit "$WORK/corpus.jsonl" --jobs 1 > "$WORK/one.jsonl" 2>/dev/null
"$GRABLI" audit "$WORK/corpus.jsonl" --jobs 2 > "$WORK/two.jsonl" 2>/dev/null
[ "$(wc -l < "$WORK/one.jsonl")" -eq "$n" ] || fail "expected $n records"
cmp -s "$WORK/one.jsonl" "$WORK/two.jsonl" || fail "--jobs 2 differs from --jobs 1"
split -l 17 -d -a 3 "$WORK/corpus.jsonl" "$WORK/chunk."
ls "$WORK"/chunk.* | xargs -P 2 -I{} sh -c '"$0" audit - --input-format jsonl --jobs 1 < "$1" > "$1.out" 2>/dev/null; true' "$GRABLI" {}
cat "$WORK"/chunk.*.out > "$WORK/chunked.jsonl"
cmp -s "$WORK/one.jsonl" "$WORK/chunked.jsonl" || fail "chunked run differs: $(diff "$WORK/one.jsonl" "$WORK/chunked.jsonl" | head -5)"
echo ok
