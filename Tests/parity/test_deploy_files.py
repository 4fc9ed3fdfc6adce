"""deploy/kubernetes and deploy/aws-batch (issue 14): each file's container command and environment,
read from the file and interpreted as the engine interprets it (Kubernetes' `$(VAR)` expansion and
JOB_COMPLETION_INDEX per completion index; AWS Batch's `Ref::` parameters and
AWS_BATCH_JOB_ARRAY_INDEX per array child), run here once per index in a random order, with the
shared volume's mount path mapped to a temporary directory. The job must end COMPLETED with the
`output` of a one-machine job. (The engines themselves are not run: no cluster is reachable here.)"""
import json
import os
import random
import re
import subprocess
import tarfile

import yaml

from valence_peers import ROOT, valence_binary

ROLE = "arn:aws:iam::111122223333:role/deploy-test"


def prepare(tmp_path):
    """Inputs under <tmp>/s3, and the environment of a one-machine job."""
    lines = [f"Review {i}: the screen is {'great' if i % 3 else 'awful'} and the battery {'lasts' if i % 2 else 'dies'}." for i in range(900)]
    for n in range(3):
        path = tmp_path / "s3" / "in-bucket" / "docs" / f"part-{n}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines[n * 300:(n + 1) * 300]) + "\n")
    env = dict(os.environ, AWS_REGION="us-east-1", AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull,
               VALENCE_LEXICONS=os.environ.get("VALENCE_LEXICONS", os.path.join(ROOT, "Lexicons")))
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"):
        env.pop(name, None)
    return env


def valence(env, *args):
    result = subprocess.run([valence_binary(), *args], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def start(env, output, extra=()):
    return json.loads(valence(env, "start-sentiment-detection-job", "--language-code", "en", "--data-access-role-arn", ROLE,
                              "--input-data-config", "S3Uri=s3://in-bucket/docs/,InputFormat=ONE_DOC_PER_LINE",
                              "--output-data-config", f"S3Uri=s3://out-bucket/{output}/", *extra))["JobId"]


def records(env, s3root, job_id):
    properties = json.loads(valence(env, "describe-sentiment-detection-job", "--job-id", job_id))["SentimentDetectionJobProperties"]
    assert properties["JobStatus"] == "COMPLETED", properties
    path = os.path.join(s3root, properties["OutputDataConfig"]["S3Uri"].removeprefix("s3://"))
    with tarfile.open(path, "r:gz") as archive:
        return archive.extractfile("output").read()


def one_machine(tmp_path, env):
    home = dict(env, VALENCE_HOME=str(tmp_path / "one-home"), VALENCE_S3_ROOT=str(tmp_path / "s3"))
    job_id = start(home, "one", ["--wait"])
    return records(home, str(tmp_path / "s3"), job_id)


def run_indexes(tmp_path, env, job_env, command, index_variable, count):
    order = list(range(count))
    random.Random(14).shuffle(order)
    for index in order:
        result = subprocess.run([valence_binary(), *command[1:]], capture_output=True, text=True,
                                env=dict(env, **job_env, **{index_variable: str(index)}))
        assert result.returncode == 0, (index, result.stderr)


def remap(value, mount, root):
    return str(root) + value[len(mount):] if value.startswith(mount) else value


def test_the_kubernetes_indexed_job_runs_a_sharded_job(tmp_path):
    env = prepare(tmp_path)
    expected = one_machine(tmp_path, env)
    with open(os.path.join(ROOT, "deploy", "kubernetes", "valence-shards.yaml")) as f:
        spec = yaml.safe_load(f)["spec"]
    assert spec["completionMode"] == "Indexed"
    pod = spec["template"]["spec"]
    container = pod["containers"][0]
    mount = next(m["mountPath"] for m in container["volumeMounts"] if m["name"] == pod["volumes"][0]["name"])
    job_env = {e["name"]: remap(e["value"], mount, tmp_path / "volume") for e in container["env"]}
    # The JobId goes where the file says <JobId>; the shard count is the file's completions.
    shards = spec["completions"]
    (tmp_path / "volume").mkdir()
    os.symlink(tmp_path / "s3", job_env["VALENCE_S3_ROOT"])
    job_id = start(dict(env, **job_env), "k8s", ["--shards", str(shards), "--no-worker"])
    assert job_env["VALENCE_JOB_ID"] == "<JobId>"
    job_env["VALENCE_JOB_ID"] = job_id
    command = [re.sub(r"\$\((\w+)\)", lambda m: job_env[m.group(1)], part) for part in container["command"]]
    assert command[:2] == ["valence", "worker"]
    run_indexes(tmp_path, env, job_env, command, "JOB_COMPLETION_INDEX", shards)
    assert records(dict(env, **job_env), str(tmp_path / "s3"), job_id) == expected


def test_the_aws_batch_job_definition_runs_a_sharded_job(tmp_path):
    env = prepare(tmp_path)
    expected = one_machine(tmp_path, env)
    with open(os.path.join(ROOT, "deploy", "aws-batch", "job-definition.json")) as f:
        definition = json.load(f)
    properties = definition["containerProperties"]
    mount = properties["mountPoints"][0]["containerPath"]
    job_env = {e["name"]: remap(e["value"], mount, tmp_path / "volume") for e in properties["environment"]}
    (tmp_path / "volume").mkdir()
    os.symlink(tmp_path / "s3", job_env["VALENCE_S3_ROOT"])
    size = 3  # `aws batch submit-job --array-properties size=3` (the README's command, with the job's --shards)
    job_id = start(dict(env, **job_env), "batch", ["--shards", str(size), "--no-worker"])
    parameters = dict(definition["parameters"], jobId=job_id)  # `--parameters jobId=<JobId>`
    command = [re.sub(r"^Ref::(\w+)$", lambda m: parameters[m.group(1)], part) for part in properties["command"]]
    assert command[:2] == ["valence", "worker"] and job_id in command
    run_indexes(tmp_path, env, job_env, command, "AWS_BATCH_JOB_ARRAY_INDEX", size)
    assert records(dict(env, **job_env), str(tmp_path / "s3"), job_id) == expected
