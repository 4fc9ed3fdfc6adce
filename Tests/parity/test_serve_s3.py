"""`valence serve`, S3 side and authentication (issue 12, acceptance 1-3): real boto3 and the real
aws CLI against a live server over the object root the jobs read; SigV4 refusals on both services;
a sweep of path-escape attempts through keys and bucket names."""
import datetime
import http.client
import io
import json
import os
import signal
import tarfile
import time
import urllib.error
import urllib.parse
import urllib.request

import botocore.auth
import pytest
from boto3.s3.transfer import TransferConfig
from botocore import UNSIGNED
from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

from serve_support import ACCESS_KEY, REGION, ROLE, SECRET_KEY, Server, server_fixture


server = server_fixture("serve-s3")


@pytest.fixture(scope="module")
def s3(server):
    return server.client("s3")


def error_of(call, *args, **kwargs):
    with pytest.raises(ClientError) as raised:
        call(*args, **kwargs)
    return raised.value.response["Error"]["Code"], raised.value.response["Error"].get("Message"), \
        raised.value.response["ResponseMetadata"]["HTTPStatusCode"]


def test_buckets_and_objects(server, s3):
    s3.create_bucket(Bucket="objects")
    assert error_of(s3.create_bucket, Bucket="objects")[0] == "BucketAlreadyOwnedByYou"
    s3.head_bucket(Bucket="objects")
    assert error_of(s3.head_bucket, Bucket="nothing-here")[2] == 404
    assert "objects" in [b["Name"] for b in s3.list_buckets()["Buckets"]]
    body = bytes(range(256)) * 40
    put = s3.put_object(Bucket="objects", Key="dir/bin ary+é.dat", Body=body)
    got = s3.get_object(Bucket="objects", Key="dir/bin ary+é.dat")
    assert got["Body"].read() == body and got["ETag"] == put["ETag"] and got["ContentLength"] == len(body)
    assert s3.head_object(Bucket="objects", Key="dir/bin ary+é.dat")["ContentLength"] == len(body)
    # The file is the object, under the object root the jobs read.
    with open(os.path.join(server.s3root, "objects", "dir", "bin ary+é.dat"), "rb") as f:
        assert f.read() == body
    for range_header, expected in (("bytes=10-19", body[10:20]), ("bytes=10000-", body[10000:]), ("bytes=-5", body[-5:])):
        part = s3.get_object(Bucket="objects", Key="dir/bin ary+é.dat", Range=range_header)
        assert part["Body"].read() == expected and part["ContentRange"].startswith("bytes ")
    assert error_of(s3.get_object, Bucket="objects", Key="dir/bin ary+é.dat", Range="bytes=20000-")[0] == "InvalidRange"
    assert error_of(s3.get_object, Bucket="objects", Key="missing") == ("NoSuchKey", "The specified key does not exist.", 404)
    assert error_of(s3.get_object, Bucket="no-bucket", Key="k") == ("NoSuchBucket", "The specified bucket does not exist", 404)
    assert error_of(s3.head_object, Bucket="objects", Key="missing")[2] == 404
    s3.put_object(Bucket="objects", Key="empty", Body=b"")
    assert s3.get_object(Bucket="objects", Key="empty")["Body"].read() == b""
    s3.delete_object(Bucket="objects", Key="empty")
    s3.delete_object(Bucket="objects", Key="empty")  # deleting nothing is fine, as in S3
    assert error_of(s3.get_object, Bucket="objects", Key="empty")[0] == "NoSuchKey"


