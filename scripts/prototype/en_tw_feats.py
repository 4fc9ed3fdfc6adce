"""Exact engine calibration features for the English train/dev sets, read back from the release binary:
a scratch copy of the en pack gets calibration rows that are unit vectors (POSITIVE=e_a, NEGATIVE=e_b,
NEUTRAL=e_c, MIXED=0), so log(P/Mixed) etc. return features a, b, c. Writes /tmp/tw/feat_<set>.npz
(E: n x 19 engine features incl. bias, y). python3 en_tw_feats.py"""
import os, json, subprocess, shutil, numpy as np, sys
sys.path.insert(0, os.path.dirname(__file__))
from common import load, L2I, SH
BIN = "/work/main/.build/x86_64-unknown-linux-gnu/release/valence"
LEX = "/tmp/tw/Lex"
NAMES = ["bias", "compound", "abs-compound", "pos", "neg", "neu", "pos-strength", "neg-strength", "min-strength",
         "log-length", "learned-polarity", "learned-subjectivity", "learned-polarity-mean", "learned-subjectivity-mean",
         "learned-positive-mean", "learned-negative-mean", "learned-mixed", "learned-polarity-found-mean",
         "learned-subjectivity-found-mean"]
SETS = {"train": f"{SH}/train/en.jsonl", **{s: f"{SH}/eval/{s}.jsonl" for s in
        ["en", "en-vader-tweets", "en-vader-movies", "en-vader-amazon", "en-vader-nyt"]}}
def write_cal(idx):
    rows = []
    for k in range(4):
        r = [0.0] * 19
        if k < 3 and k < len(idx): r[idx[k]] = 1.0
        rows.append(r)
    with open(f"{LEX}/en/calibration.txt", "w") as f:
        f.write("features\t" + "\t".join(NAMES) + "\n")
        for lab, r in zip(["POSITIVE", "NEGATIVE", "NEUTRAL", "MIXED"], rows):
            f.write(lab + "\t" + "\t".join(repr(v) for v in r) + "\n")
def run(path):
    out = subprocess.run([BIN, "analyze", "--language-code", "en", "--lexicons", LEX, "--input", path],
                         capture_output=True, text=True, check=True).stdout
    return [json.loads(l) for l in out.splitlines() if l.strip()]
if __name__ == "__main__":
    for s, path in SETS.items():
        # analyze wants ids: write a copy with ids
        texts, y = load(path)
        tmp = f"/tmp/tw/in_{s}.jsonl"
        with open(tmp, "w") as f:
            for i, t in enumerate(texts): f.write(json.dumps({"id": str(i), "text": t}) + "\n")
        E = np.zeros((len(texts), 19)); E[:, 0] = 1
        for start in range(1, 19, 3):
            idx = list(range(start, min(start + 3, 19)))
            write_cal(idx); res = run(tmp)
            assert len(res) == len(texts)
            for i, d in enumerate(res):
                sc = d["SentimentScore"]; pm = sc["Mixed"]
                for k, key in zip(idx, ["Positive", "Negative", "Neutral"]):
                    E[i, k] = np.log(sc[key] / pm)
        np.savez(f"/tmp/tw/feat_{s}.npz", E=E, y=y)
        print(s, E.shape, flush=True)
    shutil.copy("/work/main/Lexicons/en/calibration.txt", f"{LEX}/en/calibration.txt")
