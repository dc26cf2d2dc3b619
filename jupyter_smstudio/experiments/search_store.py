"""The read-side queries of the Experiments room: search, the columns in use, lineage. Like store.py,
rows never leave this module: it answers ids, names and plain tuples."""

from __future__ import annotations

from typing import Optional

from sqlalchemy import and_, func, select

from ..core.db import Database
from .models import SearchRequest
from .orm import ArtifactRow, ComponentRow, ExperimentRow, LinkRow, MetricSummaryRow, ParameterRow, TrialRow
from .search import expression, sort_column
from .store import ExperimentStore


class SearchStore:
    def __init__(self, db: Database):
        self.db = db

    def search(self, req: SearchRequest, owner: Optional[str], offset: int) -> tuple[list[int], int]:
        """The ids of one page of matching components in the requested order, and how many match.
        `owner`: only theirs and those in shared experiments (None: everyone's)."""
        where = expression(req.search_expression, sqlite=self.db.dialect == "sqlite")
        if owner is not None:
            visible = (ComponentRow.owner == owner) | ComponentRow.id.in_(ExperimentStore.shared_component_ids())
            where = and_(visible, where)
        column, join = sort_column(req.sort_by)
        q = select(ComponentRow.id)
        if join is not None:
            q = q.outerjoin(join[0], join[1])
        q = q.where(where)
        order = column.asc() if req.sort_order == "Ascending" else column.desc()
        with self.db.session() as s:
            total = s.scalar(select(func.count()).select_from(select(ComponentRow.id).where(where).subquery())) or 0
            ids = list(
                s.scalars(q.order_by(order.nulls_last(), ComponentRow.id.desc()).limit(req.max_results).offset(offset))
            )
        return ids, total

    def columns(
        self, owner: Optional[str], experiment: Optional[tuple[str, str]], unassigned: bool = False
    ) -> tuple[list[str], list[str]]:
        """The parameter and metric names in use: of `owner`'s components, of one experiment's, or (with
        `unassigned`) of `owner`'s components that belong to no trial."""
        if unassigned:
            in_trial = select(LinkRow.component_id).where(LinkRow.component_id == ComponentRow.id).exists()
            ids = select(ComponentRow.id).where(~in_trial)
            if owner is not None:
                ids = ids.where(ComponentRow.owner == owner)
        elif experiment:
            ids = (
                select(LinkRow.component_id)
                .join(TrialRow, LinkRow.trial_id == TrialRow.id)
                .join(ExperimentRow, TrialRow.experiment_id == ExperimentRow.id)
                .where(ExperimentRow.owner == experiment[0], ExperimentRow.name == experiment[1])
            )
        else:
            ids = select(ComponentRow.id)
            if owner is not None:
                ids = ids.where(ComponentRow.owner == owner)
        with self.db.session() as s:
            params = sorted(s.scalars(select(ParameterRow.name).where(ParameterRow.component_id.in_(ids)).distinct()))
            metrics = sorted(
                s.scalars(select(MetricSummaryRow.name).where(MetricSummaryRow.component_id.in_(ids)).distinct())
            )
        return params, metrics

    def lineage(self, owner: str, name: str, mine_direction: str) -> list[tuple[str, str, str, str, str]]:
        """Components linked to `name` through an artifact URL: with `mine_direction` "input", those whose
        output is one of its inputs (upstream); with "output", those that read one of its outputs.
        (name, display name, owner, artifact name, artifact value), oldest first."""
        their_direction = "output" if mine_direction == "input" else "input"
        me = select(ComponentRow.id).where(ComponentRow.name == name, ComponentRow.owner == owner).scalar_subquery()
        mine, other = ArtifactRow.__table__.alias("mine"), ArtifactRow.__table__.alias("other")
        q = (
            select(ComponentRow.name, ComponentRow.display_name, ComponentRow.owner, other.c.name, other.c.value)
            .join(other, other.c.component_id == ComponentRow.id)
            .join(
                mine, and_(mine.c.value == other.c.value, mine.c.component_id == me, mine.c.direction == mine_direction)
            )
            .where(other.c.direction == their_direction, ComponentRow.id != me)
        )
        with self.db.session() as s:
            return [tuple(r) for r in s.execute(q.order_by(ComponentRow.creation_time)).all()]
