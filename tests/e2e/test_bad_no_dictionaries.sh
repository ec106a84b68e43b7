# No Hunspell dictionaries at all: grabli still checks, and warns that spelling and lemma
# matching are degraded.
. "$(dirname "$0")/bad.sh"
printf 'Без комментариев. Вы сами виноваты.\n' > "$WORK/post.txt"
export DICPATH=/nonexistent
run "$GRABLI" check --role press "$WORK/post.txt"
unset DICPATH
expect_exit 1
expect_err "grabli: warning: Hunspell dictionary ru_RU and en_US not found; spelling and lemma matching are degraded"
expect_out "[ru-stonewalling/no-comment]"
export DICPATH=/nonexistent
run "$GRABLI" audit "$FIXTURES/audit/escape.jsonl"
unset DICPATH
[ "$RC" -le 1 ] || fail "audit without dictionaries: exit $RC: $ERR"
expect_err "spelling and lemma matching are degraded"
[ "$(wc -l <<<"$OUT")" -eq 2 ] || fail "expected 2 records: $OUT"
echo ok
