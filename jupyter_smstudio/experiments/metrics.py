"""Metric series and their summary statistics, kept up to date on every write.

A batch of points is stored as one packed chunk per metric (see MetricChunkRow), and each
metric's summary merges the batch into the stored (count, mean, M2) with Chan et al.'s parallel
formula, so Min/Max/Avg/StdDev/Last/Count never need a scan. NaN points count in Count;
Avg/StdDev use the finite values and Min/Max also the infinities.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import datetime, timezone
from typing import Any, Optional

import numpy as np
from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection

from ..core.auth import Viewer
from ..core.db import Database
from ..core.orm import utcnow
from .models import MetricPoint, MetricSeries, TrialComponent, TrialComponentUpdate
from .orm import MetricChunkRow, MetricSummaryRow
from .store import ExperimentStore

LITTLE = "<f8"  # the chunk byte layout, whatever the machine
Arrays = dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]
Summary = dict[str, Any]  # MetricSummaryRow's columns by name, as the statements read and write them
CHUNKS = MetricChunkRow.__table__
SUMMARIES = MetricSummaryRow.__table__
SUMMARIES_FOR_UPDATE = (
    select(SUMMARIES)
    .where(SUMMARIES.c.component_id == bindparam("key_id"), SUMMARIES.c.name.in_(bindparam("names", expanding=True)))
    .with_for_update()
)
SUMMARY_UPDATE = SUMMARIES.update().where(
    SUMMARIES.c.component_id == bindparam("key_id"), SUMMARIES.c.name == bindparam("key_name")
)


class _Series:
    """One metric's points of one batch, as arrays."""

    def __init__(self) -> None:
        self.steps: list[float] = []
        self.times: list[float] = []
        self.values: list[float] = []

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return (
            np.asarray(self.steps, dtype=LITTLE),
            np.asarray(self.times, dtype=LITTLE),
            np.asarray(self.values, dtype=LITTLE),
        )


def merge(row: Summary, steps: np.ndarray, times: np.ndarray, values: np.ndarray) -> None:
    """Folds one batch into a summary row (a dict of MetricSummaryRow's columns), in place."""
    row["count"] += int(values.size)
    finite = values[np.isfinite(values)]
    if finite.size:
        b_mean = float(finite.mean())
        b_m2 = float(((finite - b_mean) ** 2).sum())
        if row["finite_count"] == 0 or row["mean"] is None:
            row["mean"], row["m2"] = b_mean, b_m2
        else:
            n = row["finite_count"] + finite.size
            delta = b_mean - row["mean"]
            row["mean"] = row["mean"] + delta * finite.size / n
            row["m2"] = row["m2"] + b_m2 + delta * delta * row["finite_count"] * finite.size / n
        row["finite_count"] += int(finite.size)
    comparable = values[~np.isnan(values)]
    if comparable.size:
        lo, hi = float(comparable.min()), float(comparable.max())
        row["min"] = lo if row["min"] is None else min(row["min"], lo)
        row["max"] = hi if row["max"] is None else max(row["max"], hi)
    last = int(np.flatnonzero(times == times.max())[-1])  # the latest point; ties: the one logged last
    ts = datetime.fromtimestamp(float(times[last]), tz=timezone.utc)
    if row["last_time"] is None or ts >= row["last_time"]:
        value = float(values[last])
        row["last_time"] = ts
        row["last_step"] = None if math.isnan(steps[last]) else int(steps[last])
        row["last_is_nan"] = int(math.isnan(value))
        row["last"] = None if math.isnan(value) else value


def _new_summary(component_id: int, name: str) -> Summary:
    return {
        "component_id": component_id,
        "name": name,
        "count": 0,
        "finite_count": 0,
        "mean": None,
        "m2": 0.0,
        "min": None,
        "max": None,
        "last": None,
        "last_is_nan": 0,
        "last_step": None,
        "last_time": None,
    }


