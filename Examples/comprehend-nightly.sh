#!/bin/sh
# A sentiment job the way a script drives Amazon Comprehend with the aws CLI: start, poll with
# --query, list with --filter and --max-items, stop. It runs unchanged with Valence:
#
#   COMPREHEND="aws comprehend" sh comprehend-nightly.sh my-bucket arn:aws:iam::111122223333:role/comprehend
#   COMPREHEND=valence          sh comprehend-nightly.sh my-bucket arn:aws:iam::111122223333:role/comprehend
#   COMPREHEND="valence --endpoint-url http://127.0.0.1:4566" sh comprehend-nightly.sh ...   # a valence serve
set -eu
COMPREHEND=${COMPREHEND:-aws comprehend}
BUCKET=$1
ROLE=$2

JOB=$($COMPREHEND start-sentiment-detection-job \
    --input-data-config "S3Uri=s3://$BUCKET/reviews/,InputFormat=ONE_DOC_PER_LINE" \
    --output-data-config "S3Uri=s3://$BUCKET/results/" \
    --data-access-role-arn "$ROLE" --language-code en --job-name nightly \
    --query JobId --output text)
echo "started $JOB"

while :; do
    STATUS=$($COMPREHEND describe-sentiment-detection-job --job-id "$JOB" \
        --query SentimentDetectionJobProperties.JobStatus --output text)
    case $STATUS in COMPLETED|FAILED|STOPPED) break ;; esac
    sleep 1
done
echo "finished $STATUS"
$COMPREHEND describe-sentiment-detection-job --job-id "$JOB" \
    --query 'SentimentDetectionJobProperties.[OutputDataConfig.S3Uri, SubmitTime]' --output text

echo "latest completed job:"
$COMPREHEND list-sentiment-detection-jobs --filter JobStatus=COMPLETED --max-items 1 \
    --query 'SentimentDetectionJobPropertiesList[].[JobId, JobStatus]' --output text

# A second run, cancelled straight away; a job that finished first cannot be stopped (exit 254).
SECOND=$($COMPREHEND start-sentiment-detection-job \
    --cli-input-json "{\"InputDataConfig\": {\"S3Uri\": \"s3://$BUCKET/reviews/\"}, \"OutputDataConfig\": {\"S3Uri\": \"s3://$BUCKET/results/\"}, \"DataAccessRoleArn\": \"$ROLE\", \"LanguageCode\": \"en\", \"JobName\": \"cancelled\"}" \
    --query JobId --output text)
if STOPPED=$($COMPREHEND stop-sentiment-detection-job --job-id "$SECOND" --query JobStatus --output text 2>/dev/null); then
    echo "stop: $STOPPED"
else
    echo "stop: the job had already finished"
fi
