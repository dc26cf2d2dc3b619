"""Metric logging that never blocks training: a buffer and a background sender.

`log_metric` only appends a tuple to a deque. One daemon thread per process (not per run: a
sweep of a thousand short runs would start and join a thousand threads) wakes every
`FLUSH_INTERVAL` seconds, or as soon as a run has `BATCH_SIZE` points waiting, and sends each open
run's buffer in batches of at most `BATCH_SIZE` points (`POST trial-components/{name}/metrics`
over REST, the service's `log_metric_arrays` in embedded mode). `close()` sends what is left in
the caller's thread, and an `atexit` hook closes every open run, so a process that ends normally
or by an uncaught exception loses no logged point (a process killed by a signal or `os._exit` does).

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

from ...experiments.models import MAX_STEP

log = logging.getLogger(__name__)

BATCH_SIZE = 1000
FLUSH_INTERVAL = 0.5
CLOSE_TIMEOUT = 30.0  # how long close() keeps retrying a failing server before giving up
_NOT_RETRIED = (400, 403, 404, 413)

_managers: "weakref.WeakSet[_MetricsManager]" = weakref.WeakSet()
Point = tuple[str, float, float, Optional[int]]  # (metric name, value, epoch seconds, step)


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
        return float(timestamp)  # type: ignore[arg-type]  # typeshed: numbers.Number declares no __float__
    if isinstance(timestamp, str):
        return _dt.datetime.fromisoformat(timestamp.replace("Z", "+00:00")).timestamp()
    raise ValueError(f"timestamp must be a datetime, a number of seconds or an ISO string, got {timestamp!r}")


def _step(step: Any) -> int:
    """An int-like step (numpy integers too); bool and float are refused, as SageMaker does."""
    if isinstance(step, bool):
        raise ValueError("step must be int.")
    try:
        index: int = step.__index__()
        return index
    except AttributeError:
        raise ValueError("step must be int.") from None


def _iso(epoch: float) -> str:
    return _dt.datetime.fromtimestamp(epoch, _dt.timezone.utc).isoformat()


def _retryable(err: BaseException) -> bool:
    status = getattr(err, "status", None)
    return not (isinstance(status, int) and status in _NOT_RETRIED)


class _Sender:
    """The process's sender thread: drains every open run's buffer, then lets each run save
    what else is pending (parameters, artifacts). Open runs are held until they close (or exit)."""

    def __init__(self) -> None:
        self.wake = threading.Event()
        self._open: set[_MetricsManager] = set()
        self._lock = threading.Lock()
        self._thread: Optional[threading.Thread] = None
        self._stopping = False

    def add(self, manager: "_MetricsManager") -> None:
        with self._lock:
            self._open.add(manager)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="smstudio-metrics", daemon=True)
                self._thread.start()

    def discard(self, manager: "_MetricsManager") -> None:
        with self._lock:
            self._open.discard(manager)

    def stop(self, timeout: float) -> None:
        """Let the round in progress finish (its save may be half-way) and end the thread: at exit."""
        self._stopping = True
        self.wake.set()
        thread = self._thread
        if thread is not None and thread.is_alive() and thread is not threading.current_thread():
            thread.join(timeout)

    def _run(self) -> None:
        while not self._stopping:
            self.wake.wait(FLUSH_INTERVAL)
            self.wake.clear()
            if self._stopping:
                return
            with self._lock:
                managers = list(self._open)
            for manager in managers:
                if not manager._closed:
                    manager._drain(deadline=None)
                    manager._tick()


_SENDER = _Sender()


class _MetricsManager:
    """Collects the metrics of one trial component; the process's sender thread sends them."""

    def __init__(
        self, trial_component_name: str, sagemaker_session: Any, on_tick: Optional[Callable[[], None]] = None
    ) -> None:
        self.trial_component_name = trial_component_name
        self._backend = sagemaker_session.backend
        self._buffer: deque[Point] = deque()
        self._lock = threading.Lock()
        self._open = False  # registered with the sender (from the first point until close)
        self._closed = False
        self._on_tick = on_tick
        self.sent = 0
        self.dropped = 0
        _managers.add(self)

    # -- the training loop's side: as cheap as possible ----------------------------------------
    def log_metric(self, metric_name: str, value: Any, timestamp: Any = None, step: Optional[int] = None) -> None:
        # exact type checks first: the common call (str, float, int) passes without conversions
        if type(metric_name) is not str or not 0 < len(metric_name) <= 255:
            raise ValueError("metric_name must be a non-empty string of at most 255 characters")
        if type(value) is not float:
            value = float(value)
        if step is not None:
            if type(step) is not int:
                step = _step(step)
            if not -MAX_STEP <= step <= MAX_STEP:
                raise ValueError(f"step must be between {-MAX_STEP} and {MAX_STEP}, got {step}")
        buf = self._buffer
        buf.append((metric_name, value, time.time() if timestamp is None else _epoch(timestamp), step))
        if not self._open:
            self._open, self._closed = True, False
            _SENDER.add(self)
        elif len(buf) >= BATCH_SIZE and not _SENDER.wake.is_set():
            _SENDER.wake.set()

    # -- the sender -----------------------------------------------------------------------------
    def _tick(self) -> None:
        if self._on_tick is not None:
            try:
                self._on_tick()
            except Exception:  # a tick must never kill the sender
                log.debug("smstudio: periodic save of %s failed", self.trial_component_name, exc_info=True)

    def _take(self) -> list[Point]:
        buf = self._buffer
        pop = buf.popleft
        return [pop() for _ in range(min(len(buf), BATCH_SIZE))]  # only this side takes: the count holds

    def _drain(self, deadline: Optional[float]) -> None:
        """Send everything buffered now (what is logged meanwhile waits for the next round)."""
        with self._lock:  # one drainer at a time keeps the points in order
            while self._buffer:
                batch = self._take()
                if batch:
                    self._send(batch, deadline)

    def _log_points(self, name: str, points: list[dict[str, Any]]) -> None:
        self._backend.log_metrics(name, {"metrics": points})

    def _send(self, batch: list[Point], deadline: Optional[float]) -> None:
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
            send = self._log_points
        delay = 0.2
        while True:
            try:
                send(self.trial_component_name, points)
                self.sent += len(points)
                return
            except Exception as err:  # noqa: BLE001 - decide by the kind of failure
                if deadline is None and (self._closed or _SENDER._stopping):  # closing: retry as long as close would
                    deadline = time.monotonic() + CLOSE_TIMEOUT
                out_of_time = deadline is not None and time.monotonic() > deadline
                if not _retryable(err) or out_of_time:
                    self.dropped += len(points)
                    log.error(
                        "smstudio: could not log %d metric points to %s: %s",
                        len(points),
                        self.trial_component_name,
                        err,
                    )
                    return
                log.warning("smstudio: logging metrics to %s failed (%s); retrying", self.trial_component_name, err)
                time.sleep(delay)
                delay = min(delay * 2, 5.0)

    # -- flushing and closing -------------------------------------------------------------------
    def flush(self, timeout: float = CLOSE_TIMEOUT) -> None:
        """Send everything logged so far, in this thread (the sender may be sending too: the lock orders them)."""
        self._drain(deadline=time.monotonic() + timeout)

    def close(self, keep_last: bool = False) -> list[Point]:
        """Send everything, in this thread, and leave the sender's rounds. `keep_last`: return the last
        batch unsent instead, for the caller to send with the run's final update (one write, not two);
        the caller puts it back with `put_back` if that fails."""
        self._closed = True
        _SENDER.discard(self)
        deadline = time.monotonic() + CLOSE_TIMEOUT
        last: list[Point] = []
        with self._lock:  # waits for a send in progress
            while self._buffer:
                batch = self._take()
                if keep_last and not self._buffer:
                    last = batch
                    break
                self._send(batch, deadline)
        self._open = False
        return last

    def put_back(self, batch: list[Point]) -> None:
        """Points `close(keep_last=True)` handed out and the caller could not store: sent at the next
        flush or close, or at exit."""
        self._buffer.extendleft(reversed(batch))

    def __enter__(self) -> "_MetricsManager":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


@atexit.register
def _flush_all_at_exit() -> None:
    _SENDER.stop(CLOSE_TIMEOUT + 5)
    for manager in list(_managers):
        try:
            if manager._buffer or manager._open:
                manager.close()
            manager._tick()  # a run never closed: its parameters and artifacts still get saved
        except Exception:  # noqa: BLE001 - exiting anyway; say what was lost
            log.exception("smstudio: could not flush metrics of %s at exit", manager.trial_component_name)


def _after_fork_in_child() -> None:
    # the parent's sender thread does not exist in a forked child, and the parent sends its own points
    global _SENDER
    _SENDER = _Sender()
    for manager in list(_managers):
        manager._open = False
        manager._buffer.clear()
        manager._lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)
