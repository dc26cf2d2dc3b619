"""Experiments, trials and trial components in SQL; rows never leave this module."""
from __future__ import annotations

import math
from collections import defaultdict
from typing import Any, Iterable, Optional

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..core.db import Database
from ..core.errors import Conflict, NotFound
from ..core.orm import utcnow
from .models import (Artifact, Experiment, MetricSummary, Parent, Trial, TrialComponent,
                     TrialComponentCreate, TrialComponentUpdate)
from .orm import (ArtifactRow, ComponentRow, ExperimentRow, LinkRow, MetricSummaryRow, ParameterRow,
                  TrialRow)


def _experiment(row: ExperimentRow, trials: int) -> Experiment:
    return Experiment(experiment_name=row.name, display_name=row.display_name, description=row.description,
                      folder=row.folder or "", tags=row.tags or {}, owner=row.owner, shared=bool(row.shared),
                      creation_time=row.creation_time, last_modified_time=row.last_modified_time,
                      trial_count=trials)


def _trial(row: TrialRow, experiment_name: str, components: int) -> Trial:
    return Trial(trial_name=row.name, experiment_name=experiment_name, display_name=row.display_name,
                 tags=row.tags or {}, owner=row.owner, creation_time=row.creation_time,
                 last_modified_time=row.last_modified_time, trial_component_count=components)


def summary(row: MetricSummaryRow) -> MetricSummary:
    std = math.sqrt(row.m2 / (row.finite_count - 1)) if row.finite_count > 1 else None
    return MetricSummary(metric_name=row.name, count=row.count, min=row.min, max=row.max, avg=row.mean,
                         std_dev=std, last=math.nan if row.last_is_nan else row.last, last_step=row.last_step,
                         time_stamp=row.last_time)


def _param_value(row: ParameterRow) -> Any:
    return row.number_value if row.string_value is None else row.string_value


def _param_values(component_id: int, name: str, value: Any) -> dict[str, Any]:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return {"component_id": component_id, "name": name, "number_value": None, "string_value": str(value)}
    return {"component_id": component_id, "name": name, "number_value": float(value), "string_value": None}


