"""The thread that drives tuning jobs: one per process that runs them (a server, an SDK session).

It steps every active tuning job when one of its training jobs ends (the job service's change
hook wakes it) and at least twice a second: it feeds the objective's new points to the pruner
(early stopping), tells the study how finished training jobs did, and starts new ones while fewer
than max_parallel_jobs run. A tuning job is driven by one process at a time: the driver renews a
lease on it every step, and takes over jobs whose lease is stale (their driver is gone).
"""

from __future__ import annotations

import logging
import math
import os
import secrets
import socket
import threading
import time
from typing import Any, Optional

from optuna.trial import TrialState

from ..core.errors import NotFound, SmStudioError
from ..core.orm import utcnow
from ..jobs.models import ACTIVE_STATUSES, FINAL_STATUSES, ExperimentConfig, trial_component_name
from .store import TuningRecord, TuningStore
from .study import ActiveTuning, RunningTrial, completion

log = logging.getLogger(__name__)
STEP_SECONDS = 0.5
LEASE_SECONDS = 15.0  # a driver that has not stepped a job for this long is gone: another process takes over
SCAN_SECONDS = 5.0  # how often a driver looks for tuning jobs nobody drives


class Driver:
    def __init__(self, store: TuningStore, jobs: Any, training: Any, experiments: Any):
        self.store, self.jobs, self.training, self.experiments = store, jobs, training, experiments
        # keyed by (owner, name): tuning job names are unique per owner only (tuning/orm.py)
        self._active: dict[tuple[str, str], ActiveTuning] = {}
        self._lock = threading.RLock()
        self._closing = threading.Event()
        self._wake = threading.Event()
        self._thread: Optional[threading.Thread] = None
        self.driver = f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(3)}"
        self._next_scan = 0.0

    def load(self, record: TuningRecord) -> ActiveTuning:
        warm = ActiveTuning.request_of(record).warm_start
        # parents are the owner's own (service.py _check_parents)
        parents = tuple(self.store.get(record.owner, p) for p in (warm.parents if warm else []))
        return ActiveTuning(record, parents)

    def begin(self, owner: str, name: str) -> None:
        """A new tuning job: claim it and start its first training jobs now (an error is the request's)."""
        self.store.claim(owner, name, self.driver, LEASE_SECONDS)
        with self._lock:
            tuning = self.load(self.store.get(owner, name))
            self._launch(tuning, strict=True)
            self._active[(owner, name)] = tuning
        self.start()

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._drive, name="smstudio-tuning", daemon=True)
                self._thread.start()

    def _drive(self) -> None:
        while True:
            self._wake.wait(STEP_SECONDS)
            self._wake.clear()
            if self._closing.is_set():
                return
            try:
                self._adopt()
            except Exception:  # noqa: BLE001 - the store may be away for a moment
                log.exception("smstudio: could not look for tuning jobs to drive")
            with self._lock:
                keys = list(self._active)
            for key in keys:
                try:
                    with self._lock:
                        if not self.store.claim(*key, self.driver, LEASE_SECONDS):
                            self._active.pop(key, None)  # finished elsewhere, or another process drives it
                            continue
                        self._step(self._active[key])
                except Exception:  # noqa: BLE001 - the next step tries again; say why
                    log.exception("smstudio: tuning job %s of %s could not advance", key[1], key[0])

    def _adopt(self) -> None:
        """Take over unfinished tuning jobs whose driver is gone (a restart, an SDK process that ended)."""
        if time.monotonic() < self._next_scan:
            return
        self._next_scan = time.monotonic() + SCAN_SECONDS
        for key in self.store.keys_in(ACTIVE_STATUSES):
            if key in self._active or not self.store.claim(*key, self.driver, LEASE_SECONDS):
                continue
            try:
                tuning = self.load(self.store.get(*key))
            except Exception as err:  # noqa: BLE001 - one broken record must not stop the others
                log.exception("smstudio: cannot resume tuning job %s of %s", key[1], key[0])
                self.store.set_status(*key, "Failed", f"could not be resumed: {err}", ended=True)
                continue
            with self._lock:
                self._active[key] = tuning

    def _step(self, t: ActiveTuning) -> None:
        if not t.stopping and self.store.get_status(t.owner, t.name) == "Stopping":
            t.stopping = True
        if t.stopping or t.ending:
            for run in t.running.values():
                self._stop_job(t, run["job"])  # nothing happens to a job already stopping
        for number, run in list(t.running.items()):
            try:
                job = self.jobs.get(t.viewer, run["job"])
            except NotFound:
                job = None
            if t.prunes and job is not None and job.status == "InProgress" and not run["pruned"]:
                self._report(t, number, run)
            if job is None or job.status in FINAL_STATUSES:
                self._finish_trial(t, number, run, job)
        if not t.stopping and not t.ending:
            self._launch(t)
        if not t.running and (t.stopping or t.ending or t.launched >= t.max_jobs):
            self._finish(t)

    def _launch(self, t: ActiveTuning, strict: bool = False) -> None:
        """Start training jobs while fewer than max_parallel_jobs run. `strict` (at creation): a job that
        cannot start is the request's error; later it is a Failed training job of the tuning job."""
        while len(t.running) < t.parallel and t.launched < t.max_jobs:
            if t.req.strategy == "Grid":
                if not t.grid:
                    t.max_jobs = t.launched
                    return
                t.study.enqueue_trial(t.grid.pop(0))
            trial = t.study.ask(t.space.distributions)
            number = t.number(trial)
            job_name = f"{t.name}-{number + 1:03d}-{secrets.token_hex(4)}"
            tuned = t.space.hyperparameters(trial.params)
            request = t.req.training_job.model_copy(
                update={
                    "job_name": job_name,
                    "hyperparameters": {**t.req.training_job.hyperparameters, **tuned},
                    "experiment_config": ExperimentConfig(experiment_name=t.experiment, trial_name=job_name),
                    "tags": {**t.req.training_job.tags, "smstudio:tuning-job": t.name},
                }
            )
            row = {
                "number": number,
                "training_job_name": job_name,
                "params": trial.params,
                "status": "InProgress",
                "objective_status": "Pending",
                "early_stopped": False,
                "intermediate": {},
                "creation_time": utcnow(),
            }
            try:
                self.training.create_training_job(t.viewer, request)
            except SmStudioError as err:
                t.study.tell(trial, state=TrialState.FAIL)
                if strict:
                    raise
                row.update(status="Failed", objective_status="Failed", failure_reason=err.message, end_time=utcnow())
                t.launched += 1
                self.store.add_trial(t.owner, t.name, row)
                continue
            t.launched += 1
            t.running[number] = {"trial": trial, "job": job_name, "reported": set(), "pruned": False}
            self.store.add_trial(t.owner, t.name, row)

    def _series(self, t: ActiveTuning, job_name: str) -> list[tuple[int, float]]:
        """The objective metric's points so far, as (step, value); a point without a step counts by order."""
        try:
            s = self.experiments.series(
                t.viewer, trial_component_name(job_name, "training"), t.req.objective.metric_name, max_points=1_000_000
            )
        except NotFound:
            return []
        return [
            (step if step is not None else i, v) for i, (step, v) in enumerate(zip(s.steps, s.values, strict=False))
        ]

    def _report(self, t: ActiveTuning, number: int, run: RunningTrial) -> None:
        trial, fresh = run["trial"], {}
        for step, value in self._series(t, run["job"]):
            if step not in run["reported"] and math.isfinite(value):
                trial.report(value, step)
                run["reported"].add(step)
                fresh[step] = value
        if not fresh:
            return
        stored = {str(k): v for k, v in t.study.get_trials(deepcopy=False)[trial.number].intermediate_values.items()}
        self.store.update_trial(t.owner, t.name, number, intermediate=stored)
        if trial.should_prune():
            run["pruned"] = True
            self.store.update_trial(t.owner, t.name, number, early_stopped=True)
            self._stop_job(t, run["job"], "stopped early: the objective so far is worse than earlier jobs'")

    def _stop_job(self, t: ActiveTuning, job_name: str, reason: Optional[str] = None) -> None:
        try:
            self.jobs.stop(t.viewer, job_name, reason)
        except NotFound:
            pass

    def _finish_trial(self, t: ActiveTuning, number: int, run: RunningTrial, job: Any) -> None:
        del t.running[number]
        points = [v for _, v in self._series(t, run["job"]) if math.isfinite(v)]
        value = points[-1] if points else None  # SageMaker's objective: the last value the job reported
        status = job.status if job is not None else "Failed"
        fields: dict[str, Any] = {
            "status": status,
            "end_time": utcnow(),
            "objective_value": value,
            "objective_status": "Succeeded" if value is not None else "Failed",
        }
        if run["pruned"]:  # stopped early: its objective so far still counts, as in SageMaker
            fields["early_stopped"] = True
            t.study.tell(run["trial"].number, state=TrialState.PRUNED)
        elif status == "Completed" and value is not None:
            t.study.tell(run["trial"].number, value)
        else:
            fields["objective_status"] = "Failed"
            if job is None:
                fields["failure_reason"] = "the training job no longer exists"
            elif status == "Completed":
                fields["failure_reason"] = (
                    f"the objective metric '{t.req.objective.metric_name}' was never "
                    "reported: check the job's metric_definitions against its log"
                )
            else:
                fields["failure_reason"] = job.failure_reason or f"the training job ended {status}"
            t.study.tell(run["trial"].number, state=TrialState.FAIL)
        self.store.update_trial(t.owner, t.name, number, **fields)
        if fields["objective_status"] == "Succeeded":
            t.outcomes.append(value)
        t.ending = t.ending or completion(t)

    def _finish(self, t: ActiveTuning) -> None:
        self._active.pop((t.owner, t.name), None)
        record = self.store.get(t.owner, t.name)
        succeeded = any(tr.objective_status == "Succeeded" for tr in record.trials)
        if t.stopping:
            self.store.set_status(t.owner, t.name, "Stopped", ended=True)
        elif succeeded:  # the reason column holds why it completed early, when it did
            self.store.set_status(t.owner, t.name, "Completed", t.ending, ended=True)
        else:
            self.store.set_status(
                t.owner,
                t.name,
                "Failed",
                f"no training job reported the objective metric '{t.req.objective.metric_name}'",
                ended=True,
            )

    def close(self) -> None:
        self._closing.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
