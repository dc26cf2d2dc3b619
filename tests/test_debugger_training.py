"""The Debugger on training jobs, end to end: an estimator with a hook config and rules (SDK, embedded and against a
server), rule jobs beside the training job, StopTraining with the rule and the step as the reason, rule statuses in
DescribeTrainingJob, the analysis API on the job's tensors; bad input refused with the field named."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from jupyter_smstudio.core.errors import BadRequest
from jupyter_smstudio.debugger.rule_jobs import rule_job_name
from jupyter_smstudio.studio import JOBS, TRAINING, StudioSettings, build_services
from jupyter_smstudio.training.models import TrainingJobRequest
from tests.test_sdk import script_values

SCRIPTS = Path(__file__).parent / "debugger_scripts"


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "work"
    (root / "src").mkdir(parents=True)
    for script in SCRIPTS.glob("*.py"):
        shutil.copy(script, root / "src" / script.name)
    return root


# A plain script with lr=0 and a LossNotDecreasing rule that stops training; a healthy one where every rule reports
# NoIssuesFound; the explicit smdebug-style hook; the analysis API on the tensors.
SDK_DEBUG = """
    import time
    from jupyter_smstudio.sdk.pytorch import PyTorch
    from jupyter_smstudio.sdk.debugger import CollectionConfig, DebuggerHookConfig, Rule, rule_configs
    from jupyter_smstudio.smdebug.trials import create_trial

    stop = rule_configs.ActionList(rule_configs.StopTraining())
    losses = CollectionConfig("losses", parameters={"save_interval": "2"})
    est = PyTorch(entry_point="regression.py", source_dir="src", framework_version="2.1", py_version="py310",
                  role="ignored", instance_type="local", hyperparameters={"lr": 0.0, "steps": 4000, "pause": 0.005},
                  debugger_hook_config=DebuggerHookConfig(collection_configs=[losses]),
                  rules=[Rule.sagemaker(rule_configs.loss_not_decreasing(), rule_parameters={"num_steps": "6"},
                                        collections_to_save=[losses], actions=stop)])
    est.fit(job_name="never-learns", logs=False)
    desc = est.latest_training_job.describe()
    report(status=desc["TrainingJobStatus"], reason=desc.get("FailureReason"),
           hook=desc["DebugHookConfig"]["CollectionConfigurations"],
           rules=[r["RuleConfigurationName"] for r in desc["DebugRuleConfigurations"]],
           artifacts=est.latest_job_debugger_artifacts_path())
    deadline = time.time() + 60
    while time.time() < deadline:
        summary = est.latest_training_job.rule_job_summary()
        if all(s["RuleEvaluationStatus"] not in ("InProgress", "Stopping") for s in summary):
            break
        time.sleep(0.5)
    report(summary=summary)
    from jupyter_smstudio.sdk import Session
    described = Session().sagemaker_client.describe_training_job(TrainingJobName="never-learns")
    report(client=[s["RuleEvaluationStatus"] for s in described["DebugRuleEvaluationStatuses"]])
    trial = create_trial(est.latest_job_debugger_artifacts_path())
    report(tensors=trial.tensor_names(collection="losses"), steps=len(trial.steps()))

    healthy = PyTorch(entry_point="regression.py", source_dir="src", framework_version="2.1", py_version="py310",
                      role="ignored", instance_type="local", hyperparameters={"lr": 0.05, "steps": 300},
                      rules=[Rule.sagemaker(rule_configs.loss_not_decreasing(), collections_to_save=[losses]),
                             Rule.sagemaker(rule_configs.exploding_tensor()),
                             Rule.custom(name="LossBelow", image_uri="my-rules:1", instance_type="ml.t3.medium",
                                         volume_size_in_gb=1, source="src/custom_rule.py", rule_to_invoke="LossBelow",
                                         rule_parameters={"threshold": "5.0"})])
    healthy.fit(job_name="learns", logs=False)
    deadline = time.time() + 60
    while time.time() < deadline:
        summary = healthy.latest_training_job.rule_job_summary()
        if all(s["RuleEvaluationStatus"] not in ("InProgress", "Stopping") for s in summary):
            break
        time.sleep(0.5)
    report(healthy=healthy.latest_training_job.describe()["TrainingJobStatus"],
           healthy_summary={s["RuleConfigurationName"]: s["RuleEvaluationStatus"] for s in summary})
