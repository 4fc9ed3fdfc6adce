"""Final table + bootstrap SE of dev macro-F1 and paired difference vs baseline."""
from en_mix import *
V = {
 "baseline (VADER 10 feats)": lambda: Model(base10, None, None),
 "resid all-words lam=.005 (CV-best)": lambda: Model(base10, 5e-3, 5e-3),
 "resid all-words lam=.01 (1-SE)": lambda: Model(base10, 1e-2, 1e-2),
 "resid NE-filtered lam=.01": lambda: NormModel(base10, 1e-2, 1e-2, pw=0, filt=ne_filter),
 "resid VADER-lexicon units lam=.003": lambda: LexModel(base10, 3e-3, 3e-3),
}
preds = {}
for nm, mk in V.items():
    m = mk().fit(XTR, *TR); preds[nm] = {s: m.predict(XDEV[s], DEV[s][0]) for s in SETS_EN}
rs = np.random.RandomState(0); B = 300
b0 = list(V)[0]
for s in SETS_EN:
    y = DEV[s][1]; n = len(y); idx = [rs.randint(0, n, n) for _ in range(B)]
    line = [s]
    for nm in V:
        p = preds[nm][s]; bs = [macro_f1(y[i], p[i], "3c") for i in idx]
        dd = [macro_f1(y[i], p[i], "3c") - macro_f1(y[i], preds[b0][s][i], "3c") for i in idx]
        line.append(f"{macro_f1(y, p, '3c'):.3f}±{np.std(bs):.3f} (Δ{np.mean(dd):+.3f}±{np.std(dd):.3f})")
    print(" | ".join(line), flush=True)
