"""jobs: one record and state machine for every kind of job

Revision ID: 0001_jobs
Revises:
"""

import sqlalchemy as sa
from alembic import op

from jupyter_smstudio.core.orm import UTCDateTime

revision = "0001_jobs"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "smstudio_jobs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("job_name", sa.String(63), nullable=False),
        sa.Column("job_kind", sa.String(32), nullable=False),
        sa.Column("owner", sa.String(255), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("secondary_status", sa.String(255), nullable=True),
        sa.Column("failure_reason", sa.Text, nullable=True),
        sa.Column("exit_code", sa.Integer, nullable=True),
        sa.Column("creation_time", UTCDateTime(), nullable=False),
        sa.Column("start_time", UTCDateTime(), nullable=True),
        sa.Column("end_time", UTCDateTime(), nullable=True),
        sa.Column("last_heartbeat", UTCDateTime(), nullable=True),
        sa.Column("runner", sa.String(32), nullable=False),
        sa.Column("runner_handle", sa.JSON, nullable=True),
        sa.Column("config", sa.JSON, nullable=False),
        sa.Column("tags", sa.JSON, nullable=False),
        sa.Column("log_url", sa.Text, nullable=False),
        sa.Column("output_url", sa.Text, nullable=False),
        sa.Column("work_dir", sa.Text, nullable=False),
        sa.Column("max_runtime_seconds", sa.Integer, nullable=False),
        sa.Column("stop_grace_seconds", sa.Float, nullable=False),
        sa.Column("stop_reason", sa.Text, nullable=True),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_smstudio_jobs"),
        sa.UniqueConstraint("job_name", name="uq_smstudio_jobs_job_name"),
    )
    op.create_index("ix_smstudio_jobs_owner", "smstudio_jobs", ["owner"])
    op.create_index("ix_smstudio_jobs_status", "smstudio_jobs", ["status"])
    op.create_index("ix_smstudio_jobs_job_kind", "smstudio_jobs", ["job_kind"])


def downgrade() -> None:
    op.drop_table("smstudio_jobs")
