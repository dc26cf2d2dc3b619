"""Live updates as jupyter_events; emitted on the server's event loop whatever thread calls.

The rooms' topics name their schemas (`Topic.schema_file`); this module only registers and emits.
"""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path
from typing import Any, Iterable, Optional

log = logging.getLogger(__name__)
THROTTLE_SECONDS = 0.5


class EventPublisher:
    def __init__(self, event_logger: Any, loop: Optional[asyncio.AbstractEventLoop], schemas: Iterable[Path]):
        self.event_logger = event_logger
        self.loop = loop
        self._last: dict[tuple[str, ...], float] = {}
        for schema in schemas:
            event_logger.register_event_schema(schema)

    def emit(self, schema_id: str, data: dict[str, Any], throttle_key: Optional[tuple[str, ...]] = None) -> None:
        """Send one event; with a `throttle_key`, at most one per key every half second (metric writes
        come hundreds a second and one event is enough for the browser to look again)."""
        if throttle_key is not None:
            now = time.monotonic()
            if now - self._last.get(throttle_key, 0.0) < THROTTLE_SECONDS:
                return
            self._last[throttle_key] = now

        def emit() -> None:
            try:
                self.event_logger.emit(schema_id=schema_id, data=data)
            except Exception:  # an event is a hint; the poll fallback still shows the change
                log.exception("smstudio: could not emit %s", schema_id)

        try:
            running: Optional[asyncio.AbstractEventLoop] = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if self.loop is None or running is self.loop:
            emit()
        else:
            self.loop.call_soon_threadsafe(emit)
