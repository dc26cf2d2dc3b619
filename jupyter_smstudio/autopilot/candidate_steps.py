"""The building blocks of Autopilot's candidate pipelines: per-kind column preprocessing and a label-encoding wrapper.

Everything here is a scikit-learn estimator or a module-level function, so a fitted pipeline pickles (the inference
pipeline is served from a pickle) and the generated candidate notebook can import the same names.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.impute import SimpleImputer
from sklearn.model_selection import KFold
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import (
    FunctionTransformer,
    LabelEncoder,
    OneHotEncoder,
    OrdinalEncoder,
    StandardScaler,
    TargetEncoder,
)

DATETIME_PARTS = ("year", "month", "day", "weekday", "hour")
MISSING_CATEGORY = "__missing__"
# past this many distinct values one-hot gets wide and sparse; linear models and the MLP target-encode instead
HIGH_CARDINALITY = 20
# ordinal codes stay under HistGradientBoosting's 255 bins (it splits them as categories): rarer ones are merged
MAX_ORDINAL_CATEGORIES = 250


def datetime_parts(frame: pd.DataFrame) -> pd.DataFrame:
    """Year, month, day, weekday and hour of each date column; unparseable or missing dates become NaN."""
    parts: dict[str, Any] = {}
    for column in frame.columns:
        stamps = pd.to_datetime(frame[column], errors="coerce", format="mixed")
        for part in DATETIME_PARTS:
            values = stamps.dt.dayofweek if part == "weekday" else getattr(stamps.dt, part)
            parts[f"{column}_{part}"] = values.astype("float64")
    return pd.DataFrame(parts, index=frame.index)


def datetime_part_names(_transformer: Any, columns: Any) -> list[str]:
    return [f"{column}_{part}" for column in columns for part in DATETIME_PARTS]


def as_category_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Categories as strings with one marker for missing, so mixed ints/strings/NaN never trip the encoders."""
    return frame.astype("object").where(frame.notna(), MISSING_CATEGORY).astype(str)


def as_document(column: pd.Series) -> pd.Series:
    """One text column as documents; a missing text is an empty document."""
    return column.fillna("").astype(str)


def numeric_step(impute: bool, scale: bool) -> Any:
    """HistGradientBoosting and XGBoost split on NaN natively; the others need it imputed (with a missing flag)."""
    steps: list[Any] = []
    if impute:
        steps.append(SimpleImputer(strategy="median", add_indicator=True))
    if scale:
        steps.append(StandardScaler())
    return make_pipeline(*steps) if steps else "passthrough"


def categorical_step(encoding: str) -> Pipeline:
    """ordinal: one integer per category (trees); onehot: indicator columns (linear, MLP); target: class means."""
    text = FunctionTransformer(as_category_text, feature_names_out="one-to-one")
    if encoding == "ordinal":
        # an unseen category is -1, which HistGradientBoosting's categorical splits take as missing
        encoder: Any = OrdinalEncoder(
            handle_unknown="use_encoded_value", unknown_value=-1, max_categories=MAX_ORDINAL_CATEGORIES
        )
    elif encoding == "onehot":
        encoder = OneHotEncoder(handle_unknown="infrequent_if_exist", max_categories=HIGH_CARDINALITY)
    else:
        # cross-fitted (the encoder's own K folds) so a row never sees its own target; seeded for reruns
        encoder = make_pipeline(TargetEncoder(cv=KFold(5, shuffle=True, random_state=0)), StandardScaler())
    return make_pipeline(text, encoder)


def text_step(max_features: int) -> Pipeline:
    # a bounded vocabulary keeps the width (and, dense for HistGradientBoosting, the memory) predictable
    return make_pipeline(
        FunctionTransformer(as_document, feature_names_out="one-to-one"),
        TfidfVectorizer(max_features=max_features, sublinear_tf=True),
    )


def datetime_step(impute: bool, scale: bool) -> Pipeline:
    # years sit near 2000: unscaled they swamp a linear model or an MLP
    steps: list[Any] = [FunctionTransformer(datetime_parts, feature_names_out=datetime_part_names)]
    if impute:
        steps.append(SimpleImputer(strategy="median", keep_empty_features=True))
    if scale:
        steps.append(StandardScaler())
    return make_pipeline(*steps)


def preprocessing(
    kinds: dict[str, str],
    cardinality: dict[str, int],
    *,
    impute: bool,
    scale: bool,
    high_cardinality_encoding: str,
    low_cardinality_encoding: str,
    text_features: int,
    dense: bool,
) -> ColumnTransformer:
    """One ColumnTransformer over the raw columns; ID columns (and any column not named) are dropped. The category
    columns come first, so with ordinal encoding the first `category_columns` outputs are their codes."""
    by_kind: dict[str, list[str]] = {}
    for column, kind in kinds.items():
        by_kind.setdefault(kind, []).append(column)
    low = [c for c in by_kind.get("categorical", []) if cardinality.get(c, 0) <= HIGH_CARDINALITY]
    high = [c for c in by_kind.get("categorical", []) if cardinality.get(c, 0) > HIGH_CARDINALITY]
    parts: list[tuple[str, Any, Any]] = []
    if low:
        parts.append(("categorical", categorical_step(low_cardinality_encoding), low))
    if high:
        parts.append(("high_cardinality", categorical_step(high_cardinality_encoding), high))
    if by_kind.get("numeric"):
        parts.append(("numeric", numeric_step(impute, scale), by_kind["numeric"]))
    for column in by_kind.get("text", []):
        # TfidfVectorizer wants one column of documents: a string selector hands it a Series
        parts.append((f"text_{column}", text_step(text_features), column))
    if by_kind.get("datetime"):
        parts.append(("datetime", datetime_step(impute, scale), by_kind["datetime"]))
    return ColumnTransformer(parts, remainder="drop", sparse_threshold=0.0 if dense else 0.3)


def category_columns(kinds: dict[str, str], low_cardinality_encoding: str, high_cardinality_encoding: str) -> int:
    """How many of `preprocessing`'s first outputs are category codes (one each, when both encodings are ordinal):
    HistGradientBoosting splits those as categories (a set of codes each way), not as numbers in an arbitrary order
    (on a table with a 60-value neighbourhood, half the error)."""
    if low_cardinality_encoding != "ordinal" or high_cardinality_encoding != "ordinal":
        return 0
    return sum(kind == "categorical" for kind in kinds.values())


class LabelEncodedClassifier(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """Fits the classifier on 0..n-1 codes (XGBoost needs them) and answers predictions in the original labels."""

    def __init__(self, estimator: Any = None) -> None:
        self.estimator = estimator

    def fit(self, X: Any, y: Any, **fit_params: Any) -> LabelEncodedClassifier:
        self.encoder_ = LabelEncoder().fit(np.asarray(y))
        self.classes_ = self.encoder_.classes_
        self.estimator_ = clone(self.estimator).fit(X, self.encoder_.transform(np.asarray(y)), **fit_params)
        return self

    def predict(self, X: Any) -> Any:
        return self.encoder_.inverse_transform(np.asarray(self.estimator_.predict(X)).astype(int).ravel())

    def predict_proba(self, X: Any) -> Any:
        return self.estimator_.predict_proba(X)
