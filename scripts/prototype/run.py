"""Grid runner. python3 run.py LANG units1,units2 meth1;meth2 [--nocv] [--nocf]
meth spec: lo:a0:mindf:z  or  lr:C:mindf   (z=1 uses z-scores), optional :nf (no negation flip in learning)"""
from exp import *

SETS_OF = {}
for s, (l, m) in SETS.items():
    SETS_OF.setdefault(l, []).append((s, m))


def parse_meth(m):
    p = m.split(":")
    if p[0] == "lo":
        d = dict(kind="lo", a0=float(p[1]), mindf=int(p[2]), z=bool(int(p[3])))
    else:
        d = dict(kind="lr", C=float(p[1]), mindf=int(p[2]))
    if "nf" in p:
        d["flip"] = False
    return d


def train_mode(lang):
    return {"ar": "4c", "ja": "4c", "ko": "bin", "zh": "bin", "zh-TW": "bin"}.get(lang, "3c")


def predict(cal, F):
    return cal.predict(F)


def main():
    lang = sys.argv[1]
    unitsl = sys.argv[2].split(",")
    meths = sys.argv[3].split(";")
    docv = "--nocv" not in sys.argv
    cfs = [True, False] if "--cfboth" in sys.argv else ([False] if "--nocf" in sys.argv else [True])
    usevader = "--vader" in sys.argv
    import exp
    for a in sys.argv:
        if a.startswith("--feat="):
            exp.FEATSEL = [int(i) for i in a[7:].split(",")]
        if a.startswith("--calC="):
            CALC = float(a[7:])
    calc = [float(a[7:]) for a in sys.argv if a.startswith("--calC=")]
    X, y = load_train(lang)
    devs = [(s, m, *load_dev(s)) for s, m in SETS_OF[lang]]
    extra_tr = vader_feats(X) if usevader else None
    extra_dev = {s: vader_feats(Xd) for s, m, Xd, yd in devs} if usevader else {}
    for un in unitsl:
        t0 = time.time()
        vec = Vec(lang, UNITS[un]).fit(X)
        Cp, Cn, nt = vec.transform(X)
        dv = {s: vec.transform(Xd) for s, m, Xd, yd in devs}
        for ms in meths:
            meth = parse_meth(ms)
            if calc:
                meth["calC"] = calc[0]
            for cf in cfs:
                cv = float("nan")
                if docv:
                    fo = folds(len(y), 5) if lang not in ("ko",) else (np.arange(len(y)) % 5)
                    pred = np.full(len(y), -1)
                    for k in range(5):
                        tr, te = fo != k, fo == k
                        pol, sec, cal = train_model(Cp[tr], Cn[tr], nt[tr], y[tr], meth, crossfit=cf,
                                                    extra=None if extra_tr is None else extra_tr[tr])
                        pred[te] = cal.predict(doc_feats(Cp[te], Cn[te], nt[te], pol, sec,
                                                         None if extra_tr is None else extra_tr[te]))
                    keep = np.isin(y, np.unique(pred))
                    cv = macro_f1(y[keep], pred[keep], train_mode(lang))
                pol, sec, cal = train_model(Cp, Cn, nt, y, meth, crossfit=cf, extra=extra_tr)
                outs = []
                for s, m, Xd, yd in devs:
                    a, b, c = dv[s]
                    Fd = doc_feats(a, b, c, pol, sec, extra_dev.get(s))
                    p = cal.predict(Fd)
                    outs.append(f"{s}={macro_f1(yd, p, m):.3f}")
                    cls = list(cal.clf.classes_)
                    if NEU not in cls and m != "bin":
                        pr = cal.proba(Fd)
                        gap = np.abs(pr[:, cls.index(POS)] - pr[:, cls.index(NEG)])
                        for q in (0.1, 0.2, 0.3, 0.4):
                            p2 = p.copy(); p2[gap < q] = NEU
                            outs.append(f"neu{q}={macro_f1(yd, p2, m):.3f}")
                print(f"{lang} {un:6s} {ms:16s} cf={int(cf)} cv={cv:.3f} " + " ".join(outs)
                      + f"  [{time.time()-t0:.0f}s]", flush=True)


if __name__ == "__main__":
    main()
