"""The Debugger room: SageMaker Debugger's rules beside training jobs (rule jobs, statuses, StopTraining) and the
Debugger tab's views of a job's tensors. The hooks, the tensor store and the analysis API (smdebug's) are library
code in this folder, used inside the training job."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.rooms import Room, Subscription
from ..jobs.room import JOB_CHANGED
from . import shapes, view_models
from .operations import OPERATIONS

if TYPE_CHECKING:
    from ..core.services import Services
    from .service import DebuggerService


def _build(services: Services) -> DebuggerService:
    from .service import DebuggerService

    return DebuggerService(services.room_service("jobs"), services.room_service("training"))


ROOM: Room[DebuggerService] = Room(
    name="debugger",
    build=_build,
    depends=("jobs", "training"),
    operations=OPERATIONS,
    models=(shapes, view_models),
    # a rule job ended (stop its training job?) or a training job ended (its rule jobs finish the steps left)
    subscriptions=(Subscription(JOB_CHANGED, lambda debugger, job: debugger.job_changed(job)),),
)
