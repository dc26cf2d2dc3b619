"""The built-in rules by SageMaker's names, and a rule built from SageMaker's RuleParameters."""

from __future__ import annotations

from typing import Any, Optional

from .actions import parse_actions
from .activations import DeadRelu, SaturatedActivation
from .base import BuiltinRule, Rule
from .classification import ClassImbalance, Confusion
from .custom import check_custom_parameters, load_custom_rule
from .fitting import Overfit, Overtraining
from .gradients import ExplodingTensor, PoorWeightInitialization, VanishingGradient, WeightUpdateRatio
from .inputs import CheckInputImages, NLPSequenceRatio
from .losses import LossNotDecreasing
from .params import KINDS, refuse
from .stalled import StalledTrainingRule
from .tensors import AllZero, TensorVariance, UnchangedTensor
from .xgboost import FeatureImportanceOverweight, TreeDepth

_RULES: tuple[type[BuiltinRule], ...] = (
    VanishingGradient,
    ExplodingTensor,
    PoorWeightInitialization,
    SaturatedActivation,
    DeadRelu,
    WeightUpdateRatio,
    AllZero,
    UnchangedTensor,
    TensorVariance,
    LossNotDecreasing,
    Overfit,
    Overtraining,
    ClassImbalance,
    StalledTrainingRule,
    TreeDepth,
    FeatureImportanceOverweight,
    CheckInputImages,
    NLPSequenceRatio,
    Confusion,
)
BUILTIN_RULES: dict[str, type[Rule]] = {rule.__name__: rule for rule in _RULES}

# RuleParameters that configure the rule job, not the rule: which rule, its actions, where a custom rule's
# source is, and the steps to evaluate (a rule that declares one of them, Overfit's start_step, gets it too)
RESERVED_PARAMETERS = frozenset(
    {"rule_to_invoke", "action_json", "source_s3_uri", "base_trial", "other_trials", "start_step", "end_step"}
)


def _rule_name(parameters: dict[str, str]) -> str:
    name = str(parameters.get("rule_to_invoke") or "").strip()
    if not name:
        raise refuse("rule_to_invoke", f"names the rule: one of {', '.join(BUILTIN_RULES)}, or a custom rule's class")
    return name


def _arguments(parameters: dict[str, str], declared: set[str]) -> dict[str, str]:
    return {k: v for k, v in parameters.items() if k not in RESERVED_PARAMETERS or k in declared}


def evaluation_range(parameters: dict[str, str]) -> tuple[Optional[int], Optional[int]]:
    """The steps to evaluate, [start_step, end_step), from RuleParameters (None: from the first, to the end)."""
    found: list[Optional[int]] = []
    for name in ("start_step", "end_step"):
        raw = parameters.get(name)
        step: Optional[int] = None if raw is None or not str(raw).strip() else KINDS["int"](name, raw)
        if step is not None and step < 0:
            raise refuse(name, "steps are 0 or more")
        found.append(step)
    start, end = found
    if start is not None and end is not None and end <= start:
        raise refuse("end_step", f"must be after start_step {start}")
    return start, end


def _unknown(name: str) -> Exception:
    return refuse(
        "rule_to_invoke",
        f"unknown rule {name!r}; the built-in rules are {', '.join(BUILTIN_RULES)}"
        " (a custom rule gives its source in source_s3_uri)",
    )


def check_rule_parameters(parameters: dict[str, str], source_path: Optional[str] = None) -> None:
    """Validates a rule's RuleParameters without a trial (when the training job is created): the rule,
    each parameter's name and type, the evaluation range and the actions."""
    name = _rule_name(parameters)
    evaluation_range(parameters)
    parse_actions(parameters.get("action_json"))
    if source_path is not None:
        check_custom_parameters(source_path, name, _arguments(parameters, set()))
        return
    if "source_s3_uri" in parameters:
        return  # a custom rule whose source is not fetched yet: the rule job checks it
    rule = BUILTIN_RULES.get(name)
    if rule is None or not issubclass(rule, BuiltinRule):
        raise _unknown(name)
    rule.check_parameters(_arguments(parameters, {p.name for p in rule.PARAMETERS}))


def load_rule(trial: Any, parameters: dict[str, str], source_path: Optional[str] = None) -> Rule:
    """The rule that RuleParameters describe, on `trial`: built-in by rule_to_invoke, or the class of that
    name in the Python file at `source_path`."""
    name = _rule_name(parameters)
    evaluation_range(parameters)
    action_str = parameters.get("action_json") or ""
    parse_actions(action_str)
    if source_path is not None:
        return load_custom_rule(trial, source_path, name, _arguments(parameters, set()), action_str)
    rule = BUILTIN_RULES.get(name)
    if rule is None or not issubclass(rule, BuiltinRule):
        raise _unknown(name)
    arguments = _arguments(parameters, {p.name for p in rule.PARAMETERS})
    return rule(trial, action_str, None, **arguments)
