"""experiments: experiments, trials, trial components, parameters, artifacts, metrics

Revision ID: 0003_experiments
Revises: 0002_jobs_created_index
"""

import sqlalchemy as sa
from alembic import op

from jupyter_smstudio.core.orm import UTCDateTime

revision = "0003_experiments"
down_revision = "0002_jobs_created_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "smstudio_experiments",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("display_name", sa.String(length=120), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("folder", sa.String(length=512), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("owner", sa.String(length=255), nullable=False),
        sa.Column("creation_time", UTCDateTime(), nullable=False),
        sa.Column("last_modified_time", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_smstudio_experiments")),
        sa.UniqueConstraint("name", name=op.f("uq_smstudio_experiments_name")),
    )
    op.create_index(op.f("ix_smstudio_experiments_owner"), "smstudio_experiments", ["owner"], unique=False)
    op.create_table(
        "smstudio_trial_components",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("display_name", sa.String(length=120), nullable=False),
        sa.Column("owner", sa.String(length=255), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("status_message", sa.Text(), nullable=True),
        sa.Column("creation_time", UTCDateTime(), nullable=False),
        sa.Column("last_modified_time", UTCDateTime(), nullable=False),
        sa.Column("start_time", UTCDateTime(), nullable=True),
        sa.Column("end_time", UTCDateTime(), nullable=True),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("source_arn", sa.String(length=256), nullable=True),
        sa.Column("source_type", sa.String(length=64), nullable=True),
        sa.Column("git_commit", sa.String(length=64), nullable=True),
        sa.Column("git_repository", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_smstudio_trial_components")),
        sa.UniqueConstraint("name", name=op.f("uq_smstudio_trial_components_name")),
    )
    op.create_index(
        op.f("ix_smstudio_trial_components_creation_time"), "smstudio_trial_components", ["creation_time"], unique=False
    )
    op.create_index(op.f("ix_smstudio_trial_components_owner"), "smstudio_trial_components", ["owner"], unique=False)
    op.create_index(
        op.f("ix_smstudio_trial_components_source_arn"), "smstudio_trial_components", ["source_arn"], unique=False
    )
    op.create_table(
        "smstudio_metric_points",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("component_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("step", sa.Integer(), nullable=True),
        sa.Column("timestamp", UTCDateTime(), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["component_id"],
            ["smstudio_trial_components.id"],
            name=op.f("fk_smstudio_metric_points_component_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_smstudio_metric_points")),
    )
    op.create_index(
        "ix_smstudio_metric_points_series", "smstudio_metric_points", ["component_id", "name", "step"], unique=False
    )
    op.create_table(
        "smstudio_tc_artifacts",
        sa.Column("component_id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=6), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("value", sa.String(length=2048), nullable=False),
        sa.Column("media_type", sa.String(length=256), nullable=True),
        sa.ForeignKeyConstraint(
            ["component_id"],
            ["smstudio_trial_components.id"],
            name=op.f("fk_smstudio_tc_artifacts_component_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("component_id", "direction", "name", name=op.f("pk_smstudio_tc_artifacts")),
    )
    op.create_index("ix_smstudio_tc_artifacts_value", "smstudio_tc_artifacts", ["value"], unique=False)
    op.create_table(
        "smstudio_tc_metrics",
        sa.Column("component_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("finite_count", sa.Integer(), nullable=False),
        sa.Column("mean", sa.Float(), nullable=True),
        sa.Column("m2", sa.Float(), nullable=False),
        sa.Column("min", sa.Float(), nullable=True),
        sa.Column("max", sa.Float(), nullable=True),
        sa.Column("last", sa.Float(), nullable=True),
        sa.Column("last_is_nan", sa.Integer(), nullable=False),
        sa.Column("last_step", sa.Integer(), nullable=True),
        sa.Column("last_time", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["component_id"],
            ["smstudio_trial_components.id"],
            name=op.f("fk_smstudio_tc_metrics_component_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("component_id", "name", name=op.f("pk_smstudio_tc_metrics")),
    )
    op.create_index("ix_smstudio_tc_metrics_name", "smstudio_tc_metrics", ["name"], unique=False)
    op.create_table(
        "smstudio_tc_parameters",
        sa.Column("component_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("number_value", sa.Float(), nullable=True),
        sa.Column("string_value", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["component_id"],
            ["smstudio_trial_components.id"],
            name=op.f("fk_smstudio_tc_parameters_component_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("component_id", "name", name=op.f("pk_smstudio_tc_parameters")),
    )
    op.create_index(
        "ix_smstudio_tc_parameters_name_number", "smstudio_tc_parameters", ["name", "number_value"], unique=False
    )
    op.create_table(
        "smstudio_trials",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("experiment_id", sa.Integer(), nullable=False),
        sa.Column("display_name", sa.String(length=120), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("owner", sa.String(length=255), nullable=False),
        sa.Column("creation_time", UTCDateTime(), nullable=False),
        sa.Column("last_modified_time", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["experiment_id"],
            ["smstudio_experiments.id"],
            name=op.f("fk_smstudio_trials_experiment_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_smstudio_trials")),
        sa.UniqueConstraint("name", name=op.f("uq_smstudio_trials_name")),
    )
    op.create_index(op.f("ix_smstudio_trials_experiment_id"), "smstudio_trials", ["experiment_id"], unique=False)
    op.create_index(op.f("ix_smstudio_trials_owner"), "smstudio_trials", ["owner"], unique=False)
    op.create_table(
        "smstudio_trial_component_links",
        sa.Column("trial_id", sa.Integer(), nullable=False),
        sa.Column("component_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["component_id"],
            ["smstudio_trial_components.id"],
            name=op.f("fk_smstudio_trial_component_links_component_id"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["trial_id"],
            ["smstudio_trials.id"],
            name=op.f("fk_smstudio_trial_component_links_trial_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("trial_id", "component_id", name=op.f("pk_smstudio_trial_component_links")),
    )
    op.create_index(
        op.f("ix_smstudio_trial_component_links_component_id"),
        "smstudio_trial_component_links",
        ["component_id"],
        unique=False,
    )


def downgrade() -> None:
    for table in (
        "smstudio_trial_component_links",
        "smstudio_trials",
        "smstudio_tc_parameters",
        "smstudio_tc_metrics",
        "smstudio_tc_artifacts",
        "smstudio_metric_points",
        "smstudio_trial_components",
        "smstudio_experiments",
    ):
        op.drop_table(table)
