#!/usr/bin/env bash
# grabli's benchmark harness: builds a corpus of real text (Debian's fortunes-ru and fortunes,
# one fortune per post) and measures, in one run and on the same text, `grabli audit` at --jobs 1
# and 2, peak RSS at 24 MB and 240 MB, cold `grabli check`, ripgrep with a 1000-word lexicon,
# alex on English, and a 10x-lexicon policy. Prints a markdown table and writes
# docs/performance.md (--quick: a ~3 MB corpus, no x10, no alex, no micro-benchmarks, and the
# table goes to $WORK/performance-quick.md instead).
#
#   bench/run.sh [--quick] [--no-install] [--no-micro] [--work DIR]
#
# Environment: GRABLI_BENCH_BUILD_JOBS (default 1: the machine is shared), GRABLI_BENCH_WORK,
# GRABLI_BENCH_TIMEOUT (seconds one audit may run; a slower audit is stopped and its rate is taken
# from the records it wrote by then: default 180, --quick 15).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
BUILD=$ROOT/build-bench
WORK=${GRABLI_BENCH_WORK:-${TMPDIR:-/tmp}/grabli-bench}
# The stem cache (docs/cli.md) of the benchmark's own policies, fresh for every run.
export GRABLI_CACHE_DIR=$WORK/stem-cache
BUILD_JOBS=${GRABLI_BENCH_BUILD_JOBS:-1}
MODE=full
INSTALL=1
MICRO=1

while [ $# -gt 0 ]; do
  case $1 in
    --quick) MODE=quick ;;
    --no-install) INSTALL=0 ;;
    --no-micro) MICRO=0 ;;
    --work) WORK=$2; shift ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/run.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

if [ "$MODE" = quick ]; then
  MB=3; X10=0; ALEX=0; MICRO=0; CHECK_RUNS=5; AUDIT_RUNS=3; TIMEOUT=${GRABLI_BENCH_TIMEOUT:-15}
  OUT=$WORK/performance-quick.md
else
  MB=24; X10=1; ALEX=1; CHECK_RUNS=11; AUDIT_RUNS=5; TIMEOUT=${GRABLI_BENCH_TIMEOUT:-180}
  OUT=$ROOT/docs/performance.md
fi

say() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }
now_ns() { date +%s%N; }
seconds_between() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f", (b - a) / 1e9 }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

mkdir -p "$WORK"
rm -rf "$GRABLI_CACHE_DIR"
RESULTS=$WORK/results.env
: >"$RESULTS"
put() { printf '%s=%s\n' "$1" "$2" >>"$RESULTS"; }

# ---------------------------------------------------------------------------------------------
# Install what the benchmark needs (Debian packages, and alex from npm into bench/.node).
# ---------------------------------------------------------------------------------------------
apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  say "installing from Debian: ${missing[*]}"
  if [ -z "${APT_UPDATED:-}" ]; then $sudo apt-get update -qq >/dev/null && APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ALEX_BIN=$BENCH/.node/node_modules/.bin/alex
if [ "$INSTALL" = 1 ]; then
  [ -f "$ROOT/scripts/install-deps.sh" ] && bash "$ROOT/scripts/install-deps.sh"
  apt_install fortunes-ru fortunes ripgrep time libbenchmark-dev
  apt_install hyperfine || say "hyperfine is not available from Debian here; timing cold checks with a shell loop"
  if [ "$ALEX" = 1 ] && [ ! -x "$ALEX_BIN" ]; then
    if have npm; then
      say "installing alex from npm into bench/.node"
      npm install --prefix "$BENCH/.node" --no-audit --no-fund --loglevel=error alex >/dev/null 2>"$WORK/npm.log" ||
        say "npm install alex failed (registry unreachable?): skipping alex; see $WORK/npm.log"
    else
      say "npm is not installed: skipping alex"
    fi
  fi
fi

PY=python3
if ! $PY -c 'import yaml' 2>/dev/null; then
  [ "$INSTALL" = 1 ] && apt_install python3-yaml
  PY=/usr/bin/python3
