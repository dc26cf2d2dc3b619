"""per-user access keys for SigV4-signed calls

Revision ID: 0012_access_keys
Revises: 0011_transform
"""

revision = "0012_access_keys"
down_revision = "0011_transform"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # being built


def downgrade() -> None:
    pass
