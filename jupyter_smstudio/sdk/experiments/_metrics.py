"""Metric logging that never blocks training: a buffer and a background sender.

`log_metric` only appends a tuple to a deque. One daemon thread per run wakes every
`FLUSH_INTERVAL` seconds, or as soon as `BATCH_SIZE` points wait, and sends the buffer in
batches of at most `BATCH_SIZE` points (`POST trial-components/{name}/metrics` over REST, the
service's `log_metrics` in embedded mode). `close()` and an `atexit` hook send whatever is
left, so a process that ends normally or by an uncaught exception loses no logged point
(a process killed by a signal or `os._exit` does).

Failed sends are retried with backoff while the error may pass (connection errors, 5xx, a
busy database); a refusal (400/403/404) drops that batch with an error in the log.
"""
from __future__ import annotations

import atexit
import datetime as _dt
import logging
import math
import os
import threading
import time
import weakref
from collections import deque
from numbers import Number
from typing import Any, Callable, Optional

log = logging.getLogger(__name__)

BATCH_SIZE = 1000
FLUSH_INTERVAL = 0.5
CLOSE_TIMEOUT = 30.0  # how long close() keeps retrying a failing server before giving up
_NOT_RETRIED = (400, 403, 404, 413)

_managers: "weakref.WeakSet[_MetricsManager]" = weakref.WeakSet()


def _json_number(value: float) -> Any:
    """JSON has no NaN/Infinity: the API takes them as these strings."""
    if math.isfinite(value):
        return value
    if math.isnan(value):
        return "NaN"
    return "Infinity" if value > 0 else "-Infinity"


def _epoch(timestamp: Any) -> float:
    """Seconds since the epoch from a datetime (naive = local time, as SageMaker), a number or an ISO string."""
    if timestamp is None:
        return time.time()
    if isinstance(timestamp, _dt.datetime):
        return timestamp.timestamp()  # naive datetimes are taken as local time
    if isinstance(timestamp, Number):
        return float(timestamp)
    if isinstance(timestamp, str):
        return _dt.datetime.fromisoformat(timestamp.replace("Z", "+00:00")).timestamp()
    raise ValueError(f"timestamp must be a datetime, a number of seconds or an ISO string, got {timestamp!r}")


def _iso(epoch: float) -> str:
    return _dt.datetime.fromtimestamp(epoch, _dt.timezone.utc).isoformat()


def _retryable(err: BaseException) -> bool:
    status = getattr(err, "status", None)
    return not (isinstance(status, int) and status in _NOT_RETRIED)


