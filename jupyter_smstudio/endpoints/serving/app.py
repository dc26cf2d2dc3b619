"""The instance's HTTP side: Starlette on uvicorn, SageMaker's container routes.

The handler's work runs in a thread (Starlette's threadpool), so a slow prediction never stops `/ping` from
answering; requests that arrive together share one prediction where the model allows it (batching.py); a body
over `max_payload_bytes` is refused with 413 before it is read whole. An instance the room started has a token
(SMSTUDIO_INSTANCE_TOKEN): `/invocations` answers only requests that carry it, which only the router does, so
another user of the machine cannot reach a model on its loopback port past the room's auth.
"""

from __future__ import annotations

import hmac
import json
from typing import Optional

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from . import TOKEN_HEADER, codecs
from .batching import batcher_for
from .handler import ClientError, InferenceHandler
from .pipeline import PipelineHandler

# SageMaker's real-time payload limit
MAX_PAYLOAD_BYTES = 6 * 1024 * 1024


def build_app(
    handler: InferenceHandler | PipelineHandler,
    max_payload_bytes: int = MAX_PAYLOAD_BYTES,
    token: Optional[str] = None,
) -> ASGIApp:
    expected = token.encode() if token else None
    batcher = batcher_for(handler)

    async def predict(body: bytes, content_type: str, accept: str) -> tuple[bytes, str]:
        if batcher is not None:
            return await batcher.invoke(body, content_type, accept)
        return await run_in_threadpool(handler.invoke, body, content_type, accept)

    async def ping(request: Request) -> Response:
        return Response(status_code=200)

    async def invocations(scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope["headers"])  # ASGI gives the names in lower case
        if expected is not None and not hmac.compare_digest(headers.get(TOKEN_HEADER_KEY, b""), expected):
            return await _error(send, 403, "this instance answers its endpoint's router only")
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > max_payload_bytes:
            return await _error(send, 413, f"the payload is over {max_payload_bytes} bytes")
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            body.extend(message.get("body", b""))
            if len(body) > max_payload_bytes:
                return await _error(send, 413, f"the payload is over {max_payload_bytes} bytes")
            if not message.get("more_body"):
                break
        content_type = codecs.media_type(_text(headers.get(b"content-type")), codecs.JSON)
        accept = codecs.accept_type(_text(headers.get(b"accept")), content_type)
        try:
            answer, media = await predict(bytes(body), content_type, accept)
        except ClientError as err:
            return await _error(send, err.status, str(err))
        await _answer(send, 200, answer, media)

    others = Starlette(routes=[Route("/ping", ping, methods=["GET"])])

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        # /invocations as a bare ASGI function: Starlette's request, routing and middleware cost as much as
        # the rest of the instance's work on a small request; the rest (ping, 404s, lifespan) stays Starlette's
        if scope["type"] == "http" and scope["path"] == "/invocations" and scope["method"] == "POST":
            await invocations(scope, receive, send)
        else:
            await others(scope, receive, send)

    return app


TOKEN_HEADER_KEY = TOKEN_HEADER.lower().encode()


def _text(value: Optional[bytes]) -> Optional[str]:
    return value.decode("latin-1") if value is not None else None


async def _answer(send: Send, status: int, body: bytes, media: Optional[str]) -> None:
    headers = [(b"content-length", str(len(body)).encode())]
    if media:  # an output_fn may answer without a type
        headers.append((b"content-type", media.encode("latin-1")))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _error(send: Send, status: int, message: str) -> None:
    await _answer(send, status, json.dumps({"message": message}).encode(), "application/json")
