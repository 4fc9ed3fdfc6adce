#!/usr/bin/env python3
"""Writes Tests/Fixtures/aws-cli-cases.json: the client-side cases AWSCLIFixtureTests replays
against `valence`, each with the stdout, stderr and exit status CLI v2 gives.

Where the expected text comes from:
- "aws": the installed aws CLI 1.x (same argparse and botocore validation as v2) is run with dummy
  credentials; its text is turned into v2's: exit 2/255 -> 252 (v2's parameter errors; 255 stays for
  Python exceptions such as int('abc')), v1's banner dropped, `aws` -> `valence` in the usage lines
  (no <subcommand> level; 255 also stays for a `key@=file://` that cannot be read), and awscli 1.45's unformatted `{self._error_location()}` replaced by
  the caret location v2 prints (computed with awscli's own ShorthandParser).
- "format": `valence`'s default JSON response run through awscli's own formatter (text, table,
  json, with --query through PyPI jmespath).
- "v2": written here by hand from CLI v2 behaviour 1.x lacks (file:// for any parameter, five
  --output choices); each says why.

    python3 tools/aws-cli-fixtures.py .build/debug/valence > Tests/Fixtures/aws-cli-cases.json
"""
import argparse, io, json, os, re, subprocess, sys
from collections import OrderedDict

import jmespath
from awscli.formatter import get_formatter
from awscli.shorthand import ShorthandParser, ShorthandParseError

VALENCE = sys.argv[1]
ROLE = "arn:aws:iam::123456789012:role/r"
START = ["--output-data-config", "S3Uri=s3://b/o", "--data-access-role-arn", ROLE, "--language-code", "en"]
USAGE = ("usage: valence [options] <command> [parameters]\nTo see help text, you can run:\n\n"
         "  valence help\n  valence <command> help\n\n")

