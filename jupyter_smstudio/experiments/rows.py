"""Rows to contract models. Works on ORM objects and Core rows alike (both have the columns as
attributes), so the hot paths can use Core statements and still answer with the same models."""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection

from .models import Artifact, Experiment, MetricSummary, Parent, Trial, TrialComponent
from .orm import ArtifactRow, ComponentRow, ExperimentRow, LinkRow, MetricSummaryRow, ParameterRow, TrialRow

COMPONENTS = ComponentRow.__table__
PARAMETERS = ParameterRow.__table__
ARTIFACTS = ArtifactRow.__table__
SUMMARIES = MetricSummaryRow.__table__
LINKS = LinkRow.__table__
TRIALS = TrialRow.__table__

# The statements of the hot paths (every run creates, logs and updates a component), built once:
# building a statement costs more than executing it on SQLite (measured 0.12 vs 0.03 ms).
_c, _p, _a, _t = COMPONENTS.c, PARAMETERS.c, ARTIFACTS.c, TRIALS.c
# names are unique per owner (orm.py): every look-up by name says whose
COMPONENT_REF = select(_c.id, _c.owner).where(_c.name == bindparam("name"), _c.owner == bindparam("owner"))
COMPONENT_BY_NAME = select(COMPONENTS).where(_c.name == bindparam("name"), _c.owner == bindparam("owner"))
COMPONENT_UPDATE = COMPONENTS.update().where(_c.id == bindparam("key_id"))
TRIAL_REF = select(_t.id, _t.owner).where(_t.name == bindparam("name"), _t.owner == bindparam("owner"))
PARAMETERS_DELETE = PARAMETERS.delete().where(
    _p.component_id == bindparam("key_id"), _p.name.in_(bindparam("names", expanding=True))
)
ARTIFACTS_DELETE = ARTIFACTS.delete().where(
    _a.component_id == bindparam("key_id"),
    _a.direction == bindparam("key_direction"),
    _a.name.in_(bindparam("names", expanding=True)),
)


def experiment(row: Any, trials: int) -> Experiment:
    return Experiment(
        experiment_name=row.name,
        display_name=row.display_name,
        description=row.description,
        folder=row.folder or "",
        tags=row.tags or {},
        owner=row.owner,
        shared=bool(row.shared),
        creation_time=row.creation_time,
        last_modified_time=row.last_modified_time,
        trial_count=trials,
    )


def trial(row: Any, experiment_name: str, components: int) -> Trial:
    return Trial(
        trial_name=row.name,
        experiment_name=experiment_name,
        display_name=row.display_name,
        tags=row.tags or {},
        owner=row.owner,
        creation_time=row.creation_time,
        last_modified_time=row.last_modified_time,
        trial_component_count=components,
    )


def summary(row: Any) -> MetricSummary:
    std = math.sqrt(row.m2 / (row.finite_count - 1)) if row.finite_count > 1 else None
    return MetricSummary(
        metric_name=row.name,
        count=row.count,
        min=row.min,
        max=row.max,
        avg=row.mean,
        std_dev=std,
        last=math.nan if row.last_is_nan else row.last,
        last_step=row.last_step,
        time_stamp=row.last_time,
    )


def param_value(row: Any) -> Any:
    return row.number_value if row.string_value is None else row.string_value


def param_values(component_id: int, name: str, value: Any) -> dict[str, Any]:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return {"component_id": component_id, "name": name, "number_value": None, "string_value": str(value)}
    return {"component_id": component_id, "name": name, "number_value": float(value), "string_value": None}


def brief(r: Any, **whole: Any) -> TrialComponent:
    """A component from its row; without `whole` (parameters, metrics, artifacts, parents: what hydrate
    reads) it is the brief answer, which needs no further query."""
    return TrialComponent(
        **whole,
        trial_component_name=r.name,
        display_name=r.display_name,
        owner=r.owner,
        status=r.status,
        status_message=r.status_message,
        creation_time=r.creation_time,
        last_modified_time=r.last_modified_time,
        start_time=r.start_time,
        end_time=r.end_time,
        tags=r.tags or {},
        source_arn=r.source_arn,
        source_type=r.source_type,
        git_commit=r.git_commit,
        git_repository=r.git_repository,
    )


def hydrate(conn: Connection, rows: list[Any]) -> list[TrialComponent]:
    """Whole components for a page of rows: four bulk queries, never one per row."""
    ids = [r.id for r in rows]
    params: dict[int, dict[str, Any]] = defaultdict(dict)
    for p in conn.execute(select(PARAMETERS).where(PARAMETERS.c.component_id.in_(ids))):
        params[p.component_id][p.name] = param_value(p)
    arts: dict[tuple[int, str], dict[str, Artifact]] = defaultdict(dict)
    for a in conn.execute(select(ARTIFACTS).where(ARTIFACTS.c.component_id.in_(ids))):
        arts[(a.component_id, a.direction)][a.name] = Artifact(value=a.value, media_type=a.media_type)
    metrics: dict[int, list[MetricSummary]] = defaultdict(list)
    for m in conn.execute(select(SUMMARIES).where(SUMMARIES.c.component_id.in_(ids)).order_by(SUMMARIES.c.name)):
        metrics[m.component_id].append(summary(m))
    parents: dict[int, list[Parent]] = defaultdict(list)
    for cid, trial_name, exp in conn.execute(
        select(LinkRow.component_id, TrialRow.name, ExperimentRow.name)
        .join(TrialRow, LinkRow.trial_id == TrialRow.id)
        .join(ExperimentRow, TrialRow.experiment_id == ExperimentRow.id)
        .where(LinkRow.component_id.in_(ids))
    ):
        parents[cid].append(Parent(trial_name=trial_name, experiment_name=exp))
    return [
        brief(
            r,
            parameters=params.get(r.id, {}),
            input_artifacts=arts.get((r.id, "input"), {}),
            output_artifacts=arts.get((r.id, "output"), {}),
            metrics=metrics.get(r.id, []),
            parents=parents.get(r.id, []),
        )
        for r in rows
    ]
