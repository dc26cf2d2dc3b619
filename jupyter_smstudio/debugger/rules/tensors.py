"""The rules on any tensor: AllZero, UnchangedTensor and TensorVariance (deep learning frameworks and
XGBoost). Each reads the tensors of `collection_names` and those matching `tensor_regex` (the union), or
every saved tensor when neither is given."""

from __future__ import annotations

from typing import Any, Optional

import numpy as np

from ..exceptions import TensorUnavailableForStep
from .base import BuiltinRule
from .params import Param, refuse

_SELECTION = (Param("collection_names", "list", ()), Param("tensor_regex", "regexes", ()))


class _Selected(BuiltinRule):
    collection_names: tuple[str, ...]
    tensor_regex: tuple[str, ...]

    def selected(self, step: int) -> list[str]:
        return self.require(self.names_at(step, self.collection_names, self.tensor_regex), step, "tensors")


class AllZero(_Selected):
    """At least `threshold` percent of a tensor's values are zero (the zero fraction is kept at every save step)."""

    PARAMETERS = (*_SELECTION, Param("threshold", "float", 100.0, low=0, high=100))
    threshold: float

    def invoke_at_step(self, step: int) -> bool:
        for name in self.selected(step):
            zeros = self.reduction(name, step, "zero_fraction") * 100
            if zeros >= self.threshold:
                return self.fire(f"{zeros:.1f}% of the values of {name!r} are zero >= threshold {self.threshold:g}%")
        return False


class UnchangedTensor(_Selected):
    """A tensor is numpy.allclose over its last `num_steps` saved values (compared within one mode: an
    evaluation step repeats the weights of the last training step)."""

    PARAMETERS = (
        *_SELECTION,
        Param("num_steps", "int", 3, low=2),
        Param("rtol", "float", 1e-05, low=0),
        Param("atol", "float", 1e-08, low=0),
        Param("equal_nan", "bool", False),
    )
    num_steps: int
    rtol: float
    atol: float
    equal_nan: bool

    def prepare(self) -> None:
        self._recent: dict[tuple[Any, str], list[tuple[int, np.ndarray]]] = {}

    def invoke_at_step(self, step: int) -> bool:
        mode, _ = self.base_trial.mode_of(step)
        evaluated = False
        for name in self.selected(step):
            try:
                current = self.value(name, step)
            except TensorUnavailableForStep:
                continue
            evaluated = True
            recent = self._recent.setdefault((mode, name), [])
            recent.append((step, current))
            del recent[: -self.num_steps]
            if len(recent) == self.num_steps and all(self._same(value, current) for _, value in recent[:-1]):
                steps = ", ".join(str(s) for s, _ in recent)
                return self.fire(f"tensor {name!r} has not changed over steps {steps}")
        if not evaluated:
            raise TensorUnavailableForStep("full tensors", step)
        return False

    def _same(self, a: np.ndarray, b: np.ndarray) -> bool:
        if a.shape != b.shape:
            return False
        return bool(np.allclose(a, b, rtol=self.rtol, atol=self.atol, equal_nan=self.equal_nan))


class TensorVariance(_Selected):
    """A tensor's variance is above `max_threshold` or below `min_threshold`."""

    PARAMETERS = (
        *_SELECTION,
        Param("max_threshold", "float", None),
        Param("min_threshold", "float", None),
    )
    max_threshold: Optional[float]
    min_threshold: Optional[float]

    @classmethod
    def check_together(cls, values: dict[str, Any]) -> None:
        if values["max_threshold"] is None and values["min_threshold"] is None:
            raise refuse("max_threshold", "TensorVariance needs max_threshold, min_threshold or both")

    def invoke_at_step(self, step: int) -> bool:
        for name in self.selected(step):
            variance = self.reduction(name, step, "variance")
            if self.max_threshold is not None and variance > self.max_threshold:
                return self.fire(f"tensor {name!r} has variance {variance:.3g} > max_threshold {self.max_threshold:g}")
            if self.min_threshold is not None and variance < self.min_threshold:
                return self.fire(f"tensor {name!r} has variance {variance:.3g} < min_threshold {self.min_threshold:g}")
        return False
