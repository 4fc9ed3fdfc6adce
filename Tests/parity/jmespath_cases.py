#!/usr/bin/env python3
"""Random JMESPath expressions over Valence's own outputs, with what PyPI `jmespath` (the library
behind the aws CLI's `--query`) answers for each: the cases of Valence's differential test.

A seeded, grammar-based generator writes expressions covering every construct of the language
(identifiers, quoted identifiers, sub-expressions, indices, slices with negative steps, list and
object projections, flatten, filters with every comparator, multi-select lists and hashes, pipes,
`@`, backtick and raw literals, `&expr`, and all 26 functions, well and badly typed), plus
mutated texts and random runs of tokens for the parser's corners and syntax errors. Choices are
guided by the data: the generator evaluates what it has built so far with `jmespath` and picks
keys, paths and argument types that exist there, so that most expressions select something.

Each case is `{"expression", "document": <index>, "result"}` or `{…, "error": <kind>}`, the kind
as the compliance suite names it: `syntax`, `invalid-type`, `invalid-value`, `invalid-arity`,
`unknown-function`. Python's own `TypeError` (ordering a number against a string, a string
`contains` a non-string) counts as `invalid-type`, its `ValueError` (a slice step of 0) as
`invalid-value`.

Deliberate differences from stock `jmespath`, counted in the output:
- `variadic_overrides`: every argument of a variadic function is type-checked. jmespath 1.1.0
  checks only the first, so ``merge(@, `[["a", 1]]`)`` is `{"a": 1}` there (Python's
  `dict.update` of pairs) and an invalid-type error in Valence, as the specification says.
- also in `variadic_overrides`, on Python 3.12 and later only: `sum()` and `avg()` add left to
  right, as Python 3.11's `sum()` does (3.12's compensates rounding errors).
- `misplaced_exprefs`: texts with an `&expression` anywhere but as a function argument (where the
  specification allows one) are set aside. jmespath.py evaluates such an `&x` to a Python object
  that flows on (`[&x][1]` is null, `!&x` is false, `{a: &x}` cannot even be printed as JSON);
  Valence raises invalid-type when it meets one.

Usage: python3 Tests/parity/jmespath_cases.py [--count N] [--seed S] [--out FILE]
"""
import argparse
import json
import random
import sys
import warnings

import jmespath
from jmespath import exceptions, functions

# --- Valence-like documents ---------------------------------------------------------------------

ACCOUNT = "111122223333"
ROLE = "arn:aws:iam::111122223333:role/service-role/AmazonComprehendServiceRole-example-role"


def job(job_id, name, status, submit, end=None, message=None, fmt="ONE_DOC_PER_LINE", kms=None, vpc=None, reader=None):
    """A SentimentDetectionJobProperties, members in the model's order."""
    props = {"JobId": job_id,
             "JobArn": f"arn:aws:comprehend:us-west-2:{ACCOUNT}:sentiment-detection-job/{job_id}"}
    if name is not None:
        props["JobName"] = name
    props["JobStatus"] = status
    if message is not None:
        props["Message"] = message
    props["SubmitTime"] = submit
    if end is not None:
        props["EndTime"] = end
    idc = {"S3Uri": "s3://amzn-s3-demo-bucket/MovieData/", "InputFormat": fmt}
    if reader is not None:
        idc["DocumentReaderConfig"] = reader
    props["InputDataConfig"] = idc
    odc = {"S3Uri": f"s3://amzn-s3-demo-destination-bucket/out/{ACCOUNT}-SENTIMENT-{job_id}/output/output.tar.gz"}
    if kms is not None:
        odc["KmsKeyId"] = kms
    props["OutputDataConfig"] = odc
    props["LanguageCode"] = "en" if status != "FAILED" else "de"
    props["DataAccessRoleArn"] = ROLE
    if kms is not None:
        props["VolumeKmsKeyId"] = kms
    if vpc is not None:
        props["VpcConfig"] = vpc
    return props


