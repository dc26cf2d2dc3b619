"""`sagemaker.serializers`: how `Predictor.predict` turns its data into a request body (SageMaker's names,
`CONTENT_TYPE` and `serialize(data)`)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Optional


class BaseSerializer:
    CONTENT_TYPE = "application/octet-stream"

    def __init__(self, content_type: Optional[str] = None):
        if content_type:
            self.CONTENT_TYPE = content_type

    @property
    def content_type(self) -> str:
        return self.CONTENT_TYPE

    def serialize(self, data: Any) -> Any:
        raise NotImplementedError


SimpleBaseSerializer = BaseSerializer


def _readable(data: Any) -> Any:
    return data.read() if hasattr(data, "read") else data


class IdentitySerializer(BaseSerializer):
    """The data as it is (bytes or text)."""

    def serialize(self, data: Any) -> Any:
        return _readable(data)


class CSVSerializer(BaseSerializer):
    """A row, a list of rows, a NumPy array or a pandas frame as CSV text; a string is sent as it is."""

    CONTENT_TYPE = "text/csv"

    def serialize(self, data: Any) -> Any:
        data = _readable(data)
        if isinstance(data, (str, bytes)):
            return data
        if hasattr(data, "to_csv"):  # pandas
            text: str = data.to_csv(header=False, index=False)
            return text.rstrip("\n")
        if hasattr(data, "tolist"):  # numpy
            data = data.tolist()
        rows = data if data and isinstance(data[0], (list, tuple)) else [data]
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        return out.getvalue().rstrip("\n")


class JSONSerializer(BaseSerializer):
    """JSON text; NumPy arrays and pandas frames as lists."""

    CONTENT_TYPE = "application/json"

    def serialize(self, data: Any) -> Any:
        data = _readable(data)
        if isinstance(data, (str, bytes)):
            return data
        if hasattr(data, "to_numpy"):
            data = data.to_numpy()
        if hasattr(data, "tolist"):
            data = data.tolist()
        return json.dumps(data)


class NumpySerializer(BaseSerializer):
    """NPY bytes (`numpy.save`) of an array, or of a list made one (with `dtype`)."""

    CONTENT_TYPE = "application/x-npy"

    def __init__(self, dtype: Any = None, content_type: str = "application/x-npy"):
        super().__init__(content_type)
        self.dtype = dtype

    def serialize(self, data: Any) -> Any:
        import numpy as np

        data = _readable(data)
        if isinstance(data, bytes):
            return data
        array = np.asarray(data, dtype=self.dtype)
        if array.size == 0:
            raise ValueError("Cannot serialize empty array.")
        buffer = io.BytesIO()
        np.save(buffer, array)
        return buffer.getvalue()


__all__ = [
    "BaseSerializer",
    "CSVSerializer",
    "IdentitySerializer",
    "JSONSerializer",
    "NumpySerializer",
    "SimpleBaseSerializer",
]
