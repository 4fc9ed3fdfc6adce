from common import *
from sklearn.linear_model import LogisticRegression
SETS_EN = ["en", "en-vader-tweets", "en-vader-movies", "en-vader-amazon", "en-vader-nyt"]
def ld(name):
    d = np.load(f"/tmp/env/{name}.npz"); return d["F"], d["y"]
TR = ld("en_train"); DEV = {s: ld(s) for s in SETS_EN}
def strength(m): return m / np.sqrt(m * m + 15)
def base10(F):
    c, p, n, u, ps, ns, nt = F[:, 0], F[:, 1], F[:, 2], F[:, 3], F[:, 4], F[:, 5], F[:, 6]
    a, b = strength(ps), strength(ns)
    return np.column_stack([c, np.abs(c), p, n, u, a, b, np.minimum(a, b), np.log1p(np.minimum(nt, 50)) / 5])
def thr_pred(c, t):
    p = np.full(len(c), NEU); p[c >= t] = POS; p[c <= -t] = NEG; return p
def rep(predfn, tag):
    out = [f"{macro_f1(DEV[s][1], predfn(s), '3c'):.3f}" for s in SETS_EN]
    print(f"{tag:40s} " + " ".join(out), flush=True)
