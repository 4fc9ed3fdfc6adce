from en_r3 import *
import re
class NormModel(LexModel):
    """unit count rows scaled by ntok**-pw ; optional vocab filter fn(unit, stats)"""
    def __init__(self, *a, pw=0.5, filt=None, **k):
        super().__init__(*a, **k); self.pw, self.filt = pw, filt
    def fit(self, texts, F, y):
        self.vec = Vec("en", UNITS[self.units]).fit(texts)
        Cp, Cn, nt = self.vec.transform(texts)
        df = np.asarray(((Cp + Cn) > 0).sum(0)).ravel()
        inv = {j: u for u, j in self.vec.vocab.items()}
        ok = self.filt(texts, inv) if self.filt else None
        self.keep = np.array([j for j in range(len(inv)) if df[j] >= self.mindf and (ok is None or ok[inv[j]])])
        Z = self.featfn(F); self.mu, self.sd = Z.mean(0), Z.std(0) + 1e-9
        Xp, Xs = self.mats(texts)
        self.pl = fit_joint((Z - self.mu) / self.sd, Xp, Xs, y, self.lam_p, self.lam_s, self.lam_z)
        return self
    def mats(self, texts):
        Cp, Cn, nt = self.vec.transform(texts)
        Cp, Cn = Cp[:, self.keep], Cn[:, self.keep]
        D = sp.diags(1.0 / nt ** self.pw)
        return (D @ (Cp - Cn)).tocsr(), (D @ (Cp + Cn)).tocsr()

def ne_filter(texts, inv):
    """drop digits, url/twitter debris, and words mostly capitalised in train (names/entities)"""
    cap, tot = {}, {}
    for t in texts:
        for m in re.finditer(r"\w+(?:['’]\w+)*", t):
            w = m.group(0); lw = norm(w); tot[lw] = tot.get(lw, 0) + 1
            if w[0].isupper(): cap[lw] = cap.get(lw, 0) + 1
    bad = {"http", "https", "co", "t", "amp", "rt", "www", "com"}
    ok = {}
    for u in inv.values():
        w = u[2:]
        ok[u] = not (any(ch.isdigit() for ch in w) or w in bad or (w not in LEX and cap.get(w, 0) > 0.5 * tot.get(w, 1)))
    return ok
if __name__ == "__main__":
    for s in SETS_EN: print(s, np.median(DEV[s][0][:, 6]))
    print("train", np.median(TR[0][:, 6]))
    for pw in [0.5, 1.0]:
        for lam in [1e-2, 3e-3, 1e-3, 3e-4]:
            evaluate(lambda: NormModel(base10, lam, lam, pw=pw), f"norm{pw} both lam={lam}")
    for lam in [1e-2, 3e-3]:
        evaluate(lambda: NormModel(base10, lam, lam, pw=0, filt=ne_filter), f"NEfilt both lam={lam}")
        evaluate(lambda: NormModel(base10, lam/3, lam/3, pw=0.5, filt=ne_filter), f"NEfilt norm.5 both lam={lam/3:.0e}")
