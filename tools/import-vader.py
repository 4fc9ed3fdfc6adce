#!/usr/bin/env python3
"""Builds Lexicons/en/lexicon.tsv and emoji.tsv from vaderSentiment 3.3.2 (MIT).

Usage: python3 tools/import-vader.py [--wheel-dir DIR]
Downloads vadersentiment==3.3.2 with pip (no dependencies) unless DIR already holds the wheel,
and keeps exactly what vaderSentiment's own loaders keep: the first two tab-separated fields
of each stripped line (word, mean valence) and (emoji, description).
"""
import argparse
import glob
import os
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--wheel-dir")
    args = parser.parse_args()
    wheel_dir = args.wheel_dir or tempfile.mkdtemp()
    wheels = glob.glob(os.path.join(wheel_dir, "vaderSentiment-3.3.2-*.whl"))
    if not wheels:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", wheel_dir,
                        "vadersentiment==3.3.2"], check=True)
        wheels = glob.glob(os.path.join(wheel_dir, "vaderSentiment-3.3.2-*.whl"))
    with zipfile.ZipFile(wheels[0]) as wheel:
        lexicon = wheel.read("vaderSentiment/vader_lexicon.txt").decode("utf-8")
        emoji = wheel.read("vaderSentiment/emoji_utf8_lexicon.txt").decode("utf-8")

    out = os.path.join(ROOT, "Lexicons", "en")
    with open(os.path.join(out, "lexicon.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for line in lexicon.rstrip("\n").split("\n"):
            if not line:
                continue
            word, measure = line.strip().split("\t")[0:2]
            f.write(f"{word}\t{measure}\n")
    with open(os.path.join(out, "emoji.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for line in emoji.rstrip("\n").split("\n"):
            symbol, description = line.strip().split("\t")[0:2]
            f.write(f"{symbol}\t{description}\n")


if __name__ == "__main__":
    main()
