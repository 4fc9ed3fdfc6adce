"""Shared helpers for the Valence learning prototype (data, units, metrics)."""
import os
for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_v, "1")
import json, re, unicodedata
import numpy as np

SH = "/work/shared"
LABELS = ["POSITIVE", "NEGATIVE", "NEUTRAL", "MIXED"]
L2I = {l: i for i, l in enumerate(LABELS)}
POS, NEG, NEU, MIX = 0, 1, 2, 3

# set -> (train lang, mode)
SETS = {
    "en": ("en", "3c"), "en-vader-tweets": ("en", "3c"), "en-vader-movies": ("en", "3c"),
    "en-vader-amazon": ("en", "3c"), "en-vader-nyt": ("en", "3c"),
    "es": ("es", "3c"), "fr": ("fr", "3c"), "de": ("de", "3c"), "it": ("it", "3c"),
    "pt": ("pt", "3c"), "ar": ("ar", "4c"), "hi": ("hi", "3c"), "ja": ("ja", "4c"),
    "ko": ("ko", "bin"), "zh": ("zh", "3c"), "zh-TW": ("zh-TW", "3c"),
}
BARS = {"en": .57, "en-vader-tweets": .73, "en-vader-movies": .43, "en-vader-amazon": .57,
        "en-vader-nyt": .57, "es": .50, "fr": .57, "de": .57, "it": .56, "pt": .50, "ar": .45,
        "hi": .39, "ja": .57, "ko": .85, "zh": .51, "zh-TW": .51}


def load(path):
    X, y = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            X.append(d["text"]); y.append(L2I[d["label"]])
    return X, np.array(y)


def load_train(lang):
    return load(f"{SH}/train/{lang}.jsonl")


def load_dev(s):
    return load(f"{SH}/eval/{s}.jsonl")


def norm(t):
    return unicodedata.normalize("NFKC", t).casefold()


WORD_RE = re.compile(r"\w+(?:['’]\w+)*")
RUN_RE = re.compile(r"\w+")

NEGATORS = {
    "en": {"not", "no", "never", "nothing", "nobody", "none", "neither", "nor", "cannot", "without",
           "nowhere", "dont", "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't",
           "won't", "wouldn't", "can't", "couldn't", "shouldn't", "haven't", "hasn't", "hadn't",
           "ain't", "don’t", "doesn’t", "didn’t", "isn’t", "can’t", "won’t", "wasn’t", "ain’t", "isnt",
           "cant", "wont", "didnt", "doesnt", "wasnt"},
    "es": {"no", "nunca", "ni", "sin", "nada", "jamás", "jamas", "tampoco", "nadie", "ningún", "ninguna", "ninguno"},
    "fr": {"ne", "pas", "jamais", "rien", "sans", "aucun", "aucune", "personne", "ni", "n"},
    "de": {"nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "ohne", "nichts", "weder", "noch"},
    "it": {"non", "mai", "né", "senza", "niente", "nulla", "nessuno", "nessuna"},
    "pt": {"não", "nao", "nunca", "nem", "sem", "nada", "jamais", "ninguém", "nenhum", "nenhuma"},
    "hi": {"nahi", "nahin", "nhi", "nai", "na", "mat", "not", "no", "never", "bina"},
}
NEGATORS["de"].discard("noch")


def word_tokens(t):
    return WORD_RE.findall(norm(t))


def units_for(lang, text, cfg):
    """Return list of (unit, negated_flag). cfg: dict with keys
    words(bool), wchar(tuple of n for char n-grams within words, with boundary '<'/'>'),
    tchar(tuple of n for char n-grams over letter runs), neg(bool)."""
    t = norm(text)
    out = []
    if cfg.get("words", True):
        toks = WORD_RE.findall(t)
        negset = NEGATORS.get(lang, set()) if cfg.get("neg") else set()
        scope = 0
        for w in toks:
            neg = scope > 0
            if scope > 0:
                scope -= 1
            if w in negset:
                scope = cfg.get("negwin", 3)
                neg = False
            out.append(("w:" + w, neg))
            for n in cfg.get("wchar", ()):
                s = "<" + w + ">"
                if len(s) - n >= 0:
                    for i in range(len(s) - n + 1):
                        g = s[i:i + n]
                        if g in ("<", ">"):
                            continue
                        out.append(("c:" + g, neg))
    if cfg.get("tchar"):
        for run in RUN_RE.findall(t):
            for n in cfg["tchar"]:
                for i in range(len(run) - n + 1):
                    out.append(("t:" + run[i:i + n], False))
    return out


def macro_f1(gold, pred, mode):
    gold = np.asarray(gold).copy(); pred = np.asarray(pred).copy()
    if mode == "3c":
        gold[gold == MIX] = NEU; pred[pred == MIX] = NEU
        classes = [POS, NEG, NEU]
    elif mode == "4c":
        classes = [POS, NEG, NEU, MIX]
    else:
        classes = [POS, NEG]
    fs = []
    for c in classes:
        tp = np.sum((gold == c) & (pred == c)); fp = np.sum((gold != c) & (pred == c)); fn = np.sum((gold == c) & (pred != c))
        fs.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return float(np.mean(fs))
