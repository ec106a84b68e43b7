# VK wall.get and X tweets.js are read; auto-detection works on stdin; summary and usage errors.
. "$(dirname "$0")/lib.sh"
A="$FIXTURES/audit"
run "$GRABLI" audit "$A/vk-wall.json"
expect_rc 1
[ "$(jq -r .id <<<"$OUT" | tr '\n' ' ')" = "wall-4242_12 wall-4242_11 " ] || fail "vk ids: $OUT"
expect_out '"stonewalling"'
run "$GRABLI" audit - < "$A/vk-wall.json"
expect_out '"wall-4242_12"'
run "$GRABLI" audit - < "$A/tweets.js"
expect_rc 1
[ "$(jq -r 'select(.id=="1790000000000000002") | .findings[0].category' <<<"$OUT")" = "customer-conflict" ] || fail "tweet reply: $OUT"
run "$GRABLI" audit - < "$A/telegram-chat.json"
expect_err "6 read"
run "$GRABLI" audit "$A/telegram-chat.json" --config "$A/grabli.yaml" --format summary
expect_out "by category"
expect_out "unanswered-complaint"
expect_out "by month (findings / posts)"
expect_out "2024-03"
# usage errors exit 2 with a reason
run "$GRABLI" audit "$A/vk-wall.json" --input-format xml
expect_rc 2
expect_err "unknown --input-format 'xml'"
run "$GRABLI" audit "$A/vk-wall.json" --sla soon
expect_rc 2
expect_err "--sla 'soon' is not a duration"
run "$GRABLI" audit - <<<"just some words"
expect_rc 2
expect_err "cannot tell the input format"
run "$GRABLI" audit "$WORK/missing.jsonl"
expect_rc 2
expect_err "no such file"
# a truncated export still produces its records and an error record, exit 2
head -c 900 "$A/telegram-chat.json" > "$WORK/cut.json"
run "$GRABLI" audit "$WORK/cut.json" --input-format telegram
expect_rc 2
[ "$(jq -r 'select(.error) | .error | test("^line [0-9]+: ")' <<<"$OUT")" = true ] || fail "no error record for the cut: $OUT"
echo ok
