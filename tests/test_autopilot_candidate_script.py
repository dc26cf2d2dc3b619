"""The Autopilot candidate's training script as real training jobs, and its inference pipeline as a real endpoint and
a real batch transform, in embedded mode (a script without a server; the jobs and the endpoint instance are real
processes): a generated table with numbers, categories, text, dates and gaps (binary), iris (multiclass), diabetes
(regression). The objective the job logs is the job's final metric and equals candidates.score on the same rows; a
bad hyperparameter fails the job with its reason; the two containers answer raw CSV rows and JSON instances with the
labels and probabilities of the fitted pipeline; a transform answers one line per row."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import tarfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_diabetes, load_iris

from jupyter_smstudio.autopilot import analysis, candidate_script, inference, tables
from jupyter_smstudio.autopilot.candidates import build_pipeline, definitions_for, fit_pipeline, score
from jupyter_smstudio.core.errors import BadRequest
from jupyter_smstudio.core.storage import join_url

pytestmark = [pytest.mark.timeout(180), pytest.mark.filterwarnings("ignore:.*stop when it ends")]

SCRIPT = Path(candidate_script.__file__)


def _generated(rows: int = 320) -> pd.DataFrame:
    """Binary: the label follows a number, a colour and a word of the note; gaps in every kind of column."""
    rng = np.random.default_rng(7)
    amount = rng.normal(size=rows)
    colour = rng.choice(["red", "green", "blue"], rows).astype(object)
    words = np.array(["quick reply and friendly staff", "slow answer, long wait", "fair price for the value"])
    note = [f"{words[i % 3]} on visit {i}" for i in range(rows)]
    when = (
        pd.date_range("2021-03-01", periods=rows, freq="17h").strftime("%Y-%m-%d %H:%M").to_numpy(dtype=object).copy()
    )
    signal = amount + (colour == "red") * 1.5 - (np.arange(rows) % 3 == 1) + rng.normal(scale=0.4, size=rows)
    label = np.where(signal > 0.3, "yes", "no")
    amount[rng.random(rows) < 0.1] = np.nan
    colour[rng.random(rows) < 0.1] = None
    when[rng.random(rows) < 0.1] = None
    frame = pd.DataFrame({"customer_id": np.arange(rows), "amount": amount, "colour": colour, "note": note})
    return frame.assign(when=when, churn=label)


def _bundled(loader, target: str) -> pd.DataFrame:
    data = loader(as_frame=True)
    return data.frame.rename(columns={data.frame.columns[-1]: target}).sample(frac=1.0, random_state=0)


class Candidate:
    """A candidate's table on disk (the AutoML job's layout: train/, validation/, analysis/) and its job."""

    def __init__(self, root: Path, frame: pd.DataFrame, target: str, algorithm: str, metric: str):
        self.root, self.target, self.metric = root, target, metric
        cut = int(len(frame) * 0.75)
        for channel, part in (("train", frame[:cut]), ("validation", frame[cut:])):
            (root / channel).mkdir(parents=True)
            part.to_csv(root / channel / f"{channel}.csv", index=False)
        frame.to_csv(root / "table.csv", index=False)
        self.analysis = analysis.analyze(root / "table.csv", target)
        (root / "analysis").mkdir()
        (root / "analysis" / "analysis.json").write_text(self.analysis.model_dump_json())
        self.candidate = next(d.name for d in definitions_for(self.analysis) if d.algorithm == algorithm)
        self.code = root / "code"
        self.code.mkdir()
        shutil.copy(SCRIPT, self.code / inference.PROGRAM)  # as the AutoML job copies it

    def estimator(self, session, **hyperparameters):
        from jupyter_smstudio.sdk.estimator import Estimator

        return Estimator(
            entry_point=inference.PROGRAM,
            source_dir=str(self.code),
            instance_type="local",
            hyperparameters={"candidate": self.candidate, "metric": self.metric, **hyperparameters},
            metric_definitions=candidate_script.metric_definitions(self.metric),
            sagemaker_session=session,
        )

    def channels(self) -> dict[str, str]:
        return {channel: str(self.root / channel) for channel in ("train", "validation", "analysis")}

    def expected_objective(self):
        """The same candidate fitted here on the same rows: its score and the fitted pipeline."""
        definition = next(d for d in definitions_for(self.analysis) if d.name == self.candidate)
        train = tables.read_table(self.root / "train" / "train.csv", self.analysis)
        valid = tables.read_table(self.root / "validation" / "validation.csv", self.analysis)
        features = tables.feature_columns(self.analysis)
        pipeline = fit_pipeline(build_pipeline(definition), train[features], train[self.target])
        expected = score(pipeline, valid[features], valid[self.target], self.metric, self.analysis.ProblemType)
        return expected, pipeline, valid, features

    def model(self, session, job: str, keys):
        """The candidate's inference pipeline as the room builds it: inference_containers -> PipelineModel."""
        from jupyter_smstudio.sdk.model import Model
        from jupyter_smstudio.sdk.pipeline import PipelineModel

        described = session.sagemaker_client.describe_training_job(TrainingJobName=job)
        code_url = join_url(described["OutputDataConfig"]["S3OutputPath"], job, "source", "sourcedir.tar.gz")
        containers = inference.inference_containers(
            described["ModelArtifacts"]["S3ModelArtifacts"], code_url, keys, self.analysis.ProblemType
        )
        models = [
            Model(image_uri=c["Image"], model_data=c["ModelDataUrl"], env=c["Environment"], sagemaker_session=session)
            for c in containers
        ]
        return PipelineModel(models=models, name=f"{job}-model", sagemaker_session=session)


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    from jupyter_smstudio.sdk import Session

    work = tmp_path_factory.mktemp("autopilot-candidate")
    previous = Path.cwd()
    os.chdir(work)
    session = Session(home=str(work / "home"))
    yield session, work
    session.backend.close()
    os.chdir(previous)


