"""Where an AutoML job writes what it makes, under `<S3OutputPath>/<AutoMLJobName>/` (SageMaker's layout in spirit:
the notebooks under sagemaker-automl-candidates/notebooks, the explainability report under documentation/)."""

from __future__ import annotations

from ..core.storage import join_url
from .shapes import CreateAutoMLJobRequest

NOTEBOOKS = "sagemaker-automl-candidates/notebooks"
EXPLORATION_NOTEBOOK = "SageMakerAutopilotDataExplorationNotebook.ipynb"
CANDIDATE_NOTEBOOK = "SageMakerAutopilotCandidateDefinitionNotebook.ipynb"
ANALYSIS = "data-analysis/analysis.json"
EXPLAINABILITY = "documentation/explainability"
TRAIN = "preprocessed-data/train"  # train.csv: the rows candidates learn from
VALIDATION = "preprocessed-data/validation"  # validation.csv: the rows they are ranked on
READY = "preprocessed-data/_SUCCESS"  # written once the split and the entry point are in place
CODE = "code"  # autopilot_candidate.py, every candidate's entry point
CANDIDATES = "tuning"  # the candidates' training jobs' output_path
ENTRY_POINT = "autopilot_candidate.py"
# the best candidate refit on the training and validation rows together once the search ends (as FLAML's
# retrain_full): its model.tar.gz under <REFIT>/<candidate>/, served in place of the one it was ranked with
REFIT = "best-candidate-refit"


def job_output(request: CreateAutoMLJobRequest) -> str:
    return join_url(request.OutputDataConfig.S3OutputPath, request.AutoMLJobName)


def under(request: CreateAutoMLJobRequest, path: str) -> str:
    return join_url(job_output(request), *path.split("/"))


def refit_path(candidate: str) -> str:
    """The refit model's path under the job's output (the explain step writes it there)."""
    return f"{REFIT}/{candidate}/model.tar.gz"


def refit_model(request: CreateAutoMLJobRequest, candidate: str) -> str:
    """Where the explain step writes the best candidate refit on all the rows."""
    return under(request, refit_path(candidate))
