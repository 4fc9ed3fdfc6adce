"""`valence serve`, Comprehend side (issue 12, acceptance 1 and 2): real boto3 and the real aws CLI
against a live server. Every service error of the CLI's conformance tests (Tests/ValenceCLITests:
spec §13 #6-#16, #24 and the synchronous limits) raises botocore's ClientError with the code and
message `valence` prints, and `aws comprehend ... --endpoint-url` prints exactly what the `valence`
subcommand prints for the same request. And `valence ... --endpoint-url` (issue 13) is a client of
the server that prints what `valence` prints on the server's own machine."""
import json
import os
import re
import subprocess
import time

import awscli
import pytest
from botocore.exceptions import ClientError

from serve_support import ACCESS_KEY, ROLE, SECRET_KEY, server_fixture
from valence_peers import ROOT, valence_binary

# The aws CLI's exit status for a service error: 255 in version 1 (PyPI awscli), 254 in version 2.
SERVICE_ERROR_STATUS = 255 if awscli.__version__.startswith("1.") else 254

START = {
    "InputDataConfig": {"S3Uri": "s3://in-bucket/docs/", "InputFormat": "ONE_DOC_PER_LINE"},
    "OutputDataConfig": {"S3Uri": "s3://out-bucket/results/"},
    "DataAccessRoleArn": ROLE,
    "LanguageCode": "en",
}


def start(**changes):
    params = json.loads(json.dumps(START))
    for key, value in changes.items():
        if isinstance(value, dict) and key in params:
            params[key].update(value)
        else:
            params[key] = value
    return params


# (operation, request) pairs the service refuses (exit 254 in the CLI): one per conformance case.
SERVICE_ERRORS = [
    ("start_sentiment_detection_job", start(InputDataConfig={"S3Uri": "s3://In-Bucket/docs/"})),  # #6 pattern
    ("start_sentiment_detection_job", start(OutputDataConfig={"S3Uri": "s3://out-bucket/" + "x" * 1010})),  # #6 length
    ("start_sentiment_detection_job", start(JobName="bad#name")),  # #9
    ("start_sentiment_detection_job", start(LanguageCode="xx")),  # #10
    ("start_sentiment_detection_job", start(OutputDataConfig={"KmsKeyId": "alias/clé"}, VolumeKmsKeyId="")),  # #11
    ("start_sentiment_detection_job", start(VolumeKmsKeyId="my-key")),  # #11 KmsKeyValidationException
    ("start_sentiment_detection_job", start(VpcConfig={"SecurityGroupIds": ["sg-1", "sg-2", "sg-3", "sg-4", "sg-5", "sg-6"],
                                                        "Subnets": ["subnet_1"]})),  # #12
    ("start_sentiment_detection_job", start(Tags=[{"Key": "ok", "Value": "v" * 257}])),  # #13
    ("start_sentiment_detection_job", start(Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(1, 52)])),  # #13 TooManyTags
    ("start_sentiment_detection_job", start(InputDataConfig={"InputFormat": "one_doc_per_line"})),  # #14
    ("start_sentiment_detection_job", start(InputDataConfig={"InputFormat": None, "DocumentReaderConfig": {
        "DocumentReadAction": "OCR", "FeatureTypes": ["TABLES", "CHARTS", "FORMS"]}})),  # #14
    ("describe_sentiment_detection_job", {"JobId": "a" * 33}),  # #15
    ("describe_sentiment_detection_job", {"JobId": "job#1"}),
    ("describe_sentiment_detection_job", {"JobId": "a" * 32}),
    ("describe_sentiment_detection_job", {"JobId": "../jobs/x"}),
    ("stop_sentiment_detection_job", {"JobId": "a" * 33}),
    ("stop_sentiment_detection_job", {"JobId": "job#1"}),
    ("stop_sentiment_detection_job", {"JobId": "a" * 32}),
    ("stop_sentiment_detection_job", {"JobId": "../jobs/x"}),
    ("list_sentiment_detection_jobs", {"MaxResults": 501}),  # #16
    ("list_sentiment_detection_jobs", {"Filter": {"JobStatus": "RUNNING"}}),
    ("list_sentiment_detection_jobs", {"Filter": {"JobName": "alpha", "JobStatus": "FAILED"}}),
    ("list_sentiment_detection_jobs", {"Filter": {"SubmitTimeBefore": 1685664000, "SubmitTimeAfter": 1685577600}}),
    ("list_sentiment_detection_jobs", {"NextToken": "not-a-token"}),
    ("detect_sentiment", {"Text": "x" * 5002, "LanguageCode": "en"}),  # TextSizeLimitExceeded
    ("detect_sentiment", {"Text": "ok", "LanguageCode": "xx"}),
    ("batch_detect_sentiment", {"TextList": ["ok"] * 26, "LanguageCode": "en"}),  # BatchSizeLimitExceeded
    ("batch_detect_sentiment", {"TextList": ["ok", "é" * 2501], "LanguageCode": "en"}),
    ("batch_detect_sentiment", {"TextList": ["ok"], "LanguageCode": "xx"}),
]


