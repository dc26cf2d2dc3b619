"""Model Monitor: baselining jobs and monitoring schedules whose executions are jobs of the foundation (kinds
`baselining` and `monitoring`: listed, logged and stoppable in the Jobs room), run by
`python -m jupyter_smstudio.monitor.container`.

A schedule fires on its cron times (the room's scheduler thread calls `fire_due`); a `NOW` schedule runs once, at
creation. An execution's status is its job's, Completed becoming CompletedWithViolations when its
constraint_violations.json lists any, and is kept once final.
"""

from __future__ import annotations

import json
from typing import Any, Optional

from sqlalchemy import select

from ..core.auth import Viewer, resolve_owner
from ..core.db import Database
from ..core.errors import BadRequest, Conflict, NotFound, SmStudioError
from ..core.paging import check_page
from ..core.storage import UserStorage, join_url
from ..endpoints.models import Deleted
from ..endpoints.service import EndpointService
from ..jobs.models import Job, JobArtifact, JobConfig, JobTracking
from ..jobs.service import JobService
from . import schedule
from .executions import MonitorExecutions, now_utc, reader_format, resolved_url
from .models import (
    MODEL_QUALITY,
    BaseliningJob,
    CreateBaseliningJobRequest,
    CreateDataQualityJobDefinitionRequest,
    CreateMonitoringScheduleRequest,
    DataQualityJobDefinition,
    MonitoringExecutionList,
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
from .quality_service import ModelQualityMixin, is_model_quality
from .reports import MonitorReports
from .scheduler import Scheduler

BASELINING = "baselining"
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


class MonitorService(MonitorExecutions, MonitorReports, ModelQualityMixin):
    scheduler: Scheduler  # set by the room (room.py): it fires `fire_due`

    def __init__(self, jobs: JobService, endpoints: EndpointService, db: Database):
        self.jobs = jobs
        self.endpoints = endpoints
        self.db = db

    # -- baselining jobs --------------------------------------------------------------------------------------------
    def create_baselining_job(self, viewer: Viewer, request: CreateBaseliningJobRequest) -> BaseliningJob:
        storage = self.jobs.storage.for_user(viewer.user)
        dataset = resolved_url(storage, request.BaselineDatasetS3Uri, "BaselineDatasetS3Uri")
        loc = storage.resolve(dataset, field_name="BaselineDatasetS3Uri")
        try:
            there = bool(loc.fs.exists(loc.path))
        except OSError as err:  # storage out of reach: the user's to fix, named
            raise BadRequest(f"'BaselineDatasetS3Uri': {err}", field="BaselineDatasetS3Uri") from None
        if not there:
            raise BadRequest(
                f"'BaselineDatasetS3Uri': nothing at {request.BaselineDatasetS3Uri}", field="BaselineDatasetS3Uri"
            )
        output = resolved_url(storage, request.OutputS3Uri, "OutputS3Uri", write=True)
        fmt = request.DatasetFormat
        if (fmt.Csv is None) == (fmt.Json is None):
            raise BadRequest("DatasetFormat is one of Csv or Json", field="DatasetFormat")
        model_quality = self._quality_of_baseline(request)
        container = {
            "mode": "baseline" if model_quality is None else "quality_baseline",
            "quality": model_quality,
            "dataset_url": dataset,
            "format": reader_format(fmt),
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
        now = now_utc()
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
        now = now_utc()
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
        self._execute(owner, monitoring_schedule_name, now_utc(), on_demand=True)
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
            s.add(MonitoringJobDefinitionRow(name=name, owner=viewer.user, spec=spec, creation_time=now_utc()))
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
        return self._definitions(viewer, False, endpoint_name, limit, offset)

    def delete_data_quality_job_definition(self, viewer: Viewer, job_definition_name: str) -> Deleted:
        self.describe_data_quality_job_definition(viewer, job_definition_name)  # a 404 for another kind's
        return self._delete_definition(viewer, job_definition_name)

    # -- job definitions of both kinds (data quality here, model quality in quality_service.py) ------------------
    def _definitions(
        self, viewer: Viewer, model_quality: bool, endpoint_name: Optional[str], limit: int, offset: int
    ) -> MonitoringJobDefinitionList:
        check_page(limit, offset)
        kind, key = (
            ("model-quality", "ModelQualityJobInput") if model_quality else ("data-quality", "DataQualityJobInput")
        )
        with self.db.session() as s:
            query = select(MonitoringJobDefinitionRow).order_by(MonitoringJobDefinitionRow.creation_time.desc())
            rows = list(s.scalars(query if viewer.admin else query.filter_by(owner=viewer.user)))
        found = [
            MonitoringJobDefinitionSummary(
                MonitoringJobDefinitionName=row.name,
                MonitoringJobDefinitionArn=f"smstudio:{kind}-job-definition/{row.name}",
                CreationTime=row.creation_time,
                EndpointName=(row.spec[key].get("EndpointInput") or {}).get("EndpointName"),
            )
            for row in rows
            if is_model_quality(row.spec) == model_quality
        ]
        found = [f for f in found if not endpoint_name or f.EndpointName == endpoint_name]
        return MonitoringJobDefinitionList(JobDefinitionSummaries=found[offset : offset + limit], Total=len(found))

    def _delete_definition(self, viewer: Viewer, name: str) -> Deleted:
        row = self._definition_row(viewer, name)
        with self.db.session() as s:
            found = s.get(MonitoringJobDefinitionRow, row.id)
            if found is not None:
                s.delete(found)
        return Deleted(Deleted=name)

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
            resolved_url(storage, given.BatchTransformInput.DataCapturedDestinationS3Uri, field)
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
        resolved_url(storage, definition.MonitoringOutputConfig.MonitoringOutputs[0].S3Output.S3Uri, output_field, True)
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

        resolved = resolved_url(storage, url, field)
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
        now = now_utc()
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
