"""English MIXED row: the setting chosen by repeated 5-fold CV on the training files only (issue #15).
Objective: the mean of CV macro-F1 on train/en.jsonl (3 classes), train/en-mams.jsonl (POSITIVE/NEGATIVE/MIXED)
and train/en-reviews.jsonl (3 classes); one-standard-error rule over the grid below. Dev figures are printed
for the report only. Run mx_feats.py first. Printed (3 repeats):
  [2] l2 0.01 rw 0 | obj 0.5258±0.0009 | en 0.6145 mams 0.4617 rev 0.5010   <- chosen
  [2] l2 0.01 rw 1 | obj 0.5173±0.0006 ;  [2] l2 0.1 rw 0 | obj 0.5156±0.0004
  without contrast-flip ([]): l2 0.01 rw 0 obj 0.5229±0.0005 (s5 grid)
rw = weight of en-reviews documents (as non-MIXED) in the MIXED fit."""
import sys; sys.path.insert(0, "/work/wt-accuracy/scripts/prototype")
from mx_cv import *
E, X, y = ld("train", "en"); Em, Xm, ym = ld("train", "en-mams"); Er, Xr, yr = ld("train", "en-reviews")
DEVS = ["en", "en-vader-tweets", "en-vader-movies", "en-vader-amazon", "en-vader-nyt", "en-mams"]
TWO = [3, 4, 6, 7, 8, 14, 15, 16]
T = [(E, y), (Em, ym), (Er, yr)]
EX = []
XX = [X, Xm, Xr]
def mk(): return [np.hstack([EE[:, TWO], XX[i][:, EX]]) for i, (EE, _) in enumerate(T)]
def study(l2, rw, K=5, reps=3):
    FX = mk()
    sc = {0: [], 1: [], 2: []}
    for r in range(reps):
        fo = [folds(yy, K, r + 10 * i) for i, (_, yy) in enumerate(T)]
        pr = [np.zeros(len(yy), int) for _, yy in T]
        for k in range(K):
            lg = fit(E[fo[0] != k][:, BASE], y[fo[0] != k], classes=(P, N, U))
            Ls = [lg(EE[fo[i] != k][:, BASE]) for i, (EE, _) in enumerate(T)]
            Xs = [FX[i][fo[i] != k] for i in range(3)]
            ys = [yy[fo[i] != k] for i, (_, yy) in enumerate(T)]
            sw = np.concatenate([np.full(len(ys[i]), [1, 1, rw][i]) for i in range(3)])
            mr = fit_mixed2(np.vstack(Ls), np.vstack(Xs), np.concatenate(ys), l2, anchor=True, sw=sw)
            for i, (EE, _) in enumerate(T):
                L = lg(EE[fo[i] == k][:, BASE]); L[:, 3] = mr(L, FX[i][fo[i] == k]); pr[i][fo[i] == k] = L.argmax(1)
        sc[0].append(mf1(y, pr[0], "3c")); sc[1].append(mf1(ym, pr[1], "mams")); sc[2].append(mf1(yr, pr[2], "3c"))
    obj = (np.array(sc[0]) + np.array(sc[1]) + np.array(sc[2])) / 3
    lg = fit(E[:, BASE], y, classes=(P, N, U))
    sw = np.concatenate([np.full(len(yy), [1, 1, rw][i]) for i, (_, yy) in enumerate(T)])
    mr = fit_mixed2(np.vstack([lg(EE[:, BASE]) for EE, _ in T]), np.vstack(FX), np.concatenate([yy for _, yy in T]), l2, anchor=True, sw=sw)
    dv = {}
    for nm in DEVS:
        Ed, Xd, yd = ld("eval", nm); L = lg(Ed[:, BASE]); L[:, 3] = mr(L, np.hstack([Ed[:, TWO], Xd[:, EX]])); p = L.argmax(1)
        dv[nm] = (round(mf1(yd, p, "mams" if nm == "en-mams" else "3c"), 4), int(np.sum(p == M)))
    print(EX, "l2 %g rw %g | obj %.4f±%.4f | en %.4f mams %.4f rev %.4f |" % (l2, rw, obj.mean(), obj.std(ddof=1)/np.sqrt(reps), np.mean(sc[0]), np.mean(sc[1]), np.mean(sc[2])), dv, flush=True)
for ex in [[2], [0, 1, 2]]:
    EX = ex
    for l2 in [0.01, 0.1]:
        for rw in [0, 1]:
            study(l2, rw)
