"""Model Monitor end to end on real processes (embedded services, as the SDK without a server runs them): a
baseline job over a CSV, a real endpoint with data capture on, traffic with one column drifted and one with missing
values, a one-time NOW schedule whose execution is a job of the foundation, and its violations field by field; a
cron schedule fired by the scheduler from the store after a restart; the refusals that name their field."""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from jupyter_smstudio.core.errors import BadRequest, NotFound
from jupyter_smstudio.endpoints.models import CreateEndpointConfigRequest, CreateEndpointRequest, CreateModelRequest
from jupyter_smstudio.monitor.operations import OPERATIONS
from jupyter_smstudio.studio import ENDPOINTS, JOBS, MONITOR, StudioSettings, build_services
from tests.test_endpoint_capture import _Client
from tests.test_endpoint_updates import constant_model, wait_status

pytestmark = pytest.mark.timeout(150)
ROWS = 3000


def _op(name: str):
    return next(o for o in OPERATIONS if o.name == name)


def _services(tmp_path: Path, tick: float = 30.0):
    settings = StudioSettings(smstudio_home=str(tmp_path / "home"), root_dir=str(tmp_path / "work"))
    settings.monitor_tick_seconds = tick
    services = build_services(settings)
    services.start()
    return services


def _training(rng: np.random.Generator, rows: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "a": rng.normal(0.0, 1.0, rows).round(4),
            "b": rng.normal(5.0, 1.0, rows).round(4),
            "c": rng.integers(0, 10, rows),
            "d": rng.uniform(0.0, 1.0, rows).round(4),
        }
    )


def _endpoint(services, viewer, work: Path) -> None:
    service = services.get(ENDPOINTS)
    model = constant_model(work / "seven", 7)
    service.create_model(
        viewer, CreateModelRequest.model_validate({"ModelName": "seven", "PrimaryContainer": {"ModelDataUrl": model}})
    )
    service.create_endpoint_config(
        viewer,
        CreateEndpointConfigRequest.model_validate(
            {
                "EndpointConfigName": "watched",
                "ProductionVariants": [{"VariantName": "main", "ModelName": "seven"}],
                "DataCaptureConfig": {
                    "InitialSamplingPercentage": 100,
                    "DestinationS3Uri": (work / "capture").as_uri(),
                    "CaptureOptions": [{"CaptureMode": "Input"}, {"CaptureMode": "Output"}],
                },
            }
        ),
    )
    service.create_endpoint(viewer, CreateEndpointRequest(EndpointName="watched", EndpointConfigName="watched"))
    assert wait_status(_Client(service.describe_endpoint, viewer), "watched")["EndpointStatus"] == "InService"


def _baseline(services, viewer, work: Path) -> dict:
    monitor = services.get(MONITOR)
    body = {
        "BaseliningJobName": "train-baseline",
        "BaselineDatasetS3Uri": "train.csv",
        "DatasetFormat": {"Csv": {"Header": False}},
        "OutputS3Uri": "baseline",
    }
    monitor.create_baselining_job(viewer, _op("create_baselining_job").validate(body))
    services.get(JOBS).wait(viewer, "train-baseline", timeout=60)
    return monitor.describe_baselining_job(viewer, "train-baseline").model_dump(mode="json")


def _schedule(name: str, expression: str, **times: str) -> dict:
    return {
        "MonitoringScheduleName": name,
        "MonitoringScheduleConfig": {
            "ScheduleConfig": {"ScheduleExpression": expression, **times},
            "MonitoringJobDefinition": {
                "BaselineConfig": {
                    "StatisticsResource": {"S3Uri": "baseline/statistics.json"},
                    "ConstraintsResource": {"S3Uri": "baseline/constraints.json"},
                },
                "MonitoringInputs": [{"EndpointInput": {"EndpointName": "watched"}}],
                "MonitoringOutputConfig": {"MonitoringOutputs": [{"S3Output": {"S3Uri": "reports"}}]},
                "MonitoringResources": {"ClusterConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.xlarge"}},
            },
        },
    }


def _captured(folder: Path) -> int:
    return sum(len(f.read_text().splitlines()) for f in folder.rglob("*.jsonl"))


def _executions(services, viewer, name: str, count: int = 1, timeout: float = 60) -> list[dict]:
    """The schedule's executions once `count` of them have ended."""
    monitor = services.get(MONITOR)
    deadline = time.monotonic() + timeout
    while True:
        found = monitor.list_monitoring_executions(viewer, monitoring_schedule_name=name).model_dump(mode="json")
        summaries = found["MonitoringExecutionSummaries"]
        ended = [e for e in summaries if e["MonitoringExecutionStatus"] not in ("Pending", "InProgress", "Stopping")]
        if len(ended) >= count:
            return summaries
        assert time.monotonic() < deadline, summaries
        time.sleep(0.2)


