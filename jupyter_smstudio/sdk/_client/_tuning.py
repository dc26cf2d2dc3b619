"""Hyperparameter tuning jobs through the SageMaker client, in boto3's shapes (the SDK's tuner.py turns the
API's tuning job into DescribeHyperParameterTuningJob; these calls reuse it)."""

from __future__ import annotations

from typing import Any

from ...core.errors import BadRequest
from ..tuner import _summary, describe_tuning_job
from ._base import ClientBase, api, arn, next_token, page, required, tags_dict
from ._requests import training_request

_SORT_KEYS = {
    "Name": lambda s: s["TrainingJobName"],
    "CreationTime": lambda s: s["CreationTime"],
    "Status": lambda s: s["TrainingJobStatus"],
    "FinalObjectiveMetricValue": lambda s: (s.get("FinalHyperParameterTuningJobObjectiveMetric") or {}).get(
        "Value", float("-inf")
    ),
}


def _number(value: Any, field: str) -> float:
    try:
        return float(value)
    except (TypeError, ValueError) as err:
        raise BadRequest(f"{field} must be a number, got {value!r}", field=field) from err


def _ranges(ranges: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """ParameterRanges (values as strings, as SageMaker takes them) in the request's shape."""
    out: dict[str, list[dict[str, Any]]] = {}
    for key, kind, cast in (
        ("ContinuousParameterRanges", "continuous_parameter_ranges", float),
        ("IntegerParameterRanges", "integer_parameter_ranges", int),
    ):
        out[kind] = []
        for i, r in enumerate(ranges.get(key) or []):
            field = f"ParameterRanges.{key}.{i}"
            out[kind].append(
                {
                    "name": r.get("Name"),
                    "min_value": cast(_number(r.get("MinValue"), f"{field}.MinValue")),
                    "max_value": cast(_number(r.get("MaxValue"), f"{field}.MaxValue")),
                    "scaling_type": r.get("ScalingType") or "Auto",
                }
            )
    out["categorical_parameter_ranges"] = [
        {"name": r.get("Name"), "values": [str(v) for v in r.get("Values") or []]}
        for r in ranges.get("CategoricalParameterRanges") or []
    ]
    return out


def tuning_request(session: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
    config = kwargs["HyperParameterTuningJobConfig"]
    objective = config.get("HyperParameterTuningJobObjective") or {}
    limits = config.get("ResourceLimits") or {}
    definition = kwargs.get("TrainingJobDefinition")
    if not definition:
        raise BadRequest(
            "TrainingJobDefinition is required (one training job definition)", field="TrainingJobDefinition"
        )
    body: dict[str, Any] = {
        "tuning_job_name": kwargs["HyperParameterTuningJobName"],
        "strategy": config.get("Strategy") or "Bayesian",
        "objective": {"type": objective.get("Type") or "Maximize", "metric_name": objective.get("MetricName")},
        "parameter_ranges": _ranges(config.get("ParameterRanges") or {}),
        "max_parallel_jobs": limits.get("MaxParallelTrainingJobs") or 1,
        "early_stopping_type": (config.get("TrainingJobEarlyStoppingType") or "Off").title(),
        "training_job": training_request(session, definition, None, "StaticHyperParameters"),
        "tags": tags_dict(kwargs.get("Tags")),
    }
    if limits.get("MaxNumberOfTrainingJobs"):
        body["max_jobs"] = limits["MaxNumberOfTrainingJobs"]
    if config.get("RandomSeed") is not None:
        body["random_seed"] = config["RandomSeed"]
    criteria = config.get("TuningJobCompletionCriteria") or {}
    if criteria:
        body["completion_criteria"] = {
            "target_objective_metric_value": criteria.get("TargetObjectiveMetricValue"),
            "max_number_training_jobs_not_improving": (criteria.get("BestObjectiveNotImproving") or {}).get(
                "MaxNumberOfTrainingJobsNotImproving"
            ),
        }
    hyperband = (config.get("StrategyConfig") or {}).get("HyperbandStrategyConfig")
    if hyperband:
        body["hyperband"] = {
            "min_resource": hyperband.get("MinResource", 1),
            "max_resource": hyperband.get("MaxResource", 100),
        }
    warm = kwargs.get("WarmStartConfig")
    if warm:
        body["warm_start"] = {
            "warm_start_type": warm.get("WarmStartType"),
            "parents": [p["HyperParameterTuningJobName"] for p in warm.get("ParentHyperParameterTuningJobs") or []],
        }
    return body


class TuningCalls(ClientBase):
    @api
    def create_hyper_parameter_tuning_job(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "HyperParameterTuningJobName", "HyperParameterTuningJobConfig")
        self.backend.create_tuning_job(tuning_request(self._session, kwargs))
        return {"HyperParameterTuningJobArn": arn("hyper-parameter-tuning-job", kwargs["HyperParameterTuningJobName"])}

    @api
    def describe_hyper_parameter_tuning_job(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "HyperParameterTuningJobName")
        return describe_tuning_job(self._session, kwargs["HyperParameterTuningJobName"])

    @api
    def list_hyper_parameter_tuning_jobs(self, **kwargs: Any) -> dict[str, Any]:
        limit, offset = page(kwargs)
        answer = self.backend.list_tuning_jobs(
            status=kwargs.get("StatusEquals"), name_contains=kwargs.get("NameContains"), limit=limit, offset=offset
        )
        summaries = []
        for job in answer["tuning_jobs"]:
            counters = job["status_counters"]
            summary = {
                "HyperParameterTuningJobName": job["tuning_job_name"],
                "HyperParameterTuningJobArn": arn("hyper-parameter-tuning-job", job["tuning_job_name"]),
                "HyperParameterTuningJobStatus": job["status"],
                "Strategy": job["strategy"],
                "CreationTime": job["creation_time"],
                "LastModifiedTime": job["last_modified_time"],
                "TrainingJobStatusCounters": {
                    "Completed": counters.get("Completed", 0),
                    "InProgress": counters.get("InProgress", 0),
                    "RetryableError": 0,
                    "NonRetryableError": counters.get("Failed", 0),
                    "Stopped": counters.get("Stopped", 0),
                },
                "ObjectiveStatusCounters": dict(job["objective_counters"]),
                "ResourceLimits": {
                    "MaxNumberOfTrainingJobs": job["max_jobs"],
                    "MaxParallelTrainingJobs": job["max_parallel_jobs"],
                },
            }
            if job.get("end_time"):
                summary["HyperParameterTuningEndTime"] = job["end_time"]
            summaries.append(summary)
        return {
            "HyperParameterTuningJobSummaries": summaries,
            **next_token(offset, len(summaries), answer["total"]),
        }

    @api
    def stop_hyper_parameter_tuning_job(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "HyperParameterTuningJobName")
        self.backend.stop_tuning_job(kwargs["HyperParameterTuningJobName"])
        return {}

    @api
    def list_training_jobs_for_hyper_parameter_tuning_job(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "HyperParameterTuningJobName")
        name = kwargs["HyperParameterTuningJobName"]
        sort_by = kwargs.get("SortBy") or "Name"
        if sort_by not in _SORT_KEYS:
            raise BadRequest(f"SortBy must be one of {', '.join(_SORT_KEYS)}, got {sort_by!r}", field="SortBy")
        limit, offset = page(kwargs)
        objective = self.backend.describe_tuning_job(name)["objective"]
        summaries = [
            {
                **_summary(t, objective),
                "TrainingJobArn": arn("training-job", t["training_job_name"]),
                "TuningJobName": name,
            }
            for t in self.backend.list_training_jobs_for_tuning_job(name)["training_jobs"]
        ]
        if kwargs.get("StatusEquals"):
            summaries = [s for s in summaries if s["TrainingJobStatus"] == kwargs["StatusEquals"]]
        summaries.sort(key=_SORT_KEYS[sort_by], reverse=kwargs.get("SortOrder") == "Descending")
        chunk = summaries[offset : offset + limit]
        return {"TrainingJobSummaries": chunk, **next_token(offset, len(chunk), len(summaries))}
