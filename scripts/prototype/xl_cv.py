"""Would `calibration-extras` (punctuation, found-means, both) be chosen by repeated 5-fold CV on the training
set, for the non-English packs? Features from xl_feats.py (/tmp/xl/feat_<lang>.npz, training features
cross-fitted); `fit` is Calibration.fit (engine rules for small/absent classes, NEUTRAL/MIXED rule rows);
macro-F1 follows `valence evaluate --classes auto` on that language's dev set (binary / 4 / 3 with MIXED
folded into NEUTRAL; classes = union of gold and predicted). python3 xl_cv.py [--check] LANG..."""
import sys, numpy as np
POS, NEG, NEU, MIX = 0, 1, 2, 3
BASE = list(range(17))
CONFIGS = {"none": BASE, "punctuation": BASE + [19, 20], "found-means": BASE + [17, 18], "both": BASE + [17, 18, 19, 20]}
MODE = {"ko": "bin", "ar": "4", "ja": "4"}
NEVER = np.r_[-50.0, np.zeros(20)]

def fit(E, y, fitted, l2=0.01, steps=3000, lr=0.5):
    """Calibration.fit: returns 4 x 21 raw weight rows."""
    n0 = len(y); cnt0 = np.bincount(y, minlength=4)
    keep = cnt0[y] >= max(10, n0 // 100)
    X = E[keep][:, fitted]; yy = y[keep]; n, d = X.shape
    mu = X.mean(0); var = ((X - mu) ** 2).mean(0); sd = np.where(var > 1e-12, np.sqrt(var), 1.0)
    mu[0] = 0; sd[0] = 1
    Z = (X - mu) / sd; Z[:, 0] = 1
    present = [c for c in range(4) if (yy == c).any()]; k = len(present)
    yi = np.array([present.index(c) for c in yy]); Y = np.eye(k)[yi]
    counts = Y.sum(0); sw = (n / (k * counts))[yi]
    W = np.zeros((k, d)); pen = np.ones(d); pen[0] = 0
    if k > 1:
        for _ in range(steps):
            L = Z @ W.T; L -= L.max(1, keepdims=True); P = np.exp(L); P /= P.sum(1, keepdims=True)
            G = ((P - Y) * sw[:, None]).T @ Z
            W -= lr * (G / n + l2 * W * pen)
    rows = [None] * 4
    for ci, c in enumerate(present):
        r = np.zeros(21); r[0] = W[ci, 0]
        for j in range(1, d):
            r[fitted[j]] = W[ci, j] / sd[j]; r[0] -= W[ci, j] * mu[j] / sd[j]
        rows[c] = r
    for c in (0, 1):
        if rows[c] is None: rows[c] = NEVER.copy()
    if rows[2] is None:
        if (rows[0] == NEVER).all() or (rows[1] == NEVER).all(): rows[2] = NEVER.copy()
        else: rows[2] = (rows[0] + rows[1]) / 2; rows[2][0] += np.log(0.6 / 0.4) / 2
    if rows[3] is None:
        rows[3] = (rows[0] + rows[1]) / 2; rows[3][8] += 12; rows[3][0] -= 12 * 0.7
    return np.array(rows)

def fit_batch(E, y, masks, fitteds, l2=0.01, steps=3000, lr=0.5):
    """fit() for many (training mask, fitted features) pairs at once, by the same full-batch GD (same data
    gives the same weights up to float rounding order). Returns a list of 4 x 21 raw weight rows."""
    B = len(masks); n_all = len(y); keeps = []
    for m in masks:
        cnt = np.bincount(y[m], minlength=4); keeps.append(m & (cnt[y] >= max(10, m.sum() // 100)))
    present = [c for c in range(4) if (y[keeps[0]] == c).any()]
    assert all([c for c in range(4) if (y[kp] == c).any()] == present for kp in keeps)
    k = len(present); yi = np.array([present.index(c) if c in present else 0 for c in y]); Y = np.eye(k)[yi]
    Z = np.zeros((B, n_all, 21)); SW = np.zeros((B, n_all)); MU = np.zeros((B, 21)); SD = np.ones((B, 21)); N = np.zeros(B)
    for b, (kp, fi) in enumerate(zip(keeps, fitteds)):
        X = E[kp]; n = len(X); N[b] = n
        mu = X.mean(0); var = ((X - mu) ** 2).mean(0); sd = np.where(var > 1e-12, np.sqrt(var), 1.0)
        f = np.zeros(21, bool); f[fi] = True; f[0] = False
        mu[~f] = 0; sd[~f] = 1; MU[b], SD[b] = mu, sd
        Z[b] = (E - mu) / sd; Z[b][:, ~f] = 0; Z[b][:, 0] = 1
        counts = np.bincount(yi[kp], minlength=k); SW[b] = np.where(kp, n / (k * counts[yi]), 0)
    W = np.zeros((B, k, 21)); pen = np.ones(21); pen[0] = 0
    SWn = SW / N[:, None]
    if n_all > 5000:  # large sets (ar, zh, zh-TW, ko): float32 GD for time (weights differ from float64 by ~1e-5)
        Z, W, SWn, Y, pen = Z.astype(np.float32), W.astype(np.float32), SWn.astype(np.float32), Y.astype(np.float32), pen.astype(np.float32)
    for _ in range(steps):
        L = Z @ W.transpose(0, 2, 1); L -= L.max(2, keepdims=True); P = np.exp(L); P /= P.sum(2, keepdims=True)
        G = ((P - Y[None]) * SWn[:, :, None]).transpose(0, 2, 1) @ Z
        W -= lr * (G + l2 * W * pen)
    out = []
    for b in range(B):
        rows = [None] * 4
        for ci, c in enumerate(present):
            r = W[b, ci] / SD[b]; r[0] = W[b, ci, 0] - (W[b, ci, 1:] * MU[b, 1:] / SD[b, 1:]).sum(); rows[c] = r
        out.append(finish(rows))
    return out

def finish(rows):
    for c in (0, 1):
        if rows[c] is None: rows[c] = NEVER.copy()
    if rows[2] is None:
        if (rows[0] == NEVER).all() or (rows[1] == NEVER).all(): rows[2] = NEVER.copy()
        else: rows[2] = (rows[0] + rows[1]) / 2; rows[2][0] += np.log(0.6 / 0.4) / 2
    if rows[3] is None:
        rows[3] = (rows[0] + rows[1]) / 2; rows[3][8] += 12; rows[3][0] -= 12 * 0.7
    return np.array(rows)

def predict(Wr, E, mode):
    L = E @ Wr.T
    if mode == "bin": return np.where(L[:, 0] >= L[:, 1], POS, NEG)
    p = L.argmax(1)
    return np.where(p == MIX, NEU, p) if mode == "3" else p

def macro_f1(y, p, mode):
    if mode == "3": y = np.where(y == MIX, NEU, y)
    cl = np.union1d(np.unique(y), np.unique(p)); f = []
    for c in cl:
        tp = ((y == c) & (p == c)).sum(); pp = (p == c).sum(); gp = (y == c).sum()
        pr = tp / pp if pp else 0; rc = tp / gp if gp else 0
        f.append(0 if pr + rc == 0 else 2 * pr * rc / (pr + rc))
    return float(np.mean(f))

def folds(y, seed, K=5):
    rs = np.random.RandomState(seed); fo = np.zeros(len(y), int)
    for c in np.unique(y):
        idx = np.where(y == c)[0]; rs.shuffle(idx); fo[idx] = (np.arange(len(idx)) + rs.randint(K)) % K
    return fo

def load(lang):
    d = np.load(f"/tmp/xl/feat_{lang}.npz"); Etr, Edv = d["Etr"], d["Edv"]
    for E in (Etr, Edv): E[:, 19:21] = E[:, 19:21].round()  # 0/1 flags read back through float32 scores
    return Etr, d["ytr"], Edv, d["ydv"]

def texts(path):
    import json
    return [json.loads(l)["text"] for l in open(path, encoding="utf-8") if l.strip()]

def widen(E, txt):
    """Hypothetical: has-question / has-exclamation also counting full-width ？ ！ (not what the engine does)."""
    E = E.copy()
    E[:, 19] = [float("?" in t or "？" in t) for t in txt]; E[:, 20] = [float("!" in t or "！" in t) for t in txt]
    return E

def run(lang, reps):
    Etr, ytr, Edv, ydv = load(lang); mode = MODE.get(lang, "3")
    ttr, tdv = texts(f"/work/shared/train/{lang}.jsonl"), texts(f"/work/shared/eval/{lang}.jsonl")
    for E, t in [(Etr, ttr), (Edv, tdv)]:  # the read-back matches the text: ASCII marks only
        assert (E[:, 19] == [float("?" in x) for x in t]).all() and (E[:, 20] == [float("!" in x) for x in t]).all()
    configs = dict(CONFIGS)
    if lang in ("zh", "zh-TW"):
        configs["punct+fullwidth*"] = CONFIGS["punctuation"]; configs["both+fullwidth*"] = CONFIGS["both"]
        Wtr, Wdv = widen(Etr, ttr), widen(Edv, tdv)
    feats = lambda c, dev=False: (Wdv if dev else Wtr) if c.endswith("*") else (Edv if dev else Etr)
    sc = {c: [] for c in configs}
    for r in range(reps):
        fo = folds(ytr, r)
        for group in (lambda c: not c.endswith("*"), lambda c: c.endswith("*")):
            names = [c for c in configs if group(c)]
            if not names: continue
            X = feats(names[0])
            Ws = fit_batch(X, ytr, [fo != k for c in names for k in range(5)], [configs[c] for c in names for k in range(5)])
            for i, c in enumerate(names):
                pred = np.zeros(len(ytr), int)
                for k in range(5): pred[fo == k] = predict(Ws[5 * i + k], X[fo == k], mode)
                sc[c].append(macro_f1(ytr, pred, mode))
        print(f"  {lang} rep {r}: " + " ".join(f"{c}={sc[c][-1]:.4f}" for c in configs), flush=True)
    dev = {c: macro_f1(ydv, predict(fit(feats(c), ytr, fi), feats(c, True), mode), mode) for c, fi in configs.items()}
    b = np.array(sc["none"])
    print(f"{lang} ({mode}, {len(ytr)} train, {reps} reps of 5-fold)")
    print(f"  {'extras':16s} {'CV macro-F1':>16s} {'paired Δ vs none':>18s} {'Δ>0 reps':>9s} {'dev':>7s}")
    for c in configs:
        s = np.array(sc[c]); dl = s - b; se = lambda v: v.std(ddof=1) / np.sqrt(len(v)) if len(v) > 1 else 0
        print(f"  {c:16s} {s.mean():.4f} ± {se(s):.4f}   {dl.mean():+.4f} ± {se(dl):.4f}   {(dl > 0).sum():2d}/{reps:<2d}  {dev[c]:.4f}", flush=True)
    np.savez(f"/tmp/xl/cv_{lang}.npz", **{c: np.array(v) for c, v in sc.items()}, **{"dev_" + c: v for c, v in dev.items()})

def check(lang):
    """The shipped calibration.txt (engine fit on exact cross-fitted features, no extras) vs this fit on these features."""
    Etr, ytr, Edv, ydv = load(lang); mode = MODE.get(lang, "3")
    names = None; ship = np.zeros((4, 21)); from xl_feats import NAMES
    for l in open(f"/work/main/Lexicons/{lang}/calibration.txt"):
        if l.startswith("#") or not l.strip(): continue
        f = l.rstrip("\n").split("\t")
        if f[0] == "features": names = [NAMES.index(x) for x in f[1:]]; continue
        ship[["POSITIVE", "NEGATIVE", "NEUTRAL", "MIXED"].index(f[0]), names] = [float(v) for v in f[1:]]
    mine = fit(Etr, ytr, BASE)
    pa, pb = predict(ship, Edv, mode), predict(mine, Edv, mode); qa, qb = predict(ship, Etr, mode), predict(mine, Etr, mode)
    print(f"{lang}: max |Δweight|={np.abs(ship - mine).max():.2e} (max |w| {np.abs(ship).max():.1f}); "
          f"dev pred agreement {np.mean(pa == pb):.4f}, dev F1 shipped-weights {macro_f1(ydv, pa, mode):.4f} vs refit {macro_f1(ydv, pb, mode):.4f}; "
          f"train pred agreement {np.mean(qa == qb):.4f}")

if __name__ == "__main__":
    args = sys.argv[1:]
    if args[0] == "--dev":  # dev macro-F1 per extras only (no CV), e.g. for ko when time is short
        for l in args[1:]:
            Etr, ytr, Edv, ydv = load(l); mode = MODE.get(l, "3")
            print(l, " ".join(f"{c}={macro_f1(ydv, predict(fit(Etr, ytr, fi), Edv, mode), mode):.4f}" for c, fi in CONFIGS.items()), flush=True)
    elif args[0] == "--check":
        for l in args[1:]: check(l)
    else:
        reps = int(args[0]); [run(l, reps) for l in args[1:]]
