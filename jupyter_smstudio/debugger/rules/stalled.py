"""StalledTrainingRule: the training job has saved no new step for `threshold` seconds."""

from __future__ import annotations

from typing import Optional

from .base import BuiltinRule
from .exceptions import RuleEvaluationConditionMet
from .params import Param


class StalledTrainingRule(BuiltinRule):
    """Fires while the job is idle (the evaluation loop calls `invoke_while_idle` between polls). Its own
    stopping (`stop_training_on_fire`, `training_job_name_prefix`) is read by the rule job: see
    actions.stops_training_on_fire."""

    PARAMETERS = (
        Param("threshold", "float", 1800.0, low=0),
        Param("stop_training_on_fire", "bool", False),
        Param("training_job_name_prefix", "str", None),
    )
    threshold: float
    stop_training_on_fire: bool
    training_job_name_prefix: Optional[str]

    def invoke_at_step(self, step: int) -> bool:
        return False  # a new step is progress

    def invoke_while_idle(self, idle_seconds: float, last_step: Optional[int]) -> None:
        if idle_seconds >= self.threshold:
            after = "before saving any step" if last_step is None else f"after step {last_step}"
            self.finding = f"the training job saved no new step for {idle_seconds:.3g} s {after}"
            self.finding += f" >= threshold {self.threshold:g} s"
            raise RuleEvaluationConditionMet(self.rule_name, -1 if last_step is None else last_step)
