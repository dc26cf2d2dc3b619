"""Model Monitor on PostgreSQL + S3 storage (real PostgreSQL and SeaweedFS servers): a baseline over JSON Lines and
a CSV read from s3:// in chunks, its files written to S3, and a NOW schedule over data captured to S3 by a real
endpoint, its report written under an s3:// output."""

from __future__ import annotations

import json
import time

import pytest

from jupyter_smstudio.studio import ENDPOINTS, JOBS, MONITOR, StudioSettings, build_services
from tests.test_monitor import _executions, _op, _schedule
from tests.test_transform import make_model

pytestmark = pytest.mark.timeout(150)
ANSWER = "def model_fn(model_dir):\n    return 0\n\n\ndef predict_fn(data, model):\n    return [model] * len(data)\n"


def test_baseline_and_schedule_on_postgres_and_s3(tmp_path, fresh_s3_config, fresh_postgres_url):
    cfg = fresh_s3_config
    options = {"key": cfg["key"], "secret": cfg["secret"], "endpoint_url": cfg["endpoint_url"]}
    options["client_kwargs"] = {"region_name": "us-east-1"}
    settings = StudioSettings(
        smstudio_home=str(tmp_path / "home"),
        root_dir=str(tmp_path),
        storage_root=f"s3://{cfg['bucket']}/{{user}}",
        s3_options=options,
        db_url=fresh_postgres_url,
    )
    services = build_services(settings)
    services.start()
    viewer = services.viewer("alice")
    monitor = services.get(MONITOR)
    try:
        storage = services.storage.for_user("alice")
        bucket = storage.root_url
        lines = "".join(
            json.dumps({"x": i % 10, "y": float(i) / 7, "city": ["Oslo", "Rome"][i % 2]}) + "\n" for i in range(500)
        )
        storage.write_bytes(f"{bucket}/train/data.jsonl", lines.encode())
        body = {
            "BaseliningJobName": "on-s3",
            "BaselineDatasetS3Uri": f"{bucket}/train/data.jsonl",
            "DatasetFormat": {"Json": {"Line": True}},
            "OutputS3Uri": f"{bucket}/baseline",
        }
        monitor.create_baselining_job(viewer, _op("create_baselining_job").validate(body))
        services.get(JOBS).wait(viewer, "on-s3", timeout=60)
        described = monitor.describe_baselining_job(viewer, "on-s3")
        assert described.ProcessingJobStatus == "Completed", described
        statistics = json.loads(storage.read_bytes(described.StatisticsS3Uri))
        assert statistics["dataset"]["item_count"] == 500
        assert [(f["name"], f["inferred_type"]) for f in statistics["features"]] == [
            ("x", "Integral"),
            ("y", "Fractional"),
            ("city", "String"),
        ]
        constraints = json.loads(storage.read_bytes(described.ConstraintsS3Uri))
        assert constraints["features"][2]["string_constraints"] == {"domains": ["Oslo", "Rome"]}

        # a CSV without a header, as SageMaker's _c0, _c1, ... (read from S3 in chunks, not by the local workers)
        storage.write_bytes(f"{bucket}/train/data.csv", b"".join(b"%d,%d\n" % (i, i * 2) for i in range(300)))
        body = {**body, "BaseliningJobName": "csv-on-s3", "BaselineDatasetS3Uri": f"{bucket}/train/data.csv"}
        body["DatasetFormat"], body["OutputS3Uri"] = {"Csv": {"Header": False}}, f"{bucket}/baseline-csv"
        monitor.create_baselining_job(viewer, _op("create_baselining_job").validate(body))
        services.get(JOBS).wait(viewer, "csv-on-s3", timeout=60)
        csv_stats = json.loads(storage.read_bytes(f"{bucket}/baseline-csv/statistics.json"))
        assert [f["name"] for f in csv_stats["features"]] == ["_c0", "_c1"] and csv_stats["dataset"][
            "item_count"
        ] == 300

        # an endpoint capturing to S3, and a NOW schedule reading it back
        model = make_model(tmp_path, "m")
        (tmp_path / "m" / "code" / "inference.py").write_text(ANSWER)
        for name in ("model.tar.gz", "code/inference.py"):
            storage.upload_file(str(tmp_path / "m" / name), f"{bucket}/model/{name}")
        model["PrimaryContainer"]["ModelDataUrl"] = f"{bucket}/model/model.tar.gz"
        model["PrimaryContainer"]["Environment"]["SAGEMAKER_SUBMIT_DIRECTORY"] = f"{bucket}/model/code"
        endpoints = services.get(ENDPOINTS)
        from jupyter_smstudio.endpoints.models import (
            CreateEndpointConfigRequest,
            CreateEndpointRequest,
            CreateModelRequest,
        )

        endpoints.create_model(viewer, CreateModelRequest.model_validate({**model, "ModelName": "watched"}))
        endpoints.create_endpoint_config(
            viewer,
            CreateEndpointConfigRequest.model_validate(
                {
                    "EndpointConfigName": "watched",
                    "ProductionVariants": [{"VariantName": "main", "ModelName": "watched"}],
                    "DataCaptureConfig": {
                        "InitialSamplingPercentage": 100,
                        "DestinationS3Uri": f"{bucket}/capture",
                        "CaptureOptions": [{"CaptureMode": "Input"}],
                    },
                }
            ),
        )
        endpoints.create_endpoint(viewer, CreateEndpointRequest(EndpointName="watched", EndpointConfigName="watched"))
        deadline = time.monotonic() + 60
        while endpoints.describe_endpoint(viewer, "watched").EndpointStatus != "InService":
            assert time.monotonic() < deadline
            time.sleep(0.2)
        for i in range(20):
            endpoints.invoke(viewer, "watched", json.dumps([[i % 10, 500.0 + i, "Paris"]]).encode(), "application/json")
        endpoints.capture.close()  # written now (the writer starts again with the next sample)
        schedule = _schedule("on-s3", "NOW", DataAnalysisStartTime="-PT1H", DataAnalysisEndTime="-PT0H")
        definition = schedule["MonitoringScheduleConfig"]["MonitoringJobDefinition"]
        definition["BaselineConfig"] = {
            "StatisticsResource": {"S3Uri": described.StatisticsS3Uri},
            "ConstraintsResource": {"S3Uri": described.ConstraintsS3Uri},
        }
        definition["MonitoringOutputConfig"]["MonitoringOutputs"][0]["S3Output"]["S3Uri"] = f"{bucket}/reports"
        monitor.create_monitoring_schedule(viewer, _op("create_monitoring_schedule").validate(schedule))
        (execution,) = _executions(services, viewer, "on-s3")
        assert execution["MonitoringExecutionStatus"] == "CompletedWithViolations", execution
        assert execution["OutputS3Uri"].startswith(f"{bucket}/reports/watched/on-s3/")
        found = json.loads(storage.read_bytes(f"{execution['OutputS3Uri']}/constraint_violations.json"))["violations"]
        checks = {(v["feature_name"], v["constraint_check_type"]) for v in found}
        assert ("y", "baseline_drift_check") in checks and ("city", "categorical_values_check") in checks
    finally:
        services.close()
