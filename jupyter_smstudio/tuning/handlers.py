"""Tuning REST routes: parse, authorize, call the service, write."""
from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..core.handlers import API, SmStudioHandler
from .models import TuningJobRequest

NAME = r"(?P<name>[^/]+)"


class TuningJobsHandler(SmStudioHandler):
    @web.authenticated
    @authorized
    def get(self) -> None:
        self.write_model(self.services.tuning.list(
            self.viewer, status=self.query_str("status"), name_contains=self.query_str("name_contains"),
            limit=self.query_int("limit", 100), offset=self.query_int("offset", 0)))

    @web.authenticated
    @authorized
    def post(self) -> None:
        self.write_model(self.services.tuning.create(self.viewer, self.body(TuningJobRequest)), status=201)


class TuningJobHandler(SmStudioHandler):
    @web.authenticated
    @authorized
    def get(self, name: str) -> None:
        self.write_model(self.services.tuning.describe(self.viewer, name))


class TuningTrainingJobsHandler(SmStudioHandler):
    @web.authenticated
    @authorized
    def get(self, name: str) -> None:
        self.write_model(self.services.tuning.training_jobs(self.viewer, name))


class StopTuningJobHandler(SmStudioHandler):
    @web.authenticated
    @authorized
    def post(self, name: str) -> None:
        self.write_model(self.services.tuning.stop(self.viewer, name))


def tuning_handlers() -> list[tuple[str, type]]:
    return [
        (rf"/{API}/tuning-jobs", TuningJobsHandler),
        (rf"/{API}/tuning-jobs/{NAME}", TuningJobHandler),
        (rf"/{API}/tuning-jobs/{NAME}/training-jobs", TuningTrainingJobsHandler),
        (rf"/{API}/tuning-jobs/{NAME}/stop", StopTuningJobHandler),
    ]
