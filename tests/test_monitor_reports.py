"""The Model Monitor room's read API: what the browser shows of baselines, executions and a schedule's history.

Without processes: the views of SageMaker's files (a baseline written from the documentation's example, drift read
from two KLL sketches: SageMaker's distance as the check computes it, PSI and Wasserstein on the baseline's bins,
categorical frequencies, a ModelQuality file's metrics flattened). On real processes: a baseline, a real endpoint
with capture on, traffic with one column drifted and one with missing values, a NOW schedule; the reports agree
with the files the execution wrote, an edited constraints file is what the next execution checks against, a failed
execution answers with empty lists; and the five routes through a real server: 400/404/409 naming the field, and
another user reads none of it."""

from __future__ import annotations

import asyncio
import json
import re
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from jupyter_smstudio.core.errors import BadRequest, NotFound
from jupyter_smstudio.monitor import report_views as views
from jupyter_smstudio.monitor.constraints import ks_distance, suggest, weighted
from jupyter_smstudio.monitor.profile import Profile
from jupyter_smstudio.monitor.report_edits import check_edit
from jupyter_smstudio.monitor.report_models import UpdateBaselineConstraintsRequest
from jupyter_smstudio.studio import ENDPOINTS, MONITOR
from tests.conftest import wait_status
from tests.test_endpoint_updates import constant_model
from tests.test_monitor import _baseline, _captured, _endpoint, _executions, _op, _schedule, _services, _training
from tests.test_monitor_analysis import SAGEMAKER_CONSTRAINTS, SAGEMAKER_STATISTICS

MULTIUSER = True  # alice, bob and an admin on the server of the REST test (tests/conftest.py)
pytestmark = pytest.mark.timeout(150)


def _statistics(frame: pd.DataFrame) -> dict:
    profile = Profile()
    profile.add(frame)
    return json.loads(json.dumps(profile.statistics()))


def _feature(statistics: dict, name: str) -> dict:
    return next(f for f in statistics["features"] if f["name"] == name)


# -- the views, without processes -----------------------------------------------------------------------------------
def test_a_sagemaker_baseline_as_the_room_shows_it():
    age = views.feature_baseline(SAGEMAKER_STATISTICS["features"][0], SAGEMAKER_CONSTRAINTS["features"][0])
    assert (age.Name, age.InferredType, age.NumPresent, age.NumMissing, age.Completeness) == (
        "age",
        "Integral",
        8,
        0,
        1.0,
    )
    assert (age.Mean, age.Sum, age.StdDev, age.Min, age.Max) == (40.5, 324.0, 12.5, 21.0, 60.0)
    assert [(b.Label, b.Lower, b.Upper, b.Count) for b in age.Histogram] == [("21–60", 21.0, 60.0, 8.0)]
    assert age.IsNonNegative is True and age.ConstraintCompleteness == 1.0 and age.Domains is None
    city = views.feature_baseline(SAGEMAKER_STATISTICS["features"][1], SAGEMAKER_CONSTRAINTS["features"][1])
    assert [(b.Label, b.Count, b.Lower) for b in city.Histogram] == [("Paris", 6, None), ("Oslo", 2, None)]
    assert city.DistinctCount == 2.0 and city.Domains == ["Paris", "Oslo"] and city.Mean is None
    # a file with holes (a feature with nothing but its name) is shown as far as it goes
    bare = views.feature_baseline({"name": "x", "inferred_type": "Unknown"}, {})
    assert (bare.NumPresent, bare.Completeness, bare.Histogram) == (0, 0.0, [])


