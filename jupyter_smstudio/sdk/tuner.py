"""`HyperparameterTuner`, as in `sagemaker.tuner`: a tuning job whose trials are the estimator's
training jobs, searched by Optuna on the server (Bayesian = TPE, Random, Grid, Hyperband)."""

from __future__ import annotations

import copy
import time
from enum import Enum
from typing import Any, Iterable, Optional, Union

from ..jobs.models import FINAL_STATUSES
from ._times import with_datetimes
from .analytics import HyperparameterTuningJobAnalytics
from .estimator import _tags
from .parameter import CategoricalParameter, ContinuousParameter, IntegerParameter, ParameterRange
from .session import Session

# sagemaker.tuner re-exports the ranges: `from sagemaker.tuner import IntegerParameter` works
__all__ = [
    "HyperparameterTuner",
    "HyperparameterTuningJobAnalytics",
    "WarmStartConfig",
    "WarmStartTypes",
    "TuningJobCompletionCriteriaConfig",
    "ParameterRange",
    "ContinuousParameter",
    "IntegerParameter",
    "CategoricalParameter",
]


class WarmStartTypes(Enum):
    IDENTICAL_DATA_AND_ALGORITHM = "IdenticalDataAndAlgorithm"
    TRANSFER_LEARNING = "TransferLearning"


class WarmStartConfig:
    """Seed a tuning job with the results of up to five ended ones (`parents`: their names)."""

    def __init__(self, warm_start_type: Union[WarmStartTypes, str], parents: Iterable[str]):
        self.type = WarmStartTypes(warm_start_type)
        self.parents = set(parents)

    def to_input_req(self) -> dict[str, Any]:
        return {"warm_start_type": self.type.value, "parents": sorted(self.parents)}


class TuningJobCompletionCriteriaConfig:
    """End a tuning job before max_jobs: at `target_objective_metric_value`, or after
    `max_number_training_jobs_not_improving` training jobs in a row that did not beat the best."""

    def __init__(
        self,
        max_number_training_jobs_not_improving: Optional[int] = None,
        complete_on_convergence: Optional[bool] = None,
        target_objective_metric_value: Optional[float] = None,
    ):
        self.max_number_training_jobs_not_improving = max_number_training_jobs_not_improving
        self.complete_on_convergence = complete_on_convergence  # accepted; patience covers convergence here
        self.target_objective_metric_value = target_objective_metric_value

    def to_input_req(self) -> dict[str, Any]:
        out = {
            "max_number_training_jobs_not_improving": self.max_number_training_jobs_not_improving,
            "target_objective_metric_value": self.target_objective_metric_value,
        }
        return {k: v for k, v in out.items() if v is not None}


class _TuningJob:
    def __init__(self, session: Session, name: str):
        self.sagemaker_session, self.name = session, name

    def describe(self) -> dict[str, Any]:
        return describe_tuning_job(self.sagemaker_session, self.name)

    def stop(self) -> None:
        self.sagemaker_session.backend.stop_tuning_job(self.name)

    def wait(self, poll: float = 1.0, progress: bool = True) -> dict[str, Any]:
        """Until the tuning job ends; a progress bar counts its training jobs."""
        backend = self.sagemaker_session.backend
        bar = None
        while True:
            job = backend.describe_tuning_job(self.name)
            done = sum(v for k, v in job["status_counters"].items() if k != "InProgress")
            if progress:
                if bar is None:
                    from tqdm.auto import tqdm

                    bar = tqdm(total=job["max_jobs"], desc=self.name, unit="job")
                bar.n = done
                bar.set_postfix_str(job["status"])
                bar.refresh()
            if job["status"] in FINAL_STATUSES:
                if bar is not None:
                    bar.close()
                return self.describe()
            time.sleep(poll)


