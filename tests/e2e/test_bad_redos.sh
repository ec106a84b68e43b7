# Catastrophic-backtracking patterns stay linear: RE2 has no backtracking.
. "$(dirname "$0")/bad.sh"
write_pack '(a+)+$' "$WORK/redos.yaml"
sed -i 's/this is zzzbad/aaaa/; s/this is fine/bbb/' "$WORK/redos.yaml"
{ head -c 500000 /dev/zero | tr '\0' 'a'; echo '!'; } > "$WORK/post.txt"
run timeout 60 "$GRABLI" check --policy "$WORK/redos.yaml" --format json "$WORK/post.txt"
[ "$RC" -lt 124 ] || fail "timed out or killed (exit $RC): RE2 should be linear"
[ "$RC" -le 1 ] || fail "exit $RC: $ERR"
jq -e '.[0].findings | map(select(.rule == "acme/bad-word")) | length == 0' <<<"$OUT" >/dev/null || fail "(a+)+\$ must not match before '!'"
write_pack '(x+x+)+y|(\w*)*z' "$WORK/redos2.yaml"
sed -i 's/this is zzzbad/xxy/; s/this is fine/bbb/' "$WORK/redos2.yaml"
{ for _ in $(seq 2000); do printf 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx '; done; echo; } > "$WORK/post2.txt"
run timeout 60 "$GRABLI" check --policy "$WORK/redos2.yaml" "$WORK/post2.txt"
[ "$RC" -lt 124 ] || fail "timed out or killed (exit $RC)"
# the shipped rules over the same input: also bounded
run timeout 60 "$GRABLI" check "$WORK/post.txt"
[ "$RC" -lt 124 ] || fail "shipped rules: timed out or killed (exit $RC)"
echo ok
