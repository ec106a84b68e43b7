#!/usr/bin/env python3
"""Turns bench/run.sh's results.env (and the micro-benchmarks' JSON) into docs/performance.md.

Prints the figures table on stdout and writes the whole document to --out.
"""
import argparse
import json
import math
import os

MB = 1_000_000
TARGET_MBPS = 50.0
TARGET_SPEEDUP = 1.8
TARGET_RSS_MIB = 128.0
TARGET_COLD_MS = 50.0
TARGET_SCALE = 1.5


def load(path):
    r = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                r[k] = v
    return r


def num(r, key):
    try:
        v = float(r[key])
        return v if math.isfinite(v) else None
    except (KeyError, ValueError):
        return None


def fmt(v, spec=".1f", unit=""):
    return "—" if v is None else f"{v:{spec}}{unit}"


def rate(v):
    """MB/s with enough digits to tell a slow run from zero."""
    if v is None:
        return "—"
    return f"{v:.1f}" if v >= 10 else f"{v:.3g}"


def verdict(ok):
    return "not measured" if ok is None else ("**met**" if ok else "**not met**")


class Report:
    def __init__(self, r):
        self.r = r
        self.text_bytes = num(r, "corpus_text_bytes") or 0
        self.posts = int(num(r, "corpus_posts") or 0)

    def audit(self, name, text_bytes=None, posts=None):
        """MB/s of post text, or None when the run failed or lost records."""
        r = self.r
        wall = num(r, f"{name}_wall")
        rc = num(r, f"{name}_rc")
        if wall is None or rc is None:
            return None, "not run"
        text_bytes = text_bytes or self.text_bytes
        posts = posts or self.posts
        records = int(num(r, f"{name}_records") or 0)
        notes = []
        if num(r, f"{name}_timed_out"):
            # Stopped at the time limit: the rate comes from the records written by then.
            done = num(r, f"{name}_partial_bytes") or 0
            notes.append(f"stopped at the {r.get('audit_timeout', '?')} s limit after {records:,} of {posts:,} posts; "
                         "rate from those")
            return (done / MB / wall if wall > 0 and records else None), "; ".join(notes)
        if rc > 1:
            notes.append(f"exit {int(rc)}")
        if records != posts:
            notes.append(f"{records:,} of {posts:,} records written")
        errors = int(num(r, f"{name}_error_records") or 0)
        if errors:
            notes.append(f"{errors:,} error records")
        mbps = text_bytes / MB / wall if wall > 0 else None
        ok = rc <= 1 and records == posts
        return (mbps if ok else None), ("; ".join(notes) if notes else "")

    def cpu_rate(self, name, text_bytes=None):
        r = self.r
        cpu = num(r, f"{name}_cpu")
        done = num(r, f"{name}_partial_bytes") if num(r, f"{name}_timed_out") else (text_bytes or self.text_bytes)
        return done / MB / cpu if cpu and done else None

    def cpu_note(self, name, text_bytes=None):
        """CPU seconds and MB per CPU second: on a shared machine, steadier than wall time."""
        r = self.r
        cpu = num(r, f"{name}_cpu")
        if not cpu:
            return ""
        done = num(r, f"{name}_partial_bytes") if num(r, f"{name}_timed_out") else (text_bytes or self.text_bytes)
        return f"; CPU {cpu:.2f} s = {rate(done / MB / cpu)} MB per CPU-second"

    def rss_mib(self, name):
        kb = num(self.r, f"{name}_rss_kb")
        return None if kb is None else kb / 1024

    def build(self):
        r = self.r
        rows, targets = [], []
        mb = self.text_bytes / MB
        j1, j1_note = self.audit("audit_j1")
        j2, j2_note = self.audit("audit_j2")
        rg_wall = num(r, "rg_wall")
        rg = self.text_bytes / MB / rg_wall if rg_wall else None

        def add(what, value, note=""):
            rows.append((what, value, note))

        def runs(name):
            walls = r.get(f"{name}_walls", "").split()
            shown = " / ".join(f"{float(w):.2f}" for w in walls)
            return f" (median of {len(walls)} runs: {shown} s)" if len(walls) > 1 else ""

        def top_rules(name):
            counts = r.get(f"{name}_rule_counts")
            return f"; most frequent: {counts}" if counts else ""

        add(f"`grabli audit --jobs 1`, shipped packs, {mb:.1f} MB / {self.posts:,} posts",
            f"{rate(j1)} MB/s", f"{fmt(num(r, 'audit_j1_wall'), '.2f')} s{runs('audit_j1')}; "
            f"{int(num(r, 'audit_j1_findings') or 0):,} findings" + self.cpu_note("audit_j1") + (f"; {j1_note}" if j1_note else "") + top_rules("audit_j1"))
        add("`grabli audit --jobs 2`, same corpus",
            f"{rate(j2)} MB/s", f"{fmt(num(r, 'audit_j2_wall'), '.2f')} s{runs('audit_j2')}; ×{fmt(j2 / j1 if j1 and j2 else None, '.2f')} "
            "of --jobs 1" + self.cpu_note("audit_j2") + (f"; {j2_note}" if j2_note else ""))
        add(f"peak RSS, {mb:.0f} MB input, --jobs 1 / --jobs 2",
            f"{fmt(self.rss_mib('audit_j1'))} / {fmt(self.rss_mib('audit_j2'))} MiB", "`/usr/bin/time -v`")
        x10 = None
        if "audit_x10_wall" in r:
            xb = num(r, "x10_text_bytes")
            x10, x10_note = self.audit("audit_x10", xb, int(num(r, "x10_posts") or 0))
            add(f"×10 corpus, {xb / MB:.0f} MB / {int(num(r, 'x10_posts') or 0):,} posts, --jobs 2",
                f"{rate(x10)} MB/s; peak RSS {fmt(self.rss_mib('audit_x10'))} MiB",
                f"{fmt(num(r, 'audit_x10_wall'), '.1f')} s" + self.cpu_note("audit_x10", xb) + (f"; {x10_note}" if x10_note else ""))
        for lang, name in (("Russian", "check_ru"), ("English", "check_en")):
            ms = num(r, f"{name}_median")
            add(f"cold `grabli check`, one short {lang} post",
                f"{fmt(ms * 1000 if ms is not None else None)} ms",
                f"median of {r.get('check_runs', '?')} runs ({r.get(name + '_tool', '?')})"
                + (f"; CPU {num(r, name + '_cpu') * 1000:.0f} ms (mean)" if num(r, name + "_cpu") else "")
                + f"; {r.get(name + '_findings', '?')} findings")
        add(f"ripgrep `rg -c -i -w -f lexicon.txt`, {int(num(r, 'lexicon_words') or 0)} words, same text",
            f"{rate(rg)} MB/s", f"{fmt(rg_wall, '.2f')} s{runs('rg')}, one run before each pair of audits; "
            f"{r.get('rg_lines', '?')} matching posts; {r.get('rg_version', '')}")
        if "alex_wall" in r:
            aw, ab, ast = num(r, "alex_wall"), num(r, "alex_bytes"), num(r, "alex_startup")
            net = ab / MB / (aw - ast) if aw and ast is not None and aw > ast else None
            add(f"alex {r.get('alex_version', '')} on {ab / 1000:.0f} KB of English Markdown",
                f"{fmt(ab / MB / aw, '.3f')} MB/s", f"{aw:.1f} s; start-up {ast * 1000:.0f} ms; "
                f"{fmt(net, '.3f')} MB/s without start-up")
        elif "alex_skipped" in r:
            add("alex", "—", r["alex_skipped"])
        scale, scale_note = self.audit("audit_scale")
        ratio = (j1 / scale) if (j1 and scale) else None
        # each 10× run paired with a shipped-packs run just before it (bench/run.sh); older
        # results have only the ratio of the two phases' medians
        paired = num(r, "audit_scale_pair_ratio")
        pairs = r.get("audit_scale_pair_ratios", "")
        if paired and not (num(r, "audit_j1_timed_out") or num(r, "audit_scale_timed_out")):
            ratio = paired
        c1, cs_ = self.cpu_rate("audit_j1"), self.cpu_rate("audit_scale")
        cpu_ratio = c1 / cs_ if c1 and cs_ else None
        add(f"`audit --jobs 1` with 10× lexicon ({int(num(r, 'policy_shipped_entries') or 0):,} shipped + "
            f"{int(num(r, 'policy_generated_entries') or 0):,} generated entries in {int(num(r, 'policy_rules') or 0)} rules)",
            f"{rate(scale)} MB/s", f"×{fmt(ratio, '.2f')} the time of the shipped packs"
            + (f" (median of {len(pairs.split())} pairs, each run after a run of the shipped packs alone: ×{pairs.replace(' ', ' / ×')})" if paired else "")
            + f" (×{fmt(cpu_ratio, '.2f')} in CPU time); {fmt(num(r, 'audit_scale_wall'), '.2f')} s{runs('audit_scale')}; "
            f"{int(num(r, 'audit_scale_scale_findings') or 0):,} generated-rule findings; via {r.get('audit_scale_via', '?')}"
            + self.cpu_note("audit_scale")
            + (f"; {scale_note}" if scale_note else ""))
        cs = num(r, "check_ru_scale_median")
        add("cold `grabli check`, Russian post, 10× lexicon, stem cache warm", f"{fmt(cs * 1000 if cs is not None else None)} ms",
            "median of 3 runs; compiling the generated packs included"
            + (f"; CPU {num(r, 'check_ru_scale_cpu') * 1000:.0f} ms (mean)" if num(r, "check_ru_scale_cpu") else ""))
        cn = num(r, "check_ru_scale_nocache_median")
        if cn is not None:
            add("cold `grabli check`, Russian post, 10× lexicon, no stem cache", f"{fmt(cn * 1000)} ms",
                "median of 3 runs; `GRABLI_CACHE_DIR=off`: Hunspell stems the "
                f"{int(num(r, 'policy_generated_entries') or 0):,} generated entries' words"
                + (f"; CPU {num(r, 'check_ru_scale_nocache_cpu') * 1000:.0f} ms (mean)" if num(r, "check_ru_scale_nocache_cpu") else ""))

        # Targets.
        targets.append(("`audit --jobs 1` ≥ 50 MB/s", f"{rate(j1)} MB/s", verdict(None if j1 is None else j1 >= TARGET_MBPS)))
        targets.append(("`audit --jobs 1` ≥ ripgrep's lexicon pass", f"{rate(j1)} vs {rate(rg)} MB/s",
                        verdict(None if j1 is None or rg is None else j1 >= rg)))
        sp = j2 / j1 if j1 and j2 else None
        targets.append(("`audit --jobs 2` ≥ 1.8× `--jobs 1`", f"×{fmt(sp, '.2f')}", verdict(None if sp is None else sp >= TARGET_SPEEDUP)
                        + (" (partial runs on a loaded machine)" if num(r, "audit_j1_timed_out") or num(r, "audit_j2_timed_out") else "")))
        rss24 = max([v for v in (self.rss_mib("audit_j1"), self.rss_mib("audit_j2")) if v is not None], default=None)
        partial = " (partial run: stopped at the time limit)"
        targets.append((f"peak RSS ≤ 128 MiB, {mb:.0f} MB input", f"{fmt(rss24)} MiB",
                        verdict(None if rss24 is None else rss24 <= TARGET_RSS_MIB)
                        + (partial if num(r, "audit_j1_timed_out") or num(r, "audit_j2_timed_out") else "")))
        rssx = self.rss_mib("audit_x10") if "audit_x10_wall" in r else None
        targets.append(("peak RSS ≤ 128 MiB and not growing, ×10 input", f"{fmt(rssx)} MiB (vs {fmt(self.rss_mib('audit_j2'))} at ×1, --jobs 2)",
                        verdict(None if rssx is None or num(r, "audit_x10_timed_out") else rssx <= TARGET_RSS_MIB and rssx <= 1.1 * (self.rss_mib("audit_j2") or 0) + 4)))
        for lang, name in (("Russian", "check_ru"), ("English", "check_en")):
            ms = num(r, f"{name}_median")
            ms = ms * 1000 if ms is not None else None
            targets.append((f"cold `grabli check` ≤ 50 ms, {lang}", f"{fmt(ms)} ms", verdict(None if ms is None else ms <= TARGET_COLD_MS)))
        scale_status = verdict(None if ratio is None else ratio <= TARGET_SCALE)
        if ratio is not None and (num(r, "audit_j1_timed_out") or num(r, "audit_scale_timed_out")):
            # Two partial runs on a shared machine, and a check that spends nearly all its time
            # elsewhere, say little about the lexicon: the micro-benchmark row below decides.
            scale_status = "not judged: partial runs; see the micro-benchmark row"
        targets.append(("10× lexicon ≤ 1.5× time, `audit --jobs 1` (wall)", f"×{fmt(ratio, '.2f')}", scale_status))
        return rows, targets


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def micro_results(path):
    if not path or not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        benchmarks = json.load(f).get("benchmarks", [])
    # repeated runs (bench/run.sh: interleaved at random, aggregates only): each benchmark's median
    medians = [dict(b, name=b.get("run_name", b["name"])) for b in benchmarks
               if b.get("run_type") == "aggregate" and b.get("aggregate_name") == "median"]
    if not medians:
        return benchmarks
    # interleaved runs come in a random order: Google Benchmark numbers each family in the order
    # of registration and each instance (argument set) within it
    def key(b):
        return (b.get("family_index", 0), b.get("per_family_instance_index", 0))
    return sorted(medians, key=key)


