"""What the router counts per variant and minute: invocations, latency (p50/p99) and 4xx/5xx answers.

They feed autoscaling (invocations per instance, as SageMaker's `SageMakerVariantInvocationsPerInstance`) and the
room's charts. Kept in memory for the last `KEEP_MINUTES` (CloudWatch's part on AWS): a restarted server starts
counting afresh, which target tracking tolerates (it looks at the last minutes only). Invocations are also
counted per second for the last `KEEP_SECONDS`, so autoscaling can evaluate windows shorter than a minute (a
test, a demo) and windows that do not start on a minute.
"""

from __future__ import annotations

import bisect
import random
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Optional

import numpy as np

KEEP_MINUTES = 180
KEEP_SECONDS = 3600  # per-second counts: an hour covers AWS's longest target-tracking alarm (15 minutes)
LATENCY_SAMPLES = 2048  # per variant and minute: a uniform sample (reservoir) is enough for p50/p99


@dataclass
class _Minute:
    minute: int  # minutes since the epoch
    invocations: int = 0
    errors_4xx: int = 0
    errors_5xx: int = 0
    latencies: list[float] = field(default_factory=list)

    def add(self, latency_s: float, status: int) -> None:
        self.invocations += 1
        if 400 <= status < 500:
            self.errors_4xx += 1
        elif status >= 500:
            self.errors_5xx += 1
        if len(self.latencies) < LATENCY_SAMPLES:
            self.latencies.append(latency_s)
        else:  # reservoir sampling: every latency of the minute equally likely to be kept
            slot = random.randrange(self.invocations)
            if slot < LATENCY_SAMPLES:
                self.latencies[slot] = latency_s


@dataclass(frozen=True)
class MinuteFigures:
    """One variant's minute: the start (epoch seconds), counts, and latency percentiles in milliseconds."""

    start: float
    invocations: int
    errors_4xx: int
    errors_5xx: int
    latency_p50_ms: Optional[float]
    latency_p99_ms: Optional[float]


Key = tuple[str, str, str]  # owner, endpoint, variant


class InvocationMetrics:
    """Thread-safe counters; `record` is cheap (the request path calls it on every invocation)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._minutes: dict[Key, deque[_Minute]] = {}
        # [second since the epoch, invocations]: one entry per second that had a request
        self._seconds: dict[Key, deque[list[int]]] = {}
        self._now = time.time

    def record(self, owner: str, endpoint: str, variant: str, latency_s: float, status: int) -> None:
        now = self._now()
        minute, second = int(now // 60), int(now)
        key = (owner, endpoint, variant)
        with self._lock:
            series = self._minutes.get(key)
            if series is None:
                series = self._minutes[key] = deque(maxlen=KEEP_MINUTES)
                self._seconds[key] = deque(maxlen=KEEP_SECONDS)
            if not series or series[-1].minute != minute:
                series.append(_Minute(minute))
            series[-1].add(latency_s, status)
            seconds = self._seconds[key]
            if seconds and seconds[-1][0] == second:
                seconds[-1][1] += 1
            else:
                seconds.append([second, 1])

    def counts(self, owner: str, endpoint: str, variant: str, period_s: float, periods: int) -> list[int]:
        """Invocations in each of the last `periods` windows of `period_s` seconds, oldest first; the last window
        ends now (its current second included). Windows older than `KEEP_SECONDS` count 0 (nothing is kept)."""
        now = int(self._now()) + 1  # the current second is the last one counted
        edges = [now - round(period_s * (periods - i)) for i in range(periods + 1)]
        out = [0] * periods
        with self._lock:
            seconds = list(self._seconds.get((owner, endpoint, variant), ()))
        for second, count in seconds:
            if edges[0] <= second < now:
                slot = bisect.bisect_right(edges, second) - 1
                out[slot] += count
        return out

    def invocations(self, owner: str, endpoint: str, variant: str, window_s: float) -> int:
        """Invocations of the variant over the last `window_s` seconds (whole minutes, the current one included)."""
        first = int((self._now() - window_s) // 60) + 1
        with self._lock:
            series = self._minutes.get((owner, endpoint, variant), ())
            return sum(m.invocations for m in series if m.minute >= first)

    def figures(self, owner: str, endpoint: str, variant: str, minutes: int) -> list[MinuteFigures]:
        """The variant's last `minutes` minutes, oldest first, minutes without a request included as zeros."""
        now = int(self._now() // 60)
        with self._lock:
            series = {m.minute: m for m in self._minutes.get((owner, endpoint, variant), ())}
            copies = {k: (m.invocations, m.errors_4xx, m.errors_5xx, list(m.latencies)) for k, m in series.items()}
        out = []
        for minute in range(now - minutes + 1, now + 1):
            count, e4, e5, latencies = copies.get(minute, (0, 0, 0, []))
            p50 = p99 = None
            if latencies:
                p50, p99 = (float(x) * 1000 for x in np.percentile(latencies, [50, 99]))
            out.append(MinuteFigures(minute * 60.0, count, e4, e5, p50, p99))
        return out

    def forget(self, owner: str, endpoint: str) -> None:
        """A deleted endpoint's figures: a new endpoint of the same name starts at zero."""
        with self._lock:
            for key in [k for k in self._minutes if k[:2] == (owner, endpoint)]:
                del self._minutes[key]
                self._seconds.pop(key, None)
