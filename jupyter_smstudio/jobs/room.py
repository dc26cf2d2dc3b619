"""The Jobs room: a script as a job, and the job state machine every other kind of job stands on."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from traitlets import HasTraits, Type, Unicode

from ..core.rooms import Room, Topic
from . import models
from .models import Job, JobMetrics, JobStatusEvent
from .operations import OPERATIONS
from .runners.base import JobRunner

if TYPE_CHECKING:
    from ..core.services import Services
    from .service import JobService


def _status_event(job: Job) -> dict[str, Any]:
    # no failure reason: it quotes the job's log; the page fetches it through the job's authorized route
    return JobStatusEvent(job_name=job.job_name, job_kind=job.job_kind, owner=job.owner, status=job.status).model_dump()


JOB_CHANGED: Topic[Job] = Topic(
    "job_changed",
    schema_file=Path(__file__).parent / "events" / "job-status.yaml",
    payload=_status_event,
    owner=lambda job: job.owner,
)
# metric points a job process wrote, read by the server from the job's metrics file
JOB_METRICS: Topic[JobMetrics] = Topic("job_metrics")


class JobsSettings(HasTraits):
    # typed here: traitlets would type it as JobRunner's constructor, which mypy refuses (an abstract class)
    job_runner_class: Type[Optional[type[JobRunner]], Optional[type[JobRunner]]] = Type(
        default_value=None,
        klass=JobRunner,
        allow_none=True,
        help="Job runner class; default: local processes, or Dask when dask_scheduler_address is set",
    ).tag(config=True)
    dask_scheduler_address = Unicode("", help="tcp://host:port of a Dask scheduler; jobs run on its workers").tag(
        config=True
    )
    job_os_user = Unicode(
        "",
        help="Run each job as this OS user ({user} expands to the job's owner), e.g. '{user}' on a server shared "
        "by people who have OS accounts. Needs the server to run as root and the local runner. Jobs then cannot "
        "read the store or other users' storage; default: jobs run as the server's user (docs/security.md)",
    ).tag(config=True)


def _runner(settings: JobsSettings) -> JobRunner:
    from .runners.dask import DaskRunner
    from .runners.local import LocalProcessRunner

    if settings.job_runner_class is not None:
        cls: type[JobRunner] = settings.job_runner_class
    elif settings.dask_scheduler_address:
        cls = DaskRunner
    else:
        cls = LocalProcessRunner
    return cls.from_settings(settings)


def _build(services: Services) -> JobService:
    from .service import JobService
    from .store import JobStore

    settings = services.settings
    assert isinstance(settings, JobsSettings)
    runner = _runner(settings)
    services.job_runner = runner.name
    jobs = JobService(
        JobStore(services.db),
        services.storage,
        runner,
        services.home,
        server_url=services.server_url,
        on_change=lambda job: services.publish(JOB_CHANGED, job),
        on_metrics=lambda report: services.publish(JOB_METRICS, report),
    )
    services.verify_job_token = jobs.authenticate
    if settings.job_os_user and services.server_url() is not None:
        _as_owners(jobs, settings.job_os_user, services)
    return jobs


def _as_owners(jobs: JobService, template: str, services: Services) -> None:
    """c.SmStudio.job_os_user: jobs run as their owner's OS user, the store kept out of their reach."""
    import os
    from glob import glob

    from sqlalchemy.engine import make_url

    from .runners.identity import protect_store
    from .runners.local import LocalProcessRunner

    if os.geteuid() != 0:
        raise ValueError("c.SmStudio.job_os_user needs the server to run as root (it starts jobs as other users)")
    if not isinstance(jobs.runner, LocalProcessRunner):
        # a Dask worker would create the job's folders as its own user: run the workers as the users instead
        raise ValueError("c.SmStudio.job_os_user works with the local runner; run Dask workers as the users")
    jobs.os_user_template = template
    database = make_url(services.db.url).database if services.db.url.startswith("sqlite") else None
    protect_store(glob(f"{database}*") if database else [], services.home)


ROOM: Room[JobService] = Room(
    name="jobs",
    build=_build,
    operations=OPERATIONS,
    models=(models,),
    orm="jupyter_smstudio.jobs.orm",
    settings=JobsSettings,
    topics=(JOB_CHANGED, JOB_METRICS),
    start=lambda jobs: jobs.reconcile(),
    close=lambda jobs: jobs.close(),
)