def test_list_objects_v2(s3):
    s3.create_bucket(Bucket="listing")
    keys = ["a.txt", "a/x.txt", "a/y/z.txt", "b/1", "b/2", "b/3", "c", "d%e f"]
    for key in keys:
        s3.put_object(Bucket="listing", Key=key, Body=key.encode())
    assert [o["Key"] for o in s3.list_objects_v2(Bucket="listing")["Contents"]] == sorted(keys, key=str.encode)
    listed = s3.list_objects_v2(Bucket="listing", Delimiter="/")
    assert [o["Key"] for o in listed["Contents"]] == ["a.txt", "c", "d%e f"]
    assert [p["Prefix"] for p in listed["CommonPrefixes"]] == ["a/", "b/"]
    nested = s3.list_objects_v2(Bucket="listing", Prefix="a/", Delimiter="/")
    assert [o["Key"] for o in nested["Contents"]] == ["a/x.txt"] and [p["Prefix"] for p in nested["CommonPrefixes"]] == ["a/y/"]
    assert s3.list_objects_v2(Bucket="listing", Prefix="zzz")["KeyCount"] == 0
    # Pages of two, with continuation tokens, through the paginator; then with the delimiter.
    pages = list(s3.get_paginator("list_objects_v2").paginate(Bucket="listing", PaginationConfig={"PageSize": 2}))
    assert [len(p.get("Contents", [])) for p in pages] == [2, 2, 2, 2]
    assert [o["Key"] for p in pages for o in p["Contents"]] == sorted(keys, key=str.encode)
    pages = list(s3.get_paginator("list_objects_v2").paginate(Bucket="listing", Delimiter="/", PaginationConfig={"PageSize": 1}))
    flat = [o["Key"] for p in pages for o in p.get("Contents", [])] + [c["Prefix"] for p in pages for c in p.get("CommonPrefixes", [])]
    assert sorted(flat) == ["a.txt", "a/", "b/", "c", "d%e f"] and len(pages) == 5
    assert error_of(s3.list_objects_v2, Bucket="listing", ContinuationToken="%%%")[0] == "InvalidArgument"


def test_upload_file_multipart_then_a_job_and_its_archive(server, s3, tmp_path):
    s3.create_bucket(Bucket="pipeline")
    lines = [f"Review {i}: the product is {'great' if i % 3 else 'terrible'}.\n" for i in range(300_000)]
    source = tmp_path / "reviews.txt"
    source.write_text("".join(lines))
    assert source.stat().st_size > 8 * 1024 * 1024  # over boto3's default multipart threshold
    config = TransferConfig(multipart_chunksize=5 * 1024 * 1024)
    s3.upload_file(str(source), "pipeline", "in/reviews.txt", Config=config)
    s3.put_object(Bucket="pipeline", Key="in/short.txt", Body=b"I love it.\n")
    assert os.listdir(os.path.join(server.home, "uploads")) == []  # completed uploads leave nothing behind
    comprehend = server.client("comprehend")
    job_id = comprehend.start_sentiment_detection_job(
        InputDataConfig={"S3Uri": "s3://pipeline/in/", "InputFormat": "ONE_DOC_PER_LINE"},
        OutputDataConfig={"S3Uri": "s3://pipeline/out/"}, DataAccessRoleArn=ROLE, LanguageCode="en")["JobId"]
    for _ in range(1200):
        properties = comprehend.describe_sentiment_detection_job(JobId=job_id)["SentimentDetectionJobProperties"]
        if properties["JobStatus"] in ("COMPLETED", "FAILED"):
            break
        time.sleep(0.25)
    assert properties["JobStatus"] == "COMPLETED", properties
    key = properties["OutputDataConfig"]["S3Uri"].removeprefix("s3://pipeline/")
    archive = s3.get_object(Bucket="pipeline", Key=key)["Body"].read()
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        records = tar.extractfile("output").read().decode().splitlines()
    assert len(records) == len(lines) + 1
    # download_file (ranged GETs in parallel for a large object) gives the bytes back.
    target = tmp_path / "back.txt"
    s3.download_file("pipeline", "in/reviews.txt", str(target), Config=config)
    assert target.read_bytes() == source.read_bytes()


