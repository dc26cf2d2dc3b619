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


class EmbeddedBackend:
    """The services in this process, on the SmStudio home (SQLite, local files, local processes)."""

    mode = "embedded"

    def __init__(self, home: Optional[str] = None, root_dir: Optional[str] = None):
        from ..core.config import Settings, build_services, default_home, default_owner

        self.services = build_services(Settings(home=home or default_home(), root_dir=root_dir or os.getcwd()))
        self.viewer = self.services.viewer(default_owner())
        self.storage = self.services.storage.for_user(self.viewer.user)
        self.services.jobs.reconcile()

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

        req = ScriptJobRequest.model_validate(request)
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

    def close(self) -> None:
        self.services.close()


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
