"""How the SDK reaches SmStudio: over REST to a server, or in-process on the SmStudio home.

`find_backend()` decides, in this order: explicit arguments; inside a job, the job's server
and token; `SMSTUDIO_URL` (+ `SMSTUDIO_TOKEN`, which a JupyterLab running the extension
exports to its kernels); otherwise embedded mode, so scripts and CI need no server.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Optional
from urllib.parse import quote

import requests

from ..core.errors import BadRequest, Conflict, Forbidden, NotFound, SmStudioError


class SmStudioClientError(SmStudioError):
    """An error the server answered, re-raised in the client with its status and field."""

    def __init__(self, status: int, message: str, reason: str = "", field: Optional[str] = None):
        super().__init__(message, field=field)
        self.status = status
        self.reason = reason or "ClientError"


_BY_STATUS = {400: BadRequest, 403: Forbidden, 404: NotFound, 409: Conflict}


class RemoteBackend:
    mode = "server"

    def __init__(self, url: str, token: Optional[str] = None, job_token: Optional[str] = None, timeout: float = 60):
        self.url = url.rstrip("/") + "/"
        self.http = requests.Session()
        if job_token:
            self.http.headers["Authorization"] = f"SmStudioJob {job_token}"
        elif token:
            self.http.headers["Authorization"] = f"token {token}"
        self.timeout = timeout

    def _call(self, method: str, path: str, *, json: Any = None, data: Optional[bytes] = None,
              params: Optional[dict] = None, raw: bool = False):
        resp = self.http.request(method, f"{self.url}smstudio/api/{path}", json=json, data=data,
                                 params=params, timeout=self.timeout)
        if resp.status_code >= 400:
            try:
                body = resp.json()
            except ValueError:
                body = {"message": resp.text[:500] or resp.reason}
            cls = _BY_STATUS.get(resp.status_code)
            message = body.get("message", resp.reason)
            if cls is not None:
                raise cls(message, field=body.get("field"))
            raise SmStudioClientError(resp.status_code, message, body.get("reason", ""), body.get("field"))
        return resp.content if raw else resp.json()

    # storage
    def whoami(self) -> dict:
        return self._call("GET", "whoami")

    def read_bytes(self, url: str) -> bytes:
        return self._call("GET", "storage/object", params={"url": url}, raw=True)

    def write_bytes(self, url: str, data: bytes) -> dict:
        return self._call("PUT", "storage/object", params={"url": url}, data=data)

    def list(self, url: str) -> list[dict]:
        return self._call("GET", "storage", params={"url": url})["entries"]

    # jobs
    def submit_script_job(self, request: dict) -> dict:
        return self._call("POST", "jobs", json=request)

    def describe_job(self, name: str) -> dict:
        return self._call("GET", f"jobs/{quote(name, safe='')}")

    def list_jobs(self, **filters: Any) -> dict:
        return self._call("GET", "jobs", params={k: v for k, v in filters.items() if v is not None})

    def stop_job(self, name: str) -> dict:
        return self._call("POST", f"jobs/{quote(name, safe='')}/stop")

    def job_logs(self, name: str, offset: int) -> dict:
        return self._call("GET", f"jobs/{quote(name, safe='')}/logs", params={"offset": offset})

    def report(self, name: str, secondary_status: Optional[str]) -> dict:
        return self._call("POST", f"jobs/{quote(name, safe='')}/report",
                          json={"secondary_status": secondary_status})


    # experiments (docs/api.md, "Experiments"); bodies use the snake_case field names of
    # jupyter_smstudio/experiments/models.py, except `search`, which takes SageMaker's names
    def create_experiment(self, body: dict) -> dict:
        return self._call("POST", "experiments", json=body)

    def get_experiment(self, name: str) -> dict:
        return self._call("GET", f"experiments/{quote(name, safe='')}")

    def create_trial(self, body: dict) -> dict:
        return self._call("POST", "trials", json=body)

    def get_trial(self, name: str) -> dict:
        return self._call("GET", f"trials/{quote(name, safe='')}")

    def create_trial_component(self, body: dict, brief: bool = False) -> dict:
        return self._call("POST", "trial-components", json=body)

    def get_trial_component(self, name: str) -> dict:
        return self._call("GET", f"trial-components/{quote(name, safe='')}")

    def update_trial_component(self, name: str, body: dict, brief: bool = False) -> dict:
        return self._call("PATCH", f"trial-components/{quote(name, safe='')}", json=body)

    def associate_trial_component(self, name: str, trial_name: str) -> dict:
        return self._call("POST", f"trial-components/{quote(name, safe='')}/associations",
                          json={"trial_name": trial_name})

    def log_metrics(self, name: str, points: list[dict]) -> int:
        """`points`: MetricPoint dicts; NaN/+-Infinity must already be the strings "NaN"/"Infinity"/"-Infinity"."""
        return self._call("POST", f"trial-components/{quote(name, safe='')}/metrics",
                          json={"metrics": points})["count"]

    def metric_series(self, name: str, metric_name: str, max_points: int = 2000) -> dict:
        return self._call("GET", f"trial-components/{quote(name, safe='')}/metrics/{quote(metric_name, safe='')}",
                          params={"max_points": max_points})

    def search_trial_components(self, request: dict) -> dict:
        """`request`: SageMaker's Search fields (SearchExpression, SortBy, SortOrder, MaxResults, NextToken)."""
        return self._call("POST", "search", json=request)

    # training and processing
    def create_training_job(self, body: dict) -> dict:
        return self._call("POST", "training-jobs", json=body)

    def describe_training_job(self, name: str) -> dict:
        return self._call("GET", f"training-jobs/{quote(name, safe='')}")

    def create_processing_job(self, body: dict) -> dict:
        return self._call("POST", "processing-jobs", json=body)

    def describe_processing_job(self, name: str) -> dict:
        return self._call("GET", f"processing-jobs/{quote(name, safe='')}")

    # tuning
    def create_tuning_job(self, body: dict) -> dict:
        return self._call("POST", "tuning-jobs", json=body)

    def describe_tuning_job(self, name: str) -> dict:
        return self._call("GET", f"tuning-jobs/{quote(name, safe='')}")

    def list_tuning_jobs(self, **filters: Any) -> dict:
        return self._call("GET", "tuning-jobs", params={k: v for k, v in filters.items() if v is not None})

    def list_training_jobs_for_tuning_job(self, name: str) -> dict:
        return self._call("GET", f"tuning-jobs/{quote(name, safe='')}/training-jobs")

    def stop_tuning_job(self, name: str) -> dict:
        return self._call("POST", f"tuning-jobs/{quote(name, safe='')}/stop")


