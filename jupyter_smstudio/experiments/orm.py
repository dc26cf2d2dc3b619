"""Experiment tables. Parameters, artifacts and metric summaries are rows, not JSON, so the
leaderboard can filter and sort on them in SQL on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import datetime
from typing import Optional, TypedDict

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from ..core.orm import Base, UTCDateTime


class _OnDelete(TypedDict):
    ondelete: str


CASCADE: _OnDelete = {"ondelete": "CASCADE"}


class ExperimentRow(Base):
    __tablename__ = "smstudio_experiments"
    # unique per owner, as in one SageMaker account per user (name first: it serves the look-ups by name)
    __table_args__ = (UniqueConstraint("name", "owner", name="uq_smstudio_experiments_name_owner"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(120))
    display_name: Mapped[str] = mapped_column(String(120))
    description: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    folder: Mapped[str] = mapped_column(String(512), default="")
    tags: Mapped[dict[str, str]] = mapped_column(JSON)
    owner: Mapped[str] = mapped_column(String(255), index=True)
    shared: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    creation_time: Mapped[datetime] = mapped_column(UTCDateTime())
    last_modified_time: Mapped[datetime] = mapped_column(UTCDateTime())


class TrialRow(Base):
    __tablename__ = "smstudio_trials"
    # unique per owner, as experiments
    __table_args__ = (UniqueConstraint("name", "owner", name="uq_smstudio_trials_name_owner"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(120))
    experiment_id: Mapped[int] = mapped_column(ForeignKey("smstudio_experiments.id", **CASCADE), index=True)
    display_name: Mapped[str] = mapped_column(String(120))
    tags: Mapped[dict[str, str]] = mapped_column(JSON)
    owner: Mapped[str] = mapped_column(String(255), index=True)
    creation_time: Mapped[datetime] = mapped_column(UTCDateTime())
    last_modified_time: Mapped[datetime] = mapped_column(UTCDateTime())


class ComponentRow(Base):
    __tablename__ = "smstudio_trial_components"
    # unique per owner, as experiments
    __table_args__ = (UniqueConstraint("name", "owner", name="uq_smstudio_trial_components_name_owner"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(120))
    display_name: Mapped[str] = mapped_column(String(120))
    owner: Mapped[str] = mapped_column(String(255), index=True)
    status: Mapped[str] = mapped_column(String(16))
    status_message: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    creation_time: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    last_modified_time: Mapped[datetime] = mapped_column(UTCDateTime())
    start_time: Mapped[Optional[datetime]] = mapped_column(UTCDateTime(), nullable=True)
    end_time: Mapped[Optional[datetime]] = mapped_column(UTCDateTime(), nullable=True)
    tags: Mapped[dict[str, str]] = mapped_column(JSON)
    source_arn: Mapped[Optional[str]] = mapped_column(String(256), nullable=True, index=True)
    source_type: Mapped[Optional[str]] = mapped_column(String(64), nullable=True)
    git_commit: Mapped[Optional[str]] = mapped_column(String(64), nullable=True)
    git_repository: Mapped[Optional[str]] = mapped_column(Text, nullable=True)


class LinkRow(Base):
    """A trial component belongs to one or more trials."""

    __tablename__ = "smstudio_trial_component_links"
    trial_id: Mapped[int] = mapped_column(ForeignKey("smstudio_trials.id", **CASCADE), primary_key=True)
    component_id: Mapped[int] = mapped_column(
        ForeignKey("smstudio_trial_components.id", **CASCADE), primary_key=True, index=True
    )


class ParameterRow(Base):
    __tablename__ = "smstudio_tc_parameters"
    __table_args__ = (Index("ix_smstudio_tc_parameters_name_number", "name", "number_value"),)
    component_id: Mapped[int] = mapped_column(ForeignKey("smstudio_trial_components.id", **CASCADE), primary_key=True)
    name: Mapped[str] = mapped_column(String(255), primary_key=True)
    number_value: Mapped[Optional[float]] = mapped_column(Float, nullable=True)
    string_value: Mapped[Optional[str]] = mapped_column(Text, nullable=True)


class ArtifactRow(Base):
    __tablename__ = "smstudio_tc_artifacts"
    __table_args__ = (Index("ix_smstudio_tc_artifacts_value", "value"),)
    component_id: Mapped[int] = mapped_column(ForeignKey("smstudio_trial_components.id", **CASCADE), primary_key=True)
    direction: Mapped[str] = mapped_column(String(6), primary_key=True)  # input | output
    name: Mapped[str] = mapped_column(String(255), primary_key=True)
    value: Mapped[str] = mapped_column(String(2048))
    media_type: Mapped[Optional[str]] = mapped_column(String(256), nullable=True)


class MetricSummaryRow(Base):
    """SageMaker's summary statistics, kept up to date on write (Welford/Chan: mean and M2)."""

    __tablename__ = "smstudio_tc_metrics"
    __table_args__ = (Index("ix_smstudio_tc_metrics_name", "name"),)
    component_id: Mapped[int] = mapped_column(ForeignKey("smstudio_trial_components.id", **CASCADE), primary_key=True)
    name: Mapped[str] = mapped_column(String(255), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)
    finite_count: Mapped[int] = mapped_column(Integer)
    mean: Mapped[Optional[float]] = mapped_column(Float, nullable=True)
    m2: Mapped[float] = mapped_column(Float)
    min: Mapped[Optional[float]] = mapped_column(Float, nullable=True)
    max: Mapped[Optional[float]] = mapped_column(Float, nullable=True)
    last: Mapped[Optional[float]] = mapped_column(Float, nullable=True)
    last_is_nan: Mapped[int] = mapped_column(Integer, default=0)
    last_step: Mapped[Optional[int]] = mapped_column(Integer, nullable=True)
    last_time: Mapped[Optional[datetime]] = mapped_column(UTCDateTime(), nullable=True)


class MetricChunkRow(Base):
    """One batch of one metric's series: steps, times and values packed as float64 arrays.

    A batch of 500 points is one row, not 500: writes cost a row per metric per batch and a
    million-point series reads as a few hundred rows. NaN stays NaN; a step of NaN means none."""

    __tablename__ = "smstudio_metric_chunks"
    __table_args__ = (Index("ix_smstudio_metric_chunks_series", "component_id", "name", "id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    component_id: Mapped[int] = mapped_column(ForeignKey("smstudio_trial_components.id", **CASCADE))
    name: Mapped[str] = mapped_column(String(255))
    count: Mapped[int] = mapped_column(Integer)
    steps: Mapped[bytes] = mapped_column(LargeBinary)
    timestamps: Mapped[bytes] = mapped_column(LargeBinary)
    values: Mapped[bytes] = mapped_column(LargeBinary)
