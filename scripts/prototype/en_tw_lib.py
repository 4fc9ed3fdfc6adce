"""Shared code for the en_tw_* study: exact engine features (en_tw_feats.py), the engine's calibration fit
(Calibration.fit: class-balanced softmax, L2 on standardised weights, full-batch GD), CV and dev reports."""
import os, sys, json, re, numpy as np
sys.path.insert(0, os.path.dirname(__file__))
from common import load, macro_f1, POS, NEG, NEU, MIX, SH
SETS_EN = ["en", "en-vader-tweets", "en-vader-movies", "en-vader-amazon", "en-vader-nyt"]
CUR = {"en": .5705, "en-vader-tweets": .7250, "en-vader-movies": .4301, "en-vader-amazon": .5767, "en-vader-nyt": .5754}
def ld(s):
    d = np.load(f"/tmp/tw/feat_{s}.npz"); return d["E"], d["y"]
TR = ld("train"); DEV = {s: ld(s) for s in SETS_EN}
TXT = {"train": load(f"{SH}/train/en.jsonl")[0], **{s: load(f"{SH}/eval/{s}.jsonl")[0] for s in SETS_EN}}
def y3(y): return np.where(y == MIX, NEU, y)

def fit(X, y, l2=0.01, steps=3000, lr=0.5):
    """Engine Calibration.fit on raw features X (no bias column); classes POS/NEG/NEU. Returns predict fn
    giving 3-class logits (MIXED row = mean(P,N) + 12*(min-strength - .7) is added by mixed())."""
    y = y3(y); mu = X.mean(0); sd = X.std(0); sd[sd < 1e-6] = 1
    Z = np.hstack([np.ones((len(X), 1)), (X - mu) / sd]); n, d = Z.shape
    cls = [POS, NEG, NEU]; Y = np.stack([(y == c) for c in cls], 1).astype(float)
    cnt = Y.sum(0); sw = (n / (3 * cnt))[y.astype(int) if False else np.array([cls.index(v) for v in y])]
    W = np.zeros((3, d)); pen = np.ones(d); pen[0] = 0
    for _ in range(steps):
        L = Z @ W.T; L -= L.max(1, keepdims=True); P = np.exp(L); P /= P.sum(1, keepdims=True)
        G = ((P - Y) * sw[:, None]).T @ Z / n
        W -= lr * (G + l2 * W * pen)
    def logits(Xn): return np.hstack([np.ones((len(Xn), 1)), (Xn - mu) / sd]) @ W.T
    return logits

def predict(logits, L, minstr=None):
    p = L.argmax(1)
    if minstr is not None:  # MIXED row (folds into NEUTRAL in 3c scoring)
        mixed = (L[:, 0] + L[:, 1]) / 2 + 12 * (minstr - 0.7)
        p = np.where(mixed > L.max(1), MIX, p)
    return p

def cv(build, l2=0.01, K=5, reps=4, steps=3000):
    """build(split) -> (Xtrain_rows_fn) ; build returns full train matrix; rows are sliced. Repeated
    stratified K-fold; returns mean macro-F1 over reps (each rep pooled over folds) and SE across reps,
    plus per-rep scores for paired comparison."""
    Xall = build("train"); y = TR[1]; scores = []
    for r in range(reps):
        rs = np.random.RandomState(r); fo = np.zeros(len(y), int)
        for c in np.unique(y):
            idx = np.where(y == c)[0]; rs.shuffle(idx); fo[idx] = np.arange(len(idx)) % K
        pred = np.zeros(len(y), int)
        for k in range(K):
            tr, te = fo != k, fo == k
            lg = fit(Xall[tr], y[tr], l2, steps)
            pred[te] = predict(None, lg(Xall[te]), TR[0][te, 8])
        scores.append(macro_f1(y, pred, "3c"))
    s = np.array(scores); return s.mean(), s.std(ddof=1) / np.sqrt(len(s)) if len(s) > 1 else 0, s

def dev(build, l2=0.01, steps=3000):
    lg = fit(build("train"), TR[1], l2, steps); out = {}
    for s in SETS_EN:
        X = build(s); out[s] = macro_f1(DEV[s][1], predict(None, lg(X), DEV[s][0][:, 8]), "3c")
    return out

def base(s):
    return (TR if s == "train" else DEV[s])[0][:, 1:]
