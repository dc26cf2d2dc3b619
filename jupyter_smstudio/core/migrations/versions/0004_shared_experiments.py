"""experiments: a shared flag (every user may read a shared experiment)

Revision ID: 0004_shared_experiments
Revises: 0003_experiments
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_shared_experiments"
down_revision = "0003_experiments"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("smstudio_experiments") as batch:
        batch.add_column(sa.Column("shared", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("smstudio_experiments") as batch:
        batch.drop_column("shared")
