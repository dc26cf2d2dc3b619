"""Application Auto Scaling's operations on endpoint variants: scalable targets, target-tracking policies and the
activity list. The scaler (scaler.py) acts on them; the Endpoints room's service owns the variants and counts.

A target is its endpoint owner's: a viewer names a ResourceId, and whose target that is follows the owner of
records as everywhere (core/auth.py resolve_owner); another user's endpoint is as unknown as one that does not
exist."""

from __future__ import annotations

import re
import uuid
from typing import TYPE_CHECKING, Optional

from ..core.auth import Viewer, resolve_owner
from ..core.db import Database
from ..core.errors import BadRequest, NotFound
from ..core.orm import utcnow
from ..core.paging import check_page
from ..endpoints.models import MAX_INSTANCES, NAME_PATTERN
from ..endpoints.orm import EndpointRow
from .models import (
    DIMENSION,
    METRIC,
    NAMESPACE,
    Alarm,
    PolicyPut,
    PutScalingPolicyRequest,
    RegisteredTarget,
    RegisterScalableTargetRequest,
    ScalableTarget,
    ScalableTargetList,
    ScalingActivity,
    ScalingActivityList,
    ScalingDeleted,
    ScalingPolicy,
    ScalingPolicyList,
    SuspendedState,
    TargetTrackingScalingPolicyConfiguration,
)
from .scaler import Scaler, ScalerTiming
from .store import ActivityRecord, AutoscalingStore, PolicyRecord, TargetRecord

if TYPE_CHECKING:
    from ..endpoints.service import EndpointService

RESOURCE = re.compile(r"^endpoint/(?P<endpoint>[^/]+)/variant/(?P<variant>[^/]+)$")
_NAME = re.compile(NAME_PATTERN)
POLICY_TYPE = "TargetTrackingScaling"


def check_namespace(value: Optional[str], field: str = "ServiceNamespace") -> None:
    if value is not None and value != NAMESPACE:
        raise BadRequest(
            f"unsupported service namespace '{value}': SmStudio scales SageMaker endpoint variants ('{NAMESPACE}')",
            field=field,
        )


def check_dimension(value: Optional[str], field: str = "ScalableDimension") -> None:
    if value is not None and value != DIMENSION:
        raise BadRequest(f"unsupported scalable dimension '{value}': only '{DIMENSION}' is scalable", field=field)


def parse_resource_id(resource_id: str, field: str = "ResourceId") -> tuple[str, str]:
    """`endpoint/<endpoint name>/variant/<variant name>` -> (endpoint name, variant name)."""
    found = RESOURCE.match(resource_id)
    if not found or not _NAME.match(found["endpoint"]) or not _NAME.match(found["variant"]):
        raise BadRequest(
            f"invalid resource ID '{resource_id[:200]}': a SageMaker variant is 'endpoint/<endpoint name>/variant/"
            "<variant name>'",
            field=field,
        )
    return found["endpoint"], found["variant"]


def _not_registered(resource_id: str) -> NotFound:
    return NotFound(
        f"No scalable target registered for service namespace: {NAMESPACE}, resource ID: {resource_id}, "
        f"scalable dimension: {DIMENSION}",
        field="ResourceId",
    )


