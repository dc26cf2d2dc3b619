"""Batch transform jobs through the SageMaker client: Create/Describe/List/Stop in boto3's shapes, and the
`transform_job_completed_or_stopped` waiter. The room's requests and answers already carry SageMaker's names."""

from __future__ import annotations

from typing import Any

from .._boto import ParamValidationError
from ._base import ClientBase, Waiter, api, arn, next_token, page, required

_STATUSES = ("InProgress", "Completed", "Failed", "Stopping", "Stopped")
# CreateTransformJob's arguments this server reads (the others, such as DataCaptureConfig, are AWS's own)
_FIELDS = (
    "TransformJobName",
    "ModelName",
    "MaxConcurrentTransforms",
    "ModelClientConfig",
    "MaxPayloadInMB",
    "BatchStrategy",
    "Environment",
    "TransformInput",
    "TransformOutput",
    "TransformResources",
    "DataProcessing",
    "DataCaptureConfig",
    "ExperimentConfig",
    "Tags",
)
_SUMMARY = (
    "TransformJobName",
    "TransformJobArn",
    "CreationTime",
    "TransformEndTime",
    "LastModifiedTime",
    "TransformJobStatus",
    "FailureReason",
)


class TransformCalls(ClientBase):
    @api
    def create_transform_job(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "TransformJobName", "ModelName", "TransformInput", "TransformOutput", "TransformResources")
        body = {k: kwargs[k] for k in _FIELDS if kwargs.get(k) is not None}
        if body.get("ExperimentConfig"):  # SageMaker's own keys only (RunName is the SDK's)
            keys = ("ExperimentName", "TrialName", "TrialComponentDisplayName", "RunName")
            body["ExperimentConfig"] = {k: v for k, v in body["ExperimentConfig"].items() if k in keys}
        self.backend.create_transform_job(body)
        return {"TransformJobArn": arn("transform-job", kwargs["TransformJobName"])}

    @api
    def describe_transform_job(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "TransformJobName")
        answer: dict[str, Any] = self.backend.describe_transform_job(kwargs["TransformJobName"])
        answer.pop("Owner", None)
        return answer

    @api
    def list_transform_jobs(self, **kwargs: Any) -> dict[str, Any]:
        limit, offset = page(kwargs)
        status = kwargs.get("StatusEquals")
        if status is not None and status not in _STATUSES:
            raise ParamValidationError(f"Invalid value for parameter StatusEquals: {status!r}")
        answer = self.backend.list_transform_jobs(
            status=status, name_contains=kwargs.get("NameContains"), limit=limit, offset=offset
        )
        jobs = [{k: j[k] for k in _SUMMARY if k in j} for j in answer["TransformJobSummaries"]]
        if kwargs.get("SortOrder") == "Ascending":
            jobs = jobs[::-1]  # the store lists newest first (SageMaker's default order)
        return {"TransformJobSummaries": jobs, **next_token(offset, len(jobs), answer["Total"])}

    @api
    def stop_transform_job(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "TransformJobName")
        self.backend.stop_transform_job(kwargs["TransformJobName"])
        return {}

    def get_waiter(self, waiter_name: str) -> Any:
        if waiter_name == "transform_job_completed_or_stopped":
            return Waiter(waiter_name, self.describe_transform_job, "TransformJobStatus", failed=("Failed",))
        return super().get_waiter(waiter_name)
