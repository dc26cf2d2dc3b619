"""Experiments: the rules (ownership, cascade, search, lineage, auto-tracking); no tornado and no SQL
here: the stores (store.py, metrics.py, search_store.py) own every query."""

from __future__ import annotations

import logging
from typing import Callable, Optional

import numpy as np

from ..core.auth import Viewer, resolve_owner
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

    # -- names ----------------------------------------------------------------------------------
    # Names are unique per owner (orm.py): a name from a request means the viewer's own record, else the one
    # record of that name the viewer may read (core/auth.py resolve_owner: an admin's, or a shared one).
    def _experiment_owner(self, viewer: Viewer, name: str, field: str = "experiment_name") -> str:
        return resolve_owner(viewer, self.store.experiment_holders(name), "experiment", name, field)

    def _trial_owner(self, viewer: Viewer, name: str, field: str = "trial_name") -> str:
        return resolve_owner(viewer, self.store.trial_holders(name), "trial", name, field)

    def _component_owner(self, viewer: Viewer, name: str, write: bool = False) -> str:
        """`write`: a user writes only their own components, so theirs is meant, with no look-up (the hot paths
        of every run); an admin's name is resolved as a read's."""
        if write and not viewer.admin:
            return viewer.user
        holders = self.store.component_holders(name)
        return resolve_owner(viewer, holders, "trial component", name, "trial_component_name")

    # -- experiments (reading) ------------------------------------------------------------------
    def get_experiment(self, viewer: Viewer, experiment_name: str) -> Experiment:
        """Read access: the owner, an admin, or anyone when the experiment is shared."""
        return self.store.get_experiment(self._experiment_owner(viewer, experiment_name), experiment_name)

    def _own_experiment(self, viewer: Viewer, name: str, field: str = "experiment_name") -> Experiment:
        """Write access: only the owner (or an admin); a shared experiment is read-only to others."""
        exp = self.store.get_experiment(self._experiment_owner(viewer, name, field), name)
        return _writable(viewer, exp, field)

    def check_placement(
        self, viewer: Viewer, config: Optional[ExperimentConfig], field: str = "experiment_config"
    ) -> None:
        """A job joins an experiment and a trial only when they are the viewer's own (or new): the same rule
        as creating a trial or associating a component, for every write path (jobs, tracking, tuning)."""
        if config is None:
            return
        # a job places itself in its owner's own records only (the tracking creates absent ones as theirs),
        # so another user's record of the same name is no matter here
        if config.experiment_name:
            try:
                exp = self.store.get_experiment(viewer.user, config.experiment_name)
            except NotFound:
                exp = None  # absent: the job's tracking creates it, as the viewer's
            if exp is not None:
                _writable(viewer, exp, f"{field}.ExperimentName")
        trial_name = config.trial_name or config.run_name
        if trial_name:
            trial_field = f"{field}.{'TrialName' if config.trial_name else 'RunName'}"
            try:
                trial = self.store.get_trial(viewer.user, trial_name)
            except NotFound:
                return  # absent: the job creates it
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
        exp = self._own_experiment(viewer, experiment_name)
        return self.store.update_experiment(exp.owner, experiment_name, request.model_dump(exclude_none=True))

    def delete_experiment(self, viewer: Viewer, experiment_name: str, cascade: bool = False) -> DeleteResult:
        exp = self._own_experiment(viewer, experiment_name)
        return DeleteResult(deleted=self.store.delete_experiment(exp.owner, experiment_name, cascade))

    # -- trials ---------------------------------------------------------------------------------
    def create_trial(self, viewer: Viewer, request: TrialCreate) -> Trial:
        exp = self._own_experiment(viewer, request.experiment_name)
        return self.store.create_trial(
            viewer.user,
            request.trial_name,
            (exp.owner, request.experiment_name),
            request.display_name,
            request.tags,
        )

    def get_trial(self, viewer: Viewer, trial_name: str, write: bool = False, field: str = "trial_name") -> Trial:
        """Read access as the trial's experiment (resolve_owner counts a trial of a shared experiment as
        shared); `write`: only its owner (or an admin)."""
        trial = self.store.get_trial(self._trial_owner(viewer, trial_name, field), trial_name)
        if write:
            viewer.require(trial.owner, f"trial '{trial_name}'", field=field)
        return trial

    def list_trials(
        self, viewer: Viewer, experiment_name: Optional[str] = None, limit: int = 100, offset: int = 0
    ) -> TrialList:
        check_page(limit, offset)
        experiment = None
        if experiment_name:
            experiment = (self.get_experiment(viewer, experiment_name).owner, experiment_name)
        items, total = self.store.list_trials(viewer.owner_filter, experiment, limit, offset)
        return TrialList(trials=items, total=total)

    def delete_trial(self, viewer: Viewer, trial_name: str, cascade: bool = False) -> DeleteResult:
        trial = self.get_trial(viewer, trial_name, write=True)
        return DeleteResult(deleted=self.store.delete_trial(trial.owner, trial_name, cascade))

    # -- trial components -----------------------------------------------------------------------
    def create_component(self, viewer: Viewer, request: TrialComponentCreate, brief: bool = False) -> TrialComponent:
        """`brief`: answer without parameters, metrics, artifacts and parents (four fewer queries)."""
        # the trial it joins: the creator's own (the store checks the viewer owns it), or for an admin the one
        # of that name he may resolve
        trial_owner = None
        if request.trial_name and viewer.admin:
            trial_owner = self._trial_owner(viewer, request.trial_name)
        tc = self.store.create_component(viewer.user, request, viewer=viewer, brief=brief, trial_owner=trial_owner)
        self.on_change(tc.trial_component_name, tc.owner, "created")
        return tc

    def get_component(self, viewer: Viewer, trial_component_name: str) -> TrialComponent:
        name = trial_component_name
        return self.store.get_component(self._component_owner(viewer, name), name)

    def _require_component(self, viewer: Viewer, name: str) -> str:
        owner = self._component_owner(viewer, name)
        viewer.require(owner, f"trial component '{name}'", field="trial_component_name")
        return owner

    def update_component(
        self, viewer: Viewer, trial_component_name: str, request: TrialComponentUpdate, brief: bool = False
    ) -> TrialComponent:
        owner = self._component_owner(viewer, trial_component_name, write=True)
        tc = self.store.update_component(owner, trial_component_name, request, viewer=viewer, brief=brief)
        self.on_change(trial_component_name, tc.owner, "updated")
        return tc

    def delete_component(self, viewer: Viewer, trial_component_name: str) -> DeleteResult:
        owner = self._require_component(viewer, trial_component_name)
        self.store.delete_component(owner, trial_component_name)
        self.on_change(trial_component_name, owner, "deleted")
        return DeleteResult(deleted={"trial_components": 1})

    def associate(self, viewer: Viewer, trial_component_name: str, request: Association) -> TrialComponent:
        return self._link(viewer, trial_component_name, request.trial_name, self.store.associate)

    def disassociate(self, viewer: Viewer, trial_component_name: str, trial_name: str) -> TrialComponent:
        return self._link(viewer, trial_component_name, trial_name, self.store.disassociate)

    def _link(
        self,
        viewer: Viewer,
        name: str,
        trial: str,
        change: Callable[[tuple[str, str], tuple[str, str]], TrialComponent],
    ) -> TrialComponent:
        owner = self._require_component(viewer, name)
        trial_owner = self.get_trial(viewer, trial, write=True).owner
        tc = change((owner, name), (trial_owner, trial))
        self.on_change(name, owner, "updated")
        return tc

    # -- metrics --------------------------------------------------------------------------------
    def log_metrics(self, viewer: Viewer, trial_component_name: str, request: MetricBatch) -> MetricCount:
        name = trial_component_name
        target = self._component_owner(viewer, name, write=True)
        owner, count = retrying(lambda: self.metrics.log(target, name, request.metrics, viewer))
        self.on_change(name, owner, "metrics")
        return MetricCount(count=count)

    def log_metric_arrays(self, viewer: Viewer, name: str, arrays: MetricArrays) -> int:
        """In-process callers (the SDK's embedded mode) hand over arrays per metric: no per-point objects."""
        target = self._component_owner(viewer, name, write=True)
        owner = retrying(lambda: self.metrics.log_arrays(target, name, arrays, viewer))
        self.on_change(name, owner, "metrics")
        return sum(int(values.size) for _, _, values in arrays.values())

    def finish_component(
        self, viewer: Viewer, name: str, upd: TrialComponentUpdate, arrays: MetricArrays, brief: bool = False
    ) -> TrialComponent:
        """A run's last metric points (arrays, as log_metric_arrays) and its final update in ONE
        transaction: the SDK's embedded Run closes with one write, not two."""
        owner = self._component_owner(viewer, name, write=True)
        tc = retrying(lambda: self.metrics.finish(self.store, owner, name, upd, arrays, viewer, brief))
        self.on_change(name, tc.owner, "updated")
        return tc

    def series(
        self, viewer: Viewer, trial_component_name: str, metric_name: str, max_points: int = 2000
    ) -> MetricSeries:
        if not 10 <= max_points <= 1_000_000:
            raise BadRequest("'max_points' must be between 10 and 1000000", field="max_points")
        owner = self._component_owner(viewer, trial_component_name)
        return self.metrics.series(owner, trial_component_name, metric_name, max_points)

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
        experiment = None
        if experiment_name:
            experiment = (self.get_experiment(viewer, experiment_name).owner, experiment_name)
        params, metrics = self.finder.columns(viewer.owner_filter, experiment, unassigned)
        return Columns(parameters=params, metrics=metrics)

    # -- lineage --------------------------------------------------------------------------------
    def lineage(self, viewer: Viewer, trial_component_name: str) -> Lineage:
        name = trial_component_name
        owner = self._component_owner(viewer, name)

        def linked(direction: str) -> list[LineageNode]:
            return [
                LineageNode(trial_component_name=n, display_name=d, artifact_name=a, artifact_value=v)
                for n, d, node_owner, a, v in self.finder.lineage(owner, name, direction)
                if viewer.can_see(node_owner)
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
