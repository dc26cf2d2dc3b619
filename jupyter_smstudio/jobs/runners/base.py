"""One runner interface for every place a job can run (local processes, Dask workers).

A runner starts `python -m jupyter_smstudio.jobs.launcher spec.json` somewhere; the launcher
runs the user's command, writes its log to the job's log URL and its exit status next to it,
so the server learns the outcome even after a restart.
"""

from __future__ import annotations

import json
import os
from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar, Optional


@dataclass
class LaunchSpec:
    job_name: str
    argv: list[str]
    cwd: str
    env: dict[str, str]
    work_dir: str
    log_url: str
    status_url: str
    metrics_url: str
    output_dir: str
    output_url: str
    storage_options: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> "LaunchSpec":
        return cls(**json.loads(text))


@dataclass
class ExitInfo:
    exit_code: Optional[int]
    detail: Optional[str] = None
    lost: bool = False  # the process is gone and left no exit status


def read_exit_status(status_url: str, storage_options: dict[str, Any]) -> Optional[ExitInfo]:
    """The launcher's exit record, if it wrote one."""
    import fsspec  # lazily: the launcher imports this module and must start fast

    try:
        with fsspec.open(status_url, "r", **(storage_options if status_url.startswith("s3://") else {})) as fh:
            data = json.load(fh)
    except (FileNotFoundError, ValueError, OSError):
        return None
    return ExitInfo(exit_code=data.get("exit_code"), detail=data.get("detail"))


class JobRunner(ABC):
    """Where jobs run. Handles are JSON dicts kept on the job record, so a restarted server can
    find the job again."""

    name: ClassVar[str]

    @classmethod
    def from_settings(cls, settings: Any) -> "JobRunner":
        """The runner the deployment's settings describe (jobs/room.py JobsSettings); most need none."""
        return cls()

    @abstractmethod
    def start(self, spec: LaunchSpec, grace_seconds: float) -> dict[str, Any]:
        """Start the job; return its handle."""

    @abstractmethod
    def poll(
        self, job_name: str, handle: dict[str, Any], spec_status_url: str, storage_options: dict[str, Any]
    ) -> Optional[ExitInfo]:
        """None while the job runs; its ExitInfo once it has ended."""

    @abstractmethod
    def stop(self, job_name: str, handle: dict[str, Any], grace_seconds: float) -> None:
        """Ask the job to stop (SIGTERM), then kill it after `grace_seconds`; must not block."""

    def close(self) -> None:  # noqa: B027 - most runners hold nothing to release
        """Release connections; running jobs keep running."""


def signal_group(pid: int, sig: int) -> None:
    """Signal a job's whole process group (its session): stop reaches the children it started too."""
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass
