"""`sagemaker.transformer.Transformer`: a model run over a whole dataset as a batch transform job.

`transform(data)` starts CreateTransformJob through the session's SageMaker client; `data` is a file:// or
s3:// URL (a file, a folder, or a name prefix), a local file or folder (uploaded first, as
`Session.upload_data` does), or a path in the server's storage. `wait()` shows a progress bar (records
answered of all records) and, with `logs`, the job's log under it. Each input file's answers land in
`<output_path>/<file>.out`. KMS keys and other AWS-only arguments are accepted and ignored.
"""

from __future__ import annotations

import os
import time
from typing import Any, Optional

from ..core.names import name_from_base
from ..core.storage import join_url
from ._jobs import UnexpectedStatusException
from .session import Session

FINAL = ("Completed", "Failed", "Stopped")


class _TransformJob:
    """`transformer.latest_transform_job`: `describe()`, `wait()`, `stop()`."""

    def __init__(self, session: Session, job_name: str):
        self.sagemaker_session = session
        self.job_name = self.name = job_name

    def describe(self) -> dict[str, Any]:
        """DescribeTransformJob's answer (times as datetimes), with `Progress` {RecordsDone, RecordsTotal}."""
        answer: dict[str, Any] = self.sagemaker_session.sagemaker_client.describe_transform_job(
            TransformJobName=self.job_name
        )
        return answer

    def wait(self, logs: bool = True, poll: float = 0.5) -> dict[str, Any]:
        """Until the job ends: a progress bar of its records, and its log with `logs`; a failed job raises
        UnexpectedStatusException with its FailureReason (a stopped one does not, as in SageMaker's SDK)."""
        from tqdm.auto import tqdm

        backend = self.sagemaker_session.backend
        offset = 0
        with tqdm(desc=self.job_name, unit=" records", total=None) as bar:
            while True:
                desc = self.describe()
                progress = desc.get("Progress") or {}
                total = progress.get("RecordsTotal")
                if total is not None and bar.total != total:
                    bar.total = total
                    bar.refresh()
                bar.update(max(0, int(progress.get("RecordsDone", 0)) - bar.n))
                if logs:
                    chunk = backend.job_logs(self.job_name, offset)
                    for line in chunk["text"].splitlines():
                        bar.write(line)
                    offset = chunk["next_offset"]
                    ended = chunk["complete"]
                else:
                    ended = desc["TransformJobStatus"] in FINAL
                if ended and desc["TransformJobStatus"] in FINAL:
                    break
                time.sleep(poll)
        if desc["TransformJobStatus"] == "Failed":
            raise UnexpectedStatusException(
                f"Error for Transform job {self.job_name}: Failed. Reason: {desc.get('FailureReason')}",
                allowed_statuses=["Completed", "Stopped"],
                actual_status="Failed",
            )
        return desc

    def stop(self) -> None:
        self.sagemaker_session.sagemaker_client.stop_transform_job(TransformJobName=self.job_name)


