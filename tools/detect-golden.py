#!/usr/bin/env python3
"""Writes Tests/Fixtures/detect-batch-golden.json: detect-sentiment and batch-detect-sentiment runs
(stdout, stderr, exit status) of a given `valence` binary, for AWSCLIFixtureTests to check that
later binaries print the same bytes (issue #13, acceptance 4: ordinary output unchanged).

    python3 tools/detect-golden.py /path/to/valence-before-the-change > Tests/Fixtures/detect-batch-golden.json
"""
import json, os, subprocess, sys

BINARY = sys.argv[1]
TEXTS = [
    ("en", "It is a beautiful day in Seattle"),
    ("en", "The food was awful and the service was worse."),
    ("en", "It's fine, I guess. Not great, not terrible :)"),
    ("en", "I LOVE it!!! 😍😍 but the price... 😡"),
    ("en", 'Quotes " and backslashes \\ and a tab\there'),
    ("en", "line one\nline two\r\nline three"),
    ("fr", "C'est vraiment génial, j'adore ça !"),
    ("de", "Das ist überhaupt nicht gut."),
    ("es", "¡Qué maravilla! Me encanta."),
    ("ja", "この映画は本当に素晴らしかった。"),
    ("zh", "这家餐厅的服务太差了。"),
    ("ko", "정말 최고예요!"),
    ("ar", "هذا المنتج رائع جدا"),
    ("hi", "यह बहुत अच्छा है"),
    ("zh-TW", "這部電影很好看"),
    ("pt", "Não gostei nada disso."),
    ("it", "Che bella giornata!"),
    ("en", "x" * 5000),
    ("en", "y" * 5001),
    ("xx", "unknown language"),
]
BATCHES = [
    ("en", ["I love this", "awful, just awful", "ok", "😀"]),
    ("fr", ["très bien", "nul"]),
    ("en", ["fine"] * 25),
    ("en", ["fine"] * 26),
    ("en", ["good", "z" * 5001, "bad"]),
]

env = dict(os.environ, TZ="UTC")
cases = []
for language, text in TEXTS:
    cases.append(["detect-sentiment", "--text", text, "--language-code", language])
for language, texts in BATCHES:
    cases.append(["batch-detect-sentiment", "--text-list"] + texts + ["--language-code", language])
out = []
for arguments in cases:
    run = subprocess.run([BINARY] + arguments, capture_output=True, text=True, env=env)
    out.append({"arguments": arguments, "status": run.returncode, "stdout": run.stdout, "stderr": run.stderr, "source": "before"})
json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
sys.stdout.write("\n")
