"""The cells of the candidate definition notebook: plain scikit-learn / XGBoost / LightGBM code that rebuilds, retrains
and scores each candidate from the train and validation CSVs, without jupyter_smstudio installed."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, Optional

import numpy as np
import sklearn
from nbformat import NotebookNode

from . import candidate_steps, candidates, checks, notebook_source, tables
from .candidates import CandidateDefinition, Preprocessing, higher_is_better
from .models import DataAnalysis
from .notebook_text import code, code_cell, markdown_cell, markdown_table

# what the notebook copies from candidates.py and checks.py: the definitions, building, fitting and scoring
CANDIDATE_NAMES = (
    "PROBLEM_TYPES",
    "N_JOBS",
    "Preprocessing",
    "CandidateDefinition",
    "_coerce",
    "_estimator",
    "build_pipeline",
    "SMALL_TABLE_ROWS",
    "fit_pipeline",
    "_model_threads",
    "_fans_out",
    "_threads_for",
    "fit_candidate",
    "SCORING",
    "higher_is_better",
    "_label_metric",
    "score",
    "_score",
)
# and from tables.py: reading the CSVs as the candidates' training jobs do
TABLE_NAMES = (
    "MISSING_MARKERS",
    "_TRUE",
    "_FALSE",
    "_BOOLEANS",
    "feature_columns",
    "feature_kinds",
    "read_table",
    "typed",
    "as_float",
    "canonical_text",
    "class_labels",
)
CHECK_NAMES = ("METRICS", "DEFAULT_METRICS", "METRIC_FIELD", "PROBLEM_TYPE_FIELD", "check_problem_type", "check_metric")

# the room raises its HTTP 400 error; outside the room a ValueError that names the field says the same
BAD_REQUEST = '''class BadRequest(ValueError):
    """Autopilot's bad-input error: a ValueError that names the offending field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field'''

ALGORITHMS = {
    "hgb": "scikit-learn's HistGradientBoosting (gradient-boosted trees)",
    "xgboost": "XGBoost gradient-boosted trees",
    "lightgbm": "LightGBM gradient-boosted trees",
    "linear": "a linear model (LogisticRegression for classes, Ridge for numbers)",
    "random-forest": "scikit-learn's random forest",
    "extra-trees": "scikit-learn's extremely randomized trees",
    "mlp": "a small neural network (scikit-learn's multi-layer perceptron)",
}
ENCODINGS = {
    "ordinal": "one integer per category",
    "onehot": f"one-hot indicators (at most {candidate_steps.HIGH_CARDINALITY} per column, rare ones merged)",
    "target": "target encoding (cross-fitted per-class means, standardised)",
}


@dataclass(frozen=True)
class NotebookCandidate:
    """One leaderboard entry as the notebook rebuilds it."""

    name: str  # the candidate's name on the leaderboard, e.g. "dpp0-hgb" or "automl-x-dpp0-hgb-003"
    definition: CandidateDefinition
    hyperparameters: dict[str, Any]  # overrides of definition.hyperparameters (tuned values; may be strings)
    score: Optional[float] = None  # the objective the candidate's training job reported on the validation split


def header_cells(analysis: DataAnalysis, metric: str, train_path: str, validation_path: str) -> list[NotebookNode]:
    direction = "higher" if higher_is_better(metric) else "lower"
    versions = f"scikit-learn {sklearn.__version__}, pandas, numpy, threadpoolctl"
    intro = (
        f"# Candidate definitions: predicting {code(analysis.TargetAttributeName)}\n\n"
        f"Autopilot treated this as **{analysis.ProblemType}** and ranked candidates by **{metric}** "
        f"({direction} is better) on the validation split.\n\n"
        "Each candidate is a scikit-learn `Pipeline` over the raw CSV columns: preprocessing, then the model. "
        "Run the notebook top to bottom in a fresh kernel: it retrains every candidate on the training CSV and "
        "scores it on the validation CSV, reproducing the scores the Autopilot job reported (the code below is the "
        "room's own, copied when the notebook was written, with `random_state=0` everywhere).\n\n"
        f"It needs only {versions}, plus XGBoost or LightGBM for candidates that use them; it does not import "
        "jupyter_smstudio, so it runs anywhere."
    )
    steps = (
        "## Preprocessing building blocks\n\n"
        "Copied from the room's `candidate_steps.py`: per-kind column steps (numbers, categories, text, dates) and "
        "a wrapper that trains classifiers on integer codes and answers in the original labels."
    )
    training = (
        "## Building, training and scoring a candidate\n\n"
        "Copied from the room's `candidates.py` and `checks.py`: a candidate's definition, `build_pipeline` (its "
        "preprocessing and estimator), `fit_pipeline` (bounded native thread pools) and `score` (the objective in "
        "the metric's own units)."
    )
    steps_code = notebook_source.definitions(candidate_steps)
    training_code = _training_code()
    reading_code, data_code = _data_code(analysis, metric, train_path, validation_path)
    copied = "\n".join([steps_code, training_code, reading_code, data_code, LEADERBOARD])
    return [
        markdown_cell(intro),
        code_cell(_imports(copied)),
        markdown_cell(steps),
        code_cell(steps_code),
        markdown_cell(training),
        code_cell(training_code),
        markdown_cell(_data_text(analysis)),
        code_cell(reading_code),
        code_cell(data_code),
    ]


