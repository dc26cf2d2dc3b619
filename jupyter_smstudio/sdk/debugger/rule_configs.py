"""The SageMaker SDK's `sagemaker.debugger.rule_configs` (smdebug_rulesconfig): one function per built-in
rule returning its configuration, for `Rule.sagemaker(rule_configs.vanishing_gradient())`, and the actions
a rule takes when it fires (`ActionList(StopTraining(), Email(...))`).

A configuration is smdebug_rulesconfig's dict: the rule's RuleParameters (rule_to_invoke and SageMaker's
defaults, as strings: what DescribeTrainingJob shows) and the collections the hook must save for the rule
to read. The defaults come from the rules themselves (debugger/rules), so they cannot drift apart.
"""

from __future__ import annotations

import json
import re
from typing import Any, Optional, Union

from ...debugger.rules.base import BuiltinRule
from ...debugger.rules.registry import BUILTIN_RULES

_EVERY_500 = {"save_interval": "500"}


def _collection(name: str, include_regex: Optional[str] = None) -> dict[str, Any]:
    parameters = dict(_EVERY_500)
    if include_regex:
        parameters = {"include_regex": include_regex, **parameters}
    return {"CollectionName": name, "CollectionParameters": parameters}


# smdebug_rulesconfig's collections, and the ones a rule reads that the hook does not save by default
_COLLECTIONS: dict[str, list[dict[str, Any]]] = {
    "VanishingGradient": [_collection("gradients")],
    "WeightUpdateRatio": [_collection("weights")],
    "PoorWeightInitialization": [_collection("relu_input", ".*relu_input")],
    "DeadRelu": [_collection("relu_output", ".*relu_output")],
    "SaturatedActivation": [_collection("activation_inputs", ".*tanh_input|.*sigmoid_input")],
    "LossNotDecreasing": [_collection("losses")],
    "Overfit": [_collection("losses")],
    "Overtraining": [_collection("losses")],
    "StalledTrainingRule": [_collection("losses")],
    "CheckInputImages": [_collection("input_image", ".*hybridsequential0_input_0")],
    "NLPSequenceRatio": [_collection("input_sequence", ".*embedding0_input_0")],
    "FeatureImportanceOverweight": [_collection("feature_importance")],
    "TreeDepth": [_collection("trees")],
    "ClassImbalance": [_collection("labels"), _collection("predictions")],
    "Confusion": [_collection("labels"), _collection("predictions")],
}


def _config(rule_name: str) -> dict[str, Any]:
    rule = BUILTIN_RULES[rule_name]
    parameters = {"rule_to_invoke": rule_name}
    if issubclass(rule, BuiltinRule):
        for param in rule.PARAMETERS:
            text = param.as_string()
            if text is not None and text != "":
                parameters[param.name] = text
    config: dict[str, Any] = {
        "DebugRuleConfiguration": {"RuleConfigurationName": rule_name, "RuleParameters": parameters}
    }
    if rule_name in _COLLECTIONS:
        config["CollectionConfigurations"] = [
            {"CollectionName": c["CollectionName"], "CollectionParameters": dict(c["CollectionParameters"])}
            for c in _COLLECTIONS[rule_name]
        ]
    return config


def vanishing_gradient() -> dict[str, Any]:
    return _config("VanishingGradient")


def exploding_tensor() -> dict[str, Any]:
    return _config("ExplodingTensor")


def poor_weight_initialization() -> dict[str, Any]:
    return _config("PoorWeightInitialization")


def saturated_activation() -> dict[str, Any]:
    return _config("SaturatedActivation")


def dead_relu() -> dict[str, Any]:
    return _config("DeadRelu")


def weight_update_ratio() -> dict[str, Any]:
    return _config("WeightUpdateRatio")


def all_zero() -> dict[str, Any]:
    return _config("AllZero")


def unchanged_tensor() -> dict[str, Any]:
    return _config("UnchangedTensor")


def tensor_variance() -> dict[str, Any]:
    return _config("TensorVariance")


def loss_not_decreasing() -> dict[str, Any]:
    return _config("LossNotDecreasing")


def overfit() -> dict[str, Any]:
    return _config("Overfit")


