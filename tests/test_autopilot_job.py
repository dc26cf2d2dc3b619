"""The Autopilot room's job, driven in-process on real services (real data jobs, real training and tuning jobs):
the steps and what each leaves, the candidates in Experiments, stop at any point, candidate definitions only, a
restart that resumes, bad input refused at the door (a 400 naming the field) and bad data failing the job with a
reason that names the problem."""

from __future__ import annotations

import io
import json
import tarfile
import time
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import pandas as pd
import pytest

from jupyter_smstudio.autopilot import driver as autopilot_driver
from jupyter_smstudio.autopilot.shapes import CreateAutoMLJobRequest
from jupyter_smstudio.core.auth import Viewer
from jupyter_smstudio.core.errors import BadRequest, NotFound
from jupyter_smstudio.studio import JOBS, StudioSettings, build_services

ME = Viewer(user="me")


def _table(rows: int = 240, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x1, x2 = rng.normal(size=rows), rng.normal(size=rows)
    color = rng.choice(["red", "green", "blue"], rows)
    label = np.where(x1 + (color == "red") + 0.3 * rng.normal(size=rows) > 0.4, "yes", "no")
    frame = pd.DataFrame({"x1": x1, "x2": x2, "color": color, "label": label})
    frame.loc[::9, "x2"] = np.nan
    return frame


def _services(home: Path, root: Path) -> Any:
    services = build_services(StudioSettings(smstudio_home=str(home), root_dir=str(root)))
    services.get(JOBS).reconcile()
    return services


@pytest.fixture
def room(tmp_path):
    root = tmp_path / "root"
    (root / "data").mkdir(parents=True)
    _table().to_csv(root / "data" / "table.csv", index=False)
    services = _services(tmp_path / "home", root)
    yield services, root
    services.close()


def _request(name: str, csv: str = "data/table.csv", target: str = "label", **over: Any) -> CreateAutoMLJobRequest:
    body: dict[str, Any] = {
        "AutoMLJobName": name,
        "InputDataConfig": [{"DataSource": {"S3DataSource": {"S3Uri": csv}}, "TargetAttributeName": target}],
        "OutputDataConfig": {"S3OutputPath": "automl"},
        "AutoMLJobConfig": {"CompletionCriteria": {"MaxCandidates": 2}},
    }
    body.update(over)
    return CreateAutoMLJobRequest.model_validate(body)


def _wait(autopilot: Any, name: str, statuses: tuple[str, ...], timeout: float = 120.0, seen: list[str] | None = None):
    deadline = time.monotonic() + timeout
    while True:
        job = autopilot.describe(ME, name)
        if seen is not None and (not seen or seen[-1] != job.AutoMLJobSecondaryStatus):
            seen.append(job.AutoMLJobSecondaryStatus)
        if job.AutoMLJobStatus in statuses:
            return job
        assert time.monotonic() < deadline, f"{name} still {job.AutoMLJobStatus}/{job.AutoMLJobSecondaryStatus}"
        time.sleep(0.2)


def test_a_job_goes_through_its_steps_and_leaves_candidates_notebooks_and_a_report(room):
    """ENSEMBLING: two default candidates, then scikit-learn's stack of them; beside it a job whose budget runs out."""
    services, root = room
    autopilot = services.room_service("autopilot")
    seen: list[str] = []
    config = {"CompletionCriteria": {"MaxCandidates": 3}, "Mode": "ENSEMBLING"}
    autopilot.create(ME, _request("walk", AutoMLJobObjective={"MetricName": "Accuracy"}, AutoMLJobConfig=config))
    budget = {"CompletionCriteria": {"MaxCandidates": 60, "MaxAutoMLJobRuntimeInSeconds": 25}}
    autopilot.create(ME, _request("brief", AutoMLJobConfig=budget))
    job = _wait(autopilot, "walk", ("Completed", "Failed"), seen=seen)
    assert job.AutoMLJobStatus == "Completed", job.FailureReason
    assert job.AutoMLJobSecondaryStatus == "MaxCandidatesReached"
    assert seen[0] in ("Starting", "AnalyzingData") and "ModelTuning" in seen
    assert seen.index("ModelTuning") < seen.index("GeneratingExplainabilityReport")
    assert job.ResolvedAttributes is not None and job.ResolvedAttributes.ProblemType == "BinaryClassification"
    assert job.ResolvedAttributes.AutoMLJobObjective is not None
    assert job.ResolvedAttributes.AutoMLJobObjective.MetricName == "Accuracy"
    out = root / "automl" / "walk"
    assert job.AutoMLJobArtifacts is not None, job.PartialFailureReasons
    for location in (
        job.AutoMLJobArtifacts.DataExplorationNotebookLocation,
        job.AutoMLJobArtifacts.CandidateDefinitionNotebookLocation,
    ):
        assert location and Path(location.removeprefix("file://")).is_file()
    assert (out / "documentation" / "explainability" / "report.html").is_file()
    report = autopilot.explainability(ME, "walk")
    assert {f.feature for f in report.feature_importance} == {"x1", "x2", "color"}
    assert autopilot.data_analysis(ME, "walk").row_count == 240

    listed = autopilot.candidates(ME, "walk").Candidates
    assert len(listed) == 3 and job.CandidateCount == 3
    values = [c.FinalAutoMLJobObjectiveMetric.Value for c in listed if c.FinalAutoMLJobObjectiveMetric]
    assert values == sorted(values, reverse=True) and len(values) == 3
    stacked = next(c for c in listed if c.CandidateName == "walk-ensemble")
    assert stacked.Algorithm == "ensemble" and stacked.HyperParameters["members"].count(",") == 1
    for candidate in listed:  # a stack is served whole; the others as preprocessing, then prediction
        steps = [c.Environment["SMSTUDIO_AUTOPILOT_STEP"] for c in candidate.InferenceContainers]
        assert steps == (["all"] if candidate is stacked else ["preprocess", "predict"])
    best = job.BestCandidate
    assert best is not None and best.CandidateName == listed[0].CandidateName
    assert best.FinalAutoMLJobObjectiveMetric is not None
    assert best.FinalAutoMLJobObjectiveMetric.MetricName == "validation:accuracy"
    assert [s.CandidateStepType for s in best.CandidateSteps] == [
        "AWS::SageMaker::ProcessingJob",
        "AWS::SageMaker::TrainingJob",
    ]
    # the best is served refit on the training and validation rows together; the others as they were ranked
    refit = best.InferenceContainers[0].ModelDataUrl
    assert refit == f"file://{out}/best-candidate-refit/{best.CandidateName}/model.tar.gz"
    assert {c.ModelDataUrl for c in best.InferenceContainers} == {refit}
    with tarfile.open(refit.removeprefix("file://")) as tar:
        meta = json.load(tar.extractfile("autopilot.json"))
        refit_model = joblib.load(io.BytesIO(tar.extractfile("model.joblib").read()))
    assert meta["refit_rows"] == 240 and meta["candidate"] == best.HyperParameters["candidate"]
    assert refit_model.predict(_table().drop(columns="label").head(5)).shape == (5,)
    assert all("best-candidate-refit" not in c.InferenceContainers[0].ModelDataUrl for c in listed[1:])
    ascending = autopilot.candidates(ME, "walk", sort_order="Ascending").Candidates
    rising = [c.FinalAutoMLJobObjectiveMetric.Value for c in ascending if c.FinalAutoMLJobObjectiveMetric]
    assert rising == sorted(values)
    one = autopilot.candidates(ME, "walk", candidate_name=listed[1].CandidateName).Candidates
    assert [c.CandidateName for c in one] == [listed[1].CandidateName]

    # every candidate is a training job and a trial component in the experiment named after the AutoML job
    experiments = services.room_service("experiments")
    trials = {t.trial_name for t in experiments.list_trials(ME, experiment_name="walk").trials}
    assert {c.CandidateName for c in listed} <= trials

    summaries = autopilot.list(ME).AutoMLJobSummaries
    assert sorted(s.AutoMLJobName for s in summaries) == ["brief", "walk"]
    assert autopilot.list(Viewer(user="other")).AutoMLJobSummaries == []
    with pytest.raises(NotFound):
        autopilot.describe(Viewer(user="other"), "walk")

    job = _wait(autopilot, "brief", ("Completed", "Failed"), timeout=90)
    assert (job.AutoMLJobStatus, job.AutoMLJobSecondaryStatus) == ("Completed", "MaxAutoMLJobRuntimeReached"), (
        job.FailureReason
    )
    assert job.BestCandidate is not None
    brief = autopilot.candidates(ME, "brief").Candidates
    assert all(c.CandidateStatus in ("Completed", "Stopped", "Failed") for c in brief) and len(brief) < 60


def test_stop_in_the_data_step_trains_nothing(room):
    services, _ = room
    autopilot = services.room_service("autopilot")
    autopilot.create(ME, _request("early"))
    stopping = autopilot.stop(ME, "early")  # in its data step: the data job stops, nothing trains
    assert stopping.AutoMLJobStatus in ("Stopping", "Stopped")
    early = _wait(autopilot, "early", ("Stopped",), timeout=30)
    assert early.AutoMLJobSecondaryStatus == "Stopped" and early.EndTime is not None
    assert early.BestCandidate is None and autopilot.candidates(ME, "early").Candidates == []


def test_a_restart_resumes_the_job(tmp_path, monkeypatch):
    monkeypatch.setattr(autopilot_driver, "LEASE_SECONDS", 1.0)
    monkeypatch.setattr(autopilot_driver, "SCAN_SECONDS", 0.2)
    root = tmp_path / "root"
    (root / "data").mkdir(parents=True)
    _table().to_csv(root / "data" / "table.csv", index=False)
    first = _services(tmp_path / "home", root)
    first.room_service("autopilot").create(ME, _request("again"))
    first.room_service("autopilot").close()  # the driver stops, as when the server goes away
    second = _services(tmp_path / "home", root)
    try:
        autopilot = second.room_service("autopilot")
        autopilot.resume()
        job = _wait(autopilot, "again", ("Completed", "Failed"))
        assert job.AutoMLJobStatus == "Completed", job.FailureReason
        assert len(autopilot.candidates(ME, "again").Candidates) == 2
    finally:
        second.close()
        first.close()


@pytest.mark.parametrize(
    "over, field, words",
    [
        ({"target": "nope"}, "TargetAttributeName", "not in the data"),
        ({"csv": "data/missing.csv"}, "InputDataConfig.0.DataSource.S3DataSource.S3Uri", "nothing at"),
        ({"csv": "/etc/passwd"}, "InputDataConfig.0.DataSource.S3DataSource.S3Uri", ""),
        ({"csv": "data/latin1.csv"}, "InputDataConfig", "not UTF-8"),
        ({"csv": "data/semicolon.csv"}, "InputDataConfig", "semicolon"),
        (
            {"ProblemType": "Regression", "AutoMLJobObjective": {"MetricName": "F1"}},
            "AutoMLJobObjective.MetricName",
            "",
        ),
        ({"AutoMLJobObjective": {"MetricName": "Coolness"}}, "AutoMLJobObjective.MetricName", "Unknown metric"),
        ({"OutputDataConfig": {"S3OutputPath": "/etc"}}, "OutputDataConfig.S3OutputPath", ""),
    ],
)
def test_bad_input_is_refused_before_anything_runs(room, over, field, words):
    services, root = room
    (root / "data" / "latin1.csv").write_bytes("x,label\ncaf\xe9,1\n".encode("latin-1") * 30)
    (root / "data" / "semicolon.csv").write_text("x;label\n" + "1;0\n2;1\n" * 20)
    autopilot = services.room_service("autopilot")
    args = {k: over.pop(k) for k in ("csv", "target") if k in over}
    with pytest.raises(BadRequest) as caught:
        autopilot.create(ME, _request("bad", **args, **over))
    assert caught.value.field == field and words in caught.value.message
    assert autopilot.list(ME).AutoMLJobSummaries == []  # nothing kept
