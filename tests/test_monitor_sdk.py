"""Model Monitor through the SDK against a real Jupyter server (REST routes, remote backend): a model deployed with
DataCaptureConfig, DefaultModelMonitor.suggest_baseline over a CSV with a header, traffic with one column drifted,
a NOW schedule, MonitoringExecution's files, attach, the sagemaker_client calls in boto3's shapes, and a
cron expression SageMaker would refuse answered as a ValidationException naming the field."""

from __future__ import annotations

import json
import tarfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from jupyter_smstudio.sdk._boto import ClientError
from jupyter_smstudio.sdk.model import Model
from jupyter_smstudio.sdk.model_monitor import (
    Constraints,
    CronExpressionGenerator,
    DataCaptureConfig,
    DatasetFormat,
    DefaultModelMonitor,
    Statistics,
)
from jupyter_smstudio.sdk.serializers import JSONSerializer
from jupyter_smstudio.sdk.session import Session
from tests.conftest import write_script
from tests.live_server import jupyter_server

pytestmark = pytest.mark.timeout(150)

SERVE = """
import numpy as np

def model_fn(model_dir):
    return 2.0

def predict_fn(data, model):
    return np.nansum(np.atleast_2d(np.asarray(data, dtype=float)), axis=1) * model
"""


def _deploy(session: Session, work: Path) -> None:
    write_script(work / "code", "serve.py", SERVE)
    (work / "empty").write_text("")
    with tarfile.open(work / "model.tar.gz", "w:gz") as tar:
        tar.add(work / "empty", arcname="empty")
    model = Model(
        model_data=(work / "model.tar.gz").as_uri(),
        entry_point="serve.py",
        source_dir=str(work / "code"),
        name="summer",
        sagemaker_session=session,
    )
    capture = DataCaptureConfig(True, 100, (work / "capture").as_uri(), sagemaker_session=session)
    return model.deploy(
        1, "ml.m5.large", endpoint_name="summer", data_capture_config=capture, serializer=JSONSerializer()
    )


