"""`XGBoostModel` and `XGBoostPredictor`, as `sagemaker.xgboost.model` has them: CSV in, CSV out by default.

Without an entry point the instance loads the saved booster (`xgboost-model`, SageMaker's built-in
algorithm's file, or a joblib / pickle file) and predicts on CSV rows; an entry point's `model_fn` and the
other functions take over as in SageMaker's XGBoost container.
"""

from __future__ import annotations

from typing import Any, Optional

from ..deserializers import CSVDeserializer
from ..model import Model
from ..predictor import Predictor
from ..serializers import CSVSerializer
from ..session import Session


class XGBoostPredictor(Predictor):
    def __init__(self, endpoint_name: str, sagemaker_session: Optional[Session] = None, **kwargs: Any):
        kwargs.setdefault("serializer", CSVSerializer())
        kwargs.setdefault("deserializer", CSVDeserializer())
        super().__init__(endpoint_name, sagemaker_session=sagemaker_session, **kwargs)


class XGBoostModel(Model):
    _base_name = "sagemaker-xgboost"

    def __init__(
        self,
        model_data: Optional[str],
        role: Optional[str] = None,
        entry_point: Optional[str] = None,
        framework_version: Optional[str] = None,
        py_version: str = "py3",
        image_uri: Optional[str] = None,
        predictor_cls: Any = XGBoostPredictor,
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


__all__ = ["XGBoostModel", "XGBoostPredictor"]
