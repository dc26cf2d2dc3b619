"""One tuning job's Optuna study, rebuilt from the store: its trials, parents (warm start), the
trials still running, and whether the completion criteria are met. The only module that imports
Optuna at run time, so processes that only read tuning jobs never load it."""

from __future__ import annotations

from operator import attrgetter
from typing import Optional, TypedDict

from optuna.trial import FrozenTrial, Trial, TrialState, create_trial

from ..core.auth import Viewer
from .models import TuningJobRequest
from .search_space import SearchSpace, grid_points, restore_value, study
from .store import TrialRecord, TuningRecord


class RunningTrial(TypedDict):
    """A trial whose training job runs: the steps already reported to the pruner, and whether it pruned the job."""

    trial: Trial
    job: str
    reported: set[int]
    pruned: bool


class ActiveTuning:
    """A tuning job being driven: its request, its study, and the trials still running."""

    def __init__(self, record: TuningRecord, parents: tuple[TuningRecord, ...] = ()):
        self.name, self.owner = record.name, record.owner
        self.req = record.request
        # its training jobs join the experiment the training job template names (an AutoML job's), else its own
        given = self.req.training_job.experiment_config
        self.experiment = (given.experiment_name if given else None) or record.name
        self.max_jobs = self.req.max_jobs or 1
        self.parallel = min(self.req.max_parallel_jobs, self.max_jobs)
        self.space = SearchSpace(self.req.parameter_ranges)
        self.study = study(self.req, self.space, self.max_jobs)
        self.stopping = record.status == "Stopping"
        self.ending: Optional[str] = None  # why it completes before max_jobs (completion criteria)
        self.running: dict[int, RunningTrial] = {}
        self.launched = len(record.trials)
        self.grid = grid_points(self.space) if self.req.strategy == "Grid" else []  # in the order given
        visited = [t.params for t in record.trials]
        self.grid = [p for p in self.grid if p not in visited]
        for parent in parents:  # warm start: the parents' results come first in the study
            self._seed(parent)
        self.offset = len(self.study.get_trials(deepcopy=False))  # study number of this job's trial 0
        for t in record.trials:  # the study again, trial by trial, in the order they were asked
            self._restore(t)
        ended = sorted((t for t in record.trials if t.end_time is not None), key=attrgetter("end_time"))
        self.outcomes: list[Optional[float]] = [t.objective_value for t in ended if t.objective_status == "Succeeded"]

    def _seed(self, parent: TuningRecord) -> None:
        """A parent's scored training jobs, where every tuned parameter of this job has a value in range."""
        parent_space = SearchSpace(parent.request.parameter_ranges)
        for t in parent.trials:
            if t.objective_status != "Succeeded" or t.objective_value is None:
                continue
            values = parent_space.hyperparameters(t.params)
            params = self.space.internal(values)
            if params is not None:
                self.study.add_trial(
                    create_trial(params=params, distributions=self.space.distributions, value=t.objective_value)
                )

    def number(self, trial: Trial | FrozenTrial) -> int:
        """This job's own number of a study trial (warm-start trials come first in the study)."""
        return trial.number - self.offset

    def _restore(self, t: TrialRecord) -> None:
        dists = self.space.distributions
        params = {k: restore_value(dists[k], v) for k, v in t.params.items() if k in dists}
        steps = {int(k): v for k, v in (t.intermediate or {}).items()}
        if t.status == "InProgress":
            self.study.add_trial(
                create_trial(params=params, distributions=dists, state=TrialState.RUNNING, intermediate_values=steps)
            )
            frozen = self.study.get_trials(deepcopy=False)[-1]
            self.running[t.number] = {
                "trial": Trial(self.study, frozen._trial_id),
                "job": t.training_job_name,
                "reported": set(steps),
                "pruned": False,
            }
            return
        if t.objective_status == "Succeeded" and not t.early_stopped:
            state, value = TrialState.COMPLETE, t.objective_value
        else:
            state, value = (TrialState.PRUNED if t.early_stopped else TrialState.FAIL), None
        self.study.add_trial(
            create_trial(params=params, distributions=dists, state=state, value=value, intermediate_values=steps)
        )

    @staticmethod
    def request_of(record: TuningRecord) -> TuningJobRequest:
        return record.request

    @property
    def prunes(self) -> bool:
        return self.req.early_stopping_type == "Auto" or self.req.strategy == "Hyperband"

    @property
    def viewer(self) -> Viewer:
        return Viewer(user=self.owner)


def completion(t: ActiveTuning) -> Optional[str]:
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
