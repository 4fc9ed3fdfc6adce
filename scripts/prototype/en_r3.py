from en_resid import *
import vaderSentiment.vaderSentiment as vs
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
LEX = set(SentimentIntensityAnalyzer().lexicon) | set(vs.BOOSTER_DICT) | set(vs.NEGATE) | NEGATORS["en"]
LEX = {w.lower() for w in LEX}
class LexModel(Model):
    def __init__(self, *a, allow=LEX, **k):
        super().__init__(*a, **k); self.allow = allow
    def fit(self, texts, F, y):
        self.vec = Vec("en", UNITS[self.units]).fit(texts)
        Cp, Cn, nt = self.vec.transform(texts)
        df = np.asarray(((Cp + Cn) > 0).sum(0)).ravel()
        inv = {j: u for u, j in self.vec.vocab.items()}
        self.keep = np.array([j for j in range(len(inv)) if df[j] >= self.mindf and inv[j][2:] in self.allow])
        Z = self.featfn(F); self.mu, self.sd = Z.mean(0), Z.std(0) + 1e-9
        Xp, Xs = self.mats(texts)
        self.pl = fit_joint((Z - self.mu) / self.sd, Xp, Xs, y, self.lam_p, self.lam_s, self.lam_z)
        return self
if __name__ == "__main__":
    print(len(LEX))
    for lam in [3e-2, 1e-2, 3e-3, 1e-3]:
        evaluate(lambda: LexModel(base10, lam, lam), f"LEX both lam={lam}")
        evaluate(lambda: LexModel(base10, lam, None), f"LEX pol lam={lam}")
