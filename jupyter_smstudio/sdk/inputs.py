"""`TrainingInput`, as `sagemaker.inputs.TrainingInput`."""

from __future__ import annotations

import os
from typing import Any, Optional


def as_url(path_or_url: str) -> str:
    """SageMaker wants URLs; a local path (relative to the caller's folder) becomes a file:// URL."""
    if "://" in path_or_url:
        return path_or_url
    return "file://" + os.path.abspath(os.path.expanduser(path_or_url))


class TrainingInput:
    def __init__(
        self,
        s3_data: str,
        distribution: Optional[str] = None,
        compression: Optional[str] = None,
        content_type: Optional[str] = None,
        record_wrapping: Optional[str] = None,
        s3_data_type: str = "S3Prefix",
        instance_groups: Any = None,
        input_mode: Optional[str] = None,
        attribute_names: Any = None,
        target_attribute_name: Any = None,
        shuffle_config: Any = None,
        hub_access_config: Any = None,
        model_access_config: Any = None,
    ):
        self.s3_data = s3_data
        self.distribution = distribution
        self.content_type = content_type
        self.input_mode = input_mode
        self.config: dict[str, Any] = {
            "DataSource": {
                "S3DataSource": {
                    "S3DataType": s3_data_type,
                    "S3Uri": s3_data,
                    "S3DataDistributionType": distribution or "FullyReplicated",
                }
            }
        }
        if content_type:
            self.config["ContentType"] = content_type
        if input_mode:
            self.config["InputMode"] = input_mode

    def to_channel(self) -> dict[str, Any]:
        channel: dict[str, Any] = {"s3_data": as_url(self.s3_data)}
        if self.content_type:
            channel["content_type"] = self.content_type
        if self.input_mode:
            channel["input_mode"] = self.input_mode
        if self.distribution:
            channel["distribution"] = self.distribution
        return channel


class BatchDataCaptureConfig:
    """A transform job's DataCaptureConfig, as `sagemaker.inputs` has it: the job's input and output files are
    listed under `destination_s3_uri`, where a Model Monitor schedule's `BatchTransformInput` reads them."""

    def __init__(
        self,
        destination_s3_uri: str,
        kms_key_id: Optional[str] = None,
        generate_inference_id: Optional[bool] = None,
    ):
        self.destination_s3_uri = destination_s3_uri
        self.kms_key_id = kms_key_id
        self.generate_inference_id = generate_inference_id

    def _to_request_dict(self) -> dict[str, Any]:
        found: dict[str, Any] = {"DestinationS3Uri": self.destination_s3_uri}
        if self.kms_key_id is not None:
            found["KmsKeyId"] = self.kms_key_id
        if self.generate_inference_id is not None:
            found["GenerateInferenceId"] = self.generate_inference_id
        return found
