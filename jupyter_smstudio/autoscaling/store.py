"""Scalable targets, scaling policies and scaling activities in SQL; rows never leave this module. A target and its
policies are looked up by (owner, ResourceId): ResourceIds are unique per owner, as endpoint names are."""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Optional

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from ..core.db import Database
from ..core.errors import Conflict
from ..core.orm import utcnow
from ..core.paging import fetch_page
from .orm import ScalableTargetRow, ScalingActivityRow, ScalingPolicyRow


@dataclass(frozen=True)
class TargetRecord:
    owner: str
    resource_id: str
    endpoint_name: str
    variant_name: str
    min_capacity: int
    max_capacity: int
    role_arn: Optional[str]
    suspended: dict[str, Any]
    arn: str
    creation_time: datetime


@dataclass(frozen=True)
class PolicyRecord:
    owner: str
    resource_id: str
    name: str
    policy_type: str
    config: dict[str, Any]
    alarms: list[dict[str, Any]]
    arn: str
    creation_time: datetime


@dataclass(frozen=True)
class ActivityRecord:
    activity_id: str
    owner: str
    resource_id: str
    direction: str
    desired: int
    description: str
    cause: str
    status_code: str
    status_message: Optional[str]
    start_time: datetime
    end_time: Optional[datetime]


def _target(row: ScalableTargetRow) -> TargetRecord:
    return TargetRecord(
        row.owner,
        row.resource_id,
        row.endpoint_name,
        row.variant_name,
        row.min_capacity,
        row.max_capacity,
        row.role_arn,
        dict(row.suspended or {}),
        row.arn,
        row.creation_time,
    )


def _policy(row: ScalingPolicyRow) -> PolicyRecord:
    return PolicyRecord(
        row.owner,
        row.resource_id,
        row.policy_name,
        row.policy_type,
        dict(row.config),
        [dict(a) for a in row.alarms or []],
        row.arn,
        row.creation_time,
    )


def _activity(row: ScalingActivityRow) -> ActivityRecord:
    return ActivityRecord(
        row.activity_id,
        row.owner,
        row.resource_id,
        row.direction,
        row.desired,
        row.description,
        row.cause,
        row.status_code,
        row.status_message,
        row.start_time,
        row.end_time,
    )


