"""Who sent an invocation, remembered for a few seconds per exact set of credentials.

Jupyter's identity provider costs the router a sixth of its time per request under load (a debug log
record formatted whether shown or not, the token compared, the login cookie decoded or an anonymous user
generated, the cookie it would set serialized). An API client invoking an endpoint sends the same
credentials thousands of times a second, so the router asks the server's identity provider once and
remembers its answer for `TTL_SECONDS` for those exact credentials (Authorization header, cookies, query
string, host and client address): a revoked token or a logged-out cookie stops working within that time
(JupyterHub's own HubAuth remembers a token's user for five minutes). A request the provider refuses is
never remembered; other rooms' routes ask the provider every time.
"""

from __future__ import annotations

import inspect
import threading
import time
from collections import OrderedDict
from typing import Any, Optional

from jupyter_server.auth import IdentityProvider, User
from tornado import web

TTL_SECONDS = 5.0
MAX_REMEMBERED = 1024  # distinct credentials: the oldest are forgotten first

Credentials = tuple[Optional[str], Optional[str], str, str, Optional[str]]


class RecentUsers:
    """The identities the provider gave, by credentials, each for `ttl` seconds."""

    def __init__(self, ttl: float = TTL_SECONDS, size: int = MAX_REMEMBERED):
        self.ttl, self.size = ttl, size
        self._lock = threading.Lock()
        self._users: OrderedDict[Credentials, tuple[float, User, bool]] = OrderedDict()

    def recall(self, key: Credentials) -> Optional[tuple[User, bool]]:
        with self._lock:
            found = self._users.get(key)
            if found is None:
                return None
            if time.monotonic() >= found[0]:
                del self._users[key]
                return None
            return found[1], found[2]

    def remember(self, key: Credentials, user: User, token_authenticated: bool) -> None:
        with self._lock:
            self._users[key] = (time.monotonic() + self.ttl, user, token_authenticated)
            self._users.move_to_end(key)
            while len(self._users) > self.size:
                self._users.popitem(last=False)


def credentials(handler: web.RequestHandler) -> Optional[Credentials]:
    """Everything an identity provider may read to know who sent the request; None when it brought none."""
    request = handler.request
    authorization = request.headers.get("Authorization")
    cookie = request.headers.get("Cookie")
    if not authorization and not cookie and "token=" not in request.query:
        return None
    return authorization, cookie, request.query, request.host, request.remote_ip


class RememberingIdentityProvider:
    """The server's identity provider, with `get_user` answered from `recent` for credentials seen in the
    last seconds; every other attribute is the provider's own."""

    def __init__(self, provider: IdentityProvider, recent: RecentUsers):
        self._provider = provider
        self._recent = recent

    def __getattr__(self, name: str) -> Any:
        return getattr(self._provider, name)

    async def get_user(self, handler: web.RequestHandler) -> Optional[User]:
        key = credentials(handler)
        if key is not None:
            known = self._recent.recall(key)
            if known is not None:
                if known[1]:  # as the provider marked it: a token-authenticated request needs no XSRF check
                    handler._token_authenticated = True  # type: ignore[attr-defined]
                return known[0]
        answer = self._provider.get_user(handler)
        user: Optional[User] = await answer if inspect.isawaitable(answer) else answer
        if key is not None and user is not None:
            self._recent.remember(key, user, bool(getattr(handler, "_token_authenticated", False)))
        return user
