"""Autopilot's explainability report: how much each raw CSV column matters to the best candidate.

Permutation importance (scikit-learn's) on the raw columns, measured in the job's own objective metric with the
room's scorer (candidates.score), so "importance" reads as "how much worse the model gets without this column".
SHAP (mean |SHAP value| per raw column) is there on request where the `shap` package is installed, not by default:
model-agnostic SHAP over raw columns runs the whole pipeline (date parsing, TF-IDF) per masked sample, about 2 s per
explained row at its smallest budget on these machines, where permutation importance explains 300 rows in 1-2 s.
"""

from __future__ import annotations

import html
import importlib.util
import os
from typing import Any, Literal

import numpy as np
import pandas as pd
from sklearn.inspection import permutation_importance
from sklearn.pipeline import Pipeline

from ..core.errors import BadRequest
from .candidates import higher_is_better, score
from .checks import check_metric, check_problem_type
from .explain_models import ExplainabilityReport, ExplainMethod, FeatureImportance

SHAP_INSTALLED = importlib.util.find_spec("shap") is not None
SHAP_ROWS = 20  # each explained row costs 2 x columns + 1 pipeline calls over the background rows
SHAP_BACKGROUND = 10
CHART_FEATURES = 40  # the chart shows the most important columns; the table below it lists every one


def explain(
    pipeline: Pipeline,
    X: pd.DataFrame,
    y: pd.Series,
    metric: str,
    problem_type: str,
    *,
    max_rows: int = 2000,
    seed: int = 0,
    n_repeats: int = 5,
    method: Literal["auto", "permutation", "shap"] = "auto",
) -> ExplainabilityReport:
    """Importance of each raw column of X for the fitted pipeline, on at most `max_rows` rows sampled with `seed`;
    method "auto" is permutation importance (see the module's note on SHAP)."""
    check_metric(metric, check_problem_type(problem_type))
    if max_rows < 1:
        raise BadRequest("max_rows must be at least 1", field="max_rows")
    if n_repeats < 1:
        raise BadRequest("n_repeats must be at least 1", field="n_repeats")
    if len(X) != len(y) or len(X) == 0:
        raise BadRequest(f"X and y must hold the same rows, at least one (X: {len(X)}, y: {len(y)})", field="X")
    if method not in ("auto", "permutation", "shap"):
        raise BadRequest(f"method {method!r} is not one of auto, permutation, shap", field="method")
    if method == "shap" and not SHAP_INSTALLED:
        raise BadRequest("method 'shap' needs the shap package, which is not installed", field="method")
    rows = np.random.default_rng(seed).permutation(len(X))[:max_rows]
    rows.sort()  # file order: the sample reads like the data
    truth = pd.Series(np.asarray(y)[rows], index=X.index[rows])
    X = X.iloc[rows]
    if method == "shap":
        sample = X.sample(n=min(len(X), SHAP_ROWS), random_state=seed)
        return _report("shap", metric, len(sample), X.columns, *_shap(pipeline, X, sample, problem_type, seed))
    # sign-normalised: the scorer is "higher is better" for every metric, so a drop is positive for MSE too
    sign = 1.0 if higher_is_better(metric) else -1.0

    def scorer(estimator: Any, rows_X: pd.DataFrame, rows_y: pd.Series) -> float:
        return sign * score(estimator, rows_X, rows_y, metric, problem_type)

    result = permutation_importance(
        pipeline, X, truth, scoring=scorer, n_repeats=n_repeats, random_state=seed, n_jobs=1
    )
    return _report("permutation", metric, len(X), X.columns, result.importances_mean, result.importances_std)


def _shap(
    pipeline: Pipeline, X: pd.DataFrame, sample: pd.DataFrame, problem_type: str, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Mean |SHAP value| per raw column of the model's output (the prediction, or the class probabilities averaged
    over the classes) on `sample`, and its spread over the rows."""
    import shap

    columns, dtypes = list(X.columns), X.dtypes.to_dict()
    background: np.ndarray = X.sample(n=min(len(X), SHAP_BACKGROUND), random_state=seed + 1).to_numpy(dtype=object)

    def masked(keep: np.ndarray, row: np.ndarray) -> np.ndarray:
        # shap's own maskers subtract values; raw columns hold text, so a column is hidden by the background's values
        rows: np.ndarray = background.copy()
        rows[:, keep] = row[keep]
        return rows

    masked.shape = background.shape  # type: ignore[attr-defined]  # shap reads a function masker's shape

    def output(rows: np.ndarray) -> Any:
        frame = pd.DataFrame(rows, columns=columns).astype(dtypes)
        return pipeline.predict(frame) if problem_type == "Regression" else pipeline.predict_proba(frame)

    explainer = shap.explainers.Permutation(output, masked, seed=seed)
    found = explainer(sample.to_numpy(dtype=object), max_evals=2 * len(columns) + 1, silent=True)
    values = np.abs(np.asarray(found.values, dtype=float)).reshape(len(sample), len(columns), -1).mean(axis=2)
    return values.mean(axis=0), values.std(axis=0)


def _report(
    method: ExplainMethod, metric: str, n_rows: int, columns: Any, means: np.ndarray, stds: np.ndarray
) -> ExplainabilityReport:
    found = [
        FeatureImportance(feature=str(column), importance=float(mean), std=float(std))
        for column, mean, std in zip(columns, means, stds, strict=True)
    ]
    found.sort(key=lambda item: item.importance, reverse=True)
    return ExplainabilityReport(method=method, metric=metric, n_rows=n_rows, feature_importance=found)


def write_report(report: ExplainabilityReport, folder: str) -> None:
    """report.json (the model, for the browser room's chart) and report.html (a page that needs no network)."""
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "report.json"), "w", encoding="utf-8") as out:
        out.write(report.model_dump_json(indent=2))
    with open(os.path.join(folder, "report.html"), "w", encoding="utf-8") as out:
        out.write(_html(report))


def _html(report: ExplainabilityReport) -> str:
    import plotly.graph_objects as go  # only here: plotly takes a second to import

    shown = report.feature_importance[:CHART_FEATURES][::-1]  # plotly draws the first bar at the bottom
    figure = go.Figure(
        go.Bar(
            x=[item.importance for item in shown],
            y=[item.feature for item in shown],
            error_x={"type": "data", "array": [item.std for item in shown]},
            orientation="h",
        )
    )
    axis = f"mean drop in {report.metric} when shuffled" if report.method == "permutation" else "mean |SHAP value|"
    figure.update_layout(
        title="Feature importance",
        xaxis_title=axis,
        yaxis={"type": "category"},  # column names that look like numbers stay names
        height=160 + 24 * len(shown),
        margin={"l": 160},
    )
    chart = figure.to_html(include_plotlyjs=True, full_html=False)
    rows = "".join(
        f"<tr><td>{html.escape(item.feature)}</td><td>{item.importance:.6g}</td><td>{item.std:.6g}</td></tr>"
        for item in report.feature_importance
    )
    how = (
        f"permutation importance: how much {html.escape(report.metric)} worsens when a column's values are shuffled"
        if report.method == "permutation"
        else "mean absolute SHAP value of the model's output"
    )
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Explainability report</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:2px 8px;text-align:left}}</style></head>
<body><h1>Explainability report</h1>
<p>Each raw column's importance to the model, by {how}, on {report.n_rows} rows.</p>
{chart}
<table><tr><th>column</th><th>importance</th><th>std</th></tr>{rows}</table>
</body></html>
"""