JOBS = [
    job("0b5001e25f62ebb40631a9a1a7fde7b3", "movie-reviews", "COMPLETED", 1686352575.956, 1686352901.25),
    job("1c6112f36073fcc51742b2b2b8aef8c4", "tweets-2023", "IN_PROGRESS", 1686352611.5),
    job("2d7223047184ade62853c3c3c9bf09d5", None, "FAILED", 1686350000,  1686350042.125,
        message="NO_READ_ACCESS_TO_INPUT: The provided data access role does not have proper access to the input data.",
        fmt="ONE_DOC_PER_FILE"),
    job("3e8334158295bef73964d4d4dac01ae6", "support-tickets", "STOPPED", 1686340000.75, 1686340100.0,
        kms="arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        vpc={"SecurityGroupIds": ["sg-0123456789abcdef0", "sg-0fedcba9876543210"], "Subnets": ["subnet-0a1b2c3d"]}),
    job("4f9445269306cf084a75e5e5ebd12bf7", "pdf-reviews", "SUBMITTED", 1686353000.001, fmt="ONE_DOC_PER_FILE",
        reader={"DocumentReadAction": "TEXTRACT_DETECT_DOCUMENT_TEXT", "DocumentReadMode": "SERVICE_DEFAULT",
                "FeatureTypes": ["TABLES", "FORMS"]}),
]


def score(positive, negative, neutral, mixed, alphabetical=False):
    if alphabetical:
        return {"Mixed": mixed, "Negative": negative, "Neutral": neutral, "Positive": positive}
    return {"Positive": positive, "Negative": negative, "Neutral": neutral, "Mixed": mixed}


DOCUMENTS = [
    # list-sentiment-detection-jobs
    {"SentimentDetectionJobPropertiesList": JOBS, "NextToken": "eyJvZmZzZXQiOiA1fQ=="},
    # describe-sentiment-detection-job
    {"SentimentDetectionJobProperties": JOBS[3]},
    # start-sentiment-detection-job
    {"JobId": JOBS[4]["JobId"], "JobArn": JOBS[4]["JobArn"], "JobStatus": "SUBMITTED"},
    # batch-detect-sentiment
    {"ResultList": [
        {"Index": 0, "Sentiment": "POSITIVE", "SentimentScore": score(0.9983140826225281, 0.00016452783, 0.0013710626, 0.00015024371)},
        {"Index": 2, "Sentiment": "NEGATIVE", "SentimentScore": score(0.0025217682, 0.9412321448326111, 0.05234003, 0.0039060663)},
        {"Index": 3, "Sentiment": "NEUTRAL", "SentimentScore": score(0.012, 0.008, 0.975, 0.005)},
        {"Index": 4, "Sentiment": "MIXED", "SentimentScore": score(0.41, 0.39, 0.05, 0.15)},
        {"Index": 5, "Sentiment": "POSITIVE", "SentimentScore": score(0.75, 0.05, 0.2, 0.0)},
    ], "ErrorList": [
        {"Index": 1, "ErrorCode": "TEXT_SIZE_LIMIT_EXCEEDED", "ErrorMessage": "Document size exceeds the limit of 5120 bytes."},
        {"Index": 6, "ErrorCode": "InternalServerException", "ErrorMessage": "Unexpected Server Error. Please try again."},
    ]},
    # detect-sentiment
    {"Sentiment": "NEUTRAL", "SentimentScore": score(0.004140198230743408, 0.008935936726629734, 0.9841893315315247, 0.002734508365392685)},
    # a job's output records (output.tar.gz, ONE_DOC_PER_LINE), as a list
    [
        {"File": "50_docs", "Line": 0, "Sentiment": "NEUTRAL",
         "SentimentScore": score(0.004140198230743408, 0.008935936726629734, 0.9841893315315247, 0.002734508365392685, True)},
        {"File": "50_docs", "Line": 1, "ErrorCode": "DOCUMENT_SIZE_EXCEEDED",
         "ErrorMessage": "Document size is exceeded maximum size limit 5120 bytes."},
        {"File": "50_docs", "Line": 2, "Sentiment": "NEUTRAL",
         "SentimentScore": score(0.008045154623687267, 0.0029857370536774397, 0.9866572022438049, 0.0023119584657251835, True)},
        {"File": "reviews/caf\u00e9.txt", "Line": 0, "Sentiment": "POSITIVE",
         "SentimentScore": score(0.97, 0.01, 0.015, 0.005, True)},
        {"File": "reviews/caf\u00e9.txt", "Line": 1, "Sentiment": "NEGATIVE",
         "SentimentScore": score(0.02, 0.9, 0.07, 0.01, True)},
    ],
    # list with an empty page and a paging token
    {"SentimentDetectionJobPropertiesList": [], "NextToken": None},
    # generate-cli-skeleton-like input with booleans, nulls and nested lists
    {"JobName": "", "LanguageCode": "en", "DryRun": False, "Tags": [{"Key": "team", "Value": "nlp"},
     {"Key": "cost-center", "Value": "42"}, {"Key": "empty"}], "Matrix": [[1, 2, [3, 4]], [5.5, [6]], []],
     "Counts": {"COMPLETED": 3, "FAILED": 1, "IN_PROGRESS": 0}, "Mixed": [0, 1, True, False, None, "1", "", 2.5, -3]},
    # edges: composed and decomposed accents, astral characters, floats Python prints in exponent form
    {"Text": "cafe\u0301 \U0001F600 caf\u00e9", "Keys": {"caf\u00e9": 1, "cafe\u0301": 2, "": 3, "a b": 4},
     "Numbers": [1e-05, 1e16, 1234567890123456789, -0.0, 0.1, 2.5e-07, 100, -7, 3.0, 0.30000000000000004],
     "Words": ["b", "B", "\u00e9", "e\u0301", "a", "", "\U0001F600"]},
]

# --- the generator ------------------------------------------------------------------------------

FUNCTIONS = {
    # name: parameter kinds; "expref" parameters get &expressions, "*" any value, "..." variadic
    "abs": ["number"], "avg": ["array-number"], "ceil": ["number"], "contains": ["array|string", "*"],
    "ends_with": ["string", "string"], "floor": ["number"], "join": ["string", "array-string"],
    "keys": ["object"], "length": ["string|array|object"], "map": ["expref", "array"],
    "max": ["array-number|array-string"], "max_by": ["array", "expref"], "merge": ["object", "..."],
    "min": ["array-number|array-string"], "min_by": ["array", "expref"], "not_null": ["*", "..."],
    "reverse": ["array|string"], "sort": ["array-number|array-string"], "sort_by": ["array", "expref"],
    "starts_with": ["string", "string"], "sum": ["array-number"], "to_array": ["*"], "to_string": ["*"],
    "to_number": ["*"], "type": ["*"], "values": ["object"],
}

EXTRA_KEYS = ["jobId", "Foo", "Index2", "sentiment", "a", "b", "S3URI", "Line_"]
RAW_STRINGS = ["", "COMPLETED", "FAILED", "POSITIVE", "NEUTRAL", "en", "s3://", "50_docs", "0.5", "12", " 7 ",
               "1e3", "-2", "1_000", "abc", "caf\u00e9", "it\\'s", "\u00e9t\u00e9", "Job", ".txt", "x y", "a\\\\b"]
JSON_LITERALS = ["0", "1", "-1", "2", "0.5", "1.0", "-2.5", "3e2", "0.975", "1686350000", "true", "false", "null",
                 '"COMPLETED"', '"NEGATIVE"', '""', '"en"', "[]", "{}", "[1, 2, 3]", '["a", "b"]', "[0.5, 2, -1]",
                 '{"a": 1, "b": [true, null]}', '{"Index": 3}', '[[1, 2], [3]]', '"caf\\u00e9"', ' 5 ',
                 "foo", " bar baz"]
COMPARATORS = ["==", "!=", "<", "<=", ">", ">="]


class Generator:
    def __init__(self, rng):
        self.rng = rng
        self.counts = {}
        self._paths = {}

    def note(self, construct):
        self.counts[construct] = self.counts.get(construct, 0) + 1

    def chance(self, p):
        return self.rng.random() < p

    # Evaluation guides the choices; an error just means "no useful context".
    @staticmethod
    def ev(expression, ctx):
        try:
            return jmespath.search(expression, ctx)
        except Exception:
            return None

    def paths(self, ctx):
        """Expressions that select something inside ctx, with their values (cached per object)."""
        key = id(ctx)
        if key in self._paths:
            return self._paths[key][1]
        found = []

        def walk(value, prefix, depth):
            if depth > 3 or len(found) > 80:
                return
            if isinstance(value, dict):
                for k, v in value.items():
                    text = f"{prefix}.{k}" if prefix else k
                    found.append((text, v))
                    walk(v, text, depth + 1)
            elif isinstance(value, list) and value:
                star = f"{prefix}[*]" if prefix else "[*]"
                found.append((star, value))
                if isinstance(value[0], dict):
                    for k in value[0]:
                        text = f"{star}.{k}"
                        found.append((text, self.ev(text, ctx)))
                        if isinstance(value[0][k], dict):
                            for k2 in value[0][k]:
                                text2 = f"{text}.{k2}"
                                found.append((text2, self.ev(text2, ctx)))
                first = f"{prefix}[0]" if prefix else "[0]"
                found.append((first, value[0]))
                walk(value[0], first, depth + 1)

        walk(ctx, "", 0)
        self._paths[key] = (ctx, found)  # keep ctx alive so its id is not reused
        return found

    def path_of(self, ctx, predicate):
        candidates = [p for p, v in self.paths(ctx) if predicate(v)]
        return self.rng.choice(candidates) if candidates else None

    # --- leaves ---

    def identifier(self, ctx):
        if isinstance(ctx, dict) and ctx and self.chance(0.92):
            name = self.rng.choice(list(ctx))
        else:
            name = self.rng.choice(EXTRA_KEYS + ["JobStatus", "ResultList", "Index", "Sentiment"])
        if self.chance(0.12):
            self.note("quoted-identifier")
            if self.chance(0.3) and name:
                # escape the first letter: "\u004aobId"
                return '"\\u%04x%s"' % (ord(name[0]), name[1:])
            return json.dumps(name)
        self.note("identifier")
        return name

    def literal(self):
        if self.chance(0.4):
            self.note("raw-string")
            return "'" + self.rng.choice(RAW_STRINGS) + "'"
        self.note("json-literal")
        return "`" + self.rng.choice(JSON_LITERALS) + "`"

    # --- expressions: (text, is_primary) ---

    def expr(self, ctx, depth):
        if depth <= 0:
            r = self.rng.random()
            if r < 0.6:
                return self.identifier(ctx), True
            if r < 0.8:
                self.note("current")
                return "@", True
            return self.literal(), True
        choice = self.rng.choices(
            ["path", "index", "slice", "projection", "flatten", "values", "filter", "mlist", "mhash", "pipe",
             "or", "and", "not", "compare", "function", "literal", "current", "paren"],
            [14, 5, 5, 9, 4, 4, 9, 4, 4, 5, 3, 3, 2, 4, 14, 2, 1, 1])[0]
        return getattr(self, "gen_" + choice)(ctx, depth)

    def operand(self, ctx, depth):
        """An expression usable on the left of a postfix operator (parenthesized if compound)."""
        text, primary = self.expr(ctx, depth)
        return text if primary else f"({text})"

    def dot_rhs(self, ctx, depth):
        """What may follow a dot: identifier, multi-select, function call or `*`."""
        r = self.rng.random()
        if depth <= 0 or (r < 0.6 and (isinstance(ctx, dict) or self.chance(0.3))):
            return self.identifier(ctx)
        if r < 0.7:
            return self.gen_mlist(ctx, depth - 1)[0]
        if r < 0.8:
            return self.gen_mhash(ctx, depth - 1)[0]
        if r < 0.95 or not isinstance(ctx, dict):
            return self.gen_function(ctx, depth - 1)[0]
        self.note("value-projection")
        return "*"

    def gen_path(self, ctx, depth):
        self.note("subexpression")
        if self.chance(0.6):
            start = self.path_of(ctx, lambda v: isinstance(v, dict) or self.chance(0.2))
            if start:
                left = start
                return left + "." + self.dot_rhs(self.ev(left, ctx), depth - 1), True
        left = self.operand(ctx, depth - 1)
        return left + "." + self.dot_rhs(self.ev(left, ctx), depth - 1), True

    def array_path(self, ctx, depth):
        found = self.path_of(ctx, lambda v: isinstance(v, list))
        if found and self.chance(0.75):
            return found
        return self.operand(ctx, depth - 1)

    def gen_index(self, ctx, depth):
        self.note("index")
        left = self.array_path(ctx, depth)
        return f"{left}[{self.rng.choice([0, 1, 2, -1, -2, 3, 7, -9])}]", True

    def gen_slice(self, ctx, depth):
        self.note("slice")
        left = self.array_path(ctx, depth)
        part = lambda: self.rng.choice(["", "", "0", "1", "2", "-1", "-2", "5", "-7"])
        step = self.rng.choice(["", "", "1", "2", "-1", "-2", "3", "0"] if self.chance(0.15) else ["", "1", "2", "-1", "-2"])
        if step.startswith("-"):
            self.note("negative-step")
        text = f"{left}[{part()}:{part()}" + (f":{step}" if step or self.chance(0.3) else "") + "]"
        if self.chance(0.4):
            text += "." + self.dot_rhs(self.first_element(text, ctx), depth - 1)
        return text, True

    def first_element(self, text, ctx):
        value = self.ev(text, ctx)
        return value[0] if isinstance(value, list) and value else None

    def gen_projection(self, ctx, depth):
        self.note("list-projection")
        left = self.array_path(ctx, depth)
        text = f"{left}[*]"
        r = self.rng.random()
        element = self.first_element(text, ctx)
        if r < 0.6:
            text += "." + self.dot_rhs(element, depth - 1)
        elif r < 0.75:
            text += f"[{self.rng.choice([0, -1, 1])}]"
        elif r < 0.85:
            text += "[*]"
        return text, True

    def gen_flatten(self, ctx, depth):
        self.note("flatten")
        left = self.array_path(ctx, depth) if self.chance(0.8) else ""
        text = f"{left}[]"
        if self.chance(0.5):
            text += "." + self.dot_rhs(self.first_element(text, ctx), depth - 1)
        elif self.chance(0.3):
            text += "[]"
        return text, True

    def gen_values(self, ctx, depth):
        self.note("value-projection")
        found = self.path_of(ctx, lambda v: isinstance(v, dict))
        left = found if found and self.chance(0.7) else self.operand(ctx, depth - 1)
        text = f"{left}.*"
        if self.chance(0.5):
            text += "." + self.dot_rhs(self.first_element(text, ctx), depth - 1)
        return text, True

    def condition(self, element, depth):
        r = self.rng.random()
        if r < 0.55:
            self.note("comparator")
            left = self.path_of(element, lambda v: not isinstance(v, (dict, list))) if element is not None else None
            left = left or self.identifier(element)
            value = self.ev(left, element)
            if value is not None and not isinstance(value, (dict, list)) and self.chance(0.6):
                right = "`" + json.dumps(value) + "`" if self.chance(0.6) or not isinstance(value, str) else "'" + value.replace("'", "\\'") + "'"
            else:
                right = self.operand(element, depth - 1) if self.chance(0.5) else self.literal()
            return f"{left} {self.rng.choice(COMPARATORS)} {right}"
        if r < 0.7:
            return self.identifier(element)
        if r < 0.8:
            self.note("and/or")
            return f"{self.condition(element, depth - 1)} {self.rng.choice(['&&', '||'])} {self.condition(element, depth - 1)}"
        if r < 0.87:
            self.note("not")
            return f"!{self.operand(element, depth - 1)}"
        return self.expr(element, depth - 1)[0]

    def gen_filter(self, ctx, depth):
        self.note("filter")
        left = self.array_path(ctx, depth) if self.chance(0.9) else ""
        base = self.ev(left, ctx) if left else ctx
        element = base[0] if isinstance(base, list) and base else None
        text = f"{left}[?{self.condition(element, depth - 1)}]"
        r = self.rng.random()
        if r < 0.5:
            text += "." + self.dot_rhs(element, depth - 1)
        elif r < 0.6:
            text += "[0]" if self.chance(0.5) else "[]"
        elif r < 0.65:
            text += f" | [{self.rng.choice([0, -1])}]"
        return text, True

    def gen_mlist(self, ctx, depth):
        self.note("multi-select-list")
        items = [self.expr(ctx, depth - 1)[0] for _ in range(self.rng.randint(1, 3))]
        return "[" + ", ".join(items) + "]", True

    def gen_mhash(self, ctx, depth):
        self.note("multi-select-hash")
        keys = ["id", "status", "Name", "n", "score", "x", "id"]
        items = []
        for _ in range(self.rng.randint(1, 3)):
            key = self.rng.choice(keys)
            if self.chance(0.15):
                key = json.dumps(key + " key")
            items.append(f"{key}: {self.expr(ctx, depth - 1)[0]}")
        return "{" + ", ".join(items) + "}", True

    def gen_pipe(self, ctx, depth):
        self.note("pipe")
        left = self.expr(ctx, depth - 1)[0]
        right = self.expr(self.ev(left, ctx), depth - 1)[0]
        return f"{left} | {right}", False

    def gen_or(self, ctx, depth):
        self.note("and/or")
        return f"{self.operand(ctx, depth - 1)} || {self.operand(ctx, depth - 1)}", False

    def gen_and(self, ctx, depth):
        self.note("and/or")
        return f"{self.operand(ctx, depth - 1)} && {self.operand(ctx, depth - 1)}", False

    def gen_not(self, ctx, depth):
        self.note("not")
        return f"!{self.operand(ctx, depth - 1)}", True

    def gen_compare(self, ctx, depth):
        self.note("comparator")
        return f"{self.operand(ctx, depth - 1)} {self.rng.choice(COMPARATORS)} {self.operand(ctx, depth - 1)}", False

    def gen_literal(self, ctx, depth):
        return self.literal(), True

    def gen_current(self, ctx, depth):
        self.note("current")
        return "@", True

    def gen_paren(self, ctx, depth):
        return "(" + self.expr(ctx, depth - 1)[0] + ")", True

    # --- functions ---

    def argument(self, kind, ctx, depth):
        """An argument for a parameter kind: usually well typed, sometimes not."""
        if kind == "expref":
            self.note("expression-reference")
            element = None
            if isinstance(ctx, list) and ctx:
                element = ctx[0]
            found = self.path_of(element, lambda v: isinstance(v, (int, float, str)) and not isinstance(v, bool)) \
                if element is not None else None
            body = found if found and self.chance(0.7) else self.expr(element, depth - 1)[0]
            return "&" + body
        wanted = {
            "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
            "string": lambda v: isinstance(v, str),
            "object": lambda v: isinstance(v, dict),
            "array": lambda v: isinstance(v, list),
            "array-number": lambda v: isinstance(v, list) and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in v),
            "array-string": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
            "*": lambda v: True,
        }
        if self.chance(0.8):
            options = kind.split("|")
            predicate = wanted[self.rng.choice(options)]
            found = self.path_of(ctx, predicate) if ctx is not None else None
            if found and self.chance(0.8):
                return found
            if self.chance(0.4):
                return self.literal()
        return self.expr(ctx, depth - 1)[0]

    def gen_function(self, ctx, depth):
        if self.chance(0.03):
            self.note("unknown-function")
            return f"{self.rng.choice(['nope', 'lower', 'count'])}({self.expr(ctx, depth - 1)[0]})", True
        name = self.rng.choice(sorted(FUNCTIONS))
        self.note("function")
        self.note("function:" + name)
        kinds = [k for k in FUNCTIONS[name] if k != "..."]
        if "..." in FUNCTIONS[name]:
            kinds += [kinds[-1]] * self.rng.randint(0, 2)
        # an &expression runs over the elements of the array argument (map, sort_by, min_by, max_by)
        args = [None] * len(kinds)
        array_value = None
        order = list(range(len(kinds)))
        if name == "map":
            order = [1, 0]
        for i in order:
            kind = kinds[i]
            if kind == "expref":
                args[i] = self.argument(kind, array_value, depth)
            else:
                args[i] = self.argument(kind, ctx, depth)
                if kind == "array":
                    array_value = self.ev(args[i], ctx)
        if self.chance(0.04):
            self.note("wrong-arity")
            if args and self.chance(0.5):
                args.pop()
            else:
                args.append(self.argument("*", ctx, depth))
        if self.chance(0.03):
            # an &expression where a typed value is expected: invalid-type
            typed = [i for i, k in enumerate(kinds) if k not in ("*", "expref") and i < len(args)]
            if typed:
                self.note("expref-misplaced")
                args[self.rng.choice(typed)] = "&" + self.identifier(None)
        return f"{name}({', '.join(args)})", True

    # --- syntax errors ---

    SOUP = ["a", "b", "JobId", "ResultList", "\"a\"", "\"\\u0062\"", ".", "*", "[", "]", "[]", "[?", ",", ":", "@",
            "(", ")", "{", "}", "|", "||", "&&", "!", "==", "!=", "<", "<=", ">", ">=", "0", "1", "-1", "2", "-3",
            "`1`", "`\"x\"`", "`[1, 2]`", "`{\"a\": 1}`", "`null`", "'raw'", "''", " ", "length(", "sort(",
            "to_string(", "keys(", "not_null(", "abs("]

    def soup(self):
        """A random run of JMESPath's own tokens: the parser's acceptance, compared token by token."""
        self.note("token-soup")
        return "".join(self.rng.choice(self.SOUP) for _ in range(self.rng.randint(1, 10)))

    def mutate(self, text):
        self.note("mutation")
        r = self.rng.random()
        pos = self.rng.randrange(len(text) + 1)
        if r < 0.3 and text:
            return text[:pos] + text[pos + 1:]
        if r < 0.6:
            return text[:pos] + self.rng.choice(list("[]{}().,:|&!=<>?*@`'\"-0 ")) + text[pos:]
        if r < 0.8:
            return text[:pos]
        return text[:pos] + self.rng.choice(["[?", "[]", "||", "&&", "==", ".*", "[:", "::", "`x`", "'", "\\"]) + text[pos:]


