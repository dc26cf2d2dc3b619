"""Batch transform (the transform room) in-process: real transform jobs of the foundation, whose instances are
real processes running an entry point's model_fn / predict_fn over CSV and JSON Lines files. Every line of a
100,000-line CSV answered once and in order over 2 instances, JoinSource and JSONPath filters, a malformed
line failing the job with its file and line, stop, another user's model, and bad requests answered 400."""

from __future__ import annotations

import json
import tarfile
import time
from pathlib import Path

import pytest

from jupyter_smstudio.core.errors import BadRequest, NotFound
from jupyter_smstudio.endpoints.models import CreateModelRequest
from jupyter_smstudio.jobs.models import ScriptJobRequest
from jupyter_smstudio.studio import ENDPOINTS, JOBS, TRANSFORM, StudioSettings, build_services
from jupyter_smstudio.transform.operations import OPERATIONS
from tests.conftest import write_script

pytestmark = pytest.mark.timeout(120)

# sums a record's columns (a CSV row or a JSON list) times the model's scale; says when it loads
INFERENCE = """
import json, os, time
import numpy as np

def model_fn(model_dir):
    print("model loaded in", os.getpid(), flush=True)
    with open(os.path.join(model_dir, "weights.json")) as fh:
        return json.load(fh)

def predict_fn(data, model):
    time.sleep(model.get("delay", 0))
    return np.atleast_2d(np.asarray(data, dtype=float)).sum(axis=1) * model["scale"]
"""


def make_model(root: Path, name: str, **weights: float) -> dict:
    """model.tar.gz (weights.json) and the inference code in `root`: a CreateModel request for them."""
    folder = root / name
    write_script(folder / "code", "inference.py", INFERENCE)
    (folder / "weights.json").write_text(json.dumps({"scale": 2, **weights}))
    with tarfile.open(folder / "model.tar.gz", "w:gz") as tar:
        tar.add(folder / "weights.json", arcname="weights.json")
    return {
        "ModelName": name,
        "PrimaryContainer": {
            "ModelDataUrl": (folder / "model.tar.gz").as_uri(),
            "Environment": {"SAGEMAKER_PROGRAM": "inference.py", "SAGEMAKER_SUBMIT_DIRECTORY": str(folder / "code")},
        },
    }


def request(name: str, model: str, data: str, output: str, **fields) -> dict:
    transform_input = {"DataSource": {"S3DataSource": {"S3Uri": data}}, "ContentType": "text/csv", "SplitType": "Line"}
    transform_input.update(fields.pop("TransformInput", {}))
    return {
        "TransformJobName": name,
        "ModelName": model,
        "TransformInput": transform_input,
        "TransformOutput": {"S3OutputPath": output, "AssembleWith": "Line", **fields.pop("TransformOutput", {})},
        "TransformResources": {"InstanceType": "ml.m5.large", **fields.pop("TransformResources", {})},
        **fields,
    }


