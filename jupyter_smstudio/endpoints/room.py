"""The Endpoints room: models, endpoint configs and real-time endpoints whose instances are local model
servers (serving/), behind a router with weighted variants (handlers.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..core.rooms import Room
from . import models
from .operations import OPERATIONS

if TYPE_CHECKING:
    from ..core.auth import Viewer
    from ..core.services import Services
    from .service import EndpointService


def _build(services: Services) -> EndpointService:
    from .service import EndpointService

    # instances run the owner's code: where jobs run as their owner's OS user (jobs/room.py), so do they
    os_user = str(getattr(services.settings, "job_os_user", "") or "")
    address = str(getattr(services.settings, "dask_scheduler_address", "") or "")
    refuse = ""
    if os_user and address:
        refuse = "instances would run as the Dask workers' user, and jobs run as their owners (job_os_user)"
    service = EndpointService(services.db, services.storage, services.home, refuse=refuse)
    if address:  # instances run on the cluster the jobs run on
        service.instances.use_dask(address)
    if os_user and services.server_url() is not None:  # as jobs/room.py: a server, not an SDK script
        service.instances.os_user_template = os_user
    return service


def _invoke(service: EndpointService, viewer: Viewer, *args: Any, **kwargs: Any) -> dict[str, Any]:
    return service.invoke(viewer, *args, **kwargs)


ROOM: Room[EndpointService] = Room(
    name="endpoints",
    build=_build,
    operations=OPERATIONS,
    models=(models,),
    orm="jupyter_smstudio.endpoints.orm",
    start=lambda endpoints: endpoints.start(),
    close=lambda endpoints: endpoints.close(),
    # the SDK's embedded mode invokes in-process (the server has its own route: handlers.py)
    local_calls={"invoke_endpoint": _invoke},
)
