# Inputs the fuzzers found (tests/fixtures/crashes/TARGET-*): each ends with an error or a result
# in bounded time, never a crash, a hang or a signal.
. "$(dirname "$0")/bad.sh"
n=0
for f in "$FIXTURES"/crashes/*; do
  [ -f "$f" ] || continue
  name=$(basename "$f")
  case $name in
    fuzz_policy-*) cp "$f" "$WORK/p.yaml"; run timeout 60 "$GRABLI" check --config /dev/null --policy "$WORK/p.yaml" - <<<"hi" ;;
    fuzz_text*) run timeout 60 "$GRABLI" check --config /dev/null "$f" ;;
    fuzz_front_matter-*) cp "$f" "$WORK/d.md"; run timeout 60 "$GRABLI" check --config /dev/null "$WORK/d.md" ;;
    fuzz_reader_*) fmt=${name#fuzz_reader_}; fmt=${fmt%%-*}; run timeout 60 "$GRABLI" audit --input-format "$fmt" "$f" ;;
    *) continue ;;
  esac
  [ "$RC" -lt 124 ] || fail "$name: killed, crashed or timed out (exit $RC)
$(tail -c 2000 <<<"$ERR")"
  n=$((n + 1))
done
# the policy that hung yaml-cpp's document loop: bytes that are not UTF-8, refused where they are
cp "$FIXTURES/crashes/fuzz_policy-timeout-documents.yaml" "$WORK/p.yaml"
run timeout 60 "$GRABLI" check --config /dev/null --policy "$WORK/p.yaml" - <<<"hi"
expect_exit 2
expect_err "p.yaml:3:46: error: invalid leading UTF-8 octet (byte 0xBB); a policy file is UTF-8 text: save it as UTF-8"
printf 'pack: a\nrules: []\n---\npack: b\nrules: []\n' > "$WORK/two.yaml"
run timeout 60 "$GRABLI" check --config /dev/null --policy "$WORK/two.yaml" - <<<"hi"
expect_exit 2
expect_err "two.yaml:3:1: error: a policy file is one YAML document"
echo "ok ($n inputs)"
