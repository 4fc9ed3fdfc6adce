"""A live `valence serve` on 127.0.0.1 for the endpoint tests (test_serve_*.py): the server process
with its own VALENCE_HOME and object root, boto3 clients and aws CLI runs pointed at it, and the
`valence` CLI on the same home."""
import os
import re
import signal
import subprocess
import tempfile
import sys

import boto3
import pytest
from botocore.config import Config

from valence_peers import ROOT, valence_binary

ACCESS_KEY = "AKIAVALENCETEST00001"
SECRET_KEY = "pVx0Wd3YyIFQ8ZPk0kQ6mLr1wqgJ0X5Zr6eMvTt2"
REGION = "us-east-1"
ROLE = "arn:aws:iam::111122223333:role/service-role/AmazonComprehendServiceRole-example-role"


class Server:
    """`valence serve --port 0` on a fresh home; stop() sends SIGTERM and waits."""

    def __init__(self, base, credentials=None, extra=()):
        self.home = os.path.join(base, "home")
        self.s3root = os.path.join(base, "s3")
        os.makedirs(self.home, exist_ok=True)
        if credentials is None:
            credentials = os.path.join(base, "credentials")
            with open(credentials, "w") as f:
                f.write(f"[default]\naws_access_key_id = {ACCESS_KEY}\naws_secret_access_key = {SECRET_KEY}\n")
        self.credentials = credentials
        self.env = dict(os.environ, VALENCE_HOME=self.home, VALENCE_S3_ROOT=self.s3root, AWS_REGION=REGION,
                        VALENCE_LEXICONS=os.environ.get("VALENCE_LEXICONS", os.path.join(ROOT, "Lexicons")))
        self.env.pop("AWS_DEFAULT_REGION", None)
        self.process = subprocess.Popen(
            [valence_binary(), "serve", "--port", "0", "--credentials", credentials, *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=self.env, text=True)
        self.banner = []
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError("valence serve exited: " + self.process.stderr.read())
            self.banner.append(line)
            match = re.search(r"listening on (http://\S+)", line)
            if match:
                self.url = match.group(1)
                break

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=30)
        finally:
            self.process.stdout.close()
            self.process.stderr.close()

    def client(self, service, key=ACCESS_KEY, secret=SECRET_KEY, **config):
        return boto3.session.Session(aws_access_key_id=key, aws_secret_access_key=secret, region_name=REGION).client(
            service, endpoint_url=self.url, config=Config(retries={"max_attempts": 1}, **config))

    def valence(self, *args):
        """The `valence` CLI on the server's home and object root. It prints timestamps as they come
        on the wire (a profile's `cli_timestamp_format = wire`), as the installed aws CLI 1.x does,
        so the two faces print the same bytes (valence's own default is CLI v2's ISO 8601)."""
        config = os.path.join(tempfile.gettempdir(), "valence-serve-tests-aws-config")
        with open(config, "w") as f:
            f.write("[default]\ncli_timestamp_format = wire\n")
        env = dict(self.env, AWS_CONFIG_FILE=config)
        return subprocess.run([valence_binary(), *args], capture_output=True, text=True, env=env)

    def client_valence(self, *args, url=None, **env_changes):
        """`valence ... --endpoint-url <server>`: a client with a home of its own (empty, so nothing
        can be answered locally), the test key pair in the environment, and wire timestamps as
        `valence()` prints them."""
        config = os.path.join(tempfile.gettempdir(), "valence-serve-tests-aws-config")
        with open(config, "w") as f:
            f.write("[default]\ncli_timestamp_format = wire\n")
        home = tempfile.mkdtemp(prefix="valence-client-home-")
        env = dict(self.env, VALENCE_HOME=home, AWS_CONFIG_FILE=config, AWS_SHARED_CREDENTIALS_FILE=os.devnull,
                   AWS_ACCESS_KEY_ID=ACCESS_KEY, AWS_SECRET_ACCESS_KEY=SECRET_KEY)
        env.pop("VALENCE_S3_ROOT")
        env.update(env_changes)
        try:
            return subprocess.run([valence_binary(), *args, "--endpoint-url", url or self.url], capture_output=True, text=True, env=env)
        finally:
            assert os.listdir(home) == [], "a client of an endpoint keeps nothing in its own home"
            os.rmdir(home)

    def aws(self, *args):
        """The real aws CLI (PyPI awscli) with --endpoint-url, isolated from the user's config."""
        env = dict(self.env, AWS_ACCESS_KEY_ID=ACCESS_KEY, AWS_SECRET_ACCESS_KEY=SECRET_KEY, AWS_DEFAULT_REGION=REGION,
                   AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull, AWS_EC2_METADATA_DISABLED="true",
                   AWS_PAGER="")
        return subprocess.run([sys.executable, "-m", "awscli", *args, "--endpoint-url", self.url],
                              capture_output=True, text=True, env=env)


def server_fixture(name):
    """A module-scoped pytest fixture: one server for the test module, stopped (exit 0) after it."""
    @pytest.fixture(scope="module")
    def server(tmp_path_factory):
        running = Server(str(tmp_path_factory.mktemp(name)))
        yield running
        assert running.stop() == 0
    return server
