"""A baseline's constraints.json as edited in the room, checked before it is written over the suggested one: in
SageMaker's schema (constraints.py's check for data quality, quality.py's for model quality), with numbers where
the checks read numbers, naming only what the baseline has. A 400 now rather than failed executions later."""

from __future__ import annotations

import math
from typing import Any, Optional

from ..core.errors import BadRequest
from .constraints import SchemaError, check_constraints
from .report_views import obj

FIELD = "Constraints"
ENABLED = ("Enabled", "Disabled")
THRESHOLDS = ("datatype_check_threshold", "domain_content_threshold")
DISTRIBUTION_THRESHOLDS = ("comparison_threshold", "categorical_comparison_threshold")


def _refuse(message: str, field: str = FIELD) -> BadRequest:
    return BadRequest(f"'{FIELD}': {message}", field=field)


def check_edit(body: dict[str, Any], statistics: Optional[dict[str, Any]], stored: Optional[dict[str, Any]]) -> None:
    """`body` may replace `stored` (the baseline's constraints.json) of a baseline whose statistics.json is
    `statistics`; a BadRequest naming the path inside the file otherwise."""
    from . import quality  # scikit-learn's import is for model quality only

    _check_finite(body, "")
    problem = quality.problem_of(stored or {})
    if problem is not None:
        try:
            quality.check_constraints(body, problem)
        except SchemaError as err:
            raise _refuse(str(err)) from None
        known = set(obj(statistics, f"{quality.SECTION[problem]}_metrics"))
        for name in obj(body, f"{quality.SECTION[problem]}_constraints"):
            if known and name not in known:
                raise _refuse(
                    f"'{name}' is not a metric of the baseline", f"{FIELD}.{quality.SECTION[problem]}_constraints"
                )
        return
    try:
        check_constraints(body)
    except SchemaError as err:
        raise _refuse(str(err)) from None
    _check_config(body.get("monitoring_config", {}), "monitoring_config")
    listed = (statistics or {}).get("features")
    known = {str(f.get("name")) for f in listed if isinstance(f, dict)} if isinstance(listed, list) else set()
    seen: set[str] = set()
    for i, feature in enumerate(body["features"]):
        name = feature["name"]
        if known and name not in known:
            shown = ", ".join(sorted(known)[:10])
            raise _refuse(
                f"features[{i}].name '{name}' is not a feature of the baseline ({shown})", f"{FIELD}.features"
            )
        if name in seen:
            raise _refuse(f"features[{i}].name '{name}' is there twice", f"{FIELD}.features")
        seen.add(name)
        _check_feature(feature, f"features[{i}]")


def _check_finite(value: Any, where: str) -> None:
    """No NaN or Infinity anywhere (Python's JSON reads them; SageMaker's and the browser's do not)."""
    if isinstance(value, float) and not math.isfinite(value):
        raise _refuse(f"{where or 'the file'} must be a finite number")
    if isinstance(value, dict):
        for key, item in value.items():
            _check_finite(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _check_finite(item, f"{where}[{i}]")


def _check_feature(feature: dict[str, Any], where: str) -> None:
    for key in ("num_constraints", "string_constraints", "monitoringConfigOverrides"):
        if key in feature and not isinstance(feature[key], dict):
            raise _refuse(f"{where}.{key} must be an object")
    non_negative = obj(feature, "num_constraints").get("is_non_negative", False)
    if not isinstance(non_negative, bool):
        raise _refuse(f"{where}.num_constraints.is_non_negative must be true or false")
    domains = obj(feature, "string_constraints").get("domains", [])
    if not isinstance(domains, list) or not all(isinstance(d, str) for d in domains):
        raise _refuse(f"{where}.string_constraints.domains must be a list of strings")
    _check_config(feature.get("monitoringConfigOverrides", {}), f"{where}.monitoringConfigOverrides")


def _check_config(config: Any, where: str) -> None:
    """monitoring_config (or a feature's overrides of it): the switches and the thresholds the checks read."""
    if not isinstance(config, dict):
        raise _refuse(f"{where} must be an object")
    distribution = config.get("distribution_constraints", {})
    if not isinstance(distribution, dict):
        raise _refuse(f"{where}.distribution_constraints must be an object")
    for path, value in [
        *((f"{where}.{k}", config[k]) for k in THRESHOLDS if k in config),
        *(
            (f"{where}.distribution_constraints.{k}", distribution[k])
            for k in DISTRIBUTION_THRESHOLDS
            if k in distribution
        ),
    ]:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise _refuse(f"{path} must be a number from 0 to 1")
    for path, value in (
        (f"{where}.evaluate_constraints", config.get("evaluate_constraints", "Enabled")),
        (f"{where}.distribution_constraints.perform_comparison", distribution.get("perform_comparison", "Enabled")),
    ):
        if value not in ENABLED:
            raise _refuse(f"{path} is Enabled or Disabled")
    method = distribution.get("comparison_method", "Robust")
    if method not in ("Simple", "Robust"):
        raise _refuse(f"{where}.distribution_constraints.comparison_method is Simple or Robust")
