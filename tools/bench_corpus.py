#!/usr/bin/env python3
"""Builds a benchmark corpus (ONE_DOC_PER_LINE) of real texts from the shared data sets.

    tools/bench_corpus.py --language en --size 50MB --out corpus.txt [--seed 1]

Documents come from every ../shared/train and ../shared/eval file of the language (for en: every
en*.jsonl). Real corpora do not repeat documents, and a benchmark must not measure a cache of
repeats or a branch predictor that learned fourteen sentences, so every line is unique: it joins
the first part of one real text to the last part of another, cut at a space (or, for scripts written
without spaces, at a character), so lines keep the length distribution of the real texts. Lines
hold no newline, CR or tab. The output is deterministic for a seed. Prints `<bytes> <lines>`.
"""
import argparse
import json
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
UNITS = {"": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "kib": 2**10, "mib": 2**20, "gib": 2**30}
NO_SPACES = {"ja", "zh", "zh-TW"}


def shared_dir():
    return os.environ.get("VALENCE_SHARED") or os.path.join(os.path.dirname(ROOT), "shared")


def parse_size(text):
    digits = text.rstrip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    unit = text[len(digits):].lower()
    if unit not in UNITS:
        sys.exit(f"bench_corpus: unknown size unit in {text!r}")
    return int(float(digits) * UNITS[unit])


def texts_for(language):
    found = []
    for part in ("train", "eval"):
        folder = os.path.join(shared_dir(), part)
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".jsonl"):
                continue
            stem = name[:-len(".jsonl")]
            if stem == language or (language == "en" and stem.startswith("en")):
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    for line in f:
                        text = " ".join(json.loads(line)["text"].split())
                        if text:
                            found.append(text)
    if not found:
        sys.exit(f"bench_corpus: no texts for {language} under {shared_dir()}")
    return found


def cut_points(text, spaced):
    if spaced:
        points = [i for i, c in enumerate(text) if c == " "]
        return points or [len(text)]
    return list(range(1, len(text))) or [len(text)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", required=True)
    parser.add_argument("--size", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    limit = parse_size(args.size)
    texts = texts_for(args.language)
    spaced = args.language not in NO_SPACES
    cuts = [cut_points(t, spaced) for t in texts]
    rng = random.Random(args.seed)
    seen = set()
    written = lines = 0
    with open(args.out, "wb") as out:
        block = []
        while written < limit:
            i, j = rng.randrange(len(texts)), rng.randrange(len(texts))
            head = texts[i][:rng.choice(cuts[i])]
            tail = texts[j][rng.choice(cuts[j]):]
            doc = (head + tail if not spaced else head.rstrip() + " " + tail.lstrip()).strip()
            if not doc or doc in seen:
                continue
            seen.add(doc)
            data = (doc + "\n").encode("utf-8")
            if len(data) > 5000 or written + len(data) > limit:
                if written + len(data) > limit:
                    break
                continue
            block.append(data)
            written += len(data)
            lines += 1
            if len(block) >= 4096:
                out.write(b"".join(block))
                block = []
        out.write(b"".join(block))
    print(written, lines)


if __name__ == "__main__":
    main()
