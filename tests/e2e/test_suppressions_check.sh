# Inline suppressions: a suppressed finding leaves the exit code alone and stays in JSON
# marked suppressed with its reason; one without a reason is itself a warning.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
printf 'channel: telegram\n' > .grabli.yaml
cat > a.md <<'MD'
<!-- grabli-disable-next-line ru-unverified-claim/superlative: по итогам рейтинга Frank RG 2024, см. пресс-релиз -->
Лучший банк в России!
MD
run "$GRABLI" check a.md --role press
expect_rc 0
run "$GRABLI" check a.md --role press --format json
expect_rc 0
python3 -c '
import json,sys
f=json.load(sys.stdin)[0]["findings"]
assert len(f)==1 and f[0]["suppressed"] is True and f[0]["suppression_reason"].startswith("по итогам"), f
' <<<"$OUT" || fail "the suppressed finding is not in JSON: $OUT"

printf '<!-- grabli-disable-next-line ru-unverified-claim/superlative -->\nЛучший банк в России!\n' > b.md
run "$GRABLI" check b.md --role press
expect_rc 1
expect_out "b.md:1:1: warning: The suppression gives no reason"
expect_out "[grabli/suppression-without-reason]"
run "$GRABLI" check b.md --role press --fail-on error
expect_rc 0

printf '<!-- grabli-disable ru-unverified-claim/superlatve: typo -->\nЛучший банк в России!\n' > c.md
run "$GRABLI" check c.md --role press
expect_rc 1
expect_out "[grabli/unknown-suppression]"
expect_out "c.md:2:1: warning:"
echo "ok"