class AutoscalingStore:
    def __init__(self, db: Database):
        self.db = db

    # -- scalable targets ---------------------------------------------------------------------------
    def target_holders(self, resource_id: str) -> builtins.list[str]:
        with self.db.session() as s:
            return list(s.scalars(select(ScalableTargetRow.owner).where(ScalableTargetRow.resource_id == resource_id)))

    def get_target(self, owner: str, resource_id: str) -> Optional[TargetRecord]:
        with self.db.session() as s:
            row = s.scalar(
                select(ScalableTargetRow).where(
                    ScalableTargetRow.owner == owner, ScalableTargetRow.resource_id == resource_id
                )
            )
            return None if row is None else _target(row)

    def put_target(self, record: TargetRecord) -> None:
        """Create the target, or change an existing one's capacities, role and suspended state."""
        try:
            with self.db.session() as s:
                row = s.scalar(
                    select(ScalableTargetRow).where(
                        ScalableTargetRow.owner == record.owner, ScalableTargetRow.resource_id == record.resource_id
                    )
                )
                if row is None:
                    s.add(
                        ScalableTargetRow(
                            owner=record.owner,
                            resource_id=record.resource_id,
                            endpoint_name=record.endpoint_name,
                            variant_name=record.variant_name,
                            min_capacity=record.min_capacity,
                            max_capacity=record.max_capacity,
                            role_arn=record.role_arn,
                            suspended=record.suspended,
                            arn=record.arn,
                            creation_time=record.creation_time,
                        )
                    )
                else:
                    row.min_capacity, row.max_capacity = record.min_capacity, record.max_capacity
                    row.role_arn, row.suspended = record.role_arn, record.suspended
        except IntegrityError:  # a concurrent register of the same target
            raise Conflict(
                f"the scalable target {record.resource_id} is being registered", field="ResourceId"
            ) from None

    def list_targets(
        self, owner: Optional[str], resource_ids: builtins.list[str], limit: int, offset: int
    ) -> tuple[builtins.list[TargetRecord], int]:
        q = select(ScalableTargetRow)
        if owner is not None:
            q = q.where(ScalableTargetRow.owner == owner)
        if resource_ids:
            q = q.where(ScalableTargetRow.resource_id.in_(resource_ids))
        with self.db.session() as s:
            found, total = fetch_page(s, q, (ScalableTargetRow.creation_time, ScalableTargetRow.id), limit, offset)
            return [_target(r) for (r,) in found], total

    def all_targets(self) -> builtins.list[TargetRecord]:
        with self.db.session() as s:
            return [_target(r) for r in s.scalars(select(ScalableTargetRow).order_by(ScalableTargetRow.id))]

    def targets_of_endpoint(self, owner: str, endpoint_name: str) -> builtins.list[TargetRecord]:
        with self.db.session() as s:
            rows = s.scalars(
                select(ScalableTargetRow).where(
                    ScalableTargetRow.owner == owner, ScalableTargetRow.endpoint_name == endpoint_name
                )
            )
            return [_target(r) for r in rows]

    def delete_target(self, owner: str, resource_id: str) -> bool:
        """The target and its policies (as Application Auto Scaling deletes them); its activities stay."""
        with self.db.session() as s:
            s.execute(
                delete(ScalingPolicyRow).where(
                    ScalingPolicyRow.owner == owner, ScalingPolicyRow.resource_id == resource_id
                )
            )
            gone = s.execute(
                delete(ScalableTargetRow).where(
                    ScalableTargetRow.owner == owner, ScalableTargetRow.resource_id == resource_id
                )
            )
            return bool(getattr(gone, "rowcount", 0))

    # -- scaling policies ---------------------------------------------------------------------------
    def put_policy(self, record: PolicyRecord) -> PolicyRecord:
        """Create the policy, or change an existing one's configuration (its ARN and alarms stay)."""
        try:
            with self.db.session() as s:
                row = s.scalar(
                    select(ScalingPolicyRow).where(
                        ScalingPolicyRow.owner == record.owner,
                        ScalingPolicyRow.resource_id == record.resource_id,
                        ScalingPolicyRow.policy_name == record.name,
                    )
                )
                if row is None:
                    row = ScalingPolicyRow(
                        owner=record.owner,
                        resource_id=record.resource_id,
                        policy_name=record.name,
                        policy_type=record.policy_type,
                        config=record.config,
                        alarms=record.alarms,
                        arn=record.arn,
                        creation_time=record.creation_time,
                    )
                    s.add(row)
                else:
                    row.policy_type, row.config = record.policy_type, record.config
                s.flush()
                return _policy(row)
        except IntegrityError:
            raise Conflict(f"the scaling policy '{record.name}' is being put", field="PolicyName") from None

    def policies_of(self, owner: str, resource_id: str) -> builtins.list[PolicyRecord]:
        with self.db.session() as s:
            rows = s.scalars(
                select(ScalingPolicyRow)
                .where(ScalingPolicyRow.owner == owner, ScalingPolicyRow.resource_id == resource_id)
                .order_by(ScalingPolicyRow.id)
            )
            return [_policy(r) for r in rows]

    def list_policies(
        self,
        owner: Optional[str],
        resource_id: Optional[str],
        names: builtins.list[str],
        limit: int,
        offset: int,
    ) -> tuple[builtins.list[PolicyRecord], int]:
        q = select(ScalingPolicyRow)
        if owner is not None:
            q = q.where(ScalingPolicyRow.owner == owner)
        if resource_id:
            q = q.where(ScalingPolicyRow.resource_id == resource_id)
        if names:
            q = q.where(ScalingPolicyRow.policy_name.in_(names))
        with self.db.session() as s:
            found, total = fetch_page(s, q, (ScalingPolicyRow.creation_time, ScalingPolicyRow.id), limit, offset)
            return [_policy(r) for (r,) in found], total

    def delete_policy(self, owner: str, resource_id: str, name: str) -> bool:
        with self.db.session() as s:
            gone = s.execute(
                delete(ScalingPolicyRow).where(
                    ScalingPolicyRow.owner == owner,
                    ScalingPolicyRow.resource_id == resource_id,
                    ScalingPolicyRow.policy_name == name,
                )
            )
            return bool(getattr(gone, "rowcount", 0))

    # -- scaling activities -------------------------------------------------------------------------
    def add_activity(self, record: ActivityRecord) -> None:
        with self.db.session() as s:
            s.add(
                ScalingActivityRow(
                    activity_id=record.activity_id,
                    owner=record.owner,
                    resource_id=record.resource_id,
                    direction=record.direction,
                    desired=record.desired,
                    description=record.description,
                    cause=record.cause,
                    status_code=record.status_code,
                    status_message=record.status_message,
                    start_time=record.start_time,
                    end_time=record.end_time,
                )
            )

    def finish_activity(self, activity_id: str, status_code: str, message: str) -> None:
        with self.db.session() as s:
            row = s.scalar(select(ScalingActivityRow).where(ScalingActivityRow.activity_id == activity_id))
            if row is not None:
                row.status_code, row.status_message, row.end_time = status_code, message, utcnow()

    def open_activities(self, owner: str, resource_id: str) -> builtins.list[ActivityRecord]:
        with self.db.session() as s:
            rows = s.scalars(
                select(ScalingActivityRow).where(
                    ScalingActivityRow.owner == owner,
                    ScalingActivityRow.resource_id == resource_id,
                    ScalingActivityRow.status_code == "InProgress",
                )
            )
            return [_activity(r) for r in rows]

    def last_ended(self, owner: str, resource_id: str, direction: str) -> Optional[datetime]:
        """When the target's last successful activity of `direction` ended (the cooldowns count from then)."""
        with self.db.session() as s:
            row = s.scalar(
                select(ScalingActivityRow)
                .where(
                    ScalingActivityRow.owner == owner,
                    ScalingActivityRow.resource_id == resource_id,
                    ScalingActivityRow.direction == direction,
                    ScalingActivityRow.status_code == "Successful",
                )
                .order_by(ScalingActivityRow.start_time.desc(), ScalingActivityRow.id.desc())
                .limit(1)
            )
            return None if row is None else row.end_time

    def list_activities(
        self, owner: Optional[str], resource_id: Optional[str], limit: int, offset: int
    ) -> tuple[builtins.list[ActivityRecord], int]:
        q = select(ScalingActivityRow)
        if owner is not None:
            q = q.where(ScalingActivityRow.owner == owner)
        if resource_id:
            q = q.where(ScalingActivityRow.resource_id == resource_id)
        with self.db.session() as s:
            order = (ScalingActivityRow.start_time.desc(), ScalingActivityRow.id.desc())  # newest first, as AWS
            found, total = fetch_page(s, q, order, limit, offset)
            return [_activity(r) for (r,) in found], total
