"""An AutoML job's candidates as SageMaker lists them, read from where they live: the training jobs the job started
(its default candidates) and the training jobs of its tuning jobs. Nothing about a candidate is copied elsewhere."""

from __future__ import annotations

import math
from collections import OrderedDict
from datetime import datetime
from typing import TYPE_CHECKING, Any, Optional

from ..core.auth import Viewer
from ..core.errors import NotFound, SmStudioError
from ..core.storage import join_url
from ..endpoints.models import ContainerDefinition
from .candidates import higher_is_better
from .ensemble import ENSEMBLE
from .layout import EXPLAINABILITY, job_output, refit_model
from .shapes import (
    AutoMLCandidate,
    AutoMLCandidateStep,
    CandidateArtifactLocations,
    CandidateProperties,
    FinalAutoMLJobObjectiveMetric,
    MetricDatum,
    candidate_arn,
)
from .store import AutoMLRecord

if TYPE_CHECKING:
    from ..training.describe import DescribeTrainingJob
    from ..training.service import TrainingService
    from ..tuning.service import TuningService


def one_container(containers: list[dict[str, Any]]) -> dict[str, Any]:
    """A pipeline's two containers as one that does both steps (its last container, told to do `all`)."""
    last = dict(containers[-1])
    last["Environment"] = {**last["Environment"], "SMSTUDIO_AUTOPILOT_STEP": "all"}
    last["Image"] = "smstudio/autopilot-ensemble"
    return last


def objective_name(metric: str) -> str:
    """A candidate's objective as its training job reports it: `validation:f1macro`."""
    return f"validation:{metric.lower()}"


def metric_of(record: AutoMLRecord) -> str:
    resolved = record.state.get("resolved") or {}
    objective = resolved.get("AutoMLJobObjective") or {}
    return str(objective.get("MetricName") or "")


def code_url(training: DescribeTrainingJob) -> str:
    """Where the Training room packed the candidate's code (training/service.py: no code_location given)."""
    return join_url(
        training.OutputDataConfig.S3OutputPath or "", training.TrainingJobName, "source", "sourcedir.tar.gz"
    )


DEFAULTS_KEPT = 64  # AutoML jobs whose defaults are kept: a server runs a few at a time, each listed often


