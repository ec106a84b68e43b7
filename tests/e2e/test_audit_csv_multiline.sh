# A CSV with a quoted multi-line field (commas and doubled quotes inside) keeps its records whole.
. "$(dirname "$0")/lib.sh"
A="$FIXTURES/audit"
run "$GRABLI" audit "$A/posts.csv" --format jsonl
expect_rc 1
[ "$(jq -r .id <<<"$OUT" | tr '\n' ' ')" = "1 2 3 " ] || fail "expected records 1 2 3: $OUT"
# the finding sits on the third line of record 2's text: the record was not split
[ "$(jq -r 'select(.id=="2") | .findings[] | select(.category=="stonewalling") | "\(.line):\(.match)"' <<<"$OUT")" = "3:Без комментариев" ] ||
  fail "multi-line record 2 not whole: $OUT"
expect_err "3 read, 3 checked, 0 context, 0 error(s)"
# CSV out: one row per record, quoted where needed, readable by a CSV parser
run "$GRABLI" audit "$A/posts.csv" --format csv
[ "$(python3 -c 'import csv,sys; rows=list(csv.DictReader(sys.stdin)); print(len(rows), rows[1]["id"], "stonewalling" in rows[1]["categories"].split(" | "), rows[0]["findings"])' <<<"$OUT")" = "3 2 True 0" ] ||
  fail "csv output: $OUT"
echo ok