fi
for tool in /usr/bin/time rg; do
  have "$tool" || { echo "bench/run.sh: $tool is missing (run without --no-install)" >&2; exit 2; }
done

# ---------------------------------------------------------------------------------------------
# Build a Release grabli (and the micro-benchmarks) in build-bench/.
# ---------------------------------------------------------------------------------------------
targets=(grabli)
cmake_opts=(-DCMAKE_BUILD_TYPE=Release -DGRABLI_TESTS=OFF)
if [ "$MICRO" = 1 ]; then targets+=(grabli_micro); cmake_opts+=(-DGRABLI_BENCH=ON); fi
build() {
  cmake -S "$ROOT" -B "$BUILD" "${cmake_opts[@]}" >"$WORK/cmake.log" 2>&1 &&
    cmake --build "$BUILD" -j"$BUILD_JOBS" --target "${targets[@]}" >>"$WORK/cmake.log" 2>&1
}
say "building ${targets[*]} (Release) in $BUILD with -j$BUILD_JOBS"
if ! build; then
  # Others work in the same tree: a half-saved file is usually fixed a minute later.
  say "build failed; retrying in 60 s (log: $WORK/cmake.log)"
  sleep 60
  build || { tail -30 "$WORK/cmake.log" >&2; echo "bench/run.sh: build failed" >&2; exit 2; }
fi
GRABLI=$BUILD/grabli

# ---------------------------------------------------------------------------------------------
# Corpus: post text (JSONL and one post per line), lexicon, English sample, check posts.
# ---------------------------------------------------------------------------------------------
CORPUS=$WORK/corpus.jsonl
TEXT=$WORK/corpus.txt
LEXICON=$WORK/lexicon.txt
say "building the ${MB} MB corpus"
$PY "$BENCH/make_corpus.py" --mb "$MB" --jsonl "$CORPUS" --text "$TEXT" --lexicon "$LEXICON" \
  --en-sample "$WORK/en-sample.md" --posts-dir "$WORK/posts" >"$WORK/corpus.json"
$PY - "$WORK/corpus.json" >>"$RESULTS" <<'EOF'
import json, sys
for k, v in json.load(open(sys.argv[1])).items():
    print(f"corpus_{k}={v}")
EOF
put lexicon_words "$(wc -l <"$LEXICON")"
put mode "$MODE"

# ---------------------------------------------------------------------------------------------
# Measurements.
# ---------------------------------------------------------------------------------------------
# measure NAME CMD...: wall seconds (date), peak RSS (GNU time -v) and exit code of CMD.
measure() {
  local name=$1; shift
  local t0 t1 rc=0
  put "${name}_load" "$(cut -d' ' -f1 /proc/loadavg)"
  t0=$(now_ns)
  /usr/bin/time -v -o "$WORK/$name.time" "$@" >"$WORK/$name.stdout" 2>"$WORK/$name.stderr" || rc=$?
  t1=$(now_ns)
  put "${name}_wall" "$(seconds_between "$t0" "$t1")"
  put "${name}_rss_kb" "$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/$name.time")"
  put "${name}_cpu" "$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$WORK/$name.time")"
  put "${name}_rc" "$rc"
  return 0
}