class AutoscalingService:
    def __init__(self, db: Database, endpoints: EndpointService, timing: ScalerTiming):
        self.store = AutoscalingStore(db)
        self.endpoints = endpoints
        self.scaler = Scaler(self.store, endpoints, timing)

    # -- lifecycle ----------------------------------------------------------------------------------
    def start(self) -> None:
        guards = getattr(self.endpoints, "update_guards", None)
        if isinstance(guards, list) and self.refuse_update not in guards:
            guards.append(self.refuse_update)
        self.scaler.start()

    def close(self) -> None:
        self.scaler.close()

    def refuse_update(self, owner: str, endpoint_name: str) -> None:
        """UpdateEndpoint's guard: SageMaker refuses to update an endpoint whose variant is a scalable target."""
        targets = self.store.targets_of_endpoint(owner, endpoint_name)
        if not targets:
            return
        names = ", ".join(t.variant_name for t in targets)
        raise BadRequest(
            f"endpoint '{endpoint_name}' cannot be updated while its variant {names} is registered for automatic "
            "scaling: delete the variant's scaling policies (delete_scaling_policy) and deregister its scalable "
            "target (deregister_scalable_target) first, then update the endpoint and register the new variants",
            field="EndpointName",
        )

    # -- whose -------------------------------------------------------------------------------------
    def _endpoint_owner(self, viewer: Viewer, endpoint_name: str, resource_id: str) -> str:
        holders = self.endpoints.store.holders(EndpointRow, endpoint_name)
        try:
            return resolve_owner(viewer, ((o, False) for o in holders), "endpoint", endpoint_name, "ResourceId")
        except NotFound:  # Application Auto Scaling answers a ValidationException for an unknown resource
            raise BadRequest(
                f"the resource {resource_id} does not exist: endpoint '{endpoint_name}' is not one of yours",
                field="ResourceId",
            ) from None

    def _target_of(self, viewer: Viewer, resource_id: str) -> TargetRecord:
        holders = self.store.target_holders(resource_id)
        try:
            owner = resolve_owner(viewer, ((o, False) for o in holders), "scalable target", resource_id, "ResourceId")
        except NotFound:
            raise _not_registered(resource_id) from None
        target = self.store.get_target(owner, resource_id)
        if target is None:  # deregistered a moment ago
            raise _not_registered(resource_id)
        return target

    # -- scalable targets ---------------------------------------------------------------------------
    def register_scalable_target(self, viewer: Viewer, request: RegisterScalableTargetRequest) -> RegisteredTarget:
        check_namespace(request.ServiceNamespace)
        check_dimension(request.ScalableDimension)
        endpoint_name, variant_name = parse_resource_id(request.ResourceId)
        owner = self._endpoint_owner(viewer, endpoint_name, request.ResourceId)
        endpoint = self.endpoints.store.find_endpoint(owner, endpoint_name)
        if endpoint is None or endpoint.status == "Deleting":
            raise BadRequest(f"the resource {request.ResourceId} does not exist", field="ResourceId")
        variants = [v["VariantName"] for v in endpoint.variants]
        if variant_name not in variants:
            raise BadRequest(
                f"the resource {request.ResourceId} does not exist: endpoint '{endpoint_name}' has no variant "
                f"'{variant_name}' (it has {', '.join(variants)})",
                field="ResourceId",
            )
        existing = self.store.get_target(owner, request.ResourceId)
        low, high = request.MinCapacity, request.MaxCapacity
        if existing is not None:  # registering again changes only what it names
            low = existing.min_capacity if low is None else low
            high = existing.max_capacity if high is None else high
        if low is None:
            raise BadRequest("MinCapacity is required to register a new scalable target", field="MinCapacity")
        if high is None:
            raise BadRequest("MaxCapacity is required to register a new scalable target", field="MaxCapacity")
        if high > MAX_INSTANCES:
            raise BadRequest(
                f"MaxCapacity {high} is above the most instances a variant may run ({MAX_INSTANCES})",
                field="MaxCapacity",
            )
        if low > high:
            raise BadRequest(f"MinCapacity {low} is above MaxCapacity {high}", field="MinCapacity")
        suspended = request.SuspendedState or SuspendedState(**(existing.suspended if existing else {}))
        role = request.RoleARN if request.RoleARN is not None else existing.role_arn if existing else None
        record = TargetRecord(
            owner=owner,
            resource_id=request.ResourceId,
            endpoint_name=endpoint_name,
            variant_name=variant_name,
            min_capacity=low,
            max_capacity=high,
            role_arn=role,
            suspended=suspended.model_dump(),
            arn=existing.arn if existing else f"smstudio:scalable-target/{uuid.uuid4().hex}",
            creation_time=existing.creation_time if existing else utcnow(),
        )
        self.store.put_target(record)
        # as AWS does: a current count outside the new bounds is brought inside them now
        self.scaler.evaluate_resource(owner, request.ResourceId)
        return RegisteredTarget(ScalableTargetARN=record.arn)

    def describe_scalable_targets(
        self,
        viewer: Viewer,
        service_namespace: str = NAMESPACE,
        resource_ids: Optional[str] = None,
        scalable_dimension: Optional[str] = None,
        limit: int = 50,
        offset: int = 0,
    ) -> ScalableTargetList:
        check_namespace(service_namespace, "service_namespace")
        check_dimension(scalable_dimension, "scalable_dimension")
        check_page(limit, offset)
        wanted = [r for r in (resource_ids or "").split(",") if r]
        found, total = self.store.list_targets(viewer.owner_filter, wanted, limit, offset)
        return ScalableTargetList(ScalableTargets=[_target(t) for t in found], Total=total)

    def deregister_scalable_target(
        self,
        viewer: Viewer,
        resource_id: str,
        service_namespace: str = NAMESPACE,
        scalable_dimension: str = DIMENSION,
    ) -> ScalingDeleted:
        check_namespace(service_namespace, "service_namespace")
        check_dimension(scalable_dimension, "scalable_dimension")
        target = self._target_of(viewer, resource_id)
        if not self.store.delete_target(target.owner, resource_id):
            raise _not_registered(resource_id)
        return ScalingDeleted(Deleted=resource_id)

    # -- scaling policies ---------------------------------------------------------------------------
    def put_scaling_policy(self, viewer: Viewer, request: PutScalingPolicyRequest) -> PolicyPut:
        check_namespace(request.ServiceNamespace)
        check_dimension(request.ScalableDimension)
        parse_resource_id(request.ResourceId)
        if request.PolicyType != POLICY_TYPE:
            raise BadRequest(
                f"unsupported policy type '{request.PolicyType}': SmStudio answers '{POLICY_TYPE}' policies",
                field="PolicyType",
            )
        config = request.TargetTrackingScalingPolicyConfiguration
        if config is None:
            raise BadRequest(
                "a TargetTrackingScaling policy needs its TargetTrackingScalingPolicyConfiguration",
                field="TargetTrackingScalingPolicyConfiguration",
            )
        metric = config.PredefinedMetricSpecification.PredefinedMetricType
        if metric != METRIC:
            raise BadRequest(
                f"unsupported metric type '{metric}': endpoint variants track '{METRIC}'",
                field="TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType",
            )
        target = self._target_of(viewer, request.ResourceId)
        alarm = f"TargetTracking-{request.ResourceId}-Alarm%s-{uuid.uuid4()}"
        alarms = [
            {"AlarmName": alarm % kind, "AlarmARN": f"smstudio:cloudwatch:alarm:{alarm % kind}"}
            for kind in ("High", "Low")
        ]
        policy = self.store.put_policy(
            PolicyRecord(
                owner=target.owner,
                resource_id=request.ResourceId,
                name=request.PolicyName,
                policy_type=request.PolicyType,
                config=config.model_dump(),
                alarms=alarms,
                arn=(
                    f"smstudio:scalingPolicy:{uuid.uuid4()}:resource/{NAMESPACE}/{request.ResourceId}:"
                    f"policyName/{request.PolicyName}"
                ),
                creation_time=utcnow(),
            )
        )
        return PolicyPut(PolicyARN=policy.arn, Alarms=[Alarm(**a) for a in policy.alarms])

    def describe_scaling_policies(
        self,
        viewer: Viewer,
        service_namespace: str = NAMESPACE,
        resource_id: Optional[str] = None,
        scalable_dimension: Optional[str] = None,
        policy_names: Optional[str] = None,
        limit: int = 50,
        offset: int = 0,
    ) -> ScalingPolicyList:
        check_namespace(service_namespace, "service_namespace")
        check_dimension(scalable_dimension, "scalable_dimension")
        check_page(limit, offset)
        names = [n for n in (policy_names or "").split(",") if n]
        found, total = self.store.list_policies(viewer.owner_filter, resource_id, names, limit, offset)
        return ScalingPolicyList(ScalingPolicies=[_policy(p) for p in found], Total=total)

    def delete_scaling_policy(
        self,
        viewer: Viewer,
        policy_name: str,
        resource_id: str,
        service_namespace: str = NAMESPACE,
        scalable_dimension: str = DIMENSION,
    ) -> ScalingDeleted:
        check_namespace(service_namespace, "service_namespace")
        check_dimension(scalable_dimension, "scalable_dimension")
        target = self._target_of(viewer, resource_id)
        if not self.store.delete_policy(target.owner, resource_id, policy_name):
            raise NotFound(
                f"No scaling policy found for service namespace: {NAMESPACE}, resource ID: {resource_id}, "
                f"scalable dimension: {DIMENSION}, policy name: {policy_name}",
                field="PolicyName",
            )
        return ScalingDeleted(Deleted=policy_name)

    # -- scaling activities -------------------------------------------------------------------------
    def describe_scaling_activities(
        self,
        viewer: Viewer,
        service_namespace: str = NAMESPACE,
        resource_id: Optional[str] = None,
        scalable_dimension: Optional[str] = None,
        limit: int = 50,
        offset: int = 0,
    ) -> ScalingActivityList:
        check_namespace(service_namespace, "service_namespace")
        check_dimension(scalable_dimension, "scalable_dimension")
        check_page(limit, offset)
        found, total = self.store.list_activities(viewer.owner_filter, resource_id, limit, offset)
        return ScalingActivityList(ScalingActivities=[_activity(a) for a in found], Total=total)


