"""The endpoints' background work: one thread at a time per endpoint, and the thread that replaces dead
instances of InService endpoints.

Instances outlive the server (as jobs do), so closing only stops watching: a restarted server re-adopts them.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, Callable, Optional

from .store import EndpointStore

log = logging.getLogger(__name__)
SUPERVISE_EVERY = 2.0


class Supervisor:
    """Background work per endpoint, serialised by a lock each: a converge and a delete never overlap."""

    def __init__(self, store: EndpointStore):
        self.store = store
        self._lock = threading.RLock()
        self._busy: dict[tuple[str, str], threading.Lock] = {}
        self._closed = threading.Event()
        self._thread: Optional[threading.Thread] = None

    def watch(self, alive: Callable[[dict[str, Any]], bool], converge: Callable[[str, str], None]) -> None:
        """Start the thread that converges an InService endpoint whose instances are not all `alive` (once)."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._supervise, args=(alive, converge), name="smstudio-endpoints", daemon=True
            )
            self._thread.start()

    def close(self) -> None:
        self._closed.set()

    def _supervise(self, alive: Callable[[dict[str, Any]], bool], converge: Callable[[str, str], None]) -> None:
        while not self._closed.wait(SUPERVISE_EVERY):
            try:
                for record in self.store.live_endpoints():
                    if record.status == "InService" and not all(alive(h) for h in record.instances):
                        self.background(record.owner, record.name, converge, skip_if_busy=True)
            except Exception:  # a busy store now and then: the next round tries again
                log.exception("smstudio: endpoint supervision failed")

    def background(self, owner: str, name: str, work: Callable[[str, str], None], skip_if_busy: bool = False) -> None:
        """`work(owner, name)` in a thread, one at a time per endpoint; an error fails the endpoint."""
        key = (owner, name)
        with self._lock:
            lock = self._busy.setdefault(key, threading.Lock())

        def run() -> None:
            if not lock.acquire(blocking=not skip_if_busy):
                return  # the endpoint is being worked on: the supervisor looks again later
            try:
                work(owner, name)
            except Exception as err:
                log.exception("smstudio: endpoint %s of %s", name, owner)
                self.store.update_endpoint(owner, name, status="Failed", failure_reason=f"internal error: {err}")
            finally:
                lock.release()

        threading.Thread(target=run, name=f"smstudio-endpoint-{name}", daemon=True).start()
