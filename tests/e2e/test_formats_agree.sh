# Line and column of every finding agree across text, json, sarif and github, in the file's
# own numbering (front matter, Cyrillic, an emoji and a masked URL before the finding).
source "$(dirname "$0")/lib.sh"
cat > "$WORK/reply.md" <<'MD'
---
role: support
channel: vk
reply_to: "Купила гречку, а в пакете был болт. Верните деньги!"
---
Здравствуйте 🙂 См. https://example.com/вы-сами — и ещё.

Наша гречка проходит контроль качества, посторонних предметов там быть не может.
Ёлки, похоже, вы сами его туда положили, чтобы получить компенсацию.
MD
cd "$WORK"
for f in text json sarif github; do
  "$GRABLI" check reply.md --format $f > "out.$f"
  [ $? -eq 1 ] || fail "--format $f: expected exit 1"
done
python3 - <<'PY' || fail "formats disagree"
import json, re
text = sorted((int(a), int(b), r) for a, b, r in re.findall(r"^reply\.md:(\d+):(\d+): \w+: .*\[(.+)\]$", open("out.text").read(), re.M))
js = sorted((f["line"], f["column"], f["rule"]) for f in json.load(open("out.json"))[0]["findings"] if not f.get("suppressed"))
sarif = sorted((r["locations"][0]["physicalLocation"]["region"]["startLine"], r["locations"][0]["physicalLocation"]["region"]["startColumn"], r["ruleId"]) for r in json.load(open("out.sarif"))["runs"][0]["results"])
gh = sorted((int(l), int(c), t.rsplit(" (", 1)[0]) for l, c, t in re.findall(r"^::\w+ file=reply\.md,line=(\d+),endLine=\d+,col=(\d+),endColumn=\d+,title=([^:]+)::", open("out.github").read(), re.M))
assert text, "no findings"
assert text == js == sarif == gh, (text, js, sarif, gh)
ends_js = sorted((f["end_line"], f["end_column"]) for f in json.load(open("out.json"))[0]["findings"])
ends_sarif = sorted((r["locations"][0]["physicalLocation"]["region"]["endLine"], r["locations"][0]["physicalLocation"]["region"]["endColumn"]) for r in json.load(open("out.sarif"))["runs"][0]["results"])
ends_gh = sorted((int(a), int(b)) for a, b in re.findall(r"endLine=(\d+),col=\d+,endColumn=(\d+)", open("out.github").read()))
assert ends_js == ends_sarif == ends_gh, (ends_js, ends_sarif, ends_gh)
# every finding is in the body, on the file's own lines
assert all(l >= 6 for l, _, _ in text), text
lines = open("reply.md", encoding="utf-8").read().split("\n")
for f in json.load(open("out.json"))[0]["findings"]:
    if f["line"] == f["end_line"]:
        got = lines[f["line"] - 1][f["column"] - 1:f["end_column"] - 1]
        assert got == f["match"], (got, f["match"])
print(len(text), "findings agree")
PY
python3 - <<'PY' || fail "the text format does not show the file's own lines: $(cat out.text)"
import re
lines = open("reply.md", encoding="utf-8").read().split("\n")
shown = re.findall(r"^ +(\d+) \| (.*)$", open("out.text", encoding="utf-8").read(), re.M)
assert shown
for n, text in shown:
    assert lines[int(n) - 1] == text, (n, text)
PY
echo "ok"
