#!/usr/bin/env bash
# Runs one large ONE_DOC_PER_LINE sentiment job end to end with the release binary and records
# wall time, throughput and the worker's peak RSS in docs/PERFORMANCE-1GB.md, which is also
# spliced into docs/PERFORMANCE.md as the section "1 GB ONE_DOC_PER_LINE job" (and kept there
# by tools/performance-report.sh).
#
# Usage: tools/big-job.sh [--size 1GB] [--threads N] [--seed 1] [--no-docs] [--keep]
#   --size     corpus size (tools/generate-corpus.py units: 1GB = 10^9 bytes; default 1GB)
#   --threads  worker threads (default: nproc)
#   --no-docs  measure and verify only; leave docs/ alone (e.g. for a small trial run)
#   --keep     keep the temporary VALENCE_HOME (corpus, archive) and print where it is
# Env:   VALENCE_BIN    a valence binary to use instead of building one
#        SCRATCH_PATH   SwiftPM scratch path for the release build (default: .build)
#        TMPDIR         where the corpus and archive go (needs about 1.2x --size free)
#
# Steps: build `valence` in release; generate the corpus under a temporary VALENCE_HOME; queue
# the job with `start-sentiment-detection-job --no-worker`; run `valence worker --job-id` in the
# foreground under /usr/bin/time -v (wall time, peak RSS, CPU); check the job is COMPLETED, the
# archive passes `gzip -t` and holds one record per input line; write the report; delete the
# temporary files (unless --keep). Exits non-zero when any check fails or peak RSS >= 300 MB.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZE=1GB
THREADS="$(nproc)"
SEED=1
DOCS=yes
KEEP=no
while [ $# -gt 0 ]; do
    case "$1" in
        --size) SIZE="$2"; shift 2 ;;
        --threads) THREADS="$2"; shift 2 ;;
        --seed) SEED="$2"; shift 2 ;;
        --no-docs) DOCS=no; shift ;;
        --keep) KEEP=yes; shift ;;
        -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "big-job: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
RSS_LIMIT_KB=$((300 * 1000))   # 300 MB

