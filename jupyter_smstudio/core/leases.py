"""Leases on a room's rows: which process drives a long-running record (core/leased_driver.py), as two columns of its
row, `driver` and `heartbeat`. Several processes may share one store (a server and an SDK session), so the lease is
taken in one UPDATE: whichever process's statement lands first holds it, the others see no row changed."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import ColumnElement, Table, or_

from .db import Database
from .orm import utcnow


def claim(
    db: Database, table: Table, which: tuple[ColumnElement[bool], ...], driver: str, lease_seconds: float
) -> bool:
    """Take the lease on the row `which` picks, or renew it: true when `driver` holds it now, because nobody did,
    it did already, or the holder's heartbeat is older than `lease_seconds` (the holder is gone). `which` also says
    what leaves a row free of drivers (its status no longer unfinished): such a row is never claimed."""
    now = utcnow()
    c = table.c
    stale = now - timedelta(seconds=lease_seconds)
    with db.connection() as conn:
        done = conn.execute(
            table.update()
            .where(*which, or_(c.driver.is_(None), c.driver == driver, c.heartbeat < stale))
            .values(driver=driver, heartbeat=now)
        )
        return done.rowcount == 1
