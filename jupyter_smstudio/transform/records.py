"""Records as batch transform's data processing sees them: a CSV line is the list of its columns, a JSON (or
JSON Lines) record its value; how filtered records are written back, how an answer is joined with its input
record (CSV: the answer's columns appended; JSON: the answer under "SageMakerOutput", or, for an input that is
not an object, `{"SageMakerInput": ..., "SageMakerOutput": ...}`), and how one answer for several records is cut
into one answer per record."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..endpoints.serving import codecs

JSON_TYPES = (codecs.JSON, "application/jsonlines", "application/json-lines", "application/x-jsonlines")
FILTERABLE = (codecs.CSV, *JSON_TYPES)  # the content types SageMaker's data processing reads


class RecordError(ValueError):
    """A record (or an answer) that cannot be read in its declared format."""


def is_json(media: str) -> bool:
    return media in JSON_TYPES


def read(raw: bytes, media: str) -> Any:
    """One record's value: a CSV line as its columns (strings, as written), a JSON document as its value."""
    text = raw.decode("utf-8")
    if is_json(media):
        try:
            return json.loads(text)
        except ValueError as err:
            raise RecordError(f"not a JSON document: {err}") from None
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as err:
        raise RecordError(f"not a CSV line: {err}") from None
    return rows[0] if len(rows) == 1 else [col for row in rows for col in row]


def write(value: Any, media: str) -> bytes:
    """A record's value in `media`, without a line end: JSON compactly, CSV as one row."""
    if is_json(media):
        return json.dumps(value, separators=(",", ":")).encode()
    out = io.StringIO()
    row = value if isinstance(value, list) else [value]
    csv.writer(out, lineterminator="").writerow(_cell(v) for v in row)
    return out.getvalue().encode()


def _cell(value: Any) -> Any:
    """A CSV cell: a number or a string as it is, a nested value as JSON (CSV has no nesting)."""
    return json.dumps(value, separators=(",", ":")) if isinstance(value, (list, dict)) else value


def join(record: Any, answer: Any, media: str) -> Any:
    """JoinSource=Input, in the input's format: CSV columns appended, JSON under "SageMakerOutput"."""
    if is_json(media):
        if isinstance(record, dict):
            return {**record, "SageMakerOutput": answer}
        return {"SageMakerInput": record, "SageMakerOutput": answer}
    columns = record if isinstance(record, list) else [record]
    return [*columns, *(answer if isinstance(answer, list) else [answer])]


def split(body: bytes, media: str, count: int, multi: bool) -> list[bytes]:
    """One answer per record. A SingleRecord request's answer is its record's. A MultiRecord request's answer
    holds one per record: the elements of one JSON list of `count`, or else one line per record (SageMaker's
    rule for a mini-batch's answer: CSV lines, JSON Lines)."""
    if not multi:
        return [body.rstrip(b"\r\n")]
    if is_json(media):
        try:
            value = json.loads(body)
        except ValueError:
            value = None  # JSON Lines: one document per line
        if isinstance(value, list) and len(value) == count:
            return [write(v, codecs.JSON) for v in value]
    lines = [line.rstrip(b"\r") for line in body.rstrip(b"\r\n").split(b"\n")]
    if len(lines) == count:
        return lines
    raise RecordError(
        f"the model answered {len(lines)} line(s) for {count} records: with JoinSource or OutputFilter each record "
        "needs its own line in the answer (or, in JSON, one list with an element per record)"
    )
