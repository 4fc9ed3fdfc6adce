#!/usr/bin/env python3
"""Writes a varied English ONE_DOC_PER_LINE corpus of a requested size, for load tests.

    tools/generate-corpus.py --size 1GB --out /tmp/big/corpus.txt [--seed 1]
    tools/generate-corpus.py --size 20MB > corpus.txt

Every line is one document of 1-4 sentences built from templates and word lists kept in this
file: VADER lexicon words of both polarities and several strengths, negations ("not", "never",
"isn't", "hardly"), boosters and dampeners ("extremely", "kind of"), "but" contrasts, ALL-CAPS
emphasis, "!!!" and "??", emoticons, emoji and a few non-ASCII letters (café, naïve, curly
quotes). Lines never hold a newline, carriage return or tab; they average about 120 bytes and
never exceed 1,500.

The output is deterministic for a given --seed and --size (the same bytes on every run and every
machine: `random.Random(seed)` and its methods used here are stable across Python 3 versions). Text is produced and written
in blocks of about 1 MB, so the script's own memory stays small whatever the size.

Sizes: a number of bytes with an optional unit, decimal (kB, MB, GB = 10^3, 10^6, 10^9) or binary
(KiB, MiB, GiB). The file holds whole lines only: its size is at most --size and within one
line of it. On exit the script prints `<bytes> <lines>` on stdout (on stderr when the corpus
itself goes to stdout).
"""
import argparse
import os
import random
import re
import sys

