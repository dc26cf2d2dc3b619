"""`DebuggerHookConfig`, `CollectionConfig`, `TensorBoardOutputConfig` and `Rule`, as in `sagemaker.debugger`."""

from __future__ import annotations

from typing import Any, Optional

from ..inputs import as_url


class CollectionConfig:
    """A collection the hook saves and its parameters (save_interval, include_regex, reductions, save_histogram,
    ...); two configs of the same name are the same collection."""

    def __init__(self, name: str, parameters: Optional[dict[str, Any]] = None):
        self.name = name
        self.parameters = {k: str(v) for k, v in (parameters or {}).items()}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CollectionConfig) and other.name == self.name

    def __hash__(self) -> int:
        return hash(self.name)

    def __repr__(self) -> str:
        return f"CollectionConfig(name={self.name!r}, parameters={self.parameters!r})"

    def _to_request_dict(self) -> dict[str, Any]:
        answer: dict[str, Any] = {"CollectionName": self.name}
        if self.parameters:
            answer["CollectionParameters"] = dict(self.parameters)
        return answer


class DebuggerHookConfig:
    """Where the hook writes (default: the estimator's output_path) and what it saves."""

    def __init__(
        self,
        s3_output_path: Optional[str] = None,
        container_local_output_path: Optional[str] = None,
        hook_parameters: Optional[dict[str, Any]] = None,
        collection_configs: Optional[list[CollectionConfig]] = None,
    ):
        self.s3_output_path = s3_output_path
        self.container_local_output_path = container_local_output_path
        self.hook_parameters = {k: str(v) for k, v in (hook_parameters or {}).items()}
        self.collection_configs = list(collection_configs or [])

    def _to_request_dict(self) -> dict[str, Any]:
        answer: dict[str, Any] = {"S3OutputPath": as_url(self.s3_output_path) if self.s3_output_path else ""}
        if self.container_local_output_path:
            answer["LocalPath"] = self.container_local_output_path
        if self.hook_parameters:
            answer["HookParameters"] = dict(self.hook_parameters)
        if self.collection_configs:
            answer["CollectionConfigurations"] = [c._to_request_dict() for c in self.collection_configs]
        return answer


class TensorBoardOutputConfig:
    """Where the TensorBoard export goes (`<s3_output_path>/<job>/tensorboard-output`)."""

    def __init__(self, s3_output_path: str, container_local_output_path: Optional[str] = None):
        self.s3_output_path = s3_output_path
        self.container_local_output_path = container_local_output_path

    def _to_request_dict(self) -> dict[str, Any]:
        answer: dict[str, Any] = {"S3OutputPath": as_url(self.s3_output_path)}
        if self.container_local_output_path:
            answer["LocalPath"] = self.container_local_output_path
        return answer


class Rule:
    """A rule evaluated beside the training job: `Rule.sagemaker(rule_configs.<rule>(), ...)` for a built-in rule,
    `Rule.custom(...)` for a user's own rule class (a Python file defining a smdebug `Rule` subclass)."""

    def __init__(
        self,
        name: str,
        image_uri: str,
        instance_type: Optional[str],
        container_local_output_path: Optional[str],
        s3_output_path: Optional[str],
        volume_size_in_gb: int,
        rule_parameters: dict[str, str],
        collections_to_save: list[CollectionConfig],
        actions: Any = None,
    ):
        self.name = name
        self.image_uri = image_uri
        self.instance_type = instance_type
        self.container_local_output_path = container_local_output_path
        self.s3_output_path = s3_output_path
        self.volume_size_in_gb = volume_size_in_gb
        self.rule_parameters = rule_parameters
        self.collection_configs = collections_to_save
        self.actions = actions

    @classmethod
    def sagemaker(
        cls,
        base_config: dict[str, Any],
        name: Optional[str] = None,
        container_local_output_path: Optional[str] = None,
        s3_output_path: Optional[str] = None,
        other_trials_s3_input_paths: Optional[list[str]] = None,
        rule_parameters: Optional[dict[str, Any]] = None,
        collections_to_save: Optional[list[CollectionConfig]] = None,
        actions: Any = None,
    ) -> Rule:
        config = base_config.get("DebugRuleConfiguration") or {}
        parameters = {k: str(v) for k, v in (config.get("RuleParameters") or {}).items()}
        parameters.update({k: str(v) for k, v in (rule_parameters or {}).items()})
        for i, path in enumerate(other_trials_s3_input_paths or []):
            parameters[f"other_trial_{i}"] = path
        collections = [
            CollectionConfig(c["CollectionName"], c.get("CollectionParameters"))
            for c in base_config.get("CollectionConfigurations") or []
        ]
        for extra in collections_to_save or []:  # the caller's settings win over the rule's defaults
            collections = [c for c in collections if c != extra] + [extra]
        return cls(
            name or config.get("RuleConfigurationName") or parameters.get("rule_to_invoke", "Rule"),
            "smstudio/debugger-rules",
            None,
            container_local_output_path,
            s3_output_path,
            0,
            parameters,
            collections,
            actions,
        )

    @classmethod
    def custom(
        cls,
        name: str,
        image_uri: str = "smstudio/debugger-rules",
        instance_type: Optional[str] = None,
        volume_size_in_gb: int = 0,
        source: Optional[str] = None,
        rule_to_invoke: Optional[str] = None,
        container_local_output_path: Optional[str] = None,
        s3_output_path: Optional[str] = None,
        other_trials_s3_input_paths: Optional[list[str]] = None,
        rule_parameters: Optional[dict[str, Any]] = None,
        collections_to_save: Optional[list[CollectionConfig]] = None,
        actions: Any = None,
    ) -> Rule:
        parameters = {k: str(v) for k, v in (rule_parameters or {}).items()}
        if source:
            parameters["source_s3_uri"] = as_url(source)
        if rule_to_invoke:
            parameters["rule_to_invoke"] = rule_to_invoke
        for i, path in enumerate(other_trials_s3_input_paths or []):
            parameters[f"other_trial_{i}"] = path
        return cls(
            name,
            image_uri,
            instance_type,
            container_local_output_path,
            s3_output_path,
            volume_size_in_gb,
            parameters,
            list(collections_to_save or []),
            actions,
        )

    def prepare_actions(self, training_job_name: str) -> None:
        """A StopTraining without a prefix stops the job the rule watches (SageMaker's SDK does the same)."""
        if self.actions is None:
            return
        self.actions.update_training_job_prefix_if_not_specified(training_job_name)
        self.rule_parameters["action_json"] = self.actions.serialize()

    def to_debugger_rule_config_dict(self) -> dict[str, Any]:
        answer: dict[str, Any] = {
            "RuleConfigurationName": self.name,
            "RuleEvaluatorImage": self.image_uri,
            "RuleParameters": dict(self.rule_parameters),
        }
        if self.instance_type:
            answer["InstanceType"] = self.instance_type
        if self.volume_size_in_gb:
            answer["VolumeSizeInGB"] = self.volume_size_in_gb
        if self.container_local_output_path:
            answer["LocalPath"] = self.container_local_output_path
        if self.s3_output_path:
            answer["S3OutputPath"] = as_url(self.s3_output_path)
        return answer
