"""Contracts of the Model Monitor room's read operations (reports.py): what the browser shows of a baseline, of an
execution and of a schedule's executions over time. Statistics and constraints stay in SageMaker's files; these
are the views of them the room draws (tables, sparklines, drift charts)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from ..core.models import SageMakerShape as Shape
from .models import BaseliningJob, MonitoringExecutionSummary


class HistogramBin(Shape):
    """One bar: a numeric bucket (`Label` "0.1–0.5", its bounds) or a category (`Label` its value, no bounds)."""

    Label: str
    Lower: Optional[float] = None
    Upper: Optional[float] = None
    Count: float


class BaseliningJobList(Shape):
    BaseliningJobs: list[BaseliningJob]  # newest first
    Total: int


class FeatureBaseline(Shape):
    """One feature of a baseline: its statistics.json entry and its suggested constraint, side by side."""

    Name: str
    InferredType: str  # Integral | Fractional | String | Unknown
    NumPresent: int
    NumMissing: int
    Completeness: float  # present / (present + missing)
    Mean: Optional[float] = None
    Sum: Optional[float] = None
    StdDev: Optional[float] = None
    Min: Optional[float] = None
    Max: Optional[float] = None
    DistinctCount: Optional[float] = None
    Histogram: list[HistogramBin]  # numeric: the KLL buckets; string: categories
    ConstraintCompleteness: Optional[float] = None
    IsNonNegative: Optional[bool] = None
    Domains: Optional[list[str]] = None


class BaselineReport(Shape):
    BaseliningJob: BaseliningJob
    ItemCount: Optional[int] = None  # None while the job runs
    Features: list[FeatureBaseline]  # [] while the job runs or when it failed
    Constraints: Optional[dict[str, Any]] = None  # constraints.json as stored (SageMaker's schema)
    MonitoringConfig: Optional[dict[str, Any]] = None  # constraints.json's monitoring_config (the thresholds)
    # a model quality baseline (its statistics.json holds metrics, not features): the metrics, name -> value
    ModelQuality: Optional[dict[str, float]] = None


class UpdateBaselineConstraintsRequest(Shape):
    Constraints: dict[str, Any]  # a whole constraints.json


class Violation(Shape):
    FeatureName: str  # "" for a dataset-wide check; a model quality violation's metric (its metric_name)
    ConstraintCheckType: str
    Description: str


class FeatureDrift(Shape):
    """A feature of an execution against the baseline. `Distance` is the one baseline_drift_check compares (KS
    between the KLL sketches, L-infinity between category frequencies); PSI and Wasserstein are extra information
    on the baseline's bins; both histograms are on the baseline's bins."""

    Name: str
    InferredType: str
    Completeness: Optional[float] = None
    BaselineCompleteness: Optional[float] = None
    Distance: Optional[float] = None
    Threshold: Optional[float] = None  # the constraint's comparison_threshold (categorical_... for strings)
    # what the check compared Distance with: Robust raises the threshold to the KS test's bound at alpha = 0.01
    EffectiveThreshold: Optional[float] = None
    Psi: Optional[float] = None
    Wasserstein: Optional[float] = None  # None for strings
    Histogram: list[HistogramBin]
    BaselineHistogram: list[HistogramBin]


class ExecutionReport(Shape):
    Execution: MonitoringExecutionSummary
    MonitoringType: str  # DataQuality | ModelQuality
    ItemCount: Optional[int] = None
    Violations: list[Violation]
    Features: list[FeatureDrift]
    ModelQuality: Optional[dict[str, float]] = None  # a ModelQuality execution's metrics, flattened: name -> value


class HistoryPoint(Shape):
    """One execution; a failed one, or one without data, has empty dicts (the chart shows a gap)."""

    ScheduledTime: datetime
    Status: str
    ProcessingJobName: Optional[str] = None
    Violations: int
    Drift: dict[str, float]
    Psi: dict[str, float]
    Completeness: dict[str, float]
    ModelQuality: dict[str, float]


class MonitoringHistory(Shape):
    MonitoringScheduleName: str
    MonitoringType: str
    Points: list[HistoryPoint]  # oldest first
