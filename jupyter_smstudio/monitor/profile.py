"""A dataset's profile in SageMaker Model Monitor's `statistics.json` schema, built chunk by chunk.

Each column keeps counters (present, missing, values of each inferred type), moments (sum, sum of squares,
min, max), a KLL quantile sketch and, for strings, a distinct-count sketch (HLL) and the counts of its first
values (capped), all from Apache DataSketches; every part merges, so a dataset can be profiled in chunks, by
several workers, and the profiles merged (`Profile.merge`).

Types are inferred as SageMaker's analyzer (Deequ) infers them: a column with any string is String, else with any
fractional value Fractional, else with any integral value Integral, else (nothing present) Unknown.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Optional

import numpy as np
import pandas as pd
from datasketches import hll_sketch, hll_union, kll_doubles_sketch

KLL_K = 200  # DataSketches' default: normalized rank error about 1.65%
KLL_C = 2 / 3  # DataSketches KLL's capacity decay per level (SageMaker's files say 0.64: Deequ's)
HLL_LG_K = 12
MAX_CATEGORIES = 1000  # string values counted one by one; beyond, only the distinct count grows
BUCKETS = 10  # SageMaker materializes a distribution in 10 buckets
INTEGRAL, FRACTIONAL, STRING, UNKNOWN = "Integral", "Fractional", "String", "Unknown"


@dataclass
class Column:
    name: str
    present: int = 0
    missing: int = 0
    integral: int = 0
    fractional: int = 0
    strings: int = 0
    total: float = 0.0
    squares: float = 0.0
    low: float = math.inf
    high: float = -math.inf
    kll: kll_doubles_sketch = field(default_factory=lambda: kll_doubles_sketch(KLL_K))
    hll: Optional[hll_sketch] = None
    categories: dict[str, int] = field(default_factory=dict)

    @property
    def inferred_type(self) -> str:
        if self.strings:
            return STRING
        if self.fractional:
            return FRACTIONAL
        return INTEGRAL if self.integral else UNKNOWN

    @property
    def numbers(self) -> int:
        return self.integral + self.fractional

    # -- updates ----------------------------------------------------------------------------------------------
    def add(self, values: pd.Series) -> None:
        """One chunk of this column's values (any dtype: numbers parsed by the reader, or text)."""
        if values.dtype.kind in "iub":
            self._numbers(values.to_numpy(dtype=np.float64), integral=True)
            return
        if values.dtype.kind == "f":
            array = values.to_numpy()
            present = array[~np.isnan(array)]
            self.missing += len(array) - len(present)
            self._numbers(present, integral=bool(np.all(np.floor(present) == present)))
            return
        text = values.astype("string").str.strip()
        empty = text.isna() | (text == "")
        self.missing += int(empty.sum())
        text = text[~empty]
        parsed = pd.to_numeric(text, errors="coerce")
        numeric = parsed.notna().to_numpy()
        numbers = parsed[numeric].to_numpy(dtype=np.float64)
        whole = np.floor(numbers) == numbers
        # "1.0" is Fractional to SageMaker (its pattern has a point); "1" is Integral
        dotted = text[numeric].str.contains(r"[.eE]", regex=True).to_numpy(dtype=bool)
        integral = int((whole & ~dotted).sum())
        self.integral += integral
        self.fractional += len(numbers) - integral
        self.present += len(numbers)
        self._moments(numbers)
        words = text[~numeric]
        self.strings += len(words)
        self.present += len(words)
        self._count(text)

    def _numbers(self, array: np.ndarray, integral: bool) -> None:
        self.present += len(array)
        if integral:
            self.integral += len(array)
        else:
            self.fractional += len(array)
        self._moments(array)

    def _moments(self, array: np.ndarray) -> None:
        if not len(array):
            return
        self.total += float(array.sum())
        self.squares += float(np.dot(array, array))
        self.low = min(self.low, float(array.min()))
        self.high = max(self.high, float(array.max()))
        self.kll.update(array)

    def _count(self, text: pd.Series) -> None:
        if not len(text):
            return
        counts = text.value_counts(sort=False)
        if self.hll is None:
            self.hll = hll_sketch(HLL_LG_K)
        for value, count in counts.items():
            self.hll.update(str(value))
            key = str(value)
            if key in self.categories or len(self.categories) < MAX_CATEGORIES:
                self.categories[key] = self.categories.get(key, 0) + int(count)

    def merge(self, other: Column) -> None:
        for name in ("present", "missing", "integral", "fractional", "strings", "total", "squares"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.low, self.high = min(self.low, other.low), max(self.high, other.high)
        self.kll.merge(other.kll)
        if other.hll is not None:
            union = hll_union(HLL_LG_K)
            for sketch in (self.hll, other.hll):
                if sketch is not None:
                    union.update(sketch)
            self.hll = union.get_result()
        for key, count in other.categories.items():
            if key in self.categories or len(self.categories) < MAX_CATEGORIES:
                self.categories[key] = self.categories.get(key, 0) + count

    # -- statistics.json ----------------------------------------------------------------------------------------
    def feature(self) -> dict[str, Any]:
        common = {"num_present": self.present, "num_missing": self.missing}
        kind = self.inferred_type
        if kind == STRING or (kind == UNKNOWN and self.categories):
            buckets = [{"value": v, "count": c} for v, c in sorted(self.categories.items(), key=lambda kv: -kv[1])]
            return {
                "name": self.name,
                "inferred_type": kind,
                "string_statistics": {
                    "common": common,
                    "distinct_count": round(self.hll.get_estimate()) if self.hll is not None else 0,
                    "distribution": {"categorical": {"buckets": buckets}},
                },
            }
        if kind == UNKNOWN:
            return {"name": self.name, "inferred_type": kind, "numerical_statistics": {"common": common}}
        n = self.numbers
        mean = self.total / n
        variance = max(self.squares / n - mean * mean, 0.0)
        return {
            "name": self.name,
            "inferred_type": kind,
            "numerical_statistics": {
                "common": common,
                "mean": mean,
                "sum": self.total,
                "std_dev": math.sqrt(variance),
                "min": self.low,
                "max": self.high,
                "distribution": {"kll": {"buckets": kll_buckets(self.kll, self.low, self.high), "sketch": sketch(self.kll)}},
            },
        }


def kll_buckets(kll: kll_doubles_sketch, low: float, high: float) -> list[dict[str, float]]:
    """The distribution in SageMaker's 10 equal-width buckets from min to max, counts from the sketch."""
    if kll.is_empty():
        return []
    if high <= low:
        return [{"lower_bound": low, "upper_bound": high, "count": float(kll.n)}]
    edges = np.linspace(low, high, BUCKETS + 1)
    cdf = [0.0, *kll.get_cdf(list(edges[1:-1]), True), 1.0]  # ranks inclusive of each upper edge
    cdf[0] = 0.0
    n = kll.n
    return [
        {"lower_bound": float(edges[i]), "upper_bound": float(edges[i + 1]), "count": (cdf[i + 1] - cdf[i]) * n}
        for i in range(BUCKETS)
    ]


def sketch(kll: kll_doubles_sketch) -> dict[str, Any]:
    """The sketch as SageMaker writes it: its parameters and its retained items by level (an item of level i
    stands for 2**i values)."""
    levels: dict[int, list[float]] = {}
    for item, weight in kll:
        levels.setdefault(int(weight).bit_length() - 1, []).append(float(item))
    data = [levels.get(level, []) for level in range(max(levels, default=-1) + 1)]
    return {"parameters": {"c": KLL_C, "k": float(kll.k)}, "data": data}


class Profile:
    """Every column's profile, in the order the columns were first seen."""

    def __init__(self) -> None:
        self.columns: dict[str, Column] = {}
        self.rows = 0

    def column(self, name: str) -> Column:
        found = self.columns.get(name)
        if found is None:
            found = self.columns[name] = Column(name)
            found.missing += self.rows  # rows before it was seen did not have it
        return found

    def add(self, frame: pd.DataFrame) -> None:
        for name in frame.columns:
            self.column(str(name)).add(frame[name])
        for name, col in self.columns.items():
            if name not in frame.columns:
                col.missing += len(frame)
        self.rows += len(frame)

    def merge(self, other: Profile) -> None:
        for name, col in other.columns.items():
            if name in self.columns:
                self.columns[name].merge(col)
            else:
                self.column(name).merge(col)
        for name, col in self.columns.items():
            if name not in other.columns:
                col.missing += other.rows
        self.rows += other.rows

    def statistics(self) -> dict[str, Any]:
        """`statistics.json`."""
        return {
            "version": 0.0,
            "dataset": {"item_count": self.rows},
            "features": [col.feature() for col in self.columns.values()],
        }
