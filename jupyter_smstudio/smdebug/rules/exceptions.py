"""smdebug's rule exception under smdebug.rules (smdebug.exceptions re-exports it)."""

from ...debugger.rules.exceptions import RuleEvaluationConditionMet

__all__ = ["RuleEvaluationConditionMet"]
