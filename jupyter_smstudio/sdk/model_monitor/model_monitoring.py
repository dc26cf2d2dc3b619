"""`DefaultModelMonitor` and what it hands back (`BaseliningJob`, `MonitoringExecution`), as SageMaker's Python
SDK v2 has them, over the Model Monitor room: `suggest_baseline` starts a baselining job (a job of the Jobs room),
`create_monitoring_schedule` a schedule whose executions analyze the endpoint's captured data.

A `NOW` schedule (`CronExpressionGenerator.now()` with `data_analysis_start_time="-PT1H"`,
`data_analysis_end_time="-PT0H"`) runs once, at once: how a notebook runs the analysis on demand.
"""

from __future__ import annotations

import time
import uuid
from datetime import datetime, timezone
from typing import Any, Optional, Union

from ...core.storage import join_url
from .cron_expression_generator import CronExpressionGenerator
from .dataset_format import to_request
from .monitoring_files import Constraints, ConstraintViolations, Statistics

FINAL = ("Completed", "CompletedWithViolations", "Failed", "Stopped")


def _session(sagemaker_session: Any) -> Any:
    from ..session import Session

    return sagemaker_session or Session()


def _name(base: str) -> str:
    return f"{base}-{datetime.now(timezone.utc):%Y-%m-%d-%H-%M-%S-%f}"[:63]


class EndpointInput:
    """The endpoint a schedule watches; for model quality, where the prediction is in its answers (a CSV column
    index, or a JSON attribute such as `predicted_label` or `predictions[0].score`)."""

    def __init__(
        self,
        endpoint_name: str,
        destination: str = "/opt/ml/processing/input/endpoint",
        s3_input_mode: str = "File",
        s3_data_distribution_type: str = "FullyReplicated",
        inference_attribute: Optional[str] = None,
        probability_attribute: Optional[str] = None,
        probability_threshold_attribute: Optional[float] = None,
        **_unused: Any,
    ):
        self.endpoint_name = endpoint_name
        self.destination = destination
        self.s3_input_mode = s3_input_mode
        self.s3_data_distribution_type = s3_data_distribution_type
        self.inference_attribute = inference_attribute
        self.probability_attribute = probability_attribute
        self.probability_threshold_attribute = probability_threshold_attribute

    def _to_request_dict(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "EndpointName": self.endpoint_name,
            "LocalPath": self.destination,
            "S3InputMode": self.s3_input_mode,
            "S3DataDistributionType": self.s3_data_distribution_type,
        }
        for key, value in (
            ("InferenceAttribute", self.inference_attribute),
            ("ProbabilityAttribute", self.probability_attribute),
            ("ProbabilityThresholdAttribute", self.probability_threshold_attribute),
        ):
            if value is not None:
                found[key] = str(value) if key != "ProbabilityThresholdAttribute" else float(value)
        return {"EndpointInput": found}


class BatchTransformInput:
    """A data quality schedule over what batch transform jobs captured (`Transformer.transform(...,
    batch_data_capture_config=BatchDataCaptureConfig(destination_s3_uri=...))`): their input files, read in
    `dataset_format` (`DatasetFormat.csv(header=False)` for a transform's CSV input)."""

    def __init__(
        self,
        data_captured_destination_s3_uri: str,
        destination: str = "/opt/ml/processing/input/batch",
        dataset_format: Any = None,
        s3_input_mode: str = "File",
        s3_data_distribution_type: str = "FullyReplicated",
        **_unused: Any,
    ):
        self.data_captured_destination_s3_uri = data_captured_destination_s3_uri
        self.destination = destination
        self.dataset_format = dataset_format if dataset_format is not None else {"csv": {"header": False}}
        self.s3_input_mode = s3_input_mode
        self.s3_data_distribution_type = s3_data_distribution_type

    def _to_request_dict(self) -> dict[str, Any]:
        return {
            "BatchTransformInput": {
                "DataCapturedDestinationS3Uri": self.data_captured_destination_s3_uri,
                "DatasetFormat": to_request(self.dataset_format),
                "LocalPath": self.destination,
                "S3InputMode": self.s3_input_mode,
                "S3DataDistributionType": self.s3_data_distribution_type,
            }
        }