def cli_name(operation):
    return operation.replace("_", "-")


def api_name(operation):
    return "".join(part.capitalize() for part in operation.split("_"))


def cli_arguments(operation, params):
    """The CLI arguments of a request: flags for the synchronous operations (valence has no
    --cli-input-json for them), --cli-input-json for the job operations."""
    if operation == "detect_sentiment":
        return [cli_name(operation), "--text", params["Text"], "--language-code", params["LanguageCode"]]
    if operation == "batch_detect_sentiment":
        return [cli_name(operation), "--text-list", *params["TextList"], "--language-code", params["LanguageCode"]]
    return [cli_name(operation), "--cli-input-json", json.dumps(strip_none(params))]


def strip_none(value):
    if isinstance(value, dict):
        return {k: strip_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [strip_none(v) for v in value]
    return value


server = server_fixture("serve-comprehend")


@pytest.fixture(scope="module")
def comprehend(server):
    return server.client("comprehend")


@pytest.mark.parametrize("operation,params", SERVICE_ERRORS, ids=[f"{i:02d}-{op}" for i, (op, _) in enumerate(SERVICE_ERRORS)])
def test_service_errors_match_the_cli(server, comprehend, operation, params):
    local = server.valence(*cli_arguments(operation, params))
    assert local.returncode == 254, local.stderr
    match = re.fullmatch(r"\nAn error occurred \((\w+)\) when calling the (\w+) operation: (.*)\n", local.stderr, re.S)
    assert match, local.stderr
    code, api, message = match.groups()
    assert api == api_name(operation)
    with pytest.raises(ClientError) as raised:
        getattr(comprehend, operation)(**strip_none(params))
    error = raised.value.response
    assert (error["Error"]["Code"], error["Error"]["Message"]) == (code, message)
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert error["ResponseMetadata"]["RequestId"]
    # The aws CLI prints the same refusal (aws CLI v1 exits 255 where v2, and valence, exit 254).
    remote = server.aws("comprehend", *cli_arguments(operation, params))
    assert (remote.returncode, remote.stdout, remote.stderr) == (SERVICE_ERROR_STATUS, "", local.stderr)


@pytest.mark.parametrize("operation,params", SERVICE_ERRORS, ids=[f"{i:02d}-{op}" for i, (op, _) in enumerate(SERVICE_ERRORS)])
def test_valence_as_a_client_prints_the_service_errors_valence_prints(server, operation, params):
    local = server.valence(*cli_arguments(operation, params))
    remote = server.client_valence(*cli_arguments(operation, params))
    assert local.returncode == 254
    assert (remote.returncode, remote.stdout, remote.stderr) == (local.returncode, local.stdout, local.stderr)


def test_unknown_operations_are_answered_as_aws_answers(server, comprehend):
    with pytest.raises(ClientError) as raised:
        comprehend.detect_entities(Text="Paris", LanguageCode="en")
    assert raised.value.response["Error"]["Code"] == "UnknownOperationException"
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def put_inputs(server):
    s3 = server.client("s3")
    for bucket in ("in-bucket", "out-bucket"):
        try:
            s3.create_bucket(Bucket=bucket)
        except ClientError as error:
            assert error.response["Error"]["Code"] == "BucketAlreadyOwnedByYou"
    s3.put_object(Bucket="in-bucket", Key="docs/a.txt", Body="I love this phone.\nThe battery is awful.\n".encode())
    s3.put_object(Bucket="in-bucket", Key="docs/b.txt", Body="It arrived on Tuesday.\n".encode())


def wait(comprehend, job_id, statuses=("COMPLETED", "FAILED", "STOPPED")):
    for _ in range(600):
        properties = comprehend.describe_sentiment_detection_job(JobId=job_id)["SentimentDetectionJobProperties"]
        if properties["JobStatus"] in statuses:
            return properties
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} still {properties['JobStatus']}")