@pytest.fixture
def studio(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    services = build_services(StudioSettings(smstudio_home=str(tmp_path / "home"), root_dir=str(root)))
    services.start()
    alice = services.viewer("alice")
    services.get(ENDPOINTS).create_model(alice, CreateModelRequest.model_validate(make_model(root, "doubler")))
    try:
        yield services, root
    finally:
        services.close()


def create(services, user: str, body: dict):
    """As the REST route and the SDK's embedded mode call it: the body validated by the operation."""
    op = next(o for o in OPERATIONS if o.name == "create_transform_job")
    return services.get(TRANSFORM).start_transform_job(services.viewer(user), op.validate(body))


def finish(services, user: str, name: str, timeout: float = 90) -> dict:
    services.get(JOBS).wait(services.viewer(user), name, timeout=timeout)
    return services.get(TRANSFORM).describe_transform_job(services.viewer(user), name).model_dump()


def test_every_line_of_a_100k_csv_once_in_order_over_two_instances_joined_and_filtered(studio):
    services, root = studio
    lines = 100_000
    (root / "data").mkdir()
    (root / "data" / "big.csv").write_text("".join(f"{i},{i % 7},1\n" for i in range(1, lines + 1)))
    started = time.monotonic()
    body = request(
        "big",
        "doubler",
        "data/big.csv",
        "out",
        BatchStrategy="MultiRecord",
        MaxPayloadInMB=1,
        TransformResources={"InstanceCount": 2},
        DataProcessing={"InputFilter": "$[1:]", "JoinSource": "Input", "OutputFilter": "$[0,-1]"},
    )
    desc = create(services, "alice", body)
    assert desc.TransformJobStatus == "InProgress" and desc.ModelName == "doubler"
    desc = finish(services, "alice", "big")
    took = time.monotonic() - started
    log = services.get(JOBS).logs(services.viewer("alice"), "big").text
    assert desc["TransformJobStatus"] == "Completed", (desc, log)
    assert desc["Progress"] == {"RecordsDone": lines, "RecordsTotal": lines}
    assert desc["TransformStartTime"] <= desc["TransformEndTime"]
    # the ID column (dropped by InputFilter, joined back) and the answer, for every line in order
    out = (root / "out" / "big.csv.out").read_text().splitlines()
    assert out == [f"{i},{((i % 7) + 1) * 2.0}" for i in range(1, lines + 1)]
    # two instances, each of which loaded the model once
    assert len({line for line in log.splitlines() if line.startswith("model loaded in")}) == 2, log
    assert took < 60, f"100,000 lines took {took:.1f} s"
    assert not list((root.parent / "home").rglob("*.part"))  # the job's own copies are gone with it
    # without data processing: blocks of whole lines as the file holds them, still every line once, in order
    two = {"InstanceCount": 2}
    plain = request("plain", "doubler", "data/big.csv", "plain", MaxPayloadInMB=1, TransformResources=two)
    create(services, "alice", plain)
    assert finish(services, "alice", "plain")["Progress"] == {"RecordsDone": lines, "RecordsTotal": lines}
    out = (root / "plain" / "big.csv.out").read_text().splitlines()
    assert out == [f"{(i + (i % 7) + 1) * 2.0}" for i in range(1, lines + 1)]
    # jobs of the foundation: listed in the Jobs room with their kind
    jobs = services.get(JOBS).list(services.viewer("alice"), kind="transform").jobs
    assert sorted((j.job_name, j.status) for j in jobs) == [("big", "Completed"), ("plain", "Completed")]


def test_json_lines_joined_under_sagemaker_output_and_files_of_a_folder(studio):
    services, root = studio
    data = root / "records"
    data.mkdir()
    (data / "a.jsonl").write_text("".join(json.dumps({"id": k, "features": [k, 1]}) + "\n" for k in range(5)))
    (data / "b.jsonl").write_text(json.dumps({"id": "last", "features": [3, 4]}) + "\n")
    body = request(
        "joined",
        "doubler",
        "records/",
        "joined-out",
        TransformInput={"ContentType": "application/json"},
        TransformResources={"InstanceCount": 2},
        DataProcessing={
            "InputFilter": "$.features",
            "JoinSource": "Input",
            "OutputFilter": "$['id','SageMakerOutput']",
        },
    )
    create(services, "alice", body)
    desc = finish(services, "alice", "joined")
    assert desc["TransformJobStatus"] == "Completed", desc
    assert desc["BatchStrategy"] == "SingleRecord"  # JSON documents go one per request
    rows = [json.loads(line) for line in (root / "joined-out" / "a.jsonl.out").read_text().splitlines()]
    assert rows == [{"id": k, "SageMakerOutput": [(k + 1) * 2.0]} for k in range(5)]
    assert json.loads((root / "joined-out" / "b.jsonl.out").read_text()) == {"id": "last", "SageMakerOutput": [14.0]}

    # no data processing: the answers as the model writes them, one request per record
    (root / "plain.csv").write_text("1,2\n\n3,4\n")
    create(services, "alice", request("plain", "doubler", "plain.csv", "plain-out", BatchStrategy="SingleRecord"))
    assert finish(services, "alice", "plain")["TransformJobStatus"] == "Completed"
    assert (root / "plain-out" / "plain.csv.out").read_text() == "6.0\n14.0\n"  # a blank line is no record

    # a ManifestFile names the files: its prefix, then names under it (the output keeps the names)
    (root / "more").mkdir()
    (root / "more" / "one.csv").write_text("5,5\n")
    (root / "listed.json").write_text(json.dumps([{"prefix": str(root)}, "plain.csv", "more/one.csv"]))
    listed = request("listed", "doubler", "listed.json", "listed-out", TransformInput={"ContentType": "text/csv"})
    listed["TransformInput"]["DataSource"]["S3DataSource"]["S3DataType"] = "ManifestFile"
    create(services, "alice", listed)
    assert finish(services, "alice", "listed")["TransformJobStatus"] == "Completed"
    assert (root / "listed-out" / "plain.csv.out").read_text() == "6.0\n14.0\n"
    assert (root / "listed-out" / "more" / "one.csv.out").read_text() == "20.0\n"


def test_a_pipeline_model_runs_its_containers_in_sequence(studio):
    services, root = studio
    times_ten = "def model_fn(model_dir):\n    return 10\n\ndef predict_fn(data, model):\n    return data * model\n"
    write_script(root / "ten", "ten.py", times_ten)
    doubler = make_model(root, "second")["PrimaryContainer"]
    first = {"Environment": {"SAGEMAKER_PROGRAM": "ten.py", "SAGEMAKER_SUBMIT_DIRECTORY": str(root / "ten")}}
    pipeline = {"ModelName": "pipe", "Containers": [first, doubler]}
    services.get(ENDPOINTS).create_model(services.viewer("alice"), CreateModelRequest.model_validate(pipeline))
    (root / "rows.csv").write_text("1,2\n3,4\n")
    create(services, "alice", request("piped", "pipe", "rows.csv", "piped", BatchStrategy="SingleRecord"))
    assert finish(services, "alice", "piped")["TransformJobStatus"] == "Completed"
    assert (root / "piped" / "rows.csv.out").read_text() == "60.0\n140.0\n"  # (1 + 2) * 10 * 2, (3 + 4) * 10 * 2


def test_a_malformed_line_fails_the_job_naming_file_and_line(studio):
    services, root = studio
    rows = [f"{i},1,1" for i in range(1, 1001)]
    rows[636] = "637,one,1"
    (root / "broken.csv").write_text("\n".join(rows) + "\n")
    body = request("broken", "doubler", "broken.csv", "broken-out", TransformResources={"InstanceCount": 2})
    create(services, "alice", body)
    desc = finish(services, "alice", "broken")
    assert desc["TransformJobStatus"] == "Failed"
    assert "broken.csv, line 637" in desc["FailureReason"], desc["FailureReason"]
    log = services.get(JOBS).logs(services.viewer("alice"), "broken").text
    assert "broken.csv, line 637" in log  # the log is kept, with the reason
    assert not (root / "broken-out" / "broken.csv.out").exists()  # nothing half-written

    # a model_fn that raises fails the job with its message; the traceback stays in the log
    write_script(root / "doubler" / "code", "broken.py", "def model_fn(model_dir):\n    raise OSError('no weights')\n")
    model = make_model(root, "doubler")
    model.update(ModelName="unloadable")
    model["PrimaryContainer"]["Environment"]["SAGEMAKER_PROGRAM"] = "broken.py"
    services.get(ENDPOINTS).create_model(services.viewer("alice"), CreateModelRequest.model_validate(model))
    create(services, "alice", request("unloadable", "unloadable", "broken.csv", "broken-out"))
    desc = finish(services, "alice", "unloadable")
    assert desc["TransformJobStatus"] == "Failed" and "OSError: no weights" in desc["FailureReason"], desc
    assert "Traceback" in services.get(JOBS).logs(services.viewer("alice"), "unloadable").text


def test_stop_a_running_transform(studio):
    services, root = studio
    alice = services.viewer("alice")
    services.get(ENDPOINTS).create_model(alice, CreateModelRequest.model_validate(make_model(root, "slow", delay=0.2)))
    (root / "many.csv").write_text("".join(f"{i},1\n" for i in range(500)))
    create(services, "alice", request("slow", "slow", "many.csv", "slow-out", BatchStrategy="SingleRecord"))
    transform = services.get(TRANSFORM)
    deadline = time.monotonic() + 60
    while transform.describe_transform_job(alice, "slow").Progress.RecordsDone == 0:
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert transform.stop_transform_job(alice, "slow").TransformJobStatus in ("Stopping", "Stopped")
    desc = finish(services, "alice", "slow")
    assert desc["TransformJobStatus"] == "Stopped", desc
    assert not (root / "slow-out" / "many.csv.out").exists()


def test_refusals_name_the_field(studio, tmp_path):
    services, root = studio
    (root / "in.csv").write_text("1,2\n")

    def refused(user: str, body: dict) -> str:
        with pytest.raises(BadRequest) as err:
            create(services, user, body)
        return str(err.value.field)

    good = request("x", "doubler", "in.csv", "out")
    assert refused("bob", good) == "ModelName"  # alice's model does not exist for bob
    assert refused("alice", {**good, "ModelName": "nobody"}) == "ModelName"
    bad_split = request("x", "doubler", "in.csv", "out", TransformInput={"SplitType": "RecordIO"})
    assert refused("alice", bad_split) == "TransformInput.SplitType"
    outside = tmp_path / "elsewhere"
    assert refused("alice", request("x", "doubler", "in.csv", outside.as_uri())) == "TransformOutput.S3OutputPath"
    assert not outside.exists()
    assert refused("alice", request("x", "doubler", "nothing.csv", "out")) == (
        "TransformInput.DataSource.S3DataSource.S3Uri"
    )
    (root / "escape.json").write_text(json.dumps([{"prefix": str(tmp_path)}, "secret.csv"]))
    escape = request("x", "doubler", "escape.json", "out")
    escape["TransformInput"]["DataSource"]["S3DataSource"]["S3DataType"] = "ManifestFile"
    assert refused("alice", escape) == "TransformInput.DataSource.S3DataSource.S3Uri"  # lists a file outside
    bad_filter = {**good, "DataProcessing": {"InputFilter": "$..deep"}}
    assert refused("alice", bad_filter) == "DataProcessing.InputFilter"
    too_much = {**good, "MaxConcurrentTransforms": 11, "MaxPayloadInMB": 10}
    assert refused("alice", too_much) == "MaxPayloadInMB"
    npy = request("x", "doubler", "in.csv", "out", TransformInput={"ContentType": "application/x-npy"})
    assert refused("alice", {**npy, "DataProcessing": {"JoinSource": "Input"}}) == "TransformInput.ContentType"
    assert refused("alice", {**good, "TransformResources": {"InstanceType": "huge"}}) == (
        "TransformResources.InstanceType"
    )

    transform = services.get(TRANSFORM)
    with pytest.raises(NotFound):
        transform.describe_transform_job(services.viewer("alice"), "never")
    write_script(root, "hello.py", "print('hello')\n")
    services.get(JOBS).submit_script(services.viewer("alice"), ScriptJobRequest(job_name="script", script="hello.py"))
    with pytest.raises(NotFound) as err:  # a job of another kind is no transform job
        transform.describe_transform_job(services.viewer("alice"), "script")
    assert err.value.field == "TransformJobName"
    assert transform.list_transform_jobs(services.viewer("alice")).Total == 0


def test_a_model_whose_artifact_is_named_relative_to_the_volume(studio):
    """A model created with `ModelDataUrl` relative to its owner's volume (as the room's Deploy... makes it)
    transforms: the job is given the artifact's absolute URL."""
    services, root = studio
    body = make_model(root, "relative")
    body["ModelName"] = "relative-model"
    body["PrimaryContainer"]["ModelDataUrl"] = "relative/model.tar.gz"
    services.get(ENDPOINTS).create_model(services.viewer("alice"), CreateModelRequest.model_validate(body))
    (root / "small.csv").write_text("1,2\n3,4\n")
    create(services, "alice", request("rel", "relative-model", "small.csv", "rel-out"))
    desc = finish(services, "alice", "rel")
    assert desc["TransformJobStatus"] == "Completed", desc.get("FailureReason")
    assert (root / "rel-out" / "small.csv.out").read_text().split() == ["6.0", "14.0"]
