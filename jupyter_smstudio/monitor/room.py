"""The Model Monitor room: baselines (statistics and suggested constraints of a dataset) and monitoring schedules
over the Endpoints room's captured data, their executions jobs of the Jobs room (kinds `baselining` and
`monitoring`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from traitlets import Float, HasTraits

from ..core.rooms import Room
from . import models, report_models
from .operations import OPERATIONS
from .report_operations import OPERATIONS as REPORT_OPERATIONS

if TYPE_CHECKING:
    from ..core.services import Services
    from .service import MonitorService


class MonitorSettings(HasTraits):
    # SageMaker's schedules are at most hourly: a tick a minute fires them on time; tests set less
    monitor_tick_seconds = Float(30.0, help="Seconds between two looks at the monitoring schedules that are due").tag(
        config=True
    )


def _build(services: Services) -> MonitorService:
    from .scheduler import Scheduler
    from .service import MonitorService

    settings = services.settings
    assert isinstance(settings, MonitorSettings)
    service = MonitorService(services.room_service("jobs"), services.room_service("endpoints"), services.db)
    service.scheduler = Scheduler(service.fire_due, max(0.05, float(settings.monitor_tick_seconds)))
    return service


ROOM: Room[MonitorService] = Room(
    name="monitor",
    build=_build,
    depends=("jobs", "endpoints"),
    operations=(*OPERATIONS, *REPORT_OPERATIONS),
    models=(models, report_models),
    orm="jupyter_smstudio.monitor.orm",
    settings=MonitorSettings,
    start=lambda monitor: monitor.scheduler.start(),
    close=lambda monitor: monitor.scheduler.close(),
)
