"""Autopilot's candidate pipelines on scikit-learn's bundled data and a messy generated table: every candidate builds,
fits and predicts from raw columns, the first one is as good as an untuned HistGradientBoosting, labels stay labels."""

from __future__ import annotations

import pickle
from typing import Any

import numpy as np
import pandas as pd
import pytest
from sklearn import datasets
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.model_selection import train_test_split

from jupyter_smstudio.autopilot.candidates import (
    N_JOBS,
    SCORING,
    SMALL_TABLE_ROWS,
    _model_threads,
    build_pipeline,
    candidate_definitions,
    fit_pipeline,
    higher_is_better,
    score,
)
from jupyter_smstudio.autopilot.checks import DEFAULT_METRICS, METRICS
from jupyter_smstudio.autopilot.ensemble import ensemble_pipeline
from jupyter_smstudio.core.errors import BadRequest

# the MLP stops at its epoch bound on these small tables, by design
pytestmark = pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")


def _bundled(loader: Any, problem_type: str, labels: list[str] | None = None) -> tuple[Any, ...]:
    frame = loader(as_frame=True)
    X, y = frame.data, frame.target
    if labels is not None:  # string labels: what a CSV's target column usually holds
        y = pd.Series(np.asarray(labels)[y.to_numpy()], index=y.index)
    stratify = y if problem_type != "Regression" else None
    return tuple(train_test_split(X, y, test_size=0.3, random_state=0, stratify=stratify))


def _messy(problem_type: str, n: int = 400) -> tuple[pd.DataFrame, Any, dict[str, str], dict[str, int]]:
    """Missing values, string categoricals (one high-cardinality), a text column, a date column and an ID column."""
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(
        {
            "amount": rng.normal(100, 20, n),
            "colour": rng.choice(np.array(["red", "green", "blue", None], dtype=object), n),
            "shop": [f"shop-{i % 35}" for i in range(n)],
            "review": rng.choice(np.array(["great value", "broke quickly", "works fine", None], dtype=object), n),
            "bought": pd.date_range("2021-01-01", periods=n, freq="13h").astype(str),
            "order_id": [f"o{i}" for i in range(n)],
        }
    )
    frame.loc[::9, "amount"] = np.nan
    signal = frame["amount"].fillna(100).to_numpy() / 20 + (frame["review"] == "broke quickly") * 3.0
    signal = signal + rng.normal(0, 0.5, n)
    if problem_type == "Regression":
        return frame, signal, *_kinds_and_cardinality()
    # string labels: binary kept/returned, or three bands
    edges, labels = ([6.0], ["kept", "returned"]) if problem_type == "BinaryClassification" else ([4.5, 5.5], LABELS)
    return frame, np.asarray(labels)[np.digitize(signal, edges)], *_kinds_and_cardinality()


LABELS = ["low", "mid", "high"]


def _kinds_and_cardinality() -> tuple[dict[str, str], dict[str, int]]:
    kinds = {"amount": "numeric", "colour": "categorical", "shop": "categorical", "review": "text"}
    kinds |= {"bought": "datetime", "order_id": "id"}
    return kinds, {"colour": 4, "shop": 35}


def _numeric_kinds(X: pd.DataFrame) -> dict[str, str]:
    return dict.fromkeys(X.columns, "numeric")


def test_definitions_put_the_strong_defaults_first_and_carry_sagemaker_ranges() -> None:
    definitions = candidate_definitions({"a": "numeric", "b": "categorical", "id": "id"}, "BinaryClassification")
    assert [d.name for d in definitions[:2]] == ["dpp0-hgb", "dpp1-xgboost"]
    assert {"linear", "random-forest", "extra-trees", "mlp"} <= {d.algorithm for d in definitions}
    assert len({d.name for d in definitions}) == len(definitions)
    for definition in definitions:
        assert "id" not in definition.kinds
        ranges = definition.hyperparameter_ranges
        assert set(ranges) == {"ContinuousParameterRanges", "IntegerParameterRanges", "CategoricalParameterRanges"}
        for group in ranges["ContinuousParameterRanges"] + ranges["IntegerParameterRanges"]:
            assert float(group["MinValue"]) < float(group["MaxValue"]) and isinstance(group["MinValue"], str)


@pytest.mark.parametrize(
    "kinds, problem_type, field",
    [
        ({"a": "numeric"}, "Clustering", "problem_type"),
        ({"a": "image"}, "Regression", "kinds"),
        ({"a": "id"}, "Regression", "kinds"),
    ],
)
def test_bad_definitions_input_names_the_field(kinds: dict[str, str], problem_type: str, field: str) -> None:
    with pytest.raises(BadRequest) as caught:
        candidate_definitions(kinds, problem_type)
    assert caught.value.field == field


