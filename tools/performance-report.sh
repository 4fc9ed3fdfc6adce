#!/usr/bin/env bash
# Runs the Swift benchmarks (Benchmarks/, package-benchmark, release build) and the VADER peer
# (tools/bench-vader.py) in one run, and writes docs/PERFORMANCE.md from what they measured.
#
# Usage: tools/performance-report.sh            (from anywhere; takes a few minutes, more on a
#                                                  first build of Benchmarks/)
# Inputs: <shared>/eval/*.jsonl, <shared> = $VALENCE_SHARED or shared/ beside the repository.
# Env:    VADER_RUNS (default 5) timed passes of the VADER script.
#
# Every figure in the output comes from this run; nothing is written by hand.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export VALENCE_SHARED="${VALENCE_SHARED:-$(cd "$ROOT/.." && pwd)/shared}"
[ -d "$VALENCE_SHARED/eval" ] || { echo "performance-report: no $VALENCE_SHARED/eval (set VALENCE_SHARED)" >&2; exit 1; }
OUT="$ROOT/docs/PERFORMANCE.md"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/valence-perf.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# --- machine -----------------------------------------------------------------------------------
export PERF_NPROC="$(nproc)"
export PERF_CPU="$( (lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n1) || true)"
[ -n "$PERF_CPU" ] || PERF_CPU="$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo | head -n1)"
export PERF_MEM="$(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
export PERF_OS="$( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null || uname -s), kernel $(uname -r)"
export PERF_SWIFT="$(swift --version 2>&1 | grep -m1 'Swift version')"
export PERF_ICU="$(pkg-config --modversion icu-uc 2>/dev/null || dpkg-query -W -f '${Version}' libicu-dev 2>/dev/null || echo unknown)"
export PERF_DATE="$(date -u '+%Y-%m-%d %H:%M UTC')"
export PERF_COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
export PERF_DIRTY="$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo yes || echo no)"
export PERF_LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- Swift benchmarks (release) ----------------------------------------------------------------
echo "performance-report: running Swift benchmarks (cd Benchmarks && swift package benchmark)..." >&2
(
    cd "$ROOT/Benchmarks"
    VALENCE_BENCH_STATS_DIR="$WORK/stats" swift package benchmark \
        --no-progress --format jmh --path "$WORK/jmh" > "$WORK/swift-bench.log" 2>&1
) || { cat "$WORK/swift-bench.log" >&2; echo "performance-report: Swift benchmarks failed" >&2; exit 1; }
export PERF_LOAD_SWIFT="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- VADER peer ---------------------------------------------------------------------------------
echo "performance-report: running tools/bench-vader.py..." >&2
python3 "$ROOT/tools/bench-vader.py" --runs "${VADER_RUNS:-5}" --json "$WORK/vader.json" >&2
export PERF_LOAD_VADER="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- report -------------------------------------------------------------------------------------
python3 - "$WORK" "$OUT" <<'PY'
import glob, json, os, statistics, sys

work, out = sys.argv[1], sys.argv[2]
env = os.environ

jmh_files = glob.glob(os.path.join(work, "jmh", "*.jmh.json"))
if len(jmh_files) != 1:
    sys.exit(f"performance-report: expected one JMH export in {work}/jmh, found {jmh_files}")
results = {}
for element in json.load(open(jmh_files[0])):
    # "package.benchmark.<Target>.<benchmark name with spaces as _>"
    _, _, target, name = element["benchmark"].split(".", 3)
    metrics = {"Throughput (# / s)": element["primaryMetric"]}
    metrics.update(element["secondaryMetrics"])
    results[(target, name.replace("_", " "))] = metrics

def samples(target, name, metric):
    data = results[(target, name)][metric]["rawData"][0]
    if not data:
        sys.exit(f"performance-report: no samples of {metric} for {target}/{name}")
    return data

def wall_us(target, name):
    data = samples(target, name, "Time (wall clock)")
    return statistics.median(data), min(data), len(data)

stats_en = json.load(open(os.path.join(work, "stats", "EnglishScoring.json")))
stats_seg = json.load(open(os.path.join(work, "stats", "Segmentation.json")))
stats_lang = json.load(open(os.path.join(work, "stats", "LanguageScoring.json")))
vader = json.load(open(os.path.join(work, "vader.json")))
if (stats_en["documents"], stats_en["bytes"]) != (vader["documents"], vader["bytes"]):
    sys.exit(f"performance-report: corpus mismatch: Swift {stats_en}, VADER {vader['documents']} docs "
             f"{vader['bytes']} bytes")