class _MetricsManager:
    """Collects the metrics of one trial component and sends them in the background."""

    def __init__(self, trial_component_name: str, sagemaker_session: Any,
                 on_tick: Optional[Callable[[], None]] = None) -> None:
        self.trial_component_name = trial_component_name
        self._backend = sagemaker_session.backend
        self._buffer: deque = deque()
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._thread: Optional[threading.Thread] = None
        self._closed = False
        self._on_tick = on_tick
        self.sent = 0
        self.dropped = 0
        _managers.add(self)

    # -- the training loop's side: as cheap as possible ----------------------------------------
    def log_metric(self, metric_name: str, value: Any, timestamp: Any = None, step: Optional[int] = None) -> None:
        if not isinstance(metric_name, str) or not metric_name or len(metric_name) > 255:
            raise ValueError("metric_name must be a non-empty string of at most 255 characters")
        value = float(value)
        if step is not None:
            if isinstance(step, bool):
                raise ValueError("step must be int.")
            try:
                step = step.__index__()
            except AttributeError:
                raise ValueError("step must be int.") from None
        ts = time.time() if timestamp is None else _epoch(timestamp)
        buf = self._buffer
        buf.append((metric_name, value, ts, step))
        if self._thread is None:
            self._start()
        elif len(buf) >= BATCH_SIZE and not self._wake.is_set():
            self._wake.set()

    # -- the sender -----------------------------------------------------------------------------
    def _start(self) -> None:
        with self._lock:
            if self._thread is None:
                self._closed = False
                self._thread = threading.Thread(target=self._run, name=f"smstudio-metrics-{self.trial_component_name}",
                                                daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            self._wake.wait(FLUSH_INTERVAL)
            self._wake.clear()
            closing = self._closed
            self._drain(deadline=time.monotonic() + CLOSE_TIMEOUT if closing else None)
            if closing and not self._buffer:
                return  # the run saves what is pending as it closes: no tick here (one call fewer)
            self._tick()

    def _tick(self) -> None:
        if self._on_tick is not None:
            try:
                self._on_tick()
            except Exception:  # a tick must never kill the sender
                log.debug("smstudio: periodic save of %s failed", self.trial_component_name, exc_info=True)

    def _take(self) -> list:
        buf = self._buffer
        batch = []
        try:
            for _ in range(BATCH_SIZE):
                batch.append(buf.popleft())
        except IndexError:
            pass
        return batch

    def _drain(self, deadline: Optional[float]) -> None:
        """Send everything buffered now (what is logged meanwhile waits for the next round)."""
        with self._lock:  # one drainer at a time keeps the points in order
            while self._buffer:
                batch = self._take()
                if batch:
                    self._send(batch, deadline)

    def _send(self, batch: list, deadline: Optional[float]) -> None:
        if hasattr(self._backend, "log_metric_tuples"):  # in-process: no JSON round trip per point
            points: Any = batch
            send = self._backend.log_metric_tuples
        else:
            points = []
            for name, value, ts, step in batch:
                point = {"metric_name": name, "value": _json_number(value), "timestamp": _iso(ts)}
                if step is not None:
                    point["step"] = step
                points.append(point)
            send = self._backend.log_metrics
        delay = 0.2
        while True:
            try:
                send(self.trial_component_name, points)
                self.sent += len(points)
                return
            except Exception as err:  # noqa: BLE001 - decide by the kind of failure
                out_of_time = deadline is not None and time.monotonic() > deadline
                if not _retryable(err) or out_of_time:
                    self.dropped += len(points)
                    log.error("smstudio: could not log %d metric points to %s: %s", len(points),
                              self.trial_component_name, err)
                    return
                log.warning("smstudio: logging metrics to %s failed (%s); retrying", self.trial_component_name, err)
                time.sleep(delay)
                delay = min(delay * 2, 5.0)

    # -- flushing and closing -------------------------------------------------------------------
    def flush(self, timeout: float = CLOSE_TIMEOUT) -> None:
        """Send everything logged so far, in this thread (the sender may be sending too: the lock orders them)."""
        self._drain(deadline=time.monotonic() + timeout)

    def close(self) -> None:
        """Send everything and stop the sender."""
        thread = self._thread
        self._closed = True
        if thread is not None and thread.is_alive() and thread is not threading.current_thread():
            self._wake.set()
            thread.join(CLOSE_TIMEOUT + 5)
        self._drain(deadline=time.monotonic() + CLOSE_TIMEOUT)  # whatever the thread did not take
        with self._lock:
            self._thread = None

    def __enter__(self) -> "_MetricsManager":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


@atexit.register
def _flush_all_at_exit() -> None:
    for manager in list(_managers):
        try:
            if manager._buffer or manager._thread is not None:
                manager.close()
            manager._tick()  # a run never closed: its parameters and artifacts still get saved
        except Exception:  # noqa: BLE001 - exiting anyway; say what was lost
            log.exception("smstudio: could not flush metrics of %s at exit", manager.trial_component_name)


def _after_fork_in_child() -> None:
    # the parent's sender thread does not exist in a forked child, and the parent sends its own points
    for manager in list(_managers):
        manager._thread = None
        manager._buffer.clear()
        manager._lock = threading.Lock()
        manager._wake = threading.Event()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)
