"""boto3-style SageMaker clients answered by SmStudio: `Session().sagemaker_client` (training, processing and
tuning jobs; experiments, trials, trial components; search) and `Session().sagemaker_runtime_client`."""

from __future__ import annotations

from typing import Any

from ._autopilot import AutopilotCalls
from ._autoscaling import ApplicationAutoScalingClient
from ._base import ClientBase, UnsupportedOperation, WaiterError, api
from ._endpoints import EndpointCalls, endpoint_waiter, invoke
from ._experiments import ExperimentCalls
from ._iam import IAMClient
from ._jobs import JobCalls
from ._monitor import MonitorCalls
from ._transform import TransformCalls
from ._tuning import TuningCalls

__all__ = [
    "ApplicationAutoScalingClient",
    "IAMClient",
    "SageMakerClient",
    "SageMakerRuntimeClient",
    "UnsupportedOperation",
    "WaiterError",
]


class SageMakerClient(
    JobCalls, TuningCalls, ExperimentCalls, EndpointCalls, TransformCalls, MonitorCalls, AutopilotCalls
):
    """`boto3.client("sagemaker")`'s calls that SmStudio answers, with SageMaker's names, arguments and
    response shapes (PascalCase dicts, datetimes); any other call raises UnsupportedOperation naming it."""

    _later = "pipelines and the other services come in later rooms"

    def get_waiter(self, waiter_name: str) -> Any:
        found: Any = endpoint_waiter(self, waiter_name)
        return found if found is not None else super().get_waiter(waiter_name)


class SageMakerRuntimeClient(ClientBase):
    """`boto3.client("sagemaker-runtime")`: InvokeEndpoint through the Endpoints room's router (against a
    server) or its service in this process (embedded mode)."""

    SERVICE = "sagemaker-runtime"
    _later = "only invoke_endpoint is answered"

    @api
    def invoke_endpoint(self, **kwargs: Any) -> dict[str, Any]:
        return invoke(self, kwargs)

    def invoke_endpoint_async(self, **kwargs: Any) -> dict[str, Any]:
        raise UnsupportedOperation(
            "sagemaker-runtime client: invoke_endpoint_async: asynchronous endpoints are not available in SmStudio; "
            "use invoke_endpoint"
        )
