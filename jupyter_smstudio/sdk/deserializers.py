"""`sagemaker.deserializers`: how `Predictor.predict` reads the answer (SageMaker's names, `ACCEPT` and
`deserialize(stream, content_type)`)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Optional


class BaseDeserializer:
    ACCEPT: tuple[str, ...] = ("*/*",)

    def __init__(self, accept: Optional[Any] = None):
        if accept:
            self.ACCEPT = (accept,) if isinstance(accept, str) else tuple(accept)

    @property
    def accept(self) -> tuple[str, ...]:
        return self.ACCEPT

    def deserialize(self, stream: Any, content_type: str) -> Any:
        raise NotImplementedError


SimpleBaseDeserializer = BaseDeserializer


def _read(stream: Any) -> bytes:
    try:
        data = stream.read() if hasattr(stream, "read") else stream
    finally:
        if hasattr(stream, "close"):
            stream.close()
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


class BytesDeserializer(BaseDeserializer):
    def deserialize(self, stream: Any, content_type: str) -> bytes:
        return _read(stream)


class StringDeserializer(BaseDeserializer):
    ACCEPT = ("application/json",)

    def __init__(self, encoding: str = "UTF-8", accept: Any = "application/json"):
        super().__init__(accept)
        self.encoding = encoding

    def deserialize(self, stream: Any, content_type: str) -> str:
        return _read(stream).decode(self.encoding)


class CSVDeserializer(BaseDeserializer):
    """CSV text as a list of rows of strings."""

    ACCEPT = ("text/csv",)

    def __init__(self, encoding: str = "utf-8", accept: Any = "text/csv"):
        super().__init__(accept)
        self.encoding = encoding

    def deserialize(self, stream: Any, content_type: str) -> list[list[str]]:
        return list(csv.reader(io.StringIO(_read(stream).decode(self.encoding))))


class JSONDeserializer(BaseDeserializer):
    ACCEPT = ("application/json",)

    def __init__(self, accept: Any = "application/json"):
        super().__init__(accept)

    def deserialize(self, stream: Any, content_type: str) -> Any:
        return json.loads(_read(stream).decode("utf-8"))


class NumpyDeserializer(BaseDeserializer):
    """An array from NPY, CSV or JSON, as the answer's content type says."""

    ACCEPT = ("application/x-npy",)

    def __init__(self, dtype: Any = None, accept: Any = "application/x-npy", allow_pickle: bool = False):
        super().__init__(accept)
        self.dtype = dtype
        self.allow_pickle = allow_pickle

    def deserialize(self, stream: Any, content_type: str) -> Any:
        import numpy as np

        data = _read(stream)
        media = (content_type or "").split(";")[0].strip().lower()
        if media == "text/csv":
            return np.genfromtxt(io.StringIO(data.decode("utf-8")), delimiter=",", dtype=self.dtype)
        if media == "application/json":
            return np.array(json.loads(data.decode("utf-8")), dtype=self.dtype)
        if media == "application/x-npy":
            return np.load(io.BytesIO(data), allow_pickle=self.allow_pickle)
        raise ValueError(f"{content_type} cannot be deserialized into a NumPy array")


__all__ = [
    "BaseDeserializer",
    "BytesDeserializer",
    "CSVDeserializer",
    "JSONDeserializer",
    "NumpyDeserializer",
    "SimpleBaseDeserializer",
    "StringDeserializer",
]