@pytest.fixture(scope="module")
def trained(session):
    """Three candidates and one with a bad hyperparameter, trained as concurrent training jobs."""
    sess, work = session
    candidates = {
        "binary": Candidate(work / "binary", _generated(), "churn", "hgb", "F1"),
        "iris": Candidate(work / "iris", _bundled(load_iris, "species"), "species", "linear", "F1macro"),
        "diabetes": Candidate(work / "diabetes", _bundled(load_diabetes, "progression"), "progression", "hgb", "MSE"),
    }
    estimators = {}
    for key, candidate in candidates.items():
        estimators[key] = candidate.estimator(sess)
        estimators[key].fit(candidate.channels(), wait=False, job_name=f"cand-{key}")
    bad = candidates["binary"].estimator(sess, learning_rate="fast")
    bad.fit(candidates["binary"].channels(), wait=False, job_name="cand-bad")
    for estimator in estimators.values():
        estimator.latest_training_job.wait(logs=False)
    return candidates, estimators, bad


def _final(estimator) -> dict[str, float]:
    described = estimator.latest_training_job.describe()
    assert described["TrainingJobStatus"] == "Completed", described.get("FailureReason")
    return {m["MetricName"]: m["Value"] for m in described["FinalMetricDataList"]}


def test_the_objective_is_the_final_metric_and_equals_the_score(trained):
    candidates, estimators, _ = trained
    for key, candidate in candidates.items():
        finals = _final(estimators[key])
        name = candidate_script.objective_metric_name(candidate.metric)
        expected, _, _, _ = candidate.expected_objective()
        assert finals[name] == pytest.approx(expected, rel=1e-9, abs=1e-12), key
        assert f"train:{candidate.metric.lower()}" in finals
        with tarfile.open(estimators[key].model_data[len("file://") :]) as tar:
            meta = json.load(tar.extractfile(candidate_script.META_FILE))
            assert candidate_script.MODEL_FILE in tar.getnames()
        assert meta["objective"] == {"MetricName": name, "Value": finals[name]}
        assert meta["columns"] == tables.feature_columns(candidate.analysis)
        assert candidate.target not in meta["columns"] and meta["candidate"] == candidate.candidate
    assert _meta_classes(estimators["iris"]) == ["0", "1", "2"]
    assert _meta_classes(estimators["binary"]) == ["no", "yes"]


def _meta_classes(estimator) -> list[str]:
    with tarfile.open(estimator.model_data[len("file://") :]) as tar:
        return json.load(tar.extractfile(candidate_script.META_FILE))["classes"]


def test_a_bad_hyperparameter_fails_the_job_with_its_reason(trained):
    from jupyter_smstudio.sdk._jobs import UnexpectedStatusException

    _, _, bad = trained
    with pytest.raises(UnexpectedStatusException):
        bad.latest_training_job.wait(logs=False)
    described = bad.latest_training_job.describe()
    assert described["TrainingJobStatus"] == "Failed"
    assert described["FailureReason"].startswith("ClientError: hyperparameter learning_rate = 'fast' is not a float")


