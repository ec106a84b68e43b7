# A missing file, a directory and a missing config: exit 2 and say which and why.
. "$(dirname "$0")/bad.sh"
run "$GRABLI" check "$WORK/nope.txt"
expect_exit 2
expect_err "nope.txt: no such file"
run "$GRABLI" check "$WORK"
expect_exit 2
expect_err "is a directory"
echo hi > "$WORK/a.txt"
run "$GRABLI" check --config "$WORK/missing.yaml" "$WORK/a.txt"
expect_exit 2
expect_err "missing.yaml"
run "$GRABLI" check --policy "$WORK/no-such-pack" "$WORK/a.txt"
expect_exit 2
expect_err "no-such-pack"
run "$GRABLI" audit "$WORK/nope.jsonl"
expect_exit 2
expect_err "nope.jsonl"
echo ok
