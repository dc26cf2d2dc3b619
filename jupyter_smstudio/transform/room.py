"""The Batch transform room (being built): transform jobs over the Endpoints room's models."""

from __future__ import annotations

from typing import Any

from ..core.rooms import Room


def _build(services: Any) -> object:
    return object()


ROOM: Room[object] = Room(name="transform", build=_build, depends=("jobs", "endpoints"))
