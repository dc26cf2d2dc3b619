"""The Batch transform room's REST routes and SDK calls (see core/operations.py): SageMaker's CreateTransformJob,
DescribeTransformJob, ListTransformJobs and StopTransformJob. A transform job is also a job of the Jobs room
(its log: `jobs/{job_name}/logs`)."""

from __future__ import annotations

from ..core.operations import Operation, Query, page
from .models import CreateTransformJobRequest

JOB = "transform-jobs/{transform_job_name}"

OPERATIONS = (
    Operation(
        "create_transform_job",
        "POST",
        "transform-jobs",
        "start_transform_job",
        body=CreateTransformJobRequest,
        status=201,
    ),
    Operation(
        "list_transform_jobs",
        "GET",
        "transform-jobs",
        "list_transform_jobs",
        query=(Query("status"), Query("name_contains"), *page(100)),
    ),
    Operation("describe_transform_job", "GET", JOB, "describe_transform_job"),
    Operation("stop_transform_job", "POST", f"{JOB}/stop", "stop_transform_job"),
)
