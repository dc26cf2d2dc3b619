"""Models, endpoint configs and endpoints through the SageMaker client, and InvokeEndpoint through the runtime
client, in boto3's shapes. The room's answers already carry SageMaker's field names."""

from __future__ import annotations

import io
import json
from typing import Any, Optional
from urllib.parse import quote

from ...core.errors import SmStudioError
from .._boto import ClientError, ParamValidationError
from ._base import ClientBase, api, next_token, page, required

_STATUSES = ("Creating", "InService", "Updating", "Failed", "Deleting")
_CONTAINER_KEYS = ("Image", "ModelDataUrl", "Environment")  # what an instance here uses of a container
_DROPPED = ("Owner", "Total")  # this room's own fields, not SageMaker's


def _shape(answer: dict[str, Any], *drop: str) -> dict[str, Any]:
    return {k: v for k, v in answer.items() if k not in (*_DROPPED, *drop)}


def _summary(endpoint: dict[str, Any]) -> dict[str, Any]:
    keys = ("EndpointName", "EndpointArn", "CreationTime", "LastModifiedTime", "EndpointStatus")
    return {k: endpoint[k] for k in keys}


class EndpointCalls(ClientBase):
    # -- models -------------------------------------------------------------------------------------
    @api
    def create_model(self, **kwargs: Any) -> dict[str, Any]:
        """One container (PrimaryContainer), or an inference pipeline (Containers, run in order)."""
        required(kwargs, "ModelName")
        primary, containers = kwargs.get("PrimaryContainer"), kwargs.get("Containers")
        if not primary and not containers:
            raise ParamValidationError('Missing required parameter in input: "PrimaryContainer"')
        body: dict[str, Any] = {
            "ModelName": kwargs["ModelName"],
            "ExecutionRoleArn": kwargs.get("ExecutionRoleArn"),
            "Tags": kwargs.get("Tags") or [],
        }
        if primary:
            body["PrimaryContainer"] = {k: v for k, v in primary.items() if k in _CONTAINER_KEYS}
        if containers:
            body["Containers"] = [{k: v for k, v in c.items() if k in _CONTAINER_KEYS} for c in containers]
        if kwargs.get("InferenceExecutionConfig"):
            body["InferenceExecutionConfig"] = kwargs["InferenceExecutionConfig"]
        return {"ModelArn": self.backend.create_model(body)["ModelArn"]}

    @api
    def describe_model(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "ModelName")
        return _shape(self.backend.describe_model(kwargs["ModelName"]))

    @api
    def list_models(self, **kwargs: Any) -> dict[str, Any]:
        limit, offset = page(kwargs)
        answer = self.backend.list_models(name_contains=kwargs.get("NameContains"), limit=limit, offset=offset)
        models = [{k: m[k] for k in ("ModelName", "ModelArn", "CreationTime")} for m in answer["Models"]]
        return {"Models": models, **next_token(offset, len(models), answer["Total"])}

    @api
    def delete_model(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "ModelName")
        self.backend.delete_model(kwargs["ModelName"])
        return {}

    # -- endpoint configs ---------------------------------------------------------------------------
    @api
    def create_endpoint_config(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "EndpointConfigName", "ProductionVariants")
        keys = ("VariantName", "ModelName", "InitialInstanceCount", "InstanceType", "InitialVariantWeight")
        body = {
            "EndpointConfigName": kwargs["EndpointConfigName"],
            "ProductionVariants": [{k: v[k] for k in keys if k in v} for v in kwargs["ProductionVariants"]],
            "Tags": kwargs.get("Tags") or [],
        }
        for key in ("DataCaptureConfig", "KmsKeyId"):
            if kwargs.get(key):
                body[key] = kwargs[key]
        return {"EndpointConfigArn": self.backend.create_endpoint_config(body)["EndpointConfigArn"]}

    @api
    def describe_endpoint_config(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "EndpointConfigName")
        return _shape(self.backend.describe_endpoint_config(kwargs["EndpointConfigName"]))

    @api
    def list_endpoint_configs(self, **kwargs: Any) -> dict[str, Any]:
        limit, offset = page(kwargs)
        answer = self.backend.list_endpoint_configs(
            name_contains=kwargs.get("NameContains"), limit=limit, offset=offset
        )
        configs = [
            {k: c[k] for k in ("EndpointConfigName", "EndpointConfigArn", "CreationTime")}
            for c in answer["EndpointConfigs"]
        ]
        return {"EndpointConfigs": configs, **next_token(offset, len(configs), answer["Total"])}

    @api
    def delete_endpoint_config(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "EndpointConfigName")
        self.backend.delete_endpoint_config(kwargs["EndpointConfigName"])
        return {}

    # -- endpoints ----------------------------------------------------------------------------------
    @api
    def create_endpoint(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "EndpointName", "EndpointConfigName")
        body = {
            "EndpointName": kwargs["EndpointName"],
            "EndpointConfigName": kwargs["EndpointConfigName"],
            "Tags": kwargs.get("Tags") or [],
        }
        return {"EndpointArn": self.backend.create_endpoint(body)["EndpointArn"]}

    @api
    def describe_endpoint(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "EndpointName")
        return _shape(self.backend.describe_endpoint(kwargs["EndpointName"]))

    @api
    def list_endpoints(self, **kwargs: Any) -> dict[str, Any]:
        limit, offset = page(kwargs)
        status = kwargs.get("StatusEquals")
        if status is not None and status not in _STATUSES:
            raise ParamValidationError(f"Invalid value for parameter StatusEquals: {status!r}")
        answer = self.backend.list_endpoints(
            status=status, name_contains=kwargs.get("NameContains"), limit=limit, offset=offset
        )
        endpoints = [_summary(e) for e in answer["Endpoints"]]
        if kwargs.get("SortOrder") == "Ascending":
            endpoints = endpoints[::-1]
        return {"Endpoints": endpoints, **next_token(offset, len(endpoints), answer["Total"])}

    @api
    def delete_endpoint(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "EndpointName")
        self.backend.delete_endpoint(kwargs["EndpointName"])
        return {}

    @api
    def update_endpoint(self, **kwargs: Any) -> dict[str, Any]:
        """Blue/green to another endpoint config: the endpoint is Updating until the new instances serve."""
        required(kwargs, "EndpointName", "EndpointConfigName")
        keys = (
            "EndpointConfigName",
            "RetainAllVariantProperties",
            "ExcludeRetainedVariantProperties",
            "DeploymentConfig",
            "RetainDeploymentConfig",
        )
        body = {k: kwargs[k] for k in keys if kwargs.get(k) is not None}
        answer = self.backend.update_endpoint(kwargs["EndpointName"], body)
        return {"EndpointArn": answer["EndpointArn"]}

    @api
    def update_endpoint_weights_and_capacities(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "EndpointName", "DesiredWeightsAndCapacities")
        body = {"DesiredWeightsAndCapacities": kwargs["DesiredWeightsAndCapacities"]}
        answer = self.backend.update_endpoint_weights_and_capacities(kwargs["EndpointName"], body)
        return {"EndpointArn": answer["EndpointArn"]}