def _imports(copied: str) -> str:
    """The imports the copied code (and the cells after it) use; the future import keeps its annotations unevaluated
    (they name the room's types, which are not copied)."""
    modules = (candidate_steps, candidates, checks, tables)
    extra = ["import json", "from types import SimpleNamespace"]
    return "from __future__ import annotations\n\n" + notebook_source.imports(modules, copied, extra=extra)


def _training_code() -> str:
    parts = [
        BAD_REQUEST,
        notebook_source.definitions(checks, CHECK_NAMES),
        notebook_source.definitions(candidates, CANDIDATE_NAMES),
    ]
    return "\n\n\n".join(parts)


def _data_text(analysis: DataAnalysis) -> str:
    text = (
        "## The data\n\n"
        "The train and validation CSVs the job split the table into, read as the job's candidates read them "
        "(copied from the room's `tables.py`): every value as written, then typed by the column kinds the data "
        "analysis found (numbers as floats, categories as text with each number in one form), so a column reads the "
        "same in every file; rows without a target are dropped."
    )
    if analysis.SampleWeightAttributeName:
        text += (
            f" The sample-weight column {code(analysis.SampleWeightAttributeName)} is not a feature: it weighs the "
            "rows in training, for every estimator that takes sample weights (`fit_candidate`); scores are "
            "unweighted, as the job reports them."
        )
    return text


def _data_code(analysis: DataAnalysis, metric: str, train_path: str, validation_path: str) -> tuple[str, str]:
    """The copied reading and fitting code, and the cell that reads this job's CSVs with it."""
    reading = notebook_source.definitions(tables, TABLE_NAMES)
    columns = [SimpleNamespace(name=c.name, kind=c.kind) for c in analysis.columns]
    described = SimpleNamespace(
        TargetAttributeName=analysis.TargetAttributeName,
        ProblemType=analysis.ProblemType,
        SampleWeightAttributeName=analysis.SampleWeightAttributeName,
        columns=columns,
    )
    return reading, (
        "# what reading the CSVs needs of Autopilot's data analysis: the target, the weights and each column's kind\n"
        f"analysis = {notebook_source.literal(described, column=len('analysis = '))}\n"
        f"TRAIN_CSV = {train_path!r}\n"
        f"VALIDATION_CSV = {validation_path!r}\n"
        f"METRIC = {metric!r}\n"
        "PROBLEM_TYPE, TARGET, WEIGHT = analysis.ProblemType, analysis.TargetAttributeName, "
        "analysis.SampleWeightAttributeName\n\n"
        "training, validation = read_table(TRAIN_CSV, analysis), read_table(VALIDATION_CSV, analysis)\n"
        "FEATURES = feature_columns(analysis)  # ID-like columns included: the preprocessing drops them\n"
        "X_train, y_train = training[FEATURES], training[TARGET]\n"
        "X_validation, y_validation = validation[FEATURES], validation[TARGET]\n"
        "weights = training[WEIGHT] if WEIGHT else None\n"
        "scores: dict[str, float] = {}  # each candidate's objective on the validation split\n"
        'print(f"train: {len(X_train)} rows, validation: {len(X_validation)} rows, {len(FEATURES)} columns")'
    )


def candidate_cells(candidate: NotebookCandidate) -> list[NotebookNode]:
    definition = candidate.definition
    hyperparameters = {name: _plain(value) for name, value in candidate.hyperparameters.items()}
    source = (
        f"name = {candidate.name!r}\n"
        f"definition = {notebook_source.literal(definition, column=len('definition = '))}\n"
        f"hyperparameters = {notebook_source.literal(hyperparameters, column=len('hyperparameters = '))}\n\n"
        "pipeline = build_pipeline(definition, hyperparameters)\n"
        "fit_candidate(pipeline, X_train, y_train, weights)\n"
        "scores[name] = score(pipeline, X_validation, y_validation, METRIC, PROBLEM_TYPE)\n"
        'print(f"{name}: {METRIC} = {scores[name]:.6g}")'
    )
    return [markdown_cell(_candidate_text(candidate, hyperparameters)), code_cell(source)]


