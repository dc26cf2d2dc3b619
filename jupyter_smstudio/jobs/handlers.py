"""Jobs REST routes: parse, authorize, call the service, write."""
from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..core.handlers import API, SmStudioHandler
from .models import JobReport, ScriptJobRequest

NAME = r"(?P<job_name>[^/]+)"


class JobsHandler(SmStudioHandler):
    @web.authenticated
    @authorized
    def get(self) -> None:
        jobs = self.services.jobs.list(
            self.viewer, status=self.query_str("status"), kind=self.query_str("kind"),
            name_contains=self.query_str("name_contains"), limit=self.query_int("limit", 50),
            offset=self.query_int("offset", 0),
        )
        self.write_model(jobs)

    @web.authenticated
    @authorized
    def post(self) -> None:
        request = self.body(ScriptJobRequest)
        self.write_model(self.services.jobs.submit_script(self.viewer, request), status=201)


class JobHandler(SmStudioHandler):
    @web.authenticated
    @authorized
    def get(self, job_name: str) -> None:
        self.write_model(self.services.jobs.get(self.viewer, job_name))


class JobStopHandler(SmStudioHandler):
    @web.authenticated
    @authorized
    def post(self, job_name: str) -> None:
        self.write_model(self.services.jobs.stop(self.viewer, job_name))


class JobLogsHandler(SmStudioHandler):
    @web.authenticated
    @authorized
    def get(self, job_name: str) -> None:
        self.write_model(self.services.jobs.logs(self.viewer, job_name, offset=self.query_int("offset", 0)))


class JobReportHandler(SmStudioHandler):
    @web.authenticated
    @authorized
    def post(self, job_name: str) -> None:
        report = self.body(JobReport)
        self.write_model(self.services.jobs.report(self.viewer, job_name, report.secondary_status))


def job_handlers() -> list[tuple[str, type]]:
    return [
        (rf"/{API}/jobs", JobsHandler),
        (rf"/{API}/jobs/{NAME}", JobHandler),
        (rf"/{API}/jobs/{NAME}/stop", JobStopHandler),
        (rf"/{API}/jobs/{NAME}/logs", JobLogsHandler),
        (rf"/{API}/jobs/{NAME}/report", JobReportHandler),
    ]
