"""The autoscaling room (being built): Application Auto Scaling over the Endpoints room's variants."""

from __future__ import annotations

from typing import Any

from ..core.rooms import Room


def _build(services: Any) -> object:
    return object()


ROOM: Room[object] = Room(name="autoscaling", build=_build, depends=("endpoints",))
