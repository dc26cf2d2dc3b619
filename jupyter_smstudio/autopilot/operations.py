"""The Autopilot room's REST routes and SDK calls (see core/operations.py)."""

from __future__ import annotations

from ..core.operations import Operation, Query, page
from .shapes import CreateAutoMLJobRequest, DeployBestRequest, PreviewRequest

AUTOML_JOB = "auto-ml-jobs/{auto_ml_job_name}"

OPERATIONS = (
    Operation("create_auto_ml_job", "POST", "auto-ml-jobs", "create", body=CreateAutoMLJobRequest, status=201),
    Operation(
        "list_auto_ml_jobs",
        "GET",
        "auto-ml-jobs",
        "list",
        query=(Query("status"), Query("name_contains"), *page(100)),
    ),
    Operation("describe_auto_ml_job", "GET", AUTOML_JOB, "describe"),
    Operation(
        "list_candidates_for_auto_ml_job",
        "GET",
        f"{AUTOML_JOB}/candidates",
        "candidates",
        query=(
            Query("status"),
            Query("candidate_name"),
            Query("sort_by", str, "FinalObjectiveMetricValue"),
            Query("sort_order", str, "Descending"),
            *page(100),
        ),
    ),
    Operation("stop_auto_ml_job", "POST", f"{AUTOML_JOB}/stop", "stop"),
    Operation("describe_auto_ml_data_analysis", "GET", f"{AUTOML_JOB}/data-analysis", "data_analysis"),
    Operation("describe_auto_ml_explainability", "GET", f"{AUTOML_JOB}/explainability", "explainability"),
    Operation("deploy_auto_ml_candidate", "POST", f"{AUTOML_JOB}/deploy", "deploy", body=DeployBestRequest, status=201),
    Operation("preview_auto_ml_input", "POST", "auto-ml-preview", "preview", body=PreviewRequest),
)
