"""Contract models shared by every room.

Pydantic models are the REST contract: handlers validate request bodies with them,
services return them, and `jupyter_smstudio.contracts` turns them into the
TypeScript types the frontend compiles against.
"""
from __future__ import annotations

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
