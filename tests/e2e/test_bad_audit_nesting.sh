# 100 000 levels of JSON nesting in each audit format: an error record (exit 2), no stack overflow.
. "$(dirname "$0")/bad.sh"
deep() { head -c 100000 /dev/zero | tr '\0' '['; head -c 100000 /dev/zero | tr '\0' ']'; }
{ printf '{"id":"d1","text":'; deep; printf '}\n{"id":"d2","text":"Без комментариев."}\n'; } > "$WORK/deep.jsonl"
run timeout 60 "$GRABLI" audit "$WORK/deep.jsonl"
expect_exit 2
expect_out '"id":"d1"'
expect_out 'line 1: \"text\" must be a string'
expect_out '"id":"d2"'
{ printf '{"name":"x","type":"personal_chat","messages":['; deep; printf ']}\n'; } > "$WORK/result.json"
run timeout 60 "$GRABLI" audit --input-format telegram "$WORK/result.json"
expect_exit 2
expect_out "message 1: expected an object, got array"
{ printf '{"response":{"items":['; deep; printf ']}}\n'; } > "$WORK/wall.json"
run timeout 60 "$GRABLI" audit --input-format vk "$WORK/wall.json"
expect_exit 2
{ printf 'window.YTD.tweets.part0 = ['; deep; printf ']\n'; } > "$WORK/tweets.js"
run timeout 60 "$GRABLI" audit --input-format twitter "$WORK/tweets.js"
expect_exit 2
echo ok