def _source(stored: dict[str, Any]) -> Union[str, BatchTransformInput]:
    """A schedule's input as create_monitoring_schedule took it: an endpoint's name, or a BatchTransformInput."""
    batch = stored.get("BatchTransformInput")
    if batch is None:
        return str(stored["EndpointInput"]["EndpointName"])
    fmt = batch["DatasetFormat"]
    dataset_format = {"json": {"lines": True}} if fmt.get("Json") else {"csv": {"header": bool(fmt["Csv"]["Header"])}}
    return BatchTransformInput(batch["DataCapturedDestinationS3Uri"], batch["LocalPath"], dataset_format)


class BaseliningJob:
    """The job `suggest_baseline` started: its description and its two files."""

    def __init__(self, sagemaker_session: Any, job_name: str):
        self.sagemaker_session = sagemaker_session
        self.job_name = job_name

    def describe(self) -> dict[str, Any]:
        found: dict[str, Any] = self.sagemaker_session.backend.describe_baselining_job(self.job_name)
        return found

    def wait(self, logs: bool = True) -> None:
        self.sagemaker_session.wait_for_job(self.job_name, logs=logs)

    def baseline_statistics(self) -> Statistics:
        return Statistics.from_s3_uri(self.describe()["StatisticsS3Uri"], sagemaker_session=self.sagemaker_session)

    def suggested_constraints(self) -> Constraints:
        return Constraints.from_s3_uri(self.describe()["ConstraintsS3Uri"], sagemaker_session=self.sagemaker_session)


class MonitoringExecution:
    """One execution of a schedule: `describe()` (ListMonitoringExecutions' summary), and its files."""

    def __init__(self, sagemaker_session: Any, summary: dict[str, Any]):
        self.sagemaker_session = sagemaker_session
        self._summary = summary
        self.job_name = summary.get("ProcessingJobName")
        self.output_uri = summary.get("OutputS3Uri")

    def describe(self) -> dict[str, Any]:
        return dict(self._summary)

    def wait(self, poll: float = 0.5, timeout: Optional[float] = None) -> dict[str, Any]:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self._summary["MonitoringExecutionStatus"] not in FINAL:
            if deadline is not None and time.monotonic() > deadline:
                break
            time.sleep(poll)
            answer = self.sagemaker_session.backend.list_monitoring_executions(
                monitoring_schedule_name=self._summary["MonitoringScheduleName"], limit=100
            )
            for found in answer["MonitoringExecutionSummaries"]:
                if found.get("ProcessingJobName") == self.job_name:
                    self._summary = found
        return self.describe()

    def statistics(self) -> Statistics:
        return Statistics.from_s3_uri(
            join_url(str(self.output_uri), "statistics.json"), sagemaker_session=self.sagemaker_session
        )

    def constraint_violations(self) -> ConstraintViolations:
        url = join_url(str(self.output_uri), "constraint_violations.json")
        return ConstraintViolations.from_s3_uri(url, sagemaker_session=self.sagemaker_session)


