# Markdown front matter sets the role and reply context (overriding .grabli.yaml path rules),
# and code, URLs and comments are not linted.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
mkdir -p drafts/ceo
printf 'channel: telegram\npaths:\n  - glob: "drafts/ceo/**"\n    role: executive\n' > .grabli.yaml
printf 'Лучший банк в России!\n' > drafts/ceo/a.md
run "$GRABLI" check drafts/ceo/a.md
expect_rc 1
expect_out "drafts/ceo/a.md:1:1:"
printf -- '---\nrole: support\n---\nЛучший банк в России!\n' > drafts/ceo/b.md
run "$GRABLI" check drafts/ceo/b.md
expect_rc 0
cat > drafts/ceo/c.md <<'MD'
---
role: press
---
Пример кода:

```
Лучший банк в России!
```

`Лучший банк` — так писать нельзя. Подробнее: https://example.com/лучший-банк
<!-- Лучший банк в России! -->
MD
run "$GRABLI" check drafts/ceo/c.md
expect_rc 0
printf -- '---\nrole: press\nchannel: telegramm\n---\nHi\n' > drafts/ceo/d.md
run "$GRABLI" check drafts/ceo/d.md
expect_rc 2
expect_err "drafts/ceo/d.md:3:10: error: front matter: unknown channel 'telegramm' (did you mean 'telegram'?)"
echo "ok"
