"""Suggested constraints (`constraints.json`) and the six checks that turn a window's profile into
`constraint_violations.json`, in SageMaker Model Monitor's schemas.

The checks read the baseline as files (statistics.json and constraints.json), so files SageMaker's analyzer wrote
work here as ours do. Drift is the largest distance between the two cumulative distributions (Kolmogorov-Smirnov),
each read from its KLL sketch (items of level i weigh 2**i); categorical drift is the largest difference between the
two frequency distributions (LInfinity; ChiSquared is read as LInfinity too).
"""

from __future__ import annotations

import math
from typing import Any, Optional

import numpy as np

from .profile import FRACTIONAL, INTEGRAL, STRING, UNKNOWN, Column, Profile

MAX_DOMAIN = 20  # a string column with at most this many distinct values gets a domain (its observed values)
KS_ROBUST_ALPHA = 1.63  # c(alpha) of the two-sample KS test at alpha = 0.01: Robust asks drift beyond chance too
MONITORING_CONFIG: dict[str, Any] = {
    "evaluate_constraints": "Enabled",
    "emit_metrics": "Enabled",
    "datatype_check_threshold": 0.1,
    "domain_content_threshold": 0.1,
    "distribution_constraints": {
        "perform_comparison": "Enabled",
        "comparison_threshold": 0.1,
        "comparison_method": "Robust",
        "categorical_comparison_threshold": 0.1,
        "categorical_drift_method": "LInfinity",
    },
}


class SchemaError(ValueError):
    """A statistics or constraints file that is not in SageMaker's schema (the message names what is wrong)."""


def suggest(statistics: dict[str, Any]) -> dict[str, Any]:
    """`constraints.json` suggested from a baseline's `statistics.json`, as SageMaker's baselining job suggests."""
    features = []
    for feature in statistics["features"]:
        kind = feature["inferred_type"]
        stats = feature.get("numerical_statistics") or feature.get("string_statistics") or {}
        common = stats.get("common", {})
        present, missing = common.get("num_present", 0), common.get("num_missing", 0)
        entry: dict[str, Any] = {
            "name": feature["name"],
            "inferred_type": kind,
            "completeness": present / (present + missing) if present + missing else 0.0,
        }
        if kind in (INTEGRAL, FRACTIONAL) and "min" in stats:
            entry["num_constraints"] = {"is_non_negative": stats["min"] >= 0}
        buckets = (stats.get("distribution", {}).get("categorical") or {}).get("buckets") or []
        if kind == STRING and 0 < stats.get("distinct_count", 0) <= MAX_DOMAIN and len(buckets) <= MAX_DOMAIN:
            entry["string_constraints"] = {"domains": [b["value"] for b in buckets]}
        features.append(entry)
    return {"version": 0.0, "features": features, "monitoring_config": MONITORING_CONFIG}


def check_statistics(body: Any) -> dict[str, Any]:
    """A statistics.json body, or a SchemaError naming the first thing out of SageMaker's schema."""
    if not isinstance(body, dict) or not isinstance(body.get("features"), list):
        raise SchemaError("statistics: 'features' must be a list")
    for i, feature in enumerate(body["features"]):
        if not isinstance(feature, dict) or not isinstance(feature.get("name"), str):
            raise SchemaError(f"statistics: features[{i}].name must be a string")
        if feature.get("inferred_type") not in (INTEGRAL, FRACTIONAL, STRING, UNKNOWN):
            raise SchemaError(
                f"statistics: features[{i}].inferred_type must be Integral, Fractional, String or Unknown"
            )
    return body


