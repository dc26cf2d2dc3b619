"""`TrainingJobAnalytics`, as in `sagemaker.analytics`: a training job's metric series as a DataFrame
(timestamp in seconds since the job started, metric_name, value), from the points its metric_definitions
matched (recorded on the job's trial component)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from ..core.errors import NotFound
from ..jobs.models import trial_component_name
from ._times import parse_time

if TYPE_CHECKING:
    from pandas import DataFrame


class TrainingJobAnalytics:
    CLOUDWATCH_NAMESPACE = "/aws/sagemaker/TrainingJobs"  # SageMaker's; kept for code that reads it

    def __init__(
        self,
        training_job_name: str,
        metric_names: Optional[list[str]] = None,
        sagemaker_session: Any = None,
        start_time: Any = None,
        end_time: Any = None,
        period: Optional[int] = None,
    ):
        from .session import Session

        self.name = training_job_name
        self._session = sagemaker_session or Session()
        self._metric_names = metric_names
        self._dataframe: Optional[DataFrame] = None

    @property
    def metric_names(self) -> list[str]:
        """The metrics asked for, else the job's metric_definitions' names."""
        if self._metric_names:
            return list(self._metric_names)
        desc = self._session.backend.describe_training_job(self.name)
        return [m["Name"] for m in desc["AlgorithmSpecification"].get("MetricDefinitions", [])]

    def dataframe(self, force_refresh: bool = False) -> DataFrame:
        from .analytics import _pandas

        if force_refresh or self._dataframe is None:
            desc = self._session.backend.describe_training_job(self.name)
            start = parse_time(desc.get("TrainingStartTime") or desc["CreationTime"])
            component = trial_component_name(self.name, "training")
            rows = []
            for metric in self.metric_names:
                try:
                    series = self._session.backend.metric_series(component, metric, max_points=100_000)
                except NotFound:  # the job logged no point of it (or its component was deleted)
                    continue
                for stamp, value in zip(series["timestamps"], series["values"], strict=True):
                    seconds = (parse_time(stamp) - start).total_seconds()
                    rows.append({"timestamp": seconds, "metric_name": metric, "value": value})
            self._dataframe = _pandas().DataFrame(rows, columns=["timestamp", "metric_name", "value"])
        return self._dataframe

    def export_csv(self, filename: str) -> None:
        self.dataframe().to_csv(filename)

    def clear_cache(self) -> None:
        self._dataframe = None
