"""ko: is punctuation's CV gain (+0.0016 pooled, one repeat in xl_cv.py) beyond noise? Per-fold paired deltas
and a document bootstrap of the pooled delta, for two fold seeds. python3 xl_ko.py"""
import numpy as np
from xl_cv import load, folds, fit_batch, predict, macro_f1, CONFIGS
Etr, ytr, _, _ = load("ko"); mode = "bin"
rng = np.random.RandomState(0)
for seed in (0, 1):
    fo = folds(ytr, seed)
    names = ["none", "punctuation"]
    Ws = fit_batch(Etr, ytr, [fo != k for c in names for k in range(5)], [CONFIGS[c] for c in names for k in range(5)])
    preds = {}
    for i, c in enumerate(names):
        p = np.zeros(len(ytr), int)
        for k in range(5): p[fo == k] = predict(Ws[5 * i + k], Etr[fo == k], mode)
        preds[c] = p
    per = [macro_f1(ytr[fo == k], preds["punctuation"][fo == k], mode) - macro_f1(ytr[fo == k], preds["none"][fo == k], mode) for k in range(5)]
    boots = []
    for _ in range(200):
        idx = rng.randint(0, len(ytr), len(ytr))
        boots.append(macro_f1(ytr[idx], preds["punctuation"][idx], mode) - macro_f1(ytr[idx], preds["none"][idx], mode))
    pooled = macro_f1(ytr, preds["punctuation"], mode) - macro_f1(ytr, preds["none"], mode)
    print(f"seed {seed}: pooled Δ {pooled:+.4f}, bootstrap SE {np.std(boots):.4f}, per-fold Δ " + " ".join(f"{d:+.4f}" for d in per),
          f"(changed predictions: {(preds['punctuation'] != preds['none']).sum()})", flush=True)
