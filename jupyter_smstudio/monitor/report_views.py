"""The room's views of SageMaker's files: a baseline's features (statistics.json beside constraints.json), an
execution's features against the baseline, violations, and a ModelQuality execution's metrics.

Drift is the distance baseline_drift_check computes (constraints.py: KS between the two KLL sketches, L-infinity
between category frequencies), so the room never shows a drift the check did not see. PSI and Wasserstein-1 are
extra information read from the same two sketches (an item of sketch level i weighs 2**i): PSI on the baseline's
bins (and on category frequencies for strings), Wasserstein-1 between the two sketches' weighted items.
"""

from __future__ import annotations

import math
from typing import Any, Optional

import numpy as np
from scipy.stats import wasserstein_distance

from .constraints import KS_ROBUST_ALPHA, MONITORING_CONFIG, ks_distance, linf_distance
from .profile import FRACTIONAL, INTEGRAL, STRING, UNKNOWN
from .report_models import FeatureBaseline, FeatureDrift, HistogramBin, Violation

PSI_EPSILON = 1e-4  # the share an empty bin counts as: PSI's log is finite and one empty bin does not dominate
OTHER = "(other)"  # a window's categories the baseline never saw, as one bar
Weighted = tuple[np.ndarray, np.ndarray]


def _number(value: Any) -> Optional[float]:
    """A finite number, or None (JSON has no NaN; a file may hold anything)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def obj(body: Any, *path: str) -> dict[str, Any]:
    """The object at `path` inside `body`, or {} where the file has none (or something else) there: files are
    read as they are, SageMaker's or edited by hand, and a hole shows as a blank, not an error."""
    for key in path:
        body = body.get(key) if isinstance(body, dict) else None
    return body if isinstance(body, dict) else {}


def _stats(feature: dict[str, Any]) -> dict[str, Any]:
    return obj(feature, "numerical_statistics") or obj(feature, "string_statistics")


def _sketch(feature: dict[str, Any]) -> Optional[Weighted]:
    """constraints.weighted, the same (sorted items, weights), read with numpy rather than item by item (a history
    reads a hundred windows' sketches); None where the sketch is missing or holds something else than numbers."""
    data = obj(feature, "numerical_statistics", "distribution", "kll", "sketch").get("data")
    if not isinstance(data, list) or not all(isinstance(row, list) for row in data):
        return None
    try:
        items = np.concatenate([np.asarray(row, dtype=float) for row in data] or [np.empty(0)])
    except (TypeError, ValueError):
        return None
    weights = np.concatenate([np.full(len(row), 2.0**level) for level, row in enumerate(data)] or [np.empty(0)])
    keep = np.isfinite(items)
    items, weights = items[keep], weights[keep]
    if not len(items):
        return None
    order = np.lexsort((weights, items))
    return items[order], weights[order]


def completeness(feature: Optional[dict[str, Any]]) -> Optional[float]:
    common = obj(_stats(feature or {}), "common")
    present, missing = _number(common.get("num_present")) or 0.0, _number(common.get("num_missing")) or 0.0
    return present / (present + missing) if present + missing else None


def _label(lower: float, upper: float) -> str:
    return f"{lower:.4g}–{upper:.4g}"


def _edges(feature: dict[str, Any]) -> Optional[np.ndarray]:
    """The bounds of a numeric feature's buckets (SageMaker's 10 from min to max), or None without them."""
    buckets = obj(_stats(feature), "distribution", "kll").get("buckets") or []
    try:
        edges = [float(buckets[0]["lower_bound"]), *(float(b["upper_bound"]) for b in buckets)]
    except (IndexError, KeyError, TypeError, ValueError):
        return None
    if any(b > a for a, b in zip(edges[1:], edges[:-1], strict=False)):
        return None  # not ascending: not bins
    return np.array(edges) if all(math.isfinite(e) for e in edges) else None


def _binned(dist: Weighted, edges: np.ndarray) -> np.ndarray:
    """How much of the distribution falls in each bin (a bin holds its upper bound, as kll_buckets counts;
    values beyond the baseline's range fall in its first or last bin)."""
    index = np.searchsorted(edges[1:-1], dist[0], side="left")
    return np.bincount(index, weights=dist[1], minlength=len(edges) - 1).astype(float)


def _bins(edges: np.ndarray, counts: np.ndarray) -> list[HistogramBin]:
    return [
        HistogramBin(Label=_label(edges[i], edges[i + 1]), Lower=edges[i], Upper=edges[i + 1], Count=float(c))
        for i, c in enumerate(counts)
    ]


