# Quality regression on labelled posts written apart from the rules' examples (Russian and
# English, replies and not): every clean post stays clean, and macro-F1 stays at or above each
# set's floor. quality/: 32 posts. quality/fresh*/: 27 sets of 140–160 posts that
# helpers wrote blind to the rules on 2026-12-06 and -07; each was scored before the rules were
# tuned on it:
#   fresh  0.766 (the packs as they were) → 0.982 after tuning on it
#   fresh2 0.672 (after round 1)          → 0.972
#   fresh3 0.701 (the packs as they were), 0.718 after rounds 1–2 → 0.967
#   fresh4 0.675 (the packs as they were), 0.705 after rounds 1–3 → 0.901
#   fresh5 0.684 (the packs as they were), 0.736 after rounds 1–4 → 0.753 (only a few cues added)
#          → 0.825 (a fifth round, 2026-12-07) → 0.837 (English scam and "later" exceptions)
#   fresh6 0.614 with the packs of 0edeede (rounds 1–4); the fifth round, tuned on fresh5, moved it
#          by nothing; 0.629 after fixing the four false alarms on its clean posts → 0.699 after
#          a sixth round on its competitor and customer-conflict misses → 0.798 (2026-12-07, a round
#          on sensitive-topic, insider-info and banned-org tuned on fresh5/6; press context)
#   fresh5 → 0.909 in the same round
#   fresh7 0.586 with the packs of b198a31 (33 of its posts have role "marketing", then an error
#          record each); 0.590 after the round above, blind to it; 0.720 once unknown roles are
#          checked → 0.866 after a round on it → 0.885
#   fresh8 0.670 with the packs of b198a31; 0.717 after the round on fresh5–7, still blind to it
#          → 0.847 after a round on it
#   fresh9 0.776 with the packs of e8c3845 (rounds on fresh5–8 carried: fresh7 and fresh8 had
#          scored 0.586 and 0.670 blind) → 0.930 after a round on it → 0.940
#   fresh10 0.644 with the packs of e8c3845; 0.652 after the round on fresh9, still blind to it
#          (written to avoid the obvious words) → 0.868 after a round on it (2026-12-07);
#          the same round moved fresh6 0.802 → 0.826, fresh7 0.885 → 0.902
#   fresh11 0.611 with the packs of bfdd558 (written to avoid the obvious words) → 0.978 after a
#          round on it
#   fresh12 0.621 with the packs of bfdd558; 0.630 after the round on fresh11, still blind to it
#          → 0.914 after a round on it (2026-12-07); the two rounds moved fresh5 0.915 → 0.921,
#          fresh6 0.826 → 0.836, fresh8 0.852 → 0.871
#   fresh13 0.593 with the packs of bfdd558; 0.644 after the rounds on fresh11 and fresh12, still
#          blind to it; 0.665 with the reply-to-a-journalist net (press-no-substance) → 0.937
#          after a round on it
#   fresh14 0.636 and fresh15 0.627 with the packs of c1146af (both written to avoid the obvious
#          words) → 0.839 and 0.820 after a round on both (2026-12-07): a post that opens by
#          addressing the press now reads as answering it; phrase rounds, which also moved
#          fresh5 0.921 → 0.927, fresh7 0.911 → 0.917, fresh8 0.879 → 0.884, fresh12 0.914 → 0.925
#   fresh16 0.610 and fresh17 0.616 with the packs of 1c9be45 (both written to avoid the obvious
#          words) → 0.974 and 0.972 after a round on both (2026-12-07, second session): '!', '#'
#          and '€' inside words read as masks, «для вашего издания» opens a reply to the press, a
#          home address without a street word, phrase rounds; blind to those, fresh3 0.977 → 0.981,
#          fresh8 0.884 → 0.901, fresh10 0.876 → 0.885, fresh12 0.925 → 0.937, fresh14 0.839 →
#          0.851, fresh15 0.820 → 0.833
#   fresh18 0.727 and fresh19 0.732 with the packs of be2bd3b (written to avoid the obvious words)
#          → 0.972 and 0.938 after a round on both (2026-12-07, third session); blind to it, fresh10
#          0.885 → 0.886, fresh14 0.851 → 0.858, fresh15 0.833 → 0.843
#   fresh20 0.701 and fresh21 0.695 with the packs of be2bd3b; 0.710 and 0.709 after the round on
#          fresh18/19, still blind to them → 0.922 and 0.927 after a round on both (2026-12-07)
#   fresh22–27 (2026-12-07, fourth session; fresh25 and fresh27 with mostly indirect wording):
#          the rules of e7ab0c4 alone 0.818 / 0.795 / 0.769 / 0.688 / 0.805 / 0.684; with the
#          trained classifier (kind: classifier), still blind to them: 0.896 / 0.895 / 0.887 / 0.852
#          (model trained on quality/ and fresh–fresh21), 0.908 / 0.803 (fresh26/27, model trained
#          on fresh–fresh25). Then ten false alarms on their clean posts fixed in the rules.
# Since the classifier, every set here is also its training data (scripts/train-classifier.py):
# the scores below are on posts the model has seen, so they guard against regressions and no
# longer measure generalisation; the blind figures above do.
# Most posts still missed are judgement calls or phrasings the phrase lists do not reach; the
# floors sit a little under today's scores so that a regression fails.
. "$(dirname "$0")/lib.sh"
check_set() {
  local Q=$1 floor=$2
  "$GRABLI" audit "$Q/posts.jsonl" --format jsonl -o "$WORK/out.jsonl" 2>"$WORK/err"
  local rc=$?
  [ "$rc" -lt 2 ] || fail "audit of $Q exited $rc: $(cat "$WORK/err")"
  python3 - "$Q/labels.json" "$WORK/out.jsonl" "$floor" <<'PY' || fail "quality fell on $Q"
import json, sys
labels = json.load(open(sys.argv[1]))
floor = float(sys.argv[3])
got = {}
for line in open(sys.argv[2], encoding="utf-8"):
    rec = json.loads(line)
    got[rec["id"]] = {f["category"] for f in rec.get("findings", []) if f["level"] in ("warning", "error")}
cats = sorted({c for v in labels.values() for c in v})
f1s, dirty = [], []
for c in cats:
    tp = sum(1 for i, v in labels.items() if c in v and c in got.get(i, set()))
    fp = sum(1 for i, v in labels.items() if c not in v and c in got.get(i, set()))
    fn = sum(1 for i, v in labels.items() if c in v and c not in got.get(i, set()))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    if f1s[-1] < 1: print(f"{c}: P={p:.2f} R={r:.2f}")
for i, v in labels.items():
    if not v and got.get(i, set()) & set(cats): dirty.append(i)
macro = sum(f1s) / len(f1s)
print(f"macro-F1 {macro:.3f}, clean posts flagged: {dirty}")
sys.exit(0 if macro >= floor and not dirty and len(got) == len(labels) else 1)
PY
}
check_set "$FIXTURES/quality" 0.9
check_set "$FIXTURES/quality/fresh" 0.95
check_set "$FIXTURES/quality/fresh2" 0.95
check_set "$FIXTURES/quality/fresh3" 0.95
check_set "$FIXTURES/quality/fresh4" 0.88
check_set "$FIXTURES/quality/fresh5" 0.88
check_set "$FIXTURES/quality/fresh6" 0.79
check_set "$FIXTURES/quality/fresh7" 0.87
check_set "$FIXTURES/quality/fresh8" 0.82
check_set "$FIXTURES/quality/fresh9" 0.90
check_set "$FIXTURES/quality/fresh10" 0.82
check_set "$FIXTURES/quality/fresh11" 0.94
check_set "$FIXTURES/quality/fresh12" 0.87
check_set "$FIXTURES/quality/fresh13" 0.90
check_set "$FIXTURES/quality/fresh14" 0.80
check_set "$FIXTURES/quality/fresh15" 0.79
check_set "$FIXTURES/quality/fresh16" 0.95
check_set "$FIXTURES/quality/fresh17" 0.95
check_set "$FIXTURES/quality/fresh18" 0.95
check_set "$FIXTURES/quality/fresh19" 0.93
check_set "$FIXTURES/quality/fresh20" 0.90
check_set "$FIXTURES/quality/fresh21" 0.90
check_set "$FIXTURES/quality/fresh22" 0.95
check_set "$FIXTURES/quality/fresh23" 0.95
check_set "$FIXTURES/quality/fresh24" 0.95
check_set "$FIXTURES/quality/fresh25" 0.93
check_set "$FIXTURES/quality/fresh26" 0.95
check_set "$FIXTURES/quality/fresh27" 0.93
