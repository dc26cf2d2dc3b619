"""Model quality monitoring end to end on real processes: a real endpoint with data capture on, ground truth uploaded
in SageMaker's merge format for the captured event ids, a quality baseline, NOW schedules whose metrics are checked
against scikit-learn on the same pairs, a constraint made too strict giving a LessThanThreshold violation; through
the SDK (ModelQualityMonitor, against a Jupyter server) and through the low-level client; and the bad input: unreadable
ground truth records as violations naming file and line, a window where nothing merges, refusals naming the field."""

from __future__ import annotations

import json
import tarfile
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn import metrics as sk
from sklearn.linear_model import LinearRegression

from jupyter_smstudio.core.errors import BadRequest
from jupyter_smstudio.endpoints.models import CreateEndpointConfigRequest, CreateEndpointRequest, CreateModelRequest
from jupyter_smstudio.monitor import quality_job
from jupyter_smstudio.monitor.container import Job
from jupyter_smstudio.monitor.operations import OPERATIONS
from jupyter_smstudio.monitor.quality_job import QualityFailure
from jupyter_smstudio.sdk import ModelQualityMonitor
from jupyter_smstudio.sdk._boto import ClientError
from jupyter_smstudio.sdk.model import Model
from jupyter_smstudio.sdk.model_monitor import CronExpressionGenerator, DataCaptureConfig, DatasetFormat, EndpointInput
from jupyter_smstudio.sdk.serializers import JSONSerializer
from jupyter_smstudio.sdk.session import Session
from jupyter_smstudio.studio import ENDPOINTS, JOBS, MONITOR, StudioSettings, build_services
from tests.conftest import write_script
from tests.live_server import jupyter_server
from tests.test_endpoint_capture import _Client
from tests.test_endpoint_updates import packed_model, wait_status

pytestmark = pytest.mark.timeout(150)
WINDOW = {"DataAnalysisStartTime": "-PT1H", "DataAnalysisEndTime": "-PT0H"}

SCORER = """
import numpy as np

def model_fn(model_dir):
    return 3.0

def predict_fn(data, model):
    x = np.atleast_2d(np.asarray(data, dtype=float))
    return 1.0 / (1.0 + np.exp(-model * x[:, 0]))
"""


def _captured(folder: Path) -> list[dict]:
    return [json.loads(line) for f in sorted(folder.rglob("*.jsonl")) for line in f.read_text().splitlines() if line]


def _wait_captured(folder: Path, count: int) -> list[dict]:
    deadline = time.monotonic() + 30
    while len(found := _captured(folder)) < count:
        assert time.monotonic() < deadline, len(found)
        time.sleep(0.2)
    return found


def _ground_truth(folder: Path, labels: dict[str, object], extra: tuple[str, ...] = ()) -> Path:
    """SageMaker's merge format, in this hour's yyyy/mm/dd/hh folder."""
    hour = folder / datetime.now(timezone.utc).strftime("%Y/%m/%d/%H")
    hour.mkdir(parents=True, exist_ok=True)
    lines = [
        json.dumps(
            {
                "groundTruthData": {"data": str(label), "encoding": "CSV"},
                "eventMetadata": {"eventId": event},
                "eventVersion": "0",
            }
        )
        for event, label in labels.items()
    ]
    (hour / "labels.jsonl").write_text("\n".join([*lines, *extra]) + "\n")
    return hour / "labels.jsonl"


# -- through the SDK, against a server ---------------------------------------------------------------------------
def _deploy(session: Session, work: Path):
    write_script(work / "code", "serve.py", SCORER)
    (work / "empty").write_text("")
    with tarfile.open(work / "model.tar.gz", "w:gz") as tar:
        tar.add(work / "empty", arcname="empty")
    model = Model(
        model_data=(work / "model.tar.gz").as_uri(),
        entry_point="serve.py",
        source_dir=str(work / "code"),
        name="scorer",
        sagemaker_session=session,
    )
    capture = DataCaptureConfig(True, 100, (work / "capture").as_uri(), sagemaker_session=session)
    return model.deploy(
        1, "ml.m5.large", endpoint_name="scorer", data_capture_config=capture, serializer=JSONSerializer()
    )


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-3.0 * x))


