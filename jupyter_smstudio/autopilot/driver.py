"""The thread that takes AutoML jobs through their steps: one per process that runs them (a server, an SDK session).

A job's steps (its `state["phase"]`): `data` (a job of the Jobs room analyses the CSV, splits it and writes the two
notebooks: AnalyzingData, then FeatureEngineering), `defaults` (every candidate definition trains once with its
defaults, strong ones first, as training jobs: ModelTuning), `tune` (the Tuning room searches the best algorithm's
ranges with what is left of the budget), `explain` (a data job explains the best candidate and rewrites the
candidate notebook with the leaderboard: GeneratingExplainabilityReport), then Completed. A step is taken when one of
the job's jobs ends (the Jobs room's change hook wakes the thread) and at least twice a second. One process drives a
job at a time: the thread, its lease and the adoption of jobs whose driver is gone are core/leased_driver.py's.
"""

from __future__ import annotations

import secrets
from typing import Any, Optional

from ..core.auth import Viewer
from ..core.errors import NotFound, SmStudioError
from ..core.leased_driver import LEASE_SECONDS, SCAN_SECONDS, Key, LeasedDriver
from ..jobs.models import ExperimentConfig, JobConfig, JobTracking
from .candidate_records import CandidateRecords, best_of
from .ensemble import ENSEMBLE, MAX_MEMBERS
from .plan import Plan
from .store import AutoMLRecord, AutoMLStore

DATA_JOB = ["python", "-m", "jupyter_smstudio.autopilot.data_job"]
TAG = "smstudio:automl-job"


