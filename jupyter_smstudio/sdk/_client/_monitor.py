"""Monitoring schedules and their executions through the SageMaker client, in boto3's shapes:
Create/Describe/List/Update/Stop/Start/DeleteMonitoringSchedule, ListMonitoringExecutions and
Create/Describe/List/DeleteDataQualityJobDefinition and ...ModelQualityJobDefinition. The room's answers
carry SageMaker's field names; its own extras (Owner, OutputS3Uri, ...) are dropped here."""

from __future__ import annotations

from typing import Any

from .._boto import ParamValidationError
from ._base import ClientBase, api, arn, next_token, page, required

_SCHEDULE_STATUSES = ("Pending", "Failed", "Scheduled", "Stopped")
_EXECUTION_STATUSES = ("Pending", "Completed", "CompletedWithViolations", "InProgress", "Failed", "Stopping", "Stopped")
_OWN = ("Owner", "NextScheduledTime", "OutputS3Uri", "ProcessingJobName")


def _sagemaker(answer: dict[str, Any]) -> dict[str, Any]:
    found = {k: v for k, v in answer.items() if k not in _OWN}
    if isinstance(found.get("LastMonitoringExecutionSummary"), dict):
        found["LastMonitoringExecutionSummary"] = _sagemaker(found["LastMonitoringExecutionSummary"])
    return found


def _status(kwargs: dict[str, Any], allowed: tuple[str, ...]) -> Any:
    status = kwargs.get("StatusEquals")
    if status is not None and status not in allowed:
        raise ParamValidationError(f"Invalid value for parameter StatusEquals: {status!r}")
    return status


