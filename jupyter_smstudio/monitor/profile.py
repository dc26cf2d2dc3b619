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
import operator
from collections import deque
from dataclasses import dataclass, field
from itertools import compress, islice
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
    average: float = 0.0  # of the numbers so far
    spread: float = 0.0  # sum of squared deviations from `average` (merged as Chan et al.: exact, and stable)
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
            gaps = np.isnan(array)
            present = array[~gaps] if gaps.any() else array  # no copy in the common case of nothing missing
            self.missing += len(array) - len(present)
            self._numbers(present, integral=_whole(present))
            return
        self._text(values.to_numpy(dtype=object))

    def _text(self, array: np.ndarray) -> None:
        """Text: each distinct value is looked at once (a column of 20 cities costs 20 parses, not a row each).
        pandas' factorize + bincount, not value_counts: the latter costs 5x as much on a column of unique ids; and
        each pass over the distinct values is a C loop (map, set, numpy), not a Python one, where it can be."""
        codes, uniques = pd.factorize(array)  # missing (None, NaN) -> -1
        seen = codes[codes >= 0]
        self.missing += len(codes) - len(seen)
        if not len(seen):
            return
        raw = np.bincount(seen, minlength=len(uniques))
        texts = uniques if pd.api.types.infer_dtype(uniques, skipna=False) == "string" else uniques.astype(str)
        keys = list(map(str.strip, texts.tolist()))
        if any(map(operator.is_not, keys, texts.tolist())) and len(set(keys)) < len(keys):
            codes, unique_keys = pd.factorize(np.array(keys, dtype=object))  # " a" and "a": one value, stripped
            raw = np.bincount(codes, weights=raw, minlength=len(unique_keys)).astype(np.int64)
            keys = unique_keys.tolist()
        if "" in keys:  # blank is missing
            blank = keys.index("")
            self.missing += int(raw[blank])
            raw = np.delete(raw, blank)
            del keys[blank]
            if not keys:
                return
        parsed = _parse_numbers(keys)
        numeric = ~np.isnan(parsed)
        weights = raw[numeric]
        # "1.0" is Fractional to SageMaker (its pattern has a point); "1" is Integral
        dotted = np.array([("." in k or "e" in k or "E" in k) for k in compress(keys, numeric.tolist())], dtype=bool)
        whole = (np.floor(parsed[numeric]) == parsed[numeric]) & ~dotted
        integral = int(weights[whole].sum())
        self.integral += integral
        self.fractional += int(weights.sum()) - integral
        self.strings += int(raw[~numeric].sum())
        self.present += int(raw.sum())
        self._moments(np.repeat(parsed[numeric], weights))
        self._count(keys, raw)

    def _numbers(self, array: np.ndarray, integral: bool) -> None:
        self.present += len(array)
        if integral:
            self.integral += len(array)
        else:
            self.fractional += len(array)
        self._moments(array)

    def _moments(self, array: np.ndarray) -> None:
        """Sum, mean and spread of the new numbers (`self.numbers` already counts them), merged into the column's.
        No BLAS call (np.dot): its threads cost more than the sum itself on a busy machine."""
        if not len(array):
            return
        count, chunk_sum = len(array), float(array.sum())
        chunk_mean = chunk_sum / count
        deviations = array - chunk_mean
        chunk_spread = float(np.einsum("i,i->", deviations, deviations))
        self._combine(self.numbers - count, count, chunk_mean, chunk_spread)
        self.total += chunk_sum
        self.low = min(self.low, float(array.min()))
        self.high = max(self.high, float(array.max()))
        # sorted first: the sketch sorts each level-0 buffer it compacts, and sorted input makes that cheap (numpy's
        # sort + the update: 23 ns a value, against 28 for the update alone); the sketch's error bound holds for any
        # order of its input. np.sort also gives the contiguous, writable array the sketch takes.
        self.kll.update(np.sort(array))

    def _combine(self, n: int, m: int, mean: float, spread: float) -> None:
        """Merge (m numbers, their mean and spread) into this column's n."""
        if m == 0:
            return
        total = n + m
        delta = mean - self.average
        self.spread += spread + delta * delta * n * m / total
        self.average += delta * m / total

    def _count(self, keys: list[str], counts: np.ndarray) -> None:
        """Distinct values (HLL) and the counts of the first MAX_CATEGORIES values. The known values are found by
        a set intersection (a C loop) and the new ones taken until the room is full: a chunk of unique ids once
        the room is full costs the HLL updates and the intersection alone."""
        if self.hll is None:
            self.hll = hll_sketch(HLL_LG_K)
        deque(map(self.hll.update, keys), maxlen=0)
        categories = self.categories
        known = categories.keys() & keys
        if known:
            where = {key: i for i, key in enumerate(keys) if key in known}
            for key, i in where.items():
                categories[key] += int(counts[i])
        room = MAX_CATEGORIES - len(categories)
        if room > 0:
            new = islice((i for i, key in enumerate(keys) if key not in categories), room)
            categories.update((keys[i], int(counts[i])) for i in list(new))

    def merge(self, other: Column) -> None:
        self._combine(self.numbers, other.numbers, other.average, other.spread)
        for name in ("present", "missing", "integral", "fractional", "strings", "total"):
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

    # -- pickling (a worker's profile travels to the one that merges) ----------------------------------------------
    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["kll"] = self.kll.serialize()
        state["hll"] = self.hll.serialize_compact() if self.hll is not None else None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        state["kll"] = kll_doubles_sketch.deserialize(state["kll"])
        state["hll"] = hll_sketch.deserialize(state["hll"]) if state["hll"] is not None else None
        self.__dict__.update(state)

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
        variance = self.spread / n  # the population's, as SageMaker's analyzer (Deequ) reports std_dev
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
                "distribution": {
                    "kll": {"buckets": kll_buckets(self.kll, self.low, self.high), "sketch": sketch(self.kll)}
                },
            },
        }


# the ASCII chars pandas' number parsing can start at ("inf", "Infinity" too; not "nan": it counts as a string)
NUMBER_STARTS = np.isin(np.arange(128), [ord(c) for c in "0123456789+-.iI"])


def _parse_numbers(keys: list[str]) -> np.ndarray:
    """Each key as a number, NaN where it is not one (nor "nan": SageMaker's pattern takes it for a string).
    Only the keys that can start a number are parsed: a column of ids ("u1", "u2", ...) costs a look at a char,
    the first chars read at once from the keys joined as UTF-32 (4 bytes a char: a key starts at the sum of the
    lengths before it)."""
    parsed = np.full(len(keys), np.nan)
    chars = np.frombuffer("".join(keys).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))  # no key is blank here
    first = chars[np.cumsum(lengths) - lengths]
    candidates = np.flatnonzero((first > 127) | NUMBER_STARTS[np.minimum(first, 127)])
    if len(candidates):
        texts = np.array([keys[i] for i in candidates.tolist()], dtype=object)
        parsed[candidates] = np.asarray(pd.to_numeric(texts, errors="coerce"), dtype=np.float64)
    return parsed


def _whole(array: np.ndarray) -> bool:
    """Every value a whole number; a first slice answers most fractional columns without a pass over all."""
    head = array[:1024]
    if not np.array_equal(np.floor(head), head):
        return False
    return bool(np.array_equal(np.floor(array), array))


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
