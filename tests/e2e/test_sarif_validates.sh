# --format sarif validates against the SARIF 2.1.0 schema, with findings, a suppressed
# finding and an unreadable file in the same log.
source "$(dirname "$0")/lib.sh"
python3 -c 'import jsonschema' 2>/dev/null || skip "python3-jsonschema is not installed (scripts/install-deps.sh --test)"
mkdir -p "$WORK/drafts/с пробелом"
cat > "$WORK/drafts/с пробелом/reply.md" <<'MD'
---
role: support
reply_to: "Где мой заказ?"
---
<!-- grabli-disable-next-line ru-customer-conflict: цитата из переписки, согласовано с юристом -->
Похоже, вы сами его туда положили, чтобы получить компенсацию.
Вы сами виноваты, читайте условия.
MD
printf 'Лучший банк в России!\n' > "$WORK/drafts/ad.md"
cd "$WORK"
run "$GRABLI" check "drafts/с пробелом/reply.md" drafts/ad.md drafts/missing.md --role press --format sarif
expect_rc 2
echo "$OUT" > "$WORK/out.sarif"
python3 - "$FIXTURES/sarif-schema-2.1.0.json" "$WORK/out.sarif" <<'PY' || fail "SARIF does not validate"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
log = json.load(open(sys.argv[2]))
jsonschema.validate(log, schema)
run = log["runs"][0]
assert run["columnKind"] == "unicodeCodePoints"
ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
assert len(ids) == len(set(ids)), ids
res = run["results"]
assert res, "no results"
for r in res:
    assert ids[r["ruleIndex"]] == r["ruleId"]
    reg = r["locations"][0]["physicalLocation"]["region"]
    assert reg["startLine"] >= 1 and reg["startColumn"] >= 1
assert any("suppressions" in r for r in res), "the suppressed finding is missing"
assert any(r["ruleId"].endswith("/superlative") for r in res)
uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in res}
assert "drafts/%D1%81%20%D0%BF%D1%80%D0%BE%D0%B1%D0%B5%D0%BB%D0%BE%D0%BC/reply.md" in uris, uris
assert run["invocations"][0]["executionSuccessful"] is False
print("valid:", len(res), "results,", len(ids), "rules")
PY
echo "ok"
