"""smdebug's Rule API (a user's custom rule subclasses `Rule`) and the base of the built-in rules.

A rule is invoked with a global step; `invoke_at_step` answers whether its condition is met there. A rule
that cannot evaluate a step (its tensors were not saved at it) raises one of the trial's exceptions
(TensorUnavailableForStep, StepUnavailable, ...) and the step is skipped. A built-in rule also says what it
saw when it fired (`finding`): SageMaker's StatusDetails name the tensor and the value, not only the step.
"""

from __future__ import annotations

import logging
import re
from abc import ABC, abstractmethod
from contextlib import ExitStack, contextmanager
from typing import Any, ClassVar, Iterable, Iterator, Optional

import numpy as np

from ..exceptions import StepNotYetAvailable, TensorUnavailableForStep
from ..modes import ModeKeys
from .exceptions import RuleEvaluationConditionMet
from .params import Param, parse_parameters


@contextmanager
def no_refresh(trials: Iterable[Any]) -> Iterator[None]:
    """Each trial's no_refresh (see Trial.no_refresh): without it a rule's cost per step grows with the job."""
    with ExitStack() as stack:
        for trial in trials:
            if hasattr(trial, "no_refresh"):
                stack.enter_context(trial.no_refresh())
        yield


class Rule(ABC):
    def __init__(self, base_trial: Any, action_str: str = "", other_trials: Optional[Iterable[Any]] = None):
        self.base_trial = base_trial
        self.other_trials = list(other_trials or [])
        self.trials = [base_trial, *self.other_trials]
        self.rule_name = type(self).__name__
        # the actions (StopTraining, Email, SMS) are taken by the rule job from its outcome (rules/actions.py)
        self.action_str = action_str or ""
        self.logger = logging.getLogger(f"smdebug.rules.{self.rule_name}")
        # what the rule saw when its condition was met, for StatusDetails
        self.finding: Optional[str] = None

    @abstractmethod
    def invoke_at_step(self, step: int) -> bool:
        """True when the condition is met at the global step `step`."""

    def invoke(self, step: int) -> None:
        """Evaluates `step` once the job has saved it or gone past it; RuleEvaluationConditionMet when met."""
        with no_refresh(self.trials):
            try:
                self.base_trial.wait_for_steps([step], timeout=0)  # read already: no listing
                known = True
            except StepNotYetAvailable:
                known = False
        if not known:
            self.base_trial.wait_for_steps([step])
        self.finding = None
        # the step is read: the rule's questions about it need no new listing of the job's files
        with no_refresh(self.trials):
            met = self.invoke_at_step(step)
        if met:
            raise RuleEvaluationConditionMet(self.rule_name, step)

    def invoke_while_idle(self, idle_seconds: float, last_step: Optional[int]) -> None:  # noqa: B027
        """Called while the job writes no new step (a time-based rule raises RuleEvaluationConditionMet);
        most rules wait for steps, so it does nothing unless overridden."""


class BuiltinRule(Rule):
    """A built-in rule: its parameters, declared with SageMaker's names and defaults, parsed from strings."""

    PARAMETERS: ClassVar[tuple[Param, ...]] = ()

    def __init__(
        self, base_trial: Any, action_str: str = "", other_trials: Optional[Iterable[Any]] = None, **parameters: Any
    ):
        super().__init__(base_trial, action_str, other_trials)
        values = self.check_parameters(parameters)
        for name, value in values.items():
            setattr(self, name, value)
        self.prepare()

    def prepare(self) -> None:
        """Sets up what the rule remembers between steps (a rule that compares a step with earlier ones)."""

    @classmethod
    def check_parameters(cls, given: dict[str, Any]) -> dict[str, Any]:
        """The parsed parameters; a 400 naming RuleParameters.<name> when one is wrong."""
        values = parse_parameters(cls.PARAMETERS, given, cls.__name__)
        cls.check_together(values)
        return values

    @classmethod
    def check_together(cls, values: dict[str, Any]) -> None:
        """Checks between parameters (a rule that needs one of two)."""

    # -- reading the trial ------------------------------------------------------------------------
    def names_at(
        self, step: int, collections: Iterable[str] = (), regexes: Iterable[str] = (), all_if_none: bool = True
    ) -> list[str]:
        """The tensors saved at `step` in any of `collections` or matching any of `regexes` (the union, as
        SageMaker's rules take both); every tensor of the step when neither is given."""
        collections, regexes = list(collections), list(regexes)
        trial = self.base_trial
        if not collections and not regexes:
            return list(trial.tensor_names(step=step)) if all_if_none else []
        names: set[str] = set()
        for collection in collections:
            names.update(trial.tensor_names(collection=collection, step=step))
        if regexes:
            names.update(trial.tensor_names(regex=regexes, step=step))
        return sorted(names)

    def require(self, names: list[str], step: int, what: str) -> list[str]:
        """`names`, or a skip of the step when there are none."""
        if not names:
            raise TensorUnavailableForStep(what, step)
        return names

    # the trial's own readers, not trial.tensor(name): that one lists the job's files again for each
    # tensor (a request per tensor on S3), where the names came from the step just listed
    def reduction(self, name: str, step: int, reduction: str, abs: bool = False) -> float:
        return float(self.base_trial.reduction(name, step, reduction, ModeKeys.GLOBAL, None, abs))

    def value(self, name: str, step: int) -> np.ndarray:
        array: np.ndarray = np.asarray(self.base_trial.value(name, step, ModeKeys.GLOBAL, None))
        return array

    def fire(self, finding: str) -> bool:
        self.finding = finding
        return True


def matches(name: str, patterns: Iterable[str]) -> bool:
    return any(re.search(p, name) for p in patterns)
