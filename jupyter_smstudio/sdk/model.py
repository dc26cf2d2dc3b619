"""`sagemaker.model.Model`: a model artifact and its inference code, deployed to a real-time endpoint.

`deploy()` packs the code (`entry_point`, in `source_dir`) as `sourcedir.tar.gz` in the user's storage,
creates the model, an endpoint config with one variant (`AllTraffic`) and the endpoint, and answers a
`Predictor`. The endpoint's instances are model servers the Endpoints room runs: a server's (they outlive the
notebook's kernel, as SageMaker's do, until deleted), or this process's in embedded mode (a script without a
server), where they stop when it ends; deploy() warns so. `transformer()` runs the model over a dataset (batch
transform, sdk/transformer.py).
"""

from __future__ import annotations

import os
import tarfile
import tempfile
from typing import Any, Callable, Optional

from ..core.names import name_from_base
from ..core.storage import join_url
from .deserializers import BaseDeserializer
from .model_monitor import DataCaptureConfig
from .predictor import Predictor
from .serializers import BaseSerializer
from .session import Session, production_variant


class Model:
    _base_name = "model"

    def __init__(
        self,
        image_uri: Optional[str] = None,
        model_data: Optional[str] = None,
        role: Optional[str] = None,
        predictor_cls: Optional[Callable[..., Predictor]] = None,
        env: Optional[dict[str, str]] = None,
        name: Optional[str] = None,
        sagemaker_session: Optional[Session] = None,
        entry_point: Optional[str] = None,
        source_dir: Optional[str] = None,
        code_location: Optional[str] = None,
        **_aws_only: Any,
    ):
        self.image_uri = image_uri
        self.model_data = model_data
        self.role = role
        self.predictor_cls = predictor_cls or Predictor
        self.env = dict(env or {})
        self.name = name
        self.sagemaker_session = sagemaker_session
        self.entry_point = entry_point
        self.source_dir = source_dir
        self.code_location = code_location
        self.endpoint_name: Optional[str] = None
        self.predictor: Optional[Predictor] = None

    def _session(self) -> Session:
        if self.sagemaker_session is None:
            self.sagemaker_session = Session()
        return self.sagemaker_session

    def _upload_code(self, name: str) -> Optional[str]:
        """SAGEMAKER_SUBMIT_DIRECTORY: `source_dir` as it is when it is a URL, else packed and uploaded."""
        if not self.entry_point:
            return None
        source = self.source_dir
        if source and "://" in source:
            return source
        session = self._session()
        with tempfile.TemporaryDirectory() as tmp:
            packed = os.path.join(tmp, "sourcedir.tar.gz")
            with tarfile.open(packed, "w:gz") as tar:
                if source:
                    for entry in sorted(os.listdir(source)):
                        tar.add(os.path.join(source, entry), arcname=entry)
                else:
                    tar.add(self.entry_point, arcname=os.path.basename(self.entry_point))
            target = join_url(self.code_location or session.default_bucket(), name, "sourcedir")
            return session.upload_path(packed, target)

    def _container(self, name: str) -> dict[str, Any]:
        env = dict(self.env)
        code = self._upload_code(name)
        if code and self.entry_point:
            env.update(SAGEMAKER_PROGRAM=os.path.basename(self.entry_point), SAGEMAKER_SUBMIT_DIRECTORY=code)
        container: dict[str, Any] = {"Environment": env}
        if self.model_data:
            container["ModelDataUrl"] = self.model_data
        if self.image_uri:
            container["Image"] = self.image_uri
        return container

    def create(self, instance_type: Optional[str] = None, **_aws_only: Any) -> None:
        """The model in the Endpoints room (deploy() does it first)."""
        self.name = self.name or name_from_base(self._base_name)
        args: dict[str, Any] = {"ModelName": self.name, "PrimaryContainer": self._container(self.name)}
        if self.role:
            args["ExecutionRoleArn"] = self.role
        self._session().sagemaker_client.create_model(**args)
        self._created = True

    def deploy(
        self,
        initial_instance_count: Optional[int] = 1,
        instance_type: Optional[str] = "local",
        serializer: Optional[BaseSerializer] = None,
        deserializer: Optional[BaseDeserializer] = None,
        endpoint_name: Optional[str] = None,
        tags: Optional[list[dict[str, str]]] = None,
        kms_key: Optional[str] = None,
        wait: bool = True,
        data_capture_config: Optional[DataCaptureConfig] = None,
        **_aws_only: Any,
    ) -> Predictor:
        """A real-time endpoint serving this model (one variant, `AllTraffic`), and its Predictor;
        `data_capture_config` samples its requests and answers into storage (sdk/model_monitor.py)."""
        session = self._session()
        self.create(instance_type)
        assert self.name is not None  # create() names it
        endpoint = endpoint_name or self.name
        session.endpoint_from_production_variants(
            name=endpoint,
            production_variants=[production_variant(self.name, instance_type, initial_instance_count or 1)],
            tags=tags,
            kms_key=kms_key,
            wait=wait,
            data_capture_config_dict=data_capture_config._to_request_dict() if data_capture_config else None,
        )
        self.endpoint_name = endpoint
        kwargs: dict[str, Any] = {"sagemaker_session": self._session()}
        if serializer is not None:
            kwargs["serializer"] = serializer
        if deserializer is not None:
            kwargs["deserializer"] = deserializer
        self.predictor = self.predictor_cls(endpoint, **kwargs)
        return self.predictor

    def transformer(
        self,
        instance_count: int,
        instance_type: str,
        strategy: Optional[str] = None,
        assemble_with: Optional[str] = None,
        output_path: Optional[str] = None,
        output_kms_key: Optional[str] = None,
        accept: Optional[str] = None,
        env: Optional[dict[str, str]] = None,
        max_concurrent_transforms: Optional[int] = None,
        max_payload: Optional[int] = None,
        tags: Optional[list[dict[str, str]]] = None,
        volume_kms_key: Optional[str] = None,
        **_aws_only: Any,
    ) -> Any:
        """A Transformer (batch transform) running this model, created first if it is not yet."""
        from .transformer import Transformer  # the Batch Transform room's SDK side (it imports this module)

        if not getattr(self, "_created", False):  # as SageMaker's: a named model not yet created is created first
            self.create(instance_type)
        assert self.name is not None  # create() names it
        return Transformer(
            model_name=self.name,
            instance_count=instance_count,
            instance_type=instance_type,
            strategy=strategy,
            assemble_with=assemble_with,
            output_path=output_path,
            output_kms_key=output_kms_key,
            accept=accept,
            max_payload=max_payload,
            max_concurrent_transforms=max_concurrent_transforms,
            tags=tags,
            env=env,
            sagemaker_session=self._session(),
            volume_kms_key=volume_kms_key,
        )

    def delete_model(self) -> None:
        if self.name:
            self._session().sagemaker_client.delete_model(ModelName=self.name)


class FrameworkModel(Model):
    """A model whose code runs in a framework's serving container (here: this server's Python)."""

    def __init__(
        self, model_data: Optional[str], image_uri: Optional[str], role: Optional[str], entry_point: str, **kwargs: Any
    ):
        super().__init__(image_uri=image_uri, model_data=model_data, role=role, entry_point=entry_point, **kwargs)


__all__ = ["FrameworkModel", "Model"]
