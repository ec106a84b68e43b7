# Mistakes in a policy: an invalid regex (RE2's own message), a misspelt key (did you mean),
# a duplicate rule id. Each is exit 2 with file:line:column and the rule id.
. "$(dirname "$0")/bad.sh"
echo "hi" > "$WORK/post.txt"
write_pack 'zzz(bad' "$WORK/regex.yaml"
run "$GRABLI" check --policy "$WORK/regex.yaml" "$WORK/post.txt"
expect_exit 2
expect_err "regex.yaml:7:14: error: [acme/bad-word] invalid regex 'zzz(bad': missing ): zzz(bad"
expect_err "grabli: 1 error(s) in the policy or config; nothing was checked"
write_pack 'a{2,100000}' "$WORK/repeat.yaml"
run "$GRABLI" check --policy "$WORK/repeat.yaml" "$WORK/post.txt"
expect_exit 2
expect_err "repeat.yaml:7:14: error: [acme/bad-word] invalid regex 'a{2,100000}': invalid repetition size: {2,100000}"
# a repetition over RE2's limit (1000): refused at load, not a slow check
write_pack '((((((((((a{1,1000}){1,1000}){1,1000}){1,1000}))))))))' "$WORK/huge-re.yaml"
run timeout 60 "$GRABLI" check --policy "$WORK/huge-re.yaml" "$WORK/post.txt"
expect_exit 2
expect_err "huge-re.yaml:7:14: error: [acme/bad-word] invalid regex"
# misspelt keys
write_pack 'zzzbad' "$WORK/typo.yaml"
sed -i 's/^    message:/    suggestoin: "Say something else."\n    message:/' "$WORK/typo.yaml"
run "$GRABLI" check --policy "$WORK/typo.yaml" "$WORK/post.txt"
expect_exit 2
expect_err "typo.yaml:8:5: error: [acme/bad-word] unknown key 'suggestoin' for a pattern rule (did you mean 'suggestion'?)"
write_pack 'zzzbad' "$WORK/typo2.yaml"
sed -i 's/^    category: profanity/    category: profanty/' "$WORK/typo2.yaml"
run "$GRABLI" check --policy "$WORK/typo2.yaml" "$WORK/post.txt"
expect_exit 2
expect_err "typo2.yaml:4:15: error: [acme/bad-word] unknown category 'profanty' (did you mean 'profanity'?)"
# a misspelt required key: pointed at, not just "rule has no 'message'"
write_pack 'zzzbad' "$WORK/typo3.yaml"
sed -i 's/^    message:/    mesage:/' "$WORK/typo3.yaml"
run "$GRABLI" check --policy "$WORK/typo3.yaml" "$WORK/post.txt"
expect_exit 2
expect_err "typo3.yaml:8:5: error: [acme/bad-word] unknown key 'mesage' (did you mean 'message'?)"
# a duplicate id
write_pack 'zzzbad' "$WORK/dup.yaml"
sed -n '/- id/,$p' "$WORK/dup.yaml" > "$WORK/rule"; cat "$WORK/rule" >> "$WORK/dup.yaml"
run "$GRABLI" check --policy "$WORK/dup.yaml" "$WORK/post.txt"
expect_exit 2
expect_err "dup.yaml:12:9: error: [acme/bad-word] duplicate rule id (first defined at"
# a duplicate key inside one rule
write_pack 'zzzbad' "$WORK/dupkey.yaml"
sed -i 's/^    level: error/    level: error\n    level: info/' "$WORK/dupkey.yaml"
run "$GRABLI" check --policy "$WORK/dupkey.yaml" "$WORK/post.txt"
expect_exit 2
expect_err "dupkey.yaml:6:5: error:"
# `rules test` on a broken pack says the same
run "$GRABLI" rules test "$WORK/regex.yaml"
expect_exit 2
expect_err "invalid regex 'zzz(bad'"
# `rules test` checks a disabled rule's examples too: they say what it does once turned on
write_pack 'zzzbad' "$WORK/off.yaml"
sed -i 's/^    level: error/    level: error\n    enabled: false/' "$WORK/off.yaml"
run "$GRABLI" rules test "$WORK/off.yaml"
expect_rc 0
expect_out "rules test: 1 rules, 2 examples, 0 failed"
run "$GRABLI" check --policy "$WORK/off.yaml" - <<<"this is zzzbad"
expect_rc 0
write_pack 'fine' "$WORK/off-wrong.yaml"
sed -i 's/^    level: error/    level: error\n    enabled: false/' "$WORK/off-wrong.yaml"
run "$GRABLI" rules test "$WORK/off-wrong.yaml"
expect_rc 1
expect_out "FAIL [acme/bad-word] good example fires: this is fine"
echo ok