@pytest.mark.parametrize("problem_type", ["BinaryClassification", "MulticlassClassification", "Regression"])
def test_every_candidate_fits_and_predicts_the_messy_table_from_raw_columns(problem_type: str) -> None:
    frame, y, kinds, cardinality = _messy(problem_type)
    stratify = None if problem_type == "Regression" else y
    train, test, y_train, y_test = train_test_split(frame, y, test_size=0.25, random_state=0, stratify=stratify)
    for definition in candidate_definitions(kinds, problem_type, cardinality):
        pipeline = fit_pipeline(build_pipeline(definition), train, y_train)
        # the inference pipeline gets raw rows, possibly with unseen categories and missing cells
        odd = test.head(3).assign(colour="purple", shop="shop-new", review=None, bought=None)
        predicted = pipeline.predict(pd.concat([test, odd]))
        assert len(predicted) == len(test) + 3
        if problem_type == "Regression":
            assert score(pipeline, test, y_test, "R2", problem_type) > 0.3, definition.name
        else:
            assert set(predicted) <= set(np.unique(y)) and predicted.dtype.kind in "OU"
            assert pipeline.predict_proba(test).shape == (len(test), len(np.unique(y)))
            assert score(pipeline, test, y_test, "BalancedAccuracy", problem_type) > 0.5, definition.name
        # the room serves a pickled pipeline
        reloaded = pickle.loads(pickle.dumps(pipeline)).predict(test)
        if problem_type == "Regression":  # multithreaded float sums may differ in the last bits
            np.testing.assert_allclose(reloaded, pipeline.predict(test), rtol=1e-5)
        else:
            assert (reloaded == pipeline.predict(test)).all()