docs, nbytes = stats_en["documents"], stats_en["bytes"]
med_us, best_us, n_en = wall_us("EnglishScoring", "analyze en corpus")
v_docs = docs / (med_us / 1e6)
v_mb = nbytes / (med_us / 1e6) / 1e6
v_best_docs = docs / (best_us / 1e6)
v_best_mb = nbytes / (best_us / 1e6) / 1e6
cpu_med_us = statistics.median(samples("EnglishScoring", "analyze en corpus", "Time (total CPU)"))
mallocs = statistics.median(samples("EnglishScoring", "analyze en corpus", "Malloc (total)"))
malloc_bytes = statistics.median(samples("EnglishScoring", "analyze en corpus", "Malloc (bytes total)"))
rss = statistics.median(samples("EnglishScoring", "analyze en corpus", "Memory (resident peak)"))

ratio = v_docs / vader["docs_per_s"]
best_ratio = v_best_docs / vader["best_docs_per_s"]

def fmt(x, digits=0):
    return f"{x:,.{digits}f}"

lines = []
w = lines.append
w("# Performance")
w("")
w("Generated by `tools/performance-report.sh`; every figure below was measured by that run. Do not edit by hand:")
w("regenerate with")
w("")
w("```sh")
w("tools/performance-report.sh")
w("```")
w("")
w("## Machine and run")
w("")
w(f"- Date: {env['PERF_DATE']}; commit {env['PERF_COMMIT']}" + (" with uncommitted changes" if env["PERF_DIRTY"] == "yes" else ""))
w(f"- CPU: {env['PERF_CPU']}; `nproc` = {env['PERF_NPROC']}; memory {env['PERF_MEM']}")
w(f"- OS: {env['PERF_OS']}")
w(f"- Swift: {env['PERF_SWIFT']}; release build by package-benchmark (`swift package benchmark`)")
w(f"- ICU: {env['PERF_ICU']} (system ICU, used for word segmentation)")
w(f"- Python peer: CPython {vader['python']}, vaderSentiment {vader['vaderSentiment']}")
w(f"- Load average (1/5/15 min) at start {env['PERF_LOAD_START']}, after the Swift benchmarks {env['PERF_LOAD_SWIFT']}, "
  f"after VADER {env['PERF_LOAD_VADER']}. The machine may be shared; a load above 0 means other work ran beside the benchmarks.")
w("- All runs are single-threaded. MB = 10^6 bytes of UTF-8 text.")
w("")
w("## English scoring: Valence vs vaderSentiment")
w("")
w(f"Corpus: the `text` of every line of {', '.join('`' + f + '`' for f in vader['files'])} (shared eval set), "
  f"{fmt(docs)} documents, {fmt(nbytes)} bytes (average {nbytes / docs:.0f} B). Both sides score exactly these texts, "
  "one document at a time, one pass per sample.")
w("")
w("- Valence: `SentimentAnalyzer.Session.analyze` (benchmark `EnglishScoring` / `analyze en corpus`), "
  f"median of {n_en} passes after warm-up.")
w(f"- VADER: `SentimentIntensityAnalyzer().polarity_scores` (`tools/bench-vader.py`), median of {vader['runs']} passes after warm-up.")
w("")
w("| engine | docs/s | MB/s | median pass | fastest pass: docs/s | fastest pass: MB/s |")
w("|---|---:|---:|---:|---:|---:|")
w(f"| Valence (Swift) | {fmt(v_docs)} | {v_mb:.2f} | {med_us / 1e3:.1f} ms | {fmt(v_best_docs)} | {v_best_mb:.2f} |")
w(f"| vaderSentiment 3.3.2 (Python) | {fmt(vader['docs_per_s'])} | {vader['mb_per_s']:.2f} | "
  f"{vader['median_seconds'] * 1e3:.1f} ms | {fmt(vader['best_docs_per_s'])} | {vader['best_mb_per_s']:.2f} |")
w(f"| **ratio Valence / VADER** | **{ratio:.1f}×** | **{ratio:.1f}×** | | {best_ratio:.1f}× | {best_ratio:.1f}× |")
w("")
w(f"CPU time per Valence pass (median): {cpu_med_us / 1e3:.1f} ms.")
w("")
w("### Allocations (Valence)")
w("")
w("Counted by package-benchmark's malloc interposer over a whole pass (median pass), divided by the document count.")
w("")
w("| allocations per pass | allocations per document | bytes allocated per document | peak resident memory |")
w("|---:|---:|---:|---:|")
w(f"| {fmt(mallocs)} | {mallocs / docs:.2f} | {fmt(malloc_bytes / docs)} | {rss / 2**20:.0f} MiB |")
w("")
w("## Scoring throughput per language")
w("")
w("`SentimentAnalyzer.Session.analyze` (segmentation, lexicon valence, learned evidence, calibrated scores) over the "
  "`text` of every line of `<lang>.jsonl` in the shared eval set, one document at a time, with that language's pack "
  "from `Lexicons/<lang>` and one session (benchmark `LanguageScoring` / `analyze <lang>`; English is measured above "
  "on its larger corpus); docs/s and MB/s of the median pass.")
