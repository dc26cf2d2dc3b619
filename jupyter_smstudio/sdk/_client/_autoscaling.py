"""`boto_session.client("application-autoscaling")` (being built)."""

from __future__ import annotations

from ._base import ClientBase


class ApplicationAutoScalingClient(ClientBase):
    SERVICE = "application-autoscaling"
