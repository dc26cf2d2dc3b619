"""The thread that fires monitoring schedules inside the server (and an SDK session's embedded services).

Every tick it asks the service to start what is due; the next fire time lives in the store, so a restarted server
fires a schedule that fell due while it was down (once) and goes on with the schedule's next time."""

from __future__ import annotations

import logging
import threading
from typing import Callable, Optional

log = logging.getLogger(__name__)


class Scheduler:
    def __init__(self, fire_due: Callable[[], int], tick_seconds: float):
        self.fire_due = fire_due
        self.tick = tick_seconds
        self._stop = threading.Event()
        self._thread: Optional[threading.Thread] = None

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="smstudio-monitor-scheduler", daemon=True)
            self._thread.start()

    def close(self) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            self._stop.set()
            thread.join(10)

    def _run(self) -> None:
        while not self._stop.wait(self.tick):
            try:
                self.fire_due()
            except Exception:  # a damaged store, a schedule that cannot fire: logged, and the next tick tries again
                log.exception("smstudio: monitoring schedules could not fire")
