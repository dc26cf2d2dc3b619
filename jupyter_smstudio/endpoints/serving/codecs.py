"""The default `input_fn` / `output_fn` of SageMaker's framework containers: CSV, JSON and NPY.

By hand because SageMaker's own (sagemaker-inference's decoder/encoder) comes with its Java model server;
numpy does the parsing: CSV rows as a 2-D float array, JSON as nested lists, NPY in numpy's own format.
"""

from __future__ import annotations

import io
import json
from typing import Any

import numpy as np

CSV = "text/csv"
JSON = "application/json"
NPY = "application/x-npy"
ACCEPTS = (JSON, CSV, NPY)


class UnsupportedMediaType(ValueError):
    """A content type the default input_fn cannot read (415)."""


class NotAcceptable(ValueError):
    """An Accept the default output_fn cannot write (406)."""


def media_type(header: str | None, default: str) -> str:
    """`text/csv; charset=utf-8` -> `text/csv`; an absent or `*/*` header -> the default."""
    value = (header or "").split(";")[0].strip().lower()
    return default if value in ("", "*/*") else value


def accept_type(header: str | None, default: str) -> str:
    """The answer's type from an Accept header: the first listed that we write, `*/*` or none -> the default
    (the request's own type, as SageMaker's containers answer), else the first listed (a custom output_fn's)."""
    listed = [media_type(part, "*/*") for part in (header or "").split(",") if part.strip()]
    for item in listed:
        if item in ACCEPTS:
            return item
    if not listed or "*/*" in listed:
        return default if default in ACCEPTS else JSON
    return listed[0]


def decode(body: bytes, content_type: str) -> Any:
    if content_type == CSV:
        text = body.decode("utf-8").strip()
        if not text:
            raise ValueError("the CSV payload is empty")
        return np.atleast_2d(np.loadtxt(io.StringIO(text), delimiter=",", dtype=float, ndmin=2))
    if content_type == JSON:
        data = json.loads(body)
        if isinstance(data, dict) and "instances" in data:  # TensorFlow Serving's shape, which SageMaker accepts
            data = data["instances"]
        return np.asarray(data)
    if content_type == NPY:
        return np.load(io.BytesIO(body), allow_pickle=False)
    raise UnsupportedMediaType(f"content type {content_type!r} is not supported (use {', '.join(ACCEPTS)})")


def encode(prediction: Any, accept: str) -> tuple[bytes, str]:
    array = prediction if isinstance(prediction, np.ndarray) else np.asarray(prediction)
    if accept == JSON:
        return json.dumps(array.tolist()).encode(), JSON
    if accept == CSV:
        out = io.StringIO()
        rows = array.reshape(-1, 1) if array.ndim <= 1 else array
        np.savetxt(out, rows, delimiter=",", fmt="%s")
        return out.getvalue().encode(), CSV
    if accept == NPY:
        out_bytes = io.BytesIO()
        np.save(out_bytes, array, allow_pickle=False)
        return out_bytes.getvalue(), NPY
    raise NotAcceptable(f"accept {accept!r} is not supported (use {', '.join(ACCEPTS)})")
