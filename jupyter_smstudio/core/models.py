"""Contract models shared by every room.

Pydantic models are the REST contract: handlers validate request bodies with them,
services return them, and `jupyter_smstudio.contracts` turns them into the
TypeScript types the frontend compiles against.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field


class Contract(BaseModel):
    """Base of every request and response model: unknown fields are an error."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class ErrorResponse(Contract):
    """What every failed request answers: never a traceback."""

    message: str
    reason: str = Field(description="Short machine-readable cause, e.g. ValidationError")
    field: Optional[str] = Field(default=None, description="Dotted path of the offending field")


class WhoAmI(Contract):
    """The identity the server sees and what this server offers."""

    user: str
    admin: bool
    version: str
    rooms: list[str]
    job_runner: str
    storage_root: str
    home_volume: str


class StorageEntry(Contract):
    url: str
    name: str
    type: Literal["file", "directory"]
    size: Optional[int] = None
    modified: Optional[datetime] = None


class StorageListing(Contract):
    url: str
    entries: list[StorageEntry]


LONG_LIST = 100  # items of a list field past which the answer is serialized item by item


def model_json(model: BaseModel) -> bytes:
    """The model as JSON bytes, as `model_dump_json()` writes it. A long list of models in it (a page of
    10,000 trial components) is serialized item by item: one serializer call holds the GIL for all of its
    work, and a single call for the whole page would stall every other thread, the event loop included."""
    long = [
        name
        for name in type(model).model_fields
        if isinstance(value := getattr(model, name), list)
        and len(value) > LONG_LIST
        and all(isinstance(item, BaseModel) for item in value[:1])
    ]
    if not long:
        return model.model_dump_json().encode()
    rest = model.model_dump_json(exclude=set(long)).encode()  # '{...}', the other fields
    fields = [rest[1:-1]] if rest != b"{}" else []
    for name in long:
        items = b",".join(item.model_dump_json().encode() for item in getattr(model, name))
        fields.append(json.dumps(name).encode() + b":[" + items + b"]")
    return b"{" + b",".join(fields) + b"}"
