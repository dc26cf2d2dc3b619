"""The composition root: every room, in the order they are built. A new room is one line in ROOMS.

The server extension (app.py), the SDK (sdk/_backend.py), the contract generator (contracts.py),
alembic (core/migrations/env.py) and the tests iterate this registry; nothing else lists rooms.
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Any, Callable, Optional

from pydantic import BaseModel

from .access_keys.room import ROOM as ACCESS_KEYS
from .autopilot.room import ROOM as AUTOPILOT
from .autoscaling.room import ROOM as AUTOSCALING
from .core.operations import Operation
from .core.room import CORE
from .core.rooms import Room
from .core.settings import CoreSettings, default_db_url
from .debugger.room import ROOM as DEBUGGER
from .endpoints.room import ROOM as ENDPOINTS
from .experiments.room import ROOM as EXPERIMENTS
from .jobs.room import ROOM as JOBS
from .monitor.room import ROOM as MONITOR
from .training.room import ROOM as TRAINING
from .transform.room import ROOM as TRANSFORM
from .tuning.room import ROOM as TUNING

if TYPE_CHECKING:
    from .core.services import Services

ROOMS: tuple[Room[Any], ...] = (
    CORE,
    ACCESS_KEYS,
    JOBS,
    EXPERIMENTS,
    TRAINING,
    DEBUGGER,
    TUNING,
    ENDPOINTS,
    AUTOSCALING,
    TRANSFORM,
    MONITOR,
    AUTOPILOT,
)

# the deployment's settings: the core's and every room's, as one class (the server extension inherits it)
StudioSettings: type[CoreSettings] = type(
    "StudioSettings", (*(room.settings for room in ROOMS if room.settings is not None), CoreSettings), {}
)


def build_services(
    settings: Optional[CoreSettings] = None,
    server_url: Callable[[], Optional[str]] = lambda: None,
    version: str = "",
    db_options: Optional[dict[str, Any]] = None,
) -> Services:
    """Every room's service from one settings object (the server's, or the SDK's embedded defaults).
    Call `services.start()` to adopt running jobs and resume searches."""
    from .core.db import Database
    from .core.services import Services
    from .core.storage import StorageService

    settings = settings if settings is not None else StudioSettings()
    home = os.path.abspath(os.path.expanduser(settings.smstudio_home))
    settings.smstudio_home = home
    os.makedirs(home, exist_ok=True)
    db = Database(settings.db_url or default_db_url(home), **(db_options or {}))
    storage = StorageService(
        root_url_template=settings.storage_root,
        home_volume_template=settings.home_volume,
        shared_roots=list(settings.shared_roots),
        readonly_roots=list(settings.readonly_roots),
        s3_options=dict(settings.s3_options),
        s3_options_for_user=settings.s3_options_for_user,
        variables={"smstudio_home": home, "root_dir": os.path.abspath(os.path.expanduser(settings.root_dir))},
    )
    services = Services(settings, db, storage, version=version, server_url=server_url)
    for room in ROOMS:
        services.add(room)
    return services


def operations() -> list[tuple[str, Operation]]:
    """(room name, operation) of every room, in registry order."""
    return [(room.name, op) for room in ROOMS for op in room.operations]


async def close_routes() -> None:
    """The server is stopping: what the rooms' own routes hold open (the router's connections to instances)."""
    from .endpoints.handlers import close_clients

    await close_clients()


def routes() -> list[tuple[str, type]]:
    """The server's handlers: the rooms' own (raw routes such as endpoint invocations), then the operations'."""
    from .access_keys.handlers import HANDLERS as SIGNED
    from .core.handlers import operation_handlers
    from .endpoints.handlers import HANDLERS

    return [*SIGNED, *HANDLERS, *operation_handlers(operations())]


def contract_models() -> list[type[BaseModel]]:
    """The models of every room's contract, in definition order (bases without fields of their own excluded)."""
    found: list[type[BaseModel]] = []
    for room in ROOMS:
        for module in room.models:
            for value in vars(module).values():
                if (
                    isinstance(value, type)
                    and issubclass(value, BaseModel)
                    and value.__module__ == module.__name__
                    and value.__pydantic_fields__
                ):
                    found.append(value)
    return found


def import_orm() -> None:
    """Every room's tables on the one declarative base (alembic, the schema check in the tests)."""
    for room in ROOMS:
        if room.orm:
            importlib.import_module(room.orm)
