#!/usr/bin/env python3
"""Where a job's second thread goes: one thread against two, and each thread's CPU.

    tools/bench-threads.py [--language en] [--size 60MB] [--compression gzip] [--runs 8] [--cpu-runs 5]

Builds a corpus with tools/bench_corpus.py, then runs `valence run DIR --threads 1` and `--threads 2`
alternately `--runs` times each and prints their median wall times and the ratio (the bench's "2 threads
vs 1"). Then runs each `--cpu-runs` more times while reading every thread's CPU time from
/proc/PID/task/TID/schedstat every 5 ms (the reading perturbs the run, which is why the walls come from
runs without it; a thread's last 5 ms may go uncounted) and prints the medians: the main thread
(start-up, the pack, the writer), the reader, and the workers. A one-thread job runs its reader and
writer on the otherwise idle core; a two-thread job pays for them on its busy ones, so their share of
the workers' CPU bounds the ratio (docs/decisions/0002, "Where 2 threads vs 1 stops"). On a shared host
the workers' CPU itself moves from run to run; compare the two rows' worker totals before reading the
ratio. Linux only. VALENCE_BIN picks the binary (default: build .build/release/valence).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def job_command(binary, directory, args, threads, out):
    return [binary, "run", directory, "--language-code", args.language, "--input-format", "ONE_DOC_PER_LINE",
            "--compression", args.compression, "--threads", str(threads), "--output", out]


def timed(command, out):
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def thread_cpu(command, out):
    """CPU seconds of each thread of one run, the main thread first, the others in thread-id order."""
    shutil.rmtree(out, ignore_errors=True)
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    last = {}
    while process.poll() is None:
        try:
            for tid in os.listdir(f"/proc/{process.pid}/task"):
                try:
                    with open(f"/proc/{process.pid}/task/{tid}/schedstat") as f:
                        last[int(tid)] = int(f.read().split()[0]) / 1e9
                except OSError:
                    pass  # the thread ended between the listing and the read
        except OSError:
            pass
        time.sleep(0.005)
    if process.returncode != 0:
        sys.exit(f"bench-threads: the job failed ({process.returncode})")
    return [last[tid] for tid in sorted(last)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", default="en")
    parser.add_argument("--size", default="60MB")
    parser.add_argument("--compression", default="gzip", choices=["gzip", "zstd"])
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("--cpu-runs", type=int, default=5)
    args = parser.parse_args()

    binary = os.environ.get("VALENCE_BIN")
    if not binary:
        subprocess.run(["swift", "build", "-c", "release", "--product", "valence"], cwd=ROOT, check=True, stdout=sys.stderr)
        binary = os.path.join(ROOT, ".build", "release", "valence")
    os.environ.setdefault("VALENCE_LEXICONS", os.path.join(ROOT, "Lexicons"))

    work = tempfile.mkdtemp(prefix="valence-bench-threads.")
    try:
        corpus_dir = os.path.join(work, "in")
        os.makedirs(corpus_dir)
        size, lines = subprocess.run(
            [sys.executable, os.path.join(ROOT, "tools", "bench_corpus.py"), "--language", args.language,
             "--size", args.size, "--out", os.path.join(corpus_dir, "corpus.txt")],
            check=True, stdout=subprocess.PIPE, text=True).stdout.split()
        out = os.path.join(work, "out")
        walls = {1: [], 2: []}
        for _ in range(args.runs):
            for threads in (1, 2):
                walls[threads].append(timed(job_command(binary, corpus_dir, args, threads, out), out))
        cpu = {1: [], 2: []}
        for _ in range(args.cpu_runs):
            for threads in (1, 2):
                cpu[threads].append(thread_cpu(job_command(binary, corpus_dir, args, threads, out), out))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    one, two = statistics.median(walls[1]), statistics.median(walls[2])
    print(f"{args.language} {args.compression}, {int(size):,} bytes, {int(lines):,} lines; "
          f"medians of {args.runs} alternating runs, thread CPU of {args.cpu_runs} more\n")
    print("| threads | wall s | main s | reader s | workers s | reader + main / workers |")
    print("|---:|---:|---:|---:|---:|---:|")
    for threads, wall in ((1, one), (2, two)):
        runs = [r for r in cpu[threads] if len(r) == threads + 2]   # main, reader, workers
        if not runs:
            print(f"| {threads} | {wall:.3f} | ? | ? | ? | ? |")
            continue
        main_s = statistics.median(r[0] for r in runs)
        reader_s = statistics.median(r[1] for r in runs)
        workers = [statistics.median(sorted(r[2:], reverse=True)[i] for r in runs) for i in range(threads)]
        share = (main_s + reader_s) / sum(workers)
        print(f"| {threads} | {wall:.3f} | {main_s:.3f} | {reader_s:.3f} | {' + '.join(f'{w:.3f}' for w in workers)} | {share:.1%} |")
    print(f"\n2 threads vs 1: {one / two:.3f}×")


if __name__ == "__main__":
    main()
