"""The instance's HTTP side: Starlette on uvicorn, SageMaker's container routes.

The handler's work runs in a thread (Starlette's threadpool), so a slow prediction never stops `/ping` from
answering; requests that arrive together share one prediction where the model allows it (batching.py); a body
over `max_payload_bytes` is refused with 413 before it is read whole. An instance the room started has a token
(SMSTUDIO_INSTANCE_TOKEN): `/invocations` answers only requests that carry it, which only the router does, so
another user of the machine cannot reach a model on its loopback port past the room's auth.
"""

from __future__ import annotations

import hmac
from typing import Optional

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

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
) -> Starlette:
    expected = token.encode() if token else None
    batcher = batcher_for(handler)

    async def predict(body: bytes, content_type: str, accept: str) -> tuple[bytes, str]:
        if batcher is not None:
            return await batcher.invoke(body, content_type, accept)
        return await run_in_threadpool(handler.invoke, body, content_type, accept)

    async def ping(request: Request) -> Response:
        return Response(status_code=200)

    async def invocations(request: Request) -> Response:
        if expected is not None and not hmac.compare_digest(request.headers.get(TOKEN_HEADER, "").encode(), expected):
            return _error(403, "this instance answers its endpoint's router only")
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > max_payload_bytes:
            return _error(413, f"the payload is over {max_payload_bytes} bytes")
        body = bytearray()
        async for chunk in request.stream():
            body.extend(chunk)
            if len(body) > max_payload_bytes:
                return _error(413, f"the payload is over {max_payload_bytes} bytes")
        content_type = codecs.media_type(request.headers.get("content-type"), codecs.JSON)
        accept = codecs.accept_type(request.headers.get("accept"), content_type)
        try:
            answer, media = await predict(bytes(body), content_type, accept)
        except ClientError as err:
            return _error(err.status, str(err))
        return Response(answer, media_type=media)

    return Starlette(
        routes=[Route("/ping", ping, methods=["GET"]), Route("/invocations", invocations, methods=["POST"])]
    )


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"message": message}, status_code=status)
