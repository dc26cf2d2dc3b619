"""`sagemaker.predictor.Predictor`: requests to a real-time endpoint through the runtime client."""

from __future__ import annotations

from typing import Any, Optional

from .deserializers import BaseDeserializer, BytesDeserializer
from .serializers import BaseSerializer, IdentitySerializer
from .session import Session


class Predictor:
    def __init__(
        self,
        endpoint_name: str,
        sagemaker_session: Optional[Session] = None,
        serializer: Optional[BaseSerializer] = None,
        deserializer: Optional[BaseDeserializer] = None,
        **_aws_only: Any,
    ):
        self.endpoint_name = endpoint_name
        self.sagemaker_session = sagemaker_session or Session()
        self.serializer = serializer or IdentitySerializer()
        self.deserializer = deserializer or BytesDeserializer()

    @property
    def content_type(self) -> str:
        return self.serializer.CONTENT_TYPE

    @property
    def accept(self) -> tuple[str, ...]:
        return self.deserializer.ACCEPT

    def predict(
        self,
        data: Any,
        initial_args: Optional[dict[str, Any]] = None,
        target_model: Optional[str] = None,
        target_variant: Optional[str] = None,
        inference_id: Optional[str] = None,
        **_aws_only: Any,
    ) -> Any:
        """The endpoint's answer to `data` (serialized), deserialized; `target_variant` names a variant."""
        args: dict[str, Any] = dict(initial_args or {})
        args.setdefault("EndpointName", self.endpoint_name)
        args.setdefault("ContentType", self.content_type)
        args.setdefault("Accept", ", ".join(self.accept))
        if target_variant:
            args["TargetVariant"] = target_variant
        args["Body"] = self.serializer.serialize(data)
        answer = self.sagemaker_session.sagemaker_runtime_client.invoke_endpoint(**args)
        return self.deserializer.deserialize(answer["Body"], answer.get("ContentType") or "")

    def _model_names(self) -> list[str]:
        """The models behind the endpoint (remembered: delete_model may follow delete_endpoint)."""
        names: Optional[list[str]] = getattr(self, "_models", None)
        if names is None:
            client = self.sagemaker_session.sagemaker_client
            config = client.describe_endpoint(EndpointName=self.endpoint_name)["EndpointConfigName"]
            variants = client.describe_endpoint_config(EndpointConfigName=config)["ProductionVariants"]
            names = self._models = [v["ModelName"] for v in variants]
            self._config = config
        return names

    def delete_endpoint(self, delete_endpoint_config: bool = True) -> None:
        client = self.sagemaker_session.sagemaker_client
        self._model_names()
        client.delete_endpoint(EndpointName=self.endpoint_name)
        if delete_endpoint_config:
            client.delete_endpoint_config(EndpointConfigName=self._config)

    def delete_model(self) -> None:
        client = self.sagemaker_session.sagemaker_client
        for name in self._model_names():
            client.delete_model(ModelName=name)

    def endpoint_context(self) -> None:
        return None


RealTimePredictor = Predictor
__all__ = ["Predictor", "RealTimePredictor"]