class EmbeddedBackend:
    """The services in this process, on the SmStudio home (SQLite, local files, local processes)."""

    mode = "embedded"

    def __init__(self, home: Optional[str] = None, root_dir: Optional[str] = None):
        from ..core.config import Settings, build_services, default_home, default_owner

        self.services = build_services(Settings(home=home or default_home(), root_dir=root_dir or os.getcwd()))
        # inside a job the process acts as the job's owner and leaves job monitoring to its server
        in_job = bool(os.environ.get("SMSTUDIO_JOB_NAME"))
        self.viewer = self.services.viewer(os.environ.get("SMSTUDIO_JOB_OWNER") if in_job else default_owner())
        self.storage = self.services.storage.for_user(self.viewer.user)
        if not in_job:
            self.services.jobs.reconcile()
            self.services.tuning.resume()

    def whoami(self) -> dict:
        return {"user": self.viewer.user, "admin": self.viewer.admin, "storage_root": self.storage.root_url,
                "home_volume": self.storage.home_volume, "job_runner": self.services.job_runner}

    def read_bytes(self, url: str) -> bytes:
        return self.storage.read_bytes(url)

    def write_bytes(self, url: str, data: bytes) -> dict:
        return self.storage.write_bytes(url, data).model_dump(mode="json")

    def list(self, url: str) -> list[dict]:
        return [e.model_dump(mode="json") for e in self.storage.list(url).entries]

    def submit_script_job(self, request: dict) -> dict:
        from ..jobs.models import ScriptJobRequest

        req = _parse(ScriptJobRequest, request)
        return self.services.jobs.submit_script(self.viewer, req).model_dump(mode="json")

    def describe_job(self, name: str) -> dict:
        return self.services.jobs.get(self.viewer, name).model_dump(mode="json")

    def list_jobs(self, **filters: Any) -> dict:
        return self.services.jobs.list(self.viewer, **filters).model_dump(mode="json")

    def stop_job(self, name: str) -> dict:
        return self.services.jobs.stop(self.viewer, name).model_dump(mode="json")

    def job_logs(self, name: str, offset: int) -> dict:
        return self.services.jobs.logs(self.viewer, name, offset=offset).model_dump(mode="json")

    def report(self, name: str, secondary_status: Optional[str]) -> dict:
        return self.services.jobs.report(self.viewer, name, secondary_status).model_dump(mode="json")

    # experiments: the same calls as RemoteBackend's, on the service in this process
    def _exp(self):
        return self.services.experiments

    def create_experiment(self, body: dict) -> dict:
        from ..experiments.models import ExperimentCreate

        return self._exp().create_experiment(self.viewer, _parse(ExperimentCreate, body)).model_dump(mode="json")

    def get_experiment(self, name: str) -> dict:
        return self._exp().get_experiment(self.viewer, name).model_dump(mode="json")

    def create_trial(self, body: dict) -> dict:
        from ..experiments.models import TrialCreate

        return self._exp().create_trial(self.viewer, _parse(TrialCreate, body)).model_dump(mode="json")

    def get_trial(self, name: str) -> dict:
        return self._exp().get_trial(self.viewer, name).model_dump(mode="json")

    def create_trial_component(self, body: dict, brief: bool = False) -> dict:
        from ..experiments.models import TrialComponentCreate

        return self._exp().create_component(self.viewer, _parse(TrialComponentCreate, body),
                                            brief=brief).model_dump(mode="json")

    def get_trial_component(self, name: str) -> dict:
        return self._exp().get_component(self.viewer, name).model_dump(mode="json")

    def update_trial_component(self, name: str, body: dict, brief: bool = False) -> dict:
        from ..experiments.models import TrialComponentUpdate

        return self._exp().update_component(self.viewer, name, _parse(TrialComponentUpdate, body),
                                            brief=brief).model_dump(mode="json")

    def associate_trial_component(self, name: str, trial_name: str) -> dict:
        return self._exp().associate(self.viewer, name, trial_name).model_dump(mode="json")

    def log_metrics(self, name: str, points: list[dict]) -> int:
        from ..experiments.models import MetricBatch

        return self._exp().log_metrics(self.viewer, name, _parse(MetricBatch, {"metrics": points}))

    def log_metric_tuples(self, name: str, batch: list[tuple]) -> int:
        """The SDK's own buffered points (name, value, epoch seconds, step), already checked when logged:
        handed over as arrays, without per-point objects or a JSON round trip (measured: most of the cost)."""
        return self._exp().log_metric_arrays(self.viewer, name, _tuples_to_arrays(batch))

    def finish_trial_component(self, name: str, body: dict, batch: list[tuple], brief: bool = False) -> dict:
        """A run's last points and its final update in one transaction (RemoteBackend has no such call:
        the SDK then sends the points and the update one after the other)."""
        from ..experiments.models import TrialComponentUpdate

        return self._exp().finish_component(self.viewer, name, _parse(TrialComponentUpdate, body),
                                            _tuples_to_arrays(batch), brief=brief).model_dump(mode="json")

    def metric_series(self, name: str, metric_name: str, max_points: int = 2000) -> dict:
        return self._exp().series(self.viewer, name, metric_name, max_points=max_points).model_dump(mode="json")

    def search_trial_components(self, request: dict) -> dict:
        from ..experiments.models import SearchRequest

        return self._exp().search(self.viewer, _parse(SearchRequest, request)).model_dump(mode="json")

    # training and processing
    def create_training_job(self, body: dict) -> dict:
        from ..training.models import TrainingJobRequest

        job = self.services.training.create_training_job(self.viewer, _parse(TrainingJobRequest, body))
        return self.describe_training_job(job.job_name)

    def describe_training_job(self, name: str) -> dict:
        from ..training.describe import describe_processing_job, describe_training_job
        from ..training.handlers import final_metrics

        job = self.services.jobs.get(self.viewer, name)
        if job.job_kind == "processing":
            return describe_processing_job(job)
        return describe_training_job(job, final_metrics(self.services, self.viewer, job))

    def create_processing_job(self, body: dict) -> dict:
        from ..training.models import ProcessingJobRequest

        job = self.services.training.create_processing_job(self.viewer, _parse(ProcessingJobRequest, body))
        return self.describe_training_job(job.job_name)

    describe_processing_job = describe_training_job

    # tuning: the same calls as RemoteBackend's, on the service in this process
    def create_tuning_job(self, body: dict) -> dict:
        from ..tuning.models import TuningJobRequest

        return self.services.tuning.create(self.viewer, _parse(TuningJobRequest, body)).model_dump(mode="json")

    def describe_tuning_job(self, name: str) -> dict:
        return self.services.tuning.describe(self.viewer, name).model_dump(mode="json")

    def list_tuning_jobs(self, **filters: Any) -> dict:
        return self.services.tuning.list(self.viewer, **filters).model_dump(mode="json")

    def list_training_jobs_for_tuning_job(self, name: str) -> dict:
        return self.services.tuning.training_jobs(self.viewer, name).model_dump(mode="json")

    def stop_tuning_job(self, name: str) -> dict:
        return self.services.tuning.stop(self.viewer, name).model_dump(mode="json")

    def close(self) -> None:
        self.services.close()


