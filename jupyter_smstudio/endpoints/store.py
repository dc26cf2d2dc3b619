"""Models, endpoint configs and endpoints in SQL; rows never leave this module. Every look-up is by
(owner, name): names are unique per owner."""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable, Optional, Union

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..core.db import Database
from ..core.errors import Conflict, NotFound
from ..core.orm import utcnow
from ..core.paging import fetch_page
from .orm import EndpointConfigRow, EndpointRow, ModelRow

Named = Union[type[ModelRow], type[EndpointConfigRow], type[EndpointRow]]
SpecKind = Union[type[ModelRow], type[EndpointConfigRow]]
KINDS: dict[Named, tuple[str, str]] = {  # what a row is called in messages, and the request field naming it
    ModelRow: ("model", "ModelName"),
    EndpointConfigRow: ("endpoint config", "EndpointConfigName"),
    EndpointRow: ("endpoint", "EndpointName"),
}
LIVE_STATUSES = ("Creating", "InService", "Updating", "Deleting")


@dataclass(frozen=True)
class SpecRecord:
    """A model or an endpoint config: its request as stored."""

    name: str
    owner: str
    spec: dict[str, Any]
    creation_time: datetime


@dataclass(frozen=True)
class EndpointRecord:
    name: str
    owner: str
    config_name: str
    status: str
    failure_reason: Optional[str]
    folder: str
    variants: list[dict[str, Any]]
    instances: list[dict[str, Any]]
    creation_time: datetime
    last_modified_time: datetime


def _endpoint(row: EndpointRow) -> EndpointRecord:
    return EndpointRecord(
        name=row.name,
        owner=row.owner,
        config_name=row.config_name,
        status=row.status,
        failure_reason=row.failure_reason,
        folder=row.folder,
        variants=[dict(v) for v in row.variants or []],
        instances=[dict(i) for i in row.instances or []],
        creation_time=row.creation_time,
        last_modified_time=row.last_modified_time,
    )


def _missing(kind: Named, name: str) -> NotFound:
    what, field = KINDS[kind]
    return NotFound(f"{what} '{name}' does not exist", field=field)


