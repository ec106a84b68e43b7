# The HTML report opens in headless Chromium with no network: charts render, matches are
# highlighted, post text is escaped, and nothing is loaded from elsewhere.
. "$(dirname "$0")/lib.sh"
A="$FIXTURES/audit"
CHROMIUM=$(command -v chromium || command -v chromium-browser) || skip "chromium is not installed (scripts/install-deps.sh --test)"
cat "$A/escape.jsonl" > "$WORK/in.jsonl"
run "$GRABLI" audit "$WORK/in.jsonl" -o "$WORK/report.html"
expect_rc 1
[ -z "$OUT" ] || fail "-o must keep stdout empty: $OUT"
grep -Eiq '<script|(src|href)=["'"'"']?(https?:)?//|@import|url\(' "$WORK/report.html" && fail "the report loads or runs something external"
timeout 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$(mktemp -d -p "$WORK")" --dump-dom "file://$WORK/report.html" \
  > "$WORK/dom.html" 2>"$WORK/chromium.err" || fail "chromium failed: $(tail -5 "$WORK/chromium.err")"
DOM=$(cat "$WORK/dom.html")
[ "$(grep -o '<svg' <<<"$DOM" | wc -l)" -ge 3 ] || fail "expected three charts: $(head -c 400 <<<"$DOM")"
grep -q 'id="by-category"' <<<"$DOM" && grep -q 'id="by-month"' <<<"$DOM" && grep -q 'id="by-author"' <<<"$DOM" || fail "chart sections missing"
grep -q '<rect' <<<"$DOM" || fail "the charts have no bars"
grep -q '<mark>Без комментариев</mark>' <<<"$DOM" || fail "the match is not highlighted"
grep -q '<mark>Вы сами виноваты</mark>' <<<"$DOM" || fail "the blaming reply is not in the table"
grep -q '&lt;script&gt;alert' <<<"$DOM" || fail "post text was not escaped"
[ "$(grep -c '<script' <<<"$DOM")" -eq 0 ] || fail "a script element reached the DOM"
grep -q '<img' <<<"$DOM" && fail "an img element from post text reached the DOM"
grep -q 'Мария &lt;script&gt;' <<<"$DOM" || fail "the author was not escaped"
grep -q 'Извинитесь' <<<"$DOM" || fail "the rule's advice is missing"
# the Telegram export: complaint card and first-response times
"$GRABLI" audit "$A/telegram-chat.json" --config "$A/grabli.yaml" --format html > "$WORK/tg.html" 2>/dev/null
grep -q 'first response, median' "$WORK/tg.html" && grep -q '<b>20m</b>' "$WORK/tg.html" || fail "first-response median missing"
echo ok
