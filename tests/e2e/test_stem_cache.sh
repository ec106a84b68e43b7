#!/usr/bin/env bash
# A team's own pack: the stems of its words are kept in the cache folder between runs, the
# cached run answers exactly as the first, and a broken, unwritable or switched-off cache only
# costs time.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[ -f /usr/share/hunspell/ru_RU.dic ] || skip "hunspell-ru is not installed"

mkdir -p "$WORK/pack"
cat > "$WORK/pack/team.yaml" <<'YAML'
pack: team
rules:
  - id: bulk-buying
    category: insider-info
    level: warning
    kind: phrase
    phrases: ["закупили ананасы"]
    message: "Не сообщайте о закупках до отчёта."
    examples:
      bad: ["Мы закупим ананасы к лету."]
      good: ["Мы любим ананасы."]
YAML
echo "Завтра закупим ананасов на весь год." > "$WORK/post.txt"
cache="$WORK/cache/grabli"

run "$GRABLI" check --no-color --policy "$WORK/pack" "$WORK/post.txt"
expect_rc 1
expect_out "[team/bulk-buying]"
first=$OUT
file=$(ls "$cache"/stems-*.tsv 2>/dev/null | head -1)
[ -n "$file" ] || fail "no stem cache was written under $cache"
head -1 "$file" | grep -q '^grabli-stems 1 ' || fail "cache header: $(head -1 "$file")"
grep -qP '^закупили\t.*закупить' "$file" || fail "the rule word's stems are not cached: $(cat "$file")"
! ls "$cache"/*.tmp >/dev/null 2>&1 || fail "a temporary file was left behind"

# the second run reads the cache and answers the same, byte for byte
run "$GRABLI" check --no-color --policy "$WORK/pack" "$WORK/post.txt"
expect_rc 1
[ "$OUT" = "$first" ] || fail "cached run differs:
$OUT
--- first run:
$first"

# the cache is what the next run goes by: a (deliberately wrong) cached stem makes it match
good=$(cat "$file")
{ head -1 "$file"; grep -vP '^закупили\t' "$file" | tail -n +2; printf 'закупили\tлюбить\n'; } > "$WORK/poisoned"
cp "$WORK/poisoned" "$file"
echo "Мы любим ананасы." > "$WORK/love.txt"
run "$GRABLI" check --no-color --policy "$WORK/pack" "$WORK/love.txt"
expect_rc 1
expect_out "[team/bulk-buying]"
printf '%s\n' "$good" > "$file"
run "$GRABLI" check --no-color --policy "$WORK/pack" "$WORK/love.txt"
expect_rc 0

# a garbled cache is ignored and written anew
printf 'grabli-stems 1 0 0 0 0\nзакупили\tчепуха\n' > "$file"
run "$GRABLI" check --no-color --policy "$WORK/pack" "$WORK/post.txt"
[ "$OUT" = "$first" ] || fail "a cache of other dictionaries changed the answer: $OUT"
printf '%s\n\tno word\n' "$(head -1 "$file")" > "$file"
run "$GRABLI" check --no-color --policy "$WORK/pack" "$WORK/post.txt"
[ "$OUT" = "$first" ] || fail "a broken cache line changed the answer: $OUT"
grep -qP '^закупили\t' "$file" || fail "the broken cache was not written anew"

# another policy keeps a file of its own: running it never grows (or slows) this policy's file. Its words
# are in no shipped rule nor example (the build stems those, and a cache holds only what it missed).
mkdir -p "$WORK/other"
sed -e 's/pack: team/pack: other/' -e 's/закупили ананасы/засолили патиссоны/' -e 's/закупим ананасы/засолим патиссоны/' \
  "$WORK/pack/team.yaml" > "$WORK/other/other.yaml"
before=$(cat "$file")
run "$GRABLI" check --no-color --policy "$WORK/other" "$WORK/post.txt"
expect_rc 0
[ "$(ls "$cache"/stems-*.tsv | wc -l)" -eq 2 ] || fail "the second policy did not get a file of its own: $(ls "$cache")"
[ "$(cat "$file")" = "$before" ] || fail "another policy's run changed this policy's cache"
grep -qP '^засолили\t' "$cache"/stems-*.tsv || fail "the second policy's words were not cached"

# a word the policy no longer has is dropped from its file at the next run
cp "$WORK/pack/team.yaml" "$WORK/team.yaml.orig"
sed -i 's/закупили ананасы/закупили апельсины/' "$WORK/pack/team.yaml"
run "$GRABLI" check --no-color --policy "$WORK/pack" "$WORK/post.txt"
grep -qP '^апельсины\t' "$file" || fail "the edited policy's new word was not cached: $(cat "$file")"
! grep -qP '^ананасы\t' "$file" || fail "a word the policy lost stayed in its cache: $(cat "$file")"
cp "$WORK/team.yaml.orig" "$WORK/pack/team.yaml"

# switched off: nothing is written; unwritable: the check still runs
rm -rf "$WORK/cache"
GRABLI_CACHE_DIR=off run "$GRABLI" check --no-color --policy "$WORK/pack" "$WORK/post.txt"
expect_rc 1
[ ! -e "$WORK/cache" ] || fail "GRABLI_CACHE_DIR=off still wrote $(ls -R "$WORK/cache")"
GRABLI_CACHE_DIR=/proc/grabli-cannot-write run "$GRABLI" check --no-color --policy "$WORK/pack" "$WORK/post.txt"
expect_rc 1
[ "$OUT" = "$first" ] || fail "an unwritable cache folder changed the answer: $OUT"
echo "ok"