class CandidateRecords:
    def __init__(self, training: TrainingService, tuning: TuningService):
        self.training, self.tuning = training, tuning
        # each job's definitions' defaults, by (owner, name, creation time): its analysis.json is read once
        self._defaults: OrderedDict[tuple[str, str, datetime], dict[str, dict[str, str]]] = OrderedDict()

    def job_names(self, viewer: Viewer, record: AutoMLRecord) -> list[str]:
        """Every candidate's training job, in the order they started."""
        names = [c["job"] for c in record.state.get("candidates", [])]
        for tuning in record.state.get("tuning", []):
            try:
                trials = self.tuning.training_jobs(viewer, tuning["name"]).training_jobs
            except NotFound:
                continue
            names += [t.training_job_name for t in trials]
        return names

    def defaults(self, record: AutoMLRecord) -> dict[str, dict[str, str]]:
        """Each candidate definition's default hyperparameters (a training job records only what it was given)."""
        if not record.state.get("resolved"):
            return {}  # the analysis is not written yet
        key = (record.owner, record.name, record.creation_time)  # the time: a name used again is another job
        if key in self._defaults:
            self._defaults.move_to_end(key)
            return self._defaults[key]
        from .plan import Plan

        try:
            definitions = Plan(record, self.training.jobs.storage.for_user(record.owner)).definitions()
        except (OSError, SmStudioError):
            return {}  # not kept: the next listing reads it again
        found = {d.name: {k: as_text(v) for k, v in d.hyperparameters.items()} for d in definitions}
        self._defaults[key] = found
        while len(self._defaults) > DEFAULTS_KEPT:
            self._defaults.popitem(last=False)
        return found

    def all(self, viewer: Viewer, record: AutoMLRecord, names: Optional[list[str]] = None) -> list[AutoMLCandidate]:
        """Every candidate still there; `names` (from `job_names()`) when the caller listed them already."""
        out, defaults = [], self.defaults(record)
        for name in names if names is not None else self.job_names(viewer, record):
            try:
                out.append(self.candidate(viewer, record, name, defaults))
            except NotFound:  # a training job deleted by its owner: no longer a candidate
                continue
        return out

    def candidate(
        self, viewer: Viewer, record: AutoMLRecord, job_name: str, defaults: Optional[dict[str, dict[str, str]]] = None
    ) -> AutoMLCandidate:
        """One candidate; `defaults` (from `defaults()`) fills in the hyperparameters it trained with by default."""
        job = self.training.describe_training_job(viewer, job_name)
        metric = metric_of(record)
        objective = objective_name(metric) if metric else ""
        values = {m.MetricName: m.Value for m in job.FinalMetricDataList if m.Value is not None}
        value = values.get(objective)
        final: Optional[FinalAutoMLJobObjectiveMetric] = None
        if value is not None and math.isfinite(value) and job.TrainingJobStatus == "Completed":
            final = FinalAutoMLJobObjectiveMetric(
                Type="Maximize" if higher_is_better(metric) else "Minimize",
                MetricName=objective,
                Value=value,
                StandardMetricName=metric,
            )
        if final is not None:
            objective_status = "Succeeded"
        elif job.TrainingJobStatus in ("InProgress", "Stopping"):
            objective_status = "Pending"
        else:
            objective_status = "Failed"
        containers: list[ContainerDefinition] = []
        problem_type = str((record.state.get("resolved") or {}).get("ProblemType") or "")
        if job.TrainingJobStatus == "Completed" and job.ModelArtifacts and job.ModelArtifacts.S3ModelArtifacts:
            from .inference import inference_containers

            refit = record.state.get("refit") == job_name  # the best, refit on all the rows once the search ended
            model = refit_model(record.request, job_name) if refit else job.ModelArtifacts.S3ModelArtifacts
            made = inference_containers(model, code_url(job), None, problem_type)
            if job.HyperParameters.get("candidate") == ENSEMBLE:
                made = [one_container(made)]  # each member preprocesses on its own: the stack is served whole
            containers = [ContainerDefinition.model_validate(c) for c in made]
        steps = []
        if record.state.get("data_job"):
            steps.append(
                AutoMLCandidateStep(
                    CandidateStepType="AWS::SageMaker::ProcessingJob",
                    CandidateStepArn=f"smstudio:processing-job/{record.state['data_job']}",
                    CandidateStepName=record.state["data_job"],
                )
            )
        steps.append(
            AutoMLCandidateStep(
                CandidateStepType="AWS::SageMaker::TrainingJob",
                CandidateStepArn=candidate_arn(job_name),
                CandidateStepName=job_name,
            )
        )
        explained = record.state.get("explained") == job_name
        return AutoMLCandidate(
            CandidateName=job_name,
            FinalAutoMLJobObjectiveMetric=final,
            ObjectiveStatus=objective_status,
            CandidateSteps=steps,
            CandidateStatus=job.TrainingJobStatus,
            InferenceContainers=containers,
            CreationTime=job.CreationTime,
            EndTime=job.TrainingEndTime,
            LastModifiedTime=job.LastModifiedTime or job.CreationTime,
            FailureReason=job.FailureReason,
            CandidateProperties=CandidateProperties(
                CandidateArtifactLocations=CandidateArtifactLocations(
                    Explainability=join_url(job_output(record.request), EXPLAINABILITY)
                )
                if explained
                else None,
                CandidateMetrics=[
                    MetricDatum(
                        MetricName=name,
                        Value=v,
                        Set="Validation" if name.startswith("validation:") else "Train",
                        StandardMetricName=name.split(":", 1)[1],
                    )
                    for name, v in sorted(values.items())
                    if name.startswith(("validation:", "train:")) and math.isfinite(v)
                ],
            ),
            Algorithm=_algorithm(job.HyperParameters),
            HyperParameters={
                **(defaults if defaults is not None else self.defaults(record)).get(
                    job.HyperParameters.get("candidate", ""), {}
                ),
                **{k: v for k, v in job.HyperParameters.items() if not k.startswith(("sagemaker_", "_"))},
            },
        )

    def ranked(self, viewer: Viewer, record: AutoMLRecord, names: Optional[list[str]] = None) -> list[AutoMLCandidate]:
        """Every candidate, best first."""
        return self.sort(self.all(viewer, record, names), "FinalObjectiveMetricValue", descending=True)

    @staticmethod
    def sort(found: list[AutoMLCandidate], sort_by: str, descending: bool) -> list[AutoMLCandidate]:
        if sort_by == "CreationTime":
            return sorted(found, key=lambda c: c.CreationTime, reverse=descending)
        if sort_by == "Status":
            return sorted(found, key=lambda c: c.CandidateStatus, reverse=descending)

        # by objective: "Descending" is best first whichever way the metric improves; unscored ones last
        def rank(c: AutoMLCandidate) -> tuple[int, float, datetime]:
            final = c.FinalAutoMLJobObjectiveMetric
            if final is None:
                return (1, 0.0, c.CreationTime)
            better = final.Value if final.Type == "Maximize" else -final.Value
            return (0, -better if descending else better, c.CreationTime)

        return sorted(found, key=rank)


def best_of(ranked: list[AutoMLCandidate]) -> Optional[str]:
    """The best candidate's name, from `ranked()`; none until one finished with an objective value."""
    return ranked[0].CandidateName if ranked and ranked[0].FinalAutoMLJobObjectiveMetric is not None else None


def as_text(value: Any) -> str:
    """A default as SageMaker writes hyperparameters: text (a layer tuple as "64,32", as the Tuning room hands it)."""
    if isinstance(value, tuple):
        return ",".join(str(v) for v in value)
    return str(value)


def _algorithm(hyperparameters: dict[str, Any]) -> Optional[str]:
    name = str(hyperparameters.get("candidate") or "")
    return name.split("-", 1)[1] if "-" in name else (name or None)
