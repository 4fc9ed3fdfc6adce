"""Second English lexicons as calibration features: TextBlob's en-sentiment.xml (PDDL) and AFINN-en-165 (ODbL).
python3 en_lex.py  (needs en_feats.py's cache in /tmp/env and afinn-0.1 unpacked in /tmp/afinn)"""
import sys
from en_lib import *
from textblob import TextBlob
import re
WRE = re.compile(r"[a-z][a-z'’-]*")
AF = {}
for line in open("/tmp/afinn/afinn-0.1/afinn/data/AFINN-en-165.txt", encoding="utf-8"):
    w, v = line.rstrip("\n").rsplit("\t", 1); AF[w] = float(v)
def lexfeats(texts):
    out = []
    for t in texts:
        s = TextBlob(t).sentiment
        toks = WRE.findall(t.lower())
        vals = [AF[w] for w in toks if w in AF]
        ap = sum(v for v in vals if v > 0); an_ = -sum(v for v in vals if v < 0)
        out.append([s.polarity, s.subjectivity, ap, an_, len(vals)])
    return np.array(out, float)
import os
def cache(name, texts):
    p = f"/tmp/enlex/{name}.npy"
    if not os.path.exists(p): np.save(p, lexfeats(texts))
    return np.load(p)
Xt, _ = load_train("en"); LT = cache("en_train", Xt)
LD = {s: cache(s, load_dev(s)[0]) for s in SETS_EN}
def build(F, L, kind):
    B = base10(F)
    tbp, tbs, ap, an_, na = L.T
    cols = [B]
    if "tb" in kind: cols += [np.column_stack([tbp, tbs, tbp * tbs])]
    if "af" in kind: cols += [np.column_stack([strength(ap), strength(an_), np.log1p(na)])]
    return np.hstack(cols)
from sklearn.linear_model import LogisticRegression
def fit(X, y, C):
    mu, sd = X.mean(0), X.std(0) + 1e-9
    m = LogisticRegression(C=C, class_weight="balanced", max_iter=5000).fit((X - mu) / sd, y)
    return lambda Z: m.classes_[m.predict_proba((Z - mu) / sd).argmax(1)]
Ft, yt = TR
yt3 = np.where(yt == MIX, NEU, yt)
for kind in ["base", "tb", "af", "tbaf"]:
    for C in [0.01, 0.1, 1.0]:
        Xtr = build(Ft, LT, kind)
        # 5-fold CV on train
        f = np.arange(len(yt)) % 5; pr = np.zeros(len(yt), int)
        for k in range(5):
            pr[f == k] = fit(Xtr[f != k], yt3[f != k], C)(Xtr[f == k])
        cv = macro_f1(yt3, pr, "3c")
        pred = fit(Xtr, yt3, C)
        out = [f"{macro_f1(DEV[s][1], pred(build(DEV[s][0], LD[s], kind)), '3c'):.3f}" for s in SETS_EN]
        print(f"{kind:6s} C={C:<5} cv={cv:.3f}  " + " ".join(out), flush=True)
