"""AutoML jobs in SQL; rows never leave this module."""

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
from .orm import AutoMLJobRow
from .shapes import CreateAutoMLJobRequest

ACTIVE = ("InProgress", "Stopping")


@dataclass(frozen=True)
class AutoMLRecord:
    """An AutoML job as the service and the driver work with it: values, detached from the session."""

    name: str
    owner: str
    status: str
    secondary_status: str
    failure_reason: Optional[str]
    request: CreateAutoMLJobRequest
    state: dict[str, Any]
    creation_time: datetime
    last_modified_time: datetime
    end_time: Optional[datetime]


def _record(row: AutoMLJobRow) -> AutoMLRecord:
    return AutoMLRecord(
        name=row.name,
        owner=row.owner,
        status=row.status,
        secondary_status=row.secondary_status,
        failure_reason=row.failure_reason,
        request=CreateAutoMLJobRequest.model_validate(row.request),
        state=dict(row.state or {}),
        creation_time=row.creation_time,
        last_modified_time=row.last_modified_time,
        end_time=row.end_time,
    )


def _named(owner: str, name: str) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    return AutoMLJobRow.name == name, AutoMLJobRow.owner == owner


class AutoMLStore:
    def __init__(self, db: Database):
        self.db = db

    # Names are unique per owner (orm.py): every look-up by name says whose.
    def create(self, name: str, owner: str, request: dict[str, Any], state: dict[str, Any]) -> None:
        with self.db.session() as s:
            if s.scalar(select(AutoMLJobRow.id).where(*_named(owner, name))) is not None:
                raise Conflict(f"an AutoML job named '{name}' already exists", field="AutoMLJobName")
            now = utcnow()
            s.add(
                AutoMLJobRow(
                    name=name,
                    owner=owner,
                    status="InProgress",
                    secondary_status="Starting",
                    request=request,
                    state=state,
                    creation_time=now,
                    last_modified_time=now,
                )
            )

    def get(self, owner: str, name: str) -> AutoMLRecord:
        with self.db.session() as s:
            row = s.scalar(select(AutoMLJobRow).where(*_named(owner, name)))
            if row is None:
                raise NotFound(f"AutoML job '{name}' does not exist", field="AutoMLJobName")
            return _record(row)

    def owners(self, name: str) -> builtins.list[str]:
        """Who holds an AutoML job of this name (core/auth.py resolve_owner picks the viewer's)."""
        with self.db.session() as s:
            return list(s.scalars(select(AutoMLJobRow.owner).where(AutoMLJobRow.name == name)))

    def list(
        self, owner: Optional[str], status: Optional[str], name_contains: Optional[str], limit: int, offset: int
    ) -> tuple[builtins.list[AutoMLRecord], int]:
        q = select(AutoMLJobRow)
        if owner is not None:
            q = q.where(AutoMLJobRow.owner == owner)
        if status:
            q = q.where(AutoMLJobRow.status == status)
        if name_contains:
            q = q.where(AutoMLJobRow.name.contains(name_contains, autoescape=True))
        with self.db.session() as s:
            found, total = fetch_page(s, q, (AutoMLJobRow.creation_time.desc(), AutoMLJobRow.id.desc()), limit, offset)
            return [_record(r) for (r,) in found], total

    def active_keys(self) -> builtins.list[tuple[str, str]]:
        """(owner, name) of the AutoML jobs still running or stopping."""
        with self.db.session() as s:
            q = select(AutoMLJobRow.owner, AutoMLJobRow.name).where(AutoMLJobRow.status.in_(ACTIVE))
            return [(owner, name) for owner, name in s.execute(q)]

    def claim(self, owner: str, name: str, driver: str, lease_seconds: float) -> bool:
        """Drive `name` (again): true when this driver holds it or the holder's heartbeat is stale."""
        which = (*_named(owner, name), AutoMLJobRow.status.in_(ACTIVE))
        return leases.claim(self.db, AutoMLJobRow.__table__, which, driver, lease_seconds)

    def update(
        self,
        owner: str,
        name: str,
        *,
        status: Optional[str] = None,
        secondary_status: Optional[str] = None,
        failure_reason: Optional[str] = None,
        state: Optional[dict[str, Any]] = None,
        ended: bool = False,
        only_if: tuple[str, ...] = (),
    ) -> bool:
        """Change what is given; with `only_if`, only while the status is one of those (false when it was not)."""
        with self.db.session() as s:
            row = s.scalar(select(AutoMLJobRow).where(*_named(owner, name)))
            if row is None or (only_if and row.status not in only_if):
                return False
            if status is not None:
                row.status = status
            if secondary_status is not None:
                row.secondary_status = secondary_status
            if failure_reason is not None:
                row.failure_reason = failure_reason[:4000]
            if state is not None:
                row.state = state
            row.last_modified_time = utcnow()
            if ended:
                row.end_time = row.last_modified_time
            return True
