"""The CV estimate beside each dev figure in docs/ACCURACY.md (issue #15), for the non-English packs: repeated
5-fold CV of the pack's own calibration (its `calibration-extras`) on cross-fitted training features
(xl_feats.py, with XL_BIN/XL_LEX pointing at this worktree), scored as `valence evaluate --classes auto`
scores that language's dev set. Prints mean ± SE over repeats and the dev figure of the same fit.
python3 cv_estimate.py REPS LANG..."""
import sys, numpy as np
from xl_cv import load, fit_batch, fit, predict, macro_f1, folds, CONFIGS, MODE
PACK = {"es": "both", "it": "punctuation", "hi": "punctuation", "ko": "punctuation"}
if __name__ == "__main__":
    reps = int(sys.argv[1])
    for lang in sys.argv[2:]:
        Etr, ytr, Edv, ydv = load(lang); mode = MODE.get(lang, "3"); cfg = CONFIGS[PACK.get(lang, "none")]
        sc = []
        for r in range(reps):
            fo = folds(ytr, r)
            Ws = fit_batch(Etr, ytr, [fo != k for k in range(5)], [cfg] * 5)
            pred = np.zeros(len(ytr), int)
            for k in range(5): pred[fo == k] = predict(Ws[k], Etr[fo == k], mode)
            sc.append(macro_f1(ytr, pred, mode))
        s = np.array(sc); dev = macro_f1(ydv, predict(fit(Etr, ytr, cfg), Edv, mode), mode)
        print(f"{lang} {PACK.get(lang, 'none')} CV {s.mean():.4f} ± {s.std(ddof=1) / np.sqrt(reps):.4f} dev {dev:.4f}", flush=True)
