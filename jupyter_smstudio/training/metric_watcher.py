"""metric_definitions over a training job's log as it streams: each match becomes a metric point,
appended as one JSON line to the job's metrics file, which the server records on the job's trial
component (jobs/job_files.py). The job process needs neither the SDK nor the store client for it."""

from __future__ import annotations

import json
import re
import sys
import threading
import time
from typing import IO, Optional, Union


class MetricWatcher:
    def __init__(self, definitions: list[dict[str, str]], path: Optional[str]):
        self.defs = [(d["Name"], re.compile(d["Regex"])) for d in definitions] if path else []
        self.steps: dict[str, int] = {}
        self.lock = threading.Lock()
        self.out: Optional[IO[str]] = open(path, "a", buffering=1, encoding="utf-8") if self.defs and path else None

    def feed(self, line: str) -> None:
        for name, regex in self.defs:
            m = regex.search(line)
            if not m:
                continue
            try:
                value = float(m.group(1) if m.groups() else m.group(0))
            except ValueError:
                continue
            with self.lock:
                step = self.steps.get(name, 0)
                self.steps[name] = step + 1
                point = {
                    "metric_name": name,
                    "value": _json_float(value),
                    "step": step,
                    "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()) + "Z",
                }
                try:
                    assert self.out is not None
                    self.out.write(json.dumps(point) + "\n")  # one line, flushed: the server reads whole lines
                except OSError as err:  # metrics are best-effort; the log keeps every line
                    print(f"smstudio: could not record a metric point: {err}", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.out is not None:
            self.out.close()


def _json_float(value: float) -> Union[float, str]:
    """NaN and the infinities as the strings the metric contract takes (JSON has no such numbers)."""
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return value
