"""Times as boto3 answers them: `datetime`s, not the ISO strings the API sends.

SageMaker's describe answers and boto3's clients give `CreationTime`, `TrainingEndTime`, ... as aware
datetimes, and notebooks subtract them (`end - start`); this turns the strings of an answer, at any depth,
into UTC datetimes, by SageMaker's field names (`...Time`, `...TimeStamp`, `Timestamp`)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any


def _is_time_field(name: str) -> bool:
    return name.endswith(("Time", "TimeStamp", "Timestamp")) and not name.endswith("InSeconds")


def parse_time(value: str) -> datetime:
    """An ISO time (a trailing Z, which Python 3.10 does not read, is UTC) as an aware datetime."""
    parsed = datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def with_datetimes(answer: Any) -> Any:
    """`answer` (dicts and lists of a PascalCase response) with its time fields as datetimes."""
    if isinstance(answer, list):
        return [with_datetimes(item) for item in answer]
    if not isinstance(answer, dict):
        return answer
    out: dict[str, Any] = {}
    for key, value in answer.items():
        if isinstance(value, str) and _is_time_field(key):
            try:
                out[key] = parse_time(value)
            except ValueError:
                out[key] = value  # not a time after all: left as sent
        else:
            out[key] = with_datetimes(value)
    return out
