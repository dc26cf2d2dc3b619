"""The services of one server (or one embedded SDK process), built once from configuration."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from .auth import Viewer
from .db import Database
from .events import EventPublisher
from .storage import StorageService


@dataclass
class Services:
    db: Database
    storage: StorageService
    jobs: Any  # jobs.service.JobService (typed loosely: rooms import core, not the reverse)
    experiments: Any = None  # experiments.service.ExperimentService
    training: Any = None  # training.service.TrainingService
    tuning: Any = None  # tuning.service.TuningService
    admin_users: set[str] = field(default_factory=set)
    events: Optional[EventPublisher] = None
    version: str = ""
    job_runner: str = "local"
    rooms: list[str] = field(default_factory=lambda: ["jobs", "experiments", "training", "tuning"])

    def viewer(self, user: str) -> Viewer:
        return Viewer(user=user, admin=user in self.admin_users)

    def close(self) -> None:
        if self.tuning is not None:
            self.tuning.close()
        self.jobs.close()
        self.db.close()