@pytest.mark.parametrize("problem_type", ["BinaryClassification", "Regression"])
def test_a_small_table_fits_each_model_on_one_thread_of_its_own(problem_type: str) -> None:
    """Two candidates train at once on small tables: a model that started N_JOBS OpenMP threads of its own (LightGBM,
    XGBoost take n_jobs past threadpool_limits) would spin against the other candidate's (a 0.3 s fit took 25 s)."""
    frame, y, kinds, cardinality = _messy(problem_type)
    for definition in candidate_definitions(kinds, problem_type, cardinality):
        pipeline = fit_pipeline(build_pipeline(definition), frame, y)
        threads = {k: v for k, v in pipeline.get_params(deep=True).items() if k.startswith("model__") and "n_jobs" in k}
        assert set(threads.values()) <= {1}, (definition.name, threads)
    # a large table: the candidates train one at a time, on every core
    big = pd.concat([frame] * (SMALL_TABLE_ROWS // len(frame) + 1), ignore_index=True)
    forest = next(d for d in candidate_definitions(kinds, problem_type, cardinality) if d.algorithm == "random-forest")
    pipeline = build_pipeline(forest, {"n_estimators": "4"})
    fit_pipeline(pipeline, big, np.resize(np.asarray(y), len(big)))
    assert {v for k, v in pipeline.get_params(deep=True).items() if k.endswith("n_jobs") and "model" in k} == {N_JOBS}
    # a stack: its members' models take the threads; the stack and the column transformers start no worker processes
    stack = ensemble_pipeline(candidate_definitions(kinds, problem_type, cardinality)[:3], problem_type)
    _model_threads(stack, N_JOBS)
    threads = {k: v for k, v in stack.get_params(deep=True).items() if k.endswith("n_jobs")}
    assert threads.pop("model__n_jobs") is None
    assert {v for k, v in threads.items() if k.endswith("preprocessing__n_jobs")} == {None}
    assert {v for k, v in threads.items() if "xgboost__model__" in k or "lightgbm__model__" in k} == {N_JOBS}


def test_every_candidate_on_multiclass_string_labels_and_regression() -> None:
    X_train, X_test, y_train, y_test = _bundled(datasets.load_wine, "Multiclass", ["barolo", "grignolino", "barbera"])
    for definition in candidate_definitions(_numeric_kinds(X_train), "MulticlassClassification"):
        pipeline = fit_pipeline(build_pipeline(definition), X_train, y_train)
        assert set(pipeline.predict(X_test)) <= {"barolo", "grignolino", "barbera"}
        assert score(pipeline, X_test, y_test, "Accuracy", "MulticlassClassification") > 0.8, definition.name
    X_train, X_test, y_train, y_test = _bundled(datasets.load_diabetes, "Regression")
    for definition in candidate_definitions(_numeric_kinds(X_train), "Regression"):
        pipeline = fit_pipeline(build_pipeline(definition), X_train, y_train)
        assert score(pipeline, X_test, y_test, "R2", "Regression") > 0.2, definition.name


@pytest.mark.parametrize(
    "loader, problem_type, metric",
    [
        (datasets.load_breast_cancer, "BinaryClassification", "Accuracy"),
        (datasets.load_iris, "MulticlassClassification", "Accuracy"),
        (datasets.load_diabetes, "Regression", "R2"),
    ],
)
def test_the_first_candidate_is_at_least_an_untuned_hist_gradient_boosting(
    loader: Any, problem_type: str, metric: str
) -> None:
    X_train, X_test, y_train, y_test = _bundled(loader, problem_type)
    first = fit_pipeline(
        build_pipeline(candidate_definitions(_numeric_kinds(X_train), problem_type)[0]), X_train, y_train
    )
    baseline = HistGradientBoostingRegressor if problem_type == "Regression" else HistGradientBoostingClassifier
    reference = fit_pipeline(baseline(random_state=0), X_train, y_train)
    ours = score(first, X_test, y_test, metric, problem_type)
    theirs = score(reference, X_test, y_test, metric, problem_type)
    assert ours >= theirs - 0.03, (ours, theirs)


def test_each_metric_scores_and_knows_its_direction() -> None:
    X_train, X_test, y_train, y_test = _bundled(datasets.load_breast_cancer, "BinaryClassification", ["benign", "bad"])
    binary = build_pipeline(candidate_definitions(_numeric_kinds(X_train), "BinaryClassification")[0])
    fit_pipeline(binary, X_train, y_train)
    X_train_m, X_test_m, y_train_m, y_test_m = _bundled(datasets.load_iris, "MulticlassClassification")
    multi = build_pipeline(candidate_definitions(_numeric_kinds(X_train_m), "MulticlassClassification")[0])
    fit_pipeline(multi, X_train_m, y_train_m)
    X_train_r, X_test_r, y_train_r, y_test_r = _bundled(datasets.load_diabetes, "Regression")
    regression = build_pipeline(candidate_definitions(_numeric_kinds(X_train_r), "Regression")[0])
    fit_pipeline(regression, X_train_r, y_train_r)
    for metric, (up, _) in SCORING.items():
        fits = [kind for kind, metrics in METRICS.items() if metric in metrics]
        if "BinaryClassification" in fits:
            value = score(binary, X_test, y_test, metric, "BinaryClassification")
            assert (0.85 < value <= 1.0) if up else (0.0 <= value < 0.3), (metric, value)
        if "MulticlassClassification" in fits:
            value = score(multi, X_test_m, y_test_m, metric, "MulticlassClassification")
            assert (0.8 < value <= 1.0) if up else (0.0 <= value < 0.6), (metric, value)
        if "Regression" in fits:
            value = score(regression, X_test_r, y_test_r, metric, "Regression")
            assert (0.2 < value < 1.0) if up else value > 0, (metric, value)
        assert higher_is_better(metric) is up
    assert score(regression, X_test_r, y_test_r, "RMSE", "Regression") ** 2 == pytest.approx(
        score(regression, X_test_r, y_test_r, "MSE", "Regression")
    )
    assert set(DEFAULT_METRICS.values()) <= set(SCORING)
    assert {m for metrics in METRICS.values() for m in metrics} == set(SCORING)
    for metric, problem_type in [("F1", "Regression"), ("AUC", "MulticlassClassification"), ("Speed", "Regression")]:
        with pytest.raises(BadRequest) as caught:
            score(regression, X_test_r, y_test_r, metric, problem_type)
        assert caught.value.field == "AutoMLJobObjective.MetricName"


def test_tuning_hyperparameters_arrive_as_strings_and_unknown_ones_are_refused() -> None:
    kinds = {"a": "numeric"}
    hgb, xgboost, *_, mlp = candidate_definitions(kinds, "Regression")
    model = build_pipeline(hgb, {"learning_rate": "0.05", "max_iter": "30"}).named_steps["model"]
    assert model.learning_rate == 0.05 and model.max_iter == 30
    assert build_pipeline(xgboost, {"reg_lambda": "2.5"}).named_steps["model"].reg_lambda == 2.5
    # the regression MLP learns standardized targets, inside a TransformedTargetRegressor
    forest = next(d for d in candidate_definitions(kinds, "Regression") if d.algorithm == "random-forest")
    assert build_pipeline(forest, {"max_features": "1.0"}).named_steps["model"].max_features == 1.0
    assert build_pipeline(forest, {"max_features": "log2"}).named_steps["model"].max_features == "log2"
    mlp_model = build_pipeline(mlp, {"hidden_layer_sizes": "64,32"}).named_steps["model"].regressor
    assert mlp_model.hidden_layer_sizes == (64, 32)
    for hyperparameters, field in [
        ({"depth_of_sea": "3"}, "depth_of_sea"),
        ({"max_iter": "many"}, "max_iter"),
        ({"max_iter": "inf"}, "max_iter"),
    ]:
        with pytest.raises(BadRequest) as caught:
            build_pipeline(hgb, hyperparameters)
        assert caught.value.field == field
