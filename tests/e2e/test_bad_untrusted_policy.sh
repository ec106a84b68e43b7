# A policy from another repo is untrusted: .grabli.yaml packs may not leave the config's folder
# (absolute paths, '..'), symbolic links inside policy folders are not followed, and nothing in
# a policy runs code or reaches the network.
. "$(dirname "$0")/bad.sh"
R="$WORK/repo"; mkdir -p "$R/policies" "$WORK/outside"
printf 'Привет.\n' > "$R/post.txt"
write_pack 'zzzsecret' "$WORK/outside/secret.yaml"
sed -i 's/^pack: acme/pack: outside/' "$WORK/outside/secret.yaml"
write_pack 'zzzbad' "$R/policies/own.yaml"
for bad in "../outside" "/etc" "$WORK/outside" "policies/../../outside" "policies/.." "./../outside"; do
  printf 'packs: ["%s"]\n' "$bad" > "$R/.grabli.yaml"
  run "$GRABLI" check "$R/post.txt"
  expect_exit 2
  expect_err ".grabli.yaml:1:"
  expect_err "must stay inside the config's folder (no absolute paths or '..')"
done
# symbolic links inside a policy folder are skipped: a file and a folder that lead outside
ln -s "$WORK/outside/secret.yaml" "$R/policies/link.yaml"
ln -s "$WORK/outside" "$R/policies/linked-dir"
printf 'packs: [policies]\nembedded: false\n' > "$R/.grabli.yaml"
run "$GRABLI" rules list --config "$R/.grabli.yaml" --format json
expect_exit 0
jq -e 'map(.id) == ["acme/bad-word"]' <<<"$OUT" >/dev/null || fail "only the pack's own rule may load: $OUT"
# nor may a pack that is itself a symbolic link: the folder, or one file
ln -s "$WORK/outside" "$R/linked-pack"
ln -s "$WORK/outside/secret.yaml" "$R/linked.yaml"
for bad in linked-pack linked.yaml linked-pack/secret.yaml; do
  printf 'packs: ["%s"]\n' "$bad" > "$R/.grabli.yaml"
  run "$GRABLI" check "$R/post.txt"
  expect_exit 2
  expect_err "pack path '$bad' leads outside the config's folder through a symbolic link"
done
# a config with every key still cannot name a program, a URL or a file to read
printf 'packs: ["https://example.com/pack.yaml"]\n' > "$R/.grabli.yaml"
run "$GRABLI" check "$R/post.txt"
expect_exit 2
expect_err "no such policy file or folder"
# a rule kind or key that would run something does not exist
write_pack 'zzzbad' "$R/exec.yaml"
sed -i 's/^    kind: pattern/    kind: exec/' "$R/exec.yaml"
run "$GRABLI" check --config /dev/null --policy "$R/exec.yaml" "$R/post.txt"
expect_exit 2
expect_err "unknown kind 'exec'"
echo ok
