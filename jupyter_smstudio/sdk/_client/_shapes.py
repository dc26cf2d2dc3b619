"""Experiments, trials and trial components in SageMaker's response shapes (DescribeTrialComponent, the
summaries of List*, Search's results), from the API's records."""

from __future__ import annotations

from typing import Any

from ._base import arn

# job kinds whose components carry the job as their source: SourceType as SageMaker names it
JOB_SOURCE_TYPES = {"training-job": "SageMakerTrainingJob", "processing-job": "SageMakerProcessingJob"}


def _user(owner: str) -> dict[str, Any]:
    return {"UserProfileName": owner}


def experiment_shape(e: dict[str, Any], summary: bool = False) -> dict[str, Any]:
    out = {
        "ExperimentName": e["experiment_name"],
        "ExperimentArn": arn("experiment", e["experiment_name"]),
        "DisplayName": e["display_name"],
        "CreationTime": e["creation_time"],
        "LastModifiedTime": e["last_modified_time"],
    }
    if not summary:
        out.update(CreatedBy=_user(e["owner"]), LastModifiedBy=_user(e["owner"]))
        if e.get("description"):
            out["Description"] = e["description"]
    return out


def trial_shape(t: dict[str, Any], summary: bool = False) -> dict[str, Any]:
    out = {
        "TrialName": t["trial_name"],
        "TrialArn": arn("experiment-trial", t["trial_name"]),
        "DisplayName": t["display_name"],
        "CreationTime": t["creation_time"],
        "LastModifiedTime": t["last_modified_time"],
    }
    if not summary:
        out.update(ExperimentName=t["experiment_name"], CreatedBy=_user(t["owner"]), LastModifiedBy=_user(t["owner"]))
    return out


def _source(c: dict[str, Any]) -> dict[str, str]:
    """A job's component: its source is the job's ARN (as TrainingJobArn answers it) and SageMaker's type."""
    kind = (c.get("source_type") or "").removeprefix("smstudio:")
    if kind in JOB_SOURCE_TYPES:
        return {"SourceArn": arn(kind, c["source_arn"]), "SourceType": JOB_SOURCE_TYPES[kind]}
    return {"SourceArn": c["source_arn"], **({"SourceType": c["source_type"]} if c.get("source_type") else {})}


def _parameter(value: Any) -> dict[str, Any]:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return {"NumberValue": value}
    return {"StringValue": str(value)}


def _metric(m: dict[str, Any]) -> dict[str, Any]:
    out = {"MetricName": m["metric_name"], "Count": m["count"]}
    for key, label in (("min", "Min"), ("max", "Max"), ("avg", "Avg"), ("std_dev", "StdDev"), ("last", "Last")):
        if m.get(key) is not None:
            out[label] = m[key]
    if m.get("time_stamp"):
        out["TimeStamp"] = m["time_stamp"]
    return out


def component_shape(c: dict[str, Any], summary: bool = False, search: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "TrialComponentName": c["trial_component_name"],
        "TrialComponentArn": arn("experiment-trial-component", c["trial_component_name"]),
        "DisplayName": c["display_name"],
        "Status": {
            "PrimaryStatus": c["status"],
            **({"Message": c["status_message"]} if c.get("status_message") else {}),
        },
        "CreationTime": c["creation_time"],
        "LastModifiedTime": c["last_modified_time"],
        "CreatedBy": _user(c["owner"]),
    }
    for key, label in (("start_time", "StartTime"), ("end_time", "EndTime")):
        if c.get(key):
            out[label] = c[key]
    if c.get("source_arn"):
        out["TrialComponentSource" if summary else "Source"] = _source(c)
    if summary:
        return out
    out["Parameters"] = {k: _parameter(v) for k, v in (c.get("parameters") or {}).items()}
    for key, label in (("input_artifacts", "InputArtifacts"), ("output_artifacts", "OutputArtifacts")):
        out[label] = {
            n: {"Value": a["value"], **({"MediaType": a["media_type"]} if a.get("media_type") else {})}
            for n, a in (c.get(key) or {}).items()
        }
    out["Metrics"] = [_metric(m) for m in c.get("metrics") or []]
    if search:
        out["Parents"] = [{"TrialName": p["trial_name"], "ExperimentName": p["experiment_name"]} for p in c["parents"]]
        out["Tags"] = [{"Key": k, "Value": v} for k, v in (c.get("tags") or {}).items()]
    return out
