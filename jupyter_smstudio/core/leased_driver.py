"""The thread that takes a room's long-running records through their steps (tuning jobs, AutoML jobs): one per
process that runs them (a server, an SDK session).

Several processes may share one store, and a record is driven by one of them at a time: the driver holds a lease on
each record it drives (core/leases.py), renewed before every step, and adopts unfinished records whose lease went
stale (their driver crashed, or its process ended). A step is taken when the room wakes the thread (one of the
record's jobs changed) and on a tick. The room says what a step is; this class knows nothing of tuning or AutoML.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
import time
from abc import ABC, abstractmethod
from typing import Generic, Optional, Protocol, TypeVar

log = logging.getLogger(__name__)
STEP_SECONDS = 0.5  # the tick: a record steps at least this often, woken or not
LEASE_SECONDS = 15.0  # a driver that has not stepped a record for this long is gone: another process takes over
SCAN_SECONDS = 5.0  # how often a driver looks for records nobody drives

Key = tuple[str, str]  # (owner, name): a record's name is unique per owner only


class LeasedStore(Protocol):
    def claim(self, owner: str, name: str, driver: str, lease_seconds: float) -> bool:
        """Take or renew the lease (core/leases.py claim); false when another driver holds it or it has ended."""
        ...

    def active_keys(self) -> list[Key]:
        """The unfinished records: those a driver may have to adopt."""
        ...


Store = TypeVar("Store", bound=LeasedStore)
Held = TypeVar("Held")  # what the driver keeps in memory for a record it drives (a study, or just its key)


class LeasedDriver(ABC, Generic[Store, Held]):
    def __init__(self, store: Store, room: str, what: str, *, lease_seconds: float, scan_seconds: float):
        # `room` names the thread ("smstudio-tuning"), `what` a record in log lines ("tuning job")
        self.store, self.room, self.what = store, room, what
        # LEASE_SECONDS and SCAN_SECONDS, passed by the room from its own module: where a test shortens them
        self.lease_seconds, self.scan_seconds = lease_seconds, scan_seconds
        self.driver = f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(3)}"  # the lease's holder
        self._active: dict[Key, Held] = {}
        self._beginning: set[Key] = set()  # records whose first step a request is taking: not the scan's to adopt
        self._lock = threading.RLock()  # steps, and requests that start a record, never run at once
        self._closing = threading.Event()
        self._wake = threading.Event()
        self._thread: Optional[threading.Thread] = None
        self._next_scan = 0.0

    # -- what the room says -----------------------------------------------------------------------------------------
    @abstractmethod
    def first_step(self, key: Key) -> Held:
        """A record just created (and claimed): take its first step now, in the request (an error is the request's)."""

    @abstractmethod
    def resume(self, key: Key) -> Held:
        """A record this driver adopts: what to hold for it (an error: it cannot be resumed)."""

    @abstractmethod
    def cannot_resume(self, key: Key, err: Exception) -> None:
        """`resume` failed: end the record, saying why (one broken record must not stop the others)."""

    @abstractmethod
    def advance(self, held: Held) -> None:
        """One step of a record this driver holds the lease on; the room calls `let_go` when the record ends."""

    # -- the thread -------------------------------------------------------------------------------------------------
    def begin(self, owner: str, name: str) -> None:
        """A new record: claim it and take its first step now."""
        key = (owner, name)
        with self._lock:
            self._beginning.add(key)
        try:
            self.store.claim(owner, name, self.driver, self.lease_seconds)
            with self._lock:
                self._active[key] = self.first_step(key)
        finally:
            with self._lock:
                self._beginning.discard(key)
        self.start()

    def let_go(self, key: Key) -> None:
        """The record ended (or another process drives it): step it no more."""
        with self._lock:
            self._active.pop(key, None)

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._closing.clear()  # a room closed and used again drives again
                self._thread = threading.Thread(target=self._drive, name=f"smstudio-{self.room}", daemon=True)
                self._thread.start()

    def close(self) -> None:
        self._closing.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _drive(self) -> None:
        while True:
            self._wake.wait(STEP_SECONDS)
            self._wake.clear()
            if self._closing.is_set():
                return
            try:
                self._adopt()
            except Exception:  # noqa: BLE001 - the store may be away for a moment
                log.exception("smstudio: could not look for %ss to drive", self.what)
            with self._lock:
                keys = list(self._active)
            for key in keys:
                try:
                    with self._lock:
                        if not self.store.claim(*key, self.driver, self.lease_seconds):
                            self._active.pop(key, None)  # finished elsewhere, or another process drives it
                            continue
                        self.advance(self._active[key])
                except Exception:  # noqa: BLE001 - the next step tries again; say why
                    log.exception("smstudio: %s %s of %s could not advance", self.what, key[1], key[0])

    def _adopt(self) -> None:
        """Take over unfinished records whose driver is gone (a restart, an SDK process that ended)."""
        if time.monotonic() < self._next_scan:
            return
        self._next_scan = time.monotonic() + self.scan_seconds
        for key in self.store.active_keys():
            # a record a request is starting in this process is its own (the lease is this driver's already): a
            # second copy resumed from what the first step has stored so far would launch its trials again
            with self._lock:
                taken = key in self._active or key in self._beginning
            if taken or not self.store.claim(*key, self.driver, self.lease_seconds):
                continue
            try:
                held = self.resume(key)
            except Exception as err:  # noqa: BLE001 - one broken record must not stop the others
                log.exception("smstudio: cannot resume %s %s of %s", self.what, key[1], key[0])
                self.cannot_resume(key, err)
                continue
            with self._lock:
                self._active.setdefault(key, held)  # a request that began it meanwhile keeps its own
