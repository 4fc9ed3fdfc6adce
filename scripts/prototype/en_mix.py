"""pol units restricted to a vocabulary (VADER lexicon + negators/boosters), sec units on all (filtered) words."""
from en_sel import *
class MixModel(NormModel):
    def __init__(self, *a, polvocab="lex", secvocab="all", **k):
        super().__init__(*a, **k); self.pv, self.sv = polvocab, secvocab
    def fit(self, texts, F, y):
        self.vec = Vec("en", UNITS[self.units]).fit(texts)
        Cp, Cn, nt = self.vec.transform(texts)
        inv = {j: u for u, j in self.vec.vocab.items()}; V = len(inv)
        self.keep = np.arange(V)
        ok = ne_filter(texts, inv) if self.filt else {u: True for u in inv.values()}
        lex = np.array([inv[j][2:] in LEX for j in range(V)]); okv = np.array([ok[inv[j]] for j in range(V)])
        self.mp = (lex if self.pv == "lex" else okv).astype(float); self.ms = (lex if self.sv == "lex" else okv).astype(float)
        Z = self.featfn(F); self.mu, self.sd = Z.mean(0), Z.std(0) + 1e-9
        Xp, Xs = self.mats(texts)
        self.pl = fit_joint((Z - self.mu) / self.sd, Xp, Xs, y, self.lam_p, self.lam_s, self.lam_z)
        return self
    def mats(self, texts):
        Cp, Cn, nt = self.vec.transform(texts)
        return ((Cp - Cn) @ sp.diags(self.mp)).tocsr(), ((Cp + Cn) @ sp.diags(self.ms)).tocsr()
if __name__ == "__main__":
    for pv, sv in [("lex", "all"), ("all", "lex")]:
        for filt in [None, True]:
            for lam in [1e-2, 5e-3, 3e-3]:
                mk = lambda: MixModel(base10, lam, lam, polvocab=pv, secvocab=sv, filt=filt, pw=0)
                c, se, _ = cvrep(mk, R=1); d = devrow(mk)
                print(f"pol={pv} sec={sv} NEfilt={bool(filt)} lam={lam:<6g} cv={c:.4f} dev " + " ".join(f"{x:.3f}" for x in d), flush=True)
