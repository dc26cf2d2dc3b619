"""boto3-style SageMaker clients answered by SmStudio: `Session().sagemaker_client` (training, processing and
tuning jobs; experiments, trials, trial components; search) and `Session().sagemaker_runtime_client`."""

from __future__ import annotations

from typing import Any

from ._base import ClientBase, UnsupportedOperation, WaiterError
from ._experiments import ExperimentCalls
from ._jobs import JobCalls
from ._tuning import TuningCalls

__all__ = ["SageMakerClient", "SageMakerRuntimeClient", "UnsupportedOperation", "WaiterError"]


class SageMakerClient(JobCalls, TuningCalls, ExperimentCalls):
    """`boto3.client("sagemaker")`'s calls that SmStudio answers, with SageMaker's names, arguments and
    response shapes (PascalCase dicts, datetimes); any other call raises UnsupportedOperation naming it."""

    _later = "endpoints, models, pipelines and the other services come in later rooms"


class SageMakerRuntimeClient(ClientBase):
    """`boto3.client("sagemaker-runtime")`: endpoints are not available yet, so every call says so."""

    SERVICE = "sagemaker-runtime"
    _later = "endpoints are not available yet"

    def invoke_endpoint(self, **kwargs: Any) -> dict[str, Any]:
        name = kwargs.get("EndpointName", "")
        raise UnsupportedOperation(
            f"sagemaker-runtime client: invoke_endpoint({name!r}): endpoints are not available yet in SmStudio "
            "(they come with the Endpoints room); load the model from the training job's model_data instead"
        )

    def invoke_endpoint_async(self, **kwargs: Any) -> dict[str, Any]:
        return self.invoke_endpoint(**kwargs)

    def invoke_endpoint_with_response_stream(self, **kwargs: Any) -> dict[str, Any]:
        return self.invoke_endpoint(**kwargs)