UNITS = {"": 1, "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12,
         "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40, "k": 10**3, "m": 10**6, "g": 10**9}

# --- word lists (every sentiment word below is in VADER's lexicon) --------------------------------
POSITIVE_WEAK = ["fine", "okay", "nice", "decent", "pleasant", "good", "helpful", "useful", "fair", "interesting",
                 "clean", "easy", "comfortable", "friendly", "solid", "reasonable", "cool", "fun"]
POSITIVE_STRONG = ["great", "excellent", "amazing", "wonderful", "fantastic", "awesome", "brilliant", "perfect",
                   "outstanding", "superb", "delightful", "lovely", "beautiful", "incredible", "best", "magnificent"]
NEGATIVE_WEAK = ["bad", "boring", "slow", "weak", "dull", "annoying", "disappointing", "poor", "confusing",
                 "messy", "uncomfortable", "tired", "sad", "worse", "meh", "awkward", "noisy"]
NEGATIVE_STRONG = ["terrible", "awful", "horrible", "disgusting", "worst", "useless", "pathetic", "dreadful",
                   "miserable", "hateful", "ugly", "broken", "rude", "stupid", "horrendous", "lousy"]
POSITIVE_VERBS = ["love", "like", "enjoy", "recommend", "appreciate", "admire", "adore", "trust", "praise"]
NEGATIVE_VERBS = ["hate", "dislike", "regret", "despise", "resent", "fear", "doubt", "blame", "reject"]
POSITIVE_NOUNS = ["joy", "delight", "success", "pleasure", "win", "bargain", "gift", "treasure", "triumph"]
NEGATIVE_NOUNS = ["mess", "failure", "waste", "disaster", "scam", "problem", "headache", "joke", "nightmare"]
BOOSTERS = ["very", "really", "extremely", "incredibly", "absolutely", "totally", "so", "truly", "completely",
            "remarkably", "hugely", "especially", "utterly", "quite", "super"]
DAMPENERS = ["kind of", "sort of", "somewhat", "slightly", "barely", "a little", "marginally", "partly", "hardly"]
NEGATIONS = ["not", "never", "hardly", "nothing", "without", "neither", "cannot", "nor", "nope"]
NEGATED_VERBS = ["is not", "isn't", "wasn't", "was not", "is never", "was never", "was hardly", "is hardly",
                 "wasn't ever", "ain't", "isnt", "is not at all", "was not that", "won't be", "can't be", "couldn't be"]
NEGATED_DO = ["don't", "didn't", "do not", "never", "doesn't", "won't", "wouldn't", "can't", "cannot"]
CONTRASTS = ["but", "however", "although", "though", "yet"]

SUBJECTS = ["the hotel", "this phone", "the movie", "our waiter", "the new update", "the battery", "the food",
            "the service", "this book", "the delivery", "the plot", "the staff", "the app", "the concert",
            "my order", "the camera", "the room", "customer support", "the soundtrack", "the price", "the café",
            "the ending", "the checkout page", "the coffee", "the flight", "the game", "the seller", "the manual",
            "the first episode", "the screen", "this laptop", "the keyboard", "the store", "the neighborhood",
            "the tour guide", "the recipe", "the team", "the interface", "the hike", "the weather"]
PEOPLE = ["I", "we", "my wife", "my brother", "everyone", "my kids", "our team", "my friends", "the whole family",
          "my boss", "nobody", "my neighbor", "my colleagues", "she", "he", "they"]
PLACES = ["Seattle", "Paris", "Tokyo", "Berlin", "the airport", "downtown", "the mall", "Lisbon", "Chicago",
          "the station", "the beach", "Toronto", "Madrid", "the office", "São Paulo", "Zürich"]
TIMES = ["yesterday", "last week", "this morning", "on Friday", "twice", "again", "last night", "in March",
         "after two weeks", "today", "every day", "over the weekend", "for a month", "since 2019"]
NEUTRAL_FACTS = ["It arrived on {day}.", "The package weighed {n} kilograms.", "We stayed for {n} nights.",
                 "The meeting starts at {h} o'clock.", "Order #{n}{n} was shipped from {place}.",
                 "The store is open until {h} pm.", "It comes in {color} and {color}.",
                 "The train to {place} leaves at {h}:{m}.", "There are {n} chapters in total.",
                 "I read the {n}th review before buying.", "Version {n}.{n} was released {time}.",
                 "The box contains {n} items and a cable.", "We took the bus from {place} to {place}."]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
COLORS = ["black", "white", "blue", "red", "silver", "green", "gray"]
EMOJI_POS = ["😀", "😂", "😍", "🥰", "👍", "🎉", "❤️", "😊", "🙌", "✨", "💯", "😎", "🤩"]
EMOJI_NEG = ["😡", "😢", "👎", "😞", "💔", "😠", "🤮", "😩", "😤", "🙄", "😭"]
EMOTICONS_POS = [":)", ":-)", ":D", ";)", "<3", "(:", "=)"]
EMOTICONS_NEG = [":(", ":-(", ":'(", "D:", ">:(", ":/"]
SLANG = ["lol", "lmao", "omg", "wtf", "smh", "meh", "yay", "ugh", "haha", "wow", "ha", "sux", "yikes"]
IDIOMS = ["the bomb", "yeah right", "cut the mustard", "kiss of death", "hand to mouth", "bad ass", "the shit"]
ENDINGS = [".", ".", ".", ".", "!", "!!", "!!!", "?", "??", "...", "?!", ""]
OPENERS = ["", "", "", "Honestly, ", "Well, ", "Overall, ", "To be fair, ", "Frankly, ", "In short, ",
           "Update: ", "Wow, ", "Sadly, ", "Luckily, ", "Ok so ", "“Seriously”, "]


class Corpus:
    # Each sentence is fresh with probability FRESH, else a reuse of one of the last POOL fresh
    # sentences: three times faster than all fresh, and lines are still all but unique.
    POOL = 1 << 14
    FRESH = 0.3

    def __init__(self, seed):
        self.r = random.Random(seed)
        self.pool = [self.clause() for _ in range(self.POOL)]
        self.next_slot = 0

    def sentence(self):
        if self.r.random() < self.FRESH:
            text = self.clause()
            self.pool[self.next_slot] = text
            self.next_slot = (self.next_slot + 1) % self.POOL
            return text
        return self.pool[int(self.r.random() * self.POOL)]

    def pick(self, items):
        return items[int(self.r.random() * len(items))]

    def adjective(self, positive):
        r = self.r.random()
        if positive:
            return self.pick(POSITIVE_STRONG if r < 0.5 else POSITIVE_WEAK)
        return self.pick(NEGATIVE_STRONG if r < 0.5 else NEGATIVE_WEAK)

    def modified(self, positive):
        """An adjective with an optional booster, dampener or capitals."""
        word = self.adjective(positive)
        r = self.r.random()
        if r < 0.25:
            word = self.pick(BOOSTERS) + " " + word
        elif r < 0.35:
            word = self.pick(DAMPENERS) + " " + word
        elif r < 0.42:
            word = word.upper()
        elif r < 0.47:
            word = self.pick(BOOSTERS) + " " + self.pick(BOOSTERS) + " " + word
        return word

    def fill(self, template):
        return template.format(day=self.pick(DAYS), n=self.r.randint(2, 99), h=self.r.randint(1, 12),
                               m=f"{self.r.randint(0, 59):02d}", color=self.pick(COLORS), place=self.pick(PLACES),
                               time=self.pick(TIMES))

    def clause(self):
        positive = self.r.random() < 0.55
        t = self.r.random()
        subject = self.pick(SUBJECTS)
        if t < 0.22:
            text = f"{subject} was {self.modified(positive)}"
        elif t < 0.34:
            text = f"{subject} {self.pick(NEGATED_VERBS)} {self.modified(positive)}"
        elif t < 0.46:
            verbs = POSITIVE_VERBS if positive else NEGATIVE_VERBS
            text = f"{self.pick(PEOPLE)} {self.pick(verbs)} {subject}"
            if self.r.random() < 0.3:
                text = f"{self.pick(PEOPLE)} {self.pick(NEGATED_DO + ['really', 'absolutely', 'truly'])} {self.pick(verbs)} {subject}"
        elif t < 0.54:
            nouns = POSITIVE_NOUNS if positive else NEGATIVE_NOUNS
            text = f"{subject} was {self.pick(['a total', 'a real', 'a complete', 'an absolute', 'such a', 'a', 'no'])} {self.pick(nouns)}"
        elif t < 0.64:
            text = (f"{subject} was {self.modified(positive)}, {self.pick(CONTRASTS)} "
                    f"{self.pick(SUBJECTS)} was {self.modified(not positive)}")
        elif t < 0.70:
            text = f"{self.pick(PEOPLE)} went to {self.pick(PLACES)} {self.pick(TIMES)} and it was {self.modified(positive)}"
        elif t < 0.76:
            text = f"{self.pick(NEGATIONS)} {self.pick(['so', 'that', 'very', 'too', 'as'])} {self.adjective(positive)} {self.pick(['honestly', 'tbh', 'at all', 'really', 'as I hoped', ''])}".rstrip()
        elif t < 0.80:
            text = f"{subject} is {self.pick(IDIOMS)}"
        elif t < 0.84:
            text = f"{self.pick(SLANG)} {subject} {self.pick(['is', 'was', 'looks', 'seems'])} {self.modified(positive)}"
        elif t < 0.90:
            return self.fill(self.pick(NEUTRAL_FACTS))
        else:
            text = (f"{self.pick(['never had', 'without a doubt', 'no doubt', 'what', 'never again', 'such'])} "
                    f"{self.pick(['a', 'an', 'one', 'this'])} {self.modified(positive)} {self.pick(['experience', 'day', 'product', 'place', 'evening'])}")
        text = self.pick(OPENERS) + text
        text = text[0].upper() + text[1:]
        ending = self.pick(ENDINGS)
        r = self.r.random()
        if r < 0.12:
            ending += " " + self.pick(EMOJI_POS if positive else EMOJI_NEG) * self.r.randint(1, 3)
        elif r < 0.18:
            ending += " " + self.pick(EMOTICONS_POS if positive else EMOTICONS_NEG)
        return text + ending

    def line(self):
        count = 1 + int(self.r.random() * 4)   # 1..4 sentences
        parts = [self.sentence() for _ in range(count)]
        if self.r.random() < 0.03:  # an occasional long review
            parts += [self.sentence() for _ in range(self.r.randint(5, 12))]
        return " ".join(parts)[:1500]


def parse_size(text):
    m = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?(?:[eE][0-9]+)?)\s*([A-Za-z]*)\s*", text)
    if not m or m.group(2).lower() not in UNITS:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 1GB, 500MB, 64MiB, 123456)")
    return int(float(m.group(1)) * UNITS[m.group(2).lower()])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=parse_size, required=True, help="e.g. 1GB, 20MB, 64MiB, 123456")
    parser.add_argument("--out", help="output file (default: stdout); its directory is created")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args()

    if args.out:
        directory = os.path.dirname(os.path.abspath(args.out))
        os.makedirs(directory, exist_ok=True)
        sink = open(args.out, "wb")
    else:
        sink = sys.stdout.buffer
    corpus = Corpus(args.seed)
    written = lines = 0
    block, block_size = [], 0
    limit = args.size
    while True:
        data = (corpus.line() + "\n").encode("utf-8")
        if written + block_size + len(data) > limit:
            break
        block.append(data)
        block_size += len(data)
        lines += 1
        if block_size >= 1 << 20:
            sink.write(b"".join(block))
            written += block_size
            block, block_size = [], 0
    sink.write(b"".join(block))
    written += block_size
    sink.flush()
    if args.out:
        sink.close()
    print(f"{written} {lines}", file=sys.stdout if args.out else sys.stderr)


if __name__ == "__main__":
    main()