def _target(t: TargetRecord) -> ScalableTarget:
    return ScalableTarget(
        ServiceNamespace=NAMESPACE,
        ResourceId=t.resource_id,
        ScalableDimension=DIMENSION,
        MinCapacity=t.min_capacity,
        MaxCapacity=t.max_capacity,
        RoleARN=t.role_arn or "smstudio:role/autoscaling",
        CreationTime=t.creation_time,
        SuspendedState=SuspendedState(**t.suspended),
        ScalableTargetARN=t.arn,
    )


def _policy(p: PolicyRecord) -> ScalingPolicy:
    return ScalingPolicy(
        PolicyARN=p.arn,
        PolicyName=p.name,
        ServiceNamespace=NAMESPACE,
        ResourceId=p.resource_id,
        ScalableDimension=DIMENSION,
        PolicyType=p.policy_type,
        TargetTrackingScalingPolicyConfiguration=TargetTrackingScalingPolicyConfiguration(**p.config),
        Alarms=[Alarm(**a) for a in p.alarms],
        CreationTime=p.creation_time,
    )


def _activity(a: ActivityRecord) -> ScalingActivity:
    return ScalingActivity(
        ActivityId=a.activity_id,
        ServiceNamespace=NAMESPACE,
        ResourceId=a.resource_id,
        ScalableDimension=DIMENSION,
        Description=a.description,
        Cause=a.cause,
        StartTime=a.start_time,
        EndTime=a.end_time,
        StatusCode=a.status_code,
        StatusMessage=a.status_message,
    )
