# The pre-commit framework, pointed at grabli's own .pre-commit-hooks.yaml, flags a
# superlative advert and passes a clean one. Offline: the hook repo is a local clone.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/hook_lib.sh"
command -v pre-commit >/dev/null || skip "pre-commit is not installed (scripts/install-deps.sh --test installs it)"
HOOKS="$GRABLI_SOURCE_DIR/.pre-commit-hooks.yaml"
[ -f "$HOOKS" ] || fail "no .pre-commit-hooks.yaml at the repository root"
export PRE_COMMIT_HOME="$WORK/cache" PATH="$(dirname "$GRABLI"):$PATH"

# the grabli repository as pre-commit sees it: a Git repo with the hooks file committed
# (a snapshot of the working copy, so the test checks the file being developed)
G="$WORK/grabli-repo"
new_repo "$G"
cp "$HOOKS" "$G/.pre-commit-hooks.yaml"
git -C "$G" add .pre-commit-hooks.yaml && git -C "$G" commit -qm hooks
REV=$(git -C "$G" rev-parse HEAD)

R="$WORK/comms"
new_repo "$R"
cd "$R"
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $G
    rev: $REV
    hooks:
      - id: grabli
YAML
printf 'channel: telegram\npaths:\n  - glob: "ads/**"\n    role: press\n' > .grabli.yaml
git add .pre-commit-config.yaml .grabli.yaml && git commit -qm config --no-verify
run pre-commit install
expect_rc 0

mkdir -p ads
printf 'Лучший банк в России! Откройте вклад уже сегодня.\n' > ads/spring.md
git add ads/spring.md
run git commit -m "spring advert"
[ "$RC" -ne 0 ] || fail "pre-commit let a superlative advert through"
grep -qE 'ads/spring\.md:1:1: warning: .*\[ru-unverified-claim/superlative\]' <<<"$OUT$ERR" ||
  fail "no superlative finding: $OUT $ERR"

printf 'По данным рейтинга Банки.ру за 2024 год наш вклад — в первой тройке. Откройте его уже сегодня.\n' > ads/spring.md
git add ads/spring.md
run git commit -m "spring advert"
expect_rc 0
# files that are not drafts are not passed to grabli
echo "лучший" > notes.yaml
git add notes.yaml
run git commit -m notes
expect_rc 0
echo "ok"
