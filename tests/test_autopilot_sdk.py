"""AutoML through the SDK in embedded mode (a script without a server), as SageMaker Python SDK v2 users write it:
`AutoML(...).fit(...)` on scikit-learn's bundled tables (binary, multiclass, regression) and on a generated table with
missing values, categoricals, text and dates; the live progress; describe's fields; the leaderboard sorted; every
candidate a training job and a trial component of the experiment named after the job; the best candidate deployed and
invoked with raw CSV rows and run by batch transform; stop mid-run; generate_candidate_definitions_only; attach; the
low-level `sagemaker_client` calls in boto3's shapes; bad input refused at create with a reason that names the problem
(what only the whole table shows, the job's FailureReason, is in test_autopilot_api.py).

The jobs start together in one fixture (tiny budgets: 3 candidates; the generated table's job is stopped after its
first candidate and its model deployed) and the tests read them as they finish, so the file stays within its bound on
2 cores."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from jupyter_smstudio.sdk import AutoML, AutoMLInput, Session
from jupyter_smstudio.sdk._boto import ClientError, ParamValidationError
from jupyter_smstudio.sdk.deserializers import CSVDeserializer
from jupyter_smstudio.sdk.pipeline import PipelineModel
from jupyter_smstudio.sdk.serializers import CSVSerializer

pytestmark = pytest.mark.timeout(240)  # the file takes 60-90 s on 2 cores; generous for a busy machine
ROLE = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole"
BUDGET = {"max_candidates": 3, "total_job_runtime_in_seconds": 120}


def mixed_table(rows: int = 240, seed: int = 0) -> pd.DataFrame:
    """A table as users have them: numbers with gaps, categories, free text, dates, and a binary target."""
    rng = np.random.default_rng(seed)
    size = rng.normal(50, 15, rows)
    size[rng.random(rows) < 0.1] = np.nan
    colour = rng.choice(["red", "green", "blue"], rows).astype(object)
    colour[rng.random(rows) < 0.05] = None
    words = np.array(["great", "fine", "broken", "late", "fast", "cheap", "awful", "lovely"])
    text = [" ".join(rng.choice(words, 4)) for _ in range(rows)]
    dates = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 365, rows), unit="D")
    score = np.nan_to_num(size, nan=50) / 10 + (colour == "red") * 2 + np.array(["great" in t for t in text]) * 2
    target = np.where(score + rng.normal(0, 1, rows) > 7.5, "yes", "no")
    return pd.DataFrame(
        {
            "size": size.round(2),
            "colour": colour,
            "review": text,
            "bought_on": dates.strftime("%Y-%m-%d"),
            "weight": rng.uniform(0.5, 2, rows).round(3),
            "bought": target,
        }
    )


def _sklearn(loader: Any, path: Path, target: str = "target") -> Path:
    frame = loader(as_frame=True).frame.rename(columns={"target": target})
    frame.to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """One SmStudio home; every job of the file started at once, none waited for."""
    from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris, load_wine

    tmp = tmp_path_factory.mktemp("automl")
    work = tmp / "work"
    (work / "folder").mkdir(parents=True)
    session = Session(home=str(tmp / "home"))
    bc = _sklearn(load_breast_cancer, work / "breast_cancer.csv")
    wine = _sklearn(load_wine, work / "wine.csv", target="cultivar")
    diabetes = _sklearn(load_diabetes, work / "folder" / "diabetes.csv", target="progression")
    iris = _sklearn(load_iris, work / "iris.csv", target="species")
    mixed = work / "mixed.csv"
    mixed_table().to_csv(mixed, index=False)
    automl: dict[str, AutoML] = {}

    def start(name: str, inputs: Any, **settings: Any) -> None:
        automl[name] = AutoML(role=ROLE, sagemaker_session=session, **settings)
        automl[name].fit(inputs, wait=False, job_name=name)

    # a local path (uploaded first), an AutoMLInput of a URL, a folder's URL
    start("bc", str(bc), target_attribute_name="target", problem_type="BinaryClassification",
          job_objective={"MetricName": "F1"}, **BUDGET)  # fmt: skip
    start("wine", AutoMLInput(session.upload_data(str(wine), key_prefix="tables"), "cultivar"), **BUDGET)
    folder = session.upload_data(str(diabetes.parent), key_prefix="diabetes")
    start("diabetes", folder, target_attribute_name="progression", problem_type="Regression",
          job_objective={"MetricName": "R2"}, validation_fraction=0.25, **BUDGET)  # fmt: skip
    start("defsonly", str(iris), target_attribute_name="species", generate_candidate_definitions_only=True)
    start("brief", str(iris), target_attribute_name="species", total_job_runtime_in_seconds=15)  # a budget alone
    # the generated table: stopped once a candidate finished, whose model is then deployed and batch-transformed
    start("stopped", str(mixed), target_attribute_name="bought", sample_weight_attribute_name="weight",
          max_candidates=30, mode="HYPERPARAMETER_TUNING")  # fmt: skip
    yield {"session": session, "automl": automl, "work": work, "mixed": mixed}
    session.backend.close()


def _wait(automl: AutoML) -> dict[str, Any]:
    assert automl.latest_auto_ml_job is not None
    return automl.latest_auto_ml_job.wait(logs=False, progress=False)


def test_stop_mid_run_keeps_what_finished(world: Any) -> None:
    import time

    automl = world["automl"]["stopped"]
    client = world["session"].sagemaker_client
    deadline = time.monotonic() + 120
    while not automl.list_candidates(candidate_status="Completed"):
        assert time.monotonic() < deadline, automl.describe_auto_ml_job()
        time.sleep(0.5)
    automl.latest_auto_ml_job.stop()
    desc = _wait(automl)  # Stopped is an end the user asked for: no raise
    assert (desc["AutoMLJobStatus"], desc["AutoMLJobSecondaryStatus"]) == ("Stopped", "Stopped")
    finished = automl.list_candidates(candidate_status="Completed")
    assert finished and all(c["ObjectiveStatus"] == "Succeeded" for c in finished)
    assert all(c["CandidateStatus"] in ("Completed", "Stopped", "Failed") for c in automl.list_candidates())
    assert automl.best_candidate()["CandidateName"] == finished[0]["CandidateName"]
    assert len(automl.list_candidates()) < 30
    client.stop_auto_ml_job(AutoMLJobName="stopped")  # stopping a stopped job changes nothing
    assert client.describe_auto_ml_job(AutoMLJobName="stopped")["AutoMLJobStatus"] == "Stopped"


def test_a_time_budget_alone_ends_the_job_with_its_progress_shown(
    world: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """No max_candidates: the bar has no total (its truth value is undefined: the wait must not ask for it)."""
    desc = world["automl"]["brief"].latest_auto_ml_job.wait(logs=False, progress=True)
    assert (desc["AutoMLJobStatus"], desc["AutoMLJobSecondaryStatus"]) == ("Completed", "MaxAutoMLJobRuntimeReached")
    assert "candidates" in capsys.readouterr().err
    assert world["automl"]["brief"].best_candidate()["ObjectiveStatus"] == "Succeeded"


def test_binary_fit_shows_progress_and_describes_as_sagemaker(world: Any, capsys: pytest.CaptureFixture[str]) -> None:
    automl = world["automl"]["bc"]
    desc = automl.latest_auto_ml_job.wait(logs=True)
    printed = capsys.readouterr()
    steps = [
        line.rsplit(" - ", 1)[1] for line in printed.out.splitlines() if line.endswith(tuple(_STEPS)) and " - " in line
    ]
    assert steps[-1] == "MaxCandidatesReached" and steps == sorted(steps, key=_STEPS.index), printed.out
    assert "3/3" in printed.err and "candidates" in printed.err, printed.err  # the tqdm bar, filled
    assert (desc["AutoMLJobStatus"], desc["AutoMLJobSecondaryStatus"]) == ("Completed", "MaxCandidatesReached")
    assert desc["AutoMLJobName"] == "bc" and desc["ProblemType"] == "BinaryClassification"
    assert desc["AutoMLJobObjective"] == {"MetricName": "F1"} and desc["RoleArn"] == ROLE
    assert desc["ResolvedAttributes"]["CompletionCriteria"]["MaxCandidates"] == 3
    assert desc["InputDataConfig"][0]["DataSource"]["S3DataSource"]["S3Uri"].endswith(
        "auto-ml-input-data/breast_cancer.csv"
    )  # the local file, uploaded under the default bucket as SageMaker's SDK does
    artifacts = desc["AutoMLJobArtifacts"]
    assert artifacts["CandidateDefinitionNotebookLocation"].endswith(
        "bc/sagemaker-automl-candidates/notebooks/SageMakerAutopilotCandidateDefinitionNotebook.ipynb"
    )
    assert artifacts["DataExplorationNotebookLocation"].endswith("SageMakerAutopilotDataExplorationNotebook.ipynb")
    # boto3's shape: datetimes, no room-own fields, no nulls
    assert desc["EndTime"] >= desc["CreationTime"] and "FailureReason" not in desc
    assert not {"Owner", "CandidateCount", "DataAnalysisLocation", "PartialFailureReasons"} & set(desc)
    report = world["session"].backend.describe_auto_ml_explainability("bc")  # the room's own call
    assert report["metric"] == "F1" and len(report["feature_importance"]) == 30, report
    best = automl.best_candidate()
    assert best["CandidateName"].startswith("bc-dpp") and best["ObjectiveStatus"] == "Succeeded"
    assert best["FinalAutoMLJobObjectiveMetric"]["MetricName"] == "validation:f1"
    assert best["FinalAutoMLJobObjectiveMetric"]["Value"] > 0.9
    assert [c["Environment"]["SMSTUDIO_AUTOPILOT_STEP"] for c in best["InferenceContainers"]] == [
        "preprocess",
        "predict",
    ]

    # the leaderboard, best first; SageMaker's candidate fields; every candidate a training job in the experiment
    board = automl.list_candidates()
    values = [c["FinalAutoMLJobObjectiveMetric"]["Value"] for c in board]
    assert len(board) == 3 and values == sorted(values, reverse=True) and board[0] == best
    for c in board:
        assert set(c) >= {"CandidateName", "FinalAutoMLJobObjectiveMetric", "ObjectiveStatus", "CandidateSteps",
                          "CandidateStatus", "InferenceContainers", "CandidateProperties"}  # fmt: skip
        assert "Algorithm" not in c and c["CandidateSteps"][-1]["CandidateStepName"] == c["CandidateName"]
    oldest_first = automl.list_candidates(sort_by="CreationTime", sort_order="Ascending")
    times = [c["CreationTime"] for c in oldest_first]
    assert times == sorted(times)
    assert [c["CandidateName"] for c in automl.list_candidates(max_results=2)] == [
        c["CandidateName"] for c in board[:2]
    ]
    assert automl.list_candidates(candidate_name=board[1]["CandidateName"]) == [board[1]]
    assert len(automl.list_candidates(candidate_status="Completed", objective_status="Succeeded")) == 3
    assert automl.list_candidates(objective_status="Failed") == []
    client = world["session"].sagemaker_client
    for c in board:
        job = client.describe_training_job(TrainingJobName=c["CandidateName"])
        assert job["TrainingJobStatus"] == "Completed"
    components = client.list_trial_components(ExperimentName="bc", MaxResults=100)["TrialComponentSummaries"]
    sources = {c.get("TrialComponentSource", {}).get("SourceArn", "").rsplit("/", 1)[-1] for c in components}
    assert {c["CandidateName"] for c in board} <= sources, sources


_STEPS = ["Starting", "AnalyzingData", "FeatureEngineering", "ModelTuning", "GeneratingExplainabilityReport",
          "MaxCandidatesReached"]  # fmt: skip


def test_multiclass_and_regression_from_an_input_and_a_folder(world: Any) -> None:
    wine, diabetes = world["automl"]["wine"], world["automl"]["diabetes"]
    desc = _wait(wine)
    # neither problem type nor metric given: inferred from the target, SageMaker's default metric for it
    resolved = desc["ResolvedAttributes"]
    assert resolved["ProblemType"] == "MulticlassClassification" and "ProblemType" not in desc
    assert resolved["AutoMLJobObjective"] == {"MetricName": "Accuracy"}
    assert wine.best_candidate()["FinalAutoMLJobObjectiveMetric"]["Value"] > 0.8
    desc = _wait(diabetes)
    assert desc["InputDataConfig"][0]["DataSource"]["S3DataSource"]["S3Uri"].endswith("/diabetes")
    assert desc["AutoMLJobConfig"]["DataSplitConfig"] == {"ValidationFraction": 0.25}
    board = diabetes.list_candidates()
    assert [c["FinalAutoMLJobObjectiveMetric"]["Type"] for c in board] == ["Maximize"] * 3  # R2: higher is better
    values = [c["FinalAutoMLJobObjectiveMetric"]["Value"] for c in board]
    assert values == sorted(values, reverse=True) and values[0] > 0.2, values
    # a regression model answers only predicted_label: others are refused before anything is created
    with pytest.raises(ValueError, match="probability"):
        diabetes.create_model("reg", inference_response_keys=["predicted_label", "probability"])
    with pytest.raises(ValueError, match="a list of key names"):
        diabetes.create_model("reg", inference_response_keys="predicted_label")


def test_mixed_table_deployed_invoked_with_raw_rows_and_batch_transformed(world: Any) -> None:
    """The stopped job's best candidate: a model of what finished before the stop."""
    automl, session, work = world["automl"]["stopped"], world["session"], world["work"]
    desc = _wait(automl)
    assert desc["ResolvedAttributes"]["ProblemType"] == "BinaryClassification"
    assert desc["InputDataConfig"][0]["SampleWeightAttributeName"] == "weight"
    analysis = session.backend.describe_auto_ml_data_analysis("stopped")
    kinds = {c["name"]: c["kind"] for c in analysis["columns"]}
    assert kinds["review"] == "text" and kinds["colour"] == "categorical" and kinds["bought_on"] == "datetime"
    assert kinds["size"] == "numeric" and analysis["class_counts"].keys() == {"yes", "no"}

    raw = pd.read_csv(world["mixed"], dtype=str, keep_default_na=False).drop(columns=["bought", "weight"]).head(5)
    with pytest.raises(ValueError, match="unsupported|not one"):
        automl.create_model("nope", inference_response_keys=["confidence"])
    predictor = automl.deploy(
        1,
        "ml.m5.large",
        serializer=CSVSerializer(),
        deserializer=CSVDeserializer(),
        endpoint_name="mixed-best",
        inference_response_keys=["predicted_label", "probability"],
    )
    try:
        rows = predictor.predict(raw.to_csv(header=False, index=False))  # raw rows: gaps, text, dates as they are
        assert len(rows) == 5 and all(r[0] in ("yes", "no") and 0.0 <= float(r[1]) <= 1.0 for r in rows), rows
    finally:
        predictor.delete_endpoint()

    # batch transform of the same raw rows: create_model(...).transformer(...)
    model = automl.create_model("mixed-batch", inference_response_keys=["predicted_label"])
    assert isinstance(model, PipelineModel) and [m.image_uri for m in model.models] == [
        "smstudio/autopilot-preprocess",
        "smstudio/autopilot-predict",
    ]
    (work / "score").mkdir()
    raw_all = pd.read_csv(world["mixed"], dtype=str, keep_default_na=False).drop(columns=["bought", "weight"]).head(40)
    raw_all.to_csv(work / "score" / "rows.csv", header=False, index=False)
    transformer = model.transformer(
        1, "ml.m5.large", output_path=(work / "scored").as_uri(), accept="text/csv", assemble_with="Line"
    )
    transformer.transform(
        (work / "score" / "rows.csv").as_uri(), content_type="text/csv", split_type="Line", logs=False
    )
    labels = list(csv.reader(io.StringIO((work / "scored" / "rows.csv.out").read_text())))
    assert len(labels) == 40 and {r[0] for r in labels} <= {"yes", "no"}, labels[:3]