def test_drift_psi_and_wasserstein_from_two_sketches():
    rng = np.random.default_rng(5)
    base = _statistics(pd.DataFrame({"v": rng.normal(0, 1, 5000), "k": rng.choice(["a", "b"], 5000, p=[0.7, 0.3])}))
    rules = suggest(base)
    same = _statistics(pd.DataFrame({"v": rng.normal(0, 1, 2000), "k": rng.choice(["a", "b"], 2000, p=[0.7, 0.3])}))
    moved = _statistics(
        pd.DataFrame({"v": rng.normal(1.0, 1, 2000), "k": rng.choice(["a", "b", "z"], 2000, p=[0.2, 0.3, 0.5])})
    )

    def drift(window: dict, name: str):
        return views.Reference(base, rules).feature(name, _feature(window, name))

    steady, shifted = drift(same, "v"), drift(moved, "v")
    # SageMaker's distance, exactly as the check computes it from the two sketches
    expected = ks_distance(weighted(_feature(base, "v")), weighted(_feature(moved, "v")))  # type: ignore[arg-type]
    assert shifted.Distance == expected and shifted.Distance > 0.3
    assert steady.Distance is not None and steady.Distance < 0.1  # within chance and the sketches' error
    assert shifted.Threshold == 0.1 and shifted.EffectiveThreshold is not None
    assert steady.EffectiveThreshold is not None and steady.EffectiveThreshold >= 0.1  # Robust: the KS bound too
    # read from the sketches: within their rank error (1.65% at k=200) times the range
    assert shifted.Wasserstein == pytest.approx(1.0, abs=0.2) and steady.Wasserstein < 0.2  # type: ignore[operator]
    assert shifted.Psi > 0.25 and steady.Psi < 0.1  # type: ignore[operator]  # PSI's usual "shifted" / "stable"
    # both histograms on the baseline's ten bins, weighing every value once
    assert len(shifted.Histogram) == len(shifted.BaselineHistogram) == 10
    assert [b.Label for b in shifted.Histogram] == [b.Label for b in shifted.BaselineHistogram]
    assert sum(b.Count for b in shifted.Histogram) == pytest.approx(2000)
    assert sum(b.Count for b in shifted.BaselineHistogram) == pytest.approx(5000)
    assert (shifted.Completeness, shifted.BaselineCompleteness) == (1.0, 1.0)

    letters = drift(moved, "k")
    assert letters.Distance == pytest.approx(0.5, abs=0.05) and letters.Wasserstein is None
    assert letters.Threshold == letters.EffectiveThreshold == 0.1 and letters.Psi > 1  # type: ignore[operator]
    assert [b.Label for b in letters.BaselineHistogram] == ["a", "b", "(other)"]
    assert [b.Label for b in letters.Histogram] == ["a", "b", "(other)"] and letters.Histogram[2].Count > 900
    assert drift(same, "k").Psi < 0.1  # type: ignore[operator]
    # a column that went away, or came: no distance, its completeness as far as it is known
    gone = views.Reference(base, rules).feature("v", None)
    assert gone.Distance is None and gone.Completeness is None and gone.BaselineCompleteness == 1.0


def test_model_quality_metrics_flattened():
    statistics = {
        "version": 0.0,
        "dataset": {"item_count": 200, "evaluation_time": "2026-12-01T20:00:00Z"},
        "binary_classification_metrics": {
            "confusion_matrix": {"0": {"0": 90, "1": 10}, "1": {"0": 8, "1": 92}},
            "accuracy": {"value": 0.91, "standard_deviation": 0.01},
            "f1": {"value": 0.88, "standard_deviation": 0.02},
            "receiver_operating_characteristic_curve": {"false_positive_rates": [0, 1], "true_positive_rates": [0, 1]},
        },
    }
    assert views.model_quality(statistics) == {"accuracy": 0.91, "f1": 0.88}
    assert views.model_quality({"regression_metrics": {"rmse": {"value": 1.5}, "r2": {"value": 0.7}}}) == {
        "rmse": 1.5,
        "r2": 0.7,
    }
    assert views.model_quality(SAGEMAKER_STATISTICS) is None
    # a model quality violation names its metric where a data quality one names its feature
    found = {"violations": [{"metric_name": "f1", "constraint_check_type": "LessThanThreshold", "description": "low"}]}
    assert [(v.FeatureName, v.ConstraintCheckType) for v in views.violations(found)] == [("f1", "LessThanThreshold")]


