#!/usr/bin/env python3
"""Trains the classifier that `kind: classifier` rules read (src/match/classifier.h).

usage: scripts/train-classifier.py [--grabli build/grabli] [--out models/classifier.tsv]
                                   [--exclude DIR]... [SET_DIR...]

A set is a folder with posts.jsonl and labels.json (id -> list of categories; [] is a clean
post), as under tests/fixtures/quality/ (the default: that folder and every folder in it).
`grabli rules features` gives each post's features, so training and checking read a post the
same way. One logistic regression per category (stochastic gradient descent, fixed seed, so
the same sets give the same file); features seen in fewer than --min-df posts are left out and
weights under --min-weight dropped, which both keeps the file small and, measured on sets held
out, generalises better than keeping them.

The labelled posts are all about companies, so a model trained on them alone reads any long text
as something: on Debian's fortunes it flagged 4 % of them («Русская пословица» as ethnicity).
--fortunes N (default 4000) adds N fortunes as clean posts (Debian's fortunes-ru and fortunes
packages, read by bench/make_corpus.py, shuffled with a fixed seed); --fortunes 0 leaves them out.
"""
import argparse
import collections
import glob
import json
import math
import os
import random
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read_sets(dirs, grabli):
    docs = []  # (features, categories)
    for d in dirs:
        labels = json.load(open(os.path.join(d, "labels.json"), encoding="utf-8"))
        out = subprocess.run([grabli, "rules", "features", os.path.join(d, "posts.jsonl")],
                             check=True, capture_output=True, text=True).stdout
        for line in out.splitlines():
            rec = json.loads(line)
            if rec["id"] not in labels:
                sys.exit(f"{d}: post {rec['id']} has no label")
            docs.append((rec["features"], set(labels[rec["id"]])))
    return docs


def fortune_negatives(n, grabli, workdir):
    """n fortunes as a set of clean posts in workdir (posts.jsonl, labels.json)."""
    corpus = os.path.join(workdir, "fortunes.jsonl")
    try:
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "make_corpus.py"), "--mb", "7", "--jsonl", corpus],
                       check=True, capture_output=True, text=True)
    except subprocess.CalledProcessError as e:
        sys.exit("fortunes: bench/make_corpus.py failed (apt-get install fortunes-ru fortunes, or --fortunes 0):\n"
                 + e.stderr)
    seen, rows = set(), []
    for line in open(corpus, encoding="utf-8"):
        r = json.loads(line)
        if r["text"] not in seen:
            seen.add(r["text"])
            rows.append(r)
    rows.sort(key=lambda r: r["text"])
    random.Random(7).shuffle(rows)
    with open(os.path.join(workdir, "posts.jsonl"), "w", encoding="utf-8") as out:
        for i, r in enumerate(rows[:n]):
            out.write(json.dumps({"id": f"fortune-{i}", "text": r["text"], "lang": r["lang"]}, ensure_ascii=False) + "\n")
    with open(os.path.join(workdir, "labels.json"), "w", encoding="utf-8") as out:
        json.dump({f"fortune-{i}": [] for i in range(min(n, len(rows)))}, out)
    return workdir


def train(docs, cats, epochs, rate, l2, seed):
    n = len(cats)
    w = collections.defaultdict(lambda: [0.0] * n)
    bias = [0.0] * n
    rows = [(feats, [1.0 if c in y else 0.0 for c in cats]) for feats, y in docs]
    rnd = random.Random(seed)
    for _ in range(epochs):
        rnd.shuffle(rows)
        for feats, y in rows:
            vecs = [w[f] for f in feats]
            for c in range(n):
                z = bias[c] + sum(v[c] for v in vecs)
                p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
                g = p - y[c]
                bias[c] -= rate * g
                for v in vecs:
                    v[c] -= rate * (g + l2 * v[c])
    return w, bias


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sets", nargs="*")
    ap.add_argument("--grabli", default=os.path.join(ROOT, "build", "grabli"))
    ap.add_argument("--out", default=os.path.join(ROOT, "models", "classifier.tsv"))
    ap.add_argument("--exclude", action="append", default=[], help="a set to leave out (held out for scoring)")
    ap.add_argument("--fortunes", type=int, default=4000, help="fortunes added as clean posts (0: none)")
    ap.add_argument("--min-df", type=int, default=5)
    ap.add_argument("--min-weight", type=float, default=0.1)
    ap.add_argument("--epochs", type=int, default=15)
    ap.add_argument("--rate", type=float, default=0.3)
    ap.add_argument("--l2", type=float, default=1e-4)
    a = ap.parse_args()
    q = os.path.join(ROOT, "tests", "fixtures", "quality")
    sets = a.sets or [q] + sorted(glob.glob(os.path.join(q, "*", "")))
    sets = [os.path.normpath(s) for s in sets]
    excluded = {os.path.normpath(e) for e in a.exclude}
    sets = [s for s in sets if s not in excluded and os.path.exists(os.path.join(s, "labels.json"))]
    docs = read_sets(sets, a.grabli)
    with tempfile.TemporaryDirectory() as tmp:
        if a.fortunes > 0:
            docs += read_sets([fortune_negatives(a.fortunes, a.grabli, tmp)], a.grabli)
    cats = sorted({c for _, y in docs for c in y})
    df = collections.Counter(f for feats, _ in docs for f in feats)
    docs = [([f for f in feats if df[f] >= a.min_df and "\t" not in f and "\n" not in f], y) for feats, y in docs]
    w, bias = train(docs, cats, a.epochs, a.rate, a.l2, seed=1)
    kept = 0
    with open(a.out + ".tmp", "w", encoding="utf-8", newline="\n") as out:
        out.write("# grabli classifier: logistic regression per category over word stems and stem pairs\n")
        out.write("# written by scripts/train-classifier.py; do not edit by hand\n")
        names = [os.path.relpath(s, ROOT) for s in sets]
        out.write(f"# {len(docs)} posts from {len(sets)} sets: {' '.join(names)}; and {a.fortunes} fortunes as clean posts\n")
        out.write(f"# min-df {a.min_df}, min-weight {a.min_weight}, epochs {a.epochs}, rate {a.rate}, l2 {a.l2}\n")
        out.write("categories\t" + "\t".join(cats) + "\n")
        out.write("bias\t" + " ".join(f"{b:.3f}" for b in bias) + "\n")
        for f in sorted(w):
            items = [f"{c}:{v:.3f}" for c, v in enumerate(w[f]) if abs(v) >= a.min_weight]
            if items:
                kept += 1
                out.write(f + "\t" + " ".join(items) + "\n")
    os.replace(a.out + ".tmp", a.out)
    print(f"{a.out}: {len(docs)} posts, {len(cats)} categories, {kept} features", file=sys.stderr)


if __name__ == "__main__":
    main()
