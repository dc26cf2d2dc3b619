"""Who is asking, and what they may see."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Optional

from .errors import NotFound


@dataclass(frozen=True)
class Viewer:
    """The owner name records are filed under, and whether they see everyone's."""

    user: str
    admin: bool = False
    job: Optional[str] = None  # the job whose token made the request (a job acts for its owner, in its own name)

    def can_see(self, owner: str) -> bool:
        return self.admin or owner == self.user

    def require(self, owner: str, what: str, field: str = "name") -> None:
        # 404, not 403: other users' records do not even exist for this viewer.
        if not self.can_see(owner):
            raise NotFound(f"{what} does not exist", field=field)

    @property
    def owner_filter(self) -> str | None:
        return None if self.admin else self.user


def new_token() -> tuple[str, str]:
    """A secret for a job process and the hash the store keeps."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_matches(token: str, token_hash: str) -> bool:
    return hmac.compare_digest(hash_token(token), token_hash)
