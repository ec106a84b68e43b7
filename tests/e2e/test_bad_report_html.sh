# The HTML audit report escapes hostile post text: opened in headless Chromium, no script from a
# post runs (it would change document.title), no element from a post reaches the DOM, and bidi
# overrides are isolated.
. "$(dirname "$0")/bad.sh"
CHROMIUM=$(command -v chromium || command -v chromium-browser) || skip "chromium is not installed"
cat > "$WORK/in.jsonl" <<'JSONL'
{"id": "h1", "author": "\"><img src=x onerror=\"document.title='PWNED-author'\">", "role": "press", "lang": "ru", "text": "Без комментариев. <script>document.title='PWNED-script'</script>"}
{"id": "h2\"><script>document.title='PWNED-id'</script>", "role": "press", "lang": "ru", "text": "Без комментариев. \"><img src=x onerror=\"document.title='PWNED-img'\"> '><svg onload=\"document.title='PWNED-svg'\">"}
{"id": "h3", "role": "press", "lang": "ru", "text": "Без комментариев. </textarea></style></title><iframe srcdoc=\"<script>parent.document.title='PWNED-iframe'</script>\"></iframe> javascript:document.title='PWNED-js'"}
{"id": "h4", "role": "press", "lang": "ru", "text": "Без комментариев. Evil \u202egpj.exe \u2066isolate"}
JSONL
run "$GRABLI" audit "$WORK/in.jsonl" --format html -o "$WORK/report.html"
[ "$RC" -eq 77 ] && skip "no html format"
if [ "$RC" -eq 2 ] && grep -q "format" <<<"$ERR"; then skip "the audit html format does not exist yet: $ERR"; fi
expect_exit 1
[ -s "$WORK/report.html" ] || fail "no report written"
timeout 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$(mktemp -d -p "$WORK")" --virtual-time-budget=2000 \
  --dump-dom "file://$WORK/report.html" > "$WORK/dom.html" 2>"$WORK/chromium.err" || fail "chromium failed: $(tail -5 "$WORK/chromium.err")"
DOM=$(cat "$WORK/dom.html")
[ -n "$DOM" ] || fail "chromium dumped nothing"
# the document's own title (the first <title>; chart <title>s quote authors as text)
TITLE=$(grep -o '<title>[^<]*</title>' <<<"$DOM" | head -1)
[ -n "$TITLE" ] || fail "the report has no <title>"
grep -q 'PWNED' <<<"$TITLE" && fail "a script from a post ran: $TITLE"
grep -qi '<script' <<<"$DOM" && fail "a script element reached the DOM"
grep -qiE '<(img|svg|iframe)[^>]*(onerror|onload|srcdoc)' <<<"$DOM" && fail "an element with a handler from a post reached the DOM: $(grep -oiE '<(img|svg|iframe)[^>]*' <<<"$DOM" | head -3)"
grep -qiE 'href="javascript:' <<<"$DOM" && fail "a javascript: link reached the DOM"
grep -qF '&lt;script&gt;document.title=' <<<"$DOM" || fail "the post's script is not shown as text"
grep -qF 'onerror=' <<<"$DOM" || fail "the author's markup is not shown as text"
# a bidi override from a post must not turn the report around: it is shown as a visible escape
grep -qF $'\xe2\x80\xae' "$WORK/report.html" && fail "a raw U+202E from a post is in the report"
grep -qF $'\xe2\x81\xa6' "$WORK/report.html" && fail "a raw U+2066 from a post is in the report"
grep -qF 'Evil \u{202E}gpj.exe \u{2066}isolate' <<<"$DOM" || fail "the bidi controls are not shown as escapes"
echo ok