def test_the_pipeline_serves_raw_rows_and_json(trained, session):
    from jupyter_smstudio.sdk._boto import ClientError

    sess, _ = session
    candidates, estimators, _ = trained
    binary = candidates["binary"]
    _, pipeline, valid, features = binary.expected_objective()
    keys = ["predicted_label", "probability", "probabilities", "labels"]
    model = binary.model(sess, estimators["binary"].latest_training_job.name, keys)
    model.deploy(initial_instance_count=1, instance_type="ml.m5.large", endpoint_name="churn")
    runtime = sess.sagemaker_runtime_client
    rows = pd.read_csv(binary.root / "validation" / "validation.csv", dtype=str, keep_default_na=False)
    raw = rows[features].to_csv(header=False, index=False)  # the raw columns, without the target
    answer = runtime.invoke_endpoint(EndpointName="churn", Body=raw.encode(), ContentType="text/csv")
    lines = answer["Body"].read().decode().splitlines()
    proba = pipeline.predict_proba(valid[features])
    assert len(lines) == len(valid)
    parsed = [next(iter(pd.read_csv(io.StringIO(line), header=None).itertuples(index=False))) for line in lines[:5]]
    for i, (label, probability, probabilities, labels) in enumerate(parsed):
        assert label == pipeline.predict(valid[features].iloc[[i]])[0]
        assert probability == pytest.approx(proba[i, 1])  # binary: the positive (second) class's
        assert json.loads(probabilities) == pytest.approx(list(proba[i]))
        assert json.loads(labels) == ["no", "yes"]
    # a row that still carries the target in place is read without it
    full = rows.iloc[:3].to_csv(header=False, index=False)
    again = runtime.invoke_endpoint(EndpointName="churn", Body=full.encode(), ContentType="text/csv")
    assert again["Body"].read().decode().splitlines() == lines[:3]
    # JSON instances by column name, a missing column a missing value; the answer in JSON
    instances = [{"amount": 2.5, "colour": "red", "note": "quick reply", "when": "2021-05-01 10:00"}, {"amount": -3}]
    body = json.dumps({"instances": instances}).encode()
    answered = runtime.invoke_endpoint(
        EndpointName="churn", Body=body, ContentType="application/json", Accept="application/json"
    )
    predictions = json.loads(answered["Body"].read())["predictions"]
    assert [p["predicted_label"] for p in predictions] == ["yes", "no"]
    assert set(predictions[0]) == set(keys) and predictions[0]["labels"] == ["no", "yes"]
    for bad, words in (
        (b"1,2\n", "row 1 has 2 values"),
        (json.dumps({"instances": [{"amout": 1}]}).encode(), "amout"),
    ):
        kind = "text/csv" if bad.startswith(b"1") else "application/json"
        with pytest.raises(ClientError) as err:
            runtime.invoke_endpoint(EndpointName="churn", Body=bad, ContentType=kind)
        assert words in str(err.value) and "container 1 of 2" in str(err.value)
    sess.sagemaker_client.delete_endpoint(EndpointName="churn")

    # batch transform of a CSV without a header over the same model: one answer per line
    (binary.root / "batch").mkdir()
    (binary.root / "batch" / "rows.csv").write_text(raw)
    transformer = model.transformer(
        1, "ml.m5.large", strategy="MultiRecord", assemble_with="Line", accept="text/csv",
        output_path=(binary.root / "scored").as_uri(),
    )  # fmt: skip
    transformer.transform(str(binary.root / "batch" / "rows.csv"), content_type="text/csv", split_type="Line")
    out = (binary.root / "scored" / "rows.csv.out").read_text().splitlines()
    assert out == lines


