"""Automatic model tuning: tuning jobs whose trials are training jobs, searched by Optuna.

This module answers requests (create, describe, list, stop); `driver.py` runs the searches, in a
thread started when there is something to drive (Optuna is imported only then).
"""
from __future__ import annotations

import secrets
import time
from typing import Any, Optional

from ..core.auth import Viewer
from ..core.errors import BadRequest, NotFound, SmStudioError
from .models import TuningJob, TuningJobList, TuningJobRequest, TuningTrial, TuningTrialList
from .store import TuningRecord, TuningStore
from .validation import tuned_values, validate

ACTIVE = ("InProgress", "Stopping")


class TuningService:
    def __init__(self, db, jobs, training, experiments):
        self.store = TuningStore(db)
        self.jobs, self.training, self.experiments = jobs, training, experiments
        self._drv: Any = None

    def _driver(self):
        if self._drv is None:
            from .driver import Driver

            self._drv = Driver(self.store, self.jobs, self.training, self.experiments)
        return self._drv

    def resume(self) -> None:
        """After a restart (the server's, or an SDK session's): drive the unfinished tuning jobs once their
        lease is free. Called where jobs are reconciled, never inside a job's own process."""
        if self.store.names_in(ACTIVE):
            self._driver().start()

    def job_changed(self, job: Any) -> None:
        """The job service's change hook: a tuning job's training job ended, so step now, not at the next tick."""
        if self._drv is not None and job.status in ("Completed", "Failed", "Stopped") \
                and "smstudio:tuning-job" in (job.tags or {}):
            self._drv.wake()

    def close(self) -> None:
        if self._drv is not None:
            self._drv.close()

    # -- requests ---------------------------------------------------------------------------------
    def create(self, viewer: Viewer, req: TuningJobRequest) -> TuningJob:
        max_jobs = validate(req)
        self._check_parents(viewer, req)
        name = req.tuning_job_name or _name(req.base_tuning_job_name or "tuning")
        request = req.model_dump(mode="json", by_alias=True)
        request.update(tuning_job_name=name, max_jobs=max_jobs)
        self.store.create(name, viewer.user, request)
        try:  # the first training jobs start now: a mistake in training_job is a 400 naming its field
            self._driver().begin(name)
        except SmStudioError as err:  # the same error, its field inside training_job; no record is kept
            self.store.delete(name)
            raise type(err)(f"training_job: {err.message}",
                            field=f"training_job.{err.field}" if err.field else "training_job") from err
        return self.describe(viewer, name)

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

def _name(base: str) -> str:
    """SageMaker's tuning job names: base + a timestamp, 32 characters at most."""
    stamp = time.strftime("%y%m%d-%H%M%S", time.gmtime()) + f"-{secrets.token_hex(2)}"
    return f"{base[:32 - len(stamp) - 1]}-{stamp}"


def _trials(record: TuningRecord) -> list[TuningTrial]:
    ranges = TuningJobRequest.model_validate(record.request).parameter_ranges
    return [TuningTrial(number=t["number"], training_job_name=t["training_job_name"], status=t["status"],
                        tuned_hyperparameters=tuned_values(ranges, t["params"]),
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

