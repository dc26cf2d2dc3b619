"""Model quality in SageMaker Model Monitor's files: the metrics of predictions against ground truth labels
(`statistics.json`: `binary_classification_metrics`, `multiclass_classification_metrics` or `regression_metrics`,
each metric `{"value": .., "standard_deviation": ..}`), the constraints a baseline suggests (`constraints.json`:
`<problem>_constraints`, each `{"threshold": .., "comparison_operator": ..}`) and the violations of a window
(`constraint_violations.json`: `{"metric_name", "constraint_check_type", "description"}`).

Metrics come from scikit-learn. As SageMaker documents it, a standard deviation is given only from 200 pairs on:
the metric over 5 random 80% samples (a seeded generator, so a run is reproducible); below that it is "NaN".
"""

from __future__ import annotations

import math
from datetime import datetime, timezone
from typing import Any, Callable, Optional

import numpy as np

from .constraints import SchemaError

BINARY, MULTICLASS, REGRESSION = "BinaryClassification", "MulticlassClassification", "Regression"
PROBLEM_TYPES = (BINARY, MULTICLASS, REGRESSION)
SECTION = {BINARY: "binary_classification", MULTICLASS: "multiclass_classification", REGRESSION: "regression"}
LESS, GREATER = "LessThanThreshold", "GreaterThanThreshold"
OPERATORS: dict[str, Callable[[float, float], bool]] = {
    LESS: lambda value, threshold: value < threshold,
    GREATER: lambda value, threshold: value > threshold,
    "LessThanOrEqualToThreshold": lambda value, threshold: value <= threshold,
    "GreaterThanOrEqualToThreshold": lambda value, threshold: value >= threshold,
}
# what a baseline suggests a constraint on, and which way is worse: scores falling, error rates rising
CONSTRAINED: dict[str, dict[str, str]] = {
    BINARY: {
        "recall": LESS,
        "precision": LESS,
        "accuracy": LESS,
        "true_positive_rate": LESS,
        "true_negative_rate": LESS,
        "false_positive_rate": GREATER,
        "false_negative_rate": GREATER,
        "auc": LESS,
        "f0_5": LESS,
        "f1": LESS,
        "f2": LESS,
    },
    MULTICLASS: {
        "accuracy": LESS,
        "weighted_recall": LESS,
        "weighted_precision": LESS,
        "weighted_f0_5": LESS,
        "weighted_f1": LESS,
        "weighted_f2": LESS,
    },
    REGRESSION: {"mae": GREATER, "mse": GREATER, "rmse": GREATER, "r2": LESS},
}
STD_MIN_PAIRS, STD_SAMPLES, STD_FRACTION = 200, 5, 0.8
CURVE_POINTS = 101  # ROC and precision-recall curves are kept at most this long


def _sk() -> Any:
    """scikit-learn's metrics, imported when first computed (the server imports this module for its checks)."""
    from sklearn import metrics

    return metrics


def _fbeta(precision: float, recall: float, beta: float) -> float:
    b2 = beta * beta
    return (1 + b2) * precision * recall / (b2 * precision + recall) if precision + recall else 0.0


def _binary(truth: np.ndarray, predicted: np.ndarray, probability: Optional[np.ndarray]) -> dict[str, float]:
    sk = _sk()
    tn, fp, fn, tp = sk.confusion_matrix(truth, predicted, labels=[0, 1]).ravel().tolist()
    recall = tp / (tp + fn) if tp + fn else 0.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    positives = (tp + fn) / len(truth)
    scores = probability if probability is not None else predicted
    found = {
        "recall": recall,
        "precision": precision,
        "accuracy": (tp + tn) / len(truth),
        # SageMaker's best constant classifier answers the positive class to every record
        "recall_best_constant_classifier": 1.0 if tp + fn else 0.0,
        "precision_best_constant_classifier": positives,
        "accuracy_best_constant_classifier": positives,
        "true_positive_rate": recall,
        "true_negative_rate": tn / (tn + fp) if tn + fp else 0.0,
        "false_positive_rate": fp / (tn + fp) if tn + fp else 0.0,
        "false_negative_rate": fn / (tp + fn) if tp + fn else 0.0,
        "auc": float(sk.roc_auc_score(truth, scores)) if 0 < tp + fn < len(truth) else math.nan,
    }
    for beta, name in ((0.5, "f0_5"), (1.0, "f1"), (2.0, "f2")):
        found[name] = _fbeta(precision, recall, beta)
        found[f"{name}_best_constant_classifier"] = _fbeta(positives, 1.0 if tp + fn else 0.0, beta)
    return found