def _plain(value: Any) -> Any:
    """numpy scalars as Python numbers, so the cell's repr reads as plain Python."""
    return value.item() if isinstance(value, np.generic) else value


def _candidate_text(candidate: NotebookCandidate, tuned: dict[str, Any]) -> str:
    definition = candidate.definition
    reported = "" if candidate.score is None else f" The job reported **{candidate.score:.6g}** on validation."
    values = {**definition.hyperparameters, **tuned}
    rows = [[name, repr(value), "tuned" if name in tuned else "default"] for name, value in values.items()]
    text = (
        f"## {candidate.name}\n\n"
        f"**Algorithm:** {ALGORITHMS.get(definition.algorithm, definition.algorithm)}.{reported}\n\n"
        f"**Preprocessing:**\n\n{_recipe(definition)}\n\n"
        f"**Hyperparameters:**\n\n{markdown_table(['name', 'value', 'source'], rows)}\n"
    )
    ranges = [
        [r["Name"], kind.replace("ParameterRanges", ""), _span(r), r.get("ScalingType", "")]
        for kind, group in definition.hyperparameter_ranges.items()
        for r in group
    ]
    if ranges:
        table = markdown_table(["Name", "type", "range", "ScalingType"], ranges)
        text += f"\n**HyperParameterRanges** (what Autopilot tunes, in SageMaker's terms):\n\n{table}\n"
    return text


def _span(entry: dict[str, Any]) -> str:
    if "Values" in entry:
        return ", ".join(str(v) for v in entry["Values"])
    return f"{entry['MinValue']} to {entry['MaxValue']}"


def _recipe(definition: CandidateDefinition) -> str:
    recipe: Preprocessing = definition.preprocessing
    by_kind: dict[str, list[str]] = {}
    for column, kind in definition.kinds.items():
        by_kind.setdefault(kind, []).append(column)
    limit = candidate_steps.HIGH_CARDINALITY
    categorical = by_kind.get("categorical", [])
    high = [c for c in categorical if definition.cardinality.get(c, 0) > limit]
    low = [c for c in categorical if c not in high]
    missing = "imputed with the median plus a missing flag" if recipe.impute else "left as gaps the trees split on"
    steps = [
        (by_kind.get("numeric", []), f"numbers: missing values {missing}" + (", standardised" if recipe.scale else "")),
        (low, f"categories: {ENCODINGS[recipe.low_cardinality_encoding]}"),
        (high, f"categories with more than {limit} values: {ENCODINGS[recipe.high_cardinality_encoding]}"),
        (by_kind.get("text", []), f"text: TF-IDF over at most {recipe.text_features} words per column"),
        (by_kind.get("datetime", []), "dates: year, month, day, weekday and hour as numbers"),
    ]
    lines = [f"- {words} ({_names(columns)})" for columns, words in steps if columns]
    lines.append("- columns not named here (ID-like ones) are dropped")
    if recipe.dense:
        lines.append("- the result is a dense matrix (HistGradientBoosting does not take sparse input)")
    return "\n".join(lines)


def _names(columns: list[str], shown: int = 8) -> str:
    names = ", ".join(code(c) for c in columns[:shown])
    return names + (f" and {len(columns) - shown} more" if len(columns) > shown else "")


LEADERBOARD = """leaderboard = pd.DataFrame({
    "candidate": list(scores),
    METRIC: list(scores.values()),
    "reported": [REPORTED.get(name) for name in scores],
}).sort_values(METRIC, ascending=not higher_is_better(METRIC), ignore_index=True)
leaderboard"""


def leaderboard_cells(candidates_: list[NotebookCandidate], metric: str) -> list[NotebookNode]:
    reported = {c.name: c.score for c in candidates_}
    column = len("REPORTED = ")
    board = f"REPORTED = {notebook_source.literal(reported, column=column)}  # what the Autopilot job measured\n\n"
    direction = "best first" if higher_is_better(metric) else "lowest (best) first"
    return [
        markdown_cell(f"## Leaderboard\n\nThe candidates by {metric} on the validation split, {direction}."),
        code_cell(board + LEADERBOARD),
        markdown_cell("The scores as one JSON line, for scripts that rerun this notebook and compare."),
        code_cell('print(json.dumps({"metric": METRIC, "scores": scores}))'),
    ]
