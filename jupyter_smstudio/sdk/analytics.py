"""`ExperimentAnalytics`, as in `sagemaker.analytics`: trial components as a pandas DataFrame.

Columns are SageMaker's: TrialComponentName, DisplayName, SourceArn (when a job is tracked),
one per parameter, `<metric> - Min/Max/Avg/StdDev/Last/Count`, `<artifact> - MediaType` and
`<artifact> - Value` (inputs, then outputs), Trials, Experiments. `.widget()` adds a sortable
leaderboard for notebooks (ipywidgets).
"""

from __future__ import annotations

import copy
import math
from abc import ABC, abstractmethod
from collections import OrderedDict
from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:
    from pandas import DataFrame  # untyped without pandas-stubs: Any

STATISTICS = (
    ("Min", "min"),
    ("Max", "max"),
    ("Avg", "avg"),
    ("StdDev", "std_dev"),
    ("Last", "last"),
    ("Count", "count"),
)
_NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def _pandas() -> Any:  # the pandas module, imported when first needed
    try:
        import pandas as pd
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("ExperimentAnalytics needs pandas: pip install pandas") from err
    return pd


def _number(value: Any) -> Any:
    """The API sends NaN and +-Infinity as strings."""
    return _NON_FINITE.get(value, value) if isinstance(value, str) else value


class AnalyticsMetricsBase(ABC):
    """Caching and CSV export, shared with SageMaker's other analytics classes."""

    def __init__(self) -> None:
        self._dataframe: Optional[DataFrame] = None

    def export_csv(self, filename: str) -> None:
        self.dataframe().to_csv(filename)

    def dataframe(self, force_refresh: bool = False) -> DataFrame:
        """A pandas DataFrame of the results (cached; `force_refresh=True` asks the server again)."""
        if force_refresh:
            self.clear_cache()
        if self._dataframe is None:
            self._dataframe = self._fetch_dataframe()
        return self._dataframe

    @abstractmethod
    def _fetch_dataframe(self) -> DataFrame:
        """Each analytics class fetches its own rows."""

    def clear_cache(self) -> None:
        self._dataframe = None


class ExperimentAnalytics(AnalyticsMetricsBase):
    """Trial components (of an experiment, or matching a search expression) for analysis."""

    MAX_TRIAL_COMPONENTS = 10000
    PAGE_SIZE = 1000

    def __init__(
        self,
        experiment_name: Optional[str] = None,
        search_expression: Optional[dict[str, Any]] = None,
        sort_by: Optional[str] = None,
        sort_order: Optional[str] = None,
        metric_names: Optional[list[str]] = None,
        parameter_names: Optional[list[str]] = None,
        sagemaker_session: Any = None,
        input_artifact_names: Optional[list[str]] = None,
        output_artifact_names: Optional[list[str]] = None,
    ):
        if not experiment_name and not search_expression:
            raise ValueError("Either experiment_name or search_expression must be supplied.")
        if sagemaker_session is None:
            from .experiments.run import default_session

            sagemaker_session = default_session()
        self._session = sagemaker_session
        self._experiment_name = experiment_name
        self._search_expression = search_expression
        self._sort_by = sort_by
        self._sort_order = sort_order
        self._metric_names = metric_names
        self._parameter_names = parameter_names
        self._input_artifact_names = input_artifact_names
        self._output_artifact_names = output_artifact_names
        self._trial_components: Optional[list[dict[str, Any]]] = None
        super().__init__()
        self.clear_cache()

    @property
    def name(self) -> Optional[str]:
        return self._experiment_name

    def __repr__(self) -> str:
        return f"<jupyter_smstudio.sdk.ExperimentAnalytics for {self.name}>"

    def clear_cache(self) -> None:
        super().clear_cache()
        self._trial_components = None

    # -- reshaping (SageMaker's column layout) ---------------------------------------------------
    def _reshape_parameters(self, parameters: dict[str, Any]) -> "OrderedDict[str, Any]":
        out: OrderedDict[str, Any] = OrderedDict()
        for name, value in sorted(parameters.items()):
            if self._parameter_names and name not in self._parameter_names:
                continue
            out[name] = value
        return out

    def _reshape_metrics(self, metrics: list[dict[str, Any]]) -> "OrderedDict[str, Any]":
        out: OrderedDict[str, Any] = OrderedDict()
        for summary in metrics:
            name = summary["metric_name"]
            if self._metric_names and name not in self._metric_names:
                continue
            for label, key in STATISTICS:
                value = summary.get(key)
                if value is not None:
                    out[f"{name} - {label}"] = _number(value)
        return out

    @staticmethod
    def _reshape_artifacts(artifacts: dict[str, dict[str, Any]], names: Optional[list[str]]) -> "OrderedDict[str, Any]":
        out: OrderedDict[str, Any] = OrderedDict()
        for name, value in sorted(artifacts.items()):
            if names and name not in names:
                continue
            out[f"{name} - MediaType"] = value.get("media_type")
            out[f"{name} - Value"] = value.get("value")
        return out

    @staticmethod
    def _reshape_parents(parents: list[dict[str, Any]]) -> "OrderedDict[str, Any]":
        return OrderedDict(
            [("Trials", [p["trial_name"] for p in parents]), ("Experiments", [p["experiment_name"] for p in parents])]
        )

    def _reshape(self, tc: dict[str, Any]) -> "OrderedDict[str, Any]":
        out: OrderedDict[str, Any] = OrderedDict()
        out["TrialComponentName"] = tc.get("trial_component_name", "")
        out["DisplayName"] = tc.get("display_name", "")
        if tc.get("source_arn"):
            out["SourceArn"] = tc["source_arn"]
        out.update(self._reshape_parameters(tc.get("parameters") or {}))
        out.update(self._reshape_metrics(tc.get("metrics") or []))
        out.update(self._reshape_artifacts(tc.get("input_artifacts") or {}, self._input_artifact_names))
        out.update(self._reshape_artifacts(tc.get("output_artifacts") or {}, self._output_artifact_names))
        out.update(self._reshape_parents(tc.get("parents") or []))
        return out

    def _fetch_dataframe(self) -> DataFrame:
        return _pandas().DataFrame([self._reshape(tc) for tc in self._get_trial_components()])

    # -- search ---------------------------------------------------------------------------------
    def _get_trial_components(self, force_refresh: bool = False) -> list[dict[str, Any]]:
        if force_refresh:
            self.clear_cache()
        if self._trial_components is not None:
            return self._trial_components
        # the caller's dict stays as it was: the experiment filter goes on a copy
        expression = copy.deepcopy(self._search_expression) if self._search_expression else {}
        if self._experiment_name:
            if not expression.get("Filters"):
                expression["Filters"] = []
            expression["Filters"].append(
                {"Name": "Parents.ExperimentName", "Operator": "Equals", "Value": self._experiment_name}
            )
        self._trial_components = self._search(expression, self._sort_by, self._sort_order)
        return self._trial_components

    def _search(
        self, search_expression: dict[str, Any], sort_by: Optional[str], sort_order: Optional[str]
    ) -> list[dict[str, Any]]:
        components: list[dict[str, Any]] = []
        request: dict[str, Any] = {
            "Resource": "ExperimentTrialComponent",
            "SearchExpression": search_expression,
            "MaxResults": self.PAGE_SIZE,
        }
        if sort_by:
            request["SortBy"] = sort_by
        if sort_order:
            request["SortOrder"] = sort_order
        while len(components) < self.MAX_TRIAL_COMPONENTS:
            result = self._session.backend.search_trial_components(request)
            page = result["trial_components"]
            components.extend(page)
            if result.get("next_token") and page:
                request["NextToken"] = result["next_token"]
            else:
                break
        return components[: self.MAX_TRIAL_COMPONENTS]

    # -- notebook leaderboard -------------------------------------------------------------------
    def widget(self, columns: Optional[list[str]] = None, max_rows: int = 200) -> Any:  # an ipywidgets VBox
        """A sortable leaderboard: pick the column, the order, and refresh from the server."""
        try:
            import ipywidgets as widgets
        except ImportError as err:
            raise ImportError("ExperimentAnalytics.widget() needs ipywidgets: pip install ipywidgets") from err
        from ._leaderboard import Leaderboard

        return Leaderboard(self, widgets, columns, max_rows, self._sort_by, self._sort_order).box


