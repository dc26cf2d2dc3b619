"""The router: `POST smstudio/api/endpoints/{name}/invocations`, SageMaker's InvokeEndpoint.

Raw bytes in and out, so not an operation of the table: the service picks the variant (by weight, or the one in
`X-Amzn-SageMaker-Target-Variant`) and the instance (round robin), off the event loop; the request is forwarded
here on the loop with kept-alive connections (instance_client.py), and the instance's body, status and content
type come back with `X-Amzn-Invoked-Production-Variant`. An instance that refuses the connection (stopping,
restarting) or dies before answering is skipped for the next one of its variant. Afterwards the service is told
(in flight no more, metrics, data capture: `EndpointService.answered`, which only enqueues the capture).
"""

from __future__ import annotations

import asyncio
import time
from typing import Optional, cast

from jupyter_server.auth import IdentityProvider
from jupyter_server.auth.decorator import authorized
from tornado import web

from ..core.auth import Viewer
from ..core.db import StoreDamaged
from ..core.errors import Forbidden, PayloadTooLarge
from ..core.handlers import API, SmStudioHandler, refuse_nul
from .capture import INFERENCE_ID_HEADER, check_inference_id
from .instance_client import Answer, InstanceClient, InstanceGone
from .recent_users import RecentUsers, RememberingIdentityProvider
from .routing import ModelError, NoInstance, Route
from .service import EndpointService
from .serving import TOKEN_HEADER

MAX_PAYLOAD_BYTES = 6 * 1024 * 1024  # SageMaker's real-time payload limit
TIMEOUT = 60.0  # SageMaker's invocation timeout
TARGET_VARIANT = "X-Amzn-SageMaker-Target-Variant"
INVOKED_VARIANT = "X-Amzn-Invoked-Production-Variant"

_clients: dict[int, InstanceClient] = {}


def _client() -> InstanceClient:
    """One pool of kept-alive connections per event loop (the server has one; tests may run several)."""
    loop = id(asyncio.get_running_loop())
    client = _clients.get(loop)
    if client is None:
        client = _clients[loop] = InstanceClient(TIMEOUT)
    return client


async def close_clients() -> None:
    """The server is stopping: close this loop's kept-alive connections to the instances."""
    client = _clients.pop(id(asyncio.get_running_loop()), None)
    if client is not None:
        client.close()


class InvocationsHandler(SmStudioHandler):
    @property
    def identity_provider(self) -> IdentityProvider:
        """The server's identity provider, remembering who sent the same credentials in the last seconds
        (recent_users.py): an API client invokes with the same token thousands of times a second."""
        remembering = self.settings.get("smstudio_remembering_identity")
        if remembering is None:
            remembering = RememberingIdentityProvider(super().identity_provider, RecentUsers())
            self.settings["smstudio_remembering_identity"] = remembering
        return cast(IdentityProvider, remembering)

    def set_secure_cookie(self, *args: object, **kwargs: object) -> None:
        """No login cookie on an invocation: Jupyter sets one on every token-authenticated request that brought
        none (a third of the router's own time under load), and an API client sends its token each time."""

    def _log(self) -> None:
        """Jupyter logs every request: a debug line for a success (formatted whether shown or not) and a
        Prometheus observation, 3% of the router's time under load. The room counts invocations itself
        (metrics.py: per variant, latency and errors), so only a refused invocation is logged here."""
        if self.get_status() >= 400:
            super()._log()

    @web.authenticated
    @authorized
    async def post(self, endpoint_name: str) -> None:
        if getattr(self, "_smstudio_job", None):
            raise Forbidden("a job's token cannot invoke endpoints: it may only record its own work")
        await self.invoke(self.viewer, endpoint_name)

    async def invoke(self, viewer: Viewer, endpoint_name: str) -> None:
        """InvokeEndpoint for `viewer` (whoever authenticated the request: Jupyter's login, or a signed call)."""
        store_error: Optional[str] = self.settings.get("smstudio_store_error")
        if store_error:
            raise StoreDamaged(store_error)
        body = self.request.body or b""
        if len(body) > MAX_PAYLOAD_BYTES:
            raise PayloadTooLarge(f"the payload is {len(body)} bytes; the limit is {MAX_PAYLOAD_BYTES}", field="Body")
        target = self.request.headers.get(TARGET_VARIANT) or None
        inference_id = self.request.headers.get(INFERENCE_ID_HEADER)
        check_inference_id(inference_id)
        refuse_nul({"EndpointName": endpoint_name, "TargetVariant": target or ""}, "url")
        service: EndpointService = self.services.room_service("endpoints")
        # the router's copy of the endpoint when it has one (no store, no thread); else read off the loop
        route: Optional[Route] = service.cached_route(viewer, endpoint_name, target)
        if route is None:
            route = await self.offload(lambda: service.route(viewer, endpoint_name, target))
        content_type = self.request.headers.get("Content-Type", "application/json")
        accept = self.request.headers.get("Accept", "*/*")
        started = time.monotonic()
        answer: Optional[Answer] = None
        # a variant of one instance is tried twice: a kept-alive connection the instance had just closed fails
        # without the request reaching it (a dead instance refuses the second try at once)
        attempts = route.addresses() if len(route.ports) > 1 else route.addresses() * 2
        try:
            for host, port, token in attempts:
                try:
                    extra = ((TOKEN_HEADER, token),) if token else ()
                    answer = await _client().post(host, port, body, content_type, accept, extra)
                    break
                except InstanceGone:
                    continue  # this instance is gone or died before answering: the next one of the variant
                except TimeoutError as err:
                    raise ModelError(
                        f"the instance of variant '{route.variant}' did not answer within {TIMEOUT:.0f} s",
                        408,
                        b"",
                        "",
                    ) from err
        finally:
            status = answer.status_code if answer is not None else 503
            service.answered(
                route,
                time.monotonic() - started,
                status,
                body,
                content_type,
                answer.content if answer is not None else b"",
                answer.content_type if answer is not None else "",
                inference_id,
            )
        if answer is None:
            raise NoInstance(f"no instance of variant '{route.variant}' of '{endpoint_name}' answered")
        self.set_status(answer.status_code)
        self.set_header("Content-Type", answer.content_type or "application/octet-stream")
        self.set_header(INVOKED_VARIANT, route.variant)
        self.finish(answer.content)


HANDLERS: list[tuple[str, type]] = [(rf"/{API}/endpoints/(?P<endpoint_name>[^/]+)/invocations", InvocationsHandler)]
