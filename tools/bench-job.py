#!/usr/bin/env python3
"""Measures whole sentiment jobs against vaderSentiment in the same run, and writes the table to
docs/PERFORMANCE-JOBS.md (spliced into docs/PERFORMANCE.md).

    tools/bench-job.py [--en-size 60MB] [--other-size 20MB] [--runs 3] [--no-docs]

Steps, all on this machine in one run:
1. Builds the release binary (or uses $VALENCE_BIN) and corpora with tools/bench_corpus.py: real texts
   of ../shared/train and ../shared/eval, every line unique (one text's head joined to another's tail).
2. Runs `valence run DIR --input-format ONE_DOC_PER_LINE` (what a user types) for English with gzip
   and zstd on 2 threads, English gzip on 1 thread (for the 2-vs-1 scaling), and de, ja, zh with gzip
   on 2 threads; each `--runs` times, the median wall time counts; peak RSS from /usr/bin/time.
3. Runs vaderSentiment 3.3.2's `polarity_scores` over the same English corpus in 2 processes (each
   half of the lines), timed as a whole, `--runs` times, median.
4. Checks that each archive is one gzip member that `gzip -t` and Python's `tarfile` (`r|gz`) read
   whole, and compares its size with `gzip -6` of the same tar.
Ratios are job MB/s over vaderSentiment's MB/s (MB = 10^6 bytes of input text). The goals are
issue #10's: English gzip >= 15x, zstd >= 30x, de/ja/zh >= 8x vaderSentiment's English MB/s,
2 threads >= 1.9x one thread, peak RSS < 200 MB, archive <= 2 % larger than gzip -6.
"""
import argparse
import gzip
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from valence_peers import write_performance_section  # noqa: E402
VADER_WORKER = r"""
import sys
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
analyzer = SentimentIntensityAnalyzer()
part, parts = int(sys.argv[2]), int(sys.argv[3])
with open(sys.argv[1], encoding="utf-8") as f:
    for number, line in enumerate(f):
        if number % parts == part:
            analyzer.polarity_scores(line.rstrip("\n"))
"""


def cpu_model():
    """The CPU's model name from /proc/cpuinfo (the machine kind moves every figure), else the architecture."""
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return f"{line.split(':', 1)[1].strip()}, {platform.machine()}"
    except OSError:
        pass
    return platform.processor() or platform.machine()


def run(command, **kwargs):
    return subprocess.run(command, check=True, **kwargs)


