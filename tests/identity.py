"""A real jupyter-server IdentityProvider that names users by token (as JupyterHub's does),
so the tests can act as two users and an admin against one server."""

from __future__ import annotations

from jupyter_server.auth.identity import IdentityProvider, User

USERS = {"alice-token": "alice", "bob-token": "bob", "admin-token": "boss"}


class TokenUsers(IdentityProvider):
    def get_user(self, handler):
        header = handler.request.headers.get("Authorization", "")
        if header.startswith("token "):
            name = USERS.get(header[len("token ") :].strip())
            if name:
                # like jupyter-server's own token auth: token requests need no XSRF cookie
                handler._token_authenticated = True
                return User(username=name)
        return None
