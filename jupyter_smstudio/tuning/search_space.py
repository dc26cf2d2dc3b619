"""SageMaker's parameter ranges and strategies as Optuna distributions, samplers and pruners.

Optuna does the searching (TPE for "Bayesian", random, grid, Hyperband's pruner, the median
rule for early stopping); this module only translates. Requests are checked in validation.py.
"""

from __future__ import annotations

import itertools
from typing import Any, Literal, Optional

import optuna
from optuna.distributions import BaseDistribution, CategoricalDistribution, FloatDistribution, IntDistribution

from .models import HyperbandConfig, ParameterRanges, TuningJobRequest
from .validation import tuned_values

optuna.logging.set_verbosity(optuna.logging.WARNING)


class SearchSpace:
    """The distributions Optuna samples, and the way back to hyperparameter values.

    ReverseLogarithmic (values near 1, as for a momentum) has no Optuna distribution: it is sampled
    as 1 - x on a log scale and turned back here."""

    def __init__(self, ranges: ParameterRanges):
        self.ranges = ranges
        self.distributions: dict[str, BaseDistribution] = {}
        self.reversed: set[str] = set()
        for r in ranges.continuous_parameter_ranges:
            if r.scaling_type == "ReverseLogarithmic":
                self.reversed.add(r.name)
                self.distributions[r.name] = FloatDistribution(1 - r.max_value, 1 - r.min_value, log=True)
            else:
                self.distributions[r.name] = FloatDistribution(
                    r.min_value, r.max_value, log=r.scaling_type == "Logarithmic"
                )
        for i in ranges.integer_parameter_ranges:
            self.distributions[i.name] = IntDistribution(i.min_value, i.max_value, log=i.scaling_type == "Logarithmic")
        for c in ranges.categorical_parameter_ranges:
            self.distributions[c.name] = CategoricalDistribution(list(c.values))

    def hyperparameters(self, params: dict[str, Any]) -> dict[str, Any]:
        """Optuna's sampled values as the training job's hyperparameters."""
        return tuned_values(self.ranges, params)

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
    direction: Literal["maximize", "minimize"] = "maximize" if req.objective.type == "Maximize" else "minimize"
    return optuna.create_study(direction=direction, sampler=sampler, pruner=pruner)


def _default_hyperband() -> HyperbandConfig:
    return HyperbandConfig()


def grid_points(space: SearchSpace) -> list[dict[str, Any]]:
    grid = space.grid()
    return [dict(zip(grid, values, strict=False)) for values in itertools.product(*grid.values())]


def restore_value(dist: BaseDistribution, value: Any) -> Any:
    """A stored parameter value in the distribution's internal form (JSON may have turned ints to floats)."""
    if isinstance(dist, IntDistribution):
        return int(value)
    if isinstance(dist, FloatDistribution):
        return float(value)
    return value
