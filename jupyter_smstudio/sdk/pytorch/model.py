"""`PyTorchModel` and `PyTorchPredictor`, as `sagemaker.pytorch.model` has them: NumPy in and out.

The entry point defines `model_fn(model_dir)` (PyTorch's container has no default loader) and, as it likes,
`input_fn` / `predict_fn` / `output_fn`; instances run it with this server's Python (torch must be installed).
"""

from __future__ import annotations

from typing import Any, Optional

from .._framework_model import FrameworkServingModel
from ..deserializers import NumpyDeserializer
from ..predictor import Predictor
from ..serializers import NumpySerializer
from ..session import Session


class PyTorchPredictor(Predictor):
    def __init__(self, endpoint_name: str, sagemaker_session: Optional[Session] = None, **kwargs: Any):
        kwargs.setdefault("serializer", NumpySerializer())
        kwargs.setdefault("deserializer", NumpyDeserializer())
        super().__init__(endpoint_name, sagemaker_session=sagemaker_session, **kwargs)


class PyTorchModel(FrameworkServingModel):
    _base_name = "pytorch-inference"
    default_predictor_cls = PyTorchPredictor
    default_py_version = None
    needs_entry_point = True  # PyTorch's container has no default loader


__all__ = ["PyTorchModel", "PyTorchPredictor"]
