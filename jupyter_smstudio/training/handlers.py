"""Training and processing REST routes."""
from __future__ import annotations

import json

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..core.handlers import API, SmStudioHandler
from ..jobs.models import trial_component_name
from .describe import describe_processing_job, describe_training_job
from .models import ProcessingJobRequest, TrainingJobRequest

NAME = r"(?P<name>[^/]+)"


class TrainingRoom(SmStudioHandler):
    def describe(self, name: str) -> dict:
        services = self.services
        job = services.jobs.get(self.viewer, name)
        if job.job_kind == "processing":
            return describe_processing_job(job)
        return describe_training_job(job, final_metrics(services, self.viewer, job))

    def write_json(self, data: dict, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(data, default=str))


def final_metrics(services, viewer, job) -> list[dict]:
    try:
        tc = services.experiments.get_component(viewer, trial_component_name(job.job_name, job.job_kind))
    except Exception:
        return []
    return [{"MetricName": m.metric_name, "Value": m.last,
             "Timestamp": m.time_stamp.isoformat() if m.time_stamp else None} for m in tc.metrics]


class TrainingJobsHandler(TrainingRoom):
    @web.authenticated
    @authorized
    def post(self) -> None:
        job = self.services.training.create_training_job(self.viewer, self.body(TrainingJobRequest))
        self.write_json(self.describe(job.job_name), status=201)


class TrainingJobHandler(TrainingRoom):
    @web.authenticated
    @authorized
    def get(self, name: str) -> None:
        self.write_json(self.describe(name))


class ProcessingJobsHandler(TrainingRoom):
    @web.authenticated
    @authorized
    def post(self) -> None:
        job = self.services.training.create_processing_job(self.viewer, self.body(ProcessingJobRequest))
        self.write_json(self.describe(job.job_name), status=201)


def training_handlers() -> list[tuple[str, type]]:
    return [
        (rf"/{API}/training-jobs", TrainingJobsHandler),
        (rf"/{API}/training-jobs/{NAME}", TrainingJobHandler),
        (rf"/{API}/processing-jobs", ProcessingJobsHandler),
        (rf"/{API}/processing-jobs/{NAME}", TrainingJobHandler),
    ]
