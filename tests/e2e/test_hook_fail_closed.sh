# When grabli itself fails — a broken .grabli.yaml, bad front matter, a missing binary —
# the hook blocks the commit with a message that says so, and changes nothing.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/hook_lib.sh"
R="$WORK/comms"
new_repo "$R"
cd "$R"
"$GRABLI" hook install >/dev/null || fail "install"
mkdir -p drafts && clean_reply > drafts/a.md
printf 'fail_on: sometimes\n' > .grabli.yaml
git add -A
run git commit -m x
[ "$RC" -ne 0 ] || fail "a broken config let the commit through"
expect_err ".grabli.yaml:1:10"
expect_err "the check itself failed"

rm .grabli.yaml
printf -- '---\nrole: suport\n---\nHello\n' > drafts/a.md
git add -A
run git commit -m x
[ "$RC" -ne 0 ] || fail "bad front matter let the commit through"
expect_err "drafts/a.md:2:7: error: front matter: unknown role 'suport' (did you mean 'support'?)"

clean_reply > drafts/a.md
git add -A
# a hook whose grabli is gone and not on PATH
sed -i "s|^GRABLI=.*|GRABLI='/nonexistent/grabli'|" .git/hooks/pre-commit
run env PATH=/usr/bin:/bin git commit -m x
[ "$RC" -ne 0 ] || fail "a missing grabli let the commit through"
expect_err "grabli is not installed"
git rev-parse -q --verify HEAD >/dev/null && fail "a commit was made"
echo "ok"
