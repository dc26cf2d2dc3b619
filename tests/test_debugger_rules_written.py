"""The Debugger's rules on tensors written with the store's own writer (the XGBoost and input rules, whose
tensors are the hooks' contract), a user's rule class from a Python file, the evaluation loop on a job
that is still writing, bad RuleParameters (a 400 naming the parameter) and SageMaker's rule_configs."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from jupyter_smstudio.core.errors import BadRequest
from jupyter_smstudio.debugger.modes import ModeKeys
from jupyter_smstudio.debugger.rules import (
    BUILTIN_RULES,
    RESERVED_PARAMETERS,
    check_rule_parameters,
    evaluate,
    load_rule,
    parse_actions,
    stops_training,
    stops_training_on_fire,
)
from jupyter_smstudio.debugger.store import StepRecord, StepWriter, numpy_record
from jupyter_smstudio.sdk.debugger import rule_configs
from jupyter_smstudio.smdebug.rules import Rule, RuleEvaluationConditionMet
from jupyter_smstudio.smdebug.rules.rule_invoker import invoke_rule
from jupyter_smstudio.smdebug.trials import create_trial


def _write(path, steps: dict[int, dict[str, tuple[np.ndarray, str]]], end: bool = True, pause: float = 0.0):
    """Writes {step: {name: (value, collection)}} as a hook would, then the end marker (unless not `end`)."""
    writer = StepWriter(str(path), "worker_0")
    for step, tensors in sorted(steps.items()):
        record = StepRecord(step, ModeKeys.TRAIN, step)
        for name, (value, collection) in tensors.items():
            record.tensors[name] = numpy_record(name, np.asarray(value), [collection])
        writer.submit(record)
        time.sleep(pause)
    if end:
        writer.close()
    return writer


def _outcome(path, **parameters):
    return evaluate(load_rule(create_trial(str(path)), {k: str(v) for k, v in parameters.items()}), poll_seconds=0.02)


# -- XGBoost ----------------------------------------------------------------------------------------
def _booster_steps(depth: int, importance: list[float]):
    """Ten boosting rounds: every node's depth (trees/Depth) and the features' weight importance."""
    depths = np.array([0, 1, 1, *([2] * 4), *([depth] * 2)], dtype=np.float64)
    steps = {}
    for step in range(10):
        tensors = {"trees/Depth": (depths, "trees"), "train-rmse": (np.float64(1.0 / (step + 1)), "metrics")}
        for i, value in enumerate(importance):
            tensors[f"feature_importance/weight/f{i}"] = (np.float64(value * (step + 1)), "feature_importance")
        steps[step] = tensors
    return steps


def test_tree_depth_and_feature_importance_on_an_xgboost_model(tmp_path):
    shallow, deep = tmp_path / "shallow", tmp_path / "deep"
    _write(shallow, _booster_steps(depth=2, importance=[90, 4, 3, 2, 1]))
    _write(deep, _booster_steps(depth=6, importance=[30, 25, 20, 15, 10]))
    tree = _outcome(shallow, rule_to_invoke="TreeDepth")
    assert tree.status == "IssuesFound" and tree.step == 0
    assert tree.details == "TreeDepth: at step 0, the deepest tree is 2 levels deep < depth 4"
    assert _outcome(deep, rule_to_invoke="TreeDepth").status == "NoIssuesFound"
    overweight = _outcome(shallow, rule_to_invoke="FeatureImportanceOverweight")
    assert overweight.status == "IssuesFound"
    assert "('f0', 'f1', 'f2') hold 97% of the total importance > threshold 0.8" in overweight.details
    spread = _outcome(deep, rule_to_invoke="FeatureImportanceOverweight")
    assert spread.status == "NoIssuesFound" and spread.steps_evaluated == 10
    # the metrics are losses for the generic rules: rmse keeps decreasing here
    assert _outcome(deep, rule_to_invoke="LossNotDecreasing", tensor_regex="rmse").status == "NoIssuesFound"


def test_overfit_and_overtraining_on_xgboosts_metrics(tmp_path):
    def rounds(train: list[float], validation: list[float]):
        return {
            s: {"train-logloss": (np.float64(t), "metrics"), "validation-logloss": (np.float64(v), "metrics")}
            for s, (t, v) in enumerate(zip(train, validation, strict=True))
        }

    _write(tmp_path / "overfit", rounds([0.6, 0.4, 0.2, 0.1, 0.05], [0.6, 0.45, 0.4, 0.42, 0.45]))
    overfit = _outcome(tmp_path / "overfit", rule_to_invoke="Overfit", patience=2)
    assert overfit.status == "IssuesFound" and overfit.step == 2
    assert "'logloss': validation 0.4 vs training 0.2, ratio 1 > ratio_threshold 0.1" in overfit.details
    stalled = _outcome(tmp_path / "overfit", rule_to_invoke="Overtraining", patience_validation=2)
    assert stalled.status == "IssuesFound" and stalled.step == 4
    assert "the validation loss 'validation-logloss' has not improved" in stalled.details
    _write(tmp_path / "fine", rounds([0.6, 0.4, 0.2, 0.1, 0.05], [0.6, 0.42, 0.21, 0.105, 0.052]))
    assert _outcome(tmp_path / "fine", rule_to_invoke="Overfit").status == "NoIssuesFound"
    assert _outcome(tmp_path / "fine", rule_to_invoke="Overtraining").status == "NoIssuesFound"


def test_class_imbalance_and_confusion_on_labels_and_predictions(tmp_path):
    rng = np.random.default_rng(0)
    labels = np.array([0] * 190 + [1] * 10, dtype=np.float64)
    wrong_on_rare = np.where(labels == 1, 0.0, labels)  # the rare class is always predicted as the common one
    probabilities = np.stack([1 - wrong_on_rare, wrong_on_rare], axis=1)
    _write(
        tmp_path / "imbalanced",
        {s: {"labels": (labels, "labels"), "predictions": (probabilities, "predictions")} for s in range(3)},
    )
    imbalance = _outcome(tmp_path / "imbalanced", rule_to_invoke="ClassImbalance", samples=400, argmax="True")
    assert imbalance.status == "IssuesFound" and imbalance.step == 1
    assert "class 0 has 380 samples and class 1 20 (19 times) > threshold_imbalance 10" in imbalance.details
    # the confusion matrix of a step: a quarter of what is predicted as class 0 is class 1
    quarter = np.array([0] * 150 + [1] * 50, dtype=np.float64)
    _write(tmp_path / "confused", {0: {"labels": (quarter, "labels"), "predictions": (quarter * 0, "predictions")}})
    confusion = _outcome(tmp_path / "confused", rule_to_invoke="Confusion")
    assert confusion.status == "IssuesFound"
    assert "of the 200 samples predicted as class 0, 75% are right < min_diag 0.9" in confusion.details
    good = rng.integers(0, 3, 300).astype(np.float64)
    _write(tmp_path / "good", {0: {"labels": (good, "labels"), "predictions": (good.copy(), "predictions")}})
    assert _outcome(tmp_path / "good", rule_to_invoke="Confusion").status == "NoIssuesFound"
    assert _outcome(tmp_path / "good", rule_to_invoke="ClassImbalance", samples=100).status == "NoIssuesFound"


def test_input_images_and_token_ratio(tmp_path):
    rng = np.random.default_rng(0)
    images = rng.random((64, 3, 4, 4))  # pixels in [0, 1): mean 0.5, not normalized
    _write(tmp_path / "raw", {s: {"model_input_0": (images, "inputs")} for s in range(3)})
    raw = _outcome(tmp_path / "raw", rule_to_invoke="CheckInputImages", regex="model_input_0", threshold_samples=100)
    assert raw.status == "IssuesFound" and raw.step == 1 and "over 128 images" in raw.details
    _write(tmp_path / "normalized", {0: {"model_input_0": ((images - 0.5) / 0.29, "inputs")}})
    normalized = _outcome(
        tmp_path / "normalized", rule_to_invoke="CheckInputImages", regex="model_input_0", threshold_samples=10
    )
    assert normalized.status == "NoIssuesFound"
    tokens = np.zeros((8, 20))
    tokens[:, :6] = rng.integers(1, 100, (8, 6))  # 70% padding
    _write(tmp_path / "tokens", {0: {"embedding0_input_0": (tokens, "inputs")}})
    padded = _outcome(tmp_path / "tokens", rule_to_invoke="NLPSequenceRatio")
    assert padded.status == "IssuesFound" and "70% of the tokens of 'embedding0_input_0' are 0 > 50%" in padded.details
    lenient = _outcome(
        tmp_path / "tokens", rule_to_invoke="NLPSequenceRatio", token_values="0,3", token_thresholds_percent="80,50"
    )
    assert lenient.status == "NoIssuesFound"


def test_the_generic_tensor_rules_on_written_weights(tmp_path):
    rng = np.random.default_rng(0)
    base = rng.standard_normal(100)
    half_zero = np.where(np.arange(100) < 60, 0.0, base)
    steps = {
        s: {
            "fc.weight": (base * (1 + 0.001 * s), "weights"),  # tiny updates
            "sparse.weight": (half_zero, "weights"),
            "wide.weight": (base * 100, "weights"),
        }
        for s in range(0, 40, 10)
    }
    _write(tmp_path, steps)
    zero = _outcome(tmp_path, rule_to_invoke="AllZero", collection_names="weights", threshold=50)
    assert zero.status == "IssuesFound" and "60.0% of the values of 'sparse.weight' are zero" in zero.details
    assert _outcome(tmp_path, rule_to_invoke="AllZero", collection_names="weights").status == "NoIssuesFound"
    wide = _outcome(tmp_path, rule_to_invoke="TensorVariance", tensor_regex="wide", max_threshold=100)
    assert wide.status == "IssuesFound" and "'wide.weight' has variance" in wide.details
    narrow = _outcome(tmp_path, rule_to_invoke="TensorVariance", tensor_regex="fc", min_threshold=2)
    assert narrow.status == "IssuesFound" and "< min_threshold 2" in narrow.details
    # sparse.weight and wide.weight never change: UnchangedTensor at the third saved step
    unchanged = _outcome(tmp_path, rule_to_invoke="UnchangedTensor", tensor_regex="sparse")
    assert (unchanged.status, unchanged.step) == ("IssuesFound", 20)
    assert "'sparse.weight' has not changed over steps 0, 10, 20" in unchanged.details
    assert _outcome(tmp_path, rule_to_invoke="UnchangedTensor", tensor_regex="^fc").status == "NoIssuesFound"
    # compared 20 steps apart: fc.weight moved by 2% of its size, sparse.weight not at all
    ratio = _outcome(tmp_path, rule_to_invoke="WeightUpdateRatio", large_threshold=0.015, num_steps=20)
    assert (ratio.status, ratio.step) == ("IssuesFound", 20)
    assert "'fc.weight' changed by 0.02 of its size since step 0 > large_threshold 0.015" in ratio.details
    ratio = _outcome(tmp_path, rule_to_invoke="WeightUpdateRatio")  # the previous saved step, default thresholds
    assert (ratio.status, ratio.step) == ("IssuesFound", 10)
    assert "'sparse.weight' changed by 0 of its size since step 0 < small_threshold 1e-08" in ratio.details


# -- a user's rule --------------------------------------------------------------------------------
CUSTOM_RULE = """
from jupyter_smstudio.smdebug.rules import Rule


