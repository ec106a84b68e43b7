# Helpers for the hook tests; source after lib.sh.
# new_repo DIR: a fresh repository with an identity, so commits work on any machine.
new_repo() {
  git init -q "$1" || fail "git init"
  git -C "$1" config user.email "comms@example.com"
  git -C "$1" config user.name "Comms Team"
  git -C "$1" config commit.gpgsign false
}
# The support reply of the issue: blames the customer for the bolt in the buckwheat.
risky_reply() {
  cat <<'MD'
---
role: support
channel: vk
reply_to: "Купила гречку, а в пакете был болт. Верните деньги!"
---
Здравствуйте.

Наша гречка проходит контроль качества, посторонних предметов там быть не может.
Похоже, вы сами его туда положили, чтобы получить компенсацию.
MD
}
# expect_located FILE: the output ($OUT$ERR) has an error at FILE:LINE:COL in the file's own
# numbering — the source line printed under it is the file's line LINE.
expect_located() {
  local loc line shown
  loc=$(grep -oE "^$(printf '%s' "$1" | sed 's/[.[\*^$]/\\&/g'):[0-9]+:[0-9]+: error: " <<<"$OUT$ERR" | head -1)
  [ -n "$loc" ] || fail "no $1:LINE:COL error in: $OUT $ERR"
  line=$(cut -d: -f2 <<<"${loc#"$1"}")
  shown=$(grep -m1 -E "^ +$line \| " <<<"$OUT$ERR" | sed -E 's/^ +[0-9]+ \| //')
  [ "$shown" = "$(sed -n "${line}p" "$2")" ] || fail "$1:$line is not the file's line $line ('$shown')"
}
clean_reply() {
  cat <<'MD'
---
role: support
channel: vk
reply_to: "Купила гречку, а в пакете был болт. Верните деньги!"
---
Здравствуйте! Нам очень жаль, что так вышло.
Напишите, пожалуйста, номер заказа в личные сообщения — мы вернём деньги и проверим партию.
MD
}