# --- expectations ---------------------------------------------------------------------------------

class StrictVariadicFunctions(functions.Functions):
    """jmespath's functions, with every variadic argument type-checked (see the module doc)."""

    def _type_check(self, actual, signature, function_name):
        for i in range(len(actual)):
            allowed = signature[min(i, len(signature) - 1)]["types"]
            if allowed:
                self._type_check_single(actual[i], allowed, function_name)

    if sys.version_info >= (3, 12):
        # Python 3.12's sum() of floats compensates rounding errors; Valence adds left to right,
        # as Python 3.11 (on which these cases were first made) does. Counted with the overrides.
        @functions.signature({"types": ["array-number"]})
        def _func_sum(self, arg):
            total = 0
            for number in arg:
                total = total + number
            return total

        @functions.signature({"types": ["array-number"]})
        def _func_avg(self, arg):
            return self._func_sum(arg) / len(arg) if arg else None


STRICT = jmespath.Options(custom_functions=StrictVariadicFunctions())


def error_kind(error):
    if isinstance(error, exceptions.ArityError):
        return "invalid-arity"
    if isinstance(error, (exceptions.ParseError, exceptions.EmptyExpressionError)):
        return "syntax"
    if isinstance(error, exceptions.JMESPathTypeError):
        return "invalid-type"
    if isinstance(error, exceptions.UnknownFunctionError):
        return "unknown-function"
    if isinstance(error, TypeError):
        return "invalid-type"
    if isinstance(error, ValueError):
        return "invalid-value"
    raise error


