"""Where SmStudio keeps its state, and how services are built from configuration.

Both the server extension and the SDK's embedded mode call `build_services`, so a script
without a server sees exactly the records the server would.
"""
from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional

if TYPE_CHECKING:
    from .services import Services

DEFAULT_STORAGE_ROOT = "file://{smstudio_home}/storage/{user}"


def default_home() -> str:
    return os.path.abspath(os.path.expanduser(os.environ.get("SMSTUDIO_HOME") or "~/.smstudio"))


def default_owner() -> str:
    return os.environ.get("JUPYTERHUB_USER") or getpass.getuser()


def default_db_url(home: str) -> str:
    return f"sqlite:///{Path(home) / 'smstudio.db'}"


@dataclass
class Settings:
    home: str = field(default_factory=default_home)
    db_url: str = ""
    storage_root: str = DEFAULT_STORAGE_ROOT
    home_volume: str = "{root_dir}"
    root_dir: str = field(default_factory=os.getcwd)
    shared_roots: list[str] = field(default_factory=list)
    s3_options: dict[str, Any] = field(default_factory=dict)
    runner_class: Any = None
    runner_options: dict[str, Any] = field(default_factory=dict)
    admin_users: set[str] = field(default_factory=set)


def build_services(settings: Settings, server_url: Callable[[], Optional[str]] = lambda: None,
                   version: str = "") -> "Services":
    from ..experiments.service import ExperimentService
    from ..jobs.runners.local import LocalProcessRunner
    from ..training.service import TrainingService
    from ..tuning.service import TuningService
    from ..jobs.service import JobService
    from ..jobs.store import JobStore
    from .db import Database
    from .services import Services
    from .storage import StorageService

    home = os.path.abspath(os.path.expanduser(settings.home))
    os.makedirs(home, exist_ok=True)
    db = Database(settings.db_url or default_db_url(home))
    storage = StorageService(
        root_url_template=settings.storage_root, home_volume_template=settings.home_volume,
        shared_roots=list(settings.shared_roots), s3_options=dict(settings.s3_options),
        variables={"smstudio_home": home, "root_dir": os.path.abspath(os.path.expanduser(settings.root_dir))},
    )
    runner_class = settings.runner_class or LocalProcessRunner
    runner = runner_class(**settings.runner_options)
    services = Services(db=db, storage=storage, jobs=None, admin_users=set(settings.admin_users),
                        version=version, job_runner=runner.name)
    services.experiments = ExperimentService(
        db, on_change=lambda name, owner, change: services.events and services.events.trial_component_changed(
            name, owner, change))

    def job_changed(job) -> None:
        services.experiments.track_job(job)
        if services.tuning is not None:
            services.tuning.job_changed(job)
        if services.events:
            services.events.job_changed(job)

    services.jobs = JobService(JobStore(db), storage, runner, home, server_url=server_url, on_change=job_changed)
    services.training = TrainingService(services.jobs)
    services.tuning = TuningService(db, services.jobs, services.training, services.experiments)
    return services