def per_second(v, unit):
    if v >= 1e6:
        return f"{v / 1e6:.2f} M{unit}/s"
    if v >= 1e3:
        return f"{v / 1e3:.1f} k{unit}/s"
    return f"{v:.3g} {unit}/s"


def micro_table(benchmarks):
    if not benchmarks:
        return None
    rows = []
    for b in benchmarks:
        if b.get("error_occurred"):
            rows.append((f"`{b['name']}`", "—", "—", "—", b.get("error_message", "error")))
            continue
        unit = b.get("time_unit", "ns")
        rates = []
        if "bytes_per_second" in b:
            rates.append(f"{rate(b['bytes_per_second'] / MB)} MB/s")
        if "items_per_second" in b:
            rates.append(per_second(b["items_per_second"], ""))
        rows.append((f"`{b['name']}`", f"{b['cpu_time']:,.0f} {unit}", f"{b['real_time']:,.0f} {unit}",
                     ", ".join(rates) or "—", b.get("label", "")))
    return table(["benchmark", "CPU per iteration", "wall per iteration", "rate (per CPU second)", "input"], rows)


def micro_scale_ratio(benchmarks):
    """CPU time of a whole check with the 10x lexicon over the shipped packs alone (spelling off)."""
    by = {b["name"]: b for b in benchmarks if not b.get("error_occurred")}
    base, big = by.get("BM_CheckPost/2/1"), by.get("BM_CheckPostScaledPolicy")
    if not base or not big or "bytes_per_second" not in base or "bytes_per_second" not in big:
        return None
    return base["bytes_per_second"] / big["bytes_per_second"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", required=True)
    ap.add_argument("--micro")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    r = load(a.results)
    benchmarks = micro_results(a.micro)
    rows, targets = Report(r).build()
    ms = micro_scale_ratio(benchmarks)
    if ms is not None or benchmarks:
        targets.append(("10× lexicon ≤ 1.5× time, whole check with spelling off (micro-benchmark, CPU)",
                        f"×{fmt(ms, '.2f')}", verdict(None if ms is None else ms <= TARGET_SCALE)))
    figures = table(["measure", "value", "details"], rows)
    goals = table(["target", "measured", "status"], targets)
    print(figures)
    print()
    print(goals)

    quick = r.get("mode") == "quick"
    micro = micro_table(benchmarks)
    loads = ", ".join(f"{n} {r[n + '_load']}" for n in ("audit_j1", "audit_j2", "audit_scale", "audit_x10") if n + "_load" in r)
    doc = f"""# Performance

Measured by `bench/run.sh`{' --quick' if quick else ''} on {r.get('date', '?')}.
Every figure in the tables comes from that one run, on the same text; only the section
"Where the time goes" is written by hand (bench/analysis.md, with its own date).

- **Machine**: {r.get('machine_cpu', '?')}, {r.get('machine_nproc', '?')} cores (`nproc`), {r.get('machine_mem', '?')};
  {r.get('machine_os', '?')}, Linux {r.get('machine_kernel', '?')}; {r.get('machine_compiler', '?')}. The machine is shared,
  so figures move by 10–20 % between runs; 1-minute load average before each audit: {loads or '?'}.
- **grabli**: commit {r.get('grabli_commit', '?')}, Release build (`build-bench/`), full shipped packs, Hunspell ru_RU and en_US.
- **Corpus**: Debian `fortunes-ru` and `fortunes` (`/usr/share/games/fortunes/ru/*` and
  `/usr/share/games/fortunes/*`, `%`-separated; `ascii-art` left out), one fortune per post,
  {int(float(r.get('corpus_distinct_fortunes', 0))):,} distinct fortunes shuffled and repeated to
  {float(r.get('corpus_text_bytes', 0)) / MB:.1f} MB of post text: {int(float(r.get('corpus_posts', 0))):,} posts,
  {int(float(r.get('corpus_ru_posts', 0))):,} Russian and {int(float(r.get('corpus_en_posts', 0))):,} English,
  as JSONL `{{"id", "text", "lang"}}`. MB/s is millions of bytes of post text (UTF-8) per wall-clock
  second, start-up included.

## Figures

{figures}

## Targets (issue 6)

{goals}
"""
    if micro:
        doc += f"""
## Stages (Google Benchmark, `build-bench/grabli_micro`)

`ru post` and `en post` are one fixed support reply each (~400 bytes); `corpus` is the first 3,000
posts of the benchmark corpus. `BM_Analyze` is normalise+tokenise without lemma lookups;
`BM_AnalyzeLemmatised` adds the per-form key lookup on a warm cache; `BM_LemmaKeysFresh` is the
same lookup on an emptied cache (Hunspell stem for every distinct form); `BM_PatternScan` is the
pattern pass (atoms, then the patterns they select); `BM_PhraseFind` the lemma-index pass; `BM_CheckPost` a whole `Checker::check`
(second argument 1: the spelling packs switched off). Every benchmark runs one untimed pass first
(warm lemma cache and RE2 DFA: the steady state of a long audit). Each ran three times, the runs
of all benchmarks interleaved at random, and the table gives each one's median. Rates are per CPU
second; on a loaded machine the wall-clock time per iteration is higher.

{micro}
"""
    analysis = os.path.join(os.path.dirname(os.path.abspath(__file__)), "analysis.md")
    if os.path.exists(analysis):
        with open(analysis, encoding="utf-8") as f:
            doc += "\n" + f.read()
    doc += f"""
## How it is measured

- `grabli audit CORPUS --input-format jsonl --format jsonl -o OUT --jobs N`, wall time by `date +%s%N`,
  peak RSS by `/usr/bin/time -v`; a run counts only if it wrote one record per post and exited 0 or 1.
- Cold check: `grabli check --no-color FILE` on a one-line post, median of several runs
  (`hyperfine -N` when Debian has it), so every run loads the policy and the dictionaries it needs.
- ripgrep: `rg -c -i -w -f lexicon.txt corpus.txt`, where `corpus.txt` holds the same posts, one per line,
  and the lexicon is the 500 most frequent Russian and 500 most frequent English words of ≥ 4 letters
  of the corpus; one run at the start of each round of `--jobs 1` and `--jobs 2` audits, so that all
  three meet the same minutes of a shared machine, and the median of those runs.
- alex: `alex en-sample.md` on a Markdown file of English fortunes, and its start-up time on a
  one-line file (median of 5).
- Policy scale: `bench/make_big_policy.py` counts the lexicon entries of `rules/` (every word
  alternative of every phrase, cue, trigger and `unless`) and writes phrase rules with 9× as many real
  corpus words, passed with `--policy`, so the audit runs with 10× the shipped lexicon. Each of its
  runs follows a `--jobs 1` run of the shipped packs alone, and the ratio is the median of those
  pairs' ratios: the host's speed drifts within minutes, and the rounds above ran earlier.

## Reproduce

```sh
bench/run.sh             # everything above; writes docs/performance.md (about 10-15 minutes)
bench/run.sh --quick     # ~3 MB corpus, no ×10, no alex, no micro-benchmarks; for development
# the pieces by hand:
python3 bench/make_corpus.py --mb 24 --jsonl /tmp/corpus.jsonl --text /tmp/corpus.txt --lexicon /tmp/lexicon.txt
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DGRABLI_BENCH=ON && cmake --build build-bench -j1
build-bench/grabli audit /tmp/corpus.jsonl --input-format jsonl --format jsonl -o /tmp/out.jsonl --jobs 2
rg -c -i -w -f /tmp/lexicon.txt /tmp/corpus.txt
GRABLI_BENCH_CORPUS=/tmp/corpus.txt build-bench/grabli_micro
```
"""
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(doc)


if __name__ == "__main__":
    main()
