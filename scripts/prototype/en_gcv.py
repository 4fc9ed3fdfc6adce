"""Topic-grouped CV: k-means (k=25) on tf-idf of train tweets, clusters assigned to 5 folds, so test folds
hold topics unseen in training (a proxy for cross-domain transfer). Select lambda by max grouped-CV."""
from en_sel import *
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.cluster import KMeans
def topic_folds(K=5, k=25, seed=0):
    T = TfidfVectorizer(min_df=3, stop_words="english", sublinear_tf=True).fit_transform(XTR)
    cl = KMeans(k, n_init=4, random_state=seed).fit_predict(T)
    sizes = np.bincount(cl, minlength=k); fo_of = np.zeros(k, int); load = np.zeros(K)
    for c in np.argsort(-sizes):  # greedy balance
        f = load.argmin(); fo_of[c] = f; load[f] += sizes[c]
    return fo_of[cl], cl
def gcv(mk, fo, K=5):
    F, y = TR; pred = np.zeros(len(y), int); sc = []
    for k in range(K):
        tr, te = fo != k, fo == k
        m = mk().fit([XTR[i] for i in np.where(tr)[0]], F[tr], y[tr])
        pred[te] = m.predict([XTR[i] for i in np.where(te)[0]], F[te]); sc.append(macro_f1(y[te], pred[te], "3c"))
    return macro_f1(y, pred, "3c"), np.std(sc) / np.sqrt(K)
if __name__ == "__main__":
    import sys
    fo, cl = topic_folds()
    print("fold sizes", np.bincount(fo), "largest clusters", np.sort(np.bincount(cl))[-5:], flush=True)
    # show top terms per few clusters for sanity
    grid = [1e-1, 3e-2, 2e-2, 1e-2, 5e-3, 3e-3, 1e-3]
    for fam in sys.argv[1].split(","):
        res = []
        for lam in grid:
            c, se = gcv(FAM[fam](lam), fo); res.append((lam, c, se))
            print(f"{fam:8s} lam={lam:<7g} topicCV={c:.4f} se={se:.4f}", flush=True)
        best = max(res, key=lambda r: r[1]); thr = best[1] - best[2]
        pick = max([r for r in res if r[1] >= thr], key=lambda r: r[0])
        print(f"  {fam}: topicCV-best lam={best[0]} ; 1-SE pick lam={pick[0]}", flush=True)
    c, se = gcv(lambda: Model(base10, None, None), fo); print(f"no-units topicCV={c:.4f}")
