"""Experiments: the rules (ownership, cascade, search, lineage, auto-tracking); no tornado here."""
from __future__ import annotations

import logging
from typing import Any, Callable, Optional

from sqlalchemy import and_, func, select

from ..core.auth import Viewer
from ..core.db import Database
from ..core.errors import BadRequest, Conflict, Forbidden
from ..jobs.models import Job, trial_component_name
from .metrics import MetricStore
from .models import (Columns, DeleteResult, Experiment, ExperimentCreate, ExperimentList, ExperimentUpdate,
                     Lineage, LineageNode, MetricBatch, MetricSeries, SearchRequest, SearchResult, Trial,
                     TrialComponent, TrialComponentCreate, TrialComponentUpdate, TrialCreate, TrialList)
from .orm import ArtifactRow, ComponentRow, ExperimentRow, LinkRow, TrialRow
from .search import expression, sort_column
from .store import ExperimentStore

log = logging.getLogger(__name__)
RETRIES = 5


class ExperimentService:
    def __init__(self, db: Database, on_change: Callable[[str, str, str], None] = lambda name, owner, change: None):
        self.db = db
        self.store = ExperimentStore(db)
        self.metrics = MetricStore(db)
        self.on_change = on_change

    # -- experiments ----------------------------------------------------------------------------
    def create_experiment(self, viewer: Viewer, req: ExperimentCreate) -> Experiment:
        return self.store.create_experiment(viewer.user, req.experiment_name, req.display_name, req.description,
                                            req.folder, req.tags, req.shared)

    def get_experiment(self, viewer: Viewer, name: str) -> Experiment:
        """Read access: the owner, an admin, or anyone when the experiment is shared."""
        exp = self.store.get_experiment(name)
        if not exp.shared:
            viewer.require(exp.owner, f"experiment '{name}'", field="experiment_name")
        return exp

    def _own_experiment(self, viewer: Viewer, name: str) -> Experiment:
        """Write access: only the owner (or an admin); a shared experiment is read-only to others."""
        exp = self.get_experiment(viewer, name)
        if not viewer.can_see(exp.owner):
            raise Forbidden(f"experiment '{name}' is shared by {exp.owner} and read-only to you",
                            field="experiment_name")
        return exp

    def list_experiments(self, viewer: Viewer, folder: Optional[str] = None, name_contains: Optional[str] = None,
                         limit: int = 100, offset: int = 0) -> ExperimentList:
        _check_page(limit, offset)
        items, total = self.store.list_experiments(viewer.owner_filter, folder, name_contains, limit, offset)
        return ExperimentList(experiments=items, total=total)

    def update_experiment(self, viewer: Viewer, name: str, upd: ExperimentUpdate) -> Experiment:
        self._own_experiment(viewer, name)
        return self.store.update_experiment(name, upd.model_dump(exclude_none=True))

    def delete_experiment(self, viewer: Viewer, name: str, cascade: bool) -> DeleteResult:
        self._own_experiment(viewer, name)
        return DeleteResult(deleted=self.store.delete_experiment(name, cascade))

    # -- trials ---------------------------------------------------------------------------------
    def create_trial(self, viewer: Viewer, req: TrialCreate) -> Trial:
        self._own_experiment(viewer, req.experiment_name)
        return self.store.create_trial(viewer.user, req.trial_name, req.experiment_name, req.display_name, req.tags)

    def get_trial(self, viewer: Viewer, name: str, write: bool = False) -> Trial:
        trial = self.store.get_trial(name)
        if write or not self.store.get_experiment(trial.experiment_name).shared:
            viewer.require(trial.owner, f"trial '{name}'", field="trial_name")
        return trial

    def list_trials(self, viewer: Viewer, experiment_name: Optional[str] = None, limit: int = 100,
                    offset: int = 0) -> TrialList:
        _check_page(limit, offset)
        if experiment_name:
            self.get_experiment(viewer, experiment_name)
        items, total = self.store.list_trials(viewer.owner_filter, experiment_name, limit, offset)
        return TrialList(trials=items, total=total)

    def delete_trial(self, viewer: Viewer, name: str, cascade: bool) -> DeleteResult:
        self.get_trial(viewer, name, write=True)
        return DeleteResult(deleted=self.store.delete_trial(name, cascade))

    # -- trial components -----------------------------------------------------------------------
    def create_component(self, viewer: Viewer, req: TrialComponentCreate, brief: bool = False) -> TrialComponent:
        tc = self.store.create_component(viewer.user, req, viewer=viewer, brief=brief)
        self.on_change(tc.trial_component_name, tc.owner, "created")
        return tc

    def get_component(self, viewer: Viewer, name: str) -> TrialComponent:
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

    def update_component(self, viewer: Viewer, name: str, upd: TrialComponentUpdate,
                         brief: bool = False) -> TrialComponent:
        tc = self.store.update_component(name, upd, viewer=viewer, brief=brief)
        self.on_change(name, tc.owner, "updated")
        return tc

    def delete_component(self, viewer: Viewer, name: str) -> DeleteResult:
        owner = self._require_component(viewer, name)
        self.store.delete_component(name)
        self.on_change(name, owner, "deleted")
        return DeleteResult(deleted={"trial_components": 1})

    def associate(self, viewer: Viewer, name: str, trial: str) -> TrialComponent:
        owner = self._require_component(viewer, name)
        self.get_trial(viewer, trial, write=True)
        tc = self.store.associate(name, trial)
        self.on_change(name, owner, "updated")
        return tc

    def disassociate(self, viewer: Viewer, name: str, trial: str) -> TrialComponent:
        owner = self._require_component(viewer, name)
        self.get_trial(viewer, trial, write=True)
        tc = self.store.disassociate(name, trial)
        self.on_change(name, owner, "updated")
        return tc

    # -- metrics --------------------------------------------------------------------------------
    def log_metrics(self, viewer: Viewer, name: str, batch: MetricBatch) -> int:
        owner, count = _retrying(lambda: self.metrics.log(name, batch.metrics, viewer))
        self.on_change(name, owner, "metrics")
        return count

    def log_metric_arrays(self, viewer: Viewer, name: str, arrays: dict) -> int:
        """In-process callers (the SDK's embedded mode) hand over arrays per metric: no per-point objects."""
        owner = _retrying(lambda: self.metrics.log_arrays(name, arrays, viewer))
        self.on_change(name, owner, "metrics")
        return sum(int(values.size) for _, _, values in arrays.values())

    def finish_component(self, viewer: Viewer, name: str, upd: TrialComponentUpdate, arrays: dict,
                         brief: bool = False) -> TrialComponent:
        """A run's last metric points (arrays, as log_metric_arrays) and its final update in ONE
        transaction: the SDK's embedded Run closes with one write, not two."""
        def write() -> TrialComponent:
            with self.db.connection() as conn:
                row = self.store.component_ref(conn, name, whole=True)
                viewer.require(row.owner, f"trial component '{name}'", field="trial_component_name")
                self.metrics.write_arrays(conn, row.id, arrays)
                return self.store.apply_update(conn, row, upd, brief)

        tc = _retrying(write)
        self.on_change(name, tc.owner, "updated")
        return tc

    def series(self, viewer: Viewer, name: str, metric: str, max_points: int = 2000) -> MetricSeries:
        if not 10 <= max_points <= 1_000_000:
            raise BadRequest("'max_points' must be between 10 and 1000000", field="max_points")
        self._readable_component(viewer, name)
        return self.metrics.series(name, metric, max_points)

    # -- search ---------------------------------------------------------------------------------
    def search(self, viewer: Viewer, req: SearchRequest) -> SearchResult:
        offset = _offset(req.next_token)
        where = expression(req.search_expression, sqlite=self.db.dialect == "sqlite")
        if viewer.owner_filter is not None:
            visible = (ComponentRow.owner == viewer.owner_filter) | ComponentRow.id.in_(self.store.shared_component_ids())
            where = and_(visible, where)
        column, join = sort_column(req.sort_by)
        q = select(ComponentRow.id)
        if join is not None:
            q = q.outerjoin(join[0], join[1])
        q = q.where(where)
        order = column.asc() if req.sort_order == "Ascending" else column.desc()
        with self.db.session() as s:
            total = s.scalar(select(func.count()).select_from(select(ComponentRow.id).where(where).subquery())) or 0
            ids = list(s.scalars(q.order_by(order.nulls_last(), ComponentRow.id.desc())
                                 .limit(req.max_results).offset(offset)))
        items = self.store.hydrate_ids(ids)
        nxt = offset + len(items)
        return SearchResult(trial_components=items, total=total, next_token=str(nxt) if nxt < total else None)

    def columns(self, viewer: Viewer, experiment_name: Optional[str] = None) -> Columns:
        params, metrics = self.store.names_in_use(viewer.owner_filter)
        if experiment_name:
            self.get_experiment(viewer, experiment_name)
            params, metrics = self._columns_of_experiment(viewer, experiment_name)
        return Columns(parameters=params, metrics=metrics)

    def _columns_of_experiment(self, viewer: Viewer, experiment: str) -> tuple[list[str], list[str]]:
        from .orm import MetricSummaryRow, ParameterRow

        ids = (select(LinkRow.component_id).join(TrialRow, LinkRow.trial_id == TrialRow.id)
               .join(ExperimentRow, TrialRow.experiment_id == ExperimentRow.id)
               .where(ExperimentRow.name == experiment))
        with self.db.session() as s:
            params = sorted(s.scalars(select(ParameterRow.name).where(ParameterRow.component_id.in_(ids)).distinct()))
            metrics = sorted(s.scalars(select(MetricSummaryRow.name).where(
                MetricSummaryRow.component_id.in_(ids)).distinct()))
        return params, metrics

    # -- lineage --------------------------------------------------------------------------------
    def lineage(self, viewer: Viewer, name: str) -> Lineage:
        self._readable_component(viewer, name)
        me = select(ComponentRow.id).where(ComponentRow.name == name).scalar_subquery()
        mine, other = ArtifactRow.__table__.alias("mine"), ArtifactRow.__table__.alias("other")

        def linked(my_dir: str, their_dir: str) -> list[LineageNode]:
            q = (select(ComponentRow.name, ComponentRow.display_name, ComponentRow.owner, other.c.name, other.c.value)
                 .join(other, other.c.component_id == ComponentRow.id)
                 .join(mine, and_(mine.c.value == other.c.value, mine.c.component_id == me,
                                  mine.c.direction == my_dir))
                 .where(other.c.direction == their_dir, ComponentRow.name != name))
            with self.db.session() as s:
                rows = s.execute(q.order_by(ComponentRow.creation_time)).all()
            return [LineageNode(trial_component_name=n, display_name=d, artifact_name=a, artifact_value=v)
                    for n, d, o, a, v in rows if viewer.can_see(o)]

        return Lineage(trial_component_name=name, upstream=linked("input", "output"),
                       downstream=linked("output", "input"))

    # -- auto-tracking of jobs ------------------------------------------------------------------
    def track_job(self, job: Job) -> None:
        """Every job is a trial component (as SageMaker auto-tracks jobs); experiment_config places it."""
        name = trial_component_name(job.job_name, job.job_kind)
        viewer = Viewer(user=job.owner)
        try:
            if self.store.component_by_source(job.job_name) is None:
                self.create_component(viewer, TrialComponentCreate(
                    trial_component_name=name, display_name=_display_name(job), status=job.status,
                    start_time=job.start_time, parameters=_job_parameters(job), source_arn=job.job_name,
                    source_type=f"smstudio:{job.job_kind}-job",
                    input_artifacts=_job_inputs(job), tags=job.tags, **_git_fields(job)))
                self._place(viewer, name, job)
            upd = TrialComponentUpdate(status=job.status, status_message=job.failure_reason or job.secondary_status,
                                       end_time=job.end_time, output_artifacts=_job_outputs(job))
            self.update_component(viewer, name, upd)
        except Exception:  # tracking must never break a job; the job record stays the source of truth
            log.exception("smstudio: could not track job %s as a trial component", job.job_name)

    def _place(self, viewer: Viewer, component: str, job: Job) -> None:
        config = (job.config or {}).get("experiment_config") or {}
        exp, trial = config.get("ExperimentName"), config.get("TrialName") or config.get("RunName")
        if not exp and not trial:
            return
        if exp:
            try:
                self.store.create_experiment(viewer.user, exp, None, None, "", {})
            except Conflict:
                pass
            trial = trial or f"{exp}-{job.job_name}"[:120]
        if trial:
            try:
                self.store.create_trial(viewer.user, trial, exp, None, {}) if exp else None
            except Conflict:
                pass
            self.store.associate(component, trial)