def test_default_model_monitor_against_a_server(tmp_path):
    with jupyter_server(tmp_path / "srv") as srv:
        work = tmp_path / "srv" / "root"
        session = Session(server_url=srv["url"], token=srv["token"])
        rng = np.random.default_rng(3)
        train = pd.DataFrame({"x": rng.normal(0, 1, 2000), "y": rng.normal(10, 2, 2000), "z": rng.integers(0, 5, 2000)})
        train.to_csv(work / "train.csv", index=False)

        monitor = DefaultModelMonitor(
            role="any", instance_count=1, instance_type="ml.m5.xlarge", sagemaker_session=session
        )
        job = monitor.suggest_baseline(
            baseline_dataset=(work / "train.csv").as_uri(),
            dataset_format=DatasetFormat.csv(header=True),
            output_s3_uri=(work / "baseline").as_uri(),
            wait=True,
            logs=False,
            job_name="sdk-baseline",
        )
        assert job.describe()["ProcessingJobStatus"] == "Completed"
        statistics = monitor.baseline_statistics()
        assert isinstance(statistics, Statistics)
        assert [f["name"] for f in statistics.body_dict["features"]] == ["x", "y", "z"]
        constraints = monitor.suggested_constraints()
        assert isinstance(constraints, Constraints) and constraints.file_s3_uri.endswith("baseline/constraints.json")
        assert constraints.body_dict["features"][2]["inferred_type"] == "Integral"
        again = Constraints.from_s3_uri(constraints.file_s3_uri, sagemaker_session=session)
        assert again.body_dict == constraints.body_dict

        predictor = _deploy(session, work)
        traffic = pd.DataFrame({"x": rng.normal(0, 1, 300), "y": rng.normal(16, 2, 300), "z": rng.integers(0, 5, 300)})
        rows = traffic.astype(object).to_numpy().tolist()
        for i in range(0, len(rows), 30):
            predictor.predict(rows[i : i + 30])
        deadline = time.monotonic() + 30
        while sum(len(f.read_text().splitlines()) for f in (work / "capture").rglob("*.jsonl")) < 10:
            assert time.monotonic() < deadline
            time.sleep(0.2)

        with pytest.raises(ClientError) as refused:
            monitor.create_monitoring_schedule(
                monitor_schedule_name="bad", endpoint_input="summer", schedule_cron_expression="cron(*/5 * * * ? *)"
            )
        assert refused.value.response["Error"]["Code"] == "ValidationException"
        assert "ScheduleExpression" in str(refused.value)

        monitor.create_monitoring_schedule(
            monitor_schedule_name="sdk-now",
            endpoint_input="summer",
            output_s3_uri=(work / "reports").as_uri(),
            statistics=statistics,
            constraints=constraints,
            schedule_cron_expression=CronExpressionGenerator.now(),
            data_analysis_start_time="-PT1H",
            data_analysis_end_time="-PT0H",
        )
        (execution,) = monitor.list_executions()
        described = execution.wait(timeout=60)
        assert described["MonitoringExecutionStatus"] == "CompletedWithViolations", described
        violations = execution.constraint_violations().body_dict["violations"]
        assert [(v["feature_name"], v["constraint_check_type"]) for v in violations] == [("y", "baseline_drift_check")]
        assert execution.statistics().body_dict["dataset"]["item_count"] == 300
        latest = monitor.latest_monitoring_constraint_violations()
        assert latest is not None and latest.body_dict["violations"] == violations

        attached = DefaultModelMonitor.attach("sdk-now", sagemaker_session=session)
        assert attached.describe_schedule()["MonitoringScheduleStatus"] == "Scheduled"
        sm = session.sagemaker_client
        listed = sm.list_monitoring_executions(MonitoringScheduleName="sdk-now")["MonitoringExecutionSummaries"]
        assert listed[0]["MonitoringExecutionStatus"] == "CompletedWithViolations"
        assert "OutputS3Uri" not in listed[0] and listed[0]["EndpointName"] == "summer"
        schedules = sm.list_monitoring_schedules(EndpointName="summer")["MonitoringScheduleSummaries"]
        assert [s["MonitoringScheduleName"] for s in schedules] == ["sdk-now"]
        attached.update_monitoring_schedule(schedule_cron_expression=CronExpressionGenerator.daily(hour=3))
        desc = sm.describe_monitoring_schedule(MonitoringScheduleName="sdk-now")
        assert desc["MonitoringScheduleConfig"]["ScheduleConfig"]["ScheduleExpression"] == "cron(0 3 ? * * *)"
        attached.stop_monitoring_schedule()
        assert attached.describe_schedule()["MonitoringScheduleStatus"] == "Stopped"
        attached.start_monitoring_schedule()
        attached.delete_monitoring_schedule()
        with pytest.raises(ClientError) as gone:
            sm.describe_monitoring_schedule(MonitoringScheduleName="sdk-now")
        assert gone.value.response["Error"]["Code"] == "ResourceNotFound"
        assert json.loads(json.dumps(CronExpressionGenerator.daily_every_x_hours(6))) == "cron(0 0/6 ? * * *)"

        # the low-level calls: a data quality job definition, and a schedule naming it
        arn = sm.create_data_quality_job_definition(
            JobDefinitionName="dq",
            DataQualityBaselineConfig={"ConstraintsResource": {"S3Uri": constraints.file_s3_uri}},
            DataQualityAppSpecification={
                "ImageUri": "156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer"
            },
            DataQualityJobInput={"EndpointInput": {"EndpointName": "summer", "LocalPath": "/opt/ml/processing/input"}},
            DataQualityJobOutputConfig={
                "MonitoringOutputs": [
                    {"S3Output": {"S3Uri": (work / "dq").as_uri(), "LocalPath": "/opt/ml/processing/output"}}
                ]
            },
            JobResources={"ClusterConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 20}},
            RoleArn="arn:aws:iam::111122223333:role/monitor",
        )["JobDefinitionArn"]
        assert arn.endswith("/dq")
        assert (
            sm.describe_data_quality_job_definition(JobDefinitionName="dq")["JobResources"]["ClusterConfig"][
                "VolumeSizeInGB"
            ]
            == 20
        )
        listed = sm.list_data_quality_job_definitions(EndpointName="summer")["JobDefinitionSummaries"]
        assert [d["MonitoringJobDefinitionName"] for d in listed] == ["dq"]
        sm.create_monitoring_schedule(
            MonitoringScheduleName="by-name",
            MonitoringScheduleConfig={
                "ScheduleConfig": {"ScheduleExpression": "cron(0 * ? * * *)"},
                "MonitoringJobDefinitionName": "dq",
                "MonitoringType": "DataQuality",
            },
        )
        desc = sm.describe_monitoring_schedule(MonitoringScheduleName="by-name")
        assert (
            desc["MonitoringScheduleConfig"]["MonitoringJobDefinitionName"] == "dq" and desc["EndpointName"] == "summer"
        )
        with pytest.raises(ClientError) as unknown:
            sm.create_monitoring_schedule(
                MonitoringScheduleName="nameless",
                MonitoringScheduleConfig={
                    "ScheduleConfig": {"ScheduleExpression": "NOW"},
                    "MonitoringJobDefinitionName": "nope",
                },
            )
        assert unknown.value.response["Error"]["Code"] == "ValidationException"
        sm.delete_monitoring_schedule(MonitoringScheduleName="by-name")
        sm.delete_data_quality_job_definition(JobDefinitionName="dq")
        assert sm.list_data_quality_job_definitions()["JobDefinitionSummaries"] == []
        predictor.delete_endpoint()
