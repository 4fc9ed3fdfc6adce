#!/usr/bin/env bash
# Installs what Valence needs and is missing: the C libraries (Debian packages) and, for the
# parity and accuracy checks, pytest and vaderSentiment 3.3.2 (PyPI). Safe to run repeatedly.
set -euo pipefail

if ! command -v swift >/dev/null 2>&1; then
    echo "error: no Swift toolchain on PATH. Valence needs Swift 6.1 or later (swift.org/install)." >&2
    exit 1
fi

missing=()
for pkg in libicu-dev libzstd-dev zlib1g-dev pkg-config; do
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
    python3 - <<'PY' || python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore "vadersentiment==3.3.2" "pytest>=7"
import importlib.metadata as m
assert m.version("vaderSentiment") == "3.3.2"
import pytest  # noqa: F401
PY
fi
