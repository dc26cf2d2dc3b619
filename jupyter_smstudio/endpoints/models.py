"""The Endpoints room's contract: SageMaker's CreateModel / CreateEndpointConfig / CreateEndpoint /
UpdateEndpointWeightsAndCapacities requests and their Describe / List answers, with SageMaker's field names
(PascalCase), so code that reads a description carries over. A field SageMaker leaves out (no FailureReason
while none) is absent from an answer, not null."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, Optional

from pydantic import Field

from ..core.models import SageMakerShape as Shape

# SageMaker's names of models, endpoint configs, endpoints and variants
NAME_PATTERN = r"^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$"
MAX_INSTANCES = 16  # per variant (SageMaker's quota is per instance type; one bound here)
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


class CreateModelRequest(Shape):
    ModelName: str = Field(pattern=NAME_PATTERN)
    PrimaryContainer: ContainerDefinition
    ExecutionRoleArn: Optional[str] = Field(default=None, max_length=2048)
    Tags: list[Tag] = Field(default_factory=list, max_length=50)


class Model(Shape):
    """DescribeModel's answer."""

    ModelName: str
    ModelArn: str
    PrimaryContainer: ContainerDefinition
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


class CreateEndpointConfigRequest(Shape):
    EndpointConfigName: str = Field(pattern=NAME_PATTERN)
    ProductionVariants: list[ProductionVariant] = Field(min_length=1, max_length=10)
    Tags: list[Tag] = Field(default_factory=list, max_length=50)


class EndpointConfig(Shape):
    """DescribeEndpointConfig's answer."""

    EndpointConfigName: str
    EndpointConfigArn: str
    ProductionVariants: list[ProductionVariant]
    CreationTime: datetime
    Owner: str


class EndpointConfigList(Shape):
    EndpointConfigs: list[EndpointConfig]
    Total: int


class CreateEndpointRequest(Shape):
    EndpointName: str = Field(pattern=NAME_PATTERN)
    EndpointConfigName: str = Field(pattern=NAME_PATTERN)
    Tags: list[Tag] = Field(default_factory=list, max_length=50)


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
    FailureReason: Optional[str] = None
    ProductionVariants: list[ProductionVariantSummary]
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
