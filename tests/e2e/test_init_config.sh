# grabli init writes a starter .grabli.yaml that loads, maps drafts/support to support and
# excludes README.md from the hook; it never overwrites an existing one.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/hook_lib.sh"
R="$WORK/comms"
new_repo "$R"
cd "$R"
run "$GRABLI" init
expect_rc 0
[ -f .grabli.yaml ] || fail "no .grabli.yaml"
cp .grabli.yaml "$WORK/first"
run "$GRABLI" init
expect_rc 2
cmp -s .grabli.yaml "$WORK/first" || fail "init overwrote the config"
mkdir -p drafts/support
# role support comes from the path rule: the reply without front matter still gets caught
risky_reply | sed '1,5d' > drafts/support/reply.md
run "$GRABLI" check drafts/support/reply.md --channel vk --reply-to "Где мой заказ?"
expect_rc 1
expect_located drafts/support/reply.md drafts/support/reply.md
"$GRABLI" hook install >/dev/null || fail "install"
echo "Вы сами виноваты" > README.md
git add -A
run git commit -m "config and readme"
expect_rc 1
expect_no_out "README.md"
git rm -q --cached drafts/support/reply.md
run git commit -m "config and readme"
expect_rc 0
echo "ok"
