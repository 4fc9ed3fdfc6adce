#!/usr/bin/env bash
# Wall time of one ONE_DOC_PER_LINE job run as 1 shard process and as 2 shard processes at once
# (one scoring thread each: each process stands for one machine of a cluster), and the time the
# last shard spends merging the parts (issue #14; docs/PERFORMANCE.md, "Sharded jobs").
#
#   tools/bench-shards.sh [--size 300MB] [--merge-size 1GB] [--runs N] [--pin]
#
# With --pin each process is a one-core machine: shard process i runs on core i (taskset), the
# one-shard process on core 0. Without it a single process also uses the idle core for its reader
# thread (about 0.1 core), which two processes on two cores cannot.
# With --runs N the 1- and 2-shard runs alternate N times (the machine's noise then falls on both
# alike) and a last line gives the median wall times and their ratio.
#
# Each run also measures a peer in the same minute: `gzip -6` of (up to) 100 MB of the corpus as one
# process, then as two processes at once (pinned like the shards with --pin). gzip's ratio is what
# this 2-core virtual machine gives a CPU-bound job at that moment (a busy host shows below 2×);
# the CPU-seconds of the shard processes show what sharding itself costs.
#
# Uses the release binary (swift build -c release --product valence) and a scratch directory
# under /tmp, removed at the end. Prints one Markdown table row per run.
set -euo pipefail
cd "$(dirname "$0")/.."
size=300MB
merge_size=
runs=1
pin=false
while [ $# -gt 0 ]; do
    case $1 in
    --size) size=$2; shift 2 ;;
    --merge-size) merge_size=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --pin) pin=true; shift ;;
    *) echo "usage: $0 [--size 300MB] [--merge-size 1GB] [--runs N] [--pin]" >&2; exit 2 ;;
    esac
done
bin=$PWD/.build/release/valence
[ -x "$bin" ] || { echo "error: build the release binary first" >&2; exit 1; }
work=$(mktemp -d /tmp/valence-bench-shards.XXXXXX)
trap 'rm -rf "$work"' EXIT
export VALENCE_LEXICONS=$PWD/Lexicons VALENCE_THREADS=1 AWS_REGION=us-east-1

# run SIZE SHARDS [RUN]: a fresh home; the shards' workers start together; prints wall and merge seconds.
run() {
    export VALENCE_HOME=$work/home-$1-$2-${3:-1} VALENCE_S3_ROOT=$work/s3
    local job
    job=$("$bin" start-sentiment-detection-job --language-code en \
        --input-data-config "S3Uri=s3://in-bucket/$1/,InputFormat=ONE_DOC_PER_LINE" \
        --output-data-config "S3Uri=s3://out-bucket/$1-$2-${3:-1}/" --data-access-role-arn arn:aws:iam::111122223333:role/bench \
        --shards "$2" --no-worker | python3 -c 'import json, sys; print(json.load(sys.stdin)["JobId"])')
    local begin end load pids=()
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    begin=$(date +%s.%N)
    for ((i = 0; i < $2; i++)); do
        local timing=(/usr/bin/time -f '%U %S' -o "$work/cpu-$1-$2-${3:-1}-$i" -q)
        # (%U + %S: the process's CPU-seconds, summed over the shards below.)
        if $pin; then "${timing[@]}" taskset -c "$((i % $(nproc)))" "$bin" worker --job-id "$job" --shard-index "$i" >/dev/null &
        else "${timing[@]}" "$bin" worker --job-id "$job" --shard-index "$i" >/dev/null &
        fi
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid"; done
    end=$(date +%s.%N)
    local cpu
    cpu=$(awk '{ sum += $1 + $2 } END { printf "%.1f", sum }' "$work/cpu-$1-$2-${3:-1}"-*)
    local status merge
    status=$("$bin" describe-sentiment-detection-job --job-id "$job" | python3 -c 'import json, sys; print(json.load(sys.stdin)["SentimentDetectionJobProperties"]["JobStatus"])')
    merge=$(sed -n 's/.*parts merged in \([0-9.]*\) s (\([0-9]*\) record bytes).*/\1 s for \2 record bytes/p' "$VALENCE_HOME/logs/$job.log")
    local archive
    archive=$(find "$VALENCE_S3_ROOT/out-bucket/$1-$2-${3:-1}" -name output.tar.gz -printf '%s')
    echo "$2 $(echo "$end - $begin" | bc)" >> "$work/walls"
    printf '| %s | %d | %.1f s | %s CPU-s | %s | %s | %s bytes | %s |\n' "$1" "$2" "$(echo "$end - $begin" | bc)" "$cpu" "$status" "$merge" "$archive" "$load"
}

# gzip RUN: `gzip -6` of the reference sample, one process then two at once; prints both walls.
gzip_peer() {
    local begin middle end
    begin=$(date +%s.%N)
    if $pin; then taskset -c 0 gzip -6 < "$work/sample" > /dev/null; else gzip -6 < "$work/sample" > /dev/null; fi
    middle=$(date +%s.%N)
    if $pin; then
        taskset -c 0 gzip -6 < "$work/sample" > /dev/null & taskset -c 1 gzip -6 < "$work/sample" > /dev/null & wait
    else
        gzip -6 < "$work/sample" > /dev/null & gzip -6 < "$work/sample" > /dev/null & wait
    fi
    end=$(date +%s.%N)
    local one two
    one=$(echo "$middle - $begin" | bc) two=$(echo "$end - $middle" | bc)
    echo "gzip $one $two" >> "$work/walls"
    printf '| gzip -6 peer, %d MB | 1 process %.1f s, 2 processes at once %.1f s | %.2fx for twice the work |\n' "$(($(stat -c %s "$work/sample") / 1000000))" "$one" "$two" "$(echo "2 * $one / $two" | bc -l)"
}

echo "| input | shard processes | wall time | CPU time | status | merge | archive | load before (1/5/15) |"
echo "|---|---:|---:|---:|---|---|---:|---|"
python3 tools/generate-corpus.py --size "$size" --out "$work/s3/in-bucket/$size/corpus.txt" --seed 1
head -c 100000000 "$work/s3/in-bucket/$size/corpus.txt" > "$work/sample"
for ((r = 1; r <= runs; r++)); do
    run "$size" 1 "$r"
    run "$size" 2 "$r"
    gzip_peer
done
if [ "$runs" -gt 1 ]; then
    python3 - "$work/walls" <<'PY'
import statistics, sys
walls, gzip = {}, []
for line in open(sys.argv[1]):
    fields = line.split()
    if fields[0] == "gzip":
        gzip.append(2 * float(fields[1]) / float(fields[2]))
    else:
        walls.setdefault(int(fields[0]), []).append(float(fields[1]))
one, two = statistics.median(walls[1]), statistics.median(walls[2])
print(f"median of {len(walls[1])} runs: 1 shard {one:.1f} s, 2 shards {two:.1f} s, speed-up {one / two:.2f}x; "
      f"gzip -6 peer 1 -> 2 processes {statistics.median(gzip):.2f}x")
PY
fi
if [ -n "$merge_size" ]; then
    rm -rf "$work/s3/in-bucket/$size"
    python3 tools/generate-corpus.py --size "$merge_size" --out "$work/s3/in-bucket/$merge_size/corpus.txt" --seed 1
    run "$merge_size" 2
fi