def test_candidate_definitions_only_and_attach(world: Any) -> None:
    automl, session = world["automl"]["defsonly"], world["session"]
    desc = _wait(automl)
    assert (desc["AutoMLJobStatus"], desc["AutoMLJobSecondaryStatus"]) == ("Completed", "CandidateDefinitionsGenerated")
    assert desc["GenerateCandidateDefinitionsOnly"] is True and "BestCandidate" not in desc
    assert automl.list_candidates() == []
    with pytest.raises(ValueError, match="no best candidate"):
        automl.best_candidate()
    for location in desc["AutoMLJobArtifacts"].values():
        assert session.backend.read_bytes(location).startswith(b"{")  # the notebooks, as JSON
    attached = AutoML.attach("defsonly", sagemaker_session=session)
    assert (attached.target_attribute_name, attached.generate_candidate_definitions_only) == ("species", True)
    assert attached.role == ROLE and attached.describe_auto_ml_job()["AutoMLJobName"] == "defsonly"
    bc = AutoML.attach("bc", sagemaker_session=session)
    assert (bc.problem_type, bc.max_candidates, bc.job_objective) == ("BinaryClassification", 3, {"MetricName": "F1"})


def test_low_level_client_in_boto3s_shapes(world: Any) -> None:
    session = world["session"]
    client = session.sagemaker_client
    _wait(world["automl"]["bc"])
    names = [s["AutoMLJobName"] for s in client.list_auto_ml_jobs(MaxResults=100)["AutoMLJobSummaries"]]
    assert set(names) >= {"bc", "wine", "diabetes", "defsonly", "stopped"}
    first = client.list_auto_ml_jobs(MaxResults=2, SortBy="Name", SortOrder="Ascending")
    assert len(first["AutoMLJobSummaries"]) == 2 and first["NextToken"]
    paged = client.get_paginator("list_auto_ml_jobs").paginate(SortBy="Name", SortOrder="Ascending",
                                                               PaginationConfig={"PageSize": 3})  # fmt: skip
    every = [s["AutoMLJobName"] for p in paged for s in p["AutoMLJobSummaries"]]
    assert every == sorted(names) and "Owner" not in first["AutoMLJobSummaries"][0]
    done = client.list_auto_ml_jobs(StatusEquals="Completed", NameContains="bc")["AutoMLJobSummaries"]
    assert [s["AutoMLJobName"] for s in done] == ["bc"]
    page1 = client.list_candidates_for_auto_ml_job(AutoMLJobName="bc", MaxResults=2)
    page2 = client.list_candidates_for_auto_ml_job(AutoMLJobName="bc", MaxResults=2, NextToken=page1["NextToken"])
    assert len(page1["Candidates"]) == 2 and len(page2["Candidates"]) == 1 and "NextToken" not in page2
    assert page1["ResponseMetadata"]["HTTPStatusCode"] == 200

    # a second job under the same name is refused; a job that is not there is ResourceNotFound
    url = client.describe_auto_ml_job(AutoMLJobName="bc")["InputDataConfig"][0]["DataSource"]["S3DataSource"]["S3Uri"]
    with pytest.raises(ClientError) as err:
        client.create_auto_ml_job(**_create("bc", url, "target", session.default_bucket()))
    assert err.value.response["Error"]["Code"] == "ResourceInUse", err.value
    with pytest.raises(ClientError) as err:
        client.describe_auto_ml_job(AutoMLJobName="nope")
    assert err.value.response["Error"]["Code"] == "ResourceNotFound"
    with pytest.raises(ParamValidationError, match="AutoMLJobName"):
        client.describe_auto_ml_job()
    with pytest.raises(ParamValidationError, match="SortBy"):
        client.list_candidates_for_auto_ml_job(AutoMLJobName="bc", SortBy="Score")