def test_model_quality_constraints_edits():
    """A model quality baseline's constraints.json (`<problem>_constraints`) is edited in its own schema."""
    statistics = {"binary_classification_metrics": {"accuracy": {"value": 0.9}, "f1": {"value": 0.8}}}
    stored = {
        "version": 0.0,
        "binary_classification_constraints": {
            "accuracy": {"threshold": 0.9, "comparison_operator": "LessThanThreshold"},
            "f1": {"threshold": 0.8, "comparison_operator": "LessThanThreshold"},
        },
    }
    edited = json.loads(json.dumps(stored))
    edited["binary_classification_constraints"]["accuracy"]["threshold"] = 0.85
    check_edit(edited, statistics, stored)
    edited["binary_classification_constraints"]["auc"] = {"threshold": 0.5, "comparison_operator": "LessThanThreshold"}
    with pytest.raises(BadRequest) as err:
        check_edit(edited, statistics, stored)
    assert err.value.field == "Constraints.binary_classification_constraints" and "'auc'" in err.value.message
    with pytest.raises(BadRequest) as err:
        check_edit({"regression_constraints": {}}, statistics, stored)
    assert err.value.field == "Constraints"
    wrong = {"binary_classification_constraints": {"f1": {"threshold": 0.8, "comparison_operator": "Above"}}}
    with pytest.raises(BadRequest) as err:
        check_edit(wrong, statistics, stored)
    assert err.value.field == "Constraints" and "comparison_operator" in err.value.message


# -- embedded services: a real endpoint, a baseline, NOW schedules --------------------------------------------------
def _traffic(services, viewer, work: Path, rng: np.random.Generator) -> None:
    """600 rows through the endpoint: column a drifted, a third of c missing (as test_monitor.py sends them)."""
    traffic = _training(rng, 600)
    traffic["a"] += 3.0
    rows = traffic.astype(object).to_numpy().tolist()
    for row in rows[::3]:
        row[2] = None
    endpoints = services.get(ENDPOINTS)
    for i in range(0, len(rows), 20):
        endpoints.invoke(viewer, "watched", json.dumps(rows[i : i + 20]).encode(), "application/json")
    deadline = time.monotonic() + 30
    while _captured(work / "capture") < 30:
        assert time.monotonic() < deadline
        time.sleep(0.2)


def _refused_edits(monitor, alice, work: Path) -> None:
    """Edits of the baseline's constraints that are refused, naming the path inside the file; none is written."""
    good = json.loads((work / "baseline" / "constraints.json").read_text())

    def refused(edit) -> BadRequest:
        body = json.loads(json.dumps(good))
        edit(body)
        with pytest.raises(BadRequest) as err:
            monitor.update_baseline_constraints(
                alice, "train-baseline", UpdateBaselineConstraintsRequest(Constraints=body)
            )
        return err.value

    err = refused(lambda b: b["features"][0].update(completeness=3))
    assert err.field == "Constraints" and "features[0].completeness" in err.message
    err = refused(lambda b: b["features"][1].update(name="age"))
    assert err.field == "Constraints.features" and "'age' is not a feature of the baseline" in err.message
    err = refused(lambda b: b["features"].append(dict(b["features"][0])))
    assert err.field == "Constraints.features" and "twice" in err.message
    err = refused(lambda b: b["monitoring_config"]["distribution_constraints"].update(comparison_threshold="x"))
    assert err.field == "Constraints" and "comparison_threshold" in err.message
    err = refused(lambda b: b["monitoring_config"]["distribution_constraints"].update(comparison_method="Odd"))
    assert err.field == "Constraints" and "comparison_method" in err.message
    err = refused(lambda b: b.pop("features"))
    assert err.field == "Constraints"
    err = refused(lambda b: b["features"][0].update(string_constraints="Paris"))
    assert err.field == "Constraints" and "features[0].string_constraints must be an object" in err.message
    err = refused(lambda b: b["features"][0].update(num_constraints={"is_non_negative": "yes"}))
    assert err.field == "Constraints" and "is_non_negative" in err.message
    err = refused(lambda b: b.update(version=float("nan")))
    assert err.field == "Constraints" and "version must be a finite number" in err.message
    err = refused(lambda b: b["features"][3].update(completeness=float("inf")))
    assert err.field == "Constraints" and "features[3].completeness must be a finite number" in err.message
    err = refused(lambda b: b["monitoring_config"].update(evaluate_constraints="Sometimes"))
    assert err.field == "Constraints" and "monitoring_config.evaluate_constraints" in err.message
    assert json.loads((work / "baseline" / "constraints.json").read_text()) == good  # nothing written


