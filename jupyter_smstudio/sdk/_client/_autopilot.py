"""AutoML jobs (Autopilot) through the SageMaker client, in boto3's shapes: CreateAutoMLJob, DescribeAutoMLJob,
ListAutoMLJobs, ListCandidatesForAutoMLJob, StopAutoMLJob. The room's answers already carry SageMaker's field
names; its own additions (the owner, where the analysis and the report lie, the candidate count, a candidate's
algorithm and hyperparameters) are left out, as boto3 has none of them."""

from __future__ import annotations

from typing import Any, Optional

from .._boto import ParamValidationError
from .._times import parse_time
from ._base import ClientBase, api, next_token, page, required

# the room's own fields, in no answer of SageMaker's
_JOB_OWN = ("Owner", "DataAnalysisLocation", "ExplainabilityReportLocation", "CandidateCount")
_CANDIDATE_OWN = ("Algorithm", "HyperParameters")
_JOB_STATUSES = ("Completed", "InProgress", "Failed", "Stopped", "Stopping")
_CANDIDATE_SORT = ("CreationTime", "Status", "FinalObjectiveMetricValue")
_LIST_SORT = ("Name", "CreationTime", "Status")
_ORDERS = ("Ascending", "Descending")
# CreateAutoMLJob's fields that SmStudio reads; the AWS-only ones (SecurityConfig, KmsKeyId) are accepted, unused
_CREATE_FIELDS = (
    "AutoMLJobName",
    "InputDataConfig",
    "OutputDataConfig",
    "ProblemType",
    "AutoMLJobObjective",
    "AutoMLJobConfig",
    "RoleArn",
    "GenerateCandidateDefinitionsOnly",
    "Tags",
    "ModelDeployConfig",
)
_AWS_ONLY_CONFIG = ("SecurityConfig", "CandidateGenerationConfig")


def candidate_shape(candidate: dict[str, Any]) -> dict[str, Any]:
    """A candidate as ListCandidatesForAutoMLJob / DescribeAutoMLJob's BestCandidate answer it."""
    out = {k: v for k, v in candidate.items() if k not in _CANDIDATE_OWN and v is not None}
    out["InferenceContainers"] = [
        {k: v for k, v in c.items() if v is not None} for c in candidate.get("InferenceContainers") or []
    ]
    return out


def job_shape(job: dict[str, Any]) -> dict[str, Any]:
    """DescribeAutoMLJob's answer: no room-own fields, and no nulls (boto3 leaves absent fields out)."""
    out = {k: v for k, v in job.items() if k not in _JOB_OWN and v not in (None, [])}
    if job.get("BestCandidate"):
        out["BestCandidate"] = candidate_shape(job["BestCandidate"])
    return out


def _one_of(kwargs: dict[str, Any], key: str, allowed: tuple[str, ...]) -> Optional[str]:
    value = kwargs.get(key)
    if value is not None and value not in allowed:
        raise ParamValidationError(f"Invalid value for parameter {key}: {value!r} (one of {', '.join(allowed)})")
    return value


def create_request(kwargs: dict[str, Any]) -> dict[str, Any]:
    """CreateAutoMLJob's keyword arguments as the room's request (PascalCase, as SageMaker's)."""
    body = {k: kwargs[k] for k in _CREATE_FIELDS if kwargs.get(k) is not None}
    config = body.get("AutoMLJobConfig")
    if config:
        body["AutoMLJobConfig"] = {k: v for k, v in config.items() if k not in _AWS_ONLY_CONFIG}
    output = body.get("OutputDataConfig")
    if isinstance(output, dict) and "KmsKeyId" in output:
        body["OutputDataConfig"] = {k: v for k, v in output.items() if k != "KmsKeyId"}
    return body


class AutopilotCalls(ClientBase):
    @api
    def create_auto_ml_job(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "AutoMLJobName", "InputDataConfig", "OutputDataConfig")
        answer = self.backend.create_auto_ml_job(create_request(kwargs))
        return {"AutoMLJobArn": answer["AutoMLJobArn"]}

    @api
    def describe_auto_ml_job(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "AutoMLJobName")
        return job_shape(self.backend.describe_auto_ml_job(kwargs["AutoMLJobName"]))

    @api
    def list_auto_ml_jobs(self, **kwargs: Any) -> dict[str, Any]:
        limit, offset = page(kwargs)
        status = _one_of(kwargs, "StatusEquals", _JOB_STATUSES)
        sort_by = _one_of(kwargs, "SortBy", _LIST_SORT) or "Name"  # SageMaker's defaults: Name, Descending
        order = _one_of(kwargs, "SortOrder", _ORDERS) or "Descending"
        # the room answers newest first; another order needs the whole list (a user's jobs: a short one)
        answer = self.backend.list_auto_ml_jobs(
            status=status, name_contains=kwargs.get("NameContains"), limit=100, offset=0
        )
        found = list(answer["AutoMLJobSummaries"])
        while len(found) < answer["Total"]:
            more = self.backend.list_auto_ml_jobs(
                status=status, name_contains=kwargs.get("NameContains"), limit=100, offset=len(found)
            )["AutoMLJobSummaries"]
            if not more:
                break
            found += more
        for key in ("CreationTimeAfter", "CreationTimeBefore", "LastModifiedTimeAfter", "LastModifiedTimeBefore"):
            if kwargs.get(key) is not None:
                found = [s for s in found if _in_window(s, key, kwargs[key])]
        field = {"Name": "AutoMLJobName", "CreationTime": "CreationTime", "Status": "AutoMLJobStatus"}[sort_by]
        found.sort(key=lambda s: s[field], reverse=order == "Descending")
        chunk = [{k: v for k, v in s.items() if k != "Owner" and v is not None} for s in found[offset:][:limit]]
        return {"AutoMLJobSummaries": chunk, **next_token(offset, len(chunk), len(found))}

    @api
    def list_candidates_for_auto_ml_job(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "AutoMLJobName")
        limit, offset = page(kwargs)
        answer = self.backend.list_candidates_for_auto_ml_job(
            kwargs["AutoMLJobName"],
            status=_one_of(kwargs, "StatusEquals", _JOB_STATUSES),
            candidate_name=kwargs.get("CandidateNameEquals"),
            sort_by=_one_of(kwargs, "SortBy", _CANDIDATE_SORT) or "FinalObjectiveMetricValue",
            sort_order=_one_of(kwargs, "SortOrder", _ORDERS) or "Descending",
            limit=limit,
            offset=offset,
        )
        candidates = [candidate_shape(c) for c in answer["Candidates"]]
        return {"Candidates": candidates, **next_token(offset, len(candidates), answer["Total"])}

    @api
    def stop_auto_ml_job(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "AutoMLJobName")
        self.backend.stop_auto_ml_job(kwargs["AutoMLJobName"])
        return {}


def _in_window(summary: dict[str, Any], key: str, bound: Any) -> bool:
    """CreationTimeAfter and the like: `bound` a datetime (as boto3 takes it) or an ISO string."""
    when = parse_time(summary["CreationTime" if key.startswith("Creation") else "LastModifiedTime"])
    limit = parse_time(bound) if isinstance(bound, str) else bound
    return bool(when > limit if key.endswith("After") else when < limit)
