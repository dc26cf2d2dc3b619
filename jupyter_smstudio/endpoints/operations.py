"""The Endpoints room's REST routes and SDK calls (see core/operations.py). Invocations have a route of their
own (handlers.py: raw bytes in and out, the instance's status and content type)."""

from __future__ import annotations

from ..core.operations import Operation, Query, page
from .models import (
    CreateEndpointConfigRequest,
    CreateEndpointRequest,
    CreateModelRequest,
    UpdateEndpointRequest,
    UpdateEndpointWeightsAndCapacitiesRequest,
)

MODEL = "models/{model_name}"
CONFIG = "endpoint-configs/{endpoint_config_name}"
ENDPOINT = "endpoints/{endpoint_name}"

OPERATIONS = (
    Operation("create_model", "POST", "models", "create_model", body=CreateModelRequest, status=201),
    Operation("list_models", "GET", "models", "list_models", query=(Query("name_contains"), *page(100))),
    Operation("describe_model", "GET", MODEL, "describe_model"),
    Operation("delete_model", "DELETE", MODEL, "delete_model"),
    Operation(
        "create_endpoint_config",
        "POST",
        "endpoint-configs",
        "create_endpoint_config",
        body=CreateEndpointConfigRequest,
        status=201,
    ),
    Operation(
        "list_endpoint_configs",
        "GET",
        "endpoint-configs",
        "list_endpoint_configs",
        query=(Query("name_contains"), *page(100)),
    ),
    Operation("describe_endpoint_config", "GET", CONFIG, "describe_endpoint_config"),
    Operation("delete_endpoint_config", "DELETE", CONFIG, "delete_endpoint_config"),
    Operation("create_endpoint", "POST", "endpoints", "create_endpoint", body=CreateEndpointRequest, status=201),
    Operation(
        "list_endpoints",
        "GET",
        "endpoints",
        "list_endpoints",
        query=(Query("status"), Query("name_contains"), *page(100)),
    ),
    Operation("describe_endpoint", "GET", ENDPOINT, "describe_endpoint"),
    Operation("delete_endpoint", "DELETE", ENDPOINT, "delete_endpoint"),
    Operation("update_endpoint", "POST", f"{ENDPOINT}/update", "update_endpoint", body=UpdateEndpointRequest),
    Operation(
        "update_endpoint_weights_and_capacities",
        "POST",
        f"{ENDPOINT}/weights-and-capacities",
        "update_endpoint_weights_and_capacities",
        body=UpdateEndpointWeightsAndCapacitiesRequest,
    ),
    Operation(
        "describe_endpoint_metrics",
        "GET",
        f"{ENDPOINT}/metrics",
        "describe_endpoint_metrics",
        query=(Query("minutes", int, 60),),
    ),
)
