#!/usr/bin/env python3
"""Load benchmark of `valence serve`: DetectSentiment requests per second and p50/p99 latency with
keep-alive at 1, 16 and 64 connections, measured with wrk (Debian package `wrk`) replaying one
SigV4-signed request (a signature stays valid for 15 minutes; each run is far shorter). Writes
docs/PERFORMANCE-SERVE.md and its section of docs/PERFORMANCE.md.

Usage: tools/bench-serve.py [--duration 10] [--connections 1,16,64] [--binary PATH] [--no-docs]
The release binary is used by default (swift build -c release --product valence).
"""
import argparse
import datetime
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from valence_peers import ROOT, write_performance_section  # noqa: E402

sys.path.insert(0, os.path.join(ROOT, "Tests", "parity"))
from serve_support import ACCESS_KEY, REGION, SECRET_KEY, Server  # noqa: E402

from botocore.auth import SigV4Auth  # noqa: E402
from botocore.awsrequest import AWSRequest  # noqa: E402
from botocore.credentials import Credentials  # noqa: E402

TEXT = "I love this phone, the screen is gorgeous, but the battery life is really disappointing."
HEADING = "## Endpoint: DetectSentiment over HTTP (`valence serve`)"


def signed_request(url):
    body = '{"Text": "%s", "LanguageCode": "en"}' % TEXT
    request = AWSRequest(method="POST", url=url + "/", data=body.encode(), headers={
        "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "Comprehend_20171127.DetectSentiment"})
    SigV4Auth(Credentials(ACCESS_KEY, SECRET_KEY), "comprehend", REGION).add_auth(request)
    return body, dict(request.headers)


def lua_script(body, headers):
    lines = ['wrk.method = "POST"', f"wrk.body = [[{body}]]"]
    lines += [f'wrk.headers["{name}"] = "{value}"' for name, value in headers.items()]
    return "\n".join(lines) + "\n"


def milliseconds(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def cpu_seconds(pid):
    """User + system CPU time of a process so far (/proc/PID/stat), in seconds."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_wrk(url, script, connections, duration):
    threads = min(connections, 2)
    result = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--latency",
                             "-s", script, url + "/"], capture_output=True, text=True, check=True)
    out = result.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = milliseconds(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = milliseconds(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    total = int(re.search(r"(\d+) requests in", out).group(1))
    return rate, p50, p99, total, int(errors.group(1)) if errors else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", default="1,16,64")
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "valence"))
    parser.add_argument("--no-docs", action="store_true")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("bench-serve: wrk not found (apt-get install wrk)")
    os.environ["VALENCE_BIN"] = args.binary
    work = tempfile.mkdtemp(prefix="bench-serve-")
    server = Server(work)
    try:
        body, headers = signed_request(server.url)
        script = os.path.join(work, "detect.lua")
        with open(script, "w") as f:
            f.write(lua_script(body, headers))
        run_wrk(server.url, script, 16, 2)  # warm-up: packs loaded, connections and caches warm
        load = os.getloadavg()
        rows = []
        for connections in [int(c) for c in args.connections.split(",")]:
            before = cpu_seconds(server.process.pid)
            rate, p50, p99, total, errors = run_wrk(server.url, script, connections, args.duration)
            cpu = cpu_seconds(server.process.pid) - before
            if errors:
                sys.exit(f"bench-serve: {errors} of {total} responses were errors at {connections} connections")
            rows.append(f"| {connections} | {min(connections, 2)} | {rate:,.0f} | {p50:.2f} | {p99:.2f} | {total:,} | "
                        f"{cpu * 1e6 / total:.0f} | {total / cpu:,.0f} |")
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    text = "\n".join([
        HEADING, "",
        f"Generated by `tools/bench-serve.py` on {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, commit {commit}; "
        f"{cpu}, `nproc` = {os.cpu_count()}; load average before the runs {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}.",
        "",
        f"One SigV4-signed `DetectSentiment` request ({len(TEXT)}-byte English text) replayed by `wrk` with keep-alive for "
        f"{args.duration} s per row, against the release binary on 127.0.0.1. Every request is verified (SigV4), parsed, "
        "scored on the scoring pool and answered in full; no response was an error. `wrk` runs on the same 2 cores as the "
        "server, so the figures include its own CPU use. The last two columns do not depend on what else runs on "
        "the machine: the server's own CPU time (user + system, from /proc) per request, and requests per second "
        "of server CPU (what one fully available core would sustain).",
        "",
        "| connections | wrk threads | requests/s | p50 latency (ms) | p99 latency (ms) | requests | server CPU per request (µs) | requests per server CPU-second |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        *rows, ""])
    print(text)
    if args.no_docs:
        return
    write_performance_section("PERFORMANCE-SERVE.md", HEADING, text, before="## How it is measured")
    print("bench-serve: wrote docs/PERFORMANCE-SERVE.md and its section of docs/PERFORMANCE.md", file=sys.stderr)


if __name__ == "__main__":
    main()
