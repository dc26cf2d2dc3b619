"""What runs in a rule job: one rule over one training job's tensors, step by step as they are written.

`python -m jupyter_smstudio.debugger.rule_job`, configured by SMSTUDIO_RULE_CONFIG (rule_jobs.py writes it).
It writes `evaluation.json` to the rule's output folder: at start, every few seconds while it evaluates (the steps
done, for the live status), and once at the end (NoIssuesFound, IssuesFound with the step, or Error). It ends as soon
as the rule fires (as SageMaker's rule jobs do) or once the training job has ended and every step is evaluated. The
server stops the training job when a fired rule has the StopTraining action (the room's job-changed handler).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import tempfile
import threading
import time
from typing import Any, Optional

import fsspec

from .training_setup import EVALUATION_FILE

WRITE_EVERY_SECONDS = 2.0


class Evaluation:
    """evaluation.json, written whole each time (a PUT on S3, a rename on disk): a reader never sees half of it."""

    def __init__(self, output_url: str, rule_name: str):
        self.fs, root = fsspec.core.url_to_fs(output_url)
        self.path = f"{root.rstrip('/')}/{EVALUATION_FILE}"
        self.rule_name = rule_name
        self.steps = 0
        self.last_step: Optional[int] = None
        self._written = 0.0

    def write(self, status: str, details: str = "", step: Optional[int] = None) -> None:
        document = {
            "rule": self.rule_name,
            "status": status,
            "details": details,
            "step": step,
            "steps_evaluated": self.steps,
            "last_step": self.last_step,
            "time": time.time(),
        }
        data = json.dumps(document).encode()
        self.fs.makedirs(os.path.dirname(self.path), exist_ok=True)
        if self.fs.protocol in ("file", "local") or "file" in self.fs.protocol:
            folder = os.path.dirname(self.path)
            fd, temporary = tempfile.mkstemp(dir=folder, prefix=".evaluation.")
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(temporary, self.path)
        else:
            self.fs.pipe_file(self.path, data)
        self._written = time.monotonic()

    def progress(self, step: int) -> None:
        self.steps += 1
        self.last_step = step
        if time.monotonic() - self._written >= WRITE_EVERY_SECONDS:
            self.write("InProgress", f"evaluated {self.steps} steps, the last {step}")


def _source_file(url: str) -> str:
    """A custom rule's Python file, as a local path (fetched when it is on S3)."""
    fs, path = fsspec.core.url_to_fs(url)
    if "file" in fs.protocol or fs.protocol in ("file", "local"):
        return str(path)
    local = os.path.join(tempfile.mkdtemp(prefix="smstudio-rule-"), os.path.basename(path))
    fs.get(path, local)
    return local


def run(settings: dict[str, Any]) -> int:
    from ..core.errors import BadRequest
    from .rules import evaluate, evaluation_range, load_rule
    from .trial import Trial

    evaluation = Evaluation(settings["output_url"], settings["rule_name"])
    evaluation.write("InProgress", "waiting for the training job's first step")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())  # stopped: end at the next step, keep what was evaluated
    parameters: dict[str, str] = dict(settings.get("parameters") or {})
    try:
        source = parameters.get("source_s3_uri")
        trial = Trial(settings["tensors_url"], name=settings["training_job_name"])
        rule = load_rule(trial, parameters, _source_file(source) if source else None)
        start, end = evaluation_range(parameters)
        print(f"smstudio: rule {settings['rule_name']} on {settings['tensors_url']}", flush=True)
        outcome = evaluate(
            rule,
            start_step=start,
            end_step=end,
            stop=stop,
            progress=evaluation.progress,
        )
    except BadRequest as err:
        evaluation.write("Error", err.message)
        print(f"smstudio: rule {settings['rule_name']}: {err.message}", file=sys.stderr, flush=True)
        return 0
    evaluation.steps = outcome.steps_evaluated
    if stop.is_set() and outcome.status == "NoIssuesFound":
        evaluation.write("Stopped", f"stopped after {outcome.steps_evaluated} steps")
        return 0
    evaluation.write(outcome.status, outcome.details, outcome.step)
    print(f"smstudio: rule {settings['rule_name']}: {outcome.status} {outcome.details}", flush=True)
    return 0


def main() -> None:
    settings = json.loads(os.environ["SMSTUDIO_RULE_CONFIG"])
    sys.exit(run(settings))


if __name__ == "__main__":
    main()