def test_drift_and_missing_values_found_by_a_now_schedule_on_a_real_endpoint(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    rng = np.random.default_rng(7)
    _training(rng, ROWS).to_csv(work / "train.csv", index=False, header=False)
    services = _services(tmp_path)
    viewer = services.viewer("alice")
    try:
        baseline = _baseline(services, viewer, work)
        assert baseline["ProcessingJobStatus"] == "Completed", baseline
        statistics = json.loads((work / "baseline" / "statistics.json").read_text())
        assert [f["name"] for f in statistics["features"]] == ["_c0", "_c1", "_c2", "_c3"]
        assert statistics["dataset"]["item_count"] == ROWS
        assert [f["inferred_type"] for f in statistics["features"]] == [
            "Fractional",
            "Fractional",
            "Integral",
            "Fractional",
        ]

        _endpoint(services, viewer, work)
        traffic = _training(rng, 600)
        traffic["a"] += 3.0  # drifted
        rows = traffic.astype(object).to_numpy().tolist()
        for row in rows[::3]:
            row[2] = None  # a third of c missing (JSON nulls: the model server refuses an empty CSV field)
        endpoints = services.get(ENDPOINTS)
        for i in range(0, len(rows), 20):  # 30 requests of 20 rows
            endpoints.invoke(viewer, "watched", json.dumps(rows[i : i + 20]).encode(), "application/json")
        endpoints.invoke(viewer, "watched", b"1,2,3,4,5,6", "text/csv", "application/json")  # a record too wide
        deadline = time.monotonic() + 30
        while _captured(work / "capture") < 31:
            assert time.monotonic() < deadline
            time.sleep(0.2)

        monitor = services.get(MONITOR)
        body = _schedule("watch-now", "NOW", DataAnalysisStartTime="-PT1H", DataAnalysisEndTime="-PT0H")
        described = monitor.create_monitoring_schedule(viewer, _op("create_monitoring_schedule").validate(body))
        assert described.MonitoringScheduleStatus == "Scheduled" and described.EndpointName == "watched"
        (execution,) = _executions(services, viewer, "watch-now")
        assert execution["MonitoringExecutionStatus"] == "CompletedWithViolations", (
            execution,
            services.get(JOBS).logs(viewer, execution["ProcessingJobName"]).text,
        )
        assert execution["EndpointName"] == "watched" and execution["MonitoringScheduleName"] == "watch-now"
        report = Path(execution["OutputS3Uri"].removeprefix("file://"))
        assert report.is_relative_to(work / "reports" / "watched" / "watch-now")
        window = json.loads((report / "statistics.json").read_text())
        assert window["dataset"]["item_count"] == 600
        c = next(f for f in window["features"] if f["name"] == "_c2")
        assert c["numerical_statistics"]["common"] == {"num_present": 400, "num_missing": 200}
        found = json.loads((report / "constraint_violations.json").read_text())["violations"]
        by_feature = {(v["feature_name"], v["constraint_check_type"]) for v in found}
        assert ("_c0", "baseline_drift_check") in by_feature
        assert ("_c2", "completeness_check") in by_feature
        drift = [v["feature_name"] for v in found if v["constraint_check_type"] == "baseline_drift_check"]
        assert drift == ["_c0"], found  # the drifted column only
        completeness = [v["feature_name"] for v in found if v["constraint_check_type"] == "completeness_check"]
        assert completeness == ["_c2"], found
        wide = [v for v in found if v["constraint_check_type"] == "extra_column_check"]
        assert len(wide) == 1 and "has 6 column(s); the baseline has 4" in wide[0]["description"]
        assert wide[0]["description"].startswith("Record main/") and wide[0]["feature_name"] == ""
        assert set(found[0]) == {"feature_name", "constraint_check_type", "description"}
        # the execution is a job of the foundation, with its log
        log = services.get(JOBS).logs(viewer, execution["ProcessingJobName"]).text
        assert "600 record(s)" in log
        last = monitor.describe_monitoring_schedule(viewer, "watch-now").LastMonitoringExecutionSummary
        assert last is not None and last.MonitoringExecutionStatus == "CompletedWithViolations"
        # another user sees none of it
        bob = services.viewer("bob")
        assert monitor.list_monitoring_executions(bob).Total == 0
        assert monitor.list_monitoring_schedules(bob).Total == 0
        with pytest.raises(NotFound):
            monitor.describe_monitoring_schedule(bob, "watch-now")
        with pytest.raises(NotFound):
            monitor.describe_baselining_job(bob, "train-baseline")
    finally:
        services.close()


def test_a_window_without_captured_data_fails_as_sagemaker_reports_it_and_cron_fires_after_a_restart(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    _training(np.random.default_rng(1), 500).to_csv(work / "train.csv", index=False, header=False)
    services = _services(tmp_path)
    viewer = services.viewer("alice")
    try:
        _baseline(services, viewer, work)
        _endpoint(services, viewer, work)
        monitor = services.get(MONITOR)
        body = _schedule("hourly", "cron(0 * ? * * *)")
        created = monitor.create_monitoring_schedule(viewer, _op("create_monitoring_schedule").validate(body))
        assert created.NextScheduledTime is not None and created.NextScheduledTime.minute == 0
        assert created.NextScheduledTime > datetime.now(timezone.utc)
        # the server goes down before the hour: the store holds the next fire time
        with services.db.session() as s:
            from jupyter_smstudio.monitor.orm import MonitoringScheduleRow

            row = s.query(MonitoringScheduleRow).filter_by(name="hourly").one()
            row.next_fire = datetime.now(timezone.utc) - timedelta(minutes=5)  # fell due while it was down
    finally:
        services.close()
    again = _services(tmp_path, tick=0.2)
    try:
        (execution,) = _executions(again, viewer, "hourly")
        assert execution["MonitoringExecutionStatus"] == "Failed"
        assert execution["FailureReason"] == "Job inputs had no data"
        described = again.get(MONITOR).describe_monitoring_schedule(viewer, "hourly")
        assert described.NextScheduledTime is not None and described.NextScheduledTime > datetime.now(timezone.utc)
        time.sleep(0.6)  # further ticks start nothing before the next hour
        assert again.get(MONITOR).list_monitoring_executions(viewer).Total == 1
        before = described.NextScheduledTime
        ran = again.get(MONITOR).run_monitoring_schedule(viewer, "hourly")  # "Run now": the last hour's data
        assert ran.NextScheduledTime == before
        assert len(_executions(again, viewer, "hourly", count=2)) == 2
        stopped = again.get(MONITOR).stop_monitoring_schedule(viewer, "hourly")
        assert stopped.MonitoringScheduleStatus == "Stopped" and stopped.NextScheduledTime is None
        again.get(MONITOR).delete_monitoring_schedule(viewer, "hourly")
        assert again.get(MONITOR).list_monitoring_schedules(viewer).Total == 0
    finally:
        again.close()


def test_refusals_name_the_field(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    (work / "header-only.csv").write_text("a,b\n")
    (work / "bad-constraints.json").write_text(json.dumps({"features": [{"name": "a", "completeness": 3}]}))
    services = _services(tmp_path)
    viewer = services.viewer("alice")
    monitor = services.get(MONITOR)

    def refused(call, body: dict) -> BadRequest:
        with pytest.raises(BadRequest) as err:
            call(viewer, _op(call.__name__).validate(body))
        return err.value

    try:
        _endpoint(services, viewer, work)
        for expression in ("cron(5 * ? * * *)", "cron(0 * * * *)", "rate(1 hour)", "cron(0 25 ? * * *)"):
            err = refused(monitor.create_monitoring_schedule, _schedule("s", expression))
            assert err.field == "MonitoringScheduleConfig.ScheduleConfig.ScheduleExpression", expression
        err = refused(
            monitor.create_monitoring_schedule,
            _schedule("s", "NOW", DataAnalysisStartTime="-PT1H", DataAnalysisEndTime="PT1H"),
        )
        assert err.field == "MonitoringScheduleConfig.ScheduleConfig.DataAnalysisEndTime"
        body = _schedule("s", "cron(0 * ? * * *)")
        definition = body["MonitoringScheduleConfig"]["MonitoringJobDefinition"]
        definition["BaselineConfig"] = {"ConstraintsResource": {"S3Uri": "bad-constraints.json"}}
        err = refused(monitor.create_monitoring_schedule, body)
        assert err.field.endswith("BaselineConfig.ConstraintsResource.S3Uri") and "completeness" in err.message
        definition["BaselineConfig"] = None
        definition["MonitoringInputs"][0]["EndpointInput"]["EndpointName"] = "nowhere"
        err = refused(monitor.create_monitoring_schedule, body)
        assert err.field.endswith("EndpointInput.EndpointName")
        baseline = {
            "BaseliningJobName": "empty",
            "BaselineDatasetS3Uri": "header-only.csv",
            "DatasetFormat": {"Csv": {"Header": True}},
            "OutputS3Uri": "out",
        }
        monitor.create_baselining_job(viewer, _op("create_baselining_job").validate(baseline))
        services.get(JOBS).wait(viewer, "empty", timeout=60)
        failed = monitor.describe_baselining_job(viewer, "empty")
        assert failed.ProcessingJobStatus == "Failed" and "has no rows" in (failed.FailureReason or "")
        err = refused(monitor.create_baselining_job, {**baseline, "BaselineDatasetS3Uri": "missing.csv"})
        assert err.field == "BaselineDatasetS3Uri"
    finally:
        services.close()
