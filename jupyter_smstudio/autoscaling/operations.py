"""The autoscaling room's REST routes and SDK calls (see core/operations.py), under smstudio/api/autoscaling/.
A ResourceId holds slashes, so the routes name it in the query, not the path; the lists' filters are
comma-separated (a ResourceId or a policy name holds no comma)."""

from __future__ import annotations

from ..core.operations import Operation, Query, page
from .models import DIMENSION, NAMESPACE, PutScalingPolicyRequest, RegisterScalableTargetRequest

TARGETS = "autoscaling/scalable-targets"
POLICIES = "autoscaling/scaling-policies"
ACTIVITIES = "autoscaling/scaling-activities"
NAMESPACE_QUERY = Query("service_namespace", str, NAMESPACE)

OPERATIONS = (
    Operation(
        "register_scalable_target", "POST", TARGETS, "register_scalable_target", body=RegisterScalableTargetRequest
    ),
    Operation(
        "describe_scalable_targets",
        "GET",
        TARGETS,
        "describe_scalable_targets",
        query=(NAMESPACE_QUERY, Query("resource_ids"), Query("scalable_dimension"), *page(50)),
    ),
    Operation(
        "deregister_scalable_target",
        "DELETE",
        TARGETS,
        "deregister_scalable_target",
        query=(Query("resource_id", required=True), NAMESPACE_QUERY, Query("scalable_dimension", str, DIMENSION)),
    ),
    Operation("put_scaling_policy", "POST", POLICIES, "put_scaling_policy", body=PutScalingPolicyRequest),
    Operation(
        "describe_scaling_policies",
        "GET",
        POLICIES,
        "describe_scaling_policies",
        query=(
            NAMESPACE_QUERY,
            Query("resource_id"),
            Query("scalable_dimension"),
            Query("policy_names"),
            *page(50),
        ),
    ),
    Operation(
        "delete_scaling_policy",
        "DELETE",
        POLICIES,
        "delete_scaling_policy",
        query=(
            Query("policy_name", required=True),
            Query("resource_id", required=True),
            NAMESPACE_QUERY,
            Query("scalable_dimension", str, DIMENSION),
        ),
    ),
    Operation(
        "describe_scaling_activities",
        "GET",
        ACTIVITIES,
        "describe_scaling_activities",
        query=(NAMESPACE_QUERY, Query("resource_id"), Query("scalable_dimension"), *page(50)),
    ),
)
