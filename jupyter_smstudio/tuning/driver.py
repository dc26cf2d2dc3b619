"""The thread that drives tuning jobs: one per process that runs them (a server, an SDK session).

It steps every active tuning job when one of its training jobs ends (the job service's change
hook wakes it) and at least twice a second: it feeds the objective's new points to the pruner
(early stopping), tells the study how finished training jobs did, and starts new ones while fewer
than max_parallel_jobs run. A tuning job is driven by one process at a time: the thread, its lease
and the adoption of jobs whose driver is gone are core/leased_driver.py's, shared with Autopilot.
"""

from __future__ import annotations

import math
import secrets
from typing import Any, Optional

from optuna.trial import TrialState

from ..core.errors import NotFound, SmStudioError
from ..core.leased_driver import LEASE_SECONDS, SCAN_SECONDS, Key, LeasedDriver
from ..core.orm import utcnow
from ..jobs.models import FINAL_STATUSES, ExperimentConfig, trial_component_name
from .store import TuningRecord, TuningStore
from .study import ActiveTuning, RunningTrial, completion


class Driver(LeasedDriver[TuningStore, ActiveTuning]):
    """Holds each tuning job it drives as an ActiveTuning: the Optuna study, rebuilt from the store on adoption."""

    def __init__(self, store: TuningStore, jobs: Any, training: Any, experiments: Any):
        # the lease's times are read here, by name, so that a test can shorten them on this module
        super().__init__(store, "tuning", "tuning job", lease_seconds=LEASE_SECONDS, scan_seconds=SCAN_SECONDS)
        self.jobs, self.training, self.experiments = jobs, training, experiments

    def load(self, record: TuningRecord) -> ActiveTuning:
        warm = ActiveTuning.request_of(record).warm_start
        # parents are the owner's own (service.py _check_parents)
        parents = tuple(self.store.get(record.owner, p) for p in (warm.parents if warm else []))
        return ActiveTuning(record, parents)

    def first_step(self, key: Key) -> ActiveTuning:
        """Start a new tuning job's first training jobs now (an error is the request's)."""
        tuning = self.load(self.store.get(*key))
        self._launch(tuning, strict=True)
        return tuning

    def resume(self, key: Key) -> ActiveTuning:
        return self.load(self.store.get(*key))

    def cannot_resume(self, key: Key, err: Exception) -> None:
        self.store.set_status(*key, "Failed", f"could not be resumed: {err}", ended=True)

    def advance(self, t: ActiveTuning) -> None:
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
        self.let_go((t.owner, t.name))
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
