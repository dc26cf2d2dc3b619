"""`SKLearnModel` and `SKLearnPredictor`, as `sagemaker.sklearn.model` has them: CSV/NumPy in, NumPy out."""

from __future__ import annotations

from typing import Any, Optional

from .._framework_model import FrameworkServingModel
from ..deserializers import NumpyDeserializer
from ..predictor import Predictor
from ..serializers import NumpySerializer
from ..session import Session


class SKLearnPredictor(Predictor):
    def __init__(self, endpoint_name: str, sagemaker_session: Optional[Session] = None, **kwargs: Any):
        kwargs.setdefault("serializer", NumpySerializer())
        kwargs.setdefault("deserializer", NumpyDeserializer())
        super().__init__(endpoint_name, sagemaker_session=sagemaker_session, **kwargs)


class SKLearnModel(FrameworkServingModel):
    _base_name = "sagemaker-scikit-learn"
    default_predictor_cls = SKLearnPredictor


__all__ = ["SKLearnModel", "SKLearnPredictor"]