def test_model_quality_monitor_against_a_server(tmp_path):
    rng = np.random.default_rng(11)
    with jupyter_server(tmp_path / "srv") as srv:
        work = tmp_path / "srv" / "root"
        session = Session(server_url=srv["url"], token=srv["token"])
        # a baseline whose labels are noisier than the traffic's: the traffic does better on every metric
        x = rng.normal(0, 1, 1000)
        probability = _sigmoid(x)
        baseline = pd.DataFrame(
            {
                "probability": probability.round(6),
                "prediction": (probability >= 0.5).astype(int),
                "label": (x + rng.normal(0, 2.0, len(x)) > 0).astype(int),
            }
        )
        baseline.to_csv(work / "validation.csv", index=False)
        monitor = ModelQualityMonitor(
            role="any", instance_count=1, instance_type="ml.m5.xlarge", sagemaker_session=session
        )
        job = monitor.suggest_baseline(
            baseline_dataset=(work / "validation.csv").as_uri(),
            dataset_format=DatasetFormat.csv(header=True),
            output_s3_uri=(work / "quality-baseline").as_uri(),
            problem_type="BinaryClassification",
            inference_attribute="prediction",
            probability_attribute="probability",
            ground_truth_attribute="label",
            wait=False,  # it runs while the endpoint starts
            job_name="quality-baseline",
        )
        predictor = _deploy(session, work)
        job.wait(logs=False)
        assert job.describe()["ProcessingJobStatus"] == "Completed", job.describe()
        stats = job.baseline_statistics().body_dict
        assert stats["version"] == 0.0 and stats["dataset"]["item_count"] == 1000
        metrics = stats["binary_classification_metrics"]
        truth, guess = baseline["label"].to_numpy(), baseline["prediction"].to_numpy()
        assert metrics["accuracy"]["value"] == pytest.approx(sk.accuracy_score(truth, guess))
        assert metrics["f1"]["value"] == pytest.approx(sk.f1_score(truth, guess))
        assert metrics["auc"]["value"] == pytest.approx(sk.roc_auc_score(truth, baseline["probability"]))
        assert metrics["accuracy"]["standard_deviation"] > 0  # 5 samples of 80%, from 200 pairs on
        assert metrics["confusion_matrix"]["1"]["1"] == int(((truth == 1) & (guess == 1)).sum())
        constraints = monitor.suggested_constraints().body_dict["binary_classification_constraints"]
        assert constraints["accuracy"] == {
            "threshold": metrics["accuracy"]["value"],
            "comparison_operator": "LessThanThreshold",
        }
        assert constraints["false_positive_rate"]["comparison_operator"] == "GreaterThanThreshold"

        for value in rng.normal(0, 1, 120):  # one record a request: one event id, one label
            predictor.predict([[float(value), 1.0]])
        captured = _wait_captured(work / "capture", 120)
        pairs = {}
        for record in captured:
            sent = json.loads(record["captureData"]["endpointInput"]["data"])[0][0]
            answered = json.loads(record["captureData"]["endpointOutput"]["data"])[0]
            pairs[record["eventMetadata"]["eventId"]] = (int(sent + rng.normal(0, 0.5) > 0), answered)
        _ground_truth(work / "ground-truth", {event: label for event, (label, _) in pairs.items()})

        monitor.create_monitoring_schedule(
            endpoint_input="scorer",
            ground_truth_input=(work / "ground-truth").as_uri(),
            problem_type="BinaryClassification",
            output_s3_uri=(work / "quality-reports").as_uri(),
            monitor_schedule_name="quality-now",
            schedule_cron_expression=CronExpressionGenerator.now(),
            data_analysis_start_time="-PT1H",
            data_analysis_end_time="-PT0H",
        )
        # the low-level client, alongside: a model quality job definition with a constraint made too strict, a
        # schedule naming it
        strict = work / "strict.json"
        strict.write_text(
            json.dumps(
                {
                    "version": 0.0,
                    "binary_classification_constraints": {
                        "accuracy": {"threshold": 0.999, "comparison_operator": "LessThanThreshold"}
                    },
                }
            )
        )
        sm = session.sagemaker_client
        sm.create_model_quality_job_definition(
            JobDefinitionName="strict-quality",
            ModelQualityBaselineConfig={"ConstraintsResource": {"S3Uri": strict.as_uri()}},
            ModelQualityAppSpecification={"ImageUri": "model-monitor-analyzer", "ProblemType": "BinaryClassification"},
            ModelQualityJobInput={
                "EndpointInput": {
                    "EndpointName": "scorer",
                    "LocalPath": "/opt/ml/processing/input",
                    "ProbabilityAttribute": "0",
                    "ProbabilityThresholdAttribute": 0.5,
                },
                "GroundTruthS3Input": {"S3Uri": (work / "ground-truth").as_uri()},
            },
            ModelQualityJobOutputConfig={"MonitoringOutputs": [{"S3Output": {"S3Uri": (work / "strict").as_uri()}}]},
            JobResources={"ClusterConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 20}},
            RoleArn="arn:aws:iam::111122223333:role/monitor",
        )
        with pytest.raises(ClientError) as outside:  # ground truth outside the user's volume
            sm.create_model_quality_job_definition(
                JobDefinitionName="outside",
                ModelQualityAppSpecification={"ProblemType": "Regression"},
                ModelQualityJobInput={
                    "EndpointInput": {"EndpointName": "scorer"},
                    "GroundTruthS3Input": {"S3Uri": "/etc"},
                },
                ModelQualityJobOutputConfig={"MonitoringOutputs": [{"S3Output": {"S3Uri": "out"}}]},
            )
        assert outside.value.response["Error"]["Code"] == "ValidationException"
        assert "GroundTruthS3Input.S3Uri" in str(outside.value)
        with pytest.raises(ValueError, match="problem_type"):
            ModelQualityMonitor(sagemaker_session=session).create_monitoring_schedule(
                endpoint_input="scorer", ground_truth_input="ground-truth", problem_type="Ranking"
            )
        listed = sm.list_model_quality_job_definitions(EndpointName="scorer")["JobDefinitionSummaries"]
        assert {d["MonitoringJobDefinitionName"] for d in listed} == {"strict-quality", monitor.job_definition_name}
        assert sm.list_data_quality_job_definitions()["JobDefinitionSummaries"] == []
        sm.create_monitoring_schedule(
            MonitoringScheduleName="strict-now",
            MonitoringScheduleConfig={
                "ScheduleConfig": {"ScheduleExpression": "NOW", **WINDOW},
                "MonitoringJobDefinitionName": "strict-quality",
                "MonitoringType": "ModelQuality",
            },
        )
        (execution,) = monitor.list_executions()
        described = execution.wait(timeout=60)
        assert described["MonitoringExecutionStatus"] == "Completed", described
        assert described["MonitoringType"] == "ModelQuality"
        window = execution.statistics().body_dict
        found = window["binary_classification_metrics"]
        truth = np.array([label for label, _ in pairs.values()])
        scores = np.array([p for _, p in pairs.values()])
        guess = (scores >= 0.5).astype(int)
        assert window["dataset"]["item_count"] == 120
        for name, expected in (
            ("accuracy", sk.accuracy_score(truth, guess)),
            ("precision", sk.precision_score(truth, guess)),
            ("recall", sk.recall_score(truth, guess)),
            ("f1", sk.f1_score(truth, guess)),
            ("auc", sk.roc_auc_score(truth, scores)),
        ):
            assert found[name]["value"] == pytest.approx(expected), name
        assert execution.constraint_violations().body_dict == {"violations": []}
        described = monitor.describe_schedule()
        assert described["MonitoringType"] == "ModelQuality"
        assert described["MonitoringScheduleConfig"]["MonitoringJobDefinitionName"] == monitor.job_definition_name

        attached = ModelQualityMonitor.attach("strict-now", sagemaker_session=session)
        (strict_run,) = attached.list_executions()
        assert strict_run.wait(timeout=60)["MonitoringExecutionStatus"] == "CompletedWithViolations"
        listed = sm.list_monitoring_executions(MonitoringScheduleName="strict-now")["MonitoringExecutionSummaries"]
        assert listed[0]["MonitoringType"] == "ModelQuality"
        (violation,) = attached.latest_monitoring_constraint_violations().body_dict["violations"]
        assert violation["metric_name"] == "accuracy" and violation["constraint_check_type"] == "LessThanThreshold"
        assert violation["description"].startswith(f"Metric accuracy with {found['accuracy']['value']}")
        assert (
            attached.latest_monitoring_statistics().body_dict["binary_classification_metrics"]["accuracy"]
            == (found["accuracy"])
        )
        attached.stop_monitoring_schedule()
        assert attached.describe_schedule()["MonitoringScheduleStatus"] == "Stopped"
        attached.start_monitoring_schedule()
        attached.delete_monitoring_schedule()  # and its job definition
        before = monitor.job_definition_name
        monitor.update_monitoring_schedule(schedule_cron_expression=CronExpressionGenerator.daily(hour=3))
        described = monitor.describe_schedule()["MonitoringScheduleConfig"]
        assert described["ScheduleConfig"]["ScheduleExpression"] == "cron(0 3 ? * * *)"
        assert described["MonitoringJobDefinitionName"] == monitor.job_definition_name != before
        assert described["MonitoringJobDefinition"]["MonitoringInputs"][0]["GroundTruthS3Input"]["S3Uri"].endswith(
            "ground-truth"
        )
        monitor.delete_monitoring_schedule()
        assert sm.list_model_quality_job_definitions()["JobDefinitionSummaries"] == []
        predictor.delete_endpoint()


# -- embedded services: regression, unreadable records, no data, refusals ----------------------------------------
def _op(name: str):
    return next(o for o in OPERATIONS if o.name == name)


def _schedule(name: str, ground_truth: str, constraints: str | None = None, problem: str | None = "Regression") -> dict:
    definition: dict = {
        "MonitoringInputs": [
            {"EndpointInput": {"EndpointName": "fitted"}, "GroundTruthS3Input": {"S3Uri": ground_truth}}
        ],
        "MonitoringOutputConfig": {"MonitoringOutputs": [{"S3Output": {"S3Uri": "reports"}}]},
        "ProblemType": problem,
    }
    if constraints:
        definition["BaselineConfig"] = {"ConstraintsResource": {"S3Uri": constraints}}
    return {
        "MonitoringScheduleName": name,
        "MonitoringScheduleConfig": {
            "ScheduleConfig": {"ScheduleExpression": "NOW", **WINDOW},
            "MonitoringJobDefinition": definition,
            "MonitoringType": "ModelQuality",
        },
    }


def _execution(monitor, viewer, name: str) -> dict:
    deadline = time.monotonic() + 60
    while True:
        (found,) = monitor.list_monitoring_executions(viewer, monitoring_schedule_name=name).model_dump(mode="json")[
            "MonitoringExecutionSummaries"
        ]
        if found["MonitoringExecutionStatus"] not in ("Pending", "InProgress", "Stopping"):
            return found
        assert time.monotonic() < deadline, found
        time.sleep(0.2)


def test_regression_quality_bad_records_and_refusals(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    settings = StudioSettings(smstudio_home=str(tmp_path / "home"), root_dir=str(work))
    services = build_services(settings)
    services.start()
    viewer = services.viewer("alice")
    monitor = services.get(MONITOR)

    def refused(call, body: dict) -> BadRequest:
        with pytest.raises(BadRequest) as err:
            call(viewer, _op(call.__name__).validate(body))
        return err.value

    try:
        rng = np.random.default_rng(5)
        x = rng.normal(size=(50, 4))
        model = packed_model(work / "fitted", LinearRegression().fit(x, 2 * x[:, 0] + 1))
        endpoints = services.get(ENDPOINTS)
        endpoints.create_model(
            viewer,
            CreateModelRequest.model_validate({"ModelName": "fitted", "PrimaryContainer": {"ModelDataUrl": model}}),
        )
        endpoints.create_endpoint_config(
            viewer,
            CreateEndpointConfigRequest.model_validate(
                {
                    "EndpointConfigName": "fitted",
                    "ProductionVariants": [{"VariantName": "main", "ModelName": "fitted"}],
                    "DataCaptureConfig": {
                        "InitialSamplingPercentage": 100,
                        "DestinationS3Uri": (work / "capture").as_uri(),
                        "CaptureOptions": [{"CaptureMode": "Input"}, {"CaptureMode": "Output"}],
                    },
                }
            ),
        )
        endpoints.create_endpoint(viewer, CreateEndpointRequest(EndpointName="fitted", EndpointConfigName="fitted"))
        assert wait_status(_Client(endpoints.describe_endpoint, viewer), "fitted")["EndpointStatus"] == "InService"
        for row in rng.normal(size=(40, 4)).round(4):
            endpoints.invoke(viewer, "fitted", ",".join(map(str, row)).encode(), "text/csv", "application/json")
        captured = _wait_captured(work / "capture", 40)
        truths, pairs = {}, []
        for record in captured:
            sent = float(record["captureData"]["endpointInput"]["data"].split(",")[0])
            predicted = json.loads(record["captureData"]["endpointOutput"]["data"])[0]
            truths[record["eventMetadata"]["eventId"]] = round(2 * sent + 1 + rng.normal(0, 0.3), 4)
            pairs.append((truths[record["eventMetadata"]["eventId"]], predicted))
        odd_event = captured[0]["eventMetadata"]["eventId"]
        labels = _ground_truth(
            work / "truth",
            {**truths, odd_event: "abc"},  # a label of the wrong type for a captured inference
            extra=("not json", json.dumps({"groundTruthData": {"data": "1", "encoding": "CSV"}})),
        )
        # a baseline on the same model's validation pairs: its constraints, at its own error levels
        pd.DataFrame({"y": [t for t, _ in pairs], "yhat": [p for _, p in pairs]}).to_csv(work / "val.csv", index=False)
        baseline = {
            "BaseliningJobName": "regression-baseline",
            "BaselineDatasetS3Uri": "val.csv",
            "DatasetFormat": {"Csv": {"Header": True}},
            "OutputS3Uri": "regression-baseline",
            "ProblemType": "Regression",
            "InferenceAttribute": "yhat",
            "GroundTruthAttribute": "y",
        }
        monitor.create_baselining_job(viewer, _op("create_baselining_job").validate(baseline))
        (work / "bad-val.csv").write_text("y,yhat\n1.0,2.0\nabc,1.0\n")  # a label of the wrong type, row 2
        bad_baseline = {**baseline, "BaseliningJobName": "b3", "BaselineDatasetS3Uri": "bad-val.csv"}
        monitor.create_baselining_job(viewer, _op("create_baselining_job").validate(bad_baseline))
        assert services.get(JOBS).wait(viewer, "regression-baseline", timeout=60).status == "Completed"
        suggested = json.loads((work / "regression-baseline" / "constraints.json").read_text())
        assert suggested["regression_constraints"]["rmse"]["comparison_operator"] == "GreaterThanThreshold"

        body = _schedule("regression-now", "truth", "regression-baseline/constraints.json")
        monitor.create_monitoring_schedule(viewer, _op("create_monitoring_schedule").validate(body))
        (work / "no-labels").mkdir()  # a window where nothing merges, run alongside
        empty = _op("create_monitoring_schedule").validate(_schedule("empty", "no-labels"))
        monitor.create_monitoring_schedule(viewer, empty)
        execution = _execution(monitor, viewer, "regression-now")
        assert execution["MonitoringExecutionStatus"] == "CompletedWithViolations", execution
        assert execution["MonitoringType"] == "ModelQuality"
        report = Path(execution["OutputS3Uri"].removeprefix("file://"))
        window = json.loads((report / "statistics.json").read_text())["regression_metrics"]
        truth = np.array([t for t, _ in pairs[1:]])  # the first one's label is unreadable: not merged
        guess = np.array([p for _, p in pairs[1:]])
        assert window["mae"]["value"] == pytest.approx(sk.mean_absolute_error(truth, guess))
        assert window["rmse"]["value"] == pytest.approx(np.sqrt(sk.mean_squared_error(truth, guess)))
        assert window["r2"]["value"] == pytest.approx(sk.r2_score(truth, guess))
        assert window["mae"]["standard_deviation"] == "NaN"  # fewer than 200 pairs
        violations = json.loads((report / "constraint_violations.json").read_text())["violations"]
        records = [v["description"] for v in violations if v["constraint_check_type"] == "data_type_check"]
        where = labels.relative_to(work / "truth").as_posix()
        assert any(d.startswith(f"Record {where}:41:") and "(JSON)" in d for d in records), records
        assert any(d.startswith(f"Record {where}:42:") and "eventMetadata.eventId" in d for d in records), records
        assert any(f"(eventId {odd_event})" in d and "'abc' is not a number" in d for d in records), records
        assert all(v["metric_name"] == "" for v in violations if v["constraint_check_type"] == "data_type_check")

        failed = _execution(monitor, viewer, "empty")
        assert failed["MonitoringExecutionStatus"] == "Failed" and failed["FailureReason"] == "Job inputs had no data"

        # refusals that name their field
        field = "MonitoringScheduleConfig.MonitoringJobDefinition"
        err = refused(monitor.create_monitoring_schedule, _schedule("s", "/etc"))
        assert err.field == f"{field}.MonitoringInputs.0.GroundTruthS3Input.S3Uri"
        err = refused(monitor.create_monitoring_schedule, _schedule("s", "truth", problem=None))
        assert err.field == f"{field}.ProblemType"
        with pytest.raises(BadRequest) as unknown:
            _op("create_monitoring_schedule").validate(_schedule("s", "truth", problem="Ranking"))
        assert "ProblemType" in str(unknown.value.field) + unknown.value.message
        (work / "dq.json").write_text(json.dumps({"version": 0.0, "features": []}))
        err = refused(monitor.create_monitoring_schedule, _schedule("s", "truth", "dq.json"))
        assert (
            err.field == f"{field}.BaselineConfig.ConstraintsResource.S3Uri" and "regression_constraints" in err.message
        )
        err = refused(
            monitor.create_baselining_job, {**baseline, "BaseliningJobName": "b2", "GroundTruthAttribute": None}
        )
        assert err.field == "GroundTruthAttribute"
        job = services.get(JOBS).wait(viewer, "b3", timeout=60)
        assert job.status == "Failed" and "bad-val.csv row 2: 'abc' is not a number" in (job.failure_reason or "")
    finally:
        services.close()


def test_endpoint_input_names_the_prediction():
    found = EndpointInput("e", inference_attribute=0, probability_threshold_attribute=0.7)._to_request_dict()
    assert found["EndpointInput"]["InferenceAttribute"] == "0"
    assert found["EndpointInput"]["ProbabilityThresholdAttribute"] == 0.7


def test_multiclass_baseline_from_json_lines_and_where_predictions_are_read(tmp_path):
    """In process (the function a baselining job runs): a JSON Lines dataset of a 3-class model."""
    rng = np.random.default_rng(2)
    truth = rng.choice(["cat", "dog", "fox"], 300)
    guess = np.where(rng.uniform(size=300) < 0.8, truth, rng.choice(["cat", "dog", "fox"], 300))
    rows = [json.dumps({"species": t, "answer": {"label": g}}) for t, g in zip(truth, guess, strict=True)]
    (tmp_path / "val.jsonl").write_text("\n".join(rows) + "\n")
    job = Job(
        {
            "dataset_url": (tmp_path / "val.jsonl").as_uri(),
            "format": {"json": {"lines": True}},
            "output_url": (tmp_path / "out").as_uri(),
            "quality": {
                "problem_type": "MulticlassClassification",
                "inference_attribute": "answer",
                "ground_truth_attribute": "species",
            },
        }
    )
    with pytest.raises(QualityFailure, match="row 1: .* is not a label"):  # the column holds objects
        quality_job.baseline(job)
    rows = [json.dumps({"species": t, "label": g}) for t, g in zip(truth, guess, strict=True)]
    (tmp_path / "val.jsonl").write_text("\n".join(rows) + "\n")
    job.c["quality"]["inference_attribute"] = "label"
    quality_job.baseline(job)
    stats = json.loads((tmp_path / "out" / "statistics.json").read_text())["multiclass_classification_metrics"]
    assert stats["accuracy"]["value"] == pytest.approx(sk.accuracy_score(truth, guess))
    assert stats["weighted_f1"]["value"] == pytest.approx(sk.f1_score(truth, guess, average="weighted"))
    assert sum(stats["confusion_matrix"]["cat"].values()) == int((truth == "cat").sum())
    constraints = json.loads((tmp_path / "out" / "constraints.json").read_text())
    assert set(constraints["multiclass_classification_constraints"]) == {
        "accuracy",
        "weighted_recall",
        "weighted_precision",
        "weighted_f0_5",
        "weighted_f1",
        "weighted_f2",
    }

    binary = quality_job.Attributes("BinaryClassification", probability="predictions[0].score", threshold=0.7)
    assert quality_job.predicted(binary, {"predictions": [{"score": 0.75}]}, csv_row=False) == (1, 0.75)
    assert quality_job.predicted(binary, {"predictions": [{"score": 0.65}]}, csv_row=False) == (0, 0.65)
    by_index = quality_job.Attributes("Regression", inference="2")
    assert quality_job.predicted(by_index, ["a", "b", "4.5"], csv_row=True) == (4.5, None)
    with pytest.raises(quality_job.BadValue, match="no attribute 'score'"):
        quality_job.predicted(quality_job.Attributes("Regression", inference="score"), ["1"], csv_row=True)


def test_an_execution_merges_on_the_inference_id_when_the_request_gave_one(tmp_path):
    """In process (the function an execution runs), on capture files as the Endpoints room writes them."""
    now = datetime.now(timezone.utc)
    hour = now.strftime("%Y/%m/%d/%H")
    records = []
    for i, answer in enumerate([0.9, 0.2, 0.7, 0.4]):  # labels 1, 0, 0, 1 below
        meta = {"eventId": f"event-{i}", "inferenceTime": now.strftime("%Y-%m-%dT%H:%M:%S.000Z")}
        if i % 2 == 0:
            meta["inferenceId"] = f"order-{i}"  # labelled by the id the request gave
        records.append(
            {
                "captureData": {"endpointOutput": {"data": str(answer), "encoding": "CSV", "mode": "OUTPUT"}},
                "eventMetadata": meta,
                "eventVersion": "0",
            }
        )
    folder = tmp_path / "capture" / "ep" / "main" / hour
    folder.mkdir(parents=True)
    (folder / "part.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n")
    labels = {"order-0": 1, "event-1": 0, "order-2": 0, "event-3": 1}
    _ground_truth(tmp_path / "truth", labels)
    job = Job(
        {
            "capture_url": (tmp_path / "capture" / "ep").as_uri(),
            "ground_truth_url": (tmp_path / "truth").as_uri(),
            "start": (now - pd.Timedelta(hours=1)).isoformat(),
            "end": (now + pd.Timedelta(minutes=1)).isoformat(),
            "now": now.isoformat(),
            "output_url": (tmp_path / "out").as_uri(),
            "quality": {"problem_type": "BinaryClassification", "probability_threshold": 0.5},
        }
    )
    quality_job.execution(job)
    stats = json.loads((tmp_path / "out" / "statistics.json").read_text())
    assert stats["dataset"]["item_count"] == 4
    found = stats["binary_classification_metrics"]
    assert found["accuracy"]["value"] == pytest.approx(0.5)
    assert found["auc"]["value"] == pytest.approx(sk.roc_auc_score([1, 0, 0, 1], [0.9, 0.2, 0.7, 0.4]))
    assert found["confusion_matrix"] == {"0": {"0": 1, "1": 1}, "1": {"0": 1, "1": 1}}
