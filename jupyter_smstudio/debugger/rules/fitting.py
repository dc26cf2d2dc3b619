"""The rules that compare training with validation: Overfit and Overtraining (deep learning frameworks and
XGBoost). A deep learning job's losses are told apart by mode (TRAIN steps, EVAL steps); an XGBoost job
saves both in the same step, as metrics named after their data set: `train-logloss`, `validation-logloss`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..modes import ModeKeys
from .base import BuiltinRule
from .losses import LOSSES
from .params import Param

_METRIC = re.compile(r"^(?P<data>train|training|validation|valid|val|eval|test)-(?P<metric>.+)$")
# metrics where higher is better: not losses, left out of the comparison
_SCORES = re.compile(r"^(auc|aucpr|map|ndcg|pre|accuracy)(@|$)")


def _loss_names(rule: BuiltinRule, step: int, regexes: tuple[str, ...]) -> list[str]:
    """The losses collection, or the tensors matching `regexes` when given."""
    if regexes:
        return rule.names_at(step, regexes=regexes, all_if_none=False)
    return rule.names_at(step, LOSSES, all_if_none=False)


def metric_pairs(rule: BuiltinRule, step: int, regexes: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """XGBoost's loss metrics of a step as (metric, training tensor, validation tensor)."""
    names = rule.names_at(step, regexes=regexes, all_if_none=False) if regexes else rule.names_at(step, ("metrics",))
    by_metric: dict[str, dict[str, str]] = {}
    for name in names:
        match = _METRIC.match(name)
        if match and not _SCORES.match(match.group("metric")):
            data = "train" if match.group("data") in ("train", "training") else "validation"
            by_metric.setdefault(match.group("metric"), {}).setdefault(data, name)
    return [(m, d["train"], d["validation"]) for m, d in sorted(by_metric.items()) if len(d) == 2]


class Overfit(BuiltinRule):
    """(mean validation loss - mean training loss) / mean training loss exceeds `ratio_threshold` at
    `patience` comparisons in a row, from `start_step` on: at each evaluation step (over the current
    evaluation phase and the training phase before it), or at each step with XGBoost's metrics."""

    PARAMETERS = (
        Param("tensor_regex", "regexes", ()),
        Param("start_step", "int", 0, low=0),
        Param("patience", "int", 1, low=1),
        Param("ratio_threshold", "float", 0.1, low=0),
    )
    tensor_regex: tuple[str, ...]
    start_step: int
    patience: int
    ratio_threshold: float

    def prepare(self) -> None:
        self._train: dict[str, list[float]] = {}
        self._validation: dict[str, list[float]] = {}
        self._last_mode: Optional[ModeKeys] = None
        self._over = 0

    def invoke_at_step(self, step: int) -> bool:
        pairs = metric_pairs(self, step, self.tensor_regex)
        if pairs:
            if step < self.start_step:
                return False
            return any(
                self._compare(f"{metric!r}", self.reduction(train, step, "mean"), self.reduction(valid, step, "mean"))
                for metric, train, valid in pairs
            )
        return self._by_mode(step)

    def _by_mode(self, step: int) -> bool:
        mode, _ = self.base_trial.mode_of(step)
        names = self.require(_loss_names(self, step, self.tensor_regex), step, "losses")
        if mode != self._last_mode:  # a new phase: the previous phase's values of this mode are done
            (self._train if mode == ModeKeys.TRAIN else self._validation).clear()
            self._last_mode = mode
        for name in names:
            loss = self.reduction(name, step, "mean")
            if mode == ModeKeys.TRAIN:
                self._train.setdefault(name, []).append(loss)
            elif mode == ModeKeys.EVAL:
                self._validation.setdefault(name, []).append(loss)
        if mode != ModeKeys.EVAL or step < self.start_step:
            return False
        for name in names:
            train, validation = self._train.get(name), self._validation.get(name)
            if (
                train
                and validation
                and self._compare(f"loss {name!r}", sum(train) / len(train), sum(validation) / len(validation))
            ):
                return True
        return False

    def _compare(self, what: str, train: float, validation: float) -> bool:
        if train == 0:
            return False
        ratio = (validation - train) / abs(train)
        self._over = self._over + 1 if ratio > self.ratio_threshold else 0
        if self._over >= self.patience:
            return self.fire(
                f"{what}: validation {validation:.4g} vs training {train:.4g}, ratio {ratio:.3g}"
                f" > ratio_threshold {self.ratio_threshold:g} at {self._over} comparisons in a row"
            )
        return False


@dataclass
class _Best:
    value: float
    step: int
    waited: int = 0


class Overtraining(BuiltinRule):
    """The training loss has not improved on its best by more than `delta` for `patience_train` saved
    steps, or the validation loss for `patience_validation` saved steps."""

    PARAMETERS = (
        Param("patience_train", "int", 5, low=1),
        Param("patience_validation", "int", 10, low=1),
        Param("delta", "float", 0.01, low=0),
    )
    patience_train: int
    patience_validation: int
    delta: float

    def prepare(self) -> None:
        self._best: dict[tuple[bool, str], _Best] = {}

    def _observed(self, step: int) -> list[tuple[bool, str, float]]:
        """(is it a training loss, its name, its value) of each loss of the step."""
        pairs = metric_pairs(self, step, ())
        if pairs:
            return [
                (training, name, self.reduction(name, step, "mean"))
                for _, train, valid in pairs
                for training, name in ((True, train), (False, valid))
            ]
        mode, _ = self.base_trial.mode_of(step)
        if mode not in (ModeKeys.TRAIN, ModeKeys.EVAL):
            return []
        names = self.require(_loss_names(self, step, ()), step, "losses")
        return [(mode == ModeKeys.TRAIN, name, self.reduction(name, step, "mean")) for name in names]

    def invoke_at_step(self, step: int) -> bool:
        for training, name, loss in self._observed(step):
            best = self._best.get((training, name))
            if best is None or loss < best.value - self.delta:
                self._best[(training, name)] = _Best(loss, step)
                continue
            best.waited += 1
            if best.waited >= (self.patience_train if training else self.patience_validation):
                which = "training" if training else "validation"
                return self.fire(
                    f"the {which} loss {name!r} has not improved by more than delta {self.delta:g} on its best"
                    f" {best.value:.4g} (step {best.step}) in {best.waited} saved steps"
                )
        return False
