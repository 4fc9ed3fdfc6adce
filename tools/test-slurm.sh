#!/usr/bin/env bash
# `make test-slurm` (issue #14): a 4-shard job run by the project's own deploy/slurm sbatch script
# on a one-node Slurm cluster of this machine (tools/slurm-one-node.sh: installs slurm-wlm and
# munge if missing), checked against a one-machine run of the same input: the decompressed
# `output` must be byte-identical. The cluster is stopped at the end, whatever happened.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
bin=${VALENCE_BIN:-$repo/.build/release/valence}
[ -x "$bin" ] || { echo "error: $bin is not built (swift build -c release --product valence)" >&2; exit 1; }

work=$(mktemp -d /tmp/valence-slurm.XXXXXX)
cluster=$work/cluster
cleanup() {
    tools/slurm-one-node.sh stop "$cluster" || true
    rm -rf "$work"
}
trap cleanup EXIT
eval "$(tools/slurm-one-node.sh start "$cluster")"

export VALENCE_HOME=$work/home VALENCE_S3_ROOT=$work/s3 VALENCE_LEXICONS=$repo/Lexicons VALENCE_BIN=$bin
export AWS_REGION=us-east-1
# Input: many small files, one large file the plan splits, lines over the size limit, an invalid byte.
python3 - "$VALENCE_S3_ROOT/reviews/in" <<'PY'
import os, random, sys
root = sys.argv[1]
os.makedirs(root, exist_ok=True)
rng = random.Random(14)
words = "the film was great awful boring wonderful sad funny not bad at all I loved hated it".split()
def line(i):
    return f"{i} " + " ".join(rng.choice(words) for _ in range(rng.randint(3, 20)))
for f in range(40):
    with open(f"{root}/small-{f:02}.txt", "w", newline="") as out:
        for i in range(rng.randint(10, 200)):
            out.write(line(i) + rng.choice(["\n", "\r\n", "\r"]))
with open(f"{root}/big.txt", "w") as out:
    i = 0
    while out.tell() < 8 << 20:
        out.write(line(i) + "\n")
        if i % 997 == 0:
            out.write("long " * 1200 + "\n")
        i += 1
with open(f"{root}/bad-encoding.txt", "wb") as out:
    out.write(b"good line\nstill good\n\xff broken\nafter\n")
PY

start() {
    "$bin" start-sentiment-detection-job \
        --input-data-config S3Uri=s3://reviews/in/,InputFormat=ONE_DOC_PER_LINE \
        --output-data-config "S3Uri=s3://reviews/$1/" \
        --data-access-role-arn arn:aws:iam::111122223333:role/valence --language-code en "${@:2}" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["JobId"])'
}
describe() {
    "$bin" describe-sentiment-detection-job --job-id "$1" |
        python3 -c 'import json, sys; p = json.load(sys.stdin)["SentimentDetectionJobProperties"]; print(p["JobStatus"], p["OutputDataConfig"]["S3Uri"][5:])'
}

one=$(start one --wait 2>/dev/null)
read -r one_status one_archive < <(describe "$one")
[ "$one_status" = COMPLETED ] || { echo "error: the one-machine job is $one_status" >&2; exit 1; }

# The three commands of deploy/slurm/README.md.
job=$(start sharded --shards 4 --no-worker)
(cd "$work" && sbatch --wait --array=0-3 "$repo/deploy/slurm/valence-shards.sbatch" "$job" >/dev/null) || {
    echo "error: the array job failed" >&2; cat "$work"/valence-*.out >&2; exit 1; }
read -r status archive < <(describe "$job")
[ "$status" = COMPLETED ] || { echo "error: the sharded job is $status" >&2; cat "$work"/valence-*.out "$VALENCE_HOME/logs/$job.log" >&2; exit 1; }

gzip -t "$VALENCE_S3_ROOT/$archive"
cmp <(tar -xzOf "$VALENCE_S3_ROOT/$one_archive" output) <(tar -xzOf "$VALENCE_S3_ROOT/$archive" output)
records=$(tar -xzOf "$VALENCE_S3_ROOT/$archive" output | wc -l)
echo "test-slurm: 4 shards on Slurm ($(ls "$work"/valence-*.out | wc -l) array tasks): $records records, identical to the one-machine job"
