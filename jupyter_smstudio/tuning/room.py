"""The Tuning room: automatic model tuning whose trials are the Training room's jobs, searched by Optuna."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.rooms import Room, Subscription
from ..experiments.room import ROOM as EXPERIMENTS
from ..jobs.room import JOB_CHANGED
from ..jobs.room import ROOM as JOBS
from ..training.room import ROOM as TRAINING
from . import models
from .operations import OPERATIONS

if TYPE_CHECKING:
    from ..core.services import Services
    from .service import TuningService


def _build(services: Services) -> TuningService:
    from .service import TuningService

    return TuningService(services.db, services.get(JOBS), services.get(TRAINING), services.get(EXPERIMENTS))


ROOM: Room[TuningService] = Room(
    name="tuning",
    build=_build,
    depends=("jobs", "experiments", "training"),
    operations=OPERATIONS,
    models=(models,),
    orm="jupyter_smstudio.tuning.orm",
    # a tuning job's training job ended: step its search now, not at the next tick
    subscriptions=(Subscription(JOB_CHANGED, lambda tuning, job: tuning.job_changed(job)),),
    start=lambda tuning: tuning.resume(),
    close=lambda tuning: tuning.close(),
)
