"""Jobs as local processes: each in its own process group, every process of it marked (runners/sweep.py),
so stop reaches its children too, even those in a session of their own or left behind by a killed launcher."""

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
from .identity import identity_of, make_private
from .sweep import MARK_VARIABLE, new_mark, signal_marked


class LocalProcessRunner(JobRunner):
    name = "local"

    def __init__(self) -> None:
        # keyed by the job's mark, unique per run: job names are unique per owner only (jobs/orm.py)
        self._procs: dict[str, subprocess.Popen[bytes]] = {}
        self._lock = threading.Lock()
        # Two ticks may poll one job at once (reconcile and the monitor thread): the first to see the launcher
        # gone sweeps its processes and concludes; the other must get that conclusion, not "nothing was left".
        self._poll_lock = threading.Lock()
        self._concluded: dict[str, ExitInfo] = {}

    def start(self, spec: LaunchSpec, grace_seconds: float) -> dict[str, Any]:
        spec.mark = spec.mark or new_mark(spec.job_name)
        # the launcher is the job's too: the same scrubbed environment, and its mark
        env = {**job_environment(os.environ), **_python_path(), MARK_VARIABLE: spec.mark}
        launcher = [sys.executable, "-m", "jupyter_smstudio.jobs.launcher"]
        if spec.run_as:
            proc = self._start_as(spec, env, launcher)
        else:
            work = Path(spec.work_dir)
            work.mkdir(parents=True, exist_ok=True)
            spec_path = work / "launch.json"
            spec_path.write_text(spec.to_json())
            with open(work / "launcher.err", "ab") as err:
                proc = subprocess.Popen(
                    [*launcher, str(spec_path)],
                    cwd=spec.cwd if spec.cwd and os.path.isdir(spec.cwd) else str(work),
                    stdin=subprocess.DEVNULL,
                    stdout=err,
                    stderr=err,
                    start_new_session=True,
                    env=env,
                )
        with self._lock:
            self._procs[spec.mark] = proc
        return {"pid": proc.pid, "create_time": psutil.Process(proc.pid).create_time(), "mark": spec.mark}

    @staticmethod
    def _start_as(spec: LaunchSpec, env: dict[str, str], launcher: list[str]) -> subprocess.Popen[bytes]:
        """The launcher as the job owner's OS user (c.SmStudio.job_os_user), its spec on stdin: it creates and
        writes the job's folders itself, so root never writes below a folder the user controls."""
        who = identity_of(spec.run_as)
        for folder in spec.private_dirs:
            make_private(folder, who)
        proc = subprocess.Popen(
            [*launcher, "-"],
            cwd="/",
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            env={**env, "HOME": who.home, "USER": who.name, "LOGNAME": who.name},
            user=who.uid,
            group=who.gid,
            extra_groups=[],
            umask=0o077,
        )
        assert proc.stdin is not None  # stdin=PIPE
        proc.stdin.write(spec.to_json().encode())
        proc.stdin.close()
        return proc

    def _alive(self, job_name: str, handle: dict[str, Any]) -> tuple[bool, Optional[int]]:
        mark = str(handle.get("mark") or "")
        with self._lock:
            proc = self._procs.get(mark) if mark else None
        if proc is not None:
            code = proc.poll()
            if code is None:
                return True, None
            with self._lock:
                self._procs.pop(mark, None)
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
        mark = str(handle.get("mark") or "")
        with self._poll_lock:
            if mark in self._concluded:
                return self._concluded[mark]
            info = self._conclude(job_name, handle, status_url, storage_options)
            if info is not None and mark:
                if len(self._concluded) > 4096:  # a long-lived server: keep only recent conclusions
                    self._concluded.clear()
                self._concluded[mark] = info
            return info

    def _conclude(
        self, job_name: str, handle: dict[str, Any], status_url: str, storage_options: dict[str, Any]
    ) -> Optional[ExitInfo]:
        alive, code = self._alive(job_name, handle)
        if alive:
            return None
        # The launcher is gone. It ends what the job left running itself; if it was killed, that is done
        # here, so that a job recorded as ended has no process left.
        left = signal_marked(handle.get("mark", ""), signal.SIGKILL)
        recorded = read_exit_status(status_url, storage_options)
        if recorded is not None:
            return recorded
        ended = f"the job's launcher was killed by signal {-code}" if code is not None and code < 0 else None
        if left:
            ended = f"{ended or 'the job ended without an exit status'}; its {left} remaining process(es) were killed"
        if code is not None:
            return ExitInfo(exit_code=code, detail=ended)
        return ExitInfo(exit_code=None, lost=True, detail=ended)

    def stop(self, job_name: str, handle: dict[str, Any], grace_seconds: float) -> None:
        pid = handle.get("pid")
        if not pid:
            return
        if self._alive(job_name, handle)[0]:
            signal_group(pid, signal.SIGTERM)
        # every process of the job, also those outside its group and those a killed launcher left behind
        if signal_marked(handle.get("mark", ""), signal.SIGTERM) or self._alive(job_name, handle)[0]:
            timer = threading.Timer(grace_seconds, self._kill_if_alive, args=(job_name, handle))
            timer.daemon = True
            timer.start()

    def _kill_if_alive(self, job_name: str, handle: dict[str, Any]) -> None:
        if self._alive(job_name, handle)[0]:
            signal_group(handle["pid"], signal.SIGKILL)
        signal_marked(handle.get("mark", ""), signal.SIGKILL)


def _python_path() -> dict[str, str]:
    """The launcher must import this package even when it runs from a source checkout."""
    root = str(Path(__file__).resolve().parents[3])
    current = os.environ.get("PYTHONPATH", "")
    return {"PYTHONPATH": f"{root}{os.pathsep}{current}" if current else root}
