# NUL bytes and binary files are refused with a clear message and exit 2, never a crash.
. "$(dirname "$0")/bad.sh"
printf 'Hello\0world\n' > "$WORK/nul.txt"
run "$GRABLI" check "$WORK/nul.txt"
expect_exit 2
expect_err "nul.txt: binary file (contains NUL bytes); not checked"
head -c 20000 /bin/sh > "$WORK/program"
run "$GRABLI" check "$WORK/program"
expect_exit 2
expect_err "program: binary file (contains NUL bytes); not checked"
run "$GRABLI" check - < "$WORK/nul.txt"
expect_exit 2
expect_err "<stdin>: binary input (contains NUL bytes); not checked"
# a good file next to a bad one is still checked and reported
printf 'Без комментариев.\n' > "$WORK/good.txt"
run "$GRABLI" check --role press "$WORK/program" "$WORK/good.txt"
expect_exit 2
expect_out "[ru-stonewalling/no-comment]"
# a binary file given to audit: an error, not a crash
run "$GRABLI" audit --input-format jsonl "$WORK/program"
[ "$RC" -eq 2 ] || fail "audit of a binary file: expected exit 2, got $RC: $ERR"
[ -n "$ERR" ] || fail "audit of a binary file said nothing"
echo ok