def test_aws_cli_prints_what_valence_prints(server, comprehend):
    put_inputs(server)
    same = lambda *args: (server.aws("comprehend", *args), server.valence(*args))  # noqa: E731
    for args in (
        ["detect-sentiment", "--text", "I love this phone, but the battery is awful.", "--language-code", "en"],
        ["detect-sentiment", "--text", "Das Essen war ausgezeichnet!", "--language-code", "de"],
        ["batch-detect-sentiment", "--text-list", "Great!", "Terrible.", "It is Tuesday.", "--language-code", "en"],
    ):
        remote, local = same(*args)
        assert (remote.returncode, remote.stdout, remote.stderr) == (0, local.stdout, ""), args
    # Start with a client token: the second start (over HTTP) replays the first (the CLI's).
    request = json.dumps(start(InputDataConfig={"S3Uri": "s3://in-bucket/docs/"}, ClientRequestToken="tok-1", JobName="both-faces"))
    local = server.valence("start-sentiment-detection-job", "--cli-input-json", request)
    remote = server.aws("comprehend", "start-sentiment-detection-job", "--cli-input-json", request)
    assert local.returncode == 0, local.stderr
    assert (remote.returncode, remote.stderr) == (0, "")
    # The same job; its status is the current one (the job may have run in between).
    first, replay = json.loads(local.stdout), json.loads(remote.stdout)
    assert list(replay) == list(first) and replay["JobId"] == first["JobId"] and replay["JobArn"] == first["JobArn"]
    assert remote.stdout == local.stdout.replace('"SUBMITTED"', f'"{replay["JobStatus"]}"')
    job_id = first["JobId"]
    assert wait(comprehend, job_id)["JobStatus"] == "COMPLETED"
    for args in (["describe-sentiment-detection-job", "--job-id", job_id], ["list-sentiment-detection-jobs"],
                 ["list-sentiment-detection-jobs", "--filter", "JobName=both-faces"],
                 ["stop-sentiment-detection-job", "--job-id", job_id]):
        remote, local = same(*args)
        status = SERVICE_ERROR_STATUS if local.returncode == 254 else local.returncode
        assert (remote.returncode, remote.stdout, remote.stderr) == (status, local.stdout, local.stderr), args
    # Stop of a running job: the CLI stops one started over HTTP, the aws CLI one started by the CLI.
    slow = json.dumps(start(InputDataConfig={"S3Uri": "s3://in-bucket/docs/"}, JobName="to-stop"))
    first = json.loads(server.aws("comprehend", "start-sentiment-detection-job", "--cli-input-json", slow).stdout)["JobId"]
    second = json.loads(server.valence("start-sentiment-detection-job", "--cli-input-json", slow).stdout)["JobId"]
    for job, face in ((first, server.valence), (second, lambda *a: server.aws("comprehend", *a))):
        stopped = face("stop-sentiment-detection-job", "--job-id", job)
        if stopped.returncode == 0:
            assert json.loads(stopped.stdout) in ({"JobId": job, "JobStatus": "STOP_REQUESTED"}, {"JobId": job, "JobStatus": "STOPPED"})
        else:  # the job finished first: the refusal names it
            assert "InvalidRequestException" in stopped.stderr