def expectation(expression, document, options=None):
    """`{"result": …}` or `{"error": kind}` from PyPI jmespath."""
    try:
        result = jmespath.search(expression, document, options=options)
    except Exception as error:  # noqa: BLE001 - classified, or re-raised
        return {"error": error_kind(error)}
    return {"result": result}


def misplaced_expref(expression):
    """Whether the text has an `&expression` outside the arguments of a function call, or in an
    argument any value may fill (`not_null`, `to_string`, ...): see the module doc."""
    try:
        tree = jmespath.compile(expression).parsed
    except Exception:  # noqa: BLE001 - a syntax error has no tree, and nothing to set aside
        return False

    def visit(node, parent, position):
        if not isinstance(node, dict):
            return False
        if node.get("type") == "expref":
            if parent is None or parent.get("type") != "function_expression":
                return True
            kinds = [k for k in FUNCTIONS.get(parent["value"], ["expref"] * 9) if k != "..."]
            if kinds[min(position, len(kinds) - 1)] == "*":
                return True
        return any(visit(child, node, i) for i, child in enumerate(node.get("children", [])))

    return visit(tree, None, 0)


def representable(outcome):
    """A result must be plain JSON: no expression objects, no NaN or infinities."""
    if "error" in outcome:
        return True
    try:
        json.dumps(outcome["result"], allow_nan=False)
        return True
    except (TypeError, ValueError):
        return False


