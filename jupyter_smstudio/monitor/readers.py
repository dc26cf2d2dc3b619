"""Reading what a profile is made of, a chunk at a time (memory bounded by the chunk, whatever the file's size):
a baseline dataset (CSV with or without a header, or JSON Lines) and the captured requests of an endpoint
over a time window (SageMaker's capture files: `<dest>/<endpoint>/<variant>/yyyy/mm/dd/hh/*.jsonl`).

Unnamed columns are `_c0`, `_c1`, ... as SageMaker names them; captured CSV requests match the baseline's columns
by position. A captured record that cannot be read is reported (`BadRecord`, naming its file and line), never
raised: one bad request does not fail the window.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Iterator, Optional

import pandas as pd

CHUNK_ROWS = 1_000_000
CAPTURE_BATCH = 10_000


class NoData(Exception):
    """Nothing to profile: an empty dataset, a header alone, a window without captured records."""


@dataclass(frozen=True)
class BadRecord:
    where: str  # file:line
    event_id: str
    kind: str  # missing_column_check / extra_column_check / data_type_check
    reason: str


def unnamed(count: int) -> list[str]:
    return [f"_c{i}" for i in range(count)]


def dataset_chunks(handle: Any, fmt: dict[str, Any], chunk_rows: int = CHUNK_ROWS) -> Iterator[pd.DataFrame]:
    """A baseline dataset's rows, in chunks (pandas' C parser: numbers are parsed as they are read)."""
    if "json" in fmt:
        reader = pd.read_json(handle, lines=True, chunksize=chunk_rows, dtype=False)
        for chunk in reader:
            yield chunk
        return
    header = bool((fmt.get("csv") or {}).get("header", True))
    try:
        reader = pd.read_csv(handle, header=0 if header else None, chunksize=chunk_rows)
        for chunk in reader:
            if not header:
                chunk.columns = unnamed(len(chunk.columns))
            yield chunk
    except pd.errors.EmptyDataError:
        return


# -- captured data ------------------------------------------------------------------------------------------------
def hours(start: datetime, end: datetime) -> list[str]:
    """The `yyyy/mm/dd/hh` folders a window touches."""
    hour = start.replace(minute=0, second=0, microsecond=0)
    found = []
    while hour < end:
        found.append(hour.strftime("%Y/%m/%d/%H"))
        hour += timedelta(hours=1)
    return found


def _when(text: str) -> Optional[datetime]:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)
    except (ValueError, AttributeError):
        return None


def _rows(payload: dict[str, Any]) -> list[list[Any]]:
    """The rows of one captured request: CSV lines, or JSON (a row, a list of rows, SageMaker's `instances`)."""
    data = payload.get("data", "")
    encoding = payload.get("encoding", "CSV")
    if encoding == "CSV":
        return [row for row in csv.reader(io.StringIO(data)) if row]
    if encoding != "JSON":
        raise ValueError(f"a {encoding} payload ({payload.get('observedContentType')}) is not tabular")
    body = json.loads(data)
    if isinstance(body, dict):
        body = body.get("instances", body.get("inputs", body.get("features", [body])))
    if isinstance(body, list) and body and not isinstance(body[0], (list, dict)):
        body = [body]
    rows: list[list[Any]] = []
    for row in body if isinstance(body, list) else [body]:
        rows.append(list(row.values()) if isinstance(row, dict) else list(row) if isinstance(row, list) else [row])
    return rows


def capture_frames(
    files: list[tuple[str, Callable[[], Any]]],
    start: datetime,
    end: datetime,
    columns: Optional[list[str]],
    bad: list[BadRecord],
) -> Iterator[pd.DataFrame]:
    """The captured requests answered in [start, end), as frames of text columns named by the baseline's
    columns (by position) or `_c0`, ...; each unreadable record is appended to `bad`."""
    batch: list[list[str]] = []
    width = len(columns) if columns else None
    for name, opener in files:
        with opener() as fh:
            for number, raw in enumerate(io.TextIOWrapper(fh, encoding="utf-8", errors="replace"), 1):
                if not raw.strip():
                    continue
                where = f"{name}:{number}"
                try:
                    record = json.loads(raw)
                    meta = record.get("eventMetadata") or {}
                    event = str(meta.get("eventId", ""))
                    when = _when(str(meta.get("inferenceTime", "")))
                except (ValueError, AttributeError) as err:
                    bad.append(BadRecord(where, "", "data_type_check", f"not a capture record (JSON): {err}"))
                    continue
                if when is None or not start <= when < end:
                    continue
                payload = (record.get("captureData") or {}).get("endpointInput")
                if not isinstance(payload, dict):
                    continue  # a record of the answers alone: nothing of the inputs to check
                try:
                    rows = _rows(payload)
                except (ValueError, TypeError) as err:
                    bad.append(BadRecord(where, event, "data_type_check", f"the request cannot be read: {err}"))
                    continue
                for row in rows:
                    width = width if width is not None else len(row)
                    if len(row) != width:
                        kind = "missing_column_check" if len(row) < width else "extra_column_check"
                        reason = f"the request has {len(row)} column(s); the baseline has {width}"
                        bad.append(BadRecord(where, event, kind, reason))
                        continue
                    batch.append(["" if v is None else str(v) for v in row])
                if len(batch) >= CAPTURE_BATCH:
                    yield pd.DataFrame(batch, columns=columns or unnamed(width or 0), dtype=object)
                    batch = []
    if batch:
        yield pd.DataFrame(batch, columns=columns or unnamed(width or 0), dtype=object)
