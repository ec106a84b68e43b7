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
# a role an export writes its own way (CEO, Marketing) is read as one of grabli's; a role still
# unknown is checked with every role's rules and says so in an info finding, never lost
printf '%s\n' '{"id": "r1", "text": "Без комментариев.", "role": "CEO"}' \
  '{"id": "r2", "text": "Без комментариев.", "role": "Marketing"}' \
  '{"id": "r3", "text": "Без комментариев.", "role": "moderator"}' > "$WORK/role.jsonl"
run "$GRABLI" audit "$WORK/role.jsonl"
expect_rc 1
[ "$(jq -r 'select(.error) | .id' <<<"$OUT")" = "" ] || fail "no error records: $OUT"
for id in r1 r2 r3; do
  [ "$(jq -r "select(.id==\"$id\") | [.findings[].category] | index(\"stonewalling\") != null" <<<"$OUT")" = true ] \
    || fail "$id checked: $OUT"
done
[ "$(jq -r '[.findings[] | select(.rule=="audit/unknown-role")] | length' <<<"$OUT" | tr '\n' ' ')" = "0 0 1 " ] \
  || fail "only the unknown role is noted: $OUT"
expect_out "The record's role 'moderator' is not one grabli knows"
expect_err "3 read, 3 checked, 0 context, 0 error(s)"
echo ok
