"""Reading the files a job writes beside its log: the log itself, and the metric points the job's
process appends as JSON lines (`metrics.jsonl`, one MetricPoint per line), which the server records.
A file, not a call: a job needs no SDK and no store client, and nothing it wrote is lost when the
server restarts."""

from __future__ import annotations

import json
import logging
from typing import Any

from ..core.storage import UserStorage

log = logging.getLogger(__name__)
MAX_READ = 4 * 1024 * 1024  # points read in one go; the rest waits for the next look


def read_from(storage: UserStorage, url: str, offset: int, limit: int) -> tuple[bytes, int]:
    """Up to `limit` bytes of `url` from `offset`, and the file's size (an absent file is empty)."""
    loc = storage.resolve(url, field_name="url")
    try:
        size = loc.fs.size(loc.path)
        if offset >= size:
            return b"", size
        with loc.fs.open(loc.path, "rb") as fh:
            fh.seek(offset)
            return fh.read(min(limit, size - offset)), size
    except FileNotFoundError:
        return b"", 0


def tail(storage: UserStorage, url: str, nbytes: int) -> bytes:
    """The last `nbytes` of `url` (without reading the rest)."""
    loc = storage.resolve(url, field_name="url")
    try:
        size = loc.fs.size(loc.path)
    except FileNotFoundError:
        return b""
    return read_from(storage, url, max(0, size - nbytes), nbytes)[0]


def new_points(storage: UserStorage, url: str, offset: int) -> tuple[list[dict[str, Any]], int]:
    """The points of the complete lines after `offset`, and the offset after them. A line that is not
    a point is skipped (and logged), so it never blocks the ones after it."""
    data, _ = read_from(storage, url, offset, MAX_READ)
    end = data.rfind(b"\n") + 1  # a line still being written waits for its newline
    points = []
    for line in data[:end].splitlines():
        if not line.strip():
            continue
        try:
            point = json.loads(line)
        except ValueError:
            point = None
        if isinstance(point, dict):
            points.append(point)
        else:
            log.warning("smstudio: skipped a line of %s that is not a metric point: %.200r", url, line)
    return points, offset + end