def _multiclass(truth: np.ndarray, predicted: np.ndarray, _probability: Optional[np.ndarray]) -> dict[str, float]:
    sk = _sk()
    values, counts = np.unique(truth, return_counts=True)
    constant = np.full(len(truth), values[int(np.argmax(counts))], dtype=truth.dtype)  # the most frequent label

    def weighted(guess: np.ndarray, suffix: str) -> dict[str, float]:
        precision, recall, _f, _n = sk.precision_recall_fscore_support(
            truth, guess, average="weighted", zero_division=0
        )
        scores = {f"weighted_recall{suffix}": float(recall), f"weighted_precision{suffix}": float(precision)}
        for beta, name in ((0.5, "weighted_f0_5"), (1.0, "weighted_f1"), (2.0, "weighted_f2")):
            score = sk.fbeta_score(truth, guess, beta=beta, average="weighted", zero_division=0)
            scores[f"{name}{suffix}"] = float(score)
        return scores

    return {
        "accuracy": float(sk.accuracy_score(truth, predicted)),
        **weighted(predicted, ""),
        "accuracy_best_constant_classifier": float(sk.accuracy_score(truth, constant)),
        **weighted(constant, "_best_constant_classifier"),
    }


def _regression(truth: np.ndarray, predicted: np.ndarray, _probability: Optional[np.ndarray]) -> dict[str, float]:
    sk = _sk()
    mse = float(sk.mean_squared_error(truth, predicted))
    return {
        "mae": float(sk.mean_absolute_error(truth, predicted)),
        "mse": mse,
        "rmse": math.sqrt(mse),
        "r2": float(sk.r2_score(truth, predicted)) if len(truth) > 1 else math.nan,
    }


SCORES = {BINARY: _binary, MULTICLASS: _multiclass, REGRESSION: _regression}


def _number(value: float) -> Any:
    return "NaN" if math.isnan(value) else value  # as SageMaker's analyzer writes it


def _confusion(truth: np.ndarray, predicted: np.ndarray) -> dict[str, dict[str, int]]:
    """{actual label: {predicted label: count}}, as SageMaker writes it."""
    labels = sorted({str(v) for v in np.unique(truth)} | {str(v) for v in np.unique(predicted)})
    matrix: dict[str, dict[str, int]] = {a: dict.fromkeys(labels, 0) for a in labels}
    for actual, guess in zip(truth.astype(str).tolist(), predicted.astype(str).tolist(), strict=True):
        matrix[actual][guess] += 1
    return matrix


def _curves(truth: np.ndarray, probability: np.ndarray) -> dict[str, Any]:
    sk = _sk()
    if len(np.unique(truth)) < 2:
        return {}
    fpr, tpr, _ = sk.roc_curve(truth, probability)
    precision, recall, _ = sk.precision_recall_curve(truth, probability)

    def thin(*series: np.ndarray) -> list[list[float]]:
        keep = np.unique(np.linspace(0, len(series[0]) - 1, min(len(series[0]), CURVE_POINTS)).astype(int))
        return [s[keep].astype(float).tolist() for s in series]

    fpr_kept, tpr_kept = thin(fpr, tpr)
    precision_kept, recall_kept = thin(precision, recall)
    return {
        "receiver_operating_characteristic_curve": {
            "false_positive_rates": fpr_kept,
            "true_positive_rates": tpr_kept,
        },
        "precision_recall_curve": {"precisions": precision_kept, "recalls": recall_kept},
    }


def statistics(
    problem_type: str, truth: np.ndarray, predicted: np.ndarray, probability: Optional[np.ndarray] = None
) -> dict[str, Any]:
    """statistics.json of the pairs (truth[i], predicted[i]) (and the predicted probability, for AUC and curves)."""
    score = SCORES[problem_type]
    values = score(truth, predicted, probability)
    spread: dict[str, list[float]] = {name: [] for name in values}
    if len(truth) >= STD_MIN_PAIRS:
        rng = np.random.default_rng(0)
        size = int(len(truth) * STD_FRACTION)
        for _ in range(STD_SAMPLES):
            pick = rng.choice(len(truth), size=size, replace=False)
            sample = score(truth[pick], predicted[pick], None if probability is None else probability[pick])
            for name, value in sample.items():
                spread[name].append(value)
    section: dict[str, Any] = {}
    if problem_type != REGRESSION:
        section["confusion_matrix"] = _confusion(truth, predicted)
    for name, value in values.items():
        std = float(np.std(spread[name])) if spread[name] else math.nan
        section[name] = {"value": _number(value), "standard_deviation": _number(std)}
    if problem_type == BINARY and probability is not None:
        section.update(_curves(truth, probability))
    now = datetime.now(timezone.utc)
    return {
        "version": 0.0,
        "dataset": {
            "item_count": len(truth),
            "evaluation_time": now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z",
        },
        f"{SECTION[problem_type]}_metrics": section,
    }


