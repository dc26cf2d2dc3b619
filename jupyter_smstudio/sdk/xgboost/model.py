"""`XGBoostModel` and `XGBoostPredictor`, as `sagemaker.xgboost.model` has them: CSV in, CSV out by default.

Without an entry point the instance loads the saved booster (`xgboost-model`, SageMaker's built-in
algorithm's file, or a joblib / pickle file) and predicts on CSV rows; an entry point's `model_fn` and the
other functions take over as in SageMaker's XGBoost container.
"""

from __future__ import annotations

from typing import Any, Optional

from .._framework_model import FrameworkServingModel
from ..deserializers import CSVDeserializer
from ..predictor import Predictor
from ..serializers import CSVSerializer
from ..session import Session


class XGBoostPredictor(Predictor):
    def __init__(self, endpoint_name: str, sagemaker_session: Optional[Session] = None, **kwargs: Any):
        kwargs.setdefault("serializer", CSVSerializer())
        kwargs.setdefault("deserializer", CSVDeserializer())
        super().__init__(endpoint_name, sagemaker_session=sagemaker_session, **kwargs)


class XGBoostModel(FrameworkServingModel):
    _base_name = "sagemaker-xgboost"
    default_predictor_cls = XGBoostPredictor


__all__ = ["XGBoostModel", "XGBoostPredictor"]
