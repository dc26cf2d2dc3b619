"""SageMaker's DescribeTrainingJob / DescribeProcessingJob answers, as contract models, from a job record.

Field names are SageMaker's (PascalCase), so SDK users' code that reads a description carries over;
a field SageMaker leaves out (no ModelArtifacts before a job completes, no FailureReason when none)
is left out here too, not sent as null.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import TYPE_CHECKING, Optional

from pydantic import Field

from ..core.models import SageMakerShape
from ..debugger import shapes as debugger
from ..jobs import models as jobs
from ..jobs.models import Job, JobStatus

if TYPE_CHECKING:
    from ..experiments.models import TrialComponent
    from .models import ProcessingJobConfig, TrainingJobConfig

SECONDARY = {
    "Starting": "Starting",
    "Running": "Training",
    "Completed": "Completed",
    "Failed": "Failed",
    "Stopping": "Stopping",
    "Stopped": "Stopped",
    "MaxRuntimeExceeded": "MaxRuntimeExceeded",
}


class MetricDefinitionShape(SageMakerShape):
    Name: str
    Regex: str


class AlgorithmSpecification(SageMakerShape):
    TrainingInputMode: str = "File"
    MetricDefinitions: list[MetricDefinitionShape] = Field(default_factory=list)
    EntryPoint: Optional[str] = None
    Framework: Optional[str] = None


class S3DataSource(SageMakerShape):
    S3Uri: str
    S3DataType: str = "S3Prefix"
    S3DataDistributionType: str = "FullyReplicated"


class DataSource(SageMakerShape):
    S3DataSource: S3DataSource


class InputDataChannel(SageMakerShape):
    ChannelName: str
    DataSource: DataSource


class OutputDataConfig(SageMakerShape):
    S3OutputPath: Optional[str] = None


class ResourceConfig(SageMakerShape):
    InstanceType: str = "local"
    InstanceCount: int = 1
    VolumeSizeInGB: int = 0


class StoppingConditionShape(SageMakerShape):
    MaxRuntimeInSeconds: Optional[int] = None


class FinalMetric(SageMakerShape):
    MetricName: str
    Value: Optional[float] = None
    Timestamp: Optional[datetime] = None


class TrainingModelArtifacts(SageMakerShape):
    S3ModelArtifacts: Optional[str] = None


class TrainingCheckpointConfig(SageMakerShape):
    S3Uri: str
    LocalPath: Optional[str] = None


class DescribeTrainingJob(SageMakerShape):
    TrainingJobName: str
    TrainingJobArn: str
    TrainingJobStatus: JobStatus
    SecondaryStatus: Optional[str] = None
    HyperParameters: dict[str, str] = Field(default_factory=dict)
    AlgorithmSpecification: AlgorithmSpecification
    InputDataConfig: list[InputDataChannel] = Field(default_factory=list)
    OutputDataConfig: OutputDataConfig
    ResourceConfig: ResourceConfig
    StoppingCondition: StoppingConditionShape
    CreationTime: datetime
    TrainingStartTime: Optional[datetime] = None
    TrainingEndTime: Optional[datetime] = None
    LastModifiedTime: Optional[datetime] = None
    Environment: dict[str, str] = Field(default_factory=dict)
    FinalMetricDataList: list[FinalMetric] = Field(default_factory=list)
    TrainingTimeInSeconds: Optional[int] = None
    BillableTimeInSeconds: int = 0
    ModelArtifacts: Optional[TrainingModelArtifacts] = None
    FailureReason: Optional[str] = None
    CheckpointConfig: Optional[TrainingCheckpointConfig] = None
    ExperimentConfig: Optional[jobs.ExperimentConfig] = None
    DebugHookConfig: Optional[debugger.DebugHookConfig] = None
    DebugRuleConfigurations: Optional[list[debugger.DebugRuleConfiguration]] = None
    DebugRuleEvaluationStatuses: Optional[list[debugger.DebugRuleEvaluationStatus]] = None
    TensorBoardOutputConfig: Optional[debugger.TensorBoardOutputConfig] = None
    LogUrl: str
    Runner: str
    Owner: str


class ProcessingS3Input(SageMakerShape):
    S3Uri: str
    LocalPath: str


class ProcessingInputShape(SageMakerShape):
    InputName: str
    S3Input: ProcessingS3Input


class ProcessingS3Output(SageMakerShape):
    S3Uri: str
    LocalPath: str


class ProcessingOutputShape(SageMakerShape):
    OutputName: str
    S3Output: ProcessingS3Output


class ProcessingOutputConfig(SageMakerShape):
    Outputs: list[ProcessingOutputShape] = Field(default_factory=list)


class ClusterConfig(SageMakerShape):
    InstanceType: str = "local"
    InstanceCount: int = 1


class ProcessingResources(SageMakerShape):
    ClusterConfig: ClusterConfig


class AppSpecification(SageMakerShape):
    ContainerEntrypoint: list[str] = Field(default_factory=list)
    ContainerArguments: list[str] = Field(default_factory=list)


class DescribeProcessingJob(SageMakerShape):
    ProcessingJobName: str
    ProcessingJobArn: str
    ProcessingJobStatus: JobStatus
    ProcessingInputs: list[ProcessingInputShape] = Field(default_factory=list)
    ProcessingOutputConfig: ProcessingOutputConfig
    ProcessingResources: ProcessingResources
    StoppingCondition: StoppingConditionShape
    AppSpecification: AppSpecification
    Environment: dict[str, str] = Field(default_factory=dict)
    CreationTime: datetime
    ProcessingStartTime: Optional[datetime] = None
    ProcessingEndTime: Optional[datetime] = None
    FailureReason: Optional[str] = None
    ExitMessage: Optional[str] = None
    LogUrl: str
    Owner: str


def describe_training(
    job: Job,
    c: TrainingJobConfig,
    component: Optional[TrialComponent],
    rule_statuses: Optional[list[debugger.DebugRuleEvaluationStatus]] = None,
) -> DescribeTrainingJob:
    seconds = int((job.end_time - job.start_time).total_seconds()) if job.end_time and job.start_time else None
    finals = [
        FinalMetric(
            MetricName=m.metric_name,
            Value=m.last if m.last is None or math.isfinite(m.last) else None,
            Timestamp=m.time_stamp,
        )
        for m in (component.metrics if component else [])
    ]
    return DescribeTrainingJob(
        TrainingJobName=job.job_name,
        TrainingJobArn=f"smstudio:training-job/{job.job_name}",
        TrainingJobStatus=job.status,
        SecondaryStatus=SECONDARY.get(job.secondary_status or "", job.secondary_status),
        HyperParameters={k: str(v) for k, v in c.hyperparameters.items()},
        AlgorithmSpecification=AlgorithmSpecification(
            TrainingInputMode=c.input_mode,
            MetricDefinitions=[MetricDefinitionShape(Name=m.name, Regex=m.regex) for m in c.metric_definitions],
            EntryPoint=c.entry_point,
            Framework=c.framework,
        ),
        InputDataConfig=[
            InputDataChannel(ChannelName=name, DataSource=DataSource(S3DataSource=S3DataSource(S3Uri=url)))
            for name, url in c.inputs.items()
        ],
        OutputDataConfig=OutputDataConfig(S3OutputPath=c.output_path),
        ResourceConfig=ResourceConfig(InstanceType=c.instance_type, InstanceCount=c.instance_count),
        StoppingCondition=StoppingConditionShape(MaxRuntimeInSeconds=c.max_run),
        CreationTime=job.creation_time,
        TrainingStartTime=job.start_time,
        TrainingEndTime=job.end_time,
        LastModifiedTime=job.end_time or job.last_heartbeat,
        Environment=c.environment,
        FinalMetricDataList=finals,
        TrainingTimeInSeconds=seconds,
        ModelArtifacts=TrainingModelArtifacts(S3ModelArtifacts=c.model_data) if job.status == "Completed" else None,
        FailureReason=job.failure_reason,
        CheckpointConfig=(
            TrainingCheckpointConfig(S3Uri=c.checkpoint_s3_uri, LocalPath=c.checkpoint_local_path)
            if c.checkpoint_s3_uri
            else None
        ),
        ExperimentConfig=c.experiment_config,
        DebugHookConfig=c.debug_hook_config,
        DebugRuleConfigurations=c.debug_rule_configurations or None,
        DebugRuleEvaluationStatuses=rule_statuses or None,
        TensorBoardOutputConfig=c.tensor_board_output_config,
        LogUrl=job.log_url,
        Runner=job.runner,
        Owner=job.owner,
    )


def describe_processing(job: Job, c: ProcessingJobConfig) -> DescribeProcessingJob:
    return DescribeProcessingJob(
        ProcessingJobName=job.job_name,
        ProcessingJobArn=f"smstudio:processing-job/{job.job_name}",
        ProcessingJobStatus=job.status,
        ProcessingInputs=[
            ProcessingInputShape(
                InputName=i.input_name or f"input-{n + 1}",
                S3Input=ProcessingS3Input(S3Uri=i.source, LocalPath=i.destination),
            )
            for n, i in enumerate(c.resolved_inputs)
        ],
        ProcessingOutputConfig=ProcessingOutputConfig(
            Outputs=[
                ProcessingOutputShape(
                    OutputName=o.output_name or f"output-{n + 1}",
                    S3Output=ProcessingS3Output(S3Uri=o.destination, LocalPath=o.source),
                )
                for n, o in enumerate(c.outputs)
            ]
        ),
        ProcessingResources=ProcessingResources(
            ClusterConfig=ClusterConfig(InstanceType=c.instance_type, InstanceCount=c.instance_count)
        ),
        StoppingCondition=StoppingConditionShape(MaxRuntimeInSeconds=c.max_runtime_in_seconds),
        AppSpecification=AppSpecification(
            ContainerEntrypoint=[*c.command, c.code or ""], ContainerArguments=c.arguments
        ),
        Environment=c.environment,
        CreationTime=job.creation_time,
        ProcessingStartTime=job.start_time,
        ProcessingEndTime=job.end_time,
        FailureReason=job.failure_reason,
        ExitMessage=f"exit code {job.exit_code}" if job.exit_code is not None else None,
        LogUrl=job.log_url,
        Owner=job.owner,
    )
