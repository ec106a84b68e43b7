# A Telegram export mixing plain strings and entity arrays: one record per message, in order,
# the company's reply that blames the customer flagged, the unanswered complaint reported.
. "$(dirname "$0")/lib.sh"
A="$FIXTURES/audit"
run "$GRABLI" audit "$A/telegram-chat.json" --config "$A/grabli.yaml"
expect_rc 1
[ "$(jq -r .id <<<"$OUT" | tr '\n' ' ')" = "101 102 103 104 105 106 " ] || fail "records not one per message in order: $OUT"
[ "$(jq -r 'select(.id=="102") | .findings[].category' <<<"$OUT")" = "customer-conflict" ] || fail "the blaming reply is not flagged: $OUT"
[ "$(jq -r 'select(.id=="102") | .context | not' <<<"$OUT")" = true ] || fail "the company's reply must not be context"
[ "$(jq -r 'select(.id=="101") | .context == true and (.findings | length == 0)' <<<"$OUT")" = true ] || fail "customer message 101: $OUT"
[ "$(jq -r 'select(.id=="103") | .findings[0].category' <<<"$OUT")" = "unanswered-complaint" ] || fail "complaint 103 should be unanswered: $OUT"
[ "$(jq -r 'select(.id=="103") | .findings[0].match' <<<"$OUT")" = "нахамил" ] || fail "the complaint cue should be the match"
[ "$(jq -r 'select(.id=="105") | .findings | length == 0' <<<"$OUT")" = true ] || fail "105 was answered within the SLA"
expect_err "6 read, 2 checked, 4 context, 0 error(s), 1 service message(s) skipped"
# without a config nobody is a customer: every message is checked as the company's voice
run "$GRABLI" audit "$A/telegram-chat.json" --config /dev/null
expect_err "6 read, 6 checked, 0 context"
# a tight SLA makes the 1-hour answer late
run "$GRABLI" audit "$A/telegram-chat.json" --config "$A/grabli.yaml" --sla 30m --format summary
expect_out "3 from customers; 1 answered within 30m, 1 late, 1 unanswered"
expect_out "first response: median 20m, p90 1h"
# the full export: chats.list, ids scoped by chat
run "$GRABLI" audit "$A/telegram-full.json" --own "Вкусно Доставка"
expect_rc 0
[ "$(jq -r .id <<<"$OUT" | tr '\n' ' ')" = "11/1 11/2 22/2 " ] || fail "full export: $OUT"
expect_err "3 read, 2 checked, 1 context, 0 error(s), 1 service message(s) skipped"
echo ok
