"""Auto-tracking: every job is a trial component (as SageMaker tracks its jobs), filled from what the
room that started the job recorded in its config (`JobTracking`), and placed in the experiment and
trial its experiment_config names."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ..core.auth import Viewer
from ..core.errors import Conflict, SmStudioError
from ..jobs.models import Job, JobArtifact, trial_component_name
from .models import Artifact, TrialComponentCreate, TrialComponentUpdate

if TYPE_CHECKING:
    from .service import ExperimentService

log = logging.getLogger(__name__)


def _artifacts(items: dict[str, JobArtifact]) -> dict[str, Artifact]:
    return {name: Artifact(value=a.value, media_type=a.media_type) for name, a in items.items()}


class JobTracker:
    def __init__(self, experiments: ExperimentService):
        self.experiments = experiments
        self.store = experiments.store

    def track(self, job: Job) -> None:
        name = trial_component_name(job.job_name, job.job_kind)
        viewer = Viewer(user=job.owner)
        tracking = job.config.tracking
        try:
            if self.store.component_by_source(job.owner, job.job_name) is None:
                git = tracking.git
                self.experiments.create_component(
                    viewer,
                    TrialComponentCreate(
                        trial_component_name=name,
                        display_name=(tracking.display_name or job.job_name)[:120],
                        status=job.status,
                        start_time=job.start_time,
                        parameters=tracking.parameters,
                        source_arn=job.job_name,
                        source_type=f"smstudio:{job.job_kind}-job",
                        input_artifacts=_artifacts(tracking.inputs),
                        tags=job.tags,
                        git_commit=git.commit if git else None,
                        git_repository=(git.repository or "") if git else None,
                    ),
                )
                self._place(viewer, name, job)
            outputs = {
                "output": Artifact(value=job.output_url),
                "log": Artifact(value=job.log_url, media_type="text/plain"),
                **_artifacts(tracking.outputs),
            }
            if tracking.model_artifact and job.status == "Completed":
                outputs["SageMaker.ModelArtifact"] = Artifact(
                    value=tracking.model_artifact, media_type="application/x-tar"
                )
            self.experiments.update_component(
                viewer,
                name,
                TrialComponentUpdate(
                    status=job.status,
                    status_message=(job.failure_reason or job.secondary_status or "")[:1024] or None,
                    end_time=job.end_time,
                    output_artifacts=outputs,
                ),
            )
        except Exception:  # tracking must never break a job; the job record stays the source of truth
            log.exception("smstudio: could not track job %s as a trial component", job.job_name)

    def _place(self, viewer: Viewer, component: str, job: Job) -> None:
        config = job.config.tracking.experiment_config
        if config is None:
            return
        try:  # checked when the job started; again now, as the records may have changed hands since
            self.experiments.check_placement(viewer, config)
        except SmStudioError as err:
            log.warning("smstudio: job %s stays unassigned: %s", job.job_name, err.message)
            return
        exp, trial = config.experiment_name, config.trial_name or config.run_name
        if not exp and not trial:
            return
        if exp:
            try:
                self.store.create_experiment(viewer.user, exp, None, None, "", {})
            except Conflict:
                pass
            trial = trial or f"{exp}-{job.job_name}"[:120]
            try:
                self.store.create_trial(viewer.user, trial, (viewer.user, exp), None, {})
            except Conflict:
                pass
        if trial:  # the job's owner's own records: names are unique per owner (orm.py)
            self.store.associate((viewer.user, component), (viewer.user, trial))
