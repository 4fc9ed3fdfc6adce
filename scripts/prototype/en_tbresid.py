"""TextBlob word features (en_tbunits) + residual tweet units (en_resid) together. python3 en_tbresid.py"""
import en_lib
from en_resid import *
import en_resid
from en_tbunits import unitfeats, SETS_EN as _S
Ft, yt = en_lib.TR
UT = unitfeats(XTR, True)
en_resid.TR = (np.hstack([Ft, UT]), yt)
for s in SETS_EN:
    F, y = en_lib.DEV[s]; DEV[s] = (np.hstack([F, unitfeats(XDEV[s], True)]), y)
TR = en_resid.TR
nf = Ft.shape[1]
def tbfeat(F): return np.hstack([base10(F[:, :nf]), F[:, nf:]])
def tbmean(F): return np.hstack([base10(F[:, :nf]), F[:, nf + 7:nf + 9]])
import sys
for name, fn in [("base10", base10), ("tb-all", tbfeat), ("tb-mean", tbmean)]:
    evaluate(lambda: Model(fn, None, None), f"{name} no units")
    for lam in [3e-2, 1e-2, 3e-3]:
        evaluate(lambda: Model(fn, lam, lam), f"{name} resid lam={lam}")