class ModelMonitor:
    """What every monitor shares: its schedule, once created or attached."""

    monitoring_type = "DataQuality"

    def __init__(
        self,
        role: Optional[str] = None,
        instance_count: int = 1,
        instance_type: str = "ml.m5.xlarge",
        volume_size_in_gb: int = 30,
        volume_kms_key: Optional[str] = None,
        output_kms_key: Optional[str] = None,
        max_runtime_in_seconds: Optional[int] = None,
        base_job_name: Optional[str] = None,
        sagemaker_session: Any = None,
        env: Optional[dict[str, str]] = None,
        tags: Optional[list[dict[str, str]]] = None,
        network_config: Any = None,
        **_aws_only: Any,
    ):
        self.role = role
        self.instance_count = instance_count
        self.instance_type = instance_type
        self.volume_size_in_gb = volume_size_in_gb
        self.max_runtime_in_seconds = max_runtime_in_seconds
        self.base_job_name = base_job_name
        self.sagemaker_session = _session(sagemaker_session)
        self.env = env or {}
        self.tags = tags or []
        self.latest_baselining_job: Optional[BaseliningJob] = None
        self.latest_baselining_job_name: Optional[str] = None
        self.monitoring_schedule_name: Optional[str] = None

    @property
    def _backend(self) -> Any:
        return self.sagemaker_session.backend

    @property
    def _client(self) -> Any:
        return self.sagemaker_session.sagemaker_client

    # -- schedules ----------------------------------------------------------------------------------------------
    def describe_schedule(self) -> dict[str, Any]:
        found: dict[str, Any] = self._client.describe_monitoring_schedule(MonitoringScheduleName=self._schedule())
        return found

    def list_executions(self) -> list[MonitoringExecution]:
        """Every execution of the schedule, oldest first (as the SDK lists them)."""
        found: list[dict[str, Any]] = []
        offset = 0
        while True:
            answer = self._backend.list_monitoring_executions(
                monitoring_schedule_name=self._schedule(), limit=100, offset=offset
            )
            found.extend(answer["MonitoringExecutionSummaries"])
            offset += len(answer["MonitoringExecutionSummaries"])
            if offset >= answer["Total"] or not answer["MonitoringExecutionSummaries"]:
                break
        return [MonitoringExecution(self.sagemaker_session, s) for s in reversed(found)]

    def latest_monitoring_statistics(self) -> Optional[Statistics]:
        executions = self.list_executions()
        return executions[-1].statistics() if executions else None

    def latest_monitoring_constraint_violations(self) -> Optional[ConstraintViolations]:
        executions = self.list_executions()
        return executions[-1].constraint_violations() if executions else None

    def stop_monitoring_schedule(self) -> None:
        self._client.stop_monitoring_schedule(MonitoringScheduleName=self._schedule())

    def start_monitoring_schedule(self) -> None:
        self._client.start_monitoring_schedule(MonitoringScheduleName=self._schedule())

    def delete_monitoring_schedule(self) -> None:
        self._client.delete_monitoring_schedule(MonitoringScheduleName=self._schedule())
        self.monitoring_schedule_name = None

    def _schedule(self) -> str:
        if self.monitoring_schedule_name is None:
            raise ValueError("this monitor has no schedule: call create_monitoring_schedule() or attach()")
        return self.monitoring_schedule_name

    def _new_schedule_name(self, endpoint_input: Any, batch_transform_input: Any, name: Optional[str]) -> str:
        """create_monitoring_schedule's checks, the same for every monitor; the schedule's name."""
        if self.monitoring_schedule_name is not None:
            raise ValueError("this monitor already has a schedule: update_monitoring_schedule() or a new monitor")
        if (endpoint_input is None) == (batch_transform_input is None):
            raise ValueError(
                "give one of endpoint_input (an endpoint name or an EndpointInput) and batch_transform_input"
            )
        return name or _name(self.base_job_name or "monitoring-schedule")

    # -- baselines --------------------------------------------------------------------------------------------------
    def _start_baseline(
        self,
        request: dict[str, Any],
        dataset_format: dict[str, Any],
        output_s3_uri: Optional[str],
        job_name: Optional[str],
        wait: bool,
        logs: bool,
    ) -> BaseliningJob:
        """A baselining job of `request` (the monitor's own fields) over its dataset, named and placed as the SDK
        does; the monitor's latest."""
        name = job_name or _name(self.base_job_name or "baseline-suggestion-job")
        output = output_s3_uri or join_url(self.sagemaker_session.default_bucket(), "model-monitor", "baselining", name)
        request = {
            "BaseliningJobName": name,
            "DatasetFormat": to_request(dataset_format),
            "OutputS3Uri": output,
            "Environment": self.env,
            **request,
        }
        if self.max_runtime_in_seconds is not None:
            request["MaxRuntimeInSeconds"] = self.max_runtime_in_seconds
        self._backend.create_baselining_job(request)
        job = BaseliningJob(self.sagemaker_session, name)
        self.latest_baselining_job, self.latest_baselining_job_name = job, name
        if wait:
            job.wait(logs=logs)
        return job

    def _latest_baseline(self) -> BaseliningJob:
        if self.latest_baselining_job is None:
            raise ValueError("no baselining job yet: call suggest_baseline() first")
        return self.latest_baselining_job

    def suggested_constraints(self) -> Constraints:
        return self._latest_baseline().suggested_constraints()


