#!/usr/bin/env python3
"""Writes a generated policy for the policy-scale benchmark.

Counts the lexicon entries of the shipped packs (every word alternative of every phrase in
phrases, unless, trigger, tone cues and require items) and writes phrase rules with
(--factor - 1) times as many, so that the shipped packs plus this policy hold --factor times the
shipped lexicon. The words are real words of the corpus (fortunes-ru and fortunes), drawn from
the most frequent 20 000 of each language, skipping the top 100, so that most tokens of the corpus
hit the lemma index while whole phrases match rarely, as in a real policy; each rule also has one
single-word phrase of a mid-frequency word (rank 2,100-6,100), so every rule fires now and then.

Prints {"shipped_entries", "shipped_phrases", "generated_entries", "generated_phrases", "rules"}.
"""
import argparse
import collections
import glob
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_corpus  # noqa: E402

try:
    import yaml
except ImportError:  # run.sh falls back to Debian's python3 with python3-yaml
    sys.exit("make_big_policy: PyYAML is missing (Debian: apt-get install python3-yaml)")

CATEGORIES = ["confidential", "insider-info", "sensitive-topic", "competitor", "unverified-claim"]


def phrase_lists(rule):
    for key in ("phrases", "unless", "trigger"):
        v = rule.get(key)
        if isinstance(v, list):
            yield v
        elif isinstance(v, str):
            yield [v]
    for key in ("cues", "requires"):
        for item in rule.get(key) or []:
            if isinstance(item, dict) and isinstance(item.get("phrases"), list):
                yield item["phrases"]


def shipped_lexicon(rules_dir):
    entries = phrases = 0
    for path in sorted(glob.glob(os.path.join(rules_dir, "**", "*.y*ml"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f) or {}
        for rule in doc.get("rules") or []:
            for lst in phrase_lists(rule):
                for p in lst:
                    phrases += 1
                    entries += sum(len(w.split("|")) for w in str(p).split())
    return entries, phrases


def vocabulary(lang_posts, skip=100, size=20000):
    counts = collections.Counter()
    for text in lang_posts:
        for w in make_corpus.WORD.findall(text.lower()):
            if len(w) >= 4 and "'" not in w and "’" not in w:
                counts[w] += 1
    return [w for w, _ in counts.most_common(skip + size)[skip:]]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rules", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "rules"))
    ap.add_argument("--out", required=True, help="folder to write the generated packs into")
    ap.add_argument("--factor", type=float, default=10.0)
    ap.add_argument("--phrases-per-rule", type=int, default=40)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--fortunes", default=make_corpus.FORTUNES)
    a = ap.parse_args()

    shipped_entries, shipped_phrases = shipped_lexicon(a.rules)
    want = int(shipped_entries * (a.factor - 1))
    posts = make_corpus.load(os.path.join(a.fortunes, "ru"), a.fortunes)
    words = {
        "ru": [w for w in vocabulary(t for t, l in posts if l == "ru") if re.fullmatch(r"[а-яё]+", w)],
        "en": [w for w in vocabulary(t for t, l in posts if l == "en") if re.fullmatch(r"[a-z]+", w)],
    }
    good = {"ru": "Всё в порядке.", "en": "All is fine."}
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    made_entries = made_phrases = rules = 0
    packs = {lang: [] for lang in words}
    while made_entries < want:
        lang = "ru" if rules % 2 == 0 else "en"
        # The first phrase of a rule is one fairly common word, so every rule fires now and then
        # (and a run shows that the generated packs were loaded); the rest are two-word phrases.
        common = rng.choice(words[lang][2000:6000])
        phrases = [common]
        made_entries += 1
        made_phrases += 1
        for _ in range(a.phrases_per_rule - 1):
            if made_entries >= want:
                break
            # Two word slots of 1-6 alternatives each, like the shipped packs' 'a|b c|d|e'.
            slots = [rng.sample(words[lang], rng.randint(1, 6)) for _ in range(2)]
            # a word of both slots reads as a '|' written between phrases, which the loader refuses
            slots[1] = [w for w in slots[1] if w not in slots[0]]
            while not slots[1]:
                w = rng.choice(words[lang])
                if w not in slots[0]:
                    slots[1] = [w]
            phrases.append(" ".join("|".join(s) for s in slots))
            made_entries += sum(len(s) for s in slots)
            made_phrases += 1
        packs[lang].append({
            "id": f"scale-{rules + 1}",
            "category": CATEGORIES[rules % len(CATEGORIES)],
            "level": "info",
            "kind": "phrase",
            "languages": [lang],
            "message": "Generated rule for the policy-scale benchmark.",
            "phrases": phrases,
            "examples": {"bad": [common.capitalize() + "."], "good": [good[lang]]},
        })
        rules += 1
    for lang, rule_list in packs.items():
        with open(os.path.join(a.out, f"bench-scale-{lang}.yaml"), "w", encoding="utf-8") as f:
            yaml.safe_dump({"pack": f"bench-scale-{lang}", "rules": rule_list}, f, allow_unicode=True,
                           sort_keys=False, width=1000)
    json.dump({"shipped_entries": shipped_entries, "shipped_phrases": shipped_phrases,
               "generated_entries": made_entries, "generated_phrases": made_phrases, "rules": rules}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
