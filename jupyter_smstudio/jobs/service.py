"""Jobs: submit, watch, stop, read logs. No tornado here; pydantic in, pydantic out.

One monitor thread per service polls the runners, enforces the maximum runtime, keeps the
heartbeat, reads the metric points job processes append to their metrics file and ends jobs. Only
this process writes job records, so the SQLite file never has many writers, and a job process needs
neither the SDK nor the store client.
"""

from __future__ import annotations

import logging
import os
import re
import socket
import threading
import time
from dataclasses import replace
from datetime import timedelta
from typing import Any, Callable, Optional

from ..core.auth import Viewer, new_token, resolve_owner, token_matches
from ..core.errors import BadRequest, Conflict, Forbidden, NotFound
from ..core.gitinfo import commit_of
from ..core.names import name_from_base
from ..core.orm import utcnow
from ..core.paging import check_page
from ..core.storage import StorageService, UserStorage, join_url, local_path
from . import job_files
from .models import (
    ACTIVE_STATUSES,
    FINAL_STATUSES,
    ExperimentConfig,
    GitCommit,
    Job,
    JobArtifact,
    JobConfig,
    JobList,
    JobMetrics,
    JobReport,
    JobTracking,
    LogChunk,
    ScriptJobRequest,
    trial_component_name,
)
from .runners.base import ExitInfo, JobRunner, LaunchSpec
from .store import JobStore, RunState

log = logging.getLogger(__name__)
HEARTBEAT_SECONDS = 5.0
LOG_CHUNK_BYTES = 256 * 1024
FAILURE_TAIL_LINES = 10
MAX_FAILURE_REASON = 1024
# stops whose reason stays the job's FailureReason (debugger/rule_jobs.py STOP_REASON starts so)
SYSTEM_STOP_PREFIXES = ("Stopped by the Debugger rule",)
# how often the metrics file of a running job is read: a stat of a local file costs microseconds,
# an S3 request tens of milliseconds (and the launcher syncs it every 2 s anyway)
METRICS_SECONDS = {"file": 0.25, "remote": 2.0}
ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# a job's key inside this process: (owner, name); names are unique per owner only (jobs/orm.py)
JobKey = tuple[str, str]


def _key(state: RunState) -> JobKey:
    return (state.owner, state.job_name)