def timed_job(binary, directory, language, compression, threads, out):
    """One `valence run`: (wall seconds, peak RSS in kB)."""
    shutil.rmtree(out, ignore_errors=True)
    report = os.path.join(out + ".time")
    started = time.perf_counter()
    run(["/usr/bin/time", "-f", "%M", "-o", report, binary, "run", directory, "--language-code", language,
         "--input-format", "ONE_DOC_PER_LINE", "--compression", compression, "--threads", str(threads),
         "--output", out], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    rss = int(open(report).read().split()[-1])
    os.remove(report)
    return wall, rss


def timed_vader(corpus, processes):
    started = time.perf_counter()
    workers = [subprocess.Popen([sys.executable, "-c", VADER_WORKER, corpus, str(i), str(processes)])
               for i in range(processes)]
    for worker in workers:
        if worker.wait() != 0:
            sys.exit("bench-job: the vaderSentiment worker failed (pip install vadersentiment==3.3.2)")
    return time.perf_counter() - started


def check_gzip(archive, work):
    """(archive bytes, gzip -6 bytes of the same tar); fails unless one member read whole by r|gz."""
    run(["gzip", "-t", archive])
    with tarfile.open(archive, "r|gz") as stream:
        members = [(m.name, len(stream.extractfile(m).read())) for m in stream]
    assert [name for name, _ in members] == ["output"], members
    tar = os.path.join(work, "check.tar")
    with gzip.open(archive, "rb") as source, open(tar, "wb") as target:
        shutil.copyfileobj(source, target, 1 << 20)
    reference = subprocess.run(["gzip", "-6", "-c", tar], check=True, stdout=subprocess.PIPE).stdout
    os.remove(tar)
    # A single member: the first member's trailer is the file's end.
    with open(archive, "rb") as f:
        data = f.read()
    import zlib
    decompressor = zlib.decompressobj(31)
    decompressor.decompress(data)
    assert decompressor.eof and decompressor.unused_data == b"", "more than one gzip member"
    return len(data), len(reference)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--en-size", default="60MB")
    parser.add_argument("--other-size", default="20MB")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-docs", action="store_true")
    args = parser.parse_args()

    binary = os.environ.get("VALENCE_BIN")
    if not binary:
        run(["swift", "build", "-c", "release", "--product", "valence"], cwd=ROOT, stdout=sys.stderr)
        binary = os.path.join(ROOT, ".build", "release", "valence")
    os.environ.setdefault("VALENCE_LEXICONS", os.path.join(ROOT, "Lexicons"))
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    load_before = os.getloadavg()

    work = tempfile.mkdtemp(prefix="valence-bench-job.")
    try:
        sizes = {}
        for language, size in [("en", args.en_size), ("de", args.other_size), ("ja", args.other_size), ("zh", args.other_size)]:
            folder = os.path.join(work, "in-" + language)
            os.makedirs(folder)
            corpus = os.path.join(folder, "corpus.txt")
            out = run([sys.executable, os.path.join(ROOT, "tools", "bench_corpus.py"), "--language", language,
                       "--size", size, "--out", corpus], stdout=subprocess.PIPE, text=True).stdout.split()
            sizes[language] = (int(out[0]), int(out[1]))
            print(f"bench-job: {language} corpus {sizes[language][0]:,} bytes, {sizes[language][1]:,} lines", file=sys.stderr)

        configurations = [("en", "gzip", 2), ("en", "zstd", 2), ("en", "gzip", 1), ("de", "gzip", 2), ("ja", "gzip", 2), ("zh", "gzip", 2)]
        results = {}
        vader_times = []
        en_corpus = os.path.join(work, "in-en", "corpus.txt")
        for attempt in range(args.runs):
            # Interleaved, so that a noisy period touches every configuration alike.
            for language, compression, threads in configurations:
                out = os.path.join(work, f"out-{language}-{compression}-{threads}")
                wall, rss = timed_job(binary, os.path.join(work, "in-" + language), language, compression, threads, out)
                results.setdefault((language, compression, threads), []).append((wall, rss))
                print(f"bench-job: run {attempt + 1} {language} {compression} {threads}T {wall:.2f} s {rss / 1000:.1f} MB", file=sys.stderr)
            vader_times.append(timed_vader(en_corpus, 2))
            print(f"bench-job: run {attempt + 1} vaderSentiment 2 processes {vader_times[-1]:.2f} s", file=sys.stderr)

        archive_sizes = {}
        for language in ["en", "de", "ja", "zh"]:
            archive = os.path.join(work, f"out-{language}-gzip-2", "output.tar.gz")
            archive_sizes[language] = check_gzip(archive, work)
        load_after = os.getloadavg()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    vader_mbs = sizes["en"][0] / 1e6 / statistics.median(vader_times)
    rows = []
    measured = {}
    for (language, compression, threads), samples in results.items():
        wall = statistics.median(w for w, _ in samples)
        rss = max(r for _, r in samples) / 1000
        mbs = sizes[language][0] / 1e6 / wall
        measured[(language, compression, threads)] = (wall, mbs, rss)
        rows.append(f"| {language} | {compression} | {threads} | {sizes[language][0] / 1e6:.1f} | {sizes[language][1]:,} | "
                    f"{wall:.2f} | {mbs:.1f} | **{mbs / vader_mbs:.1f}×** | {rss:.1f} |")
    scaling = measured[("en", "gzip", 2)][1] / measured[("en", "gzip", 1)][1]
    en_gz, en_zst = measured[("en", "gzip", 2)][1] / vader_mbs, measured[("en", "zstd", 2)][1] / vader_mbs
    others = {language: measured[(language, "gzip", 2)][1] / vader_mbs for language in ["de", "ja", "zh"]}
    max_rss = max(v[2] for v in measured.values())
    size_excess = {language: (ours / reference - 1) * 100 for language, (ours, reference) in archive_sizes.items()}

    def verdict(ok):
        return "met" if ok else "**not met**"

    lines = [
        "## Sentiment jobs: Valence vs vaderSentiment, end to end",
        "",
        f"Generated by `tools/bench-job.py --en-size {args.en_size} --other-size {args.other_size} --runs {args.runs}` "
        f"on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, commit {commit}; `nproc` = {os.cpu_count()}, "
        f"{cpu_model()}; load average (1/5/15 min) {' '.join(f'{x:.2f}' for x in load_before)} "
        f"before, {' '.join(f'{x:.2f}' for x in load_after)} after (above 0: other work ran beside it).",
        "",
        "Each job is `valence run DIR --language-code L --input-format ONE_DOC_PER_LINE --compression C --threads T "
        "--output OUT` on a corpus of real texts from `../shared/train` and `../shared/eval` (`tools/bench_corpus.py`: "
        "every line unique, the length distribution of the real texts), median wall time of "
        f"{args.runs} runs interleaved with vaderSentiment's, peak RSS the largest of the runs. vaderSentiment 3.3.2 "
        "scores the same English corpus in 2 processes (half of the lines each) in "
        f"{statistics.median(vader_times):.2f} s: **{vader_mbs:.2f} MB/s**. The ratio is the job's input MB/s over that.",
        "",
        "| language | codec | threads | input MB | documents | wall s | MB/s | × vaderSentiment | peak RSS MB |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
        *sorted(rows, key=lambda r: (r.split("|")[1] != " en ", r)),
        "",
        "Goals (issue #10), from this run:",
        "",
        f"- English, gzip (default), 2 threads: {en_gz:.1f}× (goal ≥ 15×): {verdict(en_gz >= 15)}.",
        f"- English, zstd, 2 threads: {en_zst:.1f}× (goal ≥ 30×): {verdict(en_zst >= 30)}.",
        "- de, ja, zh, gzip, 2 threads: " + ", ".join(f"{k} {v:.1f}×" for k, v in others.items())
        + f" (goal ≥ 8× each): {verdict(all(v >= 8 for v in others.values()))}.",
        f"- 2 threads vs 1 (English gzip): {scaling:.2f}× (goal ≥ 1.9×): {verdict(scaling >= 1.9)}.",
        f"- Peak RSS: {max_rss:.1f} MB (goal < 200 MB): {verdict(max_rss < 200)}.",
        "- gzip archive vs `gzip -6` of the same tar: " + ", ".join(f"{k} {v:+.2f} %" for k, v in size_excess.items())
        + f" (goal ≤ +2 %): {verdict(all(v <= 2 for v in size_excess.values()))}. Every archive is one gzip member, "
        "read whole by `gzip -t` and Python's `tarfile` (`r|gz`).",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if args.no_docs:
        return
    write_performance_section("PERFORMANCE-JOBS.md", "## Sentiment jobs: Valence vs vaderSentiment, end to end", text,
                              before="## 1 GB")
    print("bench-job: wrote docs/PERFORMANCE-JOBS.md and its section of docs/PERFORMANCE.md", file=sys.stderr)


if __name__ == "__main__":
    main()
