# Unknown options and commands: exit 2 with the option named, never a crash.
. "$(dirname "$0")/bad.sh"
run "$GRABLI" check --frobnicate x
expect_exit 2
expect_err "unrecognised option '--frobnicate'"
run "$GRABLI" audit --frobnicate x
expect_exit 2
expect_err "--frobnicate"
run "$GRABLI" frobnicate
expect_exit 2
[ -n "$ERR" ] || fail "an unknown command said nothing"
run "$GRABLI" check --format xml - <<<"hi"
expect_exit 2
expect_err "unknown --format 'xml'"
run "$GRABLI" check --role chief - <<<"hi"
expect_exit 2
expect_err "unknown role 'chief'"
run "$GRABLI" check --fail-on
expect_exit 2
echo ok
