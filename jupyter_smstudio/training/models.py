"""The training and processing contract: SageMaker's CreateTrainingJob / CreateProcessingJob,
in the SDK's argument names (snake_case), on top of the generic job."""

from __future__ import annotations

from typing import Literal, Optional, Union

from pydantic import Field

from ..core.models import Contract, Tags
from ..debugger.shapes import DebugHookConfig, DebugRuleConfiguration, TensorBoardOutputConfig
from ..jobs.models import JOB_NAME_PATTERN, ExperimentConfig, JobConfig

HyperparameterValue = Union[bool, int, float, str]
InputMode = Literal["File", "FastFile"]


class Channel(Contract):
    s3_data: str = Field(min_length=1, max_length=2048, description="file:// or s3:// URL (a prefix or one file)")
    content_type: Optional[str] = Field(default=None, max_length=256)
    input_mode: Optional[InputMode] = None
    distribution: Literal["FullyReplicated", "ShardedByS3Key"] = "FullyReplicated"


class MetricDefinition(Contract):
    name: str = Field(alias="Name", min_length=1, max_length=255)
    regex: str = Field(alias="Regex", min_length=1, max_length=500)


class TrainingJobRequest(Contract):
    job_name: Optional[str] = Field(default=None, pattern=JOB_NAME_PATTERN)
    base_job_name: Optional[str] = Field(default=None, max_length=40, pattern=r"^[a-zA-Z0-9](-*[a-zA-Z0-9])*$")
    entry_point: Optional[str] = Field(
        default=None, min_length=1, max_length=1024, description="Script, relative to source_dir if given (required)"
    )
    source_dir: Optional[str] = Field(default=None, max_length=1024)
    dependencies: list[str] = Field(default_factory=list, max_length=50)
    hyperparameters: dict[str, HyperparameterValue] = Field(default_factory=dict)
    instance_type: str = Field(default="local", max_length=64)
    instance_count: int = Field(default=1, ge=1, le=16)
    output_path: Optional[str] = Field(default=None, max_length=2048)
    code_location: Optional[str] = Field(default=None, max_length=2048)
    max_run: int = Field(default=86400, ge=1, le=28 * 86400)
    metric_definitions: list[MetricDefinition] = Field(default_factory=list, max_length=40)
    environment: dict[str, str] = Field(default_factory=dict)
    checkpoint_s3_uri: Optional[str] = Field(default=None, max_length=2048)
    checkpoint_local_path: str = Field(default="/opt/ml/checkpoints", max_length=1024)
    input_mode: InputMode = "File"
    inputs: dict[str, Channel] = Field(default_factory=dict)
    image_uri: Optional[str] = Field(default=None, max_length=512)
    framework: Optional[Literal["sklearn", "pytorch", "xgboost"]] = None
    framework_version: Optional[str] = Field(default=None, max_length=32)
    experiment_config: Optional[ExperimentConfig] = None
    tags: Tags = Field(default_factory=dict)
    # SageMaker Debugger: where the hook writes, the rules beside the job, the TensorBoard export
    debug_hook_config: Optional[DebugHookConfig] = None
    debug_rule_configurations: list[DebugRuleConfiguration] = Field(default_factory=list, max_length=20)
    tensor_board_output_config: Optional[TensorBoardOutputConfig] = None


class ProcessingInput(Contract):
    source: str = Field(min_length=1, max_length=2048)
    destination: str = Field(default="/opt/ml/processing/input", max_length=1024)
    input_name: Optional[str] = Field(default=None, max_length=255)


class ProcessingOutput(Contract):
    source: str = Field(default="/opt/ml/processing/output", max_length=1024)
    destination: Optional[str] = Field(default=None, max_length=2048)
    output_name: Optional[str] = Field(default=None, max_length=255)


class ProcessingJobRequest(Contract):
    job_name: Optional[str] = Field(default=None, pattern=JOB_NAME_PATTERN)
    base_job_name: Optional[str] = Field(default=None, max_length=40, pattern=r"^[a-zA-Z0-9](-*[a-zA-Z0-9])*$")
    code: str = Field(min_length=1, max_length=1024)
    command: list[str] = Field(default_factory=lambda: ["python3"], max_length=10)
    arguments: list[str] = Field(default_factory=list, max_length=1000)
    inputs: list[ProcessingInput] = Field(default_factory=list, max_length=20)
    outputs: list[ProcessingOutput] = Field(default_factory=list, max_length=20)
    environment: dict[str, str] = Field(default_factory=dict)
    instance_type: str = Field(default="local", max_length=64)
    instance_count: int = Field(default=1, ge=1, le=16)
    max_runtime_in_seconds: int = Field(default=86400, ge=1, le=28 * 86400)
    image_uri: Optional[str] = Field(default=None, max_length=512)
    experiment_config: Optional[ExperimentConfig] = None
    tags: Tags = Field(default_factory=dict)


class TrainingJobConfig(JobConfig):
    """What a training job records: its request as sent (so "Clone" and describe read it back) and
    what the server resolved (where the code, the model and each channel are)."""

    entry_point: Optional[str] = None
    source_dir: Optional[str] = None
    framework: Optional[str] = None
    framework_version: Optional[str] = None
    hyperparameters: dict[str, HyperparameterValue] = Field(default_factory=dict)
    instance_type: str = "local"
    instance_count: int = 1
    max_run: int = 86400
    metric_definitions: list[MetricDefinition] = Field(default_factory=list)
    environment: dict[str, str] = Field(default_factory=dict)
    checkpoint_s3_uri: Optional[str] = None
    checkpoint_local_path: str = "/opt/ml/checkpoints"
    input_mode: InputMode = "File"
    experiment_config: Optional[ExperimentConfig] = None
    inputs: dict[str, str] = Field(default_factory=dict, description="Each channel's URL")
    output_path: Optional[str] = None
    code_url: Optional[str] = None
    model_data: Optional[str] = None
    # resolved: each S3OutputPath as given; the job's own folders under it are in debugger/training_setup.py
    debug_hook_config: Optional[DebugHookConfig] = None
    debug_rule_configurations: list[DebugRuleConfiguration] = Field(default_factory=list)
    tensor_board_output_config: Optional[TensorBoardOutputConfig] = None


class ResolvedProcessingInput(Contract):
    source: str
    destination: str
    input_name: Optional[str] = None


class ResolvedProcessingOutput(Contract):
    source: str
    destination: str
    output_name: Optional[str] = None


class ProcessingJobConfig(JobConfig):
    """What a processing job records: its request as sent and its inputs and outputs resolved."""

    code: Optional[str] = None
    command: list[str] = Field(default_factory=lambda: ["python3"])
    arguments: list[str] = Field(default_factory=list)
    environment: dict[str, str] = Field(default_factory=dict)
    instance_type: str = "local"
    instance_count: int = 1
    max_runtime_in_seconds: int = 86400
    experiment_config: Optional[ExperimentConfig] = None
    resolved_inputs: list[ResolvedProcessingInput] = Field(default_factory=list)
    outputs: list[ResolvedProcessingOutput] = Field(default_factory=list)
