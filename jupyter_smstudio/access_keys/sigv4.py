"""Verifying a SigV4 signature with botocore's own signer, not a copy of its HMAC chain.

The request is rebuilt as botocore's signer saw it on the client: the method, the path and query exactly as they
came (under a base URL or JupyterHub's `/user/<name>/` prefix the client signed the full path, and that is what
arrives), the headers the client listed as signed, and the body. `SigV4Auth` then computes the canonical request,
the string to sign and the signature from the stored secret, the request's own X-Amz-Date and its credential
scope; the two signatures are compared in constant time. Refusals carry AWS's error codes, so boto3 raises a
ClientError a user recognizes.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from ..core.errors import SmStudioError

ALGORITHM = "AWS4-HMAC-SHA256"
SERVICE = "sagemaker"  # the signing name of boto3's sagemaker-runtime (and sagemaker) clients
MAX_SKEW = timedelta(minutes=15)  # AWS's: a signed request is good for 15 minutes either side of its date
AMZ_DATE = "%Y%m%dT%H%M%SZ"
_SIGNATURE = re.compile(r"[0-9a-f]{64}")
_KEY_ID = re.compile(r"[A-Z0-9]{16,128}")
_REGION = re.compile(r"[a-z0-9-]{1,64}")


class SignatureRefused(SmStudioError):
    """A request the signature does not let in: 403 with AWS's code (`reason`), as boto3 reads it."""

    status = 403
    reason = "InvalidSignatureException"


class MissingAuthenticationToken(SignatureRefused):
    reason = "MissingAuthenticationTokenException"


class IncompleteSignature(SignatureRefused):
    reason = "IncompleteSignatureException"


class UnrecognizedClient(SignatureRefused):
    reason = "UnrecognizedClientException"


@dataclass(frozen=True)
class Credential:
    """What the Authorization header claims: whose key, for which day, region and service, over which headers."""

    access_key_id: str
    date: str
    region: str
    service: str
    signed_headers: tuple[str, ...]
    signature: str


@dataclass(frozen=True)
class ReceivedRequest:
    """A request as it came over the wire (the handler's part: no tornado here)."""

    method: str
    uri: str  # path and query, as sent
    headers: dict[str, list[str]]  # lower-case name -> its values in order
    body: bytes

    def header(self, name: str) -> str:
        return ",".join(self.headers.get(name.lower(), []))


def parse_authorization(request: ReceivedRequest) -> Credential:
    header = request.header("authorization").strip()
    if not header:
        raise MissingAuthenticationToken("Missing Authentication Token")
    algorithm, _, rest = header.partition(" ")
    if algorithm != ALGORITHM:
        raise IncompleteSignature(f"Unsupported authorization type: '{algorithm[:40]}' (this server takes {ALGORITHM})")
    fields: dict[str, str] = {}
    for part in rest.split(","):
        name, _, value = part.strip().partition("=")
        fields[name] = value
    for name in ("Credential", "SignedHeaders", "Signature"):
        if not fields.get(name):
            raise IncompleteSignature(f"Authorization header requires '{name}' parameter.")
    scope = fields["Credential"].split("/")
    if len(scope) != 5 or scope[4] != "aws4_request":
        raise IncompleteSignature(
            "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term"
        )
    key_id, date, region, service, _ = scope
    if not _KEY_ID.fullmatch(key_id):
        raise UnrecognizedClient("The security token included in the request is invalid.")
    if not _SIGNATURE.fullmatch(fields["Signature"]) or not _REGION.fullmatch(region):
        raise IncompleteSignature("the Authorization header's Signature or region is malformed")
    return Credential(key_id, date, region, service, tuple(fields["SignedHeaders"].split(";")), fields["Signature"])


def check_scope(request: ReceivedRequest, credential: Credential, now: datetime) -> str:
    """The request's X-Amz-Date when it and the credential's scope are this service's and current."""
    if credential.service != SERVICE:
        raise SignatureRefused(f"Credential should be scoped to correct service: '{SERVICE}'.")
    stamp = request.header("x-amz-date").strip()
    try:
        when = datetime.strptime(stamp, AMZ_DATE).replace(tzinfo=timezone.utc)
    except ValueError:
        raise IncompleteSignature("the request needs an X-Amz-Date header such as 20240101T120000Z") from None
    if "x-amz-date" not in credential.signed_headers:
        raise SignatureRefused("X-Amz-Date must be among the signed headers")
    if credential.date != stamp[:8]:
        raise SignatureRefused(
            f"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
            f"'{credential.date[:8]}' != '{stamp[:8]}', from '{stamp}'."
        )
    if when < now - MAX_SKEW:
        raise SignatureRefused(
            f"Signature expired: {stamp} is now earlier than {(now - MAX_SKEW).strftime(AMZ_DATE)} "
            f"({now.strftime(AMZ_DATE)} - 15 min.)"
        )
    if when > now + MAX_SKEW:
        raise SignatureRefused(
            f"Signature not yet current: {stamp} is still later than {(now + MAX_SKEW).strftime(AMZ_DATE)} "
            f"({now.strftime(AMZ_DATE)} + 15 min.)"
        )
    return stamp


def verify(request: ReceivedRequest, credential: Credential, secret: str, stamp: str) -> None:
    """Raises SignatureRefused unless the request is signed with `secret` as `credential` says."""
    headers: dict[str, str] = {}
    for name in credential.signed_headers:
        if name not in request.headers:
            raise SignatureRefused(f"the signed header '{name[:64]}' is not in the request")
        headers[name] = request.header(name)
    claimed = headers.get("x-amz-content-sha256")
    if claimed is not None and not hmac.compare_digest(claimed, hashlib.sha256(request.body).hexdigest()):
        # botocore's signer trusts this header for the body's hash: a body it does not describe (or an
        # UNSIGNED-PAYLOAD) would let a changed body through, so it must be the body's own hash
        raise SignatureRefused("The provided 'x-amz-content-sha256' header does not match what was computed.")
    # http://: botocore then always hashes the body (as it does over plain HTTP), whatever scheme the client
    # used; the scheme and host of this URL are not part of what is signed (the Host header is)
    rebuilt = AWSRequest(
        method=request.method, url=f"http://localhost{request.uri}", headers=headers, data=request.body
    )
    rebuilt.context["timestamp"] = stamp
    signer = SigV4Auth(Credentials(credential.access_key_id, secret), credential.service, credential.region)
    canonical = signer.canonical_request(rebuilt)
    expected = signer.signature(signer.string_to_sign(rebuilt, canonical), rebuilt)
    if not hmac.compare_digest(expected, credential.signature):
        raise SignatureRefused(
            "The request signature we calculated does not match the signature you provided. "
            "Check your AWS Secret Access Key and signing method."
        )
