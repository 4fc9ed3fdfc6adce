"""Robustness of the chosen candidate (has '?' and has '!' as two calibration features): paired bootstrap over
training documents of the pooled CV predictions, topic-grouped CV (k-means topics as folds), an L2 grid, and
paired bootstrap of the dev differences. python3 en_tw_check.py"""
from en_tw_screen import *
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.cluster import KMeans
QE = lambda s: np.hstack([base(s), EXTRA["q+excl"](s)])
def cvpred(build, fo, l2=0.01):
    X = build("train"); y = TR[1]; pred = np.zeros(len(y), int)
    for k in np.unique(fo):
        tr, te = fo != k, fo == k
        pred[te] = predict(None, fit(X[tr], y[tr], l2)(X[te]), TR[0][te, 8])
    return pred
def strat(seed, K=5):
    y = TR[1]; rs = np.random.RandomState(seed); fo = np.zeros(len(y), int)
    for c in np.unique(y):
        idx = np.where(y == c)[0]; rs.shuffle(idx); fo[idx] = np.arange(len(idx)) % K
    return fo
def topic_folds(K=5, k=25, seed=0):
    T = TfidfVectorizer(min_df=3, stop_words="english", sublinear_tf=True).fit_transform(TXT["train"])
    cl = KMeans(k, n_init=4, random_state=seed).fit_predict(T)
    sizes = np.bincount(cl, minlength=k); fo_of = np.zeros(k, int); load = np.zeros(K)
    for c in np.argsort(-sizes):
        f = load.argmin(); fo_of[c] = f; load[f] += sizes[c]
    return fo_of[cl]
def boot(y, p1, p0, B=1000, seed=0):
    rs = np.random.RandomState(seed); n = len(y); d = []
    for _ in range(B):
        i = rs.randint(0, n, n); d.append(macro_f1(y[i], p1[i], "3c") - macro_f1(y[i], p0[i], "3c"))
    return np.mean(d), np.std(d), np.mean(np.array(d) <= 0)
if __name__ == "__main__":
    y = TR[1]
    fo = strat(0); p0 = cvpred(base, fo); p1 = cvpred(QE, fo)
    m, sd, pl = boot(y, p1, p0)
    print(f"stratified CV seed0: {macro_f1(y,p0,'3c'):.4f} -> {macro_f1(y,p1,'3c'):.4f}; doc-bootstrap Δ={m:+.4f}±{sd:.4f} P(Δ<=0)={pl:.3f}", flush=True)
    for seed in [0, 1]:
        tf = topic_folds(seed=seed); p0 = cvpred(base, tf); p1 = cvpred(QE, tf); m, sd, pl = boot(y, p1, p0)
        print(f"topic-grouped CV seed{seed}: {macro_f1(y,p0,'3c'):.4f} -> {macro_f1(y,p1,'3c'):.4f}; Δ={m:+.4f}±{sd:.4f} P(Δ<=0)={pl:.3f}", flush=True)
    for l2 in [0.001, 0.003, 0.03, 0.1]:
        for nm, bf in [("current", base), ("q+excl", QE)]:
            mm, se, _ = cv(bf, l2=l2, reps=3)
            print(f"l2={l2:<6} {nm:8s} cv={mm:.4f}±{se:.4f}  " + " ".join(f"{v:.4f}" for v in dev(bf, l2=l2).values()), flush=True)
    l0 = fit(base("train"), y); l1 = fit(QE("train"), y)
    for s in SETS_EN:
        yd = DEV[s][1]; a = predict(None, l0(base(s)), DEV[s][0][:, 8]); b = predict(None, l1(QE(s)), DEV[s][0][:, 8])
        m, sd, pl = boot(yd, b, a, B=500)
        print(f"dev {s:16s} {macro_f1(yd,a,'3c'):.4f} -> {macro_f1(yd,b,'3c'):.4f}  bootstrap Δ={m:+.4f}±{sd:.4f}", flush=True)
