"""Data analysis for Autopilot: what a CSV holds, read in chunks so a table of millions of rows fits in memory.

Row counts, missing values, the target's class counts and the sample-weight bounds are exact (counted over every
chunk); the per-column judgements (kind, distinct count, warnings) look at a uniform sample of `max_rows` rows
(bottom-k on random keys: a reservoir that keeps file order).

Problem type inference (SageMaker documents the outcome, not thresholds): a target with two distinct values is
BinaryClassification; text is MulticlassClassification; whole numbers with at most `MAX_INTEGER_CLASSES` distinct
values are MulticlassClassification; other numbers are Regression.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from typing import IO, Any, Iterator, Optional, Union

import numpy as np
import pandas as pd

from jupyter_smstudio.core.errors import BadRequest

from . import checks
from .columns import LEAK_ROWS, as_numbers, class_codes, column_kind, leaks_target
from .models import ColumnAnalysis, ColumnWarning, DataAnalysis, ProblemType

Source = Union[str, "os.PathLike[str]", IO[bytes], IO[str]]

CHUNK_ROWS = 50_000
MAX_INTEGER_CLASSES = 20
MAX_COUNTED_CLASSES = 10_000  # beyond this the target is not a class label; counting stops (bounded memory)
MOSTLY_MISSING = 0.5
_HEAD_BYTES = 64 * 1024
_SPOOL_BYTES = 64 * 1024 * 1024


def analyze(
    source: Source,
    target: str,
    problem_type: Optional[str] = None,
    sample_weight: Optional[str] = None,
    max_rows: int = 100_000,
    seed: int = 0,
) -> DataAnalysis:
    """Analyse a CSV (a path or a file-like object) for an AutoML job; bad input raises BadRequest."""
    given = checks.check_problem_type(problem_type) if problem_type is not None else None
    if max_rows < 1:
        raise BadRequest("max_rows must be at least 1", field="max_rows")
    stream, owned = _open(source)
    try:
        stats = _Stats(target, sample_weight, max_rows, seed)
        for chunk in _chunks(stream, target, sample_weight):
            stats.add(chunk)
    finally:
        if owned:
            stream.close()
    return stats.finish(given)


class _Stats:
    """What the chunks add up to: exact counts, and the uniform sample the column judgements use."""

    def __init__(self, target: str, weight: Optional[str], max_rows: int, seed: int) -> None:
        self.target, self.weight, self.max_rows = target, weight, max_rows
        self.rng = np.random.default_rng(seed)
        self.rows = 0
        self.missing: Counter[str] = Counter()
        self.classes: Optional[Counter[Any]] = Counter()
        self.target_numeric = True
        self.target_integral = True
        self.weight_numeric = True
        self.weight_min: Optional[float] = None
        self.sample: Optional[pd.DataFrame] = None
        self.keys = np.empty(0)
        self.columns: list[str] = []

    def add(self, chunk: pd.DataFrame) -> None:
        if not self.columns:
            self.columns = list(chunk.columns)
        self.rows += len(chunk)
        self.missing.update({str(k): int(v) for k, v in chunk.isna().sum().items()})
        self._add_target(chunk[self.target])
        if self.weight is not None:
            self._add_weight(chunk[self.weight])
        self._add_sample(chunk)

    def _add_target(self, values: pd.Series) -> None:
        present = values.dropna()
        numbers = as_numbers(present)
        if numbers is None:
            self.target_numeric = self.target_integral = False
        elif not bool((numbers == numbers.round()).all()):
            self.target_integral = False
        if self.classes is not None:
            self.classes.update(present.value_counts().to_dict())
            if len(self.classes) > MAX_COUNTED_CLASSES:
                self.classes = None

    def _add_weight(self, values: pd.Series) -> None:
        numbers = as_numbers(values.dropna())
        if numbers is None:
            self.weight_numeric = False
        elif len(numbers):
            low = float(numbers.min())
            self.weight_min = low if self.weight_min is None else min(self.weight_min, low)

    def _add_sample(self, chunk: pd.DataFrame) -> None:
        keys = self.rng.random(len(chunk))
        if self.sample is not None and len(self.sample) >= self.max_rows:
            keep = keys < self.keys.max()  # rows that cannot enter the bottom-k are dropped before concat
            chunk, keys = chunk[keep], keys[keep]
        if self.sample is None:
            self.sample, self.keys = chunk.reset_index(drop=True), keys
        else:
            self.sample = pd.concat([self.sample, chunk], ignore_index=True)
            self.keys = np.concatenate([self.keys, keys])
        if len(self.sample) > self.max_rows:
            chosen = np.sort(np.argpartition(self.keys, self.max_rows)[: self.max_rows])  # sorted: file order
            self.sample, self.keys = self.sample.iloc[chosen].reset_index(drop=True), self.keys[chosen]

    def finish(self, given: Optional[ProblemType]) -> DataAnalysis:
        sample = self.sample if self.sample is not None else pd.DataFrame(columns=self.columns)
        classes = self._class_counts()
        distinct = len(classes) if classes is not None else MAX_COUNTED_CLASSES + 1
        problem_type = given or infer_problem_type(self.target_numeric, self.target_integral, distinct)
        analysis = DataAnalysis(
            TargetAttributeName=self.target,
            ProblemType=problem_type,
            SampleWeightAttributeName=self.weight,
            problem_type_inferred=given is None,
            row_count=self.rows,
            sampled_rows=len(sample),
            target_missing_count=self.missing[self.target],
            class_counts=classes if problem_type != "Regression" else None,
            columns=[],
        )
        checks.check_analysis(analysis, given, distinct, self.target_numeric)
        if self.weight is not None:
            checks.check_weights(self.weight, self.weight_numeric, self.weight_min)
        analysis.columns = self._columns(sample, problem_type != "Regression")
        return analysis

    def _class_counts(self) -> Optional[dict[str, int]]:
        if self.classes is None:
            return None
        merged: Counter[str] = Counter()
        for value, count in self.classes.items():
            merged[_label(value)] += int(count)
        return dict(merged.most_common())

    def _columns(self, sample: pd.DataFrame, classification: bool) -> list[ColumnAnalysis]:
        labelled = sample[sample[self.target].notna()]
        if len(labelled) > LEAK_ROWS:
            labelled = labelled.sample(n=LEAK_ROWS, random_state=0)
        y = labelled[self.target]
        y = class_codes(y) if classification else pd.to_numeric(y, errors="coerce").astype(float)
        out = []
        for name in self.columns:
            if name == self.target:
                continue
            values = sample[name]
            missing = self.missing[name] / self.rows if self.rows else 0.0
            kind = column_kind(name, values, self.rows)
            distinct = int(values.nunique())
            found: list[ColumnWarning] = []
            if kind == "id":
                found.append("id_like")
            if missing >= 1.0:
                found.append("empty")
            elif distinct <= 1 and missing == 0:  # one value with gaps is not constant: the gaps may be signal
                found.append("constant")
            if missing > MOSTLY_MISSING:
                found.append("mostly_missing")
            varies = not {"empty", "constant"} & set(found)
            if name != self.weight and varies and leaks_target(labelled[name], kind, y, classification):
                found.append("likely_leakage")
            out.append(
                ColumnAnalysis(name=name, kind=kind, missing_fraction=missing, distinct_count=distinct, warnings=found)
            )
        return out


def infer_problem_type(numeric: bool, integral: bool, distinct: int) -> ProblemType:
    if distinct == 2:
        return "BinaryClassification"
    if not numeric:
        return "MulticlassClassification"
    if integral and distinct <= MAX_INTEGER_CLASSES:
        return "MulticlassClassification"
    return "Regression"


def _label(value: Any) -> str:
    """A class's name as a string: 1 and 1.0 (an integer column with gaps reads as floats) are both "1"."""
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value)).lower()
    return str(value)


