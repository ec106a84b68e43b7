# Helpers for the bad-input catalogue (tests/e2e/test_bad_*.sh); sources lib.sh.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# expect_rc plus: the process ended by itself, not by a signal (ASan aborts, segfaults, timeouts).
expect_exit() {
  [ "$RC" -lt 124 ] || [ "$RC" -eq "$1" ] || fail "killed by a signal or a timeout (exit $RC)
stderr: $(tail -c 2000 <<<"$ERR")"
  expect_rc "$1"
}
# A minimal valid policy pack with one pattern rule; `$1` replaces the pattern.
write_pack() {
  cat > "$2" <<YAML
pack: acme
rules:
  - id: bad-word
    category: profanity
    level: error
    kind: pattern
    pattern: '$1'
    message: "Bad word."
    examples:
      bad: ["this is zzzbad"]
      good: ["this is fine"]
YAML
}