class HyperparameterTuner:
    """Tune an estimator's hyperparameters: every trial is one of its training jobs.

    .. code:: python

        tuner = HyperparameterTuner(estimator, "validation:accuracy",
                                    {"lr": ContinuousParameter(1e-4, 1e-1, "Logarithmic")},
                                    metric_definitions=[{"Name": "validation:accuracy", "Regex": "acc=([0-9.]+)"}],
                                    max_jobs=20, max_parallel_jobs=2)
        tuner.fit({"train": "data/"})
        tuner.best_training_job(); tuner.analytics().dataframe()
    """

    TUNING_JOB_NAME_MAX_LENGTH = 32

    def __init__(
        self,
        estimator: Any,
        objective_metric_name: str,
        hyperparameter_ranges: dict[str, ParameterRange],
        metric_definitions: Optional[list[dict[str, str]]] = None,
        strategy: str = "Bayesian",
        objective_type: str = "Maximize",
        max_jobs: Optional[int] = None,
        max_parallel_jobs: int = 1,
        max_runtime_in_seconds: Optional[int] = None,
        tags: Any = None,
        base_tuning_job_name: Optional[str] = None,
        warm_start_config: Any = None,
        strategy_config: Optional[dict[str, Any]] = None,
        completion_criteria_config: Any = None,
        early_stopping_type: str = "Off",
        estimator_name: Optional[str] = None,
        random_seed: Optional[int] = None,
        **_aws_only: Any,
    ):
        if not hyperparameter_ranges:
            raise ValueError("Need to specify hyperparameter ranges")
        self.estimator = estimator
        self.objective_metric_name = objective_metric_name
        self._hyperparameter_ranges = dict(hyperparameter_ranges)
        self.metric_definitions = (
            metric_definitions
            if metric_definitions is not None
            else (getattr(estimator, "metric_definitions", None) or [])
        )
        self.strategy, self.objective_type = strategy, objective_type
        self.max_jobs, self.max_parallel_jobs = max_jobs, max_parallel_jobs
        self.tags = tags
        self.base_tuning_job_name = base_tuning_job_name
        self.strategy_config = strategy_config
        self.early_stopping_type = early_stopping_type
        self.random_seed = random_seed
        self.warm_start_config = warm_start_config
        self.completion_criteria_config = completion_criteria_config
        self.latest_tuning_job: Optional[_TuningJob] = None
        self._current_job_name: Optional[str] = None

    @property
    def sagemaker_session(self) -> Session:
        if self.estimator.sagemaker_session is None:
            self.estimator.sagemaker_session = Session()
        session: Session = self.estimator.sagemaker_session
        return session

    def hyperparameter_ranges(self) -> dict[str, list[dict[str, Any]]]:
        """The ranges grouped by kind, as the tuning request takes them."""
        out: dict[str, list[dict[str, Any]]] = {
            "continuous_parameter_ranges": [],
            "integer_parameter_ranges": [],
            "categorical_parameter_ranges": [],
        }
        for name, rng in self._hyperparameter_ranges.items():
            if not isinstance(rng, ParameterRange):
                raise ValueError(
                    f"hyperparameter_ranges['{name}'] must be a ContinuousParameter, IntegerParameter "
                    "or CategoricalParameter"
                )
            out[rng.kind].append(rng.as_tuning_range(name))
        return out

    def _request(self, inputs: Any, job_name: Optional[str]) -> dict[str, Any]:
        training = self.estimator._training_request(inputs, None)
        training.pop("experiment_config", None)  # each training job gets the tuning job's experiment
        tuned = set(self._hyperparameter_ranges)
        training["hyperparameters"] = {k: v for k, v in training["hyperparameters"].items() if k not in tuned}
        training["metric_definitions"] = list(self.metric_definitions)
        body: dict[str, Any] = {
            "strategy": self.strategy,
            "objective": {"type": self.objective_type, "metric_name": self.objective_metric_name},
            "parameter_ranges": self.hyperparameter_ranges(),
            "max_parallel_jobs": self.max_parallel_jobs,
            "early_stopping_type": self.early_stopping_type,
            "training_job": training,
            "tags": _tags(self.tags),
        }
        optional = {
            "tuning_job_name": job_name,
            "base_tuning_job_name": self.base_tuning_job_name,
            "max_jobs": self.max_jobs,
            "random_seed": self.random_seed,
        }
        body.update({k: v for k, v in optional.items() if v is not None})
        if self.warm_start_config is not None:
            body["warm_start"] = self.warm_start_config.to_input_req()
        if self.completion_criteria_config is not None:
            body["completion_criteria"] = self.completion_criteria_config.to_input_req()
        hyperband = (self.strategy_config or {}).get("HyperbandStrategyConfig")
        if hyperband:
            body["hyperband"] = {
                "min_resource": hyperband.get("MinResource", 1),
                "max_resource": hyperband.get("MaxResource", 100),
            }
        return body

    def fit(
        self,
        inputs: Any = None,
        job_name: Optional[str] = None,
        include_cls_metadata: bool = False,
        estimator_kwargs: Optional[dict[str, Any]] = None,
        wait: bool = True,
        **kwargs: Any,
    ) -> None:
        """Start the tuning job (and wait for it, with a progress bar, unless `wait=False`)."""
        session = self.sagemaker_session
        job = session.backend.create_tuning_job(self._request(inputs, job_name))
        self._current_job_name = job["tuning_job_name"]
        self.latest_tuning_job = _TuningJob(session, self._current_job_name)
        if wait:
            self.wait()

    def wait(self) -> None:
        self._ensure_job().wait()

    def describe(self) -> dict[str, Any]:
        """DescribeHyperParameterTuningJob's answer."""
        return self._ensure_job().describe()

    def stop_tuning_job(self) -> None:
        self._ensure_job().stop()

    def best_training_job(self) -> str:
        best = self.describe().get("BestTrainingJob")
        if not best:
            raise Exception(f"Best training job not available for tuning job: {self._current_job_name}")
        name: str = best["TrainingJobName"]
        return name

    def best_estimator(self, best_training_job: Optional[str] = None) -> Any:
        """An estimator attached to the best training job (its model_data is the best model)."""
        name = best_training_job or self.best_training_job()
        return type(self.estimator).attach(name, sagemaker_session=self.sagemaker_session)

    def analytics(self) -> HyperparameterTuningJobAnalytics:
        return HyperparameterTuningJobAnalytics(self._ensure_job().name, sagemaker_session=self.sagemaker_session)

    def identical_dataset_and_algorithm_tuner(
        self, additional_parents: Optional[set[str]] = None
    ) -> "HyperparameterTuner":
        """A new tuner like this one, warm-started from this tuning job (and `additional_parents`)."""
        return self._warm_start_tuner(WarmStartTypes.IDENTICAL_DATA_AND_ALGORITHM, additional_parents)

    def transfer_learning_tuner(
        self, additional_parents: Optional[set[str]] = None, estimator: Any = None
    ) -> "HyperparameterTuner":
        """A new tuner (for `estimator`, or this one's) warm-started from this tuning job's results."""
        return self._warm_start_tuner(WarmStartTypes.TRANSFER_LEARNING, additional_parents, estimator)

    def _warm_start_tuner(
        self, kind: WarmStartTypes, additional: Optional[set[str]], estimator: Any = None
    ) -> "HyperparameterTuner":
        tuner = copy.copy(self)
        tuner.estimator = estimator or self.estimator
        tuner.warm_start_config = WarmStartConfig(kind, {self._ensure_job().name, *(additional or set())})
        tuner.latest_tuning_job, tuner._current_job_name = None, None
        return tuner

    @classmethod
    def attach(
        cls,
        tuning_job_name: str,
        sagemaker_session: Optional[Session] = None,
        estimator_cls: Any = None,
        **_ignored: Any,
    ) -> "HyperparameterTuner":
        """A tuner for an existing tuning job."""
        from .estimator import Estimator

        session = sagemaker_session or Session()
        job = session.backend.describe_tuning_job(tuning_job_name)
        training = job["training_job"]
        est = (estimator_cls or Estimator).__new__(estimator_cls or Estimator)
        from .estimator import EstimatorBase

        EstimatorBase.__init__(
            est,
            instance_type=training.get("instance_type"),
            sagemaker_session=session,
            hyperparameters=training.get("hyperparameters"),
            entry_point=training.get("entry_point"),
            source_dir=training.get("source_dir"),
            metric_definitions=training.get("metric_definitions"),
        )
        ranges = _ranges_from(job["parameter_ranges"])
        tuner = cls(
            est,
            job["objective"]["metric_name"],
            ranges,
            strategy=job["strategy"],
            objective_type=job["objective"]["type"],
            max_jobs=job["max_jobs"],
            max_parallel_jobs=job["max_parallel_jobs"],
            early_stopping_type=job["early_stopping_type"],
        )
        tuner._current_job_name = tuning_job_name
        tuner.latest_tuning_job = _TuningJob(session, tuning_job_name)
        return tuner

    def _ensure_job(self) -> _TuningJob:
        if self.latest_tuning_job is None:
            raise ValueError("No tuning job available: call fit() first")
        return self.latest_tuning_job


