# audit -o to a path that cannot be written, or to a full disk (/dev/full): exit 2 with a clear
# message, never a crash; check's stdout on a full disk too.
. "$(dirname "$0")/bad.sh"
IN="$FIXTURES/audit/escape.jsonl"
run "$GRABLI" audit "$IN" -o "$WORK/no/such/dir/report.jsonl"
expect_exit 2
expect_err "grabli audit: cannot write $WORK/no/such/dir/report.jsonl"
run "$GRABLI" audit "$IN" -o "$WORK"
expect_exit 2
expect_err "grabli audit: cannot write $WORK"
[ -w /dev/full ] || skip "no /dev/full"
for format in jsonl csv html summary; do
  run "$GRABLI" audit "$IN" --format "$format" -o /dev/full
  expect_exit 2
  expect_err "grabli audit: cannot write the output to /dev/full"
done
# stdout on a full disk
OUT=$("$GRABLI" audit "$IN" 2>"$WORK/err" >/dev/full); RC=$?; ERR=$(cat "$WORK/err")
expect_exit 2
expect_err "cannot write"
printf 'Без комментариев.\n' > "$WORK/post.txt"
OUT=$("$GRABLI" check --role press "$WORK/post.txt" 2>"$WORK/err" >/dev/full); RC=$?; ERR=$(cat "$WORK/err")
expect_exit 2
expect_err "grabli: cannot write the output"
echo ok
