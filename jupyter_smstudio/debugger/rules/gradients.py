"""The rules on gradients and weights: VanishingGradient, ExplodingTensor, WeightUpdateRatio and
PoorWeightInitialization (deep learning frameworks)."""

from __future__ import annotations

from typing import Optional

import numpy as np

from ..exceptions import TensorUnavailableForStep
from ..modes import ModeKeys
from .base import BuiltinRule
from .params import Param

GRADIENTS = ("gradients",)
GRADIENT_NAMES = (r"^gradient/",)


class VanishingGradient(BuiltinRule):
    """The mean of the absolute values of a gradient drops below `threshold` (read from the reductions
    saved at every save step: no full tensor is needed)."""

    PARAMETERS = (Param("threshold", "float", 0.0000001, low=0),)
    threshold: float

    def invoke_at_step(self, step: int) -> bool:
        names = self.require(self.names_at(step, GRADIENTS, GRADIENT_NAMES, all_if_none=False), step, "gradients")
        smallest = min((self.reduction(n, step, "mean", abs=True), n) for n in names)
        if smallest[0] < self.threshold:
            return self.fire(f"gradient {smallest[1]!r} has mean abs {smallest[0]:.3g} < threshold {self.threshold:g}")
        return False


class ExplodingTensor(BuiltinRule):
    """A tensor holds NaN (or, unless `only_nan`, infinite) values: counted by the hook at every save step."""

    PARAMETERS = (
        Param("collection_names", "list", ()),
        Param("tensor_regex", "regexes", ()),
        Param("only_nan", "bool", False),
    )
    collection_names: tuple[str, ...]
    tensor_regex: tuple[str, ...]
    only_nan: bool

    def invoke_at_step(self, step: int) -> bool:
        names = self.require(self.names_at(step, self.collection_names, self.tensor_regex), step, "tensors")
        for name in names:
            nans = self.reduction(name, step, "nan_count")
            if nans:
                return self.fire(f"tensor {name!r} has {nans:.0f} NaN values")
            infinities = self.reduction(name, step, "inf_count")
            if infinities and not self.only_nan:
                return self.fire(f"tensor {name!r} has {infinities:.0f} infinite values")
        return False


def _training(rule: BuiltinRule, step: int) -> bool:
    """Weights change in training steps only: an evaluation step repeats the last training weights."""
    mode, _ = rule.base_trial.mode_of(step)
    return mode in (ModeKeys.TRAIN, ModeKeys.GLOBAL)


class WeightUpdateRatio(BuiltinRule):
    """The ratio of a weight's update (the l2 norm of its change since an earlier saved step) to the weight
    (the l2 norm before the update) is above `large_threshold` or below `small_threshold`."""

    PARAMETERS = (
        Param("num_steps", "int", None, low=1),
        Param("large_threshold", "float", 10.0),
        Param("small_threshold", "float", 0.00000001),
        Param("epsilon", "float", 0.000000001, low=0),
    )
    num_steps: Optional[int]
    large_threshold: float
    small_threshold: float
    epsilon: float

    def prepare(self) -> None:
        self._earlier: dict[str, list[tuple[int, np.ndarray]]] = {}  # weight -> (step, value), oldest first

    def _before(self, name: str, step: int) -> Optional[tuple[int, np.ndarray]]:
        """The saved value to compare with: the previous one, or the latest at least num_steps earlier."""
        history = self._earlier.get(name, [])
        limit = step - (self.num_steps or 1)
        candidates = [h for h in history if h[0] <= limit]
        return candidates[-1] if candidates else None

    def invoke_at_step(self, step: int) -> bool:
        if not _training(self, step):
            raise TensorUnavailableForStep("weights in a training step", step)
        names = self.require(self.names_at(step, ("weights",), all_if_none=False), step, "weights")
        for name in names:
            try:
                current = self.value(name, step)
            except TensorUnavailableForStep:
                continue  # only its reductions were saved at this step
            before = self._before(name, step)
            history = self._earlier.setdefault(name, [])
            history.append((step, current))
            keep_from = before[0] if before else history[0][0]
            history[:] = [h for h in history if h[0] >= keep_from]
            if before is None or before[1].shape != current.shape:
                continue
            ratio = float(np.linalg.norm(current - before[1])) / (float(np.linalg.norm(before[1])) + self.epsilon)
            if ratio > self.large_threshold:
                return self.fire(
                    f"weight {name!r} changed by {ratio:.3g} of its size since step {before[0]}"
                    f" > large_threshold {self.large_threshold:g}"
                )
            if ratio < self.small_threshold:
                return self.fire(
                    f"weight {name!r} changed by {ratio:.3g} of its size since step {before[0]}"
                    f" < small_threshold {self.small_threshold:g}"
                )
        return False


class PoorWeightInitialization(BuiltinRule):
    """In the first `steps` steps: the variance of activation inputs differs more than `threshold` times
    across layers, a gradient's 5th to 95th percentile range is below `distribution_range`, or the loss has
    not gone below its first value after `patience` saved steps."""

    PARAMETERS = (
        Param("activation_inputs_regex", "regexes", (".*relu_input",)),
        Param("threshold", "float", 10.0, low=1),
        Param("distribution_range", "float", 0.001, low=0),
        Param("patience", "int", 5, low=1),
        Param("steps", "int", 10, low=1),
    )
    activation_inputs_regex: tuple[str, ...]
    threshold: float
    distribution_range: float
    patience: int
    steps: int

    def prepare(self) -> None:
        self._losses: list[tuple[int, float]] = []

    def invoke_at_step(self, step: int) -> bool:
        if step >= self.steps:
            return False  # initialization shows in the first steps; later ones are other rules' business
        return self._variances(step) or self._gradient_spread(step) or self._loss(step)

    def _variances(self, step: int) -> bool:
        names = self.names_at(step, regexes=self.activation_inputs_regex, all_if_none=False)
        variances = sorted((self.reduction(n, step, "variance"), n) for n in names)
        if len(variances) < 2:
            return False
        (low, low_name), (high, high_name) = variances[0], variances[-1]
        ratio = high / low if low > 0 else float("inf")
        if ratio > self.threshold:
            return self.fire(
                f"the variance of the activation inputs differs {ratio:.3g} times across layers"
                f" ({high_name!r} {high:.3g}, {low_name!r} {low:.3g}) > threshold {self.threshold:g}"
            )
        return False

    def _gradient_spread(self, step: int) -> bool:
        for name in self.names_at(step, GRADIENTS, GRADIENT_NAMES, all_if_none=False):
            try:
                gradient = self.value(name, step).reshape(-1)
            except TensorUnavailableForStep:
                continue
            if gradient.size < 2:
                continue  # one value has no distribution
            low, high = np.percentile(gradient, [5, 95])
            if high - low < self.distribution_range:
                return self.fire(
                    f"gradient {name!r} spans {high - low:.3g} between its 5th and 95th percentiles"
                    f" < distribution_range {self.distribution_range:g}"
                )
        return False

    def _loss(self, step: int) -> bool:
        names = self.names_at(step, ("losses",), all_if_none=False)
        if not names:
            return False
        self._losses.append((step, self.reduction(names[0], step, "mean")))
        if len(self._losses) != self.patience + 1:
            return False
        first = self._losses[0][1]
        best = min(value for _, value in self._losses[1:])
        if best >= first:
            return self.fire(
                f"loss {names[0]!r} has not gone below its first value {first:.4g} in {self.patience} saved steps"
            )
        return False
