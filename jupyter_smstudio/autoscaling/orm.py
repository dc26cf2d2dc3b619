"""Autoscaling tables: scalable targets and scaling policies (unique per owner and ResourceId, as if each user were
an AWS account of their own), and scaling activities, kept after their target goes (they are the history)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import JSON, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..core.orm import Base, UTCDateTime


class ScalableTargetRow(Base):
    __tablename__ = "smstudio_scalable_targets"
    __table_args__ = (UniqueConstraint("owner", "resource_id", name="uq_smstudio_scalable_targets_owner_resource"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    owner: Mapped[str] = mapped_column(String(255), index=True)
    resource_id: Mapped[str] = mapped_column(String(255))  # endpoint/<name>/variant/<variant>
    endpoint_name: Mapped[str] = mapped_column(String(64))
    variant_name: Mapped[str] = mapped_column(String(64))
    min_capacity: Mapped[int] = mapped_column(Integer)
    max_capacity: Mapped[int] = mapped_column(Integer)
    role_arn: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    suspended: Mapped[dict[str, Any]] = mapped_column(JSON)  # SuspendedState
    arn: Mapped[str] = mapped_column(String(255))
    creation_time: Mapped[datetime] = mapped_column(UTCDateTime())


class ScalingPolicyRow(Base):
    __tablename__ = "smstudio_scaling_policies"
    __table_args__ = (
        UniqueConstraint("owner", "resource_id", "policy_name", name="uq_smstudio_scaling_policies_owner_name"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    owner: Mapped[str] = mapped_column(String(255), index=True)
    resource_id: Mapped[str] = mapped_column(String(255))
    policy_name: Mapped[str] = mapped_column(String(256))
    policy_type: Mapped[str] = mapped_column(String(64))
    config: Mapped[dict[str, Any]] = mapped_column(JSON)  # TargetTrackingScalingPolicyConfiguration
    alarms: Mapped[list[dict[str, Any]]] = mapped_column(JSON)  # [{AlarmName, AlarmARN}]
    arn: Mapped[str] = mapped_column(Text)
    creation_time: Mapped[datetime] = mapped_column(UTCDateTime())


class ScalingActivityRow(Base):
    __tablename__ = "smstudio_scaling_activities"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    activity_id: Mapped[str] = mapped_column(String(36), unique=True)
    owner: Mapped[str] = mapped_column(String(255), index=True)
    resource_id: Mapped[str] = mapped_column(String(255), index=True)
    direction: Mapped[str] = mapped_column(String(8))  # out / in (the cooldowns), or set (capacity bounds)
    desired: Mapped[int] = mapped_column(Integer)  # the count asked for: the activity succeeds when it runs
    description: Mapped[str] = mapped_column(Text)
    cause: Mapped[str] = mapped_column(Text)
    status_code: Mapped[str] = mapped_column(String(16), index=True)
    status_message: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    start_time: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    end_time: Mapped[Optional[datetime]] = mapped_column(UTCDateTime(), nullable=True)
