"""per-user access keys for SigV4-signed calls

Revision ID: 0012_access_keys
Revises: 0011_transform
"""

import sqlalchemy as sa
from alembic import op

from jupyter_smstudio.core.orm import UTCDateTime

revision = "0012_access_keys"
down_revision = "0011_transform"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "smstudio_access_keys",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("access_key_id", sa.String(length=32), nullable=False),
        sa.Column("owner", sa.String(length=255), nullable=False),
        sa.Column("secret", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("create_date", UTCDateTime(), nullable=False),
        sa.Column("last_used_date", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_smstudio_access_keys")),
        sa.UniqueConstraint("access_key_id", name=op.f("uq_smstudio_access_keys_access_key_id")),
    )
    op.create_index(op.f("ix_smstudio_access_keys_owner"), "smstudio_access_keys", ["owner"])


def downgrade() -> None:
    op.drop_table("smstudio_access_keys")