# run_audit NAME CORPUS JOBS [ARGS...]: one audit over CORPUS, stopped after $TIMEOUT s; counts the
# records it wrote and, when it was stopped, the post text of those records (output is in input order).
run_audit() {
  local name=$1 corpus=$2 jobs=$3; shift 3
  local out=$WORK/$name.out.jsonl
  rm -f "$out"
  say "audit $name: --jobs $jobs $* (at most $TIMEOUT s)"
  measure "$name" timeout --signal=TERM "$TIMEOUT" \
    "$GRABLI" audit "$corpus" --input-format jsonl --format jsonl -o "$out" --jobs "$jobs" "$@"
  # An audit that does not know -o yet writes to stdout.
  [ -s "$out" ] || out=$WORK/$name.stdout
  local records rc
  records=$(wc -l <"$out")
  rc=$(grep "^${name}_rc=" "$RESULTS" | tail -1 | cut -d= -f2)
  put "${name}_records" "$records"
  put "${name}_error_records" "$(grep -cE '^\{"error" ?:|, ?"error" ?:' "$out" || true)"
  put "${name}_findings" "$(grep -oE '"rule" ?: ?"' "$out" | wc -l)"
  put "${name}_scale_findings" "$(grep -o '"bench-scale-' "$out" | wc -l)"
  put "${name}_rule_counts" "$(grep -oE '"rule" ?: ?"[^"]*"' "$out" | sed -E 's/.*"([^"]*)"$/\1/' | sort | uniq -c | sort -rn | head -8 | awk '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $2, $1 }')"
  if [ "$rc" = 124 ]; then
    say "audit $name stopped after $TIMEOUT s with $records records written"
    put "${name}_timed_out" 1
    put "${name}_partial_bytes" "$(head -n "$records" "$corpus" | $PY -c 'import json, sys; print(sum(len(json.loads(l)["text"].encode()) for l in sys.stdin))')"
  elif [ "$rc" -gt 1 ]; then
    say "audit $name exited $rc:"; tail -5 "$WORK/$name.stderr" >&2
  fi
  rm -f "$WORK/$name.out.jsonl" "$WORK/$name.stdout"
}

# median_of NAME RUN...: the figures of the run with the median wall time become NAME's, and
# NAME_walls lists every run's. On a shared machine one run can be off by a third.
median_of() {
  local name=$1; shift
  local run best
  best=$(for run in "$@"; do
    printf '%s %s\n' "$(grep "^${run}_wall=" "$RESULTS" | tail -1 | cut -d= -f2)" "$run"
  done | sort -n | awk '{ runs[NR] = $2 } END { print runs[int((NR + 1) / 2)] }')
  grep "^${best}_" "$RESULTS" | sed "s/^${best}_/${name}_/" >>"$RESULTS"
  put "${name}_walls" "$(for run in "$@"; do grep "^${run}_wall=" "$RESULTS" | tail -1 | cut -d= -f2; done | paste -sd' ' -)"
}

# ripgrep: lexicon only, no morphology, same text (one post per line).
rg_once() {
  local t0 t1
  t0=$(now_ns); rg -c -i -w -f "$LEXICON" "$TEXT" >"$WORK/rg.out" || true; t1=$(now_ns)
  seconds_between "$t0" "$t1"; echo
}

# Rounds of ripgrep, --jobs 1 and --jobs 2, so that a slow minute of the machine (on this shared
# host the same run moves by a third within minutes) lands on all three and their ratios hold.
put audit_runs "$AUDIT_RUNS"
say "ripgrep with the ${MB} MB text and $(wc -l <"$LEXICON") words, in each round of audits"
j1_runs=() j2_runs=()
: >"$WORK/rg.walls"
for i in $(seq "$AUDIT_RUNS"); do
  rg_once >>"$WORK/rg.walls"
  run_audit "audit_j1_run$i" "$CORPUS" 1; j1_runs+=("audit_j1_run$i")
  run_audit "audit_j2_run$i" "$CORPUS" 2; j2_runs+=("audit_j2_run$i")
done
median_of audit_j1 "${j1_runs[@]}"
median_of audit_j2 "${j2_runs[@]}"
put rg_wall "$(median <"$WORK/rg.walls")"
put rg_walls "$(paste -sd' ' "$WORK/rg.walls")"
put rg_lines "$(cat "$WORK/rg.out")"
put rg_version "$(rg --version 2>/dev/null | sed -n 1p)"

