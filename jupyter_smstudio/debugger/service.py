"""The Debugger room: a training job's rules (their jobs, statuses and actions) and its tensors for the Debugger tab.

Rule jobs start with the training job (training/service.py calls rule_jobs.start_rule_jobs); this service reacts to
jobs changing: a rule job that found issues and has the StopTraining action stops its training job, with a reason
naming the rule and the step; a training job that ended gets the end marker its rule jobs wait for (a hook killed
by a stop never writes it), so they evaluate the steps left and end.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Optional

from ..core.auth import Viewer
from ..core.errors import NotFound
from ..core.storage import join_url
from ..jobs.models import FINAL_STATUSES, Job
from ..training.models import TrainingJobConfig
from .rule_jobs import (
    RULE_JOB_KIND,
    TRAINING_JOB_TAG,
    evaluations,
    read_evaluation,
)
from .rules.actions import stops_training_on_fire
from .shapes import RuleEvaluations
from .store import END_MARKER
from .training_setup import rule_output_url, tensorboard_url, tensors_url
from .trial import Trial
from .views import TensorViews

if TYPE_CHECKING:
    from ..jobs.service import JobService
    from ..training.service import TrainingService

log = logging.getLogger(__name__)

STOP_REASON = "Stopped by the Debugger rule {rule} at step {step}: {details}"


class DebuggerService(TensorViews):
    def __init__(self, jobs: JobService, training: TrainingService):
        self.jobs = jobs
        self.training = training

    # -- what the Debugger tab and the SDK read ------------------------------------------------------
    def _training_job(self, viewer: Viewer, training_job_name: str) -> tuple[Job, TrainingJobConfig]:
        job = self.training._job(viewer, training_job_name, "training")
        return job, TrainingJobConfig.model_validate(job.config.model_dump())

    def describe_rule_evaluations(self, viewer: Viewer, training_job_name: str) -> RuleEvaluations:
        job, config = self._training_job(viewer, training_job_name)
        return RuleEvaluations(
            TrainingJobName=job.job_name,
            TrainingJobStatus=job.status,
            DebuggerOutputPath=tensors_url(config.debug_hook_config, job.job_name),
            TensorBoardOutputPath=tensorboard_url(config.tensor_board_output_config, job.job_name),
            RuleEvaluations=evaluations(self.jobs, job.owner, job.job_name, config),
        )

    def trial_of(self, viewer: Viewer, training_job_name: str) -> Trial:
        job, config = self._training_job(viewer, training_job_name)
        url = tensors_url(config.debug_hook_config, job.job_name)
        if url is None:
            raise NotFound(
                f"training job '{training_job_name}' saves no tensors: give its estimator a debugger_hook_config "
                "or rules",
                field="training_job_name",
            )
        storage = self.jobs.storage.for_user(job.owner)
        loc = storage.resolve(url, field_name="training_job_name")
        options = None if loc.is_local else storage.s3_options
        # kept open between the tab's requests: a kept trial reads only the steps written since (views.OpenTrials)
        key = (job.owner, job.job_name, job.creation_time, loc.url)
        return self.shared_trial(key, lambda: Trial(loc.url, name=job.job_name, storage_options=options))

    # -- reacting to jobs -----------------------------------------------------------------------------
    def job_changed(self, job: Job) -> None:
        if job.status not in FINAL_STATUSES:
            return
        if job.job_kind == RULE_JOB_KIND:
            self._rule_job_ended(job)
        elif job.job_kind == "training":
            self._training_job_ended(job)

    def _rule_job_ended(self, rule_job: Job) -> None:
        training_job_name = rule_job.tags.get(TRAINING_JOB_TAG)
        if not training_job_name:
            return
        owner = Viewer(user=rule_job.owner)
        try:
            job, config = self._training_job(owner, training_job_name)
        except NotFound:
            return
        for rule in config.debug_rule_configurations:
            url = rule_output_url(rule, config.debug_hook_config, job.job_name)
            evaluation = read_evaluation(self.jobs, job.owner, url)
            if evaluation.get("status") != "IssuesFound" or not stops_training_on_fire(
                rule.RuleParameters, job.job_name
            ):
                continue
            if job.status in FINAL_STATUSES or job.status == "Stopping":
                return
            reason = STOP_REASON.format(
                rule=rule.RuleConfigurationName, step=evaluation.get("step"), details=evaluation.get("details") or ""
            )
            log.info("smstudio: %s: %s", job.job_name, reason)
            self.jobs.stop(owner, job.job_name, reason=reason[:1000])
            return

    def _training_job_ended(self, job: Job) -> None:
        config = TrainingJobConfig.model_validate(job.config.model_dump())
        url: Optional[str] = tensors_url(config.debug_hook_config, job.job_name)
        if url is None or not config.debug_rule_configurations:
            return
        try:
            loc = self.jobs.storage.for_user(job.owner).resolve(join_url(url, END_MARKER), write=True)
            if not loc.fs.exists(loc.path):
                loc.fs.makedirs(loc.path.rsplit("/", 1)[0], exist_ok=True)
                loc.fs.pipe_file(loc.path, f"{job.status}\n".encode())
        except Exception:
            log.exception("smstudio: could not mark the end of %s's tensors; its rule jobs end at their run time", job)
