"""The AutoML job table: the request as sent (read back whole), where the job stands (`state`: its phase, the jobs it
started, its best candidate) and which process drives it. Candidates are training jobs of the Training room (and of
the Tuning room's tuning jobs): they are not copied here."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import JSON, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..core.orm import Base, UTCDateTime


class AutoMLJobRow(Base):
    __tablename__ = "smstudio_automl_jobs"
    __table_args__ = (UniqueConstraint("name", "owner", name="uq_smstudio_automl_jobs_name_owner"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64))
    owner: Mapped[str] = mapped_column(String(255), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    secondary_status: Mapped[str] = mapped_column(String(40))
    failure_reason: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    request: Mapped[dict[str, Any]] = mapped_column(JSON)
    state: Mapped[dict[str, Any]] = mapped_column(JSON)
    creation_time: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    last_modified_time: Mapped[datetime] = mapped_column(UTCDateTime())
    end_time: Mapped[Optional[datetime]] = mapped_column(UTCDateTime(), nullable=True)
    # one driver at a time (as tuning/orm.py): a stale heartbeat lets another process take over
    driver: Mapped[Optional[str]] = mapped_column(String(64), nullable=True)
    heartbeat: Mapped[Optional[datetime]] = mapped_column(UTCDateTime(), nullable=True)
