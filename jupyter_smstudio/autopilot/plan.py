"""What an AutoML job's request and analysis decide: its budget, its candidates in order, the training and tuning
requests that run them and the data job's configuration. Pure reading: the driver (driver.py) acts on it."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Optional

from ..core.storage import UserStorage
from ..jobs.models import ExperimentConfig
from ..training.models import Channel, MetricDefinition, TrainingJobRequest
from ..tuning.models import (
    CategoricalParameterRange,
    ContinuousParameterRange,
    IntegerParameterRange,
    Objective,
    ParameterRanges,
    TuningJobRequest,
)
from .candidate_records import as_text, objective_name
from .candidates import SMALL_TABLE_ROWS, CandidateDefinition, definitions_for, higher_is_better
from .checks import DEFAULT_METRICS
from .ensemble import ENSEMBLE
from .layout import (
    ANALYSIS,
    CANDIDATES,
    CODE,
    ENTRY_POINT,
    READY,
    TRAIN,
    VALIDATION,
    job_output,
    refit_model,
    refit_path,
    under,
)
from .models import DataAnalysis
from .shapes import AutoMLCandidate
from .store import AutoMLRecord

MAX_CANDIDATES = 250  # SageMaker's default
MAX_RUNTIME = 30 * 86400  # SageMaker's default budget of a whole job
VALIDATION_FRACTION = 0.2  # SageMaker's default
DATA_JOB_FLOOR = 1800  # seconds a data job may run whatever the AutoML job's budget
NOTEBOOK_CANDIDATES = 5  # the leaders the final candidate notebook rebuilds (it reruns each one)


def refit_fits(trained_seconds: Optional[float], explain_seconds: float) -> bool:
    """A refit fits 1.25x the rows the candidate trained on (a bit longer than it took, say 1.5x): it runs when
    that leaves the explain step at least half its time (a refit cut short would stop the step, and its report)."""
    return trained_seconds is not None and 1.5 * trained_seconds <= explain_seconds / 2


def metric_definitions(metric: str) -> list[MetricDefinition]:
    number = r"([-+0-9.eE]+|nan|inf)"
    valid, train = objective_name(metric), f"train:{metric.lower()}"
    return [
        MetricDefinition(name=valid, regex=f"{valid}={number}"),
        MetricDefinition(name=train, regex=f"{train}={number}"),
    ]


@dataclass
class Plan:
    record: AutoMLRecord
    storage: UserStorage

    @property
    def req(self) -> Any:
        return self.record.request

    @property
    def criteria(self) -> Any:
        config = self.req.AutoMLJobConfig
        return config.CompletionCriteria if config is not None else None

    # -- the data job -------------------------------------------------------------------------------------------------
    def data_job_config(self, mode: str, extra: dict[str, Any]) -> str:
        channel = next(c for c in self.req.InputDataConfig if c.ChannelType == "training")
        metric = self.req.AutoMLJobObjective.MetricName if self.req.AutoMLJobObjective else None
        config = self.req.AutoMLJobConfig
        split = config.DataSplitConfig if config is not None else None
        return json.dumps(
            {
                "mode": mode,
                "inputs": self.record.state.get("inputs", {}),
                "target": channel.TargetAttributeName,
                "sample_weight": channel.SampleWeightAttributeName,
                "problem_type": self.req.ProblemType,
                "metric": metric,
                "validation_fraction": (split.ValidationFraction if split else None) or VALIDATION_FRACTION,
                "output": job_output(self.req),
                "storage_options": self.storage.s3_options,
                **extra,
            }
        )

    def data_job_seconds(self) -> int:
        # not the job's budget: a 30 s budget would stop the explain step that comes after it
        return int(min(max(self.total_seconds(), DATA_JOB_FLOOR), 86400))

    def analysis_written(self) -> bool:
        loc = self.storage.resolve(under(self.req, ANALYSIS), field_name="AutoMLJobName")
        return bool(loc.fs.exists(loc.path))

    def ready(self) -> bool:
        """The data job has written the split and the entry point: candidates can train."""
        loc = self.storage.resolve(under(self.req, READY), field_name="AutoMLJobName")
        return bool(loc.fs.exists(loc.path))

    def refit_written(self, candidate: str) -> bool:
        """The explain step has written the best candidate refit on all the rows."""
        loc = self.storage.resolve(refit_model(self.req, candidate), field_name="AutoMLJobName")
        return bool(loc.fs.exists(loc.path))

    def read_analysis(self) -> DataAnalysis:
        loc = self.storage.resolve(under(self.req, ANALYSIS), field_name="AutoMLJobName")
        with loc.fs.open(loc.path, "rb") as fh:
            return DataAnalysis.model_validate_json(fh.read())

    @cached_property
    def analysis(self) -> DataAnalysis:
        return self.read_analysis()

    def metric(self) -> str:
        resolved = self.record.state.get("resolved") or {}
        return str((resolved.get("AutoMLJobObjective") or {}).get("MetricName"))

    def resolved(self, analysis: DataAnalysis) -> dict[str, Any]:
        metric = self.req.AutoMLJobObjective.MetricName if self.req.AutoMLJobObjective else None
        criteria = self.criteria
        return {
            "AutoMLJobObjective": {"MetricName": metric or DEFAULT_METRICS[analysis.ProblemType]},
            "ProblemType": analysis.ProblemType,
            "CompletionCriteria": {
                "MaxCandidates": self.max_candidates(),
                "MaxRuntimePerTrainingJobInSeconds": (criteria.MaxRuntimePerTrainingJobInSeconds if criteria else None)
                or 86400,
                "MaxAutoMLJobRuntimeInSeconds": self.total_seconds(),
            },
        }

    # -- the budget -------------------------------------------------------------------------------------------------
    def max_candidates(self) -> int:
        return int((self.criteria.MaxCandidates if self.criteria else None) or MAX_CANDIDATES)

    def default_slots(self) -> int:
        """How many candidates train with their defaults: ENSEMBLING keeps one for the stack of the best of them."""
        if self.mode() == "ENSEMBLING":
            return max(2, self.max_candidates() - 1)
        return self.max_candidates()

    def total_seconds(self) -> int:
        return int((self.criteria.MaxAutoMLJobRuntimeInSeconds if self.criteria else None) or MAX_RUNTIME)

    def out_of_time(self, record: AutoMLRecord) -> bool:
        return time.time() - record.creation_time.timestamp() >= self.total_seconds()

    def parallel(self) -> int:
        # two cores: small tables fit one thread each (candidates.py fit_pipeline), so two candidates run at once
        return 2 if self.analysis.row_count <= SMALL_TABLE_ROWS else 1

    # -- candidates -------------------------------------------------------------------------------------------------
    def definitions(self) -> list[CandidateDefinition]:
        return definitions_for(self.analysis)

    def definition_of(self, job_name: str) -> Optional[CandidateDefinition]:
        wanted = next((c["definition"] for c in self.record.state.get("candidates", []) if c["job"] == job_name), None)
        return next((d for d in self.definitions() if d.name == wanted), None)

    @staticmethod
    def tunable(definition: CandidateDefinition) -> bool:
        return any(definition.hyperparameter_ranges.values())

    def candidate_job_name(self, definition: str) -> str:
        return f"{self.record.name}-{definition}"[:63].rstrip("-")

    def training_request(self, name: Optional[str], definition: CandidateDefinition) -> TrainingJobRequest:
        metric = self.metric()
        per_job = (self.criteria.MaxRuntimePerTrainingJobInSeconds if self.criteria else None) or 86400
        return TrainingJobRequest(
            job_name=name,
            entry_point=ENTRY_POINT,
            source_dir=under(self.req, CODE),
            hyperparameters={"candidate": definition.name, "metric": metric},
            output_path=under(self.req, CANDIDATES),
            max_run=per_job,
            metric_definitions=metric_definitions(metric),
            inputs={
                "train": Channel(s3_data=under(self.req, TRAIN)),
                "validation": Channel(s3_data=under(self.req, VALIDATION)),
                "analysis": Channel(s3_data=under(self.req, ANALYSIS.rsplit("/", 1)[0])),
            },
            experiment_config=ExperimentConfig(experiment_name=self.record.name, trial_name=name) if name else None,
            tags={"smstudio:automl-job": self.record.name},
        )

    def mode(self) -> str:
        config = self.req.AutoMLJobConfig
        return str(config.Mode if config is not None else "AUTO")

    def ensemble_request(self, name: str, members: list[str]) -> TrainingJobRequest:
        """ENSEMBLING: a candidate that stacks the best default candidates (ensemble.py)."""
        request = self.training_request(name, self.definitions()[0])
        request.hyperparameters = {"candidate": ENSEMBLE, "members": ",".join(members), "metric": self.metric()}
        return request

    def tuning_request(self, name: str, definition: CandidateDefinition, max_jobs: int) -> TuningJobRequest:
        metric = self.metric()
        ranges = definition.hyperparameter_ranges
        template = self.training_request(None, definition).model_copy(
            update={"experiment_config": ExperimentConfig(experiment_name=self.record.name)}
        )
        return TuningJobRequest(
            tuning_job_name=name,
            strategy="Bayesian",
            objective=Objective(
                type="Maximize" if higher_is_better(metric) else "Minimize", metric_name=objective_name(metric)
            ),
            parameter_ranges=ParameterRanges(
                continuous_parameter_ranges=[
                    ContinuousParameterRange(
                        name=r["Name"],
                        min_value=float(r["MinValue"]),
                        max_value=float(r["MaxValue"]),
                        scaling_type=r.get("ScalingType", "Auto"),
                    )
                    for r in ranges.get("ContinuousParameterRanges", [])
                ],
                integer_parameter_ranges=[
                    IntegerParameterRange(
                        name=r["Name"],
                        min_value=int(r["MinValue"]),
                        max_value=int(r["MaxValue"]),
                        scaling_type=r.get("ScalingType", "Auto"),
                    )
                    for r in ranges.get("IntegerParameterRanges", [])
                ],
                categorical_parameter_ranges=[
                    CategoricalParameterRange(name=r["Name"], values=list(r["Values"]))
                    for r in ranges.get("CategoricalParameterRanges", [])
                ],
            ),  # fmt: skip
            max_jobs=min(max_jobs, 500),
            max_parallel_jobs=self.parallel(),
            random_seed=0,
            training_job=template,
            tags={"smstudio:automl-job": self.record.name},
        )

    def refit_fits(self, leaders: list[AutoMLCandidate], best: str) -> bool:
        """Whether the best candidate's refit fits in the explain step's time beside the explanation."""
        found = next((c for c in leaders if c.CandidateName == best), None)
        trained = (found.EndTime - found.CreationTime).total_seconds() if found and found.EndTime else None
        return refit_fits(trained, self.data_job_seconds())

    def explain_config(self, best: str, leaders: list[AutoMLCandidate]) -> dict[str, Any]:
        """The explain step's inputs: the best model and the leaders the candidate notebook rebuilds."""
        shown = [c for c in leaders if c.FinalAutoMLJobObjectiveMetric is not None][:NOTEBOOK_CANDIDATES]
        if best not in {c.CandidateName for c in shown}:
            shown = [c for c in leaders if c.CandidateName == best] + shown[: NOTEBOOK_CANDIDATES - 1]
        model = next(
            (
                c.InferenceContainers[0].ModelDataUrl
                for c in leaders
                if c.CandidateName == best and c.InferenceContainers
            ),
            None,
        )
        defaults = {d.name: d.hyperparameters for d in self.definitions()}

        def tuned(c: AutoMLCandidate) -> dict[str, str]:
            """What differs from its definition's defaults (the leaderboard shows both); the estimator's own only."""
            own = defaults.get(c.HyperParameters.get("candidate", ""), {})
            return {
                k: v
                for k, v in c.HyperParameters.items()
                if k not in ("candidate", "metric", "members") and not k.startswith("_") and v != as_text(own.get(k))
            }

        return {
            "best": best,
            "best_model": model,
            "refit_to": refit_path(best) if self.refit_fits(leaders, best) else None,
            "leaders": [
                {
                    "name": c.CandidateName,
                    "definition": c.HyperParameters.get("candidate"),
                    "hyperparameters": tuned(c),
                    "score": c.FinalAutoMLJobObjectiveMetric.Value if c.FinalAutoMLJobObjectiveMetric else None,
                }
                for c in shown
            ],
        }
