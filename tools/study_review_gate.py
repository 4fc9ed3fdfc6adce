#!/usr/bin/env python3
"""Study for issue #15 (docs/decisions/0006): can a learned "restaurant review" gate let the English pack
answer en-mams with rows fitted on review sentences, while keeping the tweet-fitted rows everywhere else?

  VALENCE_BIN=.build/release/valence python3 tools/study_review_gate.py

It reads the engine's features through tools/cv_select.py (cached in $VALENCE_CV_DIR) and prints:
  1. the in-domain ceiling: rows fitted on the MAMS training sentences alone, 5-fold CV on them (x3);
  2. gates: an L2 logistic regression on word presence (regex words, 1/sqrt(words) scaled), restaurant
     sentences (MAMS + the Yelp part of en-reviews) against the rest of train (tweets, Amazon, IMDb), with
     the N most frequent training words left out; its CV accuracy on train, and the share of each dev set
     it calls restaurant (g > 0.5);
  3. the mixture P = (1 - g) * shipped rows + g * review rows on every English dev set (reporting only:
     the train files hold no news or VADER-style NEUTRAL sentences, so CV cannot price the gate's leak).
Nothing here is shipped; it is the evidence for not shipping it."""
import json, os, re, sys
from collections import Counter
import numpy as np
import scipy.sparse as sp

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cv_select as cs

POS, NEG, NEU, MIX = cs.POS, cs.NEG, cs.NEU, cs.MIX
DEV = cs.EN_DEV
words = lambda t: re.findall(r"[a-z][a-z']*", t.lower())


def texts(kind, name):
    return [json.loads(l) for l in open(f"{cs.SHARED}/{kind}/{name}.jsonl", encoding="utf-8")]


def presence(docs, vocab):
    r, c, v = [], [], []
    for i, d in enumerate(docs):
        ws = set(words(d)); js = [vocab[w] for w in ws if w in vocab]
        r += [i] * len(js); c += js; v += [1 / max(1, len(ws)) ** 0.5] * len(js)
    return sp.csr_matrix((v, (r, c)), shape=(len(docs), len(vocab)))


def gate(pos, neg, drop, l2=1e-4, steps=800, lr=2.0):
    counts = Counter(w for d in pos + neg for w in set(words(d)))
    common = {w for w, _ in counts.most_common(drop)}
    vocab = {w: i for i, w in enumerate(sorted(w for w, k in counts.items() if k >= 2 and w not in common))}
    X = presence(pos + neg, vocab); t = np.r_[np.ones(len(pos)), np.zeros(len(neg))]
    sw = np.where(t == 1, 0.5 / t.mean(), 0.5 / (1 - t.mean()))
    w = np.zeros(len(vocab)); b = 0.0
    for _ in range(steps):
        e = (1 / (1 + np.exp(-(X @ w + b))) - t) * sw
        w -= lr * (X.T @ e / len(t) + l2 * w); b -= lr * e.mean()
    return lambda docs: 1 / (1 + np.exp(-(presence(docs, vocab) @ w + b)))


def softmax(L):
    L = L - L.max(1, keepdims=True); P = np.exp(L); return P / P.sum(1, keepdims=True)


def shipped_rows():
    W = np.zeros((4, cs.F)); cols = None
    for line in open(f"{cs.LEX}/en/calibration.txt", encoding="utf-8"):
        if line.startswith("#"): continue
        f = line.rstrip("\n").split("\t")
        if f[0] == "features": cols = [cs.NAMES.index(x) for x in f[1:]]; continue
        W[["POSITIVE", "NEGATIVE", "NEUTRAL", "MIXED"].index(f[0]), cols] = [float(x) for x in f[1:]]
    return W