def _tuples_to_arrays(batch: list[tuple]) -> dict:
    """(name, value, epoch seconds, step) tuples as {name: (steps, times, values)} float64 arrays."""
    import numpy as np

    if not batch:
        return {}
    names, values, times, steps = zip(*batch)
    columns = (np.array(steps, dtype="<f8"), np.array(times, dtype="<f8"),  # a step of None is NaN
               np.array(values, dtype="<f8"))
    metrics = dict.fromkeys(names)  # in the order first logged
    if len(metrics) == 1:
        return {names[0]: columns}
    by_name = np.array(names, dtype=object)
    return {m: tuple(col[by_name == m] for col in columns) for m in metrics}


def _parse(model: Any, body: dict) -> Any:
    """Validate a request body as the REST handler would: a bad field is a BadRequest naming it."""
    from pydantic import ValidationError

    from ..core.errors import from_validation_error

    try:
        return model.model_validate(body)
    except ValidationError as err:
        raise from_validation_error(err) from err


def find_backend(server_url: Optional[str] = None, token: Optional[str] = None, home: Optional[str] = None):
    if server_url:
        return RemoteBackend(server_url, token=token)
    env = os.environ
    if env.get("SMSTUDIO_URL") and env.get("SMSTUDIO_JOB_TOKEN"):
        return RemoteBackend(env["SMSTUDIO_URL"], job_token=env["SMSTUDIO_JOB_TOKEN"])
    if env.get("SMSTUDIO_URL"):
        # under JupyterHub the single-user server accepts its own API token
        token = env.get("SMSTUDIO_TOKEN") or env.get("JUPYTERHUB_API_TOKEN")
        return RemoteBackend(env["SMSTUDIO_URL"], token=token)
    return EmbeddedBackend(home=home)


def is_remote_url(path: str) -> bool:
    return "://" in path and not Path(path).exists()
