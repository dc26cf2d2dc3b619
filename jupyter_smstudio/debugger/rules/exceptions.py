"""smdebug's rule exception (smdebug.exceptions.RuleEvaluationConditionMet), with its arguments."""

from __future__ import annotations


class RuleEvaluationConditionMet(Exception):
    """A rule's condition was met at `step`; `end_of_rule` (smdebug's name; `last_step` is taken too) says
    the rule has nothing more to evaluate after it."""

    def __init__(self, rule_name: str, step: int, end_of_rule: bool = False, last_step: bool = False):
        super().__init__(f"Evaluation of the rule {rule_name} at step {step} resulted in the condition being met")
        self.rule_name, self.step = rule_name, step
        self.end_of_rule = end_of_rule or last_step
