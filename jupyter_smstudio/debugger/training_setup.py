"""A training job's Debugger settings, checked and resolved on the user's volume when the job is created.

Where things go, as on SageMaker (the SDK's `latest_job_debugger_artifacts_path()` and
`latest_job_tensorboard_artifacts_path()` compute the same):
    <DebugHookConfig.S3OutputPath>/<job>/debug-output               the hook's tensors
    <TensorBoardOutputConfig.S3OutputPath>/<job>/tensorboard-output the TensorBoard export
    <rule S3OutputPath or the hook's>/<job>/rule-output/<rule>      each rule's evaluation
The hook writes straight to the resolved URL (no copy after the job), so rules and the Debugger tab read the
tensors while the job runs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Optional

from ..core.errors import BadRequest
from ..core.storage import UserStorage, join_url
from .hook_config import parse_hook_config
from .shapes import DebugHookConfig, DebugRuleConfiguration, TensorBoardOutputConfig

DEBUG_OUTPUT = "debug-output"
TENSORBOARD_OUTPUT = "tensorboard-output"
RULE_OUTPUT = "rule-output"
EVALUATION_FILE = "evaluation.json"
LOCAL_TENSORBOARD = "/opt/ml/output/tensorboard"


@dataclass
class DebuggerSettings:
    hook: Optional[DebugHookConfig] = None
    rules: list[DebugRuleConfiguration] = field(default_factory=list)
    tensorboard: Optional[TensorBoardOutputConfig] = None


def tensors_url(hook: Optional[DebugHookConfig], job_name: str) -> Optional[str]:
    return join_url(hook.S3OutputPath, job_name, DEBUG_OUTPUT) if hook else None


def tensorboard_url(tensorboard: Optional[TensorBoardOutputConfig], job_name: str) -> Optional[str]:
    return join_url(tensorboard.S3OutputPath, job_name, TENSORBOARD_OUTPUT) if tensorboard else None


def rule_output_url(rule: DebugRuleConfiguration, hook: Optional[DebugHookConfig], job_name: str) -> str:
    base = rule.S3OutputPath or (hook.S3OutputPath if hook else "")
    return join_url(base, job_name, RULE_OUTPUT, rule.RuleConfigurationName)


def resolve(
    storage: UserStorage,
    job_name: str,
    output_path: str,
    hook: Optional[DebugHookConfig],
    rules: list[DebugRuleConfiguration],
    tensorboard: Optional[TensorBoardOutputConfig],
) -> DebuggerSettings:
    """The settings with every URL checked (inside the user's roots, writable) and resolved; a 400 naming the field
    for a bad hook parameter, an unknown rule, a rule parameter of the wrong type, a rule named twice."""
    from ..training import checks  # the Training room's URL checks (it imports this module: not at import time)

    if rules and hook is None:  # rules read tensors: SageMaker's SDK adds a default hook config, so does the API here
        hook = DebugHookConfig(S3OutputPath=output_path)
    if hook is not None:
        url = checks.writable(storage, hook.S3OutputPath, "debug_hook_config.S3OutputPath")
        hook = hook.model_copy(update={"S3OutputPath": url})
        parse_hook_config(container_hook_config(hook, job_name, None), "debug_hook_config")
    if tensorboard is not None:
        url = checks.writable(storage, tensorboard.S3OutputPath, "tensor_board_output_config.S3OutputPath")
        tensorboard = tensorboard.model_copy(update={"S3OutputPath": url})
    seen: set[str] = set()
    resolved = []
    for i, rule in enumerate(rules):
        where = f"debug_rule_configurations.{i}"
        if rule.RuleConfigurationName in seen:
            raise BadRequest(
                f"'{where}.RuleConfigurationName': {rule.RuleConfigurationName!r} is configured twice",
                field=f"{where}.RuleConfigurationName",
            )
        seen.add(rule.RuleConfigurationName)
        update: dict[str, Any] = {}
        if rule.S3OutputPath:
            update["S3OutputPath"] = checks.writable(storage, rule.S3OutputPath, f"{where}.S3OutputPath")
        source = rule.RuleParameters.get("source_s3_uri")
        source_path = None
        if source:
            loc = storage.resolve(source, field_name=f"{where}.RuleParameters.source_s3_uri")
            if not loc.fs.isfile(loc.path):
                raise BadRequest(
                    f"'{where}.RuleParameters.source_s3_uri': {source} is not a file",
                    field=f"{where}.RuleParameters.source_s3_uri",
                )
            update["RuleParameters"] = {**rule.RuleParameters, "source_s3_uri": loc.url}
            source_path = loc.path if loc.is_local else None
        _check_rule(rule, source_path, where)
        resolved.append(rule.model_copy(update=update))
    return DebuggerSettings(hook, resolved, tensorboard)


def _check_rule(rule: DebugRuleConfiguration, source_path: Optional[str], where: str) -> None:
    from .rules import check_rule_parameters

    try:
        check_rule_parameters(rule.RuleParameters, source_path)
    except BadRequest as err:  # the rule's field, placed in the request
        raise BadRequest(f"'{where}': {err.message}", field=f"{where}.{err.field or 'RuleParameters'}") from err


def container_hook_config(
    hook: DebugHookConfig, job_name: str, tensorboard: Optional[TensorBoardOutputConfig]
) -> dict[str, Any]:
    """The debughookconfig.json the training container hands its hook (SageMaker's file, LocalPath resolved)."""
    url = tensors_url(hook, job_name)
    params = dict(hook.HookParameters)
    tensorboard_dir = tensorboard_url(tensorboard, job_name)
    if tensorboard_dir and not tensorboard_dir.startswith("file://"):
        # TensorBoard's writer appends to its files, which S3 cannot: the job writes them in its own folder and the
        # container uploads them when the script ends (container_settings' "tensorboard_upload")
        tensorboard_dir = LOCAL_TENSORBOARD
    if tensorboard_dir:
        params.setdefault("export_tensorboard", "true")
        params.setdefault("tensorboard_dir", tensorboard_dir)
    return {
        "LocalPath": url,
        "S3OutputPath": url,
        "HookParameters": params,
        "CollectionConfigurations": [c.model_dump() for c in hook.CollectionConfigurations],
    }


def container_settings(settings: DebuggerSettings, job_name: str) -> dict[str, Any]:
    """What the training container needs (its config's `debugger` entry)."""
    if settings.hook is None:
        return {}
    answer = {"hook_config": json.dumps(container_hook_config(settings.hook, job_name, settings.tensorboard))}
    url = tensorboard_url(settings.tensorboard, job_name)
    if url and not url.startswith("file://"):
        answer.update(tensorboard_upload=url, tensorboard_local=LOCAL_TENSORBOARD)
    return answer