# Fixed texts for Python's parser quirks, evaluated over every document.
FIXED = [
    "SentimentDetectionJobPropertiesList[0][0:2].JobId", "ResultList[0:2][0:1].Index", "[0][0:2]",
    "{a: JobId b: JobStatus}", "length(ResultList ErrorList)", "ResultList[:1 2]", "join(',', [JobId,])",
    "ResultList[*].{i: Index, s: Sentiment}", "sort_by(ResultList, &SentimentScore.Positive)[-1].Index",
    "max_by(@, &Line).File", "ResultList[?SentimentScore.Positive > `0.5`].Index", "`foo`", "` \"a\"`",
    "'\\''", "\"\\\"\"", "[*].[File, Line][]", "*.Index", "@.*", "!`0`", "`0` == `false`", "`[0]` == `[false]`",
    "to_string(`1.50`)", "to_string(@)", "to_number(' 1_000 ')", "to_number('1e3')", "abs(`-0.0`)",
    "ceil(`1e20`)", "avg(`[1, 2]`)", "sum(`[1, 2.5]`)", "contains('abc', `1`)", "`1` < 'a'", "'a' < 'b'",
    "merge(`{\"a\": 1}`, `{\"b\": 2, \"a\": 3}`)", "[?Line > `0`] | [0]", "ResultList[::-1].Index",
    "ResultList[10:-10:-2].Index", "ResultList[::0]", "map(&Index, ResultList)", "keys(@)", "values(@)",
    "reverse('caf\u00e9')", "length('caf\u00e9')", "sort(`[3, 1.5, 2, 1]`)", "min(`[\"b\", \"a\"]`)",
    "Mixed[?@]", "Mixed[?!@]", "Mixed[?@ == `1`]", "Mixed[?@ < `1`]", "Matrix[]", "Matrix[][]",
    "Counts.*", "Tags[?Value].Key", "Tags[?!Value].Key", "not_null(Foo, JobName, `1`)", "type(@)",
    "sort(Words)", "reverse(Text)", "length(Text)", "Keys.\"caf\\u00e9\"", "Keys.\"cafe\\u0301\"", "Keys.\"\"",
    "sum(Numbers)", "avg(Numbers)", "to_string(Numbers)", "max(Numbers)", "min(Numbers)", "sort(Numbers)",
    "abs(Numbers[3])", "floor(Numbers[1])", "ceil(Numbers[0])", "Numbers[?@ > `1`]", "join('|', Words)",
    "contains(Text, 'e\u0301')", "starts_with(Text, 'cafe')", "max_by(Words[*].{w: @}, &w)", "keys(Keys)",
    "JobName || 'unnamed'", "DryRun && 'yes'", "(\"JobStatus\")", "abs", "foo.bar(@)", "a.&b",
]


