"""SageMaker's parameter ranges and strategies as Optuna distributions, samplers and pruners.

Optuna does the searching (TPE for "Bayesian", random, grid, Hyperband's pruner, the median
rule for early stopping); this module only translates, and checks a request so that a mistake
is a 400 naming the field, before any training job starts.
"""
from __future__ import annotations

import itertools
import math
from typing import Any, Optional

import optuna
from optuna.distributions import BaseDistribution, CategoricalDistribution, FloatDistribution, IntDistribution

from ..core.errors import BadRequest
from .models import ParameterRanges, TuningJobRequest

GRID_LIMIT = 500  # the most training jobs one tuning job may run

optuna.logging.set_verbosity(optuna.logging.WARNING)


class SearchSpace:
    """The distributions Optuna samples, and the way back to hyperparameter values.

    ReverseLogarithmic (values near 1, as for a momentum) has no Optuna distribution: it is sampled
    as 1 - x on a log scale and turned back here."""

    def __init__(self, ranges: ParameterRanges):
        self.distributions: dict[str, BaseDistribution] = {}
        self.reversed: set[str] = set()
        for r in ranges.continuous_parameter_ranges:
            if r.scaling_type == "ReverseLogarithmic":
                self.reversed.add(r.name)
                self.distributions[r.name] = FloatDistribution(1 - r.max_value, 1 - r.min_value, log=True)
            else:
                self.distributions[r.name] = FloatDistribution(r.min_value, r.max_value,
                                                               log=r.scaling_type == "Logarithmic")
        for r in ranges.integer_parameter_ranges:
            self.distributions[r.name] = IntDistribution(r.min_value, r.max_value, log=r.scaling_type == "Logarithmic")
        for r in ranges.categorical_parameter_ranges:
            self.distributions[r.name] = CategoricalDistribution(list(r.values))

    def hyperparameters(self, params: dict[str, Any]) -> dict[str, Any]:
        """Optuna's sampled values as the training job's hyperparameters."""
        return {k: (1 - v if k in self.reversed else v) for k, v in params.items()}

    def internal(self, hyperparameters: dict[str, Any]) -> Optional[dict[str, Any]]:
        """Hyperparameter values as Optuna's params of this space; None unless every one fits."""
        out: dict[str, Any] = {}
        for name, dist in self.distributions.items():
            if name not in hyperparameters:
                return None
            value = hyperparameters[name]
            try:
                if isinstance(dist, CategoricalDistribution):
                    value = str(value)
                else:
                    value = restore_value(dist, value)
                    if name in self.reversed:
                        value = 1 - value
            except (TypeError, ValueError):
                return None
            if not dist._contains(dist.to_internal_repr(value)):
                return None
            out[name] = value
        return out

    def grid(self) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {}
        for name, dist in self.distributions.items():
            if isinstance(dist, CategoricalDistribution):
                out[name] = list(dist.choices)
            else:
                assert isinstance(dist, IntDistribution)
                out[name] = list(range(dist.low, dist.high + 1))
        return out


def grid_size(ranges: ParameterRanges) -> int:
    sizes = [len(r.values) for r in ranges.categorical_parameter_ranges]
    sizes += [r.max_value - r.min_value + 1 for r in ranges.integer_parameter_ranges]
    return math.prod(sizes)


def validate(req: TuningJobRequest) -> int:
    """Every check a request can fail; returns the number of training jobs to run."""
    ranges = req.parameter_ranges
    field = "parameter_ranges"
    all_ranges = [("continuous_parameter_ranges", r) for r in ranges.continuous_parameter_ranges]
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
            raise BadRequest(f"parameter '{r.name}' is both tuned and a static hyperparameter of training_job",
                             field=f"{where}.name")
        seen.add(r.name)
        _check_range(kind, r, where)
    names = [md.name for md in req.training_job.metric_definitions]
    if req.objective.metric_name not in names:
        raise BadRequest(f"the objective metric '{req.objective.metric_name}' is not one of training_job."
                         f"metric_definitions ({', '.join(names) or 'none'}): the job must report it",
                         field="objective.metric_name")
    if req.strategy == "Grid":
        if ranges.continuous_parameter_ranges:
            raise BadRequest("the Grid strategy takes categorical and integer ranges only",
                             field=f"{field}.continuous_parameter_ranges")
        size = grid_size(ranges)
        if size > GRID_LIMIT:
            raise BadRequest(f"the grid has {size} points; at most {GRID_LIMIT} training jobs may run", field=field)
        return min(req.max_jobs or size, size)
    if req.strategy == "Hyperband" and req.early_stopping_type != "Off":
        raise BadRequest("Hyperband stops jobs early by itself: early_stopping_type must be Off",
                         field="early_stopping_type")
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
        raise BadRequest(f"parameter '{r.name}': a Logarithmic range needs min_value > 0",
                         field=f"{where}.min_value")
    if r.scaling_type == "ReverseLogarithmic" and not (0 <= r.min_value and r.max_value < 1):
        raise BadRequest(f"parameter '{r.name}': a ReverseLogarithmic range lies in [0, 1)",
                         field=f"{where}.max_value")


def study(req: TuningJobRequest, space: SearchSpace, max_jobs: int) -> optuna.Study:
    """A fresh in-memory study; the tuning store keeps its trials, so it can be rebuilt at start-up."""
    seed = req.random_seed
    sampler: optuna.samplers.BaseSampler
    pruner: optuna.pruners.BasePruner = optuna.pruners.NopPruner()
    if req.strategy == "Bayesian":
        sampler = optuna.samplers.TPESampler(seed=seed, n_startup_trials=max(2, min(10, max_jobs // 4)))
    elif req.strategy == "Grid":
        sampler = optuna.samplers.GridSampler(space.grid(), seed=seed)
    else:
        sampler = optuna.samplers.RandomSampler(seed=seed)
    if req.strategy == "Hyperband":
        cfg = req.hyperband or _default_hyperband()
        pruner = optuna.pruners.HyperbandPruner(min_resource=cfg.min_resource, max_resource=cfg.max_resource)
    elif req.early_stopping_type == "Auto":
        # SageMaker's rule: stop a job whose objective so far is worse than the median of earlier jobs' at that step
        pruner = optuna.pruners.MedianPruner(n_startup_trials=3, n_warmup_steps=1)
    direction = "maximize" if req.objective.type == "Maximize" else "minimize"
    return optuna.create_study(direction=direction, sampler=sampler, pruner=pruner)


def _default_hyperband():
    from .models import HyperbandConfig

    return HyperbandConfig()


def grid_points(space: SearchSpace) -> list[dict[str, Any]]:
    grid = space.grid()
    return [dict(zip(grid, values)) for values in itertools.product(*grid.values())]


def restore_value(dist: BaseDistribution, value: Any) -> Optional[Any]:
    """A stored parameter value in the distribution's internal form (JSON may have turned ints to floats)."""
    if isinstance(dist, IntDistribution):
        return int(value)
    if isinstance(dist, FloatDistribution):
        return float(value)
    return value