def _ranges_from(ranges: dict[str, Any]) -> dict[str, ParameterRange]:
    out: dict[str, ParameterRange] = {}
    for r in ranges.get("continuous_parameter_ranges", []):
        out[r["name"]] = ContinuousParameter(r["min_value"], r["max_value"], r.get("scaling_type", "Auto"))
    for r in ranges.get("integer_parameter_ranges", []):
        out[r["name"]] = IntegerParameter(r["min_value"], r["max_value"], r.get("scaling_type", "Auto"))
    for r in ranges.get("categorical_parameter_ranges", []):
        out[r["name"]] = CategoricalParameter(r["values"])
    return out


def _pascal_ranges(ranges: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    def pascal(r: dict[str, Any]) -> dict[str, Any]:
        if "values" in r:
            return {"Name": r["name"], "Values": r["values"]}
        return {
            "Name": r["name"],
            "MinValue": str(r["min_value"]),
            "MaxValue": str(r["max_value"]),
            "ScalingType": r.get("scaling_type", "Auto"),
        }

    return {
        "ContinuousParameterRanges": [pascal(r) for r in ranges.get("continuous_parameter_ranges", [])],
        "IntegerParameterRanges": [pascal(r) for r in ranges.get("integer_parameter_ranges", [])],
        "CategoricalParameterRanges": [pascal(r) for r in ranges.get("categorical_parameter_ranges", [])],
    }


def _summary(trial: dict[str, Any], objective: dict[str, Any]) -> dict[str, Any]:
    out = {
        "TrainingJobName": trial["training_job_name"],
        "TrainingJobStatus": trial["status"],
        "TunedHyperParameters": {k: str(v) for k, v in trial["tuned_hyperparameters"].items()},
        "CreationTime": trial["creation_time"],
        "TrainingEndTime": trial.get("end_time"),
        "ObjectiveStatus": trial["objective_status"],
    }
    if trial.get("objective_value") is not None:
        out["FinalHyperParameterTuningJobObjectiveMetric"] = {
            "Type": objective["type"],
            "MetricName": objective["metric_name"],
            "Value": trial["objective_value"],
        }
    if trial.get("failure_reason"):
        out["FailureReason"] = trial["failure_reason"]
    return out


def describe_tuning_job(session: Session, name: str) -> dict[str, Any]:
    """DescribeHyperParameterTuningJob's shape from the API's tuning job."""
    job = session.backend.describe_tuning_job(name)
    counters = job["status_counters"]
    out: dict[str, Any] = {
        "HyperParameterTuningJobName": job["tuning_job_name"],
        "HyperParameterTuningJobArn": job["tuning_job_name"],
        "HyperParameterTuningJobStatus": job["status"],
        "HyperParameterTuningJobConfig": {
            "Strategy": job["strategy"],
            "HyperParameterTuningJobObjective": {
                "Type": job["objective"]["type"],
                "MetricName": job["objective"]["metric_name"],
            },
            "ResourceLimits": {
                "MaxNumberOfTrainingJobs": job["max_jobs"],
                "MaxParallelTrainingJobs": job["max_parallel_jobs"],
            },
            "ParameterRanges": _pascal_ranges(job["parameter_ranges"]),
            "TrainingJobEarlyStoppingType": job["early_stopping_type"].upper(),
        },
        "TrainingJobDefinition": {
            "StaticHyperParameters": {k: str(v) for k, v in job["training_job"]["hyperparameters"].items()},
            "MetricDefinitions": job["training_job"].get("metric_definitions", []),
        },
        "CreationTime": job["creation_time"],
        "LastModifiedTime": job["last_modified_time"],
        "TrainingJobStatusCounters": {
            "Completed": counters.get("Completed", 0),
            "InProgress": counters.get("InProgress", 0),
            "RetryableError": 0,
            "NonRetryableError": counters.get("Failed", 0),
            "Stopped": counters.get("Stopped", 0),
        },
        "ObjectiveStatusCounters": dict(job["objective_counters"]),
    }
    if job.get("end_time"):
        out["HyperParameterTuningEndTime"] = job["end_time"]
    if job.get("failure_reason"):
        out["FailureReason"] = job["failure_reason"]
    if job.get("best_training_job"):
        out["BestTrainingJob"] = _summary(job["best_training_job"], job["objective"])
    warm = job.get("warm_start")
    if warm:
        out["WarmStartConfig"] = {
            "WarmStartType": warm["warm_start_type"],
            "ParentHyperParameterTuningJobs": [{"HyperParameterTuningJobName": p} for p in warm["parents"]],
        }
    criteria = job.get("completion_criteria")
    if criteria:
        out["HyperParameterTuningJobConfig"]["TuningJobCompletionCriteria"] = {
            k: v
            for k, v in (
                ("TargetObjectiveMetricValue", criteria.get("target_objective_metric_value")),
                (
                    "BestObjectiveNotImproving",
                    {"MaxNumberOfTrainingJobsNotImproving": criteria.get("max_number_training_jobs_not_improving")}
                    if criteria.get("max_number_training_jobs_not_improving")
                    else None,
                ),
            )
            if v is not None
        }
    if job.get("completion_reason"):
        out["CompletionReason"] = job["completion_reason"]  # SmStudio: why it ended before max_jobs
    answer: dict[str, Any] = with_datetimes(out)  # datetimes, as boto3 answers
    return answer
