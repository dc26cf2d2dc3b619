"""LossNotDecreasing (deep learning frameworks and XGBoost; Overfit and Overtraining are in fitting.py).
A loss is read as its mean (a loss module with reduction="none" saves a vector), from the reductions."""

from __future__ import annotations

from typing import Optional

from ..modes import ModeKeys
from .base import BuiltinRule
from .params import Param

LOSSES = ("losses",)


class LossNotDecreasing(BuiltinRule):
    """Every `num_steps` steps, the loss is compared with the loss at a saved step at least `num_steps`
    earlier: a loss that went down must have gone down by `diff_percent` percent; one that went up may
    have risen by `increase_threshold_percent` percent at most (a mini-batch loss is noisy). Without
    `mode`, each mode's losses are compared among themselves (evaluation losses with evaluation losses)."""

    PARAMETERS = (
        Param("collection_names", "list", ()),
        Param("tensor_regex", "regexes", ()),
        Param("use_losses_collection", "bool", True),
        Param("num_steps", "int", 10, low=1),
        Param("diff_percent", "float", 0.1, low=0, high=100),
        Param("increase_threshold_percent", "float", 5.0, low=0, high=100),
        Param("mode", "mode", None),
    )
    collection_names: tuple[str, ...]
    tensor_regex: tuple[str, ...]
    use_losses_collection: bool
    num_steps: int
    diff_percent: float
    increase_threshold_percent: float
    mode: Optional[ModeKeys]

    def prepare(self) -> None:
        # (mode, loss) -> its saved (step, value) pairs that a later comparison may use, and the last compared
        self._seen: dict[tuple[ModeKeys, str], list[tuple[int, float]]] = {}
        self._checked: dict[tuple[ModeKeys, str], int] = {}

    def _position(self, step: int) -> Optional[tuple[ModeKeys, int]]:
        mode, mode_step = self.base_trial.mode_of(step)
        if self.mode is None:
            return mode, mode_step
        if self.mode == ModeKeys.GLOBAL:
            return ModeKeys.GLOBAL, step
        return (mode, mode_step) if mode == self.mode else None

    def invoke_at_step(self, step: int) -> bool:
        collections = [*(LOSSES if self.use_losses_collection else ()), *self.collection_names]
        names = self.names_at(step, collections, self.tensor_regex, all_if_none=False)
        position = self._position(step)
        names = self.require(names if position else [], step, "losses")
        assert position is not None
        mode, at = position
        for name in names:
            if self._check(mode, at, name, self.reduction(name, step, "mean")):
                return True
        return False

    def _check(self, mode: ModeKeys, at: int, name: str, loss: float) -> bool:
        key = (mode, name)
        seen = self._seen.setdefault(key, [])
        seen.append((at, loss))
        where = "" if mode == ModeKeys.GLOBAL else f" ({mode.name} step {at})"
        last_check = self._checked.get(key)
        if last_check is not None and at - last_check < self.num_steps:
            return False
        earlier = [(s, v) for s, v in seen if s <= at - self.num_steps]
        if not earlier:
            return False
        before_at, before = earlier[-1]
        self._checked[key] = at
        del seen[: seen.index(earlier[-1])]  # older values are never compared again
        if before == 0:
            return False
        decrease = (before - loss) / abs(before) * 100
        went = f"loss {name!r}{where} went from {before:.4g} at step {before_at} to {loss:.4g}"
        if decrease < 0 and -decrease > self.increase_threshold_percent:
            return self.fire(
                f"{went}: increased {-decrease:.3g}% > increase_threshold_percent"
                f" {self.increase_threshold_percent:g}% in {at - before_at} steps"
            )
        if 0 <= decrease < self.diff_percent:
            return self.fire(
                f"{went}: decreased only {decrease:.3g}% < diff_percent {self.diff_percent:g}%"
                f" in {at - before_at} steps"
            )
        return False
