# Helpers for end-to-end tests; source it first. $GRABLI is the binary under test.
set -u
: "${GRABLI:?GRABLI must point at build/grabli}"
: "${GRABLI_SOURCE_DIR:?}"
FIXTURES="$GRABLI_SOURCE_DIR/tests/fixtures"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export NO_COLOR=1
export XDG_CACHE_HOME="$WORK/cache"  # the stem cache of a test run stays in its folder
fail() { echo "FAIL: $*" >&2; exit 1; }
# run CMD...: captures stdout in $OUT, stderr in $ERR, exit code in $RC
run() {
  OUT=$("$@" 2>"$WORK/.stderr"); RC=$?
  ERR=$(cat "$WORK/.stderr")
}
expect_rc() { [ "$RC" -eq "$1" ] || fail "expected exit $1, got $RC
stdout: $OUT
stderr: $ERR"; }
expect_out() { grep -qF -- "$1" <<<"$OUT" || fail "stdout lacks '$1':
$OUT
stderr: $ERR"; }
expect_no_out() { ! grep -qF -- "$1" <<<"$OUT" || fail "stdout should not contain '$1':
$OUT"; }
expect_err() { grep -qF -- "$1" <<<"$ERR" || fail "stderr lacks '$1':
$ERR"; }
skip() { echo "SKIP: $*"; exit 77; }
