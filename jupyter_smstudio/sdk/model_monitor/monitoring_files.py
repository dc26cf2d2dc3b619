"""The three files of Model Monitor as the SDK reads and writes them: `Statistics` (statistics.json),
`Constraints` (constraints.json) and `ConstraintViolations` (constraint_violations.json), each with its
`body_dict` and the URL it lives at."""

from __future__ import annotations

import json
import os
import uuid
from typing import Any, Optional, TypeVar

from ...core.storage import join_url

F = TypeVar("F", bound="ModelMonitoringFile")


def _session(sagemaker_session: Any) -> Any:
    from ..session import Session

    return sagemaker_session or Session()


class ModelMonitoringFile:
    FILE_NAME = ""

    def __init__(
        self, body_dict: dict[str, Any], file_s3_uri: Optional[str], kms_key: Any = None, sagemaker_session: Any = None
    ):
        self.body_dict = body_dict
        self.file_s3_uri = file_s3_uri
        self.kms_key = kms_key
        self.session = sagemaker_session

    def save(self, new_save_location_s3_uri: Optional[str] = None) -> str:
        """Write body_dict back (to its URL, or a new one) and answer the URL."""
        if new_save_location_s3_uri is not None:
            self.file_s3_uri = new_save_location_s3_uri
        if self.file_s3_uri is None:
            raise ValueError("no location to save to: pass new_save_location_s3_uri")
        _session(self.session).backend.write_bytes(self.file_s3_uri, json.dumps(self.body_dict, indent=2).encode())
        return self.file_s3_uri

    @classmethod
    def from_s3_uri(cls: type[F], s3_uri: str, kms_key: Any = None, sagemaker_session: Any = None) -> F:
        session = _session(sagemaker_session)
        body = json.loads(session.backend.read_bytes(s3_uri))
        return cls(body, s3_uri, kms_key=kms_key, sagemaker_session=session)

    @classmethod
    def from_string(
        cls: type[F], string: str, kms_key: Any = None, file_name: Optional[str] = None, sagemaker_session: Any = None
    ) -> F:
        """The body given as text, stored (as SageMaker stores it) under the default bucket."""
        session = _session(sagemaker_session)
        url = join_url(session.default_bucket(), "monitoring", str(uuid.uuid4()), file_name or cls.FILE_NAME)
        session.backend.write_bytes(url, string.encode("utf-8"))
        return cls.from_s3_uri(url, kms_key=kms_key, sagemaker_session=session)

    @classmethod
    def from_file_path(cls: type[F], file_path: str, kms_key: Any = None, sagemaker_session: Any = None) -> F:
        with open(file_path, encoding="utf-8") as fh:
            text = fh.read()
        return cls.from_string(
            text, kms_key=kms_key, file_name=os.path.basename(file_path), sagemaker_session=sagemaker_session
        )

    # the SDK's other spelling
    from_file_name = from_file_path


class Statistics(ModelMonitoringFile):
    FILE_NAME = "statistics.json"

    def __init__(
        self,
        body_dict: dict[str, Any],
        statistics_file_s3_uri: Optional[str] = None,
        kms_key: Any = None,
        sagemaker_session: Any = None,
    ):
        super().__init__(body_dict, statistics_file_s3_uri, kms_key, sagemaker_session)


class Constraints(ModelMonitoringFile):
    FILE_NAME = "constraints.json"

    def __init__(
        self,
        body_dict: dict[str, Any],
        constraints_file_s3_uri: Optional[str] = None,
        kms_key: Any = None,
        sagemaker_session: Any = None,
    ):
        super().__init__(body_dict, constraints_file_s3_uri, kms_key, sagemaker_session)

    def set_monitoring(self, enable_monitoring: bool, feature_name: Optional[str] = None) -> None:
        """Turn the checks on or off, for every feature or one (its monitoringConfigOverrides)."""
        flag = "Enabled" if enable_monitoring else "Disabled"
        if feature_name is None:
            self.body_dict.setdefault("monitoring_config", {})["evaluate_constraints"] = flag
            return
        for feature in self.body_dict.get("features", []):
            if feature.get("name") == feature_name:
                feature.setdefault("monitoringConfigOverrides", {})["evaluate_constraints"] = flag
                return
        raise ValueError(f"no feature named {feature_name!r}")


class ConstraintViolations(ModelMonitoringFile):
    FILE_NAME = "constraint_violations.json"

    def __init__(
        self,
        body_dict: dict[str, Any],
        constraint_violations_file_s3_uri: Optional[str] = None,
        kms_key: Any = None,
        sagemaker_session: Any = None,
    ):
        super().__init__(body_dict, constraint_violations_file_s3_uri, kms_key, sagemaker_session)
