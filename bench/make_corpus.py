#!/usr/bin/env python3
"""Builds the benchmark corpus from Debian's fortunes-ru and fortunes packages.

One fortune is one post. The fortunes are shuffled (fixed seed) and repeated, each round in a new
order, until the post text reaches --mb megabytes (10^6 bytes of UTF-8). Records are written one
at a time, so a ×10 corpus never sits in memory.

Outputs (each optional):
  --jsonl FILE      {"id", "text", "lang"} per line, the input of `grabli audit`
  --text FILE       the same posts, text only, one post per line (newlines become spaces), for ripgrep
  --lexicon FILE    the N most frequent words of >= 4 letters, half Russian and half English
  --en-sample FILE  about --en-sample-kb KB of English fortunes as a Markdown file, for alex
  --posts-dir DIR   one short Russian and one short English post (ru.txt, en.txt) for `grabli check`
Prints {"posts", "text_bytes", "ru_posts", "en_posts", "distinct_fortunes"} as JSON on stdout.
"""
import argparse
import collections
import json
import os
import random
import re
import sys

FORTUNES = "/usr/share/games/fortunes"
# ASCII drawings are not posts anyone writes.
SKIP_EN = {"ascii-art"}
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def fortune_files(folder):
    if not os.path.isdir(folder):
        return []
    out = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        # name.dat is the strfile index, name.u8 a symlink to name
        if name.endswith(".dat") or name.endswith(".u8") or name in SKIP_EN:
            continue
        if os.path.isfile(path) and not os.path.islink(path):
            out.append(path)
    return out


def read_fortunes(path):
    with open(path, "rb") as f:
        data = f.read().decode("utf-8", errors="replace")
    for chunk in re.split(r"^%[ \t]*$", data, flags=re.M):
        text = chunk.strip("\n").rstrip()
        if text.strip():
            yield text


def load(folder_ru, folder_en):
    ru = [t for p in fortune_files(folder_ru) for t in read_fortunes(p)]
    en = [t for p in fortune_files(folder_en) for t in read_fortunes(p)]
    if not ru or not en:
        sys.exit(f"make_corpus: no fortunes found under {folder_ru} ({len(ru)}) or {folder_en} ({len(en)}); "
                 "install the Debian packages fortunes-ru and fortunes")
    return [(t, "ru") for t in ru] + [(t, "en") for t in en]


def lexicon(posts, n):
    ru, en = collections.Counter(), collections.Counter()
    for text, _ in posts:
        for w in WORD.findall(text.lower()):
            if len(w) < 4 or "'" in w or "’" in w:
                continue
            if re.fullmatch(r"[а-яё]+", w):
                ru[w] += 1
            elif re.fullmatch(r"[a-z]+", w):
                en[w] += 1
    half = n // 2
    return [w for w, _ in ru.most_common(half)] + [w for w, _ in en.most_common(n - half)]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=24.0, help="megabytes (10^6) of post text")
    ap.add_argument("--jsonl")
    ap.add_argument("--text")
    ap.add_argument("--lexicon")
    ap.add_argument("--lexicon-size", type=int, default=1000)
    ap.add_argument("--en-sample")
    ap.add_argument("--en-sample-kb", type=int, default=300)
    ap.add_argument("--posts-dir")
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--fortunes", default=FORTUNES)
    a = ap.parse_args()

    posts = load(os.path.join(a.fortunes, "ru"), a.fortunes)

    if a.lexicon:
        with open(a.lexicon, "w", encoding="utf-8") as f:
            f.write("\n".join(lexicon(posts, a.lexicon_size)) + "\n")

    if a.en_sample:
        rng = random.Random(a.seed + 1)
        en = [t for t, lang in posts if lang == "en"]
        rng.shuffle(en)
        size, parts = 0, ["# English sample\n"]
        for t in en:
            if size >= a.en_sample_kb * 1000:
                break
            # Fortunes are verse and quotes: keep their lines, one paragraph each.
            para = "\n".join(line.strip() for line in t.splitlines() if line.strip())
            parts.append(para + "\n")
            size += len(para.encode()) + 2
        with open(a.en_sample, "w", encoding="utf-8") as f:
            f.write("\n".join(parts))

    if a.posts_dir:
        os.makedirs(a.posts_dir, exist_ok=True)
        # Short, realistic posts: a support reply in Russian and a press post in English.
        samples = {
            "ru.txt": "Здравствуйте! Вы сами виноваты: надо было читать условия доставки. Заказ 123 вернём завтра.\n",
            "en.txt": "We are thrilled to announce the best product on the market, 100% safe. Stay tuned!\n",
        }
        for name, text in samples.items():
            with open(os.path.join(a.posts_dir, name), "w", encoding="utf-8") as f:
                f.write(text)

    target = int(a.mb * 1_000_000)
    jsonl = open(a.jsonl, "w", encoding="utf-8") if a.jsonl else None
    text = open(a.text, "w", encoding="utf-8") if a.text else None
    rng = random.Random(a.seed)
    order = list(range(len(posts)))
    total = count = ru_posts = 0
    while total < target:
        rng.shuffle(order)
        for i in order:
            if total >= target:
                break
            body, lang = posts[i]
            count += 1
            total += len(body.encode("utf-8"))
            ru_posts += lang == "ru"
            if jsonl:
                jsonl.write(json.dumps({"id": f"p{count}", "text": body, "lang": lang}, ensure_ascii=False) + "\n")
            if text:
                text.write(" ".join(body.split("\n")) + "\n")
    for f in (jsonl, text):
        if f:
            f.close()
    json.dump({"posts": count, "text_bytes": total, "ru_posts": ru_posts, "en_posts": count - ru_posts,
               "distinct_fortunes": len(posts)}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
