"""The job contract every kind of job shares (script, training, processing, ...)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, Optional, Union

from pydantic import ConfigDict, Field

from ..core.models import Contract, Tags

JobStatus = Literal["InProgress", "Completed", "Failed", "Stopping", "Stopped"]
ACTIVE_STATUSES: tuple[str, ...] = ("InProgress", "Stopping")
FINAL_STATUSES: tuple[str, ...] = ("Completed", "Failed", "Stopped")

# SageMaker's job-name rule: letters, digits and hyphens, at most 63 characters.
JOB_NAME_PATTERN = r"^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$"


class StoppingCondition(Contract):
    max_runtime_seconds: int = Field(
        default=86400, ge=1, le=28 * 86400, description="Stop the job after this many seconds"
    )


# SageMaker's entity-name rule (experiments, trials, trial components): up to 120 characters.
ENTITY_NAME = r"^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,119}$"


# the kinds of job SageMaker has, whose trial components it names `<job>-aws-<kind>-job`
SAGEMAKER_JOB_KINDS = frozenset({"training", "processing", "transform"})


def trial_component_name(job_name: str, job_kind: str) -> str:
    """The trial component that auto-tracks a job: SageMaker's `<job>-aws-training-job` for its kinds of job,
    `<job>-<kind>-job` for this extension's own (script jobs)."""
    prefix = "aws-" if job_kind in SAGEMAKER_JOB_KINDS else ""
    return f"{job_name}-{prefix}{job_kind}-job"[:120].rstrip("-")


class ExperimentConfig(Contract):
    """SageMaker's experiment_config of a job: which experiment and trial track it. Always written with
    SageMaker's names (ExperimentName, ...), in requests and answers alike, as the generated types say."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, serialize_by_alias=True)

    experiment_name: Optional[str] = Field(default=None, alias="ExperimentName", pattern=ENTITY_NAME)
    trial_name: Optional[str] = Field(default=None, alias="TrialName", pattern=ENTITY_NAME)
    trial_component_display_name: Optional[str] = Field(default=None, alias="TrialComponentDisplayName", max_length=120)
    run_name: Optional[str] = Field(default=None, alias="RunName", pattern=ENTITY_NAME)


class ScriptJobRequest(Contract):
    """Run a Python file with arguments and an environment."""

    job_name: Optional[str] = Field(
        default=None, pattern=JOB_NAME_PATTERN, description="Unique name; generated when absent"
    )
    script: str = Field(
        min_length=1,
        description="Path of a .py file relative to the home volume, an absolute path inside it, or a file:// URL",
    )
    arguments: list[str] = Field(default_factory=list, max_length=1000)
    environment: dict[str, str] = Field(default_factory=dict)
    stopping_condition: StoppingCondition = Field(default_factory=StoppingCondition)
    stop_grace_seconds: float = Field(
        default=10.0, ge=0, le=600, description="Seconds between SIGTERM and SIGKILL on stop"
    )
    tags: Tags = Field(default_factory=dict)
    experiment_config: Optional[ExperimentConfig] = None


class GitCommit(Contract):
    """The commit a job's script ran from (trial-to-commit lineage)."""

    commit: str = Field(max_length=64)
    repository: Optional[str] = Field(default=None, max_length=1024)
    dirty: bool = False


class JobArtifact(Contract):
    value: str = Field(max_length=2048, description="A URL (file://, s3://) or a plain value")
    media_type: Optional[str] = Field(default=None, max_length=256)


ParameterValue = Union[bool, int, float, str]


class JobTracking(Contract):
    """What Experiments records of a job, whatever its kind: the room that starts the job fills it in."""

    display_name: Optional[str] = Field(default=None, max_length=120)
    parameters: dict[str, ParameterValue] = Field(default_factory=dict)
    inputs: dict[str, JobArtifact] = Field(default_factory=dict)
    outputs: dict[str, JobArtifact] = Field(default_factory=dict)
    model_artifact: Optional[str] = Field(default=None, description="Recorded once the job has completed")
    git: Optional[GitCommit] = None
    experiment_config: Optional[ExperimentConfig] = None


class JobConfig(Contract):
    """A job's configuration as recorded: the request of its kind (each kind's own fields, kept as
    sent) and, under `tracking`, what Experiments records of it."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    tracking: JobTracking = Field(default_factory=JobTracking)


class Job(Contract):
    job_name: str
    job_kind: str
    owner: str
    status: JobStatus
    secondary_status: Optional[str] = None
    failure_reason: Optional[str] = None
    exit_code: Optional[int] = None
    creation_time: datetime
    start_time: Optional[datetime] = None
    end_time: Optional[datetime] = None
    last_heartbeat: Optional[datetime] = None
    runner: str
    log_url: str
    output_url: str
    config: JobConfig
    tags: dict[str, str] = Field(default_factory=dict)


class JobList(Contract):
    jobs: list[Job]
    total: int


class LogChunk(Contract):
    job_name: str
    offset: int = Field(description="Byte offset this chunk starts at")
    next_offset: int = Field(description="Pass as ?offset= to read on")
    text: str
    complete: bool = Field(description="True when the job has ended and the whole log was read")


class JobStatusEvent(Contract):
    """Payload of the `job-status` event (schema version 2), sent only to those who may read the job."""

    job_name: str
    job_kind: str
    owner: str
    status: JobStatus


class JobReport(Contract):
    """What a running job process may tell the server (with its job token)."""

    secondary_status: Optional[str] = Field(default=None, max_length=255)


@dataclass(frozen=True)
class JobMetrics:
    """Metric points a job process wrote to its metrics file (MetricPoint dicts), read by the server."""

    job_name: str
    job_kind: str
    owner: str
    points: list[dict[str, Any]]
