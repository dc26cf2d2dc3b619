"""Export the pydantic contract as one JSON Schema document.

`python -m jupyter_smstudio.contracts > schema.json` feeds `scripts/gen-types.mjs`
(json-schema-to-typescript), which writes `src/core/generated/models.ts`.
Rooms add their models to CONTRACT_MODELS; nothing else needs to change.
"""
from __future__ import annotations

import json
import sys

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from .core import models as core
from .experiments import models as experiments
from .jobs import models as jobs
from .training import models as training
from .tuning import models as tuning

CONTRACT_MODELS: list[type[BaseModel]] = [
    core.ErrorResponse,
    core.WhoAmI,
    core.StorageEntry,
    core.StorageListing,
    jobs.StoppingCondition,
    jobs.ScriptJobRequest,
    jobs.Job,
    jobs.JobList,
    jobs.LogChunk,
    jobs.JobStatusEvent,
    jobs.JobReport,
    experiments.ExperimentCreate,
    experiments.ExperimentUpdate,
    experiments.Experiment,
    experiments.ExperimentList,
    experiments.TrialCreate,
    experiments.Trial,
    experiments.TrialList,
    experiments.Artifact,
    experiments.TrialComponentCreate,
    experiments.TrialComponentUpdate,
    experiments.MetricSummary,
    experiments.Parent,
    experiments.TrialComponent,
    experiments.MetricPoint,
    experiments.MetricBatch,
    experiments.MetricSeries,
    experiments.MetricCount,
    experiments.Association,
    experiments.SearchFilter,
    experiments.NestedFilters,
    experiments.SearchExpression,
    experiments.SearchRequest,
    experiments.SearchResult,
    experiments.LineageNode,
    experiments.Lineage,
    experiments.Columns,
    experiments.DeleteResult,
    jobs.ExperimentConfig,
    experiments.TrialComponentEvent,
    training.Channel,
    training.MetricDefinition,
    training.TrainingJobRequest,
    training.ProcessingInput,
    training.ProcessingOutput,
    training.ProcessingJobRequest,
    tuning.ContinuousParameterRange,
    tuning.IntegerParameterRange,
    tuning.CategoricalParameterRange,
    tuning.ParameterRanges,
    tuning.Objective,
    tuning.HyperbandConfig,
    tuning.WarmStartConfig,
    tuning.CompletionCriteria,
    tuning.TuningJobRequest,
    tuning.TuningTrial,
    tuning.TuningJob,
    tuning.TuningJobList,
    tuning.TuningTrialList,
]


def contract_schema() -> dict:
    """One schema with every model under `$defs`, in a stable order."""
    _, top = models_json_schema(
        [(m, "serialization") for m in CONTRACT_MODELS], ref_template="#/$defs/{model}"
    )
    defs = dict(sorted(top.get("$defs", {}).items()))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "SmStudioContract",
        "type": "object",
        "properties": {name: {"$ref": f"#/$defs/{name}"} for name in defs},
        "additionalProperties": False,
        "$defs": defs,
    }


def main() -> None:
    json.dump(contract_schema(), sys.stdout, indent=2, sort_keys=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
