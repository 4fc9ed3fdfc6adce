"""Cache VADER per-document (and per-sentence) outputs for English train/dev. python3 en_feats.py"""
from common import *
import re, math
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer, SentiText, BOOSTER_DICT, normalize
an = SentimentIntensityAnalyzer()
SETS_EN = ["en", "en-vader-tweets", "en-vader-movies", "en-vader-amazon", "en-vader-nyt"]
SENT_RE = re.compile(r"(?<=[.!?])\s+")

def vdoc(text):
    t2 = ""; prev = True
    for ch in text:
        if ch in an.emojis:
            d = an.emojis[ch]; t2 += ("" if prev else " ") + d; prev = False
        else:
            t2 += ch; prev = ch == " "
    text = t2.strip()
    st = SentiText(text); we = st.words_and_emoticons; sents = []
    for i, it in enumerate(we):
        if it.lower() in BOOSTER_DICT: sents.append(0); continue
        if i < len(we) - 1 and it.lower() == "kind" and we[i + 1].lower() == "of": sents.append(0); continue
        sents = an.sentiment_valence(0, st, it, i, sents)
    sents = an._but_check(we, sents)
    d = an.score_valence(sents, text)
    if sents:
        ps, ns, nc = an._sift_sentiment_scores(sents)
        amp = an._punctuation_emphasis(text)
        if ps > abs(ns): ps += amp
        elif ps < abs(ns): ns -= amp
    else:
        ps = ns = 0.0
    nsw = sum(1 for s in sents if s != 0)
    return [d["compound"], d["pos"], d["neg"], d["neu"], ps, -ns, len(we), nsw]

def feats(texts):
    out = []
    for t in texts:
        row = vdoc(t)
        ss = [s for s in SENT_RE.split(t) if s.strip()] or [t]
        cs = [an.polarity_scores(s)["compound"] for s in ss]
        row += [max(cs), min(cs), len(ss)]
        out.append(row)
    return np.array(out, float)

if __name__ == "__main__":
    X, y = load_train("en"); np.savez("/tmp/env/en_train.npz", F=feats(X), y=y)
    for s in SETS_EN:
        Xd, yd = load_dev(s); np.savez(f"/tmp/env/{s}.npz", F=feats(Xd), y=yd)
        print(s, len(yd), np.bincount(yd, minlength=4), flush=True)
