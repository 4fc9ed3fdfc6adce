"""Learned unit valences + document-level calibration. Usage: python3 exp.py LANG [variant ...]"""
from common import *
import sys, time, itertools
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

CJK = {"ja", "zh", "zh-TW", "ko"}

UNITS = {
    "w": dict(words=True),
    "wn": dict(words=True, neg=True),
    "wc3": dict(words=True, wchar=(3,)),
    "wc3n": dict(words=True, wchar=(3,), neg=True),
    "wc345": dict(words=True, wchar=(3, 4, 5)),
    "t12": dict(words=False, tchar=(1, 2)),
    "t123": dict(words=False, tchar=(1, 2, 3)),
    "wt12": dict(words=True, tchar=(1, 2)),
    "wt123": dict(words=True, tchar=(1, 2, 3)),
}


class Vec:
    def __init__(self, lang, cfg):
        self.lang, self.cfg, self.vocab = lang, cfg, {}

    def fit(self, texts):
        for t in texts:
            for u, _ in units_for(self.lang, t, self.cfg):
                if u not in self.vocab:
                    self.vocab[u] = len(self.vocab)
        return self

    def transform(self, texts):
        """returns (C_plain, C_negated, n_tokens) sparse count matrices"""
        rows = [[], []]; cols = [[], []]
        ntok = np.zeros(len(texts))
        for i, t in enumerate(texts):
            us = units_for(self.lang, t, self.cfg)
            ntok[i] = max(1, sum(1 for u, _ in us if u.startswith("w:")) or len(us))
            for u, ng in us:
                j = self.vocab.get(u)
                if j is not None:
                    rows[ng].append(i); cols[ng].append(j)
        V = len(self.vocab)
        mk = lambda r, c: sp.csr_matrix((np.ones(len(r)), (r, c)), shape=(len(texts), V))
        return mk(rows[0], cols[0]), mk(rows[1], cols[1]), ntok


# ---------- unit learning ----------
def dims_for(y):
    """Which two dimensions to learn: polarity always; second = subjectivity if NEU present
    else mixedness if MIX present else None."""
    has_neu = np.sum(y == NEU) >= 5; has_mix = np.sum(y == MIX) >= 5
    return ("subj" if has_neu else ("mix" if has_mix else None))


def split_ab(y, dim):
    if dim == "pol":
        return (y == POS), (y == NEG)
    if dim == "subj":
        return (y != NEU), (y == NEU)
    if dim == "mix":
        return (y == MIX), (y == POS) | (y == NEG)


def learn_logodds(Cp, Cn, y, dim, a0, mindf, use_z, flip):
    A, B = split_ab(y, dim)
    if dim == "pol" and flip:
        # negated occurrences count for the opposite class
        ca = np.asarray(Cp[A].sum(0)).ravel() + np.asarray(Cn[B].sum(0)).ravel()
        cb = np.asarray(Cp[B].sum(0)).ravel() + np.asarray(Cn[A].sum(0)).ravel()
    else:
        C = Cp + Cn
        ca = np.asarray(C[A].sum(0)).ravel(); cb = np.asarray(C[B].sum(0)).ravel()
    C = Cp + Cn
    df = np.asarray((C > 0).sum(0)).ravel()
    tot = ca + cb
    # class-balanced: rescale class B counts so both classes have equal total mass
    na, nb = ca.sum(), cb.sum()
    cb = cb * (na / nb)
    bg = np.asarray(C.sum(0)).ravel() + 1e-12   # background = all docs of all classes
    alpha = a0 * bg / bg.sum()
    ntot = na + na
    d = np.log((ca + alpha) / (na + a0 - ca - alpha)) - np.log((cb + alpha) / (na + a0 - cb - alpha))
    if use_z:
        d = d / np.sqrt(1 / (ca + alpha) + 1 / (cb + alpha))
    d[df < mindf] = 0
    return d