class ExperimentStore:
    def __init__(self, db: Database):
        self.db = db

    # -- lookups --------------------------------------------------------------------------------
    @staticmethod
    def _one(s: Session, row_type: Any, name: str, what: str, field: str) -> Any:
        row = s.scalar(select(row_type).where(row_type.name == name))
        if row is None:
            raise NotFound(f"{what} '{name}' does not exist", field=field)
        return row

    @classmethod
    def _experiment_row(cls, s: Session, name: str) -> ExperimentRow:
        return cls._one(s, ExperimentRow, name, "experiment", "experiment_name")

    @classmethod
    def _trial_row(cls, s: Session, name: str) -> TrialRow:
        return cls._one(s, TrialRow, name, "trial", "trial_name")

    @classmethod
    def component_row(cls, s: Session, name: str) -> ComponentRow:
        return cls._one(s, ComponentRow, name, "trial component", "trial_component_name")

    # -- experiments ----------------------------------------------------------------------------
    def create_experiment(self, owner: str, name: str, display_name: Optional[str], description: Optional[str],
                          folder: str, tags: dict[str, str], shared: bool = False) -> Experiment:
        with self.db.session() as s:
            if s.scalar(select(ExperimentRow.id).where(ExperimentRow.name == name)) is not None:
                raise Conflict(f"an experiment named '{name}' already exists", field="experiment_name")
            now = utcnow()
            row = ExperimentRow(name=name, display_name=display_name or name, description=description,
                                folder=folder.strip("/"), tags=tags, owner=owner, shared=shared,
                                creation_time=now, last_modified_time=now)
            s.add(row)
            s.flush()
            return _experiment(row, 0)

    def get_experiment(self, name: str) -> Experiment:
        with self.db.session() as s:
            row = self._experiment_row(s, name)
            count = s.scalar(select(func.count()).where(TrialRow.experiment_id == row.id)) or 0
            return _experiment(row, count)

    def list_experiments(self, owner: Optional[str], folder: Optional[str], name_contains: Optional[str],
                         limit: int, offset: int) -> tuple[list[Experiment], int]:
        q = select(ExperimentRow)
        if owner is not None:
            q = q.where((ExperimentRow.owner == owner) | ExperimentRow.shared.is_(True))
        if folder is not None:
            folder = folder.strip("/")
            q = q.where((ExperimentRow.folder == folder) | ExperimentRow.folder.startswith(folder + "/",
                                                                                           autoescape=True))
        if name_contains:
            q = q.where(ExperimentRow.name.contains(name_contains, autoescape=True)
                        | ExperimentRow.display_name.contains(name_contains, autoescape=True))
        with self.db.session() as s:
            total = s.scalar(select(func.count()).select_from(q.subquery())) or 0
            rows = list(s.scalars(q.order_by(ExperimentRow.creation_time.desc(), ExperimentRow.id.desc())
                                  .limit(limit).offset(offset)))
            counts = dict(s.execute(select(TrialRow.experiment_id, func.count()).where(
                TrialRow.experiment_id.in_([r.id for r in rows])).group_by(TrialRow.experiment_id)).all())
            return [_experiment(r, counts.get(r.id, 0)) for r in rows], total

    def update_experiment(self, name: str, fields: dict[str, Any]) -> Experiment:
        with self.db.session() as s:
            row = self._experiment_row(s, name)
            for key, value in fields.items():
                setattr(row, key, value.strip("/") if key == "folder" else value)
            row.last_modified_time = utcnow()
            s.flush()
            count = s.scalar(select(func.count()).where(TrialRow.experiment_id == row.id)) or 0
            return _experiment(row, count)

    def delete_experiment(self, name: str, cascade: bool) -> dict[str, int]:
        with self.db.session() as s:
            row = self._experiment_row(s, name)
            trial_ids = list(s.scalars(select(TrialRow.id).where(TrialRow.experiment_id == row.id)))
            if trial_ids and not cascade:
                raise Conflict(f"experiment '{name}' still has {len(trial_ids)} trials; delete them first or "
                               "pass cascade=true", field="cascade")
            components = self._components_only_in(s, trial_ids)
            if components:
                s.execute(delete(ComponentRow).where(ComponentRow.id.in_(components)))
            if trial_ids:
                s.execute(delete(TrialRow).where(TrialRow.id.in_(trial_ids)))
            s.delete(row)
            return {"experiments": 1, "trials": len(trial_ids), "trial_components": len(components)}

    @staticmethod
    def _components_only_in(s: Session, trial_ids: list[int]) -> list[int]:
        """Components whose every trial is in `trial_ids` (others stay: they belong elsewhere too)."""
        if not trial_ids:
            return []
        linked = set(s.scalars(select(LinkRow.component_id).where(LinkRow.trial_id.in_(trial_ids))))
        if not linked:
            return []
        elsewhere = set(s.scalars(select(LinkRow.component_id).where(
            LinkRow.component_id.in_(linked), LinkRow.trial_id.not_in(trial_ids))))
        return sorted(linked - elsewhere)

    # -- trials ---------------------------------------------------------------------------------
    def create_trial(self, owner: str, name: str, experiment_name: str, display_name: Optional[str],
                     tags: dict[str, str]) -> Trial:
        with self.db.session() as s:
            exp = self._experiment_row(s, experiment_name)
            if s.scalar(select(TrialRow.id).where(TrialRow.name == name)) is not None:
                raise Conflict(f"a trial named '{name}' already exists", field="trial_name")
            now = utcnow()
            row = TrialRow(name=name, experiment_id=exp.id, display_name=display_name or name, tags=tags,
                           owner=owner, creation_time=now, last_modified_time=now)
            s.add(row)
            exp.last_modified_time = now
            s.flush()
            return _trial(row, exp.name, 0)

    def get_trial(self, name: str) -> Trial:
        with self.db.session() as s:
            row = self._trial_row(s, name)
            exp = s.get(ExperimentRow, row.experiment_id)
            count = s.scalar(select(func.count()).where(LinkRow.trial_id == row.id)) or 0
            return _trial(row, exp.name, count)

    def list_trials(self, owner: Optional[str], experiment_name: Optional[str], limit: int,
                    offset: int) -> tuple[list[Trial], int]:
        q = select(TrialRow, ExperimentRow.name).join(ExperimentRow, TrialRow.experiment_id == ExperimentRow.id)
        if owner is not None:
            q = q.where((TrialRow.owner == owner) | ExperimentRow.shared.is_(True))
        if experiment_name:
            q = q.where(ExperimentRow.name == experiment_name)
        with self.db.session() as s:
            total = s.scalar(select(func.count()).select_from(q.subquery())) or 0
            rows = s.execute(q.order_by(TrialRow.creation_time.desc(), TrialRow.id.desc())
                             .limit(limit).offset(offset)).all()
            counts = dict(s.execute(select(LinkRow.trial_id, func.count()).where(
                LinkRow.trial_id.in_([r.id for r, _ in rows])).group_by(LinkRow.trial_id)).all())
            return [_trial(r, e, counts.get(r.id, 0)) for r, e in rows], total

    def delete_trial(self, name: str, cascade: bool) -> dict[str, int]:
        with self.db.session() as s:
            row = self._trial_row(s, name)
            linked = s.scalar(select(func.count()).where(LinkRow.trial_id == row.id)) or 0
            if linked and not cascade:
                raise Conflict(f"trial '{name}' still has {linked} trial components; pass cascade=true",
                               field="cascade")
            components = self._components_only_in(s, [row.id])
            if components:
                s.execute(delete(ComponentRow).where(ComponentRow.id.in_(components)))
            s.delete(row)
            return {"trials": 1, "trial_components": len(components)}

    # -- trial components -----------------------------------------------------------------------
    def create_component(self, owner: str, req: TrialComponentCreate, viewer: Any = None,
                         brief: bool = False) -> TrialComponent:
        """`viewer` must own the trial it joins (checked in this transaction); `brief` as in update."""
        with self.db.session() as s:
            if s.scalar(select(ComponentRow.id).where(ComponentRow.name == req.trial_component_name)) is not None:
                raise Conflict(f"a trial component named '{req.trial_component_name}' already exists",
                               field="trial_component_name")
            trial = self._trial_row(s, req.trial_name) if req.trial_name else None
            if trial is not None and viewer is not None:
                viewer.require(trial.owner, f"trial '{req.trial_name}'", field="trial_name")
            now = utcnow()
            row = ComponentRow(name=req.trial_component_name, display_name=req.display_name or req.trial_component_name,
                               owner=owner, status=req.status, status_message=req.status_message,
                               creation_time=now, last_modified_time=now, start_time=req.start_time or now,
                               end_time=req.end_time, tags=req.tags, source_arn=req.source_arn,
                               source_type=req.source_type, git_commit=req.git_commit,
                               git_repository=req.git_repository)
            s.add(row)
            s.flush()
            self._set_parameters(s, row.id, req.parameters)
            self._set_artifacts(s, row.id, "input", req.input_artifacts)
            self._set_artifacts(s, row.id, "output", req.output_artifacts)
            if trial is not None:
                s.add(LinkRow(trial_id=trial.id, component_id=row.id))
            s.flush()
            return self._brief(row) if brief else self._hydrate(s, [row])[0]

    @staticmethod
    def _set_parameters(s: Session, component_id: int, params: dict[str, Any]) -> None:
        if not params:
            return
        # Core statements on the session's connection, not ORM objects or ORM-enabled bulk statements:
        # those were most of an update's time (measured)
        table = ParameterRow.__table__
        conn = s.connection()
        conn.execute(table.delete().where(table.c.component_id == component_id, table.c.name.in_(list(params))))
        conn.execute(table.insert(), [_param_values(component_id, k, v) for k, v in params.items()])

    @staticmethod
    def _set_artifacts(s: Session, component_id: int, direction: str, artifacts: dict[str, Artifact]) -> None:
        if not artifacts:
            return
        table = ArtifactRow.__table__
        conn = s.connection()
        conn.execute(table.delete().where(table.c.component_id == component_id, table.c.direction == direction,
                                          table.c.name.in_(list(artifacts))))
        conn.execute(table.insert(), [{"component_id": component_id, "direction": direction, "name": k,
                                       "value": a.value, "media_type": a.media_type} for k, a in artifacts.items()])

    def get_component(self, name: str) -> TrialComponent:
        with self.db.session() as s:
            return self._hydrate(s, [self.component_row(s, name)])[0]

    @staticmethod
    def shared_component_ids():
        """Components in a trial of a shared experiment: every user may read them."""
        return (select(LinkRow.component_id).join(TrialRow, LinkRow.trial_id == TrialRow.id)
                .join(ExperimentRow, TrialRow.experiment_id == ExperimentRow.id)
                .where(ExperimentRow.shared.is_(True)))

    def component_shared(self, name: str) -> bool:
        with self.db.session() as s:
            cid = s.scalar(select(ComponentRow.id).where(ComponentRow.name == name))
            return cid is not None and s.scalar(self.shared_component_ids().where(LinkRow.component_id == cid)
                                                .limit(1)) is not None

    def component_owner(self, name: str) -> str:
        with self.db.session() as s:
            return self.component_row(s, name).owner

    def component_by_source(self, source_arn: str) -> Optional[str]:
        with self.db.session() as s:
            return s.scalar(select(ComponentRow.name).where(ComponentRow.source_arn == source_arn))

    def update_component(self, name: str, upd: TrialComponentUpdate, viewer: Any = None,
                         brief: bool = False) -> TrialComponent:
        """`brief` answers without parameters, metrics, artifacts and parents (four fewer queries);
        `viewer` is checked in the same transaction as the write."""
        with self.db.session() as s:
            row = self.component_row(s, name)
            if viewer is not None:
                viewer.require(row.owner, f"trial component '{name}'", field="trial_component_name")
            for key in ("display_name", "status", "status_message", "start_time", "end_time", "tags"):
                value = getattr(upd, key)
                if value is not None:
                    setattr(row, key, value)
            if upd.status in ("Completed", "Failed", "Stopped") and row.end_time is None and upd.end_time is None:
                row.end_time = utcnow()
            if upd.parameters_to_remove:
                s.execute(delete(ParameterRow).where(ParameterRow.component_id == row.id,
                                                     ParameterRow.name.in_(upd.parameters_to_remove)))
            self._set_parameters(s, row.id, upd.parameters)
            self._set_artifacts(s, row.id, "input", upd.input_artifacts)
            self._set_artifacts(s, row.id, "output", upd.output_artifacts)
            row.last_modified_time = utcnow()
            s.flush()
            return self._brief(row) if brief else self._hydrate(s, [row])[0]

    @staticmethod
    def _brief(r: ComponentRow) -> TrialComponent:
        return TrialComponent(
            trial_component_name=r.name, display_name=r.display_name, owner=r.owner, status=r.status,
            status_message=r.status_message, creation_time=r.creation_time, last_modified_time=r.last_modified_time,
            start_time=r.start_time, end_time=r.end_time, tags=r.tags or {}, source_arn=r.source_arn,
            source_type=r.source_type, git_commit=r.git_commit, git_repository=r.git_repository)

    def delete_component(self, name: str) -> None:
        with self.db.session() as s:
            s.delete(self.component_row(s, name))

    def associate(self, component: str, trial: str) -> TrialComponent:
        with self.db.session() as s:
            row, t = self.component_row(s, component), self._trial_row(s, trial)
            if s.get(LinkRow, (t.id, row.id)) is None:
                s.add(LinkRow(trial_id=t.id, component_id=row.id))
                s.flush()
            return self._hydrate(s, [row])[0]

    def disassociate(self, component: str, trial: str) -> TrialComponent:
        with self.db.session() as s:
            row, t = self.component_row(s, component), self._trial_row(s, trial)
            s.execute(delete(LinkRow).where(LinkRow.trial_id == t.id, LinkRow.component_id == row.id))
            return self._hydrate(s, [row])[0]

    def hydrate_ids(self, ids: list[int]) -> list[TrialComponent]:
        with self.db.session() as s:
            rows = {r.id: r for r in s.scalars(select(ComponentRow).where(ComponentRow.id.in_(ids)))}
            return self._hydrate(s, [rows[i] for i in ids if i in rows])

    @staticmethod
    def _hydrate(s: Session, rows: list[ComponentRow]) -> list[TrialComponent]:
        """Whole components for a page of rows: four bulk queries, never one per row."""
        ids = [r.id for r in rows]
        params: dict[int, dict[str, Any]] = defaultdict(dict)
        for p in s.scalars(select(ParameterRow).where(ParameterRow.component_id.in_(ids))):
            params[p.component_id][p.name] = _param_value(p)
        arts: dict[tuple[int, str], dict[str, Artifact]] = defaultdict(dict)
        for a in s.scalars(select(ArtifactRow).where(ArtifactRow.component_id.in_(ids))):
            arts[(a.component_id, a.direction)][a.name] = Artifact(value=a.value, media_type=a.media_type)
        metrics: dict[int, list[MetricSummary]] = defaultdict(list)
        for m in s.scalars(select(MetricSummaryRow).where(MetricSummaryRow.component_id.in_(ids))
                           .order_by(MetricSummaryRow.name)):
            metrics[m.component_id].append(summary(m))
        parents: dict[int, list[Parent]] = defaultdict(list)
        for cid, trial, exp in s.execute(
                select(LinkRow.component_id, TrialRow.name, ExperimentRow.name)
                .join(TrialRow, LinkRow.trial_id == TrialRow.id)
                .join(ExperimentRow, TrialRow.experiment_id == ExperimentRow.id)
                .where(LinkRow.component_id.in_(ids))):
            parents[cid].append(Parent(trial_name=trial, experiment_name=exp))
        return [TrialComponent(
            trial_component_name=r.name, display_name=r.display_name, owner=r.owner, status=r.status,
            status_message=r.status_message, creation_time=r.creation_time,
            last_modified_time=r.last_modified_time, start_time=r.start_time, end_time=r.end_time,
            parameters=params.get(r.id, {}), input_artifacts=arts.get((r.id, "input"), {}),
            output_artifacts=arts.get((r.id, "output"), {}), metrics=metrics.get(r.id, []), tags=r.tags or {},
            source_arn=r.source_arn, source_type=r.source_type, git_commit=r.git_commit,
            git_repository=r.git_repository, parents=parents.get(r.id, []),
        ) for r in rows]

    def names_in_use(self, owner: Optional[str], ids: Optional[Iterable[int]] = None) -> tuple[list[str], list[str]]:
        with self.db.session() as s:
            cq = select(ComponentRow.id)
            if owner is not None:
                cq = cq.where(ComponentRow.owner == owner)
            params = sorted(s.scalars(select(ParameterRow.name).where(ParameterRow.component_id.in_(cq)).distinct()))
            metrics = sorted(s.scalars(select(MetricSummaryRow.name).where(
                MetricSummaryRow.component_id.in_(cq)).distinct()))
            return params, metrics