class Transformer:
    def __init__(
        self,
        model_name: str,
        instance_count: int,
        instance_type: str,
        strategy: Optional[str] = None,
        assemble_with: Optional[str] = None,
        output_path: Optional[str] = None,
        output_kms_key: Optional[str] = None,
        accept: Optional[str] = None,
        max_concurrent_transforms: Optional[int] = None,
        max_payload: Optional[int] = None,
        tags: Optional[list[dict[str, str]]] = None,
        env: Optional[dict[str, str]] = None,
        base_transform_job_name: Optional[str] = None,
        sagemaker_session: Optional[Session] = None,
        volume_kms_key: Optional[str] = None,
        **_aws_only: Any,
    ):
        self.model_name = model_name
        self.instance_count = instance_count
        self.instance_type = instance_type
        self.strategy = strategy
        self.assemble_with = assemble_with
        self.output_path = output_path
        self.output_kms_key = output_kms_key
        self.accept = accept
        self.max_concurrent_transforms = max_concurrent_transforms
        self.max_payload = max_payload
        self.tags = tags
        self.env = env
        self.base_transform_job_name = base_transform_job_name
        self.sagemaker_session = sagemaker_session
        self.volume_kms_key = volume_kms_key
        self._current_job_name: Optional[str] = None
        self.latest_transform_job: Optional[_TransformJob] = None

    def _session(self) -> Session:
        if self.sagemaker_session is None:
            self.sagemaker_session = Session()
        return self.sagemaker_session

    def transform(
        self,
        data: str,
        data_type: str = "S3Prefix",
        content_type: Optional[str] = None,
        compression_type: Optional[str] = None,
        split_type: Optional[str] = None,
        job_name: Optional[str] = None,
        input_filter: Optional[str] = None,
        output_filter: Optional[str] = None,
        join_source: Optional[str] = None,
        experiment_config: Optional[dict[str, str]] = None,
        model_client_config: Optional[dict[str, int]] = None,
        batch_data_capture_config: Any = None,
        wait: bool = True,
        logs: bool = True,
        **_aws_only: Any,
    ) -> None:
        """Start a transform job over `data`; with `wait`, follow it to its end (see `wait`)."""
        session = self._session()
        name = job_name or name_from_base(self.base_transform_job_name or self.model_name)
        if self.output_path is None:  # SageMaker's default: the default bucket, under the job's name
            self.output_path = join_url(session.default_bucket(), name)
        transform_input: dict[str, Any] = {
            "DataSource": {"S3DataSource": {"S3DataType": data_type, "S3Uri": self._data_url(data, name)}},
        }
        for key, value in (("ContentType", content_type), ("CompressionType", compression_type)):
            if value is not None:
                transform_input[key] = value
        if split_type is not None:
            transform_input["SplitType"] = split_type
        output: dict[str, Any] = {"S3OutputPath": self.output_path}
        if self.accept is not None:
            output["Accept"] = self.accept
        if self.assemble_with is not None:
            output["AssembleWith"] = self.assemble_with
        request: dict[str, Any] = {
            "TransformJobName": name,
            "ModelName": self.model_name,
            "TransformInput": transform_input,
            "TransformOutput": output,
            "TransformResources": {"InstanceType": self.instance_type, "InstanceCount": self.instance_count},
            "Environment": self.env,
            "BatchStrategy": self.strategy,
            "MaxConcurrentTransforms": self.max_concurrent_transforms,
            "MaxPayloadInMB": self.max_payload,
            "ModelClientConfig": model_client_config,
            "DataCaptureConfig": batch_data_capture_config._to_request_dict() if batch_data_capture_config else None,
            "ExperimentConfig": experiment_config,
            "Tags": self.tags,
        }
        processing = {
            k: v
            for k, v in (("InputFilter", input_filter), ("OutputFilter", output_filter), ("JoinSource", join_source))
            if v is not None
        }
        if processing:
            request["DataProcessing"] = processing
        session.sagemaker_client.create_transform_job(**{k: v for k, v in request.items() if v is not None})
        self._current_job_name = name
        self.latest_transform_job = _TransformJob(session, name)
        if wait:
            self.latest_transform_job.wait(logs=logs)

    def _data_url(self, data: str, name: str) -> str:
        """A URL as it is; a local file or folder uploaded under the default bucket; else a storage path."""
        if "://" in data or not os.path.exists(data):
            return data
        return self._session().upload_data(data, key_prefix=f"{name}/input")

    def _job(self) -> _TransformJob:
        if self.latest_transform_job is None:
            raise ValueError("No transform job available")
        return self.latest_transform_job

    def wait(self, logs: bool = True) -> None:
        self._job().wait(logs=logs)

    def describe(self) -> dict[str, Any]:
        return self._job().describe()

    def stop_transform_job(self, wait: bool = True) -> None:
        job = self._job()
        job.stop()
        if wait:
            job.wait(logs=False)

    @classmethod
    def attach(cls, transform_job_name: str, sagemaker_session: Optional[Session] = None) -> "Transformer":
        """A Transformer for an existing transform job, configured as that job was."""
        session = sagemaker_session or Session()
        desc = session.sagemaker_client.describe_transform_job(TransformJobName=transform_job_name)
        output, resources = desc["TransformOutput"], desc["TransformResources"]
        transformer = cls(
            desc["ModelName"],
            resources["InstanceCount"],
            resources["InstanceType"],
            strategy=desc.get("BatchStrategy"),
            assemble_with=output.get("AssembleWith"),
            output_path=output["S3OutputPath"],
            accept=output.get("Accept"),
            max_concurrent_transforms=desc.get("MaxConcurrentTransforms"),
            max_payload=desc.get("MaxPayloadInMB"),
            env=desc.get("Environment") or None,
            sagemaker_session=session,
        )
        transformer._current_job_name = transform_job_name
        transformer.latest_transform_job = _TransformJob(session, transform_job_name)
        return transformer


__all__ = ["Transformer"]