def test_multiclass_and_regression_answer_their_keys(tmp_path, monkeypatch, trained):
    """The jobs' own artifacts (model.tar.gz, sourcedir.tar.gz) in the real serving handlers, in this process."""
    candidates, estimators, _ = trained
    iris = candidates["iris"]
    _, pipeline, valid, features = iris.expected_objective()
    raw = valid[features].to_csv(header=False, index=False).encode()
    served = _pipeline_here(tmp_path / "iris", monkeypatch, estimators["iris"], ["predicted_label", "probability"])
    answer, _ = served.invoke(raw, "text/csv", "application/jsonlines")
    answers = [json.loads(line) for line in answer.decode().splitlines()]
    assert [a["predicted_label"] for a in answers] == [str(c) for c in pipeline.predict(valid[features])]
    winners = pipeline.predict_proba(valid[features]).max(axis=1)  # multiclass: the winning class's probability
    assert [a["probability"] for a in answers] == pytest.approx(list(winners))

    diabetes = candidates["diabetes"]
    _, pipeline, valid, features = diabetes.expected_objective()
    with pytest.raises(BadRequest) as err:
        inference.inference_containers("file:///m.tar.gz", "file:///s.tar.gz", ["probability"], "Regression")
    assert err.value.field == "inference_response_keys"
    served = _pipeline_here(tmp_path / "diabetes", monkeypatch, estimators["diabetes"], None)
    answer, media = served.invoke(valid[features].to_csv(header=False, index=False).encode(), "text/csv", "text/csv")
    out = [float(v) for v in answer.decode().splitlines()]
    assert media == "text/csv" and out == pytest.approx(list(pipeline.predict(valid[features])))


# -- in this process: the script's main() and the real serving handlers, without jobs or HTTP -------------------------


def _train_here(monkeypatch, capsys, candidate: Candidate, out: Path, *argv: str) -> dict[str, float]:
    """main() as a job runs it (argv pairs, no SM_HPS); the printed metrics."""
    monkeypatch.delenv("SM_HPS", raising=False)
    for channel, folder in candidate.channels().items():
        monkeypatch.setenv(f"SM_CHANNEL_{channel.upper()}", folder)
    monkeypatch.setenv("SM_MODEL_DIR", str(out / "model"))
    monkeypatch.setenv("SM_OUTPUT_DIR", str(out / "output"))
    code = candidate_script.main(["--candidate", candidate.candidate, "--metric", candidate.metric, *argv])
    printed = capsys.readouterr().out
    assert code == 0, (out / "output" / "failure").read_text()
    return {
        line.split("=")[0]: float(line.split("=")[1])
        for line in printed.splitlines()
        if line.startswith(("train:", "valid"))
    }


def test_sample_weights_are_fitted(tmp_path, monkeypatch, capsys):
    frame = _generated()
    weights = np.ones(len(frame))
    flipped = (np.arange(len(frame)) % 4 == 0) & (np.arange(len(frame)) < 240)  # noise in the training rows only
    frame.loc[flipped, "churn"] = np.where(frame.loc[flipped, "churn"] == "yes", "no", "yes")
    weights[flipped] = 0.0  # ... weighted out
    weights[5] = np.nan  # a row without a weight counts once
    candidate = Candidate(tmp_path / "weighted", frame.assign(w=weights), "churn", "linear", "Accuracy")
    candidate.analysis = analysis.analyze(tmp_path / "weighted" / "table.csv", "churn", sample_weight="w")
    (tmp_path / "weighted" / "analysis" / "analysis.json").write_text(candidate.analysis.model_dump_json())
    printed = _train_here(monkeypatch, capsys, candidate, tmp_path / "job")
    definition = next(d for d in definitions_for(candidate.analysis) if d.name == candidate.candidate)
    train = tables.read_table(candidate.root / "train" / "train.csv", candidate.analysis)
    valid = tables.read_table(candidate.root / "validation" / "validation.csv", candidate.analysis)
    features = tables.feature_columns(candidate.analysis)
    assert "w" not in features and train["w"].iloc[5] == 1.0
    weighted = build_pipeline(definition).fit(train[features], train["churn"], model__sample_weight=train["w"])
    unweighted = build_pipeline(definition).fit(train[features], train["churn"])
    expected = score(weighted, valid[features], valid["churn"], "Accuracy", "BinaryClassification")
    assert printed["validation:accuracy"] == pytest.approx(expected)
    assert expected > score(unweighted, valid[features], valid["churn"], "Accuracy", "BinaryClassification")
    # what is wrong is the job's failure reason, before any fitting
    for argv, reason in (
        (["--candidate", "dpp9-nope", "--metric", "F1"], "ClientError: the candidate 'dpp9-nope' is not one of"),
        (["--candidate", candidate.candidate, "--metric", "MSE"], "ClientError: Metric 'MSE' does not fit"),
        (
            ["--candidate", candidate.candidate, "--metric", "F1", "--depth", "3"],
            "ClientError: linear has no hyperparameter",
        ),
        (["--metric", "F1"], "ClientError: the hyperparameter 'candidate' is missing"),
    ):
        assert candidate_script.main(argv) == 1
        assert (tmp_path / "job" / "output" / "failure").read_text().startswith(reason), argv


