#!/usr/bin/env python3
"""Rule-dense random sentences, scored by `valence analyze` and vaderSentiment 3.3.2 side by side.

The dev sets exercise the common paths; these sentences pile up negators, boosters, ALL CAPS,
idioms, 'but', 'no', 'least', emoji and punctuation so the rare paths are compared too.
Usage: python3 Tests/parity/vader_fuzz.py [--count N] [--seed S]
"""
import argparse
import json
import os
import random
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "tools"))
import valence_peers as vp

WORDS = ["good", "bad", "great", "terrible", "love", "hate", "nice", "awful", "happy", "sad", "the", "movie",
         "was", "is", "plot", "it", "i", "and", "or", "nor", "of", "kind", "sort", "least", "at", "very", "no",
         "not", "never", "so", "this", "without", "doubt", "but", "BUT", "isn't", "don't", "cannot", "extremely",
         "slightly", "kinda", "sorta", "really", "GOOD", "BAD", "Great", "shit", "bomb", "bad ass", "badass",
         "yeah right", "kiss of death", "to die for", "beating heart", "bus stop", "just enough", "kind of",
         "sort of", ":)", ":(", ":D", ":-p", "lol", "LOL", "sux", "😀", "😡", "💘", "❤️", "👍🏽", "ok", "OK",
         "fabulously", "uber", "FRIGGIN", "hardly", "barely", "nope", "uh-uh", "despite", "rarely", "é", "naïve",
         "ÇA", "straße", "ΟΔΟΣ", "İstanbul", "good!", "bad?", "...", "!!", "??", "?!", "(good)", "'bad'", "\"nice\"",
         "wow", "meh", "abandon", "abduction", "wtf", "no-one", "n't", "hasnt", "aint", "nothing", "none"]


def sentence(rng):
    n = rng.randint(1, 14)
    words = [rng.choice(WORDS) for _ in range(n)]
    seps = [rng.choice([" ", " ", " ", "  ", "\t", " , ", "\u00a0", "\u2003"]) for _ in range(n)]
    text = "".join(w + s for w, s in zip(words, seps))
    if rng.random() < 0.3:
        text += rng.choice(["!", "!!", "!!!!!", "?", "??", "???", "????", "?!?!"])
    if rng.random() < 0.1:
        text = text.upper()
    return text


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=10)
    args = parser.parse_args()
    return main_with(args.count, args.seed, args.show)


def main_with(count, seed, show=10):
    rng = random.Random(seed)
    texts = [sentence(rng) for _ in range(count)]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for i, t in enumerate(texts):
            f.write(json.dumps({"id": i, "text": t}) + "\n")
        path = f.name
    try:
        ours = vp.analyze(path, "en")
    finally:
        os.unlink(path)
    analyzer = vp.vader()
    bad = []
    for t, mine in zip(texts, ours):
        theirs = analyzer.polarity_scores(t)
        v = mine["Valence"]
        if (v["compound"], v["pos"], v["neu"], v["neg"]) != (theirs["compound"], theirs["pos"], theirs["neu"], theirs["neg"]):
            bad.append((t, v, theirs))
    print(f"{len(texts)} sentences, {len(texts) - len(bad)} identical ({(len(texts) - len(bad)) / len(texts):.4%})")
    for t, v, theirs in bad[:show]:
        print(f"  {t!r}\n    valence {v}\n    vader   {theirs}")
    return 0 if not bad else 1


if __name__ == "__main__":
    sys.exit(main())