w("")
w("Allocations are counted by the malloc interposer over each whole pass. The same session scores the corpus again "
  "on every pass, so stable allocations per pass across passes (min close to max) mean that allocations do not grow "
  "with the number of documents scored: the session's buffers are reused, and what remains is a fixed cost per "
  "document. The counts are process-wide, so they include package-benchmark's own resident-memory sampler (a thread "
  "that reads `/proc/self/stat` about every 5 ms, allocating on each read): a spread of a few dozen allocations "
  "per pass follows each pass's duration, not the documents. package-benchmark keeps the samples in a histogram "
  "with 3 significant digits, so differences below about 0.1 % do not show. Peak RSS is the process's highest "
  "resident memory during the passes (one pack loaded).")
w("")
w("| language | documents | bytes | docs/s | MB/s | allocations per document (median pass) | allocations per pass: min..max over all passes | peak RSS | passes |")
w("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for lang, s in stats_lang.items():
    name = f"analyze {lang}"
    med, best, n = wall_us("LanguageScoring", name)
    allocs = samples("LanguageScoring", name, "Malloc (total)")
    peak = max(samples("LanguageScoring", name, "Memory (resident peak)"))
    w(f"| {lang} | {fmt(s['documents'])} | {fmt(s['bytes'])} | {fmt(s['documents'] / (med / 1e6))} | "
      f"{s['bytes'] / med:.2f} | {statistics.median(allocs) / s['documents']:.2f} | "
      f"{fmt(min(allocs))}..{fmt(max(allocs))} | {peak / 2**20:.0f} MiB | {n} |")
w("")
w("## Segmentation throughput per language")
w("")
w("`Segmenter(language:).forEachToken(in:)` (ICU word break plus emoji tokens) over the `text` of every line of "
  "`<lang>.jsonl` in the shared eval set, one document at a time (benchmark `Segmentation` / `segment <lang>`); "
  "median pass.")
w("")
w("| language | documents | bytes | tokens | MB/s | M tokens/s | fastest pass: MB/s | allocations per document | passes |")
w("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for lang, s in stats_seg.items():
    name = f"segment {lang}"
    med, best, n = wall_us("Segmentation", name)
    allocs = statistics.median(samples("Segmentation", name, "Malloc (total)"))
    w(f"| {lang} | {fmt(s['documents'])} | {fmt(s['bytes'])} | {fmt(s['tokens'])} | {s['bytes'] / med:.1f} | "
      f"{s['tokens'] / med:.2f} | {s['bytes'] / best:.1f} | {allocs / s['documents']:.2f} | {n} |")
w("")
# Sections measured apart, kept here as their scripts last wrote them: whole jobs beside vaderSentiment
# (tools/bench-job.py), the 1 GB job, which takes minutes (tools/big-job.sh), the HTTP endpoint
# under wrk (tools/bench-serve.py), and sharded jobs (tools/bench-shards.sh).
for section in ("PERFORMANCE-JOBS.md", "PERFORMANCE-1GB.md", "PERFORMANCE-SERVE.md", "PERFORMANCE-SHARDS.md"):
    path = os.path.join(os.path.dirname(out), section)
    if os.path.exists(path):
        lines.extend(open(path, encoding="utf-8").read().rstrip("\n").split("\n"))
        w("")
w("## How it is measured")
w("")
w("- `Benchmarks/` is a separate SwiftPM package (package-benchmark 1.38.1) that depends on the repository by path, "
  "so the main `swift build` / `swift test` carry no benchmark dependency. Run the benchmarks alone with "
  "`cd Benchmarks && swift package benchmark` (add `--target EnglishScoring`, `--target LanguageScoring` or `--target Segmentation`).")
w("- Corpus loading, the lexicon pack and the session are set up before measurement starts; each sample is one "
  "pass over the texts with every result passed to `blackHole`.")
w("- The texts are read from the shared eval set at run time; none are copied into the repository.")
w("- Throughput is reported as measured on this machine and is not asserted by tests. Figures from a machine "
  "with other work running (see the load average above) vary from run to run; the fastest pass is shown as well.")
w("")
with open(out, "w", encoding="utf-8") as f:
    f.write("\n".join(lines))
print(f"performance-report: wrote {out}", file=sys.stderr)
print(f"Valence {v_docs:,.0f} docs/s {v_mb:.2f} MB/s; VADER {vader['docs_per_s']:,.0f} docs/s "
      f"{vader['mb_per_s']:.2f} MB/s; ratio {ratio:.1f}x; {mallocs / docs:.2f} allocations/doc", file=sys.stderr)
PY
