"""The Debugger's rules: SageMaker's built-in rules, smdebug's Rule API for a user's own, and the
evaluation loop a rule job runs beside the training job.

- `base`: Rule (smdebug's) and the built-in rules' base; `params`: RuleParameters parsed by type;
- one module per family: `gradients`, `activations`, `tensors`, `losses`, `fitting`, `classification`,
  `xgboost`, `inputs`, `stalled`;
- `registry`: the built-in rules by name, `load_rule` and `check_rule_parameters`; `custom`: a user's class;
- `runner`: `evaluate` (the rule job's loop) and smdebug's `invoke_rule`; `actions`: action_json.
"""

from .actions import parse_actions, stops_training, stops_training_on_fire
from .base import BuiltinRule, Rule
from .exceptions import RuleEvaluationConditionMet
from .registry import BUILTIN_RULES, RESERVED_PARAMETERS, check_rule_parameters, evaluation_range, load_rule
from .runner import RuleOutcome, evaluate, invoke_rule

__all__ = [
    "BUILTIN_RULES",
    "RESERVED_PARAMETERS",
    "BuiltinRule",
    "Rule",
    "RuleEvaluationConditionMet",
    "RuleOutcome",
    "check_rule_parameters",
    "evaluate",
    "evaluation_range",
    "invoke_rule",
    "load_rule",
    "parse_actions",
    "stops_training",
    "stops_training_on_fire",
]