# Cold `grabli check` of one short post: process start, policy compile, dictionary load.
# cold_check NAME RUNS FILE [ARGS...]
cold_check() {
  local name=$1 runs=$2 file=$3; shift 3
  local cmd=("$GRABLI" check --no-color "$@" "$file")
  "${cmd[@]}" >"$WORK/$name.out" 2>&1 || true
  put "${name}_findings" "$(grep -c ': \(error\|warning\|info\):' "$WORK/$name.out" || true)"
  if have hyperfine; then
    hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$WORK/$name.json" "${cmd[*]}" >/dev/null 2>&1
    put "${name}_median" "$($PY -c 'import json,sys; print("%.4f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$WORK/$name.json")"
    put "${name}_cpu" "$($PY -c 'import json,sys; r = json.load(open(sys.argv[1]))["results"][0]; print("%.4f" % (r["user"] + r["system"]))' "$WORK/$name.json")"
    put "${name}_tool" hyperfine
  else
    local i t0 t1
    for i in $(seq "$runs"); do
      t0=$(now_ns); "${cmd[@]}" >/dev/null 2>&1 || true; t1=$(now_ns)
      seconds_between "$t0" "$t1"; echo
    done | median >"$WORK/$name.median"
    put "${name}_median" "$(cat "$WORK/$name.median")"
    put "${name}_tool" "shell loop"
  fi
}
put check_runs "$CHECK_RUNS"
put audit_timeout "$TIMEOUT"
say "cold grabli check (median of $CHECK_RUNS)"
cold_check check_ru "$CHECK_RUNS" "$WORK/posts/ru.txt"
cold_check check_en "$CHECK_RUNS" "$WORK/posts/en.txt"

# alex on English Markdown.
if [ "$ALEX" = 1 ]; then
  if [ -x "$ALEX_BIN" ]; then
    say "alex on $(wc -c <"$WORK/en-sample.md") bytes of English"
    printf '# Hello\n\nA short post.\n' >"$WORK/alex-tiny.md"
    for i in 1 2 3 4 5; do
      t0=$(now_ns); "$ALEX_BIN" "$WORK/alex-tiny.md" >/dev/null 2>&1 || true; t1=$(now_ns)
      seconds_between "$t0" "$t1"; echo
    done | median >"$WORK/alex-start.median"
    put alex_startup "$(cat "$WORK/alex-start.median")"
    t0=$(now_ns); "$ALEX_BIN" "$WORK/en-sample.md" >"$WORK/alex.out" 2>&1 || true; t1=$(now_ns)
    put alex_wall "$(seconds_between "$t0" "$t1")"
    put alex_bytes "$(wc -c <"$WORK/en-sample.md")"
    put alex_warnings "$(grep -c 'warning' "$WORK/alex.out" || true)"
    put alex_version "$(cd "$BENCH/.node" && node -p 'require("alex/package.json").version' 2>/dev/null || echo '?')"
  else
    put alex_skipped "alex is not installed (npm or the registry was unavailable)"
  fi
fi

# Policy scale: the shipped packs plus a generated policy, so the lexicon is 10x the shipped one.
say "generating the 10x policy"
rm -rf "$WORK/scale"
mkdir -p "$WORK/scale"
$PY "$BENCH/make_big_policy.py" --rules "$ROOT/rules" --out "$WORK/scale/bigpolicy" >"$WORK/bigpolicy.json"
$PY - "$WORK/bigpolicy.json" >>"$RESULTS" <<'EOF'
import json, sys
for k, v in json.load(open(sys.argv[1])).items():
    print(f"policy_{k}={v}")
EOF
# One check first fills the stem cache, as the first run of a team's hook would; the audit and
# the warm cold check below then read it (the no-cache check shows the first run's cost).
"$GRABLI" check --no-color --policy "$WORK/scale/bigpolicy" "$WORK/posts/ru.txt" >/dev/null 2>&1 || true
# Each 10x run is paired with a run of the shipped packs just before it, and the ratio is the
# median of the pairs' ratios: this host's speed drifts by a third within minutes, and the
# rounds above ran minutes earlier.
scale_runs=()
ratios=()
for i in $(seq "$AUDIT_RUNS"); do
  run_audit "audit_scalebase_run$i" "$CORPUS" 1
  run_audit "audit_scale_run$i" "$CORPUS" 1 --policy "$WORK/scale/bigpolicy"; scale_runs+=("audit_scale_run$i")
  base_wall=$(grep "^audit_scalebase_run${i}_wall=" "$RESULTS" | tail -1 | cut -d= -f2)
  scale_wall=$(grep "^audit_scale_run${i}_wall=" "$RESULTS" | tail -1 | cut -d= -f2)
  ratios+=("$(awk -v b="$base_wall" -v s="$scale_wall" 'BEGIN { if (b > 0) printf "%.3f", s / b }')")
