"""What an estimator sends for the Debugger, as SageMaker's SDK prepares it: the hook config (its collections merged
with the ones each rule needs), the rules with their actions, the TensorBoard export."""

from __future__ import annotations

from typing import Any, Optional, Union

from ._config import CollectionConfig, DebuggerHookConfig, Rule, TensorBoardOutputConfig


def debugger_request(
    hook: Union[None, bool, DebuggerHookConfig],
    rules: Optional[list[Rule]],
    tensorboard: Optional[TensorBoardOutputConfig],
    output_path: Optional[str],
    job_name: str,
) -> dict[str, Any]:
    """The CreateTrainingJob fields. Hooking is off unless a hook config or rules are given (SageMaker turns it on
    for every framework job; here a plain job pays nothing); `debugger_hook_config=False` with rules is refused."""
    rules = list(rules or [])
    if hook is False:
        if rules:
            raise ValueError("debugger_hook_config=False turns the hook off, so rules would have no tensors to read")
        return {}
    body: dict[str, Any] = {}
    if hook is None and rules:
        hook = DebuggerHookConfig()
    if isinstance(hook, DebuggerHookConfig):
        collections: list[CollectionConfig] = list(hook.collection_configs)
        for rule in rules:
            for collection in rule.collection_configs:
                if collection not in collections:
                    collections.append(collection)
        merged = DebuggerHookConfig(
            hook.s3_output_path or output_path,
            hook.container_local_output_path,
            hook.hook_parameters,
            collections,
        )
        body["debug_hook_config"] = merged._to_request_dict()
    if rules:
        for rule in rules:
            rule.prepare_actions(job_name)
        body["debug_rule_configurations"] = [rule.to_debugger_rule_config_dict() for rule in rules]
    if tensorboard is not None:
        body["tensor_board_output_config"] = tensorboard._to_request_dict()
    return body


def artifacts_path(description: dict[str, Any], config_key: str, folder: str) -> Optional[str]:
    """`<S3OutputPath>/<job>/<folder>` of a described job, as the SDK's latest_job_*_artifacts_path() answer."""
    config = description.get(config_key)
    if not config:
        return None
    base = str(config["S3OutputPath"]).rstrip("/")
    return f"{base}/{description['TrainingJobName']}/{folder}"
