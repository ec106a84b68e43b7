# hook install never clobbers a foreign hook: it refuses, or chains it with --chain;
# uninstall puts it back; core.hooksPath is honoured; outside a repo is an error.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/hook_lib.sh"
R="$WORK/comms"
new_repo "$R"
cd "$R"
printf '#!/bin/sh\necho "team hook ran" >&2\n' > .git/hooks/pre-commit
chmod +x .git/hooks/pre-commit
cp .git/hooks/pre-commit "$WORK/team-hook"
run "$GRABLI" hook install
expect_rc 2
expect_err "already exists and is not grabli's"
expect_err "--chain"
cmp -s .git/hooks/pre-commit "$WORK/team-hook" || fail "the foreign hook was changed"

run "$GRABLI" hook install --chain
expect_rc 0
cmp -s .git/hooks/pre-commit.before-grabli "$WORK/team-hook" || fail "the foreign hook was not kept"
mkdir -p drafts/support && risky_reply > drafts/support/r.md && git add -A
run git commit -m x
[ "$RC" -ne 0 ] || fail "chained install let a risky draft through"
expect_err "team hook ran"

run "$GRABLI" hook uninstall
expect_rc 0
cmp -s .git/hooks/pre-commit "$WORK/team-hook" || fail "uninstall did not restore the foreign hook"
run "$GRABLI" hook uninstall
expect_rc 2
expect_err "not grabli's hook"

# core.hooksPath
rm .git/hooks/pre-commit
git config core.hooksPath .githooks
run "$GRABLI" hook install
expect_rc 0
[ -x .githooks/pre-commit ] || fail "core.hooksPath was not honoured"
[ -e .git/hooks/pre-commit ] && fail "the hook went to .git/hooks despite core.hooksPath"
run git commit -m x
[ "$RC" -ne 0 ] || fail "the hook in core.hooksPath did not run"

cd "$WORK"
run "$GRABLI" hook install
expect_rc 2
expect_err "not inside a Git working tree"
echo "ok"
