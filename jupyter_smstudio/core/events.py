"""Live updates for the browser, per user: each event reaches only the subscribers allowed to read the
record it is about (its owner, admins), on this extension's own websocket (`smstudio/api/events`).

Not on jupyter_server's event bus: `/api/events/subscribe` sends every event to every user, and any user
may post events there; this extension's schemas are not registered with it. Emitted on the server's
event loop whatever thread calls.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from pathlib import Path
from typing import Any, Callable, Optional, Protocol

log = logging.getLogger(__name__)
THROTTLE_SECONDS = 0.5


class Subscriber(Protocol):
    """A connected browser: whom it may see, and how to send it a frame."""

    def can_see(self, owner: str) -> bool: ...

    def send(self, text: str) -> None: ...


def schema_version(schema_file: Path) -> str:
    """The `version` of an event schema file (YAML; read without a YAML parser: one line)."""
    for line in schema_file.read_text().splitlines():
        if line.startswith("version:"):
            return line.split(":", 1)[1].strip().strip("'\"")
    raise ValueError(f"{schema_file} has no version")


class EventHub:
    def __init__(self, loop: Optional[asyncio.AbstractEventLoop] = None):
        self.loop = loop
        self._subscribers: set[Subscriber] = set()
        self._last: dict[tuple[str, ...], float] = {}

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Add a subscriber; call the answer to remove it."""
        self._subscribers.add(subscriber)
        return lambda: self._subscribers.discard(subscriber)

    def emit(
        self,
        schema_id: str,
        version: str,
        data: dict[str, Any],
        owner: str,
        throttle_key: Optional[tuple[str, ...]] = None,
    ) -> None:
        """Send one event to those who may read `owner`'s records; with a `throttle_key`, at most one per
        key every half second (metric writes come hundreds a second; one event is enough to look again)."""
        if throttle_key is not None:
            now = time.monotonic()
            if now - self._last.get(throttle_key, 0.0) < THROTTLE_SECONDS:
                return
            self._last[throttle_key] = now
        text = json.dumps({"schema_id": schema_id, "version": version, **data})

        def send() -> None:
            for subscriber in list(self._subscribers):
                if subscriber.can_see(owner):
                    try:
                        subscriber.send(text)
                    except Exception:  # a closed socket: it leaves; the others still get the event
                        self._subscribers.discard(subscriber)

        try:
            running: Optional[asyncio.AbstractEventLoop] = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if self.loop is None or running is self.loop:
            send()
        else:
            self.loop.call_soon_threadsafe(send)
