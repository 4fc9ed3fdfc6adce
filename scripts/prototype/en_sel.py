"""lambda selection by repeated 5-fold CV on train + one-standard-error rule."""
from en_r5 import *
def cvrep(mk, R=3, K=5):
    F, y = TR; n = len(y); scores = []; pooled = []
    for r in range(R):
        perm = np.random.RandomState(r).permutation(n); fo = np.empty(n, int); fo[perm] = np.arange(n) % K
        pred = np.zeros(n, int)
        for k in range(K):
            tr, te = fo != k, fo == k
            m = mk().fit([XTR[i] for i in np.where(tr)[0]], F[tr], y[tr])
            pred[te] = m.predict([XTR[i] for i in np.where(te)[0]], F[te])
            scores.append(macro_f1(y[te], pred[te], "3c"))
        pooled.append(macro_f1(y, pred, "3c"))
    return np.mean(pooled), np.std(scores) / np.sqrt(K), scores
def devrow(mk):
    m = mk().fit(XTR, *TR)
    return [macro_f1(DEV[s][1], m.predict(XDEV[s], DEV[s][0]), '3c') for s in SETS_EN]
FAM = {
  "allwords": lambda lam: (lambda: Model(base10, lam, lam)),
  "NEfilt":   lambda lam: (lambda: NormModel(base10, lam, lam, pw=0, filt=ne_filter)),
  "LEX":      lambda lam: (lambda: LexModel(base10, lam, lam)),
  "norm.5":   lambda lam: (lambda: NormModel(base10, lam, lam, pw=0.5)),
}
if __name__ == "__main__":
    import sys
    fams = sys.argv[1].split(",")
    grid = [1e-1, 3e-2, 2e-2, 1e-2, 5e-3, 3e-3, 1e-3, 3e-4]
    for fam in fams:
        res = []
        for lam in grid:
            cvm, se, _ = cvrep(FAM[fam](lam)); d = devrow(FAM[fam](lam)); res.append((lam, cvm, se, d))
            print(f"{fam:8s} lam={lam:<7g} cv={cvm:.4f} se={se:.4f} dev " + " ".join(f"{x:.3f}" for x in d), flush=True)
        best = max(res, key=lambda r: r[1]); thr = best[1] - best[2]
        pick = max([r for r in res if r[1] >= thr], key=lambda r: r[0])
        print(f"  {fam}: CV-best lam={best[0]} ; 1-SE pick lam={pick[0]} (cv {pick[1]:.4f} >= {thr:.4f})", flush=True)
