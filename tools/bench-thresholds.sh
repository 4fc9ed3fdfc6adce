#!/usr/bin/env bash
# Allocation thresholds of the Swift benchmarks (package-benchmark, Benchmarks/): the allocations of
# a pack load (PackLoading, every language) and of the record encoder and compressors (Records) do
# not depend on the machine, so their p90 counts are checked in (Benchmarks/Thresholds/*.p90.json,
# mallocCountTotal only) and a change that allocates more fails `check`. Times are not checked: this
# host is too noisy for that (docs/decisions/0002).
#
#   tools/bench-thresholds.sh check     run the two targets; exit 1 on more allocations than checked in
#   tools/bench-thresholds.sh update    run them and write their counts to Benchmarks/Thresholds
#
# Inputs as for every benchmark: the shared eval set ($VALENCE_SHARED, default ../shared).
set -euo pipefail
cd "$(dirname "$0")/../Benchmarks"
targets=(--target '^PackLoading$' --target '^Records$' --metric mallocCountTotal --no-progress)
case "${1:-}" in
check)
    status=0
    swift package benchmark thresholds check "${targets[@]}" || status=$?
    case $status in
    0) echo "bench-thresholds: allocations as checked in" ;;
    4) echo "bench-thresholds: fewer allocations than checked in; run 'tools/bench-thresholds.sh update' and commit Benchmarks/Thresholds" ;;
    *) echo "bench-thresholds: more allocations than checked in (or no run): exit $status" >&2; exit 1 ;;
    esac
    ;;
update)
    swift package --allow-writing-to-package-directory benchmark thresholds update "${targets[@]}"
    echo "bench-thresholds: wrote $(ls Thresholds/*.p90.json | wc -l) files in Benchmarks/Thresholds"
    ;;
*)
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
