# Invalid UTF-8 is replaced and reported as an info finding; the rest of the post is still checked.
. "$(dirname "$0")/bad.sh"
printf 'Hello \xff\xfe world.\nБез комментариев \xc3\x28 \xed\xa0\x80 \xf4\x90\x80\x80.\n' > "$WORK/bad.txt"
run "$GRABLI" check --role press "$WORK/bad.txt"
expect_exit 1
expect_out "bad.txt:1:7: info: 10 invalid UTF-8 byte(s) were read as U+FFFD; the rest of the text was checked [grabli/invalid-utf8]"
expect_out "\\xFF\\xFE"
expect_out "[ru-stonewalling/no-comment]"
# the same through stdin and as JSON: the finding survives, the JSON stays valid UTF-8
run "$GRABLI" check --format json - < "$WORK/bad.txt"
expect_exit 1
jq -e '.[0].findings | map(.rule) | index("grabli/invalid-utf8") != null' <<<"$OUT" >/dev/null || fail "no invalid-utf8 finding in JSON: $OUT"
iconv -f UTF-8 -t UTF-8 <<<"$OUT" >/dev/null || fail "the JSON output is not valid UTF-8"
# in an audit record too
printf '{"id":"u1","text":"ok \xff\xfe text"}\n' > "$WORK/in.jsonl"
run "$GRABLI" audit "$WORK/in.jsonl"
[ "$RC" -lt 124 ] || fail "audit killed (exit $RC)"
jq -e 'select(.id=="u1")' <<<"$OUT" >/dev/null || fail "the record was lost: $OUT / $ERR"
echo ok
