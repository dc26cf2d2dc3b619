"""endpoints: models, endpoint configs and endpoints (names unique per owner)

Revision ID: 0009_endpoints
Revises: 0008_names_per_owner
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

from jupyter_smstudio.core.orm import UTCDateTime

revision = "0009_endpoints"
down_revision = "0008_names_per_owner"
branch_labels = None
depends_on = None


def _named(table: str, *columns: "sa.Column[Any]") -> None:
    op.create_table(
        table,
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=255), nullable=False),
        *columns,
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        sa.UniqueConstraint("name", "owner", name=f"uq_{table}_name_owner"),
    )
    op.create_index(op.f(f"ix_{table}_owner"), table, ["owner"])
    op.create_index(op.f(f"ix_{table}_creation_time"), table, ["creation_time"])


def upgrade() -> None:
    for table in ("smstudio_models", "smstudio_endpoint_configs"):
        _named(
            table,
            sa.Column("spec", sa.JSON(), nullable=False),
            sa.Column("creation_time", UTCDateTime(), nullable=False),
        )
    _named(
        "smstudio_endpoints",
        sa.Column("config_name", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("failure_reason", sa.Text(), nullable=True),
        sa.Column("folder", sa.Text(), nullable=False),
        sa.Column("variants", sa.JSON(), nullable=False),
        sa.Column("instances", sa.JSON(), nullable=False),
        sa.Column("creation_time", UTCDateTime(), nullable=False),
        sa.Column("last_modified_time", UTCDateTime(), nullable=False),
    )
    op.create_index(op.f("ix_smstudio_endpoints_status"), "smstudio_endpoints", ["status"])


def downgrade() -> None:
    op.drop_table("smstudio_endpoints")
    op.drop_table("smstudio_endpoint_configs")
    op.drop_table("smstudio_models")