class EndpointStore:
    def __init__(self, db: Database):
        self.db = db
        # called with an endpoint's name after every write to it (the router's copies: route_cache.py)
        self.changed: builtins.list[Callable[[str], None]] = []

    def _changed(self, name: str) -> None:
        for listener in self.changed:
            listener(name)

    # -- every kind -------------------------------------------------------------------------------
    def holders(self, kind: Named, name: str) -> builtins.list[str]:
        """The owners of records of `kind` named `name` (core/auth.py resolve_owner picks the viewer's)."""
        with self.db.session() as s:
            return list(s.scalars(select(kind.owner).where(kind.name == name)))

    def _row(self, s: Any, kind: Named, owner: str, name: str) -> Any:
        row = s.scalar(select(kind).where(kind.name == name, kind.owner == owner))
        if row is None:
            raise _missing(kind, name)
        return row

    def _add(self, row: ModelRow | EndpointConfigRow | EndpointRow) -> None:
        what, field = KINDS[type(row)]
        try:
            with self.db.session() as s:
                if s.scalar(select(type(row).id).where(type(row).name == row.name, type(row).owner == row.owner)):
                    raise Conflict(f"{what} '{row.name}' already exists", field=field)
                s.add(row)
        except IntegrityError:  # a concurrent create of the same name
            raise Conflict(f"{what} '{row.name}' already exists", field=field) from None

    def delete(self, kind: Named, owner: str, name: str) -> None:
        with self.db.session() as s:
            s.delete(self._row(s, kind, owner, name))
        if kind is EndpointRow:
            self._changed(name)

    # -- models and endpoint configs ----------------------------------------------------------------
    def add_spec(self, kind: SpecKind, owner: str, name: str, spec: dict[str, Any]) -> None:
        self._add(kind(name=name, owner=owner, spec=spec, creation_time=utcnow()))

    def get_spec(self, kind: SpecKind, owner: str, name: str) -> SpecRecord:
        with self.db.session() as s:
            row = self._row(s, kind, owner, name)
            return SpecRecord(row.name, row.owner, dict(row.spec), row.creation_time)

    def list_specs(
        self,
        kind: SpecKind,
        owner: Optional[str],
        name_contains: Optional[str],
        limit: int,
        offset: int,
    ) -> tuple[builtins.list[SpecRecord], int]:
        q = select(kind)
        if owner is not None:
            q = q.where(kind.owner == owner)
        if name_contains:
            q = q.where(kind.name.contains(name_contains, autoescape=True))
        with self.db.session() as s:
            found, total = fetch_page(s, q, (kind.creation_time.desc(), kind.id.desc()), limit, offset)
            return [SpecRecord(r.name, r.owner, dict(r.spec), r.creation_time) for (r,) in found], total

    # -- endpoints ----------------------------------------------------------------------------------
    def add_endpoint(
        self, owner: str, name: str, config_name: str, folder: str, variants: builtins.list[dict[str, Any]]
    ) -> None:
        now = utcnow()
        self._add(
            EndpointRow(
                name=name,
                owner=owner,
                config_name=config_name,
                status="Creating",
                folder=folder,
                variants=variants,
                instances=[],
                creation_time=now,
                last_modified_time=now,
            )
        )
        self._changed(name)  # a new holder of the name: whose endpoint it means may change

    def get_endpoint(self, owner: str, name: str) -> EndpointRecord:
        with self.db.session() as s:
            return _endpoint(self._row(s, EndpointRow, owner, name))

    def find_endpoint(self, owner: str, name: str) -> Optional[EndpointRecord]:
        with self.db.session() as s:
            row = s.scalar(select(EndpointRow).where(EndpointRow.name == name, EndpointRow.owner == owner))
            return None if row is None else _endpoint(row)

    def list_endpoints(
        self, owner: Optional[str], status: Optional[str], name_contains: Optional[str], limit: int, offset: int
    ) -> tuple[builtins.list[EndpointRecord], int]:
        q = select(EndpointRow)
        if owner is not None:
            q = q.where(EndpointRow.owner == owner)
        if status:
            q = q.where(EndpointRow.status == status)
        if name_contains:
            q = q.where(EndpointRow.name.contains(name_contains, autoescape=True))
        with self.db.session() as s:
            found, total = fetch_page(s, q, (EndpointRow.creation_time.desc(), EndpointRow.id.desc()), limit, offset)
            return [_endpoint(r) for (r,) in found], total

    def live_endpoints(self) -> builtins.list[EndpointRecord]:
        """Every endpoint whose instances run or should run (re-adopted after a restart)."""
        with self.db.session() as s:
            return [_endpoint(r) for r in s.scalars(select(EndpointRow).where(EndpointRow.status.in_(LIVE_STATUSES)))]

    def configs_using(self, owner: str, model_name: str) -> builtins.list[str]:
        with self.db.session() as s:
            rows = s.scalars(select(EndpointConfigRow).where(EndpointConfigRow.owner == owner))
            return [
                r.name
                for r in rows
                if any(v.get("ModelName") == model_name for v in (r.spec or {}).get("ProductionVariants", []))
            ]

    def update_endpoint(self, owner: str, name: str, **fields: Any) -> bool:
        """Set `fields` (status, failure_reason, variants, instances); False when the endpoint is gone."""
        with self.db.session() as s:
            row = s.scalar(select(EndpointRow).where(EndpointRow.name == name, EndpointRow.owner == owner))
            if row is None:
                return False
            for key, value in fields.items():
                setattr(row, key, value)
            row.last_modified_time = utcnow()
        self._changed(name)  # after the commit: a copy loaded now is the new one
        return True
