"""Experiments, trials and trial components in SQL; rows never leave this module (and rows.py)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, Iterable, Optional, TypeVar

from sqlalchemy import Select, delete, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..core.db import Database
from ..core.errors import Conflict, NotFound
from ..core.orm import utcnow
from ..core.paging import fetch_page
from . import rows
from .models import Artifact, Experiment, Trial, TrialComponent, TrialComponentCreate, TrialComponentUpdate
from .orm import ComponentRow, ExperimentRow, LinkRow, MetricSummaryRow, ParameterRow, TrialRow

UPDATABLE = ("display_name", "status", "status_message", "start_time", "end_time", "tags")
Named = TypeVar("Named", ExperimentRow, TrialRow, ComponentRow)


class ExperimentStore:
    def __init__(self, db: Database):
        self.db = db

    # -- lookups --------------------------------------------------------------------------------
    # Names are unique per owner (orm.py): a look-up by name says whose; the service picks the owner a
    # viewer's name means (core/auth.py resolve_owner) from the holders of the name.
    @staticmethod
    def _one(s: Session, row_type: type[Named], owner: str, name: str, what: str, field: str) -> Named:
        row = s.scalar(select(row_type).where(row_type.name == name, row_type.owner == owner))
        if row is None:
            raise NotFound(f"{what} '{name}' does not exist", field=field)
        return row

    @classmethod
    def _experiment_row(cls, s: Session, owner: str, name: str) -> ExperimentRow:
        return cls._one(s, ExperimentRow, owner, name, "experiment", "experiment_name")

    @classmethod
    def _trial_row(cls, s: Session, owner: str, name: str) -> TrialRow:
        return cls._one(s, TrialRow, owner, name, "trial", "trial_name")

    @classmethod
    def component_row(cls, s: Session, owner: str, name: str) -> ComponentRow:
        return cls._one(s, ComponentRow, owner, name, "trial component", "trial_component_name")

    def experiment_holders(self, name: str) -> list[tuple[str, bool]]:
        """(owner, shared) of every experiment of this name."""
        with self.db.session() as s:
            q = select(ExperimentRow.owner, ExperimentRow.shared).where(ExperimentRow.name == name)
            return [(o, bool(sh)) for o, sh in s.execute(q)]

    def trial_holders(self, name: str) -> list[tuple[str, bool]]:
        """(owner, in a shared experiment) of every trial of this name."""
        with self.db.session() as s:
            q = (
                select(TrialRow.owner, ExperimentRow.shared)
                .join(ExperimentRow, TrialRow.experiment_id == ExperimentRow.id)
                .where(TrialRow.name == name)
            )
            return [(o, bool(sh)) for o, sh in s.execute(q)]

    def component_holders(self, name: str) -> list[tuple[str, bool]]:
        """(owner, in a trial of a shared experiment) of every trial component of this name."""
        shared = self.shared_component_ids().where(LinkRow.component_id == ComponentRow.id).exists()
        with self.db.session() as s:
            q = select(ComponentRow.owner, shared).where(ComponentRow.name == name)
            return [(o, bool(sh)) for o, sh in s.execute(q)]

    # -- experiments ----------------------------------------------------------------------------
    def create_experiment(
        self,
        owner: str,
        name: str,
        display_name: Optional[str],
        description: Optional[str],
        folder: str,
        tags: dict[str, str],
        shared: bool = False,
    ) -> Experiment:
        with self.db.session() as s:
            taken = select(ExperimentRow.id).where(ExperimentRow.name == name, ExperimentRow.owner == owner)
            if s.scalar(taken) is not None:  # only the creator's own names conflict
                raise Conflict(f"an experiment named '{name}' already exists", field="experiment_name")
            now = utcnow()
            row = ExperimentRow(
                name=name,
                display_name=display_name or name,
                description=description,
                folder=folder.strip("/"),
                tags=tags,
                owner=owner,
                shared=shared,
                creation_time=now,
                last_modified_time=now,
            )
            s.add(row)
            s.flush()
            return rows.experiment(row, 0)

    def get_experiment(self, owner: str, name: str) -> Experiment:
        with self.db.session() as s:
            row = self._experiment_row(s, owner, name)
            count = s.scalar(select(func.count()).where(TrialRow.experiment_id == row.id)) or 0
            return rows.experiment(row, count)

    def list_experiments(
        self, owner: Optional[str], folder: Optional[str], name_contains: Optional[str], limit: int, offset: int
    ) -> tuple[list[Experiment], int]:
        q = select(ExperimentRow)
        if owner is not None:
            q = q.where((ExperimentRow.owner == owner) | ExperimentRow.shared.is_(True))
        if folder is not None:
            folder = folder.strip("/")
            q = q.where(
                (ExperimentRow.folder == folder) | ExperimentRow.folder.startswith(folder + "/", autoescape=True)
            )
        if name_contains:
            q = q.where(
                ExperimentRow.name.contains(name_contains, autoescape=True)
                | ExperimentRow.display_name.contains(name_contains, autoescape=True)
            )
        with self.db.session() as s:
            found, total = fetch_page(
                s, q, (ExperimentRow.creation_time.desc(), ExperimentRow.id.desc()), limit, offset
            )
            page = [r for (r,) in found]
            counts = dict(
                s.execute(
                    select(TrialRow.experiment_id, func.count())
                    .where(TrialRow.experiment_id.in_([r.id for r in page]))
                    .group_by(TrialRow.experiment_id)
                ).all()
            )
            return [rows.experiment(r, counts.get(r.id, 0)) for r in page], total

    def update_experiment(self, owner: str, name: str, fields: dict[str, Any]) -> Experiment:
        with self.db.session() as s:
            row = self._experiment_row(s, owner, name)
            for key, value in fields.items():
                setattr(row, key, value.strip("/") if key == "folder" else value)
            row.last_modified_time = utcnow()
            s.flush()
            count = s.scalar(select(func.count()).where(TrialRow.experiment_id == row.id)) or 0
            return rows.experiment(row, count)

    def delete_experiment(self, owner: str, name: str, cascade: bool) -> dict[str, int]:
        with self.db.session() as s:
            row = self._experiment_row(s, owner, name)
            trial_ids = list(s.scalars(select(TrialRow.id).where(TrialRow.experiment_id == row.id)))
            if trial_ids and not cascade:
                raise Conflict(
                    f"experiment '{name}' still has {len(trial_ids)} trials; delete them first or pass cascade=true",
                    field="cascade",
                )
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
        elsewhere = set(
            s.scalars(
                select(LinkRow.component_id).where(LinkRow.component_id.in_(linked), LinkRow.trial_id.not_in(trial_ids))
            )
        )
        return sorted(linked - elsewhere)

    # -- trials ---------------------------------------------------------------------------------
    def create_trial(
        self,
        owner: str,
        name: str,
        experiment: tuple[str, str],
        display_name: Optional[str],
        tags: dict[str, str],
    ) -> Trial:
        """`experiment`: (owner, name) of the experiment the trial joins."""
        with self.db.session() as s:
            exp = self._experiment_row(s, *experiment)
            if s.scalar(select(TrialRow.id).where(TrialRow.name == name, TrialRow.owner == owner)) is not None:
                raise Conflict(f"a trial named '{name}' already exists", field="trial_name")
            now = utcnow()
            row = TrialRow(
                name=name,
                experiment_id=exp.id,
                display_name=display_name or name,
                tags=tags,
                owner=owner,
                creation_time=now,
                last_modified_time=now,
            )
            s.add(row)
            exp.last_modified_time = now
            s.flush()
            return rows.trial(row, exp.name, 0)

    def get_trial(self, owner: str, name: str) -> Trial:
        with self.db.session() as s:
            row = self._trial_row(s, owner, name)
            exp = s.get_one(ExperimentRow, row.experiment_id)  # the foreign key keeps it there
            count = s.scalar(select(func.count()).where(LinkRow.trial_id == row.id)) or 0
            return rows.trial(row, exp.name, count)

    def list_trials(
        self, owner: Optional[str], experiment: Optional[tuple[str, str]], limit: int, offset: int
    ) -> tuple[list[Trial], int]:
        """`experiment`: (owner, name) of the one experiment whose trials to list."""
        q = select(TrialRow, ExperimentRow.name).join(ExperimentRow, TrialRow.experiment_id == ExperimentRow.id)
        if owner is not None:
            q = q.where((TrialRow.owner == owner) | ExperimentRow.shared.is_(True))
        if experiment:
            q = q.where(ExperimentRow.owner == experiment[0], ExperimentRow.name == experiment[1])
        with self.db.session() as s:
            page, total = fetch_page(s, q, (TrialRow.creation_time.desc(), TrialRow.id.desc()), limit, offset)
            counts = dict(
                s.execute(
                    select(LinkRow.trial_id, func.count())
                    .where(LinkRow.trial_id.in_([r.id for r, _ in page]))
                    .group_by(LinkRow.trial_id)
                ).all()
            )
            return [rows.trial(r, e, counts.get(r.id, 0)) for r, e in page], total

    def delete_trial(self, owner: str, name: str, cascade: bool) -> dict[str, int]:
        with self.db.session() as s:
            row = self._trial_row(s, owner, name)
            linked = s.scalar(select(func.count()).where(LinkRow.trial_id == row.id)) or 0
            if linked and not cascade:
                raise Conflict(
                    f"trial '{name}' still has {linked} trial components; pass cascade=true", field="cascade"
                )
            components = self._components_only_in(s, [row.id])
            if components:
                s.execute(delete(ComponentRow).where(ComponentRow.id.in_(components)))
            s.delete(row)
            return {"trials": 1, "trial_components": len(components)}

    # -- trial components -----------------------------------------------------------------------
    # Creating and updating components are the hot paths of every run (bench/experiments.py): they
    # use Core statements on one connection, not ORM objects (a third of the time, measured).
    def create_component(
        self,
        owner: str,
        req: TrialComponentCreate,
        viewer: Any = None,
        brief: bool = False,
        trial_owner: Optional[str] = None,
    ) -> TrialComponent:
        """`viewer` must own the trial it joins (checked in this transaction), `trial_owner`'s trial of that
        name (the creator's by default); `brief` as in update."""
        with self.db.connection() as conn:
            trial = None
            if req.trial_name:
                trial = conn.execute(rows.TRIAL_REF, {"name": req.trial_name, "owner": trial_owner or owner}).first()
                if trial is None:
                    raise NotFound(f"trial '{req.trial_name}' does not exist", field="trial_name")
                if viewer is not None:
                    viewer.require(trial.owner, f"trial '{req.trial_name}'", field="trial_name")
            now = utcnow()
            values = {
                "name": req.trial_component_name,
                "display_name": req.display_name or req.trial_component_name,
                "owner": owner,
                "status": req.status,
                "status_message": req.status_message,
                "creation_time": now,
                "last_modified_time": now,
                "start_time": req.start_time or now,
                "end_time": req.end_time,
                "tags": req.tags,
                "source_arn": req.source_arn,
                "source_type": req.source_type,
                "git_commit": req.git_commit,
                "git_repository": req.git_repository,
            }
            try:  # the unique (name, owner) decides (no look-up first): a duplicate is the only conflict here
                key = conn.execute(rows.COMPONENTS.insert(), values).inserted_primary_key
            except IntegrityError:
                raise Conflict(
                    f"a trial component named '{req.trial_component_name}' already exists", field="trial_component_name"
                ) from None
            assert key is not None  # None only for a many-row insert
            cid = key[0]
            if req.parameters:
                conn.execute(
                    rows.PARAMETERS.insert(), [rows.param_values(cid, k, v) for k, v in req.parameters.items()]
                )
            self._set_artifacts(conn, cid, "input", req.input_artifacts, new=True)
            self._set_artifacts(conn, cid, "output", req.output_artifacts, new=True)
            if trial is not None:
                conn.execute(rows.LINKS.insert(), {"trial_id": trial.id, "component_id": cid})
            row = SimpleNamespace(id=cid, **values)
            return rows.brief(row) if brief else rows.hydrate(conn, [row])[0]

    @staticmethod
    def _set_parameters(conn: Connection, component_id: int, params: dict[str, Any]) -> None:
        if not params:
            return
        conn.execute(rows.PARAMETERS_DELETE, {"key_id": component_id, "names": list(params)})
        conn.execute(rows.PARAMETERS.insert(), [rows.param_values(component_id, k, v) for k, v in params.items()])

    @staticmethod
    def _set_artifacts(
        conn: Connection, component_id: int, direction: str, artifacts: dict[str, Artifact], new: bool = False
    ) -> None:
        if not artifacts:
            return
        if not new:
            conn.execute(
                rows.ARTIFACTS_DELETE, {"key_id": component_id, "key_direction": direction, "names": list(artifacts)}
            )
        conn.execute(
            rows.ARTIFACTS.insert(),
            [
                {
                    "component_id": component_id,
                    "direction": direction,
                    "name": k,
                    "value": a.value,
                    "media_type": a.media_type,
                }
                for k, a in artifacts.items()
            ],
        )

    @staticmethod
    def component_ref(conn: Connection, owner: str, name: str, whole: bool = False) -> Any:
        """`owner`'s component's id and owner (`whole`: every column), or NotFound naming the field."""
        ref = rows.COMPONENT_BY_NAME if whole else rows.COMPONENT_REF
        row = conn.execute(ref, {"name": name, "owner": owner}).first()
        if row is None:
            raise NotFound(f"trial component '{name}' does not exist", field="trial_component_name")
        return row

    def get_component(self, owner: str, name: str) -> TrialComponent:
        with self.db.connection() as conn:
            return rows.hydrate(conn, [self.component_ref(conn, owner, name, whole=True)])[0]

    @staticmethod
    def shared_component_ids() -> Select[int]:
        """Components in a trial of a shared experiment: every user may read them."""
        return (
            select(LinkRow.component_id)
            .join(TrialRow, LinkRow.trial_id == TrialRow.id)
            .join(ExperimentRow, TrialRow.experiment_id == ExperimentRow.id)
            .where(ExperimentRow.shared.is_(True))
        )

    def component_by_source(self, owner: str, source_arn: str) -> Optional[str]:
        """`owner`'s component that tracks the job `source_arn` (job names are unique per owner only)."""
        with self.db.session() as s:
            q = select(ComponentRow.name).where(ComponentRow.source_arn == source_arn, ComponentRow.owner == owner)
            return s.scalar(q.limit(1))

    def update_component(
        self, owner: str, name: str, upd: TrialComponentUpdate, viewer: Any = None, brief: bool = False
    ) -> TrialComponent:
        """`brief` answers without parameters, metrics, artifacts and parents (four fewer queries);
        `viewer` is checked in the same transaction as the write."""
        with self.db.connection() as conn:
            row = self.component_ref(conn, owner, name, whole=True)
            if viewer is not None:
                viewer.require(row.owner, f"trial component '{name}'", field="trial_component_name")
            return self.apply_update(conn, row, upd, brief)

    def apply_update(self, conn: Connection, row: Any, upd: TrialComponentUpdate, brief: bool) -> TrialComponent:
        """The update of `row` (every column, as component_ref(whole=True) reads it) in `conn`'s transaction."""
        changes = {key: getattr(upd, key) for key in UPDATABLE if getattr(upd, key) is not None}
        if upd.status in ("Completed", "Failed", "Stopped") and row.end_time is None and upd.end_time is None:
            changes["end_time"] = utcnow()
        changes["last_modified_time"] = utcnow()
        conn.execute(rows.COMPONENT_UPDATE, {**changes, "key_id": row.id})
        if upd.parameters_to_remove:
            conn.execute(rows.PARAMETERS_DELETE, {"key_id": row.id, "names": list(upd.parameters_to_remove)})
        self._set_parameters(conn, row.id, upd.parameters)
        self._set_artifacts(conn, row.id, "input", upd.input_artifacts)
        self._set_artifacts(conn, row.id, "output", upd.output_artifacts)
        updated = SimpleNamespace(**{**row._asdict(), **changes})
        return rows.brief(updated) if brief else rows.hydrate(conn, [updated])[0]

    def delete_component(self, owner: str, name: str) -> None:
        with self.db.session() as s:
            s.delete(self.component_row(s, owner, name))

    def associate(self, component: tuple[str, str], trial: tuple[str, str]) -> TrialComponent:
        """`component`, `trial`: (owner, name) of each."""
        with self.db.session() as s:
            row, t = self.component_row(s, *component), self._trial_row(s, *trial)
            if s.get(LinkRow, (t.id, row.id)) is None:
                s.add(LinkRow(trial_id=t.id, component_id=row.id))
                s.flush()
            return rows.hydrate(s.connection(), [row])[0]

    def disassociate(self, component: tuple[str, str], trial: tuple[str, str]) -> TrialComponent:
        with self.db.session() as s:
            row, t = self.component_row(s, *component), self._trial_row(s, *trial)
            s.execute(delete(LinkRow).where(LinkRow.trial_id == t.id, LinkRow.component_id == row.id))
            return rows.hydrate(s.connection(), [row])[0]

    def hydrate_ids(self, ids: list[int]) -> list[TrialComponent]:
        """Whole components in the order of `ids`: Core rows, not ORM objects (a page of 10,000 built a
        million objects; their garbage collection paused every thread for a tenth of a second)."""
        with self.db.connection() as conn:
            found = {r.id: r for r in conn.execute(select(rows.COMPONENTS).where(rows.COMPONENTS.c.id.in_(ids)))}
            return rows.hydrate(conn, [found[i] for i in ids if i in found])

    def names_in_use(self, owner: Optional[str], ids: Optional[Iterable[int]] = None) -> tuple[list[str], list[str]]:
        with self.db.session() as s:
            cq = select(ComponentRow.id)
            if owner is not None:
                cq = cq.where(ComponentRow.owner == owner)
            params = sorted(s.scalars(select(ParameterRow.name).where(ParameterRow.component_id.in_(cq)).distinct()))
            metrics = sorted(
                s.scalars(select(MetricSummaryRow.name).where(MetricSummaryRow.component_id.in_(cq)).distinct())
            )
            return params, metrics
