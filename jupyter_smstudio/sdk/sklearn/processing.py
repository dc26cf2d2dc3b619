"""`SKLearnProcessor`, as `sagemaker.sklearn.processing.SKLearnProcessor`."""

from __future__ import annotations

from typing import Any, Optional

from ..processing import ScriptProcessor


class SKLearnProcessor(ScriptProcessor):
    def __init__(
        self,
        framework_version: Optional[str] = None,
        role: Optional[str] = None,
        instance_type: str = "local",
        instance_count: int = 1,
        command: Optional[list[str]] = None,
        **kwargs: Any,
    ):
        self.framework_version = framework_version
        super().__init__(
            role=role,
            command=command or ["python3"],
            instance_type=instance_type,
            instance_count=instance_count,
            **kwargs,
        )