def learn_lr(Cp, Cn, y, dim, C, mindf, flip):
    A, B = split_ab(y, dim)
    m = A | B
    X = (Cp - Cn) if (dim == "pol" and flip) else (Cp + Cn)
    df = np.asarray(((Cp + Cn) > 0).sum(0)).ravel()
    keep = np.where(df >= mindf)[0]
    Xs = X[m][:, keep]
    yy = A[m].astype(int)
    clf = LogisticRegression(C=C, class_weight="balanced", max_iter=3000, tol=1e-6).fit(Xs, yy)
    w = np.zeros(X.shape[1]); w[keep] = clf.coef_[0]
    return w


def learn(Cp, Cn, y, meth):
    dim2 = dims_for(y)
    kind = meth["kind"]
    f = (lambda dim: learn_logodds(Cp, Cn, y, dim, meth["a0"], meth["mindf"], meth["z"], meth.get("flip", True))) \
        if kind == "lo" else (lambda dim: learn_lr(Cp, Cn, y, dim, meth["C"], meth["mindf"], meth.get("flip", True)))
    pol = f("pol")
    sec = f(dim2) if dim2 else np.zeros_like(pol)
    return pol, sec


# ---------- document features ----------
def doc_feats(Cp, Cn, ntok, pol, sec, extra=None):
    P = Cp @ pol - Cn @ pol
    S = (Cp + Cn) @ sec
    polp = np.maximum(pol, 0); poln = np.maximum(-pol, 0)
    Pp = Cp @ polp + Cn @ poln      # positive evidence (negation flips)
    Pn = Cp @ poln + Cn @ polp
    r = np.sqrt(ntok)
    F = [P, S, P / ntok, S / ntok, P / r, S / r, Pp / r, Pn / r, np.minimum(Pp, Pn) / r,
         np.log1p(ntok), np.abs(P) / r]
    F = np.column_stack(F)
    if FEATSEL is not None:
        F = F[:, FEATSEL]
    if extra is not None:
        F = np.hstack([F, extra])
    return F


FEATSEL = None


class Calib:
    def __init__(self, C=1.0):
        self.C = C

    def fit(self, F, y):
        self.mu = F.mean(0); self.sd = F.std(0) + 1e-9
        self.clf = LogisticRegression(C=self.C, class_weight="balanced", max_iter=5000).fit((F - self.mu) / self.sd, y)
        return self

    def proba(self, F):
        return self.clf.predict_proba((F - self.mu) / self.sd)

    def predict(self, F):
        return self.clf.classes_[self.proba(F).argmax(1)]


def folds(n, K):
    return np.arange(n) % K


def train_model(Cp, Cn, ntok, y, meth, K=5, crossfit=True, extra=None):
    keepcls = np.isin(y, [c for c in range(4) if np.sum(y == c) >= 5])
    Cp, Cn, ntok, y = Cp[keepcls], Cn[keepcls], ntok[keepcls], y[keepcls]
    extra = extra[keepcls] if extra is not None else None
    pol, sec = learn(Cp, Cn, y, meth)
    if crossfit:
        F = np.zeros((len(y), (11 if FEATSEL is None else len(FEATSEL)) + (0 if extra is None else extra.shape[1])))
        fo = folds(len(y), K)
        for k in range(K):
            tr, te = fo != k, fo == k
            p_k, s_k = learn(Cp[tr], Cn[tr], y[tr], meth)
            F[te] = doc_feats(Cp[te], Cn[te], ntok[te], p_k, s_k, None if extra is None else extra[te])
    else:
        F = doc_feats(Cp, Cn, ntok, pol, sec, extra)
    cal = Calib(meth.get("calC", 1.0)).fit(F, y)
    return pol, sec, cal


def vader_feats(texts):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    an = SentimentIntensityAnalyzer()
    out = []
    for t in texts:
        s = an.polarity_scores(t)
        out.append([s["compound"], s["pos"], s["neg"], s["neu"]])
    return np.array(out)
