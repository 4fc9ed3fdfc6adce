#!/usr/bin/env python3
"""Writes Tests/Fixtures/vader-golden.tsv: sentences that exercise every rule of VADER, each with
vaderSentiment 3.3.2's exact `polarity_scores` (compound, pos, neu, neg, as Python's repr prints them).

Usage: python3 tools/vader-golden.py      (needs vadersentiment==3.3.2: tools/install-deps.sh --python)

The Swift test VADERGoldenTests reads the file and scores every sentence with the English pack, so
`swift test` alone catches a broken rule. The file is generated once and committed; rerunning this script
gives the same bytes. Add a sentence to SENTENCES (under the rule it exercises) and rerun to extend it.
Columns: rule, text, compound, pos, neu, neg (tab-separated; texts hold no tab or newline).
"""
import importlib.metadata
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "vader-golden.tsv")

# rule family -> sentences. Each sentence leans on its family's rule; most also touch others.
SENTENCES = {
    "plain": [
        "The food is good.",
        "The food is bad.",
        "The table is made of wood.",
        "I love it",
        "happy sad",
        "",
        "a b c",
    ],
    "negation": [
        "The food is not good.",
        "The food is not very good.",
        "The food isn't good.",
        "The food isnt good.",
        "I don't think the food is good.",
        "I don't really like it.",
        "It is not really that bad.",
        "He never loved her.",
        "I cannot stand this awful place.",
        "Nobody was happy.",
        "Nothing here is great.",
        "We were not happy at all.",
        "Without the music it is sad.",
        "It ain't pretty.",
        "She wasn't unhappy with it.",
    ],
    "never-so": [
        "It was never so good.",
        "It was never this good.",
        "I have never been so happy.",
        "This was so good.",
        "never so bad",
    ],
    "without-doubt": [
        "It is without doubt the best.",
        "This is without doubt good.",
        "It was without a doubt good.",
        "without doubt great",
    ],
    "no": [
        "No problem at all.",
        "There is no love here.",
        "no good",
        "No, it was good.",
        "There was no joy or hope.",
        "no no no",
    ],
    "booster": [
        "The food is very good.",
        "The food is extremely good.",
        "The food is very very good.",
        "It is absolutely amazing.",
        "It is very bad.",
        "It was incredibly terrible.",
        "The service was so very slow and really bad.",
        "Really, truly, wonderfully good.",
        "very extremely really good",
    ],
    "dampener": [
        "The food is somewhat good.",
        "The food is barely good.",
        "It is slightly bad.",
        "The plot was kinda boring.",
        "It was hardly great.",
        "marginally better",
    ],
    "kind-of": [
        "It is kind of good.",
        "It was kind of bad.",
        "It is sort of good.",
        "What kind of love is that?",
        "kind of",
    ],
    "but": [
        "The food is good but the service is bad.",
        "The food is bad but the service is good.",
        "It was good, but not great.",
        "Good but bad but good.",
        "I love it BUT I hate the price.",
        "great but",
        "but great",
        "The good, the bad, but the good.",
    ],
    "caps": [
        "The food is GOOD.",
        "The food is GOOD!",
        "The food is VERY good.",
        "The food is VERY GOOD.",
        "THE FOOD IS GOOD.",
        "I HATE this.",
        "It is NOT good.",
        "It was KIND of good.",
        "He is Great.",
        "EXTREMELY bad service",
        "LOL that was funny",
    ],
    "exclamation": [
        "The food is good!",
        "The food is good!!",
        "The food is good!!!",
        "The food is good!!!!",
        "The food is good!!!!!!!",
        "The food is bad!!!",
        "Wow! Great! Nice!",
        "!!!",
        "The table is wood!!!",
    ],
    "question": [
        "Is the food good?",
        "Is the food good??",
        "Is the food good???",
        "Is the food good????",
        "Is the food bad???",
        "Good?!?!",
        "Why???",
    ],
    "idiom": [
        "This pizza is the shit.",
        "This new album is the bomb.",
        "That car is bad ass.",
        "That car is a badass.",
        "I waited at the bus stop.",
        "Oh yeah right, great job.",
        "That deal was the kiss of death.",
        "This cake is to die for.",
        "Yeah the beating heart of the city.",
        "The movie was the shit!",
        "Some say the food is the bomb",
    ],
    "least": [
        "It is the least good movie.",
        "He is least happy.",
        "At least it was good.",
        "It was very least good.",
        "least good",
        "This is at least nice.",
    ],
    "emoji": [
        "I love it 😍",
        "😂😂😂",
        "The service 😡",
        "Good morning ☀️",
        "That was sad 😢 but funny 😂",
        "👍",
    ],
    "emoticon": [
        "Good day :)",
        "Bad day :(",
        "I miss you :-(",
        "<3 this",
        "See you :D",
        "meh :/",
        "Great job ;)",
        "Thanks XD",
    ],
    "punctuation-and-words": [
        "good, great, nice.",
        "(good) [bad] {nice}",
        "It's good...",
        "'good' \"bad\"",
        "good-looking and well-made",
    ],
    "mixed": [
        "I absolutely LOVE this phone, but the battery is NOT good!!!",
        "Not bad at all, kind of great actually :)",
        "The movie was never so boring, and I don't think it was funny??",
        "It isn't the worst, but it is hardly the best 😐",
        "VERY bad food but the staff were extremely nice!!",
        "Without doubt, this is NOT the bomb.",
    ],
}


def main():
    version = importlib.metadata.version("vaderSentiment")
    if version != "3.3.2":
        sys.exit(f"vaderSentiment {version} is installed; the fixture needs 3.3.2 (tools/install-deps.sh --python)")
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    analyzer = SentimentIntensityAnalyzer()
    rows = 0
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Generated by tools/vader-golden.py from vaderSentiment 3.3.2's polarity_scores; do not edit by hand.\n")
        f.write("rule\ttext\tcompound\tpos\tneu\tneg\n")
        for rule, texts in SENTENCES.items():
            for text in texts:
                assert "\t" not in text and "\n" not in text, text
                s = analyzer.polarity_scores(text)
                f.write(f"{rule}\t{text}\t{s['compound']!r}\t{s['pos']!r}\t{s['neu']!r}\t{s['neg']!r}\n")
                rows += 1
    print(f"{rows} sentences -> {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
