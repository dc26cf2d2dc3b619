"""What a room declares about itself, once: the registry (`jupyter_smstudio/studio.py`) iterates these.

A room is a folder on each side. On this side its `room.py` holds one `Room`: how its service is
built from the services of the rooms it depends on, its REST/SDK operations, its contract models,
its ORM module, its settings, the topics it listens to and what to do when the services start and
stop. Nothing in `core` imports a room; rooms import `core` and the rooms they depend on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Callable, Generic, Optional, TypeVar

from traitlets import HasTraits

if TYPE_CHECKING:
    from .operations import Operation
    from .services import Services

S = TypeVar("S")
T = TypeVar("T")


@dataclass(frozen=True)
class Topic(Generic[T]):
    """Something that happens in one room that others may react to (a job changed, a component changed).

    With `schema_file`, every publication also reaches the browsers allowed to read the record (`owner`
    names its owner) as that event, its data made by `payload`; `throttle_key` names publications of
    which one per half second is enough."""

    name: str
    schema_file: Optional[Path] = None
    payload: Optional[Callable[[T], dict[str, Any]]] = None
    owner: Optional[Callable[[T], str]] = None
    throttle_key: Optional[Callable[[T], Optional[tuple[str, ...]]]] = None

    @property
    def schema_id(self) -> Optional[str]:
        if self.schema_file is None:
            return None
        return f"https://jupyter-smstudio.github.io/events/{self.schema_file.stem}"


@dataclass(frozen=True)
class Subscription(Generic[S, T]):
    """`handler(service of the subscribing room, published value)`; an error is logged, never raised."""

    topic: Topic[T]
    handler: Callable[[S, T], None]


@dataclass(frozen=True)
class Room(Generic[S]):
    """One SageMaker capability on the server side. `S` is the type of the room's service."""

    name: str
    build: Callable[[Services], S]
    depends: tuple[str, ...] = ()
    operations: tuple[Operation, ...] = ()
    models: tuple[ModuleType, ...] = ()
    orm: Optional[str] = None  # the ORM module's dotted name: imported for alembic and tests, not by the SDK
    settings: Optional[type[HasTraits]] = None
    topics: tuple[Topic[Any], ...] = ()
    subscriptions: tuple[Subscription[S, Any], ...] = ()
    start: Optional[Callable[[S], None]] = None  # after every room is built (a server, an SDK session)
    close: Optional[Callable[[S], None]] = None
    # in-process calls the SDK's embedded mode offers besides the operations (no REST twin)
    local_calls: dict[str, Callable[..., Any]] = field(default_factory=dict)
