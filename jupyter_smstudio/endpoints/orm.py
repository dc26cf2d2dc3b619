"""Endpoints tables: models, endpoint configs and endpoints, each unique per owner (as if each user were a
SageMaker account of their own). A model's container and a config's variants are JSON read back whole; an
endpoint keeps its variants' live weights and counts and its instances' handles (pid, start time, port), so a
restarted server re-adopts the instances that still run."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import JSON, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..core.orm import Base, UTCDateTime


class ModelRow(Base):
    __tablename__ = "smstudio_models"
    __table_args__ = (UniqueConstraint("name", "owner", name="uq_smstudio_models_name_owner"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64))
    owner: Mapped[str] = mapped_column(String(255), index=True)
    spec: Mapped[dict[str, Any]] = mapped_column(JSON)  # the CreateModel request
    creation_time: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class EndpointConfigRow(Base):
    __tablename__ = "smstudio_endpoint_configs"
    __table_args__ = (UniqueConstraint("name", "owner", name="uq_smstudio_endpoint_configs_name_owner"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64))
    owner: Mapped[str] = mapped_column(String(255), index=True)
    spec: Mapped[dict[str, Any]] = mapped_column(JSON)  # the CreateEndpointConfig request
    creation_time: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class EndpointRow(Base):
    __tablename__ = "smstudio_endpoints"
    __table_args__ = (UniqueConstraint("name", "owner", name="uq_smstudio_endpoints_name_owner"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64))
    owner: Mapped[str] = mapped_column(String(255), index=True)
    config_name: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), index=True)
    failure_reason: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    folder: Mapped[str] = mapped_column(Text)  # the instances' model, code and logs
    # [{VariantName, ModelName, Container, Weight, DesiredWeight, InstanceCount, DesiredInstanceCount}]
    variants: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    # [{variant, index, pid, create_time, port, log}]
    instances: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    creation_time: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    last_modified_time: Mapped[datetime] = mapped_column(UTCDateTime())
