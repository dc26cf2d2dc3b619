"""The evaluation loop of a rule job: every saved step, in order, as the training job writes it.

SageMaker's rule job reads the steps while the training job runs and ends at the first step where the
condition is met (IssuesFound: the job's actions, StopTraining, follow), or when the training job has
ended and every step is evaluated (NoIssuesFound). Only the steps the job saved are visited: smdebug's
loop asks for every integer step in turn, which lists the job's files once per step (a request each on
S3), where one listing per poll finds all the new ones.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Callable, Iterator, Literal, Optional

from ..exceptions import NoMoreData, StepNotYetAvailable, StepUnavailable, TensorUnavailable, TensorUnavailableForStep
from .base import Rule
from .exceptions import RuleEvaluationConditionMet

log = logging.getLogger(__name__)

# what a rule raises for a step it cannot evaluate: the step is skipped, not an error
SKIPPED = (StepUnavailable, StepNotYetAvailable, TensorUnavailable, TensorUnavailableForStep, NoMoreData)


@dataclass
class RuleOutcome:
    status: Literal["NoIssuesFound", "IssuesFound", "Error"]
    details: str
    step: Optional[int]
    steps_evaluated: int


class _Stopped(Exception):
    pass


def _new_steps(
    rule: Rule,
    start_step: Optional[int],
    end_step: Optional[int],
    poll_seconds: float,
    stop: Optional[threading.Event],
    idle_timeout: Optional[float],
) -> Iterator[int]:
    """The trial's saved steps in [start_step, end_step), each once, in order, as they appear; returns
    once the job has ended (its end marker) and all are given, or a step at or past end_step is saved."""
    trial = rule.base_trial
    seen: set[int] = set()
    last_step: Optional[int] = None
    last_news = time.monotonic()
    while True:
        if stop is not None and stop.is_set():
            raise _Stopped()
        ended = trial.loaded_all_steps  # read before the listing: no step written before the marker is missed
        saved = trial.steps()
        fresh = [s for s in saved if s not in seen and s >= (start_step or 0)]
        for step in fresh:
            if end_step is not None and step >= end_step:
                return
            if stop is not None and stop.is_set():
                raise _Stopped()
            seen.add(step)
            last_step = step
            yield step
        if ended:
            return
        now = time.monotonic()
        if fresh:
            last_news = now
        else:
            idle = now - last_news
            rule.invoke_while_idle(idle, last_step)
            if idle_timeout is not None and idle >= idle_timeout:
                raise TimeoutError(f"the training job wrote no step for {idle:.0f} s and did not mark its end")
        if stop is not None:
            stop.wait(poll_seconds)
        else:
            time.sleep(poll_seconds)


def _details(rule: Rule, met: RuleEvaluationConditionMet) -> str:
    finding = rule.finding or "the condition was met"
    if met.step < 0:  # met before any step was saved
        return f"{rule.rule_name}: {finding}"
    return f"{rule.rule_name}: at step {met.step}, {finding}"


def evaluate(
    rule: Rule,
    *,
    start_step: Optional[int] = None,
    end_step: Optional[int] = None,
    poll_seconds: float = 0.5,
    stop: Optional[threading.Event] = None,
    progress: Optional[Callable[[int], None]] = None,
    idle_timeout: Optional[float] = None,
) -> RuleOutcome:
    """Evaluates `rule` on every saved step until the job ends, the condition is met or `stop` is set
    (then NoIssuesFound with details saying so; the caller reports Stopped)."""
    evaluated = 0
    try:
        for step in _new_steps(rule, start_step, end_step, poll_seconds, stop, idle_timeout):
            try:
                rule.invoke(step)
                evaluated += 1
            except SKIPPED as skipped:
                log.debug("%s skips step %s: %s", rule.rule_name, step, skipped)
            except RuleEvaluationConditionMet:
                evaluated += 1
                raise
            if progress is not None:
                progress(step)
    except RuleEvaluationConditionMet as met:  # at a step, or while the job wrote nothing (StalledTrainingRule)
        at: Optional[int] = met.step if met.step >= 0 else None
        return RuleOutcome("IssuesFound", _details(rule, met), at, evaluated)
    except _Stopped:
        return RuleOutcome(
            "NoIssuesFound", f"{rule.rule_name}: stopped after {evaluated} steps, no issues found", None, evaluated
        )
    except Exception as err:  # the rule's own failure (or the store's) is the rule job's Error, with its message
        log.exception("rule %s failed", rule.rule_name)
        message = getattr(err, "message", None) or str(err) or type(err).__name__
        return RuleOutcome("Error", f"{rule.rule_name}: {type(err).__name__}: {message}", None, evaluated)
    return RuleOutcome("NoIssuesFound", f"{rule.rule_name}: no issues found in {evaluated} steps", None, evaluated)


def invoke_rule(
    rule_obj: Rule,
    start_step: Optional[int] = 0,
    end_step: Optional[int] = None,
    raise_eval_cond: bool = False,
    poll_seconds: float = 0.5,
) -> None:
    """smdebug's loop: invokes the rule at each saved step until end_step or the job's end. A condition met
    is logged and evaluation goes on, unless `raise_eval_cond` (then it is raised) or it ends the rule."""
    log.info("started execution of rule %s at step %s", rule_obj.rule_name, start_step or 0)
    for step in _new_steps(rule_obj, start_step, end_step, poll_seconds, None, None):
        try:
            rule_obj.invoke(step)
        except SKIPPED as skipped:
            log.debug(str(skipped))
        except RuleEvaluationConditionMet as met:
            if raise_eval_cond:
                raise
            log.info(str(met))
            if met.end_of_rule:
                break
    log.info("ended execution of rule %s", rule_obj.rule_name)
