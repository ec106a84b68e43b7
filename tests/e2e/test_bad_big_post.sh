# A multi-megabyte post finishes in bounded time and memory; a file over the size limit is refused
# with exit 2 before it is read.
. "$(dirname "$0")/bad.sh"
para='Мы рады сообщить, что новый продукт компании уже доступен в магазинах города. We are happy to announce that our new product is available in stores today. '
for _ in $(seq 20); do printf '%s' "$para"; done > "$WORK/block"
printf '\n\n' >> "$WORK/block"
for _ in $(seq 8); do cat "$WORK/block"; done > "$WORK/block8"
# findings at the start and the end, ~3 MB of ordinary prose between them
printf 'Без комментариев.\n\n' > "$WORK/big.txt"
while [ "$(stat -c %s "$WORK/big.txt")" -lt 3000000 ]; do cat "$WORK/block8" >> "$WORK/big.txt"; done
printf 'Вы сами виноваты, без комментариев.\n' >> "$WORK/big.txt"
lines=$(wc -l < "$WORK/big.txt")
run timeout 120 "$GRABLI" check --role press "$WORK/big.txt"
expect_exit 1
expect_out "big.txt:1:1: warning:"
expect_out "big.txt:$lines:19: warning:"
# over the limit (64 MiB): a sparse file, refused before it is read
truncate -s 65M "$WORK/huge.txt"
run timeout 60 "$GRABLI" check "$WORK/huge.txt"
expect_exit 2
expect_err "huge.txt: file is 68157440 bytes; the limit for a post is 64 MiB (max_post_bytes)"
echo ok
