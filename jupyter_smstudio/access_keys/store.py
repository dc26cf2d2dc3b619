"""Access keys in SQL; rows never leave this module."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Optional

from sqlalchemy import func, select, update

from ..core.db import Database
from ..core.errors import NotFound
from .orm import AccessKeyRow


@dataclass(frozen=True)
class KeyRecord:
    access_key_id: str
    owner: str
    secret: str  # encrypted (cipher.py)
    status: str
    create_date: datetime
    last_used_date: Optional[datetime]


def _record(row: AccessKeyRow) -> KeyRecord:
    return KeyRecord(row.access_key_id, row.owner, row.secret, row.status, row.create_date, row.last_used_date)


def _missing(access_key_id: str) -> NotFound:
    # IAM's words; the same answer for another user's key, which does not exist for this user
    return NotFound(f"The Access Key with id {access_key_id} cannot be found.", field="AccessKeyId")


class AccessKeyStore:
    def __init__(self, db: Database):
        self.db = db

    def count(self, owner: str) -> int:
        with self.db.session() as s:
            return int(s.scalar(select(func.count()).where(AccessKeyRow.owner == owner)) or 0)

    def add(self, record: KeyRecord) -> None:
        with self.db.session() as s:
            s.add(
                AccessKeyRow(
                    access_key_id=record.access_key_id,
                    owner=record.owner,
                    secret=record.secret,
                    status=record.status,
                    create_date=record.create_date,
                    last_used_date=None,
                )
            )

    def find(self, access_key_id: str) -> Optional[KeyRecord]:
        """On every signed request: a Core statement, a fraction of an ORM session's cost."""
        table = AccessKeyRow.__table__
        with self.db.connection() as conn:
            row = conn.execute(select(table).where(table.c.access_key_id == access_key_id)).first()
        if row is None:
            return None
        return KeyRecord(row.access_key_id, row.owner, row.secret, row.status, row.create_date, row.last_used_date)

    def get(self, owner: str, access_key_id: str) -> KeyRecord:
        record = self.find(access_key_id)
        if record is None or record.owner != owner:
            raise _missing(access_key_id)
        return record

    def of_owner(self, owner: str) -> list[KeyRecord]:
        with self.db.session() as s:
            rows = s.scalars(select(AccessKeyRow).where(AccessKeyRow.owner == owner).order_by(AccessKeyRow.create_date))
            return [_record(row) for row in rows]

    def set_status(self, owner: str, access_key_id: str, status: str) -> None:
        with self.db.session() as s:
            changed = s.execute(
                update(AccessKeyRow)
                .where(AccessKeyRow.access_key_id == access_key_id, AccessKeyRow.owner == owner)
                .values(status=status)
            )
            if not getattr(changed, "rowcount", 0):
                raise _missing(access_key_id)

    def delete(self, owner: str, access_key_id: str) -> None:
        with self.db.session() as s:
            row = s.scalar(
                select(AccessKeyRow).where(AccessKeyRow.access_key_id == access_key_id, AccessKeyRow.owner == owner)
            )
            if row is None:
                raise _missing(access_key_id)
            s.delete(row)

    def mark_used(self, access_key_id: str, when: datetime) -> None:
        with self.db.session() as s:
            s.execute(
                update(AccessKeyRow).where(AccessKeyRow.access_key_id == access_key_id).values(last_used_date=when)
            )
