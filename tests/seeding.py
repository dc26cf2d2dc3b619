"""Many trial components at once, by bulk inserts into the store's tables: seconds, where one REST
call per component takes minutes. Used by the Galata server (ui-tests/seed_leaderboard.py) and the
tests that need a big store."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone


def seed_components(
    db_url: str, owner: str, experiment: str, rows: int, display_name: str = "", folder: str = ""
) -> None:
    """`rows` completed components of `owner` in one trial of `experiment`, each with parameters `lr` and
    `depth` and a metric `loss` (summary only)."""
    from sqlalchemy import insert, select

    from jupyter_smstudio.core.db import Database
    from jupyter_smstudio.experiments.orm import (
        ComponentRow,
        ExperimentRow,
        LinkRow,
        MetricSummaryRow,
        ParameterRow,
        TrialRow,
    )

    db = Database(db_url)
    now = datetime.now(timezone.utc)
    rng = random.Random(0)
    with db.session() as s:
        exp = ExperimentRow(
            name=experiment,
            display_name=display_name or experiment,
            folder=folder,
            tags={},
            owner=owner,
            creation_time=now,
            last_modified_time=now,
        )
        s.add(exp)
        s.flush()
        trial = TrialRow(
            name=f"{experiment}-t",
            experiment_id=exp.id,
            display_name="all",
            tags={},
            owner=owner,
            creation_time=now,
            last_modified_time=now,
        )
        s.add(trial)
        s.flush()
        s.execute(
            insert(ComponentRow),
            [
                {
                    "name": f"{experiment}-{i}",
                    "display_name": f"trial {i}",
                    "owner": owner,
                    "status": "Completed",
                    "creation_time": now + timedelta(milliseconds=i),
                    "last_modified_time": now,
                    "start_time": now,
                    "end_time": now,
                    "tags": {},
                }
                for i in range(rows)
            ],
        )
        ids = list(s.scalars(select(ComponentRow.id).where(ComponentRow.name.like(f"{experiment}-%"))))
        s.execute(insert(LinkRow), [{"trial_id": trial.id, "component_id": c} for c in ids])
        s.execute(
            insert(ParameterRow),
            [
                {"component_id": c, "name": name, "number_value": value, "string_value": None}
                for c in ids
                for name, value in (("lr", 10 ** -rng.randint(1, 4)), ("depth", rng.randint(2, 9)))
            ],
        )
        summaries = []
        for c in ids:
            loss = rng.random()
            summaries.append(
                {
                    "component_id": c,
                    "name": "loss",
                    "count": 10,
                    "finite_count": 10,
                    "mean": loss * 1.5,
                    "m2": 0.1,
                    "min": loss,
                    "max": loss * 2,
                    "last": loss,
                    "last_is_nan": 0,
                    "last_step": 9,
                    "last_time": now,
                }
            )
        s.execute(insert(MetricSummaryRow), summaries)
    db.close()
