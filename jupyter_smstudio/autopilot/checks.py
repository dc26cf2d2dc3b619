"""Bad input, refused with a 400 naming the field before any training starts.

Metric names and defaults are SageMaker's (API reference, AutoMLJobObjective): regression MAE, MSE, R2, RMSE
(default MSE); binary Accuracy, AUC, BalancedAccuracy, F1, Precision, Recall (default F1); multiclass Accuracy,
BalancedAccuracy, F1macro, PrecisionMacro, RecallMacro (default Accuracy). LogLoss is in SageMaker's metric enum
and its Autopilot metrics page for both classification kinds, so it is accepted there too.
"""

from __future__ import annotations

from typing import Optional, Sequence

from jupyter_smstudio.core.errors import BadRequest

from .models import PROBLEM_TYPES, DataAnalysis, ProblemType

METRICS: dict[ProblemType, tuple[str, ...]] = {
    "BinaryClassification": ("Accuracy", "AUC", "BalancedAccuracy", "F1", "Precision", "Recall", "LogLoss"),
    "MulticlassClassification": (
        "Accuracy",
        "BalancedAccuracy",
        "F1macro",
        "PrecisionMacro",
        "RecallMacro",
        "LogLoss",
    ),
    "Regression": ("MSE", "RMSE", "MAE", "R2"),
}
DEFAULT_METRICS: dict[ProblemType, str] = {
    "BinaryClassification": "F1",
    "MulticlassClassification": "Accuracy",
    "Regression": "MSE",
}
MIN_ROWS = 20  # below this no validation split holds enough rows to rank candidates

INPUT_FIELD = "InputDataConfig"
TARGET_FIELD = "TargetAttributeName"
WEIGHT_FIELD = "SampleWeightAttributeName"
METRIC_FIELD = "AutoMLJobObjective.MetricName"
PROBLEM_TYPE_FIELD = "ProblemType"
_OTHER_DELIMITERS = {";": "semicolons", "\t": "tabs", "|": "pipes"}


def default_metric(problem_type: str) -> str:
    return DEFAULT_METRICS[check_problem_type(problem_type)]


def check_problem_type(problem_type: str) -> ProblemType:
    for known in PROBLEM_TYPES:
        if problem_type == known:
            return known
    raise BadRequest(f"ProblemType {problem_type!r} is not one of {', '.join(PROBLEM_TYPES)}", field=PROBLEM_TYPE_FIELD)


def check_metric(metric: Optional[str], problem_type: str) -> str:
    """The objective metric to use: the one given if it fits the problem type, else the default."""
    kind = check_problem_type(problem_type)
    if metric is None:
        return DEFAULT_METRICS[kind]
    if metric not in METRICS[kind]:
        raise BadRequest(
            f"Metric {metric!r} does not fit a {kind} problem; use one of {', '.join(METRICS[kind])}",
            field=METRIC_FIELD,
        )
    return metric


def not_utf8(err: UnicodeDecodeError) -> BadRequest:
    return BadRequest(
        f"The file is not UTF-8 text (byte 0x{err.object[err.start]:02x} cannot be decoded); save it as UTF-8 CSV",
        field=INPUT_FIELD,
    )


def check_utf8(head: bytes) -> None:
    """The first bytes decode as UTF-8 (a character cut at the end of `head` is fine)."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as err:
        if err.start < len(head) - 3:  # a multi-byte character cut by the read is not an error
            raise not_utf8(err) from None


def check_delimiter(columns: Sequence[str], head_lines: Sequence[str]) -> None:
    """One column found while the lines hold another separator: the file is not comma-separated."""
    if len(columns) != 1:
        return
    for sep, name in _OTHER_DELIMITERS.items():
        if head_lines and all(sep in line for line in head_lines[:20] if line.strip()):
            raise BadRequest(
                f"Found one column while the lines are separated by {name}; Autopilot reads comma-separated CSV",
                field=INPUT_FIELD,
            )


def check_target_exists(columns: Sequence[str], target: str) -> None:
    if target not in columns:
        shown = ", ".join(columns[:20]) + (", ..." if len(columns) > 20 else "")
        raise BadRequest(f"Target column {target!r} is not in the data (columns: {shown})", field=TARGET_FIELD)


def check_weight_column(columns: Sequence[str], weight: Optional[str], target: str) -> None:
    if weight is None:
        return
    if weight not in columns:
        raise BadRequest(f"Sample weight column {weight!r} is not in the data", field=WEIGHT_FIELD)
    if weight == target:
        raise BadRequest("The sample weight column cannot be the target column", field=WEIGHT_FIELD)


def check_weights(weight: str, numeric: bool, minimum: Optional[float]) -> None:
    if not numeric:
        raise BadRequest(f"Sample weight column {weight!r} holds values that are not numbers", field=WEIGHT_FIELD)
    if minimum is not None and minimum < 0:
        raise BadRequest(
            f"Sample weight column {weight!r} holds negative weights (smallest {minimum:g}); weights must be >= 0",
            field=WEIGHT_FIELD,
        )


def check_no_empty_column(analysis: DataAnalysis) -> None:
    """A column without a single value is a mistake in the file (a wrong export, a shifted header): said, not
    guessed around."""
    empty = [c.name for c in analysis.columns if "empty" in c.warnings]
    if empty:
        shown = ", ".join(repr(name) for name in empty[:5]) + (", ..." if len(empty) > 5 else "")
        raise BadRequest(
            f"Column {shown} {'is' if len(empty) == 1 else 'are'} empty in every row: remove it from the file, "
            "or fill it",
            field=INPUT_FIELD,
        )


def check_analysis(analysis: DataAnalysis, given: Optional[str], target_distinct: int, target_numeric: bool) -> None:
    """The table can train the problem: enough rows, a target that varies, classes that fit `given`."""
    target = analysis.TargetAttributeName
    labelled = analysis.row_count - analysis.target_missing_count
    if analysis.row_count == 0:
        raise BadRequest("The data file holds no rows, only a header", field=INPUT_FIELD)
    if labelled == 0:
        raise BadRequest(f"Target column {target!r} is empty in every row", field=TARGET_FIELD)
    if labelled < MIN_ROWS:
        raise BadRequest(
            f"The data has {labelled} rows with a target; Autopilot needs at least {MIN_ROWS}", field=INPUT_FIELD
        )
    if target_distinct < 2:
        if given in ("BinaryClassification", "MulticlassClassification"):
            raise BadRequest(
                f"Target column {target!r} has one class; classification needs at least two", field=TARGET_FIELD
            )
        raise BadRequest(
            f"Target column {target!r} holds the same value in every row: there is nothing to learn",
            field=TARGET_FIELD,
        )
    if given == "BinaryClassification" and target_distinct != 2:
        raise BadRequest(
            f"BinaryClassification needs exactly two classes; target {target!r} has {target_distinct}",
            field=PROBLEM_TYPE_FIELD,
        )
    if given == "Regression" and not target_numeric:
        raise BadRequest(f"Regression needs a numeric target; {target!r} holds text", field=PROBLEM_TYPE_FIELD)
