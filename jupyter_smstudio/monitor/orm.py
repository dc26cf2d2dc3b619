"""Model Monitor tables: monitoring schedules (unique per owner) and their executions. A schedule keeps its
CreateMonitoringSchedule request and its next fire time, so a restarted server fires what fell due while it was
down (once) and goes on from there."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import JSON, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..core.orm import Base, UTCDateTime


class MonitoringScheduleRow(Base):
    __tablename__ = "smstudio_monitoring_schedules"
    __table_args__ = (UniqueConstraint("name", "owner", name="uq_smstudio_monitoring_schedules_name_owner"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(63))
    owner: Mapped[str] = mapped_column(String(255), index=True)
    spec: Mapped[dict[str, Any]] = mapped_column(JSON)  # the MonitoringScheduleConfig
    status: Mapped[str] = mapped_column(String(16), index=True)
    failure_reason: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    next_fire: Mapped[Optional[datetime]] = mapped_column(UTCDateTime(), nullable=True, index=True)
    creation_time: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    last_modified_time: Mapped[datetime] = mapped_column(UTCDateTime())


class MonitoringExecutionRow(Base):
    __tablename__ = "smstudio_monitoring_executions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    schedule_name: Mapped[str] = mapped_column(String(63), index=True)
    owner: Mapped[str] = mapped_column(String(255), index=True)
    job_name: Mapped[str] = mapped_column(String(63))
    endpoint_name: Mapped[str] = mapped_column(String(63))
    output_url: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(32), index=True)
    failure_reason: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    scheduled_time: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    creation_time: Mapped[datetime] = mapped_column(UTCDateTime())
    last_modified_time: Mapped[datetime] = mapped_column(UTCDateTime())


class MonitoringJobDefinitionRow(Base):
    """A data quality job definition (CreateDataQualityJobDefinition's request), unique per owner."""

    __tablename__ = "smstudio_monitoring_job_definitions"
    __table_args__ = (UniqueConstraint("name", "owner", name="uq_smstudio_monitoring_job_definitions_name_owner"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(63))
    owner: Mapped[str] = mapped_column(String(255), index=True)
    spec: Mapped[dict[str, Any]] = mapped_column(JSON)
    creation_time: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
