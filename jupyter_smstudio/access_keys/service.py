"""Access keys: a user's own, created, listed, revoked and deleted as IAM does; and the check of a signed
request (sigv4.py) against the key it names."""

from __future__ import annotations

import base64
import re
import secrets
import threading
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Optional

from ..core.auth import Viewer
from ..core.errors import BadRequest, Conflict, Forbidden
from ..core.orm import utcnow
from .cipher import SecretCipher
from .models import (
    AccessKey,
    AccessKeyDeleted,
    AccessKeyMetadata,
    CreateAccessKeyResponse,
    ListAccessKeysResponse,
    UpdateAccessKeyRequest,
)
from .sigv4 import ReceivedRequest, UnrecognizedClient, check_scope, parse_authorization, verify
from .store import AccessKeyStore, KeyRecord

DEFAULT_LIMIT = 2  # IAM's: two keys per user, so one can be rotated while the other still works
KEY_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"  # IAM's key ids: AKIA + 16 of these
_KEY_ID = re.compile(r"[A-Z0-9]{16,128}")
LAST_USED_EVERY = timedelta(minutes=1)  # a key in steady use is written once a minute, not on every request
# A key just read serves the next signed requests for this long without another look-up (a busy endpoint would
# otherwise read the store on every invocation). A change made through this service counts at once; one made by
# another process on the same store (an SDK script revoking a key) counts within this time.
KNOWN_SECONDS = 1.0
KNOWN_MAX = 1024


class LimitExceeded(Conflict):
    reason = "LimitExceeded"


def new_key_id() -> str:
    return "AKIA" + "".join(secrets.choice(KEY_ID_ALPHABET) for _ in range(16))


def new_secret() -> str:
    return base64.b64encode(secrets.token_bytes(30)).decode()  # 40 characters, as AWS's secrets


def _metadata(record: KeyRecord) -> AccessKeyMetadata:
    return AccessKeyMetadata(
        UserName=record.owner,
        AccessKeyId=record.access_key_id,
        Status="Active" if record.status == "Active" else "Inactive",
        CreateDate=record.create_date,
        LastUsedDate=record.last_used_date,
    )


class AccessKeyService:
    def __init__(self, store: AccessKeyStore, cipher: SecretCipher, limit: int = DEFAULT_LIMIT):
        self.store = store
        self.cipher = cipher
        self.limit = limit
        self._creating = threading.Lock()  # the limit's count and the insert, one user's at a time
        # key id -> (when read, its record, its secret when active); only keys that exist are kept
        self._known: dict[str, tuple[float, KeyRecord, Optional[str]]] = {}

    # -- a user's own keys --------------------------------------------------------------------------
    def _whose(self, viewer: Viewer, user_name: Optional[str]) -> str:
        if viewer.job:
            raise Forbidden("a job's token cannot see or manage access keys")
        if not user_name or user_name == viewer.user:
            return viewer.user
        if viewer.admin:
            return user_name
        raise Forbidden("you may see and manage only your own access keys", field="user_name")

    def create_access_key(self, viewer: Viewer) -> CreateAccessKeyResponse:
        owner = self._whose(viewer, None)  # for oneself only: an admin who made one for another user could sign as them
        secret = new_secret()
        record = KeyRecord(new_key_id(), owner, self.cipher.encrypt(secret), "Active", utcnow(), None)
        with self._creating:
            if self.store.count(owner) >= self.limit:
                raise LimitExceeded(
                    f"Cannot exceed quota for AccessKeysPerUser: {self.limit}. Delete a key (an inactive one "
                    f"counts too) before creating another.",
                    field="AccessKeyId",
                )
            self.store.add(record)
        meta = _metadata(record)
        return CreateAccessKeyResponse(
            AccessKey=AccessKey(
                UserName=owner,
                AccessKeyId=record.access_key_id,
                SecretAccessKey=secret,
                Status=meta.Status,
                CreateDate=record.create_date,
            )
        )

    def list_access_keys(self, viewer: Viewer, user_name: Optional[str] = None) -> ListAccessKeysResponse:
        owner = self._whose(viewer, user_name)
        return ListAccessKeysResponse(AccessKeyMetadata=[_metadata(r) for r in self.store.of_owner(owner)])

    def update_access_key(
        self,
        viewer: Viewer,
        access_key_id: str,
        request: UpdateAccessKeyRequest,
        user_name: Optional[str] = None,
    ) -> AccessKeyMetadata:
        owner = self._whose(viewer, user_name)
        self.store.set_status(owner, _checked(access_key_id), request.Status)
        self._known.pop(access_key_id, None)
        return _metadata(self.store.get(owner, access_key_id))

    def delete_access_key(
        self, viewer: Viewer, access_key_id: str, user_name: Optional[str] = None
    ) -> AccessKeyDeleted:
        owner = self._whose(viewer, user_name)
        self.store.delete(owner, _checked(access_key_id))
        self._known.pop(access_key_id, None)
        return AccessKeyDeleted(AccessKeyId=access_key_id)

    # -- signed requests ----------------------------------------------------------------------------
    def authenticate(self, request: ReceivedRequest, now: Optional[datetime] = None) -> str:
        """The user whose active key signed `request`; a SignatureRefused (403, AWS's code) otherwise."""
        now = now or datetime.now(timezone.utc)
        credential = parse_authorization(request)
        stamp = check_scope(request, credential, now)
        record, secret = self._signing_key(credential.access_key_id)
        # one answer for a key that never was, was deleted, or is inactive: nothing to learn by trying ids
        if record is None or secret is None:
            raise UnrecognizedClient("The security token included in the request is invalid.")
        verify(request, credential, secret, stamp)
        if record.last_used_date is None or now - record.last_used_date >= LAST_USED_EVERY:
            self.store.mark_used(record.access_key_id, now)
            self._known[record.access_key_id] = (time.monotonic(), replace(record, last_used_date=now), secret)
        return record.owner

    def _signing_key(self, access_key_id: str) -> tuple[Optional[KeyRecord], Optional[str]]:
        """The key's record and, when it is active, its secret: from what was read within KNOWN_SECONDS."""
        now = time.monotonic()
        known = self._known.get(access_key_id)
        if known is not None and now - known[0] < KNOWN_SECONDS:
            return known[1], known[2]
        record = self.store.find(access_key_id)
        if record is None:
            return None, None
        secret = self.cipher.decrypt(record.secret) if record.status == "Active" else None
        if len(self._known) >= KNOWN_MAX:
            self._known.clear()
        self._known[access_key_id] = (now, record, secret)
        return record, secret


def _checked(access_key_id: str) -> str:
    if not _KEY_ID.fullmatch(access_key_id):
        raise BadRequest("AccessKeyId must be 16 to 128 capital letters and digits (AKIA...)", field="AccessKeyId")
    return access_key_id
