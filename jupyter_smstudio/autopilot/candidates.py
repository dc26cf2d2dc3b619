"""Autopilot's candidate pipelines: which (preprocessing, algorithm) pairs to try, in what order, and how to score them.

A candidate definition is data (a name, the preprocessing recipe, the algorithm, its defaults and its SageMaker
HyperParameterRanges) so the room can store it, the Tuning room can search it and the candidate notebook can print it;
`build_pipeline` turns one into an unfitted scikit-learn Pipeline that takes the raw columns.
"""

from __future__ import annotations

import copy
import importlib.util
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
from sklearn import metrics as skm
from sklearn.compose import TransformedTargetRegressor
from sklearn.ensemble import (
    ExtraTreesClassifier,
    ExtraTreesRegressor,
    HistGradientBoostingClassifier,
    HistGradientBoostingRegressor,
    RandomForestClassifier,
    RandomForestRegressor,
)
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.validation import has_fit_parameter
from threadpoolctl import threadpool_limits

from ..core.errors import BadRequest
from .candidate_steps import LabelEncodedClassifier, category_columns, preprocessing
from .checks import check_metric
from .models import DataAnalysis

PROBLEM_TYPES = ("BinaryClassification", "MulticlassClassification", "Regression")
COLUMN_KINDS = ("numeric", "categorical", "text", "datetime", "id")
# two cores here and on the room's workers: more threads only contend
N_JOBS = 2
# LightGBM is not installed on these machines; when it is, its candidate joins right after the two strong defaults
LIGHTGBM_INSTALLED = importlib.util.find_spec("lightgbm") is not None


@dataclass(frozen=True)
class Preprocessing:
    """How the raw columns become the model's matrix (see candidate_steps.preprocessing)."""

    impute: bool
    scale: bool
    high_cardinality_encoding: str  # "ordinal" | "target" | "onehot"
    low_cardinality_encoding: str  # "ordinal" | "onehot"
    text_features: int  # the TF-IDF vocabulary bound per text column
    dense: bool  # HistGradientBoosting refuses sparse input


@dataclass(frozen=True)
class CandidateDefinition:
    name: str
    algorithm: str  # "hgb" | "xgboost" | "lightgbm" | "linear" | "random-forest" | "extra-trees" | "mlp"
    problem_type: str
    kinds: dict[str, str]
    cardinality: dict[str, int]
    preprocessing: Preprocessing
    hyperparameters: dict[str, Any]  # the estimator's keyword arguments, defaults
    hyperparameter_ranges: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def _continuous(name: str, low: float, high: float, log: bool = True) -> dict[str, Any]:
    scaling = "Logarithmic" if log else "Linear"
    return {"Name": name, "MinValue": str(low), "MaxValue": str(high), "ScalingType": scaling}


def _integer(name: str, low: int, high: int, log: bool = False) -> dict[str, Any]:
    scaling = "Logarithmic" if log else "Linear"
    return {"Name": name, "MinValue": str(low), "MaxValue": str(high), "ScalingType": scaling}


