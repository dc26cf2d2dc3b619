"""names are unique per owner, not across users (as if each user were a SageMaker account of their own)

A global unique name let one user learn, from a 409, that another user's private record of that name
exists. Jobs, tuning jobs, experiments, trials and trial components are now unique by (name, owner); a
tuning trial's training job name is no longer unique on its own (only indexed: trials are found by it).

Revision ID: 0008_names_per_owner
Revises: 0007_job_metrics_file
"""

from alembic import op

revision = "0008_names_per_owner"
down_revision = "0007_job_metrics_file"
branch_labels = None
depends_on = None

# (table, name column): the old constraint is uq_<table>_<column>, the new one uq_<table>_<column>_owner
NAMED = (
    ("smstudio_jobs", "job_name"),
    ("smstudio_experiments", "name"),
    ("smstudio_trials", "name"),
    ("smstudio_trial_components", "name"),
    ("smstudio_tuning_jobs", "name"),
)


def upgrade() -> None:
    # batch mode: SQLite cannot drop a constraint in place, so alembic copies the table there
    for table, column in NAMED:
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"uq_{table}_{column}", type_="unique")
            batch.create_unique_constraint(f"uq_{table}_{column}_owner", [column, "owner"])
    with op.batch_alter_table("smstudio_tuning_trials") as batch:
        batch.drop_constraint("uq_smstudio_tuning_trials_training_job_name", type_="unique")
        batch.create_index("ix_smstudio_tuning_trials_training_job_name", ["training_job_name"], unique=False)


def downgrade() -> None:
    # fails where two users now hold the same name: that store can no longer be one with global names
    with op.batch_alter_table("smstudio_tuning_trials") as batch:
        batch.drop_index("ix_smstudio_tuning_trials_training_job_name")
        batch.create_unique_constraint("uq_smstudio_tuning_trials_training_job_name", ["training_job_name"])
    for table, column in NAMED:
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"uq_{table}_{column}_owner", type_="unique")
            batch.create_unique_constraint(f"uq_{table}_{column}", [column])
