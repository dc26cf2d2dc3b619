"""`boto_session.client("application-autoscaling")`: Application Auto Scaling's calls for SageMaker endpoint
variants, answered by the autoscaling room, in boto3's shapes: keyword arguments only, ResponseMetadata, datetimes,
NextToken paging and paginators for the describe calls, and its errors (ValidationException,
ObjectNotFoundException) as ClientError."""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from .._boto import ClientError, ParamValidationError
from ._base import ClientBase, client_call, next_token, page, required

if TYPE_CHECKING:
    from ..session import Session

Call = TypeVar("Call", bound=Callable[..., dict[str, Any]])
MAX_RESULTS = 50  # Application Auto Scaling's MaxResults for every describe call
_OWN_FIELDS = ("Total",)  # the room's own, not Application Auto Scaling's


class ValidationException(ClientError):
    pass


class ObjectNotFoundException(ClientError):
    pass


class ConcurrentUpdateException(ClientError):
    pass


_ERRORS: dict[int, tuple[str, type[ClientError]]] = {
    400: ("ValidationException", ValidationException),
    404: ("ObjectNotFoundException", ObjectNotFoundException),
    409: ("ConcurrentUpdateException", ConcurrentUpdateException),
    403: ("AccessDeniedException", ClientError),
}


def _code(status: int) -> tuple[str, type[ClientError]]:
    if status in (429, 503):  # a busy store: boto3 would retry it
        return "ConcurrentUpdateException", ConcurrentUpdateException
    return _ERRORS.get(status, ("InternalServiceException", ClientError))


# Application Auto Scaling's error codes, not SageMaker's; "Total" is the room's own field
aas_api = client_call(_code, hidden=_OWN_FIELDS)


def _listed(kwargs: dict[str, Any], key: str) -> str | None:
    """A list argument (ResourceIds, PolicyNames) as the room's comma-separated filter."""
    values = kwargs.get(key)
    if values is None:
        return None
    if isinstance(values, str) or not all(isinstance(v, str) for v in values):
        raise ParamValidationError(f"Invalid type for parameter {key}, value: {values!r}: a list of strings")
    return ",".join(values)


def _target_names(kwargs: dict[str, Any]) -> dict[str, Any]:
    return {
        "service_namespace": kwargs["ServiceNamespace"],
        "resource_id": kwargs["ResourceId"],
        "scalable_dimension": kwargs["ScalableDimension"],
    }


class ApplicationAutoScalingClient(ClientBase):
    """boto3's `application-autoscaling` client for SageMaker endpoint variants (ServiceNamespace 'sagemaker',
    ScalableDimension 'sagemaker:variant:DesiredInstanceCount', target tracking on
    SageMakerVariantInvocationsPerInstance)."""

    SERVICE = "application-autoscaling"
    _later = "it scales endpoint variants by target tracking: scheduled actions and step scaling are not answered"
    _PAGINATED = ("describe_scalable_targets", "describe_scaling_policies", "describe_scaling_activities")

    def __init__(self, session: Session):
        super().__init__(session)
        self.exceptions = SimpleNamespace(
            ClientError=ClientError,
            ValidationException=ValidationException,
            ObjectNotFoundException=ObjectNotFoundException,
            ConcurrentUpdateException=ConcurrentUpdateException,
        )

    def can_paginate(self, operation_name: str) -> bool:
        return operation_name in self._PAGINATED

    # -- scalable targets ---------------------------------------------------------------------------
    @aas_api
    def register_scalable_target(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "ServiceNamespace", "ResourceId", "ScalableDimension")
        keys = (
            "ServiceNamespace",
            "ResourceId",
            "ScalableDimension",
            "MinCapacity",
            "MaxCapacity",
            "RoleARN",
            "SuspendedState",
        )
        body = {k: kwargs[k] for k in keys if kwargs.get(k) is not None}
        return dict(self.backend.register_scalable_target(body))

    @aas_api
    def describe_scalable_targets(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "ServiceNamespace")
        limit, offset = page(kwargs, MAX_RESULTS)
        answer = self.backend.describe_scalable_targets(
            service_namespace=kwargs["ServiceNamespace"],
            resource_ids=_listed(kwargs, "ResourceIds"),
            scalable_dimension=kwargs.get("ScalableDimension"),
            limit=limit,
            offset=offset,
        )
        found = answer["ScalableTargets"]
        return {"ScalableTargets": found, **next_token(offset, len(found), answer["Total"])}

    @aas_api
    def deregister_scalable_target(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "ServiceNamespace", "ResourceId", "ScalableDimension")
        self.backend.deregister_scalable_target(**_target_names(kwargs))
        return {}

    # -- scaling policies ---------------------------------------------------------------------------
    @aas_api
    def put_scaling_policy(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "PolicyName", "ServiceNamespace", "ResourceId", "ScalableDimension")
        keys = (
            "PolicyName",
            "ServiceNamespace",
            "ResourceId",
            "ScalableDimension",
            "PolicyType",
            "TargetTrackingScalingPolicyConfiguration",
        )
        if kwargs.get("StepScalingPolicyConfiguration") is not None:
            raise ValidationException(
                "ValidationException",
                "step scaling is not answered by SmStudio: use PolicyType='TargetTrackingScaling'",
                "PutScalingPolicy",
                field="StepScalingPolicyConfiguration",
            )
        body = {k: kwargs[k] for k in keys if kwargs.get(k) is not None}
        return dict(self.backend.put_scaling_policy(body))

    @aas_api
    def describe_scaling_policies(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "ServiceNamespace")
        limit, offset = page(kwargs, MAX_RESULTS)
        answer = self.backend.describe_scaling_policies(
            service_namespace=kwargs["ServiceNamespace"],
            resource_id=kwargs.get("ResourceId"),
            scalable_dimension=kwargs.get("ScalableDimension"),
            policy_names=_listed(kwargs, "PolicyNames"),
            limit=limit,
            offset=offset,
        )
        found = answer["ScalingPolicies"]
        return {"ScalingPolicies": found, **next_token(offset, len(found), answer["Total"])}

    @aas_api
    def delete_scaling_policy(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "PolicyName", "ServiceNamespace", "ResourceId", "ScalableDimension")
        self.backend.delete_scaling_policy(policy_name=kwargs["PolicyName"], **_target_names(kwargs))
        return {}

    # -- scaling activities -------------------------------------------------------------------------
    @aas_api
    def describe_scaling_activities(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "ServiceNamespace")
        limit, offset = page(kwargs, MAX_RESULTS)
        answer = self.backend.describe_scaling_activities(
            service_namespace=kwargs["ServiceNamespace"],
            resource_id=kwargs.get("ResourceId"),
            scalable_dimension=kwargs.get("ScalableDimension"),
            limit=limit,
            offset=offset,
        )
        found = answer["ScalingActivities"]
        return {"ScalingActivities": found, **next_token(offset, len(found), answer["Total"])}
