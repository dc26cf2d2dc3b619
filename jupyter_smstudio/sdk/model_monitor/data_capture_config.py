"""`sagemaker.model_monitor.DataCaptureConfig`: what `model.deploy(data_capture_config=)` takes.

The Endpoints room writes the captured requests and answers as JSON Lines in SageMaker's capture format under
`<destination_s3_uri>/<endpoint>/<variant>/yyyy/mm/dd/hh/` in the user's storage.
"""

from __future__ import annotations

from typing import Any, Optional

from ...core.storage import join_url

_MODES = {"REQUEST": "Input", "RESPONSE": "Output"}  # the SDK's names -> the API's CaptureMode


class DataCaptureConfig:
    def __init__(
        self,
        enable_capture: bool,
        sampling_percentage: int = 20,
        destination_s3_uri: Optional[str] = None,
        kms_key_id: Optional[str] = None,
        capture_options: Optional[list[str]] = None,
        csv_content_types: Optional[list[str]] = None,
        json_content_types: Optional[list[str]] = None,
        sagemaker_session: Any = None,
    ):
        self.enable_capture = enable_capture
        self.sampling_percentage = sampling_percentage
        self.destination_s3_uri = destination_s3_uri
        self.kms_key_id = kms_key_id
        self.capture_options = list(capture_options or ["REQUEST", "RESPONSE"])
        unknown = [o for o in self.capture_options if o.upper() not in _MODES]
        if unknown:
            raise ValueError(f"capture_options may hold 'REQUEST' and 'RESPONSE', not {unknown}")
        self.csv_content_types = list(csv_content_types or ["text/csv"])
        self.json_content_types = list(json_content_types or ["application/json"])
        self.sagemaker_session = sagemaker_session
        if self.destination_s3_uri is None:  # SageMaker's default: model-monitor/data-capture in the bucket
            from ..session import Session

            session = sagemaker_session or Session()
            self.destination_s3_uri = join_url(session.default_bucket(), "model-monitor", "data-capture")

    def _to_request_dict(self) -> dict[str, Any]:
        """The API's DataCaptureConfig (CreateEndpointConfig's)."""
        request: dict[str, Any] = {
            "EnableCapture": self.enable_capture,
            "InitialSamplingPercentage": self.sampling_percentage,
            "DestinationS3Uri": self.destination_s3_uri,
            "CaptureOptions": [{"CaptureMode": _MODES[o.upper()]} for o in self.capture_options],
            "CaptureContentTypeHeader": {
                "CsvContentTypes": self.csv_content_types,
                "JsonContentTypes": self.json_content_types,
            },
        }
        if self.kms_key_id is not None:
            request["KmsKeyId"] = self.kms_key_id
        return request


__all__ = ["DataCaptureConfig"]
