"""Model Monitor over batch transform: a transform job with DataCaptureConfig lists its input and output files (S3
manifests under `<destination>/input|output/yyyy/mm/dd/hh/`), and a data quality schedule with BatchTransformInput
profiles the input files it listed against a baseline (the SDK in embedded mode, a script without a server)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from jupyter_smstudio.sdk import BatchDataCaptureConfig
from jupyter_smstudio.sdk._boto import ClientError
from jupyter_smstudio.sdk.model_monitor import (
    BatchTransformInput,
    CronExpressionGenerator,
    DatasetFormat,
    DefaultModelMonitor,
    ModelQualityMonitor,
)
from jupyter_smstudio.sdk.session import Session
from jupyter_smstudio.sdk.transformer import Transformer
from tests.test_transform_sdk import _model

pytestmark = pytest.mark.timeout(180)


def _csv(path: Path, rows: np.ndarray) -> None:
    path.write_text("".join(",".join(f"{v:.4f}" for v in row) + "\n" for row in rows))


@pytest.fixture
def session(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    session = Session(home=str(tmp_path / "home"))
    yield session
    session.backend.close()


def test_a_schedule_over_batch_transform_captures_finds_the_drifted_column(tmp_path, session):
    rng = np.random.default_rng(7)
    _csv(tmp_path / "train.csv", rng.normal(size=(2000, 3)))
    monitor = DefaultModelMonitor(role="any", instance_count=1, instance_type="ml.m5.xlarge", sagemaker_session=session)
    monitor.suggest_baseline(
        baseline_dataset=(tmp_path / "train.csv").as_uri(),
        dataset_format=DatasetFormat.csv(header=False),
        output_s3_uri=(tmp_path / "baseline").as_uri(),
        wait=True,
        logs=False,
    )

    scored = rng.normal(size=(600, 3))
    scored[:, 0] += 4.0  # the first column drifts
    _csv(tmp_path / "batch.csv", scored)
    capture = (tmp_path / "capture").as_uri()
    transformer = Transformer(
        _model(tmp_path / "model", session),
        instance_count=1,
        instance_type="ml.m5.large",
        accept="text/csv",
        assemble_with="Line",
        output_path=(tmp_path / "scored").as_uri(),
        sagemaker_session=session,
    )
    transformer.transform(
        (tmp_path / "batch.csv").as_uri(),
        content_type="text/csv",
        split_type="Line",
        batch_data_capture_config=BatchDataCaptureConfig(destination_s3_uri=capture),
        job_name="nightly",
        wait=True,
        logs=False,
    )
    assert transformer.describe()["DataCaptureConfig"] == {"DestinationS3Uri": capture, "GenerateInferenceId": False}
    (listed_input,) = (tmp_path / "capture" / "input").rglob("nightly.json")
    (listed_output,) = (tmp_path / "capture" / "output").rglob("nightly.json")
    manifest = json.loads(listed_input.read_text())
    assert manifest[0]["prefix"] + manifest[1] == (tmp_path / "batch.csv").as_uri()
    assert json.loads(listed_output.read_text())[1] == "batch.csv.out"

    with pytest.raises(ValueError, match="one of endpoint_input"):  # neither, or both
        monitor.create_monitoring_schedule(output_s3_uri=(tmp_path / "reports").as_uri())
    monitor.create_monitoring_schedule(
        batch_transform_input=BatchTransformInput(capture, dataset_format=DatasetFormat.csv(header=False)),
        output_s3_uri=(tmp_path / "reports").as_uri(),
        monitor_schedule_name="batch-now",
        schedule_cron_expression=CronExpressionGenerator.now(),
        data_analysis_start_time="-PT1H",
        data_analysis_end_time="-PT0H",
    )
    described = monitor.describe_schedule()
    assert "EndpointName" not in described or described["EndpointName"] is None
    (execution,) = monitor.list_executions()
    final = execution.wait(timeout=120)
    assert final["MonitoringExecutionStatus"] == "CompletedWithViolations", final
    found = {
        (v["feature_name"], v["constraint_check_type"])
        for v in execution.constraint_violations().body_dict["violations"]
    }
    assert found == {("_c0", "baseline_drift_check")}
    assert execution.statistics().body_dict["dataset"]["item_count"] == 600

    # model quality reads an endpoint's captured inferences (merged with ground truth), not a batch's files
    quality = ModelQualityMonitor(role="any", sagemaker_session=session)
    with pytest.raises(ValueError, match="endpoint"):
        quality.create_monitoring_schedule(
            batch_transform_input=BatchTransformInput(capture), ground_truth_input=capture, problem_type="Regression"
        )
    # the low-level call: both inputs at once is a ValidationException naming the field
    config = described["MonitoringScheduleConfig"]
    both = json.loads(json.dumps(config))
    both["MonitoringJobDefinition"]["MonitoringInputs"][0]["EndpointInput"] = {"EndpointName": "nowhere"}
    with pytest.raises(ClientError) as refused:
        session.sagemaker_client.create_monitoring_schedule(
            MonitoringScheduleName="both", MonitoringScheduleConfig=both
        )
    assert "MonitoringInputs.0" in str(refused.value)
