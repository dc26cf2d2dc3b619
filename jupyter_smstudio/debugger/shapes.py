"""SageMaker's Debugger shapes, as CreateTrainingJob takes them and DescribeTrainingJob answers them.

Parameter maps are string to string on SageMaker; the hook and the rules parse them (hook_config.py,
rules/) and refuse a value of the wrong type with a 400 naming the parameter.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal, Optional

from pydantic import Field

from ..core.models import SageMakerShape as Shape

RULE_NAME_PATTERN = r"^[a-zA-Z0-9](-*[a-zA-Z0-9])*$"

RuleEvaluationStatusName = Literal["InProgress", "NoIssuesFound", "IssuesFound", "Error", "Stopping", "Stopped"]


class CollectionConfiguration(Shape):
    CollectionName: str = Field(min_length=1, max_length=256)
    CollectionParameters: dict[str, str] = Field(default_factory=dict)


class DebugHookConfig(Shape):
    """Where the hook writes (S3OutputPath: a file:// or s3:// URL on the user's volume) and what it saves."""

    LocalPath: Optional[str] = Field(default=None, max_length=4096)
    S3OutputPath: str = Field(min_length=1, max_length=1024)
    HookParameters: dict[str, str] = Field(default_factory=dict)
    CollectionConfigurations: list[CollectionConfiguration] = Field(default_factory=list, max_length=20)


class DebugRuleConfiguration(Shape):
    """One rule beside the training job. A built-in rule names itself in RuleParameters.rule_to_invoke; a custom
    rule also gives source_s3_uri (the Python file defining the class). `action_json` holds its actions."""

    RuleConfigurationName: str = Field(min_length=1, max_length=256, pattern=RULE_NAME_PATTERN)
    LocalPath: Optional[str] = Field(default=None, max_length=4096)
    S3OutputPath: Optional[str] = Field(default=None, max_length=1024)
    RuleEvaluatorImage: str = Field(default="smstudio/debugger-rules", max_length=255)
    InstanceType: Optional[str] = Field(default=None, max_length=64)
    VolumeSizeInGB: int = Field(default=0, ge=0)
    RuleParameters: dict[str, str] = Field(default_factory=dict)


class TensorBoardOutputConfig(Shape):
    LocalPath: Optional[str] = Field(default=None, max_length=4096)
    S3OutputPath: str = Field(min_length=1, max_length=1024)


class DebugRuleEvaluationStatus(Shape):
    RuleConfigurationName: str
    RuleEvaluationJobArn: Optional[str] = None
    RuleEvaluationStatus: RuleEvaluationStatusName
    StatusDetails: Optional[str] = None
    LastModifiedTime: Optional[datetime] = None


class RuleEvaluation(Shape):
    """One rule of a training job as the Debugger tab shows it: its status, the step where it fired (the plots
    mark it) and the rule job that evaluates it (its logs in the Jobs room)."""

    RuleConfigurationName: str
    RuleToInvoke: Optional[str] = None
    RuleEvaluationStatus: RuleEvaluationStatusName
    StatusDetails: Optional[str] = None
    Step: Optional[int] = Field(default=None, description="The global step where the rule fired")
    StepsEvaluated: int = 0
    Actions: list[str] = Field(default_factory=list, description="StopTraining, Email, SMS")
    RuleParameters: dict[str, str] = Field(default_factory=dict)
    RuleEvaluationJobName: Optional[str] = None
    LastModifiedTime: Optional[datetime] = None


class RuleEvaluations(Shape):
    TrainingJobName: str
    TrainingJobStatus: str
    DebuggerOutputPath: Optional[str] = Field(default=None, description="Where the hook writes the tensors")
    TensorBoardOutputPath: Optional[str] = None
    RuleEvaluations: list[RuleEvaluation] = Field(default_factory=list)
