"""The Batch transform room: SageMaker's transform jobs over the Endpoints room's models, as jobs of the Jobs
room (kind `transform`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.rooms import Room
from ..endpoints.room import ROOM as ENDPOINTS
from ..jobs.room import ROOM as JOBS
from . import models
from .operations import OPERATIONS

if TYPE_CHECKING:
    from ..core.services import Services
    from .service import TransformService


def _build(services: Services) -> TransformService:
    from .service import TransformService

    return TransformService(services.get(JOBS), services.get(ENDPOINTS))


ROOM: Room[TransformService] = Room(
    name="transform",
    build=_build,
    depends=("jobs", "endpoints"),
    operations=OPERATIONS,
    models=(models,),
)
