"""The Tuning room's REST routes and SDK calls (see core/operations.py)."""

from __future__ import annotations

from ..core.operations import Operation, Query, page
from .models import TuningJobRequest

TUNING_JOB = "tuning-jobs/{tuning_job_name}"

OPERATIONS = (
    Operation(
        "list_tuning_jobs", "GET", "tuning-jobs", "list", query=(Query("status"), Query("name_contains"), *page(100))
    ),
    Operation("create_tuning_job", "POST", "tuning-jobs", "create", body=TuningJobRequest, status=201),
    Operation("describe_tuning_job", "GET", TUNING_JOB, "describe", for_jobs=True),
    Operation(
        "list_training_jobs_for_tuning_job", "GET", f"{TUNING_JOB}/training-jobs", "training_jobs", for_jobs=True
    ),
    Operation("stop_tuning_job", "POST", f"{TUNING_JOB}/stop", "stop"),
)
