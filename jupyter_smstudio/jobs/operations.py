"""The Jobs room's REST routes and SDK calls (see core/operations.py)."""

from __future__ import annotations

from ..core.operations import Operation, Query, page
from .models import JobReport, ScriptJobRequest

OPERATIONS = (
    Operation(
        "list_jobs", "GET", "jobs", "list", query=(Query("status"), Query("kind"), Query("name_contains"), *page(50))
    ),
    Operation("submit_script_job", "POST", "jobs", "submit_script", body=ScriptJobRequest, status=201),
    Operation("describe_job", "GET", "jobs/{job_name}", "get", for_jobs=True),
    Operation("stop_job", "POST", "jobs/{job_name}/stop", "stop"),
    Operation("job_logs", "GET", "jobs/{job_name}/logs", "logs", query=(Query("offset", int, 0),), for_jobs=True),
    # job processes only, with their job token: what the job is doing now (its secondary status)
    Operation("report_job", "POST", "jobs/{job_name}/report", "report", body=JobReport, for_jobs=True),
)