def main():
    ALL = list(range(cs.F))
    tr = {n: cs.load("en", "train", n) for n in cs.EN_TRAIN}
    dv = {n: cs.load("en", "eval", n) for n in DEV}
    raw = {n: texts("train", n) for n in cs.EN_TRAIN}
    dev_text = {n: [r["text"] for r in texts("eval", n)] for n in DEV}
    yelp = np.array(["yelp" in r["source"] for r in raw["en-reviews"]])
    E, ok, y = tr["en-mams"]

    # 1. In-domain ceiling.
    scores = []
    for r in range(3):
        fo = cs.folds(y, r)
        for k in range(5):
            W = cs.fit(E[fo != k], y[fo != k], ALL, l2=cs.EN_L2)
            scores.append(cs.macro_f1(y[fo == k], cs.predict(W, E[fo == k], ok[fo == k], "gold-pnm"), "gold-pnm"))
    Wm = cs.fit(E, y, ALL, l2=cs.EN_L2)
    Ed, okd, yd = dv["en-mams"]
    print(f"MAMS rows alone: CV {np.mean(scores):.3f} ± {np.std(scores, ddof=1) / np.sqrt(len(scores)):.3f}, "
          f"dev {cs.macro_f1(yd, cs.predict(Wm, Ed, okd, 'gold-pnm'), 'gold-pnm'):.3f} "
          f"({(~okd).sum()} dev sentences have no evidence and are NEUTRAL whatever the rows)")

    # 2-3. Gates and the mixture.
    rest_text = [r["text"] for r in raw["en-mams"]] + [r["text"] for r, g in zip(raw["en-reviews"], yelp) if g]
    other_text = [r["text"] for r in raw["en"]] + [r["text"] for r, g in zip(raw["en-reviews"], yelp) if not g]
    Er = np.vstack([E, tr["en-reviews"][0][yelp]]); yr = np.r_[y, tr["en-reviews"][2][yelp]]
    Wr = cs.fit(Er, yr, ALL, l2=cs.EN_L2)
    W0 = shipped_rows()
    base = [cs.macro_f1(dv[n][2], cs.predict(W0, dv[n][0], dv[n][1], cs.task_of(n, dv[n][2])), cs.task_of(n, dv[n][2])) for n in DEV]
    print("dev sets: " + " ".join(DEV))
    print("shipped rows:                         " + " ".join(f"{v:.3f}" for v in base))
    for drop in (0, 100, 300):
        # The gate's own 5-fold CV accuracy on train (restaurant vs the rest).
        lab = np.r_[np.ones(len(rest_text)), np.zeros(len(other_text))]; docs = rest_text + other_text
        fo = np.arange(len(docs)) % 5; acc = []
        for k in range(5):
            G = gate([d for d, f, l in zip(docs, fo, lab) if f != k and l == 1], [d for d, f, l in zip(docs, fo, lab) if f != k and l == 0], drop)
            idx = np.where(fo == k)[0]; acc.append(((G([docs[i] for i in idx]) > 0.5) == lab[idx]).mean())
        G = gate(rest_text, other_text, drop)
        for sharp in (1, 3):
            out, share = [], []
            for n in DEV:
                En, okn, yn = dv[n]; task = cs.task_of(n, yn)
                g = G(dev_text[n]); g = g ** sharp / (g ** sharp + (1 - g) ** sharp); share.append((g > 0.5).mean())
                P = (1 - g)[:, None] * softmax(En @ W0.T) + g[:, None] * softmax(En @ Wr.T)
                p = P.argmax(1); p = np.where(okn, p, NEU)     # no evidence: NEUTRAL, as the engine answers
                out.append(cs.macro_f1(yn, np.where(p == MIX, NEU, p) if task == "3" else p, task))
            print(f"gate, {drop:3d} common words left out, sharpness {sharp} (train CV accuracy {np.mean(acc):.3f}): "
                  + " ".join(f"{v:.3f}" for v in out) + " | share called restaurant: " + " ".join(f"{s:.2f}" for s in share), flush=True)


if __name__ == "__main__":
    main()
