"""Metric series and their summary statistics, kept up to date on every write.

Summaries merge a batch into the stored (count, mean, M2) with Chan et al.'s parallel formula,
so Min/Max/Avg/StdDev/Last/Count never need a scan of the series. NaN points count in Count and
are stored as NULL; statistics use the finite values (Min/Max also the infinities).
"""
from __future__ import annotations

import math
from collections import defaultdict
from datetime import datetime
from typing import Optional

from sqlalchemy import func, select

from ..core.db import Database
from ..core.orm import utcnow
from .models import MetricPoint, MetricSeries
from .orm import MetricPointRow, MetricSummaryRow
from .store import ExperimentStore


class _Batch:
    def __init__(self) -> None:
        self.count = 0
        self.n = 0
        self.mean = 0.0
        self.m2 = 0.0
        self.min: Optional[float] = None
        self.max: Optional[float] = None
        self.last: Optional[tuple[datetime, int, Optional[int], float]] = None

    def add(self, value: float, step: Optional[int], ts: datetime, order: int) -> None:
        self.count += 1
        if not math.isnan(value):
            self.min = value if self.min is None else min(self.min, value)
            self.max = value if self.max is None else max(self.max, value)
        if math.isfinite(value):
            self.n += 1
            delta = value - self.mean
            self.mean += delta / self.n
            self.m2 += delta * (value - self.mean)
        key = (ts, order, step, value)
        if self.last is None or key[:2] >= self.last[:2]:
            self.last = key


def merge(row: MetricSummaryRow, b: _Batch) -> None:
    row.count += b.count
    if b.n:
        if row.finite_count == 0 or row.mean is None:
            row.mean, row.m2 = b.mean, b.m2
        else:
            n = row.finite_count + b.n
            delta = b.mean - row.mean
            row.mean = row.mean + delta * b.n / n
            row.m2 = row.m2 + b.m2 + delta * delta * row.finite_count * b.n / n
        row.finite_count += b.n
    if b.min is not None:
        row.min = b.min if row.min is None else min(row.min, b.min)
        row.max = b.max if row.max is None else max(row.max, b.max)
    ts, _, step, value = b.last  # type: ignore[misc]
    if row.last_time is None or ts >= row.last_time:
        row.last_time, row.last_step = ts, step
        row.last_is_nan = int(math.isnan(value))
        row.last = None if math.isnan(value) else value


class MetricStore:
    def __init__(self, db: Database):
        self.db = db

    def log(self, component: str, points: list[MetricPoint], viewer=None) -> tuple[int, str]:
        """Stores the points; checks `viewer` may write in the same transaction. Returns (count, owner)."""
        now = utcnow()
        batches: dict[str, _Batch] = defaultdict(_Batch)
        with self.db.session() as s:
            row = ExperimentStore.component_row(s, component)
            if viewer is not None:
                viewer.require(row.owner, f"trial component '{component}'", field="trial_component_name")
            cid, owner = row.id, row.owner
            rows = []
            for i, p in enumerate(points):
                ts = p.timestamp or now
                value = float(p.value)
                batches[p.metric_name].add(value, p.step, ts, i)
                rows.append((cid, p.metric_name, p.step, ts, None if math.isnan(value) else value))
            if rows:
                _insert_points(s, rows)
            existing = {r.name: r for r in s.scalars(
                select(MetricSummaryRow).where(MetricSummaryRow.component_id == cid,
                                               MetricSummaryRow.name.in_(list(batches))).with_for_update())}
            for name, batch in batches.items():
                row = existing.get(name)
                if row is None:
                    row = MetricSummaryRow(component_id=cid, name=name, count=0, finite_count=0, mean=None,
                                           m2=0.0, min=None, max=None, last=None, last_is_nan=0)
                    s.add(row)
                merge(row, batch)
        return len(points), owner

    def series(self, component: str, metric: str, max_points: int) -> MetricSeries:
        with self.db.session() as s:
            cid = ExperimentStore.component_row(s, component).id
            where = (MetricPointRow.component_id == cid, MetricPointRow.name == metric)
            total = s.scalar(select(func.count()).where(*where)) or 0
            order = (MetricPointRow.step, MetricPointRow.id)
            if total <= max_points:
                points = s.execute(select(MetricPointRow.step, MetricPointRow.timestamp, MetricPointRow.value)
                                   .where(*where).order_by(*order)).all()
                downsampled = False
            else:
                # a long series: pick the points on plain tuples, then read timestamps for those only
                # (converting a million timestamps was most of the time of this call, measured)
                raw = s.execute(select(MetricPointRow.id, MetricPointRow.step, MetricPointRow.value)
                                .where(*where).order_by(*order)).tuples().all()
                kept = _downsample(raw, max_points)
                times = dict(s.execute(select(MetricPointRow.id, MetricPointRow.timestamp).where(
                    MetricPointRow.id.in_([p[0] for p in kept]))).tuples().all())
                points = [(step, times[pid], value) for pid, step, value in kept]
                downsampled = True
        return MetricSeries(trial_component_name=component, metric_name=metric,
                            steps=[p[0] for p in points], timestamps=[p[1] for p in points],
                            values=[math.nan if p[2] is None else p[2] for p in points],
                            total_points=total, downsampled=downsampled)


def _insert_points(s, rows: list[tuple]) -> None:
    """Points go straight to the driver (COPY on PostgreSQL, executemany on SQLite): the ORM's per-row
    work cost 4/5 of the time of a large batch (measured). Timestamps convert once per distinct value."""
    conn = s.connection()
    dialect = conn.dialect
    table = MetricPointRow.__table__
    columns = "component_id, name, step, timestamp, value"
    if dialect.name == "postgresql":
        # COPY is PostgreSQL's bulk path: one round trip for the whole batch, in this transaction
        with conn.connection.dbapi_connection.cursor() as cur:
            with cur.copy(f"COPY {table.name} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    to_db = table.c.timestamp.type.bind_processor(dialect) or (lambda v: v)
    seen: dict[datetime, object] = {}
    params = []
    for cid, name, step, ts, value in rows:
        db_ts = seen.get(ts)
        if db_ts is None:
            db_ts = seen[ts] = to_db(ts)
        params.append((cid, name, step, db_ts, value))
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO {table.name} ({columns}) VALUES ({', '.join([mark] * 5)})"
    conn.exec_driver_sql(sql, params)


def _downsample(points: list, max_points: int) -> list:
    """Keep each bucket's first, min and max point (rows are (id, step, value)), so spikes survive."""
    buckets = max(1, max_points // 3)
    size = math.ceil(len(points) / buckets)
    out = []
    for start in range(0, len(points), size):
        chunk = points[start:start + size]
        finite = [i for i, p in enumerate(chunk) if p[2] is not None]
        keep = {0}
        if finite:
            keep.add(min(finite, key=lambda i: chunk[i][2]))
            keep.add(max(finite, key=lambda i: chunk[i][2]))
        out.extend(chunk[i] for i in sorted(keep))
    return out
