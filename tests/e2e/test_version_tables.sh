# --version names the dictionaries and says whether the build-time form tables answer for them:
# a binary copied away from its share/grabli runs without them (the same answers, slower).
. "$(dirname "$0")/lib.sh"
[ -f /usr/share/hunspell/ru_RU.dic ] && [ -f /usr/share/hunspell/en_US.dic ] || skip "hunspell-ru and hunspell-en-us are needed"
[ -f "$(dirname "$GRABLI")/share/grabli/ru_RU.forms" ] || skip "the build made no form tables beside $GRABLI"
run "$GRABLI" --version
[ "$RC" -eq 0 ] || fail "--version exited $RC"
expect_out "grabli 0.1.0"
expect_out "dictionary ru: /usr/share/hunspell/ru_RU"
expect_out "share/grabli/ru_RU.forms ("
expect_out "share/grabli/en_US.forms ("
GRABLI_FORMS_DIR=off run "$GRABLI" --version
expect_out "off (GRABLI_FORMS_DIR=off)"
cp "$GRABLI" "$WORK/grabli-copy"
run "$WORK/grabli-copy" --version
expect_out "none that matches it in share/grabli beside or above the executable"
expect_no_out ".forms ("
echo ok
