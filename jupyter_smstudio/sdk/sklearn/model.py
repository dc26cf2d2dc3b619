"""`SKLearnModel` and `SKLearnPredictor`, as `sagemaker.sklearn.model` has them: CSV/NumPy in, NumPy out."""

from __future__ import annotations

from typing import Any, Optional

from ..deserializers import NumpyDeserializer
from ..model import Model
from ..predictor import Predictor
from ..serializers import NumpySerializer
from ..session import Session


class SKLearnPredictor(Predictor):
    def __init__(self, endpoint_name: str, sagemaker_session: Optional[Session] = None, **kwargs: Any):
        kwargs.setdefault("serializer", NumpySerializer())
        kwargs.setdefault("deserializer", NumpyDeserializer())
        super().__init__(endpoint_name, sagemaker_session=sagemaker_session, **kwargs)


class SKLearnModel(Model):
    _base_name = "sagemaker-scikit-learn"

    def __init__(
        self,
        model_data: Optional[str] = None,
        role: Optional[str] = None,
        entry_point: Optional[str] = None,
        framework_version: Optional[str] = None,
        py_version: str = "py3",
        image_uri: Optional[str] = None,
        predictor_cls: Any = SKLearnPredictor,
        **kwargs: Any,
    ):
        super().__init__(
            image_uri=image_uri,
            model_data=model_data,
            role=role,
            entry_point=entry_point,
            predictor_cls=predictor_cls,
            **kwargs,
        )
        self.framework_version = framework_version
        self.py_version = py_version


__all__ = ["SKLearnModel", "SKLearnPredictor"]