def _retrying(write: Callable[[], Any]) -> Any:
    """Two writers may create the same metric summary row at once; the loser merges again."""
    for attempt in range(RETRIES):
        try:
            return write()
        except Conflict:
            if attempt == RETRIES - 1:
                raise


def _display_name(job: Job) -> str:
    config = (job.config or {}).get("experiment_config") or {}
    return (config.get("TrialComponentDisplayName") or job.job_name)[:120]


def _job_parameters(job: Job) -> dict[str, Any]:
    config = job.config or {}
    params: dict[str, Any] = {}
    hps = config.get("hyperparameters")
    if isinstance(hps, dict):
        params.update({k: v for k, v in hps.items() if isinstance(v, (int, float, str))})
    args = config.get("arguments") or []
    # `--name value` pairs of a script job become parameters, as hyperparameters do for training jobs
    for i, arg in enumerate(args):
        if isinstance(arg, str) and arg.startswith("--") and i + 1 < len(args) and not str(args[i + 1]).startswith("--"):
            raw = str(args[i + 1])
            try:
                params[arg[2:]] = float(raw) if any(c in raw for c in ".eE") else int(raw)
            except ValueError:
                params[arg[2:]] = raw
    return params


def _git_fields(job: Job) -> dict[str, Any]:
    git = (job.config or {}).get("git") or {}
    if not git.get("commit"):
        return {}
    return {"git_commit": str(git["commit"])[:64], "git_repository": str(git.get("repository") or "")[:1024]}


