"""The access keys room (being built): keys a user creates and revokes; SigV4-signed calls verified with them."""

from __future__ import annotations

from typing import Any

from ..core.rooms import Room


def _build(services: Any) -> object:
    return object()


ROOM: Room[object] = Room(name="access_keys", build=_build)
