#!/usr/bin/env bash
# `check` compiles only the shipped packs for the languages its drafts are in (by script, --lang
# and the config's lang defaults). Whatever the drafts say, the answer must be the one of the
# whole policy (GRABLI_ALL_PACKS=1): front matter that names another language, suppressions and
# `disable` naming a rule of a pack left out, several drafts in two languages, every format.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$(dirname "${BASH_SOURCE[0]}")/hook_lib.sh"
cd "$WORK"
mkdir -p repo/drafts/en
printf 'Здравствуйте! Вы сами виноваты: надо было читать условия доставки. Лучший банк в России!\n' > repo/ru.md
printf 'You should have read the terms, it is your own fault. We are the best bank in the world! Fuck.\n' > repo/en.md
printf 'Мы запускаем новый тариф. Our new plan is the best on the market, guaranteed!\n' > repo/mixed.md
# front matter says English: the script said Russian, so the English packs were left out at first
printf -- '---\nlang: en\n---\nЗдравствуйте! Вы сами виноваты, идиоты, читайте условия доставки. Fuck, damn it.\n' > repo/fm-en.md
# a suppression naming a rule of an English pack, in a Russian draft: a known rule, no warning
printf '<!-- grabli-disable en-profanity/swearing: цитата из жалобы -->\nЗдравствуйте! Вы сами виноваты, надо было читать условия.\n' > repo/sup.md
printf '<!-- grabli-disable en-profanity/swaering: опечатка -->\nЗдравствуйте! Вы сами виноваты.\n' > repo/sup-typo.md
# a path rule says English for these
printf 'Здравствуйте! Вы сами виноваты, надо было читать условия доставки. You idiots. Fuck.\n' > repo/drafts/en/ru-text.md

compare() {  # compare [hook] ARGS...: the same exit code, stdout and stderr as with every pack compiled
  local cmd=(check)
  [ "$1" = hook ] && { cmd=(hook run); shift; }
  run "$GRABLI" "${cmd[@]}" "$@" < "${STDIN:-/dev/null}"
  local out=$OUT err=$ERR rc=$RC
  GRABLI_ALL_PACKS=1 run "$GRABLI" "${cmd[@]}" "$@" < "${STDIN:-/dev/null}"
  [ "$RC" = "$rc" ] || fail "check $*: exit $rc, with every pack $RC"
  [ "$OUT" = "$out" ] || fail "check $*: the packs left out changed the answer:
$out
--- with every pack:
$OUT"
  [ "$ERR" = "$err" ] || fail "check $*: stderr differs:
$err
--- with every pack:
$ERR"
  OUT=$out ERR=$err RC=$rc
}

for fmt in text json sarif github; do
  for f in ru en mixed fm-en sup sup-typo drafts/en/ru-text; do compare --format "$fmt" "repo/$f.md"; done
  compare --format "$fmt" repo/ru.md repo/en.md repo/fm-en.md
done
compare --lang en repo/ru.md
compare --lang ru repo/en.md
STDIN=repo/ru.md compare -
STDIN=repo/fm-en.md compare -

# what the comparisons rest on: the findings are there
compare repo/fm-en.md
expect_out "[en-profanity/swearing]"
compare repo/sup.md
expect_no_out "[grabli/unknown-suppression]"
expect_out "[ru-customer-conflict/"
compare repo/sup-typo.md
expect_out "which is no rule or pack of the policy"

# a config that disables a rule of an English pack, checked with a Russian draft: no error
printf 'disable: [en-profanity/swearing, en-unverified-claim]\npaths:\n  - {glob: "drafts/en/**", lang: en}\n' > repo/.grabli.yaml
compare repo/ru.md
expect_rc 1
[ -z "$ERR" ] || fail "a rule of a pack left out is still a rule: $ERR"
compare repo/drafts/en/ru-text.md
expect_no_out "[en-profanity/swearing]"  # disabled
expect_out "[en-customer-conflict/"      # the path rule's English
printf 'disable: [en-profanity/no-such-rule]\n' > repo/.grabli.yaml
compare repo/ru.md
expect_rc 2
expect_err "'disable' names a rule that does not exist"

# the pre-commit hook: the staged drafts' scripts choose the packs, front matter may overrule
new_repo hooked
cp repo/ru.md repo/fm-en.md repo/sup.md hooked/
git -C hooked add ru.md
cd hooked
compare hook --format json
expect_rc 1
git add fm-en.md sup.md
compare hook --format sarif
compare hook
expect_out "[en-profanity/swearing]"
expect_no_out "[grabli/unknown-suppression]"
cd ..
echo "ok"
