"""`ModelQualityMonitor`, as SageMaker's Python SDK v2 has it: a baseline of a model's predictions against their
labels, and a schedule that merges the endpoint's captured inferences with the ground truth uploaded later
(SageMaker's merge format, JSON Lines in `yyyy/mm/dd/hh/` folders under `ground_truth_input`):

    {"groundTruthData": {"data": "1", "encoding": "CSV"}, "eventMetadata": {"eventId": "<captured eventId>"},
     "eventVersion": "0"}

As the SDK does, `create_monitoring_schedule` creates a model quality job definition and a schedule naming it
(MonitoringType "ModelQuality"); deleting the schedule deletes its definition too.
"""

from __future__ import annotations

import uuid
from typing import Any, Optional, Union

from ...core.storage import join_url
from .cron_expression_generator import CronExpressionGenerator
from .model_monitoring import BaseliningJob, BatchTransformInput, EndpointInput, ModelMonitor, _name, _session
from .monitoring_files import Constraints

PROBLEM_TYPES = ("BinaryClassification", "MulticlassClassification", "Regression")


def _problem(problem_type: Optional[str]) -> str:
    if problem_type not in PROBLEM_TYPES:
        raise ValueError(f"problem_type is one of {', '.join(PROBLEM_TYPES)}; got {problem_type!r}")
    return problem_type


