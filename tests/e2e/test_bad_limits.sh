# The size limits are settable: `limits:` in .grabli.yaml, --max-post-bytes and friends on the
# command line (which wins). A post over its limit is an error (exit 2) that names it; in an
# audit it is one error record and the other records are still checked. Bad values are refused
# with file:line:column or the option's name; a tiny regex set limit fails the policy.
. "$(dirname "$0")/bad.sh"
cd "$WORK"
long=$(printf 'Без комментариев. %.0s' $(seq 100))   # ~3 KB
# --- audit: the long post is an error record; the records around it are checked
{
  printf '%s\n' '{"id": "a", "text": "Вы сами виноваты, без комментариев."}'
  printf '{"id": "b", "text": "%s"}\n' "$long"
  printf '%s\n' '{"id": "c", "text": "Без комментариев."}'
} > posts.jsonl
run "$GRABLI" audit --max-post-bytes 1KiB posts.jsonl
expect_exit 2
[ "$(jq -r .id <<<"$OUT" | tr '\n' ' ')" = "a b c " ] || fail "one record per input record, in order: $OUT"
[ "$(jq -r 'select(.id=="b") | .error' <<<"$OUT")" = \
  "line 2: the text is $(printf '%s' "$long" | wc -c) bytes; the limit for a post is 1 KiB (max_post_bytes); not checked" ] ||
  fail "error record for b: $OUT"
[ "$(jq -r 'select(.id=="a") | .findings | length > 0' <<<"$OUT")" = true ] || fail "a still checked: $OUT"
[ "$(jq -r 'select(.id=="c") | .findings | length > 0' <<<"$OUT")" = true ] || fail "c still checked: $OUT"
expect_err "3 read, 2 checked, 0 context, 1 error(s)"
# without the option (default 64 MiB) the same input is all checked
run "$GRABLI" audit posts.jsonl
expect_exit 1
[ "$(jq -r 'select(.id=="b") | .findings | length > 0' <<<"$OUT")" = true ] || fail "b checked by default: $OUT"

# --- .grabli.yaml limits are honoured, and the command line wins over them
mkdir proj && cd proj
printf 'limits:\n  max_post_bytes: 100\n  max_record_bytes: 1KiB\n' > .grabli.yaml
printf '%s\n' "$long" > long.txt
printf 'Без комментариев.\n' > short.txt
run "$GRABLI" check long.txt short.txt
expect_exit 2
expect_err "grabli: long.txt: file is $(stat -c %s long.txt) bytes; the limit for a post is 100 bytes (max_post_bytes)"
expect_out "short.txt:1:1: warning:"   # the other file is still checked
run "$GRABLI" check --max-post-bytes 1MiB long.txt
expect_exit 1
expect_out "long.txt:1:1: warning:"
# stdin is bounded by the same limit
run "$GRABLI" check - < long.txt
expect_exit 2
expect_err "grabli: <stdin>: more than 100 bytes of input; the limit for a post is 100 bytes (max_post_bytes)"
run "$GRABLI" check --max-post-bytes 64KiB - < long.txt
expect_exit 1
# max_record_bytes: the 3 KB line is too long for a record of 1 KiB; the short ones are read
cp ../posts.jsonl .
run "$GRABLI" audit posts.jsonl
expect_exit 2
[ "$(jq -r 'select(.id==null) | .error' <<<"$OUT")" = "line 2: longer than 1 KiB (max_record_bytes); not read" ] ||
  fail "record error for line 2: $OUT"
[ "$(jq -r 'select(.id=="a") | .findings | length > 0' <<<"$OUT")" = true ] || fail "a still checked: $OUT"
run "$GRABLI" audit --max-record-bytes 16MiB --max-post-bytes 16MiB posts.jsonl
expect_exit 1
cd ..

# --- bad values: file:line:column in .grabli.yaml, the option's name on the command line
mkdir bad && cd bad
printf 'fail_on: warning\nlimits:\n  max_post_bytes: 0\n' > .grabli.yaml
printf 'Привет.\n' > a.txt
run "$GRABLI" check a.txt
expect_exit 2
expect_err ".grabli.yaml:3:19: error: limits.max_post_bytes: must be between 1 byte and 1 GiB, not 0"
printf 'limits:\n  regex_max_mem: 16M\n' > .grabli.yaml
run "$GRABLI" check a.txt
expect_exit 2
expect_err ".grabli.yaml:2:18: error: limits.regex_max_mem: '16M': unknown unit 'M'"
printf 'limits:\n  max_post_bytes: -5\n' > .grabli.yaml
run "$GRABLI" audit ../posts.jsonl --config .grabli.yaml
expect_exit 2
expect_err ".grabli.yaml:2:19: error: limits.max_post_bytes: '-5' is negative"
printf 'limits:\n  max_post_byte: 1MiB\n' > .grabli.yaml
run "$GRABLI" check a.txt
expect_exit 2
expect_err ".grabli.yaml:2:3: error: unknown key 'max_post_byte' in limits (did you mean 'max_post_bytes'?)"
rm .grabli.yaml
run "$GRABLI" check --max-post-bytes 0 a.txt
expect_exit 2
expect_err "grabli check: --max-post-bytes: must be between 1 byte and 1 GiB, not 0"
run "$GRABLI" audit --max-record-bytes 2TiB ../posts.jsonl
expect_exit 2
expect_err "grabli audit: --max-record-bytes: '2TiB': unknown unit 'TiB'"
run "$GRABLI" rules list --regex-set-max-mem 5GiB
expect_exit 2
expect_err "grabli rules: --regex-set-max-mem: must be between 1 KiB and 1 GiB, not 5 GiB"
cd ..

# --- a tiny regex_set_max_mem: the shipped packs' patterns do not fit, the policy fails to load
mkdir tiny && cd tiny
printf 'limits:\n  regex_set_max_mem: 1KiB\n' > .grabli.yaml
printf 'Привет.\n' > a.txt
run "$GRABLI" check a.txt
expect_exit 2
expect_err "error: the combined pattern set exceeds its memory limit of 1 KiB; raise limits.regex_set_max_mem"
expect_err "nothing was checked"
run "$GRABLI" rules test
expect_exit 2
expect_err "the combined pattern set exceeds its memory limit of 1 KiB"
run "$GRABLI" audit ../posts.jsonl --config .grabli.yaml
expect_exit 2
expect_err "the combined pattern set exceeds its memory limit of 1 KiB"
# the command line wins
run "$GRABLI" check --regex-set-max-mem 64MiB a.txt
expect_exit 0
rm .grabli.yaml
run "$GRABLI" rules list --regex-set-max-mem 2KiB
expect_exit 2
expect_err "the combined pattern set exceeds its memory limit of 2 KiB"
# a lowered per-pattern limit is checked when the policy loads, not left to fail silently later
run "$GRABLI" check --regex-max-mem 1KiB a.txt
expect_exit 2
expect_err "; raise limits.regex_max_mem in .grabli.yaml or --regex-max-mem"
echo ok