done
median_of audit_scale "${scale_runs[@]}"
put audit_scale_pair_ratios "${ratios[*]}"
put audit_scale_pair_ratio "$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }')"
scale_hits=$(grep '^audit_scale_scale_findings=' "$RESULTS" | tail -1 | cut -d= -f2)
scale_rc=$(grep '^audit_scale_rc=' "$RESULTS" | tail -1 | cut -d= -f2)
if [ "$scale_hits" = 0 ] || [ "$scale_rc" = 2 ]; then
  # The audit did not take --policy: name the packs in a .grabli.yaml instead.
  say "audit ignored --policy; passing the generated packs through .grabli.yaml"
  printf 'packs: [bigpolicy/]\n' >"$WORK/scale/.grabli.yaml"
  (cd "$WORK/scale" && run_audit audit_scale "$CORPUS" 1)
  put audit_scale_via ".grabli.yaml packs"
else
  put audit_scale_via "--policy"
fi
GRABLI_CACHE_DIR=off cold_check check_ru_scale_nocache 3 "$WORK/posts/ru.txt" --policy "$WORK/scale/bigpolicy"
cold_check check_ru_scale 3 "$WORK/posts/ru.txt" --policy "$WORK/scale/bigpolicy"

# x10 corpus: generated streaming, audited at --jobs 2, then deleted.
if [ "$X10" = 1 ]; then
  say "building the $((MB * 10)) MB corpus"
  $PY "$BENCH/make_corpus.py" --mb $((MB * 10)) --jsonl "$WORK/corpus-x10.jsonl" >"$WORK/corpus-x10.json"
  $PY - "$WORK/corpus-x10.json" >>"$RESULTS" <<'EOF'
import json, sys
for k, v in json.load(open(sys.argv[1])).items():
    print(f"x10_{k}={v}")
EOF
  run_audit audit_x10 "$WORK/corpus-x10.jsonl" 2
  rm -f "$WORK/corpus-x10.jsonl"
fi

# Micro-benchmarks of the stages, on the real shipped policy and a sample of the corpus.
if [ "$MICRO" = 1 ]; then
  say "micro-benchmarks"
  # Three repetitions of each, interleaved at random, and their medians: run one after another,
  # two benchmarks compared on the page (the 10x lexicon's ratio) met different minutes of a
  # host whose speed drifts.
  GRABLI_BENCH_CORPUS=$TEXT GRABLI_BENCH_POSTS=3000 GRABLI_BENCH_POLICY=$WORK/scale/bigpolicy "$BUILD/grabli_micro" --benchmark_min_time=0.2 \
    --benchmark_repetitions=3 --benchmark_enable_random_interleaving=true --benchmark_report_aggregates_only=true \
    --benchmark_out="$WORK/micro.json" --benchmark_out_format=json >"$WORK/micro.txt" 2>&1 ||
    say "micro-benchmarks failed; see $WORK/micro.txt"
fi

# ---------------------------------------------------------------------------------------------
# Where it ran, and the report.
# ---------------------------------------------------------------------------------------------
put machine_cpu "$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
put machine_nproc "$(nproc)"
put machine_mem "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
put machine_os "$(. /etc/os-release && echo "$PRETTY_NAME")"
put machine_kernel "$(uname -r)"
put machine_compiler "$(c++ --version | head -1)"
put grabli_commit "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD -- src rules 2>/dev/null || echo ' + uncommitted changes in src/ or rules/')"
put date "$(date -u '+%Y-%m-%d %H:%M UTC')"

$PY "$BENCH/report.py" --results "$RESULTS" --micro "$WORK/micro.json" --out "$OUT"
say "wrote $OUT"
