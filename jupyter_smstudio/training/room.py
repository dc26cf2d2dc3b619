"""The Training room: SageMaker's training and processing jobs (the script contract of its framework
containers), on the Jobs room's jobs; final metrics from the Experiments room."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.rooms import Room
from ..experiments.room import ROOM as EXPERIMENTS
from ..jobs.room import ROOM as JOBS
from . import describe, models
from .operations import OPERATIONS

if TYPE_CHECKING:
    from ..core.services import Services
    from .service import TrainingService


def _build(services: Services) -> TrainingService:
    from .service import TrainingService

    return TrainingService(services.get(JOBS), services.get(EXPERIMENTS))


ROOM: Room[TrainingService] = Room(
    name="training",
    build=_build,
    depends=("jobs", "experiments"),
    operations=OPERATIONS,
    models=(models, describe),
)
