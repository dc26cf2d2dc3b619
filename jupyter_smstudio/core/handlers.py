"""The base handler every room's handlers stand on: auth, JSON in and out, one error translator."""
from __future__ import annotations

import asyncio
import json
from typing import Any, Optional, TypeVar

from jupyter_server.auth.decorator import authorized
from jupyter_server.auth.identity import IdentityProvider, PasswordIdentityProvider, User
from jupyter_server.base.handlers import APIHandler
from jupyter_server.extension.handler import ExtensionHandlerMixin
from pydantic import BaseModel, ValidationError
from tornado import web

from .auth import Viewer
from .errors import BadRequest, NotFound, SmStudioError, from_validation_error
from .models import WhoAmI
from .services import Services

M = TypeVar("M", bound=BaseModel)
JOB_AUTH_SCHEME = "SmStudioJob "
API = "smstudio/api"
# jupyter-server's own providers, whose token users are random "Anonymous" names.
ANONYMOUS_PROVIDERS = (IdentityProvider, PasswordIdentityProvider)


class SmStudioHandler(ExtensionHandlerMixin, APIHandler):
    auth_resource = "smstudio"

    @property
    def services(self) -> Services:
        return self.settings["smstudio"]

    @property
    def max_body_bytes(self) -> int:
        return self.settings["smstudio_max_body_bytes"]

    async def prepare(self) -> None:
        if self.services.events is not None and self.services.events.loop is None:
            self.services.events.loop = asyncio.get_running_loop()
        header = self.request.headers.get("Authorization", "")
        if header.startswith(JOB_AUTH_SCHEME):
            # A job process reporting back: it acts as its job's owner while the job is active.
            owner = self.services.jobs.authenticate(header[len(JOB_AUTH_SCHEME):].strip())
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
        if getattr(self, "_smstudio_owner", None):
            return self._smstudio_owner
        user = self.current_user
        if type(self.identity_provider) in ANONYMOUS_PROVIDERS:
            return self.settings["smstudio_default_owner"]
        return user.username

    @property
    def viewer(self) -> Viewer:
        return self.services.viewer(self.owner)

    # -- input ---------------------------------------------------------------------------------
    def body(self, model: type[M]) -> M:
        raw = self.request.body or b""
        if len(raw) > self.max_body_bytes:
            raise BadRequest(f"request body is {len(raw)} bytes; the limit is {self.max_body_bytes}", field="body")
        try:
            data = json.loads(raw.decode("utf-8") or "null")
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise BadRequest(f"malformed JSON in request body: {err}", field="body") from err
        if not isinstance(data, dict):
            raise BadRequest("the request body must be a JSON object", field="body")
        try:
            return model.model_validate(data)
        except ValidationError as err:
            raise from_validation_error(err) from err

    def query_int(self, name: str, default: int) -> int:
        raw = self.get_query_argument(name, None)
        if raw is None or raw == "":
            return default
        try:
            return int(raw)
        except ValueError as err:
            raise BadRequest(f"'{name}' must be an integer, got '{raw}'", field=name) from err

    def query_str(self, name: str, required: bool = False) -> Optional[str]:
        value = self.get_query_argument(name, None)
        if required and not value:
            raise BadRequest(f"missing required query parameter '{name}'", field=name)
        return value or None

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
        else:
            exc = kwargs.get("exc_info", (None, None, None))[1]
            message = getattr(exc, "log_message", None) or self._reason
            if status_code >= 500:
                message = "internal error; the server log has the details"
            body = {"message": message, "reason": self._reason.replace(" ", ""), "field": None}
        self.finish(json.dumps(body))


class WhoAmIHandler(SmStudioHandler):
    @web.authenticated
    @authorized
    def get(self) -> None:
        s = self.services
        storage = s.storage.for_user(self.owner)
        self.write_model(WhoAmI(user=self.owner, admin=self.viewer.admin, version=s.version, rooms=s.rooms,
                                job_runner=s.job_runner, storage_root=storage.root_url,
                                home_volume=storage.home_volume))


class StorageListHandler(SmStudioHandler):
    @web.authenticated
    @authorized
    def get(self) -> None:
        storage = self.services.storage.for_user(self.owner)
        self.write_model(storage.list(self.query_str("url", required=True)))


class StorageObjectHandler(SmStudioHandler):
    @web.authenticated
    @authorized
    def get(self) -> None:
        storage = self.services.storage.for_user(self.owner)
        data = storage.read_bytes(self.query_str("url", required=True))
        self.set_header("Content-Type", "application/octet-stream")
        self.finish(data)

    @web.authenticated
    @authorized
    def put(self) -> None:
        storage = self.services.storage.for_user(self.owner)
        limit = self.settings["smstudio_max_upload_bytes"]
        if len(self.request.body) > limit:
            raise BadRequest(f"upload is {len(self.request.body)} bytes; the limit is {limit}", field="body")
        entry = storage.write_bytes(self.query_str("url", required=True), self.request.body)
        self.write_model(entry, status=201)


class UnknownRouteHandler(SmStudioHandler):
    """Anything else under the API answers a JSON 404, after authentication like the rest."""

    @web.authenticated
    @authorized
    def get(self, *_args: str) -> None:
        raise NotFound(f"no such API route: {self.request.path}")

    post = put = delete = patch = get


def core_handlers() -> list[tuple[str, type]]:
    return [
        (rf"/{API}/whoami", WhoAmIHandler),
        (rf"/{API}/storage", StorageListHandler),
        (rf"/{API}/storage/object", StorageObjectHandler),
    ]
