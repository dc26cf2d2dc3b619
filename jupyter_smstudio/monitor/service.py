"""Model Monitor: baselining jobs and monitoring schedules whose executions are jobs of the foundation (kinds
`baselining` and `monitoring`: listed, logged and stoppable in the Jobs room), run by
`python -m jupyter_smstudio.monitor.container`.

A schedule fires on its cron times (the room's scheduler thread calls `fire_due`); a `NOW` schedule runs once, at
creation. An execution's status is its job's, Completed becoming CompletedWithViolations when its
constraint_violations.json lists any, and is kept once final.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any, Optional

from sqlalchemy import select, update

from ..core.auth import Viewer, resolve_owner
from ..core.db import Database
from ..core.errors import BadRequest, Conflict, Forbidden, NotFound, SmStudioError
from ..core.paging import check_page
from ..core.storage import UserStorage, join_url
from ..endpoints.models import Deleted
from ..endpoints.service import EndpointService
from ..jobs.models import Job, JobArtifact, JobConfig, JobTracking
from ..jobs.service import JobService
from . import schedule
from .models import (
    BaseliningJob,
    CreateBaseliningJobRequest,
    CreateDataQualityJobDefinitionRequest,
    CreateMonitoringScheduleRequest,
    DataQualityJobDefinition,
    DatasetFormat,
    MonitoringExecutionList,
    MonitoringExecutionSummary,
    MonitoringJobDefinition,
    MonitoringJobDefinitionList,
    MonitoringJobDefinitionSummary,
    MonitoringSchedule,
    MonitoringScheduleConfig,
    MonitoringScheduleList,
    MonitoringScheduleSummary,
    UpdateMonitoringScheduleRequest,
)
from .orm import MonitoringExecutionRow, MonitoringJobDefinitionRow, MonitoringScheduleRow
from .quality_service import MODEL_QUALITY, ModelQualityMixin, is_model_quality
from .reports import MonitorReports
from .scheduler import Scheduler

CONTAINER = ["python", "-m", "jupyter_smstudio.monitor.container"]
BASELINING, MONITORING = "baselining", "monitoring"
DEFINITION = "MonitoringScheduleConfig.MonitoringJobDefinition"
# how each request names (the endpoint, the output, the baseline config) of its job definition
SCHEDULE_FIELDS = (
    f"{DEFINITION}.MonitoringInputs.0.EndpointInput.EndpointName",
    f"{DEFINITION}.MonitoringOutputConfig.MonitoringOutputs.0.S3Output.S3Uri",
    f"{DEFINITION}.BaselineConfig",
)
DATA_QUALITY_FIELDS = (
    "DataQualityJobInput.EndpointInput.EndpointName",
    "DataQualityJobOutputConfig.MonitoringOutputs.0.S3Output.S3Uri",
    "DataQualityBaselineConfig",
)
# how a schedule names (the ground truth, the problem type) of a model quality definition
QUALITY_FIELDS = (
    f"{DEFINITION}.MonitoringInputs.0.GroundTruthS3Input.S3Uri",
    f"{DEFINITION}.ProblemType",
)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _format(fmt: DatasetFormat) -> dict[str, Any]:
    """A DatasetFormat as the container reads it (readers.py)."""
    return {"json": {"lines": True}} if fmt.Json else {"csv": {"header": fmt.Csv.Header if fmt.Csv else False}}


def _resolve(storage: UserStorage, url: str, field: str, write: bool = False) -> str:
    try:
        return storage.resolve(url, field_name=field, write=write).url.rstrip("/")
    except Forbidden as err:
        raise BadRequest(err.message, field=field) from None


class MonitorService(MonitorReports, ModelQualityMixin):
    scheduler: Scheduler  # set by the room (room.py): it fires `fire_due`

    def __init__(self, jobs: JobService, endpoints: EndpointService, db: Database):
        self.jobs = jobs
        self.endpoints = endpoints
        self.db = db

    # -- baselining jobs --------------------------------------------------------------------------------------------
    def create_baselining_job(self, viewer: Viewer, request: CreateBaseliningJobRequest) -> BaseliningJob:
        storage = self.jobs.storage.for_user(viewer.user)
        dataset = _resolve(storage, request.BaselineDatasetS3Uri, "BaselineDatasetS3Uri")
        loc = storage.resolve(dataset, field_name="BaselineDatasetS3Uri")
        try:
            there = bool(loc.fs.exists(loc.path))
        except OSError as err:  # storage out of reach: the user's to fix, named
            raise BadRequest(f"'BaselineDatasetS3Uri': {err}", field="BaselineDatasetS3Uri") from None
        if not there:
            raise BadRequest(
                f"'BaselineDatasetS3Uri': nothing at {request.BaselineDatasetS3Uri}", field="BaselineDatasetS3Uri"
            )
        output = _resolve(storage, request.OutputS3Uri, "OutputS3Uri", write=True)
        fmt = request.DatasetFormat
        if (fmt.Csv is None) == (fmt.Json is None):
            raise BadRequest("DatasetFormat is one of Csv or Json", field="DatasetFormat")
        model_quality = self._quality_of_baseline(request)
        container = {
            "mode": "baseline" if model_quality is None else "quality_baseline",
            "quality": model_quality,
            "dataset_url": dataset,
            "format": _format(fmt),
            "output_url": output,
            "workers": request.InstanceCount,
            "storage_options": storage.s3_options,
        }
        config = JobConfig.model_validate(
            {
                **request.model_dump(mode="json"),
                "tracking": JobTracking(
                    display_name=request.BaseliningJobName,
                    inputs={"baseline_dataset": JobArtifact(value=dataset)},
                    outputs={
                        "statistics": JobArtifact(
                            value=join_url(output, "statistics.json"), media_type="application/json"
                        ),
                        "constraints": JobArtifact(
                            value=join_url(output, "constraints.json"), media_type="application/json"
                        ),
                    },
                ),
            }
        )
        job = self._submit(
            viewer, BASELINING, request.BaseliningJobName, container, config, request.MaxRuntimeInSeconds
        )
        return self.describe_baselining_job(viewer, job.job_name)

    def describe_baselining_job(self, viewer: Viewer, baselining_job_name: str) -> BaseliningJob:
        job = self._job(viewer, baselining_job_name, BASELINING, "BaseliningJobName")
        output = str(job.config.tracking.outputs["statistics"].value).rsplit("/", 1)[0]
        return BaseliningJob(
            BaseliningJobName=job.job_name,
            ProcessingJobArn=f"smstudio:processing-job/{job.job_name}",
            ProcessingJobStatus=job.status,
            FailureReason=job.failure_reason,
            BaselineDatasetS3Uri=str(job.config.tracking.inputs["baseline_dataset"].value),
            OutputS3Uri=output,
            StatisticsS3Uri=join_url(output, "statistics.json"),
            ConstraintsS3Uri=join_url(output, "constraints.json"),
            CreationTime=job.creation_time,
            ProcessingStartTime=job.start_time,
            ProcessingEndTime=job.end_time,
            Owner=job.owner,
        )

    # -- schedules --------------------------------------------------------------------------------------------------
    def create_monitoring_schedule(
        self, viewer: Viewer, request: CreateMonitoringScheduleRequest
    ) -> MonitoringSchedule:
        name = request.MonitoringScheduleName
        config = self._resolved(viewer, request.MonitoringScheduleConfig)
        self._check(viewer, config)
        now = _now()
        expression = self._expression(config)
        row = MonitoringScheduleRow(
            name=name,
            owner=viewer.user,
            spec=config.model_dump(mode="json"),
            status="Scheduled",
            next_fire=schedule.next_fire(expression, now),
            creation_time=now,
            last_modified_time=now,
        )
        with self.db.session() as s:
            if s.scalars(select(MonitoringScheduleRow).filter_by(name=name, owner=viewer.user)).first() is not None:
                raise Conflict(f"monitoring schedule '{name}' already exists", field="MonitoringScheduleName")
            s.add(row)
        if expression.strip() == schedule.NOW:
            self._execute(viewer.user, name, now)
        return self.describe_monitoring_schedule(viewer, name)

    def update_monitoring_schedule(
        self, viewer: Viewer, monitoring_schedule_name: str, request: UpdateMonitoringScheduleRequest
    ) -> MonitoringSchedule:
        owner = self._owner(viewer, monitoring_schedule_name)
        config = self._resolved(viewer, request.MonitoringScheduleConfig)
        self._check(viewer, config)
        now = _now()
        expression = self._expression(config)
        with self.db.session() as s:
            row = self._row(s, owner, monitoring_schedule_name)
            row.spec = config.model_dump(mode="json")
            row.last_modified_time = now
            row.next_fire = schedule.next_fire(expression, now) if row.status == "Scheduled" else None
        if expression.strip() == schedule.NOW and self._status(owner, monitoring_schedule_name) == "Scheduled":
            self._execute(owner, monitoring_schedule_name, now)
        return self.describe_monitoring_schedule(viewer, monitoring_schedule_name)

    def describe_monitoring_schedule(self, viewer: Viewer, monitoring_schedule_name: str) -> MonitoringSchedule:
        owner = self._owner(viewer, monitoring_schedule_name)
        with self.db.session() as s:
            row = self._row(s, owner, monitoring_schedule_name)
            config = MonitoringScheduleConfig.model_validate(row.spec)
            last = s.scalars(
                select(MonitoringExecutionRow)
                .filter_by(owner=owner, schedule_name=row.name)
                .order_by(MonitoringExecutionRow.id.desc())
            ).first()
            last_id = last.id if last is not None else None
            fields = {
                "MonitoringScheduleArn": f"smstudio:monitoring-schedule/{row.name}",
                "MonitoringScheduleName": row.name,
                "MonitoringScheduleStatus": row.status,
                "FailureReason": row.failure_reason,
                "CreationTime": row.creation_time,
                "LastModifiedTime": row.last_modified_time,
                "NextScheduledTime": row.next_fire,
                "Owner": row.owner,
            }
        return MonitoringSchedule(
            **fields,
            MonitoringType=config.MonitoringType,
            MonitoringScheduleConfig=config,
            EndpointName=config.definition.endpoint_name,
            LastMonitoringExecutionSummary=self._summary(last_id) if last_id is not None else None,
        )

    def list_monitoring_schedules(
        self,
        viewer: Viewer,
        endpoint_name: Optional[str] = None,
        name_contains: Optional[str] = None,
        status: Optional[str] = None,
        limit: int = 100,
        offset: int = 0,
    ) -> MonitoringScheduleList:
        check_page(limit, offset)
        with self.db.session() as s:
            query = select(MonitoringScheduleRow).order_by(MonitoringScheduleRow.creation_time.desc())
            if not viewer.admin:
                query = query.filter_by(owner=viewer.user)
            rows = list(s.scalars(query))
        found = []
        for row in rows:
            given = row.spec["MonitoringJobDefinition"]["MonitoringInputs"][0].get("EndpointInput") or {}
            endpoint = given.get("EndpointName")  # None: a batch transform's captured data
            if (endpoint_name and endpoint != endpoint_name) or (status and row.status != status):
                continue
            if name_contains and name_contains.lower() not in row.name.lower():
                continue
            found.append(
                MonitoringScheduleSummary(
                    MonitoringScheduleName=row.name,
                    MonitoringScheduleArn=f"smstudio:monitoring-schedule/{row.name}",
                    CreationTime=row.creation_time,
                    LastModifiedTime=row.last_modified_time,
                    MonitoringScheduleStatus=row.status,
                    EndpointName=endpoint,
                    MonitoringType=row.spec.get("MonitoringType", "DataQuality"),
                )
            )
        return MonitoringScheduleList(MonitoringScheduleSummaries=found[offset : offset + limit], Total=len(found))

    def run_monitoring_schedule(self, viewer: Viewer, monitoring_schedule_name: str) -> MonitoringSchedule:
        """ "Run now" (the room's, SageMaker has none): one execution over the window the schedule would analyze if
        it fired now; the schedule's next time is unchanged."""
        owner = self._owner(viewer, monitoring_schedule_name)
        self._execute(owner, monitoring_schedule_name, _now(), on_demand=True)
        return self.describe_monitoring_schedule(viewer, monitoring_schedule_name)

    def stop_monitoring_schedule(self, viewer: Viewer, monitoring_schedule_name: str) -> MonitoringSchedule:
        return self._set_status(viewer, monitoring_schedule_name, "Stopped")

    def start_monitoring_schedule(self, viewer: Viewer, monitoring_schedule_name: str) -> MonitoringSchedule:
        return self._set_status(viewer, monitoring_schedule_name, "Scheduled")

    def delete_monitoring_schedule(self, viewer: Viewer, monitoring_schedule_name: str) -> Deleted:
        owner = self._owner(viewer, monitoring_schedule_name)
        with self.db.session() as s:
            s.delete(self._row(s, owner, monitoring_schedule_name))
            for execution in s.scalars(
                select(MonitoringExecutionRow).filter_by(owner=owner, schedule_name=monitoring_schedule_name)
            ):
                s.delete(execution)
        return Deleted(Deleted=monitoring_schedule_name)

    def list_monitoring_executions(
        self,
        viewer: Viewer,
        monitoring_schedule_name: Optional[str] = None,
        endpoint_name: Optional[str] = None,
        status: Optional[str] = None,
        limit: int = 100,
        offset: int = 0,
    ) -> MonitoringExecutionList:
        check_page(limit, offset)
        with self.db.session() as s:
            query = select(MonitoringExecutionRow.id).order_by(MonitoringExecutionRow.id.desc())
            if not viewer.admin:
                query = query.filter_by(owner=viewer.user)
            if monitoring_schedule_name:
                query = query.filter_by(schedule_name=monitoring_schedule_name)
            if endpoint_name:
                query = query.filter_by(endpoint_name=endpoint_name)
            ids = list(s.scalars(query))
        found = [self._summary(i) for i in ids]
        if status:
            found = [e for e in found if e.MonitoringExecutionStatus == status]
        return MonitoringExecutionList(MonitoringExecutionSummaries=found[offset : offset + limit], Total=len(found))

    # -- data quality job definitions ----------------------------------------------------------------------------
    def create_data_quality_job_definition(
        self, viewer: Viewer, request: CreateDataQualityJobDefinitionRequest
    ) -> DataQualityJobDefinition:
        name = request.JobDefinitionName
        self._check_definition(viewer, request.as_monitoring_job_definition(), DATA_QUALITY_FIELDS)
        with self.db.session() as s:
            found = s.scalars(select(MonitoringJobDefinitionRow).filter_by(name=name, owner=viewer.user)).first()
            if found is not None:
                raise Conflict(f"job definition '{name}' already exists", field="JobDefinitionName")
            spec = request.model_dump(mode="json")
            s.add(MonitoringJobDefinitionRow(name=name, owner=viewer.user, spec=spec, creation_time=_now()))
        return self.describe_data_quality_job_definition(viewer, name)

    def describe_data_quality_job_definition(
        self, viewer: Viewer, job_definition_name: str
    ) -> DataQualityJobDefinition:
        row = self._definition_row(viewer, job_definition_name)
        if is_model_quality(row.spec):
            raise NotFound(f"data quality job definition '{job_definition_name}' does not exist", "JobDefinitionName")
        arn = f"smstudio:data-quality-job-definition/{row.name}"
        return DataQualityJobDefinition.model_validate(
            {**row.spec, "JobDefinitionArn": arn, "CreationTime": row.creation_time}
        )

    def list_data_quality_job_definitions(
        self, viewer: Viewer, endpoint_name: Optional[str] = None, limit: int = 100, offset: int = 0
    ) -> MonitoringJobDefinitionList:
        check_page(limit, offset)
        with self.db.session() as s:
            query = select(MonitoringJobDefinitionRow).order_by(MonitoringJobDefinitionRow.creation_time.desc())
            rows = list(s.scalars(query if viewer.admin else query.filter_by(owner=viewer.user)))
        found = [
            MonitoringJobDefinitionSummary(
                MonitoringJobDefinitionName=row.name,
                MonitoringJobDefinitionArn=f"smstudio:data-quality-job-definition/{row.name}",
                CreationTime=row.creation_time,
                EndpointName=(row.spec["DataQualityJobInput"].get("EndpointInput") or {}).get("EndpointName"),
            )
            for row in rows
            if not is_model_quality(row.spec)
        ]
        found = [f for f in found if not endpoint_name or f.EndpointName == endpoint_name]
        return MonitoringJobDefinitionList(JobDefinitionSummaries=found[offset : offset + limit], Total=len(found))

    def delete_data_quality_job_definition(self, viewer: Viewer, job_definition_name: str) -> Deleted:
        self.describe_data_quality_job_definition(viewer, job_definition_name)  # a 404 for another kind's
        row = self._definition_row(viewer, job_definition_name)
        with self.db.session() as s:
            found = s.get(MonitoringJobDefinitionRow, row.id)
            if found is not None:
                s.delete(found)
        return Deleted(Deleted=job_definition_name)

    def _definition_row(self, viewer: Viewer, name: str) -> MonitoringJobDefinitionRow:
        with self.db.session() as s:
            holders = [(o, False) for o in s.scalars(select(MonitoringJobDefinitionRow.owner).filter_by(name=name))]
            owner = resolve_owner(viewer, holders, "job definition", name, "JobDefinitionName")
            row: MonitoringJobDefinitionRow = s.scalars(
                select(MonitoringJobDefinitionRow).filter_by(name=name, owner=owner)
            ).one()
            s.expunge(row)
            return row

    def _resolved(self, viewer: Viewer, config: MonitoringScheduleConfig) -> MonitoringScheduleConfig:
        """The schedule's job definition, inline or by name (exactly one of them)."""
        field = "MonitoringScheduleConfig.MonitoringJobDefinitionName"
        name = config.MonitoringJobDefinitionName
        if (config.MonitoringJobDefinition is None) == (name is None):
            raise BadRequest("give one of MonitoringJobDefinition and MonitoringJobDefinitionName", field=field)
        if name is None:
            return config
        describe = (
            self.describe_model_quality_job_definition
            if config.MonitoringType == MODEL_QUALITY
            else self.describe_data_quality_job_definition
        )
        try:
            named = describe(viewer, name)
        except NotFound:
            kind = "model quality" if config.MonitoringType == MODEL_QUALITY else "data quality"
            raise BadRequest(f"{kind} job definition '{name}' does not exist", field=field) from None
        return config.model_copy(update={"MonitoringJobDefinition": named.as_monitoring_job_definition()})

    # -- firing -----------------------------------------------------------------------------------------------------
    def fire_due(self, now: Optional[datetime] = None) -> int:
        """Start an execution of every schedule whose time has come (once, however long the server was down),
        and set its next time. Answers how many started."""
        now = now or _now()
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
        job_name = f"{name[:40]}-{scheduled:%Y%m%d%H%M%S}-{_now():%f}"[:63]
        # SageMaker's layout: <output>/<endpoint>/<schedule>/yyyy/mm/dd/hh, one execution an hour on cron; a NOW
        # schedule or "Run now" may run twice in an hour, so each of those has its own folder below the hour's
        output = join_url(base, endpoint or "batch-transform", name, scheduled.strftime("%Y/%m/%d/%H"))
        if sc.ScheduleExpression.strip() == schedule.NOW or on_demand:
            output = join_url(output, job_name)
        try:
            output = _resolve(self.jobs.storage.for_user(owner), output, "S3Uri", write=True)
        except SmStudioError:
            pass  # recorded as given; the execution fails below, naming why
        now = _now()
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
                "statistics_url": _resolve(storage, stats.S3Uri, "StatisticsResource") if stats else None,
                "constraints_url": _resolve(storage, rules.S3Uri, "ConstraintsResource") if rules else None,
                "output_url": _resolve(storage, output, "S3Uri", write=True),
                "storage_options": storage.s3_options,
                # a batch transform's manifests (transform/container.py) and how to read the files they list
                "batch_format": _format(batch.DatasetFormat) if batch else None,
            }
            if config.MonitoringType == MODEL_QUALITY:
                container.update(self._quality_container(storage, definition, _now()))
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
            return _resolve(storage, batch.DataCapturedDestinationS3Uri, "DataCapturedDestinationS3Uri")
        endpoint = str(definition.endpoint_name)
        capture = self.endpoints.describe_endpoint(viewer, endpoint).DataCaptureConfig
        if capture is None or not capture.DestinationS3Uri:
            raise BadRequest(f"endpoint '{endpoint}' does not capture its data", field="EndpointName")
        return join_url(_resolve(storage, capture.DestinationS3Uri, "DestinationS3Uri"), endpoint)

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
            row.last_modified_time = job.end_time or _now()

    def _check(self, viewer: Viewer, config: MonitoringScheduleConfig) -> None:
        if config.ScheduleConfig is None:
            raise BadRequest(
                "a monitoring schedule needs a ScheduleConfig", field="MonitoringScheduleConfig.ScheduleConfig"
            )
        sc = config.ScheduleConfig
        schedule.check(sc.ScheduleExpression, sc.DataAnalysisStartTime, sc.DataAnalysisEndTime)
        self._check_definition(viewer, config.definition, SCHEDULE_FIELDS, config.MonitoringType)

    def _check_definition(
        self,
        viewer: Viewer,
        definition: MonitoringJobDefinition,
        fields: tuple[str, str, str],
        monitoring_type: str = "DataQuality",
    ) -> None:
        """The endpoint exists, the output is writable, the baseline files are there and in SageMaker's schema;
        `fields`: how the request names the endpoint, the output and the baseline config."""
        endpoint_field, output_field, baseline_field = fields
        storage = self.jobs.storage.for_user(viewer.user)
        given = definition.MonitoringInputs[0]
        inputs = endpoint_field.rsplit(".", 2)[0]  # the request's MonitoringInputs.0 / ...JobInput
        if (given.EndpointInput is None) == (given.BatchTransformInput is None):
            raise BadRequest(f"'{inputs}': give one of EndpointInput and BatchTransformInput", field=inputs)
        if given.BatchTransformInput is not None:
            if monitoring_type == MODEL_QUALITY:
                raise BadRequest("model quality monitors an endpoint here", field=f"{inputs}.BatchTransformInput")
            field = f"{inputs}.BatchTransformInput.DataCapturedDestinationS3Uri"
            _resolve(storage, given.BatchTransformInput.DataCapturedDestinationS3Uri, field)
            fmt = given.BatchTransformInput.DatasetFormat
            if (fmt.Csv is None) == (fmt.Json is None):
                raise BadRequest(
                    "DatasetFormat is one of Csv or Json", field=f"{inputs}.BatchTransformInput.DatasetFormat"
                )
        else:
            endpoint = definition.endpoint_name
            try:
                self.endpoints.describe_endpoint(viewer, str(endpoint))
            except NotFound:
                raise BadRequest(f"endpoint '{endpoint}' does not exist", field=endpoint_field) from None
        _resolve(storage, definition.MonitoringOutputConfig.MonitoringOutputs[0].S3Output.S3Uri, output_field, True)
        if monitoring_type == MODEL_QUALITY:  # its baseline is a model quality constraints.json (quality_service.py)
            truth, problem = (
                QUALITY_FIELDS
                if fields == SCHEDULE_FIELDS
                else ("ModelQualityJobInput.GroundTruthS3Input.S3Uri", "ModelQualityAppSpecification.ProblemType")
            )
            self._check_quality(storage, definition, (truth, problem, baseline_field))
            return
        baseline = definition.BaselineConfig
        for key, resource in (
            ("StatisticsResource", baseline.StatisticsResource if baseline else None),
            ("ConstraintsResource", baseline.ConstraintsResource if baseline else None),
        ):
            if resource is not None:
                self._baseline_file(storage, resource.S3Uri, f"{baseline_field}.{key}.S3Uri", key)

    def _baseline_file(self, storage: UserStorage, url: str, field: str, key: str) -> None:
        """A baseline file must be there and in SageMaker's schema (a 400 now rather than failed executions)."""
        from .constraints import check_constraints, check_statistics

        resolved = _resolve(storage, url, field)
        try:
            body = json.loads(storage.read_bytes(resolved, limit=256 << 20))
            (check_statistics if key == "StatisticsResource" else check_constraints)(body)
        except (SmStudioError, OSError) as err:
            raise BadRequest(f"'{field}': {url} cannot be read: {getattr(err, 'message', err)}", field=field) from None
        except ValueError as err:  # not JSON, or out of SageMaker's schema (SchemaError)
            raise BadRequest(f"'{field}': {url}: {err}", field=field) from None

    @staticmethod
    def _expression(config: MonitoringScheduleConfig) -> str:
        assert config.ScheduleConfig is not None
        return config.ScheduleConfig.ScheduleExpression

    def _owner(self, viewer: Viewer, name: str) -> str:
        with self.db.session() as s:
            holders = [(o, False) for o in s.scalars(select(MonitoringScheduleRow.owner).filter_by(name=name))]
        return resolve_owner(viewer, holders, "monitoring schedule", name, "MonitoringScheduleName")

    def _row(self, s: Any, owner: str, name: str) -> MonitoringScheduleRow:
        row: Optional[MonitoringScheduleRow] = s.scalars(
            select(MonitoringScheduleRow).filter_by(name=name, owner=owner)
        ).first()
        if row is None:
            raise NotFound(f"monitoring schedule '{name}' does not exist", field="MonitoringScheduleName")
        return row

    def _status(self, owner: str, name: str) -> str:
        with self.db.session() as s:
            return self._row(s, owner, name).status

    def _set_status(self, viewer: Viewer, name: str, status: str) -> MonitoringSchedule:
        owner = self._owner(viewer, name)
        now = _now()
        with self.db.session() as s:
            row = self._row(s, owner, name)
            row.status = status
            row.last_modified_time = now
            expression = row.spec["ScheduleConfig"]["ScheduleExpression"]
            row.next_fire = schedule.next_fire(expression, now) if status == "Scheduled" else None
        return self.describe_monitoring_schedule(viewer, name)

    def _job(self, viewer: Viewer, name: str, kind: str, field: str) -> Job:
        try:
            job = self.jobs.get(viewer, name)
        except NotFound:
            raise NotFound(f"{kind} job '{name}' does not exist", field=field) from None
        if job.job_kind != kind:
            raise NotFound(f"{kind} job '{name}' does not exist ('{name}' is a {job.job_kind} job)", field=field)
        return job
