"""Finding every process of a job, whoever its parent is now, so that stop ends the whole job.

A job's processes share a mark in their environment (`SMSTUDIO_JOB_MARK`, inherited by everything
they start). A process group is not enough: a child may start its own session (`setsid`,
`start_new_session=True`), and when the launcher is killed its children are adopted by init. The
environment survives both. Without root there is no cgroup to put a job in, so this is the portable
way; what it cannot catch is a process that clears its own environment on purpose (docs/security.md).
"""

from __future__ import annotations

import os
import secrets
import signal

import psutil

MARK_VARIABLE = "SMSTUDIO_JOB_MARK"


def new_mark(job_name: str) -> str:
    """A mark no other job (or a later run of a job of the same name) carries."""
    return f"{job_name}/{secrets.token_hex(8)}"


def marked(mark: str) -> list[psutil.Process]:
    """The live processes that carry `mark` (this process excepted)."""
    if not mark:
        return []
    me = os.getpid()
    found = []
    for pid in _carrying(mark):
        if pid == me:
            continue
        try:
            proc = psutil.Process(pid)
            if proc.status() != psutil.STATUS_ZOMBIE:
                found.append(proc)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return found


def _carrying(mark: str) -> list[int]:
    # Linux: search the raw environment blocks (11 ms here for 117 processes; psutil parsing them: 18 ms)
    if os.path.isdir("/proc/self"):
        needle = f"\0{MARK_VARIABLE}={mark}\0".encode()
        pids = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/environ", "rb") as fh:
                    if needle in b"\0" + fh.read() + b"\0":
                        pids.append(int(entry))
            except OSError:  # gone meanwhile, or another OS user's process: never one of this job's
                pass
        return pids
    pids = []
    for proc in psutil.process_iter():
        try:
            if proc.environ().get(MARK_VARIABLE) == mark:
                pids.append(proc.pid)
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess, OSError):
            pass
    return pids


def signal_marked(mark: str, sig: int, also: list[psutil.Process] | None = None) -> int:
    """Send `sig` to every process of the job; how many were signalled."""
    count = 0
    procs = {p.pid: p for p in [*marked(mark), *(also or [])]}
    for proc in procs.values():
        try:
            proc.send_signal(sig)
            count += 1
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return count


def end_all(mark: str, grace_seconds: float, also: list[psutil.Process] | None = None) -> int:
    """SIGTERM the job's processes, SIGKILL what is left after `grace_seconds`; how many there were."""
    procs = {p.pid: p for p in [*marked(mark), *(also or [])] if p.pid != os.getpid()}
    if not procs:
        return 0
    for proc in procs.values():
        try:
            proc.send_signal(signal.SIGTERM)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    _, alive = psutil.wait_procs(list(procs.values()), timeout=grace_seconds)
    for proc in alive:
        try:
            proc.kill()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    psutil.wait_procs(alive, timeout=1.0)
    return len(procs)
