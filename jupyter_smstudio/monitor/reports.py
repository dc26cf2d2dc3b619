"""What the Model Monitor room shows: baselines and their files, an execution's report, drift per feature over a
schedule's executions (SageMaker's distance, and PSI and Wasserstein as extra information). A mixin of
MonitorService (service.py): its methods are the room's read operations (report_operations.py).

Everything is read from the files the jobs wrote (statistics.json, constraints.json, constraint_violations.json),
so a baseline SageMaker's analyzer wrote shows as ours do; a job still running, a failed one or a file that is
gone answers with what there is (empty lists), never an error."""

from __future__ import annotations

import json
from typing import Any, Optional, Protocol

from sqlalchemy import select

from ..core.auth import Viewer, resolve_owner
from ..core.db import Database
from ..core.errors import Conflict, NotFound, SmStudioError
from ..core.paging import check_page
from ..core.storage import UserStorage, join_url
from ..jobs.models import Job
from ..jobs.service import JobService
from . import report_views as views
from .models import BaseliningJob, MonitoringExecutionSummary
from .orm import MonitoringExecutionRow, MonitoringScheduleRow
from .report_edits import check_edit
from .report_models import (
    BaselineReport,
    BaseliningJobList,
    ExecutionReport,
    HistoryPoint,
    MonitoringHistory,
    UpdateBaselineConstraintsRequest,
)

BASELINING = "baselining"  # the job kind of baselining jobs (service.py)
FILE_LIMIT = 256 << 20  # as service.py reads a baseline file
ENDED = ("Completed", "CompletedWithViolations")  # executions that wrote their reports


class _Monitor(Protocol):
    """What the mixin uses of the MonitorService it is part of."""

    jobs: JobService
    db: Database

    def describe_baselining_job(self, viewer: Viewer, baselining_job_name: str) -> BaseliningJob: ...
    def _job(self, viewer: Viewer, name: str, kind: str, field: str) -> Job: ...
    def _summary(self, execution_id: int) -> MonitoringExecutionSummary: ...
    def _owner(self, viewer: Viewer, name: str) -> str: ...


def _read(storage: UserStorage, url: Optional[str]) -> Optional[dict[str, Any]]:
    """A JSON file's object, or None when there is none (not written yet, gone, unreadable)."""
    if not url:
        return None
    try:
        body = json.loads(storage.read_bytes(url, limit=FILE_LIMIT))
    except (SmStudioError, OSError, ValueError):
        return None
    return body if isinstance(body, dict) else None


def _output(execution: MonitoringExecutionSummary, name: str) -> Optional[str]:
    return join_url(execution.OutputS3Uri, name) if execution.OutputS3Uri else None


def _item_count(statistics: Optional[dict[str, Any]]) -> Optional[int]:
    count = views.obj(statistics, "dataset").get("item_count")
    return int(count) if isinstance(count, (int, float)) and not isinstance(count, bool) else None


