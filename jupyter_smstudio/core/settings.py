"""The deployment's settings, declared once as traits.

The server extension inherits them (so they are configured as `c.SmStudio.<name>`), and the SDK's
embedded mode builds the same class with its defaults: both build their services from one object.
Rooms add their own settings the same way (`Room.settings`); the registry composes them.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from traitlets import Bool, Callable, Dict, Float, HasTraits, Int, List, Set, Unicode, default

DEFAULT_STORAGE_ROOT = "file://{smstudio_home}/storage/{user}"


def default_home() -> str:
    return os.path.abspath(os.path.expanduser(os.environ.get("SMSTUDIO_HOME") or "~/.smstudio"))


def default_owner() -> str:
    return os.environ.get("JUPYTERHUB_USER") or getpass.getuser()


def default_db_url(home: str) -> str:
    return f"sqlite:///{Path(home) / 'smstudio.db'}"


class CoreSettings(HasTraits):
    smstudio_home = Unicode(
        help="Folder for SmStudio's state (database, default storage). Default: $SMSTUDIO_HOME or ~/.smstudio"
    ).tag(config=True)

    @default("smstudio_home")
    def _default_home(self) -> str:
        return default_home()

    db_url = Unicode(
        "",
        help="SQLAlchemy URL of the metadata store; default: SQLite in smstudio_home. "
        "Example: postgresql+psycopg://user:pw@host/db",
    ).tag(config=True)
    storage_root = Unicode(
        DEFAULT_STORAGE_ROOT,
        help="Root URL for job outputs and the default bucket; file:// or s3://. "
        "Expands {user}, {smstudio_home}, {root_dir}",
    ).tag(config=True)
    home_volume = Unicode(
        "{root_dir}",
        help="Each user's home volume (file:// URLs are confined to it); expands {user}, {smstudio_home}, {root_dir}",
    ).tag(config=True)
    shared_roots = List(
        Unicode(),
        help="Folders (local paths) and prefixes (s3://bucket/prefix) every user may read and write; expands {user}",
    ).tag(config=True)
    readonly_roots = List(
        Unicode(), help="Folders and s3:// prefixes every user may read but not write (data sets); expands {user}"
    ).tag(config=True)
    s3_options = Dict(
        help="s3fs options for s3:// URLs: key, secret, endpoint_url, ...; string values expand {user}"
    ).tag(config=True)
    s3_options_for_user = Callable(
        None,
        allow_none=True,
        help="A function of the user name answering that user's s3fs options (their own "
        "credentials); when set, s3_options is not used",
    ).tag(config=True)
    admin_users = Set(Unicode(), help="Users who see and manage everyone's records").tag(config=True)
    default_owner = Unicode(
        help="Owner of records when the identity provider does not name users "
        "(a plain token server): $JUPYTERHUB_USER or the OS user"
    ).tag(config=True)

    @default("default_owner")
    def _default_owner(self) -> str:
        return default_owner()

    max_body_bytes = Int(1024 * 1024, help="Largest JSON request body").tag(config=True)
    max_upload_bytes = Int(512 * 1024 * 1024, help="Largest storage upload through the API").tag(config=True)
    export_environment = Bool(
        True, help="Export SMSTUDIO_URL/SMSTUDIO_TOKEN so kernels and terminals find this server"
    ).tag(config=True)
    request_threads = Int(16, help="Threads that run requests' store work off the event loop").tag(config=True)
    requests_per_user = Int(
        4, help="Requests of one user whose store work runs at once (the others of theirs wait)"
    ).tag(config=True)
    store_busy_timeout = Float(
        2.0, help="Seconds a request waits for another writer's lock on a SQLite store before answering 503"
    ).tag(config=True)
    statement_timeout = Float(
        30.0, help="Seconds one SQL statement of a request may run before it is cancelled (503); 0: no limit"
    ).tag(config=True)
    # not configuration: where the server serves files from (ServerApp.root_dir), or the SDK's folder
    root_dir = Unicode()

    @default("root_dir")
    def _default_root_dir(self) -> str:
        return os.getcwd()
