"""Typed errors that carry their HTTP status; the base handler is the one translator."""

from __future__ import annotations

import re
from typing import Any, Optional

from pydantic import ValidationError as PydanticValidationError

_UNION_TAG = re.compile(
    r"^(bool|int|float|str|bytes|none|list\[.*\]|dict\[.*\]|literal\[.*\]|"
    r"function-.*|is-instance\[.*\]|constrained-.*)$"
)


class SmStudioError(Exception):
    status = 500
    reason = "InternalError"
    retry_after: Optional[int] = None  # seconds, sent as Retry-After (a busy store, a cancelled statement)

    def __init__(self, message: str, field: Optional[str] = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def to_dict(self) -> dict[str, Any]:
        return {"message": self.message, "reason": self.reason, "field": self.field}


class BadRequest(SmStudioError):
    status = 400
    reason = "ValidationError"


class Forbidden(SmStudioError):
    status = 403
    reason = "AccessDenied"


class NotFound(SmStudioError):
    status = 404
    reason = "ResourceNotFound"


class MethodNotAllowed(SmStudioError):
    status = 405
    reason = "MethodNotAllowed"


class PayloadTooLarge(SmStudioError):
    status = 413
    reason = "PayloadTooLarge"


class Conflict(SmStudioError):
    status = 409
    reason = "ResourceInUse"


class StaleSchema(SmStudioError):
    """The database was made by an older release; the message holds the upgrade command."""

    status = 503
    reason = "StaleSchema"


def from_validation_error(err: PydanticValidationError, prefix: str = "") -> BadRequest:
    """Turn pydantic's report into one 400 that names the first offending field."""
    first = err.errors()[0]
    parts = [str(p) for p in first.get("loc", ()) if p != "__root__"]
    while parts and _UNION_TAG.match(parts[-1]):  # pydantic names the union member it tried last
        parts.pop()
    bad_key: Optional[str] = None
    if parts and parts[-1] == "[key]":  # a mapping's key is wrong (`tags.<key>.[key]`), not its value
        parts.pop()
        bad_key = parts.pop() if parts else ""
        container = f"{prefix}{'.'.join(parts)}"
        if bad_key:  # the field is `tags.<key>`; an empty key names the mapping
            parts.append(bad_key)
    loc = ".".join(parts)
    field = f"{prefix}{loc}" if loc else (prefix.rstrip(".") or None)
    kind = first.get("type", "")
    if kind == "extra_forbidden":
        message = f"unknown field '{field}'"
    elif kind == "missing":
        message = f"missing required field '{field}'"
    elif bad_key is not None:
        message = f"invalid key '{_clip(bad_key)}' in '{container}': {first.get('msg', 'invalid')}"
    else:
        message = f"invalid value for '{_clip(field or '')}': {first.get('msg', 'invalid')}"
    more = len(err.errors()) - 1
    if more > 0:
        message += f" (and {more} more problem{'s' if more > 1 else ''})"
    return BadRequest(message, field=field)


def _clip(text: str, limit: int = 200) -> str:
    """A name as an error message quotes it: a 100,000-character key is named by its start."""
    return text if len(text) <= limit else text[:limit] + "..."
