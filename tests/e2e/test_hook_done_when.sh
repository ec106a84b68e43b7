# The "Done when" of issue 4, as a new user would try it with real git: install the hook,
# a support reply that blames the customer is refused with path:line:col; a clean version
# staged while a risky edit stays unstaged is committed and the working file is untouched.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/hook_lib.sh"
R="$WORK/comms"
new_repo "$R"
cd "$R"
run "$GRABLI" hook install
expect_rc 0
expect_out "installed"
[ -x .git/hooks/pre-commit ] || fail "no executable .git/hooks/pre-commit"

mkdir -p drafts/support/2024-05-buckwheat
risky_reply > drafts/support/2024-05-buckwheat/reply.md
git add drafts
run git commit -m "Reply to the buckwheat complaint"
[ "$RC" -ne 0 ] || fail "the commit of a reply blaming the customer went through"
# the finding names the draft with the file's own line (front matter included) and column
expect_located drafts/support/2024-05-buckwheat/reply.md drafts/support/2024-05-buckwheat/reply.md
grep -qE '^drafts/support/2024-05-buckwheat/reply\.md:[6-9]:[0-9]+: error: .*\[ru-customer-conflict/' <<<"$OUT$ERR" ||
  fail "not a customer-conflict error in the body: $OUT $ERR"
grep -qF -- "--no-verify" <<<"$ERR" || fail "the refusal does not say how to bypass: $ERR"
git rev-parse -q --verify HEAD >/dev/null && fail "a commit was made"

# stage a clean version, then put a risky edit in the working tree without staging it
clean_reply > drafts/support/2024-05-buckwheat/reply.md
git add drafts/support/2024-05-buckwheat/reply.md
risky_reply > drafts/support/2024-05-buckwheat/reply.md
echo "Читайте условия возврата на сайте, прежде чем писать такие отзывы." >> drafts/support/2024-05-buckwheat/reply.md
cp drafts/support/2024-05-buckwheat/reply.md "$WORK/before"
before_mtime=$(stat -c %Y drafts/support/2024-05-buckwheat/reply.md)
run git commit -m "Reply to the buckwheat complaint"
expect_rc 0
git rev-parse -q --verify HEAD >/dev/null || fail "no commit was made"
cmp -s drafts/support/2024-05-buckwheat/reply.md "$WORK/before" || fail "the hook changed the working file"
[ "$(stat -c %Y drafts/support/2024-05-buckwheat/reply.md)" = "$before_mtime" ] || fail "the working file was rewritten"
git show HEAD:drafts/support/2024-05-buckwheat/reply.md | grep -qF "Нам очень жаль" || fail "the commit lacks the clean version"
git diff --quiet --cached || fail "the index changed"
git diff --quiet && fail "the unstaged edit is gone"
echo "ok"
