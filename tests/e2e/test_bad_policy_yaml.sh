# Hostile policy YAML: an alias bomb ("billion laughs"), 100 000 levels of nesting, a file over the
# size limit. Each is refused with file:line:column and exit 2, in bounded time and memory.
. "$(dirname "$0")/bad.sh"
echo "hi" > "$WORK/post.txt"
# billion laughs: nine levels of nine aliases each
{
  printf 'pack: bomb\nrules:\n  - id: x\n    a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
  for i in $(seq 1 9); do
    printf '    a%d: &a%d [' "$i" "$i"
    for j in $(seq 1 9); do printf '*a%d%s' $((i - 1)) "$([ "$j" -lt 9 ] && echo ,)"; done
    printf ']\n'
  done
} > "$WORK/bomb.yaml"
run timeout 60 "$GRABLI" check --policy "$WORK/bomb.yaml" "$WORK/post.txt"
expect_exit 2
expect_err "bomb.yaml:4:9: error: anchors (&name) are not allowed in policy files"
expect_err "nothing was checked"
# an alias without an anchor of its own (the anchor in another document) is refused too
printf 'pack: p\nrules: *nothing\n' > "$WORK/alias.yaml"
run timeout 60 "$GRABLI" check --policy "$WORK/alias.yaml" "$WORK/post.txt"
expect_exit 2
expect_err "alias.yaml:2:"
# 100 000 levels of flow nesting
{ printf 'pack: deep\nrules: '; head -c 100000 /dev/zero | tr '\0' '['; head -c 100000 /dev/zero | tr '\0' ']'; echo; } > "$WORK/deep.yaml"
run timeout 60 "$GRABLI" check --policy "$WORK/deep.yaml" "$WORK/post.txt"
expect_exit 2
expect_err "deep.yaml:2:39: error: nesting is deeper than 32 levels; policy files are shallow"
# 100 000 levels of block nesting ("- - - - …" on one line)
{ printf 'pack: deep\nrules:\n'; for _ in $(seq 1000); do printf -- '- '; done; echo x; } > "$WORK/deep2.yaml"
run timeout 60 "$GRABLI" check --policy "$WORK/deep2.yaml" "$WORK/post.txt"
expect_exit 2
expect_err "nesting is deeper than 32 levels"
# the same in .grabli.yaml and in Markdown front matter: an error, never a crash or a hang
{ printf 'packs: '; head -c 100000 /dev/zero | tr '\0' '['; head -c 100000 /dev/zero | tr '\0' ']'; echo; } > "$WORK/deep-config.yaml"
run timeout 60 "$GRABLI" check --config "$WORK/deep-config.yaml" "$WORK/post.txt"
expect_exit 2
expect_err "deep-config.yaml:"
{ printf -- '---\nrole: '; head -c 100000 /dev/zero | tr '\0' '['; head -c 100000 /dev/zero | tr '\0' ']'; printf '\n---\nПривет.\n'; } > "$WORK/deep.md"
run timeout 60 "$GRABLI" check "$WORK/deep.md"
expect_exit 2
expect_err "deep.md:2:"
{ printf -- '---\n'; cat "$WORK/bomb.yaml"; printf 'role: *a9\n---\nПривет.\n'; } > "$WORK/bomb.md"
run timeout 60 "$GRABLI" check "$WORK/bomb.md"
expect_exit 2
expect_err "bomb.md:"
# a policy file over the 4 MiB limit
truncate -s 5M "$WORK/huge.yaml"
run timeout 60 "$GRABLI" check --policy "$WORK/huge.yaml" "$WORK/post.txt"
expect_exit 2
expect_err "huge.yaml: error: policy file is 5242880 bytes; the limit is 4194304"
echo ok
