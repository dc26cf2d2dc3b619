"""Model Monitor: monitoring schedules, their executions and data quality job definitions

Revision ID: 0013_monitor
Revises: 0012_access_keys
"""

import sqlalchemy as sa
from alembic import op

from jupyter_smstudio.core.orm import UTCDateTime

revision = "0013_monitor"
down_revision = "0012_access_keys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "smstudio_monitoring_schedules",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=63), nullable=False),
        sa.Column("owner", sa.String(length=255), nullable=False),
        sa.Column("spec", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("failure_reason", sa.Text(), nullable=True),
        sa.Column("next_fire", UTCDateTime(), nullable=True),
        sa.Column("creation_time", UTCDateTime(), nullable=False),
        sa.Column("last_modified_time", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_smstudio_monitoring_schedules")),
        sa.UniqueConstraint("name", "owner", name="uq_smstudio_monitoring_schedules_name_owner"),
    )
    for column in ("owner", "status", "next_fire", "creation_time"):
        op.create_index(op.f(f"ix_smstudio_monitoring_schedules_{column}"), "smstudio_monitoring_schedules", [column])
    op.create_table(
        "smstudio_monitoring_executions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("schedule_name", sa.String(length=63), nullable=False),
        sa.Column("owner", sa.String(length=255), nullable=False),
        sa.Column("job_name", sa.String(length=63), nullable=False),
        sa.Column("endpoint_name", sa.String(length=63), nullable=False),
        sa.Column("output_url", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("failure_reason", sa.Text(), nullable=True),
        sa.Column("scheduled_time", UTCDateTime(), nullable=False),
        sa.Column("creation_time", UTCDateTime(), nullable=False),
        sa.Column("last_modified_time", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_smstudio_monitoring_executions")),
    )
    for column in ("schedule_name", "owner", "status", "scheduled_time"):
        op.create_index(op.f(f"ix_smstudio_monitoring_executions_{column}"), "smstudio_monitoring_executions", [column])

    op.create_table(
        "smstudio_monitoring_job_definitions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=63), nullable=False),
        sa.Column("owner", sa.String(length=255), nullable=False),
        sa.Column("spec", sa.JSON(), nullable=False),
        sa.Column("creation_time", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_smstudio_monitoring_job_definitions")),
        sa.UniqueConstraint("name", "owner", name="uq_smstudio_monitoring_job_definitions_name_owner"),
    )
    for column in ("owner", "creation_time"):
        op.create_index(
            op.f(f"ix_smstudio_monitoring_job_definitions_{column}"), "smstudio_monitoring_job_definitions", [column]
        )


def downgrade() -> None:
    op.drop_table("smstudio_monitoring_job_definitions")
    op.drop_table("smstudio_monitoring_executions")
    op.drop_table("smstudio_monitoring_schedules")
