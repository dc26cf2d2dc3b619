"""`sagemaker.model_monitor`: data quality and model quality monitoring as SageMaker's Python SDK v2 names it
(DefaultModelMonitor, ModelQualityMonitor, baselines, schedules, executions and their files) over the Model Monitor
room, and `DataCaptureConfig`, what `model.deploy(data_capture_config=)` takes."""

from .cron_expression_generator import CronExpressionGenerator
from .data_capture_config import DataCaptureConfig
from .dataset_format import DatasetFormat, MonitoringDatasetFormat
from .model_monitoring import (
    BaseliningJob,
    BatchTransformInput,
    DefaultModelMonitor,
    EndpointInput,
    ModelMonitor,
    MonitoringExecution,
)
from .model_quality_monitor import ModelQualityMonitor
from .monitoring_files import Constraints, ConstraintViolations, Statistics

__all__ = [
    "BaseliningJob",
    "BatchTransformInput",
    "ConstraintViolations",
    "Constraints",
    "CronExpressionGenerator",
    "DataCaptureConfig",
    "DatasetFormat",
    "DefaultModelMonitor",
    "EndpointInput",
    "ModelMonitor",
    "ModelQualityMonitor",
    "MonitoringDatasetFormat",
    "MonitoringExecution",
    "Statistics",
]
