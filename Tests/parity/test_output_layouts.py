"""`valence`'s --output text, table and json against the aws CLI's own formatter (awscli 1.x's
formatter.py, text.py and table.py, which CLI v2 shares for these formats), and --output yaml
against PyYAML's safe dump (see aws_cli), on seeded random documents. Each document reaches
`valence` as a JMESPath literal (`--query '`...`'`), so the whole path a response takes is
exercised: query, then layout.
"""
import argparse
import io
import json
import os
import random
import subprocess

import jmespath
import pytest
import yaml
from awscli.formatter import get_formatter

import valence_peers as vp

pytestmark = pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")

COUNT = 60
WORDS = ["POSITIVE", "s3://bucket/in/", "Ünïcödé", "日本語のテキスト", "emoji 😀", "", "a b", "tab\there", "x" * 90,
         "quote'\"", "Valeur élevée", "한국어", "123", "true", "None", "ｆｕｌｌ", "two\nlines", "'quoted'", "- dash",
         "key: value", "# hash", "2026-12-06T02:35:50.472000+00:00", "1.5", " padded ", "null",
         "a long sentence that goes on and on past the eightieth column of the terminal, so YAML folds it"]
KEYS = ["JobId", "JobName", "Sentiment", "Score", "b", "a", "Zeta", "ünï", "日本", "Index", "ResultList", "x"]


def scalar(rng):
    kind = rng.randrange(6)
    if kind == 0:
        return rng.choice(WORDS)
    if kind == 1:
        return rng.randrange(-1000, 10 ** 12)
    if kind == 2:
        return rng.choice([0.5, 1e-05, 0.8939475417137146, 3.372328865225427e-05, 1686352575.956, -2.25, 0.0])
    if kind == 3:
        return rng.choice([True, False])
    if kind == 4:
        return None
    return rng.choice(WORDS[:5])


def document(rng, depth=0):
    roll = rng.random()
    if depth >= 3 or roll < 0.3:
        return scalar(rng)
    if roll < 0.65:
        keys = rng.sample(KEYS, rng.randrange(0, 5))
        return dict((k, document(rng, depth + 1)) for k in keys)
    if rng.random() < 0.5:  # a list of records, the usual shape of a response
        keys = rng.sample(KEYS, rng.randrange(1, 4))
        return [dict((k, document(rng, depth + 2) if rng.random() < 0.2 else scalar(rng)) for k in keys if rng.random() < 0.9)
                for _ in range(rng.randrange(1, 4))]
    # otherwise scalars and lists, no records: the aws CLI's text layout fails on records mixed with others
    return [scalar(rng) if rng.random() < 0.6 else [scalar(rng) for _ in range(rng.randrange(0, 3))]
            for _ in range(rng.randrange(0, 4))]


def literal(data):
    return "`" + json.dumps(data, ensure_ascii=False).replace("`", "\\`") + "`"


def aws_cli(data, fmt):
    if fmt == "yaml":
        # CLI v2's YAML is ruamel.yaml's safe dump; PyYAML's emitter is the one ruamel grew from and
        # lays block YAML out the same way (the documents avoid the YAML 1.1-only words like `yes`)
        return "" if data == {} else yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    out = io.StringIO()
    query = jmespath.compile(literal(data))
    get_formatter(fmt, argparse.Namespace(query=query, color="off"))("DetectSentiment", {}, out)
    return out.getvalue()


def valence(data, fmt, home):
    run = subprocess.run([vp.valence_binary(), "detect-sentiment", "--text", "x", "--language-code", "en",
                          "--query", literal(data), "--output", fmt],
                         capture_output=True, text=True, env=dict(os.environ, VALENCE_HOME=str(home)))
    assert run.returncode == 0, run.stderr
    return run.stdout


@pytest.mark.parametrize("fmt", ["text", "table", "json", "yaml"])
def test_layouts_match_the_aws_cli(fmt, tmp_path):
    rng = random.Random(13)
    compared = differences = 0
    shown = []
    for _ in range(COUNT):
        data = document(rng)
        try:
            expected = aws_cli(data, fmt)
        except (ValueError, AttributeError, TypeError, KeyError, IndexError):
            continue  # the aws CLI itself fails on this shape (a ragged table)
        compared += 1
        got = valence(data, fmt, tmp_path)
        if got != expected:
            differences += 1
            if len(shown) < 3:
                shown.append(f"{json.dumps(data, ensure_ascii=False)}\n--- aws\n{expected}--- valence\n{got}")
    assert compared >= COUNT * 0.8
    assert differences == 0, f"{differences} of {compared} differ:\n" + "\n".join(shown)
