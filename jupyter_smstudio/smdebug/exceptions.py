from ..debugger.exceptions import (
    NoMoreData,
    StepNotYetAvailable,
    StepUnavailable,
    TensorUnavailable,
    TensorUnavailableForStep,
)
from ..debugger.rules.exceptions import RuleEvaluationConditionMet

__all__ = [
    "NoMoreData",
    "RuleEvaluationConditionMet",
    "StepNotYetAvailable",
    "StepUnavailable",
    "TensorUnavailable",
    "TensorUnavailableForStep",
]
