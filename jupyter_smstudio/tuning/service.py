"""Automatic model tuning: tuning jobs whose trials are training jobs, searched by Optuna.

This module answers requests (create, describe, list, stop); `driver.py` runs the searches, in a
thread started when there is something to drive (Optuna is imported only then).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from ..core.auth import Viewer, resolve_owner
from ..core.db import Database
from ..core.errors import BadRequest, NotFound, SmStudioError
from ..core.names import name_from_base
from ..core.paging import check_page
from ..experiments.service import ExperimentService
from ..jobs.models import ACTIVE_STATUSES, FINAL_STATUSES, ExperimentConfig, Job
from ..jobs.service import JobService
from ..training.service import TrainingService
from .models import TuningJob, TuningJobList, TuningJobRequest, TuningTrial, TuningTrialList
from .store import TuningRecord, TuningStore
from .validation import tuned_values, validate

if TYPE_CHECKING:
    from .driver import Driver


class TuningService:
    def __init__(self, db: Database, jobs: JobService, training: TrainingService, experiments: ExperimentService):
        self.store = TuningStore(db)
        self.jobs, self.training, self.experiments = jobs, training, experiments
        self._drv: Optional[Driver] = None

    def _driver(self) -> Driver:
        if self._drv is None:
            from .driver import Driver

            self._drv = Driver(self.store, self.jobs, self.training, self.experiments)
        return self._drv

    def resume(self) -> None:
        """After a restart (the server's, or an SDK session's): drive the unfinished tuning jobs once their
        lease is free. Called where jobs are reconciled, never inside a job's own process."""
        if self.store.keys_in(ACTIVE_STATUSES):
            self._driver().start()

    def job_changed(self, job: Job) -> None:
        """A tuning job's training job ended: step its search now, not at the next tick."""
        if self._drv is not None and job.status in FINAL_STATUSES and "smstudio:tuning-job" in job.tags:
            self._drv.wake()

    def close(self) -> None:
        if self._drv is not None:
            self._drv.close()

    # -- requests ---------------------------------------------------------------------------------
    def create(self, viewer: Viewer, request: TuningJobRequest) -> TuningJob:
        req = request
        max_jobs = validate(req)
        self._check_parents(viewer, req)
        name = req.tuning_job_name or name_from_base(req.base_tuning_job_name or "tuning", max_length=32)
        # its training jobs are tracked in the experiment named after it (or the one its template names), which
        # must be the user's or new
        given = req.training_job.experiment_config
        experiment = (given.experiment_name if given else None) or name
        try:
            self.experiments.check_placement(viewer, ExperimentConfig(experiment_name=experiment))
        except SmStudioError as err:
            raise type(err)(f"tuning_job_name: {err.message}", field="tuning_job_name") from err
        stored = req.model_dump(mode="json", by_alias=True)
        stored.update(tuning_job_name=name, max_jobs=max_jobs)
        self.store.create(name, viewer.user, stored)
        try:  # the first training jobs start now: a mistake in training_job is a 400 naming its field
            self._driver().begin(viewer.user, name)
        except SmStudioError as err:  # the same error, its field inside training_job; no record is kept
            self.store.delete(viewer.user, name)
            raise type(err)(
                f"training_job: {err.message}", field=f"training_job.{err.field}" if err.field else "training_job"
            ) from err
        return self.describe(viewer, name)

    def _check_parents(self, viewer: Viewer, req: TuningJobRequest) -> None:
        """Warm start: parents are this user's own (names are unique per owner: the driver finds them among the
        tuning job owner's), have ended, and optimized the same objective."""
        for i, parent in enumerate(req.warm_start.parents if req.warm_start else []):
            field = f"warm_start.parents.{i}"
            try:
                record = self.store.get(viewer.user, parent)
            except NotFound:
                raise NotFound(f"tuning job '{parent}' does not exist", field=field) from None
            if record.status in ACTIVE_STATUSES:
                raise BadRequest(
                    f"tuning job '{parent}' is still {record.status}: a parent must have ended", field=field
                )
            objective = record.request.objective
            if objective != req.objective:
                raise BadRequest(
                    f"tuning job '{parent}' optimized {objective.type} {objective.metric_name}, "
                    f"not {req.objective.type} {req.objective.metric_name}",
                    field=field,
                )

    def _record(self, viewer: Viewer, name: str) -> TuningRecord:
        """The viewer's tuning job of that name; for an admin, the one user's who has one (core/auth.py)."""
        holders = ((owner, False) for owner in self.store.owners(name))
        return self.store.get(resolve_owner(viewer, holders, "tuning job", name, "tuning_job_name"), name)

    def describe(self, viewer: Viewer, tuning_job_name: str) -> TuningJob:
        return _describe(self._record(viewer, tuning_job_name))

    def list(
        self,
        viewer: Viewer,
        status: Optional[str] = None,
        name_contains: Optional[str] = None,
        limit: int = 100,
        offset: int = 0,
    ) -> TuningJobList:
        if status and status not in (*ACTIVE_STATUSES, *FINAL_STATUSES):
            raise BadRequest(f"unknown status '{status}'", field="status")
        check_page(limit, offset)
        records, total = self.store.list(viewer.owner_filter, status, name_contains, limit, offset)
        return TuningJobList(tuning_jobs=[_describe(r) for r in records], total=total)

    def training_jobs(self, viewer: Viewer, tuning_job_name: str) -> TuningTrialList:
        trials = _trials(self._record(viewer, tuning_job_name))
        return TuningTrialList(training_jobs=trials, total=len(trials))

    def stop(self, viewer: Viewer, tuning_job_name: str) -> TuningJob:
        """Stop launching and stop the running training jobs (the driver does it within a step)."""
        record = self._record(viewer, tuning_job_name)
        if record.status == "InProgress":
            self.store.set_status(record.owner, tuning_job_name, "Stopping")
        return self.describe(viewer, tuning_job_name)


