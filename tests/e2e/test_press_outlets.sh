# .grabli.yaml press_outlets: a local outlet grabli does not ship is read as the press, so a reply
# that brushes its journalist off is flagged (context: press); a bad list is an error with its place.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
reply='lol next question'
ask='Daily Widget: is it true you are closing the Leeds plant?'
run "$GRABLI" check --role press --channel twitter --lang en --reply-to "$ask" - <<<"$reply"
expect_no_out "en-stonewalling/press-dismissal"
printf 'press_outlets: ["Daily Widget", "Ромашка ТВ"]\n' > .grabli.yaml
run "$GRABLI" check --role press --channel twitter --lang en --reply-to "$ask" - <<<"$reply"
expect_rc 1
expect_out "en-stonewalling/press-dismissal"
# the same words from a customer who only mentions the outlet are not a journalist's
run "$GRABLI" check --role press --channel twitter --lang en --reply-to "Saw your ad in Daily Widget, my order is late" - <<<"$reply"
expect_no_out "en-stonewalling/press-dismissal"
printf 'press_outlets: ["Daily Widget", "x"]\n' > .grabli.yaml
run "$GRABLI" check --lang en - <<<"hello"
expect_rc 2
expect_err ".grabli.yaml:1:16:"
expect_err "press_outlets: 'x' is not an outlet's name"
echo "ok"
