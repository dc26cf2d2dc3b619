"""Batch transform jobs: check the request, resolve the owner's model (the Endpoints room's), submit a job of the
foundation (kind `transform`: listed, stoppable and logged in the Jobs room), describe it in SageMaker's shape.

The job itself (jobs/) runs `python -m jupyter_smstudio.transform.container`; its progress comes back as metric
points in the job's metrics file, read here on describe.
"""

from __future__ import annotations

import json
from typing import Any, Optional

from ..core.auth import Viewer
from ..core.errors import BadRequest, NotFound, SmStudioError
from ..core.storage import UserStorage, join_url
from ..endpoints.models import ContainerDefinition
from ..endpoints.service import EndpointService
from ..jobs import job_files
from ..jobs.models import Job, JobArtifact, JobConfig, JobTracking
from ..jobs.service import JobService
from . import checks
from .models import (
    DEFAULT_PAYLOAD_MB,
    CreateTransformJobRequest,
    TransformJob,
    TransformJobList,
    TransformJobSummary,
    TransformProgress,
)

CONTAINER = ["python", "-m", "jupyter_smstudio.transform.container"]
KIND = "transform"
MAX_RUN = 28 * 86400  # SageMaker sets no time limit on a transform job: the foundation's longest
MB = 1024 * 1024
PROGRESS_TAIL = 4096  # the last progress points are in the metrics file's last lines


