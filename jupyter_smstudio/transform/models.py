"""The Batch transform room's contract: SageMaker's CreateTransformJob request and its DescribeTransformJob /
ListTransformJobs answers, with SageMaker's field names (PascalCase), so a boto3-style call and a description a
notebook reads carry over. A field SageMaker leaves out (no FailureReason while none) is absent, not null."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, Optional

from pydantic import Field

from ..core.models import SageMakerShape as Shape
from ..endpoints.models import MAX_INSTANCES, NAME_PATTERN, Tag
from ..jobs.models import JOB_NAME_PATTERN, JobStatus
from ..jobs.models import ExperimentConfig as JobExperimentConfig  # a field of that name holds it

MAX_PAYLOAD_MB = 100  # SageMaker's bound, for MaxPayloadInMB and for MaxConcurrentTransforms * MaxPayloadInMB
DEFAULT_PAYLOAD_MB = 6


class TransformS3DataSource(Shape):
    """`S3Prefix`: every object (file) whose name starts with S3Uri (a file, a folder, or a name prefix);
    `ManifestFile`: S3Uri is a JSON manifest, `[{"prefix": URL}, "relative/key", ...]`."""

    S3DataType: Literal["S3Prefix", "ManifestFile"] = "S3Prefix"
    S3Uri: str = Field(min_length=1, max_length=1024)


class TransformDataSource(Shape):
    S3DataSource: TransformS3DataSource


class TransformInput(Shape):
    DataSource: TransformDataSource
    ContentType: Optional[str] = Field(default=None, max_length=256)
    CompressionType: Literal["None", "Gzip"] = "None"
    SplitType: Literal["None", "Line"] = Field(
        default="None", description="Line: each line of a file is a record; None: each file is one record"
    )


class TransformOutput(Shape):
    S3OutputPath: str = Field(min_length=1, max_length=1024)
    Accept: Optional[str] = Field(default=None, max_length=256)
    AssembleWith: Literal["None", "Line"] = "None"
    KmsKeyId: Optional[str] = Field(default=None, max_length=2048)


class TransformResources(Shape):
    InstanceType: str = Field(min_length=1, max_length=64)
    InstanceCount: int = Field(default=1, ge=1, le=MAX_INSTANCES)
    VolumeKmsKeyId: Optional[str] = Field(default=None, max_length=2048)


class TransformDataProcessing(Shape):
    """JSONPath filters as SageMaker documents them (filters.py) and the join of input and output."""

    InputFilter: str = Field(default="$", max_length=63)
    OutputFilter: str = Field(default="$", max_length=63)
    JoinSource: Literal["None", "Input"] = "None"


class TransformModelClientConfig(Shape):
    """Recorded as SageMaker answers it; the model runs inside each instance here, with no HTTP timeout."""

    InvocationsTimeoutInSeconds: Optional[int] = Field(default=None, ge=1, le=3600)
    InvocationsMaxRetries: Optional[int] = Field(default=None, ge=0, le=3)


class BatchDataCapture(Shape):
    """CreateTransformJob's DataCaptureConfig: when the job completes, its input and output files are listed
    (S3 manifests) under `<DestinationS3Uri>/input|output/yyyy/mm/dd/hh/<job>.json`, where a Model Monitor
    schedule's BatchTransformInput reads them."""

    DestinationS3Uri: str = Field(min_length=1, max_length=1024)
    KmsKeyId: Optional[str] = Field(default=None, max_length=2048)
    GenerateInferenceId: bool = False  # recorded; no inference ids are appended to the output here


class CreateTransformJobRequest(Shape):
    TransformJobName: str = Field(pattern=JOB_NAME_PATTERN)
    ModelName: str = Field(pattern=NAME_PATTERN)
    MaxConcurrentTransforms: Optional[int] = Field(default=None, ge=0, le=MAX_PAYLOAD_MB)
    ModelClientConfig: Optional[TransformModelClientConfig] = None
    MaxPayloadInMB: Optional[int] = Field(default=None, ge=0, le=MAX_PAYLOAD_MB)
    BatchStrategy: Optional[Literal["MultiRecord", "SingleRecord"]] = Field(
        default=None, description="Default: MultiRecord for text/csv split by line, else SingleRecord"
    )
    Environment: dict[str, str] = Field(default_factory=dict, max_length=16)
    TransformInput: TransformInput
    TransformOutput: TransformOutput
    TransformResources: TransformResources
    DataProcessing: Optional[TransformDataProcessing] = None
    DataCaptureConfig: Optional[BatchDataCapture] = None
    ExperimentConfig: Optional[JobExperimentConfig] = None
    Tags: list[Tag] = Field(default_factory=list, max_length=50)


class TransformProgress(Shape):
    """Records answered so far, of all the records of the input (known once the job has read its input)."""

    RecordsDone: int = 0
    RecordsTotal: Optional[int] = None


class TransformJob(Shape):
    """DescribeTransformJob's answer, with the job's progress and owner besides SageMaker's fields."""

    TransformJobName: str
    TransformJobArn: str
    TransformJobStatus: JobStatus
    FailureReason: Optional[str] = None
    ModelName: str
    MaxConcurrentTransforms: Optional[int] = None
    ModelClientConfig: Optional[TransformModelClientConfig] = None
    MaxPayloadInMB: Optional[int] = None
    BatchStrategy: Optional[str] = None
    Environment: dict[str, str] = Field(default_factory=dict)
    TransformInput: TransformInput
    TransformOutput: TransformOutput
    TransformResources: TransformResources
    DataProcessing: Optional[TransformDataProcessing] = None
    DataCaptureConfig: Optional[BatchDataCapture] = None
    ExperimentConfig: Optional[JobExperimentConfig] = None
    CreationTime: datetime
    TransformStartTime: Optional[datetime] = None
    TransformEndTime: Optional[datetime] = None
    LastModifiedTime: datetime
    Progress: TransformProgress
    Owner: str


class TransformJobSummary(Shape):
    TransformJobName: str
    TransformJobArn: str
    TransformJobStatus: JobStatus
    FailureReason: Optional[str] = None
    CreationTime: datetime
    TransformEndTime: Optional[datetime] = None
    LastModifiedTime: datetime


class TransformJobList(Shape):
    TransformJobSummaries: list[TransformJobSummary]
    Total: int
