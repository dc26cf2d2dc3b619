"""The input CSV checked at the door, on its first bytes only: readable, UTF-8, comma-separated, holding the target
(and the sample-weight column). What only the whole table can tell (too few rows, one class, ...) the data job finds."""

from __future__ import annotations

import csv
import io
from typing import Optional

from ..core.errors import BadRequest, SmStudioError
from ..core.storage import UserStorage
from . import checks

HEAD_BYTES = 64 * 1024


def input_url(storage: UserStorage, url: str, field: str) -> str:
    """The CSV file the URL names: itself, or the first CSV file of a folder (a 400 naming `field` otherwise)."""
    try:
        loc = storage.resolve(url, field_name=field)
        if loc.fs.isdir(loc.path):
            files = sorted(p for p in loc.fs.ls(loc.path, detail=False) if str(p).lower().endswith(".csv"))
            if not files:
                raise BadRequest(f"'{field}': the folder {url} holds no .csv file", field=field)
            if len(files) > 1:
                raise BadRequest(f"'{field}': the folder {url} holds {len(files)} CSV files; name one", field=field)
            return url.rstrip("/") + "/" + str(files[0]).rsplit("/", 1)[-1]
        if not loc.fs.exists(loc.path):
            raise BadRequest(f"'{field}': nothing at {url}", field=field)
        return loc.url
    except BadRequest:
        raise
    except SmStudioError as err:  # outside the user's roots: the field's fault
        raise BadRequest(err.message, field=field) from None
    except OSError as err:
        raise BadRequest(f"'{field}': {err}", field=field) from None


def read_head(storage: UserStorage, url: str, field: str) -> bytes:
    loc = storage.resolve(url, field_name=field)
    try:
        with loc.fs.open(loc.path, "rb") as fh:
            return bytes(fh.read(HEAD_BYTES))
    except OSError as err:
        raise BadRequest(f"'{field}': cannot read {url}: {err}", field=field) from None


def check_input_head(storage: UserStorage, url: str, target: str, weight: Optional[str], field: str) -> None:
    head = read_head(storage, url, field)
    if not head.strip():
        raise BadRequest("The data file is empty", field=checks.INPUT_FIELD)
    checks.check_utf8(head)
    text = head.decode("utf-8", errors="ignore")
    lines = text.splitlines()[:-1] if len(head) == HEAD_BYTES else text.splitlines()
    try:
        columns = next(csv.reader(io.StringIO(lines[0] if lines else text)))
    except (csv.Error, StopIteration):
        raise BadRequest("The file is not valid CSV: no header row", field=checks.INPUT_FIELD) from None
    columns = [c.strip() for c in columns]
    checks.check_delimiter(columns, lines)
    checks.check_target_exists(columns, target)
    checks.check_weight_column(columns, weight, target)
