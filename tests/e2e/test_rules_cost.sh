# `grabli rules cost`: every pattern's compiled size, with the pieces a pattern without an atom
# is spelled out into, and a budget that fails. The shipped packs stay under it: a pattern over
# 3000 instructions cost a fifth of a cold Russian check once (a negated Unicode class before
# twenty alternatives, compiled again for each of them).
. "$(dirname "$0")/lib.sh"

run "$GRABLI" rules cost --max 3000
expect_rc 0
expect_out "rules cost: "
expect_out ", 0 over 3000"

cat >"$WORK/costly.yaml" <<'YAML'
pack: probe
rules:
  - id: networks
    category: banned-org
    kind: pattern
    languages: [ru]
    message: "x"
    # 'fb' is shorter than an atom, so the alternation has none and is spelled out
    pattern: '(?:^|[^\pL\pN])(?:instagram|инстаграм\pL*|facebook|фейсбук\pL*|reels|рилс\pL*|fb)(?:[^\pL\pN]|$)'
    examples: {bad: ["пишите в инстаграм"], good: ["пишите в телеграм"]}
YAML
run "$GRABLI" rules cost --policy "$WORK/costly.yaml" --max 3000
expect_rc 1
expect_out "costly.yaml:9:14: "
expect_out "pieces"
expect_out "[probe/networks]"
expect_out ", 1 over 3000"

# without --max: the largest first, --top of them, and the total
run "$GRABLI" rules cost --policy "$WORK/costly.yaml" --top 1
expect_rc 0
expect_out "[probe/networks]"
[ "$(grep -c ' instructions (' <<<"$OUT")" -eq 1 ] && [ "$(wc -l <<<"$OUT")" -eq 2 ] || fail "--top 1 shows one pattern: $OUT"
