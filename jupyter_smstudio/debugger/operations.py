"""The Debugger room's REST routes and SDK calls (see core/operations.py)."""

from __future__ import annotations

from ..core.operations import Operation
from .view_operations import VIEW_OPERATIONS

TRAINING_JOB = "debugger/training-jobs/{training_job_name}"

OPERATIONS: tuple[Operation, ...] = (
    Operation("describe_rule_evaluations", "GET", f"{TRAINING_JOB}/rules", "describe_rule_evaluations"),
    *VIEW_OPERATIONS,
)
