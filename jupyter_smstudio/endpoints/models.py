"""The Endpoints room's contract: SageMaker's CreateModel / CreateEndpointConfig / CreateEndpoint /
UpdateEndpoint / UpdateEndpointWeightsAndCapacities requests and their Describe / List answers, with SageMaker's
field names (PascalCase), so code that reads a description carries over. A field SageMaker leaves out (no FailureReason
while none) is absent from an answer, not null."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, Optional

from pydantic import Field

from ..core.models import SageMakerShape as Shape

# SageMaker's names of models, endpoint configs, endpoints and variants
NAME_PATTERN = r"^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$"
MAX_INSTANCES = 16  # per variant (SageMaker's quota is per instance type; one bound here)
MAX_CONTAINERS = 15  # SageMaker's limit of an inference pipeline
EndpointStatus = Literal["Creating", "InService", "Updating", "Failed", "Deleting"]


class ContainerDefinition(Shape):
    """The model's container: its artifact (`model.tar.gz` of a training job, or a folder) and its environment,
    where `SAGEMAKER_PROGRAM` names the inference entry point in `SAGEMAKER_SUBMIT_DIRECTORY` (a folder, or a
    `sourcedir.tar.gz` URL as training packs it). `Image` is recorded; instances run this server's Python."""

    Image: Optional[str] = Field(default=None, max_length=255)
    ModelDataUrl: Optional[str] = Field(default=None, min_length=1, max_length=1024)
    Environment: dict[str, str] = Field(default_factory=dict, max_length=100)


class Tag(Shape):
    Key: str = Field(min_length=1, max_length=128)
    Value: str = Field(default="", max_length=256)


class PipelineExecution(Shape):
    """How an inference pipeline's containers run: `Serial` (each one's answer is the next one's request)."""

    Mode: Literal["Serial", "Direct"] = "Serial"


class CreateModelRequest(Shape):
    """One container (`PrimaryContainer`), or an inference pipeline (`Containers`, run in order)."""

    ModelName: str = Field(pattern=NAME_PATTERN)
    PrimaryContainer: Optional[ContainerDefinition] = None
    Containers: Optional[list[ContainerDefinition]] = Field(default=None, min_length=1, max_length=MAX_CONTAINERS)
    InferenceExecutionConfig: Optional[PipelineExecution] = None
    ExecutionRoleArn: Optional[str] = Field(default=None, max_length=2048)
    Tags: list[Tag] = Field(default_factory=list, max_length=50)


class Model(Shape):
    """DescribeModel's answer."""

    ModelName: str
    ModelArn: str
    PrimaryContainer: Optional[ContainerDefinition] = None
    Containers: Optional[list[ContainerDefinition]] = None
    InferenceExecutionConfig: Optional[PipelineExecution] = None
    ExecutionRoleArn: Optional[str] = None
    CreationTime: datetime
    Owner: str


class ModelList(Shape):
    Models: list[Model]
    Total: int


class ProductionVariant(Shape):
    VariantName: str = Field(pattern=NAME_PATTERN)
    ModelName: str = Field(pattern=NAME_PATTERN)
    InitialInstanceCount: int = Field(default=1, ge=1, le=MAX_INSTANCES)
    InstanceType: str = Field(default="local", min_length=1, max_length=64)
    InitialVariantWeight: float = Field(default=1.0, ge=0, allow_inf_nan=False)


class CaptureOption(Shape):
    CaptureMode: Literal["Input", "Output", "InputAndOutput"]


class CaptureContentTypes(Shape):
    """Which content types are captured as text (CSV or JSON); any other is captured as BASE64."""

    CsvContentTypes: list[str] = Field(default_factory=list, max_length=10)
    JsonContentTypes: list[str] = Field(default_factory=list, max_length=10)


class DataCapture(Shape):
    """SageMaker's DataCaptureConfig: a sample of the requests and answers written as JSON Lines under
    `<DestinationS3Uri>/<endpoint>/<variant>/yyyy/mm/dd/hh/` in the owner's storage."""

    EnableCapture: bool = True
    InitialSamplingPercentage: int = Field(ge=0, le=100)
    DestinationS3Uri: str = Field(min_length=1, max_length=512)
    KmsKeyId: Optional[str] = Field(default=None, max_length=2048)  # recorded; storage encrypts as it is set up
    CaptureOptions: list[CaptureOption] = Field(min_length=1, max_length=2)
    CaptureContentTypeHeader: Optional[CaptureContentTypes] = None


