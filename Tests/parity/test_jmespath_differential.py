"""Valence's JMESPath (the engine of `--query`) against PyPI `jmespath`, the aws CLI's.

`jmespath_cases.py` writes seeded random expressions over Valence-like documents with jmespath's
answers; the Swift test `JMESPathDifferentialTests` evaluates every one with Valence and counts
the differences. Here: the cases are what they claim to be (enough, every construct, jmespath's
own answers), and the Swift side, run on a campaign of its own seed, finds no difference.
"""
import os
import re
import shutil
import subprocess
import sys

import jmespath
import pytest

import jmespath_cases as jc
import valence_peers as vp

# jmespath warns on every `foo` literal (the deprecated JEP-12 form); the cases use it on purpose
pytestmark = pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")

COUNT = 5000
SEED = 2026  # the Swift test's own run uses 13: this is a second campaign


@pytest.fixture(scope="module")
def generated():
    return jc.generate(COUNT, SEED)


def test_enough_cases_and_reproducible(generated):
    assert len(generated["cases"]) >= COUNT
    assert jc.generate(300, SEED)["cases"][:300] == generated["cases"][:300]


def test_every_construct_and_function_is_exercised(generated):
    counts = generated["constructs"]
    constructs = ["identifier", "quoted-identifier", "subexpression", "index", "slice", "negative-step",
                  "list-projection", "value-projection", "flatten", "filter", "comparator", "multi-select-list",
                  "multi-select-hash", "pipe", "current", "json-literal", "raw-string", "expression-reference",
                  "and/or", "not", "function", "unknown-function", "wrong-arity", "expref-misplaced", "mutation",
                  "token-soup"]
    for name in constructs + ["function:" + f for f in jc.FUNCTIONS]:
        assert counts.get(name, 0) >= 20, f"{name} generated {counts.get(name, 0)} times"
    assert len(jc.FUNCTIONS) == 26
    for outcome in ["result", "error:syntax", "error:invalid-type", "error:invalid-arity",
                    "error:unknown-function", "error:invalid-value"]:
        assert counts.get("outcome:" + outcome, 0) > 0, outcome
    # The generator follows the data: a third of the expressions select a non-empty value (a
    # quarter are errors, the rest null, false or empty, which are answers to compare too).
    results = [c["result"] for c in generated["cases"] if "result" in c]
    assert sum(r not in (None, [], {}) for r in results) > len(generated["cases"]) // 3


def test_expectations_are_stock_jmespaths_but_for_the_counted_override(generated):
    documents = generated["documents"]
    differing = 0
    for case in generated["cases"]:
        stock = jc.expectation(case["expression"], documents[case["document"]])
        recorded = {k: case[k] for k in ("result", "error") if k in case}
        if stock != recorded:
            differing += 1
            # Only a variadic call can differ (a later merge() argument of the wrong type), and on
            # Python 3.12+ a sum of floats (see jmespath_cases.StrictVariadicFunctions).
            if sys.version_info >= (3, 12) and re.search(r"sum\(|avg\(", case["expression"]):
                continue
            assert "merge(" in case["expression"], case
            assert recorded == {"error": "invalid-type"}, case
    fixed_cases = len(jc.FIXED) * len(jc.DOCUMENTS)
    assert differing <= generated["variadic_overrides"] + fixed_cases


def test_the_override_is_what_stock_jmespath_gets_wrong():
    merged = jmespath.search('merge(`{}`, `[["a", 1]]`)', {})
    assert merged == {"a": 1}  # dict.update of pairs: the second argument is never type-checked
    assert jc.expectation('merge(`{}`, `[["a", 1]]`)', {}, jc.STRICT) == {"error": "invalid-type"}


def test_misplaced_expression_references_are_recognised():
    assert jc.misplaced_expref("[&a][1]")
    assert jc.misplaced_expref("not_null(&a)")
    assert not jc.misplaced_expref("sort_by(@, &a)")
    assert not jc.misplaced_expref("length(&a)")  # a type error in both


def test_valence_agrees_with_jmespath():
    """Runs the Swift differential test, already built by `swift test` (the Makefile's order)."""
    configuration = os.environ.get("VALENCE_CONFIGURATION", "debug")
    bundle = os.path.join(vp.ROOT, ".build", configuration, "ValencePackageTests.xctest")
    if not os.path.exists(bundle) or shutil.which("swift") is None:
        pytest.skip(f"no built Swift tests at {bundle}: run `swift test -c {configuration}` first")
    env = dict(os.environ, VALENCE_JMESPATH_COUNT=str(COUNT), VALENCE_JMESPATH_SEED=str(SEED))
    result = subprocess.run(["swift", "test", "-c", configuration, "--skip-build", "--filter",
                             "JMESPathDifferentialTests"], cwd=vp.ROOT, env=env, capture_output=True, text=True)
    output = result.stdout + result.stderr
    summary = re.search(r"JMESPath differential: (\d+) expressions, (\d+) differences", output)
    assert summary, output[-3000:]
    assert int(summary.group(1)) >= COUNT
    assert int(summary.group(2)) == 0, output[-3000:]
    assert result.returncode == 0, output[-3000:]