[ -x /usr/bin/time ] || { echo "big-job: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

# --- binary ------------------------------------------------------------------------------------
if [ -n "${VALENCE_BIN:-}" ]; then
    BIN="$VALENCE_BIN"
else
    SCRATCH="${SCRATCH_PATH:-$ROOT/.build}"
    echo "big-job: swift build -c release --product valence --scratch-path $SCRATCH" >&2
    (cd "$ROOT" && swift build -c release --product valence --scratch-path "$SCRATCH" >&2)
    BIN="$SCRATCH/release/valence"
fi
[ -x "$BIN" ] || { echo "big-job: no valence binary at $BIN" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/valence-big.XXXXXX")"
if [ "$KEEP" = yes ]; then
    echo "big-job: keeping $WORK" >&2
else
    trap 'rm -rf "$WORK"' EXIT
fi
export VALENCE_HOME="$WORK/home"
export VALENCE_S3_ROOT="$VALENCE_HOME/s3"
export VALENCE_LEXICONS="$ROOT/Lexicons"
export VALENCE_THREADS="$THREADS"
export AWS_REGION="${AWS_REGION:-us-east-1}"
CORPUS="$VALENCE_S3_ROOT/in-bucket/big/corpus.txt"

# --- corpus ------------------------------------------------------------------------------------
echo "big-job: generating $SIZE of ONE_DOC_PER_LINE text (seed $SEED)..." >&2
GEN_START=$(date +%s.%N)
read -r BYTES LINES < <(python3 "$ROOT/tools/generate-corpus.py" --size "$SIZE" --seed "$SEED" --out "$CORPUS")
GEN_END=$(date +%s.%N)
[ -n "${LINES:-}" ] && [ "$LINES" -gt 0 ] || { echo "big-job: corpus generation failed" >&2; exit 1; }
echo "big-job: $BYTES bytes, $LINES documents in $(printf '%.1f' "$(echo "$GEN_END - $GEN_START" | bc)") s" >&2

# --- job ---------------------------------------------------------------------------------------
START_ARGS=(start-sentiment-detection-job --language-code en
    --input-data-config "S3Uri=s3://in-bucket/big/,InputFormat=ONE_DOC_PER_LINE"
    --output-data-config "S3Uri=s3://out-bucket/results/"
    --data-access-role-arn "arn:aws:iam::111122223333:role/big-job")
JOB_ID="$("$BIN" "${START_ARGS[@]}" --no-worker | python3 -c 'import json, sys; print(json.load(sys.stdin)["JobId"])')"
echo "big-job: job $JOB_ID queued; running its worker in the foreground with $THREADS thread(s)..." >&2

sync  # the corpus's dirty pages are written back before timing, not during it
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
T0=$(date +%s.%N)
/usr/bin/time -v -o "$WORK/time.txt" "$BIN" worker --job-id "$JOB_ID" --threads "$THREADS" > "$WORK/worker.log" 2>&1 \
    || { cat "$WORK/worker.log" "$WORK/time.txt" >&2; echo "big-job: the worker failed" >&2; exit 1; }
T1=$(date +%s.%N)
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
WALL=$(echo "$T1 - $T0" | bc)
RSS_KB=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$WORK/time.txt")
USER_S=$(sed -n 's/^[[:space:]]*User time (seconds): //p' "$WORK/time.txt")
SYS_S=$(sed -n 's/^[[:space:]]*System time (seconds): //p' "$WORK/time.txt")
CPU_PCT=$(sed -n 's/^[[:space:]]*Percent of CPU this job got: //p' "$WORK/time.txt")

# --- checks ------------------------------------------------------------------------------------
DESCRIBE="$("$BIN" describe-sentiment-detection-job --job-id "$JOB_ID")"
STATUS="$(python3 -c 'import json, sys; print(json.load(sys.stdin)["SentimentDetectionJobProperties"]["JobStatus"])' <<<"$DESCRIBE")"
URI="$(python3 -c 'import json, sys; print(json.load(sys.stdin)["SentimentDetectionJobProperties"]["OutputDataConfig"]["S3Uri"])' <<<"$DESCRIBE")"
ARCHIVE="$VALENCE_S3_ROOT/${URI#s3://}"
[ "$STATUS" = COMPLETED ] || { echo "$DESCRIBE" >&2; echo "big-job: job is $STATUS, not COMPLETED" >&2; exit 1; }
echo "big-job: checking $ARCHIVE..." >&2
gzip -t "$ARCHIVE" || { echo "big-job: gzip -t failed" >&2; exit 1; }
MEMBERS="$(tar -tzf "$ARCHIVE" | tr '\n' ' ')"
[ "$MEMBERS" = "output " ] || { echo "big-job: archive members '$MEMBERS', expected 'output'" >&2; exit 1; }
RECORDS=$(tar -xzOf "$ARCHIVE" | wc -l)
ERRORS=$(tar -xzOf "$ARCHIVE" | grep -c '"ErrorCode"' || true)
ARCHIVE_BYTES=$(stat -c %s "$ARCHIVE")
LEFTOVERS=$(find "$(dirname "$ARCHIVE")" -name '.*.valence-*.tmp' | wc -l)
[ "$RECORDS" -eq "$LINES" ] || { echo "big-job: $RECORDS records for $LINES input lines" >&2; exit 1; }
[ "$LEFTOVERS" -eq 0 ] || { echo "big-job: $LEFTOVERS temporary files left beside the archive" >&2; exit 1; }

MBPS=$(printf '%.2f' "$(echo "$BYTES / 1000000 / $WALL" | bc -l)")
DOCS_PER_S=$(echo "$LINES / $WALL" | bc)
RSS_MB=$(printf '%.1f' "$(echo "$RSS_KB / 1000" | bc -l)")
CPU_MODEL="$( (lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n1) || true)"
[ -n "$CPU_MODEL" ] || CPU_MODEL="$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo | head -n1)"
DATE="$(date -u '+%Y-%m-%d %H:%M UTC')"
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
DIRTY="$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo ' with uncommitted changes' || true)"
SWIFT_VERSION="$(swift --version 2>&1 | grep -m1 'Swift version' || echo unknown)"
fmt() { echo "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'; }

echo "big-job: $STATUS; $BYTES bytes, $LINES documents, ${WALL}s wall, $MBPS MB/s, peak RSS ${RSS_MB} MB, $THREADS threads, load $LOAD_BEFORE -> $LOAD_AFTER" >&2

if [ "$DOCS" = yes ]; then
    SECTION="$ROOT/docs/PERFORMANCE-1GB.md"
    cat > "$SECTION" <<EOF
## 1 GB ONE_DOC_PER_LINE job

Written by \`tools/big-job.sh\` (the file \`docs/PERFORMANCE-1GB.md\`, copied into \`docs/PERFORMANCE.md\` by that script and by \`tools/performance-report.sh\`); every figure was measured by that run. Regenerate with \`tools/big-job.sh --size $SIZE\`.

One sentiment job over a single ONE_DOC_PER_LINE object, default \`output.tar.gz\` (gzip level 6), the release binary's worker run in the foreground.

| input | documents | wall time | throughput | documents/s | worker peak RSS | CPU (user + sys) | threads |
|---:|---:|---:|---:|---:|---:|---:|---:|
| $(python3 -c "print(f'{$BYTES / 1e6:,.1f}')") MB | $(fmt "$LINES") | $(printf '%.1f' "$WALL") s | $MBPS MB/s | $(fmt "$DOCS_PER_S") | $RSS_MB MB | $USER_S + $SYS_S s ($CPU_PCT) | $THREADS |

- Input: \`tools/generate-corpus.py --size $SIZE --seed $SEED\`: $(fmt "$BYTES") bytes of generated English reviews (VADER lexicon words, negations, boosters, contrasts, emoji, emoticons, punctuation), $(fmt "$LINES") lines, average $((BYTES / LINES)) B.
- Output: \`output.tar.gz\` of $(printf '%.1f' "$(echo "$ARCHIVE_BYTES / 1000000" | bc -l)") MB; \`gzip -t\` passes; its one member \`output\` holds $(fmt "$RECORDS") records (\`tar -xzOf … | wc -l\`), one per input line, $ERRORS of them error records; no temporary file left.
- Peak RSS is the worker process's maximum resident set size from \`/usr/bin/time -v\` (1 MB = 1000 kB); the job's memory is bounded by the batches in flight (3 × threads batches of at most 2,048 documents and 512 KiB of text), not by the input size.
- Machine: $CPU_MODEL; \`nproc\` = $(nproc); memory $(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo); $SWIFT_VERSION.
- Load average (1/5/15 min) before the job $LOAD_BEFORE, after $LOAD_AFTER. The job itself adds up to $THREADS; the machine is shared, and a higher load means other work ran beside the job, so the wall time is longer than on an idle machine.
- Date: $DATE; commit $COMMIT$DIRTY.
- Command (after \`valence ${START_ARGS[*]} --no-worker\`, under a temporary \`VALENCE_HOME\`):
  \`VALENCE_THREADS=$THREADS /usr/bin/time -v valence worker --job-id <JobId> --threads $THREADS\`
EOF
    python3 - "$ROOT/docs/PERFORMANCE.md" "$SECTION" <<'PY'
import sys
path, section_path = sys.argv[1], sys.argv[2]
section = open(section_path, encoding="utf-8").read().rstrip("\n").split("\n")
lines = open(path, encoding="utf-8").read().split("\n")
title = section[0]
if title in lines:                      # replace the section up to the next "## " heading
    start = lines.index(title)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    lines[start:end] = section + [""]
elif "## How it is measured" in lines:  # keep "How it is measured" last
    at = lines.index("## How it is measured")
    lines[at:at] = section + [""]
else:
    lines += [""] + section + [""]
open(path, "w", encoding="utf-8").write("\n".join(lines))
PY
    echo "big-job: wrote $SECTION and its section in docs/PERFORMANCE.md" >&2
fi

if [ "$RSS_KB" -ge "$RSS_LIMIT_KB" ]; then
    echo "big-job: peak RSS ${RSS_MB} MB is not under 300 MB" >&2
    exit 1
fi