class LossAbove(Rule):
    def __init__(self, base_trial, threshold=10.0, steps: int = 0):
        super().__init__(base_trial)
        self.threshold = threshold

    def invoke_at_step(self, step):
        return float(self.base_trial.tensor("loss").value(step)) > self.threshold


class Broken(Rule):
    def invoke_at_step(self, step):
        return 1 / 0
"""


def _losses(path, values):
    _write(path, {s: {"loss": (np.float64(v), "losses")} for s, v in enumerate(values)})


def test_a_custom_rule_class_from_a_python_file(tmp_path):
    source = tmp_path / "my_rules.py"
    source.write_text(CUSTOM_RULE)
    _losses(tmp_path / "job", [3.0, 2.0, 7.0, 1.0])
    parameters = {"rule_to_invoke": "LossAbove", "threshold": "5", "source_s3_uri": "s3://bucket/my_rules.py"}
    check_rule_parameters(parameters, str(source))
    rule = load_rule(create_trial(str(tmp_path / "job")), parameters, str(source))
    assert rule.threshold == 5.0  # the string converted to its default's type
    outcome = evaluate(rule, poll_seconds=0.02)
    assert (outcome.status, outcome.step) == ("IssuesFound", 2)
    assert outcome.details == "LossAbove: at step 2, the condition was met"
    # smdebug's loop, as a notebook runs it
    rule = load_rule(create_trial(str(tmp_path / "job")), parameters, str(source))
    with pytest.raises(RuleEvaluationConditionMet) as met:
        invoke_rule(rule, raise_eval_cond=True)
    assert met.value.step == 2 and met.value.rule_name == "LossAbove"
    invoke_rule(load_rule(create_trial(str(tmp_path / "job")), parameters, str(source)))  # logs it, goes on
    # a rule that fails is the rule job's Error, with the message
    broken = load_rule(create_trial(str(tmp_path / "job")), {"rule_to_invoke": "Broken"}, str(source))
    failed = evaluate(broken, poll_seconds=0.02)
    assert failed.status == "Error" and "ZeroDivisionError" in failed.details
    assert isinstance(broken, Rule)


@pytest.mark.parametrize(
    "parameters, field",
    [
        ({"rule_to_invoke": "LossAbove", "threshold": "high"}, "RuleParameters.threshold"),
        ({"rule_to_invoke": "LossAbove", "steps": "2.5"}, "RuleParameters.steps"),
        ({"rule_to_invoke": "LossAbove", "patience": "3"}, "RuleParameters.patience"),
        ({"rule_to_invoke": "Missing"}, "RuleParameters.rule_to_invoke"),
    ],
)
def test_a_custom_rules_bad_parameters_name_the_field(tmp_path, parameters, field):
    source = tmp_path / "my_rules.py"
    source.write_text(CUSTOM_RULE)
    with pytest.raises(BadRequest) as err:
        check_rule_parameters(parameters, str(source))
    assert err.value.field == field


def test_a_custom_rule_that_is_not_python_is_a_400(tmp_path):
    source = tmp_path / "my_rules.py"
    source.write_text("class Oops(:\n")
    with pytest.raises(BadRequest) as err:
        check_rule_parameters({"rule_to_invoke": "Oops"}, str(source))
    assert err.value.field == "RuleParameters.source_s3_uri"


def test_loss_not_decreasing_tolerates_noise_but_not_a_rise(tmp_path):
    _losses(tmp_path / "noisy", [1.0, 1.04, 0.9, 0.93, 0.8, 0.83, 0.7])  # up 4% at times: mini-batch noise
    assert _outcome(tmp_path / "noisy", rule_to_invoke="LossNotDecreasing", num_steps=1).status == "NoIssuesFound"
    _losses(tmp_path / "rising", [1.0, 1.0, 1.2, 1.3])
    rising = _outcome(tmp_path / "rising", rule_to_invoke="LossNotDecreasing", num_steps=2)
    assert (rising.status, rising.step) == ("IssuesFound", 2)
    assert "went from 1 at step 0 to 1.2: increased 20% > increase_threshold_percent 5%" in rising.details


# -- the evaluation loop --------------------------------------------------------------------------
def test_evaluate_follows_a_job_that_is_still_writing(tmp_path):
    trial = create_trial(str(tmp_path))  # nothing written yet
    rule = load_rule(trial, {"rule_to_invoke": "LossNotDecreasing", "num_steps": "2"})
    seen: list[int] = []
    writer = threading.Thread(
        target=_write,
        args=(tmp_path, {s: {"loss": (np.float64(10 - s), "losses")} for s in range(12)}),
        kwargs={"pause": 0.05},
    )
    writer.start()
    outcome = evaluate(rule, poll_seconds=0.02, progress=seen.append)
    writer.join()
    assert outcome.status == "NoIssuesFound" and outcome.steps_evaluated == 12
    assert seen == list(range(12))  # every step, once, in order, though read while being written


def test_evaluate_ends_at_end_step_on_stop_and_on_an_idle_job(tmp_path):
    _losses(tmp_path / "done", [5.0, 4.0, 3.0, 9.0, 1.0])
    rule = load_rule(create_trial(str(tmp_path / "done")), {"rule_to_invoke": "Overtraining", "patience_train": "1"})
    assert evaluate(rule, start_step=1, end_step=3).steps_evaluated == 2
    running = tmp_path / "running"
    _write(running, {0: {"loss": (np.float64(1.0), "losses")}}, end=False)
    deadline = time.monotonic() + 10
    while not create_trial(str(running)).steps() and time.monotonic() < deadline:
        time.sleep(0.01)  # the writer thread has the step: wait until it is on disk
    stop = threading.Event()
    threading.Timer(0.2, stop.set).start()
    rule = load_rule(create_trial(str(running)), {"rule_to_invoke": "VanishingGradient"})
    stopped = evaluate(rule, poll_seconds=0.02, stop=stop)
    assert stopped.status == "NoIssuesFound" and "stopped" in stopped.details
    idle = evaluate(rule, poll_seconds=0.02, idle_timeout=0.2)
    assert idle.status == "Error" and "wrote no step" in idle.details
    stalled_rule = load_rule(create_trial(str(running)), {"rule_to_invoke": "StalledTrainingRule", "threshold": "0.2"})
    stalled = evaluate(stalled_rule, poll_seconds=0.02)
    assert stalled.status == "IssuesFound" and stalled.step == 0
    assert "after step 0 >= threshold 0.2 s" in stalled.details


# -- bad input --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "parameters, field",
    [
        ({"rule_to_invoke": "NoSuchRule"}, "RuleParameters.rule_to_invoke"),
        ({}, "RuleParameters.rule_to_invoke"),
        ({"rule_to_invoke": "VanishingGradient", "treshold": "1"}, "RuleParameters.treshold"),
        ({"rule_to_invoke": "VanishingGradient", "threshold": "tiny"}, "RuleParameters.threshold"),
        ({"rule_to_invoke": "LossNotDecreasing", "num_steps": "ten"}, "RuleParameters.num_steps"),
        ({"rule_to_invoke": "LossNotDecreasing", "mode": "TRAINING"}, "RuleParameters.mode"),
        ({"rule_to_invoke": "LossNotDecreasing", "diff_percent": "150"}, "RuleParameters.diff_percent"),
        ({"rule_to_invoke": "ExplodingTensor", "only_nan": "maybe"}, "RuleParameters.only_nan"),
        ({"rule_to_invoke": "ExplodingTensor", "tensor_regex": "(unclosed"}, "RuleParameters.tensor_regex"),
        ({"rule_to_invoke": "TensorVariance"}, "RuleParameters.max_threshold"),
        ({"rule_to_invoke": "NLPSequenceRatio", "token_values": "0,1"}, "RuleParameters.token_thresholds_percent"),
        ({"rule_to_invoke": "Overfit", "start_step": "-1"}, "RuleParameters.start_step"),
        ({"rule_to_invoke": "AllZero", "end_step": "x"}, "RuleParameters.end_step"),
        ({"rule_to_invoke": "AllZero", "action_json": "[{"}, "RuleParameters.action_json"),
        ({"rule_to_invoke": "AllZero", "action_json": '[{"name": "fax"}]'}, "RuleParameters.action_json"),
    ],
)
def test_bad_rule_parameters_name_the_field(tmp_path, parameters, field):
    with pytest.raises(BadRequest) as err:
        check_rule_parameters(parameters)
    assert err.value.field == field
    with pytest.raises(BadRequest) as err:
        load_rule(create_trial(str(tmp_path)), parameters)
    assert err.value.field == field


# -- SageMaker's rule_configs and actions ---------------------------------------------------------
def test_every_builtin_rule_has_a_rule_config_that_validates():
    functions = [getattr(rule_configs, name) for name in rule_configs.__all__ if name[0].islower()]
    configs = {
        c["DebugRuleConfiguration"]["RuleConfigurationName"]: c
        for f in functions
        if callable(f) and f is not rule_configs.is_valid_action_object
        for c in [f()]
    }
    assert set(configs) == set(BUILTIN_RULES)
    vanishing = rule_configs.vanishing_gradient()
    assert vanishing == {
        "DebugRuleConfiguration": {
            "RuleConfigurationName": "VanishingGradient",
            "RuleParameters": {"rule_to_invoke": "VanishingGradient", "threshold": "0.0000001"},
        },
        "CollectionConfigurations": [{"CollectionName": "gradients", "CollectionParameters": {"save_interval": "500"}}],
    }
    for name, config in configs.items():
        parameters = dict(config["DebugRuleConfiguration"]["RuleParameters"])
        if name == "TensorVariance":  # SageMaker's has no thresholds: the user gives one
            parameters["max_threshold"] = "10"
        check_rule_parameters(parameters)
    assert "rule_to_invoke" in RESERVED_PARAMETERS and "action_json" in RESERVED_PARAMETERS


def test_actions_serialize_as_smdebug_and_stop_the_named_job():
    stop = rule_configs.StopTraining()
    actions = rule_configs.ActionList(stop, rule_configs.Email("someone@example.com"), rule_configs.SMS("+15551234567"))
    actions.update_training_job_prefix_if_not_specified("churn-2026-12-02")
    parsed = parse_actions(actions.serialize())
    assert parsed == [
        {"name": "StopTraining", "training_job_prefix": "churn-2026-12-02"},
        {"name": "Email", "endpoint": "someone@example.com"},
        {"name": "SMS", "endpoint": "+15551234567"},
    ]
    assert stops_training(parsed, "churn-2026-12-02") and not stops_training(parsed, "other-job")
    # the SageMaker SDK's own string (quotes escaped for its rule container) and the object spelling
    escaped = '[{\\"name\\": \\"stoptraining\\", \\"training_job_prefix\\": \\"churn\\"}]'
    assert stops_training(parse_actions(escaped), "churn-2026-12-02")
    assert stops_training(parse_actions('{"StopTraining": {"training_job_prefix": "churn"}}'), "churn-1")
    assert parse_actions("") == [] and rule_configs.is_valid_action_object(actions)
    stalled = {
        "rule_to_invoke": "StalledTrainingRule",
        "stop_training_on_fire": "True",
        "training_job_name_prefix": "churn",
    }
    assert stops_training_on_fire(stalled, "churn-1") and not stops_training_on_fire(stalled, "other")
    for bad in (
        lambda: rule_configs.StopTraining("no spaces"),
        lambda: rule_configs.Email("nobody"),
        lambda: rule_configs.SMS("555"),
    ):
        with pytest.raises(ValueError):
            bad()
