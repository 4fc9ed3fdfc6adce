"""Residual unit learning on top of VADER: one class-balanced multinomial LR where the VADER
calibration features z (standardised) get a weak L2 and per-unit polarity/subjectivity weights a strong L2.
logit_POS = z.aP + bP + P + S ; logit_NEG = z.aN + bN - P + S ; logit_NEU = z.aU + bU
P = sum over units of pol (negated occurrences flipped), S = sum of sec (no flip)."""
from en_lib import *
from exp import Vec, UNITS
import scipy.sparse as sp
from scipy.optimize import minimize
import sys, time

def fit_joint(Z, Xp, Xs, y, lam_p, lam_s, lam_z=1e-2, w=None):
    n, d = Z.shape; V = Xp.shape[1]
    if w is None:
        cnt = np.bincount(y, minlength=3)[:3]; w = (n / (3 * cnt))[y]
    Y = np.eye(3)[y]; W = w / w.sum()
    Zb = np.hstack([Z, np.ones((n, 1))])
    use_p, use_s = lam_p is not None, lam_s is not None
    def unpack(th):
        A = th[:3 * (d + 1)].reshape(d + 1, 3); o = 3 * (d + 1)
        p = th[o:o + V] if use_p else None; o += V if use_p else 0
        s = th[o:o + V] if use_s else None
        return A, p, s
    def f(th):
        A, p, s = unpack(th)
        L = Zb @ A
        P = Xp @ p if use_p else 0; S = Xs @ s if use_s else 0
        L[:, 0] += P + S; L[:, 1] += -P + S
        L -= L.max(1, keepdims=True); E = np.exp(L); Pr = E / E.sum(1, keepdims=True)
        loss = -np.sum(W * np.log(Pr[np.arange(n), y] + 1e-300))
        G = (Pr - Y) * W[:, None]
        gA = Zb.T @ G; gA[:d] += 2 * lam_z * A[:d]; loss += lam_z * np.sum(A[:d] ** 2)
        g = [gA.ravel()]
        if use_p:
            gp = Xp.T @ (G[:, 0] - G[:, 1]) + 2 * lam_p * p; loss += lam_p * p @ p; g.append(gp)
        if use_s:
            gs = Xs.T @ (G[:, 0] + G[:, 1]) + 2 * lam_s * s; loss += lam_s * s @ s; g.append(gs)
        return loss, np.concatenate(g)
    th0 = np.zeros(3 * (d + 1) + V * (use_p + use_s))
    r = minimize(f, th0, jac=True, method="L-BFGS-B", options=dict(maxiter=3000))
    A, p, s = unpack(r.x)
    def predict_logits(Z2, Xp2, Xs2):
        L = np.hstack([Z2, np.ones((len(Z2), 1))]) @ A
        P = Xp2 @ p if use_p else 0; S = Xs2 @ s if use_s else 0
        L[:, 0] += P + S; L[:, 1] += -P + S
        return L
    return predict_logits

class Model:
    def __init__(self, featfn, lam_p, lam_s, units="wn", mindf=1, lam_z=1e-2):
        self.featfn, self.lam_p, self.lam_s, self.units, self.mindf, self.lam_z = featfn, lam_p, lam_s, units, mindf, lam_z
    def mats(self, texts):
        Cp, Cn, nt = self.vec.transform(texts)
        Cp, Cn = Cp[:, self.keep], Cn[:, self.keep]
        return (Cp - Cn).tocsr(), (Cp + Cn).tocsr()
    def fit(self, texts, F, y):
        self.vec = Vec("en", UNITS[self.units]).fit(texts)
        Cp, Cn, nt = self.vec.transform(texts)
        df = np.asarray(((Cp + Cn) > 0).sum(0)).ravel(); self.keep = np.where(df >= self.mindf)[0]
        Z = self.featfn(F); self.mu, self.sd = Z.mean(0), Z.std(0) + 1e-9
        Xp, Xs = self.mats(texts)
        self.pl = fit_joint((Z - self.mu) / self.sd, Xp, Xs, y, self.lam_p, self.lam_s, self.lam_z)
        return self
    def predict(self, texts, F):
        Xp, Xs = self.mats(texts)
        return self.pl((self.featfn(F) - self.mu) / self.sd, Xp, Xs).argmax(1)

XTR, _ = load_train("en"); XDEV = {s: load_dev(s)[0] for s in SETS_EN}

def cv(mk, K=5):
    F, y = TR; fo = np.arange(len(y)) % K; pred = np.zeros(len(y), int)
    for k in range(K):
        tr, te = fo != k, fo == k
        m = mk().fit([XTR[i] for i in np.where(tr)[0]], F[tr], y[tr])
        pred[te] = m.predict([XTR[i] for i in np.where(te)[0]], F[te])
    return macro_f1(y, pred, "3c")

def evaluate(mk, tag):
    t0 = time.time(); c = cv(mk); m = mk().fit(XTR, *TR)
    out = [f"{macro_f1(DEV[s][1], m.predict(XDEV[s], DEV[s][0]), '3c'):.3f}" for s in SETS_EN]
    print(f"{tag:34s} cv={c:.3f} " + " ".join(out) + f" [{time.time()-t0:.0f}s]", flush=True)

if __name__ == "__main__":
    evaluate(lambda: Model(base10, None, None), "base10 (no units)")
    for lam in [3e-2, 1e-2, 3e-3, 1e-3]:
        evaluate(lambda: Model(base10, lam, lam), f"resid both lam={lam}")
        evaluate(lambda: Model(base10, None, lam), f"resid subj-only lam={lam}")
        evaluate(lambda: Model(base10, lam, None), f"resid pol-only lam={lam}")
