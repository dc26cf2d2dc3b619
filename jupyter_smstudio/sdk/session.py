"""`Session`, as in `sagemaker.session.Session`, pointed at SmStudio instead of AWS."""

from __future__ import annotations

import os
import sys
import time
import warnings
from typing import IO, Any, Optional

from ..core.storage import join_url
from ..jobs.models import FINAL_STATUSES
from ._backend import EmbeddedBackend, find_backend
from ._boto import BotoSession
from ._jobs import UnexpectedStatusException

EMBEDDED_ENDPOINT = (
    "No SmStudio server: this endpoint's instances run from this process and stop when it ends (run the code in a "
    "notebook of a SmStudio server, or set SMSTUDIO_URL, for an endpoint that outlives it); a later session on the "
    "same SmStudio home starts them again until the endpoint is deleted."
)


def _bucket_url(bucket: str) -> str:
    """SageMaker passes bare bucket names; here a bucket may also be a whole URL."""
    return bucket if "://" in bucket else f"s3://{bucket}"


class Session:
    """Finds its server by itself (see `_backend.find_backend`); AWS-only arguments are ignored.

    `default_bucket()` is the user's storage root (a `file://` folder by default, an `s3://`
    prefix when the deployment stores on S3)."""

    def __init__(
        self,
        boto_session: Any = None,
        sagemaker_client: Any = None,
        sagemaker_runtime_client: Any = None,
        sagemaker_featurestore_runtime_client: Any = None,
        default_bucket: Optional[str] = None,
        settings: Any = None,
        sagemaker_metrics_client: Any = None,
        sagemaker_config: Optional[dict[str, Any]] = None,
        default_bucket_prefix: Optional[str] = None,
        *,
        server_url: Optional[str] = None,
        token: Optional[str] = None,
        home: Optional[str] = None,
        **_aws_only: Any,
    ):
        self.backend = find_backend(server_url=server_url, token=token, home=home)
        if isinstance(self.backend, EmbeddedBackend):
            # no server in between: this is the user's own process, which may read any path it can (a script in
            # ~/project/scripts reads ~/project/data); confinement is for requests that reach a server
            self.backend.services.storage.confined = False
            # and its endpoints' instances (started now for endpoints of an earlier run, or by a deploy) end with
            # it: no model server is left running after a script without a server ends
            self.backend.services.room_service("endpoints").serve_while_this_process_lives()
        self._default_bucket = default_bucket
        self.default_bucket_prefix = default_bucket_prefix
        self.config = sagemaker_config
        # a boto3 session passed in only lends its region: the calls go to SmStudio
        self.boto_session = BotoSession(self, getattr(boto_session, "region_name", None))
        self._clients: dict[str, Any] = {}

    @property
    def mode(self) -> str:
        """'server' when talking to a SmStudio server, 'embedded' when running in-process."""
        return self.backend.mode

    @property
    def boto_region_name(self) -> str:
        """The region notebooks pass to image_uris.retrieve (AWS_REGION, else us-east-1): jobs run here."""
        return self.boto_session.region_name

    @property
    def sagemaker_client(self) -> Any:
        """boto3's SageMaker client, answered by SmStudio (training, processing, tuning, experiments, search)."""
        if "sagemaker" not in self._clients:
            from ._client import SageMakerClient

            self._clients["sagemaker"] = SageMakerClient(self)
        return self._clients["sagemaker"]

    @property
    def sagemaker_runtime_client(self) -> Any:
        """boto3's SageMaker runtime client: invoke_endpoint, answered by the Endpoints room."""
        if "runtime" not in self._clients:
            from ._client import SageMakerRuntimeClient

            self._clients["runtime"] = SageMakerRuntimeClient(self)
        return self._clients["runtime"]

    # -- storage ------------------------------------------------------------------------------
    def default_bucket(self) -> str:
        if self._default_bucket is None:
            self._default_bucket = self.backend.whoami()["storage_root"]
        return self._default_bucket

    def _root(self, bucket: Optional[str]) -> str:
        root = _bucket_url(bucket) if bucket else self.default_bucket()
        return join_url(root, self.default_bucket_prefix) if self.default_bucket_prefix and not bucket else root

    def upload_data(
        self,
        path: str,
        bucket: Optional[str] = None,
        key_prefix: str = "data",
        callback: Any = None,
        extra_args: Any = None,
    ) -> str:
        """Upload a local file or folder; returns its URL (as SageMaker returns the S3 URI)."""
        return self.upload_path(path, join_url(self._root(bucket), key_prefix))

    def upload_path(self, path: str, target: str) -> str:
        """A file goes to <target>/<name> (its URL is returned), a folder's files under <target>."""
        if os.path.isdir(path):
            for folder, _, files in os.walk(path):
                for name in files:
                    local = os.path.join(folder, name)
                    rel = os.path.relpath(local, path).replace(os.sep, "/")
                    self._put_file(local, join_url(target, rel))
            return target
        url = join_url(target, os.path.basename(path))
        self._put_file(path, url)
        return url

    def _put_file(self, local: str, url: str) -> None:
        with open(local, "rb") as fh:
            self.backend.write_bytes(url, fh.read())

    def upload_string_as_file_body(self, body: str, bucket: str, key: str, kms_key: Any = None) -> str:
        url = join_url(_bucket_url(bucket), key)
        self.backend.write_bytes(url, body.encode("utf-8"))
        return url

    def download_data(self, path: str, bucket: str, key_prefix: str = "", extra_args: Any = None) -> list[str]:
        from .s3 import S3Downloader

        return S3Downloader.download(join_url(_bucket_url(bucket), key_prefix), path, sagemaker_session=self)

    def read_s3_file(self, bucket: str, key_prefix: str) -> str:
        data: bytes = self.backend.read_bytes(join_url(_bucket_url(bucket), key_prefix))
        return data.decode("utf-8")

    def list_s3_files(self, bucket: str, key_prefix: str) -> list[str]:
        from .s3 import S3Downloader

        root = _bucket_url(bucket)
        return [
            u.split(root.rstrip("/") + "/", 1)[-1]
            for u in S3Downloader.list(join_url(root, key_prefix), sagemaker_session=self)
        ]

    # -- jobs ---------------------------------------------------------------------------------
    def run_script_job(
        self,
        script: str,
        arguments: Optional[list[str]] = None,
        environment: Optional[dict[str, str]] = None,
        job_name: Optional[str] = None,
        max_runtime_in_seconds: Optional[int] = None,
        wait: bool = True,
        logs: bool = True,
    ) -> dict[str, Any]:
        """Run a Python file as a job (the generic job the training room builds on)."""
        request: dict[str, Any] = {
            "script": script,
            "arguments": [str(a) for a in arguments or []],
            "environment": environment or {},
        }
        if job_name:
            request["job_name"] = job_name
        if max_runtime_in_seconds:
            request["stopping_condition"] = {"max_runtime_seconds": int(max_runtime_in_seconds)}
        job: dict[str, Any] = self.backend.submit_script_job(request)
        if wait:
            job = self.wait_for_job(job["job_name"], logs=logs)
        return job

    def describe_job(self, job_name: str) -> dict[str, Any]:
        job: dict[str, Any] = self.backend.describe_job(job_name)
        return job

    def list_jobs(
        self,
        status: Optional[str] = None,
        kind: Optional[str] = None,
        name_contains: Optional[str] = None,
        limit: int = 50,
    ) -> list[dict[str, Any]]:
        jobs: list[dict[str, Any]] = self.backend.list_jobs(
            status=status, kind=kind, name_contains=name_contains, limit=limit
        )["jobs"]
        return jobs

    def stop_job(self, job_name: str) -> dict[str, Any]:
        job: dict[str, Any] = self.backend.stop_job(job_name)
        return job

    def logs_for_job(
        self, job_name: str, wait: bool = False, poll: float = 0.5, out: Optional[IO[str]] = None
    ) -> dict[str, Any]:
        """Print the job's log; with wait=True follow it until the job ends (SageMaker's name)."""
        out = out or sys.stdout
        offset = 0
        while True:
            chunk = self.backend.job_logs(job_name, offset)
            if chunk["text"]:
                out.write(chunk["text"])
                out.flush()
            offset = chunk["next_offset"]
            if chunk["complete"] or not wait:
                return self.describe_job(job_name)
            if not chunk["text"]:
                time.sleep(poll)

    def wait_for_job(
        self, job_name: str, poll: float = 0.5, logs: bool = False, timeout: Optional[float] = None
    ) -> dict[str, Any]:
        """Block until the job ends; follows its log when `logs`, else prints SageMaker's dots."""
        if logs:
            return self.logs_for_job(job_name, wait=True, poll=poll)
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            job = self.describe_job(job_name)
            if job["status"] in FINAL_STATUSES or (deadline is not None and time.monotonic() > deadline):
                print("!" if job["status"] == "Completed" else "*", flush=True)
                return job
            print(".", end="", flush=True)
            time.sleep(poll)

    # -- endpoints ----------------------------------------------------------------------------
    def endpoint_from_production_variants(
        self,
        name: str,
        production_variants: list[dict[str, Any]],
        tags: Optional[list[dict[str, str]]] = None,
        kms_key: Optional[str] = None,
        wait: bool = True,
        data_capture_config_dict: Optional[dict[str, Any]] = None,
        **_aws_only: Any,
    ) -> str:
        """An endpoint config named `name` with these variants (see `production_variant`), and the endpoint."""
        config: dict[str, Any] = {"EndpointConfigName": name, "ProductionVariants": production_variants}
        if tags:
            config["Tags"] = tags
        if kms_key:
            config["KmsKeyId"] = kms_key
        if data_capture_config_dict:
            config["DataCaptureConfig"] = data_capture_config_dict
        self.sagemaker_client.create_endpoint_config(**config)
        return self.create_endpoint(name, name, tags=tags, wait=wait)

    def create_endpoint(
        self, endpoint_name: str, config_name: str, tags: Optional[list[dict[str, str]]] = None, wait: bool = True
    ) -> str:
        if isinstance(self.backend, EmbeddedBackend):
            warnings.warn(EMBEDDED_ENDPOINT, stacklevel=_user_frame())
        self.sagemaker_client.create_endpoint(
            EndpointName=endpoint_name, EndpointConfigName=config_name, Tags=tags or []
        )
        if wait:
            self.wait_for_endpoint(endpoint_name)
        return endpoint_name

    def update_endpoint(self, endpoint_name: str, endpoint_config_name: str, wait: bool = True) -> str:
        """Blue/green to `endpoint_config_name`; with `wait`, an update that rolled back raises."""
        self.sagemaker_client.update_endpoint(EndpointName=endpoint_name, EndpointConfigName=endpoint_config_name)
        if wait:
            desc = self.wait_for_endpoint(endpoint_name)
            if desc["EndpointConfigName"] != endpoint_config_name:
                raise UnexpectedStatusException(
                    f"Error updating endpoint {endpoint_name}: {desc.get('FailureReason', 'rolled back')}",
                    allowed_statuses=["InService"],
                    actual_status=desc["EndpointStatus"],
                )
        return endpoint_name

    def create_endpoint_config_from_existing(
        self,
        existing_config_name: str,
        new_config_name: str,
        new_tags: Optional[list[dict[str, str]]] = None,
        new_kms_key: Optional[str] = None,
        new_data_capture_config_dict: Optional[dict[str, Any]] = None,
        new_production_variants: Optional[list[dict[str, Any]]] = None,
        **_aws_only: Any,
    ) -> str:
        """A copy of an endpoint config with some of its parts replaced (Predictor.update_endpoint's way)."""
        existing = self.sagemaker_client.describe_endpoint_config(EndpointConfigName=existing_config_name)
        config: dict[str, Any] = {
            "EndpointConfigName": new_config_name,
            "ProductionVariants": new_production_variants or existing["ProductionVariants"],
        }
        capture = new_data_capture_config_dict or existing.get("DataCaptureConfig")
        if capture:
            config["DataCaptureConfig"] = capture
        if new_kms_key or existing.get("KmsKeyId"):
            config["KmsKeyId"] = new_kms_key or existing.get("KmsKeyId")
        if new_tags:
            config["Tags"] = new_tags
        self.sagemaker_client.create_endpoint_config(**config)
        return new_config_name

    def wait_for_endpoint(self, endpoint: str, poll: float = 0.5, **_aws_only: Any) -> dict[str, Any]:
        """The endpoint's description once it is no longer Creating / Updating; raises unless it is InService."""
        while True:
            desc: dict[str, Any] = self.sagemaker_client.describe_endpoint(EndpointName=endpoint)
            status = desc["EndpointStatus"]
            if status not in ("Creating", "Updating", "SystemUpdating"):
                break
            print("-", end="", flush=True)
            time.sleep(poll)
        print("!" if status == "InService" else "*", flush=True)
        if status != "InService":
            raise UnexpectedStatusException(
                f"Error hosting endpoint {endpoint}: {status}. Reason: {desc.get('FailureReason', '')}.",
                allowed_statuses=["InService"],
                actual_status=status,
            )
        return desc

    def delete_endpoint(self, endpoint_name: str) -> None:
        self.sagemaker_client.delete_endpoint(EndpointName=endpoint_name)

    def delete_endpoint_config(self, endpoint_config_name: str) -> None:
        self.sagemaker_client.delete_endpoint_config(EndpointConfigName=endpoint_config_name)

    def delete_model(self, model_name: str) -> None:
        self.sagemaker_client.delete_model(ModelName=model_name)

    def report_job_status(self, secondary_status: str) -> Optional[dict[str, Any]]:
        """Inside a job: tell the server what the job is doing (shown as its secondary status)."""
        name = os.environ.get("SMSTUDIO_JOB_NAME")
        job: Optional[dict[str, Any]] = (
            self.backend.report_job(name, {"secondary_status": secondary_status}) if name else None
        )
        return job


def _user_frame() -> int:
    """The warning's stack level that names the user's line (model.deploy and estimator.deploy call in here)."""
    frame, level = sys._getframe(1), 1
    while frame.f_back is not None and str(frame.f_globals.get("__name__", "")).startswith(__package__ or "sdk"):
        frame, level = frame.f_back, level + 1
    return level


def production_variant(
    model_name: str,
    instance_type: Optional[str] = None,
    initial_instance_count: Optional[int] = None,
    variant_name: str = "AllTraffic",
    initial_weight: float = 1,
    accelerator_type: Optional[str] = None,
    **_aws_only: Any,
) -> dict[str, Any]:
    """One entry of an endpoint config's ProductionVariants, as SageMaker's `production_variant` builds it."""
    return {
        "ModelName": model_name,
        "VariantName": variant_name,
        "InitialVariantWeight": initial_weight,
        "InstanceType": instance_type or "local",
        "InitialInstanceCount": initial_instance_count or 1,
    }


def get_execution_role(sagemaker_session: Any = None) -> str:
    """AWS needs an IAM role; SmStudio runs jobs as their owner, so this names the owner."""
    session = sagemaker_session or Session()
    return f"smstudio:user/{session.backend.whoami()['user']}"
