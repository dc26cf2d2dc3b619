"""The core as a room: identity and storage routes, built first, depending on nothing."""

from __future__ import annotations

from . import models
from .operations import Operation, Query
from .rooms import Room
from .service import CoreService

URL = Query("url", required=True)

OPERATIONS = (
    Operation("whoami", "GET", "whoami", "whoami", for_jobs=True),
    Operation("list", "GET", "storage", "list_storage", query=(URL,), for_jobs=True),
    Operation("read_bytes", "GET", "storage/object", "read_object", query=(URL,), raw_result=True, for_jobs=True),
    Operation(
        "write_bytes", "PUT", "storage/object", "write_object", query=(URL,), raw_body=True, status=201, for_jobs=True
    ),
)

CORE: Room[CoreService] = Room(name="core", build=CoreService, operations=OPERATIONS, models=(models,))
