"""What `SKLearnModel`, `XGBoostModel` and `PyTorchModel` share: SageMaker's framework-model signature
(`model_data, role=, entry_point=, framework_version=, py_version=, image_uri=, predictor_cls=`). The version is
recorded; instances run this server's Python and packages, or the model's requirements.txt."""

from __future__ import annotations

from typing import Any, Callable, Optional

from .model import FrameworkModel
from .predictor import Predictor


class FrameworkServingModel(FrameworkModel):
    default_predictor_cls: Callable[..., Predictor] = Predictor  # the framework's predictor (its serializers)
    default_py_version: Optional[str] = "py3"
    needs_entry_point = False  # a framework without a default model loader (PyTorch)

    def __init__(
        self,
        model_data: Optional[str] = None,
        role: Optional[str] = None,
        entry_point: Optional[str] = None,
        framework_version: Optional[str] = None,
        py_version: Optional[str] = None,
        image_uri: Optional[str] = None,
        predictor_cls: Optional[Callable[..., Predictor]] = None,
        **kwargs: Any,
    ):
        if self.needs_entry_point and not entry_point:
            raise ValueError(f"a {type(self).__name__} needs an entry_point defining model_fn(model_dir)")
        cls = predictor_cls or type(self).default_predictor_cls
        super().__init__(model_data, image_uri, role, entry_point or "", predictor_cls=cls, **kwargs)
        self.entry_point = entry_point
        self.framework_version = framework_version
        self.py_version = py_version or self.default_py_version
