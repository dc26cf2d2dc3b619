"""Job persistence: pydantic in, pydantic out; SQLAlchemy rows stay here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.db import Database
from ..core.errors import Conflict, NotFound
from ..core.paging import fetch_page
from .models import ACTIVE_STATUSES, Job
from .orm import JobRow


@dataclass(frozen=True)
class RunState:
    """What the service's monitor needs about an active job (runner-side, never sent to users)."""

    job_name: str
    job_kind: str
    owner: str
    status: str
    runner: str
    runner_handle: Optional[dict[str, Any]]
    start_time: Optional[datetime]
    max_runtime_seconds: int
    stop_grace_seconds: float
    stop_reason: Optional[str]
    work_dir: str
    log_url: str
    output_url: str
    token_hash: str
    metrics_offset: int = 0  # bytes of the job's metrics file already recorded


def _to_job(row: JobRow) -> Job:
    return Job(
        job_name=row.job_name,
        job_kind=row.job_kind,
        owner=row.owner,
        status=row.status,
        secondary_status=row.secondary_status,
        failure_reason=row.failure_reason,
        exit_code=row.exit_code,
        creation_time=row.creation_time,
        start_time=row.start_time,
        end_time=row.end_time,
        last_heartbeat=row.last_heartbeat,
        runner=row.runner,
        log_url=row.log_url,
        output_url=row.output_url,
        config=row.config,
        tags=row.tags or {},
    )


def _to_state(row: JobRow) -> RunState:
    return RunState(
        job_name=row.job_name,
        job_kind=row.job_kind,
        owner=row.owner,
        status=row.status,
        runner=row.runner,
        runner_handle=row.runner_handle,
        start_time=row.start_time,
        max_runtime_seconds=row.max_runtime_seconds,
        stop_grace_seconds=row.stop_grace_seconds,
        stop_reason=row.stop_reason,
        work_dir=row.work_dir,
        log_url=row.log_url,
        output_url=row.output_url,
        token_hash=row.token_hash,
        metrics_offset=row.metrics_offset or 0,
    )


class JobStore:
    def __init__(self, db: Database):
        self.db = db

    # Names are unique per owner (jobs/orm.py): every look-up by name says whose.
    def _row(self, s: Session, owner: str, job_name: str) -> JobRow:
        row = s.scalar(select(JobRow).where(JobRow.job_name == job_name, JobRow.owner == owner))
        if row is None:
            raise NotFound(f"job '{job_name}' does not exist", field="job_name")
        return row

    def owners(self, job_name: str) -> list[str]:
        """Who holds a job of this name (core/auth.py resolve_owner picks the viewer's)."""
        with self.db.session() as s:
            return list(s.scalars(select(JobRow.owner).where(JobRow.job_name == job_name)))

    def create(self, **fields: Any) -> Job:
        with self.db.session() as s:
            taken = select(JobRow.id).where(JobRow.job_name == fields["job_name"], JobRow.owner == fields["owner"])
            if s.scalar(taken) is not None:  # only the creator's own names conflict
                raise Conflict(f"a job named '{fields['job_name']}' already exists", field="job_name")
            row = JobRow(**fields)
            s.add(row)
            s.flush()
            return _to_job(row)

    def get(self, owner: str, job_name: str) -> Job:
        with self.db.session() as s:
            return _to_job(self._row(s, owner, job_name))

    def state(self, owner: str, job_name: str) -> RunState:
        with self.db.session() as s:
            return _to_state(self._row(s, owner, job_name))

    def active_states(self) -> list[RunState]:
        with self.db.session() as s:
            rows = s.scalars(select(JobRow).where(JobRow.status.in_(ACTIVE_STATUSES)))
            return [_to_state(r) for r in rows]

    def update(self, owner: str, job_name: str, **fields: Any) -> Job:
        with self.db.session() as s:
            row = self._row(s, owner, job_name)
            for key, value in fields.items():
                setattr(row, key, value)
            s.flush()
            return _to_job(row)

    def transition(self, owner: str, job_name: str, allowed_from: Iterable[str], **fields: Any) -> Optional[Job]:
        """Update only if the job is still in one of `allowed_from` (guards the state machine)."""
        with self.db.session() as s:
            row = self._row(s, owner, job_name)
            if row.status not in tuple(allowed_from):
                return None
            for key, value in fields.items():
                setattr(row, key, value)
            s.flush()
            return _to_job(row)

    def list(
        self,
        owner: Optional[str],
        status: Optional[str] = None,
        kind: Optional[str] = None,
        name_contains: Optional[str] = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[Job], int]:
        q = select(JobRow)
        if owner is not None:
            q = q.where(JobRow.owner == owner)
        if status:
            q = q.where(JobRow.status == status)
        if kind:
            q = q.where(JobRow.job_kind == kind)
        if name_contains:
            q = q.where(JobRow.job_name.contains(name_contains, autoescape=True))
        with self.db.session() as s:
            rows, total = fetch_page(s, q, (JobRow.creation_time.desc(), JobRow.id.desc()), limit, offset)
            return [_to_job(r) for (r,) in rows], total
