#!/usr/bin/env bash
# Builds Valence's libFuzzer targets (Fuzz/, with AddressSanitizer) and runs each for a while,
# starting from the seed corpora in Fuzz/Corpus. Prints one line per target: executions, coverage
# (edges), corpus size, and whether it crashed; the inputs that crash, time out or break a property
# are kept in .build-fuzz/artifacts/<target>/.
#
#   tools/fuzz.sh                          # every target, 10 minutes each (the long run)
#   tools/fuzz.sh --seconds 5              # every target, 5 s each (make test)
#   tools/fuzz.sh --seconds 60 reader pack # some targets
#
# The grown corpora stay in .build-fuzz/corpus/<target>/ (not committed); copy an input into
# Fuzz/Corpus/<target>/ when it adds a case worth keeping. Exit status 1 when any target failed.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=600
configuration=release
targets=()
while (($#)); do
    case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --debug) configuration=debug; shift ;;
    -h|--help) sed -n 2,12p "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
    esac
done
((${#targets[@]})) || targets=(reader shorthand cli-input-json manifest pack segmenter deflate)

# Swift's -sanitize=fuzzer objects link with lld (gold stops with an internal error on them).
scratch=.build-fuzz
mkdir -p "$scratch"
printf '{"schemaVersion": "1.0", "swiftCompiler": {"extraCLIOptions": ["-use-ld=lld"]}}\n' >"$scratch/toolset.json"
swift build -c "$configuration" --product valence-fuzz --scratch-path "$scratch" --toolset "$scratch/toolset.json" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xcc -fsanitize=fuzzer-no-link,address 2>&1 \
    | grep -vE "Cannot export local symbol|^\[[0-9]+/[0-9]+\]" || true
binary=$scratch/$configuration/valence-fuzz
[ -x "$binary" ] || { echo "fuzz.sh: the fuzz build failed" >&2; exit 1; }

export VALENCE_LEXICONS=${VALENCE_LEXICONS:-$PWD/Lexicons}
# Globals made once are not leaks (Fuzz/lsan.supp says which); every other leak still fails a target.
export LSAN_OPTIONS=suppressions=$PWD/Fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}
failed=0
printf '%-15s %10s %8s %8s %6s  %s\n' target executions edges corpus rss status
for target in "${targets[@]}"; do
    corpus=$scratch/corpus/$target
    artifacts=$scratch/artifacts/$target
    mkdir -p "$corpus" "$artifacts"
    log=$scratch/$target.log
    status=ok
    # Documents may be 5120 bytes and more; packs and manifests a few KiB.
    "$binary" "$target" "$corpus" "Fuzz/Corpus/$target" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -max_len=12000 -print_final_stats=1 -artifact_prefix="$artifacts/" >"$log" 2>&1 || status=FAILED
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
    edges=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
    size=$(find "$corpus" -type f | wc -l)
    [ "$status" = ok ] || failed=1
    printf '%-15s %10s %8s %8s %6s  %s\n' "$target" "${executions:-?}" "${edges:-?}" "$size" "${rss:-?}MB" \
        "$status$([ "$status" = ok ] || echo " (see $log, $artifacts)")"
done
exit $failed
