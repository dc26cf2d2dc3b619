"""What estimators and processors share: waiting with logs or dots, like the SageMaker SDK."""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger("jupyter_smstudio.sdk")


class UnexpectedStatusException(ValueError):
    """Raised by `wait()` when a job ends in another status than Completed (SageMaker's name)."""

    def __init__(self, message: str, allowed_statuses: list[str], actual_status: str):
        super().__init__(message)
        self.allowed_statuses = allowed_statuses
        self.actual_status = actual_status


def wait_for(session: Any, job_name: str, logs: Any = True, poll: float = 0.5) -> dict[str, Any]:
    """Follow the job (its log when `logs`, else SageMaker's dots); raise if it fails. A stopped job only warns, as
    SageMaker's SDK does (a Debugger rule or a user stopped it: what it saved is there)."""
    if logs and logs != "None":
        session.logs_for_job(job_name, wait=True, poll=poll)
    else:
        session.wait_for_job(job_name, poll=poll)
    job: dict[str, Any] = session.describe_job(job_name)
    if job["status"] == "Stopped":
        log.warning(
            "Job ended with status 'Stopped' rather than 'Completed' (%s).",
            job.get("failure_reason") or "stopped before the end",
        )
        return job
    if job["status"] != "Completed":
        raise UnexpectedStatusException(
            f"Error for {job['job_kind'].title()} job {job_name}: {job['status']}. "
            f"Reason: {job.get('failure_reason') or job.get('secondary_status')}",
            allowed_statuses=["Completed"],
            actual_status=job["status"],
        )
    return job
