#!/usr/bin/env bash
# Regenerates every pack's learned.tsv and calibration.txt from ../shared/train (deterministic:
# the same data gives the same files byte for byte). English learns no learned.tsv: its Valence block
# is VADER's, its learned.tsv is imported from TextBlob (tools/import-packs.py --only en); here it gets
# its mixed-units.tsv (word units of the MAMS training sentences, read only by the MIXED row) and its
# calibration.
#
# Usage: swift build -c release && tools/learn-packs.sh [LANG...]
set -euo pipefail
cd "$(dirname "$0")/.."
V=.build/release/valence
TRAIN=${VALENCE_TRAIN:-../shared/train}
languages=("$@")
[ ${#languages[@]} -gt 0 ] || languages=(en es fr de it pt ar hi ja ko zh zh-TW)

# Learning settings per language (see docs/ACCURACY.md): L2 logistic regressions, C = 0.1 and every
# unit kept, except ja (1,208 formal sentences: stronger regularisation) and zh/zh-TW/ko (large
# review sets: units seen in at least 2 or 3 documents).
learn_args() {
    case "$1" in
        ja) echo "--c 0.03" ;;
        zh|zh-TW) echo "--min-count 2" ;;
        ko) echo "--min-count 3" ;;
        *) echo "" ;;
    esac
}

# How much more the calibration penalises the learned table's features than the lexicon's
# (`lexicon calibrate --learned-l2-scale`), chosen per pack by `python3 tools/cv_select.py
# learned-penalty LANG` (repeated 5-fold CV on the training file, one-SE rule, the strongest first).
calibrate_args() {
    case "$1" in
        fr) echo "--learned-l2-scale 100" ;;
        es|pt|hi|ar) echo "--learned-l2-scale 30" ;;
        ja|de|it) echo "--learned-l2-scale 10" ;;
        zh-TW|ko) echo "--learned-l2-scale 3" ;;
        *) echo "" ;;
    esac
}

for lang in "${languages[@]}"; do
    pack=Lexicons/$lang
    if [ "$lang" != en ]; then
        rm -f "$pack/learned.tsv"
        # shellcheck disable=SC2046
        $V lexicon learn --language-code "$lang" --train "$TRAIN/$lang.jsonl" --out "$pack/learned.tsv" --lexicons Lexicons $(learn_args "$lang")
    fi
    mixed=()
    # en: the rows' L2 chosen by `python3 tools/cv_select.py l2 en`, the MIXED row's setting by `... mixed`.
    if [ "$lang" = en ]; then
        $V lexicon learn --language-code en --train "$TRAIN/en-mams.jsonl" --out "$pack/mixed-units.tsv" --pack "$pack" --c 0.3
        mixed=(--l2 0.03 --mixed-train "$TRAIN/en-mams.jsonl" --mixed-l2 0.03)
    fi
    # shellcheck disable=SC2046
    $V lexicon calibrate "$pack" --train "$TRAIN/$lang.jsonl" "${mixed[@]}" $(calibrate_args "$lang")
done
