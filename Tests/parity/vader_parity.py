#!/usr/bin/env python3
"""VADER parity: `valence analyze`'s Valence block against vaderSentiment 3.3.2, document by document.

Usage: python3 Tests/parity/vader_parity.py [--show N]   (build first: swift build)
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "tools"))
import valence_peers as vp


def compare(path, analyzer):
    docs = vp.read_jsonl(path)
    ours = vp.analyze(path, "en")
    assert len(ours) == len(docs), (path, len(ours), len(docs))
    compound_ok = shares_ok = 0
    mismatches = []
    for doc, mine in zip(docs, ours):
        theirs = analyzer.polarity_scores(doc["text"])
        v = mine["Valence"]
        c = v["compound"] == theirs["compound"]
        s = v["pos"] == theirs["pos"] and v["neu"] == theirs["neu"] and v["neg"] == theirs["neg"]
        compound_ok += c
        shares_ok += s
        if not (c and s):
            mismatches.append((doc["id"], doc["text"], v, theirs))
    return len(docs), compound_ok, shares_ok, mismatches


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", type=int, default=5)
    args = parser.parse_args()
    analyzer = vp.vader()
    total = [0, 0, 0]
    for path in vp.english_eval_sets():
        n, c, s, mismatches = compare(path, analyzer)
        total = [total[0] + n, total[1] + c, total[2] + s]
        print(f"{os.path.basename(path):28} {n:6} docs  compound equal {c / n:8.4%}  pos/neu/neg equal {s / n:8.4%}")
        for doc_id, text, mine, theirs in mismatches[: args.show]:
            print(f"    {doc_id}: {text[:100]!r}\n      valence {mine}\n      vader   {theirs}")
    n, c, s = total
    print(f"{'all':28} {n:6} docs  compound equal {c / n:8.4%}  pos/neu/neg equal {s / n:8.4%}")


if __name__ == "__main__":
    main()
