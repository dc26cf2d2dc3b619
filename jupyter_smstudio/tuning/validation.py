"""Checks of a tuning request (a 400 naming the field, before any training job starts), and the
tuned values of a trial as its training job saw them. No Optuna here: readers never load it."""

from __future__ import annotations

import math
from typing import Any, Union

from ..core.errors import BadRequest
from .models import (
    CategoricalParameterRange,
    ContinuousParameterRange,
    IntegerParameterRange,
    ParameterRanges,
    TuningJobRequest,
)

GRID_LIMIT = 500  # the most training jobs one tuning job may run
ParameterRange = Union[ContinuousParameterRange, IntegerParameterRange, CategoricalParameterRange]


def tuned_values(ranges: ParameterRanges, params: dict[str, Any]) -> dict[str, Any]:
    """A trial's stored (Optuna) values as hyperparameters: ReverseLogarithmic ranges are searched as 1 - x."""
    reversed_names = {r.name for r in ranges.continuous_parameter_ranges if r.scaling_type == "ReverseLogarithmic"}
    return {k: (1 - v if k in reversed_names else v) for k, v in params.items()}


def grid_size(ranges: ParameterRanges) -> int:
    sizes = [len(r.values) for r in ranges.categorical_parameter_ranges]
    sizes += [r.max_value - r.min_value + 1 for r in ranges.integer_parameter_ranges]
    return math.prod(sizes)


def validate(req: TuningJobRequest) -> int:
    """Every check a request can fail; returns the number of training jobs to run."""
    ranges = req.parameter_ranges
    field = "parameter_ranges"
    all_ranges: list[tuple[str, ParameterRange]] = [
        ("continuous_parameter_ranges", r) for r in ranges.continuous_parameter_ranges
    ]
    all_ranges += [("integer_parameter_ranges", r) for r in ranges.integer_parameter_ranges]
    all_ranges += [("categorical_parameter_ranges", r) for r in ranges.categorical_parameter_ranges]
    if not all_ranges:
        raise BadRequest("'parameter_ranges' names no parameter to tune", field=field)
    if len(all_ranges) > 30:
        raise BadRequest("at most 30 parameters may be tuned at once", field=field)
    seen: set[str] = set()
    static = set(req.training_job.hyperparameters)
    counters: dict[str, int] = {}
    for kind, r in all_ranges:
        i = counters[kind] = counters.get(kind, -1) + 1
        where = f"{field}.{kind}.{i}"
        if r.name in seen:
            raise BadRequest(f"parameter '{r.name}' is given two ranges", field=f"{where}.name")
        if r.name in static:
            raise BadRequest(
                f"parameter '{r.name}' is both tuned and a static hyperparameter of training_job", field=f"{where}.name"
            )
        seen.add(r.name)
        _check_range(kind, r, where)
    names = [md.name for md in req.training_job.metric_definitions]
    if req.objective.metric_name not in names:
        raise BadRequest(
            f"the objective metric '{req.objective.metric_name}' is not one of training_job."
            f"metric_definitions ({', '.join(names) or 'none'}): the job must report it",
            field="objective.metric_name",
        )
    if req.strategy == "Grid":
        if ranges.continuous_parameter_ranges:
            raise BadRequest(
                "the Grid strategy takes categorical and integer ranges only",
                field=f"{field}.continuous_parameter_ranges",
            )
        size = grid_size(ranges)
        if size > GRID_LIMIT:
            raise BadRequest(f"the grid has {size} points; at most {GRID_LIMIT} training jobs may run", field=field)
        return min(req.max_jobs or size, size)
    if req.strategy == "Hyperband" and req.early_stopping_type != "Off":
        raise BadRequest(
            "Hyperband stops jobs early by itself: early_stopping_type must be Off", field="early_stopping_type"
        )
    if req.hyperband is not None:
        if req.strategy != "Hyperband":
            raise BadRequest("'hyperband' is for the Hyperband strategy only", field="hyperband")
        if req.hyperband.min_resource > req.hyperband.max_resource:
            raise BadRequest("hyperband.min_resource must not exceed max_resource", field="hyperband.min_resource")
    return req.max_jobs or 1


def _check_range(kind: str, r: Any, where: str) -> None:
    if kind == "categorical_parameter_ranges":
        if len(set(r.values)) != len(r.values):
            raise BadRequest(f"parameter '{r.name}' lists a value twice", field=f"{where}.values")
        return
    if kind == "continuous_parameter_ranges" and not (math.isfinite(r.min_value) and math.isfinite(r.max_value)):
        raise BadRequest(f"parameter '{r.name}': min_value and max_value must be finite", field=f"{where}.min_value")
    if r.min_value > r.max_value or (kind == "continuous_parameter_ranges" and r.min_value == r.max_value):
        raise BadRequest(f"parameter '{r.name}': min_value must be below max_value", field=f"{where}.min_value")
    if r.scaling_type == "Logarithmic" and r.min_value <= 0:
        raise BadRequest(f"parameter '{r.name}': a Logarithmic range needs min_value > 0", field=f"{where}.min_value")
    if r.scaling_type == "ReverseLogarithmic" and not (0 <= r.min_value and r.max_value < 1):
        raise BadRequest(f"parameter '{r.name}': a ReverseLogarithmic range lies in [0, 1)", field=f"{where}.max_value")