def test_multipart_errors_and_abort(server, s3):
    s3.create_bucket(Bucket="parts")
    upload = s3.create_multipart_upload(Bucket="parts", Key="big")["UploadId"]
    small = s3.upload_part(Bucket="parts", Key="big", UploadId=upload, PartNumber=1, Body=b"x" * 10)
    last = s3.upload_part(Bucket="parts", Key="big", UploadId=upload, PartNumber=2, Body=b"y")
    parts = [{"PartNumber": 1, "ETag": small["ETag"]}, {"PartNumber": 2, "ETag": last["ETag"]}]
    # In progress: not an object, not listed, not in the object root.
    assert "Contents" not in s3.list_objects_v2(Bucket="parts")
    assert os.listdir(os.path.join(server.s3root, "parts")) == []
    assert error_of(s3.complete_multipart_upload, Bucket="parts", Key="big", UploadId=upload,
                    MultipartUpload={"Parts": parts})[0] == "EntityTooSmall"
    assert error_of(s3.complete_multipart_upload, Bucket="parts", Key="big", UploadId=upload,
                    MultipartUpload={"Parts": [parts[1], parts[0]]})[0] == "InvalidPartOrder"
    assert error_of(s3.complete_multipart_upload, Bucket="parts", Key="big", UploadId=upload,
                    MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": '"0000"'}]})[0] == "InvalidPart"
    s3.abort_multipart_upload(Bucket="parts", Key="big", UploadId=upload)
    assert error_of(s3.upload_part, Bucket="parts", Key="big", UploadId=upload, PartNumber=1, Body=b"x")[0] == "NoSuchUpload"
    assert error_of(s3.abort_multipart_upload, Bucket="parts", Key="big", UploadId="0" * 32)[0] == "NoSuchUpload"


def test_aws_cli_s3_cp_and_ls(server, tmp_path):
    assert server.aws("s3", "mb", "s3://cli-bucket").returncode == 0
    small = tmp_path / "small.txt"
    small.write_text("I love it.\n")
    large = tmp_path / "large.bin"
    large.write_bytes(os.urandom(20 * 1024 * 1024))  # multipart (8 MiB threshold)
    for path, key in ((small, "s/small.txt"), (large, "l/large.bin")):
        result = server.aws("s3", "cp", str(path), f"s3://cli-bucket/{key}")
        assert result.returncode == 0, result.stderr
    listing = server.aws("s3", "ls", "s3://cli-bucket/", "--recursive")
    assert listing.returncode == 0
    assert [line.split()[-2:] for line in listing.stdout.splitlines()] == [[str(20 * 1024 * 1024), "l/large.bin"], ["11", "s/small.txt"]]
    top = server.aws("s3", "ls", "s3://cli-bucket/")
    assert [line.split() for line in top.stdout.splitlines()] == [["PRE", "l/"], ["PRE", "s/"]]
    assert "cli-bucket" in server.aws("s3", "ls").stdout
    for key, path in (("s/small.txt", small), ("l/large.bin", large)):
        back = tmp_path / ("back-" + path.name)
        result = server.aws("s3", "cp", f"s3://cli-bucket/{key}", str(back))
        assert result.returncode == 0, result.stderr
        assert back.read_bytes() == path.read_bytes()


def test_presigned_urls(server):
    # SigV4 query authentication (boto3 presigns with SigV2 unless told s3v4; Valence verifies SigV4 only).
    s3 = server.client("s3", signature_version="s3v4")
    s3.create_bucket(Bucket="shared")
    s3.put_object(Bucket="shared", Key="note.txt", Body=b"hello")
    url = s3.generate_presigned_url("get_object", Params={"Bucket": "shared", "Key": "note.txt"}, ExpiresIn=60)
    assert urllib.request.urlopen(url).read() == b"hello"
    forged = url.replace("X-Amz-Signature=", "X-Amz-Signature=0")
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(forged)
    assert raised.value.code == 403 and b"<Code>SignatureDoesNotMatch</Code>" in raised.value.read()
    put = s3.generate_presigned_url("put_object", Params={"Bucket": "shared", "Key": "up.txt"}, ExpiresIn=60)
    urllib.request.urlopen(urllib.request.Request(put, data=b"uploaded", method="PUT"))
    assert s3.get_object(Bucket="shared", Key="up.txt")["Body"].read() == b"uploaded"


def test_forged_unknown_unsigned_and_stale_requests_are_refused(server, monkeypatch):
    server.client("s3").create_bucket(Bucket="guarded")
    s3_expect = {
        "forged": ("SignatureDoesNotMatch", 403), "unknown": ("InvalidAccessKeyId", 403),
        "unsigned": ("AccessDenied", 403), "stale": ("RequestTimeTooSkewed", 403)}
    comprehend_expect = {
        "forged": ("InvalidSignatureException", 400), "unknown": ("UnrecognizedClientException", 400),
        "unsigned": ("MissingAuthenticationTokenException", 400), "stale": ("InvalidSignatureException", 400)}
    clients = {
        "forged": lambda service: server.client(service, secret=SECRET_KEY[:-1] + "X"),
        "unknown": lambda service: server.client(service, key="AKIAUNKNOWN000000000"),
        "unsigned": lambda service: server.client(service, signature_version=UNSIGNED),
        "stale": lambda service: server.client(service),
    }
    real_now = botocore.auth.get_current_datetime
    for case, make in clients.items():
        if case == "stale":
            monkeypatch.setattr(botocore.auth, "get_current_datetime", lambda: real_now() - datetime.timedelta(minutes=20))
        code, _, status = error_of(make("s3").get_object, Bucket="guarded", Key="k")
        assert (code, status) == s3_expect[case], case
        code, message, status = error_of(make("comprehend").detect_sentiment, Text="hi", LanguageCode="en")
        assert (code, status) == comprehend_expect[case], case
        if case == "stale":
            assert message.startswith("Signature expired: ") and message.endswith(" - 15 min.)")
        code, _, _ = error_of(make("s3").put_object, Bucket="guarded", Key="k", Body=b"x")
        assert code == s3_expect[case][0]
    monkeypatch.setattr(botocore.auth, "get_current_datetime", real_now)
    # Nothing was written by a refused request.
    assert os.listdir(os.path.join(server.s3root, "guarded")) == []


def signed_raw(server, method, path, body=b""):
    """Sends `path` exactly as given (no client-side normalisation), signed with SigV4."""
    url = server.url + path
    request = AWSRequest(method=method, url=url, data=body, headers={"x-amz-content-sha256": "UNSIGNED-PAYLOAD"})
    S3SigV4Auth(Credentials(ACCESS_KEY, SECRET_KEY), "s3", REGION).add_auth(request)
    parsed = urllib.parse.urlsplit(server.url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    connection.putrequest(method, path, skip_accept_encoding=True, skip_host=True)
    connection.putheader("Host", parsed.netloc)
    for name, value in request.headers.items():
        connection.putheader(name, value)
    connection.putheader("Content-Length", str(len(body)))
    connection.endheaders(body)
    response = connection.getresponse()
    result = response.status, response.read()
    connection.close()
    return result


def test_path_escape_sweep(server, s3, tmp_path):
    s3.create_bucket(Bucket="jail")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("TOP-SECRET-CONTENT")
    os.symlink(str(outside), os.path.join(server.s3root, "jail", "link"))
    os.symlink(str(outside / "secret.txt"), os.path.join(server.s3root, "jail", "secret-link"))
    root_parent = os.path.dirname(server.s3root)
    before = sorted(os.listdir(root_parent))
    attempts = [
        "/jail/../escaped.txt", "/jail/%2e%2e/escaped.txt", "/jail/%2E%2E/%2e%2e/escaped.txt", "/jail/a/../../escaped.txt",
        "/jail/./escaped.txt", "/%2e%2e/escaped.txt", "/../escaped.txt", "/..%2Fescaped.txt", "/jail%2F..%2F..%2Fescaped.txt",
        "/jail/a%00b", "/jail/%00", "/jail/link/escaped.txt", "/jail/link/secret.txt", "/jail/secret-link",
        "/jail%2F..", "/%2Fetc%2Fpasswd", "/jail/%2F..%2F..%2Fescaped.txt", "/jail/a/%2e%2e/%2e%2e/%2e%2e/escaped.txt",
        "/JAIL/x", "/j/x", "/jail/" + "%ff%fe",
    ]
    for path in attempts:
        for method in ("PUT", "GET", "HEAD", "DELETE", "POST"):
            status, body = signed_raw(server, method, path + ("?uploads" if method == "POST" else ""), b"escaped" if method == "PUT" else b"")
            assert 400 <= status < 500 or (method == "DELETE" and status == 204), (method, path, status, body)
            assert b"TOP-SECRET-CONTENT" not in body, (method, path)
            # Refused for its path, not for its signature.
            assert b"SignatureDoesNotMatch" not in body and status != 403, (method, path, body)
    # Backslashes and absolute-looking keys are ordinary key characters: stored inside the root.
    for path in ("/jail/a%5C..%5C..%5Cescaped.txt", "/jail/%5Cetc%5Cpasswd"):
        assert signed_raw(server, "PUT", path, b"inside")[0] == 200
    assert sorted(os.listdir(root_parent)) == before
    assert sorted(os.listdir(outside)) == ["secret.txt"] and (outside / "secret.txt").read_text() == "TOP-SECRET-CONTENT"
    for root, _, files in os.walk(server.s3root):
        assert os.path.realpath(root).startswith(os.path.realpath(server.s3root)) or "link" in root
    assert sorted(os.listdir(os.path.join(server.s3root, "jail"))) == ["\\etc\\passwd", "a\\..\\..\\escaped.txt", "link", "secret-link"]


def test_a_new_home_gets_a_credentials_file_once(tmp_path):
    path = tmp_path / "fresh" / "credentials"
    server = Server(str(tmp_path), credentials=str(path))
    try:
        banner = "".join(server.banner)
        assert "aws_access_key_id = AKIA" in banner and "aws_secret_access_key = " in banner
        assert oct(path.stat().st_mode & 0o777) == "0o600"
        key = banner.split("aws_access_key_id = ")[1].split()[0]
        secret = banner.split("aws_secret_access_key = ")[1].split()[0]
        assert server.client("comprehend", key=key, secret=secret).detect_sentiment(Text="Great!", LanguageCode="en")["Sentiment"] == "POSITIVE"
    finally:
        assert server.stop() == 0
    again = Server(str(tmp_path), credentials=str(path))
    try:
        assert "aws_secret_access_key" not in "".join(again.banner)
    finally:
        assert again.stop() == 0


def test_sigterm_lets_in_flight_requests_and_jobs_finish(tmp_path):
    server = Server(str(tmp_path))
    try:
        s3 = server.client("s3")
        s3.create_bucket(Bucket="stop")
        body = os.urandom(64 * 1024 * 1024)
        s3.put_object(Bucket="stop", Key="big.bin", Body=body)
        s3.put_object(Bucket="stop", Key="in/a.txt", Body=b"I love it.\n" * 200_000)
        job_id = server.client("comprehend").start_sentiment_detection_job(
            InputDataConfig={"S3Uri": "s3://stop/in/", "InputFormat": "ONE_DOC_PER_LINE"},
            OutputDataConfig={"S3Uri": "s3://stop/out/"}, DataAccessRoleArn=ROLE, LanguageCode="en")["JobId"]
        stream = s3.get_object(Bucket="stop", Key="big.bin")["Body"]
        first = stream.read(1024 * 1024)
    finally:
        server.process.send_signal(signal.SIGTERM)
    # The download that was in flight completes after the signal; then the server exits cleanly.
    assert first + stream.read() == body
    assert server.stop() == 0
    # The job goes on in its worker process, and the CLI sees it end.
    for _ in range(1200):
        described = json.loads(server.valence("describe-sentiment-detection-job", "--job-id", job_id).stdout)
        if described["SentimentDetectionJobProperties"]["JobStatus"] in ("COMPLETED", "FAILED"):
            break
        time.sleep(0.25)
    assert described["SentimentDetectionJobProperties"]["JobStatus"] == "COMPLETED"
