"""smdebug.rules: the Rule a custom rule subclasses, and its invoker (`rule_invoker.invoke_rule`)."""

from ...debugger.rules import Rule, RuleEvaluationConditionMet, invoke_rule
from . import rule_invoker

__all__ = ["Rule", "RuleEvaluationConditionMet", "invoke_rule", "rule_invoker"]