def _open(source: Source) -> tuple[IO[Any], bool]:
    """A seekable stream over the source (a non-seekable one is spooled), and whether this call owns it."""
    if isinstance(source, (str, os.PathLike)):
        try:
            return open(source, "rb"), True
        except OSError as err:
            raise BadRequest(f"Cannot read the data file: {err.strerror}", field=checks.INPUT_FIELD) from None
    if source.seekable():
        return source, False
    first = source.read(0)
    spool: IO[Any] = tempfile.SpooledTemporaryFile(
        max_size=_SPOOL_BYTES, mode="w+b" if isinstance(first, bytes) else "w+"
    )
    for block in iter(lambda: source.read(1 << 20), first[:0]):
        spool.write(block)
    spool.seek(0)
    return spool, True


def _chunks(stream: IO[Any], target: str, weight: Optional[str]) -> Iterator[pd.DataFrame]:
    start = stream.tell()
    head = stream.read(_HEAD_BYTES)
    stream.seek(start)
    if isinstance(head, bytes):
        checks.check_utf8(head)
        head = head.decode("utf-8", errors="ignore")
    lines = head.splitlines()[:-1] if len(head) == _HEAD_BYTES else head.splitlines()  # the last may be cut
    try:
        reader = pd.read_csv(stream, chunksize=CHUNK_ROWS, encoding="utf-8")
        first = True
        for chunk in reader:
            if first:
                columns = [str(c) for c in chunk.columns]
                checks.check_delimiter(columns, lines)
                checks.check_target_exists(columns, target)
                checks.check_weight_column(columns, weight, target)
                first = False
            yield chunk
    except UnicodeDecodeError as err:
        raise checks.not_utf8(err) from None
    except pd.errors.EmptyDataError:
        raise BadRequest("The data file is empty", field=checks.INPUT_FIELD) from None
    except pd.errors.ParserError as err:
        raise BadRequest(f"The file is not valid CSV: {err}", field=checks.INPUT_FIELD) from None