def psi(current: np.ndarray, baseline: np.ndarray) -> Optional[float]:
    """Population stability index of two histograms on the same bins."""
    if current.sum() <= 0 or baseline.sum() <= 0:
        return None
    p = np.maximum(current / current.sum(), PSI_EPSILON)
    q = np.maximum(baseline / baseline.sum(), PSI_EPSILON)
    return float(np.sum((p - q) * np.log(p / q)))


def categories(feature: Optional[dict[str, Any]]) -> dict[str, float]:
    buckets = obj(_stats(feature or {}), "distribution", "categorical").get("buckets")
    found: dict[str, float] = {}
    for bucket in buckets if isinstance(buckets, list) else []:
        if isinstance(bucket, dict) and _number(bucket.get("count")) is not None:
            found[str(bucket.get("value"))] = found.get(str(bucket.get("value")), 0.0) + float(bucket["count"])
    return found


def histogram(feature: dict[str, Any]) -> list[HistogramBin]:
    """A baseline feature's bars: its KLL buckets, or its categories."""
    if feature.get("inferred_type") == STRING or "string_statistics" in feature:
        return [HistogramBin(Label=k, Count=v) for k, v in categories(feature).items()]
    edges = _edges(feature)
    if edges is None:
        return []
    buckets = obj(_stats(feature), "distribution", "kll")["buckets"]
    return _bins(edges, np.array([_number(obj(b).get("count")) or 0.0 for b in buckets]))


def feature_baseline(feature: dict[str, Any], constraint: dict[str, Any]) -> FeatureBaseline:
    stats = _stats(feature)
    common = obj(stats, "common")
    domains = obj(constraint, "string_constraints").get("domains")
    non_negative = obj(constraint, "num_constraints").get("is_non_negative")
    kind = feature.get("inferred_type")
    return FeatureBaseline(
        Name=str(feature.get("name")),
        InferredType=kind if kind in (INTEGRAL, FRACTIONAL, STRING) else UNKNOWN,
        NumPresent=int(_number(common.get("num_present")) or 0),
        NumMissing=int(_number(common.get("num_missing")) or 0),
        Completeness=completeness(feature) or 0.0,
        Mean=_number(stats.get("mean")),
        Sum=_number(stats.get("sum")),
        StdDev=_number(stats.get("std_dev")),
        Min=_number(stats.get("min")),
        Max=_number(stats.get("max")),
        DistinctCount=_number(stats.get("distinct_count")),
        Histogram=histogram(feature),
        ConstraintCompleteness=_number(constraint.get("completeness")),
        IsNonNegative=non_negative if isinstance(non_negative, bool) else None,
        Domains=[str(d) for d in domains] if isinstance(domains, list) else None,
    )


