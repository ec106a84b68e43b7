# A publishing tool keeps `grabli audit -` open and writes one record at a time: each record's
# line comes back while the pipe is still open (no wait for a full batch or a 64 KiB read), for
# JSONL and CSV, with --jobs 1 and 2, with the format told and guessed.
. "$(dirname "$0")/lib.sh"
# stream FORMAT_ARGS... : starts grabli on a pipe in a coprocess
stream() {
  coproc G { exec "$GRABLI" audit - "$@" --format jsonl 2>"$WORK/stream.err"; }
}
# answer ID: the next output line within 20 s, which must be the record ID's
answer() {
  local line
  IFS= read -r -t 20 -u "${G[0]}" line || fail "no answer for $1 within 20 s while the pipe is open: $(cat "$WORK/stream.err")"
  jq -e --arg id "$1" '.id == $id' <<<"$line" >/dev/null || fail "expected the record $1, got: $line"
  LINE=$line
}
finish() {  # closes grabli's input; it must then end with the audit's exit code
  local pid=$G_PID
  exec {G[1]}>&-
  wait "$pid"; RC=$?
  [ "$RC" -eq "$1" ] || fail "expected exit $1 at the end of the stream, got $RC: $(cat "$WORK/stream.err")"
}
for jobs in 1 2; do
  for how in "--input-format jsonl" ""; do
    # shellcheck disable=SC2086
    stream --jobs "$jobs" $how
    echo '{"id": "s1", "text": "Спасибо, что вы с нами!"}' >&"${G[1]}"
    answer s1
    jq -e '.findings == []' <<<"$LINE" >/dev/null || fail "s1 should have no findings: $LINE"
    echo '{"id": "s2", "text": "Только неадекватный человек может так писать о нашем сервисе."}' >&"${G[1]}"
    answer s2
    jq -e '[.findings[].category] | index("customer-conflict")' <<<"$LINE" >/dev/null || fail "s2 should blame the customer: $LINE"
    finish 1
  done
  stream --jobs "$jobs" --input-format csv
  printf 'id,text\r\nc1,Спасибо всем!\r\n' >&"${G[1]}"
  answer c1
  printf 'c2,"Мы лучшие в России, это знает каждый."\r\n' >&"${G[1]}"
  answer c2
  jq -e '.findings | length > 0' <<<"$LINE" >/dev/null || fail "c2 should have a finding: $LINE"
  finish 1
done
echo ok
