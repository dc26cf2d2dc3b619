"""A training job's rules as jobs of the Jobs room, one per rule (listed, logged and stoppable like any job), and
their statuses in SageMaker's words.

Each rule job (`python -m jupyter_smstudio.debugger.rule_job`) reads the training job's tensors as they are
written and writes its evaluation (`evaluation.json`: status, details, the step where it fired) to the rule's output
folder; the Debugger room reacts when a rule job ends (stops the training job for a StopTraining action) and when
the training job ends (writes the end marker the rule jobs wait for, so they finish the steps left and end).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from typing import TYPE_CHECKING, Any, Optional

from ..core.auth import Viewer
from ..core.errors import BadRequest, Conflict, NotFound
from ..jobs.models import Job, JobConfig, JobTracking
from .rules.actions import parse_actions
from .shapes import DebugRuleConfiguration, DebugRuleEvaluationStatus, RuleEvaluation, RuleEvaluationStatusName
from .training_setup import EVALUATION_FILE, rule_output_url, tensors_url

if TYPE_CHECKING:
    from ..jobs.service import JobService
    from ..training.models import TrainingJobConfig

log = logging.getLogger(__name__)

RULE_JOB_KIND = "debug-rule"
RULE_JOB = ["python", "-m", "jupyter_smstudio.debugger.rule_job"]
TRAINING_JOB_TAG = "smstudio:debugger-training-job"
# a rule job outlives its training job by at most this much (it reads the steps left after the end)
GRACE_SECONDS = 600


def rule_job_name(training_job_name: str, rule_name: str) -> str:
    """`<training job>-<rule>-<hash>`, at most 63 characters, the same each time (found again after a restart)."""
    digest = hashlib.sha1(f"{training_job_name}/{rule_name}".encode()).hexdigest()[:6]
    slug = re.sub(r"[^a-z0-9]+", "-", rule_name.lower()).strip("-")[:16] or "rule"
    return f"{training_job_name[: 63 - len(slug) - 8]}-{slug}-{digest}"


def actions_of(rule: DebugRuleConfiguration) -> list[dict[str, Any]]:
    """The rule's actions ([] when its action_json cannot be read: checked at create time already)."""
    try:
        return parse_actions(rule.RuleParameters.get("action_json"))
    except BadRequest:
        return []


def start_rule_jobs(jobs: JobService, viewer: Viewer, training_job_name: str, config: Any, max_run: int) -> None:
    """One job per rule; a rule job that exists already (a second call, a restart) is left as it is."""
    owner = Viewer(user=viewer.user)
    options = jobs.storage.for_user(viewer.user).s3_options
    for rule in config.debug_rule_configurations:
        name = rule_job_name(training_job_name, rule.RuleConfigurationName)
        settings = {
            "training_job_name": training_job_name,
            "rule_name": rule.RuleConfigurationName,
            "parameters": rule.RuleParameters,
            "tensors_url": tensors_url(config.debug_hook_config, training_job_name),
            "output_url": rule_output_url(rule, config.debug_hook_config, training_job_name),
        }
        env = {"SMSTUDIO_RULE_CONFIG": json.dumps(settings)}
        if options:
            env["FSSPEC_S3"] = json.dumps(options)
        try:
            jobs.submit(
                owner,
                kind=RULE_JOB_KIND,
                job_name=name,
                argv=RULE_JOB,
                cwd="",
                environment=env,
                config=JobConfig(
                    tracking=JobTracking(display_name=f"{rule.RuleConfigurationName} ({training_job_name})")
                ),
                max_runtime_seconds=max_run + GRACE_SECONDS,
                stop_grace_seconds=5.0,
                tags={TRAINING_JOB_TAG: training_job_name},
            )
        except Conflict:
            continue


def _job(jobs: JobService, owner: str, name: str) -> Optional[Job]:
    try:
        return jobs.get(Viewer(user=owner), name)
    except NotFound:
        return None


def read_evaluation(jobs: JobService, owner: str, url: str) -> dict[str, Any]:
    """What the rule job last wrote ({} before its first write, or when it cannot be read)."""
    try:
        loc = jobs.storage.for_user(owner).resolve(f"{url}/{EVALUATION_FILE}")
        with loc.fs.open(loc.path, "rb") as source:
            data = json.loads(source.read())
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}
    except Exception:  # a volume that cannot be read now must not break describe
        log.exception("smstudio: could not read the rule evaluation at %s", url)
        return {}


def _status(job: Optional[Job], evaluation: dict[str, Any]) -> tuple[RuleEvaluationStatusName, Optional[str]]:
    written = evaluation.get("status")
    details = evaluation.get("details") or None
    if written in ("IssuesFound", "NoIssuesFound", "Error", "Stopped") and (job is None or job.status != "InProgress"):
        return written, details
    if job is None:
        return "InProgress", "the rule job is being started"
    if job.status == "InProgress":
        return "InProgress", details
    if job.status == "Stopping":
        return "Stopping", details
    if job.status == "Stopped":
        return "Stopped", details or "the rule job was stopped"
    if job.status == "Failed":
        return "Error", job.failure_reason or "the rule job failed"
    return "Error", "the rule job ended without an evaluation"


def evaluations(
    jobs: JobService, owner: str, training_job_name: str, config: TrainingJobConfig
) -> list[RuleEvaluation]:
    answer = []
    for rule in config.debug_rule_configurations:
        name = rule_job_name(training_job_name, rule.RuleConfigurationName)
        job = _job(jobs, owner, name)
        evaluation = read_evaluation(jobs, owner, rule_output_url(rule, config.debug_hook_config, training_job_name))
        status, details = _status(job, evaluation)
        step = evaluation.get("step")
        answer.append(
            RuleEvaluation(
                RuleConfigurationName=rule.RuleConfigurationName,
                RuleToInvoke=rule.RuleParameters.get("rule_to_invoke"),
                RuleEvaluationStatus=status,
                StatusDetails=details,
                Step=step if isinstance(step, int) else None,
                StepsEvaluated=int(evaluation.get("steps_evaluated") or 0),
                Actions=[str(a["name"]) for a in actions_of(rule)],
                RuleParameters={k: v for k, v in rule.RuleParameters.items() if k != "action_json"},
                RuleEvaluationJobName=name,
                LastModifiedTime=(job.end_time or job.last_heartbeat) if job else None,
            )
        )
    return answer


def statuses(jobs: JobService, owner: str, training_job_name: str, config: TrainingJobConfig) -> list[Any]:
    """DescribeTrainingJob's DebugRuleEvaluationStatuses."""
    return [
        DebugRuleEvaluationStatus(
            RuleConfigurationName=e.RuleConfigurationName,
            RuleEvaluationJobArn=f"smstudio:processing-job/{e.RuleEvaluationJobName}",
            RuleEvaluationStatus=e.RuleEvaluationStatus,
            StatusDetails=e.StatusDetails,
            LastModifiedTime=e.LastModifiedTime,
        )
        for e in evaluations(jobs, owner, training_job_name, config)
    ]
