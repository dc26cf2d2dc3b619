"""Jobs as local processes, each in its own process group so stop reaches its children too."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Optional

import psutil

from .base import ExitInfo, JobRunner, LaunchSpec, job_environment, read_exit_status, signal_group


class LocalProcessRunner(JobRunner):
    name = "local"

    def __init__(self) -> None:
        self._procs: dict[str, subprocess.Popen[bytes]] = {}
        self._lock = threading.Lock()

    def start(self, spec: LaunchSpec, grace_seconds: float) -> dict[str, Any]:
        work = Path(spec.work_dir)
        work.mkdir(parents=True, exist_ok=True)
        spec_path = work / "launch.json"
        spec_path.write_text(spec.to_json())
        with open(work / "launcher.err", "ab") as err:
            proc = subprocess.Popen(
                [sys.executable, "-m", "jupyter_smstudio.jobs.launcher", str(spec_path)],
                cwd=spec.cwd if spec.cwd and os.path.isdir(spec.cwd) else str(work),
                stdin=subprocess.DEVNULL,
                stdout=err,
                stderr=err,
                start_new_session=True,
                env={**job_environment(os.environ), **_python_path()},  # the launcher is the job's too
            )
        with self._lock:
            self._procs[spec.job_name] = proc
        return {"pid": proc.pid, "create_time": psutil.Process(proc.pid).create_time()}

    def _alive(self, job_name: str, handle: dict[str, Any]) -> tuple[bool, Optional[int]]:
        with self._lock:
            proc = self._procs.get(job_name)
        if proc is not None:
            code = proc.poll()
            if code is None:
                return True, None
            with self._lock:
                self._procs.pop(job_name, None)
            return False, code
        # Not our child (the server restarted): trust the pid only if its start time matches.
        try:
            p = psutil.Process(handle["pid"])
            same = abs(p.create_time() - handle["create_time"]) < 0.01
            return same and p.status() != psutil.STATUS_ZOMBIE, None
        except (psutil.NoSuchProcess, KeyError):
            return False, None

    def poll(
        self, job_name: str, handle: dict[str, Any], status_url: str, storage_options: dict[str, Any]
    ) -> Optional[ExitInfo]:
        alive, code = self._alive(job_name, handle)
        if alive:
            return None
        recorded = read_exit_status(status_url, storage_options)
        if recorded is not None:
            return recorded
        if code is not None:
            return ExitInfo(exit_code=code, detail=f"killed by signal {-code}" if code < 0 else None)
        return ExitInfo(exit_code=None, lost=True)

    def stop(self, job_name: str, handle: dict[str, Any], grace_seconds: float) -> None:
        pid = handle.get("pid")
        if not pid or not self._alive(job_name, handle)[0]:
            return
        signal_group(pid, signal.SIGTERM)
        timer = threading.Timer(grace_seconds, self._kill_if_alive, args=(job_name, handle))
        timer.daemon = True
        timer.start()

    def _kill_if_alive(self, job_name: str, handle: dict[str, Any]) -> None:
        if self._alive(job_name, handle)[0]:
            signal_group(handle["pid"], signal.SIGKILL)


def _python_path() -> dict[str, str]:
    """The launcher must import this package even when it runs from a source checkout."""
    root = str(Path(__file__).resolve().parents[3])
    current = os.environ.get("PYTHONPATH", "")
    return {"PYTHONPATH": f"{root}{os.pathsep}{current}" if current else root}
