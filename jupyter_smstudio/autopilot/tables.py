"""Reading Autopilot's tables the same way everywhere: training, validation and serving see the same values.

pandas guesses a column's type per file (or per request): a categorical column of codes reads as integers in a
batch without gaps and as floats (1.0) in one with gaps, so a model trained on one would meet unknown categories in
the other. Here the text is read as written and typed by the data analysis's column kinds instead: numeric columns
as floats, categories (and class labels) as text with each number in one form ("1" for 1, 1.0 and 1e0), text, dates
and IDs as written; one set of missing-value markers for files and requests.
"""

from __future__ import annotations

import csv
import io
import json
import os
from typing import IO, Any, Iterable, Optional, Union

import numpy as np
import pandas as pd

from jupyter_smstudio.core.errors import BadRequest

from .models import DataAnalysis

# pandas' default na_values (read_csv's documentation), named here so that requests parsed without pandas
# (csv.reader, JSON) mark the same values missing as the training file did
MISSING_MARKERS = frozenset(
    {"", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA"}
    | {"NULL", "NaN", "None", "n/a", "nan", "null"}
)
_TRUE, _FALSE = {"true", "yes"}, {"false", "no"}
_BOOLEANS = ("True", "False", "TRUE", "FALSE")  # what pandas reads as a boolean

Source = Union[str, "os.PathLike[str]", IO[str], IO[bytes]]


def feature_columns(analysis: DataAnalysis) -> list[str]:
    """The columns a model takes, in file order: every column but the target and the sample weight (ID-like ones
    included: a request carries them, the preprocessing drops them)."""
    return [c.name for c in analysis.columns if c.name != analysis.SampleWeightAttributeName]


def feature_kinds(analysis: DataAnalysis) -> dict[str, str]:
    return {c.name: c.kind for c in analysis.columns if c.name != analysis.SampleWeightAttributeName}


def read_table(source: Source, analysis: DataAnalysis) -> pd.DataFrame:
    """A CSV with a header (train.csv, validation.csv) typed by the analysis; rows without a target are dropped
    (they teach nothing and cannot be scored)."""
    try:
        raw = pd.read_csv(source, dtype=str, keep_default_na=False, na_values=sorted(MISSING_MARKERS))
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as err:
        raise BadRequest(f"The data file cannot be read as CSV: {err}", field="InputDataConfig") from None
    expected = [analysis.TargetAttributeName, *feature_columns(analysis)]
    weight = analysis.SampleWeightAttributeName
    missing = [c for c in expected + ([weight] if weight else []) if c not in raw.columns]
    if missing:
        raise BadRequest(f"The data file lacks the analysed columns {missing}", field="InputDataConfig")
    frame = typed(raw, feature_kinds(analysis))
    target = analysis.TargetAttributeName
    if analysis.ProblemType == "Regression":
        frame[target] = pd.to_numeric(raw[target], errors="coerce")
    else:
        frame[target] = class_labels(raw[target])
    if weight:
        # a row without a weight counts once, as a row of a table without weights does
        frame[weight] = pd.to_numeric(raw[weight], errors="coerce").fillna(1.0)
    frame = frame[frame[target].notna()].reset_index(drop=True)
    if frame[target].dtype == "float64" and analysis.ProblemType != "Regression":
        if bool((frame[target] == frame[target].round()).all()):
            frame[target] = frame[target].astype("int64")  # classes 0 and 1, as pandas reads a column without gaps
    return frame


def typed(raw: pd.DataFrame, kinds: dict[str, str]) -> pd.DataFrame:
    """Columns of strings (NaN where missing) typed by kind: numbers as floats, categories as canonical text, the
    rest as the text it was."""
    out = raw.copy()
    for column, kind in kinds.items():
        if kind == "numeric":
            out[column] = as_float(raw[column])
        elif kind == "categorical":
            out[column] = canonical_text(raw[column])
        else:
            out[column] = raw[column].astype(object).where(raw[column].notna(), np.nan)
    return out


def as_float(values: pd.Series) -> pd.Series:
    """Numbers as floats; true/false (pandas reads a column of them as booleans) as 1/0; anything else missing."""
    numbers = pd.to_numeric(values, errors="coerce").astype("float64")
    text = values[numbers.isna() & values.notna()].astype(str).str.strip().str.lower()
    if len(text):
        numbers[text.index] = text.map(lambda v: 1.0 if v in _TRUE else 0.0 if v in _FALSE else np.nan)
    return numbers


def canonical_text(values: pd.Series) -> pd.Series:
    """Each value that is a number in one form ("1" for 1, 1.0 and 1e0; "0.5" for .5), value by value so that a
    request of a few rows reads a value as the whole file did; other text as written, missing as NaN."""
    numbers = pd.to_numeric(values, errors="coerce").astype("float64")
    finite = np.isfinite(numbers)
    whole = finite & (numbers == numbers.round()) & (numbers.abs() < 2**53)
    out = values.astype(object).copy()
    out[whole] = numbers[whole].astype("int64").astype(str)
    fractional = finite & ~whole
    out[fractional] = numbers[fractional].map(repr)
    return out.where(values.notna(), np.nan)


def class_labels(values: pd.Series) -> pd.Series:
    """Class labels: numbers when every label is one (as pandas reads them, so that a pipeline fitted here and one
    fitted on pandas' reading agree on the classes and their order: 2 before 10); else text, each number in one form
    (see canonical_text) and booleans lower-case, as the data analysis names classes."""
    numbers = pd.to_numeric(values, errors="coerce").astype("float64")
    present = values.notna()
    if present.any() and bool(numbers[present].notna().all()):
        return numbers
    labels = canonical_text(values)
    booleans = labels.isin(_BOOLEANS)
    labels[booleans] = labels[booleans].str.lower()
    return labels


# -- requests -------------------------------------------------------------------------------------------------------


def rows_from_csv(body: str, columns: list[str], full_width: Optional[list[str]] = None) -> pd.DataFrame:
    """CSV rows without a header, the feature columns in training order. A row as wide as the training file
    (`full_width`: its header) still carries the target (and weight) in place: those values are set aside, so the
    validation file itself can be scored."""
    rows = [row for row in csv.reader(io.StringIO(body)) if row]  # a blank line is no record, as in pandas
    if not rows:
        raise ValueError("the CSV payload holds no rows")
    widths = {len(columns)} | ({len(full_width)} if full_width else set())
    for number, row in enumerate(rows, start=1):
        if len(row) not in widths:
            raise ValueError(
                f"row {number} has {len(row)} values; the model takes {len(columns)} "
                f"(the columns {', '.join(columns)}, in this order, without the target)"
            )
    if full_width and len(full_width) != len(columns):
        keep = [full_width.index(c) for c in columns]
        rows = [[row[i] for i in keep] if len(row) == len(full_width) else row for row in rows]
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    return frame.where(~frame.isin(MISSING_MARKERS), np.nan)


def rows_from_json(data: Any, columns: list[str], ignored: Iterable[str] = ()) -> pd.DataFrame:
    """`{"instances": [...]}` or a list of instances; an instance is an object of column values (a missing
    column is a missing value; the target may stay in it), a list of values in training order, or SageMaker's
    `{"features": [...]}`."""
    instances = data.get("instances") if isinstance(data, dict) else data
    if isinstance(data, dict) and instances is None:
        instances = [data]  # one object: one row
    if not isinstance(instances, list) or not instances:
        raise ValueError('the JSON payload holds no rows: send {"instances": [{column: value}, ...]}')
    known, skipped = set(columns), set(ignored)
    rows: list[list[Any]] = []
    for number, instance in enumerate(instances, start=1):
        if isinstance(instance, dict) and set(instance) == {"features"}:
            instance = instance["features"]
        if isinstance(instance, list):
            if len(instance) != len(columns):
                raise ValueError(f"instance {number} has {len(instance)} values; the model takes {len(columns)}")
            rows.append([_text(v) for v in instance])
            continue
        if not isinstance(instance, dict):
            raise ValueError(f"instance {number} is neither an object of column values nor a list of values")
        unknown = sorted(set(instance) - known - skipped)
        if unknown:
            raise ValueError(f"instance {number} names columns the model does not know: {', '.join(unknown)}")
        rows.append([_text(instance.get(c)) for c in columns])
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    return frame.where(frame.notna() & ~frame.isin(MISSING_MARKERS), np.nan)


def _text(value: Any) -> Any:
    """A JSON value as the CSV would have written it (typed() then reads it by the column's kind)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)  # as pandas writes a boolean column to CSV
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)
