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
from typing import Any, ClassVar, Mapping, Optional


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
    mark: str = ""  # in the environment of every process of the job (runners/sweep.py)
    run_as: str = ""  # the OS user the job's command runs as; "" = the launcher's (runners/identity.py)
    private_dirs: list[str] = field(default_factory=list)  # made the run_as user's alone (the user's storage)

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


# What of the server's environment a job gets: what programs need to run (paths, locale, proxies, thread
# counts, devices) and nothing else: no credentials, tokens or settings of the server process. The job's
# own variables (SM_*, SMSTUDIO_* and what the user set) come on top, from its LaunchSpec.
PASSED_THROUGH = frozenset(
    {
        "PATH",
        "HOME",
        "USER",
        "LOGNAME",
        "SHELL",
        "TERM",
        "LANG",
        "LANGUAGE",
        "TZ",
        "TMPDIR",
        "TEMP",
        "TMP",
        "PYTHONPATH",
        "VIRTUAL_ENV",
        "CONDA_PREFIX",
        "LD_LIBRARY_PATH",
        "JAVA_HOME",
        "SSL_CERT_FILE",
        "SSL_CERT_DIR",
        "REQUESTS_CA_BUNDLE",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "NO_PROXY",
        "http_proxy",
        "https_proxy",
        "no_proxy",
        "OMP_NUM_THREADS",
        "MKL_NUM_THREADS",
        "OPENBLAS_NUM_THREADS",
        "CUDA_VISIBLE_DEVICES",
        "NVIDIA_VISIBLE_DEVICES",
    }
)
PASSED_THROUGH_PREFIXES = ("LC_", "PIP_")


def job_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """The part of `environ` a job process may see (PASSED_THROUGH)."""
    return {k: v for k, v in environ.items() if k in PASSED_THROUGH or k.startswith(PASSED_THROUGH_PREFIXES)}


def signal_group(pid: int, sig: int) -> None:
    """Signal a job's whole process group (its session): stop reaches the children it started too."""
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass
