"""The Model Monitor room's contract: SageMaker's CreateMonitoringSchedule request and its
DescribeMonitoringSchedule / ListMonitoringSchedules / ListMonitoringExecutions answers, with SageMaker's field names;
and the baselining job the SDK's `suggest_baseline` starts (SageMaker runs it as a processing job of its analyzer)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, Optional, TypeAlias

from pydantic import Field

from ..core.models import SageMakerShape as Shape
from ..endpoints.models import NAME_PATTERN, Tag
from ..jobs.models import JOB_NAME_PATTERN, JobStatus

ScheduleStatus = Literal["Pending", "Failed", "Scheduled", "Stopped"]
MonitoringKind = Literal["DataQuality", "ModelQuality"]  # named apart from the fields it types
MODEL_QUALITY: MonitoringKind = "ModelQuality"
Problem = Literal["BinaryClassification", "MulticlassClassification", "Regression"]
ExecutionStatus = Literal[
    "Pending", "Completed", "CompletedWithViolations", "InProgress", "Failed", "Stopping", "Stopped"
]
URI = Field(min_length=1, max_length=1024)


class S3Resource(Shape):
    S3Uri: str = URI


class MonitoringBaselineConfig(Shape):
    BaseliningJobName: Optional[str] = Field(default=None, max_length=63)
    ConstraintsResource: Optional[S3Resource] = None
    StatisticsResource: Optional[S3Resource] = None


class EndpointInput(Shape):
    EndpointName: str = Field(pattern=NAME_PATTERN)
    LocalPath: str = Field(default="/opt/ml/processing/input/endpoint", max_length=256)
    S3InputMode: Literal["Pipe", "File"] = "File"
    S3DataDistributionType: Literal["FullyReplicated", "ShardedByS3Key"] = "FullyReplicated"
    # model quality: where the prediction is in the endpoint's answer (a CSV index or a JSON attribute path)
    InferenceAttribute: Optional[str] = Field(default=None, max_length=256)
    ProbabilityAttribute: Optional[str] = Field(default=None, max_length=256)
    ProbabilityThresholdAttribute: Optional[float] = Field(default=None, ge=0.0, le=1.0)


class CsvFormat(Shape):
    Header: bool = False


class JsonFormat(Shape):
    Line: bool = True


class DatasetFormat(Shape):
    Csv: Optional[CsvFormat] = None
    Json: Optional[JsonFormat] = None


class BatchTransformInput(Shape):
    """What a batch transform job with a DataCaptureConfig listed (transform/container.py): its input files, read
    in `DatasetFormat`."""

    DataCapturedDestinationS3Uri: str = URI
    DatasetFormat: DatasetFormat
    LocalPath: str = Field(default="/opt/ml/processing/input/batch", max_length=256)
    S3InputMode: Literal["Pipe", "File"] = "File"
    S3DataDistributionType: Literal["FullyReplicated", "ShardedByS3Key"] = "FullyReplicated"


# the inputs' classes under names their fields (named as SageMaker names them) do not shadow
_Endpoint: TypeAlias = EndpointInput
_BatchTransform: TypeAlias = BatchTransformInput


class MonitoringGroundTruthS3Input(Shape):
    S3Uri: str = URI


class MonitoringInput(Shape):
    """One of EndpointInput (an endpoint's captured data) and BatchTransformInput (data quality only)."""

    EndpointInput: Optional[_Endpoint] = None
    BatchTransformInput: Optional[_BatchTransform] = None
    # model quality (the room's, where SageMaker keeps it in ModelQualityJobInput): the labels uploaded
    GroundTruthS3Input: Optional[MonitoringGroundTruthS3Input] = None


class S3Output(Shape):
    S3Uri: str = URI
    LocalPath: str = Field(default="/opt/ml/processing/output", max_length=256)
    S3UploadMode: Literal["Continuous", "EndOfJob"] = "EndOfJob"


class MonitoringOutput(Shape):
    S3Output: S3Output


class MonitoringOutputConfig(Shape):
    MonitoringOutputs: list[MonitoringOutput] = Field(min_length=1, max_length=1)
    KmsKeyId: Optional[str] = Field(default=None, max_length=2048)


class MonitoringClusterConfig(Shape):
    InstanceCount: int = Field(default=1, ge=1, le=100)
    InstanceType: str = Field(default="ml.m5.xlarge", min_length=1, max_length=64)
    VolumeSizeInGB: int = Field(default=30, ge=1, le=16384)
    VolumeKmsKeyId: Optional[str] = Field(default=None, max_length=2048)


class MonitoringResourcesConfig(Shape):
    ClusterConfig: MonitoringClusterConfig = Field(default_factory=MonitoringClusterConfig)


class MonitoringStoppingCondition(Shape):
    MaxRuntimeInSeconds: int = Field(default=3600, ge=1, le=86400)


class MonitoringAppSpec(Shape):
    ImageUri: Optional[str] = Field(default=None, max_length=255)
    ContainerEntrypoint: Optional[list[str]] = None
    ContainerArguments: Optional[list[str]] = None
    RecordPreprocessorSourceUri: Optional[str] = None
    PostAnalyticsProcessorSourceUri: Optional[str] = None


class MonitoringJobDefinition(Shape):
    BaselineConfig: Optional[MonitoringBaselineConfig] = None
    MonitoringInputs: list[MonitoringInput] = Field(min_length=1, max_length=1)
    MonitoringOutputConfig: MonitoringOutputConfig
    MonitoringResources: MonitoringResourcesConfig = Field(default_factory=MonitoringResourcesConfig)
    MonitoringAppSpecification: Optional[MonitoringAppSpec] = None
    StoppingCondition: Optional[MonitoringStoppingCondition] = None
    Environment: dict[str, str] = Field(default_factory=dict, max_length=50)
    RoleArn: Optional[str] = Field(default=None, max_length=2048)
    # model quality (the room's, where SageMaker keeps it in ModelQualityAppSpecification)
    ProblemType: Optional[Problem] = None

    @property
    def endpoint_name(self) -> Optional[str]:
        """The endpoint whose captured data it reads; None for a batch transform's (BatchTransformInput)."""
        given = self.MonitoringInputs[0].EndpointInput
        return given.EndpointName if given else None


class MonitoringScheduleTimes(Shape):
    """`cron(0 * ? * * *)` as SageMaker writes it, or `NOW` (one run, at once, over the analysis window given
    as ISO-8601 offsets from now: `-PT1H` .. `-PT0H`)."""

    ScheduleExpression: str = Field(min_length=1, max_length=256)
    DataAnalysisStartTime: Optional[str] = Field(default=None, max_length=64)
    DataAnalysisEndTime: Optional[str] = Field(default=None, max_length=64)


JobDefinition = MonitoringJobDefinition  # the type, where a field of its name hides it


class MonitoringScheduleConfig(Shape):
    """The job definition inline (MonitoringJobDefinition) or by name (MonitoringJobDefinitionName, made by
    CreateDataQualityJobDefinition; the schedule keeps it as it was when the schedule was created or updated)."""

    ScheduleConfig: Optional[MonitoringScheduleTimes] = None
    MonitoringJobDefinition: Optional[JobDefinition] = None
    MonitoringJobDefinitionName: Optional[str] = Field(default=None, pattern=NAME_PATTERN)
    MonitoringType: MonitoringKind = "DataQuality"

    @property
    def definition(self) -> JobDefinition:
        """The definition (resolved by the service when given by name)."""
        assert self.MonitoringJobDefinition is not None
        return self.MonitoringJobDefinition


# -- data quality job definitions ----------------------------------------------------------------------------------
class DataQualityAppSpec(Shape):
    ImageUri: str = Field(default="smstudio/model-monitor-analyzer", max_length=255)
    ContainerEntrypoint: Optional[list[str]] = None
    ContainerArguments: Optional[list[str]] = None
    RecordPreprocessorSourceUri: Optional[str] = None
    PostAnalyticsProcessorSourceUri: Optional[str] = None
    Environment: dict[str, str] = Field(default_factory=dict, max_length=50)


class DataQualityJobInput(Shape):
    EndpointInput: Optional[_Endpoint] = None
    BatchTransformInput: Optional[_BatchTransform] = None


class CreateDataQualityJobDefinitionRequest(Shape):
    JobDefinitionName: str = Field(pattern=NAME_PATTERN)
    DataQualityBaselineConfig: Optional[MonitoringBaselineConfig] = None
    DataQualityAppSpecification: DataQualityAppSpec = Field(default_factory=DataQualityAppSpec)
    DataQualityJobInput: DataQualityJobInput
    DataQualityJobOutputConfig: MonitoringOutputConfig
    JobResources: MonitoringResourcesConfig = Field(default_factory=MonitoringResourcesConfig)
    RoleArn: Optional[str] = Field(default=None, max_length=2048)
    StoppingCondition: Optional[MonitoringStoppingCondition] = None
    Tags: list[Tag] = Field(default_factory=list, max_length=50)

    def as_monitoring_job_definition(self) -> MonitoringJobDefinition:
        app = self.DataQualityAppSpecification
        return MonitoringJobDefinition(
            BaselineConfig=self.DataQualityBaselineConfig,
            MonitoringInputs=[
                MonitoringInput(
                    EndpointInput=self.DataQualityJobInput.EndpointInput,
                    BatchTransformInput=self.DataQualityJobInput.BatchTransformInput,
                )
            ],
            MonitoringOutputConfig=self.DataQualityJobOutputConfig,
            MonitoringResources=self.JobResources,
            StoppingCondition=self.StoppingCondition,
            Environment=app.Environment,
            RoleArn=self.RoleArn,
        )


class DataQualityJobDefinition(CreateDataQualityJobDefinitionRequest):
    JobDefinitionArn: str
    CreationTime: datetime


# -- model quality job definitions ---------------------------------------------------------------------------------
class ModelQualityAppSpec(DataQualityAppSpec):
    ProblemType: Problem


class ModelQualityBaseline(Shape):
    """ModelQualityBaselineConfig (named apart from the field it types)."""

    BaseliningJobName: Optional[str] = Field(default=None, max_length=63)
    ConstraintsResource: Optional[S3Resource] = None


class ModelQualityInput(Shape):
    """ModelQualityJobInput (named apart from the field it types)."""

    EndpointInput: EndpointInput
    GroundTruthS3Input: MonitoringGroundTruthS3Input


class CreateModelQualityJobDefinitionRequest(Shape):
    JobDefinitionName: str = Field(pattern=NAME_PATTERN)
    ModelQualityBaselineConfig: Optional[ModelQualityBaseline] = None
    ModelQualityAppSpecification: ModelQualityAppSpec
    ModelQualityJobInput: ModelQualityInput
    ModelQualityJobOutputConfig: MonitoringOutputConfig
    JobResources: MonitoringResourcesConfig = Field(default_factory=MonitoringResourcesConfig)
    RoleArn: Optional[str] = Field(default=None, max_length=2048)
    StoppingCondition: Optional[MonitoringStoppingCondition] = None
    Tags: list[Tag] = Field(default_factory=list, max_length=50)

    def as_monitoring_job_definition(self) -> MonitoringJobDefinition:
        app, given = self.ModelQualityAppSpecification, self.ModelQualityJobInput
        baseline = self.ModelQualityBaselineConfig
        return MonitoringJobDefinition(
            BaselineConfig=MonitoringBaselineConfig(**baseline.model_dump()) if baseline else None,
            MonitoringInputs=[
                MonitoringInput(EndpointInput=given.EndpointInput, GroundTruthS3Input=given.GroundTruthS3Input)
            ],
            MonitoringOutputConfig=self.ModelQualityJobOutputConfig,
            MonitoringResources=self.JobResources,
            StoppingCondition=self.StoppingCondition,
            Environment=app.Environment,
            RoleArn=self.RoleArn,
            ProblemType=app.ProblemType,
        )


class ModelQualityJobDefinition(CreateModelQualityJobDefinitionRequest):
    JobDefinitionArn: str
    CreationTime: datetime


class MonitoringJobDefinitionSummary(Shape):
    MonitoringJobDefinitionName: str
    MonitoringJobDefinitionArn: str
    CreationTime: datetime
    EndpointName: Optional[str] = None  # None: a batch transform's captured data


class MonitoringJobDefinitionList(Shape):
    JobDefinitionSummaries: list[MonitoringJobDefinitionSummary]
    Total: int


class CreateMonitoringScheduleRequest(Shape):
    MonitoringScheduleName: str = Field(pattern=NAME_PATTERN)
    MonitoringScheduleConfig: MonitoringScheduleConfig
    Tags: list[Tag] = Field(default_factory=list, max_length=50)


class UpdateMonitoringScheduleRequest(Shape):
    MonitoringScheduleConfig: MonitoringScheduleConfig


class MonitoringExecutionSummary(Shape):
    MonitoringScheduleName: str
    ScheduledTime: datetime
    CreationTime: datetime
    LastModifiedTime: datetime
    MonitoringExecutionStatus: ExecutionStatus
    ProcessingJobArn: Optional[str] = None
    EndpointName: Optional[str] = None
    FailureReason: Optional[str] = None
    MonitoringType: MonitoringKind = "DataQuality"
    # where the execution wrote statistics.json and constraint_violations.json (SageMaker: the processing job's)
    OutputS3Uri: Optional[str] = None
    ProcessingJobName: Optional[str] = None


class MonitoringSchedule(Shape):
    MonitoringScheduleArn: str
    MonitoringScheduleName: str
    MonitoringScheduleStatus: ScheduleStatus
    MonitoringType: MonitoringKind = "DataQuality"
    FailureReason: Optional[str] = None
    CreationTime: datetime
    LastModifiedTime: datetime
    MonitoringScheduleConfig: MonitoringScheduleConfig
    EndpointName: Optional[str] = None
    LastMonitoringExecutionSummary: Optional[MonitoringExecutionSummary] = None
    NextScheduledTime: Optional[datetime] = None
    Owner: str


class MonitoringScheduleSummary(Shape):
    MonitoringScheduleName: str
    MonitoringScheduleArn: str
    CreationTime: datetime
    LastModifiedTime: datetime
    MonitoringScheduleStatus: ScheduleStatus
    EndpointName: Optional[str] = None
    MonitoringType: MonitoringKind = "DataQuality"


class MonitoringScheduleList(Shape):
    MonitoringScheduleSummaries: list[MonitoringScheduleSummary]
    Total: int


class MonitoringExecutionList(Shape):
    MonitoringExecutionSummaries: list[MonitoringExecutionSummary]
    Total: int


# -- baselining jobs ------------------------------------------------------------------------------------------------
class CreateBaseliningJobRequest(Shape):
    BaseliningJobName: str = Field(pattern=JOB_NAME_PATTERN)
    BaselineDatasetS3Uri: str = URI
    DatasetFormat: DatasetFormat
    OutputS3Uri: str = URI
    MaxRuntimeInSeconds: int = Field(default=3600, ge=1, le=86400)
    InstanceCount: int = Field(default=1, ge=1, le=100, description="Processes profiling a local CSV at once")
    Environment: dict[str, str] = Field(default_factory=dict, max_length=50)
    # a model quality baseline (ModelQualityMonitor.suggest_baseline): the dataset holds predictions and labels
    ProblemType: Optional[Problem] = None
    InferenceAttribute: Optional[str] = Field(default=None, max_length=256)
    ProbabilityAttribute: Optional[str] = Field(default=None, max_length=256)
    GroundTruthAttribute: Optional[str] = Field(default=None, max_length=256)
    ProbabilityThresholdAttribute: Optional[float] = Field(default=None, ge=0.0, le=1.0)


class BaseliningJob(Shape):
    """A baselining job as a processing job reads (the SDK's `latest_baselining_job`), with its two outputs."""

    BaseliningJobName: str
    ProcessingJobArn: str
    ProcessingJobStatus: JobStatus
    FailureReason: Optional[str] = None
    BaselineDatasetS3Uri: str
    OutputS3Uri: str
    StatisticsS3Uri: str
    ConstraintsS3Uri: str
    CreationTime: datetime
    ProcessingStartTime: Optional[datetime] = None
    ProcessingEndTime: Optional[datetime] = None
    Owner: str