def test_the_containers_hand_a_sparse_matrix_on_and_refuse_what_is_not_theirs(tmp_path, monkeypatch, capsys, trained):
    from jupyter_smstudio.endpoints.serving.handler import ClientError, InferenceHandler

    binary = trained[0]["binary"]
    linear = next(d.name for d in definitions_for(binary.analysis) if d.algorithm == "linear")
    here = Candidate(tmp_path / "linear", pd.read_csv(binary.root / "table.csv"), "churn", "linear", "F1")
    assert here.candidate == linear
    _train_here(monkeypatch, capsys, here, tmp_path / "job", "--C", "0.5")
    meta = json.loads((tmp_path / "job" / "model" / candidate_script.META_FILE).read_text())
    assert meta["hyperparameters"] == {"C": "0.5"} and meta["sample_weight"] is None
    pipeline = _serve_here(
        tmp_path,
        monkeypatch,
        tmp_path / "job" / "model",
        here.code,
        ["predicted_label", "labels"],
        "BinaryClassification",
    )
    rows = pd.read_csv(binary.root / "validation" / "validation.csv", dtype=str, keep_default_na=False)
    raw = rows[tables.feature_columns(binary.analysis)].to_csv(header=False, index=False).encode()
    matrix, media = pipeline.steps[0].invoke(raw, "text/csv", inference.MATRIX)
    assert media == inference.SPARSE_MATRIX  # TF-IDF and one-hot: sparse between the containers
    answer, media = pipeline.invoke(raw, "text/csv", "application/jsonlines")
    lines = [json.loads(line) for line in answer.decode().splitlines()]
    assert media == "application/jsonlines" and len(lines) == len(rows)
    assert lines[0]["labels"] == ["no", "yes"] and set(lines[0]) == {"predicted_label", "labels"}
    with pytest.raises(ClientError, match="takes raw rows"):
        pipeline.steps[0].invoke(matrix, inference.SPARSE_MATRIX, inference.MATRIX)
    with pytest.raises(ClientError, match="takes the preprocessing's matrix"):
        pipeline.steps[1].invoke(raw, "text/csv", "text/csv")
    with pytest.raises(ClientError) as err:
        pipeline.invoke(raw, "text/plain", "text/csv")
    assert err.value.status == 415
    with pytest.raises(ClientError) as err:
        pipeline.invoke(raw, "text/csv", "application/x-npy")
    assert err.value.status == 406
    # one container doing both (no step set): the same answers
    monkeypatch.delenv("SMSTUDIO_PIPELINE")
    monkeypatch.delenv(inference.STEP_VARIABLE)
    single = InferenceHandler(str(tmp_path / "job" / "model"), str(here.code), inference.PROGRAM)
    assert single.invoke(raw, "text/csv", "application/jsonlines")[0] == answer


def test_tables_read_files_and_requests_alike(tmp_path):
    """A category of codes with gaps reads as 1.0 in a file and 1 in a request under pandas; here both are "1"."""
    (tmp_path / "t.csv").write_text("code,amount,flag,y\n1,2.5,true,a\n,3,False,b\n2,,TRUE,a\n" + "3,1,false,b\n" * 30)
    found = analysis.analyze(tmp_path / "t.csv", "y")
    found.column("code").kind = "categorical"
    frame = tables.read_table(tmp_path / "t.csv", found)
    assert frame["code"].isna()[1] and frame["amount"].isna()[2]
    assert list(frame["code"][[0, 2]]) == ["1", "2"] and list(frame["flag"][:3]) == [1.0, 0.0, 1.0]
    request = tables.typed(
        tables.rows_from_csv("1.0,2.5,true\n", ["code", "amount", "flag"]), tables.feature_kinds(found)
    )
    assert request["code"][0] == "1" and request["amount"][0] == 2.5 and request["flag"][0] == 1.0
    shaped = tables.rows_from_json({"instances": [{"features": [1, None, True]}]}, ["code", "amount", "flag"])
    assert shaped["code"][0] == "1" and shaped["amount"].isna()[0] and shaped["flag"][0] == "True"
    mixed = tables.class_labels(pd.Series(["1", "1.0", "1e0", "TRUE", "x", None]))
    assert list(mixed[:5]) == ["1", "1", "1", "true", "x"] and mixed.isna()[5]
    # numbers stay numbers, as pandas reads them: 2 sorts before 10, and a column with gaps still holds integers
    (tmp_path / "n.csv").write_text("x,y\n" + "".join(f"{i},{[2, 10][i % 2]}\n" for i in range(30)) + "7,\n")
    numeric = tables.read_table(tmp_path / "n.csv", analysis.analyze(tmp_path / "n.csv", "y"))
    assert numeric["y"].dtype == "int64" and len(numeric) == 30 and sorted(set(numeric["y"])) == [2, 10]
    with pytest.raises(ValueError, match="row 2 has 4 values"):
        tables.rows_from_csv("1,2,3\n1,2,3,4\n", ["code", "amount", "flag"])
    with pytest.raises(ValueError, match="holds no rows"):
        tables.rows_from_json({"instances": []}, ["code"])
    kept = tables.rows_from_json([{"code": 3, "y": "a"}], ["code", "amount"], ignored=["y"])  # the target set aside
    assert list(kept.columns) == ["code", "amount"] and kept["code"][0] == "3" and kept["amount"].isna()[0]
    with pytest.raises(ValueError, match="does not know: colour"):
        tables.rows_from_json([{"code": 3, "colour": "red"}], ["code"], ignored=["y"])


