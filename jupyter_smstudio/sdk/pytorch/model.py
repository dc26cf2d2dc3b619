"""`PyTorchModel` and `PyTorchPredictor`, as `sagemaker.pytorch.model` has them: NumPy in and out.

The entry point defines `model_fn(model_dir)` (PyTorch's container has no default loader) and, as it likes,
`input_fn` / `predict_fn` / `output_fn`; instances run it with this server's Python (torch must be installed).
"""

from __future__ import annotations

from typing import Any, Optional

from ..deserializers import NumpyDeserializer
from ..model import FrameworkModel
from ..predictor import Predictor
from ..serializers import NumpySerializer
from ..session import Session


class PyTorchPredictor(Predictor):
    def __init__(self, endpoint_name: str, sagemaker_session: Optional[Session] = None, **kwargs: Any):
        kwargs.setdefault("serializer", NumpySerializer())
        kwargs.setdefault("deserializer", NumpyDeserializer())
        super().__init__(endpoint_name, sagemaker_session=sagemaker_session, **kwargs)


class PyTorchModel(FrameworkModel):
    _base_name = "pytorch-inference"

    def __init__(
        self,
        model_data: Optional[str],
        role: Optional[str] = None,
        entry_point: Optional[str] = None,
        framework_version: Optional[str] = None,
        py_version: Optional[str] = None,
        image_uri: Optional[str] = None,
        predictor_cls: Any = PyTorchPredictor,
        **kwargs: Any,
    ):
        if not entry_point:
            raise ValueError("a PyTorchModel needs an entry_point defining model_fn(model_dir)")
        super().__init__(model_data, image_uri, role, entry_point, predictor_cls=predictor_cls, **kwargs)
        self.framework_version = framework_version
        self.py_version = py_version


__all__ = ["PyTorchModel", "PyTorchPredictor"]
