"""batch transform jobs

Revision ID: 0011_transform
Revises: 0010_autoscaling
"""

revision = "0011_transform"
down_revision = "0010_autoscaling"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # being built


def downgrade() -> None:
    pass