class CreateEndpointConfigRequest(Shape):
    EndpointConfigName: str = Field(pattern=NAME_PATTERN)
    ProductionVariants: list[ProductionVariant] = Field(min_length=1, max_length=10)
    DataCaptureConfig: Optional[DataCapture] = None
    KmsKeyId: Optional[str] = Field(default=None, max_length=2048)
    Tags: list[Tag] = Field(default_factory=list, max_length=50)


class EndpointConfig(Shape):
    """DescribeEndpointConfig's answer."""

    EndpointConfigName: str
    EndpointConfigArn: str
    ProductionVariants: list[ProductionVariant]
    DataCaptureConfig: Optional[DataCapture] = None
    CreationTime: datetime
    Owner: str


class EndpointConfigList(Shape):
    EndpointConfigs: list[EndpointConfig]
    Total: int


class CreateEndpointRequest(Shape):
    EndpointName: str = Field(pattern=NAME_PATTERN)
    EndpointConfigName: str = Field(pattern=NAME_PATTERN)
    Tags: list[Tag] = Field(default_factory=list, max_length=50)


VariantPropertyType = Literal["DesiredInstanceCount", "DesiredWeight", "DataCaptureConfig"]


class VariantProperty(Shape):
    VariantPropertyType: VariantPropertyType


class UpdateEndpointRequest(Shape):
    """UpdateEndpoint: the endpoint moves to another configuration, blue/green (the new instances serve before
    the old ones stop). `RetainAllVariantProperties` keeps the live weights and counts of the variants both
    configurations name, except the properties listed in `ExcludeRetainedVariantProperties`. `DeploymentConfig`
    (SageMaker's traffic-shifting and rollback policy) is accepted: here the switch is all at once, and a new
    configuration that does not start rolls back."""

    EndpointConfigName: str = Field(pattern=NAME_PATTERN)
    RetainAllVariantProperties: bool = False
    ExcludeRetainedVariantProperties: list[VariantProperty] = Field(default_factory=list, max_length=3)
    DeploymentConfig: Optional[dict[str, object]] = None
    RetainDeploymentConfig: bool = False


class DataCaptureConfigSummary(Shape):
    EnableCapture: bool
    CaptureStatus: Literal["Started", "Stopped"]
    CurrentSamplingPercentage: int
    DestinationS3Uri: str
    KmsKeyId: Optional[str] = None


class ProductionVariantSummary(Shape):
    VariantName: str
    ModelName: str
    CurrentWeight: float
    DesiredWeight: float
    CurrentInstanceCount: int
    DesiredInstanceCount: int


class Endpoint(Shape):
    """DescribeEndpoint's answer."""

    EndpointName: str
    EndpointArn: str
    EndpointConfigName: str
    EndpointStatus: EndpointStatus
    FailureReason: Optional[str] = None  # why it Failed, or why the last UpdateEndpoint rolled back
    ProductionVariants: list[ProductionVariantSummary]
    DataCaptureConfig: Optional[DataCaptureConfigSummary] = None
    CreationTime: datetime
    LastModifiedTime: datetime
    Owner: str


class EndpointList(Shape):
    Endpoints: list[Endpoint]
    Total: int


class DesiredWeightAndCapacity(Shape):
    VariantName: str = Field(pattern=NAME_PATTERN)
    DesiredWeight: Optional[float] = Field(default=None, ge=0, allow_inf_nan=False)
    DesiredInstanceCount: Optional[int] = Field(default=None, ge=1, le=MAX_INSTANCES)


class UpdateEndpointWeightsAndCapacitiesRequest(Shape):
    DesiredWeightsAndCapacities: list[DesiredWeightAndCapacity] = Field(min_length=1, max_length=10)


class Deleted(Shape):
    """A delete's answer (SageMaker answers nothing but the request's metadata)."""

    Deleted: str


class VariantMinute(Shape):
    """One minute of a variant as the router counted it (CloudWatch's Invocations, ModelLatency, Invocation4XX/5XX
    Errors); the latencies are measured at the router, in milliseconds, absent in a minute without a request."""

    Start: datetime
    Invocations: int
    Invocation4XXErrors: int
    Invocation5XXErrors: int
    LatencyP50Ms: Optional[float] = None
    LatencyP99Ms: Optional[float] = None


class VariantMetrics(Shape):
    VariantName: str
    CurrentInstanceCount: int
    Minutes: list[VariantMinute]


class EndpointMetrics(Shape):
    """An endpoint's last minutes per variant (kept in the server's memory for three hours)."""

    EndpointName: str
    Variants: list[VariantMetrics]
