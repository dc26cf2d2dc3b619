"""Jobs on a Dask distributed cluster: each job is one task that runs the launcher on a worker.

Stop travels as a distributed Event the task watches; the task is fire-and-forget so jobs
outlive a server restart, and the exit status lands beside the log as with local jobs.
"""

from __future__ import annotations

import signal
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from .base import ExitInfo, JobRunner, LaunchSpec, read_exit_status, signal_group
from .sweep import new_mark, signal_marked

if TYPE_CHECKING:
    from distributed import Client

# distributed ships py.typed, but Client, Event and fire_and_forget carry no annotations: each call to them
# is marked `type: ignore[no-untyped-call]` (unannotated third-party code, not ours)


def _stop_event_name(ident: str) -> str:
    """`ident`: the job's mark (unique per run; names are unique per owner only); a job started before marks
    named its task and Event by its name, and its handle has no mark."""
    return f"smstudio-stop-{ident}"


def run_on_worker(spec_json: str, grace_seconds: float) -> int:
    """Executed on a Dask worker: the launcher runs in this task's thread, the job in its own session."""
    from distributed import Event

    from ..launcher import run

    spec = LaunchSpec.from_json(spec_json)
    try:
        Path(spec.work_dir).mkdir(parents=True, exist_ok=True)
    except OSError:  # the server's path does not exist on this worker: use scratch space
        spec.work_dir = tempfile.mkdtemp(prefix=f"smstudio-{spec.job_name}-")
    stop = Event(_stop_event_name(spec.mark or spec.job_name))  # type: ignore[no-untyped-call]  # unannotated
    started: dict[str, Any] = {}
    done: dict[str, int] = {}
    # the launcher waits in a thread of its own; this task thread (which can reach the scheduler)
    # looks at the stop flag twice a second and signals the job's session
    thread = threading.Thread(
        target=lambda: done.update(code=run(spec, watch=lambda c: started.update(child=c))), daemon=True
    )
    thread.start()
    killed_at: Optional[float] = None
    while True:
        thread.join(timeout=0.5 if killed_at is None else 0.05)  # returns the moment the job ends
        if not thread.is_alive():
            return done.get("code", 1)
        child = started.get("child")
        now = time.monotonic()
        if child is None:
            continue
        if killed_at is None:
            if stop.is_set():  # type: ignore[no-untyped-call]  # unannotated
                signal_group(child.pid, signal.SIGTERM)
                signal_marked(spec.mark, signal.SIGTERM)  # also its processes in sessions of their own
                killed_at = now
        elif killed_at is not None and now - killed_at > grace_seconds:
            signal_group(child.pid, signal.SIGKILL)
            signal_marked(spec.mark, signal.SIGKILL)


class DaskRunner(JobRunner):
    name = "dask"

    @classmethod
    def from_settings(cls, settings: Any) -> "DaskRunner":
        return cls(settings.dask_scheduler_address)

    def __init__(self, scheduler_address: str = ""):
        if not scheduler_address:
            raise ValueError("the Dask runner needs c.SmStudio.dask_scheduler_address")
        self.address = scheduler_address
        self._client: Optional[Client] = None
        self._futures: dict[str, Any] = {}

    @property
    def client(self) -> Client:
        if self._client is None:
            from distributed import Client

            self._client = Client(  # type: ignore[no-untyped-call]  # unannotated
                self.address, timeout=30, set_as_default=False
            )
        return self._client

    def start(self, spec: LaunchSpec, grace_seconds: float) -> dict[str, Any]:
        from distributed import fire_and_forget

        spec.mark = spec.mark or new_mark(spec.job_name)
        key = f"smstudio-job-{spec.mark}"
        future = self.client.submit(run_on_worker, spec.to_json(), grace_seconds, key=key, pure=False, retries=0)
        fire_and_forget(future)  # type: ignore[no-untyped-call]  # unannotated
        self._futures[spec.mark] = future
        return {"key": key, "scheduler": self.address, "mark": spec.mark}

    def _task_state(self, key: str) -> Optional[str]:
        def state(dask_scheduler: Any, key: str = key) -> Optional[str]:
            ts = dask_scheduler.tasks.get(key)
            return ts.state if ts is not None else None

        answer: Optional[str] = self.client.run_on_scheduler(state)  # type: ignore[no-untyped-call]  # unannotated
        return answer

    def poll(
        self, job_name: str, handle: dict[str, Any], status_url: str, storage_options: dict[str, Any]
    ) -> Optional[ExitInfo]:
        ident = handle.get("mark") or job_name
        future = self._futures.get(ident)
        if future is not None:
            if not future.done():
                return None
            self._futures.pop(ident, None)
            recorded = read_exit_status(status_url, storage_options)
            if recorded is not None:
                return recorded
            if future.status == "error":
                return ExitInfo(exit_code=None, detail=f"the Dask task failed: {future.exception()!r}")
            if future.status == "finished":
                code = future.result()
                return ExitInfo(exit_code=code)
            return ExitInfo(exit_code=None, lost=True)
        state = self._task_state(handle["key"])
        if state in ("waiting", "processing", "queued", "no-worker", "released"):
            return None
        recorded = read_exit_status(status_url, storage_options)
        return recorded if recorded is not None else ExitInfo(exit_code=None, lost=True)

    def stop(self, job_name: str, handle: dict[str, Any], grace_seconds: float) -> None:
        from distributed import Event

        # the Event the task watches is named as its key was: by mark, or by name for a task started before
        ident = str(handle.get("key", "")).removeprefix("smstudio-job-") or handle.get("mark") or job_name
        Event(_stop_event_name(ident), client=self.client).set()  # type: ignore[no-untyped-call]  # unannotated

    def close(self) -> None:
        if self._client is not None:
            self._client.close()  # type: ignore[no-untyped-call]  # unannotated
            self._client = None
