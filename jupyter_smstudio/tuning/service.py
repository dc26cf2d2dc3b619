"""Automatic model tuning: an Optuna study per tuning job whose trials are training jobs.

One driver thread per server steps every active tuning job twice a second: it reads the
objective metric of running training jobs (for early stopping), tells Optuna how finished ones
did, and asks for new ones while fewer than max_parallel_jobs run. Every trial is a row
(tuning/store.py), so a restart rebuilds each study and carries on where it stopped.
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

import optuna
from optuna.trial import TrialState, create_trial

from ..core.auth import Viewer
from ..core.errors import BadRequest, NotFound, SmStudioError
from ..core.orm import utcnow
from ..jobs.models import FINAL_STATUSES, ExperimentConfig, trial_component_name
from .models import TuningJob, TuningJobList, TuningJobRequest, TuningTrial, TuningTrialList
from .search_space import SearchSpace, grid_points, restore_value, study, validate
from .store import TuningRecord, TuningStore

log = logging.getLogger(__name__)
STEP_SECONDS = 0.5
LEASE_SECONDS = 15.0  # a driver that has not stepped a job for this long is gone: another process takes over
SCAN_SECONDS = 5.0  # how often a driver looks for tuning jobs nobody drives
ACTIVE = ("InProgress", "Stopping")


class _Tuning:
    """A tuning job being driven: its request, its study, and the trials still running."""

    def __init__(self, record: TuningRecord, parents: tuple[TuningRecord, ...] = ()):
        self.name, self.owner = record.name, record.owner
        self.req = TuningJobRequest.model_validate(record.request)
        self.max_jobs = self.req.max_jobs or 1
        self.parallel = min(self.req.max_parallel_jobs, self.max_jobs)
        self.space = SearchSpace(self.req.parameter_ranges)
        self.study = study(self.req, self.space, self.max_jobs)
        self.stopping = record.status == "Stopping"
        self.ending: Optional[str] = None  # why it completes before max_jobs (completion criteria)
        self.running: dict[int, dict[str, Any]] = {}
        self.launched = len(record.trials)
        self.grid = grid_points(self.space) if self.req.strategy == "Grid" else []  # in the order given
        visited = [t["params"] for t in record.trials]
        self.grid = [p for p in self.grid if p not in visited]
        for parent in parents:  # warm start: the parents' results come first in the study
            self._seed(parent)
        self.offset = len(self.study.get_trials(deepcopy=False))  # study number of this job's trial 0
        for t in record.trials:  # the study again, trial by trial, in the order they were asked
            self._restore(t)
        ended = sorted((t for t in record.trials if t["end_time"] is not None), key=lambda t: t["end_time"])
        self.outcomes: list[Optional[float]] = [t["objective_value"] for t in ended
                                                if t["objective_status"] == "Succeeded"]

    def _seed(self, parent: TuningRecord) -> None:
        """A parent's scored training jobs, where every tuned parameter of this job has a value in range."""
        parent_space = SearchSpace(TuningJobRequest.model_validate(parent.request).parameter_ranges)
        for t in parent.trials:
            if t["objective_status"] != "Succeeded" or t["objective_value"] is None:
                continue
            values = parent_space.hyperparameters(t["params"])
            params = self.space.internal(values)
            if params is not None:
                self.study.add_trial(create_trial(params=params, distributions=self.space.distributions,
                                                  value=t["objective_value"]))

    def number(self, trial: Any) -> int:
        """This job's own number of a study trial (warm-start trials come first in the study)."""
        return trial.number - self.offset

    def _restore(self, t: dict) -> None:
        dists = self.space.distributions
        params = {k: restore_value(dists[k], v) for k, v in t["params"].items() if k in dists}
        steps = {int(k): v for k, v in (t["intermediate"] or {}).items()}
        if t["status"] == "InProgress":
            self.study.add_trial(create_trial(params=params, distributions=dists, state=TrialState.RUNNING,
                                              intermediate_values=steps))
            frozen = self.study.get_trials(deepcopy=False)[-1]
            self.running[t["number"]] = {"trial": optuna.trial.Trial(self.study, frozen._trial_id),
                                         "job": t["training_job_name"], "reported": set(steps), "pruned": False}
            return
        if t["objective_status"] == "Succeeded" and not t["early_stopped"]:
            state, value = TrialState.COMPLETE, t["objective_value"]
        else:
            state, value = (TrialState.PRUNED if t["early_stopped"] else TrialState.FAIL), None
        self.study.add_trial(create_trial(params=params, distributions=dists, state=state, value=value,
                                          intermediate_values=steps))

    @property
    def prunes(self) -> bool:
        return self.req.early_stopping_type == "Auto" or self.req.strategy == "Hyperband"

    @property
    def viewer(self) -> Viewer:
        return Viewer(user=self.owner)


