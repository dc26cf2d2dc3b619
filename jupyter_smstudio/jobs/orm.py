"""The job table. Rows never leave jobs/store.py."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import JSON, Float, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..core.orm import Base, UTCDateTime


class JobRow(Base):
    __tablename__ = "smstudio_jobs"
    __table_args__ = (
        Index("ix_smstudio_jobs_owner", "owner"),
        Index("ix_smstudio_jobs_status", "status"),
        Index("ix_smstudio_jobs_job_kind", "job_kind"),
        Index("ix_smstudio_jobs_creation_time", "creation_time"),
        # names are unique per owner, as in one SageMaker account per user (name first: it also serves
        # the look-ups by name alone, e.g. a job token's)
        UniqueConstraint("job_name", "owner", name="uq_smstudio_jobs_job_name_owner"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    job_name: Mapped[str] = mapped_column(String(63))
    job_kind: Mapped[str] = mapped_column(String(32))
    owner: Mapped[str] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(16))
    secondary_status: Mapped[Optional[str]] = mapped_column(String(255), nullable=True)
    failure_reason: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    exit_code: Mapped[Optional[int]] = mapped_column(Integer, nullable=True)
    creation_time: Mapped[datetime] = mapped_column(UTCDateTime())
    start_time: Mapped[Optional[datetime]] = mapped_column(UTCDateTime(), nullable=True)
    end_time: Mapped[Optional[datetime]] = mapped_column(UTCDateTime(), nullable=True)
    last_heartbeat: Mapped[Optional[datetime]] = mapped_column(UTCDateTime(), nullable=True)
    runner: Mapped[str] = mapped_column(String(32))
    runner_handle: Mapped[Optional[dict[str, Any]]] = mapped_column(JSON, nullable=True)
    config: Mapped[dict[str, Any]] = mapped_column(JSON)
    tags: Mapped[dict[str, str]] = mapped_column(JSON)
    log_url: Mapped[str] = mapped_column(Text)
    output_url: Mapped[str] = mapped_column(Text)
    work_dir: Mapped[str] = mapped_column(Text)
    max_runtime_seconds: Mapped[int] = mapped_column(Integer)
    stop_grace_seconds: Mapped[float] = mapped_column(Float)
    stop_reason: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    metrics_offset: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
