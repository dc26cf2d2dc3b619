"""Training and processing jobs through the SageMaker client: Create/Describe/List/Stop, in boto3's shapes."""

from __future__ import annotations

from typing import Any

from ...core.errors import BadRequest
from ._base import ClientBase, api, arn, next_token, page, required
from ._requests import processing_request, training_request

_STATUSES = ("InProgress", "Completed", "Failed", "Stopping", "Stopped")


def _listing(client: ClientBase, kind: str, kwargs: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    limit, offset = page(kwargs)
    status = kwargs.get("StatusEquals")
    if status is not None and status not in _STATUSES:
        raise BadRequest(f"StatusEquals must be one of {', '.join(_STATUSES)}, got {status!r}", field="StatusEquals")
    answer = client.backend.list_jobs(
        status=status, kind=kind, name_contains=kwargs.get("NameContains"), limit=limit, offset=offset
    )
    jobs: list[dict[str, Any]] = answer["jobs"]
    if kwargs.get("SortOrder") == "Ascending":
        jobs = jobs[::-1]  # the store lists newest first (SageMaker's default order)
    return jobs, next_token(offset, len(jobs), answer["total"])


def _times(job: dict[str, Any], end_key: str) -> dict[str, Any]:
    times = {"CreationTime": job["creation_time"], "LastModifiedTime": job.get("end_time") or job["creation_time"]}
    if job.get("end_time"):
        times[end_key] = job["end_time"]
    return times


class JobCalls(ClientBase):
    # -- training ---------------------------------------------------------------------------------
    @api
    def create_training_job(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "TrainingJobName", "AlgorithmSpecification", "OutputDataConfig", "ResourceConfig")
        name = kwargs["TrainingJobName"]
        self.backend.create_training_job(training_request(self._session, kwargs, name))
        return {"TrainingJobArn": arn("training-job", name)}

    @api
    def describe_training_job(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "TrainingJobName")
        answer: dict[str, Any] = self.backend.describe_training_job(kwargs["TrainingJobName"])
        return answer

    @api
    def list_training_jobs(self, **kwargs: Any) -> dict[str, Any]:
        jobs, token = _listing(self, "training", kwargs)
        summaries = [
            {
                "TrainingJobName": j["job_name"],
                "TrainingJobArn": arn("training-job", j["job_name"]),
                "TrainingJobStatus": j["status"],
                **_times(j, "TrainingEndTime"),
            }
            for j in jobs
        ]
        return {"TrainingJobSummaries": summaries, **token}

    @api
    def stop_training_job(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "TrainingJobName")
        self.backend.describe_training_job(kwargs["TrainingJobName"])  # a 404 unless it is a training job
        self.backend.stop_job(kwargs["TrainingJobName"])
        return {}

    # -- processing -------------------------------------------------------------------------------
    @api
    def create_processing_job(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "ProcessingJobName", "ProcessingResources", "AppSpecification")
        self.backend.create_processing_job(processing_request(self._session, kwargs))
        return {"ProcessingJobArn": arn("processing-job", kwargs["ProcessingJobName"])}

    @api
    def describe_processing_job(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "ProcessingJobName")
        answer: dict[str, Any] = self.backend.describe_processing_job(kwargs["ProcessingJobName"])
        return answer

    @api
    def list_processing_jobs(self, **kwargs: Any) -> dict[str, Any]:
        jobs, token = _listing(self, "processing", kwargs)
        summaries = [
            {
                "ProcessingJobName": j["job_name"],
                "ProcessingJobArn": arn("processing-job", j["job_name"]),
                "ProcessingJobStatus": j["status"],
                **_times(j, "ProcessingEndTime"),
                **({"FailureReason": j["failure_reason"]} if j.get("failure_reason") else {}),
            }
            for j in jobs
        ]
        return {"ProcessingJobSummaries": summaries, **token}

    @api
    def stop_processing_job(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "ProcessingJobName")
        self.backend.describe_processing_job(kwargs["ProcessingJobName"])
        self.backend.stop_job(kwargs["ProcessingJobName"])
        return {}
