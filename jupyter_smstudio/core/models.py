"""Contract models shared by every room.

Pydantic models are the REST contract: handlers validate request bodies with them,
services return them, and `jupyter_smstudio.contracts` turns them into the
TypeScript types the frontend compiles against.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import datetime
from typing import Annotated, Any, Literal, Optional

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter


class Contract(BaseModel):
    """Base of every request and response model: unknown fields are an error."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


# SageMaker's tag rules (the Tag type of its API): a key of 1-128 letters, digits, spaces and `_.:/=+-@`
# (^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$), not starting with `aws:` (reserved); a value of at most 256 characters. A key
# is also a search property (`Tags.<key>`, a JSON path in the store's query), so a key outside the rule is
# refused where it comes in. Values are free text here (SageMaker also limits their characters): they never
# reach a query's text.
TAG_KEY_SYMBOLS = frozenset("_.:/=+-@")


def _tag_key(key: str) -> str:
    # Unicode categories L (letters), N (numbers) and Z (spaces) are the pattern's \p{L}, \p{N} and \p{Z}
    if not all(c in TAG_KEY_SYMBOLS or unicodedata.category(c)[0] in "LNZ" for c in key):
        raise ValueError("a tag key holds only letters, digits, spaces and _ . : / = + - @")
    if key.lower().startswith("aws:"):
        raise ValueError("tag keys starting with 'aws:' are reserved")
    return key


TagKey = Annotated[str, StringConstraints(min_length=1, max_length=128), AfterValidator(_tag_key)]
TagValue = Annotated[str, StringConstraints(max_length=256)]
Tags = dict[TagKey, TagValue]
TAG_KEY: TypeAdapter[str] = TypeAdapter(TagKey)


class SageMakerShape(Contract):
    """Answers in SageMaker's shape: a field without a value is absent, not null."""

    def model_dump(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("exclude_none", True)
        kwargs.setdefault("by_alias", True)
        return super().model_dump(**kwargs)

    def model_dump_json(self, **kwargs: Any) -> str:
        kwargs.setdefault("exclude_none", True)
        kwargs.setdefault("by_alias", True)
        return super().model_dump_json(**kwargs)


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
    size: Optional[int] = Field(default=None, description="A symlink's own size, never its target's")
    modified: Optional[datetime] = None
    symlink: bool = Field(default=False, description="A symbolic link, described as itself (never followed)")


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
