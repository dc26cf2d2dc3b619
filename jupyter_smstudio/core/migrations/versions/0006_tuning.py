"""tuning: tuning jobs and the training jobs they launch

Revision ID: 0006_tuning
Revises: 0005_metric_chunks
"""

import sqlalchemy as sa
from alembic import op

from jupyter_smstudio.core.orm import UTCDateTime

revision = "0006_tuning"
down_revision = "0005_metric_chunks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "smstudio_tuning_jobs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=255), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("failure_reason", sa.Text(), nullable=True),
        sa.Column("request", sa.JSON(), nullable=False),
        sa.Column("creation_time", UTCDateTime(), nullable=False),
        sa.Column("last_modified_time", UTCDateTime(), nullable=False),
        sa.Column("end_time", UTCDateTime(), nullable=True),
        sa.Column("driver", sa.String(length=64), nullable=True),
        sa.Column("heartbeat", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_smstudio_tuning_jobs")),
        sa.UniqueConstraint("name", name=op.f("uq_smstudio_tuning_jobs_name")),
    )
    for column in ("owner", "status", "creation_time"):
        op.create_index(op.f(f"ix_smstudio_tuning_jobs_{column}"), "smstudio_tuning_jobs", [column])
    op.create_table(
        "smstudio_tuning_trials",
        sa.Column("tuning_job_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("training_job_name", sa.String(length=64), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("objective_value", sa.Float(), nullable=True),
        sa.Column("objective_status", sa.String(length=16), nullable=False),
        sa.Column("early_stopped", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("failure_reason", sa.Text(), nullable=True),
        sa.Column("intermediate", sa.JSON(), nullable=False),
        sa.Column("creation_time", UTCDateTime(), nullable=False),
        sa.Column("end_time", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["tuning_job_id"],
            ["smstudio_tuning_jobs.id"],
            name=op.f("fk_smstudio_tuning_trials_tuning_job_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("tuning_job_id", "number", name=op.f("pk_smstudio_tuning_trials")),
        sa.UniqueConstraint("training_job_name", name=op.f("uq_smstudio_tuning_trials_training_job_name")),
    )


def downgrade() -> None:
    op.drop_table("smstudio_tuning_trials")
    op.drop_table("smstudio_tuning_jobs")
