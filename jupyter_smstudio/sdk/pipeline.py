"""`sagemaker.pipeline.PipelineModel`: models whose containers run in sequence behind one endpoint (an
inference pipeline: each container's answer is the next one's request) and in batch transform.

Deployed as one model with SageMaker's `Containers` list; each model brings its own artifact and entry point
(a preprocessing script, then an estimator's model, as the Autopilot room deploys its best candidate).
"""

from __future__ import annotations

from typing import Any, Callable, Optional

from ..core.names import name_from_base
from .model import Model
from .predictor import Predictor
from .session import Session


class PipelineModel(Model):
    _base_name = "pipeline"

    def __init__(
        self,
        models: list[Model],
        role: Optional[str] = None,
        predictor_cls: Optional[Callable[..., Predictor]] = None,
        name: Optional[str] = None,
        sagemaker_session: Optional[Session] = None,
        **_aws_only: Any,
    ):
        if not models:
            raise ValueError("a PipelineModel needs at least one model")
        if len(models) > 15:
            raise ValueError(f"a PipelineModel runs at most 15 models (SageMaker's limit), not {len(models)}")
        super().__init__(role=role, predictor_cls=predictor_cls, name=name, sagemaker_session=sagemaker_session)
        self.models = list(models)

    def pipeline_container_def(self, instance_type: Optional[str] = None) -> list[dict[str, Any]]:
        """The containers, in order: each model's artifact, environment and packed code."""
        session = self._session()
        containers = []
        for i, model in enumerate(self.models):
            model.sagemaker_session = model.sagemaker_session or session
            containers.append(model._container(model.name or f"{self.name or self._base_name}-{i}"))
        return containers

    def create(self, instance_type: Optional[str] = None, **_aws_only: Any) -> None:
        """One model whose containers run in sequence (SageMaker's inference pipeline, Serial mode)."""
        self.name = self.name or name_from_base(self._base_name)
        args: dict[str, Any] = {
            "ModelName": self.name,
            "Containers": self.pipeline_container_def(instance_type),
            "InferenceExecutionConfig": {"Mode": "Serial"},
        }
        if self.role:
            args["ExecutionRoleArn"] = self.role
        self._session().sagemaker_client.create_model(**args)
        self._created = True


__all__ = ["PipelineModel"]
