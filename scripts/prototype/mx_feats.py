"""Features for the English MIXED study (issue #15): the engine's 21 calibration features read back from the
release binary (as xl_feats.py does) and candidate two-sidedness features from vaderSentiment 3.3.2's own
per-token valences (the engine's `Valence` block is exactly these, so the engine can compute the same):
  max-positive / max-negative: the largest positive and negative token valence after all rules (/4),
  contrast-flip: with a contrast word, min(|sum before|, |sum after|) when the two sides have opposite signs
  (valences before the contrast rule rescales them), else 0.
Writes /tmp/acc/mx_<set>.npz for the English training files and dev sets.
python3 mx_feats.py [BIN]"""
import os, sys, json, shutil, subprocess, numpy as np
sys.path.insert(0, os.path.dirname(__file__))
from xl_feats import read_features, LAB
from vaderSentiment import vaderSentiment as vs
BIN = sys.argv[1] if len(sys.argv) > 1 else "/work/wt-accuracy/.build/release/valence"
import xl_feats; xl_feats.BIN = BIN
SH = "/work/shared"; OUT = "/tmp/acc"
SETS = [("train", "en"), ("train", "en-mams"), ("train", "en-reviews"), ("eval", "en"), ("eval", "en-vader-tweets"),
        ("eval", "en-vader-movies"), ("eval", "en-vader-amazon"), ("eval", "en-vader-nyt"), ("eval", "en-mams")]

class Probe(vs.SentimentIntensityAnalyzer):
    def _but_check(self, words, sentiments):
        self.pre = list(sentiments)
        lw = [w.lower() for w in words]
        self.bi = lw.index("but") if "but" in lw else None
        return super()._but_check(words, sentiments)
    def score_valence(self, sentiments, text):
        self.post = list(sentiments)
        return super().score_valence(sentiments, text)

def extras(texts):
    a = Probe(); F = np.zeros((len(texts), 3))
    for i, t in enumerate(texts):
        a.pre, a.post, a.bi = [], [], None
        a.polarity_scores(t)
        s = a.post
        mp = max([v for v in s if v > 0], default=0.0); mn = max([-v for v in s if v < 0], default=0.0)
        flip = 0.0
        if a.bi is not None:
            b, c = sum(a.pre[:a.bi]), sum(a.pre[a.bi + 1:])
            if b * c < 0: flip = min(abs(b), abs(c))
        F[i] = [mp / 4, mn / 4, flip / 4]
    return F

def main():
    os.makedirs(OUT, exist_ok=True)
    lex = f"{OUT}/lex"; shutil.rmtree(lex, ignore_errors=True); shutil.copytree("/work/wt-accuracy/Lexicons/en", f"{lex}/en")
    for kind, name in SETS:
        rows = [json.loads(l) for l in open(f"{SH}/{kind}/{name}.jsonl", encoding="utf-8") if l.strip()]
        inp = f"{OUT}/in_{kind}_{name}.jsonl"
        with open(inp, "w", encoding="utf-8") as o:
            for i, r in enumerate(rows): o.write(json.dumps({"id": str(i), "text": r["text"]}, ensure_ascii=False) + "\n")
        E = read_features(lex, "en", inp, len(rows))
        X = extras([r["text"] for r in rows])
        y = np.array([LAB[r["label"]] for r in rows])
        np.savez(f"{OUT}/mx_{kind}_{name}.npz", E=E, X=X, y=y)
        print(kind, name, E.shape, flush=True)

if __name__ == "__main__":
    main()