def _job_inputs(job: Job) -> dict[str, Any]:
    from .models import Artifact

    config = job.config or {}
    inputs = {}
    if config.get("script"):
        inputs["script"] = Artifact(value=str(config["script"])[:2048], media_type="text/x-python")
    channels = config.get("inputs") or {}
    if isinstance(channels, dict):  # training channels: name -> URL
        for channel, url in channels.items():
            inputs[str(channel)] = Artifact(value=str(url)[:2048])
    for i, item in enumerate(config.get("resolved_inputs") or []):  # processing inputs
        inputs[item.get("input_name") or f"input-{i + 1}"] = Artifact(value=str(item["source"])[:2048])
    return inputs


def _job_outputs(job: Job) -> dict[str, Any]:
    from .models import Artifact

    config = job.config or {}
    outputs = {"output": Artifact(value=job.output_url), "log": Artifact(value=job.log_url, media_type="text/plain")}
    if config.get("model_data") and job.status == "Completed":
        outputs["SageMaker.ModelArtifact"] = Artifact(value=config["model_data"], media_type="application/x-tar")
    for i, item in enumerate(config.get("outputs") or []):
        if isinstance(item, dict) and item.get("destination"):
            outputs[item.get("output_name") or f"output-{i + 1}"] = Artifact(value=str(item["destination"])[:2048])
    return outputs


def _offset(token: Optional[str]) -> int:
    if not token:
        return 0
    try:
        value = int(token)
        if value < 0:
            raise ValueError
        return value
    except ValueError as err:
        raise BadRequest("invalid NextToken", field="NextToken") from err


def _check_page(limit: int, offset: int) -> None:
    if not 1 <= limit <= 1000:
        raise BadRequest("'limit' must be between 1 and 1000", field="limit")
    if offset < 0:
        raise BadRequest("'offset' must not be negative", field="offset")