def _ranges(
    continuous: list[dict[str, Any]] | None = None,
    integer: list[dict[str, Any]] | None = None,
    categorical: dict[str, list[str]] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    return {
        "ContinuousParameterRanges": continuous or [],
        "IntegerParameterRanges": integer or [],
        "CategoricalParameterRanges": [{"Name": n, "Values": v} for n, v in (categorical or {}).items()],
    }


TREES = Preprocessing(False, False, "ordinal", "ordinal", 200, dense=True)
TREES_SPARSE = Preprocessing(False, False, "ordinal", "ordinal", 1000, dense=False)
IMPUTED_TREES = Preprocessing(True, False, "ordinal", "ordinal", 300, dense=False)
LINEAR = Preprocessing(True, True, "target", "onehot", 5000, dense=False)
MLP = Preprocessing(True, True, "target", "onehot", 1000, dense=False)

# (algorithm, preprocessing, defaults, ranges) in the order most likely to give a good model quickly
_RECIPES: list[tuple[str, Preprocessing, dict[str, Any], dict[str, list[dict[str, Any]]]]] = [
    (
        "hgb",
        TREES,
        # scikit-learn's defaults: the untuned baseline the benchmark holds every candidate to (200 rounds: diabetes
        # R2 0.23 against 0.28)
        {"learning_rate": 0.1, "max_iter": 100, "max_leaf_nodes": 31, "min_samples_leaf": 20, "l2_regularization": 0.0},
        _ranges(
            [_continuous("learning_rate", 0.01, 0.3), _continuous("l2_regularization", 1e-6, 10.0)],
            [_integer("max_iter", 50, 1000, log=True), _integer("max_leaf_nodes", 8, 128, log=True)]
            + [_integer("min_samples_leaf", 2, 100, log=True)],
        ),
    ),
    (
        "xgboost",
        TREES_SPARSE,
        # XGBoost's own defaults (depth 6, rate 0.3) overfit small tables: diabetes R2 0.12 against 0.29 with these
        {"n_estimators": 200, "learning_rate": 0.05, "max_depth": 4, "subsample": 0.8, "colsample_bytree": 0.8},
        _ranges(
            [_continuous("learning_rate", 0.01, 0.3), _continuous("subsample", 0.5, 1.0, log=False)]
            + [_continuous("colsample_bytree", 0.5, 1.0, log=False), _continuous("reg_lambda", 1e-3, 10.0)],
            [_integer("n_estimators", 50, 1000, log=True), _integer("max_depth", 2, 10)]
            + [_integer("min_child_weight", 1, 20, log=True)],
        ),
    ),
    (
        "lightgbm",
        TREES_SPARSE,
        {"n_estimators": 200, "learning_rate": 0.1, "num_leaves": 31},
        _ranges(
            [_continuous("learning_rate", 0.01, 0.3)],
            [_integer("n_estimators", 50, 1000, log=True), _integer("num_leaves", 8, 256, log=True)],
        ),
    ),
    (
        "linear",
        LINEAR,
        {"C": 1.0},
        _ranges([_continuous("C", 1e-3, 100.0)]),
    ),
    (
        "random-forest",
        IMPUTED_TREES,
        {"n_estimators": 200, "max_features": "sqrt", "min_samples_leaf": 1},
        _ranges(
            integer=[_integer("n_estimators", 50, 500, log=True), _integer("min_samples_leaf", 1, 20, log=True)],
            categorical={"max_features": ["sqrt", "log2", "1.0"]},
        ),
    ),
    (
        "extra-trees",
        IMPUTED_TREES,
        {"n_estimators": 200, "max_features": "sqrt", "min_samples_leaf": 1},
        _ranges(
            integer=[_integer("n_estimators", 50, 500, log=True), _integer("min_samples_leaf", 1, 20, log=True)],
            categorical={"max_features": ["sqrt", "log2", "1.0"]},
        ),
    ),
    (
        "mlp",
        MLP,
        {"hidden_layer_sizes": (64,), "alpha": 1e-4, "learning_rate_init": 1e-3, "max_iter": 300},
        _ranges(
            [_continuous("alpha", 1e-6, 1e-1), _continuous("learning_rate_init", 1e-4, 1e-2)],
            categorical={"hidden_layer_sizes": ["32", "64", "128", "64,32"]},
        ),
    ),
]


def _regression_defaults(algorithm: str, defaults: dict[str, Any]) -> dict[str, Any]:
    # Ridge's strength is alpha (the inverse of LogisticRegression's C)
    return {"alpha": 1.0} if algorithm == "linear" else defaults


def _regression_ranges(algorithm: str, ranges: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    return _ranges([_continuous("alpha", 1e-3, 100.0)]) if algorithm == "linear" else ranges


def candidate_definitions(
    kinds: dict[str, str], problem_type: str, cardinality: dict[str, int] | None = None
) -> list[CandidateDefinition]:
    """The candidates for a table, strong defaults first; `cardinality` (distinct values per categorical column,
    from the data analysis) picks one-hot versus target encoding; without it every categorical counts as low."""
    if problem_type not in PROBLEM_TYPES:
        raise BadRequest(f"problem_type must be one of {', '.join(PROBLEM_TYPES)}", field="problem_type")
    for column, kind in kinds.items():
        if kind not in COLUMN_KINDS:
            raise BadRequest(f"column {column!r} has kind {kind!r}; one of {', '.join(COLUMN_KINDS)}", field="kinds")
    features = {column: kind for column, kind in kinds.items() if kind != "id"}
    if not features:
        raise BadRequest("no feature columns left once ID-like columns are dropped", field="kinds")
    definitions: list[CandidateDefinition] = []
    for algorithm, recipe, defaults, ranges in _RECIPES:
        if algorithm == "lightgbm" and not LIGHTGBM_INSTALLED:
            continue
        if problem_type == "Regression":
            defaults, ranges = _regression_defaults(algorithm, defaults), _regression_ranges(algorithm, ranges)
        definitions.append(
            CandidateDefinition(
                name=f"dpp{len(definitions)}-{algorithm}",
                algorithm=algorithm,
                problem_type=problem_type,
                kinds=features,
                cardinality=dict(cardinality or {}),
                preprocessing=recipe,
                hyperparameters=dict(defaults),
                hyperparameter_ranges=copy.deepcopy(ranges),  # the room may edit one; the recipes stay put
            )
        )
    return definitions


def definitions_for(analysis: DataAnalysis) -> list[CandidateDefinition]:
    """The candidates for an analysed table: every column but the target and the sample weights is a feature."""
    weight = analysis.SampleWeightAttributeName
    kinds: dict[str, str] = {c.name: c.kind for c in analysis.columns if c.name != weight}
    cardinality = {c.name: c.distinct_count for c in analysis.columns if c.kind == "categorical"}
    return candidate_definitions(kinds, analysis.ProblemType, cardinality)


def _coerce(name: str, value: Any, default: Any) -> Any:
    """The Tuning room hands hyperparameters as strings (SageMaker does); read them as the default's type."""
    if not isinstance(value, str):
        return value
    try:
        if isinstance(default, bool):
            return value.strip().lower() in ("1", "true", "yes")
        if isinstance(default, int):
            return int(float(value))
        if isinstance(default, float):
            return float(value)
        if isinstance(default, tuple):
            return tuple(int(size) for size in value.split(","))
    except (ValueError, OverflowError):  # "many", "inf"
        raise BadRequest(f"hyperparameter {name} = {value!r} is not a {type(default).__name__}", field=name) from None
    # string-valued ones (max_features: "sqrt" / "log2" or a fraction like "1.0") take a number when it is one
    try:
        return float(value)
    except ValueError:
        return value


def _estimator(algorithm: str, classification: bool, params: dict[str, Any], categories: int = 0) -> Any:
    """The model; `categories`: how many leading input columns are ordinal category codes."""
    if algorithm == "hgb":
        cls: Any = HistGradientBoostingClassifier if classification else HistGradientBoostingRegressor
        return cls(random_state=0, categorical_features=list(range(categories)) or None, **params)
    if algorithm == "xgboost":
        from xgboost import XGBClassifier, XGBRegressor

        cls = XGBClassifier if classification else XGBRegressor
        return cls(tree_method="hist", n_jobs=N_JOBS, random_state=0, verbosity=0, **params)
    if algorithm == "lightgbm":  # the hook: runs wherever LightGBM is installed
        from lightgbm import LGBMClassifier, LGBMRegressor

        cls = LGBMClassifier if classification else LGBMRegressor
        # the category codes as categories (LightGBM's dataset parameter, here through its alias)
        kept = {"cat_feature": list(range(categories))} if categories else {}
        return cls(n_jobs=N_JOBS, random_state=0, verbose=-1, **kept, **params)
    if algorithm == "linear":
        return LogisticRegression(max_iter=1000, **params) if classification else Ridge(**params)
    if algorithm in ("random-forest", "extra-trees"):
        forest = {
            ("random-forest", True): RandomForestClassifier,
            ("random-forest", False): RandomForestRegressor,
            ("extra-trees", True): ExtraTreesClassifier,
            ("extra-trees", False): ExtraTreesRegressor,
        }[(algorithm, classification)]
        return forest(n_jobs=N_JOBS, random_state=0, **params)
    # no early stopping: on a few hundred rows its 10% hold-out is a dozen rows and stops at chance (iris: 0.64);
    # the training loss plateau (tol, 10 epochs) still ends it, and max_iter is the tuner's to bound
    if classification:
        return MLPClassifier(random_state=0, **params)
    # targets in the hundreds stall an MLP's small initial weights (diabetes R2 -0.78); learn them standardized
    return TransformedTargetRegressor(MLPRegressor(random_state=0, **params), transformer=StandardScaler())


def build_pipeline(definition: CandidateDefinition, hyperparameters: dict[str, Any] | None = None) -> Pipeline:
    """An unfitted Pipeline (preprocessing, model) over the raw feature columns; classifiers answer original labels."""
    params = dict(definition.hyperparameters)
    for name, value in (hyperparameters or {}).items():
        ranged = {r["Name"] for group in definition.hyperparameter_ranges.values() for r in group}
        if name not in params and name not in ranged:
            raise BadRequest(f"{definition.algorithm} has no hyperparameter {name!r}", field=name)
        params[name] = _coerce(name, value, params.get(name, 0.0))
    classification = definition.problem_type != "Regression"
    recipe = definition.preprocessing
    categories = category_columns(definition.kinds, recipe.low_cardinality_encoding, recipe.high_cardinality_encoding)
    model = _estimator(definition.algorithm, classification, params, categories)
    if classification:
        model = LabelEncodedClassifier(model)
    columns = preprocessing(
        definition.kinds,
        definition.cardinality,
        impute=recipe.impute,
        scale=recipe.scale,
        high_cardinality_encoding=recipe.high_cardinality_encoding,
        low_cardinality_encoding=recipe.low_cardinality_encoding,
        text_features=recipe.text_features,
        dense=recipe.dense,
    )
    return Pipeline([("preprocessing", columns), ("model", model)])


# below this many rows OpenMP's thread hand-offs cost more than they give: with the other core busy,
# HistGradientBoosting on wine (178 rows) takes 3-5 s on 2 threads and 0.1 s on 1 (this 2-core machine, under load)
SMALL_TABLE_ROWS = 20_000


def fit_pipeline(pipeline: Pipeline, X: Any, y: Any, threads: int | None = None) -> Pipeline:
    """Fit a candidate with the native thread pools (OpenMP, BLAS) bounded: one thread on small tables, else N_JOBS."""
    threads = threads or _threads_for(X)
    with threadpool_limits(limits=_model_threads(pipeline, threads)):
        return pipeline.fit(X, y)


def _model_threads(pipeline: Pipeline, threads: int) -> int:
    """The model's own thread count (`n_jobs`) set to `threads`: LightGBM and XGBoost start that many OpenMP threads
    past threadpool_limits, and two candidates of 2 threads each on 2 cores wait on each other's spinning threads
    (LightGBM, 425 trees on 2,250 rows: 0.35 s alone, 25 s beside a second such fit; 0.30 s each at 1 thread)."""
    params = pipeline.get_params(deep=True)
    names = [
        name
        for name in params
        if name.endswith("__n_jobs") and "model__" in name and not _fans_out(params[name.removesuffix("__n_jobs")])
    ]
    pipeline.set_params(**dict.fromkeys(names, threads))
    return threads


def _fans_out(owner: Any) -> bool:
    """A stack (its members) or a column transformer (its columns): their n_jobs start worker processes, each running
    parts that take `threads` of their own; they stay at one."""
    return hasattr(owner, "estimators") or hasattr(owner, "transformers")


def fit_candidate(pipeline: Pipeline, X: Any, y: Any, weights: Any = None) -> None:
    """Fit a candidate as its training job does: with the table's sample weights where its model takes them."""
    if weights is None:
        fit_pipeline(pipeline, X, y)
        return
    model = pipeline.steps[-1][1]
    inner = getattr(model, "estimator", None) or getattr(model, "regressor", None) or model
    if not has_fit_parameter(inner, "sample_weight"):
        print(f"smstudio: {type(inner).__name__} takes no sample weights: fitting without them", flush=True)
        fit_pipeline(pipeline, X, y)
        return
    with threadpool_limits(limits=_model_threads(pipeline, _threads_for(X))):
        pipeline.fit(X, y, model__sample_weight=np.asarray(weights, dtype=float))


def _threads_for(X: Any) -> int:
    return 1 if len(X) < SMALL_TABLE_ROWS else N_JOBS


# how each of SageMaker's objective metrics is scored: (higher is better, needs probabilities); which problem
# types each fits, and the defaults, are checks.py's
SCORING: dict[str, tuple[bool, bool]] = {
    "Accuracy": (True, False),
    "BalancedAccuracy": (True, False),
    "AUC": (True, True),
    "F1": (True, False),
    "F1macro": (True, False),
    "Precision": (True, False),
    "PrecisionMacro": (True, False),
    "Recall": (True, False),
    "RecallMacro": (True, False),
    "LogLoss": (False, True),
    "MSE": (False, False),
    "RMSE": (False, False),
    "MAE": (False, False),
    "R2": (True, False),
}


def higher_is_better(metric: str) -> bool:
    return SCORING[metric][0]


def _label_metric(metric: str, positive: Any) -> Callable[[Any, Any], float]:
    binary = {"pos_label": positive, "zero_division": 0}
    macro = {"average": "macro", "zero_division": 0}
    scorers: dict[str, Callable[[Any, Any], float]] = {
        "Accuracy": skm.accuracy_score,
        "BalancedAccuracy": skm.balanced_accuracy_score,
        "F1": lambda y, p: skm.f1_score(y, p, **binary),
        "F1macro": lambda y, p: skm.f1_score(y, p, **macro),
        "Precision": lambda y, p: skm.precision_score(y, p, **binary),
        "PrecisionMacro": lambda y, p: skm.precision_score(y, p, **macro),
        "Recall": lambda y, p: skm.recall_score(y, p, **binary),
        "RecallMacro": lambda y, p: skm.recall_score(y, p, **macro),
        "MSE": skm.mean_squared_error,
        "RMSE": skm.root_mean_squared_error,
        "MAE": skm.mean_absolute_error,
        "R2": skm.r2_score,
    }
    return scorers[metric]


def score(pipeline: Pipeline, X: Any, y: Any, metric: str, problem_type: str) -> float:
    """The fitted pipeline's objective on (X, y) in the metric's own units; `higher_is_better` says which way is up.
    Binary F1 / Precision / Recall / AUC take the second sorted label as positive (1 of 0/1, "yes" of no/yes)."""
    check_metric(metric, problem_type)  # a 400 naming AutoMLJobObjective.MetricName
    with threadpool_limits(limits=_threads_for(X)):
        return _score(pipeline, X, y, metric)


def _score(pipeline: Pipeline, X: Any, y: Any, metric: str) -> float:
    truth = np.asarray(y)
    classes: Any = getattr(pipeline, "classes_", None)
    if SCORING[metric][1]:
        proba = pipeline.predict_proba(X)
        if metric == "AUC":
            return float(skm.roc_auc_score(truth == classes[-1], proba[:, -1]))
        return float(skm.log_loss(truth, proba, labels=classes))
    positive = classes[-1] if classes is not None else None
    return float(_label_metric(metric, positive)(truth, pipeline.predict(X)))