def suggest(problem_type: str, stats: dict[str, Any]) -> dict[str, Any]:
    """constraints.json suggested from a baseline's statistics.json: as SageMaker's baselining job does, each
    metric's baseline value is its threshold (a window doing worse than the baseline is a violation)."""
    section = stats[f"{SECTION[problem_type]}_metrics"]
    found = {}
    for name, operator in CONSTRAINED[problem_type].items():
        value = (section.get(name) or {}).get("value")
        if isinstance(value, (int, float)) and not math.isnan(value):
            found[name] = {"threshold": value, "comparison_operator": operator}
    return {"version": 0.0, f"{SECTION[problem_type]}_constraints": found}


def problem_of(constraints: dict[str, Any]) -> Optional[str]:
    """The problem type a model quality constraints.json is for (None when it is not one)."""
    return next((p for p in PROBLEM_TYPES if f"{SECTION[p]}_constraints" in constraints), None)


def check_constraints(body: Any, problem_type: Optional[str] = None) -> dict[str, Any]:
    """A model quality constraints.json, or a SchemaError naming what is out of SageMaker's schema."""
    if not isinstance(body, dict):
        raise SchemaError("constraints: a JSON object is expected")
    found = problem_of(body)
    if found is None:
        names = ", ".join(f"{SECTION[p]}_constraints" for p in PROBLEM_TYPES)
        raise SchemaError(f"constraints: a model quality constraints file has one of {names}")
    if problem_type is not None and found != problem_type:
        raise SchemaError(f"constraints: {SECTION[found]}_constraints do not fit ProblemType {problem_type}")
    section = body[f"{SECTION[found]}_constraints"]
    if not isinstance(section, dict):
        raise SchemaError(f"constraints: {SECTION[found]}_constraints must be an object")
    for name, rule in section.items():
        where = f"constraints: {SECTION[found]}_constraints.{name}"
        if not isinstance(rule, dict):
            raise SchemaError(f"{where} must be an object")
        threshold = rule.get("threshold")
        if isinstance(threshold, bool) or not isinstance(threshold, (int, float)):
            raise SchemaError(f"{where}.threshold must be a number")
        if rule.get("comparison_operator") not in OPERATORS:
            raise SchemaError(f"{where}.comparison_operator must be one of {', '.join(OPERATORS)}")
    return body


def violations(stats: dict[str, Any], constraints: dict[str, Any]) -> list[dict[str, Any]]:
    """The window's metrics checked against the constraints, as SageMaker writes the violations."""
    problem = problem_of(constraints)
    if problem is None:
        return []
    section = stats.get(f"{SECTION[problem]}_metrics") or {}
    found = []
    for name, rule in constraints[f"{SECTION[problem]}_constraints"].items():
        metric = section.get(name) or {}
        value, std = metric.get("value"), metric.get("standard_deviation")
        if not isinstance(value, (int, float)) or math.isnan(value):
            continue  # not computable on this window (e.g. AUC with one class): nothing to compare
        operator, threshold = rule["comparison_operator"], rule["threshold"]
        if OPERATORS[operator](value, threshold):
            spread = std if isinstance(std, (int, float)) else 0.0
            found.append(
                {
                    "metric_name": name,
                    "constraint_check_type": operator,
                    "description": f"Metric {name} with {value} +/- {spread} was {operator} '{threshold}'",
                }
            )
    return found


def flat(stats: dict[str, Any]) -> dict[str, float]:
    """Every `{"value": x}` metric of a statistics.json, by name (what charts and tests compare)."""
    found: dict[str, float] = {}
    for key, section in stats.items():
        if key.endswith("_metrics") and isinstance(section, dict):
            for name, metric in section.items():
                if isinstance(metric, dict) and isinstance(metric.get("value"), (int, float)):
                    found[name] = float(metric["value"])
    return found
