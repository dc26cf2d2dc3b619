"""SageMaker Debugger's SDK names (`sagemaker.debugger`): hook and collection configs, rules and their built-in
configs (`rule_configs`), the TensorBoard export; estimators take them as `debugger_hook_config=`, `rules=` and
`tensorboard_output_config=`."""

from . import rule_configs
from ._config import CollectionConfig, DebuggerHookConfig, Rule, TensorBoardOutputConfig

__all__ = ["CollectionConfig", "DebuggerHookConfig", "Rule", "TensorBoardOutputConfig", "rule_configs"]
