"""Autopilot: AutoML jobs

Revision ID: 0014_autopilot
Revises: 0013_monitor
"""

import sqlalchemy as sa
from alembic import op

from jupyter_smstudio.core.orm import UTCDateTime

revision = "0014_autopilot"
down_revision = "0013_monitor"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "smstudio_automl_jobs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=255), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("secondary_status", sa.String(length=40), nullable=False),
        sa.Column("failure_reason", sa.Text(), nullable=True),
        sa.Column("request", sa.JSON(), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("creation_time", UTCDateTime(), nullable=False),
        sa.Column("last_modified_time", UTCDateTime(), nullable=False),
        sa.Column("end_time", UTCDateTime(), nullable=True),
        sa.Column("driver", sa.String(length=64), nullable=True),
        sa.Column("heartbeat", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_smstudio_automl_jobs")),
        sa.UniqueConstraint("name", "owner", name="uq_smstudio_automl_jobs_name_owner"),
    )
    for column in ("owner", "status", "creation_time"):
        op.create_index(op.f(f"ix_smstudio_automl_jobs_{column}"), "smstudio_automl_jobs", [column])


def downgrade() -> None:
    op.drop_table("smstudio_automl_jobs")
