"""Routes reached with SigV4-signed requests (boto3's own clients) instead of Jupyter's login.

`POST smstudio/api/runtime/endpoints/{EndpointName}/invocations` is SageMaker Runtime's InvokeEndpoint as boto3
sends it to `endpoint_url=<server URL>smstudio/api/runtime`:

    boto3.client("sagemaker-runtime", endpoint_url=f"{server_url}smstudio/api/runtime",
                 aws_access_key_id=key_id, aws_secret_access_key=secret, region_name="us-east-1")

The signature authenticates the request (service.py, sigv4.py), the key's user is the viewer, and the Endpoints
room's router answers it (InvocationsHandler.invoke). No Jupyter cookie or token is needed and none is looked
at: the credential is the signature, which no other site can make, so there is no XSRF to guard against (as for
Jupyter's own token-authenticated requests). Jupyter's host check applies; its authorizer judged the user when
the key was made (see `post`). Errors come back as AWS's JSON errors (`x-amzn-ErrorType` and a message) so boto3
raises ClientError with their codes; an answer the model refuses is SageMaker's ModelError (424,
OriginalStatusCode, OriginalMessage).
"""

from __future__ import annotations

import json
import uuid
from typing import Any, Optional, Union

from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.auth.identity import User
from tornado import web

from ..core.db import StoreDamaged
from ..core.errors import PayloadTooLarge, SmStudioError
from ..core.handlers import API
from ..endpoints.handlers import MAX_PAYLOAD_BYTES, InvocationsHandler
from ..endpoints.routing import ModelError
from .service import AccessKeyService
from .sigv4 import ReceivedRequest

SIGNED_SHARE = "signed-requests"  # the offloader's share for checking signatures (no user is known yet)
# this server's reasons as the codes boto3's sagemaker-runtime client knows
AWS_CODES = {
    "ValidationError": "ValidationError",
    "ResourceNotFound": "ValidationError",  # SageMaker: "Endpoint ... not found" is a ValidationError
    "ResourceInUse": "ValidationError",
    "PayloadTooLarge": "ValidationError",
    "AccessDenied": "AccessDeniedException",
    "MethodNotAllowed": "UnknownOperationException",
    "ModelError": "ModelError",
}


def aws_code(status: int, reason: str) -> str:
    if reason.endswith("Exception") or reason in AWS_CODES:
        return AWS_CODES.get(reason, reason)
    if status == 503:
        return "ServiceUnavailable"
    if status >= 500:
        return "InternalFailure"
    return {403: "AccessDeniedException", 405: "UnknownOperationException"}.get(status, "ValidationError")


class SignedInvocationsHandler(InvocationsHandler):
    """InvokeEndpoint for boto3's own sagemaker-runtime client, authenticated by the request's signature."""

    _aws_error = False  # set once this handler wrote an error of its own (not the instance's answer)

    def set_default_headers(self) -> None:
        super().set_default_headers()
        self.set_header("x-amzn-RequestId", str(uuid.uuid4()))  # boto3 shows it in ResponseMetadata

    async def prepare(self) -> None:  # type: ignore[override]
        # not JupyterHandler.prepare: it would ask the identity provider for a Jupyter login this request lacks
        if not self.check_host():
            raise web.HTTPError(403, "the Host header is not allowed")
        store_error: Optional[str] = self.settings.get("smstudio_store_error")
        if store_error:  # the store is needed to know the key, before the router's own check
            raise StoreDamaged(store_error)
        body = self.request.body or b""
        if len(body) > MAX_PAYLOAD_BYTES:  # not hashed at all when too big to be invoked with
            raise PayloadTooLarge(f"the payload is {len(body)} bytes; the limit is {MAX_PAYLOAD_BYTES}", field="Body")
        headers = self.request.headers
        received = ReceivedRequest(
            method=self.request.method or "POST",
            uri=self.request.uri or "/",
            headers={name.lower(): headers.get_list(name) for name in headers},
            body=body,
        )
        keys: AccessKeyService = self.services.room_service("access_keys")
        owner = await self.offloader.run(SIGNED_SHARE, lambda: keys.authenticate(received))
        # the key's user, as Jupyter's own token login would name them (the request log and the activity see them)
        self.current_user = self._jupyter_current_user = User(username=owner)
        self._token_authenticated = True  # a credential in a header, not a cookie: no XSRF or origin check
        self._smstudio_owner = owner

    def check_xsrf_cookie(self) -> None:
        """No cookie is involved: the signature is the credential."""

    @allow_unauthenticated  # by Jupyter's login, that is: prepare() let in only a valid signature
    async def post(self, endpoint_name: str) -> None:
        # Jupyter's authorizer judged this user when the key was made (creating a key is an authorized write, as
        # every route); it is not asked again here: it judges Jupyter logins, and JupyterHub's checks the hub's
        # OAuth scopes of the request's user, which a signed request does not have (it would refuse them all).
        # The key's status is what revokes this right (an admin may deactivate a user's keys).
        await self.invoke(self.viewer, endpoint_name)

    # -- answers in AWS's shape ---------------------------------------------------------------------
    def finish(self, chunk: Union[str, bytes, dict[str, Any], None] = None) -> Any:
        if self.get_status() >= 400 and not self._aws_error:
            # the instance refused the request (the router passes its answer on): SageMaker's ModelError
            text = chunk.decode("utf-8", "replace") if isinstance(chunk, bytes) else str(chunk or "")
            return self._model_error(self.get_status(), _said(text))
        return super().finish(chunk)

    def _model_error(self, original: int, text: str) -> Any:
        """SageMaker's answer for a model that refused: 424 ModelError with the instance's status and message."""
        kind = "client" if original < 500 else "server"
        self._aws_error = True
        self.set_status(424)
        self.set_header("Content-Type", "application/json")
        self.set_header("x-amzn-ErrorType", "ModelError")
        body = {
            "ErrorCode": f"{kind.upper()}_ERROR_FROM_MODEL",
            "Message": f'Received {kind} error ({original}) from primary with message "{text[:1000]}"',
            "OriginalMessage": text[:1000],
            "OriginalStatusCode": original,
        }
        return super().finish(json.dumps(body))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        err: Optional[SmStudioError] = kwargs.get("smstudio_error")
        if isinstance(err, ModelError):  # should the router raise it rather than pass the answer on
            self._model_error(err.original_status, _said(err.body.decode("utf-8", "replace")))
            return
        if err is not None:
            code, message = aws_code(err.status, err.reason), err.message
            if err.retry_after is not None:
                self.set_header("Retry-After", str(err.retry_after))
        else:
            exc = kwargs.get("exc_info", (None, None, None))[1]
            code = aws_code(status_code, "")
            message = getattr(exc, "log_message", None) or self._reason
            if status_code >= 500:
                message = "internal error; the server log has the details"
        self._aws_error = True
        self.set_header("Content-Type", "application/json")
        self.set_header("x-amzn-ErrorType", code)
        self.finish(json.dumps({"__type": code, "message": message}))


def _said(text: str) -> str:
    """What the instance said: the message of its JSON error (the serving container's), else its text."""
    try:
        answer = json.loads(text)
    except ValueError:
        return text
    message = answer.get("message") if isinstance(answer, dict) else None
    return message if isinstance(message, str) else text


HANDLERS: list[tuple[str, type]] = [
    (rf"/{API}/runtime/endpoints/(?P<endpoint_name>[^/]+)/invocations", SignedInvocationsHandler)
]
