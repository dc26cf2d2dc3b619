"""A monitoring schedule's executions (a mixin MonitorService inherits): the scheduler's `fire_due`, one execution
over its window as a job of the foundation (kind `monitoring`), and its status read back from the job and the
files it wrote (Completed becoming CompletedWithViolations when its constraint_violations.json lists any)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Optional

from sqlalchemy import select, update

from ..core.auth import Viewer
from ..core.errors import BadRequest, Forbidden, NotFound, SmStudioError
from ..core.storage import UserStorage, join_url
from ..jobs.models import Job, JobArtifact, JobConfig, JobTracking
from . import schedule
from .models import (
    MODEL_QUALITY,
    DatasetFormat,
    MonitoringExecutionSummary,
    MonitoringJobDefinition,
    MonitoringScheduleConfig,
)
from .orm import MonitoringExecutionRow, MonitoringScheduleRow

if TYPE_CHECKING:
    from ..core.db import Database
    from ..endpoints.service import EndpointService
    from ..jobs.service import JobService

CONTAINER = ["python", "-m", "jupyter_smstudio.monitor.container"]
MONITORING = "monitoring"


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


def reader_format(fmt: DatasetFormat) -> dict[str, Any]:
    """A DatasetFormat as the container reads it (readers.py)."""
    return {"json": {"lines": True}} if fmt.Json else {"csv": {"header": fmt.Csv.Header if fmt.Csv else False}}


def resolved_url(storage: UserStorage, url: str, field: str, write: bool = False) -> str:
    try:
        return storage.resolve(url, field_name=field, write=write).url.rstrip("/")
    except Forbidden as err:
        raise BadRequest(err.message, field=field) from None


class MonitorExecutions:
    jobs: JobService
    endpoints: EndpointService
    db: Database

    if TYPE_CHECKING:  # MonitorService's and ModelQualityMixin's

        def _row(self, s: Any, owner: str, name: str) -> MonitoringScheduleRow: ...

        def _quality_container(
            self, storage: UserStorage, definition: MonitoringJobDefinition, now: datetime
        ) -> dict[str, Any]: ...

    # -- firing -----------------------------------------------------------------------------------------------------
    def fire_due(self, now: Optional[datetime] = None) -> int:
        """Start an execution of every schedule whose time has come (once, however long the server was down),
        and set its next time. Answers how many started."""
        now = now or now_utc()
        with self.db.session() as s:
            due = [
                (row.owner, row.name, row.next_fire, row.spec["ScheduleConfig"]["ScheduleExpression"])
                for row in s.scalars(
                    select(MonitoringScheduleRow).where(
                        MonitoringScheduleRow.status == "Scheduled",
                        MonitoringScheduleRow.next_fire.is_not(None),
                        MonitoringScheduleRow.next_fire <= now,
                    )
                )
            ]
        started = 0
        for owner, name, scheduled, expression in due:
            assert scheduled is not None  # selected so
            with self.db.session() as s:
                # compare and set: of two servers on one store (or two ticks), one moves the time and fires
                moved = s.execute(
                    update(MonitoringScheduleRow)
                    .where(
                        MonitoringScheduleRow.owner == owner,
                        MonitoringScheduleRow.name == name,
                        MonitoringScheduleRow.next_fire == scheduled,
                    )
                    .values(next_fire=schedule.next_fire(expression, now))
                )
            if getattr(moved, "rowcount", 0) == 1:
                self._execute(owner, name, scheduled)
                started += 1
        return started

    def _execute(self, owner: str, name: str, scheduled: datetime, on_demand: bool = False) -> None:
        """One execution of a schedule: a job over the window, recorded even when it cannot start (Failed)."""
        with self.db.session() as s:
            config = MonitoringScheduleConfig.model_validate(self._row(s, owner, name).spec)
        definition = config.definition
        sc = config.ScheduleConfig
        assert sc is not None  # _check asked for one
        start, end = schedule.window(sc.ScheduleExpression, sc.DataAnalysisStartTime, sc.DataAnalysisEndTime, scheduled)
        batch = definition.MonitoringInputs[0].BatchTransformInput
        endpoint = definition.endpoint_name or ""  # "": a batch transform's captured data
        base = definition.MonitoringOutputConfig.MonitoringOutputs[0].S3Output.S3Uri
        job_name = f"{name[:40]}-{scheduled:%Y%m%d%H%M%S}-{now_utc():%f}"[:63]
        # SageMaker's layout: <output>/<endpoint>/<schedule>/yyyy/mm/dd/hh, one execution an hour on cron; a NOW
        # schedule or "Run now" may run twice in an hour, so each of those has its own folder below the hour's
        output = join_url(base, endpoint or "batch-transform", name, scheduled.strftime("%Y/%m/%d/%H"))
        if sc.ScheduleExpression.strip() == schedule.NOW or on_demand:
            output = join_url(output, job_name)
        try:
            output = resolved_url(self.jobs.storage.for_user(owner), output, "S3Uri", write=True)
        except SmStudioError:
            pass  # recorded as given; the execution fails below, naming why
        now = now_utc()
        row = MonitoringExecutionRow(
            schedule_name=name,
            owner=owner,
            job_name=job_name,
            endpoint_name=endpoint,
            output_url=output,
            status="Pending",
            scheduled_time=scheduled,
            creation_time=now,
            last_modified_time=now,
        )
        viewer = Viewer(user=owner)
        try:
            storage = self.jobs.storage.for_user(owner)
            capture_url = self._captured(viewer, storage, definition)
            baseline = definition.BaselineConfig
            stats = baseline.StatisticsResource if baseline else None
            rules = baseline.ConstraintsResource if baseline else None
            container = {
                "mode": "monitor",
                "capture_url": capture_url,
                "start": start.isoformat(),
                "end": end.isoformat(),
                "statistics_url": resolved_url(storage, stats.S3Uri, "StatisticsResource") if stats else None,
                "constraints_url": resolved_url(storage, rules.S3Uri, "ConstraintsResource") if rules else None,
                "output_url": resolved_url(storage, output, "S3Uri", write=True),
                "storage_options": storage.s3_options,
                # a batch transform's manifests (transform/container.py) and how to read the files they list
                "batch_format": reader_format(batch.DatasetFormat) if batch else None,
            }
            if config.MonitoringType == MODEL_QUALITY:
                container.update(self._quality_container(storage, definition, now_utc()))
            job_config = JobConfig.model_validate(
                {
                    "MonitoringScheduleName": name,
                    "EndpointName": endpoint,
                    "tracking": JobTracking(
                        display_name=job_name,
                        parameters={"MonitoringScheduleName": name, "EndpointName": endpoint},
                        outputs={"output": JobArtifact(value=output)},
                    ),
                }
            )
            stopping = definition.StoppingCondition
            self._submit(
                viewer, MONITORING, job_name, container, job_config, stopping.MaxRuntimeInSeconds if stopping else 3600
            )
            row.status = "InProgress"
        except SmStudioError as err:
            row.status, row.failure_reason = "Failed", err.message
        with self.db.session() as s:
            s.add(row)

    def _captured(self, viewer: Viewer, storage: UserStorage, definition: MonitoringJobDefinition) -> str:
        """Where the execution reads: the endpoint's capture folder, or the batch transform's capture destination."""
        batch = definition.MonitoringInputs[0].BatchTransformInput
        if batch is not None:
            return resolved_url(storage, batch.DataCapturedDestinationS3Uri, "DataCapturedDestinationS3Uri")
        endpoint = str(definition.endpoint_name)
        capture = self.endpoints.describe_endpoint(viewer, endpoint).DataCaptureConfig
        if capture is None or not capture.DestinationS3Uri:
            raise BadRequest(f"endpoint '{endpoint}' does not capture its data", field="EndpointName")
        return join_url(resolved_url(storage, capture.DestinationS3Uri, "DestinationS3Uri"), endpoint)

    # -- shared -----------------------------------------------------------------------------------------------------
    def _submit(
        self, viewer: Viewer, kind: str, name: str, container: dict[str, Any], config: JobConfig, max_run: int
    ) -> Job:
        return self.jobs.submit(
            viewer,
            kind=kind,
            job_name=name,
            argv=CONTAINER,
            cwd="",
            environment={"SMSTUDIO_CONTAINER_CONFIG": json.dumps(container)},
            config=config,
            max_runtime_seconds=max_run,
            stop_grace_seconds=5.0,
            tags={},
        )

    def _summary(self, execution_id: int) -> MonitoringExecutionSummary:
        """An execution as SageMaker lists it, its status refreshed from its job until final."""
        with self.db.session() as s:
            row = s.get(MonitoringExecutionRow, execution_id)
            assert row is not None
            if row.status in ("Pending", "InProgress", "Stopping"):
                self._refresh(row)
            schedule_row = s.scalars(
                select(MonitoringScheduleRow).filter_by(owner=row.owner, name=row.schedule_name)
            ).first()
            kind = schedule_row.spec.get("MonitoringType", "DataQuality") if schedule_row else "DataQuality"
            return MonitoringExecutionSummary(
                MonitoringType=kind,
                MonitoringScheduleName=row.schedule_name,
                ScheduledTime=row.scheduled_time,
                CreationTime=row.creation_time,
                LastModifiedTime=row.last_modified_time,
                MonitoringExecutionStatus=row.status,
                ProcessingJobArn=f"smstudio:processing-job/{row.job_name}",
                ProcessingJobName=row.job_name,
                EndpointName=row.endpoint_name,
                FailureReason=row.failure_reason,
                OutputS3Uri=row.output_url,
            )

    def _refresh(self, row: MonitoringExecutionRow) -> None:
        try:
            job = self.jobs.get(Viewer(user=row.owner), row.job_name)
        except NotFound:
            return
        status: str = job.status
        if status == "Completed":
            try:
                storage = self.jobs.storage.for_user(row.owner)
                body = json.loads(
                    storage.read_bytes(join_url(row.output_url, "constraint_violations.json"), limit=64 << 20)
                )
                if body.get("violations"):
                    status = "CompletedWithViolations"
            except (SmStudioError, OSError, ValueError):
                pass  # no violations file: nothing was checked (no baseline constraints)
        if status != row.status:
            row.status = status
            row.failure_reason = job.failure_reason
            row.last_modified_time = job.end_time or now_utc()
