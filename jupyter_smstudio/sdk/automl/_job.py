"""One AutoML job as the SDK follows it (`sagemaker.automl.automl.AutoMLJob`): its description, stop, and a wait that
shows the job's progress live: a tqdm bar of the candidates trained, with the step it is at (SageMaker's secondary
status) beside it, and, with `logs`, a line each time the step changes, as SageMaker's `logs_for_auto_ml_job`."""

from __future__ import annotations

import sys
import time
from typing import Any, Optional

from .._jobs import UnexpectedStatusException

FINAL = ("Completed", "Failed", "Stopped")
# a job stopped by its user ended as asked: wait() raises only for a failure (SageMaker's _check_job_status)
ACCEPTED = ("Completed", "Stopped")


class AutoMLJob:
    def __init__(self, sagemaker_session: Any, job_name: str, inputs: Any = None):
        self.sagemaker_session, self.job_name, self.inputs = sagemaker_session, job_name, inputs

    @property
    def name(self) -> str:
        return self.job_name

    def describe(self) -> dict[str, Any]:
        answer: dict[str, Any] = self.sagemaker_session.sagemaker_client.describe_auto_ml_job(
            AutoMLJobName=self.job_name
        )
        return answer

    def stop(self) -> None:
        """Stop the job at whatever step it is: what finished (candidates, notebooks) stays."""
        self.sagemaker_session.sagemaker_client.stop_auto_ml_job(AutoMLJobName=self.job_name)

    def wait(self, logs: bool = True, poll: float = 0.5, progress: bool = True) -> dict[str, Any]:
        """Until the job ends; raises UnexpectedStatusException when it failed (with its FailureReason)."""
        backend = self.sagemaker_session.backend
        bar: Optional[Any] = None
        step = ""
        while True:
            # the room's own answer: it counts the candidates started, which boto3's shape has no field for
            job = backend.describe_auto_ml_job(self.job_name)
            status, secondary = job["AutoMLJobStatus"], job["AutoMLJobSecondaryStatus"]
            if logs and secondary != step:
                print(f"{time.strftime('%H:%M:%S')} {self.job_name}: {status} - {secondary}", flush=True)
            step = secondary
            if progress:
                if bar is None:  # not `bar or`: a tqdm without a total has no truth value
                    bar = _bar(self.job_name, job)
                bar.n = int(job.get("CandidateCount") or 0)
                bar.set_postfix_str(secondary, refresh=False)
                bar.refresh()
            if status in FINAL:
                break
            time.sleep(poll)
        if bar is not None:
            bar.close()
        desc = self.describe()
        if status not in ACCEPTED:
            raise UnexpectedStatusException(
                f"Error for AutoML job {self.job_name}: {status}. Reason: {desc.get('FailureReason', secondary)}",
                allowed_statuses=list(ACCEPTED),
                actual_status=status,
            )
        return desc


def _bar(name: str, job: dict[str, Any]) -> Any:
    from tqdm.auto import tqdm

    criteria = (job.get("AutoMLJobConfig") or {}).get("CompletionCriteria") or {}
    return tqdm(total=criteria.get("MaxCandidates"), desc=name, unit=" candidates", file=sys.stderr)
