"""The Model Monitor room's read operations for the browser (reports.py); see core/operations.py. SageMaker has no
such calls (its console reads the files): they are the room's, and the SDK's low-level client may call them too."""

from __future__ import annotations

from ..core.operations import Operation, Query, page
from .report_models import UpdateBaselineConstraintsRequest

BASELINE = "monitoring-baselines/{baselining_job_name}"

OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "list_baselining_jobs",
        "GET",
        "monitoring-baselines",
        "list_baselining_jobs",
        query=(Query("name_contains"), Query("status"), *page(100)),
    ),
    Operation("describe_baseline_report", "GET", f"{BASELINE}/report", "describe_baseline_report"),
    Operation(
        "update_baseline_constraints",
        "PUT",
        f"{BASELINE}/constraints",
        "update_baseline_constraints",
        body=UpdateBaselineConstraintsRequest,
    ),
    Operation(
        "describe_monitoring_execution_report",
        "GET",
        "monitoring-executions/{processing_job_name}/report",
        "describe_monitoring_execution_report",
    ),
    Operation(
        "describe_monitoring_history",
        "GET",
        "monitoring-schedules/{monitoring_schedule_name}/history",
        "describe_monitoring_history",
        query=(Query("limit", int, 100),),
    ),
)
