"""What notebooks reach through `Session().boto_session`: its region and its `client(...)`.

SmStudio has no AWS account; `boto_session.client("sagemaker")` answers SageMaker's calls from SmStudio
(see _client/), and a client for any other service is refused with the way to do the same thing here.
Errors are raised as `ClientError` with boto3's `response["Error"]["Code"]`, a subclass of botocore's
ClientError when botocore is installed, so `except botocore.exceptions.ClientError` still catches them."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:
    from .session import Session

    class _ClientErrorBase(Exception):
        pass

else:
    try:
        from botocore.exceptions import ClientError as _ClientErrorBase
    except ImportError:  # botocore comes with the s3 extra only
        _ClientErrorBase = Exception

DEFAULT_REGION = "us-east-1"


def default_region() -> str:
    """The region notebooks read (for image URIs): AWS_REGION / AWS_DEFAULT_REGION, else us-east-1."""
    return os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or DEFAULT_REGION


class ClientError(_ClientErrorBase):
    """boto3's error: `err.response["Error"]["Code"]` (ValidationException, ResourceNotFound, ...) and
    `err.operation_name`; `err.field` names the argument at fault where one is."""

    def __init__(self, code: str, message: str, operation_name: str, field: Optional[str] = None):
        self.response: dict[str, Any] = {
            "Error": {"Code": code, "Message": message},
            "ResponseMetadata": {"HTTPStatusCode": 404 if code == "ResourceNotFound" else 400},
        }
        self.operation_name = operation_name
        self.field = field
        # botocore's own __init__ takes (response, operation); the message it builds is this one
        Exception.__init__(self, f"An error occurred ({code}) when calling the {operation_name} operation: {message}")

    def __reduce__(self) -> Any:
        return (type(self), (self.response["Error"]["Code"], self.response["Error"]["Message"], self.operation_name))


class ResourceNotFound(ClientError):
    pass


class ResourceInUse(ClientError):
    pass


class ParamValidationError(ValueError):
    """botocore's error for a missing or malformed argument; the message names it."""

    def __init__(self, report: str):
        super().__init__(f"Parameter validation failed:\n{report}")
        self.kwargs = {"report": report}


class BotoSession:
    """`sagemaker.Session().boto_session`: `region_name`, and `client("sagemaker")` /
    `client("sagemaker-runtime")` / `client("application-autoscaling")` answered by SmStudio."""

    def __init__(self, session: Session, region_name: Optional[str] = None):
        self._session = session
        self.region_name = region_name or default_region()
        self.profile_name = "default"
        self._autoscaling: Any = None

    def client(self, service_name: str, region_name: Optional[str] = None, **_aws_only: Any) -> Any:
        if service_name == "sagemaker":
            return self._session.sagemaker_client
        if service_name == "sagemaker-runtime":
            return self._session.sagemaker_runtime_client
        if service_name == "application-autoscaling":  # endpoint variants' autoscaling, as on SageMaker
            if self._autoscaling is None:
                from ._client import ApplicationAutoScalingClient

                self._autoscaling = ApplicationAutoScalingClient(self._session)
            return self._autoscaling
        if service_name == "iam":  # the user's access keys, for boto3's own signed clients
            from ._client import IAMClient

            return IAMClient(self._session)
        raise NotImplementedError(
            f"boto_session.client({service_name!r}): SmStudio answers the 'sagemaker', 'sagemaker-runtime', "
            "'application-autoscaling' and 'iam' (access keys) clients only; for files use Session().upload_data / "
            "download_data or "
            f"jupyter_smstudio.sdk.s3 (S3Uploader, S3Downloader) on {self._session.default_bucket()}"
        )

    def resource(self, service_name: str, **_aws_only: Any) -> Any:
        raise NotImplementedError(
            f"boto_session.resource({service_name!r}) is not available in SmStudio; for files use "
            "jupyter_smstudio.sdk.s3 (S3Uploader, S3Downloader)"
        )

    def get_credentials(self) -> None:
        return None  # SmStudio authenticates the notebook's user, not AWS credentials

    def __repr__(self) -> str:
        return f"BotoSession(region_name={self.region_name!r}) (SmStudio)"
