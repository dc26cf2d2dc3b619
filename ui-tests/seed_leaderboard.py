"""Seeds the Galata server's fresh SmStudio home with a 10,000-component experiment before start-up.

Seeding through the REST API took 106-232 s here (one request per component); bulk inserts into
the same tables take about a second, so the leaderboard timing test stays short in CI.
"""
from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

EXPERIMENT = "galata-10k"
ROWS = 10_000


def seed(home: str, rows: int = ROWS) -> None:
    from sqlalchemy import insert, select

    import jupyter_smstudio.models_registry  # noqa: F401
    from jupyter_smstudio.core.config import default_db_url, default_owner
    from jupyter_smstudio.core.db import Database
    from jupyter_smstudio.experiments.orm import (ComponentRow, ExperimentRow, LinkRow, MetricSummaryRow,
                                                  ParameterRow, TrialRow)

    db = Database(default_db_url(home))
    owner = default_owner()
    now = datetime.now(timezone.utc)
    rng = random.Random(0)
    with db.session() as s:
        exp = ExperimentRow(name=EXPERIMENT, display_name="10,000 trials", folder="galata", tags={}, owner=owner,
                            creation_time=now, last_modified_time=now)
        s.add(exp)
        s.flush()
        trial = TrialRow(name=f"{EXPERIMENT}-t", experiment_id=exp.id, display_name="all", tags={}, owner=owner,
                         creation_time=now, last_modified_time=now)
        s.add(trial)
        s.flush()
        s.execute(insert(ComponentRow), [
            {"name": f"{EXPERIMENT}-{i}", "display_name": f"trial {i}", "owner": owner, "status": "Completed",
             "creation_time": now + timedelta(milliseconds=i), "last_modified_time": now, "start_time": now,
             "end_time": now, "tags": {}} for i in range(rows)])
        ids = list(s.scalars(select(ComponentRow.id).where(ComponentRow.name.like(f"{EXPERIMENT}-%"))))
        s.execute(insert(LinkRow), [{"trial_id": trial.id, "component_id": c} for c in ids])
        s.execute(insert(ParameterRow), [
            {"component_id": c, "name": name, "number_value": value, "string_value": None}
            for c in ids for name, value in (("lr", 10 ** -rng.randint(1, 4)), ("depth", rng.randint(2, 9)))])
        rows_m = []
        for c in ids:
            loss = rng.random()
            rows_m.append({"component_id": c, "name": "loss", "count": 10, "finite_count": 10, "mean": loss * 1.5,
                           "m2": 0.1, "min": loss, "max": loss * 2, "last": loss, "last_is_nan": 0, "last_step": 9,
                           "last_time": now})
        s.execute(insert(MetricSummaryRow), rows_m)
    db.close()