class TransformService:
    def __init__(self, jobs: JobService, endpoints: EndpointService):
        self.jobs = jobs
        self.endpoints = endpoints

    def create_transform_job(self, viewer: Viewer, request: CreateTransformJobRequest) -> Job:
        req = request
        checks.request(req)
        try:
            model = self.endpoints.describe_model(viewer, req.ModelName)
        except NotFound:  # another user's model does not exist for this viewer either
            raise BadRequest(f"model '{req.ModelName}' does not exist", field="ModelName") from None
        # a pipeline model's containers run in sequence in each instance, as the Endpoints room's instances run them
        pipeline = model.Containers or []
        primary = model.PrimaryContainer or pipeline[0]
        storage = self.jobs.storage.for_user(viewer.user)
        model_storage = self.jobs.storage.for_user(model.Owner)
        source = req.TransformInput.DataSource.S3DataSource
        media = checks.content_type(req)
        accept = checks.accept(req, media)
        checks.processing(req, media, accept)
        input_url = checks.input_url(storage, source.S3Uri, source.S3DataType)
        capture = req.DataCaptureConfig
        capture_url = (
            checks.resolve(storage, capture.DestinationS3Uri, "DataCaptureConfig.DestinationS3Uri", write=True)
            if capture
            else None
        )
        output_url = checks.output_url(storage, req.TransformOutput.S3OutputPath)  # the last check: it makes the folder
        split = req.TransformInput.SplitType
        # MaxConcurrentTransforms is recorded as given: an instance asks its model in its own process, where
        # concurrent requests would only take turns on the GIL (InstanceCount is the parallelism here).
        # MultiRecord by default where records batch by themselves (CSV lines, which the default input_fn reads
        # as rows); a JSON document per request otherwise, which every input_fn reads
        strategy = req.BatchStrategy or ("MultiRecord" if split == "Line" and media == "text/csv" else "SingleRecord")
        payload_mb = DEFAULT_PAYLOAD_MB if req.MaxPayloadInMB is None else req.MaxPayloadInMB
        req = req.model_copy(update={"BatchStrategy": strategy, "MaxPayloadInMB": payload_mb})
        dp = req.DataProcessing
        container = {
            "owner": viewer.user,
            "container": _located(primary, model_storage),
            "pipeline": [_located(c, model_storage) for c in pipeline] or None,
            "input_url": input_url,
            "data_type": source.S3DataType,
            "compression": req.TransformInput.CompressionType,
            "split": split,
            "content_type": media,
            "accept": accept,
            "strategy": strategy,
            "max_payload_bytes": payload_mb * MB,
            "output_url": output_url,
            "assemble": req.TransformOutput.AssembleWith,
            "input_filter": dp.InputFilter if dp else "$",
            "output_filter": dp.OutputFilter if dp else "$",
            "join": bool(dp and dp.JoinSource == "Input"),
            "instance_count": req.TransformResources.InstanceCount,
            "environment": req.Environment,
            "storage_options": storage.s3_options,
            "capture_url": capture_url,
        }
        config = JobConfig.model_validate(
            {
                **req.model_dump(mode="json"),
                "tracking": JobTracking(
                    display_name=req.TransformJobName,
                    parameters={"ModelName": req.ModelName, "BatchStrategy": strategy, "SplitType": split},
                    inputs={"input": JobArtifact(value=input_url, media_type=media)},
                    outputs={"output": JobArtifact(value=output_url, media_type=accept)},
                    experiment_config=req.ExperimentConfig,
                ),
            }
        )
        return self.jobs.submit(
            viewer,
            kind=KIND,
            job_name=req.TransformJobName,
            argv=CONTAINER,
            cwd="",
            environment={**req.Environment, "SMSTUDIO_CONTAINER_CONFIG": json.dumps(container)},
            config=config,
            max_runtime_seconds=MAX_RUN,
            stop_grace_seconds=10.0,
            tags={t.Key: t.Value for t in req.Tags},
        )

    def start_transform_job(self, viewer: Viewer, request: CreateTransformJobRequest) -> TransformJob:
        """CreateTransformJob over REST: answers the new job's description."""
        return self.describe_transform_job(viewer, self.create_transform_job(viewer, request).job_name)

    def describe_transform_job(self, viewer: Viewer, transform_job_name: str) -> TransformJob:
        job = self._job(viewer, transform_job_name)
        recorded = job.config.model_dump(mode="json")
        spec = CreateTransformJobRequest.model_validate({k: v for k, v in recorded.items() if k != "tracking"})
        return TransformJob(
            TransformJobName=job.job_name,
            TransformJobArn=f"smstudio:transform-job/{job.job_name}",
            TransformJobStatus=job.status,
            FailureReason=job.failure_reason,
            ModelName=spec.ModelName,
            MaxConcurrentTransforms=spec.MaxConcurrentTransforms,
            ModelClientConfig=spec.ModelClientConfig,
            MaxPayloadInMB=spec.MaxPayloadInMB,
            BatchStrategy=spec.BatchStrategy,
            Environment=spec.Environment,
            TransformInput=spec.TransformInput,
            TransformOutput=spec.TransformOutput,
            TransformResources=spec.TransformResources,
            DataProcessing=spec.DataProcessing,
            DataCaptureConfig=spec.DataCaptureConfig,
            ExperimentConfig=spec.ExperimentConfig,
            CreationTime=job.creation_time,
            TransformStartTime=job.start_time,
            TransformEndTime=job.end_time,
            LastModifiedTime=job.end_time or job.last_heartbeat or job.creation_time,
            Progress=self._progress(job),
            Owner=job.owner,
        )

    def list_transform_jobs(
        self,
        viewer: Viewer,
        status: Optional[str] = None,
        name_contains: Optional[str] = None,
        limit: int = 100,
        offset: int = 0,
    ) -> TransformJobList:
        found = self.jobs.list(viewer, status, KIND, name_contains, limit, offset)
        return TransformJobList(
            TransformJobSummaries=[
                TransformJobSummary(
                    TransformJobName=j.job_name,
                    TransformJobArn=f"smstudio:transform-job/{j.job_name}",
                    TransformJobStatus=j.status,
                    FailureReason=j.failure_reason,
                    CreationTime=j.creation_time,
                    TransformEndTime=j.end_time,
                    LastModifiedTime=j.end_time or j.last_heartbeat or j.creation_time,
                )
                for j in found.jobs
            ],
            Total=found.total,
        )

    def stop_transform_job(self, viewer: Viewer, transform_job_name: str) -> TransformJob:
        job = self._job(viewer, transform_job_name)
        self.jobs.stop(viewer, job.job_name)
        return self.describe_transform_job(viewer, transform_job_name)

    # -- shared -----------------------------------------------------------------------------------------------------
    def _job(self, viewer: Viewer, name: str) -> Job:
        try:
            job = self.jobs.get(viewer, name)
        except NotFound:
            raise NotFound(f"transform job '{name}' does not exist", field="TransformJobName") from None
        if job.job_kind != KIND:
            raise NotFound(
                f"transform job '{name}' does not exist ('{name}' is a {job.job_kind} job)", field="TransformJobName"
            )
        return job

    def _progress(self, job: Job) -> TransformProgress:
        """The last RecordsDone / RecordsTotal the job wrote beside its log (container.py)."""
        url = join_url(job.log_url.rsplit("/", 1)[0], "metrics.jsonl")
        try:
            tail = job_files.tail(self.jobs.storage.for_user(job.owner), url, PROGRESS_TAIL)
        except (SmStudioError, OSError):  # no progress to show is not an error of the describe
            return TransformProgress()
        latest: dict[str, int] = {}
        for line in tail.split(b"\n")[1:] if len(tail) == PROGRESS_TAIL else tail.split(b"\n"):
            try:
                point: Any = json.loads(line)
                latest[str(point["metric_name"])] = int(point["value"])
            except (ValueError, KeyError, TypeError):
                continue  # the first line of a tail may be cut; a line being written is not whole yet
        return TransformProgress(RecordsDone=latest.get("RecordsDone", 0), RecordsTotal=latest.get("RecordsTotal"))


def _located(container: ContainerDefinition, storage: UserStorage) -> dict[str, Any]:
    """The container with its artifact as an absolute URL: a model may name it relative to its owner's volume
    (as the Endpoints room reads it), which the job process, started elsewhere, could not resolve."""
    data: dict[str, Any] = container.model_dump(mode="json")
    if data.get("ModelDataUrl"):
        data["ModelDataUrl"] = storage.resolve(data["ModelDataUrl"], "ModelName").url
    return data
