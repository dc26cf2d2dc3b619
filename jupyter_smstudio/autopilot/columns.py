"""Per-column judgements on the analysis sample: the kind of a column, and whether it leaks the target.

The kinds are SageMaker Autopilot's: numbers, categories, free text, dates, and ID-like columns (unique per row,
named or shaped like a key) that carry no signal.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
from sklearn.tree import DecisionTreeClassifier

from .models import ColumnKind

NEARLY_UNIQUE = 0.99  # share of distinct values that makes a column unique per row
DATETIME_SHARE = 0.9  # share of values that must parse as dates
TEXT_SPACED_SHARE = 0.5  # share of values holding a space for free text
TEXT_MEAN_LENGTH = 20
TEXT_DISTINCT_SHARE = 0.3
LEAK_SCORE = 0.99  # balanced accuracy (classification) or R^2 (regression) of one column alone
LEAK_ROWS = 20_000  # rows the leakage check looks at: enough to see a mapping, cheap to fit
_DATE_PROBE = 500
_ID_NAMES = {"id", "uuid", "guid", "key", "index", "rowid", "row_id"}
_ID_SUFFIX = re.compile(r"(?:^|[_\-\s.])(?:id|uuid|guid|key)$", re.IGNORECASE)
_CAMEL_ID = re.compile(r"[a-z0-9](?:Id|ID)$")


def as_numbers(values: pd.Series) -> pd.Series | None:
    """The values as floats when every non-missing one is a number (pandas may have read a chunk as text)."""
    if pd.api.types.is_bool_dtype(values):
        return values.astype(float)
    if pd.api.types.is_numeric_dtype(values):
        return values.astype(float)
    present = values.dropna()
    # text fails on its first values: a probe spares converting (and failing) a whole column of strings
    for probe in (present.iloc[:100], present):
        if pd.to_numeric(probe, errors="coerce").isna().any():
            return None
    return pd.to_numeric(values, errors="coerce").astype(float)


def looks_like_id_name(name: str) -> bool:
    return name.strip().lower() in _ID_NAMES or bool(_ID_SUFFIX.search(name) or _CAMEL_ID.search(name))


def column_kind(name: str, values: pd.Series, total_rows: int) -> ColumnKind:
    """What the column holds, judged on the sample's non-missing values; `total_rows` is the file's row count."""
    present = values.dropna()
    if present.empty:
        return "numeric"  # nothing to judge; the "empty" warning says the rest
    nearly_unique = present.nunique() >= NEARLY_UNIQUE * len(present) and len(present) > 1
    numbers = as_numbers(present)
    if numbers is not None:
        integral = bool((numbers == numbers.round()).all())
        # an integer key: unique per row, and named like an id or spanning about one value per row of the file
        span = numbers.max() - numbers.min() + 1
        if integral and nearly_unique and (looks_like_id_name(name) or span <= 1.5 * max(total_rows, 1)):
            return "id"
        return "numeric"
    strings = present.astype(str)
    if _mostly_dates(strings):
        return "datetime"
    spaced = strings.str.contains(r"\s", regex=True).mean()
    if nearly_unique and (looks_like_id_name(name) or spaced < 1 - NEARLY_UNIQUE):
        return "id"
    if (
        spaced >= TEXT_SPACED_SHARE
        and strings.str.len().mean() >= TEXT_MEAN_LENGTH
        and strings.nunique() >= TEXT_DISTINCT_SHARE * len(strings)
    ):
        return "text"
    return "categorical"


def _mostly_dates(strings: pd.Series) -> bool:
    probe = strings.iloc[:_DATE_PROBE]
    # words alone ("May", "Sun") parse as dates: a date holds digits
    if probe.str.contains(r"\d", regex=True).mean() < DATETIME_SHARE:
        return False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "could not infer format": expected for free strings
        parsed = pd.to_datetime(probe, errors="coerce", format="mixed")
    return bool(parsed.notna().mean() >= DATETIME_SHARE)


def leaks_target(column: pd.Series, kind: ColumnKind, target: pd.Series, classification: bool) -> bool:
    """Whether this column alone predicts the target nearly perfectly (equal to it, a 1-1 mapping, a threshold).

    `column` and `target` are aligned; the target holds no missing values, and for classification it holds class
    codes (0..k-1, see `class_codes`).
    """
    n = len(target)
    if n < 2 or kind == "id":  # a unique key maps to anything in-sample: not evidence of leakage
        return False
    numbers = as_numbers(column) if kind == "numeric" else None
    keys = column.astype(str).where(column.notna(), "\0missing")
    # a mapping is only evidence when each value covers several rows
    if keys.nunique() <= n / 5 and _group_score(keys, target, classification) >= LEAK_SCORE:
        return True
    gaps = column.isna()
    # a value recorded only for one outcome (a cancellation date for customers who left): the gaps alone tell
    if gaps.any() and not gaps.all() and _group_score(gaps, target, classification) >= LEAK_SCORE:
        return True
    if numbers is None:
        return False
    filled = numbers.fillna(numbers.min() - 1 if numbers.notna().any() else 0).to_numpy().reshape(-1, 1)
    if classification:
        codes = target.to_numpy()
        tree = DecisionTreeClassifier(max_depth=3, random_state=0).fit(filled, codes)
        return balanced_accuracy(codes, tree.predict(filled)) >= LEAK_SCORE
    present = numbers.notna().to_numpy()
    if present.sum() < 2 or np.std(filled[present, 0]) == 0:
        return False
    r = np.corrcoef(filled[present, 0], target.to_numpy(dtype=float)[present])[0, 1]
    return bool(abs(r) >= LEAK_SCORE)


def class_codes(labels: pd.Series) -> pd.Series:
    """Classes as integer codes, so scoring counts with bincount instead of sorting strings."""
    return pd.Series(pd.factorize(labels.astype(str))[0], index=labels.index)


def balanced_accuracy(truth: np.ndarray, predicted: np.ndarray) -> float:
    """The mean recall over the classes present (scikit-learn's balanced accuracy, on integer codes)."""
    sizes = np.bincount(truth)
    hits = np.bincount(truth[truth == predicted], minlength=len(sizes))
    present = sizes > 0
    return float((hits[present] / sizes[present]).mean())


def _group_score(keys: pd.Series, target: pd.Series, classification: bool) -> float:
    if classification:
        # each value predicts its most frequent class: counted per (value, class) pair, no Python loop per group
        pairs = pd.DataFrame({"key": keys.to_numpy(), "label": target.to_numpy()})
        best = pairs.groupby(["key", "label"]).size().groupby(level=0).idxmax()
        predicted = pairs["key"].map(dict(best.tolist()))  # idxmax names (value, class) pairs
        return balanced_accuracy(pairs["label"].to_numpy(), predicted.to_numpy(dtype=np.int64))
    y = target.astype(float)
    total = float(((y - y.mean()) ** 2).sum())
    if total == 0:
        return 0.0
    means = y.groupby(keys.to_numpy()).transform("mean")
    return 1 - float(((y - means) ** 2).sum()) / total
