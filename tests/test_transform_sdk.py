"""Batch transform through the SDK, embedded (a script without a server) and against a real Jupyter server:
`Transformer.transform` over a local file (uploaded first) with filters and a join, the progress bar and the
log in `wait`, `describe`, `attach`, the sagemaker_client calls and waiter in boto3's shapes, the job in the
Jobs room, a failing job raising with its reason, and `estimator.transformer` on a trained estimator."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import pytest

from jupyter_smstudio.sdk._boto import ClientError
from jupyter_smstudio.sdk._jobs import UnexpectedStatusException
from jupyter_smstudio.sdk.estimator import Estimator
from jupyter_smstudio.sdk.session import Session
from jupyter_smstudio.sdk.transformer import Transformer
from tests.conftest import write_script
from tests.live_server import jupyter_server

pytestmark = pytest.mark.timeout(150)

# one script: trains (writes the scale) when run as a job, serves (model_fn / predict_fn) when imported
SCRIPT = """
import json, os
import numpy as np

def model_fn(model_dir):
    with open(os.path.join(model_dir, "weights.json")) as fh:
        return json.load(fh)

def predict_fn(data, model):
    return np.atleast_2d(np.asarray(data, dtype=float)).sum(axis=1) * model["scale"]

if __name__ == "__main__":
    with open(os.path.join(os.environ["SM_MODEL_DIR"], "weights.json"), "w") as fh:
        json.dump({"scale": 3}, fh)
"""


def _model(work: Path, session: Session) -> str:
    """A model of the Endpoints room (weights.json in model.tar.gz, the script as its entry point)."""
    from jupyter_smstudio.sdk.model import Model

    write_script(work / "code", "serve.py", SCRIPT)
    (work / "weights.json").write_text(json.dumps({"scale": 2}))
    with tarfile.open(work / "model.tar.gz", "w:gz") as tar:
        tar.add(work / "weights.json", arcname="weights.json")
    model = Model(
        model_data=(work / "model.tar.gz").as_uri(),
        entry_point="serve.py",
        source_dir=str(work / "code"),
        name="scaler",
        sagemaker_session=session,
    )
    model.create()
    return "scaler"


def _flow(session: Session, work: Path, capsys) -> str:
    model = _model(work, session)
    (work / "data.csv").write_text("".join(f"{i},{i % 5}\n" for i in range(1, 2001)))
    transformer = Transformer(
        model,
        instance_count=2,
        instance_type="ml.m5.large",
        strategy="MultiRecord",
        assemble_with="Line",
        accept="text/csv",
        sagemaker_session=session,
    )
    transformer.transform(
        str(work / "data.csv"),  # a local file: uploaded under the default bucket first
        content_type="text/csv",
        split_type="Line",
        input_filter="$[1:]",
        join_source="Input",
        job_name="scored",
        wait=True,
        logs=True,
    )
    printed = capsys.readouterr()
    assert "2000/2000" in printed.err, printed.err  # the progress bar, records done of all
    assert "record(s) answered" in printed.err + printed.out  # the job's log, under the bar
    desc = transformer.describe()
    assert desc["TransformJobStatus"] == "Completed" and desc["Progress"]["RecordsDone"] == 2000
    output = desc["TransformOutput"]["S3OutputPath"]
    assert output == session.default_bucket().rstrip("/") + "/scored"
    text = session.backend.read_bytes(f"{output}/data.csv.out").decode()
    assert text.splitlines() == [f"{i},{i % 5},{i % 5 * 2.0}" for i in range(1, 2001)]

    client = session.sagemaker_client
    client.get_waiter("transform_job_completed_or_stopped").wait(TransformJobName="scored")
    described = client.describe_transform_job(TransformJobName="scored")
    assert "Owner" not in described and described["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert described["TransformEndTime"] >= described["TransformStartTime"]
    listed = client.list_transform_jobs(NameContains="scor")["TransformJobSummaries"]
    assert [(j["TransformJobName"], j["TransformJobStatus"]) for j in listed] == [("scored", "Completed")]
    attached = Transformer.attach("scored", sagemaker_session=session)
    assert (attached.model_name, attached.instance_count, attached.strategy) == (model, 2, "MultiRecord")
    assert attached.describe()["TransformJobName"] == "scored"
    # a job of the foundation: in the Jobs room, with its log
    assert [j["job_kind"] for j in session.list_jobs(name_contains="scored")] == ["transform"]
    assert "answered" in session.backend.job_logs("scored", 0)["text"]

    with pytest.raises(ClientError) as err:
        client.create_transform_job(
            TransformJobName="bad",
            ModelName=model,
            TransformInput={"DataSource": {"S3DataSource": {"S3Uri": output}}, "SplitType": "TFRecord"},
            TransformOutput={"S3OutputPath": output},
            TransformResources={"InstanceType": "ml.m5.large", "InstanceCount": 1},
        )
    assert err.value.response["Error"]["Code"] == "ValidationException" and "SplitType" in str(err.value)
    return model


def test_transform_embedded(tmp_path, monkeypatch, capsys):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    session = Session(home=str(tmp_path / "home"))
    try:
        model = _flow(session, work, capsys)
        # a malformed line: wait() raises with the reason, which names the file and the line
        (work / "bad.csv").write_text("1,2\n3,x\n")
        transformer = Transformer(
            model, 1, "ml.m5.large", output_path=(work / "bad-out").as_uri(), sagemaker_session=session
        )
        with pytest.raises(UnexpectedStatusException) as failed:
            transformer.transform((work / "bad.csv").as_uri(), content_type="text/csv", split_type="Line", logs=False)
        assert "bad.csv, line 2" in str(failed.value)

        # estimator.transformer: the trained model with the estimator's entry point
        write_script(work / "train", "serve.py", SCRIPT)
        estimator = Estimator(
            entry_point="serve.py", source_dir=str(work / "train"), instance_type="local", sagemaker_session=session
        )
        estimator.fit(job_name="trained", logs=False)
        tripler = estimator.transformer(1, "ml.m5.large", assemble_with="Line", output_path=(work / "t").as_uri())
        tripler.transform((work / "data.csv").as_uri(), content_type="text/csv", split_type="Line", logs=False)
        assert tripler.model_name == "trained"
        assert (work / "t" / "data.csv.out").read_text().splitlines()[:3] == ["6.0", "12.0", "18.0"]
    finally:
        session.backend.close()


def test_transform_against_a_server(tmp_path, capsys):
    with jupyter_server(tmp_path / "srv") as srv:
        session = Session(server_url=srv["url"], token=srv["token"])
        assert session.mode == "server"
        _flow(session, srv["root"] / "work", capsys)