class HyperparameterTuningJobAnalytics(AnalyticsMetricsBase):
    """The training jobs of a tuning job: one row each, SageMaker's columns (tuned hyperparameters,
    TrainingJobName, TrainingJobStatus, FinalObjectiveValue, TrainingStartTime, TrainingEndTime,
    TrainingElapsedTimeSeconds)."""

    def __init__(self, hyperparameter_tuning_job_name: str, sagemaker_session: Any = None):
        super().__init__()
        from .session import Session

        self.name = hyperparameter_tuning_job_name
        self._session = sagemaker_session or Session()

    def description(self, force_refresh: bool = False) -> dict[str, Any]:
        """DescribeHyperParameterTuningJob's answer."""
        from .tuner import describe_tuning_job

        return describe_tuning_job(self._session, self.name)

    @property
    def tuning_ranges(self) -> dict[str, dict[str, Any]]:
        """Each tuned hyperparameter's range by name, as SageMaker's ParameterRanges give it
        (`{"max_depth": {"Name": "max_depth", "MinValue": "2", "MaxValue": "5", "ScalingType": "Auto"}}`)."""
        ranges = self.description()["HyperParameterTuningJobConfig"]["ParameterRanges"]
        return {r["Name"]: r for kind in ranges.values() for r in kind}

    def training_job_summaries(self, force_refresh: bool = False) -> list[dict[str, Any]]:
        """ListTrainingJobsForHyperParameterTuningJob's summaries (TrainingJobName, TunedHyperParameters, ...)."""
        from ._times import with_datetimes
        from .tuner import _summary

        objective = self._session.backend.describe_tuning_job(self.name)["objective"]
        summaries: list[dict[str, Any]] = with_datetimes([_summary(t, objective) for t in self._trials()])
        return summaries

    def _trials(self) -> list[dict[str, Any]]:
        jobs: list[dict[str, Any]] = self._session.backend.list_training_jobs_for_tuning_job(self.name)["training_jobs"]
        return jobs

    def _fetch_dataframe(self) -> DataFrame:
        pd = _pandas()
        rows = []
        for job in self._trials():
            start, end = pd.Timestamp(job["creation_time"]), job.get("end_time")
            end = pd.Timestamp(end) if end else None
            rows.append(
                {
                    **job["tuned_hyperparameters"],
                    "TrainingJobName": job["training_job_name"],
                    "TrainingJobStatus": job["status"],
                    "FinalObjectiveValue": job.get("objective_value"),
                    "TrainingStartTime": start,
                    "TrainingEndTime": end,
                    "TrainingElapsedTimeSeconds": (end - start).total_seconds() if end is not None else None,
                }
            )
        return pd.DataFrame(rows)


from ._job_analytics import TrainingJobAnalytics  # noqa: E402 - SageMaker's analytics module has it too

__all__ = ["ExperimentAnalytics", "HyperparameterTuningJobAnalytics", "TrainingJobAnalytics", "AnalyticsMetricsBase"]
