"""The router: `POST smstudio/api/endpoints/{name}/invocations`, SageMaker's InvokeEndpoint.

Raw bytes in and out, so not an operation of the table: the service picks the variant (by weight, or the one in
`X-Amzn-SageMaker-Target-Variant`) and the instance (round robin), off the event loop; the request is forwarded
here on the loop with keep-alive connections (httpx), and the instance's body, status and content type come
back with `X-Amzn-Invoked-Production-Variant`. An instance that refuses the connection (stopping, restarting)
is skipped for the next one of its variant.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Optional

import httpx
from jupyter_server.auth.decorator import authorized
from tornado import web

from ..core.auth import Viewer
from ..core.db import StoreDamaged
from ..core.errors import Forbidden, PayloadTooLarge, SmStudioError
from ..core.handlers import API, SmStudioHandler, refuse_nul
from .service import EndpointService

MAX_PAYLOAD_BYTES = 6 * 1024 * 1024  # SageMaker's real-time payload limit
TIMEOUT = 60.0  # SageMaker's invocation timeout
TARGET_VARIANT = "X-Amzn-SageMaker-Target-Variant"
INVOKED_VARIANT = "X-Amzn-Invoked-Production-Variant"

_clients: dict[int, httpx.AsyncClient] = {}


def _client() -> httpx.AsyncClient:
    """One pooled client per event loop (the server has one; tests may run several)."""
    loop = id(asyncio.get_running_loop())
    client = _clients.get(loop)
    if client is None:
        client = _clients[loop] = httpx.AsyncClient(
            timeout=TIMEOUT, limits=httpx.Limits(max_connections=200, max_keepalive_connections=50)
        )
    return client


class NoInstance(SmStudioError):
    status = 503
    reason = "ServiceUnavailable"
    retry_after = 1


class InvocationsHandler(SmStudioHandler):
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
        refuse_nul({"EndpointName": endpoint_name, "TargetVariant": target or ""}, "url")
        service: EndpointService = self.services.room_service("endpoints")
        route = await self.offload(lambda: service.route(viewer, endpoint_name, target))
        headers = {
            "Content-Type": self.request.headers.get("Content-Type", "application/json"),
            "Accept": self.request.headers.get("Accept", "*/*"),
        }
        started = time.monotonic()
        answer: Any = None
        for port in route.ports:
            try:
                answer = await _client().post(f"http://127.0.0.1:{port}/invocations", content=body, headers=headers)
                break
            except httpx.ConnectError:
                continue  # this instance is going away: the next one of the variant
        status = answer.status_code if answer is not None else 503
        service.metrics.record(route.owner, endpoint_name, route.variant, time.monotonic() - started, status)
        if answer is None:
            raise NoInstance(f"no instance of variant '{route.variant}' of '{endpoint_name}' answered")
        self.set_status(answer.status_code)
        self.set_header("Content-Type", answer.headers.get("content-type", "application/octet-stream"))
        self.set_header(INVOKED_VARIANT, route.variant)
        self.finish(answer.content)


HANDLERS: list[tuple[str, type]] = [(rf"/{API}/endpoints/(?P<endpoint_name>[^/]+)/invocations", InvocationsHandler)]
