"""The router's memory of who sent which credentials (endpoints/recent_users.py): for a few seconds, for exactly
those credentials, never a refusal; the server's own provider answers everything else."""

from __future__ import annotations

import time

from jupyter_server.auth import User
from tornado.httputil import HTTPHeaders, HTTPServerRequest

from jupyter_smstudio.endpoints.recent_users import RecentUsers, RememberingIdentityProvider, credentials
from tests.identity import TokenUsers


class _Handler:
    """What an identity provider reads of a tornado handler: its request (a real HTTPServerRequest)."""

    def __init__(self, headers: dict[str, str], uri: str = "/smstudio/api/endpoints/e/invocations"):
        self.request = HTTPServerRequest(method="POST", uri=uri, headers=HTTPHeaders(headers), host="127.0.0.1:8888")


def test_remembered_for_the_ttl_and_bounded():
    recent = RecentUsers(ttl=0.2, size=2)
    key = ("token a", None, "", "127.0.0.1:8888", "127.0.0.1")
    recent.remember(key, User(username="alice"), True)
    assert recent.recall(key) == (User(username="alice"), True)
    time.sleep(0.25)
    assert recent.recall(key) is None
    for name in ("a", "b", "c"):
        recent.remember((f"token {name}", None, "", "h", "ip"), User(username=name), False)
    assert recent.recall(("token a", None, "", "h", "ip")) is None  # the oldest went first
    assert recent.recall(("token c", None, "", "h", "ip")) == (User(username="c"), False)


def test_credentials_cover_everything_a_provider_reads():
    assert credentials(_Handler({})) is None  # nothing to remember a user by
    a = credentials(_Handler({"Authorization": "token alice-token"}))
    assert a == ("token alice-token", None, "", "127.0.0.1:8888", None)
    assert credentials(_Handler({"Cookie": "username-x=1"})) != credentials(_Handler({"Cookie": "username-x=2"}))
    in_query = credentials(_Handler({}, uri="/e/invocations?token=abc"))
    assert in_query == (None, None, "token=abc", "127.0.0.1:8888", None)


async def test_provider_asked_once_per_credentials_and_never_remembers_a_refusal():
    provider = TokenUsers()
    asked: list[str] = []
    real_get_user = provider.get_user

    def counting(handler):
        asked.append(handler.request.headers.get("Authorization", ""))
        return real_get_user(handler)

    provider.get_user = counting  # type: ignore[method-assign]
    remembering = RememberingIdentityProvider(provider, RecentUsers())
    for _ in range(3):
        alice = _Handler({"Authorization": "token alice-token"})
        assert (await remembering.get_user(alice)) == User(username="alice")
        assert alice._token_authenticated  # as the provider marked it the first time: no XSRF asked
        assert (await remembering.get_user(_Handler({"Authorization": "token bob-token"}))).username == "bob"
        assert (await remembering.get_user(_Handler({"Authorization": "token forged"}))) is None
    assert asked.count("token alice-token") == 1 and asked.count("token bob-token") == 1
    assert asked.count("token forged") == 3
    assert remembering.token == provider.token  # everything but get_user is the provider's own
