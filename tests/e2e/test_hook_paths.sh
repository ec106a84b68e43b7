# The hook checks staged drafts under paths with spaces and Cyrillic names, skips deleted,
# binary and non-draft files, and reports the path exactly as Git shows it.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/hook_lib.sh"
R="$WORK/comms"
new_repo "$R"
cd "$R"
"$GRABLI" hook install >/dev/null || fail "install"
D="drafts/отдел поддержки/ответ клиенту.md"
mkdir -p "$(dirname "$D")"
risky_reply > "$D"
printf 'PNG\0\0binary вы сами положили' > "drafts/отдел поддержки/скан.txt"
echo "int main() { /* вы сами положили болт */ }" > main.c
git add -A
run git commit -m "drafts"
[ "$RC" -ne 0 ] || fail "a risky draft under a Cyrillic path with spaces was committed"
expect_located "$D" "$D"
grep -qF "скан.txt: binary file" <<<"$ERR" || fail "the binary file was not reported as skipped: $ERR"
grep -qF "main.c" <<<"$OUT$ERR" && fail "main.c is not a draft but was checked"

# with the risky draft fixed, the commit goes through; deleting it later is not checked
clean_reply > "$D"
git add -A
run git commit -m "drafts"
expect_rc 0
risky_reply > "$D"
git commit -qam "risky, bypassed on purpose" --no-verify || fail "--no-verify did not bypass"
git rm -q "$D"
run git commit -m "remove the draft"
expect_rc 0
echo "ok"
