"""autoscaling: scalable targets, scaling policies, scaling activities

Revision ID: 0010_autoscaling
Revises: 0009_endpoints
"""

import sqlalchemy as sa
from alembic import op

from jupyter_smstudio.core.orm import UTCDateTime

revision = "0010_autoscaling"
down_revision = "0009_endpoints"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "smstudio_scalable_targets",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("owner", sa.String(length=255), nullable=False),
        sa.Column("resource_id", sa.String(length=255), nullable=False),
        sa.Column("endpoint_name", sa.String(length=64), nullable=False),
        sa.Column("variant_name", sa.String(length=64), nullable=False),
        sa.Column("min_capacity", sa.Integer(), nullable=False),
        sa.Column("max_capacity", sa.Integer(), nullable=False),
        sa.Column("role_arn", sa.Text(), nullable=True),
        sa.Column("suspended", sa.JSON(), nullable=False),
        sa.Column("arn", sa.String(length=255), nullable=False),
        sa.Column("creation_time", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_smstudio_scalable_targets")),
        sa.UniqueConstraint("owner", "resource_id", name="uq_smstudio_scalable_targets_owner_resource"),
    )
    op.create_index(op.f("ix_smstudio_scalable_targets_owner"), "smstudio_scalable_targets", ["owner"])
    op.create_table(
        "smstudio_scaling_policies",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("owner", sa.String(length=255), nullable=False),
        sa.Column("resource_id", sa.String(length=255), nullable=False),
        sa.Column("policy_name", sa.String(length=256), nullable=False),
        sa.Column("policy_type", sa.String(length=64), nullable=False),
        sa.Column("config", sa.JSON(), nullable=False),
        sa.Column("alarms", sa.JSON(), nullable=False),
        sa.Column("arn", sa.Text(), nullable=False),
        sa.Column("creation_time", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_smstudio_scaling_policies")),
        sa.UniqueConstraint("owner", "resource_id", "policy_name", name="uq_smstudio_scaling_policies_owner_name"),
    )
    op.create_index(op.f("ix_smstudio_scaling_policies_owner"), "smstudio_scaling_policies", ["owner"])
    op.create_table(
        "smstudio_scaling_activities",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("activity_id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=255), nullable=False),
        sa.Column("resource_id", sa.String(length=255), nullable=False),
        sa.Column("direction", sa.String(length=8), nullable=False),
        sa.Column("desired", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("cause", sa.Text(), nullable=False),
        sa.Column("status_code", sa.String(length=16), nullable=False),
        sa.Column("status_message", sa.Text(), nullable=True),
        sa.Column("start_time", UTCDateTime(), nullable=False),
        sa.Column("end_time", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_smstudio_scaling_activities")),
        sa.UniqueConstraint("activity_id", name=op.f("uq_smstudio_scaling_activities_activity_id")),
    )
    for column in ("owner", "resource_id", "status_code", "start_time"):
        op.create_index(op.f(f"ix_smstudio_scaling_activities_{column}"), "smstudio_scaling_activities", [column])


def downgrade() -> None:
    op.drop_table("smstudio_scaling_activities")
    op.drop_table("smstudio_scaling_policies")
    op.drop_table("smstudio_scalable_targets")
