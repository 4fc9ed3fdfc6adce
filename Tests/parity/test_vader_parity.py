"""Issue #2 acceptance 2 and 3, measured side by side with the real vaderSentiment 3.3.2.

Runs the built `valence analyze` (VALENCE_CONFIGURATION=debug|release picks the build) on every
text of ../shared/eval/en*.jsonl and compares with vaderSentiment in this process.
"""
import os

import pytest

import valence_peers as vp
import vader_fuzz

EN_SETS = vp.english_eval_sets()
VADER_SETS = vp.vader_eval_sets()


@pytest.fixture(scope="module")
def analyzer():
    return vp.vader()


def test_eval_sets_are_present():
    names = [os.path.basename(p) for p in EN_SETS]
    assert "en.jsonl" in names and len(names) >= 5, names


@pytest.mark.parametrize("path", EN_SETS, ids=os.path.basename)
def test_valence_block_equals_vader_polarity_scores(path, analyzer):
    docs = vp.read_jsonl(path)
    ours = vp.analyze(path, "en")
    assert len(ours) == len(docs)
    compound_equal = shares_equal = 0
    first_mismatch = None
    for doc, mine in zip(docs, ours):
        assert mine["id"] == doc["id"]
        theirs = analyzer.polarity_scores(doc["text"])
        v = mine["Valence"]
        c = v["compound"] == theirs["compound"]
        s = (v["pos"], v["neu"], v["neg"]) == (theirs["pos"], theirs["neu"], theirs["neg"])
        compound_equal += c
        shares_equal += s
        if not (c and s) and first_mismatch is None:
            first_mismatch = (doc["text"], v, theirs)
    n = len(docs)
    # Acceptance: compound equal on >= 99.5 %, pos/neu/neg on >= 99 %. (Measured: 100 % on every set.)
    assert compound_equal / n >= 0.995, first_mismatch
    assert shares_equal / n >= 0.99, first_mismatch


def test_rule_dense_random_sentences_match_vader():
    # Negators, boosters, caps, idioms, 'but', 'no', 'least', emoji, Unicode spaces, punctuation runs.
    assert vader_fuzz.main_with(count=4000, seed=11) == 0


def test_vader_sets_are_the_five_three_class_sets():
    names = [os.path.basename(p) for p in VADER_SETS]
    assert names == ["en-vader-amazon.jsonl", "en-vader-movies.jsonl", "en-vader-nyt.jsonl",
                     "en-vader-tweets.jsonl", "en.jsonl"], names


@pytest.mark.parametrize("path", VADER_SETS, ids=os.path.basename)
def test_four_class_output_is_at_least_vader_macro_f1(path, analyzer):
    docs = vp.read_jsonl(path)
    ours = vp.analyze(path, "en")
    gold = [vp.fold(d["label"]) for d in docs]
    mine = [vp.fold(o["Sentiment"]) for o in ours]
    theirs = [vp.vader_label(analyzer.polarity_scores(d["text"])["compound"]) for d in docs]
    ours_f1, vader_f1 = vp.macro_f1(gold, mine), vp.macro_f1(gold, theirs)
    assert ours_f1 >= vader_f1 - 0.01, (ours_f1, vader_f1)


@pytest.mark.parametrize("path", EN_SETS[:1], ids=os.path.basename)
def test_scores_are_float32_summing_to_one_and_sentiment_is_argmax(path):
    import struct
    for record in vp.analyze(path, "en"):
        scores = record["SentimentScore"]
        for value in scores.values():
            assert struct.unpack("f", struct.pack("f", value))[0] == value
        assert abs(sum(scores.values()) - 1) <= 1e-6
        best = max(scores, key=scores.get)
        assert record["Sentiment"] == best.upper()
