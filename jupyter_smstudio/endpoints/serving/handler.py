"""The user's inference code, as SageMaker's framework containers call it.

The entry point (`SAGEMAKER_PROGRAM` in `SAGEMAKER_SUBMIT_DIRECTORY`) may define `model_fn(model_dir)`,
`input_fn(body, content_type)`, `predict_fn(data, model)` and `output_fn(prediction, accept)`; what it leaves
out has the containers' defaults: a scikit-learn / XGBoost model saved with joblib or pickle in the model
folder, CSV / JSON / NPY in and out (codecs.py), and `model.predict`.
"""

from __future__ import annotations

import importlib.util
import os
import pickle
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Optional

from . import codecs

MODEL_FILES = ("model.joblib", "model.pkl", "model.pickle", "model.sav", "xgboost-model")


class ClientError(ValueError):
    """The request was refused by the model's code or the default codecs: a 4xx with this message."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def load_program(code_dir: Optional[str], program: Optional[str]) -> Optional[ModuleType]:
    """The entry point as a module, with its folder importable (its helpers sit beside it)."""
    if not program:
        return None
    folder = Path(code_dir or ".")
    path = folder / program
    if not path.is_file():
        raise FileNotFoundError(f"the entry point {program!r} is not in {folder}")
    sys.path.insert(0, str(folder))
    spec = importlib.util.spec_from_file_location(Path(program).stem, path)
    assert spec is not None and spec.loader is not None  # a .py file we just found
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def default_model_fn(model_dir: str) -> Any:
    for name in MODEL_FILES:
        path = os.path.join(model_dir, name)
        if os.path.exists(path):
            if name.endswith(".joblib"):
                import joblib

                return joblib.load(path)
            if name == "xgboost-model":  # SageMaker's XGBoost: a pickled Booster, or XGBoost's own format
                return _load_booster(path)
            with open(path, "rb") as fh:
                return pickle.load(fh)
    raise FileNotFoundError(
        f"no model_fn in the entry point and no {' / '.join(MODEL_FILES)} in {model_dir}: define model_fn(model_dir)"
    )


def _load_booster(path: str) -> Any:
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except (pickle.UnpicklingError, EOFError, ValueError):
        import xgboost

        booster = xgboost.Booster()
        booster.load_model(path)
        return booster


def default_predict_fn(data: Any, model: Any) -> Any:
    if type(model).__module__.startswith("xgboost") and type(model).__name__ == "Booster":
        import xgboost  # a Booster predicts on a DMatrix, as SageMaker's XGBoost container builds it

        return model.predict(xgboost.DMatrix(data))
    return model.predict(data)


class InferenceHandler:
    def __init__(self, model_dir: str, code_dir: Optional[str] = None, program: Optional[str] = None):
        module = load_program(code_dir, program)
        self.model_fn: Callable[[str], Any] = getattr(module, "model_fn", default_model_fn)
        self.input_fn: Callable[[bytes, str], Any] = getattr(module, "input_fn", codecs.decode)
        self.predict_fn: Callable[[Any, Any], Any] = getattr(module, "predict_fn", default_predict_fn)
        self.output_fn: Callable[[Any, str], Any] = getattr(module, "output_fn", codecs.encode)
        self.model = self.model_fn(model_dir)  # raises: the instance fails to start, with the traceback in its log

    def invoke(self, body: bytes, content_type: str, accept: str) -> tuple[bytes, str]:
        """The answer and its content type. The model's own errors on the request are ClientErrors."""
        return self.write(self.predict(self.read(body, content_type)), accept)

    def read(self, body: bytes, content_type: str) -> Any:
        """The request's data (input_fn); a payload it cannot read is the caller's to fix."""
        try:
            return self.input_fn(body, content_type)
        except codecs.UnsupportedMediaType as err:
            raise ClientError(str(err), 415) from err
        except Exception as err:
            raise ClientError(f"could not read the {content_type} payload: {_message(err)}") from err

    def predict(self, data: Any) -> Any:
        """predict_fn; the model refusing this input (wrong shape, wrong type) is still the caller's to fix."""
        try:
            return self.predict_fn(data, self.model)
        except Exception as err:
            raise ClientError(f"the model refused the input: {_message(err)}") from err

    def write(self, prediction: Any, accept: str) -> tuple[bytes, str]:
        """output_fn's body and content type."""
        try:
            answer = self.output_fn(prediction, accept)
        except codecs.NotAcceptable as err:
            raise ClientError(str(err), 406) from err
        if isinstance(answer, tuple):
            body_out, media = answer
        else:  # a custom output_fn may answer the body alone, as SageMaker's containers allow
            body_out, media = answer, accept
        return (body_out.encode() if isinstance(body_out, str) else bytes(body_out)), media


def _message(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return f"{type(err).__name__}: {text[-1]}" if text else type(err).__name__
