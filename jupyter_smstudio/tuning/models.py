"""The tuning contract: SageMaker's CreateHyperParameterTuningJob in the SDK's words (snake_case),
with the training job definition of the training room. The SDK turns a tuning job back into
DescribeHyperParameterTuningJob's shape."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal, Optional, Union

from pydantic import Field

from ..core.models import Contract, Tags
from ..training.models import TrainingJobRequest

# SageMaker: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}$ (training jobs get "-NNN-xxxxxxxx" appended)
TUNING_JOB_NAME = r"^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}$"
PARAMETER_NAME = r"^[A-Za-z0-9_.\-]{1,256}$"
Strategy = Literal["Bayesian", "Random", "Grid", "Hyperband"]
ScalingType = Literal["Auto", "Linear", "Logarithmic", "ReverseLogarithmic"]
TuningStatus = Literal["InProgress", "Completed", "Failed", "Stopping", "Stopped"]
TrialStatus = Literal["InProgress", "Completed", "Failed", "Stopped"]


class ContinuousParameterRange(Contract):
    name: str = Field(pattern=PARAMETER_NAME)
    min_value: float
    max_value: float
    scaling_type: ScalingType = "Auto"


class IntegerParameterRange(Contract):
    name: str = Field(pattern=PARAMETER_NAME)
    min_value: int
    max_value: int
    scaling_type: Literal["Auto", "Linear", "Logarithmic"] = "Auto"


class CategoricalParameterRange(Contract):
    name: str = Field(pattern=PARAMETER_NAME)
    values: list[str] = Field(min_length=1, max_length=30)


class ParameterRanges(Contract):
    continuous_parameter_ranges: list[ContinuousParameterRange] = Field(default_factory=list, max_length=30)
    integer_parameter_ranges: list[IntegerParameterRange] = Field(default_factory=list, max_length=30)
    categorical_parameter_ranges: list[CategoricalParameterRange] = Field(default_factory=list, max_length=30)


class Objective(Contract):
    type: Literal["Maximize", "Minimize"] = "Maximize"
    metric_name: str = Field(min_length=1, max_length=255)


class HyperbandConfig(Contract):
    min_resource: int = Field(default=1, ge=1, description="Fewest epochs (metric steps) a job runs")
    max_resource: int = Field(default=100, ge=1, description="Most epochs (metric steps) a job runs")


class WarmStartConfig(Contract):
    """Earlier tuning jobs whose training jobs seed this one's search (they do not count in max_jobs)."""

    warm_start_type: Literal["IdenticalDataAndAlgorithm", "TransferLearning"]
    parents: list[Annotated[str, Field(pattern=TUNING_JOB_NAME)]] = Field(
        min_length=1, max_length=5, description="Names of ended tuning jobs"
    )


class CompletionCriteria(Contract):
    """Stop before max_jobs: at a good enough objective, or when the best stops improving."""

    target_objective_metric_value: Optional[float] = None
    max_number_training_jobs_not_improving: Optional[int] = Field(default=None, ge=3, le=500)


class TuningJobRequest(Contract):
    tuning_job_name: Optional[str] = Field(default=None, pattern=TUNING_JOB_NAME)
    base_tuning_job_name: Optional[str] = Field(default=None, max_length=20, pattern=r"^[a-zA-Z0-9](-*[a-zA-Z0-9])*$")
    strategy: Strategy = "Bayesian"
    objective: Objective
    parameter_ranges: ParameterRanges
    max_jobs: Optional[int] = Field(
        default=None, ge=1, le=500, description="Training jobs in all (Grid: the grid's size when absent)"
    )
    max_parallel_jobs: int = Field(default=1, ge=1, le=100)
    early_stopping_type: Literal["Off", "Auto"] = "Off"
    hyperband: Optional[HyperbandConfig] = None
    random_seed: Optional[int] = Field(default=None, ge=0, le=2**31 - 1)
    warm_start: Optional[WarmStartConfig] = None
    completion_criteria: Optional[CompletionCriteria] = None
    training_job: TrainingJobRequest = Field(description="The training job every trial runs (static hyperparameters)")
    tags: Tags = Field(default_factory=dict)


class TuningTrial(Contract):
    """One training job of a tuning job (ListTrainingJobsForHyperParameterTuningJob)."""

    number: int
    training_job_name: str
    status: TrialStatus
    tuned_hyperparameters: dict[str, Union[float, int, str]]
    objective_value: Optional[float] = None
    objective_status: Literal["Pending", "Succeeded", "Failed"] = "Pending"
    early_stopped: bool = False
    failure_reason: Optional[str] = None
    creation_time: datetime
    end_time: Optional[datetime] = None


class TuningJob(Contract):
    tuning_job_name: str
    owner: str
    status: TuningStatus
    failure_reason: Optional[str] = None
    strategy: Strategy
    objective: Objective
    parameter_ranges: ParameterRanges
    max_jobs: int
    max_parallel_jobs: int
    early_stopping_type: Literal["Off", "Auto"]
    creation_time: datetime
    last_modified_time: datetime
    end_time: Optional[datetime] = None
    status_counters: dict[str, int] = Field(
        description="Training jobs by status: Completed, InProgress, Failed, Stopped"
    )
    objective_counters: dict[str, int] = Field(description="Objective values: Succeeded, Pending, Failed")
    best_training_job: Optional[TuningTrial] = None
    warm_start: Optional[WarmStartConfig] = None
    completion_criteria: Optional[CompletionCriteria] = None
    completion_reason: Optional[str] = Field(default=None, description="Why it ended before max_jobs")
    training_job: TrainingJobRequest
    tags: dict[str, str] = Field(default_factory=dict)


class TuningJobList(Contract):
    tuning_jobs: list[TuningJob]
    total: int


class TuningTrialList(Contract):
    training_jobs: list[TuningTrial]
    total: int
