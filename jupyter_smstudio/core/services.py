"""The services of one server (or one embedded SDK process): the core's, and each room's by its `Room`.

`services.get(ROOM)` answers that room's service with its type; `publish(topic, value)` reaches
the rooms subscribed to the topic and, for topics with an event schema, the browser.
"""

from __future__ import annotations

import functools
import logging
from collections import defaultdict
from functools import partial
from pathlib import Path
from typing import Any, Callable, Optional, TypeVar

from .auth import Viewer
from .db import Database
from .events import EventHub, schema_version
from .rooms import Room, Topic
from .settings import CoreSettings
from .storage import StorageService

S = TypeVar("S")
T = TypeVar("T")
log = logging.getLogger(__name__)


class Services:
    def __init__(
        self,
        settings: CoreSettings,
        db: Database,
        storage: StorageService,
        version: str = "",
        server_url: Callable[[], Optional[str]] = lambda: None,
    ):
        self.settings = settings
        self.db = db
        self.storage = storage
        self.version = version
        self.server_url = server_url
        self.home = settings.smstudio_home
        self.admin_users: set[str] = set(settings.admin_users)
        self.events: Optional[EventHub] = None
        self.job_runner = ""  # the jobs room names its runner here (shown by whoami)
        # the jobs room answers for its job tokens: the owner a credential stands for, or None
        self.verify_job_token: Callable[[str], Optional[str]] = lambda credential: None
        self._rooms: dict[str, Any] = {}
        self._order: list[Room[Any]] = []
        self._subscribers: dict[str, list[Callable[[Any], None]]] = defaultdict(list)

    # -- rooms ------------------------------------------------------------------------------------
    def add(self, room: Room[S]) -> S:
        missing = [d for d in room.depends if d not in self._rooms]
        if missing:
            raise RuntimeError(f"room '{room.name}' needs {missing} built before it (order of the registry)")
        service = room.build(self)
        self._rooms[room.name] = service
        self._order.append(room)
        for sub in room.subscriptions:
            self._subscribers[sub.topic.name].append(partial(sub.handler, service))
        return service

    def get(self, room: Room[S]) -> S:
        service: S = self._rooms[room.name]
        return service

    def room_service(self, name: str) -> Any:
        """A room's service by the room's name (the operation tables name their room so)."""
        return self._rooms[name]

    @property
    def rooms(self) -> list[str]:
        return [room.name for room in self._order if room.name != "core"]

    def start(self) -> None:
        """What a server or an SDK session does once every room is built (adopt jobs, resume searches)."""
        for room in self._order:
            if room.start is not None:
                room.start(self._rooms[room.name])

    # -- topics -----------------------------------------------------------------------------------
    def publish(self, topic: Topic[T], value: T) -> bool:
        """Every subscriber, then the browser event. True when no subscriber failed (each failure is logged)."""
        ok = True
        for handler in self._subscribers.get(topic.name, ()):
            try:
                handler(value)
            except Exception:  # one room's reaction must not break the room that published
                ok = False
                log.exception("smstudio: a subscriber of %s failed", topic.name)
        if self.events is not None and topic.schema_file and topic.payload and topic.owner:
            key = topic.throttle_key(value) if topic.throttle_key else None
            self.events.emit(
                str(topic.schema_id),
                self._versions(topic.schema_file),
                topic.payload(value),
                topic.owner(value),
                throttle_key=key,
            )
        return ok

    @staticmethod
    @functools.cache
    def _versions(schema_file: Path) -> str:
        return schema_version(schema_file)

    # -- users ------------------------------------------------------------------------------------
    def viewer(self, user: str, job: Optional[str] = None) -> Viewer:
        return Viewer(user=user, admin=user in self.admin_users and job is None, job=job)

    def close(self) -> None:
        for room in reversed(self._order):
            if room.close is not None:
                try:
                    room.close(self._rooms[room.name])
                except Exception:  # the others still close
                    log.exception("smstudio: room %s did not close cleanly", room.name)
        self.db.close()