def test_boto3_drives_the_six_operations(server, comprehend):
    put_inputs(server)
    detected = comprehend.detect_sentiment(Text="I love this phone.", LanguageCode="en")
    assert detected["Sentiment"] == "POSITIVE" and set(detected["SentimentScore"]) == {"Positive", "Negative", "Neutral", "Mixed"}
    cli = json.loads(server.valence("detect-sentiment", "--text", "I love this phone.", "--language-code", "en").stdout)
    assert {k: detected[k] for k in ("Sentiment", "SentimentScore")} == cli
    batch = comprehend.batch_detect_sentiment(TextList=["Great!", "Awful."], LanguageCode="en")
    assert [r["Sentiment"] for r in batch["ResultList"]] == ["POSITIVE", "NEGATIVE"] and batch["ErrorList"] == []
    job_ids = [comprehend.start_sentiment_detection_job(**start(JobName=f"paged-{i}"))["JobId"] for i in range(3)]
    for job_id in job_ids:
        assert wait(comprehend, job_id)["JobStatus"] == "COMPLETED"
    # The boto3 paginator walks pages of one job each; the CLI lists the same jobs.
    pages = list(comprehend.get_paginator("list_sentiment_detection_jobs").paginate(PaginationConfig={"PageSize": 1}))
    listed = [job["JobId"] for page in pages for job in page["SentimentDetectionJobPropertiesList"]]
    assert set(job_ids) <= set(listed) and len(pages) >= len(listed)
    cli_listed = [job["JobId"] for job in json.loads(server.valence("list-sentiment-detection-jobs").stdout)["SentimentDetectionJobPropertiesList"]]
    assert sorted(cli_listed) == sorted(listed)
    with pytest.raises(ClientError) as raised:
        comprehend.stop_sentiment_detection_job(JobId=job_ids[0])
    local = server.valence("stop-sentiment-detection-job", "--job-id", job_ids[0])
    assert f"({raised.value.response['Error']['Code']})" in local.stderr
    assert local.stderr.endswith(raised.value.response["Error"]["Message"] + "\n")


def test_valence_as_a_client_of_the_endpoint(server, comprehend):
    """Issue 13: `--endpoint-url` makes valence a client of `valence serve` — the six operations, the
    aws CLI's habits (--query, --output, paging flags, --wait), and its refusals."""
    put_inputs(server)
    both = lambda *args: (server.client_valence(*args), server.valence(*args))  # noqa: E731
    for args in (
        ["detect-sentiment", "--text", "I love this phone, but the battery is awful.", "--language-code", "en"],
        ["detect-sentiment", "--text", "这家餐厅的服务很好", "--language-code", "zh", "--output", "text"],
        ["batch-detect-sentiment", "--text-list", "Great!", "Terrible.", "It is Tuesday.", "--language-code", "en",
         "--query", "ResultList[].Sentiment", "--output", "text"],
    ):
        remote, local = both(*args)
        assert (remote.returncode, remote.stdout, remote.stderr) == (0, local.stdout, ""), args
    job_id = server.client_valence("start-sentiment-detection-job", "--input-data-config", "S3Uri=s3://in-bucket/docs/",
                                   "--output-data-config", "S3Uri=s3://out-bucket/client/", "--data-access-role-arn", ROLE,
                                   "--language-code", "en", "--job-name", "over-http", "--wait",
                                   "--query", "JobId", "--output", "text")
    assert job_id.returncode == 0, job_id.stderr
    job_id = job_id.stdout.strip()
    properties = comprehend.describe_sentiment_detection_job(JobId=job_id)["SentimentDetectionJobProperties"]
    assert properties["JobStatus"] == "COMPLETED" and properties["JobName"] == "over-http"
    for args in (["describe-sentiment-detection-job", "--job-id", job_id],
                 ["describe-sentiment-detection-job", "--job-id", job_id, "--query", "SentimentDetectionJobProperties.JobStatus"],
                 ["list-sentiment-detection-jobs", "--filter", "JobName=over-http", "--output", "table"],
                 ["list-sentiment-detection-jobs", "--max-items", "1", "--query", "SentimentDetectionJobPropertiesList[].JobId"],
                 ["list-sentiment-detection-jobs", "--page-size", "1"],
                 ["stop-sentiment-detection-job", "--job-id", job_id]):
        remote, local = both(*args)
        assert (remote.returncode, remote.stdout, remote.stderr) == (local.returncode, local.stdout, local.stderr), args
    # Valence's own start flags are not part of the AWS request: refused before anything is sent.
    shards = server.client_valence("start-sentiment-detection-job", "--cli-input-json", json.dumps(start()), "--shards", "2")
    assert shards.returncode == 252 and "--shards" in shards.stderr


