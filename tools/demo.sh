#!/usr/bin/env bash
# What `make demo` shows: Valence doing what Comprehend does, offline, on bundled sample texts.
set -euo pipefail
valence=$(cd "$(dirname "${1:-.build/release/valence}")" && pwd)/$(basename "${1:-.build/release/valence}")
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
demo_home=$(mktemp -d)
trap 'rm -rf "$demo_home"' EXIT
export VALENCE_HOME="$demo_home" AWS_REGION=us-west-2
mkdir -p "$demo_home/s3"
cp -R Examples/s3/demo-input "$demo_home/s3/"
role=arn:aws:iam::111122223333:role/service-role/AmazonComprehendServiceRole-demo

step valence detect-sentiment --language-code en --text "It is a beautiful day in Seattle"
"$valence" detect-sentiment --language-code en --text "It is a beautiful day in Seattle"

step "valence start-sentiment-detection-job --input-data-config S3Uri=s3://demo-input/reviews/,InputFormat=ONE_DOC_PER_LINE ... --wait"
"$valence" start-sentiment-detection-job --job-name demo-reviews --language-code en \
    --input-data-config S3Uri=s3://demo-input/reviews/,InputFormat=ONE_DOC_PER_LINE \
    --output-data-config S3Uri=s3://demo-output/results/ --data-access-role-arn "$role" --wait | tee "$demo_home/start.json"
job=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["JobId"])' "$demo_home/start.json")

step valence describe-sentiment-detection-job --job-id "$job"
"$valence" describe-sentiment-detection-job --job-id "$job"

archive=$(find "$demo_home/s3/demo-output" -name output.tar.gz)
step "tar -xzOf .../$job/output/output.tar.gz output   (first records)"
tar -xzOf "$archive" output | head -n 5

step "valence start-sentiment-detection-job --input-data-config S3Uri=s3://demo-input/letters/ (ONE_DOC_PER_FILE) ... --wait"
"$valence" start-sentiment-detection-job --job-name demo-letters --language-code en \
    --input-data-config S3Uri=s3://demo-input/letters/ \
    --output-data-config S3Uri=s3://demo-output/results/ --data-access-role-arn "$role" --wait >/dev/null
step valence list-sentiment-detection-jobs --filter JobStatus=COMPLETED "(names and output)"
"$valence" list-sentiment-detection-jobs --filter JobStatus=COMPLETED | python3 -c '
import json, sys
for job in json.load(sys.stdin)["SentimentDetectionJobPropertiesList"]:
    print(job["JobName"], job["JobStatus"], job["OutputDataConfig"]["S3Uri"])'
for archive in $(find "$demo_home/s3/demo-output" -name output.tar.gz); do tar -xzOf "$archive" output; done | grep '"File": "[a-z]*.txt", "Sentiment"' | grep -v '"Line"' || true

step "valence run Examples/s3/demo-input/reviews --input-format ONE_DOC_PER_LINE --language-code en --output <dir>"
"$valence" run Examples/s3/demo-input/reviews --input-format ONE_DOC_PER_LINE --language-code en --output "$demo_home/run"

step "valence analyze --explain   (how each token of one review scored)"
tail -n 1 Examples/reviews-en.jsonl | "$valence" analyze --language-code en --explain | python3 -c '
import json, sys
for line in sys.stdin:
    record = json.loads(line)
    print(record["id"], record["Sentiment"], record["Valence"])
    for t in record["Tokens"]:
        if t["base"] is not None or t["rules"]:
            print("   %-10s base %-5s final %-7s %s" % (t["token"], t["base"], round(t["value"], 4), "; ".join(t["rules"])))
'

step 'valence detect-sentiment   (the other eleven languages; each pack learned from one domain: tweets for es, fr, de, it, pt, hi and ar, securities reports for ja, film reviews for ko, shopping reviews for zh)'
while IFS='|' read -r lang text; do
    printf '%-6s %s\n       ' "$lang" "$text"
    "$valence" detect-sentiment --language-code "$lang" --text "$text" | python3 -c '
import json, sys
r = json.load(sys.stdin)
print(r["Sentiment"], " ".join("%s %.2f" % (k, v) for k, v in r["SentimentScore"].items()))'
done <<'TEXTS'
es|La comida estaba deliciosa, pero el servicio fue muy lento.
fr|Je n'ai pas aimé ce film, vraiment décevant.
de|Das Hotel war sauber und das Personal sehr freundlich.
it|Il prodotto è arrivato rotto, pessima esperienza.
pt|Adorei o atendimento, super recomendo!
ar|الخدمة كانت ممتازة والأسعار معقولة.
hi|yeh film bahut acchi thi, must watch!
ja|当期の売上高は前期比12%増加し、増益となりました。
ko|배송이 빨라서 정말 좋았어요 👍
zh|这家餐厅的服务太慢了，菜也不好吃。
zh-TW|這款手機品質很好，物流也很快，非常滿意。
TEXTS

step 'valence segment   (ICU word break, as the packs tokenize)'
"$valence" segment --language-code ja --text "このカメラは軽くて使いやすいです！" | cut -f2 | paste -sd'|'
