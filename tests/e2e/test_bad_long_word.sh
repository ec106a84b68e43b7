# A 200 000-character word: checked in bounded time; no stack or quadratic blow-up.
. "$(dirname "$0")/bad.sh"
head -c 200000 /dev/zero | tr '\0' 'a' > "$WORK/word.txt"; echo >> "$WORK/word.txt"
run timeout 60 "$GRABLI" check "$WORK/word.txt"
expect_exit 1
expect_out "word.txt:1:1: info: Possible misspelling. [en-spelling/hunspell]"
expect_out "(200001 characters; the limit is 100000) [en-length/too-long]"
# Cyrillic, with a profanity mask in the middle
{ head -c 100000 /dev/zero | tr '\0' 'x' | sed 's/x/я/g'; printf 'х*й'; head -c 100000 /dev/zero | tr '\0' 'x' | sed 's/x/я/g'; echo; } > "$WORK/ru.txt"
run timeout 60 "$GRABLI" check "$WORK/ru.txt"
[ "$RC" -le 1 ] || fail "expected exit 0 or 1, got $RC: $ERR"
echo ok
