"""Calibration features (all 21 engine features) for a pack's training and dev sets, read back from the
release binary. Training features are cross-fitted as `valence lexicon calibrate` does (document i in fold
i mod 5): for each fold, `valence lexicon learn` (the pack's own #@ settings) on the other four folds
writes a scratch pack's learned.tsv, and the fold's documents are analyzed with it. Dev features use the
shipped pack. Features are read back through calibration rows that are scaled unit vectors
(POSITIVE=s*e_a, NEGATIVE=s*e_b, NEUTRAL=s*e_c, MIXED=0): log(P/M)/s = feature a, etc.
Differences from the engine's in-memory cross-fit: fold weights go through learned.tsv (4 decimals; rows
whose two rounded weights are 0 are dropped, so they are not 'found'). Writes /tmp/xl/feat_<lang>.npz.
python3 xl_feats.py LANG..."""
import os, sys, json, shutil, subprocess, time, numpy as np
BIN = os.environ.get("XL_BIN", "/work/main/.build/release/valence")
LEX = os.environ.get("XL_LEX", "/work/main/Lexicons")
SH = "/work/shared"
NAMES = ["bias", "compound", "abs-compound", "pos", "neg", "neu", "pos-strength", "neg-strength", "min-strength",
         "log-length", "learned-polarity", "learned-subjectivity", "learned-polarity-mean", "learned-subjectivity-mean",
         "learned-positive-mean", "learned-negative-mean", "learned-mixed", "learned-polarity-found-mean",
         "learned-subjectivity-found-mean", "has-question", "has-exclamation"]
LAB = {"POSITIVE": 0, "NEGATIVE": 1, "NEUTRAL": 2, "MIXED": 3}
S = 0.05  # scale of the unit rows (keeps logits small enough for float32 scores)

def write_cal(packdir, idx):
    with open(f"{packdir}/calibration.txt", "w") as f:
        f.write("features\t" + "\t".join(NAMES) + "\n")
        for k, lab in enumerate(["POSITIVE", "NEGATIVE", "NEUTRAL", "MIXED"]):
            r = [0.0] * 21
            if k < 3 and k < len(idx): r[idx[k]] = S
            f.write(lab + "\t" + "\t".join(repr(v) for v in r) + "\n")

def read_features(lexdir, lang, inp, n):
    E = np.zeros((n, 21)); E[:, 0] = 1
    for start in range(1, 21, 3):
        idx = list(range(start, min(start + 3, 21)))
        write_cal(f"{lexdir}/{lang}", idx)
        out = subprocess.run([BIN, "analyze", "--language-code", lang, "--lexicons", lexdir, "--input", inp],
                             capture_output=True, text=True, check=True).stdout
        res = [json.loads(l) for l in out.splitlines() if l.strip()]
        assert len(res) == n, (len(res), n)
        P = np.array([[d["SentimentScore"][k] for k in ["Positive", "Negative", "Neutral", "Mixed"]] for d in res], float)
        # A document without evidence is NEUTRAL with certainty (Calibration.score): its features
        # cannot be read back and stay 0 (the CV treats it as any other; such documents are rare).
        ok = (P > 0).all(1)
        for j, k in enumerate(idx): E[ok, k] = np.log(P[ok, j] / P[ok, 3]) / S
    return E

def lines(path):
    with open(path, encoding="utf-8") as f: return [l for l in f if l.strip()]

def settings(lang):
    s = {}
    for l in open(f"{LEX}/{lang}/learned.tsv", encoding="utf-8"):
        if l.startswith("#@"):
            k, v = l[2:].split("=", 1); s[k.strip()] = v.strip()
    return s

def main(lang):
    t0 = time.time(); W = f"/tmp/xl/{lang}"; os.makedirs(W, exist_ok=True)
    tr = lines(f"{SH}/train/{lang}.jsonl"); dv = lines(f"{SH}/eval/{lang}.jsonl")
    ytr = np.array([LAB[json.loads(l)["label"]] for l in tr]); ydv = np.array([LAB[json.loads(l)["label"]] for l in dv])
    st = settings(lang)
    args = ["--method", st["method"], "--min-count", st["min-count"]]
    args += ["--c", st["c"]] if st["method"] == "logistic" else ["--smoothing", st.get("smoothing", "1.0"), "--prior-strength", st.get("prior-strength", "0.0")]
    Etr = np.zeros((len(tr), 21))
    for f in range(5):
        lex = f"{W}/lex{f}"; shutil.rmtree(lex, ignore_errors=True)
        shutil.copytree(f"{LEX}/{lang}", f"{lex}/{lang}")
        with open(f"{W}/learn{f}.jsonl", "w", encoding="utf-8") as o: o.writelines(l for i, l in enumerate(tr) if i % 5 != f)
        idx = [i for i in range(len(tr)) if i % 5 == f]
        with open(f"{W}/in{f}.jsonl", "w", encoding="utf-8") as o:
            for i in idx: o.write(json.dumps({"id": str(i), "text": json.loads(tr[i])["text"]}, ensure_ascii=False) + "\n")
        subprocess.run([BIN, "lexicon", "learn", "--language-code", lang, "--train", f"{W}/learn{f}.jsonl",
                        "--out", f"{lex}/{lang}/learned.tsv", "--pack", f"{lex}/{lang}"] + args, check=True, capture_output=True)
        Etr[idx] = read_features(lex, lang, f"{W}/in{f}.jsonl", len(idx))
        print(lang, "fold", f, f"{time.time()-t0:.0f}s", flush=True)
    lex = f"{W}/lexfull"; shutil.rmtree(lex, ignore_errors=True); shutil.copytree(f"{LEX}/{lang}", f"{lex}/{lang}")
    with open(f"{W}/indev.jsonl", "w", encoding="utf-8") as o:
        for i, l in enumerate(dv): o.write(json.dumps({"id": str(i), "text": json.loads(l)["text"]}, ensure_ascii=False) + "\n")
    Edv = read_features(lex, lang, f"{W}/indev.jsonl", len(dv))
    np.savez(f"/tmp/xl/feat_{lang}.npz", Etr=Etr, ytr=ytr, Edv=Edv, ydv=ydv)
    print(lang, "done", Etr.shape, Edv.shape, f"{time.time()-t0:.0f}s", flush=True)

if __name__ == "__main__":
    for lang in sys.argv[1:]: main(lang)