def test_valence_as_a_client_is_refused_and_fails_as_the_aws_cli_does(server):
    args = ["detect-sentiment", "--text", "fine", "--language-code", "en"]
    forged = server.client_valence(*args, AWS_SECRET_ACCESS_KEY="not-the-secret")
    assert forged.returncode == 254 and "(InvalidSignatureException)" in forged.stderr
    unknown = server.client_valence(*args, AWS_ACCESS_KEY_ID="AKIAUNKNOWNKEY000000")
    assert unknown.returncode == 254 and "(UnrecognizedClientException)" in unknown.stderr
    unsigned = server.client_valence(*args, "--no-sign-request")
    assert unsigned.returncode == 254 and "(MissingAuthenticationTokenException)" in unsigned.stderr
    missing = server.client_valence(*args, AWS_ACCESS_KEY_ID="", AWS_SECRET_ACCESS_KEY="")
    assert (missing.returncode, missing.stderr) == (
        253, '\nUnable to locate credentials. You can configure credentials by running "aws configure".\n')
    # Nothing listens on port 9 (discard): one attempt, the aws CLI's words.
    refused = server.client_valence(*args, url="http://127.0.0.1:9", AWS_MAX_ATTEMPTS="1")
    assert (refused.returncode, refused.stdout, refused.stderr) == (255, "", '\nCould not connect to the endpoint URL: "http://127.0.0.1:9/"\n')
    no_scheme = server.client_valence(*args, url="127.0.0.1:9")
    assert no_scheme.returncode == 255 and "scheme is missing" in no_scheme.stderr


def test_the_nightly_script_runs_against_the_endpoint(server, tmp_path):
    """Examples/comprehend-nightly.sh (issue 13's script) runs unchanged with
    COMPREHEND="valence --endpoint-url <server>": every request goes over HTTP, signed."""
    s3 = server.client("s3")
    try:
        s3.create_bucket(Bucket="nightly-bucket")
    except ClientError as error:
        assert error.response["Error"]["Code"] == "BucketAlreadyOwnedByYou"
    s3.put_object(Bucket="nightly-bucket", Key="reviews/day.txt", Body=b"Lovely staff.\nThe room was dirty.\n")
    home = tmp_path / "client-home"
    env = dict(server.env, VALENCE_HOME=str(home), AWS_ACCESS_KEY_ID=ACCESS_KEY, AWS_SECRET_ACCESS_KEY=SECRET_KEY,
               AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull,
               COMPREHEND=f"{valence_binary()} --endpoint-url {server.url}")
    env.pop("VALENCE_S3_ROOT")
    result = subprocess.run(["sh", os.path.join(ROOT, "Examples", "comprehend-nightly.sh"), "nightly-bucket", ROLE],
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    job_id = re.fullmatch(r"started ([0-9a-f]{32})", lines[0]).group(1)
    assert lines[1] == "finished COMPLETED"
    assert re.fullmatch(rf"s3://nightly-bucket/results/111122223333-SENTIMENT-{job_id}/output/output.tar.gz\t\S+", lines[2])
    assert lines[3] == "latest completed job:" and lines[4].endswith("\tCOMPLETED")
    # With more jobs than --max-items, the aws CLI's text output runs the query over the resume token
    # too, and prints `None` for it (awscli's TextFormatter); valence does the same.
    if lines[5] == "None":
        del lines[5]
    assert lines[5] in ("stop: STOP_REQUESTED", "stop: STOPPED", "stop: the job had already finished")
    assert not home.exists() or not any(home.iterdir()), "the client kept nothing of its own"