class MetricStore:
    def __init__(self, db: Database):
        self.db = db

    def log(
        self, owner: str, component: str, points: list[MetricPoint], viewer: Optional[Viewer] = None
    ) -> tuple[str, int]:
        """Stores the points on `owner`'s component; checks `viewer` may write in the same transaction.
        Returns (owner, count)."""
        now = utcnow().timestamp()
        series: dict[str, _Series] = defaultdict(_Series)
        for p in points:
            s = series[p.metric_name]
            s.steps.append(math.nan if p.step is None else float(p.step))
            s.times.append(now if p.timestamp is None else _epoch(p.timestamp))
            s.values.append(float(p.value))
        arrays = {name: ser.arrays() for name, ser in series.items()}
        return self.log_arrays(owner, component, arrays, viewer), len(points)

    def log_arrays(self, owner: str, component: str, arrays: Arrays, viewer: Optional[Viewer] = None) -> str:
        """The write itself: per metric, (steps, epoch seconds, values) float64 arrays. Returns the owner."""
        with self.db.connection() as conn:
            ref = ExperimentStore.component_ref(conn, owner, component)
            if viewer is not None:
                viewer.require(ref.owner, f"trial component '{component}'", field="trial_component_name")
            self.write_arrays(conn, ref.id, arrays)
        return owner

    def finish(
        self,
        store: ExperimentStore,
        owner: str,
        name: str,
        upd: TrialComponentUpdate,
        arrays: Arrays,
        viewer: Viewer,
        brief: bool,
    ) -> TrialComponent:
        """A run's last points and its final update in one transaction (the SDK's embedded Run closes so)."""
        with self.db.connection() as conn:
            row = store.component_ref(conn, owner, name, whole=True)
            viewer.require(row.owner, f"trial component '{name}'", field="trial_component_name")
            self.write_arrays(conn, row.id, arrays)
            return store.apply_update(conn, row, upd, brief)

    @staticmethod
    def write_arrays(
        conn: Connection, component_id: int, arrays: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]
    ) -> None:
        """In `conn`'s transaction: the chunks, then the summaries merged under a row lock."""
        if not arrays:
            return
        conn.execute(
            CHUNKS.insert(),
            [
                {
                    "component_id": component_id,
                    "name": name,
                    "count": int(v.size),
                    "steps": st.tobytes(),
                    "timestamps": ts.tobytes(),
                    "values": v.tobytes(),
                }
                for name, (st, ts, v) in arrays.items()
            ],
        )
        existing = {
            r.name: r._asdict()
            for r in conn.execute(SUMMARIES_FOR_UPDATE, {"key_id": component_id, "names": list(arrays)})
        }
        added, changed = [], []
        for name, (st, ts, v) in arrays.items():
            row = existing.get(name)
            if row is None:
                row = _new_summary(component_id, name)
                added.append(row)
            else:
                changed.append(row)
            merge(row, st, ts, v)
        if added:
            conn.execute(SUMMARIES.insert(), added)
        if changed:
            conn.execute(SUMMARY_UPDATE, [{**r, "key_id": r["component_id"], "key_name": r["name"]} for r in changed])

    def series(self, owner: str, component: str, metric: str, max_points: int) -> MetricSeries:
        with self.db.session() as s:
            cid = ExperimentStore.component_row(s, owner, component).id
            chunks = s.execute(
                select(MetricChunkRow.steps, MetricChunkRow.timestamps, MetricChunkRow.values)
                .where(MetricChunkRow.component_id == cid, MetricChunkRow.name == metric)
                .order_by(MetricChunkRow.id)
            ).all()
        if chunks:
            steps = np.concatenate([np.frombuffer(c[0], dtype=LITTLE) for c in chunks])
            times = np.concatenate([np.frombuffer(c[1], dtype=LITTLE) for c in chunks])
            values = np.concatenate([np.frombuffer(c[2], dtype=LITTLE) for c in chunks])
        else:
            steps = times = values = np.empty(0, dtype=LITTLE)
        # by step (points without a step keep their place in time order), stable for equal steps
        order = np.lexsort((times, np.where(np.isnan(steps), np.inf, steps)))
        steps, times, values = steps[order], times[order], values[order]
        total = int(values.size)
        downsampled = total > max_points
        if downsampled:
            keep = _downsample(values, max_points)
            steps, times, values = steps[keep], times[keep], values[keep]
        return MetricSeries(
            trial_component_name=component,
            metric_name=metric,
            steps=[None if math.isnan(x) else int(x) for x in steps.tolist()],
            timestamps=[datetime.fromtimestamp(t, tz=timezone.utc) for t in times.tolist()],
            values=values.tolist(),
            total_points=total,
            downsampled=downsampled,
        )


def _epoch(value: datetime) -> float:
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.timestamp()


def _downsample(values: np.ndarray, max_points: int) -> np.ndarray:
    """Indices keeping each bucket's first, min and max point, so spikes survive in a chart."""
    buckets = max(1, max_points // 3)
    size = math.ceil(values.size / buckets)
    keep: list[int] = []
    for start in range(0, values.size, size):
        chunk = values[start : start + size]
        picks = {0}
        finite = ~np.isnan(chunk)
        if finite.any():
            masked_lo = np.where(finite, chunk, np.inf)
            masked_hi = np.where(finite, chunk, -np.inf)
            picks.add(int(masked_lo.argmin()))
            picks.add(int(masked_hi.argmax()))
        keep.extend(start + i for i in sorted(picks))
    return np.asarray(keep, dtype=np.int64)


def tuples_to_arrays(batch: list[tuple[Any, ...]]) -> Arrays:
    """(name, value, epoch seconds, step) tuples as {name: (steps, times, values)} float64 arrays."""
    if not batch:
        return {}
    names, values, times, steps = zip(*batch, strict=False)
    columns = (
        np.array(steps, dtype=LITTLE),  # a step of None is NaN
        np.array(times, dtype=LITTLE),
        np.array(values, dtype=LITTLE),
    )
    metrics = dict.fromkeys(names)  # in the order first logged
    if len(metrics) == 1:
        return {names[0]: columns}
    by_name = np.array(names, dtype=object)
    return {m: (columns[0][by_name == m], columns[1][by_name == m], columns[2][by_name == m]) for m in metrics}
