"""The Model Monitor room's REST routes and SDK calls (see core/operations.py): SageMaker's
CreateMonitoringSchedule, Describe/List/Update/Stop/Start/DeleteMonitoringSchedule and ListMonitoringExecutions,
the data quality and model quality job definitions,
and the baselining job the SDK's suggest_baseline starts. Executions and baselines are jobs of the Jobs room too
(their logs: `jobs/{job_name}/logs`)."""

from __future__ import annotations

from ..core.operations import Operation, Query, page
from .models import (
    CreateBaseliningJobRequest,
    CreateDataQualityJobDefinitionRequest,
    CreateModelQualityJobDefinitionRequest,
    CreateMonitoringScheduleRequest,
    UpdateMonitoringScheduleRequest,
)

DEFINITION = "data-quality-job-definitions/{job_definition_name}"
QUALITY_DEFINITION = "model-quality-job-definitions/{job_definition_name}"
SCHEDULE = "monitoring-schedules/{monitoring_schedule_name}"

OPERATIONS = (
    Operation(
        "create_baselining_job",
        "POST",
        "monitoring-baselines",
        "create_baselining_job",
        body=CreateBaseliningJobRequest,
        status=201,
    ),
    Operation(
        "describe_baselining_job", "GET", "monitoring-baselines/{baselining_job_name}", "describe_baselining_job"
    ),
    Operation(
        "create_monitoring_schedule",
        "POST",
        "monitoring-schedules",
        "create_monitoring_schedule",
        body=CreateMonitoringScheduleRequest,
        status=201,
    ),
    Operation(
        "list_monitoring_schedules",
        "GET",
        "monitoring-schedules",
        "list_monitoring_schedules",
        query=(Query("endpoint_name"), Query("name_contains"), Query("status"), *page(100)),
    ),
    Operation("describe_monitoring_schedule", "GET", SCHEDULE, "describe_monitoring_schedule"),
    Operation(
        "update_monitoring_schedule",
        "PUT",
        SCHEDULE,
        "update_monitoring_schedule",
        body=UpdateMonitoringScheduleRequest,
    ),
    Operation("run_monitoring_schedule", "POST", f"{SCHEDULE}/run", "run_monitoring_schedule"),
    Operation("stop_monitoring_schedule", "POST", f"{SCHEDULE}/stop", "stop_monitoring_schedule"),
    Operation("start_monitoring_schedule", "POST", f"{SCHEDULE}/start", "start_monitoring_schedule"),
    Operation("delete_monitoring_schedule", "DELETE", SCHEDULE, "delete_monitoring_schedule"),
    Operation(
        "list_monitoring_executions",
        "GET",
        "monitoring-executions",
        "list_monitoring_executions",
        query=(
            Query("monitoring_schedule_name"),
            Query("endpoint_name"),
            Query("status"),
            *page(100),
        ),
    ),
    Operation(
        "create_data_quality_job_definition",
        "POST",
        "data-quality-job-definitions",
        "create_data_quality_job_definition",
        body=CreateDataQualityJobDefinitionRequest,
        status=201,
    ),
    Operation(
        "list_data_quality_job_definitions",
        "GET",
        "data-quality-job-definitions",
        "list_data_quality_job_definitions",
        query=(Query("endpoint_name"), *page(100)),
    ),
    Operation("describe_data_quality_job_definition", "GET", DEFINITION, "describe_data_quality_job_definition"),
    Operation("delete_data_quality_job_definition", "DELETE", DEFINITION, "delete_data_quality_job_definition"),
    Operation(
        "create_model_quality_job_definition",
        "POST",
        "model-quality-job-definitions",
        "create_model_quality_job_definition",
        body=CreateModelQualityJobDefinitionRequest,
        status=201,
    ),
    Operation(
        "list_model_quality_job_definitions",
        "GET",
        "model-quality-job-definitions",
        "list_model_quality_job_definitions",
        query=(Query("endpoint_name"), *page(100)),
    ),
    Operation(
        "describe_model_quality_job_definition",
        "GET",
        QUALITY_DEFINITION,
        "describe_model_quality_job_definition",
    ),
    Operation(
        "delete_model_quality_job_definition",
        "DELETE",
        QUALITY_DEFINITION,
        "delete_model_quality_job_definition",
    ),
)
