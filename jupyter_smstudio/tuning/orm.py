"""Tuning tables: the tuning job (its whole request as JSON: it is read back whole, never queried
inside) and one row per training job it launched, enough to rebuild the Optuna study after a restart."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from ..core.orm import Base, UTCDateTime


class TuningJobRow(Base):
    __tablename__ = "smstudio_tuning_jobs"
    # unique per owner, as in one SageMaker account per user (name first: look-ups by name)
    __table_args__ = (UniqueConstraint("name", "owner", name="uq_smstudio_tuning_jobs_name_owner"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64))
    owner: Mapped[str] = mapped_column(String(255), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    failure_reason: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    request: Mapped[dict[str, Any]] = mapped_column(JSON)
    creation_time: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    last_modified_time: Mapped[datetime] = mapped_column(UTCDateTime())
    end_time: Mapped[Optional[datetime]] = mapped_column(UTCDateTime(), nullable=True)
    # the process that drives the job, and when it last did: one driver at a time, even with several
    # processes on one store (a server and an embedded SDK); a stale heartbeat lets another take over
    driver: Mapped[Optional[str]] = mapped_column(String(64), nullable=True)
    heartbeat: Mapped[Optional[datetime]] = mapped_column(UTCDateTime(), nullable=True)


class TuningTrialRow(Base):
    __tablename__ = "smstudio_tuning_trials"
    tuning_job_id: Mapped[int] = mapped_column(
        ForeignKey("smstudio_tuning_jobs.id", ondelete="CASCADE"), primary_key=True
    )
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    # not unique alone: job names are unique per owner (jobs/orm.py); a trial is found by its job's name and owner
    training_job_name: Mapped[str] = mapped_column(String(64), index=True)
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16))
    objective_value: Mapped[Optional[float]] = mapped_column(Float, nullable=True)
    objective_status: Mapped[str] = mapped_column(String(16))
    early_stopped: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    failure_reason: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    intermediate: Mapped[dict[str, float]] = mapped_column(JSON)
    creation_time: Mapped[datetime] = mapped_column(UTCDateTime())
    end_time: Mapped[Optional[datetime]] = mapped_column(UTCDateTime(), nullable=True)