"""


def _check(v: dict) -> None:
    assert v["status"] == "Stopped", v
    assert "LossNotDecreasing" in v["reason"] and "step" in v["reason"], v["reason"]
    assert {"CollectionName": "losses", "CollectionParameters": {"save_interval": "2"}} in v["hook"]
    assert v["rules"] == ["LossNotDecreasing"]
    assert v["artifacts"].endswith("/never-learns/debug-output")
    (rule,) = v["summary"]
    assert rule["RuleConfigurationName"] == "LossNotDecreasing"
    assert rule["RuleEvaluationStatus"] == "IssuesFound", rule
    assert rule["RuleEvaluationJobArn"].endswith(rule_job_name("never-learns", "LossNotDecreasing"))
    assert v["client"] == ["IssuesFound"]  # boto3's DescribeTrainingJob shape
    assert v["tensors"] and v["steps"] >= 6
    assert v["healthy"] == "Completed"
    assert v["healthy_summary"] == {
        "LossNotDecreasing": "NoIssuesFound",
        "ExplodingTensor": "NoIssuesFound",
        "LossBelow": "IssuesFound",  # the user's own rule, from its Python file
    }


def test_rules_stop_training_from_the_sdk_embedded(project, tmp_path):
    _check(script_values(SDK_DEBUG, {"SMSTUDIO_HOME": str(tmp_path / "home")}, cwd=project, timeout=240))


def test_rules_stop_training_against_a_server(tmp_path):
    from tests.live_server import jupyter_server

    with jupyter_server(tmp_path / "srv") as srv:
        root = srv["root"]
        (root / "src").mkdir()
        for script in SCRIPTS.glob("*.py"):
            shutil.copy(script, root / "src" / script.name)
        _check(
            script_values(
                SDK_DEBUG, {"SMSTUDIO_URL": srv["url"], "SMSTUDIO_TOKEN": srv["token"]}, cwd=root, timeout=240
            )
        )


# -- the services: the explicit hook, statuses, bad input ----------------------------------------------------------


@pytest.fixture
def services(tmp_path, project):
    built = build_services(StudioSettings(smstudio_home=str(tmp_path / "home"), root_dir=str(project)))
    yield built
    built.close()


def _rule(name: str, **parameters: str) -> dict:
    return {"RuleConfigurationName": name, "RuleParameters": {"rule_to_invoke": name, **parameters}}


def _never_learns(job_name: str) -> TrainingJobRequest:
    """The smdebug-style script (lr 0) with its losses every step and LossNotDecreasing stopping it."""
    stop = f'[{{"name": "stoptraining", "training_job_prefix": "{job_name}"}}]'
    return TrainingJobRequest.model_validate(
        {
            "job_name": job_name,
            "entry_point": "explicit_hook.py",
            "source_dir": "src",
            "debug_hook_config": {
                "S3OutputPath": "tensors",
                "CollectionConfigurations": [
                    {"CollectionName": "losses", "CollectionParameters": {"save_interval": "1"}}
                ],
            },
            "debug_rule_configurations": [_rule("LossNotDecreasing", num_steps="5", action_json=stop)],
        }
    )


def test_an_smdebug_style_script_and_its_rule_job(services):
    viewer = services.viewer("alice")
    training = services.get(TRAINING)
    training.create_training_job(viewer, _never_learns("explicit"))
    job = services.get(JOBS).wait(viewer, "explicit", timeout=90)
    logs = services.get(JOBS).logs(viewer, "explicit").text
    assert job.status == "Stopped", logs
    assert "trained to the end" not in logs
    assert job.failure_reason and job.failure_reason.startswith("Stopped by the Debugger rule LossNotDecreasing")
    rule_job = services.get(JOBS).wait(viewer, rule_job_name("explicit", "LossNotDecreasing"), timeout=30)
    assert rule_job.status == "Completed", services.get(JOBS).logs(viewer, rule_job.job_name).text
    evaluations = services.room_service("debugger").describe_rule_evaluations(viewer, "explicit")
    (rule,) = evaluations.RuleEvaluations
    assert rule.RuleEvaluationStatus == "IssuesFound" and rule.Step is not None and rule.StepsEvaluated >= 5
    assert rule.Actions == ["StopTraining"]
    assert evaluations.DebuggerOutputPath and evaluations.DebuggerOutputPath.endswith("/tensors/explicit/debug-output")
    described = training.describe_training_job(viewer, "explicit")
    assert described.DebugRuleEvaluationStatuses and described.DebugRuleEvaluationStatuses[0].RuleEvaluationStatus == (
        "IssuesFound"
    )
    # another user sees neither the job nor its rules
    with pytest.raises(Exception) as err:
        services.room_service("debugger").describe_rule_evaluations(services.viewer("bob"), "explicit")
    assert type(err.value).__name__ == "NotFound"


@pytest.mark.parametrize(
    "debug, field",
    [
        ({"debug_rule_configurations": [_rule("NoSuchRule")]}, "debug_rule_configurations.0.RuleParameters"),
        (
            {"debug_rule_configurations": [_rule("LossNotDecreasing", num_steps="many")]},
            "debug_rule_configurations.0.RuleParameters.num_steps",
        ),
        (
            {"debug_rule_configurations": [_rule("VanishingGradient", treshold="1e-7")]},
            "debug_rule_configurations.0.RuleParameters.treshold",
        ),
        (
            {"debug_rule_configurations": [_rule("AllZero"), _rule("AllZero")]},
            "debug_rule_configurations.1.RuleConfigurationName",
        ),
        (
            {"debug_hook_config": {"S3OutputPath": "t", "HookParameters": {"save_intreval": "10"}}},
            "HookParameters",
        ),
        ({"debug_hook_config": {"S3OutputPath": "file:///etc"}}, "debug_hook_config.S3OutputPath"),
        ({"tensor_board_output_config": {"S3OutputPath": "../../x"}}, "tensor_board_output_config.S3OutputPath"),
    ],
)
def test_bad_debugger_settings_are_refused_naming_the_field(services, debug, field):
    request = TrainingJobRequest.model_validate({"entry_point": "regression.py", "source_dir": "src", **debug})
    with pytest.raises(Exception) as err:
        services.get(TRAINING).create_training_job(services.viewer("alice"), request)
    assert isinstance(err.value, BadRequest) or type(err.value).__name__ == "Forbidden", err.value
    assert (err.value.field or "").startswith(field), (err.value.field, err.value.message)
    assert services.get(JOBS).list(services.viewer("alice")).total == 0  # nothing started, nothing half made


@pytest.mark.services
def test_rules_on_s3_storage(tmp_path, project, fresh_s3_config):
    """The hook writes to S3 itself, the rule job reads it there, the server writes the end marker and reads the
    evaluation there (a real SeaweedFS server)."""
    cfg = fresh_s3_config
    options = {"key": cfg["key"], "secret": cfg["secret"], "endpoint_url": cfg["endpoint_url"]}
    options["client_kwargs"] = {"region_name": "us-east-1"}
    built = build_services(
        StudioSettings(
            smstudio_home=str(tmp_path / "home"),
            root_dir=str(project),
            storage_root=f"s3://{cfg['bucket']}/{{user}}",
            s3_options=options,
        )
    )
    built.start()
    try:
        viewer = built.viewer("alice")
        bucket = built.storage.for_user("alice").root_url
        stop = '[{"name": "stoptraining"}]'
        request = TrainingJobRequest.model_validate(
            {
                "job_name": "ons3",
                "entry_point": "explicit_hook.py",
                "source_dir": "src",
                "debug_hook_config": {
                    "S3OutputPath": f"{bucket}/debug",
                    "CollectionConfigurations": [
                        {"CollectionName": "losses", "CollectionParameters": {"save_interval": "1"}}
                    ],
                },
                "debug_rule_configurations": [_rule("LossNotDecreasing", num_steps="5", action_json=stop)],
                "tensor_board_output_config": {"S3OutputPath": f"{bucket}/tb"},
            }
        )
        built.get(TRAINING).create_training_job(viewer, request)
        job = built.get(JOBS).wait(viewer, "ons3", timeout=120)
        exported = built.storage.for_user("alice").resolve(f"{bucket}/tb/ons3/tensorboard-output")
        assert any("tfevents" in path for path in exported.fs.find(exported.path)), exported.fs.find(exported.path)
        assert job.status == "Stopped", built.get(JOBS).logs(viewer, "ons3").text
        assert "LossNotDecreasing" in (job.failure_reason or "")
        evaluations = built.room_service("debugger").describe_rule_evaluations(viewer, "ons3")
        assert evaluations.DebuggerOutputPath == f"{bucket}/debug/ons3/debug-output"
        assert evaluations.RuleEvaluations[0].RuleEvaluationStatus == "IssuesFound"
        trial = built.room_service("debugger").trial_of(viewer, "ons3")
        assert trial.tensor_names(collection="losses") and len(trial.steps()) >= 5
    finally:
        built.close()


def test_a_rule_that_fires_while_the_server_is_away_stops_training_when_it_is_back(tmp_path, project):
    """The server goes away just after the job starts; the rule job finds the issue meanwhile and ends. The server
    that comes back adopts both jobs, sees the rule job's end, and stops the training job with the rule's reason;
    the rule's evaluation and every saved step are still there."""
    settings = StudioSettings(smstudio_home=str(tmp_path / "home"), root_dir=str(project))
    first = build_services(settings)
    viewer = first.viewer("alice")
    first.get(TRAINING).create_training_job(viewer, _never_learns("away"))
    rule_job = rule_job_name("away", "LossNotDecreasing")
    first.close()  # the server is gone: nobody there to stop the training when the rule fires
    rule_output = tmp_path / "work" / "tensors" / "away" / "rule-output" / "LossNotDecreasing" / "evaluation.json"
    deadline = time.monotonic() + 90
    while not (rule_output.is_file() and "IssuesFound" in rule_output.read_text()):
        assert time.monotonic() < deadline, "the rule job never wrote its finding"
        time.sleep(0.2)
    again = build_services(settings)
    again.start()  # what a server does at start-up: adopt the jobs it left
    try:
        job = again.get(JOBS).wait(viewer, "away", timeout=90)
        logs = again.get(JOBS).logs(viewer, "away").text
        assert job.status == "Stopped", logs
        assert "trained to the end" not in logs
        assert job.failure_reason and job.failure_reason.startswith("Stopped by the Debugger rule LossNotDecreasing")
        assert again.get(JOBS).wait(viewer, rule_job, timeout=30).status == "Completed"
        (rule,) = again.room_service("debugger").describe_rule_evaluations(viewer, "away").RuleEvaluations
        assert rule.RuleEvaluationStatus == "IssuesFound" and rule.StepsEvaluated >= 5
        trial = again.room_service("debugger").trial_of(viewer, "away")
        assert len(trial.tensor("MSELoss_output_0").steps()) >= 5
    finally:
        again.close()