def test_response_keys_and_containers():
    assert inference.check_response_keys(None, "Regression") == ["predicted_label"]
    keys = inference.check_response_keys(["labels", "probability", "labels"], "MulticlassClassification")
    assert keys == ["labels", "probability"]
    for bad, problem in (
        (["probability"], "Regression"),
        (["score"], "BinaryClassification"),
        ("labels", "Regression"),
    ):
        with pytest.raises(BadRequest) as err:
            inference.check_response_keys(bad, problem)
        assert err.value.field == "inference_response_keys"
    pre, post = inference.inference_containers("file:///m.tar.gz", "file:///s.tar.gz", None, "BinaryClassification")
    assert (pre["Image"], post["Image"]) == (inference.PREPROCESS_IMAGE, inference.PREDICT_IMAGE)
    assert pre["Environment"][inference.STEP_VARIABLE] == "preprocess"
    assert post["Environment"][inference.OUTPUT_VARIABLE] == "predicted_label"
    assert post["Environment"]["SAGEMAKER_SUBMIT_DIRECTORY"] == "file:///s.tar.gz"
    assert candidate_script.metric_definitions("F1macro")[0]["Name"] == "validation:f1macro"
    regex = re.compile(candidate_script.metric_definitions("R2")[0]["Regex"])
    for printed, value in (("1e-05", 1e-05), ("-inf", float("-inf")), ("-0.25", -0.25), ("0.8", 0.8)):
        assert float(regex.search(f"validation:r2={printed}").group(1)) == value


def _pipeline_here(folder: Path, monkeypatch, estimator, keys):
    """A trained candidate's inference pipeline in this process, from its job's model.tar.gz and sourcedir.tar.gz."""
    described = estimator.latest_training_job.describe()
    for name, url in (
        ("model", described["ModelArtifacts"]["S3ModelArtifacts"]),
        ("code", join_url(described["OutputDataConfig"]["S3OutputPath"], described["TrainingJobName"], "source")),
    ):
        archive = url[len("file://") :] if name == "model" else url[len("file://") :] + "/sourcedir.tar.gz"
        with tarfile.open(archive) as tar:
            tar.extractall(folder / name, filter="data")
    meta = json.loads((folder / "model" / candidate_script.META_FILE).read_text())
    return _serve_here(folder, monkeypatch, folder / "model", folder / "code", keys, meta["problem_type"])


def _serve_here(folder: Path, monkeypatch, model_dir: Path, code_dir: Path, keys, problem_type: str):
    """The two containers as an instance runs them (endpoints/artifacts.py): one process, their Environments merged
    (the last one's step wins), each container's model loaded under its own Environment, from its own copy."""
    from jupyter_smstudio.endpoints.serving.pipeline import PipelineHandler

    containers = inference.inference_containers("file:///m", "file:///c", keys, problem_type)
    steps = []
    for i, container in enumerate(containers):
        shutil.copytree(model_dir, folder / "containers" / str(i))
        steps.append(
            {
                "model_dir": str(folder / "containers" / str(i)),
                "code_dir": str(code_dir),
                "program": inference.PROGRAM,
                "accept": container["Environment"].get(inference.ACCEPT_VARIABLE, ""),
                "environment": dict(container["Environment"]),
            }
        )
        for name, value in container["Environment"].items():
            monkeypatch.setenv(name, value)
    monkeypatch.setenv("SMSTUDIO_PIPELINE", json.dumps(steps))
    return PipelineHandler(steps)
