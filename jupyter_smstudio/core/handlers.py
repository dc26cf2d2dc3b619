"""The base handler every route stands on: auth, JSON in and out, one error translator, and the
handlers made from the rooms' operation tables.

Handlers do no store work on the event loop: an operation's service call runs in the offloader's
thread pool (`core/offload.py`), so one user's slow request never stalls another's.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any, Callable, ClassVar, Optional, TypeVar

from jupyter_server.auth.decorator import authorized
from jupyter_server.auth.identity import IdentityProvider, PasswordIdentityProvider, User
from jupyter_server.base.handlers import APIHandler
from jupyter_server.extension.handler import ExtensionHandlerMixin
from pydantic import BaseModel
from tornado import web

from .auth import Viewer
from .errors import BadRequest, MethodNotAllowed, NotFound, SmStudioError
from .models import model_json
from .offload import Offloader
from .operations import Operation
from .services import Services

T = TypeVar("T")
JOB_AUTH_SCHEME = "SmStudioJob "
API = "smstudio/api"
# jupyter-server's own providers, whose token users are random "Anonymous" names.
ANONYMOUS_PROVIDERS = (IdentityProvider, PasswordIdentityProvider)


class SmStudioHandler(ExtensionHandlerMixin, APIHandler):
    auth_resource = "smstudio"

    @property
    def services(self) -> Services:
        services: Services = self.settings["smstudio"]
        return services

    @property
    def offloader(self) -> Offloader:
        offloader: Offloader = self.settings["smstudio_offloader"]
        return offloader

    async def offload(self, work: Callable[[], T]) -> T:
        """`work()` off the event loop, in this user's share of the request threads."""
        return await self.offloader.run(self.owner, work)

    async def prepare(self) -> None:  # type: ignore[override]
        events = self.services.events
        if events is not None and events.loop is None:
            events.loop = asyncio.get_running_loop()
        header = self.request.headers.get("Authorization", "")
        if header.startswith(JOB_AUTH_SCHEME):
            # A job process reporting back: it acts as its job's owner while the job is active.
            credential = header[len(JOB_AUTH_SCHEME) :].strip()
            owner = await self.offloader.run("job-token", lambda: self.services.verify_job_token(credential))
            if owner is None:
                raise web.HTTPError(403, "invalid or expired job token")
            self.current_user = self._jupyter_current_user = User(username=owner)
            self._smstudio_owner = owner
            return
        await super().prepare()

    # -- identity -----------------------------------------------------------------------------
    @property
    def owner(self) -> str:
        """The name records are filed under.

        With jupyter-server's default identity provider every token user is a random
        'Anonymous' name, so the server's owner stands for them; real identity providers
        (JupyterHub's, a deployment's) name the user."""
        job_owner: Optional[str] = getattr(self, "_smstudio_owner", None)
        if job_owner:
            return job_owner
        if type(self.identity_provider) in ANONYMOUS_PROVIDERS:
            default: str = self.settings["smstudio_default_owner"]
            return default
        name: str = self.current_user.username
        return name

    @property
    def viewer(self) -> Viewer:
        return self.services.viewer(self.owner)

    # -- input ---------------------------------------------------------------------------------
    def json_body(self) -> Any:
        raw = self.request.body or b""
        limit: int = self.settings["smstudio_max_body_bytes"]
        if len(raw) > limit:
            raise BadRequest(f"request body is {len(raw)} bytes; the limit is {limit}", field="body")
        try:
            return json.loads(raw.decode("utf-8") or "null")
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise BadRequest(f"malformed JSON in request body: {err}", field="body") from err

    def raw_body(self) -> bytes:
        limit: int = self.settings["smstudio_max_upload_bytes"]
        if len(self.request.body) > limit:
            raise BadRequest(f"upload is {len(self.request.body)} bytes; the limit is {limit}", field="body")
        return self.request.body

    # -- output --------------------------------------------------------------------------------
    def write_model(self, model: BaseModel, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(model.model_dump_json())

    def _handle_request_exception(self, e: BaseException) -> None:
        if isinstance(e, SmStudioError):
            if e.status >= 500:
                self.log.error("smstudio: %s", e.message, exc_info=e)
            if not self._finished:
                self.send_error(e.status, smstudio_error=e)
            return
        super()._handle_request_exception(e)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        err: Optional[SmStudioError] = kwargs.get("smstudio_error")
        self.set_header("Content-Type", "application/json")
        if err is not None:
            body = err.to_dict()
            if err.retry_after is not None:
                self.set_header("Retry-After", str(err.retry_after))
        else:
            exc = kwargs.get("exc_info", (None, None, None))[1]
            message = getattr(exc, "log_message", None) or self._reason
            if status_code >= 500:
                message = "internal error; the server log has the details"
            body = {"message": message, "reason": self._reason.replace(" ", ""), "field": None}
        self.finish(json.dumps(body))


class OperationHandler(SmStudioHandler):
    """The handler of one route: its operations by HTTP method, each calling `room`'s service."""

    operations: ClassVar[dict[str, tuple[str, Operation]]] = {}

    @web.authenticated
    @authorized
    async def get(self, **path: str) -> None:
        await self._run(path)

    post = put = patch = delete = get

    async def _run(self, path: dict[str, str]) -> None:
        method = self.request.method or "GET"
        if method not in self.operations:
            raise MethodNotAllowed(
                f"{method} is not allowed on {self.request.path} (only {', '.join(self.operations)})"
            )
        room, op = self.operations[method]
        values: dict[str, Any] = dict(path)
        for query in op.query:
            values[query.name] = query.parse(self.get_query_argument(query.name, None))
        if op.raw_body:
            values["data"] = self.raw_body()
        elif op.body is not None:
            values["request"] = op.validate(self.json_body())
        viewer = self.viewer
        service = self.services.room_service(room)

        def work() -> bytes:  # the answer is serialized in the thread too: a big page takes a while
            result = op.invoke(service, viewer, values)
            return result if op.raw_result else model_json(result)

        payload = await self.offload(work)
        self.set_status(op.status)
        self.set_header("Content-Type", "application/octet-stream" if op.raw_result else "application/json")
        self.finish(payload)


class UnknownRouteHandler(SmStudioHandler):
    """Anything else under the API answers a JSON 404, after authentication like the rest."""

    @web.authenticated
    @authorized
    def get(self, *_args: str) -> None:
        raise NotFound(f"no such API route: {self.request.path}")

    post = put = delete = patch = get


def operation_handlers(operations: list[tuple[str, Operation]]) -> list[tuple[str, type]]:
    """One handler class per route of the rooms' operations ((room name, operation) pairs)."""
    routes: dict[str, dict[str, tuple[str, Operation]]] = {}
    for room, op in operations:
        by_method = routes.setdefault(op.pattern, {})
        if op.method in by_method:
            raise RuntimeError(f"two operations for {op.method} {op.path}: {by_method[op.method][1].name}, {op.name}")
        by_method[op.method] = (room, op)
    handlers: list[tuple[str, type]] = []
    for pattern, by_method in routes.items():
        first = next(iter(by_method.values()))[1]
        name = "".join(part.title() for part in first.name.split("_")) + "Handler"  # for logs and tracebacks
        handlers.append((rf"/{API}/{pattern}", type(name, (OperationHandler,), {"operations": by_method})))
    handlers.append((rf"/{API}/(.*)", UnknownRouteHandler))
    return handlers
