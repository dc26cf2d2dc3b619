"""The router's copy of endpoint records, so an invocation does not query the store.

Without it every invocation runs two queries (whose record the name means for this viewer, then the record):
about 1.2 ms of the request thread's time here, most of what the router costs. A copy is used for at most `ttl`
seconds; this process's own changes (weights, instances, status, delete) drop it at once (EndpointStore calls
`drop`), so only another server's changes on a shared PostgreSQL take up to `ttl` to be seen. When a copy gets
old, one request reloads it and the others use the old copy meanwhile (for at most `STALE_SECONDS`): without
that, every request in flight at that moment queried the store at once, each second.
"""

from __future__ import annotations

import threading
import time
from typing import Callable, Optional

from ..core.auth import Viewer
from .store import EndpointRecord

TTL_SECONDS = 1.0
STALE_SECONDS = 5.0  # how old a copy may be used while another request reloads it


class RecordCache:
    def __init__(self, ttl: float = TTL_SECONDS):
        self.ttl = ttl
        self._lock = threading.Lock()
        self._copies: dict[tuple[Viewer, str], tuple[float, EndpointRecord]] = {}
        self._dropped: dict[str, float] = {}  # when each name last changed: a load that began before is stale
        self._loading: set[tuple[Viewer, str]] = set()  # copies being reloaded now

    def peek(self, viewer: Viewer, name: str) -> Optional[EndpointRecord]:
        """The copy if it is fresh (or another request is reloading it), else None: the caller loads it off the
        event loop."""
        key = (viewer, name)
        with self._lock:
            found = self._copies.get(key)
            if found is None:
                return None
            age = time.monotonic() - found[0]
            if age <= self.ttl or (key in self._loading and age <= STALE_SECONDS):
                return found[1]
            return None

    def get(self, viewer: Viewer, name: str, load: Callable[[], EndpointRecord]) -> EndpointRecord:
        record = self.peek(viewer, name)
        if record is None:
            key = (viewer, name)
            loaded_at = time.monotonic()
            with self._lock:
                self._loading.add(key)
            try:
                record = load()
            finally:
                with self._lock:
                    self._loading.discard(key)
            with self._lock:
                if self._dropped.get(name, 0.0) < loaded_at:
                    self._copies[key] = (loaded_at, record)
        return record

    def drop(self, name: str) -> None:
        """Every viewer's copy of the endpoints of this name (names are few; owners do not matter here)."""
        with self._lock:
            self._dropped[name] = time.monotonic()
            for key in [k for k in self._copies if k[1] == name]:
                del self._copies[key]