class TuningService:
    def __init__(self, db, jobs, training, experiments):
        self.store = TuningStore(db)
        self.jobs, self.training, self.experiments = jobs, training, experiments
        self._active: dict[str, _Tuning] = {}
        self._lock = threading.RLock()
        self._closing = threading.Event()
        self._thread: Optional[threading.Thread] = None
        self.driver = f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(3)}"
        self._next_scan = 0.0

    def resume(self) -> None:
        """After a restart (the server's, or an SDK session's): drive the unfinished tuning jobs once their
        lease is free. Called where jobs are reconciled, never inside a job's own process."""
        if self.store.names_in(ACTIVE):
            self._start()

    # -- requests ---------------------------------------------------------------------------------
    def create(self, viewer: Viewer, req: TuningJobRequest) -> TuningJob:
        max_jobs = validate(req)
        self._check_parents(viewer, req)
        name = req.tuning_job_name or _name(req.base_tuning_job_name or "tuning")
        request = req.model_dump(mode="json", by_alias=True)
        request.update(tuning_job_name=name, max_jobs=max_jobs)
        self.store.create(name, viewer.user, request)
        self.store.claim(name, self.driver, LEASE_SECONDS)
        with self._lock:
            tuning = self._tuning(self.store.get(name))
            try:  # the first training jobs start now: a mistake in training_job is a 400 naming its field
                self._launch(tuning, strict=True)
            except SmStudioError as err:  # the same error, its field inside training_job; no record is kept
                self.store.delete(name)
                raise type(err)(f"training_job: {err.message}",
                                field=f"training_job.{err.field}" if err.field else "training_job") from err
            self._active[name] = tuning
        self._start()
        return self.describe(viewer, name)

    def _tuning(self, record: TuningRecord) -> _Tuning:
        warm = TuningJobRequest.model_validate(record.request).warm_start
        return _Tuning(record, tuple(self.store.get(p) for p in (warm.parents if warm else [])))

    def _check_parents(self, viewer: Viewer, req: TuningJobRequest) -> None:
        """Warm start: parents exist for this user, have ended, and optimized the same objective."""
        for i, parent in enumerate(req.warm_start.parents if req.warm_start else []):
            field = f"warm_start.parents.{i}"
            try:
                record = self.store.get(parent)
                viewer.require(record.owner, f"tuning job '{parent}'", field=field)
            except NotFound:
                raise NotFound(f"tuning job '{parent}' does not exist", field=field) from None
            if record.status in ACTIVE:
                raise BadRequest(f"tuning job '{parent}' is still {record.status}: a parent must have ended",
                                 field=field)
            objective = TuningJobRequest.model_validate(record.request).objective
            if objective != req.objective:
                raise BadRequest(f"tuning job '{parent}' optimized {objective.type} {objective.metric_name}, "
                                 f"not {req.objective.type} {req.objective.metric_name}", field=field)

    def describe(self, viewer: Viewer, name: str) -> TuningJob:
        record = self.store.get(name)
        viewer.require(record.owner, f"tuning job '{name}'", field="tuning_job_name")
        return _describe(record)

    def list(self, viewer: Viewer, status: Optional[str] = None, name_contains: Optional[str] = None,
             limit: int = 100, offset: int = 0) -> TuningJobList:
        if status and status not in ("InProgress", "Completed", "Failed", "Stopping", "Stopped"):
            raise BadRequest(f"unknown status '{status}'", field="status")
        if not 1 <= limit <= 1000 or offset < 0:
            raise BadRequest("'limit' must be 1..1000 and 'offset' >= 0", field="limit")
        records, total = self.store.list(viewer.owner_filter, status, name_contains, limit, offset)
        return TuningJobList(tuning_jobs=[_describe(r) for r in records], total=total)

    def training_jobs(self, viewer: Viewer, name: str) -> TuningTrialList:
        record = self.store.get(name)
        viewer.require(record.owner, f"tuning job '{name}'", field="tuning_job_name")
        trials = _trials(record)
        return TuningTrialList(training_jobs=trials, total=len(trials))

    def stop(self, viewer: Viewer, name: str) -> TuningJob:
        """Stop launching and stop the running training jobs (the driver does it within a step)."""
        record = self.store.get(name)
        viewer.require(record.owner, f"tuning job '{name}'", field="tuning_job_name")
        if record.status == "InProgress":
            self.store.set_status(name, "Stopping")
        return self.describe(viewer, name)

    # -- the driver -------------------------------------------------------------------------------
    def _start(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._drive, name="smstudio-tuning", daemon=True)
                self._thread.start()

    def _drive(self) -> None:
        while not self._closing.wait(STEP_SECONDS):
            try:
                self._adopt()
            except Exception:  # noqa: BLE001 - the store may be away for a moment
                log.exception("smstudio: could not look for tuning jobs to drive")
            with self._lock:
                names = list(self._active)
            for name in names:
                try:
                    with self._lock:
                        if not self.store.claim(name, self.driver, LEASE_SECONDS):
                            self._active.pop(name, None)  # finished elsewhere, or another process drives it
                            continue
                        self._step(self._active[name])
                except Exception:  # noqa: BLE001 - the next step tries again; say why
                    log.exception("smstudio: tuning job %s could not advance", name)

    def _adopt(self) -> None:
        """Take over unfinished tuning jobs whose driver is gone (a restart, an SDK process that ended)."""
        if time.monotonic() < self._next_scan:
            return
        self._next_scan = time.monotonic() + SCAN_SECONDS
        for name in self.store.names_in(ACTIVE):
            if name in self._active or not self.store.claim(name, self.driver, LEASE_SECONDS):
                continue
            try:
                tuning = self._tuning(self.store.get(name))
            except Exception as err:  # noqa: BLE001 - one broken record must not stop the others
                log.exception("smstudio: cannot resume tuning job %s", name)
                self.store.set_status(name, "Failed", f"could not be resumed: {err}", ended=True)
                continue
            with self._lock:
                self._active[name] = tuning

    def _step(self, t: _Tuning) -> None:
        if not t.stopping and self.store.get_status(t.name) == "Stopping":
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

    def _launch(self, t: _Tuning, strict: bool = False) -> None:
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
            request = t.req.training_job.model_copy(update={
                "job_name": job_name, "hyperparameters": {**t.req.training_job.hyperparameters, **tuned},
                "experiment_config": ExperimentConfig(experiment_name=t.name, trial_name=job_name),
                "tags": {**t.req.training_job.tags, "smstudio:tuning-job": t.name}})
            row = {"number": number, "training_job_name": job_name, "params": trial.params,
                   "status": "InProgress", "objective_status": "Pending", "early_stopped": False,
                   "intermediate": {}, "creation_time": utcnow()}
            try:
                self.training.create_training_job(t.viewer, request)
            except SmStudioError as err:
                t.study.tell(trial, state=TrialState.FAIL)
                if strict:
                    raise
                row.update(status="Failed", objective_status="Failed", failure_reason=err.message, end_time=utcnow())
                t.launched += 1
                self.store.add_trial(t.name, row)
                continue
            t.launched += 1
            t.running[number] = {"trial": trial, "job": job_name, "reported": set(), "pruned": False}
            self.store.add_trial(t.name, row)

    def _series(self, t: _Tuning, job_name: str) -> list[tuple[int, float]]:
        """The objective metric's points so far, as (step, value); a point without a step counts by order."""
        try:
            s = self.experiments.series(t.viewer, trial_component_name(job_name, "training"),
                                        t.req.objective.metric_name, max_points=1_000_000)
        except NotFound:
            return []
        return [(step if step is not None else i, v) for i, (step, v) in enumerate(zip(s.steps, s.values))]

    def _report(self, t: _Tuning, number: int, run: dict) -> None:
        trial, fresh = run["trial"], {}
        for step, value in self._series(t, run["job"]):
            if step not in run["reported"] and math.isfinite(value):
                trial.report(value, step)
                run["reported"].add(step)
                fresh[step] = value
        if not fresh:
            return
        stored = {str(k): v for k, v in t.study.get_trials(deepcopy=False)[trial.number].intermediate_values.items()}
        self.store.update_trial(t.name, number, intermediate=stored)
        if trial.should_prune():
            run["pruned"] = True
            self.store.update_trial(t.name, number, early_stopped=True)
            self._stop_job(t, run["job"], "stopped early: the objective so far is worse than earlier jobs'")

    def _stop_job(self, t: _Tuning, job_name: str, reason: Optional[str] = None) -> None:
        try:
            self.jobs.stop(t.viewer, job_name, reason)
        except NotFound:
            pass

    def _finish_trial(self, t: _Tuning, number: int, run: dict, job: Any) -> None:
        del t.running[number]
        points = [v for _, v in self._series(t, run["job"]) if math.isfinite(v)]
        value = points[-1] if points else None  # SageMaker's objective: the last value the job reported
        status = job.status if job is not None else "Failed"
        fields: dict[str, Any] = {"status": status, "end_time": utcnow(), "objective_value": value,
                                  "objective_status": "Succeeded" if value is not None else "Failed"}
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
                fields["failure_reason"] = (f"the objective metric '{t.req.objective.metric_name}' was never "
                                            "reported: check the job's metric_definitions against its log")
            else:
                fields["failure_reason"] = job.failure_reason or f"the training job ended {status}"
            t.study.tell(run["trial"].number, state=TrialState.FAIL)
        self.store.update_trial(t.name, number, **fields)
        if fields["objective_status"] == "Succeeded":
            t.outcomes.append(value)
        t.ending = t.ending or _completion(t)

    def _finish(self, t: _Tuning) -> None:
        self._active.pop(t.name, None)
        record = self.store.get(t.name)
        succeeded = any(tr["objective_status"] == "Succeeded" for tr in record.trials)
        if t.stopping:
            self.store.set_status(t.name, "Stopped", ended=True)
        elif succeeded:  # the reason column holds why it completed early, when it did
            self.store.set_status(t.name, "Completed", t.ending, ended=True)
        else:
            self.store.set_status(t.name, "Failed", "no training job reported the objective metric "
                                  f"'{t.req.objective.metric_name}'", ended=True)

    def close(self) -> None:
        self._closing.set()
        if self._thread is not None:
            self._thread.join(timeout=5)