def _create(name: str, url: str, target: str, output: str, **fields: Any) -> dict[str, Any]:
    return {
        "AutoMLJobName": name,
        "InputDataConfig": [
            {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": url}}, "TargetAttributeName": target}
        ],  # fmt: skip
        "OutputDataConfig": {"S3OutputPath": output},
        **fields,
    }


def test_bad_input_refused_at_create_with_its_reason(world: Any) -> None:
    session, work = world["session"], world["work"]
    mixed = str(world["mixed"])
    (work / "latin1.csv").write_bytes("name,bought\n".encode() + "Zoë,yes\n".encode("latin-1") * 30)
    (work / "semicolons.csv").write_text("a;b;bought\n" + "1;2;yes\n" * 30)
    refused = [
        ({"target_attribute_name": "nope"}, mixed, "Target column 'nope' is not in the data"),
        ({"target_attribute_name": "bought"}, str(work / "latin1.csv"), "not UTF-8"),
        ({"target_attribute_name": "bought"}, str(work / "semicolons.csv"), "separated by semicolons"),
        (
            {
                "target_attribute_name": "bought",
                "problem_type": "BinaryClassification",
                "job_objective": {"MetricName": "R2"},
            },
            mixed,
            "does not fit a BinaryClassification",
        ),  # fmt: skip
        ({"target_attribute_name": "bought", "sample_weight_attribute_name": "w8"}, mixed, "'w8' is not in the data"),
        ({"target_attribute_name": "bought", "max_candidates": 0}, mixed, "MaxCandidates"),
        ({"target_attribute_name": "bought", "mode": "FAST"}, mixed, "Mode"),
    ]
    for settings, path, reason in refused:
        with pytest.raises(ClientError) as err:
            AutoML(sagemaker_session=session, **settings).fit(path, job_name="refused", wait=False)
        assert err.value.response["Error"]["Code"] == "ValidationException" and reason in str(err.value), err.value
    with pytest.raises(ValueError, match="target_attribute_name"):
        AutoML(sagemaker_session=session).fit(mixed)
    with pytest.raises(ValueError, match="inputs"):
        AutoML(target_attribute_name="bought", sagemaker_session=session).fit()
    names = [
        s["AutoMLJobName"] for s in session.sagemaker_client.list_auto_ml_jobs(MaxResults=100)["AutoMLJobSummaries"]
    ]
    assert "refused" not in names  # nothing was created for any of them