class MonitorCalls(ClientBase):
    @api
    def create_monitoring_schedule(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "MonitoringScheduleName", "MonitoringScheduleConfig")
        body = {k: kwargs[k] for k in ("MonitoringScheduleName", "MonitoringScheduleConfig", "Tags") if k in kwargs}
        self.backend.create_monitoring_schedule(body)
        return {"MonitoringScheduleArn": arn("monitoring-schedule", kwargs["MonitoringScheduleName"])}

    @api
    def describe_monitoring_schedule(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "MonitoringScheduleName")
        return _sagemaker(self.backend.describe_monitoring_schedule(kwargs["MonitoringScheduleName"]))

    @api
    def list_monitoring_schedules(self, **kwargs: Any) -> dict[str, Any]:
        limit, offset = page(kwargs)
        answer = self.backend.list_monitoring_schedules(
            endpoint_name=kwargs.get("EndpointName"),
            name_contains=kwargs.get("NameContains"),
            status=_status(kwargs, _SCHEDULE_STATUSES),
            limit=limit,
            offset=offset,
        )
        found = answer["MonitoringScheduleSummaries"]
        if kwargs.get("SortOrder") == "Ascending":
            found = found[::-1]  # the room lists newest first (SageMaker's default order)
        return {"MonitoringScheduleSummaries": found, **next_token(offset, len(found), answer["Total"])}

    @api
    def update_monitoring_schedule(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "MonitoringScheduleName", "MonitoringScheduleConfig")
        name = kwargs["MonitoringScheduleName"]
        self.backend.update_monitoring_schedule(name, {"MonitoringScheduleConfig": kwargs["MonitoringScheduleConfig"]})
        return {"MonitoringScheduleArn": arn("monitoring-schedule", name)}

    @api
    def stop_monitoring_schedule(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "MonitoringScheduleName")
        self.backend.stop_monitoring_schedule(kwargs["MonitoringScheduleName"])
        return {}

    @api
    def start_monitoring_schedule(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "MonitoringScheduleName")
        self.backend.start_monitoring_schedule(kwargs["MonitoringScheduleName"])
        return {}

    @api
    def delete_monitoring_schedule(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "MonitoringScheduleName")
        self.backend.delete_monitoring_schedule(kwargs["MonitoringScheduleName"])
        return {}

    @api
    def list_monitoring_executions(self, **kwargs: Any) -> dict[str, Any]:
        limit, offset = page(kwargs)
        answer = self.backend.list_monitoring_executions(
            monitoring_schedule_name=kwargs.get("MonitoringScheduleName"),
            endpoint_name=kwargs.get("EndpointName"),
            status=_status(kwargs, _EXECUTION_STATUSES),
            limit=limit,
            offset=offset,
        )
        found = [_sagemaker(e) for e in answer["MonitoringExecutionSummaries"]]
        if kwargs.get("SortOrder") == "Ascending":
            found = found[::-1]
        return {"MonitoringExecutionSummaries": found, **next_token(offset, len(found), answer["Total"])}

    # -- data quality job definitions (a schedule names one in MonitoringJobDefinitionName) ------------------------
    @api
    def create_data_quality_job_definition(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "JobDefinitionName", "DataQualityJobInput", "DataQualityJobOutputConfig")
        keys = (
            "JobDefinitionName",
            "DataQualityBaselineConfig",
            "DataQualityAppSpecification",
            "DataQualityJobInput",
            "DataQualityJobOutputConfig",
            "JobResources",
            "RoleArn",
            "StoppingCondition",
            "Tags",
        )
        answer = self.backend.create_data_quality_job_definition({k: kwargs[k] for k in keys if k in kwargs})
        return {"JobDefinitionArn": answer["JobDefinitionArn"]}

    @api
    def describe_data_quality_job_definition(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "JobDefinitionName")
        answer: dict[str, Any] = self.backend.describe_data_quality_job_definition(kwargs["JobDefinitionName"])
        return answer

    @api
    def list_data_quality_job_definitions(self, **kwargs: Any) -> dict[str, Any]:
        limit, offset = page(kwargs)
        answer = self.backend.list_data_quality_job_definitions(
            endpoint_name=kwargs.get("EndpointName"), limit=limit, offset=offset
        )
        found = answer["JobDefinitionSummaries"]
        return {"JobDefinitionSummaries": found, **next_token(offset, len(found), answer["Total"])}

    @api
    def delete_data_quality_job_definition(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "JobDefinitionName")
        self.backend.delete_data_quality_job_definition(kwargs["JobDefinitionName"])
        return {}

    # -- model quality job definitions (a ModelQuality schedule names one in MonitoringJobDefinitionName) ---------
    @api
    def create_model_quality_job_definition(self, **kwargs: Any) -> dict[str, Any]:
        required(
            kwargs,
            "JobDefinitionName",
            "ModelQualityAppSpecification",
            "ModelQualityJobInput",
            "ModelQualityJobOutputConfig",
        )
        keys = (
            "JobDefinitionName",
            "ModelQualityBaselineConfig",
            "ModelQualityAppSpecification",
            "ModelQualityJobInput",
            "ModelQualityJobOutputConfig",
            "JobResources",
            "RoleArn",
            "StoppingCondition",
            "Tags",
        )
        answer = self.backend.create_model_quality_job_definition({k: kwargs[k] for k in keys if k in kwargs})
        return {"JobDefinitionArn": answer["JobDefinitionArn"]}

    @api
    def describe_model_quality_job_definition(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "JobDefinitionName")
        answer: dict[str, Any] = self.backend.describe_model_quality_job_definition(kwargs["JobDefinitionName"])
        return answer

    @api
    def list_model_quality_job_definitions(self, **kwargs: Any) -> dict[str, Any]:
        limit, offset = page(kwargs)
        answer = self.backend.list_model_quality_job_definitions(
            endpoint_name=kwargs.get("EndpointName"), limit=limit, offset=offset
        )
        found = answer["JobDefinitionSummaries"]
        return {"JobDefinitionSummaries": found, **next_token(offset, len(found), answer["Total"])}

    @api
    def delete_model_quality_job_definition(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "JobDefinitionName")
        self.backend.delete_model_quality_job_definition(kwargs["JobDefinitionName"])
        return {}
