"""Live updates as jupyter_events; emitted on the server's event loop whatever thread calls."""
from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any, Optional

from ..jobs.models import Job, JobStatusEvent

JOB_STATUS_SCHEMA = "https://jupyter-smstudio.github.io/events/job-status"
SCHEMA_FILES = [Path(__file__).parents[1] / "events" / "job-status.yaml"]
log = logging.getLogger(__name__)


class EventPublisher:
    def __init__(self, event_logger: Any, loop: Optional[asyncio.AbstractEventLoop]):
        self.event_logger = event_logger
        self.loop = loop
        for schema in SCHEMA_FILES:
            event_logger.register_event_schema(schema)

    def job_changed(self, job: Job) -> None:
        payload = JobStatusEvent(job_name=job.job_name, job_kind=job.job_kind, owner=job.owner,
                                 status=job.status, failure_reason=job.failure_reason).model_dump()
        self._emit(JOB_STATUS_SCHEMA, payload)

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
