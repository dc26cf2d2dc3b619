"""The instance's HTTP side: Starlette on uvicorn, SageMaker's container routes.

The handler's work runs in a thread (Starlette's threadpool), so a slow prediction never stops `/ping` from
answering; a body over `max_payload_bytes` is refused with 413 before it is read whole.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from . import codecs
from .handler import ClientError, InferenceHandler
from .pipeline import PipelineHandler

# SageMaker's real-time payload limit
MAX_PAYLOAD_BYTES = 6 * 1024 * 1024


def build_app(handler: InferenceHandler | PipelineHandler, max_payload_bytes: int = MAX_PAYLOAD_BYTES) -> Starlette:
    async def ping(request: Request) -> Response:
        return Response(status_code=200)

    async def invocations(request: Request) -> Response:
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
            answer, media = await run_in_threadpool(handler.invoke, bytes(body), content_type, accept)
        except ClientError as err:
            return _error(err.status, str(err))
        return Response(answer, media_type=media)

    return Starlette(
        routes=[Route("/ping", ping, methods=["GET"]), Route("/invocations", invocations, methods=["POST"])]
    )


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"message": message}, status_code=status)