AWS_CASES = [
    ["detect-sentiment", "--language-code", "en"],
    ["detect-sentiment", "--text", "hi"],
    ["detect-sentiment"],
    ["batch-detect-sentiment", "--language-code", "en"],
    ["start-sentiment-detection-job"],
    ["start-sentiment-detection-job", "--input-data-config", "S3Uri=s3://b/i"],
    ["describe-sentiment-detection-job"],
    ["stop-sentiment-detection-job"],
    ["list-sentiment-detection-jobs", "--filter", "Jobstatus=FAILED"],
    ["list-sentiment-detection-jobs", "--filter", "JobStatus=FAILED,Bogus=1"],
    ["list-sentiment-detection-jobs", "--filter", "SubmitTimeAfter=garbage"],
    ["list-sentiment-detection-jobs", "--filter", '{"SubmitTimeBefore": "not a time"}'],
    ["list-sentiment-detection-jobs", "--filter", "JobName"],
    ["list-sentiment-detection-jobs", "--filter", "JobName=[a"],
    ["list-sentiment-detection-jobs", "--filter", "JobName={a=b"],
    ["list-sentiment-detection-jobs", "--filter", 'JobName="abc'],
    ["list-sentiment-detection-jobs", "--filter", ",x=1"],
    ["list-sentiment-detection-jobs", "--filter", "JobName=a,JobName=b"],
    ["list-sentiment-detection-jobs", "--filter", "JobName=a,JobStatus"],
    ["list-sentiment-detection-jobs", "--filter", '{"JobName": 5}'],
    ["list-sentiment-detection-jobs", "--filter", '{"JobName": '],
    ["list-sentiment-detection-jobs", "--filter", "[1, 2]"],
    ["list-sentiment-detection-jobs", "--filter", "JobName@=file:///nonexistent/name.txt"],
    ["list-sentiment-detection-jobs", "--filter", "JobName@=file:///dev/null", "--max-results", "0"],
    ["start-sentiment-detection-job", "--cli-input-json", '{"InputDataConfig": {"S3Uri": "", "InputFormat": "ONE_DOC_PER_FILE", "DocumentReaderConfig": {"DocumentReadAction": "TEXTRACT_DETECT_DOCUMENT_TEXT", "DocumentReadMode": "SERVICE_DEFAULT", "FeatureTypes": ["TABLES"]}}, "OutputDataConfig": {"S3Uri": "", "KmsKeyId": ""}, "DataAccessRoleArn": "", "JobName": "", "LanguageCode": "en", "ClientRequestToken": "", "VolumeKmsKeyId": "", "VpcConfig": {"SecurityGroupIds": [""], "Subnets": [""]}, "Tags": [{"Key": "", "Value": ""}]}'],
    ["list-sentiment-detection-jobs", "--max-results", "abc"],
    ["list-sentiment-detection-jobs", "--max-results", "0"],
    ["list-sentiment-detection-jobs", "--next-token", ""],
    ["list-sentiment-detection-jobs", "--max-items", "abc"],
    ["list-sentiment-detection-jobs", "--page-size", "x"],
    ["start-sentiment-detection-job", "--input-data-config", "S3Uri=s3://b/in,Inputformat=ONE_DOC_PER_LINE"] + START,
    ["start-sentiment-detection-job", "--input-data-config", "S3Uri=s3://b/in,InputFormat"] + START,
    ["start-sentiment-detection-job", "--input-data-config", '{"S3Uri": '] + START,
    ["start-sentiment-detection-job", "--input-data-config", '{"S3Uri": "s3://b/i",}'] + START,
    ["start-sentiment-detection-job", "--input-data-config", '{"S3Uri": "s3://b/i"} x'] + START,
    ["start-sentiment-detection-job", "--input-data-config", '{"S3Uri": 5}'] + START,
    ["start-sentiment-detection-job", "--input-data-config", "InputFormat=ONE_DOC_PER_LINE"] + START,
    ["start-sentiment-detection-job", "--input-data-config", "S3Uri=s3://b/i,DocumentReaderConfig={DocumentReadMode=SERVICE_DEFAULT}"] + START,
    ["start-sentiment-detection-job", "--input-data-config", "S3Uri=s3://b/i,DocumentReaderConfig={DocumentReadAction=TEXTRACT_DETECT_DOCUMENT_TEXT,FeatureTypes=[]}"] + START,
    ["start-sentiment-detection-job", "--cli-input-json", '{"JobName": 5, "InputDataConfig": {"S3Uri": "s3://b/i"}, "OutputDataConfig": {"S3Uri": "s3://b/o"}, "DataAccessRoleArn": "arn:aws:iam::123456789012:role/r", "LanguageCode": "en", "Bogus": 1}'],
    ["start-sentiment-detection-job", "--cli-input-json", '{"InputDataConfig": {"S3Uri": "s3://b/i"}}'],
    ["start-sentiment-detection-job", "--cli-input-json", '{"InputDataConfig": '],
    ["start-sentiment-detection-job", "--input-data-config", "S3Uri=s3://b/i", "--output-data-config", "S3Uri=s3://b/o", "--data-access-role-arn", "arn:short", "--language-code", "en"],
    ["start-sentiment-detection-job", "--input-data-config", "S3Uri=s3://b/i", "--job-name", ""] + START,
    ["start-sentiment-detection-job", "--input-data-config", "S3Uri=s3://b/i", "--client-request-token", ""] + START,
    ["start-sentiment-detection-job", "--input-data-config", "S3Uri=s3://b/i", "--tags", "Key=,Value=x"] + START,
    ["start-sentiment-detection-job", "--input-data-config", "S3Uri=s3://b/i", "--tags", "Value=x"] + START,
    ["start-sentiment-detection-job", "--input-data-config", "S3Uri=s3://b/i", "--tags", "Key=a,Value=b", "Key=c,Vlaue=d"] + START,
    ["start-sentiment-detection-job", "--input-data-config", "S3Uri=s3://b/i", "--vpc-config", "SecurityGroupIds=[],Subnets=[]"] + START,
    ["start-sentiment-detection-job", "--input-data-config", "S3Uri=s3://b/i", "--vpc-config", "Subnets=subnet-1"] + START,
    ["start-sentiment-detection-job", "--input-data-config", "S3Uri=s3://b/i", "--vpc-config", '{"SecurityGroupIds": "sg-1", "Subnets": ["s"]}'] + START,
    ["detect-sentiment", "--text", "", "--language-code", "en"],
    ["batch-detect-sentiment", "--text-list", '["a", 5]', "--language-code", "en"],
    ["batch-detect-sentiment", "--text-list", "[]", "--language-code", "en"],
    ["batch-detect-sentiment", "--text-list", "a", "", "--language-code", "en"],
    ["describe-sentiment-detection-job", "--job-id", ""],
    ["describe-sentiment-detection-job", "--cli-input-json", '{"JobId": 5}'],
    ["stop-sentiment-detection-job", "--cli-input-json", '{"JobID": "x"}'],
    ["detect-sentiment", "--text", "a", "--language-code", "en", "--color", "bogus"],
    ["detect-sentiment", "--text", "a", "--language-code", "en", "--cli-read-timeout", "soon"],
    ["detect-sentiment", "--text", "a", "--language-code", "en", "--foo"],
    ["detect-sentiment", "--language-code", "en", "--text"],
    ["describe-sentiment-detection-job", "--generate-cli-skeleton"],
    ["stop-sentiment-detection-job", "--generate-cli-skeleton", "input"],
]

