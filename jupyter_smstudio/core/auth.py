"""Who is asking, and what they may see."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Iterable, Optional

from .errors import Conflict, NotFound


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


def resolve_owner(viewer: Viewer, holders: Iterable[tuple[str, bool]], kind: str, name: str, field: str) -> str:
    """Whose record a name means for this viewer. Names are unique per owner (as if each user were a SageMaker
    account of their own), so one name may be held by several users; `holders` are (owner, shared) of every
    record of the name. The viewer's own record first; else the one record of another user the viewer may read
    (admins read all; `shared`: readable by everyone); several -> 409 (only admins and readers of shared records
    meet it); none -> 404, the same answer as for a record that does not exist at all."""
    held = list(holders)
    if any(owner == viewer.user for owner, _ in held):
        return viewer.user
    readable = sorted({owner for owner, shared in held if shared or viewer.admin})
    if len(readable) > 1:
        raise Conflict(
            f"several users have a {kind} named '{name}' ({', '.join(readable)}): the name does not say whose",
            field=field,
        )
    if readable:
        return readable[0]
    raise NotFound(f"{kind} '{name}' does not exist", field=field)


def new_token() -> tuple[str, str]:
    """A secret for a job process and the hash the store keeps."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_matches(token: str, token_hash: str) -> bool:
    return hmac.compare_digest(hash_token(token), token_hash)