def _completion(t: _Tuning) -> Optional[str]:
    """Whether the completion criteria are met by the training jobs ended so far (and why)."""
    criteria = t.req.completion_criteria
    scores = [v for v in t.outcomes if v is not None]
    if criteria is None or not scores:
        return None
    maximize = t.req.objective.type == "Maximize"
    best = max(scores) if maximize else min(scores)
    target = criteria.target_objective_metric_value
    if target is not None and (best >= target if maximize else best <= target):
        return f"the objective reached {best:g} (target {target:g})"
    patience = criteria.max_number_training_jobs_not_improving
    if patience:
        best_at = scores.index(best)
        if len(scores) - 1 - best_at >= patience:
            return f"{patience} training jobs in a row did not improve on {best:g}"
    return None


def _name(base: str) -> str:
    """SageMaker's tuning job names: base + a timestamp, 32 characters at most."""
    stamp = time.strftime("%y%m%d-%H%M%S", time.gmtime()) + f"-{secrets.token_hex(2)}"
    return f"{base[:32 - len(stamp) - 1]}-{stamp}"


def _trials(record: TuningRecord) -> list[TuningTrial]:
    space = SearchSpace(TuningJobRequest.model_validate(record.request).parameter_ranges)
    return [TuningTrial(number=t["number"], training_job_name=t["training_job_name"], status=t["status"],
                        tuned_hyperparameters=space.hyperparameters(t["params"]),
                        objective_value=t["objective_value"], objective_status=t["objective_status"],
                        early_stopped=bool(t["early_stopped"]), failure_reason=t["failure_reason"],
                        creation_time=t["creation_time"], end_time=t["end_time"]) for t in record.trials]