def invoke(client: ClientBase, kwargs: dict[str, Any]) -> dict[str, Any]:
    """InvokeEndpoint: {Body (a stream), ContentType, InvokedProductionVariant}; a model's refusal is a
    ClientError 'ModelError' with the instance's status and message, as boto3 raises it."""
    required(kwargs, "EndpointName", "Body")
    name, body = kwargs["EndpointName"], kwargs["Body"]
    if isinstance(body, str):
        body = body.encode("utf-8")
    elif hasattr(body, "read"):
        body = body.read()
    content_type: Optional[str] = kwargs.get("ContentType")
    accept: Optional[str] = kwargs.get("Accept")
    target: Optional[str] = kwargs.get("TargetVariant")
    inference_id: Optional[str] = kwargs.get("InferenceId")  # what captured records carry (Model Monitor)
    backend = client.backend
    if backend.mode == "embedded":
        from ...endpoints.service import ModelError

        try:
            answer: dict[str, Any] = backend.invoke_endpoint(
                name, bytes(body), content_type, accept, target, inference_id
            )
        except ModelError as err:
            raise _model_error(err.original_status, err.body) from err
        except SmStudioError as err:
            raise ClientError("ValidationError", err.message, "InvokeEndpoint", field=err.field) from err
    else:
        headers = {"Content-Type": content_type or "application/json", "Accept": accept or "*/*"}
        if target:
            headers["X-Amzn-SageMaker-Target-Variant"] = target
        if inference_id is not None:
            headers["X-Amzn-SageMaker-Inference-Id"] = inference_id
        resp = backend.http.post(
            f"{backend.url}smstudio/api/endpoints/{quote(str(name), safe='')}/invocations",
            data=bytes(body),
            headers=headers,
            timeout=backend.timeout,
        )
        variant = resp.headers.get("X-Amzn-Invoked-Production-Variant")
        if resp.status_code >= 400:
            if variant:  # the instance answered: the model refused the request
                raise _model_error(resp.status_code, resp.content)
            try:
                err_body = resp.json()
            except ValueError:
                err_body = {"message": resp.text[:500] or resp.reason}
            raise ClientError(
                "ValidationError", err_body.get("message", resp.reason), "InvokeEndpoint", field=err_body.get("field")
            )
        answer = {
            "Body": resp.content,
            "ContentType": resp.headers.get("Content-Type"),
            "InvokedProductionVariant": variant,
        }
    return {
        "Body": io.BytesIO(answer["Body"]),
        "ContentType": answer["ContentType"],
        "InvokedProductionVariant": answer["InvokedProductionVariant"],
    }


