"""Tuning jobs and their trials in SQL; rows never leave this module."""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Optional

from sqlalchemy import ColumnElement, select

from ..core import leases
from ..core.db import Database
from ..core.errors import Conflict, NotFound
from ..core.orm import utcnow
from ..core.paging import fetch_page
from .models import TuningJobRequest
from .orm import TuningJobRow, TuningTrialRow

ACTIVE = ("InProgress", "Stopping")  # a driver steps these (core/leased_driver.py)


@dataclass(frozen=True)
class TrialRecord:
    """One training job of a tuning job, as stored: `params` are Optuna's values (tuning/validation.py
    tuned_values turns them into hyperparameters), `intermediate` the objective's points by step."""

    number: int
    training_job_name: str
    params: dict[str, Any]
    status: str
    objective_value: Optional[float]
    objective_status: str
    early_stopped: bool
    failure_reason: Optional[str]
    intermediate: dict[str, float]
    creation_time: datetime
    end_time: Optional[datetime]


@dataclass(frozen=True)
class TuningRecord:
    """A tuning job as the service and the driver work with it: values, detached from the session."""

    name: str
    owner: str
    status: str
    failure_reason: Optional[str]
    request: TuningJobRequest
    creation_time: datetime
    last_modified_time: datetime
    end_time: Optional[datetime]
    trials: tuple[TrialRecord, ...]


def _record(row: TuningJobRow, trials: list[TuningTrialRow]) -> TuningRecord:
    return TuningRecord(
        name=row.name,
        owner=row.owner,
        status=row.status,
        failure_reason=row.failure_reason,
        request=TuningJobRequest.model_validate(row.request),
        creation_time=row.creation_time,
        last_modified_time=row.last_modified_time,
        end_time=row.end_time,
        trials=tuple(
            TrialRecord(
                number=t.number,
                training_job_name=t.training_job_name,
                params=t.params or {},
                status=t.status,
                objective_value=t.objective_value,
                objective_status=t.objective_status,
                early_stopped=bool(t.early_stopped),
                failure_reason=t.failure_reason,
                intermediate=t.intermediate or {},
                creation_time=t.creation_time,
                end_time=t.end_time,
            )
            for t in trials
        ),
    )


def _named(owner: str, name: str) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    return TuningJobRow.name == name, TuningJobRow.owner == owner


class TuningStore:
    def __init__(self, db: Database):
        self.db = db

    # Names are unique per owner (orm.py): every look-up by name says whose.
    def create(self, name: str, owner: str, request: dict[str, Any]) -> None:
        with self.db.session() as s:
            if s.scalar(select(TuningJobRow.id).where(*_named(owner, name))) is not None:
                raise Conflict(f"a tuning job named '{name}' already exists", field="tuning_job_name")
            now = utcnow()
            s.add(
                TuningJobRow(
                    name=name,
                    owner=owner,
                    status="InProgress",
                    request=request,
                    creation_time=now,
                    last_modified_time=now,
                )
            )

    def delete(self, owner: str, name: str) -> None:
        with self.db.session() as s:
            row = s.scalar(select(TuningJobRow).where(*_named(owner, name)))
            if row is not None:
                s.delete(row)

    def get(self, owner: str, name: str) -> TuningRecord:
        with self.db.session() as s:
            row = s.scalar(select(TuningJobRow).where(*_named(owner, name)))
            if row is None:
                raise NotFound(f"tuning job '{name}' does not exist", field="tuning_job_name")
            trials = list(
                s.scalars(
                    select(TuningTrialRow).where(TuningTrialRow.tuning_job_id == row.id).order_by(TuningTrialRow.number)
                )
            )
            return _record(row, trials)

    def owners(self, name: str) -> builtins.list[str]:
        """Who holds a tuning job of this name (core/auth.py resolve_owner picks the viewer's)."""
        with self.db.session() as s:
            return list(s.scalars(select(TuningJobRow.owner).where(TuningJobRow.name == name)))

    def list(
        self, owner: Optional[str], status: Optional[str], name_contains: Optional[str], limit: int, offset: int
    ) -> tuple[list[TuningRecord], int]:
        q = select(TuningJobRow)
        if owner is not None:
            q = q.where(TuningJobRow.owner == owner)
        if status:
            q = q.where(TuningJobRow.status == status)
        if name_contains:
            q = q.where(TuningJobRow.name.contains(name_contains, autoescape=True))
        with self.db.session() as s:
            found, total = fetch_page(s, q, (TuningJobRow.creation_time.desc(), TuningJobRow.id.desc()), limit, offset)
            rows = [r for (r,) in found]
            trials: dict[int, list[TuningTrialRow]] = {r.id: [] for r in rows}
            for t in s.scalars(
                select(TuningTrialRow)
                .where(TuningTrialRow.tuning_job_id.in_(list(trials)))
                .order_by(TuningTrialRow.number)
            ):
                trials[t.tuning_job_id].append(t)
            return [_record(r, trials[r.id]) for r in rows], total

    def keys_in(self, statuses: tuple[str, ...]) -> builtins.list[tuple[str, str]]:  # `list` is a method here
        """(owner, name) of the tuning jobs in these statuses."""
        with self.db.session() as s:
            q = select(TuningJobRow.owner, TuningJobRow.name).where(TuningJobRow.status.in_(statuses))
            return [(owner, name) for owner, name in s.execute(q)]

    def get_status(self, owner: str, name: str) -> Optional[str]:
        with self.db.session() as s:
            return s.scalar(select(TuningJobRow.status).where(*_named(owner, name)))

    def active_keys(self) -> builtins.list[tuple[str, str]]:
        """(owner, name) of the tuning jobs a driver may have to adopt (core/leased_driver.py)."""
        return self.keys_in(ACTIVE)

    def claim(self, owner: str, name: str, driver: str, lease_seconds: float) -> bool:
        """Drive `name` (again): true when this driver holds it or the holder's heartbeat is stale."""
        which = (*_named(owner, name), TuningJobRow.status.in_(ACTIVE))
        return leases.claim(self.db, TuningJobRow.__table__, which, driver, lease_seconds)

    def set_status(
        self, owner: str, name: str, status: str, failure_reason: Optional[str] = None, ended: bool = False
    ) -> None:
        with self.db.session() as s:
            row = s.scalars(select(TuningJobRow).where(*_named(owner, name))).one()  # never deleted while driven
            row.status, row.last_modified_time = status, utcnow()
            if failure_reason is not None:
                row.failure_reason = failure_reason
            if ended:
                row.end_time = row.last_modified_time

    def add_trial(self, owner: str, name: str, trial: dict[str, Any]) -> None:
        with self.db.session() as s:
            job_id = s.scalar(select(TuningJobRow.id).where(*_named(owner, name)))
            s.add(TuningTrialRow(tuning_job_id=job_id, **trial))

    def update_trial(self, owner: str, name: str, number: int, **fields: Any) -> None:
        with self.db.session() as s:
            job_id = s.scalar(select(TuningJobRow.id).where(*_named(owner, name)))
            row = s.get(TuningTrialRow, (job_id, number))
            for key, value in fields.items():
                setattr(row, key, value)
