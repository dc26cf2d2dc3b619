"""`Processor`, `ScriptProcessor`, `ProcessingInput`, `ProcessingOutput`, as in `sagemaker.processing`."""

from __future__ import annotations

import os
from typing import Any, Optional

from ..core.names import name_from_base
from ._jobs import wait_for
from .estimator import _tags
from .inputs import as_url
from .session import Session


class ProcessingInput:
    def __init__(
        self,
        source: Optional[str] = None,
        destination: Optional[str] = None,
        input_name: Optional[str] = None,
        s3_data_type: str = "S3Prefix",
        s3_input_mode: str = "File",
        s3_data_distribution_type: str = "FullyReplicated",
        s3_compression_type: str = "None",
        s3_input: Any = None,
        dataset_definition: Any = None,
        app_managed: bool = False,
    ):
        self.source = source
        self.destination = destination or "/opt/ml/processing/input"
        self.input_name = input_name

    def to_request(self) -> dict[str, Any]:
        if self.source is None:  # the TypeError as_url(None) raised, said plainly
            raise TypeError("ProcessingInput needs a source (s3_input and dataset_definition are not supported)")
        return {"source": as_url(self.source), "destination": self.destination, "input_name": self.input_name}


class ProcessingOutput:
    def __init__(
        self,
        source: Optional[str] = None,
        destination: Optional[str] = None,
        output_name: Optional[str] = None,
        s3_upload_mode: str = "EndOfJob",
        app_managed: bool = False,
        feature_store_output: Any = None,
    ):
        self.source = source or "/opt/ml/processing/output"
        self.destination = destination
        self.output_name = output_name

    def to_request(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "destination": as_url(self.destination) if self.destination else None,
            "output_name": self.output_name,
        }


class _ProcessingJob:
    def __init__(self, session: Session, job_name: str, outputs: list[ProcessingOutput]):
        self.sagemaker_session = session
        self.job_name = job_name
        self.outputs = outputs

    def describe(self) -> dict[str, Any]:
        job: dict[str, Any] = self.sagemaker_session.backend.describe_processing_job(self.job_name)
        return job

    def wait(self, logs: bool = True) -> dict[str, Any]:
        wait_for(self.sagemaker_session, self.job_name, logs=logs)
        return self.describe()

    def stop(self) -> None:
        self.sagemaker_session.stop_job(self.job_name)


class Processor:
    """Runs code in a processing job. SageMaker's `Processor` runs an image's entrypoint; here the
    entrypoint is a command and the code a script (an `image_uri` gets a clear error: no container engine)."""

    def __init__(
        self,
        role: Optional[str] = None,
        image_uri: Optional[str] = None,
        instance_count: int = 1,
        instance_type: str = "local",
        entrypoint: Optional[list[str]] = None,
        volume_size_in_gb: int = 30,
        volume_kms_key: Any = None,
        output_kms_key: Any = None,
        max_runtime_in_seconds: Optional[int] = None,
        base_job_name: Optional[str] = None,
        sagemaker_session: Optional[Session] = None,
        env: Optional[dict[str, str]] = None,
        tags: Any = None,
        network_config: Any = None,
        **_aws: Any,
    ):
        self.role = role
        self.image_uri = image_uri
        self.instance_count = instance_count
        self.instance_type = instance_type
        self.entrypoint = entrypoint
        self.max_runtime_in_seconds = max_runtime_in_seconds
        self.base_job_name = base_job_name
        self.sagemaker_session = sagemaker_session
        self.env = env or {}
        self.tags = _tags(tags)
        self.jobs: list[_ProcessingJob] = []
        self.latest_job: Optional[_ProcessingJob] = None
        self.command = ["python3"]

    def run(
        self,
        code: Optional[str] = None,
        inputs: Optional[list[ProcessingInput]] = None,
        outputs: Optional[list[ProcessingOutput]] = None,
        arguments: Optional[list[str]] = None,
        wait: bool = True,
        logs: bool = True,
        job_name: Optional[str] = None,
        experiment_config: Optional[dict[str, str]] = None,
        kms_key: Any = None,
    ) -> None:
        from .estimator import _run_context_config

        if not code:
            raise ValueError("code is required: the script this processing job runs")
        session = self.sagemaker_session = self.sagemaker_session or Session()
        name = job_name or name_from_base(self.base_job_name or "processing")
        outputs = outputs or []
        body: dict[str, Any] = {
            "job_name": name,
            "code": os.path.abspath(code),
            "command": list(self.command),
            "arguments": [str(a) for a in arguments or []],
            "inputs": [i.to_request() for i in inputs or []],
            "outputs": [o.to_request() for o in outputs],
            "environment": self.env,
            "instance_type": self.instance_type,
            "instance_count": self.instance_count,
            "tags": self.tags,
        }
        if self.max_runtime_in_seconds:
            body["max_runtime_in_seconds"] = self.max_runtime_in_seconds
        if self.image_uri:
            body["image_uri"] = self.image_uri
        config = experiment_config or _run_context_config()
        if config:
            body["experiment_config"] = config
        session.backend.create_processing_job(body)
        self.latest_job = _ProcessingJob(session, name, outputs)
        self.jobs.append(self.latest_job)
        if wait:
            self.latest_job.wait(logs=logs)


class ScriptProcessor(Processor):
    """`ScriptProcessor(role, image_uri, command, ...)`: runs `code` with `command` (e.g. ["python3"])."""

    def __init__(
        self,
        role: Optional[str] = None,
        image_uri: Optional[str] = None,
        command: Optional[list[str]] = None,
        instance_type: str = "local",
        instance_count: int = 1,
        **kwargs: Any,
    ):
        super().__init__(
            role=role, image_uri=image_uri, instance_type=instance_type, instance_count=instance_count, **kwargs
        )
        self.command = command or ["python3"]
