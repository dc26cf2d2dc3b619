"""`boto_session.client("iam")`: the access-key calls of IAM, answered by the Access keys room, so a notebook can
make the key that boto3's own `sagemaker-runtime` client signs with (see docs/security.md)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from .._boto import ClientError
from ._base import ClientBase, client_call, required

if TYPE_CHECKING:
    from ..session import Session


class NoSuchEntityException(ClientError):
    pass


class LimitExceededException(ClientError):
    pass


_ERRORS: dict[int, tuple[str, type[ClientError]]] = {
    404: ("NoSuchEntity", NoSuchEntityException),
    409: ("LimitExceeded", LimitExceededException),
    403: ("AccessDenied", ClientError),
}


def _code(status: int) -> tuple[str, type[ClientError]]:
    return _ERRORS.get(status, ("ServiceFailure" if status >= 500 else "ValidationError", ClientError))


iam_api = client_call(_code)


class IAMClient(ClientBase):
    """boto3's `iam` client, for the signed-in user's own access keys (UserName names another user's: admins only)."""

    SERVICE = "iam"
    _later = "only the access-key calls of IAM are answered (create, list, update, delete)"

    def __init__(self, session: Session):
        super().__init__(session)
        self.exceptions = SimpleNamespace(
            ClientError=ClientError,
            NoSuchEntityException=NoSuchEntityException,
            LimitExceededException=LimitExceededException,
        )

    def can_paginate(self, operation_name: str) -> bool:
        return False  # a user has a handful of keys: one answer holds them all

    @iam_api
    def create_access_key(self, **kwargs: Any) -> dict[str, Any]:
        return dict(self.backend.create_access_key())

    @iam_api
    def list_access_keys(self, **kwargs: Any) -> dict[str, Any]:
        return dict(self.backend.list_access_keys(user_name=kwargs.get("UserName")))

    @iam_api
    def update_access_key(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "AccessKeyId", "Status")
        self.backend.update_access_key(
            kwargs["AccessKeyId"], {"Status": kwargs["Status"]}, user_name=kwargs.get("UserName")
        )
        return {}

    @iam_api
    def delete_access_key(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "AccessKeyId")
        self.backend.delete_access_key(access_key_id=kwargs["AccessKeyId"], user_name=kwargs.get("UserName"))
        return {}