def check_constraints(body: Any) -> dict[str, Any]:
    """A constraints.json body, or a SchemaError naming the first thing out of SageMaker's schema."""
    if not isinstance(body, dict) or not isinstance(body.get("features"), list):
        raise SchemaError("constraints: 'features' must be a list")
    for i, feature in enumerate(body["features"]):
        if not isinstance(feature, dict) or not isinstance(feature.get("name"), str):
            raise SchemaError(f"constraints: features[{i}].name must be a string")
        if feature.get("inferred_type", UNKNOWN) not in (INTEGRAL, FRACTIONAL, STRING, UNKNOWN):
            raise SchemaError(
                f"constraints: features[{i}].inferred_type must be Integral, Fractional, String or Unknown"
            )
        completeness = feature.get("completeness", 0.0)
        if not isinstance(completeness, (int, float)) or not 0 <= completeness <= 1:
            raise SchemaError(f"constraints: features[{i}].completeness must be a number from 0 to 1")
    config = body.get("monitoring_config", {})
    if not isinstance(config, dict):
        raise SchemaError("constraints: 'monitoring_config' must be an object")
    method = config.get("distribution_constraints", {}).get("comparison_method", "Robust")
    if method not in ("Simple", "Robust"):
        raise SchemaError(
            "constraints: monitoring_config.distribution_constraints.comparison_method is Simple or Robust"
        )
    return body


# -- distributions ------------------------------------------------------------------------------------------------
def weighted(feature: dict[str, Any]) -> Optional[tuple[np.ndarray, np.ndarray]]:
    """(sorted items, their weights) of a numeric feature's KLL sketch, or None without one."""
    kll = (feature.get("numerical_statistics") or {}).get("distribution", {}).get("kll") or {}
    data = (kll.get("sketch") or {}).get("data") or []
    items = [(float(x), 2.0**level) for level, row in enumerate(data) for x in row]
    if not items:
        return None
    array = np.array(sorted(items))
    return array[:, 0], array[:, 1]


def _sketch_items(column: Column) -> Optional[tuple[np.ndarray, np.ndarray]]:
    if column.kll.is_empty():
        return None
    array = np.array(sorted((float(x), float(w)) for x, w in column.kll))
    return array[:, 0], array[:, 1]


