"""English MIXED study (issue #15): which calibration, chosen by repeated CV on the training files only.
Reads /tmp/acc/mx_*.npz (mx_feats.py). Engine-equivalent fit (Calibration.fit: class-balanced softmax, L2 on
standardised features, full-batch GD). Metrics: 3 classes (MIXED folded into NEUTRAL) for the tweet sets;
en-mams: macro-F1 over POSITIVE/NEGATIVE/MIXED (a NEUTRAL answer is an error, not a class), as the issue."""
import os, sys, numpy as np
P, N, U, M = 0, 1, 2, 3
BAL = 0
D = "/tmp/acc"
def ld(kind, name):
    z = np.load(f"{D}/mx_{kind}_{name}.npz"); return z["E"], z["X"], z["y"]
EXTRA = {"punct": [19, 20], "found": [17, 18]}
BASE = list(range(1, 17)) + [17, 18, 19, 20]   # the en pack's fitted features (without bias)

def f1s(y, p, labels):
    out = []
    for c in labels:
        tp = np.sum((y == c) & (p == c)); pn = np.sum(p == c); gn = np.sum(y == c)
        pr = tp / pn if pn else 0; rc = tp / gn if gn else 0
        out.append(2 * pr * rc / (pr + rc) if pr + rc else 0)
    return out
def mf1(y, p, task):
    if task == "3c":
        y = np.where(y == M, U, y); p = np.where(p == M, U, p)
        labs = sorted(set(y) | set(p)); return np.mean(f1s(y, p, labs))
    return np.mean(f1s(y, p, [P, N, M]))

def fit(X, y, l2=0.01, steps=1500, lr=0.5, classes=(P, N, U, M), w=None):
    mu = X.mean(0); sd = X.std(0); sd[sd < 1e-6] = 1
    Z = np.hstack([np.ones((len(X), 1)), (X - mu) / sd]); n, d = Z.shape
    cls = [c for c in classes if np.sum(y == c) > 0]
    Y = np.stack([(y == c) for c in cls], 1).astype(float)
    cnt = Y.sum(0); sw = (n / (len(cls) * cnt))[Y.argmax(1)]
    if w is not None: sw = sw * w
    W = np.zeros((len(cls), d)); pen = np.ones(d); pen[0] = 0
    for _ in range(steps):
        L = Z @ W.T; L -= L.max(1, keepdims=True); Pr = np.exp(L); Pr /= Pr.sum(1, keepdims=True)
        G = ((Pr - Y) * sw[:, None]).T @ Z / n
        W -= lr * (G + l2 * W * pen)
    def logits(Xn):
        L = np.full((len(Xn), 4), -1e9); L[:, cls] = np.hstack([np.ones((len(Xn), 1)), (Xn - mu) / sd]) @ W.T
        return L
    return logits

def folds(y, K, r):
    rs = np.random.RandomState(r); fo = np.zeros(len(y), int)
    for c in np.unique(y):
        idx = np.where(y == c)[0]; rs.shuffle(idx); fo[idx] = np.arange(len(idx)) % K
    return fo

def fit_mixed(base_logits, X, y, l2=0.01, steps=1500, lr=0.5):
    """The MIXED row alone, on documents with MIXED labels, the other rows fixed (their logits given):
    P(MIXED | x) = e^{zM} / (e^{zM} + sum of the others' e^z); class-balanced MIXED vs not."""
    mu = X.mean(0); sd = X.std(0); sd[sd < 1e-6] = 1
    Z = np.hstack([np.ones((len(X), 1)), (X - mu) / sd]); n, d = Z.shape
    L = base_logits[:, :3]; top = L.max(1); lse = top + np.log(np.exp(L - top[:, None]).sum(1))
    t = (y == M).astype(float); sw = np.where(t == 1, BAL * n / (2 * t.sum()), n / (2 * (n - t.sum()))) if BAL else np.ones(n)
    w = np.zeros(d); pen = np.ones(d); pen[0] = 0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(Z @ w - lse)))
        w -= lr * (((p - t) * sw) @ Z / n + l2 * w * pen)
    return lambda Xn: np.hstack([np.ones((len(Xn), 1)), (Xn - mu) / sd]) @ w

def fit_mixed2(base_logits, X, y, l2=0.01, steps=1500, lr=0.5, anchor=True, sw=None):
    """The MIXED row alone, the other rows fixed: zM = [ (zP + zN)/2 if anchor ] + w . [1, x];
    P(MIXED | x) = e^{zM} / (e^{zM} + sum of the others' e^z), MIXED vs not, weights sw (default 1)."""
    mu = X.mean(0); sd = X.std(0); sd[sd < 1e-6] = 1
    Z = np.hstack([np.ones((len(X), 1)), (X - mu) / sd]); n, d = Z.shape
    L = base_logits[:, :3]; top = L.max(1); lse = top + np.log(np.exp(L - top[:, None]).sum(1))
    off = (L[:, 0] + L[:, 1]) / 2 if anchor else 0
    t = (y == M).astype(float); sw = np.ones(n) if sw is None else sw
    w = np.zeros(d); pen = np.ones(d); pen[0] = 0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(Z @ w + off - lse)))
        w -= lr * (((p - t) * sw) @ Z / n + l2 * w * pen)
    def row(Ln, Xn):
        return ((Ln[:, 0] + Ln[:, 1]) / 2 if anchor else 0) + np.hstack([np.ones((len(Xn), 1)), (Xn - mu) / sd]) @ w
    row.w = w; row.mu = mu; row.sd = sd
    return row
