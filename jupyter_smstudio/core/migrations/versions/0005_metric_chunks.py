"""experiments: metric series as packed chunks (a row per batch, not per point)

Revision ID: 0005_metric_chunks
Revises: 0004_shared_experiments
"""

import struct
from datetime import datetime, timezone
from itertools import groupby
from typing import Union

import sqlalchemy as sa
from alembic import op

revision = "0005_metric_chunks"
down_revision = "0004_shared_experiments"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "smstudio_metric_chunks",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("component_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("steps", sa.LargeBinary(), nullable=False),
        sa.Column("timestamps", sa.LargeBinary(), nullable=False),
        sa.Column("values", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["component_id"],
            ["smstudio_trial_components.id"],
            name=op.f("fk_smstudio_metric_chunks_component_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_smstudio_metric_chunks")),
    )
    op.create_index("ix_smstudio_metric_chunks_series", "smstudio_metric_chunks", ["component_id", "name", "id"])
    _move_points()
    op.drop_table("smstudio_metric_points")


def _move_points() -> None:
    """Existing points become one chunk per series (little-endian float64, NaN for none)."""
    conn = op.get_bind()
    points = sa.table(
        "smstudio_metric_points",
        sa.column("id"),
        sa.column("component_id"),
        sa.column("name"),
        sa.column("step"),
        sa.column("timestamp", sa.DateTime()),
        sa.column("value"),
    )
    rows = conn.execute(
        sa.select(points.c.component_id, points.c.name, points.c.step, points.c.timestamp, points.c.value).order_by(
            points.c.component_id, points.c.name, points.c.id
        )
    )
    chunks = sa.table(
        "smstudio_metric_chunks",
        sa.column("component_id"),
        sa.column("name"),
        sa.column("count"),
        sa.column("steps"),
        sa.column("timestamps"),
        sa.column("values"),
    )
    nan = float("nan")
    for (cid, name), series in groupby(rows, key=lambda r: (r[0], r[1])):
        group = list(series)
        stamps = [(t if isinstance(t, (int, float)) else _epoch(t)) for _, _, _, t, _ in group]
        conn.execute(
            chunks.insert().values(
                component_id=cid,
                name=name,
                count=len(group),
                steps=_pack([nan if s is None else float(s) for _, _, s, _, _ in group]),
                timestamps=_pack(stamps),
                values=_pack([nan if v is None else float(v) for *_, v in group]),
            )
        )


def _pack(xs: list[float]) -> bytes:
    return struct.pack(f"<{len(xs)}d", *xs)


def _epoch(value: Union[datetime, str]) -> float:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.timestamp()


def downgrade() -> None:
    from jupyter_smstudio.core.orm import UTCDateTime

    op.create_table(
        "smstudio_metric_points",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("component_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("step", sa.Integer(), nullable=True),
        sa.Column("timestamp", UTCDateTime(), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["component_id"],
            ["smstudio_trial_components.id"],
            name=op.f("fk_smstudio_metric_points_component_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_smstudio_metric_points")),
    )
    op.create_index("ix_smstudio_metric_points_series", "smstudio_metric_points", ["component_id", "name", "step"])
    conn = op.get_bind()
    from datetime import datetime, timezone

    points = sa.table(
        "smstudio_metric_points",
        sa.column("component_id"),
        sa.column("name"),
        sa.column("step"),
        sa.column("timestamp", UTCDateTime()),
        sa.column("value"),
    )
    for cid, name, count, steps, stamps, values in conn.execute(
        sa.text('SELECT component_id, name, count, steps, timestamps, "values" FROM smstudio_metric_chunks ORDER BY id')
    ):
        layout = f"<{count}d"
        rows = [
            {
                "component_id": cid,
                "name": name,
                "step": None if s != s else int(s),
                "timestamp": datetime.fromtimestamp(t, tz=timezone.utc),
                "value": None if v != v else v,
            }
            for s, t, v in zip(
                struct.unpack(layout, steps), struct.unpack(layout, stamps), struct.unpack(layout, values), strict=False
            )
        ]
        if rows:
            conn.execute(points.insert(), rows)
    op.drop_table("smstudio_metric_chunks")