class MonitorReports:
    """The room's read side; `self` is the MonitorService (jobs, endpoints, db)."""

    # -- baselines --------------------------------------------------------------------------------------------------
    def list_baselining_jobs(
        self: _Monitor,
        viewer: Viewer,
        name_contains: Optional[str] = None,
        status: Optional[str] = None,
        limit: int = 100,
        offset: int = 0,
    ) -> BaseliningJobList:
        found = self.jobs.list(
            viewer, status=status, kind=BASELINING, name_contains=name_contains, limit=limit, offset=offset
        )
        # each as its owner describes it: an admin's list holds several users' jobs, names may repeat among them
        jobs = [self.describe_baselining_job(Viewer(user=j.owner), j.job_name) for j in found.jobs]
        return BaseliningJobList(BaseliningJobs=jobs, Total=found.total)

    def describe_baseline_report(self: _Monitor, viewer: Viewer, baselining_job_name: str) -> BaselineReport:
        job = self._job(viewer, baselining_job_name, BASELINING, "BaseliningJobName")
        described = self.describe_baselining_job(Viewer(user=job.owner), job.job_name)
        if job.status != "Completed":
            return BaselineReport(BaseliningJob=described, Features=[])
        storage = self.jobs.storage.for_user(job.owner)
        statistics = _read(storage, described.StatisticsS3Uri)
        constraints = _read(storage, described.ConstraintsS3Uri)
        rules = views.by_name(constraints)
        config = (constraints or {}).get("monitoring_config")
        return BaselineReport(
            BaseliningJob=described,
            ItemCount=_item_count(statistics),
            Features=[views.feature_baseline(f, rules.get(name, {})) for name, f in views.by_name(statistics).items()],
            Constraints=constraints,
            MonitoringConfig=config if isinstance(config, dict) else None,
            ModelQuality=views.model_quality(statistics),
        )

    def update_baseline_constraints(
        self: _Monitor, viewer: Viewer, baselining_job_name: str, request: UpdateBaselineConstraintsRequest
    ) -> BaselineReport:
        """A baseline's constraints.json replaced by an edited one; the schedules that use it read it at their next
        execution (SageMaker's workflow: suggest, edit, then monitor)."""
        job = self._job(viewer, baselining_job_name, BASELINING, "BaseliningJobName")
        if job.status != "Completed":
            raise Conflict(
                f"baselining job '{baselining_job_name}' is {job.status}: its constraints can be edited once it is "
                "Completed",
                field="BaseliningJobName",
            )
        described = self.describe_baselining_job(Viewer(user=job.owner), job.job_name)
        storage = self.jobs.storage.for_user(job.owner)
        stored = _read(storage, described.ConstraintsS3Uri)
        check_edit(request.Constraints, _read(storage, described.StatisticsS3Uri), stored)
        storage.write_bytes(described.ConstraintsS3Uri, json.dumps(request.Constraints, indent=2).encode())
        return MonitorReports.describe_baseline_report(self, viewer, baselining_job_name)

    # -- executions -------------------------------------------------------------------------------------------------
    def describe_monitoring_execution_report(
        self: _Monitor, viewer: Viewer, processing_job_name: str
    ) -> ExecutionReport:
        with self.db.session() as s:
            rows = select(MonitoringExecutionRow.owner).filter_by(job_name=processing_job_name)
            holders = [(owner, False) for owner in s.scalars(rows)]
            owner = resolve_owner(viewer, holders, "monitoring execution", processing_job_name, "ProcessingJobName")
            row = s.scalars(select(MonitoringExecutionRow).filter_by(job_name=processing_job_name, owner=owner)).one()
            execution_id, schedule_name = row.id, row.schedule_name
            spec = s.scalars(select(MonitoringScheduleRow.spec).filter_by(owner=owner, name=schedule_name)).first()
        execution = self._summary(execution_id)
        storage = self.jobs.storage.for_user(owner)
        if execution.MonitoringExecutionStatus not in ENDED:
            return ExecutionReport(
                Execution=execution, MonitoringType=execution.MonitoringType, Violations=[], Features=[]
            )
        statistics = _read(storage, _output(execution, "statistics.json"))
        found = _read(storage, _output(execution, "constraint_violations.json"))
        quality = views.model_quality(statistics)
        baseline = _baseline(self, storage, owner, spec or {})
        return ExecutionReport(
            Execution=execution,
            MonitoringType="ModelQuality" if quality is not None else execution.MonitoringType,
            ItemCount=_item_count(statistics),
            Violations=views.violations(found),
            Features=[] if quality is not None else baseline.drift(statistics),
            ModelQuality=quality,
        )

    def describe_monitoring_history(
        self: _Monitor, viewer: Viewer, monitoring_schedule_name: str, limit: int = 100
    ) -> MonitoringHistory:
        check_page(limit, 0)
        owner = self._owner(viewer, monitoring_schedule_name)
        with self.db.session() as s:
            spec = s.scalars(
                select(MonitoringScheduleRow.spec).filter_by(owner=owner, name=monitoring_schedule_name)
            ).first()
            if spec is None:  # deleted since its owner was found
                raise NotFound(
                    f"monitoring schedule '{monitoring_schedule_name}' does not exist", field="MonitoringScheduleName"
                )
            ids = list(
                s.scalars(
                    select(MonitoringExecutionRow.id)
                    .filter_by(owner=owner, schedule_name=monitoring_schedule_name)
                    .order_by(MonitoringExecutionRow.id.desc())
                    .limit(limit)
                )
            )
        storage = self.jobs.storage.for_user(owner)
        baseline = _baseline(self, storage, owner, spec)
        points = [_point(storage, self._summary(i), baseline) for i in reversed(ids)]
        kind = spec.get("MonitoringType") if isinstance(spec, dict) else None
        return MonitoringHistory(
            MonitoringScheduleName=monitoring_schedule_name, MonitoringType=kind or "DataQuality", Points=points
        )


def _baseline(service: _Monitor, storage: UserStorage, owner: str, spec: dict[str, Any]) -> views.Reference:
    """The baseline files a schedule names (its BaselineConfig: the files, or the baselining job that wrote
    them), as they are now: an edit of the constraints shows in every report after it."""
    config = views.obj(spec, "MonitoringJobDefinition", "BaselineConfig")
    statistics = views.obj(config, "StatisticsResource").get("S3Uri")
    constraints = views.obj(config, "ConstraintsResource").get("S3Uri")
    if config.get("BaseliningJobName") and not (statistics and constraints):
        try:
            job = service.describe_baselining_job(Viewer(user=owner), config["BaseliningJobName"])
            statistics, constraints = statistics or job.StatisticsS3Uri, constraints or job.ConstraintsS3Uri
        except SmStudioError:
            pass  # the job is gone: the report has no baseline
    return views.Reference(_read(storage, statistics), _read(storage, constraints))


def _point(storage: UserStorage, execution: MonitoringExecutionSummary, baseline: views.Reference) -> HistoryPoint:
    """One execution on the schedule's charts; one that has not ended well is a gap (empty dicts)."""
    point = HistoryPoint(
        ScheduledTime=execution.ScheduledTime,
        Status=execution.MonitoringExecutionStatus,
        ProcessingJobName=execution.ProcessingJobName,
        Violations=0,
        Drift={},
        Psi={},
        Completeness={},
        ModelQuality={},
    )
    if execution.MonitoringExecutionStatus not in ENDED:
        return point
    statistics = _read(storage, _output(execution, "statistics.json"))
    point.Violations = len(views.violations(_read(storage, _output(execution, "constraint_violations.json"))))
    quality = views.model_quality(statistics)
    if quality is not None:
        point.ModelQuality = quality
        return point
    for feature in baseline.drift(statistics, detail=False):
        if feature.Distance is not None:
            point.Drift[feature.Name] = feature.Distance
        if feature.Psi is not None:
            point.Psi[feature.Name] = feature.Psi
        if feature.Completeness is not None:
            point.Completeness[feature.Name] = feature.Completeness
    return point