def _trials(record: TuningRecord) -> list[TuningTrial]:
    ranges = record.request.parameter_ranges
    return [
        TuningTrial(
            number=t.number,
            training_job_name=t.training_job_name,
            status=t.status,
            tuned_hyperparameters=tuned_values(ranges, t.params),
            objective_value=t.objective_value,
            objective_status=t.objective_status,
            early_stopped=bool(t.early_stopped),
            failure_reason=t.failure_reason,
            creation_time=t.creation_time,
            end_time=t.end_time,
        )
        for t in record.trials
    ]


def _describe(record: TuningRecord) -> TuningJob:
    req = record.request
    trials = _trials(record)
    status_counters = dict.fromkeys(("Completed", "InProgress", "Failed", "Stopped"), 0)
    objective_counters = dict.fromkeys(("Succeeded", "Pending", "Failed"), 0)
    for tr in trials:
        status_counters[tr.status] = status_counters.get(tr.status, 0) + 1
        objective_counters[tr.objective_status] += 1
    sign = 1 if req.objective.type == "Maximize" else -1
    scored = [
        (sign * tr.objective_value, tr)
        for tr in trials
        if tr.objective_status == "Succeeded" and tr.objective_value is not None
    ]
    best = max(scored, key=lambda pair: pair[0])[1] if scored else None  # the first of equals, as before
    return TuningJob(
        tuning_job_name=record.name,
        owner=record.owner,
        status=record.status,
        failure_reason=None if record.status == "Completed" else record.failure_reason,
        completion_reason=record.failure_reason if record.status == "Completed" else None,
        warm_start=req.warm_start,
        completion_criteria=req.completion_criteria,
        strategy=req.strategy,
        objective=req.objective,
        parameter_ranges=req.parameter_ranges,
        max_jobs=req.max_jobs or 1,
        max_parallel_jobs=req.max_parallel_jobs,
        early_stopping_type=req.early_stopping_type,
        creation_time=record.creation_time,
        last_modified_time=record.last_modified_time,
        end_time=record.end_time,
        status_counters=status_counters,
        objective_counters=objective_counters,
        best_training_job=best,
        training_job=req.training_job,
        tags=req.tags,
    )
