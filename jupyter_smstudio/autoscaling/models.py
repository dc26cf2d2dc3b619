"""The autoscaling room's contract: Application Auto Scaling's RegisterScalableTarget / PutScalingPolicy requests
and its Describe answers, with its field names (PascalCase), for SageMaker endpoint variants only."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal, Optional

from pydantic import Field, StringConstraints

from ..core.models import SageMakerShape as Shape

NAMESPACE = "sagemaker"
DIMENSION = "sagemaker:variant:DesiredInstanceCount"
METRIC = "SageMakerVariantInvocationsPerInstance"
# the values themselves are checked by the service, so a wrong one is a 400 that says what is accepted
ResourceIdText = Annotated[str, StringConstraints(min_length=1, max_length=1600)]
ActivityStatus = Literal["Pending", "InProgress", "Successful", "Overridden", "Unfulfilled", "Failed"]


class SuspendedState(Shape):
    DynamicScalingInSuspended: bool = False
    DynamicScalingOutSuspended: bool = False
    ScheduledScalingSuspended: bool = False


# a field named as its type would shadow it in its class (its default, None, read as the annotation): aliases
Suspended = SuspendedState


class RegisterScalableTargetRequest(Shape):
    """A new target needs both capacities; registering it again changes what is given."""

    ServiceNamespace: str = Field(min_length=1, max_length=32)
    ResourceId: ResourceIdText
    ScalableDimension: str = Field(min_length=1, max_length=64)
    MinCapacity: Optional[int] = Field(default=None, ge=1)
    MaxCapacity: Optional[int] = Field(default=None, ge=1)
    RoleARN: Optional[str] = Field(default=None, max_length=1600)  # recorded; nothing assumes a role here
    SuspendedState: Optional[Suspended] = None


class RegisteredTarget(Shape):
    ScalableTargetARN: str


class ScalableTarget(Shape):
    ServiceNamespace: str
    ResourceId: str
    ScalableDimension: str
    MinCapacity: int
    MaxCapacity: int
    RoleARN: str
    CreationTime: datetime
    SuspendedState: Suspended
    ScalableTargetARN: str


class ScalableTargetList(Shape):
    ScalableTargets: list[ScalableTarget]
    Total: int


class PredefinedMetricSpecification(Shape):
    PredefinedMetricType: str = Field(min_length=1, max_length=64)
    ResourceLabel: Optional[str] = Field(default=None, max_length=1023)


PredefinedMetric = PredefinedMetricSpecification


class TargetTrackingScalingPolicyConfiguration(Shape):
    """Target tracking on the variant's invocations per instance and minute (the only metric offered)."""

    TargetValue: float = Field(gt=0, le=1e9, allow_inf_nan=False)
    PredefinedMetricSpecification: PredefinedMetric
    ScaleOutCooldown: int = Field(default=300, ge=0, le=86400)  # seconds; AWS's default for SageMaker variants
    ScaleInCooldown: int = Field(default=300, ge=0, le=86400)
    DisableScaleIn: bool = False


TargetTracking = TargetTrackingScalingPolicyConfiguration


class PutScalingPolicyRequest(Shape):
    PolicyName: str = Field(min_length=1, max_length=256, pattern=r"^\S(.*\S)?$")
    ServiceNamespace: str = Field(min_length=1, max_length=32)
    ResourceId: ResourceIdText
    ScalableDimension: str = Field(min_length=1, max_length=64)
    PolicyType: str = Field(default="TargetTrackingScaling", min_length=1, max_length=64)
    TargetTrackingScalingPolicyConfiguration: Optional[TargetTracking] = None


class Alarm(Shape):
    AlarmName: str
    AlarmARN: str


class PolicyPut(Shape):
    PolicyARN: str
    Alarms: list[Alarm]


class ScalingPolicy(Shape):
    PolicyARN: str
    PolicyName: str
    ServiceNamespace: str
    ResourceId: str
    ScalableDimension: str
    PolicyType: str
    TargetTrackingScalingPolicyConfiguration: TargetTracking
    Alarms: list[Alarm]
    CreationTime: datetime


class ScalingPolicyList(Shape):
    ScalingPolicies: list[ScalingPolicy]
    Total: int


class ScalingActivity(Shape):
    """One change of a variant's instance count, with what caused it; InProgress until the endpoint runs the new
    count (Successful) or refuses it (Failed, with the reason in StatusMessage)."""

    ActivityId: str
    ServiceNamespace: str
    ResourceId: str
    ScalableDimension: str
    Description: str
    Cause: str
    StartTime: datetime
    EndTime: Optional[datetime] = None
    StatusCode: ActivityStatus
    StatusMessage: Optional[str] = None


class ScalingActivityList(Shape):
    ScalingActivities: list[ScalingActivity]
    Total: int


class ScalingDeleted(Shape):
    """A deregister's or a delete's answer (Application Auto Scaling answers only the request's metadata)."""

    Deleted: str
