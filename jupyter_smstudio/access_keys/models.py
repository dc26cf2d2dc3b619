"""The Access keys room's contract, in IAM's shapes (CreateAccessKey, ListAccessKeys, UpdateAccessKey,
DeleteAccessKey), so a page or a script that knows IAM reads them as it would read AWS's answers.

REST (every route needs Jupyter's login; a job's token is refused; each user sees only their own keys):

- `POST   smstudio/api/access-keys`                   no body -> 201 `CreateAccessKeyResponse` (the only
  answer that ever holds the secret: show it once, with a copy button, and say it cannot be shown again)
- `GET    smstudio/api/access-keys[?user_name=]`      -> `ListAccessKeysResponse` (never a secret)
- `PATCH  smstudio/api/access-keys/{access_key_id}`   `UpdateAccessKeyRequest` -> `AccessKeyMetadata`
  (`{"Status": "Inactive"}` revokes a key, `"Active"` enables it again)
- `DELETE smstudio/api/access-keys/{access_key_id}`   -> `AccessKeyDeleted`

`user_name` (list, update and delete) lets an admin see and revoke another user's keys; anyone else naming
another user gets 403. A user holds at most `c.SmStudio.max_access_keys_per_user` keys (2, as IAM), active or
not: a third is a 409 `LimitExceeded` until one is deleted.

A key signs boto3's `sagemaker-runtime` client pointed at `<server URL>smstudio/api/runtime` (handlers.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, Optional

from ..core.models import SageMakerShape as Shape

KeyStatus = Literal["Active", "Inactive"]


class AccessKeyMetadata(Shape):
    """A key as listings show it: never its secret. `LastUsedDate` is absent until the key signs a request
    (it is kept to the minute: a key in steady use is written once a minute, not on every request)."""

    UserName: str
    AccessKeyId: str
    Status: KeyStatus
    CreateDate: datetime
    LastUsedDate: Optional[datetime] = None


class AccessKey(Shape):
    """A new key with its secret: the one answer that holds it (the store keeps it encrypted)."""

    UserName: str
    AccessKeyId: str
    SecretAccessKey: str
    Status: KeyStatus
    CreateDate: datetime


class CreateAccessKeyResponse(Shape):
    AccessKey: AccessKey


class ListAccessKeysResponse(Shape):
    AccessKeyMetadata: list[AccessKeyMetadata]
    IsTruncated: bool = False  # a user has a handful of keys: one page always holds them all


class UpdateAccessKeyRequest(Shape):
    Status: KeyStatus


class AccessKeyDeleted(Shape):
    """DeleteAccessKey's answer (IAM answers nothing but the request's metadata)."""

    AccessKeyId: str
