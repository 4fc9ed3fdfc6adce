"""The English pack is reproducible from the sources its SOURCE file names."""
import os
import shutil
import subprocess

import valence_peers as vp


def test_lexicon_check_passes():
    result = subprocess.run([vp.valence_binary(), "lexicon", "check", os.path.join(vp.ROOT, "Lexicons", "en")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "lexicon words  7506" in result.stdout


def test_calibration_is_reproduced_by_the_calibrate_command(tmp_path):
    pack = tmp_path / "en"
    shutil.copytree(os.path.join(vp.ROOT, "Lexicons", "en"), pack)
    (pack / "calibration.txt").unlink()
    # As tools/learn-packs.sh: the MIXED row is fitted on the MAMS sentences beside the tweets (scored with
    # mixed-units.tsv cross-fitted: it was learned on them).
    subprocess.run([vp.valence_binary(), "lexicon", "calibrate", str(pack), "--train",
                    os.path.join(vp.SHARED, "train", "en.jsonl"), "--l2", "0.03",
                    "--mixed-train", os.path.join(vp.SHARED, "train", "en-mams.jsonl"),
                    "--mixed-l2", "0.03"], check=True, capture_output=True)
    committed = open(os.path.join(vp.ROOT, "Lexicons", "en", "calibration.txt"), encoding="utf-8").read()
    fitted = (pack / "calibration.txt").read_text(encoding="utf-8")
    # The header names the pack directory the command was run on; the weights must be identical.
    strip = lambda text: [l for l in text.splitlines() if not l.startswith("# Written by")]
    assert strip(fitted) == strip(committed)


def test_mixed_units_are_reproduced_by_the_learn_command(tmp_path):
    # As tools/learn-packs.sh: mixed-units.tsv is learned on the MAMS training sentences.
    out = tmp_path / "mixed-units.tsv"
    subprocess.run([vp.valence_binary(), "lexicon", "learn", "--language-code", "en", "--pack", os.path.join(vp.ROOT, "Lexicons", "en"),
                    "--train", os.path.join(vp.SHARED, "train", "en-mams.jsonl"), "--out", str(out), "--c", "0.3"], check=True, capture_output=True)
    committed = open(os.path.join(vp.ROOT, "Lexicons", "en", "mixed-units.tsv"), encoding="utf-8").read()
    strip = lambda text: [l for l in text.splitlines() if not l.startswith("# Written by")]
    assert strip(out.read_text(encoding="utf-8")) == strip(committed)


def test_lexicon_tsv_is_vaders():
    # lexicon.tsv (made by tools/import-vader.py) loads to exactly vaderSentiment's dictionary.
    vader = vp.vader()
    lexicon = {}
    with open(os.path.join(vp.ROOT, "Lexicons", "en", "lexicon.tsv"), encoding="utf-8") as f:
        for line in f:
            word, value = line.rstrip("\n").split("\t")
            lexicon[word] = float(value)
    assert lexicon == vader.lexicon
