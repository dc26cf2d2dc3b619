"""The router: `POST smstudio/api/endpoints/{name}/invocations`, SageMaker's InvokeEndpoint.

Raw bytes in and out, so not an operation of the table: the service picks the variant (by weight, or the one in
`X-Amzn-SageMaker-Target-Variant`) and the instance (round robin), off the event loop; the request is forwarded
here on the loop with keep-alive connections (aiohttp), and the instance's body, status and content type come
back with `X-Amzn-Invoked-Production-Variant`. An instance that refuses the connection (stopping, restarting)
or dies before answering is skipped for the next one of its variant. Afterwards the service is told (in flight
no more, metrics, data capture: `EndpointService.answered`, which only enqueues the capture).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Optional

import aiohttp
from jupyter_server.auth.decorator import authorized
from tornado import web

from ..core.auth import Viewer
from ..core.db import StoreDamaged
from ..core.errors import Forbidden, PayloadTooLarge
from ..core.handlers import API, SmStudioHandler, refuse_nul
from .capture import INFERENCE_ID_HEADER, check_inference_id
from .routing import NoInstance, Route
from .service import EndpointService
from .serving import TOKEN_HEADER

MAX_PAYLOAD_BYTES = 6 * 1024 * 1024  # SageMaker's real-time payload limit
TIMEOUT = 60.0  # SageMaker's invocation timeout
TARGET_VARIANT = "X-Amzn-SageMaker-Target-Variant"
INVOKED_VARIANT = "X-Amzn-Invoked-Production-Variant"

_clients: dict[int, aiohttp.ClientSession] = {}


def _client() -> aiohttp.ClientSession:
    """One pooled keep-alive session per event loop (the server has one; tests may run several). aiohttp, not
    httpx: a fifth of the CPU per forwarded request here (220 us against 1,050 us), which is the router's cost."""
    loop = id(asyncio.get_running_loop())
    client = _clients.get(loop)
    if client is None or client.closed:
        client = _clients[loop] = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=TIMEOUT),
            connector=aiohttp.TCPConnector(limit=200, limit_per_host=0, keepalive_timeout=30),
            auto_decompress=False,
            skip_auto_headers=("User-Agent", "Accept-Encoding"),
        )
    return client


async def close_clients() -> None:
    """The server is stopping: close this loop's keep-alive connections to the instances."""
    client = _clients.pop(id(asyncio.get_running_loop()), None)
    if client is not None:
        await client.close()


@dataclass(frozen=True)
class _Answer:
    status_code: int
    content_type: str
    content: bytes


async def _post(host: str, port: int, token: str, body: bytes, headers: dict[str, str]) -> _Answer:
    if token:
        headers = {**headers, TOKEN_HEADER: token}
    async with _client().post(f"http://{host}:{port}/invocations", data=body, headers=headers) as resp:
        content = await resp.read()
        return _Answer(resp.status, resp.headers.get("Content-Type", ""), content)


class InvocationsHandler(SmStudioHandler):
    def set_secure_cookie(self, *args: object, **kwargs: object) -> None:
        """No login cookie on an invocation: Jupyter sets one on every token-authenticated request that brought
        none (a third of the router's own time under load), and an API client sends its token each time."""

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
        headers = {
            "Content-Type": self.request.headers.get("Content-Type", "application/json"),
            "Accept": self.request.headers.get("Accept", "*/*"),
        }
        started = time.monotonic()
        answer: Optional[_Answer] = None
        # a variant of one instance is tried twice: a kept-alive connection the instance had just closed fails
        # without the request reaching it (a dead instance refuses the second try at once)
        attempts = route.addresses() if len(route.ports) > 1 else route.addresses() * 2
        try:
            for host, port, token in attempts:
                try:
                    answer = await _post(host, port, token, body, headers)
                    break
                except (aiohttp.ClientConnectionError, aiohttp.ClientPayloadError):
                    continue  # this instance is gone or died before answering: the next one of the variant
        finally:
            status = answer.status_code if answer is not None else 503
            service.answered(
                route,
                time.monotonic() - started,
                status,
                body,
                headers["Content-Type"],
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
