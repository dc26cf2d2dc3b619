"""Autopilot: AutoML jobs. This module answers requests (create, describe, list, candidates, stop, deploy); `driver.py`
takes each job through its steps in a thread, and the heavy data work runs in jobs of their own (`data_job.py`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from ..core.auth import Viewer, resolve_owner
from ..core.db import Database
from ..core.errors import BadRequest, NotFound, SmStudioError
from ..core.paging import check_page
from ..core.storage import UserStorage, join_url
from ..jobs.models import ExperimentConfig, Job
from . import checks
from .candidate_records import CandidateRecords
from .explain_models import ExplainabilityReport
from .input_checks import check_input_head, input_url
from .layout import ANALYSIS, CANDIDATE_NOTEBOOK, EXPLAINABILITY, EXPLORATION_NOTEBOOK, NOTEBOOKS, job_output
from .models import DataAnalysis
from .preview import preview
from .shapes import (
    AutoMLCandidate,
    AutoMLJob,
    AutoMLJobArtifacts,
    AutoMLJobList,
    AutoMLJobSummary,
    CreateAutoMLJobRequest,
    CsvPreview,
    DeployBestAnswer,
    DeployBestRequest,
    ListCandidatesAnswer,
    ModelDeployResult,
    PreviewRequest,
    ResolvedAttributes,
)
from .store import AutoMLRecord, AutoMLStore

if TYPE_CHECKING:
    from ..endpoints.service import EndpointService
    from ..jobs.service import JobService
    from ..training.service import TrainingService
    from ..tuning.service import TuningService
    from .driver import Driver

STATUSES = ("Completed", "InProgress", "Failed", "Stopped", "Stopping")


class AutopilotService:
    def __init__(
        self,
        db: Database,
        jobs: JobService,
        training: TrainingService,
        tuning: TuningService,
        endpoints: EndpointService,
    ):
        self.store = AutoMLStore(db)
        self.jobs, self.training, self.tuning, self.endpoints = jobs, training, tuning, endpoints
        self.records = CandidateRecords(training, tuning)
        self._drv: Optional[Driver] = None

    def _driver(self) -> Driver:
        if self._drv is None:
            from .driver import Driver

            self._drv = Driver(self.store, self.jobs, self.training, self.tuning, self.endpoints, self.records)
        return self._drv

    def resume(self) -> None:
        """After a restart: drive the unfinished AutoML jobs once their lease is free."""
        if self.store.active_keys():
            self._driver().start()

    def job_changed(self, job: Job) -> None:
        if self._drv is not None and "smstudio:automl-job" in job.tags:
            self._drv.wake()

    def close(self) -> None:
        if self._drv is not None:
            self._drv.close()

    # -- requests ---------------------------------------------------------------------------------------------------
    def create(self, viewer: Viewer, request: CreateAutoMLJobRequest) -> AutoMLJob:
        req = request
        storage = self.jobs.storage.for_user(viewer.user)
        training = [c for c in req.InputDataConfig if c.ChannelType == "training"]
        if len(training) != 1:
            raise BadRequest(
                "InputDataConfig needs exactly one channel of ChannelType training", field="InputDataConfig"
            )
        if len({c.TargetAttributeName for c in req.InputDataConfig}) != 1:
            raise BadRequest("Every channel names the same TargetAttributeName", field="InputDataConfig")
        if len({c.ChannelType for c in req.InputDataConfig}) != len(req.InputDataConfig):
            raise BadRequest("Two channels of one ChannelType", field="InputDataConfig")
        urls = {}
        for i, channel in enumerate(req.InputDataConfig):
            field = f"InputDataConfig.{i}.DataSource.S3DataSource.S3Uri"
            urls[channel.ChannelType] = url = input_url(storage, channel.DataSource.S3DataSource.S3Uri, field)
            if channel.CompressionType == "Gzip":
                raise BadRequest("CompressionType Gzip is not read here: give the CSV uncompressed", field=field)
            check_input_head(storage, url, channel.TargetAttributeName, channel.SampleWeightAttributeName, field)
        metric = req.AutoMLJobObjective.MetricName if req.AutoMLJobObjective else None
        if req.ProblemType is not None:
            checks.check_metric(metric, req.ProblemType)
        elif metric is not None and not any(metric in names for names in checks.METRICS.values()):
            known = sorted({m for names in checks.METRICS.values() for m in names})
            raise BadRequest(f"Unknown metric {metric!r}; one of {', '.join(known)}", field=checks.METRIC_FIELD)
        output = _writable(storage, req.OutputDataConfig.S3OutputPath)
        if req.ModelDeployConfig and not (
            req.ModelDeployConfig.EndpointName or req.ModelDeployConfig.AutoGenerateEndpointName
        ):
            raise BadRequest(
                "ModelDeployConfig needs EndpointName or AutoGenerateEndpointName", field="ModelDeployConfig"
            )
        # its candidates are tracked in the experiment named after it, which must be the user's or new
        try:
            self.training.experiments.check_placement(viewer, ExperimentConfig(experiment_name=req.AutoMLJobName))
        except SmStudioError as err:
            raise type(err)(f"AutoMLJobName: {err.message}", field="AutoMLJobName") from err
        stored = req.model_dump(mode="json")
        stored["OutputDataConfig"]["S3OutputPath"] = output
        self.store.create(req.AutoMLJobName, viewer.user, stored, {"inputs": urls, "phase": "data"})
        try:
            self._driver().begin(viewer.user, req.AutoMLJobName)
        except SmStudioError as err:  # the data job could not start: the job fails, and says why
            self.store.update(
                viewer.user, req.AutoMLJobName, status="Failed", secondary_status="Failed",
                failure_reason=err.message, ended=True,
            )  # fmt: skip
        return self.describe(viewer, req.AutoMLJobName)

    def _record(self, viewer: Viewer, name: str) -> AutoMLRecord:
        owners = self.store.owners(name)
        owner = resolve_owner(viewer, ((o, False) for o in owners), "AutoML job", name, "AutoMLJobName")
        return self.store.get(owner, name)

    def describe(self, viewer: Viewer, auto_ml_job_name: str) -> AutoMLJob:
        record = self._record(viewer, auto_ml_job_name)
        return self._describe(record)

    def _describe(self, record: AutoMLRecord) -> AutoMLJob:
        req, state = record.request, record.state
        out = job_output(req)
        best: Optional[AutoMLCandidate] = None
        if state.get("best"):
            try:
                best = self.records.candidate(Viewer(user=record.owner), record, state["best"])
            except NotFound:
                best = None
        resolved = state.get("resolved") or {}
        notebooks = state.get("notebooks", False)
        deployed = state.get("endpoint")
        return AutoMLJob(
            AutoMLJobName=record.name,
            AutoMLJobArn=f"smstudio:automl-job/{record.name}",
            InputDataConfig=req.InputDataConfig,
            OutputDataConfig=req.OutputDataConfig,
            RoleArn=req.RoleArn,
            AutoMLJobObjective=req.AutoMLJobObjective,
            ProblemType=req.ProblemType,
            AutoMLJobConfig=req.AutoMLJobConfig,
            CreationTime=record.creation_time,
            EndTime=record.end_time,
            LastModifiedTime=record.last_modified_time,
            FailureReason=record.failure_reason if record.status == "Failed" else None,
            PartialFailureReasons=[{"PartialFailureMessage": m} for m in state.get("partial_failures", [])],
            BestCandidate=best,
            AutoMLJobStatus=record.status,
            AutoMLJobSecondaryStatus=record.secondary_status,
            GenerateCandidateDefinitionsOnly=req.GenerateCandidateDefinitionsOnly,
            AutoMLJobArtifacts=AutoMLJobArtifacts(
                CandidateDefinitionNotebookLocation=join_url(out, NOTEBOOKS, CANDIDATE_NOTEBOOK),
                DataExplorationNotebookLocation=join_url(out, NOTEBOOKS, EXPLORATION_NOTEBOOK),
            )
            if notebooks
            else None,
            ResolvedAttributes=ResolvedAttributes.model_validate(resolved) if resolved else None,
            ModelDeployConfig=req.ModelDeployConfig,
            ModelDeployResult=ModelDeployResult(EndpointName=deployed) if deployed else None,
            Owner=record.owner,
            DataAnalysisLocation=join_url(out, ANALYSIS) if resolved else None,
            ExplainabilityReportLocation=join_url(out, EXPLAINABILITY, "report.json")
            if state.get("explained")
            else None,
            CandidateCount=len(state.get("candidates", []))
            + sum(t.get("launched", 0) for t in state.get("tuning", [])),
        )

    def list(
        self,
        viewer: Viewer,
        status: Optional[str] = None,
        name_contains: Optional[str] = None,
        limit: int = 100,
        offset: int = 0,
    ) -> AutoMLJobList:
        if status and status not in STATUSES:
            raise BadRequest(f"unknown status '{status}'; one of {', '.join(STATUSES)}", field="status")
        check_page(limit, offset)
        records, total = self.store.list(viewer.owner_filter, status, name_contains, limit, offset)
        return AutoMLJobList(
            AutoMLJobSummaries=[
                AutoMLJobSummary(
                    AutoMLJobName=r.name,
                    AutoMLJobArn=f"smstudio:automl-job/{r.name}",
                    AutoMLJobStatus=r.status,
                    AutoMLJobSecondaryStatus=r.secondary_status,
                    CreationTime=r.creation_time,
                    EndTime=r.end_time,
                    LastModifiedTime=r.last_modified_time,
                    FailureReason=r.failure_reason if r.status == "Failed" else None,
                    ProblemType=r.request.ProblemType or (r.state.get("resolved") or {}).get("ProblemType"),
                    Owner=r.owner,
                )
                for r in records
            ],
            Total=total,
        )

    def candidates(
        self,
        viewer: Viewer,
        auto_ml_job_name: str,
        status: Optional[str] = None,
        candidate_name: Optional[str] = None,
        sort_by: str = "FinalObjectiveMetricValue",
        sort_order: str = "Descending",
        limit: int = 100,
        offset: int = 0,
    ) -> ListCandidatesAnswer:
        check_page(limit, offset)
        if status and status not in STATUSES:
            raise BadRequest(f"unknown status '{status}'; one of {', '.join(STATUSES)}", field="status")
        if sort_by not in ("CreationTime", "Status", "FinalObjectiveMetricValue"):
            raise BadRequest("sort_by is one of CreationTime, Status, FinalObjectiveMetricValue", field="sort_by")
        if sort_order not in ("Ascending", "Descending"):
            raise BadRequest("sort_order is Ascending or Descending", field="sort_order")
        record = self._record(viewer, auto_ml_job_name)
        found = self.records.all(Viewer(user=record.owner), record)
        if status:
            found = [c for c in found if c.CandidateStatus == status]
        if candidate_name:
            found = [c for c in found if c.CandidateName == candidate_name]
        found = self.records.sort(found, sort_by, sort_order == "Descending")
        return ListCandidatesAnswer(Candidates=found[offset : offset + limit], Total=len(found))

    def stop(self, viewer: Viewer, auto_ml_job_name: str) -> AutoMLJob:
        """Stop at any step: its running jobs stop, what finished stays (the driver does it within a step)."""
        record = self._record(viewer, auto_ml_job_name)
        if record.status == "InProgress":
            self.store.update(record.owner, record.name, status="Stopping", secondary_status="Stopping")
            self._driver().start()
            self._driver().wake()
        return self.describe(viewer, auto_ml_job_name)

    def data_analysis(self, viewer: Viewer, auto_ml_job_name: str) -> DataAnalysis:
        record = self._record(viewer, auto_ml_job_name)
        text = self._read(record, ANALYSIS, "the data analysis")
        return DataAnalysis.model_validate_json(text)

    def explainability(self, viewer: Viewer, auto_ml_job_name: str) -> ExplainabilityReport:
        record = self._record(viewer, auto_ml_job_name)
        return ExplainabilityReport.model_validate_json(self._read(record, f"{EXPLAINABILITY}/report.json", "report"))

    def _read(self, record: AutoMLRecord, path: str, what: str) -> str:
        storage = self.jobs.storage.for_user(record.owner)
        loc = storage.resolve(join_url(job_output(record.request), *path.split("/")), field_name="AutoMLJobName")
        try:
            with loc.fs.open(loc.path, "rb") as fh:
                return str(fh.read().decode("utf-8"))
        except FileNotFoundError:
            raise NotFound(f"AutoML job '{record.name}' has no {what} yet", field="AutoMLJobName") from None

    def deploy(self, viewer: Viewer, auto_ml_job_name: str, request: DeployBestRequest) -> DeployBestAnswer:
        from .deploy import deploy_candidate

        record = self._record(viewer, auto_ml_job_name)
        owner = Viewer(user=record.owner)
        viewer.require(record.owner, "AutoML job", "AutoMLJobName")
        answer = deploy_candidate(self.endpoints, self.records, owner, record, request)
        state = dict(record.state, endpoint=answer.EndpointName)
        self.store.update(record.owner, record.name, state=state)
        return answer

    def preview(self, viewer: Viewer, request: PreviewRequest) -> CsvPreview:
        storage = self.jobs.storage.for_user(viewer.user)
        return preview(storage, input_url(storage, request.S3Uri, "S3Uri"), request.Rows)


def _writable(storage: UserStorage, url: str) -> str:
    try:
        return storage.resolve(url, field_name="OutputDataConfig.S3OutputPath", write=True).url.rstrip("/")
    except SmStudioError as err:
        raise BadRequest(err.message, field="OutputDataConfig.S3OutputPath") from None
