"""The Training room's REST routes and SDK calls (see core/operations.py): SageMaker's
CreateTrainingJob / DescribeTrainingJob and CreateProcessingJob / DescribeProcessingJob."""

from __future__ import annotations

from ..core.operations import Operation
from .models import ProcessingJobRequest, TrainingJobRequest

OPERATIONS = (
    Operation(
        "create_training_job", "POST", "training-jobs", "start_training_job", body=TrainingJobRequest, status=201
    ),
    Operation(
        "describe_training_job", "GET", "training-jobs/{training_job_name}", "describe_training_job", for_jobs=True
    ),
    Operation(
        "create_processing_job",
        "POST",
        "processing-jobs",
        "start_processing_job",
        body=ProcessingJobRequest,
        status=201,
    ),
    Operation(
        "describe_processing_job",
        "GET",
        "processing-jobs/{processing_job_name}",
        "describe_processing_job",
        for_jobs=True,
    ),
)
