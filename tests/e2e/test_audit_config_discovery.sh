# audit finds .grabli.yaml next to the export (or above it), else from the working directory up:
# an export downloaded outside the comms repo is audited with the repo's config it is run from.
. "$(dirname "$0")/lib.sh"
mkdir -p "$WORK/repo/sub" "$WORK/downloads" "$WORK/elsewhere"
printf 'disable: [ru-stonewalling]\n' > "$WORK/repo/.grabli.yaml"
printf '{"id":"p1","text":"Без комментариев."}\n' > "$WORK/downloads/posts.jsonl"
# no config anywhere on either path: the shipped packs as they are
(cd "$WORK/elsewhere" && run "$GRABLI" audit "$WORK/downloads/posts.jsonl"; echo "$RC" > "$WORK/rc"; echo "$OUT" > "$WORK/out")
[ "$(cat "$WORK/rc")" = 1 ] || fail "without a config the post has a finding: $(cat "$WORK/out")"
grep -qF '"ru-stonewalling/no-comment"' "$WORK/out" || fail "expected the stonewalling finding: $(cat "$WORK/out")"
# run from inside the repo (a subfolder too): the repo's config applies
(cd "$WORK/repo/sub" && run "$GRABLI" audit "$WORK/downloads/posts.jsonl"; echo "$RC" > "$WORK/rc"; echo "$OUT" > "$WORK/out")
[ "$(cat "$WORK/rc")" = 0 ] || fail "the repo's config disables the pack: $(cat "$WORK/out")"
grep -qF '"findings":[]' "$WORK/out" || fail "expected no findings: $(cat "$WORK/out")"
# a config next to the export wins over the working directory's
printf 'fail_on: error\n' > "$WORK/downloads/.grabli.yaml"
(cd "$WORK/repo" && run "$GRABLI" audit "$WORK/downloads/posts.jsonl"; echo "$RC" > "$WORK/rc"; echo "$OUT" > "$WORK/out")
grep -qF '"ru-stonewalling/no-comment"' "$WORK/out" || fail "the export's own config (which disables nothing) should win: $(cat "$WORK/out")"
[ "$(cat "$WORK/rc")" = 0 ] || fail "fail_on: error from the export's config: exit 0 expected, got $(cat "$WORK/rc")"
echo ok