FORMAT_CASES = [
    ("detect-sentiment", ["--text", "I love this", "--language-code", "en"], fmt, query)
    for fmt in ("json", "text", "table")
    for query in (None, "Sentiment", "SentimentScore", "[Sentiment, SentimentScore.Positive]", "SentimentScore.*")
] + [
    ("batch-detect-sentiment", ["--text-list", "I love this", "awful, just awful", "ok", "--language-code", "en"], fmt, query)
    for fmt in ("json", "text", "table")
    for query in (None, "ResultList[].Sentiment", "ResultList[?Sentiment=='NEGATIVE'].Index", "length(ResultList)")
] + [
    ("batch-detect-sentiment", ["--text-list", '["I love this", "just awful"]', "--language-code", "en"], "text", None),
]

V2_CASES = [
    {"why": "CLI v2 reads file:// for every parameter (1.x only for some)",
     "arguments": ["detect-sentiment", "--text", "file:///nonexistent/text.txt", "--language-code", "en"], "status": 252, "stdout": "",
     "stderr": "\nError parsing parameter '--text': Unable to load paramfile file:///nonexistent/text.txt: [Errno 2] No such file or directory: '/nonexistent/text.txt'\n"},
    {"why": "CLI v2 reads file:// for every parameter",
     "arguments": ["start-sentiment-detection-job", "--input-data-config", "file:///nonexistent/idc.json"] + START, "status": 252, "stdout": "",
     "stderr": "\nError parsing parameter '--input-data-config': Unable to load paramfile file:///nonexistent/idc.json: [Errno 2] No such file or directory: '/nonexistent/idc.json'\n"},
    {"why": "CLI v2's --output has five choices (argparse's layout, two a line, each padded to 40)",
     "arguments": ["detect-sentiment", "--text", "a", "--language-code", "en", "--output", "bogus"], "status": 252, "stdout": "",
     "stderr": USAGE + "valence: error: argument --output: Invalid choice, valid choices are:\n\n"
     + "%-40s | %-40s\n%-40s | %-40s\n%-40s\n" % ("json", "text", "table", "yaml", "yaml-stream")},
    {"why": "CLI v2's yaml output (ruamel.yaml safe dumper, block style)",
     "arguments": ["detect-sentiment", "--text", "I love this", "--language-code", "en", "--output", "yaml", "--query", "{S: Sentiment, L: [`1`, 'no', '']}"],
     "status": 0, "stderr": "", "stdout": "S: POSITIVE\nL:\n- 1\n- no\n- ''\n"},
    {"why": "CLI v2's yaml output: a plain scalar at the root ends the document with ...",
     "arguments": ["detect-sentiment", "--text", "I love this", "--language-code", "en", "--output", "yaml", "--query", "Sentiment"],
     "status": 0, "stderr": "", "stdout": "POSITIVE\n...\n"},
    {"why": "--endpoint-url makes valence a client of that endpoint; with no key pair anywhere it signs nothing (CLI v2: NoCredentialsError, 253)",
     "arguments": ["describe-sentiment-detection-job", "--job-id", "x", "--endpoint-url", "http://localhost:1"], "status": 253, "stdout": "",
     "stderr": "\nUnable to locate credentials. You can configure credentials by running \"aws configure\".\n"},
    {"why": "an --endpoint-url without a scheme (awscli's globalargs check)",
     "arguments": ["describe-sentiment-detection-job", "--job-id", "x", "--endpoint-url", "127.0.0.1:1"], "status": 255, "stdout": "",
     "stderr": "\nBad value for --endpoint-url \"127.0.0.1:1\": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/\n"},
    {"why": "a profile that exists nowhere (botocore's ProfileNotFound)",
     "arguments": ["describe-sentiment-detection-job", "--job-id", "x", "--profile", "nosuchprofile"], "status": 255, "stdout": "",
     "stderr": "\nThe config profile (nosuchprofile) could not be found\n"},
]


