"""How the SDK reaches SmStudio: over REST to a server, or in-process on the SmStudio home.

Both backends answer the same calls, made from one table: the rooms' operations (studio.py). A
call such as `backend.describe_job(name)` is, remotely, `GET smstudio/api/jobs/{name}`, and,
embedded, the Jobs service's `get(viewer, job_name=name)`; both answer the same JSON as dicts. Bodies
are the rooms' request models as dicts (snake_case names), except `search`, which takes SageMaker's.

`find_backend()` decides, in this order: explicit arguments; inside a job, the job's server
and token; `SMSTUDIO_URL` (+ `SMSTUDIO_TOKEN`, which a JupyterLab running the extension
exports to its kernels); otherwise embedded mode, so scripts and CI need no server.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from typing import Any, Callable, Optional
from urllib.parse import quote

from pydantic import BaseModel

from ..core.errors import BadRequest, Conflict, Forbidden, NotFound, SmStudioError
from ..core.operations import Operation
from ..studio import ROOMS

_BY_STATUS = {400: BadRequest, 403: Forbidden, 404: NotFound, 409: Conflict}
OPERATIONS: dict[str, tuple[str, Operation]] = {op.name: (room.name, op) for room in ROOMS for op in room.operations}


class SmStudioClientError(SmStudioError):
    """An error the server answered, re-raised in the client with its status and field."""

    def __init__(self, status: int, message: str, reason: str = "", field: Optional[str] = None):
        super().__init__(message, field=field)
        self.status = status
        self.reason = reason or "ClientError"


class Backend(ABC):
    """The rooms' operations as methods: `backend.<operation name>(*args, **kwargs)`."""

    mode = ""

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("_") or name not in OPERATIONS:
            raise AttributeError(f"{type(self).__name__} has no call '{name}'")
        room, op = OPERATIONS[name]

        def call(*args: Any, **kwargs: Any) -> Any:
            return self._call(room, op, op.bind(args, kwargs))

        call.__name__ = name
        setattr(self, name, call)  # looked up once per backend
        return call

    @abstractmethod
    def _call(self, room: str, op: Operation, values: dict[str, Any]) -> Any:
        """Each backend's transport: the operation with its arguments by name."""

    def close(self) -> None:  # noqa: B027 - a remote backend holds nothing to release
        """Release what the backend holds (the embedded services' threads)."""


class RemoteBackend(Backend):
    mode = "server"

    def __init__(self, url: str, token: Optional[str] = None, job_token: Optional[str] = None, timeout: float = 60):
        import requests  # only a remote backend needs it

        self.url = url.rstrip("/") + "/"
        self.http = requests.Session()
        if job_token:
            self.http.headers["Authorization"] = f"SmStudioJob {job_token}"
        elif token:
            self.http.headers["Authorization"] = f"token {token}"
        self.timeout = timeout

    def _call(self, room: str, op: Operation, values: dict[str, Any]) -> Any:
        path = op.path.format(**{p: quote(str(values[p]), safe="") for p in op.placeholders})
        params = {q.name: _query_text(values[q.name]) for q in op.query if values.get(q.name) is not None}
        body = values.get("request")
        if isinstance(body, BaseModel):
            body = body.model_dump(mode="json", by_alias=True)
        resp = self.http.request(
            op.method,
            f"{self.url}smstudio/api/{path}",
            params=params,
            json=body if op.body is not None else None,
            data=values.get("data"),
            timeout=self.timeout,
        )
        if resp.status_code >= 400:
            try:
                answer = resp.json()
            except ValueError:
                answer = {"message": resp.text[:500] or resp.reason}
            cls = _BY_STATUS.get(resp.status_code)
            message = answer.get("message", resp.reason)
            if cls is not None:
                raise cls(message, field=answer.get("field"))
            raise SmStudioClientError(resp.status_code, message, answer.get("reason", ""), answer.get("field"))
        return resp.content if op.raw_result else resp.json()


class EmbeddedBackend(Backend):
    """The services in this process, on the SmStudio home (SQLite, local files, local processes)."""

    mode = "embedded"

    def __init__(self, home: Optional[str] = None, root_dir: Optional[str] = None):
        from ..core.settings import default_owner
        from ..studio import StudioSettings, build_services

        settings = StudioSettings(root_dir=root_dir or os.getcwd())
        if home:
            settings.smstudio_home = home
        # a script is in no hurry: it waits for another writer's lock as long as it takes (no 503s)
        self.services = build_services(settings, db_options={"busy_timeout": 30.0})
        # inside a job the process acts as the job's owner and leaves job monitoring to its server
        in_job = bool(os.environ.get("SMSTUDIO_JOB_NAME"))
        self.viewer = self.services.viewer(os.environ.get("SMSTUDIO_JOB_OWNER") or "" if in_job else default_owner())
        self._local = {name: (room.name, fn) for room in ROOMS for name, fn in room.local_calls.items()}
        if not in_job:
            self.services.start()

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name in self.__dict__.get("_local", {}):
            room, fn = self._local[name]

            def call(*args: Any, **kwargs: Any) -> Any:
                return _json(fn(self.services.room_service(room), self.viewer, *args, **kwargs))

            setattr(self, name, call)
            return call
        return super().__getattr__(name)

    def _call(self, room: str, op: Operation, values: dict[str, Any]) -> Any:
        for query in op.query:  # as the server would read them from the URL
            values[query.name] = query.coerce(values.get(query.name))
        if op.body is not None:
            values["request"] = op.validate(values["request"])
        result = op.invoke(self.services.room_service(room), self.viewer, values)
        return result if op.raw_result else _json(result)

    def close(self) -> None:
        self.services.close()


def _json(result: Any) -> Any:
    return result.model_dump(mode="json") if isinstance(result, BaseModel) else result


def _query_text(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def find_backend(server_url: Optional[str] = None, token: Optional[str] = None, home: Optional[str] = None) -> Backend:
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
