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
        self._models: Optional[list[str]] = None  # the endpoint's models and config, read once when needed
        self._config = ""

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
        if inference_id is not None:  # captured with the record: ground truth is matched on it
            args["InferenceId"] = inference_id
        args["Body"] = self.serializer.serialize(data)
        answer = self.sagemaker_session.sagemaker_runtime_client.invoke_endpoint(**args)
        return self.deserializer.deserialize(answer["Body"], answer.get("ContentType") or "")

    def update_endpoint(
        self,
        initial_instance_count: Optional[int] = None,
        instance_type: Optional[str] = None,
        accelerator_type: Optional[str] = None,
        model_name: Optional[str] = None,
        tags: Optional[list[dict[str, str]]] = None,
        kms_key: Optional[str] = None,
        data_capture_config_dict: Optional[dict[str, Any]] = None,
        wait: bool = True,
        **_aws_only: Any,
    ) -> None:
        """Move the endpoint to a new endpoint config, a copy of the current one with these changes (one
        variant, `AllTraffic`, when a model, count or type is given), blue/green: it serves throughout."""
        from ..core.names import name_from_base
        from .session import production_variant

        variants = None
        if initial_instance_count or instance_type or accelerator_type or model_name:
            if instance_type is None or initial_instance_count is None:
                raise ValueError(
                    "Missing initial_instance_count and/or instance_type. Provided values: "
                    f"initial_instance_count={initial_instance_count}, instance_type={instance_type}."
                )
            current = self._model_names()
            if model_name is None:
                if len(current) > 1:
                    raise ValueError(
                        "Unable to choose a default model for a new EndpointConfig because the endpoint has "
                        f"multiple models: {', '.join(current)}"
                    )
                model_name = current[0]
            variants = [production_variant(model_name, instance_type, initial_instance_count)]
        self._model_names()
        new_config = name_from_base(self._config)
        self.sagemaker_session.create_endpoint_config_from_existing(
            self._config,
            new_config,
            new_tags=tags,
            new_kms_key=kms_key,
            new_data_capture_config_dict=data_capture_config_dict,
            new_production_variants=variants,
        )
        self.sagemaker_session.update_endpoint(self.endpoint_name, new_config, wait=wait)
        self._models = [model_name] if model_name else self._models
        self._config = new_config

    def _model_names(self) -> list[str]:
        """The models behind the endpoint (remembered: delete_model may follow delete_endpoint)."""
        names = self._models
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
