"""Autopilot's explainability report on real fitted candidates: a planted informative column ranks first and a
pure-noise column sits near zero for every problem type and metric direction; the report is seeded, sampled,
and written as report.json (the browser room's contract) and a self-contained report.html."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from sklearn import datasets

from jupyter_smstudio.autopilot.candidates import build_pipeline, candidate_definitions, fit_pipeline
from jupyter_smstudio.autopilot.explain import explain, write_report
from jupyter_smstudio.autopilot.explain_models import ExplainabilityReport
from jupyter_smstudio.core.errors import BadRequest

KINDS = {"signal": "numeric", "noise": "numeric", "shop": "categorical", "note": "text", "day": "datetime"}
KINDS |= {"row_id": "id"}
WORDS = np.array(["fast", "slow", "box", "late", "fine", "red", "new", "old"])


def planted(problem_type: str, n: int = 700, seed: int = 0) -> tuple[pd.DataFrame, pd.Series]:
    """Raw columns of every kind, with gaps; the target depends on `signal` alone, `noise` is independent of it."""
    rng = np.random.default_rng(seed)
    X = pd.DataFrame(
        {
            "signal": rng.normal(size=n),
            "noise": rng.normal(size=n),
            "shop": rng.choice(np.array(["north", "south", "east", None], dtype=object), n),
            "note": [" ".join(rng.choice(WORDS, 4)) for _ in range(n)],
            "day": pd.date_range("2022-01-01", periods=n, freq="5h").strftime("%Y-%m-%d %H:%M"),
            "row_id": [f"r{i}" for i in range(n)],
        }
    )
    X.loc[::10, "noise"] = np.nan
    X.loc[::13, "shop"] = None
    value = 3 * X["signal"] + rng.normal(0, 0.3, n)
    if problem_type == "Regression":
        return X, pd.Series(50 + 10 * value, name="target")
    if problem_type == "BinaryClassification":
        return X, pd.Series(np.where(value > 0, "yes", "no"), name="target")
    return X, pd.Series(np.asarray(["a", "b", "c"])[np.digitize(value, [-1.5, 1.5])], name="target")


def fitted(problem_type: str, X: pd.DataFrame, y: pd.Series, kinds: dict[str, str] | None = None) -> Any:
    definition = candidate_definitions(kinds or KINDS, problem_type)[0]  # HistGradientBoosting, the strong default
    return fit_pipeline(build_pipeline(definition), X, y)


@pytest.mark.parametrize(
    ("problem_type", "metric"),
    [
        ("BinaryClassification", "AUC"),
        ("BinaryClassification", "LogLoss"),  # lower is better
        ("MulticlassClassification", "Accuracy"),
        ("Regression", "MSE"),  # lower is better
        ("Regression", "R2"),
    ],
)
def test_the_planted_column_ranks_first_and_noise_sits_near_zero(problem_type: str, metric: str) -> None:
    X, y = planted(problem_type)
    pipeline = fitted(problem_type, X[:400], y[:400])
    report = explain(pipeline, X[400:], y[400:], metric, problem_type)

    assert report.method == "permutation" and report.metric == metric and report.n_rows == 300
    ranked = [item.feature for item in report.feature_importance]
    assert sorted(ranked) == sorted(X.columns)  # the raw columns, each once
    importances = [item.importance for item in report.feature_importance]
    assert importances == sorted(importances, reverse=True)
    by_name = {item.feature: item for item in report.feature_importance}
    assert ranked[0] == "signal" and by_name["signal"].importance > 0  # a drop is positive, whatever the direction
    assert abs(by_name["noise"].importance) < 0.05 * by_name["signal"].importance
    assert by_name["row_id"].importance == 0.0 and by_name["row_id"].std == 0.0  # the pipeline drops ID columns


def test_rows_are_sampled_with_the_seed() -> None:
    X, y = planted("BinaryClassification")
    pipeline = fitted("BinaryClassification", X[:400], y[:400])
    first = explain(pipeline, X, y, "Accuracy", "BinaryClassification", max_rows=120, seed=3)
    again = explain(pipeline, X, y, "Accuracy", "BinaryClassification", max_rows=120, seed=3)
    other = explain(pipeline, X, y, "Accuracy", "BinaryClassification", max_rows=120, seed=4)
    assert first.n_rows == 120
    assert first == again
    assert first != other


def test_iris_ranks_a_petal_measurement_first() -> None:
    frame = datasets.load_iris(as_frame=True).frame.sample(frac=1.0, random_state=0)
    X, y = frame.drop(columns="target"), frame["target"]
    kinds = dict.fromkeys(X.columns, "numeric")
    pipeline = fitted("MulticlassClassification", X[:100], y[:100], kinds)
    report = explain(pipeline, X[100:], y[100:], "LogLoss", "MulticlassClassification")
    assert report.feature_importance[0].feature.startswith("petal")


def test_the_report_is_written_as_json_and_a_self_contained_page(tmp_path: Path) -> None:
    X, y = planted("Regression", n=300)
    X = X.rename(columns={"noise": "<b>noise</b>"})
    kinds = {("<b>noise</b>" if k == "noise" else k): v for k, v in KINDS.items()}
    report = explain(fitted("Regression", X[:200], y[:200], kinds), X[200:], y[200:], "RMSE", "Regression")
    folder = tmp_path / "explainability" / "best"
    write_report(report, str(folder))

    assert ExplainabilityReport.model_validate_json((folder / "report.json").read_text()) == report
    page = (folder / "report.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and "Plotly.newPlot" in page
    assert 'src="http' not in page and "cdn.plot.ly/plotly" not in page  # plotly.js is inline: no network needed
    assert "&lt;b&gt;noise&lt;/b&gt;" in page and "<td><b>noise</b></td>" not in page
    assert "mean drop in RMSE" in page


def test_bad_input_is_refused_naming_the_field() -> None:
    X, y = planted("Regression", n=200)
    pipeline = fitted("Regression", X, y)
    with pytest.raises(BadRequest) as refused:
        explain(pipeline, X, y, "AUC", "Regression")
    assert refused.value.field == "AutoMLJobObjective.MetricName"
    with pytest.raises(BadRequest) as refused:
        explain(pipeline, X, y[:100], "MSE", "Regression")
    assert refused.value.field == "X"
    with pytest.raises(BadRequest) as refused:
        explain(pipeline, X, y, "MSE", "Regression", max_rows=0)
    assert refused.value.field == "max_rows"
    with pytest.raises(BadRequest) as refused:
        explain(pipeline, X, y, "MSE", "Regression", method="lime")  # type: ignore[arg-type]
    assert refused.value.field == "method"
    if importlib.util.find_spec("shap") is None:
        with pytest.raises(BadRequest) as refused:
            explain(pipeline, X, y, "MSE", "Regression", method="shap")
        assert refused.value.field == "method"


def test_shap_on_request_where_installed() -> None:
    pytest.importorskip("shap")  # not installed on the project's machines: this runs where it is
    X, y = planted("BinaryClassification", n=300)
    X = X[["signal", "noise", "shop", "row_id"]]  # SHAP runs the pipeline per masked sample: no text or dates here
    kinds = {column: KINDS[column] for column in X.columns}
    pipeline = fitted("BinaryClassification", X[:200], y[:200], kinds)
    report = explain(pipeline, X[200:], y[200:], "AUC", "BinaryClassification", method="shap")
    assert report.method == "shap" and report.n_rows == 20
    assert report.feature_importance[0].feature == "signal"
    assert {item.feature: item.importance for item in report.feature_importance}["row_id"] == 0.0
