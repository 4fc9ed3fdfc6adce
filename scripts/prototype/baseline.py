"""Baseline: sklearn CountVectorizer + LogisticRegression (default-ish) per train language."""
from common import *
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
import sys

CJK = {"ja", "zh", "zh-TW", "ko"}
res = {}
cache = {}
for s, (lang, mode) in SETS.items():
    if lang not in cache:
        X, y = load_train(lang)
        for variant in ["word", "char"]:
            pass
        if lang in CJK:
            vec = CountVectorizer(analyzer="char_wb", ngram_range=(1, 2))
        else:
            vec = CountVectorizer()
        Xt = vec.fit_transform(X)
        clf = LogisticRegression(max_iter=2000).fit(Xt, y)
        cache[lang] = (vec, clf)
    vec, clf = cache[lang]
    Xd, yd = load_dev(s)
    p = clf.predict(vec.transform(Xd))
    if mode == "bin":
        pass
    res[s] = macro_f1(yd, p, mode)
    print(f"{s:18s} {mode:4s} baseline={res[s]:.3f} bar={BARS[s]:.2f}", flush=True)