def aws(arguments):
    env = dict(os.environ, AWS_ACCESS_KEY_ID="x", AWS_SECRET_ACCESS_KEY="x", AWS_DEFAULT_REGION="us-east-1",
               AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null")
    run = subprocess.run(["aws", "comprehend"] + arguments + ["--endpoint-url", "http://127.0.0.1:9", "--cli-connect-timeout", "1"],
                         capture_output=True, text=True, env=env)
    assert "Could not connect" not in run.stderr, ("the request was sent", arguments)
    stderr = run.stderr
    if stderr.startswith("usage: \nNote: AWS CLI version 2"):
        rest = stderr.partition("  aws <command> <subcommand> help\n")[2]
        stderr = USAGE + (rest[1:] if rest.startswith("\n") else rest.replace("aws: error: ", "valence: error: "))
    if "{self._error_location()}" in stderr:
        flag = re.search(r"Error parsing parameter '--([a-z-]+)'", stderr).group(1)
        value = arguments[arguments.index("--" + flag) + 1]
        try:
            ShorthandParser().parse(value)
        except ShorthandParseError as error:
            stderr = stderr.replace("{self._error_location()}", error._error_location())
    status = run.returncode
    python_exception = "invalid literal" in stderr or stderr.startswith("\nUnable to load paramfile")
    if status == 2 or (status == 255 and not python_exception):
        status = 252
    return {"arguments": arguments, "status": status, "stdout": run.stdout, "stderr": stderr, "source": "aws"}


def formatted(command, arguments, fmt, query):
    plain = subprocess.run([VALENCE, command] + arguments, capture_output=True, text=True, check=True).stdout
    data = json.loads(plain, object_pairs_hook=OrderedDict)
    operation = "".join(part.capitalize() for part in command.split("-"))
    out = io.StringIO()
    get_formatter(fmt, argparse.Namespace(query=jmespath.compile(query) if query else None, color="off"))(operation, data, out)
    extra = ["--output", fmt] + (["--query", query] if query else [])
    return {"arguments": [command] + arguments + extra, "status": 0, "stdout": out.getvalue(), "stderr": "", "source": "format"}


cases = [aws(a) for a in AWS_CASES] + [formatted(*c) for c in FORMAT_CASES] + [dict(c, source="v2") for c in V2_CASES]
json.dump(cases, sys.stdout, indent=1, ensure_ascii=False)
sys.stdout.write("\n")