def ks_distance(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> float:
    """The largest gap between two cumulative distributions given as weighted items."""
    points = np.union1d(a[0], b[0])

    def cdf(dist: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        cumulative = np.cumsum(dist[1]) / dist[1].sum()
        index = np.searchsorted(dist[0], points, side="right")
        return np.where(index > 0, cumulative[np.maximum(index - 1, 0)], 0.0)

    return float(np.max(np.abs(cdf(a) - cdf(b))))


def linf_distance(a: dict[str, float], b: dict[str, float]) -> float:
    total_a, total_b = sum(a.values()) or 1.0, sum(b.values()) or 1.0
    return max((abs(a.get(k, 0) / total_a - b.get(k, 0) / total_b) for k in {*a, *b}), default=0.0)


def _percent(x: float) -> str:
    return f"{100 * x:.4g}%"


# -- the checks ---------------------------------------------------------------------------------------------------
def violations(
    current: Profile, baseline_statistics: Optional[dict[str, Any]], constraints: dict[str, Any]
) -> list[dict[str, str]]:
    """The violations of a window's profile against the baseline (`constraint_violations.json`'s list)."""
    found: list[dict[str, str]] = []

    def violation(feature: str, check: str, description: str) -> None:
        found.append({"feature_name": feature, "constraint_check_type": check, "description": description})

    config = {**MONITORING_CONFIG, **constraints.get("monitoring_config", {})}
    if config.get("evaluate_constraints", "Enabled") != "Enabled":
        return found
    expected = constraints["features"]
    names = [f["name"] for f in expected]
    if len(current.columns) < len(expected):
        violation(
            "",
            "missing_column_check",
            f"There are missing columns in current dataset. Number of columns in current dataset: "
            f"{len(current.columns)}, Number of columns in baseline constraints: {len(expected)}",
        )
    if len(current.columns) > len(expected):
        extra = [c for c in current.columns if c not in names]
        violation(
            "",
            "extra_column_check",
            f"There are extra columns in current dataset. Number of columns in current dataset: "
            f"{len(current.columns)}, Number of columns in baseline constraints: {len(expected)}"
            + (f" (extra: {', '.join(extra[:10])})" if extra else ""),
        )
    baseline = {f["name"]: f for f in (baseline_statistics or {}).get("features", [])}
    for constraint in expected:
        column = current.columns.get(constraint["name"])
        if column is None:
            continue
        overrides = {**config, **constraint.get("monitoringConfigOverrides", {})}
        if overrides.get("evaluate_constraints", "Enabled") != "Enabled":
            continue  # this feature's checks are off (Constraints.set_monitoring(False, feature_name))
        _data_type(column, constraint, overrides, violation)
        _completeness(column, constraint, violation)
        _domain(column, constraint, overrides, violation)
        if constraint["name"] in baseline:
            _drift(column, baseline[constraint["name"]], constraint, overrides, violation)
    return found


def _data_type(column: Column, constraint: dict[str, Any], config: dict[str, Any], violation: Any) -> None:
    kind = constraint.get("inferred_type", UNKNOWN)
    if kind in (STRING, UNKNOWN) or not column.present:
        return
    matching = column.integral if kind == INTEGRAL else column.numbers
    observed = matching / column.present
    if 1 - observed > float(config["datatype_check_threshold"]):
        violation(
            constraint["name"],
            "data_type_check",
            f"Data type match requirement is not met. Expected data type: {kind}, Expected match: 100%. "
            f"Observed: Only {_percent(observed)} of data is {kind}.",
        )


def _completeness(column: Column, constraint: dict[str, Any], violation: Any) -> None:
    if "completeness" not in constraint:
        return
    total = column.present + column.missing
    observed = column.present / total if total else 1.0
    if observed < float(constraint["completeness"]) - 1e-9:
        violation(
            constraint["name"],
            "completeness_check",
            f"Data completeness requirement is not met. Expected: {_percent(constraint['completeness'])}, "
            f"Observed: {_percent(observed)} ({column.missing} of {total} values missing).",
        )


def _domain(column: Column, constraint: dict[str, Any], config: dict[str, Any], violation: Any) -> None:
    domains = (constraint.get("string_constraints") or {}).get("domains")
    if not domains or not column.categories:
        return
    allowed = set(domains)
    counted = sum(column.categories.values())
    outside = {k: c for k, c in column.categories.items() if k not in allowed}
    share = sum(outside.values()) / counted
    threshold = float(config["domain_content_threshold"])
    if share > threshold:
        shown = ", ".join(sorted(outside)[:5])
        violation(
            constraint["name"],
            "categorical_values_check",
            f"Data does not meet the categorical values requirement: {_percent(share)} of values are outside the "
            f"baseline's domain ({shown}{', ...' if len(outside) > 5 else ''}).",
        )


def _drift(
    column: Column, base: dict[str, Any], constraint: dict[str, Any], config: dict[str, Any], violation: Any
) -> None:
    dist = config["distribution_constraints"]
    if dist.get("perform_comparison", "Enabled") != "Enabled":
        return
    if constraint.get("inferred_type") in (INTEGRAL, FRACTIONAL):
        # the window's numbers, even where some values are text (its type then is String; data_type_check says so)
        a, b = weighted(base), _sketch_items(column)
        if a is None or b is None:
            return
        distance = ks_distance(a, b)
        threshold = float(dist.get("comparison_threshold", 0.1))
        if dist.get("comparison_method", "Robust") == "Robust":
            n, m = a[1].sum(), b[1].sum()
            threshold = max(threshold, KS_ROBUST_ALPHA * math.sqrt((n + m) / (n * m)))
        if distance > threshold:
            violation(
                constraint["name"],
                "baseline_drift_check",
                f"Baseline drift distance: {distance:.6g} exceeds threshold: {threshold:.6g}",
            )
        return
    if constraint.get("inferred_type") == STRING:
        buckets = ((base.get("string_statistics") or {}).get("distribution", {}).get("categorical") or {}).get(
            "buckets"
        )
        if not buckets or not column.categories:
            return
        expected = {str(b["value"]): float(b["count"]) for b in buckets}
        observed = {k: float(v) for k, v in column.categories.items()}
        threshold = float(dist.get("categorical_comparison_threshold", 0.1))
        distance = linf_distance(expected, observed)
        if distance > threshold:
            violation(
                constraint["name"],
                "baseline_drift_check",
                f"Baseline drift distance: {distance:.6g} exceeds threshold: {threshold:.6g}",
            )
