# Markdown front matter: bad values are file:line:column errors (exit 2); front matter that is
# never closed is not front matter (a thematic break, as Markdown renders it), so the draft is
# checked as text with no metadata taken from it — and a warning at the opening '---' says so.
. "$(dirname "$0")/bad.sh"
printf -- '---\nrole: suport\n---\nПривет.\n' > "$WORK/typo.md"
run "$GRABLI" check "$WORK/typo.md"
expect_exit 2
expect_err "typo.md:2:7: error: front matter: unknown role 'suport' (did you mean 'support'?)"
# the report on stdout says it once, with its position, not "typo.md: error: …typo.md:2:7: error: …"
expect_out "typo.md:2:7: error: front matter: unknown role"
expect_no_out "typo.md: error:"
printf -- '---\nrole: [support\n---\nПривет.\n' > "$WORK/syntax.md"
run "$GRABLI" check "$WORK/syntax.md"
expect_exit 2
expect_err "syntax.md:"
expect_err "front matter:"
# unclosed: no role is read from it, the text is still checked, positions are the file's own,
# and a warning points at the opening '---' (its lines are text: without --lang they could even
# make the post English).
printf -- '---\nrole: executive\nchannel: twitter\n\nМы лучшие в мире.\n' > "$WORK/unclosed.md"
run "$GRABLI" check --role press --lang ru "$WORK/unclosed.md"
expect_exit 1
expect_out "unclosed.md:1:1: warning: Front matter opened here is never closed"
expect_out "[grabli/unclosed-front-matter]"
expect_out "unclosed.md:5:4: warning:"
expect_out "[ru-unverified-claim/superlative]"
run "$GRABLI" check --role press --lang ru --format json "$WORK/unclosed.md"
expect_exit 1
[ "$(jq -r '.[0].findings[0] | "\(.rule) \(.level) \(.line):\(.column)"' <<<"$OUT")" = \
  "grabli/unclosed-front-matter warning 1:1" ] || fail "unclosed front matter in JSON: $OUT"
# the warning alone fails at the default level, not at --fail-on error
printf -- '---\nrole: press\nПривет.\n' > "$WORK/unclosed2.md"
run "$GRABLI" check "$WORK/unclosed2.md"
expect_exit 1
expect_out "unclosed2.md:1:1: warning:"
run "$GRABLI" check --fail-on error "$WORK/unclosed2.md"
expect_exit 0
# only a front matter opener (a thematic break, no warning), and an empty file
printf -- '---\n' > "$WORK/opener.md"
run "$GRABLI" check "$WORK/opener.md"
expect_exit 0
: > "$WORK/empty.md"
run "$GRABLI" check "$WORK/empty.md"
expect_exit 0
echo ok