class DefaultModelMonitor(ModelMonitor):
    """Data quality: statistics and constraints of a baseline, checked against an endpoint's captured data."""

    def suggest_baseline(
        self,
        baseline_dataset: str,
        dataset_format: dict[str, Any],
        record_preprocessor_script: Optional[str] = None,
        post_analytics_processor_script: Optional[str] = None,
        output_s3_uri: Optional[str] = None,
        wait: bool = True,
        logs: bool = True,
        job_name: Optional[str] = None,
        **_aws_only: Any,
    ) -> BaseliningJob:
        request = {"BaselineDatasetS3Uri": baseline_dataset, "InstanceCount": self.instance_count}
        return self._start_baseline(request, dataset_format, output_s3_uri, job_name, wait, logs)

    def baseline_statistics(self) -> Statistics:
        return self._latest_baseline().baseline_statistics()

    def create_monitoring_schedule(
        self,
        endpoint_input: Union[str, EndpointInput, None] = None,
        record_preprocessor_script: Optional[str] = None,
        post_analytics_processor_script: Optional[str] = None,
        output_s3_uri: Optional[str] = None,
        constraints: Union[str, Constraints, None] = None,
        statistics: Union[str, Statistics, None] = None,
        monitor_schedule_name: Optional[str] = None,
        schedule_cron_expression: Optional[str] = None,
        enable_cloudwatch_metrics: bool = True,
        batch_transform_input: Optional[BatchTransformInput] = None,
        data_analysis_start_time: Optional[str] = None,
        data_analysis_end_time: Optional[str] = None,
        **_aws_only: Any,
    ) -> None:
        name = self._new_schedule_name(endpoint_input, batch_transform_input, monitor_schedule_name)
        source = batch_transform_input or endpoint_input
        assert source is not None  # checked
        config = self._config(
            source,
            output_s3_uri,
            constraints,
            statistics,
            schedule_cron_expression,
            enable_cloudwatch_metrics,
            data_analysis_start_time,
            data_analysis_end_time,
            name,
        )
        # through boto3's client: a refusal is a ClientError (ValidationException) as on SageMaker
        self._client.create_monitoring_schedule(
            MonitoringScheduleName=name, MonitoringScheduleConfig=config, Tags=self.tags
        )
        self.monitoring_schedule_name = name

    def update_monitoring_schedule(
        self,
        endpoint_input: Union[str, EndpointInput, None] = None,
        output_s3_uri: Optional[str] = None,
        constraints: Union[str, Constraints, None] = None,
        statistics: Union[str, Statistics, None] = None,
        schedule_cron_expression: Optional[str] = None,
        enable_cloudwatch_metrics: Optional[bool] = None,
        data_analysis_start_time: Optional[str] = None,
        data_analysis_end_time: Optional[str] = None,
        **_aws_only: Any,
    ) -> None:
        """Change what is given; the rest stays as the schedule has it."""
        current = self.describe_schedule()["MonitoringScheduleConfig"]
        definition = current["MonitoringJobDefinition"]
        times = current.get("ScheduleConfig") or {}
        endpoint = endpoint_input or _source(definition["MonitoringInputs"][0])
        baseline = definition.get("BaselineConfig") or {}
        config = self._config(
            endpoint,
            output_s3_uri or definition["MonitoringOutputConfig"]["MonitoringOutputs"][0]["S3Output"]["S3Uri"],
            constraints or (baseline.get("ConstraintsResource") or {}).get("S3Uri"),
            statistics or (baseline.get("StatisticsResource") or {}).get("S3Uri"),
            schedule_cron_expression or times.get("ScheduleExpression"),
            True if enable_cloudwatch_metrics is None else enable_cloudwatch_metrics,
            data_analysis_start_time or times.get("DataAnalysisStartTime"),
            data_analysis_end_time or times.get("DataAnalysisEndTime"),
            self._schedule(),
        )
        self._client.update_monitoring_schedule(
            MonitoringScheduleName=self._schedule(), MonitoringScheduleConfig=config
        )

    @classmethod
    def attach(cls, monitor_schedule_name: str, sagemaker_session: Any = None) -> DefaultModelMonitor:
        session = _session(sagemaker_session)
        described = session.sagemaker_client.describe_monitoring_schedule(MonitoringScheduleName=monitor_schedule_name)
        cluster = described["MonitoringScheduleConfig"]["MonitoringJobDefinition"]["MonitoringResources"][
            "ClusterConfig"
        ]
        monitor = cls(
            instance_count=cluster["InstanceCount"],
            instance_type=cluster["InstanceType"],
            volume_size_in_gb=cluster["VolumeSizeInGB"],
            sagemaker_session=session,
        )
        monitor.monitoring_schedule_name = monitor_schedule_name
        return monitor

    # -- the request ----------------------------------------------------------------------------------------------
    def _config(
        self,
        source: Union[str, EndpointInput, BatchTransformInput],
        output_s3_uri: Optional[str],
        constraints: Union[str, Constraints, None],
        statistics: Union[str, Statistics, None],
        expression: Optional[str],
        metrics: bool,
        start: Optional[str],
        end: Optional[str],
        name: str,
    ) -> dict[str, Any]:
        watched = EndpointInput(source) if isinstance(source, str) else source
        if constraints is None and self.latest_baselining_job is not None:
            constraints = self.latest_baselining_job.suggested_constraints()
        if statistics is None and self.latest_baselining_job is not None:
            statistics = self.latest_baselining_job.baseline_statistics()
        baseline: dict[str, Any] = {}
        for key, given in (("ConstraintsResource", constraints), ("StatisticsResource", statistics)):
            if given is not None:
                baseline[key] = {"S3Uri": given if isinstance(given, str) else given.file_s3_uri}
        times: dict[str, Any] = {"ScheduleExpression": expression or CronExpressionGenerator.hourly()}
        if start is not None:
            times["DataAnalysisStartTime"] = start
        if end is not None:
            times["DataAnalysisEndTime"] = end
        output = output_s3_uri or join_url(
            self.sagemaker_session.default_bucket(), "model-monitor", "reports", str(uuid.uuid4())[:8]
        )
        definition: dict[str, Any] = {
            "MonitoringInputs": [watched._to_request_dict()],
            "MonitoringOutputConfig": {"MonitoringOutputs": [{"S3Output": {"S3Uri": output}}]},
            "MonitoringResources": {
                "ClusterConfig": {
                    "InstanceCount": self.instance_count,
                    "InstanceType": self.instance_type,
                    "VolumeSizeInGB": self.volume_size_in_gb,
                }
            },
            "Environment": {**self.env, "publish_cloudwatch_metrics": "Enabled" if metrics else "Disabled"},
        }
        if baseline:
            definition["BaselineConfig"] = baseline
        if self.max_runtime_in_seconds is not None:
            definition["StoppingCondition"] = {"MaxRuntimeInSeconds": self.max_runtime_in_seconds}
        if self.role is not None:
            definition["RoleArn"] = self.role
        return {"ScheduleConfig": times, "MonitoringJobDefinition": definition, "MonitoringType": "DataQuality"}