def generate(count, seed):
    # jmespath warns on every `foo` literal (the deprecated JEP-12 form); the cases use it on purpose
    warnings.simplefilter("ignore", PendingDeprecationWarning)
    rng = random.Random(seed)
    gen = Generator(rng)
    cases = []
    overrides = 0
    misplaced = 0
    unrepresentable = 0
    attempts = 0
    for expression in FIXED:
        # on every document where it finds something (or fails), else on the first one
        outcomes = [(index, expectation(expression, document, STRICT)) for index, document in enumerate(DOCUMENTS)]
        chosen = [(i, o) for i, o in outcomes if o.get("result", 0) not in (None, [], {})] or outcomes[:1]
        for index, outcome in chosen:
            if not representable(outcome):
                raise RuntimeError(f"fixed case {expression!r} has no JSON answer")
            cases.append({"expression": expression, "document": index, **outcome})
    while len(cases) < count:
        attempts += 1
        if attempts > count * 20:
            raise RuntimeError("the generator keeps producing unrepresentable expressions")
        index = rng.randrange(len(DOCUMENTS))
        document = DOCUMENTS[index]
        text, _ = gen.expr(document, rng.randint(1, 4))
        r = rng.random()
        if r < 0.07:
            text = gen.mutate(text)
        elif r < 0.12:
            text = gen.soup()
        if misplaced_expref(text):
            misplaced += 1
            continue
        outcome = expectation(text, document, STRICT)
        if not representable(outcome):
            unrepresentable += 1
            continue
        stock = expectation(text, document)
        if stock != outcome:
            overrides += 1
        gen.note("outcome:" + ("error:" + outcome["error"] if "error" in outcome else "result"))
        cases.append({"expression": text, "document": index, **outcome})
    return {"seed": seed, "jmespath_version": jmespath.__version__, "documents": DOCUMENTS,
            "variadic_overrides": overrides, "misplaced_exprefs": misplaced,
            "unrepresentable": unrepresentable, "constructs": dict(sorted(gen.counts.items())), "cases": cases}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", default="-")
    args = parser.parse_args(argv)
    data = generate(args.count, args.seed)
    text = json.dumps(data, ensure_ascii=False, allow_nan=False)
    if args.out == "-":
        sys.stdout.write(text)
    else:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
