"""Experiments: the rules (ownership, cascade, search, lineage, auto-tracking); no tornado and no SQL
here: the stores (store.py, metrics.py, search_store.py) own every query."""

from __future__ import annotations

import logging
from typing import Callable, Optional

import numpy as np

from ..core.auth import Viewer
from ..core.db import Database, retrying
from ..core.errors import BadRequest, Forbidden, NotFound
from ..core.operations import MAX_INT
from ..core.paging import check_page
from ..jobs.models import ExperimentConfig, Job, JobMetrics, trial_component_name
from .metrics import MetricStore
from .models import (
    Association,
    Columns,
    DeleteResult,
    Experiment,
    ExperimentCreate,
    ExperimentList,
    ExperimentUpdate,
    Lineage,
    LineageNode,
    MetricBatch,
    MetricCount,
    MetricPoint,
    MetricSeries,
    SearchRequest,
    SearchResult,
    Trial,
    TrialComponent,
    TrialComponentCreate,
    TrialComponentUpdate,
    TrialCreate,
    TrialList,
)
from .search import check_limits
from .search_store import SearchStore
from .store import ExperimentStore
from .tracking import JobTracker

log = logging.getLogger(__name__)
MetricArrays = dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]


class ExperimentService:
    def __init__(
        self, db: Database, on_change: Callable[[str, str, str], object] = lambda name, owner, change: None
    ):  # on_change's answer is not used (the room's publish answers whether every subscriber took it)
        self.db = db
        self.store = ExperimentStore(db)
        self.metrics = MetricStore(db)
        self.finder = SearchStore(db)
        self.on_change = on_change
        self.tracker = JobTracker(self)

    # -- experiments ----------------------------------------------------------------------------
    def create_experiment(self, viewer: Viewer, request: ExperimentCreate) -> Experiment:
        r = request
        return self.store.create_experiment(
            viewer.user, r.experiment_name, r.display_name, r.description, r.folder, r.tags, r.shared
        )

    def get_experiment(self, viewer: Viewer, experiment_name: str) -> Experiment:
        """Read access: the owner, an admin, or anyone when the experiment is shared."""
        exp = self.store.get_experiment(experiment_name)
        if not exp.shared:
            viewer.require(exp.owner, f"experiment '{experiment_name}'", field="experiment_name")
        return exp

    def _own_experiment(self, viewer: Viewer, name: str) -> Experiment:
        """Write access: only the owner (or an admin); a shared experiment is read-only to others."""
        return _writable(viewer, self.store.get_experiment(name), "experiment_name")

    def check_placement(
        self, viewer: Viewer, config: Optional[ExperimentConfig], field: str = "experiment_config"
    ) -> None:
        """A job joins an experiment and a trial only when they are the viewer's own (or new): the same rule
        as creating a trial or associating a component, for every write path (jobs, tracking, tuning)."""
        if config is None:
            return
        if config.experiment_name:
            try:
                exp = self.store.get_experiment(config.experiment_name)
            except NotFound:
                exp = None  # absent: the job's tracking creates it, as the viewer's
            if exp is not None:
                _writable(viewer, exp, f"{field}.ExperimentName")
        trial_name = config.trial_name or config.run_name
        if trial_name:
            trial_field = f"{field}.{'TrialName' if config.trial_name else 'RunName'}"
            try:
                trial = self.store.get_trial(trial_name)
            except NotFound:
                return  # absent: the job creates it
            viewer.require(trial.owner, f"trial '{trial_name}'", field=trial_field)
            if config.experiment_name and trial.experiment_name != config.experiment_name:
                raise BadRequest(
                    f"trial '{trial_name}' belongs to experiment '{trial.experiment_name}', not "
                    f"'{config.experiment_name}'",
                    field=trial_field,
                )

    def list_experiments(
        self,
        viewer: Viewer,
        folder: Optional[str] = None,
        name_contains: Optional[str] = None,
        limit: int = 100,
        offset: int = 0,
    ) -> ExperimentList:
        check_page(limit, offset)
        items, total = self.store.list_experiments(viewer.owner_filter, folder, name_contains, limit, offset)
        return ExperimentList(experiments=items, total=total)

    def update_experiment(self, viewer: Viewer, experiment_name: str, request: ExperimentUpdate) -> Experiment:
        self._own_experiment(viewer, experiment_name)
        return self.store.update_experiment(experiment_name, request.model_dump(exclude_none=True))

    def delete_experiment(self, viewer: Viewer, experiment_name: str, cascade: bool = False) -> DeleteResult:
        self._own_experiment(viewer, experiment_name)
        return DeleteResult(deleted=self.store.delete_experiment(experiment_name, cascade))

    # -- trials ---------------------------------------------------------------------------------
    def create_trial(self, viewer: Viewer, request: TrialCreate) -> Trial:
        self._own_experiment(viewer, request.experiment_name)
        return self.store.create_trial(
            viewer.user, request.trial_name, request.experiment_name, request.display_name, request.tags
        )

    def get_trial(self, viewer: Viewer, trial_name: str, write: bool = False) -> Trial:
        trial = self.store.get_trial(trial_name)
        if write or not self.store.get_experiment(trial.experiment_name).shared:
            viewer.require(trial.owner, f"trial '{trial_name}'", field="trial_name")
        return trial

    def list_trials(
        self, viewer: Viewer, experiment_name: Optional[str] = None, limit: int = 100, offset: int = 0
    ) -> TrialList:
        check_page(limit, offset)
        if experiment_name:
            self.get_experiment(viewer, experiment_name)
        items, total = self.store.list_trials(viewer.owner_filter, experiment_name, limit, offset)
        return TrialList(trials=items, total=total)

    def delete_trial(self, viewer: Viewer, trial_name: str, cascade: bool = False) -> DeleteResult:
        self.get_trial(viewer, trial_name, write=True)
        return DeleteResult(deleted=self.store.delete_trial(trial_name, cascade))

    # -- trial components -----------------------------------------------------------------------
    def create_component(self, viewer: Viewer, request: TrialComponentCreate, brief: bool = False) -> TrialComponent:
        """`brief`: answer without parameters, metrics, artifacts and parents (four fewer queries)."""
        tc = self.store.create_component(viewer.user, request, viewer=viewer, brief=brief)
        self.on_change(tc.trial_component_name, tc.owner, "created")
        return tc

    def get_component(self, viewer: Viewer, trial_component_name: str) -> TrialComponent:
        name = trial_component_name
        tc = self.store.get_component(name)
        if not viewer.can_see(tc.owner) and not self.store.component_shared(name):
            viewer.require(tc.owner, f"trial component '{name}'", field="trial_component_name")
        return tc

    def _readable_component(self, viewer: Viewer, name: str) -> None:
        owner = self.store.component_owner(name)
        if not viewer.can_see(owner) and not self.store.component_shared(name):
            viewer.require(owner, f"trial component '{name}'", field="trial_component_name")

    def _require_component(self, viewer: Viewer, name: str) -> str:
        owner = self.store.component_owner(name)
        viewer.require(owner, f"trial component '{name}'", field="trial_component_name")
        return owner

    def update_component(
        self, viewer: Viewer, trial_component_name: str, request: TrialComponentUpdate, brief: bool = False
    ) -> TrialComponent:
        tc = self.store.update_component(trial_component_name, request, viewer=viewer, brief=brief)
        self.on_change(trial_component_name, tc.owner, "updated")
        return tc

    def delete_component(self, viewer: Viewer, trial_component_name: str) -> DeleteResult:
        owner = self._require_component(viewer, trial_component_name)
        self.store.delete_component(trial_component_name)
        self.on_change(trial_component_name, owner, "deleted")
        return DeleteResult(deleted={"trial_components": 1})

    def associate(self, viewer: Viewer, trial_component_name: str, request: Association) -> TrialComponent:
        return self._link(viewer, trial_component_name, request.trial_name, self.store.associate)

    def disassociate(self, viewer: Viewer, trial_component_name: str, trial_name: str) -> TrialComponent:
        return self._link(viewer, trial_component_name, trial_name, self.store.disassociate)

    def _link(
        self, viewer: Viewer, name: str, trial: str, change: Callable[[str, str], TrialComponent]
    ) -> TrialComponent:
        owner = self._require_component(viewer, name)
        self.get_trial(viewer, trial, write=True)
        tc = change(name, trial)
        self.on_change(name, owner, "updated")
        return tc

    # -- metrics --------------------------------------------------------------------------------
    def log_metrics(self, viewer: Viewer, trial_component_name: str, request: MetricBatch) -> MetricCount:
        name = trial_component_name
        owner, count = retrying(lambda: self.metrics.log(name, request.metrics, viewer))
        self.on_change(name, owner, "metrics")
        return MetricCount(count=count)

    def log_metric_arrays(self, viewer: Viewer, name: str, arrays: MetricArrays) -> int:
        """In-process callers (the SDK's embedded mode) hand over arrays per metric: no per-point objects."""
        owner = retrying(lambda: self.metrics.log_arrays(name, arrays, viewer))
        self.on_change(name, owner, "metrics")
        return sum(int(values.size) for _, _, values in arrays.values())

    def finish_component(
        self, viewer: Viewer, name: str, upd: TrialComponentUpdate, arrays: MetricArrays, brief: bool = False
    ) -> TrialComponent:
        """A run's last metric points (arrays, as log_metric_arrays) and its final update in ONE
        transaction: the SDK's embedded Run closes with one write, not two."""
        tc = retrying(lambda: self.metrics.finish(self.store, name, upd, arrays, viewer, brief))
        self.on_change(name, tc.owner, "updated")
        return tc

    def series(
        self, viewer: Viewer, trial_component_name: str, metric_name: str, max_points: int = 2000
    ) -> MetricSeries:
        if not 10 <= max_points <= 1_000_000:
            raise BadRequest("'max_points' must be between 10 and 1000000", field="max_points")
        self._readable_component(viewer, trial_component_name)
        return self.metrics.series(trial_component_name, metric_name, max_points)

    def record_job_metrics(self, report: JobMetrics) -> None:
        """The points a job process wrote to its metrics file, on the job's trial component. A point that
        is not a valid MetricPoint is dropped (and logged): the rest still count."""
        points = []
        for raw in report.points:
            try:
                points.append(MetricPoint.model_validate(raw))
            except ValueError:
                log.warning("smstudio: job %s wrote an invalid metric point: %.200r", report.job_name, raw)
        if not points:
            return
        name = trial_component_name(report.job_name, report.job_kind)
        try:
            self.log_metrics(Viewer(user=report.owner), name, MetricBatch(metrics=points))
        except NotFound:  # the job's component was deleted: nothing to record the points on
            log.warning(
                "smstudio: job %s has no trial component %s; %d points dropped", report.job_name, name, len(points)
            )

    # -- search ---------------------------------------------------------------------------------
    def search(self, viewer: Viewer, request: SearchRequest) -> SearchResult:
        check_limits(request.search_expression)
        offset = _offset(request.next_token)
        ids, total = self.finder.search(request, viewer.owner_filter, offset)
        items = self.store.hydrate_ids(ids)
        nxt = offset + len(items)
        return SearchResult(trial_components=items, total=total, next_token=str(nxt) if nxt < total else None)

    def columns(self, viewer: Viewer, experiment_name: Optional[str] = None, unassigned: bool = False) -> Columns:
        """The parameter and metric names in use: in one experiment, in the components of no trial
        (`unassigned`), or in all the viewer's components."""
        if experiment_name and unassigned:
            raise BadRequest("give experiment_name or unassigned, not both", field="unassigned")
        if experiment_name:
            self.get_experiment(viewer, experiment_name)
        params, metrics = self.finder.columns(viewer.owner_filter, experiment_name, unassigned)
        return Columns(parameters=params, metrics=metrics)

    # -- lineage --------------------------------------------------------------------------------
    def lineage(self, viewer: Viewer, trial_component_name: str) -> Lineage:
        name = trial_component_name
        self._readable_component(viewer, name)

        def linked(direction: str) -> list[LineageNode]:
            return [
                LineageNode(trial_component_name=n, display_name=d, artifact_name=a, artifact_value=v)
                for n, d, owner, a, v in self.finder.lineage(name, direction)
                if viewer.can_see(owner)
            ]

        return Lineage(trial_component_name=name, upstream=linked("input"), downstream=linked("output"))

    # -- auto-tracking of jobs ------------------------------------------------------------------
    def track_job(self, job: Job) -> None:
        """Every job is a trial component (as SageMaker auto-tracks jobs); experiment_config places it."""
        self.tracker.track(job)


def _writable(viewer: Viewer, exp: Experiment, field: str) -> Experiment:
    """The experiment, when the viewer may write in it: another user's private one does not exist for them
    (404), a shared one is read-only (403)."""
    if not exp.shared:
        viewer.require(exp.owner, f"experiment '{exp.experiment_name}'", field=field)
    if not viewer.can_see(exp.owner):
        raise Forbidden(
            f"experiment '{exp.experiment_name}' is shared by {exp.owner} and read-only to you", field=field
        )
    return exp


def _offset(token: Optional[str]) -> int:
    if not token:
        return 0
    try:
        value = int(token)
        if not 0 <= value <= MAX_INT:
            raise ValueError
        return value
    except ValueError as err:
        raise BadRequest("invalid NextToken", field="NextToken") from err
