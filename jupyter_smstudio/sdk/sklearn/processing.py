"""`SKLearnProcessor`, as `sagemaker.sklearn.processing.SKLearnProcessor`: a ScriptProcessor on SageMaker's
scikit-learn image for `framework_version` (its script runs with this server's scikit-learn; the job's log
says so when the versions differ)."""

from __future__ import annotations

from typing import Any, Optional

from .. import image_uris
from ..processing import ScriptProcessor


class SKLearnProcessor(ScriptProcessor):
    def __init__(
        self,
        framework_version: Optional[str] = None,
        role: Optional[str] = None,
        instance_type: str = "local",
        instance_count: int = 1,
        command: Optional[list[str]] = None,
        image_uri: Optional[str] = None,
        **kwargs: Any,
    ):
        self.framework_version = framework_version
        if image_uri is None and framework_version:
            session = kwargs.get("sagemaker_session")
            image_uri = image_uris.retrieve(
                "sklearn",
                session.boto_region_name if session is not None else None,
                framework_version,
                instance_type=instance_type,
                image_scope="training",
            )
        super().__init__(
            role=role,
            image_uri=image_uri,
            command=command or ["python3"],
            instance_type=instance_type,
            instance_count=instance_count,
            **kwargs,
        )
