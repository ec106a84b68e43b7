# A JSONL file with one broken line: an error record naming that line, the rest checked, exit 2.
. "$(dirname "$0")/lib.sh"
A="$FIXTURES/audit"
run "$GRABLI" audit "$A/broken.jsonl"
expect_rc 2
[ "$(wc -l <<<"$OUT")" -eq 3 ] || fail "expected 3 records: $OUT"
[ "$(jq -r .id <<<"$OUT" | tr '\n' ' ')" = "b1 b2 b3 " ] || fail "order/ids: $OUT"
[ "$(jq -r 'select(.id=="b2") | .error | startswith("line 2: invalid JSON")' <<<"$OUT")" = true ] || fail "error record for line 2: $OUT"
[ "$(jq -r 'select(.id=="b1") | .findings[0].category == "stonewalling"' <<<"$OUT")" = true ] || fail "b1 still checked"
expect_err "3 read, 2 checked, 0 context, 1 error(s)"
# an unknown role is an error record too, naming its line
printf '%s\n' '{"id": "r1", "text": "Привет", "role": "ceo"}' > "$WORK/role.jsonl"
run "$GRABLI" audit "$WORK/role.jsonl"
expect_rc 2
expect_out "line 1: unknown role 'ceo'"
echo ok