class JobService:
    def __init__(
        self,
        store: JobStore,
        storage: StorageService,
        runner: JobRunner,
        smstudio_home: str,
        server_url: Callable[[], Optional[str]] = lambda: None,
        on_change: Callable[[Job], Any] = lambda job: None,
        on_metrics: Callable[[JobMetrics], bool] = lambda report: True,
        poll_seconds: float = 0.05,
    ):
        self.store = store
        self.storage = storage
        self.runner = runner
        self.home = smstudio_home
        self.server_url = server_url
        self.on_change = on_change
        self.on_metrics = on_metrics  # True when the points were recorded: only then the offset moves on
        # may this viewer's job join the experiment and trial its experiment_config names? (the Experiments
        # room answers: jobs/ cannot know its rules; a job placed in another user's records is refused)
        self.check_placement: Callable[[Viewer, Optional[ExperimentConfig]], None] = lambda viewer, config: None
        self.poll_seconds = poll_seconds
        # the OS user a job runs as ({user} = its owner; "" = the server's): jobs/room.py job_os_user
        self.os_user_template = ""
        self._instance = f"{socket.gethostname()}:{os.path.realpath(smstudio_home)}"
        self._active: dict[JobKey, RunState] = {}
        self._beats: dict[JobKey, float] = {}
        self._metrics_read: dict[JobKey, float] = {}
        self._lock = threading.RLock()
        self._wake = threading.Event()
        self._closing = threading.Event()
        self._thread: Optional[threading.Thread] = None

    # -- submitting ---------------------------------------------------------------------------
    def submit_script(self, viewer: Viewer, request: ScriptJobRequest) -> Job:
        storage = self.storage.for_user(viewer.user)
        loc = storage.resolve(request.script, field_name="script")
        if not loc.is_local:
            raise BadRequest("'script' must be a file in your home volume", field="script")
        if not os.path.isfile(loc.path):
            raise BadRequest(f"'script': {request.script} does not exist or is not a file", field="script")
        for key in request.environment:
            if not ENV_NAME.fullmatch(key):
                raise BadRequest(f"invalid environment variable name '{key}'", field=f"environment.{key}")
        git = commit_of(os.path.dirname(loc.path))
        config = JobConfig.model_validate(
            {
                **request.model_dump(mode="json", by_alias=True),
                "tracking": JobTracking(
                    display_name=_display_name(request.experiment_config, request.job_name),
                    parameters=script_parameters(request.arguments),
                    inputs={"script": JobArtifact(value=request.script[:2048], media_type="text/x-python")},
                    git=GitCommit.model_validate(git) if git else None,
                    experiment_config=request.experiment_config,
                ),
            }
        )
        return self.submit(
            viewer,
            kind="script",
            job_name=request.job_name,
            argv=["python", "-u", loc.path, *request.arguments],
            cwd=os.path.dirname(loc.path),
            environment=request.environment,
            config=config,
            max_runtime_seconds=request.stopping_condition.max_runtime_seconds,
            stop_grace_seconds=request.stop_grace_seconds,
            tags=request.tags,
        )

    def submit(
        self,
        viewer: Viewer,
        *,
        kind: str,
        job_name: Optional[str],
        argv: list[str],
        cwd: str,
        environment: dict[str, str],
        config: JobConfig,
        max_runtime_seconds: int,
        stop_grace_seconds: float,
        tags: dict[str, str],
    ) -> Job:
        """The one way every room starts a job (training, processing, ... build on it)."""
        name = job_name or name_from_base(kind)
        self.check_placement(viewer, config.tracking.experiment_config)
        if not config.tracking.display_name:
            config.tracking.display_name = name
        storage = self.storage.for_user(viewer.user)
        job_url = join_url(storage.root_url, "jobs", name)
        work_dir = (
            local_path(job_url) if job_url.startswith("file://") else os.path.join(self.home, "work", viewer.user, name)
        )
        output_url = join_url(job_url, "output")
        output_dir = local_path(output_url) if output_url.startswith("file://") else os.path.join(work_dir, "output")
        token, token_hash = new_token()
        now = utcnow()
        job = self.store.create(
            job_name=name,
            job_kind=kind,
            owner=viewer.user,
            status="InProgress",
            secondary_status="Starting",
            creation_time=now,
            start_time=now,
            last_heartbeat=now,
            runner=self.runner.name,
            runner_handle=None,
            config=config.model_dump(mode="json", by_alias=True),
            tags=tags,
            log_url=join_url(job_url, "logs", "output.log"),
            output_url=output_url,
            work_dir=work_dir,
            max_runtime_seconds=max_runtime_seconds,
            stop_grace_seconds=stop_grace_seconds,
            token_hash=token_hash,
        )
        env = {
            **environment,
            **experiment_environment(config.tracking.experiment_config),
            "SMSTUDIO_JOB_NAME": name,
            "SMSTUDIO_JOB_OWNER": viewer.user,
            "SMSTUDIO_JOB_TOKEN": f"{name}:{token}",
            "SMSTUDIO_TRIAL_COMPONENT_NAME": trial_component_name(name, kind),
            "SMSTUDIO_OUTPUT_DIR": output_dir,
            "SM_OUTPUT_DIR": output_dir,
            "SM_OUTPUT_DATA_DIR": os.path.join(output_dir, "data"),
        }
        url = self.server_url()
        if url:
            env["SMSTUDIO_URL"] = url
        else:  # a job of an SDK session without a server: its SDK calls use the session's store
            env["SMSTUDIO_HOME"] = self.home
        spec = LaunchSpec(
            job_name=name,
            argv=argv,
            cwd=cwd,
            env=env,
            work_dir=work_dir,
            log_url=job.log_url,
            status_url=_beside_log(job.log_url, "exit.json"),
            metrics_url=_beside_log(job.log_url, "metrics.jsonl"),
            output_dir=output_dir,
            output_url=output_url,
            storage_options=storage.s3_options,
            run_as=self.os_user_template.replace("{user}", viewer.user),
            # the user's storage becomes theirs alone when jobs run as OS users (runners/identity.py)
            private_dirs=[local_path(storage.root_url)]
            if self.os_user_template and storage.root_url.startswith("file://")
            else [],
        )
        try:
            handle = self.runner.start(spec, stop_grace_seconds)
        except Exception as err:  # the job exists; it fails with the reason instead of vanishing
            log.exception("smstudio: could not start job %s of %s", name, viewer.user)
            return self._finish(
                (viewer.user, name),
                "Failed",
                secondary_status="Failed",
                failure_reason=f"the {self.runner.name} runner could not start the job: {err}",
            )
        job = self.store.update(
            viewer.user, name, runner_handle={**handle, "instance": self._instance}, secondary_status="Running"
        )
        with self._lock:
            self._active[(viewer.user, name)] = self.store.state(viewer.user, name)
        self.on_change(job)
        self.ensure_monitor()
        return job

    # -- reading ------------------------------------------------------------------------------
    def get(self, viewer: Viewer, job_name: str) -> Job:
        return self.store.get(self.owner_of(viewer, job_name), job_name)

    def owner_of(self, viewer: Viewer, job_name: str) -> str:
        """Whose job `job_name` means for this viewer: theirs; for an admin, the one user's who has one."""
        return resolve_owner(viewer, ((o, False) for o in self.store.owners(job_name)), "job", job_name, "job_name")

    def list(
        self,
        viewer: Viewer,
        status: Optional[str] = None,
        kind: Optional[str] = None,
        name_contains: Optional[str] = None,
        limit: int = 50,
        offset: int = 0,
    ) -> JobList:
        if status and status not in ACTIVE_STATUSES + FINAL_STATUSES:
            raise BadRequest(f"unknown status '{status}'", field="status")
        check_page(limit, offset)
        jobs, total = self.store.list(viewer.owner_filter, status, kind, name_contains, limit, offset)
        return JobList(jobs=jobs, total=total)

    def logs(self, viewer: Viewer, job_name: str, offset: int = 0, limit: int = LOG_CHUNK_BYTES) -> LogChunk:
        job = self.get(viewer, job_name)
        if offset < 0:
            raise BadRequest("'offset' must not be negative", field="offset")
        data, size = job_files.read_from(self._storage_of(job.owner), job.log_url, offset, limit)
        text, used = _decode_prefix(data)
        next_offset = offset + used
        return LogChunk(
            job_name=job_name,
            offset=offset,
            next_offset=next_offset,
            text=text,
            complete=job.status in FINAL_STATUSES and next_offset >= size,
        )

    def _storage_of(self, owner: str) -> UserStorage:
        return self.storage.for_user(owner)

    # -- stopping -----------------------------------------------------------------------------
    def stop(self, viewer: Viewer, job_name: str, reason: Optional[str] = None) -> Job:
        job = self.get(viewer, job_name)
        if job.status in FINAL_STATUSES or job.status == "Stopping":
            return job
        return self._request_stop((job.owner, job_name), reason or f"Stopped by {viewer.user}", "Stopping")

    def _request_stop(self, key: JobKey, reason: str, secondary: str) -> Job:
        job = self.store.transition(
            *key, ("InProgress",), status="Stopping", secondary_status=secondary, stop_reason=reason
        )
        if job is None:
            return self.store.get(*key)
        state = self.store.state(*key)
        with self._lock:
            self._active[key] = state
        if state.runner_handle:
            self.runner.stop(state.job_name, state.runner_handle, state.stop_grace_seconds)
        self.on_change(job)
        self._wake.set()
        return job

    # -- job processes ------------------------------------------------------------------------
    def authenticate(self, credential: str) -> Optional[str]:
        """The owner a job token stands for, while its job is active; None otherwise."""
        name, _, token = credential.partition(":")
        if not name or not token:
            return None
        # several users may each have a job of that name: the token says which (each job's token is its own)
        for owner in self.store.owners(name):
            try:
                state = self.store.state(owner, name)
            except NotFound:
                continue
            if state.status in ACTIVE_STATUSES and token_matches(token, state.token_hash):
                return state.owner
        return None

    def report(self, viewer: Viewer, job_name: str, request: JobReport) -> Job:
        """What a running job says it is doing; only the job itself (its token) reports for it."""
        if viewer.job != job_name:
            raise Forbidden("only the job itself reports its status (with its own job token)", field="job_name")
        job = self.get(viewer, job_name)
        if job.status not in ACTIVE_STATUSES:
            raise Conflict(f"job '{job_name}' has ended ({job.status})", field="job_name")
        fields: dict[str, Any] = {"last_heartbeat": utcnow()}
        if request.secondary_status:
            fields["secondary_status"] = request.secondary_status[:255]
        return self.store.update(job.owner, job_name, **fields)

    # -- monitoring ---------------------------------------------------------------------------
    def ensure_monitor(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._closing.clear()
                self._thread = threading.Thread(target=self._monitor, name="smstudio-jobs", daemon=True)
                self._thread.start()

    def reconcile(self) -> None:
        """After a (re)start: adopt this instance's active jobs; the runner decides if they live."""
        for state in self.store.active_states():
            handle = state.runner_handle or {}
            if handle.get("instance") not in (None, self._instance):
                continue  # another server's job (a shared PostgreSQL); not ours to judge
            if not handle:
                self._finish(
                    _key(state),
                    "Failed",
                    secondary_status="Failed",
                    failure_reason="the job never started: the server stopped before its runner answered",
                )
                continue
            with self._lock:
                self._active[_key(state)] = state
            if state.status == "Stopping":
                # the stop was asked before the restart; its kill timer died with the old server
                self.runner.stop(state.job_name, handle, state.stop_grace_seconds)
        self.ensure_monitor()
        self.tick()

    def _monitor(self) -> None:
        while not self._closing.is_set():
            try:
                self.tick()
            except Exception:  # the loop must outlive one bad poll (e.g. the store briefly locked)
                log.exception("smstudio: job monitor tick failed")
            self._wake.wait(self.poll_seconds)
            self._wake.clear()

    def tick(self) -> None:
        with self._lock:
            states = list(self._active.values())
        now = time.monotonic()
        for state in states:
            key = _key(state)
            handle = state.runner_handle
            if not handle:
                state = self.store.state(*key)
                handle = state.runner_handle
                if not handle:
                    continue
            info = self.runner.poll(
                state.job_name, handle, _beside_log(state.log_url, "exit.json"), self._options(state)
            )
            if info is not None:
                self._end(state, info)
                continue
            kind = "file" if state.log_url.startswith("file://") else "remote"
            if now - self._metrics_read.get(key, 0.0) >= METRICS_SECONDS[kind]:
                self._metrics_read[key] = now
                self._read_metrics(state)
            if (
                state.status == "InProgress"
                and state.start_time is not None
                and utcnow() - state.start_time > timedelta(seconds=state.max_runtime_seconds)
            ):
                self._request_stop(
                    key,
                    f"MaxRuntimeExceeded: the job ran longer than "
                    f"{state.max_runtime_seconds} s (stopping_condition.max_runtime_seconds)",
                    "MaxRuntimeExceeded",
                )
            if now - self._beats.get(key, 0) >= HEARTBEAT_SECONDS:
                self._beats[key] = now
                self.store.update(*key, last_heartbeat=utcnow())

    def _read_metrics(self, state: RunState) -> None:
        """The complete lines the job appended to its metrics file since the stored offset; the offset
        moves on only once they are recorded, so a crash or restart loses no point and records none twice."""
        points, offset = job_files.new_points(
            self._storage_of(state.owner), _beside_log(state.log_url, "metrics.jsonl"), state.metrics_offset
        )
        if offset == state.metrics_offset:
            return
        if points and not self.on_metrics(JobMetrics(state.job_name, state.job_kind, state.owner, points)):
            return
        key = _key(state)
        self.store.update(*key, metrics_offset=offset)
        with self._lock:
            if key in self._active:
                self._active[key] = replace(self._active[key], metrics_offset=offset)

    def _options(self, state: RunState) -> dict[str, Any]:
        return self._storage_of(state.owner).s3_options

    def _end(self, state: RunState, info: ExitInfo) -> None:
        key = _key(state)
        fresh = self.store.state(*key)
        try:  # the last points first: whoever waits for the end finds all of them recorded
            self._read_metrics(fresh)
        except Exception:
            log.exception("smstudio: could not read the last metrics of job %s", state.job_name)
        if fresh.stop_reason:
            max_run = fresh.stop_reason.startswith("MaxRuntimeExceeded")
            # a stop the system decided (its run time, a Debugger rule) keeps its reason; a user's stop is no failure
            kept = max_run or fresh.stop_reason.startswith(SYSTEM_STOP_PREFIXES)
            self._finish(
                key,
                "Stopped",
                exit_code=info.exit_code,
                failure_reason=fresh.stop_reason if kept else None,
                secondary_status="MaxRuntimeExceeded" if max_run else "Stopped",
            )
        elif info.lost:
            self._finish(
                key,
                "Failed",
                secondary_status="Failed",
                failure_reason=info.detail
                or "the job's process ended without an exit status (the machine or "
                "its worker was restarted, or the process was killed from outside)",
            )
        elif info.exit_code == 0:
            self._finish(key, "Completed", exit_code=0, secondary_status="Completed")
        else:
            self._finish(
                key,
                "Failed",
                exit_code=info.exit_code,
                secondary_status="Failed",
                failure_reason=self._failure_reason(fresh, info),
            )

    def _failure_reason(self, state: RunState, info: ExitInfo) -> str:
        storage = self._storage_of(state.owner)
        # SageMaker's convention: a job explains its own failure in <output>/failure.
        try:
            text = storage.read_bytes(join_url(state.output_url, "failure"), limit=4096).decode(errors="replace")
            if text.strip():
                return text.strip()
        except Exception:  # no failure file: the exit code and the log's last lines say why
            pass
        what = info.detail or f"exit code {info.exit_code}"
        tail = ""
        try:  # the log's tail only: a failing job's log may be hundreds of MB
            data = job_files.tail(storage, state.log_url, 16384).decode(errors="replace")
            tail = "\n".join(data.rstrip().splitlines()[-FAILURE_TAIL_LINES:])
        except Exception:  # no log either: the exit code alone
            pass
        return f"AlgorithmError: the script ended with {what}" + (f"\n{tail}" if tail else "")

    def _finish(self, key: JobKey, status: str, **fields: Any) -> Job:
        if fields.get("failure_reason"):  # SageMaker's FailureReason holds 1,024 characters
            fields["failure_reason"] = _clip(fields["failure_reason"], MAX_FAILURE_REASON)
        job = self.store.transition(*key, ACTIVE_STATUSES, status=status, end_time=utcnow(), **fields)
        with self._lock:
            self._active.pop(key, None)
            self._beats.pop(key, None)
            self._metrics_read.pop(key, None)
        if job is None:
            return self.store.get(*key)
        self.on_change(job)
        return job

    def wait(self, viewer: Viewer, job_name: str, timeout: Optional[float] = None, poll: float = 0.2) -> Job:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            job = self.get(viewer, job_name)
            if job.status in FINAL_STATUSES:
                return job
            if deadline is not None and time.monotonic() > deadline:
                return job
            time.sleep(poll)

    def close(self) -> None:
        self._closing.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self.runner.close()


def experiment_environment(config: Optional[ExperimentConfig]) -> dict[str, str]:
    """What `load_run()` inside the job reads to find the run the job was started in."""
    if config is None:
        return {}
    values = {
        "SMSTUDIO_EXPERIMENT_NAME": config.experiment_name,
        "SMSTUDIO_TRIAL_NAME": config.trial_name,
        "SMSTUDIO_RUN_NAME": config.run_name,
    }
    return {k: v for k, v in values.items() if v}


def script_parameters(arguments: list[str]) -> dict[str, Any]:
    """`--name value` pairs of a script's arguments, as hyperparameters are for a training job."""
    params: dict[str, Any] = {}
    for i, arg in enumerate(arguments):
        if arg.startswith("--") and i + 1 < len(arguments) and not arguments[i + 1].startswith("--"):
            raw = arguments[i + 1]
            try:
                params[arg[2:]] = float(raw) if any(c in raw for c in ".eE") else int(raw)
            except ValueError:
                params[arg[2:]] = raw
    return params


def _display_name(config: Optional[ExperimentConfig], name: Optional[str]) -> Optional[str]:
    return (config.trial_component_display_name if config else None) or name


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _beside_log(log_url: str, name: str) -> str:
    """The launcher's exit record and the job's metric points live in the log's folder."""
    return join_url(log_url.rsplit("/", 1)[0], name)


def _decode_prefix(data: bytes) -> tuple[str, int]:
    """Decode as much UTF-8 as is complete; a character cut by the chunk waits for the next read."""
    for cut in range(0, min(4, len(data) + 1)):
        end = len(data) - cut
        try:
            return data[:end].decode("utf-8"), end
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace"), len(data)
