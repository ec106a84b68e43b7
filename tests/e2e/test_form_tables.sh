#!/usr/bin/env bash
# The build-time form tables: a check answers exactly as with Hunspell alone, a check whose words
# are all in the table never reads the dictionary, and a stale or damaged table is passed over.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[ -f /usr/share/hunspell/ru_RU.dic ] && [ -f /usr/share/hunspell/en_US.dic ] || skip "hunspell-ru/hunspell-en-us are not installed"
tables="$(dirname "$GRABLI")/share/grabli"
[ -s "$tables/ru_RU.forms" ] && [ -s "$tables/en_US.forms" ] || fail "the build wrote no form tables to $tables (gen_forms)"

printf 'Мы любим читать книги по вечерам.\n' > "$WORK/known.txt"
printf 'Здравствуйте! Вы сами виноваты: надо было читать условия доставки. Превед, колбоса!\n' > "$WORK/ru.txt"
printf 'We are thrilled to anounce the best product on the market. Teh refund is coming!\n' > "$WORK/en.txt"

# 1. the same findings, suggestions included, with and without the tables
for f in known ru en; do
  run "$GRABLI" check --format json "$WORK/$f.txt"
  with=$OUT rc_with=$RC
  GRABLI_FORMS_DIR=off run "$GRABLI" check --format json "$WORK/$f.txt"
  [ "$RC" = "$rc_with" ] || fail "$f: exit $rc_with with the tables, $RC without"
  [ "$OUT" = "$with" ] || fail "$f: the tables changed the answer:
$with
--- without:
$OUT"
  # misspelt words get Hunspell's suggestions: the dictionary is loaded when a post needs it
  case $f in
    ru) expect_out '"Возможно: ' ;;
    en) expect_out '"Did you mean: ' ;;
  esac
done

# 2. a table stands for the dictionary files it was made from (same sizes and times): copies
#    with a garbled .dic of the same size make Hunspell know no word, the table still answers
mkdir -p "$WORK/dic"
for d in ru_RU en_US; do cp -p /usr/share/hunspell/$d.aff /usr/share/hunspell/$d.dic "$WORK/dic/"; done
size=$(stat -c %s "$WORK/dic/ru_RU.dic")
{ printf '1\nзюзя\n'; head -c $((size - 11)) /dev/zero | tr '\0' ' '; } > "$WORK/dic/ru_RU.dic.new"
[ "$(stat -c %s "$WORK/dic/ru_RU.dic.new")" = "$size" ] || fail "test setup: the garbled copy has another size"
mv "$WORK/dic/ru_RU.dic.new" "$WORK/dic/ru_RU.dic"
touch -r /usr/share/hunspell/ru_RU.dic "$WORK/dic/ru_RU.dic"
DICPATH="$WORK/dic" GRABLI_FORMS_DIR=off run "$GRABLI" check "$WORK/known.txt"
expect_out "[ru-spelling/hunspell]"  # Hunspell with the garbled copy: every word is unknown
DICPATH="$WORK/dic" run "$GRABLI" check "$WORK/known.txt"
expect_rc 0
expect_no_out "[ru-spelling/hunspell]"  # every word is in the table: the dictionary was never read

# 3. a table made from other files is passed over: copies with new times are read by Hunspell
rm -rf "$WORK/dic2"; mkdir -p "$WORK/dic2"
for d in ru_RU en_US; do cp /usr/share/hunspell/$d.aff /usr/share/hunspell/$d.dic "$WORK/dic2/"; done
touch -d '2001-01-01' "$WORK/dic2/ru_RU.dic"
GRABLI_FORMS_DIR=off run "$GRABLI" check --format json "$WORK/ru.txt"
want=$OUT
DICPATH="$WORK/dic2" run "$GRABLI" check --format json "$WORK/ru.txt"
[ "$OUT" = "$want" ] || fail "a stale table answered: $OUT"

# 4. a damaged table is passed over: the same answers, no crash, no message in the way
mkdir -p "$WORK/forms"
head -c 100000 "$tables/ru_RU.forms" > "$WORK/forms/ru_RU.forms"
cp "$tables/en_US.forms" "$WORK/forms/"
GRABLI_FORMS_DIR="$WORK/forms" run "$GRABLI" check --format json "$WORK/ru.txt"
[ "$OUT" = "$want" ] || fail "a damaged table changed the answer: $OUT"
[ -z "$ERR" ] || fail "a damaged table is not the user's problem, yet: $ERR"
# 5. an audit reads the tables with pread(): the same records as Hunspell alone, and a known
#    word is answered from the table (the garbled copy of step 2 again)
{
  printf '{"id":"1","text":"Мы любим читать книги по вечерам."}\n'
  printf '{"id":"2","text":"Здравствуйте! Вы сами виноваты: надо было читать условия доставки. Превед, колбоса!"}\n'
  printf '{"id":"3","text":"We are thrilled to anounce the best product on the market. Teh refund is coming!"}\n'
  printf '{"id":"4","text":"Есть новости: Москва, России, ёлка и елка."}\n'
} > "$WORK/posts.jsonl"
run "$GRABLI" audit --format jsonl "$WORK/posts.jsonl"
with=$OUT rc_with=$RC
GRABLI_FORMS_DIR=off run "$GRABLI" audit --format jsonl "$WORK/posts.jsonl"
[ "$RC" = "$rc_with" ] || fail "audit: exit $rc_with with the tables, $RC without"
[ "$OUT" = "$with" ] || fail "audit: the tables changed the records:
$with
--- without:
$OUT"
[ "$(grep -c . <<<"$OUT")" -ge 4 ] || fail "audit: a record per post expected: $OUT"
grep -q 'колбоса' <<<"$OUT" || fail "audit: the misspelt word is not reported: $OUT"
DICPATH="$WORK/dic" run "$GRABLI" audit --format jsonl "$WORK/posts.jsonl"
grep '"id":"1"' <<<"$OUT" | grep -q 'ru-spelling' && fail "audit: a known word was asked of the garbled dictionary, not the table: $OUT"
echo "ok"
