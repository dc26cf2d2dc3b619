"""`Processor`, `ScriptProcessor`, `ProcessingInput`, `ProcessingOutput`, as in `sagemaker.processing`."""

from __future__ import annotations

import os
from typing import Any, Optional

from ..core.names import name_from_base
from ._code import script_of_entrypoint
from ._jobs import wait_for
from ._times import with_datetimes
from .estimator import _tags
from .inputs import as_url
from .session import Session
from .utils import base_name_from_image


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
        """DescribeProcessingJob's answer, times as datetimes (as boto3 gives them)."""
        job: dict[str, Any] = with_datetimes(self.sagemaker_session.backend.describe_processing_job(self.job_name))
        return job

    def wait(self, logs: bool = True) -> dict[str, Any]:
        wait_for(self.sagemaker_session, self.job_name, logs=logs)
        return self.describe()

    def stop(self) -> None:
        self.sagemaker_session.stop_job(self.job_name)


class Processor:
    """Runs a processing job. SageMaker's `Processor` runs an image's `entrypoint`; here the image must be a
    framework image (scikit-learn, PyTorch, XGBoost: image_uris.retrieve) and the entrypoint a Python script
    that one of the inputs provides (["python3", "/opt/ml/processing/input/code/run.py"]). Other images are
    refused (no container engine)."""

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
        inputs: Optional[list[ProcessingInput]] = None,
        outputs: Optional[list[ProcessingOutput]] = None,
        arguments: Optional[list[str]] = None,
        wait: bool = True,
        logs: bool = True,
        job_name: Optional[str] = None,
        experiment_config: Optional[dict[str, str]] = None,
        kms_key: Any = None,
        code: Optional[str] = None,
    ) -> None:
        """Start the job (SageMaker's arguments; `code` is SmStudio's shortcut for a local script)."""
        self._start(code, inputs, outputs, arguments, wait, logs, job_name, experiment_config)

    def _start(
        self,
        code: Optional[str],
        inputs: Optional[list[ProcessingInput]],
        outputs: Optional[list[ProcessingOutput]],
        arguments: Optional[list[str]],
        wait: bool,
        logs: bool,
        job_name: Optional[str],
        experiment_config: Optional[dict[str, str]],
    ) -> None:
        from .estimator import _run_context_config

        session = self.sagemaker_session = self.sagemaker_session or Session()
        name = job_name or name_from_base(self._base_job_name())
        inputs, outputs = inputs or [], outputs or []
        command, extra = list(self.command), list[str]()
        if not code:
            if not self.entrypoint:
                raise ValueError("code is required: the script this processing job runs (or an entrypoint running it)")
            sources = [(i.to_request()["source"], i.destination) for i in inputs]
            command, code, extra = script_of_entrypoint(session, self.entrypoint, sources, name, "entrypoint")
        body: dict[str, Any] = {
            "job_name": name,
            "code": os.path.abspath(code),
            "command": command,
            "arguments": [str(a) for a in [*extra, *(arguments or [])]],
            "inputs": [i.to_request() for i in inputs],
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
        if logs:
            _print_header(self.latest_job.describe())
        if wait:
            self.latest_job.wait(logs=logs)

    def _base_job_name(self) -> str:
        """SageMaker's default: the image's repository name (`sagemaker-scikit-learn-<timestamp>`)."""
        if self.base_job_name:
            return self.base_job_name
        return base_name_from_image(self.image_uri) if self.image_uri else "processing"


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

    def run(  # type: ignore[override]  # SageMaker's ScriptProcessor.run takes the code first
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
        if not code:
            raise ValueError("code is required: the script this processing job runs")
        self._start(code, inputs, outputs, arguments, wait, logs, job_name, experiment_config)


def _print_header(desc: dict[str, Any]) -> None:
    """What SageMaker's SDK prints as a processing job starts (notebooks read the job name from it)."""
    print()
    print("Job Name: ", desc["ProcessingJobName"])
    print("Inputs: ", [{**i, "AppManaged": False} for i in desc.get("ProcessingInputs", [])])
    print("Outputs: ", [{**o, "AppManaged": False} for o in desc.get("ProcessingOutputConfig", {}).get("Outputs", [])])
