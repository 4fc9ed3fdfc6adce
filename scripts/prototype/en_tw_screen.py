"""Screen of candidate extra calibration features / settings for English: repeated stratified 5-fold CV on the
training tweets (paired against the current 18 features), and dev macro-F1 on the five sets as a check.
python3 en_tw_screen.py [names...]"""
from en_tw_lib import *
import re
def lda(s):
    d = np.load(f"/tmp/env/{'en_train' if s == 'train' else s}.npz"); return d["F"]
VF = {s: lda(s) for s in ["train"] + SETS_EN}   # vdoc 8 cols + [max sent compound, min, n sentences]
def surf(fn):
    C = {s: np.array([fn(t) for t in TXT[s]], float).reshape(len(TXT[s]), -1) for s in ["train"] + SETS_EN}
    return lambda s: C[s]
def vcol(fn): return lambda s: fn(VF[s]).reshape(len(VF[s]), -1)
URL = re.compile(r"https?://\S+|www\.\S+")
EXTRA = {
  "q":        surf(lambda t: "?" in t),
  "qcount":   surf(lambda t: min(t.count("?"), 3) / 3),
  "excl":     surf(lambda t: "!" in t),
  "q+excl":   surf(lambda t: ["?" in t, "!" in t]),
  "url":      surf(lambda t: bool(URL.search(t))),
  "mention":  surf(lambda t: t.lstrip().startswith("@")),
  "hashtag":  surf(lambda t: "#" in t),
  "sentmaxmin": vcol(lambda F: F[:, 8:10]),
  "nsw":      vcol(lambda F: np.log1p(F[:, 7])),
  "nsw1":     vcol(lambda F: F[:, 7] == 1),
  "nsent":    vcol(lambda F: np.log1p(np.minimum(F[:, 10], 10))),
  "len-inv":  vcol(lambda F: 1 / np.sqrt(np.maximum(F[:, 6], 1))),
  "comp*inv": vcol(lambda F: F[:, 0] / np.sqrt(np.maximum(F[:, 6], 1))),
}
EXTRA.update({
  "q+excl-cnt": surf(lambda t: [min(t.count("?"), 3) / 3, min(t.count("!"), 4) / 4]),
  "q+excl-log": surf(lambda t: [np.log1p(min(t.count("?"), 3)), np.log1p(min(t.count("!"), 4))]),
  "q+excl+nsw": lambda s: np.hstack([EXTRA["q+excl"](s), EXTRA["nsw"](s)]),
  "q+excl+url": lambda s: np.hstack([EXTRA["q+excl"](s), EXTRA["url"](s)]),
  "q+excl+sent": lambda s: np.hstack([EXTRA["q+excl"](s), EXTRA["sentmaxmin"](s)]),
  "q+excl+nsent": lambda s: np.hstack([EXTRA["q+excl"](s), EXTRA["nsent"](s)]),
})
if __name__ == "__main__":
    names = sys.argv[1:] or list(EXTRA)
    b_m, b_se, b_s = cv(base)
    print(f"{'current (18 feats)':22s} cv={b_m:.4f}±{b_se:.4f}             " +
          " ".join(f"{v:.4f}" for v in dev(base).values()), flush=True)
    for nm in names:
        if nm.startswith("l2="):
            l2 = float(nm[3:]); bf = base
        else:
            l2 = 0.01; g = EXTRA[nm]; bf = (lambda g: lambda s: np.hstack([base(s), g(s)]))(g)
        m, se, s = cv(bf, l2=l2); d = s - b_s
        dv = dev(bf, l2=l2)
        print(f"{nm:22s} cv={m:.4f}±{se:.4f} Δ={d.mean():+.4f}±{d.std(ddof=1)/np.sqrt(len(d)):.4f}  " +
              " ".join(f"{v:.4f}" for v in dv.values()), flush=True)
