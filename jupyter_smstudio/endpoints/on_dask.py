"""Endpoint instances on a Dask cluster (c.SmStudio.dask_scheduler_address), as jobs run there.

Each instance is one long task pinned to a worker: it starts the model server as a process of its own on the
worker's host, listening on the worker's address (the router reaches it there), and watches a distributed Event
that stops it. The task secedes from the worker's thread pool, so instances do not use up the threads jobs need.
Instances are spread over the workers (the one running the fewest of ours first).

The handle keeps the worker and the task's key: an instance is alive while its task is processing on that worker
(a worker that died takes its instances with it, and the supervisor replaces them elsewhere). The instance's model
and code are read from the endpoint's folder and its log written there, so the workers must see the server's
home at the same path (one host, or a shared filesystem), as a job's work folder is.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional
from urllib.parse import urlparse

if TYPE_CHECKING:
    from distributed import Client

# distributed's Client, Event and fire_and_forget carry no annotations: each call is marked
# `type: ignore[no-untyped-call]` (unannotated third-party code, as in jobs/runners/dask.py)


STARTING = ("released", "waiting", "queued")  # a task's states before it runs (then "processing")


def _stop_event(key: str) -> str:
    return f"smstudio-stop-{key}"


def _free_port_on(host: str) -> int:
    """Run on the worker (client.run): a port free on its `host` right now."""
    import socket

    with socket.socket() as s:
        s.bind((host, 0))
        port: int = s.getsockname()[1]
        return port


def serve_on_worker(key: str, args: list[str], env: dict[str, str], cwd: str, log: str, grace: float) -> int:
    """The task: the model server runs on this worker until it exits or the instance's Event is set."""
    from distributed import Event, secede

    # a long wait, not work: the worker's thread goes back to its pool
    secede()  # type: ignore[no-untyped-call]  # unannotated
    Path(log).parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        proc = subprocess.Popen(
            [sys.executable, *args],
            cwd=cwd if os.path.isdir(cwd) else None,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env=env,
        )
    stop = Event(_stop_event(key))  # type: ignore[no-untyped-call]  # unannotated
    while proc.poll() is None:
        if stop.wait(0.5):  # type: ignore[no-untyped-call]  # unannotated
            _signal(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                _signal(proc.pid, signal.SIGKILL)
            break
    return proc.wait()


def _signal(pid: int, sig: int) -> None:
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


class DaskInstances:
    """Starts, watches and stops instances as tasks on the cluster at `address`."""

    def __init__(self, address: str):
        self.address = address
        self._client: Optional[Client] = None

    @property
    def client(self) -> Client:
        if self._client is None:
            from distributed import Client

            self._client = Client(self.address, timeout=30, set_as_default=False)  # type: ignore[no-untyped-call]
        return self._client

    def _placements(self) -> dict[str, tuple[str, Optional[str]]]:
        """Our instance tasks' keys: each one's state and the worker it runs on (None while not processing)."""

        def where(dask_scheduler: Any) -> dict[str, tuple[str, Optional[str]]]:
            return {
                str(k): (ts.state, ts.processing_on.address if ts.processing_on is not None else None)
                for k, ts in dask_scheduler.tasks.items()
                if str(k).startswith("smstudio-instance-")
            }

        found: dict[str, tuple[str, Optional[str]]] = self.client.run_on_scheduler(where)  # type: ignore[no-untyped-call]
        return found

    def start(self, args: list[str], env: dict[str, str], cwd: str, log: str, grace: float) -> dict[str, Any]:
        """A model server (`python <args> --host H --port P`) on the least busy worker: its handle's part."""
        from distributed import fire_and_forget

        workers = sorted(self.client.scheduler_info()["workers"])
        if not workers:
            raise OSError(f"the Dask cluster at {self.address} has no worker")
        busy = Counter(w for _, w in self._placements().values() if w)
        worker = min(workers, key=lambda w: busy[w])
        host = urlparse(worker).hostname or "127.0.0.1"
        port = int(self.client.run(_free_port_on, host, workers=[worker])[worker])
        key = f"smstudio-instance-{uuid.uuid4().hex}"
        future = self.client.submit(
            serve_on_worker,
            key,
            [*args, "--host", host, "--port", str(port)],
            env,
            cwd,
            log,
            grace,
            key=key,
            workers=[worker],
            allow_other_workers=False,  # the handle names this worker's address: a move is a new instance
            pure=False,
            retries=0,
        )
        fire_and_forget(future)  # type: ignore[no-untyped-call]  # unannotated
        # the scheduler learns of the task a moment later: until it has, `alive` would call it gone
        deadline = time.monotonic() + 30
        while key not in self._placements():
            if time.monotonic() > deadline:
                raise OSError(f"the Dask scheduler at {self.address} did not take the instance's task")
            time.sleep(0.05)
        return {"host": host, "port": port, "key": key, "worker": worker, "runner": "dask"}

    def alive(self, handle: dict[str, Any]) -> bool:
        """Its task runs on its worker, or is on its way there (a task not yet started is not a dead one)."""
        try:
            state, worker = self._placements().get(handle["key"], ("forgotten", None))
            return state in STARTING or (state == "processing" and worker == handle["worker"])
        except (OSError, TimeoutError):  # the scheduler is unreachable now: do not replace what may serve
            return True

    def stop(self, handle: dict[str, Any], grace: float) -> None:
        from distributed import Event, Future

        Event(_stop_event(handle["key"]), client=self.client).set()  # type: ignore[no-untyped-call]
        deadline = time.monotonic() + grace + 5
        while time.monotonic() < deadline and handle["key"] in self._placements():
            time.sleep(0.1)
        # a task never started (its worker gone) would wait for that worker for ever
        Future(handle["key"], client=self.client).cancel()  # type: ignore[no-untyped-call]

    def close(self) -> None:
        if self._client is not None:
            self._client.close()  # type: ignore[no-untyped-call]  # unannotated
            self._client = None