def overtraining() -> dict[str, Any]:
    return _config("Overtraining")


def class_imbalance() -> dict[str, Any]:
    return _config("ClassImbalance")


def stalled_training_rule() -> dict[str, Any]:
    return _config("StalledTrainingRule")


def tree_depth() -> dict[str, Any]:
    return _config("TreeDepth")


def feature_importance_overweight() -> dict[str, Any]:
    return _config("FeatureImportanceOverweight")


def check_input_images() -> dict[str, Any]:
    return _config("CheckInputImages")


def nlp_sequence_ratio() -> dict[str, Any]:
    return _config("NLPSequenceRatio")


def confusion() -> dict[str, Any]:
    return _config("Confusion")


# -- actions (smdebug_rulesconfig.actions) --------------------------------------------------------------
_TRAINING_JOB_PREFIX = re.compile(r"[A-Za-z0-9\-]+")
_EMAIL_ADDRESS = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE_NUMBER = re.compile(r"\+\d{10,15}")


def _check(pattern: re.Pattern[str], key: str, value: Any, what: str) -> None:
    if not isinstance(value, str):
        raise ValueError(f"{key} must be a string!")
    if not pattern.fullmatch(value):
        raise ValueError(f"Invalid {key}: {value!r}; {what}")


class Action:
    """An action taken when a rule fires; serialized as smdebug's {"name": ..., <its parameters>}."""

    def __init__(self, **action_parameters: Optional[str]):
        action_parameters["name"] = type(self).__name__.lower()
        self.action_parameters: dict[str, str] = {k: v for k, v in action_parameters.items() if v is not None}

    def serialize(self) -> str:
        return json.dumps(self.action_parameters)


class StopTraining(Action):
    """Stops the training job (the job whose name starts with `training_job_prefix`; by default the job
    the rule watches, filled in by the estimator at fit)."""

    def __init__(self, training_job_prefix: Optional[str] = None):
        self.use_default_training_job_prefix = training_job_prefix is None
        if training_job_prefix is not None:
            _check(_TRAINING_JOB_PREFIX, "training_job_prefix", training_job_prefix, "letters, numbers and hyphens")
        super().__init__(training_job_prefix=training_job_prefix)

    def update_training_job_prefix_if_not_specified(self, training_job_name: str) -> None:
        if self.use_default_training_job_prefix:
            self.action_parameters["training_job_prefix"] = training_job_name


class Email(Action):
    def __init__(self, email_address: str):
        _check(_EMAIL_ADDRESS, "email_address", email_address, "must follow the scheme username@domain")
        super().__init__(endpoint=email_address)


class SMS(Action):
    def __init__(self, phone_number: str):
        _check(_PHONE_NUMBER, "phone_number", phone_number, "must be 10 to 15 digits after a `+`")
        super().__init__(endpoint=phone_number)


class ActionList:
    """The actions of one rule; serialized as a JSON list, what RuleParameters.action_json holds."""

    def __init__(self, *actions: Action):
        if not all(isinstance(action, Action) for action in actions):
            raise TypeError("actions must be list of Action objects!")
        self.actions = actions

    def update_training_job_prefix_if_not_specified(self, training_job_name: str) -> None:
        for action in self.actions:
            if isinstance(action, StopTraining):
                action.update_training_job_prefix_if_not_specified(training_job_name)

    def serialize(self) -> str:
        return "[" + ", ".join(action.serialize() for action in self.actions) + "]"


def is_valid_action_object(actions: Union[Action, ActionList, Any]) -> bool:
    return isinstance(actions, (Action, ActionList))


__all__ = [
    "SMS",
    "Action",
    "ActionList",
    "Email",
    "StopTraining",
    "all_zero",
    "check_input_images",
    "class_imbalance",
    "confusion",
    "dead_relu",
    "exploding_tensor",
    "feature_importance_overweight",
    "is_valid_action_object",
    "loss_not_decreasing",
    "nlp_sequence_ratio",
    "overfit",
    "overtraining",
    "poor_weight_initialization",
    "saturated_activation",
    "stalled_training_rule",
    "tensor_variance",
    "tree_depth",
    "unchanged_tensor",
    "vanishing_gradient",
    "weight_update_ratio",
]