class ModelQualityMonitor(ModelMonitor):
    """Model quality: accuracy, precision, recall, F1, AUC (classification) or MAE, RMSE, R2 (regression) of the
    endpoint's predictions against ground truth, checked against a baseline's constraints."""

    monitoring_type = "ModelQuality"
    JOB_DEFINITION_BASE_NAME = "model-quality-job-definition"

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.job_definition_name: Optional[str] = None

    def suggest_baseline(
        self,
        baseline_dataset: str,
        dataset_format: dict[str, Any],
        problem_type: str,
        job_name: Optional[str] = None,
        output_s3_uri: Optional[str] = None,
        wait: bool = False,
        logs: bool = False,
        inference_attribute: Optional[str] = None,
        probability_attribute: Optional[str] = None,
        ground_truth_attribute: Optional[str] = None,
        probability_threshold_attribute: Optional[float] = None,
        **_aws_only: Any,
    ) -> BaseliningJob:
        """A baselining job over a dataset holding predictions (`inference_attribute`, or for binary
        classification `probability_attribute` cut at `probability_threshold_attribute`) and labels
        (`ground_truth_attribute`): statistics.json with the metrics, constraints.json with their thresholds."""
        request = {
            "BaselineDatasetS3Uri": baseline_dataset,
            "ProblemType": _problem(problem_type),
            "InferenceAttribute": _text(inference_attribute),
            "ProbabilityAttribute": _text(probability_attribute),
            "GroundTruthAttribute": _text(ground_truth_attribute),
            "ProbabilityThresholdAttribute": probability_threshold_attribute,
        }
        return self._start_baseline(request, dataset_format, output_s3_uri, job_name, wait, logs)

    def create_monitoring_schedule(
        self,
        endpoint_input: Union[str, EndpointInput, None] = None,
        ground_truth_input: Optional[str] = None,
        problem_type: Optional[str] = None,
        record_preprocessor_script: Optional[str] = None,
        post_analytics_processor_script: Optional[str] = None,
        output_s3_uri: Optional[str] = None,
        constraints: Union[str, Constraints, None] = None,
        monitor_schedule_name: Optional[str] = None,
        schedule_cron_expression: Optional[str] = None,
        enable_cloudwatch_metrics: bool = True,
        batch_transform_input: Optional[BatchTransformInput] = None,
        data_analysis_start_time: Optional[str] = None,
        data_analysis_end_time: Optional[str] = None,
        **_aws_only: Any,
    ) -> None:
        name = self._new_schedule_name(endpoint_input, batch_transform_input, monitor_schedule_name)
        if endpoint_input is None:
            raise ValueError("model quality monitors an endpoint's captured data here: give endpoint_input")
        if not ground_truth_input:
            raise ValueError("ground_truth_input (where the ground truth labels are uploaded) is required")
        definition = self._definition(
            endpoint_input,
            ground_truth_input,
            _problem(problem_type),
            output_s3_uri,
            constraints,
            enable_cloudwatch_metrics,
        )
        self._client.create_model_quality_job_definition(**definition)
        try:  # through boto3's client: a refusal is a ClientError (ValidationException) as on SageMaker
            self._client.create_monitoring_schedule(
                MonitoringScheduleName=name,
                MonitoringScheduleConfig={
                    "ScheduleConfig": _times(
                        schedule_cron_expression, data_analysis_start_time, data_analysis_end_time
                    ),
                    "MonitoringJobDefinitionName": definition["JobDefinitionName"],
                    "MonitoringType": self.monitoring_type,
                },
                Tags=self.tags,
            )
        except Exception:
            self._client.delete_model_quality_job_definition(JobDefinitionName=definition["JobDefinitionName"])
            raise
        self.job_definition_name = definition["JobDefinitionName"]
        self.monitoring_schedule_name = name

    def update_monitoring_schedule(
        self,
        endpoint_input: Union[str, EndpointInput, None] = None,
        ground_truth_input: Optional[str] = None,
        problem_type: Optional[str] = None,
        output_s3_uri: Optional[str] = None,
        constraints: Union[str, Constraints, None] = None,
        schedule_cron_expression: Optional[str] = None,
        enable_cloudwatch_metrics: Optional[bool] = None,
        data_analysis_start_time: Optional[str] = None,
        data_analysis_end_time: Optional[str] = None,
        **_aws_only: Any,
    ) -> None:
        """Change what is given (the rest stays): a new job definition, the schedule moved onto it."""
        schedule = self.describe_schedule()["MonitoringScheduleConfig"]
        old = self._client.describe_model_quality_job_definition(JobDefinitionName=self._definition_name(schedule))
        given = old["ModelQualityJobInput"]
        if endpoint_input is None:
            endpoint_input = _endpoint_input(given["EndpointInput"])
        baseline = (old.get("ModelQualityBaselineConfig") or {}).get("ConstraintsResource") or {}
        environment = old["ModelQualityAppSpecification"].get("Environment") or {}
        definition = self._definition(
            endpoint_input,
            ground_truth_input or given["GroundTruthS3Input"]["S3Uri"],
            _problem(problem_type or old["ModelQualityAppSpecification"]["ProblemType"]),
            output_s3_uri or old["ModelQualityJobOutputConfig"]["MonitoringOutputs"][0]["S3Output"]["S3Uri"],
            constraints or baseline.get("S3Uri"),
            environment.get("publish_cloudwatch_metrics") != "Disabled"
            if enable_cloudwatch_metrics is None
            else enable_cloudwatch_metrics,
        )
        times = schedule.get("ScheduleConfig") or {}
        self._client.create_model_quality_job_definition(**definition)
        self._client.update_monitoring_schedule(
            MonitoringScheduleName=self._schedule(),
            MonitoringScheduleConfig={
                "ScheduleConfig": _times(
                    schedule_cron_expression or times.get("ScheduleExpression"),
                    data_analysis_start_time or times.get("DataAnalysisStartTime"),
                    data_analysis_end_time or times.get("DataAnalysisEndTime"),
                ),
                "MonitoringJobDefinitionName": definition["JobDefinitionName"],
                "MonitoringType": self.monitoring_type,
            },
        )
        self._client.delete_model_quality_job_definition(JobDefinitionName=old["JobDefinitionName"])
        self.job_definition_name = definition["JobDefinitionName"]

    def delete_monitoring_schedule(self) -> None:
        """The schedule and its job definition."""
        definition = self.job_definition_name or self._definition_name(
            self.describe_schedule()["MonitoringScheduleConfig"]
        )
        super().delete_monitoring_schedule()
        self._client.delete_model_quality_job_definition(JobDefinitionName=definition)
        self.job_definition_name = None

    @classmethod
    def attach(cls, monitor_schedule_name: str, sagemaker_session: Any = None) -> ModelQualityMonitor:
        session = _session(sagemaker_session)
        client = session.sagemaker_client
        schedule = client.describe_monitoring_schedule(MonitoringScheduleName=monitor_schedule_name)
        name = schedule["MonitoringScheduleConfig"].get("MonitoringJobDefinitionName")
        if schedule.get("MonitoringType") != cls.monitoring_type or not name:
            raise TypeError(f"'{monitor_schedule_name}' is not a model quality schedule (attach its own monitor)")
        definition = client.describe_model_quality_job_definition(JobDefinitionName=name)
        cluster = definition["JobResources"]["ClusterConfig"]
        monitor = cls(
            role=definition.get("RoleArn"),
            instance_count=cluster["InstanceCount"],
            instance_type=cluster["InstanceType"],
            volume_size_in_gb=cluster["VolumeSizeInGB"],
            max_runtime_in_seconds=(definition.get("StoppingCondition") or {}).get("MaxRuntimeInSeconds"),
            sagemaker_session=session,
        )
        monitor.monitoring_schedule_name = monitor_schedule_name
        monitor.job_definition_name = name
        return monitor

    # -- the requests ---------------------------------------------------------------------------------------------
    def _definition(
        self,
        endpoint_input: Union[str, EndpointInput],
        ground_truth_input: str,
        problem_type: str,
        output_s3_uri: Optional[str],
        constraints: Union[str, Constraints, None],
        metrics: bool,
    ) -> dict[str, Any]:
        """CreateModelQualityJobDefinition's arguments."""
        endpoint = endpoint_input if isinstance(endpoint_input, EndpointInput) else EndpointInput(endpoint_input)
        if constraints is None and self.latest_baselining_job is not None:
            constraints = self.latest_baselining_job.suggested_constraints()
        output = output_s3_uri or join_url(
            self.sagemaker_session.default_bucket(), "model-monitor", "reports", str(uuid.uuid4())[:8]
        )
        definition: dict[str, Any] = {
            "JobDefinitionName": _name(self.JOB_DEFINITION_BASE_NAME),
            "ModelQualityAppSpecification": {
                "ProblemType": problem_type,
                "Environment": {**self.env, "publish_cloudwatch_metrics": "Enabled" if metrics else "Disabled"},
            },
            "ModelQualityJobInput": {
                **endpoint._to_request_dict(),
                "GroundTruthS3Input": {"S3Uri": ground_truth_input},
            },
            "ModelQualityJobOutputConfig": {"MonitoringOutputs": [{"S3Output": {"S3Uri": output}}]},
            "JobResources": {
                "ClusterConfig": {
                    "InstanceCount": self.instance_count,
                    "InstanceType": self.instance_type,
                    "VolumeSizeInGB": self.volume_size_in_gb,
                }
            },
            "Tags": self.tags,
        }
        if constraints is not None:
            uri = constraints if isinstance(constraints, str) else constraints.file_s3_uri
            definition["ModelQualityBaselineConfig"] = {"ConstraintsResource": {"S3Uri": uri}}
        if self.max_runtime_in_seconds is not None:
            definition["StoppingCondition"] = {"MaxRuntimeInSeconds": self.max_runtime_in_seconds}
        if self.role is not None:
            definition["RoleArn"] = self.role
        return definition

    def _definition_name(self, schedule: dict[str, Any]) -> str:
        name = schedule.get("MonitoringJobDefinitionName")
        if not name:
            raise ValueError(f"schedule '{self._schedule()}' names no model quality job definition")
        return str(name)


def _text(value: Any) -> Optional[str]:
    return None if value is None else str(value)


def _times(expression: Optional[str], start: Optional[str], end: Optional[str]) -> dict[str, Any]:
    times: dict[str, Any] = {"ScheduleExpression": expression or CronExpressionGenerator.hourly()}
    if start is not None:
        times["DataAnalysisStartTime"] = start
    if end is not None:
        times["DataAnalysisEndTime"] = end
    return times


def _endpoint_input(found: dict[str, Any]) -> EndpointInput:
    return EndpointInput(
        found["EndpointName"],
        destination=found.get("LocalPath", "/opt/ml/processing/input/endpoint"),
        inference_attribute=found.get("InferenceAttribute"),
        probability_attribute=found.get("ProbabilityAttribute"),
        probability_threshold_attribute=found.get("ProbabilityThresholdAttribute"),
    )
