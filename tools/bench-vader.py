#!/usr/bin/env python3
"""Measures vaderSentiment 3.3.2 `polarity_scores` throughput on the English benchmark corpus.

Usage: python3 tools/bench-vader.py [--runs N] [--warmup N] [--json FILE]

The corpus is exactly the one the Swift benchmark `EnglishScoring` scores: the "text" member of
every line of every `en*.jsonl` in <shared>/eval, files in byte order of their names, lines in
file order. <shared> is $VALENCE_SHARED when set, else shared/ beside the repository.

One run is one pass over the whole corpus in this single process, timed with
time.perf_counter(); the figures are the median pass (and the fastest, for reference).
MB means 10^6 bytes of UTF-8 text. vaderSentiment is installed with pip if it is missing.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VADER_VERSION = "3.3.2"


def shared_dir():
    return os.environ.get("VALENCE_SHARED") or os.path.join(os.path.dirname(ROOT), "shared")


def english_texts():
    eval_dir = os.path.join(shared_dir(), "eval")
    names = sorted((n for n in os.listdir(eval_dir) if n.startswith("en") and n.endswith(".jsonl")),
                   key=lambda n: n.encode("utf-8"))
    if not names:
        sys.exit(f"bench-vader: no en*.jsonl in {eval_dir}")
    texts = []
    for name in names:
        with open(os.path.join(eval_dir, name), encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    texts.append(json.loads(line)["text"])
    return names, texts


def vader_analyzer():
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", f"vaderSentiment=={VADER_VERSION}"],
                       check=True)
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    from importlib.metadata import version
    installed = version("vaderSentiment")
    if installed != VADER_VERSION:
        print(f"bench-vader: warning: vaderSentiment {installed} installed, not {VADER_VERSION}", file=sys.stderr)
    return SentimentIntensityAnalyzer(), installed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed passes over the corpus (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed passes first (default 1)")
    parser.add_argument("--json", help="also write the results as JSON to this file")
    args = parser.parse_args()

    names, texts = english_texts()
    documents = len(texts)
    utf8_bytes = sum(len(t.encode("utf-8")) for t in texts)
    analyzer, installed = vader_analyzer()
    polarity_scores = analyzer.polarity_scores

    for _ in range(args.warmup):
        for text in texts:
            polarity_scores(text)
    seconds = []
    for _ in range(args.runs):
        start = time.perf_counter()
        for text in texts:
            polarity_scores(text)
        seconds.append(time.perf_counter() - start)

    median = statistics.median(seconds)
    best = min(seconds)
    result = {
        "vaderSentiment": installed,
        "python": platform.python_version(),
        "files": names,
        "documents": documents,
        "bytes": utf8_bytes,
        "runs": args.runs,
        "seconds_per_pass": seconds,
        "median_seconds": median,
        "docs_per_s": documents / median,
        "mb_per_s": utf8_bytes / median / 1e6,
        "best_docs_per_s": documents / best,
        "best_mb_per_s": utf8_bytes / best / 1e6,
    }
    print(f"vaderSentiment {installed} polarity_scores, CPython {result['python']}, 1 process: "
          f"{documents} docs, {utf8_bytes} bytes, median of {args.runs} passes {median:.3f} s -> "
          f"{result['docs_per_s']:,.0f} docs/s, {result['mb_per_s']:.2f} MB/s "
          f"(best pass {result['best_docs_per_s']:,.0f} docs/s)")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
