"""Live updates as jupyter_events; emitted on the server's event loop whatever thread calls."""
from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path
from typing import Any, Optional

from ..jobs.models import Job, JobStatusEvent

JOB_STATUS_SCHEMA = "https://jupyter-smstudio.github.io/events/job-status"
TRIAL_COMPONENT_SCHEMA = "https://jupyter-smstudio.github.io/events/trial-component"
SCHEMA_FILES = sorted((Path(__file__).parents[1] / "events").glob("*.yaml"))
log = logging.getLogger(__name__)


class EventPublisher:
    def __init__(self, event_logger: Any, loop: Optional[asyncio.AbstractEventLoop]):
        self.event_logger = event_logger
        self.loop = loop
        self._last: dict[tuple[str, str], float] = {}
        for schema in SCHEMA_FILES:
            event_logger.register_event_schema(schema)

    def job_changed(self, job: Job) -> None:
        payload = JobStatusEvent(job_name=job.job_name, job_kind=job.job_kind, owner=job.owner,
                                 status=job.status, failure_reason=job.failure_reason).model_dump()
        self._emit(JOB_STATUS_SCHEMA, payload)

    def trial_component_changed(self, name: str, owner: str, change: str) -> None:
        # metric writes can come hundreds a second: one event per component per 0.5 s is enough
        key = (name, change)
        now = time.monotonic()
        if change == "metrics" and now - self._last.get(key, 0.0) < 0.5:
            return
        self._last[key] = now
        self._emit(TRIAL_COMPONENT_SCHEMA, {"trial_component_name": name, "owner": owner, "change": change})

    def _emit(self, schema_id: str, data: dict) -> None:
        def emit() -> None:
            try:
                self.event_logger.emit(schema_id=schema_id, data=data)
            except Exception:  # an event is a hint; the poll fallback still shows the change
                log.exception("smstudio: could not emit %s", schema_id)

        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if self.loop is None or running is self.loop:
            emit()
        else:
            self.loop.call_soon_threadsafe(emit)
