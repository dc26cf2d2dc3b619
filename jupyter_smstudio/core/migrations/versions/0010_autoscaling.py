"""autoscaling: scalable targets, scaling policies, scaling activities

Revision ID: 0010_autoscaling
Revises: 0009_endpoints
"""

revision = "0010_autoscaling"
down_revision = "0009_endpoints"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # being built


def downgrade() -> None:
    pass