def by_name(body: Optional[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A statistics or constraints file's features by name."""
    features = (body or {}).get("features")
    if not isinstance(features, list):
        return {}
    return {str(f["name"]): f for f in features if isinstance(f, dict) and "name" in f}


def distribution_config(constraints: dict[str, Any], constraint: dict[str, Any]) -> dict[str, Any]:
    """The distribution_constraints that apply to a feature (its overrides over the file's over the defaults)."""
    config = {**MONITORING_CONFIG, **obj(constraints, "monitoring_config")}
    return obj({**config, **obj(constraint, "monitoringConfigOverrides")}, "distribution_constraints")


class Reference:
    """A baseline's two files, read once for every window compared with it (a history compares a hundred): its
    sketches are read back once."""

    def __init__(self, statistics: Optional[dict[str, Any]], constraints: Optional[dict[str, Any]]):
        self.constraints = constraints or {}
        self.features, self.rules = by_name(statistics), by_name(constraints)
        self._sketches: dict[str, Optional[Weighted]] = {}

    def sketch(self, name: str) -> Optional[Weighted]:
        if name not in self._sketches:
            self._sketches[name] = _sketch(self.features[name])
        return self._sketches[name]

    def drift(self, statistics: Optional[dict[str, Any]], detail: bool = True) -> list[FeatureDrift]:
        """Every feature of a window against the baseline: the baseline's in its constraints' order, then the
        window's columns the baseline does not have. Without `detail`, only what a history charts (no
        Wasserstein, no histograms)."""
        current = by_name(statistics)
        names = dict.fromkeys([*self.rules, *self.features, *current])
        return [self.feature(n, current.get(n), detail) for n in names]

    def feature(self, name: str, current: Optional[dict[str, Any]], detail: bool = True) -> FeatureDrift:
        """A feature of a window against its baseline (either may be missing: a column that came or went)."""
        base, constraint = self.features.get(name), self.rules.get(name, {})
        kind = (current or {}).get("inferred_type") or (base or {}).get("inferred_type") or UNKNOWN
        view = FeatureDrift(
            Name=name,
            InferredType=kind if kind in (INTEGRAL, FRACTIONAL, STRING) else UNKNOWN,
            Completeness=completeness(current),
            BaselineCompleteness=completeness(base) if base else _number(constraint.get("completeness")),
            Histogram=[],
            BaselineHistogram=[],
        )
        if current is None or base is None:
            return view
        expected = constraint.get("inferred_type") or base.get("inferred_type")
        dist = distribution_config(self.constraints, constraint)
        if expected in (INTEGRAL, FRACTIONAL):
            self._numeric(view, current, dist, detail)
        elif expected == STRING:
            _categorical(view, current, base, dist)
        return view

    def _numeric(self, view: FeatureDrift, current: dict[str, Any], dist: dict[str, Any], detail: bool) -> None:
        a, b = self.sketch(view.Name), _sketch(current)
        if a is None or b is None or not a[1].sum() or not b[1].sum():
            return
        view.Distance = ks_distance(a, b)
        view.Threshold = _number(dist.get("comparison_threshold", 0.1))
        if view.Threshold is not None:  # as constraints._drift: Robust asks for drift beyond chance too
            n, m = a[1].sum(), b[1].sum()
            robust = KS_ROBUST_ALPHA * math.sqrt((n + m) / (n * m))
            robust_method = dist.get("comparison_method", "Robust") == "Robust"
            view.EffectiveThreshold = max(view.Threshold, robust) if robust_method else view.Threshold
        edges = _edges(self.features[view.Name])
        if edges is not None:
            here, there = _binned(b, edges), _binned(a, edges)
            view.Psi = psi(here, there)
            if detail:
                view.Histogram, view.BaselineHistogram = _bins(edges, here), _bins(edges, there)
        if detail:
            view.Wasserstein = float(wasserstein_distance(a[0], b[0], a[1], b[1]))


def _categorical(view: FeatureDrift, current: dict[str, Any], base: dict[str, Any], dist: dict[str, Any]) -> None:
    expected, observed = categories(base), categories(current)
    if not expected or not observed:
        return
    view.Distance = linf_distance(expected, observed)
    view.Threshold = view.EffectiveThreshold = _number(dist.get("categorical_comparison_threshold", 0.1))
    keys = sorted({*expected, *observed})
    view.Psi = psi(np.array([observed.get(k, 0.0) for k in keys]), np.array([expected.get(k, 0.0) for k in keys]))
    view.Histogram = [HistogramBin(Label=k, Count=observed.get(k, 0.0)) for k in expected]
    view.BaselineHistogram = [HistogramBin(Label=k, Count=v) for k, v in expected.items()]
    other = sum(v for k, v in observed.items() if k not in expected)
    if other:  # the two lists stay aligned bar by bar
        view.Histogram.append(HistogramBin(Label=OTHER, Count=other))
        view.BaselineHistogram.append(HistogramBin(Label=OTHER, Count=0.0))


def violations(body: Optional[dict[str, Any]]) -> list[Violation]:
    found = (body or {}).get("violations")
    if not isinstance(found, list):
        return []
    return [
        Violation(
            FeatureName=str(v.get("feature_name", v.get("metric_name", ""))),  # model quality names a metric
            ConstraintCheckType=str(v.get("constraint_check_type", "")),
            Description=str(v.get("description", "")),
        )
        for v in found
        if isinstance(v, dict)
    ]


def model_quality(statistics: Optional[dict[str, Any]]) -> Optional[dict[str, float]]:
    """A ModelQuality statistics.json's metrics, `{"value": x}` entries flattened to name -> x (the confusion
    matrix and the curves are skipped); None for a DataQuality file."""
    sections = [v for k, v in (statistics or {}).items() if k.endswith("_metrics") and isinstance(v, dict)]
    if not sections:
        return None
    found: dict[str, float] = {}
    for section in sections:
        for name, entry in section.items():
            value = _number(entry.get("value")) if isinstance(entry, dict) else None
            if value is not None:
                found[name] = value
    return found
