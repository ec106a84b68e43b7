#!/usr/bin/env bash
# The shipped vocabulary (dictionaries/*.txt, compiled in): the token every labelled Russian
# advert carries («erid») is no misspelling, while a real typo in the same advert still is.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
printf 'Реклама. ООО «Ромашка», ИНН 7700000000, erid: 2VtzqxAbc. Кофе со скидкой, заходите завтро!\n' > "$WORK/ad.txt"
run "$GRABLI" check --role press --channel vk --format json "$WORK/ad.txt"
spelled=$(jq -r '[.[0].findings[] | select(.category == "spelling") | .match] | join(",")' <<<"$OUT")
[ "$spelled" = "завтро" ] || fail "expected only «завтро» as a misspelling, got '$spelled'
$OUT"
echo ok
