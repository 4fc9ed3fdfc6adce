"""Shared helpers of tools/accuracy-report.py and the parity tests (Tests/parity): run the built
`valence` binary, load vaderSentiment, read the dev sets, score labels."""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("VALENCE_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))
EVAL = os.path.join(SHARED, "eval")


def valence_binary():
    configuration = os.environ.get("VALENCE_CONFIGURATION", "debug")
    path = os.environ.get("VALENCE_BIN", os.path.join(ROOT, ".build", configuration, "valence"))
    if not os.path.exists(path):
        raise RuntimeError(f"{path} not found: build first (swift build)")
    return path


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def english_eval_sets():
    """Every English dev set: the Valence block must equal VADER's on all of them."""
    names = sorted(n for n in os.listdir(EVAL) if n.startswith("en") and n.endswith(".jsonl"))
    return [os.path.join(EVAL, n) for n in names]


def vader_eval_sets():
    """The English dev sets VADER's three-class labels describe (en.jsonl and VADER's own four).

    en-mams.jsonl is left out: its MIXED class is measured against its own bar in docs/ACCURACY.md,
    not against VADER, which never says MIXED."""
    return [p for p in english_eval_sets()
            if os.path.basename(p) == "en.jsonl" or os.path.basename(p).startswith("en-vader-")]


def analyze(path, language, extra=()):
    """Runs `valence analyze` on a JSONL file; returns the output records in order."""
    result = subprocess.run([valence_binary(), "analyze", "--language-code", language, "--input", path, *extra],
                            check=True, capture_output=True)
    return [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]


def vader():
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "vadersentiment==3.3.2"], check=True)
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    import vaderSentiment
    version = getattr(vaderSentiment, "__version__", None)
    return SentimentIntensityAnalyzer()


LABELS3 = ["POSITIVE", "NEGATIVE", "NEUTRAL"]


def fold(label):
    return "NEUTRAL" if label == "MIXED" else label


def vader_label(compound, threshold=0.05):
    if compound >= threshold:
        return "POSITIVE"
    if compound <= -threshold:
        return "NEGATIVE"
    return "NEUTRAL"


def macro_f1(gold, predicted, labels=LABELS3):
    scores = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, predicted) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, predicted) if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores)
