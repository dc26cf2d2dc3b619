"""The two notebooks an Autopilot job writes beside its output: data exploration and candidate definitions.

Both are plain nbformat v4 notebooks for the python3 kernel that run top to bottom in a fresh kernel; the candidate
notebook does not import jupyter_smstudio (it carries a copy of the room's code), so it runs anywhere.
"""

from __future__ import annotations

import os

from nbformat import NotebookNode

from ..core.errors import BadRequest
from . import notebook_candidates, notebook_exploration, notebook_text
from .candidates import build_pipeline
from .checks import check_metric
from .models import DataAnalysis
from .notebook_candidates import NotebookCandidate

__all__ = ["NotebookCandidate", "data_exploration_notebook", "candidate_definition_notebook", "write_notebook"]

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def data_exploration_notebook(analysis: DataAnalysis, data_path: str, *, max_rows: int = 100_000) -> NotebookNode:
    """The analysis in words (problem, target, class balance, columns and their warnings), then code that loads the
    CSV (a seeded sample past `max_rows` rows) and describes and plots it."""
    if max_rows < 1:
        raise BadRequest("max_rows must be at least 1", field="max_rows")
    cells = notebook_exploration.summary_cells(analysis)
    cells += notebook_exploration.code_cells(analysis, data_path, max_rows)
    return _notebook(cells)


def candidate_definition_notebook(
    analysis: DataAnalysis,
    candidates: list[NotebookCandidate],
    train_path: str,
    validation_path: str,
    metric: str,
) -> NotebookNode:
    """Code that rebuilds each candidate with its hyperparameters, retrains it on `train_path`, scores it on
    `validation_path` with `metric` exactly as the room does, and ranks them."""
    check_metric(metric, analysis.ProblemType)  # a 400 naming AutoMLJobObjective.MetricName
    cells = notebook_candidates.header_cells(analysis, metric, train_path, validation_path)
    not_features = {analysis.TargetAttributeName, analysis.SampleWeightAttributeName}
    for candidate in candidates:
        # a candidate the notebook could not build fails here, when the job writes it, not when a user runs it
        build_pipeline(candidate.definition, candidate.hyperparameters)
        if not_features & set(candidate.definition.kinds):
            raise BadRequest(
                f"candidate {candidate.name} uses the target or the sample-weight column as a feature",
                field="candidates",
            )
        cells += notebook_candidates.candidate_cells(candidate)
    cells += notebook_candidates.leaderboard_cells(candidates, metric)
    return _notebook(cells)


def write_notebook(notebook: NotebookNode, path: str) -> None:
    """Write `notebook` to a local path, creating its folders; a valid nbformat v4 file or an error."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    notebook_text.write(notebook, path)


def _notebook(cells: list[NotebookNode]) -> NotebookNode:
    metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    return notebook_text.notebook(cells, metadata)