def _files_out_of_shape(monitor, alice, work: Path) -> None:
    """Files edited by hand or cut short show as blanks, never as an error."""
    (work / "baseline" / "statistics.json").write_text(
        json.dumps({"dataset": "x", "features": [{"name": "_c0", "numerical_statistics": "x"}, 5, {"name": "_c1"}]})
    )
    (work / "baseline" / "constraints.json").write_text('{"features": [')
    report = monitor.describe_baseline_report(alice, "train-baseline")
    assert [(f.Name, f.NumPresent, f.Histogram) for f in report.Features] == [("_c0", 0, []), ("_c1", 0, [])]
    assert (report.ItemCount, report.Constraints) == (None, None)
    # executions compared with such a baseline: what can be read of it
    points = monitor.describe_monitoring_history(alice, "watch-now").Points
    assert [set(p.Drift) for p in points] == [set(), set()]
    assert points[1].Completeness["_c2"] == pytest.approx(400 / 600)
    report = monitor.describe_monitoring_execution_report(alice, points[1].ProcessingJobName)
    assert [(f.Name, f.Distance, f.BaselineCompleteness) for f in report.Features][:2] == [
        ("_c0", None, None),
        ("_c1", None, None),
    ]


def test_reports_of_a_baseline_and_of_now_executions_on_a_real_endpoint(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    rng = np.random.default_rng(11)
    _training(rng, 3000).to_csv(work / "train.csv", index=False, header=False)
    services = _services(tmp_path)
    alice, bob = services.viewer("alice"), services.viewer("bob")
    monitor = services.get(MONITOR)
    try:
        assert _baseline(services, alice, work)["ProcessingJobStatus"] == "Completed"
        listed = monitor.list_baselining_jobs(alice)
        assert listed.Total == 1 and listed.BaseliningJobs[0].BaseliningJobName == "train-baseline"
        assert monitor.list_baselining_jobs(alice, name_contains="nothing").Total == 0
        report = monitor.describe_baseline_report(alice, "train-baseline")
        statistics = json.loads((work / "baseline" / "statistics.json").read_text())
        constraints = json.loads((work / "baseline" / "constraints.json").read_text())
        assert report.ItemCount == 3000 and report.Constraints == constraints
        assert report.MonitoringConfig == constraints["monitoring_config"]
        assert [f.Name for f in report.Features] == ["_c0", "_c1", "_c2", "_c3"]
        c0 = report.Features[0]
        numbers = statistics["features"][0]["numerical_statistics"]
        assert (c0.Mean, c0.StdDev, c0.Min, c0.Max) == (
            numbers["mean"],
            numbers["std_dev"],
            numbers["min"],
            numbers["max"],
        )
        assert len(c0.Histogram) == 10 and sum(b.Count for b in c0.Histogram) == pytest.approx(3000)
        assert c0.Completeness == 1.0 and c0.ConstraintCompleteness == 1.0 and c0.IsNonNegative is False
        _refused_edits(monitor, alice, work)

        _endpoint(services, alice, work)
        _traffic(services, alice, work, rng)
        body = _schedule("watch-now", "NOW", DataAnalysisStartTime="-PT1H", DataAnalysisEndTime="-PT0H")
        monitor.create_monitoring_schedule(alice, _op("create_monitoring_schedule").validate(body))
        # and at the same time one over a window without captured data
        body = _schedule("watch-empty", "NOW", DataAnalysisStartTime="-PT3H", DataAnalysisEndTime="-PT2H")
        monitor.create_monitoring_schedule(alice, _op("create_monitoring_schedule").validate(body))
        (first,) = _executions(services, alice, "watch-now")
        assert first["MonitoringExecutionStatus"] == "CompletedWithViolations", first
        execution = monitor.describe_monitoring_execution_report(alice, first["ProcessingJobName"])
        output = Path(first["OutputS3Uri"].removeprefix("file://"))
        written = json.loads((output / "constraint_violations.json").read_text())["violations"]
        assert [(v.FeatureName, v.ConstraintCheckType, v.Description) for v in execution.Violations] == [
            (v["feature_name"], v["constraint_check_type"], v["description"]) for v in written
        ]
        assert execution.MonitoringType == "DataQuality" and execution.ItemCount == 600
        assert execution.ModelQuality is None
        features = {f.Name: f for f in execution.Features}
        assert list(features) == ["_c0", "_c1", "_c2", "_c3"]
        # the distance the room shows is the one the check reported, on the drifted column only
        (drift,) = [v for v in written if v["constraint_check_type"] == "baseline_drift_check"]
        reported = float(re.search(r"distance: ([0-9.e-]+)", drift["description"]).group(1))  # type: ignore[union-attr]
        assert features["_c0"].Distance == pytest.approx(reported, rel=1e-5)
        for name, f in features.items():  # the drifted column only, as test_monitor.py finds it
            assert f.Distance is not None and f.EffectiveThreshold is not None
            assert (f.Distance > f.EffectiveThreshold) == (name == "_c0"), (name, f.Distance, f.EffectiveThreshold)
            assert (f.Psi is not None and f.Psi > 0.25) == (name == "_c0"), (name, f.Psi)
        assert features["_c0"].Wasserstein == pytest.approx(3.0, abs=0.3)
        assert features["_c2"].Completeness == pytest.approx(400 / 600) and features["_c2"].BaselineCompleteness == 1.0

        # the schedule's history: one point per execution, SageMaker's distance per feature
        history = monitor.describe_monitoring_history(alice, "watch-now")
        assert history.MonitoringScheduleName == "watch-now" and history.MonitoringType == "DataQuality"
        (point,) = history.Points
        assert point.ProcessingJobName == first["ProcessingJobName"] and point.Violations == len(written)
        assert point.Status == "CompletedWithViolations"
        assert point.Drift == {name: f.Distance for name, f in features.items()}
        assert point.Psi == {name: f.Psi for name, f in features.items()}
        assert point.Completeness["_c2"] == pytest.approx(400 / 600) and point.ModelQuality == {}

        # the constraints edited in the room are what the next execution checks against
        edited = json.loads(json.dumps(constraints))
        edited["monitoring_config"]["distribution_constraints"]["comparison_threshold"] = 0.99
        edited["features"][2]["completeness"] = 0.5
        after = monitor.update_baseline_constraints(
            alice, "train-baseline", UpdateBaselineConstraintsRequest(Constraints=edited)
        )
        assert after.Constraints == edited and after.Features[2].ConstraintCompleteness == 0.5
        assert json.loads((work / "baseline" / "constraints.json").read_text()) == edited
        monitor.run_monitoring_schedule(alice, "watch-now")
        second = _executions(services, alice, "watch-now", count=2)[0]
        assert second["MonitoringExecutionStatus"] == "Completed", second
        again = monitor.describe_monitoring_execution_report(alice, second["ProcessingJobName"])
        assert again.Violations == [] and {f.Threshold for f in again.Features} == {0.99}

        # a window without captured data: a failed execution answers with what there is
        (failed,) = _executions(services, alice, "watch-empty")
        assert failed["MonitoringExecutionStatus"] == "Failed"
        empty = monitor.describe_monitoring_execution_report(alice, failed["ProcessingJobName"])
        assert (empty.Violations, empty.Features, empty.ItemCount) == ([], [], None)
        assert [p.Drift for p in monitor.describe_monitoring_history(alice, "watch-empty").Points] == [{}]

        history = monitor.describe_monitoring_history(alice, "watch-now")
        assert [p.ProcessingJobName for p in history.Points] == [
            first["ProcessingJobName"],
            second["ProcessingJobName"],
        ]
        assert history.Points[1].Violations == 0 and history.Points[1].Completeness["_c2"] == pytest.approx(400 / 600)
        assert set(history.Points[1].Drift) == set(history.Points[1].Psi) == {"_c0", "_c1", "_c2", "_c3"}
        assert [p.ProcessingJobName for p in monitor.describe_monitoring_history(alice, "watch-now", 1).Points] == [
            second["ProcessingJobName"]
        ]

        # another user reads none of it: the same 404 as for names that do not exist
        for call, name, field in (
            (monitor.describe_baseline_report, "train-baseline", "BaseliningJobName"),
            (monitor.describe_monitoring_execution_report, first["ProcessingJobName"], "ProcessingJobName"),
            (monitor.describe_monitoring_history, "watch-now", "MonitoringScheduleName"),
        ):
            for viewer, asked in ((bob, name), (alice, "nowhere")):
                with pytest.raises(NotFound) as err:
                    call(viewer, asked)
                assert err.value.field == field
        with pytest.raises(NotFound):
            monitor.update_baseline_constraints(
                bob, "train-baseline", UpdateBaselineConstraintsRequest(Constraints=edited)
            )
        assert monitor.list_baselining_jobs(bob).Total == 0
        assert json.loads((work / "baseline" / "constraints.json").read_text()) == edited
        _files_out_of_shape(monitor, alice, work)
    finally:
        services.close()


def test_model_quality_executions_report_their_metrics(tmp_path):
    """A ModelQuality schedule's executions as the store records them and their files as the quality job writes
    them (SageMaker's model quality statistics.json; test_monitor_quality.py runs real ones): the report and the
    history carry the metrics, a failed execution is a gap."""
    from jupyter_smstudio.monitor.orm import MonitoringExecutionRow, MonitoringScheduleRow

    services = _services(tmp_path)
    alice = services.viewer("alice")
    monitor = services.get(MONITOR)
    now = datetime.now(timezone.utc)
    outputs = tmp_path / "work" / "quality"
    runs = [("q-1", "Completed", 0.93), ("q-2", "Failed", None), ("q-3", "CompletedWithViolations", 0.71)]
    try:
        with services.db.session() as s:
            spec = {"MonitoringType": "ModelQuality", "MonitoringJobDefinition": {"BaselineConfig": None}}
            s.add(
                MonitoringScheduleRow(
                    name="quality",
                    owner="alice",
                    spec=spec,
                    status="Stopped",
                    creation_time=now,
                    last_modified_time=now,
                )
            )
            for i, (job, status, accuracy) in enumerate(runs):
                folder = outputs / job
                if accuracy is not None:
                    folder.mkdir(parents=True)
                    metrics = {"accuracy": {"value": accuracy, "standard_deviation": "NaN"}, "f1": {"value": 0.5}}
                    statistics = {
                        "version": 0.0,
                        "dataset": {"item_count": 300},
                        "binary_classification_metrics": metrics,
                    }
                    (folder / "statistics.json").write_text(json.dumps(statistics))
                    found = [
                        {"metric_name": "accuracy", "constraint_check_type": "LessThanThreshold", "description": "x"}
                    ]
                    body = {"violations": found if status == "CompletedWithViolations" else []}
                    (folder / "constraint_violations.json").write_text(json.dumps(body))
                s.add(
                    MonitoringExecutionRow(
                        schedule_name="quality",
                        owner="alice",
                        job_name=job,
                        endpoint_name="scored",
                        output_url=folder.as_uri(),
                        status=status,
                        scheduled_time=now + timedelta(hours=i),
                        creation_time=now,
                        last_modified_time=now,
                    )
                )
        report = monitor.describe_monitoring_execution_report(alice, "q-3")
        assert report.MonitoringType == "ModelQuality" and report.ModelQuality == {"accuracy": 0.71, "f1": 0.5}
        assert report.ItemCount == 300 and report.Features == []
        assert [(v.FeatureName, v.ConstraintCheckType) for v in report.Violations] == [
            ("accuracy", "LessThanThreshold")
        ]
        failed = monitor.describe_monitoring_execution_report(alice, "q-2")
        assert (failed.MonitoringType, failed.ModelQuality, failed.Violations) == ("ModelQuality", None, [])
        history = monitor.describe_monitoring_history(alice, "quality")
        assert history.MonitoringType == "ModelQuality"
        assert [(p.ProcessingJobName, p.Violations, p.ModelQuality.get("accuracy")) for p in history.Points] == [
            ("q-1", 0, 0.93),
            ("q-2", 0, None),
            ("q-3", 1, 0.71),
        ]
        assert all(p.Drift == {} for p in history.Points)
    finally:
        services.close()


# -- the routes, through a real server ------------------------------------------------------------------------------
ALICE, BOB = "alice-token", "bob-token"


async def _until(api, path: str, done, params=None, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        code, body = await api("GET", path, params=params, token=ALICE)
        assert code == 200, body
        if done(body):
            return body
        assert time.monotonic() < deadline, body
        await asyncio.sleep(0.2)


async def test_the_five_routes_through_a_server(api, jp_fetch, jp_root_dir):
    rng = np.random.default_rng(4)
    _training(rng, 1000).to_csv(jp_root_dir / "train.csv", index=False, header=False)
    model = constant_model(jp_root_dir / "seven", 7)
    assert (
        await api("POST", "models", {"ModelName": "seven", "PrimaryContainer": {"ModelDataUrl": model}}, token=ALICE)
    )[0] == 201
    config = {
        "EndpointConfigName": "watched",
        "ProductionVariants": [{"VariantName": "main", "ModelName": "seven"}],
        "DataCaptureConfig": {
            "InitialSamplingPercentage": 100,
            "DestinationS3Uri": (jp_root_dir / "capture").as_uri(),
            "CaptureOptions": [{"CaptureMode": "Input"}, {"CaptureMode": "Output"}],
        },
    }
    assert (await api("POST", "endpoint-configs", config, token=ALICE))[0] == 201
    assert (await api("POST", "endpoints", {"EndpointName": "watched", "EndpointConfigName": "watched"}, token=ALICE))[
        0
    ] == 201
    baseline = {
        "BaseliningJobName": "train-baseline",
        "BaselineDatasetS3Uri": "train.csv",
        "DatasetFormat": {"Csv": {"Header": False}},
        "OutputS3Uri": "baseline",
    }
    assert (await api("POST", "monitoring-baselines", baseline, token=ALICE))[0] == 201
    # while it runs the report answers with what there is (the job may also have ended already)
    code, running = await api("GET", "monitoring-baselines/train-baseline/report", token=ALICE)
    assert code == 200, running
    if running["BaseliningJob"]["ProcessingJobStatus"] != "Completed":
        assert running["Features"] == [] and "ItemCount" not in running, running
    # a baseline that failed cannot have its constraints edited: 409
    (jp_root_dir / "header-only.csv").write_text("a,b\n")
    empty = {**baseline, "BaseliningJobName": "empty", "BaselineDatasetS3Uri": "header-only.csv", "OutputS3Uri": "out"}
    empty["DatasetFormat"] = {"Csv": {"Header": True}}
    assert (await api("POST", "monitoring-baselines", empty, token=ALICE))[0] == 201
    await wait_status(api, "empty", ("Completed", "Failed", "Stopped"), token=ALICE, timeout=80)
    code, body = await api(
        "PUT", "monitoring-baselines/empty/constraints", {"Constraints": {"features": []}}, token=ALICE
    )
    assert code == 409 and body["field"] == "BaseliningJobName", body
    code, failed = await api("GET", "monitoring-baselines/empty/report", token=ALICE)
    assert code == 200 and failed["BaseliningJob"]["ProcessingJobStatus"] == "Failed", failed
    assert failed["Features"] == [] and "ItemCount" not in failed and "Constraints" not in failed
    done = await wait_status(api, "train-baseline", ("Completed", "Failed", "Stopped"), token=ALICE, timeout=80)
    assert done["status"] == "Completed", (done, await api("GET", "jobs/train-baseline/logs", token=ALICE))
    await _until(api, "endpoints/watched", lambda d: d["EndpointStatus"] == "InService", timeout=120)

    code, listed = await api("GET", "monitoring-baselines", params={"name_contains": "train"}, token=ALICE)
    assert code == 200 and listed["Total"] == 1, listed
    code, listed = await api("GET", "monitoring-baselines", token=ALICE)
    assert [j["BaseliningJobName"] for j in listed["BaseliningJobs"]] == ["empty", "train-baseline"], listed
    code, listed = await api("GET", "monitoring-baselines", params={"status": "Completed"}, token=ALICE)
    assert code == 200 and listed["Total"] == 1 and listed["BaseliningJobs"][0]["BaseliningJobName"] == "train-baseline"
    code, body = await api("GET", "monitoring-baselines", params={"status": "Sleeping"}, token=ALICE)
    assert code == 400 and body["field"] == "status", body
    code, report = await api("GET", "monitoring-baselines/train-baseline/report", token=ALICE)
    assert code == 200 and report["ItemCount"] == 1000 and len(report["Features"]) == 4, report
    constraints = report["Constraints"]
    constraints["features"][0]["completeness"] = 0.9
    path = "monitoring-baselines/train-baseline/constraints"
    code, updated = await api("PUT", path, {"Constraints": constraints}, token=ALICE)
    assert code == 200 and updated["Features"][0]["ConstraintCompleteness"] == 0.9, updated
    code, body = await api(
        "PUT", path, {"Constraints": {"features": [{"name": "_c0", "completeness": 2}]}}, token=ALICE
    )
    assert code == 400 and body["field"] == "Constraints" and "completeness" in body["message"], body
    code, body = await api("PUT", path, {"Constraints": {"features": [{"name": "age"}]}}, token=ALICE)
    assert code == 400 and body["field"] == "Constraints.features", body
    code, body = await api("PUT", path, {"Constraint": {}}, token=ALICE)
    assert code == 400 and body["field"] in ("Constraints", "Constraint"), body

    rows = (_training(rng, 200).astype(object)).to_numpy()
    rows[:, 0] += 3.0
    for i in range(0, 200, 50):
        resp = await jp_fetch(
            "smstudio",
            "api",
            "endpoints",
            "watched",
            "invocations",
            method="POST",
            body=json.dumps(rows[i : i + 50].tolist()),
            headers={"Authorization": f"token {ALICE}", "Content-Type": "application/json"},
        )
        assert resp.code == 200
    deadline = time.monotonic() + 30
    while _captured(jp_root_dir / "capture") < 4:
        assert time.monotonic() < deadline
        await asyncio.sleep(0.2)
    schedule = _schedule("watch-now", "NOW", DataAnalysisStartTime="-PT1H", DataAnalysisEndTime="-PT0H")
    code, body = await api("POST", "monitoring-schedules", schedule, token=ALICE)
    assert code == 201, body
    listing = await _until(
        api,
        "monitoring-executions",
        lambda b: (
            b["Total"]
            and b["MonitoringExecutionSummaries"][0]["MonitoringExecutionStatus"] not in ("Pending", "InProgress")
        ),
        params={"monitoring_schedule_name": "watch-now"},
    )
    (execution,) = listing["MonitoringExecutionSummaries"]
    assert execution["MonitoringExecutionStatus"] == "CompletedWithViolations", execution
    job = execution["ProcessingJobName"]
    code, report = await api("GET", f"monitoring-executions/{job}/report", token=ALICE)
    assert code == 200 and report["ItemCount"] == 200, report
    assert ("_c0", "baseline_drift_check") in {
        (v["FeatureName"], v["ConstraintCheckType"]) for v in report["Violations"]
    }
    drifted = {f["Name"] for f in report["Features"] if f["Distance"] > f["EffectiveThreshold"]}
    checked = {v["FeatureName"] for v in report["Violations"] if v["ConstraintCheckType"] == "baseline_drift_check"}
    assert "_c0" in drifted and drifted == checked, report
    code, history = await api("GET", "monitoring-schedules/watch-now/history", token=ALICE)
    assert code == 200 and [p["ProcessingJobName"] for p in history["Points"]] == [job], history
    assert history["Points"][0]["Drift"]["_c0"] == report["Features"][0]["Distance"]
    for limit in ("0", "abc"):
        code, body = await api("GET", "monitoring-schedules/watch-now/history", params={"limit": limit}, token=ALICE)
        assert code == 400 and body["field"] == "limit", body

    # unknown names, and another user's records: 404 naming the field
    for token, suffix in ((ALICE, "-nowhere"), (BOB, "")):
        for route, field in (
            (f"monitoring-baselines/train-baseline{suffix}/report", "BaseliningJobName"),
            (f"monitoring-executions/{job}{suffix}/report", "ProcessingJobName"),
            (f"monitoring-schedules/watch-now{suffix}/history", "MonitoringScheduleName"),
        ):
            code, body = await api("GET", route, token=token)
            assert code == 404 and body["field"] == field, (route, token, body)
    code, body = await api("PUT", path, {"Constraints": constraints}, token=BOB)
    assert code == 404 and body["field"] == "BaseliningJobName", body
    code, body = await api("GET", "monitoring-baselines", token=BOB)
    assert code == 200 and body["Total"] == 0
