"""SageMaker's DescribeTrainingJob / DescribeProcessingJob shapes, from a job record."""
from __future__ import annotations

from typing import Any, Optional

from ..jobs.models import Job

SECONDARY = {"Starting": "Starting", "Running": "Training", "Completed": "Completed", "Failed": "Failed",
             "Stopping": "Stopping", "Stopped": "Stopped", "MaxRuntimeExceeded": "MaxRuntimeExceeded"}


def _iso(value) -> Optional[str]:
    return value.isoformat() if value else None


def describe_training_job(job: Job, final_metrics: list[dict[str, Any]]) -> dict[str, Any]:
    c = job.config or {}
    seconds = int((job.end_time - job.start_time).total_seconds()) if job.end_time and job.start_time else None
    out: dict[str, Any] = {
        "TrainingJobName": job.job_name,
        "TrainingJobArn": f"smstudio:training-job/{job.job_name}",
        "TrainingJobStatus": job.status,
        "SecondaryStatus": SECONDARY.get(job.secondary_status or "", job.secondary_status),
        "HyperParameters": {k: str(v) for k, v in (c.get("hyperparameters") or {}).items()},
        "AlgorithmSpecification": {"TrainingInputMode": c.get("input_mode", "File"),
                                   "MetricDefinitions": c.get("metric_definitions") or [],
                                   "EntryPoint": c.get("entry_point"), "Framework": c.get("framework")},
        "InputDataConfig": [
            {"ChannelName": name, "DataSource": {"S3DataSource": {"S3Uri": url, "S3DataType": "S3Prefix",
                                                                  "S3DataDistributionType": "FullyReplicated"}}}
            for name, url in (c.get("inputs") or {}).items()],
        "OutputDataConfig": {"S3OutputPath": c.get("output_path")},
        "ResourceConfig": {"InstanceType": c.get("instance_type", "local"),
                           "InstanceCount": c.get("instance_count", 1), "VolumeSizeInGB": 0},
        "StoppingCondition": {"MaxRuntimeInSeconds": c.get("max_run")},
        "CreationTime": _iso(job.creation_time), "TrainingStartTime": _iso(job.start_time),
        "TrainingEndTime": _iso(job.end_time), "LastModifiedTime": _iso(job.end_time or job.last_heartbeat),
        "Environment": c.get("environment") or {},
        "FinalMetricDataList": final_metrics,
        "TrainingTimeInSeconds": seconds, "BillableTimeInSeconds": 0,
        "LogUrl": job.log_url, "Runner": job.runner, "Owner": job.owner,
    }
    if job.status == "Completed":
        out["ModelArtifacts"] = {"S3ModelArtifacts": c.get("model_data")}
    if job.failure_reason:
        out["FailureReason"] = job.failure_reason
    if c.get("checkpoint_s3_uri"):
        out["CheckpointConfig"] = {"S3Uri": c["checkpoint_s3_uri"], "LocalPath": c.get("checkpoint_local_path")}
    if c.get("experiment_config"):
        out["ExperimentConfig"] = c["experiment_config"]
    return out


def describe_processing_job(job: Job) -> dict[str, Any]:
    c = job.config or {}
    out: dict[str, Any] = {
        "ProcessingJobName": job.job_name, "ProcessingJobArn": f"smstudio:processing-job/{job.job_name}",
        "ProcessingJobStatus": job.status,
        "ProcessingInputs": [{"InputName": i.get("input_name") or f"input-{n + 1}",
                              "S3Input": {"S3Uri": i["source"], "LocalPath": i["destination"]}}
                             for n, i in enumerate(c.get("resolved_inputs") or [])],
        "ProcessingOutputConfig": {"Outputs": [{"OutputName": o.get("output_name") or f"output-{n + 1}",
                                                "S3Output": {"S3Uri": o["destination"], "LocalPath": o["source"]}}
                                               for n, o in enumerate(c.get("outputs") or [])]},
        "ProcessingResources": {"ClusterConfig": {"InstanceType": c.get("instance_type", "local"),
                                                  "InstanceCount": c.get("instance_count", 1)}},
        "StoppingCondition": {"MaxRuntimeInSeconds": c.get("max_runtime_in_seconds")},
        "AppSpecification": {"ContainerEntrypoint": [*(c.get("command") or ["python3"]), c.get("code")],
                             "ContainerArguments": c.get("arguments") or []},
        "Environment": c.get("environment") or {},
        "CreationTime": _iso(job.creation_time), "ProcessingStartTime": _iso(job.start_time),
        "ProcessingEndTime": _iso(job.end_time), "LogUrl": job.log_url, "Owner": job.owner,
    }
    if job.failure_reason:
        out["FailureReason"] = job.failure_reason
    if job.exit_code is not None:
        out["ExitMessage"] = f"exit code {job.exit_code}"
    return out