class Driver(LeasedDriver[AutoMLStore, Key]):
    """Holds nothing but the key of each AutoML job it drives: a job's state is its record, read again every step."""

    def __init__(
        self, store: AutoMLStore, jobs: Any, training: Any, tuning: Any, endpoints: Any, records: CandidateRecords
    ):
        # the lease's times are read here, by name, so that a test can shorten them on this module
        super().__init__(store, "autopilot", "AutoML job", lease_seconds=LEASE_SECONDS, scan_seconds=SCAN_SECONDS)
        self.jobs, self.training, self.tuning = jobs, training, tuning
        self.endpoints, self.records = endpoints, records

    def first_step(self, key: Key) -> Key:
        """Start a new AutoML job's data job now (an error is the request's)."""
        self._start_data_job(self.store.get(*key), "prepare")
        return key

    def resume(self, key: Key) -> Key:
        return key

    def cannot_resume(self, key: Key, err: Exception) -> None:  # `resume` reads nothing: not called today
        reason = f"could not be resumed: {err}"
        self.store.update(*key, status="Failed", secondary_status="Failed", failure_reason=reason, ended=True)

    def advance(self, held: Key) -> None:
        self.step(self.store.get(*held))

    # -- one step ---------------------------------------------------------------------------------------------------
    def step(self, record: AutoMLRecord) -> None:
        plan = self._plan(record)
        state = record.state
        if state.get("phase") != "data" and not state.get("notebooks") and not state.get("notebooks_failed"):
            record = self._notebooks_written(record)
        if record.status == "Stopping":
            self._stop(record, plan)
            return
        phase = record.state.get("phase")
        if phase == "data":
            self._after_data(record, plan)
        elif phase == "defaults":
            self._defaults(record, plan)
        elif phase == "tune":
            self._tune(record, plan)
        elif phase == "ensemble":
            self._ensemble(record, plan)
        elif phase == "explain":
            self._after_explain(record, plan)

    def _plan(self, record: AutoMLRecord) -> Plan:
        return Plan(record, self.jobs.storage.for_user(record.owner))

    def _job(self, owner: str, name: Optional[str]) -> Optional[Any]:
        if not name:
            return None
        try:
            return self.jobs.get(Viewer(user=owner), name)
        except NotFound:
            return None

    def _save(self, record: AutoMLRecord, **changes: Any) -> dict[str, Any]:
        state = dict(record.state, **changes)
        self.store.update(record.owner, record.name, state=state)
        return state

    def _finish(self, record: AutoMLRecord, status: str, secondary: str, reason: Optional[str] = None) -> None:
        self.store.update(
            record.owner, record.name, status=status, secondary_status=secondary, failure_reason=reason, ended=True
        )
        self.let_go((record.owner, record.name))

    # data: analysis, split, notebooks
    def _start_data_job(self, record: AutoMLRecord, mode: str, extra: Optional[dict[str, Any]] = None) -> None:
        plan = self._plan(record)
        config = plan.data_job_config(mode, extra or {})
        suffix = "data" if mode == "prepare" else "explain"
        name = f"{record.name}-{suffix}-{secrets.token_hex(3)}"
        self.jobs.submit(
            Viewer(user=record.owner),
            kind="automl-" + suffix,
            job_name=name,
            argv=DATA_JOB,
            cwd="",
            environment={"SMSTUDIO_CONTAINER_CONFIG": config},
            config=JobConfig(
                tracking=JobTracking(
                    display_name=name, experiment_config=ExperimentConfig(experiment_name=record.name, trial_name=name)
                )
            ),
            max_runtime_seconds=plan.data_job_seconds(),
            stop_grace_seconds=5.0,
            tags={TAG: record.name},
        )
        key = "data_job" if mode == "prepare" else "explain_job"
        self._save(record, **{key: name})

    def _after_data(self, record: AutoMLRecord, plan: Plan) -> None:
        job = self._job(record.owner, record.state.get("data_job"))
        if job is None:
            self._finish(record, "Failed", "Failed", "the data analysis job is gone")
            return
        early = not record.request.GenerateCandidateDefinitionsOnly and job.status == "InProgress" and plan.ready()
        if job.status in ("InProgress", "Stopping") and not early:
            secondary = "FeatureEngineering" if plan.analysis_written() else "AnalyzingData"
            if secondary != record.secondary_status:
                self.store.update(record.owner, record.name, secondary_status=secondary)
            return
        if job.status not in ("Completed", "InProgress"):
            self._finish(record, "Failed", "Failed", job.failure_reason or f"the data analysis job {job.status}")
            return
        analysis = plan.read_analysis()
        state = self._save(record, resolved=plan.resolved(analysis), notebooks=job.status == "Completed")
        if record.request.GenerateCandidateDefinitionsOnly:
            self._finish(record, "Completed", "CandidateDefinitionsGenerated")
            return
        self.store.update(
            record.owner, record.name, secondary_status="ModelTuning", state=dict(state, phase="defaults")
        )

    def _notebooks_written(self, record: AutoMLRecord) -> AutoMLRecord:
        """Candidates started before the data job ended (it still wrote the notebooks): see how it ended."""
        job = self._job(record.owner, record.state.get("data_job"))
        if job is None or job.status in ("InProgress", "Stopping"):
            return record
        if job.status == "Completed":
            record = _replace(record, {"notebooks": True})
        else:
            record = self._partial(_replace(record, {"notebooks": False, "notebooks_failed": True}), (
                f"notebooks: {job.failure_reason or job.status}"
            ))  # fmt: skip
        self._save(record)
        return record

    # defaults: each definition once, strong ones first
    def _defaults(self, record: AutoMLRecord, plan: Plan) -> None:
        launched: list[dict[str, Any]] = list(record.state.get("candidates", []))
        running = [c for c in launched if self._running(record.owner, c["job"])]
        slots = plan.default_slots()
        if plan.out_of_time(record):  # the budget is spent: what runs stops, then the best is explained ...
            if (launched and not running) or self._best(record) is not None:
                if not self._stop_jobs(record, [c["job"] for c in running]):
                    self._to_explain(record, plan, "MaxAutoMLJobRuntimeReached")
                return
            if running:
                return  # ... unless nothing has finished yet: the first candidates end past the budget
            slots = 1  # nor started (a slow data step): the first, strongest default trains anyway
        definitions = plan.definitions()
        while len(running) < plan.parallel() and len(launched) < min(len(definitions), slots):
            definition = definitions[len(launched)]
            name = plan.candidate_job_name(definition.name)
            try:
                self.training.create_training_job(Viewer(user=record.owner), plan.training_request(name, definition))
            except SmStudioError as err:  # say so, and go on with the next definition
                record = self._partial(record, f"{definition.name}: {err.message}")
                launched.append({"job": name, "definition": definition.name, "failed": err.message})
                continue
            launched.append({"job": name, "definition": definition.name})
            running.append(launched[-1])
            record = _replace(record, {"candidates": launched})
        self._save(record, candidates=launched)
        if running:
            return
        if len(launched) >= plan.max_candidates():
            self._to_explain(record, plan, "MaxCandidatesReached")
            return
        self._save(record, phase="ensemble" if plan.mode() == "ENSEMBLING" else "tune")
        self.step(self.store.get(record.owner, record.name))

    def _stop_jobs(self, record: AutoMLRecord, names: list[Optional[str]]) -> bool:
        """Stop those of these jobs still running; true while any has not ended yet."""
        busy = False
        for name in names:
            job = self._job(record.owner, name)
            if job is not None and job.status in ("InProgress", "Stopping"):
                busy = True
                if job.status == "InProgress":
                    self.jobs.stop(Viewer(user=record.owner), job.job_name, reason="stopped by its AutoML job")
        return busy

    def _running(self, owner: str, job_name: str) -> bool:
        job = self._job(owner, job_name)
        return job is not None and job.status in ("InProgress", "Stopping")

    def _partial(self, record: AutoMLRecord, message: str) -> AutoMLRecord:
        partial = [*record.state.get("partial_failures", []), message][-20:]
        return _replace(record, {"partial_failures": partial})

    # tune: the Tuning room searches the best algorithm with what is left
    def _tune(self, record: AutoMLRecord, plan: Plan) -> None:
        tunings: list[dict[str, Any]] = list(record.state.get("tuning", []))
        viewer = Viewer(user=record.owner)
        if not tunings:
            left = plan.max_candidates() - len(record.state.get("candidates", []))
            best = self._best(record)
            if left <= 0 or best is None or plan.out_of_time(record):
                self._to_explain(record, plan, "MaxCandidatesReached" if left <= 0 else None)
                return
            definition = plan.definition_of(best)
            if definition is None or not plan.tunable(definition):
                self._to_explain(record, plan, None)
                return
            request = plan.tuning_request(f"{record.name[:26]}-tune1", definition, left)
            try:
                self.tuning.create(viewer, request)
            except SmStudioError as err:
                self._save(self._partial(record, f"tuning: {err.message}"))
                self._to_explain(record, plan, None)
                return
            self._save(record, tuning=[{"name": request.tuning_job_name, "definition": definition.name}])
            return
        current = tunings[-1]
        tuning = self.tuning.describe(viewer, current["name"])
        launched = sum(tuning.status_counters.values())
        if current.get("launched") != launched:  # the count the job's page shows
            current["launched"] = launched
            record = _replace(record, {"tuning": tunings})
            self._save(record)
        if tuning.status in ("InProgress", "Stopping"):
            if plan.out_of_time(record) and tuning.status == "InProgress":
                self.tuning.stop(viewer, current["name"])
                self._save(record, ending="MaxAutoMLJobRuntimeReached")
            return
        ending = record.state.get("ending") or ("MaxCandidatesReached" if tuning.status == "Completed" else None)
        self._to_explain(record, plan, ending)

    # ensemble: ENSEMBLING mode stacks the best default candidates instead of tuning one
    def _ensemble(self, record: AutoMLRecord, plan: Plan) -> None:
        name = f"{record.name}-ensemble"
        if not record.state.get("ensemble"):
            ranked = self.records.ranked(Viewer(user=record.owner), record)
            scored = [c for c in ranked if c.FinalAutoMLJobObjectiveMetric is not None]
            members = [str(c.HyperParameters.get("candidate")) for c in scored[:MAX_MEMBERS]]
            if len(members) < 2 or plan.out_of_time(record):
                self._to_explain(record, plan, None)
                return
            try:
                self.training.create_training_job(Viewer(user=record.owner), plan.ensemble_request(name, members))
            except SmStudioError as err:
                self._save(self._partial(record, f"ensemble: {err.message}"))
                self._to_explain(record, plan, None)
                return
            candidates = [*record.state.get("candidates", []), {"job": name, "definition": ENSEMBLE}]
            self._save(record, ensemble=True, candidates=candidates)
            return
        if plan.out_of_time(record):
            if self._stop_jobs(record, [name]):
                return
            self._to_explain(record, plan, "MaxAutoMLJobRuntimeReached")
            return
        if self._running(record.owner, name):
            return
        self._to_explain(record, plan, None)

    def _best(self, record: AutoMLRecord) -> Optional[str]:
        return best_of(self.records.ranked(Viewer(user=record.owner), record))

    # explain: the best candidate explained, the candidate notebook rewritten with the leaderboard
    def _to_explain(self, record: AutoMLRecord, plan: Plan, ending: Optional[str]) -> None:
        # one listing serves the count, the best and the leaders: each candidate's training job is described once
        viewer = Viewer(user=record.owner)
        names = self.records.job_names(viewer, record)
        if ending is None and len(names) >= plan.max_candidates():
            ending = "MaxCandidatesReached"
        leaders = self.records.ranked(viewer, record, names)
        best = best_of(leaders)
        record = _replace(record, {"best": best, "ending": ending, "phase": "explain"})
        self._save(record)
        if best is None:
            self._finish(record, "Failed", "Failed", "No candidate finished with an objective value")
            return
        self.store.update(record.owner, record.name, secondary_status="GeneratingExplainabilityReport")
        try:
            self._start_data_job(record, "explain", plan.explain_config(best, leaders))
        except SmStudioError as err:
            self._save(self._partial(record, f"explainability: {err.message}"))
            self._complete(self.store.get(record.owner, record.name))

    def _after_explain(self, record: AutoMLRecord, plan: Plan) -> None:
        job = self._job(record.owner, record.state.get("explain_job"))
        if job is not None and job.status in ("InProgress", "Stopping"):
            return
        if job is not None and job.status == "Completed":
            best = record.state.get("best")
            # the refit is served in place of the model it was ranked with (candidate_records.py)
            refit = best if best and plan.refit_written(best) else None
            record = _replace(record, {"explained": best, "refit": refit})
        else:
            reason = job.failure_reason if job is not None else "the job is gone"
            record = self._partial(record, f"explainability: {reason}")
        self._save(record)
        self._complete(record)

    def _complete(self, record: AutoMLRecord) -> None:
        self._finish(record, "Completed", record.state.get("ending") or "Completed")
        deploy = record.request.ModelDeployConfig
        if deploy is not None:
            from .deploy import deploy_config_endpoint

            try:
                endpoint = deploy_config_endpoint(self, record)
                self._save(self.store.get(record.owner, record.name), endpoint=endpoint)
            except SmStudioError as err:
                self._save(self._partial(self.store.get(record.owner, record.name), f"deploy: {err.message}"))

    # stop: every running job stops; what finished stays
    def _stop(self, record: AutoMLRecord, plan: Plan) -> None:
        viewer = Viewer(user=record.owner)
        names = [record.state.get("data_job"), record.state.get("explain_job")]
        busy = self._stop_jobs(record, names + [c["job"] for c in record.state.get("candidates", [])])
        for tuning in record.state.get("tuning", []):
            try:
                described = self.tuning.describe(viewer, tuning["name"])
            except NotFound:
                continue
            if described.status in ("InProgress", "Stopping"):
                busy = True
                if described.status == "InProgress":
                    self.tuning.stop(viewer, tuning["name"])
        if busy:
            return
        self._save(record, best=self._best(record))
        self._finish(record, "Stopped", "Stopped")


def _replace(record: AutoMLRecord, changes: dict[str, Any]) -> AutoMLRecord:
    from dataclasses import replace

    return replace(record, state=dict(record.state, **changes))
