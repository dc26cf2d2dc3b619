"""The SageMaker client's batch transform calls (being built)."""

from __future__ import annotations

from ._base import ClientBase


class TransformCalls(ClientBase):
    pass
