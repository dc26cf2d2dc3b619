"""The base handler every route stands on: auth, JSON in and out, one error translator, and the
handlers made from the rooms' operation tables.

Handlers do no store work on the event loop: an operation's service call runs in the offloader's
thread pool (`core/offload.py`), so one user's slow request never stalls another's.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any, Callable, ClassVar, Optional, TypeVar

from jupyter_core.utils import ensure_async
from jupyter_server.auth.decorator import authorized, ws_authenticated
from jupyter_server.auth.identity import IdentityProvider, PasswordIdentityProvider, User
from jupyter_server.base.handlers import APIHandler, JupyterHandler
from jupyter_server.extension.handler import ExtensionHandlerMixin
from pydantic import BaseModel
from tornado import web, websocket

from .auth import Viewer
from .db import StoreDamaged
from .errors import BadRequest, Forbidden, MethodNotAllowed, NotFound, PayloadTooLarge, SmStudioError
from .models import model_json
from .offload import Offloader
from .operations import Operation
from .services import Services

T = TypeVar("T")
JOB_AUTH_SCHEME = "SmStudioJob "
API = "smstudio/api"
# jupyter-server's own providers, whose token users are random "Anonymous" names.
ANONYMOUS_PROVIDERS = (IdentityProvider, PasswordIdentityProvider)


def refuse_nul(data: Any, field: str) -> None:
    """NUL in a name, a path or a text is refused once, here: no store, file system or process takes it.
    So is a lone surrogate (JSON's "\\ud800" decodes to one): it is no Unicode text, and no store, file name
    or log line can encode it. The answer names where it was (`arguments.0`, `tags`); `field` is the whole."""
    stack = [data]
    while stack:  # on the event loop, for every body (10,000 metric points): no paths kept on the way
        item = stack.pop()
        if isinstance(item, str):
            if _bad_text(item):
                _refuse_where(data, field)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _bad_text(text: str) -> Optional[str]:
    if "\x00" in text:
        return "NUL characters are"
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return "text with a lone surrogate (not Unicode) is"
    return None


def _refuse_where(data: Any, field: str) -> None:
    """The walk again, keeping paths, to name the field of the first bad text (a request refused anyway)."""
    stack: list[tuple[Any, tuple[str, ...]]] = [(data, ())]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            problem = _bad_text(item)
            if problem:
                raise BadRequest(f"{problem} not allowed in requests", field=".".join(where) or field)
        elif isinstance(item, dict):
            for key, value in item.items():
                stack.append((key, where))  # a bad key: the mapping is named
                stack.append((value, (*where, str(key))))
        elif isinstance(item, list):
            stack.extend((value, (*where, str(i))) for i, value in enumerate(item))


def identity_of(handler: JupyterHandler) -> str:
    """The name a signed-in user's records are filed under. With jupyter-server's default identity provider
    every token user is a random 'Anonymous' name, so the server's owner stands for them; real identity
    providers (JupyterHub's, a deployment's) name the user."""
    if type(handler.settings.get("identity_provider")) in ANONYMOUS_PROVIDERS:  # the server's own, not a wrapper
        default: str = handler.settings["smstudio_default_owner"]
        return default
    name: str = handler.current_user.username
    return name


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
            # A job process reporting back: it acts as its job's owner while the job is active, for the
            # operations a job may do (Operation.for_jobs). Jupyter's host and origin checks still apply
            # (as for any token-authenticated request).
            if not self.check_host():
                raise web.HTTPError(403)
            credential = header[len(JOB_AUTH_SCHEME) :].strip()
            owner = await self.offloader.run("job-token", lambda: self.services.verify_job_token(credential))
            if owner is None:
                raise web.HTTPError(403, "invalid or expired job token")
            self.current_user = self._jupyter_current_user = User(username=owner)
            self._token_authenticated = True
            if not self.check_origin():
                raise web.HTTPError(404)
            self._smstudio_owner = owner
            self._smstudio_job = credential.partition(":")[0]
            return
        await super().prepare()

    # -- identity -----------------------------------------------------------------------------
    @property
    def owner(self) -> str:
        """The name records are filed under (see `identity_of`); a job's token stands for its owner."""
        job_owner: Optional[str] = getattr(self, "_smstudio_owner", None)
        return job_owner or identity_of(self)

    @property
    def viewer(self) -> Viewer:
        return self.services.viewer(self.owner, job=getattr(self, "_smstudio_job", None))

    # -- input ---------------------------------------------------------------------------------
    def json_body(self) -> Any:
        raw = self.request.body or b""
        limit: int = self.settings["smstudio_max_body_bytes"]
        if len(raw) > limit:
            raise PayloadTooLarge(f"request body is {len(raw)} bytes; the limit is {limit}", field="body")
        try:
            text = raw.decode("utf-8")
            data = json.loads(text or "null")
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise BadRequest(f"malformed JSON in request body: {err}", field="body") from err
        except RecursionError:
            raise BadRequest("the request body nests too deep", field="body") from None
        refuse_nul(data, "body")
        return data

    def raw_body(self) -> bytes:
        limit: int = self.settings["smstudio_max_upload_bytes"]
        if len(self.request.body) > limit:
            raise PayloadTooLarge(f"upload is {len(self.request.body)} bytes; the limit is {limit}", field="body")
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
        if getattr(self, "_smstudio_job", None) and not op.for_jobs:
            raise Forbidden(f"a job's token cannot call {op.name}: it may only record its own work")
        store_error: Optional[str] = self.settings.get("smstudio_store_error")
        if store_error and room != "core":  # the store could not be opened at start-up (app.py): only core runs
            raise StoreDamaged(store_error)
        values: dict[str, Any] = dict(path)
        for query in op.query:
            values[query.name] = query.parse(self.get_query_argument(query.name, None))
        refuse_nul(values, "url")
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


class EventsSocket(ExtensionHandlerMixin, JupyterHandler, websocket.WebSocketHandler):
    """`smstudio/api/events`: the live updates this user may see (core/events.py), as JSON text frames."""

    auth_resource = "smstudio"

    async def pre_get(self) -> None:
        if not await ensure_async(self.authorizer.is_authorized(self, self.current_user, "read", "smstudio")):
            raise web.HTTPError(403)

    @ws_authenticated
    async def get(self, *args: Any, **kwargs: Any) -> None:
        await self.pre_get()
        answer = super().get(*args, **kwargs)
        if answer is not None:
            await answer

    def open(self, *args: str, **kwargs: str) -> None:
        services: Services = self.settings["smstudio"]
        owner = identity_of(self)
        self._viewer = services.viewer(owner)
        assert services.events is not None
        if services.events.loop is None:
            services.events.loop = asyncio.get_running_loop()
        self._leave = services.events.subscribe(self)

    def can_see(self, owner: str) -> bool:
        return self._viewer.can_see(owner)

    def send(self, text: str) -> None:
        self.write_message(text)

    def on_close(self) -> None:
        leave = getattr(self, "_leave", None)
        if leave is not None:
            leave()


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
    handlers.append((rf"/{API}/events", EventsSocket))
    handlers.append((rf"/{API}/(.*)", UnknownRouteHandler))
    return handlers
