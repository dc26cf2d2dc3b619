"""jobs: index creation_time (the job list is newest first)

Revision ID: 0002_jobs_created_index
Revises: 0001_jobs
"""

from alembic import op

revision = "0002_jobs_created_index"
down_revision = "0001_jobs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_smstudio_jobs_creation_time", "smstudio_jobs", ["creation_time"])


def downgrade() -> None:
    op.drop_index("ix_smstudio_jobs_creation_time", table_name="smstudio_jobs")