def _describe(record: TuningRecord) -> TuningJob:
    req = TuningJobRequest.model_validate(record.request)
    trials = _trials(record)
    status_counters = {k: 0 for k in ("Completed", "InProgress", "Failed", "Stopped")}
    objective_counters = {k: 0 for k in ("Succeeded", "Pending", "Failed")}
    for tr in trials:
        status_counters[tr.status] = status_counters.get(tr.status, 0) + 1
        objective_counters[tr.objective_status] += 1
    scored = [tr for tr in trials if tr.objective_status == "Succeeded" and tr.objective_value is not None]
    sign = 1 if req.objective.type == "Maximize" else -1
    best = max(scored, key=lambda tr: sign * tr.objective_value, default=None)
    return TuningJob(
        tuning_job_name=record.name, owner=record.owner, status=record.status,
        failure_reason=None if record.status == "Completed" else record.failure_reason,
        completion_reason=record.failure_reason if record.status == "Completed" else None,
        warm_start=req.warm_start, completion_criteria=req.completion_criteria,
        strategy=req.strategy, objective=req.objective, parameter_ranges=req.parameter_ranges,
        max_jobs=req.max_jobs or 1, max_parallel_jobs=req.max_parallel_jobs,
        early_stopping_type=req.early_stopping_type, creation_time=record.creation_time,
        last_modified_time=record.last_modified_time, end_time=record.end_time, status_counters=status_counters,
        objective_counters=objective_counters, best_training_job=best, training_job=req.training_job, tags=req.tags)

