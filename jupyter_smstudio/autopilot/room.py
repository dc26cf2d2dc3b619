"""The Autopilot room: AutoML jobs from a CSV, a target and a metric. The job's data work runs as jobs of the Jobs room
(analysis, explainability); every candidate is a training job of the Training room, tuned by the Tuning room, and
tracked in Experiments under a trial set named after the AutoML job; the best deploys through the Endpoints room."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.rooms import Room, Subscription
from ..jobs.room import JOB_CHANGED
from . import explain_models, models, shapes
from .operations import OPERATIONS

if TYPE_CHECKING:
    from ..core.services import Services
    from .service import AutopilotService


def _build(services: Services) -> AutopilotService:
    from .service import AutopilotService

    return AutopilotService(
        services.db,
        services.room_service("jobs"),
        services.room_service("training"),
        services.room_service("tuning"),
        services.room_service("endpoints"),
    )


ROOM: Room[AutopilotService] = Room(
    name="autopilot",
    build=_build,
    depends=("jobs", "experiments", "training", "tuning", "endpoints"),
    operations=OPERATIONS,
    models=(models, shapes, explain_models),
    orm="jupyter_smstudio.autopilot.orm",
    # one of an AutoML job's jobs ended: take its next step now, not at the next tick
    subscriptions=(Subscription(JOB_CHANGED, lambda autopilot, job: autopilot.job_changed(job)),),
    start=lambda autopilot: autopilot.resume(),
    close=lambda autopilot: autopilot.close(),
)
