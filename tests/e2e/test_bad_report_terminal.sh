# Post text is untrusted: terminal escapes, bidi overrides (U+202E) and other control characters
# never reach the terminal raw; they are shown as visible \u{…} escapes.
. "$(dirname "$0")/bad.sh"
printf 'Мы лучшие в мире \xe2\x80\xae evil \x1b[31mred\x1b]0;pwned\x07 \xc2\x9b31m <script>alert(1)</script>\nМы лучшие\xe2\x81\xa6 в мире\xe2\x80\x8f.\n' > "$WORK/post.txt"
run "$GRABLI" check --role press --lang ru "$WORK/post.txt"
expect_exit 1
expect_out "[ru-unverified-claim/superlative]"
expect_out '\u{202E} evil \u{1B}[31mred\u{1B}]0;pwned\u{7}'
expect_out '\u{2066}'
expect_out '\u{200F}'
# no ESC, BEL, C1 control or bidi control anywhere in the text output
if LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' <<<"$OUT"; then fail "a raw control character reached the terminal: $(cat -v <<<"$OUT")"; fi
for seq in $'\xe2\x80\xae' $'\xe2\x81\xa6' $'\xe2\x80\x8f' $'\xc2\x9b'; do
  grep -qF -- "$seq" <<<"$OUT" && fail "a raw bidi/C1 control reached the terminal: $(cat -v <<<"$OUT")"
done
# the same for a file name with an escape in it, and for the github format (a log on a terminal)
cp "$WORK/post.txt" "$WORK/$(printf 'evil\x1b[2Jname.txt')"
run "$GRABLI" check --role press --lang ru "$WORK/$(printf 'evil\x1b[2Jname.txt')"
expect_exit 1
if LC_ALL=C grep -q $'\x1b' <<<"$OUT$ERR"; then fail "an ESC from the file name reached the terminal: $(cat -v <<<"$OUT")"; fi
run "$GRABLI" check --role press --lang ru --format github "$WORK/post.txt"
expect_exit 1
if LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' <<<"$OUT"; then fail "github format: a raw control character: $(cat -v <<<"$OUT")"; fi
# JSON keeps the text exact but escaped (\u001b), valid for any consumer
run "$GRABLI" check --role press --lang ru --format json "$WORK/post.txt"
expect_exit 1
if LC_ALL=C grep -q $'\x1b' <<<"$OUT"; then fail "json: a raw ESC"; fi
# audit summary on a terminal-like stdout
printf '{"id":"e\\u001b[31m1","author":"x\\u202e","role":"press","text":"Без комментариев \\u001b]0;pwned\\u0007"}\n' > "$WORK/in.jsonl"
run "$GRABLI" audit --format summary "$WORK/in.jsonl"
[ "$RC" -le 1 ] || fail "audit summary: exit $RC: $ERR"
if LC_ALL=C grep -q $'\x1b' <<<"$OUT$ERR"; then fail "audit summary: a raw ESC: $(cat -v <<<"$OUT$ERR")"; fi
echo ok
