# The trained classifier (kind: classifier, models/classifier.tsv): `rules features` shows what it
# reads, the shipped model is what scripts/train-classifier.py makes of the labelled sets, and its
# rules speak only where the phrase rules of a category said nothing.
. "$(dirname "$0")/lib.sh"

cat >"$WORK/posts.jsonl" <<'JSONL'
{"id": "a", "text": "Вы сами виноваты!", "role": "support", "reply_to": {"text": "Где заказ?"}}
{"id": 7, "text": "Nobody asked you", "lang": "en"}
JSONL
run "$GRABLI" rules features "$WORK/posts.jsonl"
expect_rc 0
[ "$(wc -l <<<"$OUT")" -eq 2 ] || fail "one line per post: $OUT"
expect_out '"id":"a"'
expect_out '"lang:ru","role:support","reply","u:вы","u:сами","b:вы сами","u:винов","b:сами винов"'
expect_out '"id":"7"'
expect_out '"u:nobody","u:asked","b:nobody asked"'

printf '{"id": "x", "text": "ok"}\n{broken\n' >"$WORK/bad.jsonl"
run "$GRABLI" rules features "$WORK/bad.jsonl"
expect_rc 2
expect_err "bad.jsonl:2:1: not a JSON record"

# a reply that blames the customer in words no phrase rule lists: the model's rule, and only it
run "$GRABLI" check --format json --role support --channel vk --reply-to "Курьер опоздал на два часа" - \
  <<<"Курьер приехал вовремя по нашим данным. Возможно, стоит внимательнее следить за телефоном."
expect_out '"rule": "ru-customer-conflict/model"'
expect_out ' (model: '
# where a phrase rule of the category already fired, the model's rule is dropped
run "$GRABLI" check --format json --role support --reply-to "Курьер опоздал" - <<<"Вы сами виноваты, надо было читать условия."
expect_out '"category": "customer-conflict"'
expect_no_out '/model"'
# a suppression names it like any rule
printf '<!-- grabli-disable-next-line ru-customer-conflict/model: проверено юристом -->\nКурьер приехал вовремя по нашим данным. Возможно, стоит внимательнее следить за телефоном.\n' >"$WORK/draft.md"
run "$GRABLI" check --format json --role support --channel vk --reply-to "Курьер опоздал на два часа" "$WORK/draft.md"
expect_rc 0
expect_out '"rule": "ru-customer-conflict/model"'
expect_out '"suppressed": true'

# the shipped model is what the trainer makes of the labelled sets (and of the fortunes it adds as
# clean posts): change a set or the features without retraining, and this fails
[ -d /usr/share/games/fortunes/ru ] || skip "fortunes-ru is not installed (scripts/install-deps.sh --test installs it)"
python3 "$GRABLI_SOURCE_DIR/scripts/train-classifier.py" --grabli "$GRABLI" --out "$WORK/model.tsv" 2>"$WORK/train.err" ||
  fail "training failed: $(cat "$WORK/train.err")"
cmp -s "$WORK/model.tsv" "$GRABLI_SOURCE_DIR/models/classifier.tsv" ||
  fail "models/classifier.tsv is not what scripts/train-classifier.py makes now: retrain it ($(diff "$WORK/model.tsv" "$GRABLI_SOURCE_DIR/models/classifier.tsv" | head -5))"