def _model_error(status: int, body: bytes) -> ClientError:
    try:
        message = json.loads(body).get("message", "")
    except (ValueError, AttributeError):
        message = body.decode("utf-8", "replace")[:1000]
    err = ClientError(
        "ModelError",
        f'Received client error ({status}) from primary with message "{message}"',
        "InvokeEndpoint",
    )
    err.response["OriginalStatusCode"] = status
    err.response["OriginalMessage"] = message
    return err


class _EndpointWaiter:
    """boto3's `endpoint_in_service` / `endpoint_deleted` waiters."""

    def __init__(self, name: str, client: EndpointCalls):
        self.name, self._client = name, client

    def wait(self, WaiterConfig: Optional[dict[str, Any]] = None, **kwargs: Any) -> None:  # noqa: N803 - boto3's
        import time

        from .._boto import ResourceNotFound
        from ._base import WaiterError

        delay = float((WaiterConfig or {}).get("Delay", 1))
        attempts = int((WaiterConfig or {}).get("MaxAttempts", 600))
        answer: dict[str, Any] = {}
        for _ in range(attempts):
            try:
                answer = self._client.describe_endpoint(**kwargs)
            except ResourceNotFound:
                if self.name == "endpoint_deleted":
                    return
                raise
            status = answer["EndpointStatus"]
            if self.name == "endpoint_in_service" and status == "InService":
                return
            if status == "Failed":
                reason = answer.get("FailureReason", "")
                raise WaiterError(self.name, f"Waiter encountered a terminal failure state: Failed ({reason})", answer)
            time.sleep(delay)
        raise WaiterError(self.name, "Max attempts exceeded", answer)


def endpoint_waiter(client: EndpointCalls, name: str) -> Optional[_EndpointWaiter]:
    return _EndpointWaiter(name, client) if name in ("endpoint_in_service", "endpoint_deleted") else None
