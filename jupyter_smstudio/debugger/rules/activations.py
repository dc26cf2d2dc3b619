"""The rules on activations: DeadRelu and SaturatedActivation (deep learning frameworks). Both need the
full tensors (a unit's activity is counted over the samples of a batch); a step where only the reductions
were saved is skipped."""

from __future__ import annotations

from typing import Optional

import numpy as np

from ..exceptions import TensorUnavailableForStep
from .base import BuiltinRule
from .params import Param


def _per_unit(array: np.ndarray) -> np.ndarray:
    """Samples along the first axis, units (every other position) along the second."""
    if array.ndim < 2:
        return array.reshape(1, -1)
    return array.reshape(array.shape[0], -1)


class _LayerActivity(BuiltinRule):
    """A layer is flagged when more than `threshold_layer` percent of its units are active in less than
    `threshold_inactivity` percent of the samples."""

    threshold_inactivity: float
    threshold_layer: float

    def active(self, name: str, samples: np.ndarray) -> Optional[np.ndarray]:
        """Where each value is active (None: the tensor is not one this rule reads)."""
        raise NotImplementedError

    def describe(self, name: str) -> str:
        raise NotImplementedError

    def inactive_share(self, names: list[str], step: int) -> Optional[tuple[str, float]]:
        evaluated = False
        for name in names:
            try:
                samples = _per_unit(self.value(name, step))
            except TensorUnavailableForStep:
                continue
            active = self.active(name, samples)
            if active is None or active.size == 0:
                continue
            evaluated = True
            activity = active.mean(axis=0) * 100  # percent of the samples where each unit is active
            share = float((activity < self.threshold_inactivity).mean() * 100)
            if share > self.threshold_layer:
                return name, share
        if not evaluated:
            raise TensorUnavailableForStep("full activation tensors", step)
        return None

    def flag(self, name: str, share: float) -> bool:
        return self.fire(
            f"{share:.0f}% of the units of {name!r} are {self.describe(name)} (active in less than"
            f" {self.threshold_inactivity:g}% of the samples) > threshold_layer {self.threshold_layer:g}%"
        )


class DeadRelu(_LayerActivity):
    PARAMETERS = (
        Param("tensor_regex", "regexes", (".*relu_output",)),
        Param("threshold_inactivity", "float", 1.0, low=0, high=100),
        Param("threshold_layer", "float", 50.0, low=0, high=100),
    )
    tensor_regex: tuple[str, ...]

    def active(self, name: str, samples: np.ndarray) -> Optional[np.ndarray]:
        return np.asarray(samples > 0)

    def describe(self, name: str) -> str:
        return "dead ReLUs"

    def invoke_at_step(self, step: int) -> bool:
        names = self.require(self.names_at(step, regexes=self.tensor_regex, all_if_none=False), step, "ReLU outputs")
        found = self.inactive_share(names, step)
        return self.flag(*found) if found else False


class SaturatedActivation(_LayerActivity):
    """tanh and sigmoid layers whose inputs sit where the function is flat (its gradient below 1e-7): the
    thresholds are SageMaker's; a tensor is read as tanh or sigmoid by its name."""

    PARAMETERS = (
        Param("collection_names", "list", ()),
        Param("tensor_regex", "regexes", (".*tanh_input|.*sigmoid_input",)),
        Param("threshold_tanh_min", "float", -9.4999),
        Param("threshold_tanh_max", "float", 9.4999),
        Param("threshold_sigmoid_min", "float", -23.0),
        Param("threshold_sigmoid_max", "float", 16.99999),
        Param("threshold_inactivity", "float", 1.0, low=0, high=100),
        Param("threshold_layer", "float", 50.0, low=0, high=100),
    )
    collection_names: tuple[str, ...]
    tensor_regex: tuple[str, ...]
    threshold_tanh_min: float
    threshold_tanh_max: float
    threshold_sigmoid_min: float
    threshold_sigmoid_max: float

    def _bounds(self, name: str) -> Optional[tuple[float, float]]:
        lowered = name.lower()
        if "tanh" in lowered:
            return self.threshold_tanh_min, self.threshold_tanh_max
        if "sigmoid" in lowered:
            return self.threshold_sigmoid_min, self.threshold_sigmoid_max
        return None

    def active(self, name: str, samples: np.ndarray) -> Optional[np.ndarray]:
        bounds = self._bounds(name)
        if bounds is None:
            return None
        return np.asarray((samples > bounds[0]) & (samples < bounds[1]))

    def describe(self, name: str) -> str:
        return "saturated"

    def invoke_at_step(self, step: int) -> bool:
        names = self.names_at(step, self.collection_names, self.tensor_regex, all_if_none=False)
        found = self.inactive_share(self.require(names, step, "tanh or sigmoid inputs"), step)
        return self.flag(*found) if found else False
