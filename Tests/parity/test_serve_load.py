"""`valence serve` under load (issue 12, acceptance 4) and upload atomicity: 16 concurrent boto3
clients x 100 requests, all answered correctly while a 50 MB job runs; an object whose upload is
in progress is never listed nor read by a job."""
import hashlib
import http.client
import io
import json
import tarfile
import threading
import time
import urllib.parse

from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from serve_support import ACCESS_KEY, REGION, ROLE, SECRET_KEY, server_fixture

SENTENCES = ["I love this phone, the screen is gorgeous.", "The battery died after two hours. Awful.",
             "It arrived on Tuesday in a brown box.", "Not bad at all, but the price is too high!",
             "Das Essen war ausgezeichnet.", "Worst customer service I have ever had :(",
             "The manual is 40 pages long.", "Absolutely fantastic, would buy again!!!"]


server = server_fixture("serve-load")


def wait(comprehend, job_id, timeout=900):
    deadline = time.time() + timeout
    while time.time() < deadline:
        properties = comprehend.describe_sentiment_detection_job(JobId=job_id)["SentimentDetectionJobProperties"]
        if properties["JobStatus"] in ("COMPLETED", "FAILED", "STOPPED"):
            return properties
        time.sleep(0.5)
    raise AssertionError(f"job {job_id} did not finish")


def test_16_clients_x_100_requests_while_a_50_mb_job_runs(server, tmp_path):
    s3 = server.client("s3")
    comprehend = server.client("comprehend")
    s3.create_bucket(Bucket="load")
    big = tmp_path / "big.txt"
    with open(big, "w") as f:
        i = 0
        while f.tell() < 50 * 1024 * 1024:
            f.write(f"{SENTENCES[i % len(SENTENCES)]} (review {i})\n")
            i += 1
    lines = i
    s3.upload_file(str(big), "load", "in/big.txt")
    s3.put_object(Bucket="load", Key="small/note.txt", Body=b"hello")
    # What each answer must be, from the CLI (the same JobService, another face).
    expected = {text: json.loads(server.valence("detect-sentiment", "--text", text, "--language-code", "en").stdout)
                for text in SENTENCES[:4] + SENTENCES[5:]}
    # Clients are made first and released together right after the job starts: some of their
    # Describe calls must see the job not yet finished.
    clients = [(server.client("comprehend", max_pool_connections=2), server.client("s3", max_pool_connections=2))
               for _ in range(16)]
    gate = threading.Event()
    job_id = comprehend.start_sentiment_detection_job(
        InputDataConfig={"S3Uri": "s3://load/in/", "InputFormat": "ONE_DOC_PER_LINE"},
        OutputDataConfig={"S3Uri": "s3://load/out/"}, DataAccessRoleArn=ROLE, LanguageCode="en")["JobId"]
    statuses_seen = []
    failures = []

    def client(n):
        c, o = clients[n]
        gate.wait()
        try:
            for k in range(100):
                kind = (n + k) % 5 if k else 3  # every client asks for the job's status first
                text = list(expected)[(n * 7 + k) % len(expected)]
                if kind <= 1:
                    answer = c.detect_sentiment(Text=text, LanguageCode="en")
                    assert {"Sentiment": answer["Sentiment"], "SentimentScore": answer["SentimentScore"]} == expected[text]
                elif kind == 2:
                    texts = [text] + list(expected)[:4]
                    answer = c.batch_detect_sentiment(TextList=texts, LanguageCode="en")
                    assert [r["Index"] for r in answer["ResultList"]] == list(range(5)) and answer["ErrorList"] == []
                    assert [r["Sentiment"] for r in answer["ResultList"]] == [expected[t]["Sentiment"] for t in texts]
                elif kind == 3:
                    status = c.describe_sentiment_detection_job(JobId=job_id)["SentimentDetectionJobProperties"]["JobStatus"]
                    assert status in ("SUBMITTED", "IN_PROGRESS", "COMPLETED")
                    statuses_seen.append(status)
                else:
                    assert o.get_object(Bucket="load", Key="small/note.txt")["Body"].read() == b"hello"
        except Exception as error:  # noqa: BLE001 - reported below with the client's number
            failures.append((n, repr(error)))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    gate.set()
    for thread in threads:
        thread.join()
    assert failures == []
    assert len(statuses_seen) == 16 * 20 + 16 - sum(1 for n in range(16) if n % 5 == 3)
    assert {"SUBMITTED", "IN_PROGRESS"} & set(statuses_seen), "the job ended before the load"
    properties = wait(comprehend, job_id)
    assert properties["JobStatus"] == "COMPLETED", properties
    key = properties["OutputDataConfig"]["S3Uri"].removeprefix("s3://load/")
    with tarfile.open(fileobj=io.BytesIO(s3.get_object(Bucket="load", Key=key)["Body"].read())) as tar:
        assert sum(1 for _ in tar.extractfile("output")) == lines


def test_an_upload_in_progress_is_not_an_object(server):
    s3 = server.client("s3")
    comprehend = server.client("comprehend")
    s3.create_bucket(Bucket="atomic")
    s3.put_object(Bucket="atomic", Key="in/done.txt", Body=b"I love it.\n")
    body = b"This half-uploaded review must not be scored.\n" * 20000
    url = f"{server.url}/atomic/in/partial.txt"
    request = AWSRequest(method="PUT", url=url, data=body,
                         headers={"x-amz-content-sha256": hashlib.sha256(body).hexdigest()})
    S3SigV4Auth(Credentials(ACCESS_KEY, SECRET_KEY), "s3", REGION).add_auth(request)
    parsed = urllib.parse.urlsplit(server.url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
    connection.putrequest("PUT", "/atomic/in/partial.txt", skip_accept_encoding=True, skip_host=True)
    connection.putheader("Host", parsed.netloc)
    for name, value in request.headers.items():
        connection.putheader(name, value)
    connection.putheader("Content-Length", str(len(body)))
    connection.endheaders()
    connection.send(body[: len(body) // 2])
    time.sleep(0.5)
    # Half sent: not listed, not readable, not read by a job over the prefix.
    assert [o["Key"] for o in s3.list_objects_v2(Bucket="atomic", Prefix="in/")["Contents"]] == ["in/done.txt"]
    job_id = comprehend.start_sentiment_detection_job(
        InputDataConfig={"S3Uri": "s3://atomic/in/", "InputFormat": "ONE_DOC_PER_LINE"},
        OutputDataConfig={"S3Uri": "s3://atomic/out/"}, DataAccessRoleArn=ROLE, LanguageCode="en")["JobId"]
    properties = wait(comprehend, job_id)
    assert properties["JobStatus"] == "COMPLETED"
    key = properties["OutputDataConfig"]["S3Uri"].removeprefix("s3://atomic/")
    with tarfile.open(fileobj=io.BytesIO(s3.get_object(Bucket="atomic", Key=key)["Body"].read())) as tar:
        records = [json.loads(line) for line in tar.extractfile("output")]
    assert [(r["File"], r["Line"]) for r in records] == [("done.txt", 0)]
    # The rest of the body: now it is an object, whole.
    connection.send(body[len(body) // 2:])
    assert connection.getresponse().status == 200
    connection.close()
    assert s3.get_object(Bucket="atomic", Key="in/partial.txt")["Body"].read() == body
