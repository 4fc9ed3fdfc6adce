"""TextBlob's en-sentiment.xml as Valence learned word units: which document features carry it.
python3 en_tbunits.py (after en_feats.py and en_lex.py)"""
from en_lib import *
import xml.etree.ElementTree as ET, textblob, os, re, collections
from sklearn.linear_model import LogisticRegression
p = os.path.join(os.path.dirname(textblob.__file__), "en", "en-sentiment.xml")
acc = collections.defaultdict(list)
for w in ET.parse(p).getroot().findall("word"):
    acc[w.attrib["form"].lower()].append((float(w.attrib["polarity"]), float(w.attrib["subjectivity"])))
LEX = {f: tuple(np.mean(v, 0)) for f, v in acc.items() if " " not in f}
NEGS = {"not", "no", "never", "n't", "nothing", "cannot", "dont", "don't", "isn't", "wasn't", "didn't", "doesn't", "can't", "won't", "aren't", "ain't"}
WRE = re.compile(r"[\w][\w'’*-]*")
def unitfeats(texts, negate):
    out = []
    for t in texts:
        toks = [w.replace("’", "'") for w in WRE.findall(t.lower())]
        P = S = pos = neg = 0.0; m = 0
        for i, w in enumerate(toks):
            if w not in LEX: continue
            pp, ss = LEX[w]
            if negate and any(toks[j] in NEGS for j in range(max(0, i - 3), i)): pp = -pp
            P += pp; S += ss; m += 1
            if pp > 0: pos += pp
            else: neg += pp
        n = max(len(toks), 1); r = np.sqrt(n); mm = max(m, 1)
        out.append([P, S, P / r, S / r, pos / r, neg / r, min(pos, -neg) / r, P / mm, S / mm])
    return np.array(out)
Xt, _ = load_train("en")
Ft, yt = TR; yt3 = np.where(yt == MIX, NEU, yt)
DX = {s: load_dev(s)[0] for s in SETS_EN}
def fit(X, y, C):
    mu, sd = X.mean(0), X.std(0) + 1e-9
    m = LogisticRegression(C=C, class_weight="balanced", max_iter=5000).fit((X - mu) / sd, y)
    return lambda Z: m.classes_[m.predict_proba((Z - mu) / sd).argmax(1)]
for negate in [False, True]:
    Ut = unitfeats(Xt, negate); UD = {s: unitfeats(DX[s], negate) for s in SETS_EN}
    for cols, tag in [(slice(0, 7), "engine7"), (slice(0, 9), "engine7+mean"), (slice(7, 9), "mean2")]:
        for C in [0.01, 0.1, 1.0]:
            Xtr = np.hstack([base10(Ft), Ut[:, cols]])
            f = np.arange(len(yt)) % 5; pr = np.zeros(len(yt), int)
            for k in range(5): pr[f == k] = fit(Xtr[f != k], yt3[f != k], C)(Xtr[f == k])
            pred = fit(Xtr, yt3, C)
            out = [f"{macro_f1(DEV[s][1], pred(np.hstack([base10(DEV[s][0]), UD[s][:, cols]])), '3c'):.3f}" for s in SETS_EN]
            print(f"neg={negate:d} {tag:14s} C={C:<5} cv={macro_f1(yt3, pr, '3c'):.3f}  " + " ".join(out), flush=True)
