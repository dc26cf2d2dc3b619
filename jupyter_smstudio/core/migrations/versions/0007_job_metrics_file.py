"""jobs: the offset of each job's metrics file already recorded; every job config gets `tracking`

Job processes append metric points to a file the server records (no store client in a job), so a
job row keeps how far its file was read. Experiments now reads what it records of a job from the
job config's `tracking` (jobs/models.py JobTracking); rows written before get it here from the keys
each kind of job wrote then.

Revision ID: 0007_job_metrics_file
Revises: 0006_tuning
"""

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0007_job_metrics_file"
down_revision = "0006_tuning"
branch_labels = None
depends_on = None


def _tracking(config: dict[str, Any]) -> dict[str, Any]:
    """What track_job read from these keys before (training, processing and script jobs)."""
    params = {k: v for k, v in (config.get("hyperparameters") or {}).items() if isinstance(v, (int, float, str))}
    inputs: dict[str, Any] = {}
    if config.get("script"):
        inputs["script"] = {"value": str(config["script"])[:2048], "media_type": "text/x-python"}
    channels = config.get("inputs")
    if isinstance(channels, dict):
        inputs.update({str(k): {"value": str(v)[:2048]} for k, v in channels.items()})
    for i, item in enumerate(config.get("resolved_inputs") or []):
        inputs[item.get("input_name") or f"input-{i + 1}"] = {"value": str(item["source"])[:2048]}
    outputs = {
        (o.get("output_name") or f"output-{i + 1}"): {"value": str(o["destination"])[:2048]}
        for i, o in enumerate(config.get("outputs") or [])
        if isinstance(o, dict) and o.get("destination")
    }
    experiment = config.get("experiment_config") or None
    git = config.get("git") or None
    return {
        "display_name": (experiment or {}).get("TrialComponentDisplayName"),
        "parameters": params,
        "inputs": inputs,
        "outputs": outputs,
        "model_artifact": config.get("model_data"),
        "git": git if git and git.get("commit") else None,
        "experiment_config": experiment,
    }


def upgrade() -> None:
    with op.batch_alter_table("smstudio_jobs") as batch:
        batch.add_column(sa.Column("metrics_offset", sa.Integer(), nullable=False, server_default="0"))
    jobs = sa.table("smstudio_jobs", sa.column("id", sa.Integer()), sa.column("config", sa.JSON()))
    conn = op.get_bind()
    for row in conn.execute(sa.select(jobs.c.id, jobs.c.config)).all():
        config = row.config if isinstance(row.config, dict) else json.loads(row.config or "{}")
        if "tracking" not in config:
            conn.execute(
                jobs.update().where(jobs.c.id == row.id).values(config={**config, "tracking": _tracking(config)})
            )


def downgrade() -> None:
    with op.batch_alter_table("smstudio_jobs") as batch:
        batch.drop_column("metrics_offset")
